/// One group's anonymous yearly summary, for the national roll-up ("Bydelsmødre i tal"): only
/// counts and amounts, never a name, phone, note, place or teacher. The fields are a fixed list
/// (docs/summary.md); a file with any other field is refused, never passed through, so nothing
/// personal can travel in one.
public struct GroupSummary: Equatable, Sendable {
    public static let schema = "bydelsmor-summary"
    public static let schemaVersion = 1

    public var group: String
    public var year: Int
    public var programVersion: String
    /// Counts by dotted field name ("conversations.byTopic.school"); every field of `countFields`.
    public var counts: [String: Int]
    /// Amounts in kroner with øre by dotted field name; every field of `amountFields`.
    public var amounts: [String: Money]

    /// The count fields, in the order they are written.
    public static let countFields: [String] = {
        var f = ["newMothers", "newHolds", "diplomas", "registeredMothers", "activeMothers", "sessionsHeld", "modulesHeld",
                 "volunteerHours",
                 "conversations.total", "conversations.referred"]
        f += Topic.allCases.map { "conversations.byTopic." + $0.rawValue }
        f += ContactOrigin.allCases.map { "conversations.byContact." + $0.rawValue }
        f += Referral.allCases.filter { $0 != .none }.map { "conversations.byReferral." + $0.rawValue }
        f += ["activities.total", "activities.participants"]
        f += ActivityKind.allCases.map { "activities.byKind." + $0.rawValue }
        return f
    }()
    public static let amountFields = ["coordinatorHours", "budget.plannedLow", "budget.plannedHigh", "budget.spent", "funding.applied",
                                      "funding.granted"]
    static let metaFields = ["schema", "schemaVersion", "programVersion", "group", "year"]

    /// The year's figures of a journal, as in `report --year`.
    public init(state s: ProjectState, year: Int, group: String, today: Day? = nil) throws(Message) {
        let name = group.trimmed()
        try Rules.line(name, field: "group", label: Message("gruppens navn", "the group's name"), required: true, max: 80)
        self.group = name
        self.year = year
        programVersion = ProgramVersion.current
        let r = YearReport(state: s, year: year, today: today)
        let yearEnd = Day(year: year, month: 12, day: 31) ?? Day.last
        let yearStart = Day(year: year, month: 1, day: 1) ?? Day.first
        var c: [String: Int] = [
            "newMothers": r.newVolunteers,
            "newHolds": s.holds.filter { !$0.removed && $0.start >= yearStart && $0.start <= yearEnd }.count,
            "diplomas": r.trained,
            "registeredMothers": r.registered,
            // By her stage in the state given: for a past year, as it stood at the year's end
            // (`FrozenYear`); an erased woman still counts.
            "activeMothers": s.volunteers.filter { (!$0.removed || $0.erased) && ($0.addedOn.map { $0 <= yearEnd } ?? true) && ($0.stage == .active || $0.stage == .graduated) }.count,
            "sessionsHeld": r.sessionsHeld, "modulesHeld": r.modulesHeld,
            "volunteerHours": r.volunteerHours,
            "conversations.total": r.conversations, "conversations.referred": r.referred,
            "activities.total": r.activities.reduce(0) { $0 + $1.count }, "activities.participants": r.activities.reduce(0) { $0 + $1.participants },
        ]
        for (t, n) in r.byTopic { c["conversations.byTopic." + t.rawValue] = n }
        for (o, n) in r.byContact { c["conversations.byContact." + o.rawValue] = n }
        for (x, n) in r.byReferral { c["conversations.byReferral." + x.rawValue] = n }
        for k in ActivityKind.allCases { c["activities.byKind." + k.rawValue] = r.activities.first { $0.0 == k }?.count ?? 0 }
        for f in GroupSummary.countFields where c[f] == nil { c[f] = 0 }
        counts = c
        amounts = [
            "coordinatorHours": Money(ore: Int64(r.coordinatorHours.hundredths)),
            "budget.plannedLow": r.lines.reduce(Money.zero) { $0 + $1.low }, "budget.plannedHigh": r.lines.reduce(Money.zero) { $0 + $1.high },
            "budget.spent": r.lines.reduce(Money.zero) { $0 + $1.spent },
            "funding.applied": r.fundingApplied, "funding.granted": r.fundingGranted,
        ]
    }

    public init(group: String, year: Int, programVersion: String, counts: [String: Int], amounts: [String: Money]) {
        self.group = group; self.year = year; self.programVersion = programVersion; self.counts = counts; self.amounts = amounts
    }

    /// The summary as JSON, nested by the dots of the field names, in a fixed order.
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("schema"); w.string(GroupSummary.schema)
            w.key("schemaVersion"); w.raw(String(GroupSummary.schemaVersion))
            w.key("programVersion"); w.string(programVersion)
            w.key("group"); w.string(group)
            w.key("year"); w.raw(String(year))
            GroupSummary.writeNested(w, GroupSummary.countFields.map { ($0,
                    String(counts[$0] ?? 0)) } + GroupSummary.amountFields.map { ($0, (amounts[$0] ?? .zero).plain) })
        }
        return w.out + "\n"
    }

    /// Writes dotted keys as nested objects (the keys of one object are next to each other).
    static func writeNested(_ w: JSONWriter, _ pairs: [(String, String)]) {
        var i = 0
        while i < pairs.count {
            let parts = pairs[i].0.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1 { w.key(parts[0]); w.raw(pairs[i].1); i += 1; continue }
            let head = parts[0]
            var inner: [(String, String)] = []
            while i < pairs.count, pairs[i].0.hasPrefix(head + ".") {
                inner.append((String(pairs[i].0.dropFirst(head.count + 1)), pairs[i].1)); i += 1
            }
            w.key(head); w.object { writeNested(w, inner) }
        }
    }

    /// Reads a summary, refusing anything that is not exactly one: not JSON, another schema or
    /// version, a missing field, a field that is not on the list (it could carry personal data), a
    /// value of the wrong kind.
    public init(json data: [UInt8]) throws(Message) {
        let top: [String: JSONValue]
        do throws(JSONValue.Invalid) {
            guard case .object(let o) = try JSONValue.parse(data) else { throw JSONValue.Invalid(offset: 0, what: "an object") }
            top = o
        } catch {
            throw Message("er ikke et sammendrag fra bydelsmor (ikke gyldig JSON ved byte \(error.offset): ventede \(error.what))",
                          "is not a bydelsmor summary (not valid JSON at byte \(error.offset): expected \(error.what))")
        }
        guard top["schema"] == .string(GroupSummary.schema) else {
            throw Message("er ikke et sammendrag fra bydelsmor (\"schema\" skal være \"\(GroupSummary.schema)\")",
                          "is not a bydelsmor summary (\"schema\" must be \"\(GroupSummary.schema)\")")
        }
        guard let v = top["schemaVersion"]?.wholeNumber else { throw Message("mangler \"schemaVersion\"", "lacks \"schemaVersion\"") }
        guard v == GroupSummary.schemaVersion else {
            throw Message("skemaversion \(v) kendes ikke (dette program læser version \(GroupSummary.schemaVersion)); opdatér bydelsmor",
                          "schema version \(v) is unknown (this program reads version \(GroupSummary.schemaVersion)); update bydelsmor")
        }
        // Flatten, then compare the field names with the list, exactly.
        var flat: [String: JSONValue] = [:]
        func walk(_ prefix: String, _ o: [String: JSONValue]) {
            for (k, value) in o {
                let key = prefix.isEmpty ? k : prefix + "." + k
                if case .object(let inner) = value { walk(key, inner) } else { flat[key] = value }
            }
        }
        walk("", top)
        let allowed = Set(GroupSummary.metaFields + GroupSummary.countFields + GroupSummary.amountFields)
        if let extra = flat.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Message("feltet \"\(extra)\" hører ikke til et sammendrag og kan rumme personoplysninger; filen afvises",
                          "the field \"\(extra)\" is not part of a summary and could hold personal data; the file is refused")
        }
        if let missing = (GroupSummary.metaFields + GroupSummary.countFields + GroupSummary.amountFields).first(where: { flat[$0] == nil }) {
            throw Message("feltet \"\(missing)\" mangler", "the field \"\(missing)\" is missing")
        }
        guard case .string(let g)? = flat["group"], let y = flat["year"]?.wholeNumber, case .string(let pv)? = flat["programVersion"] else {
            throw Message("\"group\", \"year\" og \"programVersion\" skal være tekst, et årstal og tekst",
                          "\"group\", \"year\" and \"programVersion\" must be text, a year and text")
        }
        try Rules.line(g, field: "group", label: Message("gruppens navn", "the group's name"), required: true, max: 80)
        try Rules.line(pv, field: "programVersion", label: Message("programversionen", "the program version"), required: true, max: 40)
        guard Day.years.contains(y) else { throw Message("året \(y) er uden for \(Day.years.lowerBound)–\(Day.years.upperBound)",
                                                         "the year \(y) is outside \(Day.years.lowerBound)–\(Day.years.upperBound)") }
        var counts: [String: Int] = [:], amounts: [String: Money] = [:]
        for f in GroupSummary.countFields {
            guard let n = flat[f]?.wholeNumber, n <= 100_000_000 else {
                throw Message("feltet \"\(f)\" skal være et helt tal ≥ 0", "the field \"\(f)\" must be a whole number ≥ 0")
            }
            counts[f] = n
        }
        for f in GroupSummary.amountFields {
            guard case .number(let t)? = flat[f], !t.hasPrefix("-"), !t.contains("e"), !t.contains("E"), let m = Money(userInput: t) else {
                throw Message("feltet \"\(f)\" skal være et beløb ≥ 0, fx 1250.50",
                              "the field \"\(f)\" must be an amount ≥ 0, e.g. 1250.50")
            }
            amounts[f] = m
        }
        self.init(group: g, year: y, programVersion: pv, counts: counts, amounts: amounts)
        try checkConsistent()
    }

    /// Figures that cannot all be true of one group's year are refused, so an impossible file
    /// (more referred than conversations, more active than registered) never reaches a total.
    func checkConsistent() throws(Message) {
        func n(_ k: String) -> Int { counts[k] ?? 0 }
        func atMost(_ a: String, _ b: String) throws(Message) {
            guard n(a) <= n(b) else {
                throw Message("er umuligt: \"\(a)\" (\(n(a))) er større end \"\(b)\" (\(n(b)))",
                              "is impossible: \"\(a)\" (\(n(a))) is larger than \"\(b)\" (\(n(b)))")
            }
        }
        try atMost("conversations.referred", "conversations.total")
        try atMost("activeMothers", "registeredMothers")
        try atMost("newMothers", "registeredMothers")
        try atMost("diplomas", "registeredMothers")
        try atMost("modulesHeld", "sessionsHeld")
        guard n("modulesHeld") <= ProjectState.maxModules else {
            throw Message("er umuligt: \"modulesHeld\" (\(n("modulesHeld"))) er flere end \(ProjectState.maxModules) moduler",
                          "is impossible: \"modulesHeld\" (\(n("modulesHeld"))) is more than \(ProjectState.maxModules) modules")
        }
        for t in Topic.allCases { try atMost("conversations.byTopic." + t.rawValue, "conversations.total") }
        for x in Referral.allCases where x != .none { try atMost("conversations.byReferral." + x.rawValue, "conversations.referred") }
        let contacts = ContactOrigin.allCases.reduce(0) { $0 + n("conversations.byContact." + $1.rawValue) }
        guard contacts <= n("conversations.total") else {
            throw Message("er umuligt: samtalerne efter \"byContact\" (\(contacts)) er flere end \"conversations.total\" (\(n("conversations.total")))",
                          "is impossible: the conversations by \"byContact\" (\(contacts)) are more than \"conversations.total\" (\(n("conversations.total")))")
        }
        let kinds = ActivityKind.allCases.reduce(0) { $0 + n("activities.byKind." + $1.rawValue) }
        guard kinds == n("activities.total") else {
            throw Message("er umuligt: aktiviteterne efter \"byKind\" (\(kinds)) giver ikke \"activities.total\" (\(n("activities.total")))",
                          "is impossible: the activities by \"byKind\" (\(kinds)) do not add up to \"activities.total\" (\(n("activities.total")))")
        }
        guard (amounts["budget.plannedLow"] ?? .zero) <= (amounts["budget.plannedHigh"] ?? .zero) else {
            throw Message("er umuligt: \"budget.plannedLow\" er større end \"budget.plannedHigh\"",
                          "is impossible: \"budget.plannedLow\" is larger than \"budget.plannedHigh\"")
        }
    }

    /// A group's name as it identifies the group: NFC, invisible characters (zero-width spaces,
    /// joiners, a BOM) dropped, any run of whitespace as one space, trimmed, case folded.
    static func identity(_ name: String) -> String {
        let visible = String(String.UnicodeScalarView(name.precomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .format }))
        return visible.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }
}

/// The national picture: one row per group and a total row.
public struct Rollup: Sendable {
    public var summaries: [GroupSummary]
    public var total: GroupSummary

    /// Refuses two summaries of the same group and year, and (unless allowed) several years.
    public init(_ summaries: [(file: String, summary: GroupSummary)], allowYears: Bool) throws(Message) {
        guard !summaries.isEmpty else { throw Message("ingen sammendrag at lægge sammen", "no summaries to roll up") }
        var seen: [String: String] = [:]
        for (file, s) in summaries {
            let key = GroupSummary.identity(s.group) + "\u{1F}" + String(s.year)
            if let first = seen[key] {
                throw Message("\(file): \(s.group) \(s.year) findes også i \(first); hver gruppe og hvert år kun én gang",
                              "\(file): \(s.group) \(s.year) is also in \(first); each group and year only once")
            }
            seen[key] = file
        }
        let years = Set(summaries.map(\.summary.year))
        if years.count > 1 && !allowYears {
            throw Message("sammendragene er fra flere år (\(years.sorted().map(String.init).joined(separator: ", "))); giv --allow-years for at lægge dem sammen alligevel",
                          "the summaries are from several years (\(years.sorted().map(String.init).joined(separator: ", "))); give --allow-years to roll them up anyway")
        }
        self.summaries = summaries.map(\.summary).sorted { a, b in
            a.year != b.year ? a.year < b.year : TextPolicy.danishSortKey(a.group).lexicographicallyPrecedes(TextPolicy.danishSortKey(b.group))
        }
        var counts: [String: Int] = [:], amounts: [String: Money] = [:]
        for s in summaries.map(\.summary) {
            for (k, v) in s.counts { counts[k, default: 0] += v }
            for (k, v) in s.amounts { amounts[k] = (amounts[k] ?? .zero) + v }
        }
        total = GroupSummary(group: "I alt", year: years.count == 1 ? years.first! : 0, programVersion: ProgramVersion.current,
                             counts: counts, amounts: amounts)
    }

    /// The columns of the table: a label and the figure of a summary.
    struct Column: Sendable { var da: String; var en: String; var value: @Sendable (GroupSummary,
            Lang) -> String; var plain: @Sendable (GroupSummary) -> String }

    static func share(_ s: GroupSummary) -> Int {
        let t = s.counts["conversations.total"] ?? 0
        return t == 0 ? 0 : Int((Double(s.counts["conversations.referred"] ?? 0) * 100 / Double(t)).rounded())
    }
    static func perMother(_ s: GroupSummary) -> Money? {
        let n = s.counts["activeMothers"] ?? 0
        guard n > 0 else { return nil }
        return Money(ore: ((s.amounts["budget.spent"] ?? .zero).ore + Int64(n) / 2) / Int64(n))
    }

    static let columns: [Column] = {
        func count(_ k: String, _ da: String, _ en: String) -> Column {
            Column(da: da, en: en, value: { s, l in l.number(s.counts[k] ?? 0) }, plain: { String($0.counts[k] ?? 0) })
        }
        return [
            count("newMothers", "Nye bydelsmødre", "New mothers"), count("newHolds", "Nye hold",
                                                                         "New holds"), count("diplomas", "Diplomer", "Diplomas"),
            count("activeMothers", "Aktive", "Active"), count("conversations.total", "Samtaler", "Conversations"),
            count("conversations.referred", "Henvist", "Referred"),
            Column(da: "Henvist %", en: "Referred %", value: { s, _ in String(share(s)) }, plain: { String(share($0)) }),
            count("activities.total", "Aktiviteter", "Activities"), count("activities.participants", "Deltagere", "Participants"),
            Column(da: "Brugt", en: "Spent", value: { s, l in (s.amounts["budget.spent"] ?? .zero).formatted(l) },
                   plain: { ($0.amounts["budget.spent"] ?? .zero).plain }),
            Column(da: "Pr. aktiv", en: "Per active", value: { s, l in perMother(s).map { $0.formatted(l) } ?? "–" },
                   plain: { perMother($0)?.plain ?? "" }),
        ]
    }()

    var rows: [GroupSummary] { summaries + [total] }

    func label(_ s: GroupSummary, _ l: Lang) -> String {
        s.group == total.group && s.year == total.year && s.counts == total.counts ? l.t("I alt",
                "Total") : s.group + (Set(summaries.map(\.year)).count > 1 ? " \(s.year)" : "")
    }

    public func markdown(_ l: Lang) -> String {
        func cell(_ s: String) -> String { Markdown.text(s) }
        let years = Set(summaries.map(\.year)).sorted().map(String.init).joined(separator: ", ")
        var o = "# " + l.t("Bydelsmødre i tal ", "Bydelsmødre in figures ") + years + "\n\n"
        o += l.t("\(summaries.count) grupper.", "\(summaries.count) groups.") + "\n\n"
        o += "| " + l.t("Gruppe", "Group") + " | " + Rollup.columns.map { l.t($0.da, $0.en) }.joined(separator: " | ") + " |\n"
        o += "|---|" + Rollup.columns.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for (i, s) in rows.enumerated() {
            let name = cell(i == rows.count - 1 ? l.t("I alt", "Total") : label(s, l))
            let bold = i == rows.count - 1
            o += "| " + (bold ? "**\(name)**" : name) + " | " + Rollup.columns.map { bold ? "**\($0.value(s, l))**" : $0.value(s, l) }.joined(separator: " | ") + " |\n"
        }
        return o
    }

    public func html(_ l: Lang) -> String {
        func e(_ s: String) -> String { s.replacingOccurrences("&",
                "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;") }
        let years = Set(summaries.map(\.year)).sorted().map(String.init).joined(separator: ", ")
        var o = "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\"><head><meta charset=\"utf-8\"><title>\(e(l.t("Bydelsmødre i tal ", "Bydelsmødre in figures ") + years))</title></head><body>\n"
        o += "<h1>\(e(l.t("Bydelsmødre i tal ", "Bydelsmødre in figures ") + years))</h1>\n<table>\n<tr><th>\(e(l.t("Gruppe", "Group")))</th>"
        o += Rollup.columns.map { "<th>\(e(l.t($0.da, $0.en)))</th>" }.joined() + "</tr>\n"
        for (i, s) in rows.enumerated() {
            let last = i == rows.count - 1
            o += "<tr><th>\(e(last ? l.t("I alt", "Total") : label(s, l)))</th>" + Rollup.columns.map { "<td>\(e($0.value(s, l)))</td>" }.joined() + "</tr>\n"
        }
        return o + "</table>\n</body></html>\n"
    }

    public func csv(separator: Character = ";") -> String {
        var w = CSVWriter(separator: separator)
        w.row(["gruppe", "år"] + Rollup.columns.map { $0.da.lowercased() })
        for (i, s) in rows.enumerated() {
            let last = i == rows.count - 1
            w.row([last ? "I alt" : s.group, last && Set(summaries.map(\.year)).count > 1 ? "" : String(s.year)]
                  + Rollup.columns.map { c in separator == ";" ? c.plain(s).replacingDot(with: ",") : c.plain(s) })
        }
        return w.text
    }

    /// Every group's summary and the total, with the same fields.
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("schema"); w.string("bydelsmor-rollup")
            w.key("schemaVersion"); w.raw("1")
            w.key("programVersion"); w.string(ProgramVersion.current)
            w.key("years"); w.array(Set(summaries.map(\.year)).sorted()) { w.raw(String($0)) }
            let write = { (s: GroupSummary) in
                GroupSummary.writeNested(w, GroupSummary.countFields.map { ($0,
                        String(s.counts[$0] ?? 0)) } + GroupSummary.amountFields.map { ($0, (s.amounts[$0] ?? .zero).plain) })
            }
            w.key("groups"); w.array(summaries) { s in
                w.object { w.key("group"); w.string(s.group); w.key("year"); w.raw(String(s.year)); write(s) }
            }
            w.key("total"); w.object { write(total) }
        }
        return w.out + "\n"
    }
}
