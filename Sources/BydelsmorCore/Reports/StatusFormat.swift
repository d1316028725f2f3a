/// `bydelsmor status` in text, Markdown and JSON.
public enum StatusFormat: String, Sendable, CaseIterable {
    case text, markdown, json

    public func render(_ st: ProjectStatus, lang l: Lang) -> String {
        switch self {
        case .text: return StatusFormat.text(st, l)
        case .markdown: return StatusFormat.markdown(st, l)
        case .json: return StatusFormat.json(st)
        }
    }

    /// Text and Markdown list the first of what needs doing; JSON has all of it.
    static let attentionShown = 15
    static func moreAttention(_ count: Int, _ l: Lang) -> String? {
        let more = count - attentionShown
        guard more > 0 else { return nil }
        return l.t("… og \(l.number(more)) mere (alle: --format json, eller rude 1)",
                   "… and \(l.number(more)) more (all: --format json, or pane 1)")
    }

    static func nextText(_ st: ProjectStatus, _ l: Lang) -> String {
        guard let n = st.next else { return l.t("ingen planlagt", "none scheduled") }
        return (st.nextHold.map { $0 + ": " } ?? "") + "\(l.t("modul", "module")) \(n.module) \(st.nextTitle ?? "") — \(l.weekdayNames[n.date.weekday - 1]) \(l.shortDate(n.date)) (\(l.week(n.date))) \(n.start.text)–\(n.end.text), \(n.place)"
    }

    static func text(_ st: ProjectStatus, _ l: Lang) -> String {
        var o = l.t("Bydelsmødre — status pr. ", "Bydelsmødre — status on ") + l.longDate(st.today) + "\n\n"
        if !st.attention.isEmpty {
            o += l.t("Det skal gøres nu", "What needs doing now") + "\n"
            let shown = Attention.grouped(st.attention, l)
            for a in shown.prefix(StatusFormat.attentionShown) { o += "  – " + a.text + "\n" }
            o += StatusFormat.moreAttention(shown.count, l).map { "  " + $0 + "\n" } ?? ""
            o += "\n"
        }
        o += l.t("Faser", "Phases") + "\n"
        for p in st.phases {
            o += "  \(p.number). \(p.title): \(p.status.label(l)), \(p.milestonesDone)/\(p.milestonesTotal) \(l.t("milepæle", "milestones"))\n"
            for h in p.holds { o += "     \(h.name): \(h.stage.label(l)), \(h.modulesHeld)/\(h.modulesTotal) \(l.t("moduler", "modules"))\n" }
        }
        if let a = st.association { o += "  " + a.line(l) + "\n" }
        o += "\n" + l.t("Grunduddannelse", "Basic training") + "\n"
        o += "  \(l.t("moduler afholdt", "modules held"))\(st.currentHold.map { " (\($0.name))" } ?? ""): \(st.modulesHeld)/\(st.modulesTotal), \(l.t("planlagt", "scheduled")): \(l.number(st.modulesScheduled))\n"
        o += "  \(l.t("næste modulgang", "next session")): \(nextText(st, l))\n"
        o += "\n" + l.t("Bydelsmødre", "Volunteers") + ": \(l.number(st.volunteersTotal))\n"
        for (stage, n) in st.byStage { o += "  \(stage.label(l)): \(l.number(n))\n" }
        o += "  \(l.t("kan få diplom", "eligible for the diploma")): \(l.number(st.diplomaEligible))\n"
        o += "\n" + l.t("Samtaler", "Conversations") + ": \(l.number(st.conversations)), \(l.t("henvist videre", "referred on")): \(l.number(st.referred)) (\(st.referralPercent) %)\n"
        o += "\n" + l.t("Budget", "Budget") + "\n"
        o += "  \(StatusFormat.plannedLabel(st, l)): \(st.plannedLow.formatted(l)) – \(st.plannedHigh.formatted(l))\n"
        o += "  \(l.t("brugt", "spent")): \(st.spent.formatted(l))\n"
        o += "  " + Money.remaining(spent: st.spent, low: st.plannedLow, high: st.plannedHigh, l) + "\n"
        for line in st.lines {
            o += "    \(line.title): \(line.spent.formatted(l)) \(l.t("af", "of")) \(Money.range(line.plannedLow, line.plannedHigh, l))\n"
        }
        o += "  \(l.t("koordinatortimer", "coordinator hours")): \(st.hoursLogged.formatted(l))\n"
        return o
    }

    /// "planlagt", or "planlagt for 2025–2027" once the budget covers more than one calendar year:
    /// the totals are then the plan for all its years so far, against all that was spent.
    public static func plannedLabel(_ st: ProjectStatus, _ l: Lang) -> String {
        guard let f = st.budgetYearsCovered.first, let t = st.budgetYearsCovered.last, t > f else { return l.t("planlagt", "planned") }
        return l.t("planlagt for \(f)–\(t)", "planned for \(f)–\(t)")
    }

    static func markdown(_ st: ProjectStatus, _ l: Lang) -> String {
        func cell(_ s: String) -> String { Markdown.text(s) }
        var o = "# " + l.t("Bydelsmødre — status pr. ", "Bydelsmødre — status on ") + l.longDate(st.today) + "\n\n"
        if !st.attention.isEmpty {
            o += "## " + l.t("Det skal gøres nu", "What needs doing now") + "\n\n"
            let shown = Attention.grouped(st.attention, l)
            for a in shown.prefix(StatusFormat.attentionShown) { o += "- " + cell(a.text) + "\n" }
            o += StatusFormat.moreAttention(shown.count, l).map { "- " + $0 + "\n" } ?? ""
            o += "\n"
        }
        o += "## " + l.t("Faser", "Phases") + "\n\n| # | \(l.t("Fase", "Phase")) | Status | \(l.t("Milepæle", "Milestones")) |\n|---|---|---|---|\n"
        for p in st.phases { o += "| \(p.number) | \(cell(p.title)) | \(p.status.label(l)) | \(p.milestonesDone)/\(p.milestonesTotal) |\n" }
        if let a = st.association { o += "\n" + cell(a.line(l)) + "\n" }
        o += "\n## " + l.t("Grunduddannelse", "Basic training") + "\n\n"
        o += "- \(l.t("Moduler afholdt", "Modules held"))\(st.currentHold.map { " (\(cell($0.name)))" } ?? ""): \(st.modulesHeld) \(l.t("af", "of")) \(st.modulesTotal)\n"
        o += "- \(l.t("Planlagt", "Scheduled")): \(st.modulesScheduled)\n"
        o += "- \(l.t("Næste modulgang", "Next session")): \(cell(nextText(st, l)))\n"
        o += "\n## " + l.t("Bydelsmødre", "Volunteers") + " (\(st.volunteersTotal))\n\n"
        for (stage, n) in st.byStage { o += "- \(stage.label(l)): \(l.number(n))\n" }
        o += "\n## " + l.t("Samtaler", "Conversations") + "\n\n- \(l.t("Samtaler", "Conversations")): \(l.number(st.conversations))\n- \(l.t("Henvist videre", "Referred on")): \(l.number(st.referred)) (\(st.referralPercent) %)\n"
        let planned = StatusFormat.plannedLabel(st, l)
        o += "\n## Budget\n\n| \(l.t("Linje", "Line")) | \(planned.prefix(1).uppercased() + planned.dropFirst()) | \(l.t("Brugt", "Spent")) |\n|---|---:|---:|\n"
        for line in st.lines {
            o += "| \(cell(line.title)) | \(line.plannedLow.formatted(l)) – \(line.plannedHigh.formatted(l)) | \(line.spent.formatted(l)) |\n"
        }
        o += "| **\(l.t("I alt", "Total"))** | **\(st.plannedLow.formatted(l)) – \(st.plannedHigh.formatted(l))** | **\(st.spent.formatted(l))** |\n"
        // Sentences that end in "kr." get no second full stop.
        let left = Money.remaining(spent: st.spent, low: st.plannedLow, high: st.plannedHigh, l)
        o += "\n" + left.prefix(1).uppercased() + left.dropFirst() + (left.hasSuffix(".") ? "" : ".") + " \(l.t("Koordinatortimer", "Coordinator hours")): \(st.hoursLogged.formatted(l)).\n"
        return o
    }

    static func json(_ st: ProjectStatus) -> String {
        let w = JSONWriter()
        w.object {
            w.key("today"); w.string(st.today.iso)
            w.key("attention"); w.array(st.attention) { a in
                w.object {
                    w.key("kind"); w.string(a.kind.rawValue)
                    w.key("id"); w.string(a.id)
                    w.key("text"); w.string(a.text)
                    w.key("since"); if let d = a.since { w.string(d.iso) } else { w.raw("null") }
                }
            }
            w.key("phases"); w.array(st.phases) { p in
                w.object {
                    w.key("number"); w.raw(String(p.number))
                    w.key("title"); w.string(p.title)
                    w.key("status"); w.string(p.status.rawValue)
                    w.key("start"); if let d = p.start { w.string(d.iso) } else { w.raw("null") }
                    w.key("end"); if let d = p.end { w.string(d.iso) } else { w.raw("null") }
                    w.key("milestonesDone"); w.raw(String(p.milestonesDone))
                    w.key("milestonesTotal"); w.raw(String(p.milestonesTotal))
                }
            }
            w.key("modules"); w.object {
                // The current hold's modules (another hold's sessions never count); null before holds.
                w.key("hold"); if let h = st.currentHold { w.string(RecordKind.hold.ref(h.id)) } else { w.raw("null") }
                w.key("total"); w.raw(String(st.modulesTotal))
                w.key("scheduled"); w.raw(String(st.modulesScheduled))
                w.key("held"); w.raw(String(st.modulesHeld))
                w.key("next")
                if let n = st.next {
                    w.object {
                        w.key("session"); w.string(RecordKind.session.ref(n.id))
                        w.key("module"); w.raw(String(n.module))
                        w.key("title"); w.string(st.nextTitle ?? "")
                        w.key("date"); w.string(n.date.iso)
                        w.key("isoWeek"); w.raw(String(n.date.isoWeek.week))
                        w.key("start"); w.string(n.start.text)
                        w.key("end"); w.string(n.end.text)
                        w.key("place"); w.string(n.place)
                        w.key("teacher"); w.string(n.teacher)
                    }
                } else { w.raw("null") }
            }
            w.key("volunteers"); w.object {
                w.key("total"); w.raw(String(st.volunteersTotal))
                w.key("byStage"); w.object {
                    for (stage, n) in st.byStage { w.key(stage.jsonKey); w.raw(String(n)) }
                }
                w.key("diplomaEligible"); w.raw(String(st.diplomaEligible))
            }
            w.key("holds"); w.array(st.holds) { h in
                w.object {
                    w.key("id"); w.string(RecordKind.hold.ref(h.id))
                    w.key("name"); w.string(h.name)
                    w.key("start"); w.string(h.start.iso)
                    w.key("end"); if let e = h.end { w.string(e.iso) } else { w.raw("null") }
                    w.key("volunteers"); w.raw(String(h.volunteers))
                    w.key("sessionsScheduled"); w.raw(String(h.sessionsScheduled))
                    w.key("sessionsHeld"); w.raw(String(h.sessionsHeld))
                    w.key("modulesHeld"); w.raw(String(h.modulesHeld))
                    w.key("modulesTotal"); w.raw(String(h.modulesTotal))
                    w.key("diplomaEligible"); w.raw(String(h.diplomaEligible))
                    w.key("stage"); w.string(h.stage.rawValue)
                }
            }
            w.key("funding"); w.object {
                w.key("applied"); w.raw(st.fundingApplied.jsonNumber)
                w.key("granted"); w.raw(st.fundingGranted.jsonNumber)
                w.key("grantedByYear"); w.array(st.grantedByYear) { y in
                    w.object { w.key("year"); w.raw(String(y.year)); w.key("granted"); w.raw(y.granted.jsonNumber) }
                }
            }
            w.key("activities"); w.object {
                w.key("total"); w.raw(String(st.activities))
                w.key("byKind"); w.object { for (k, n) in st.activitiesByKind { w.key(k.rawValue); w.raw(String(n)) } }
                w.key("participants"); w.raw(String(st.participants))
            }
            w.key("association"); if let a = st.association { a.write(w) } else { w.raw("null") }
            w.key("recruitment"); w.object { for r in RecruitStatus.allCases { w.key(r.rawValue); w.raw(String(st.recruitment[r] ?? 0)) } }
            w.key("outreach"); w.object {
                w.key("conversations"); w.raw(String(st.conversations))
                w.key("referred"); w.raw(String(st.referred))
            }
            w.key("budget"); w.object {
                // The totals and lines cover the calendar years so far; `years` splits them.
                w.key("plannedLow"); w.raw(st.plannedLow.jsonNumber)
                w.key("plannedHigh"); w.raw(st.plannedHigh.jsonNumber)
                w.key("spent"); w.raw(st.spent.jsonNumber)
                w.key("remainingLow"); w.raw(st.remainingLow.jsonNumber)
                w.key("remainingHigh"); w.raw(st.remainingHigh.jsonNumber)
                w.key("years"); w.array(st.budgetYears) { y in
                    w.object {
                        w.key("year"); w.raw(String(y.year))
                        w.key("plannedLow"); w.raw(y.plannedLow.jsonNumber)
                        w.key("plannedHigh"); w.raw(y.plannedHigh.jsonNumber)
                        w.key("spent"); w.raw(y.spent.jsonNumber)
                    }
                }
                w.key("hoursLogged"); w.raw(st.hoursLogged.plain)
                w.key("lines"); w.array(st.lines) { line in
                    w.object {
                        w.key("id"); w.string(line.id)
                        w.key("title"); w.string(line.title)
                        w.key("period"); w.string(line.period.rawValue)
                        w.key("plannedLow"); w.raw(line.plannedLow.jsonNumber)
                        w.key("plannedHigh"); w.raw(line.plannedHigh.jsonNumber)
                        w.key("spent"); w.raw(line.spent.jsonNumber)
                    }
                }
            }
        }
        return w.out + "\n"
    }
}

/// A small, ordered JSON writer (keys come out in the order written, so output is stable).
public final class JSONWriter {
    public var out = ""
    var needsComma = [false]
    public init() {}

    func separator() {
        if needsComma[needsComma.count - 1] { out += "," }
        needsComma[needsComma.count - 1] = true
    }
    public func object(_ body: () -> Void) {
        separator(); out += "{"; needsComma.append(false); body(); needsComma.removeLast(); out += "}"
    }
    public func array<S: Sequence>(_ items: S, _ body: (S.Element) -> Void) {
        separator(); out += "["; needsComma.append(false)
        for i in items { body(i) }
        needsComma.removeLast(); out += "]"
    }
    public func key(_ k: String) {
        separator(); out += JSONWriter.quote(k) + ":"
        needsComma[needsComma.count - 1] = false
    }
    public func string(_ s: String) { separator(); out += JSONWriter.quote(s) }
    public func raw(_ s: String) { separator(); out += s }

    public static func quote(_ s: String) -> String {
        var o = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            case "\r": o += "\\r"
            case "\t": o += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    o += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else { o.unicodeScalars.append(u) }
            }
        }
        return o + "\""
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
