import Foundation

/// The yearly report as a document: Markdown, HTML (an A4 page a committee prints, with charts) and
/// JSON hold the same sections, in the same order (`sections`), so what is printed never has less
/// than what is read on screen.
extension YearReport {
    /// A section of the report: its id (the JSON key and the HTML anchor) and its heading.
    public struct Section: Sendable, Equatable {
        public var id: String, da: String, en: String
        public func title(_ l: Lang) -> String { l.t(da, en) }
    }

    /// The sections this report has: always the first six; the comparison where there is a year
    /// before, the corrections where any were made after the year ended.
    public var sections: [Section] {
        var out = [
            Section(id: "training", da: "Uddannelse", en: "Training"),
            Section(id: "holds", da: "Hold", en: "Holds"),
            Section(id: "activities", da: "Aktiviteter", en: "Activities"),
            Section(id: "conversations", da: "Samtaler", en: "Conversations"),
            Section(id: "budget", da: "Budget", en: "Budget"),
            Section(id: "funding", da: "Fondsmidler", en: "Funding"),
        ]
        if let e = effects, !e.isEmpty { out.append(Section(id: "effects", da: "Effekt", en: "Effects")) }
        if let p = previous { out.append(Section(id: "comparison", da: "Sammenlignet med \(p.year)", en: "Compared with \(p.year)")) }
        if !corrections.isEmpty { out.append(Section(id: "corrections", da: "Rettet efter årets afslutning",
                                                     en: "Corrected after the year ended")) }
        return out
    }

    var plannedLow: Money { lines.reduce(.zero) { $0 + $1.low } }
    var plannedHigh: Money { lines.reduce(.zero) { $0 + $1.high } }
    var spent: Money { lines.reduce(.zero) { $0 + $1.spent } }
    /// A line with nothing planned and nothing spent in the year (a one-off start-up cost after its
    /// year) is left out of the tables, as on the budget pane; the totals are the same either way.
    var shownLines: [(title: String, low: Money, high: Money, spent: Money)] { lines.filter { $0.high > .zero || $0.spent > .zero } }

    /// "lavet 7. december 2026 af anna med bydelsmor 0.4.0".
    func madeLine(_ l: Lang) -> String {
        var parts: [String] = []
        if let d = madeOn { parts.append(l.t("lavet ", "made ") + l.longDate(d)) }
        if let who = madeBy, !who.isEmpty { parts.append(l.t("af ", "by ") + who) }
        parts.append(l.t("med bydelsmor ", "with bydelsmor ") + ProgramVersion.current)
        return parts.joined(separator: " ")
    }

    func title(_ l: Lang) -> String { l.t("Bydelsmødre — årsrapport \(year)", "Bydelsmødre — annual report \(year)") }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    // MARK: Markdown

    /// Spending per month as bars of `#`, for plain text.
    public func chart(_ l: Lang, width: Int = 40) -> String {
        let top = spendByMonth.map(\.ore).max() ?? 0
        var out = ""
        for (i, m) in spendByMonth.enumerated() {
            let n = top == 0 ? 0 : Int((Double(m.ore) / Double(top) * Double(width)).rounded())
            let name = String(l.monthNames[i].prefix(3))
            out += name + String(repeating: " ", count: 4 - name.count) + String(repeating: "#",
                    count: n) + String(repeating: " ", count: width - n + 1) + m.formatted(l) + "\n"
        }
        return out
    }

    public func markdown(_ l: Lang) -> String {
        let md = Markdown.text
        var o = "# " + title(l) + "\n\n"
        o += (group.map { md($0) + " · " } ?? "") + md(Self.capitalised(madeLine(l))) + "\n\n"
        for section in sections {
            o += "## " + md(section.title(l)) + "\n\n"
            switch section.id {
            case "training":
                o += "- \(l.t("Kvinder uddannet (nået diplomkravet)", "Women trained (reached the diploma rule)")): \(trained)\n"
                o += "- \(l.t("Moduler afholdt", "Modules held")): \(modulesHeld) \(l.t("af", "of")) 15 (\(sessionsHeld) \(l.t("modulgange", "sessions")))\n"
                o += "- \(l.t("Fremmøde", "Attendance")): \(attendanceRate) %\n"
                // Registered by the end of that year: next year's hold is not counted in this year's report.
                o += "- \(l.t("Bydelsmødre i alt", "Volunteers in all")): \(registered)" + (newVolunteers > 0 ? " (\(newVolunteers) \(l.t("nye i året", "new in the year")))" : "") + "\n\n"
            case "holds":
                if holds.isEmpty { o += l.t("Ingen hold i året.", "No holds in the year.") + "\n\n"; break }
                o += "| \(l.t("Hold", "Hold")) | \(l.t("Kvinder", "Women")) | \(l.t("Moduler afholdt", "Modules held")) | \(l.t("Modulgange", "Sessions")) | \(l.t("Fremmøde", "Attendance")) | \(l.t("Diplomkrav nået", "Diploma rule reached")) |\n|---|---:|---:|---:|---:|---:|\n"
                for h in holds {
                    o += "| \(md(h.name)) | \(h.volunteers) | \(h.modulesHeld)/\(h.modulesTotal) | \(h.sessionsHeld) | \(h.attendance) % | \(h.diplomaEligible) |\n"
                }
                o += "\n"
            case "activities":
                if activities.isEmpty { o += l.t("Ingen aktiviteter holdt i året.", "No activities held in the year.") + "\n" }
                for a in activities {
                    o += "- \(Self.capitalised(a.0.label(l))): \(a.count)" + (a.participants > 0 ? " (\(l.number(a.participants)) \(l.t("deltagere", "participants")))" : "") + "\n"
                }
                if !plannedActivities.isEmpty {
                    o += "\n" + l.t("Planlagt resten af året (ikke talt med):", "Planned for the rest of the year (not counted):") + "\n\n"
                    for a in plannedActivities { o += "- \(Self.capitalised(a.0.label(l))): \(a.count)\n" }
                }
                o += "\n"
            case "conversations":
                o += "- \(l.t("Samtaler", "Conversations")): \(l.number(conversations)), \(l.t("henvist videre", "referred on")): \(l.number(referred)) (\(referralPercent) %)\n"
                o += "- \(l.t("Frivillige timer i samtaler", "Volunteer hours in conversations")): \(l.number(volunteerHours))\n"
                o += "- \(l.t("Koordinatortimer", "Coordinator hours")): \(coordinatorHours.formatted(l))\n\n"
                o += "| \(l.t("Emne", "Topic")) | \(l.t("Samtaler", "Conversations")) |\n|---|---:|\n"
                for (t, n) in byTopic { o += "| \(t.label(l)) | \(l.number(n)) |\n" }
                // As the national registration asks: how contact arose, and where women were referred.
                if conversations > 0 {
                    o += "\n| \(l.t("Kontakten opstod", "Contact arose")) | \(l.t("Samtaler", "Conversations")) |\n|---|---:|\n"
                    for (c, n) in byContact where n > 0 { o += "| \(c.label(l)) | \(l.number(n)) |\n" }
                    if byReferral.contains(where: { $0.1 > 0 }) {
                        o += "\n| \(l.t("Henvist til", "Referred to")) | \(l.t("Samtaler", "Conversations")) |\n|---|---:|\n"
                        for (r, n) in byReferral where n > 0 { o += "| \(r.label(l)) | \(l.number(n)) |\n" }
                    }
                    o += "\n| \(l.t("Måned", "Month")) | \(l.t("Samtaler", "Conversations")) | \(l.t("Henvist", "Referred")) |\n|---|---:|---:|\n"
                    for i in 0..<12 where conversationsByMonth[i] > 0 { o += "| \(l.monthNames[i]) | \(l.number(conversationsByMonth[i])) | \(l.number(referredByMonth[i])) |\n" }
                }
                o += "\n"
            case "budget":
                o += "| \(l.t("Linje", "Line")) | \(l.t("Planlagt", "Planned")) | \(l.t("Brugt", "Spent")) |\n|---|---:|---:|\n"
                for line in shownLines {
                    o += "| \(md(line.title)) | \(line.low.formatted(l)) – \(line.high.formatted(l)) | \(line.spent.formatted(l)) |\n"
                }
                o += "| **\(l.t("I alt", "Total"))** | **\(plannedLow.formatted(l)) – \(plannedHigh.formatted(l))** | **\(spent.formatted(l))** |\n"
                o += "\n### " + l.t("Udgifter pr. måned", "Spending by month") + "\n\n```\n" + chart(l) + "```\n\n"
            case "funding":
                o += "- \(l.t("Fondsmidler", "Funding")): \(l.t("ansøgt", "applied for")) \(fundingApplied.formatted(l)), \(l.t("bevilget", "granted")) \(fundingGranted.formatted(l))\n\n"
            case "effects":
                for line in effects?.lines(l) ?? [] { o += "- " + md(line) + "\n" }
                o += "\n"
            case "comparison":
                guard let p = previous else { break }
                o += "| | \(p.year) | \(year) |\n|---|---:|---:|\n"
                for row in comparisonRows(l, p) { o += "| \(row.0) | \(row.1) | \(row.2) |\n" }
                o += "\n"
            case "corrections":
                o += l.t("Skrevet efter 31.12.\(year), dateret i året:", "Written after 31.12.\(year), dated in the year:") + "\n\n"
                for c in corrections { o += "- " + md(c) + "\n" }
                o += "\n"
            default: break
            }
        }
        return o
    }

    func comparisonRows(_ l: Lang, _ p: KeyFigures) -> [(String, String, String)] {
        let n = keyFigures
        return [
            (l.t("Bydelsmødre i alt", "Volunteers in all"), l.number(p.registered), l.number(n.registered)),
            (l.t("Kvinder uddannet", "Women trained"), l.number(p.trained), l.number(n.trained)),
            (l.t("Modulgange afholdt", "Sessions held"), l.number(p.sessionsHeld), l.number(n.sessionsHeld)),
            (l.t("Fremmøde", "Attendance"), "\(p.attendance) %", "\(n.attendance) %"),
            (l.t("Aktiviteter", "Activities"), l.number(p.activities), l.number(n.activities)),
            (l.t("Samtaler", "Conversations"), l.number(p.conversations), l.number(n.conversations)),
            (l.t("Henvist videre", "Referred on"), "\(p.referralPercent) %", "\(n.referralPercent) %"),
            (l.t("Frivillige timer", "Volunteer hours"), l.number(p.volunteerHours), l.number(n.volunteerHours)),
            (l.t("Brugt", "Spent"), p.spent.formatted(l), n.spent.formatted(l)),
        ]
    }

    // MARK: HTML

    public func html(_ l: Lang) -> String {
        func e(_ s: String) -> String {
            s.replacingOccurrences("&", "&amp;").replacingOccurrences("<",
                    "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;")
        }
        func table(_ head: [String], _ rows: [[String]], numeric: Set<Int> = [], total: [String]? = nil) -> String {
            var t = "<table><thead><tr>" + head.enumerated().map { "<th\(numeric.contains($0.offset) ? " class=\"n\"" : "")>\(e($0.element))</th>" }.joined() + "</tr></thead><tbody>\n"
            for r in rows { t += "<tr>" + r.enumerated().map { "<td\(numeric.contains($0.offset) ? " class=\"n\"" : "")>\(e($0.element))</td>" }.joined() + "</tr>\n" }
            if let total { t += "<tr class=\"total\">" + total.enumerated().map { "<td\(numeric.contains($0.offset) ? " class=\"n\"" : "")>\(e($0.element))</td>" }.joined() + "</tr>\n" }
            return t + "</tbody></table>\n"
        }
        let running = (group.map { $0 + " · " } ?? "") + title(l) + " · " + madeLine(l)
        // The running line in the page's margin boxes: a CSS string, so quotes and backslashes escaped.
        let css = running.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"").replacingOccurrences("<", "\\3C ")
        var o = "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\">\n<head><meta charset=\"utf-8\"><title>\(e(title(l)))</title>\n<style>\n"
        o += "@page { size: A4; margin: 16mm 15mm 18mm 15mm; @top-left { content: \"\(css)\"; font-family: \"DejaVu Sans\", sans-serif; font-size: 7.5pt; color: #555; } "
        o += "@bottom-right { content: \"\(e(l.t("side ", "page ")))\" counter(page) \" / \" counter(pages); font-family: \"DejaVu Sans\", sans-serif; font-size: 7.5pt; color: #555; } }\n"
        o += """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
        @media screen { body { max-width: 180mm; margin: 1em auto; } }
        h1 { font-size: 17pt; margin: 0 0 2mm 0; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm 0; border-bottom: 1px solid #999; break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 3mm 0 1mm 0; break-after: avoid; }
        section, table, figure, .pair { break-inside: avoid; }
        table { border-collapse: collapse; margin: 1mm 0 3mm 0; } th, td { padding: 1mm 2.5mm; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; }
        th { background: #eee; } td.n, th.n { text-align: right; white-space: nowrap; } tr.total td { font-weight: bold; border-top: 1.5px solid #333; }
        .pair { display: flex; gap: 6mm; align-items: flex-start; } .pair > * { flex: 1 1 0; } figure { margin: 0; } figcaption { font-size: 8.5pt; color: #444; }
        ul { margin: 1mm 0 3mm 5mm; padding-left: 3mm; } .meta { color: #444; margin-bottom: 4mm; }
        """
        o += "\n</style></head>\n<body>\n"
        o += "<h1>\(e(title(l)))</h1>\n<p class=\"meta\">\(e((group.map { $0 + " · " } ?? "") + Self.capitalised(madeLine(l))))</p>\n"
        for section in sections {
            o += "<section id=\"\(section.id)\">\n<h2>\(e(section.title(l)))</h2>\n"
            switch section.id {
            case "training":
                o += "<ul><li>\(e(l.t("Kvinder uddannet (nået diplomkravet)", "Women trained (reached the diploma rule)"))): \(trained)</li>"
                o += "<li>\(e(l.t("Moduler afholdt", "Modules held"))): \(modulesHeld) \(e(l.t("af", "of"))) 15 (\(sessionsHeld) \(e(l.t("modulgange", "sessions"))))</li>"
                o += "<li>\(e(l.t("Fremmøde", "Attendance"))): \(attendanceRate) %</li>"
                o += "<li>\(e(l.t("Bydelsmødre i alt", "Volunteers in all"))): \(registered)" + (newVolunteers > 0 ? " (\(newVolunteers) \(e(l.t("nye i året", "new in the year"))))" : "") + "</li></ul>\n"
            case "holds":
                if holds.isEmpty { o += "<p>\(e(l.t("Ingen hold i året.", "No holds in the year.")))</p>\n"; break }
                let t = table([l.t("Hold", "Hold"), l.t("Kvinder", "Women"), l.t("Moduler afholdt", "Modules held"),
                        l.t("Modulgange", "Sessions"), l.t("Fremmøde", "Attendance"), l.t("Diplomkrav nået", "Diploma rule reached")],
                              holds.map { [$0.name, String($0.volunteers), "\($0.modulesHeld)/\($0.modulesTotal)", String($0.sessionsHeld),
                                           "\($0.attendance) %", String($0.diplomaEligible)] }, numeric: [1, 2, 3, 4, 5])
                let bars = holds.map { (label: $0.name, value: Double($0.modulesHeld), of: Double(max(1, $0.modulesTotal)),
                                        second: Double($0.attendance) / 100) }
                o += "<div class=\"pair\"><figure>\(Charts.holds(bars, l))<figcaption>\(e(l.t("Moduler afholdt af holdets plan (mørk) og fremmøde (lys)", "Modules held of the hold's plan (dark) and attendance (light)")))</figcaption></figure><div>\(t)</div></div>\n"
            case "activities":
                if activities.isEmpty { o += "<p>\(e(l.t("Ingen aktiviteter holdt i året.", "No activities held in the year.")))</p>\n" }
                else { o += table([l.t("Aktivitet", "Activity"), l.t("Antal", "Number"), l.t("Deltagere", "Participants")],
                        activities.map { [Self.capitalised($0.0.label(l)), String($0.count),
                                          $0.participants > 0 ? l.number($0.participants) : "–"] }, numeric: [1, 2]) }
                if !plannedActivities.isEmpty {
                    o += "<h3>\(e(l.t("Planlagt resten af året (ikke talt med)", "Planned for the rest of the year (not counted)")))</h3>\n"
                    o += table([l.t("Aktivitet", "Activity"), l.t("Antal", "Number")],
                               plannedActivities.map { [Self.capitalised($0.0.label(l)), String($0.count)] }, numeric: [1])
                }
            case "conversations":
                o += "<ul><li>\(e(l.t("Samtaler", "Conversations"))): \(l.number(conversations)), \(e(l.t("henvist videre", "referred on"))): \(l.number(referred)) (\(referralPercent) %)</li>"
                o += "<li>\(e(l.t("Frivillige timer i samtaler", "Volunteer hours in conversations"))): \(l.number(volunteerHours))</li>"
                o += "<li>\(e(l.t("Koordinatortimer", "Coordinator hours"))): \(e(coordinatorHours.formatted(l)))</li></ul>\n"
                let months = (0..<12).map { [l.monthNames[$0], l.number(conversationsByMonth[$0]), l.number(referredByMonth[$0])] }
                o += "<div class=\"pair\"><figure>\(Charts.conversations(conversationsByMonth, referredByMonth, l))<figcaption>\(e(l.t("Samtaler pr. måned; mørk del: henvist videre", "Conversations per month; dark part: referred on")))</figcaption></figure><div>"
                o += table([l.t("Måned", "Month"), l.t("Samtaler", "Conversations"), l.t("Henvist", "Referred")], months,
                           numeric: [1, 2]) + "</div></div>\n"
                o += "<div class=\"pair\"><div>" + table([l.t("Emne", "Topic"), l.t("Samtaler", "Conversations")],
                                                         byTopic.map { [$0.0.label(l), l.number($0.1)] }, numeric: [1]) + "</div><div>"
                o += table([l.t("Kontakten opstod", "Contact arose"), l.t("Samtaler", "Conversations")],
                           byContact.filter { $0.1 > 0 }.map { [$0.0.label(l), l.number($0.1)] }, numeric: [1])
                o += table([l.t("Henvist til", "Referred to"), l.t("Samtaler", "Conversations")],
                           byReferral.filter { $0.1 > 0 }.map { [$0.0.label(l), l.number($0.1)] }, numeric: [1]) + "</div></div>\n"
            case "budget":
                o += table([l.t("Linje", "Line"), l.t("Planlagt", "Planned"), l.t("Brugt", "Spent")],
                           shownLines.map { [$0.title, $0.low.formatted(l) + " – " + $0.high.formatted(l),
                                             $0.spent.formatted(l)] }, numeric: [1, 2],
                           total: [l.t("I alt", "Total"), plannedLow.formatted(l) + " – " + plannedHigh.formatted(l), spent.formatted(l)])
                o += "<figure>\(Charts.lines(shownLines.map { ($0.title, $0.high, $0.spent) }, l))<figcaption>\(e(l.t("Planlagt (lys, højeste beløb) og brugt (mørk) pr. linje", "Planned (light, the higher amount) and spent (dark) per line")))</figcaption></figure>\n"
                o += "<h3>\(e(l.t("Udgifter pr. måned", "Spending by month")))</h3>\n"
                var cumulative = Money.zero
                let monthRows = (0..<12).map { i -> [String] in
                    cumulative = cumulative + spendByMonth[i]
                    return [l.monthNames[i], spendByMonth[i].formatted(l), cumulative.formatted(l),
                            Money(ore: (plannedHigh.ore * Int64(i + 1) + 6) / 12).formatted(l)]
                }
                o += "<div class=\"pair\"><figure>\(Charts.spending(spendByMonth, low: plannedLow, high: plannedHigh, l))<figcaption>\(e(l.t("Brugt pr. måned (søjler), i alt til og med måneden (linje) mod planen fordelt over året (stiplet)", "Spent per month (bars), to date (line) against the plan spread over the year (dashed)")))</figcaption></figure><div>"
                o += table([l.t("Måned", "Month"), l.t("Brugt", "Spent"), l.t("I alt", "To date"), l.t("Plan til dato", "Plan to date")],
                           monthRows, numeric: [1, 2, 3]) + "</div></div>\n"
            case "funding":
                o += "<p>\(e(l.t("Ansøgt", "Applied for"))) \(e(fundingApplied.formatted(l))), \(e(l.t("bevilget", "granted"))) \(e(fundingGranted.formatted(l)))</p>\n"
            case "effects":
                let list = "<ul>" + (effects?.lines(l) ?? []).map { "<li>\(e($0))</li>" }.joined() + "</ul>"
                if let a = effects?.averages {
                    // The survey's averages as a chart beside the lines (only from five answers, as the lines).
                    let statements = SurveyAnswer.statements.map { l.t($0.da, $0.en) }
                    o += "<div class=\"pair\"><figure>\(Charts.survey(a, statements, l))<figcaption>\(e(l.t("Spørgeskemaet: gennemsnit pr. udsagn, 1 (uenig) til 5 (enig)", "The survey: the average per statement, 1 (disagree) to 5 (agree)")))</figcaption></figure><div>\(list)</div></div>\n"
                } else {
                    o += list + "\n"
                }
            case "comparison":
                guard let p = previous else { break }
                o += table(["", String(p.year), String(year)], comparisonRows(l, p).map { [$0.0, $0.1, $0.2] }, numeric: [1, 2])
            case "corrections":
                o += "<p>\(e(l.t("Skrevet efter 31.12.\(year), dateret i året:", "Written after 31.12.\(year), dated in the year:")))</p>\n<ul>" + corrections.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            default: break
            }
            o += "</section>\n"
        }
        return o + "</body>\n</html>\n"
    }

    // MARK: JSON

    /// The year as JSON, for a municipality's systems and as the start of a national summary.
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("year"); w.raw(String(year))
            w.key("group"); if let g = group { w.string(g) } else { w.raw("null") }
            w.key("madeOn"); if let d = madeOn { w.string(d.iso) } else { w.raw("null") }
            w.key("programVersion"); w.string(ProgramVersion.current)
            w.key("sections"); w.array(sections) { w.string($0.id) }
            w.key("volunteers"); w.object {
                w.key("registered"); w.raw(String(registered))
                w.key("new"); w.raw(String(newVolunteers))
                w.key("trained"); w.raw(String(trained))
            }
            w.key("training"); w.object {
                w.key("sessionsHeld"); w.raw(String(sessionsHeld))
                w.key("modulesHeld"); w.raw(String(modulesHeld))
                w.key("attendancePercent"); w.raw(String(attendanceRate))
            }
            w.key("holds"); w.array(holds) { h in
                w.object {
                    w.key("id"); w.string(RecordKind.hold.ref(h.id))
                    w.key("name"); w.string(h.name)
                    w.key("volunteers"); w.raw(String(h.volunteers))
                    w.key("sessionsHeld"); w.raw(String(h.sessionsHeld))
                    w.key("modulesHeld"); w.raw(String(h.modulesHeld))
                    w.key("modulesTotal"); w.raw(String(h.modulesTotal))
                    w.key("attendancePercent"); w.raw(String(h.attendance))
                    w.key("diplomaEligible"); w.raw(String(h.diplomaEligible))
                }
            }
            w.key("activities"); w.object {
                w.key("total"); w.raw(String(activities.reduce(0) { $0 + $1.count }))
                w.key("participants"); w.raw(String(activities.reduce(0) { $0 + $1.participants }))
                w.key("byKind"); w.object { for a in activities { w.key(a.0.rawValue); w.raw(String(a.count)) } }
                w.key("planned"); w.object { for a in plannedActivities { w.key(a.0.rawValue); w.raw(String(a.count)) } }
                w.key("distinctWomen"); w.object { for (k, n) in distinctWomen { w.key(k.rawValue); w.raw(String(n)) } }
            }
            w.key("effects"); if let e = effects { e.write(w) } else { w.raw("null") }
            w.key("evaluations"); w.object {
                w.key("count"); w.raw(String(evaluations.count))
                w.key("benefit"); w.raw(evaluations.benefit.map { String(format: "%.2f", $0) } ?? "null")
                w.key("satisfaction"); w.raw(evaluations.satisfaction.map { String(format: "%.2f", $0) } ?? "null")
            }
            w.key("conversations"); w.object {
                w.key("total"); w.raw(String(conversations))
                w.key("referred"); w.raw(String(referred))
                w.key("volunteerHours"); w.raw(String(volunteerHours))
                w.key("byTopic"); w.object { for (t, n) in byTopic { w.key(t.rawValue); w.raw(String(n)) } }
                w.key("byContact"); w.object { for (c, n) in byContact { w.key(c.rawValue); w.raw(String(n)) } }
                w.key("byReferral"); w.object { for (r, n) in byReferral { w.key(r.rawValue); w.raw(String(n)) } }
                w.key("byMonth"); w.array(0..<12) { i in w.object { w.key("month"); w.raw(String(i + 1)); w.key("total"); w.raw(String(conversationsByMonth[i])); w.key("referred"); w.raw(String(referredByMonth[i])) } }
            }
            w.key("budget"); w.object {
                w.key("plannedLow"); w.raw(plannedLow.jsonNumber)
                w.key("plannedHigh"); w.raw(plannedHigh.jsonNumber)
                w.key("spent"); w.raw(spent.jsonNumber)
                w.key("lines"); w.array(shownLines) { line in
                    w.object {
                        w.key("title"); w.string(line.title)
                        w.key("plannedLow"); w.raw(line.low.jsonNumber)
                        w.key("plannedHigh"); w.raw(line.high.jsonNumber)
                        w.key("spent"); w.raw(line.spent.jsonNumber)
                    }
                }
                w.key("spentByMonth"); w.array(spendByMonth) { w.raw($0.jsonNumber) }
            }
            w.key("funding"); w.object {
                w.key("applied"); w.raw(fundingApplied.jsonNumber)
                w.key("granted"); w.raw(fundingGranted.jsonNumber)
            }
            w.key("coordinatorHours"); w.raw(coordinatorHours.plain)
            w.key("comparison")
            if let p = previous {
                w.object {
                    w.key("year"); w.raw(String(p.year))
                    w.key("registered"); w.raw(String(p.registered))
                    w.key("trained"); w.raw(String(p.trained))
                    w.key("sessionsHeld"); w.raw(String(p.sessionsHeld))
                    w.key("attendancePercent"); w.raw(String(p.attendance))
                    w.key("activities"); w.raw(String(p.activities))
                    w.key("conversations"); w.raw(String(p.conversations))
                    w.key("referralPercent"); w.raw(String(p.referralPercent))
                    w.key("volunteerHours"); w.raw(String(p.volunteerHours))
                    w.key("spent"); w.raw(p.spent.jsonNumber)
                }
            } else { w.raw("null") }
            w.key("corrections"); w.array(corrections) { w.string($0) }
        }
        return w.out + "\n"
    }
}
