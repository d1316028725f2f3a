/// Money and time: budget lines and their plans, expenses, the coordinator's hours, and funding
/// applications.
extension Events {
    static let budgetLineAdded = EventSpec(
        { if case let .budgetLineAdded(b) = $0 { b } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .budgetLineAdded(BudgetLine(id: try r.slug("id"), title: try r.text("title"), low: try r.money("low"),
                                        high: try r.money("high"), period: try r.token("period", BudgetPeriod.self)))
        },
        encode: { b in [("id", b.id, false), ("title", b.title, true), ("low", b.low.plain, false), ("high", b.high.plain, false),
                        ("period", b.period.rawValue, false)] },
        apply: { (b, s) throws(Message) -> Event? in
            guard BudgetLine.isValidID(b.id) else {
                throw Message("budgetlinjens id skal være a-z, 0-9 og -, højst 32 tegn",
                              "a budget line's id must be a-z, 0-9 and -, at most 32 characters", field: "id")
            }
            if s.budgetLineIndex(b.id) != nil {
                throw Message("budgetlinjen \(b.id) findes allerede", "the budget line \(b.id) already exists", field: "id")
            }
            try Rules.line(b.title, field: "title", label: Msg.title, required: true)
            try Reducer.checkRange(b.low, b.high)
            var b = b
            b.removed = false
            s.budgetLines.append(b)
            return nil
        },
        words: { b, _, l in l.t("budgetlinjen ", "the budget line ") + b.title })

    static let budgetLinePlanned = EventSpec(
        { if case let .budgetLinePlanned(id, low, high) = $0 { (id, low, high) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .budgetLinePlanned(id: try r.slug("id"), low: try r.money("low"),
                                                                   high: try r.money("high")) },
        encode: { p in [("id", p.0, false), ("low", p.1.plain, false), ("high", p.2.plain, false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, low, high) = p
            guard let i = s.budgetLineIndex(id) else { throw Reducer.unknownLine(id, s, field: "id") }
            try Reducer.checkRange(low, high)
            let o = s.budgetLines[i]
            s.budgetLines[i].low = low; s.budgetLines[i].high = high
            return .budgetLinePlanned(id: id, low: o.low, high: o.high)
        },
        words: { p, s, l in
            let title = s.budgetLineIndex(p.0).map { s.budgetLines[$0].title } ?? p.0
            return title + ": " + Money.range(p.1, p.2, l)
        })

    static let budgetLineDated = EventSpec(
        { if case let .budgetLineDated(id, start, end) = $0 { (id, start, end) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .budgetLineDated(id: try r.slug("id"), start: try r.optionalDay("start"),
                                                                 end: try r.optionalDay("end")) },
        encode: { p in [("id", p.0, false), ("start", p.1?.iso ?? "-", false), ("end", p.2?.iso ?? "-", false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, start, end) = p
            guard let i = s.budgetLineIndex(id) else { throw Reducer.unknownLine(id, s, field: "id") }
            if let a = start ?? s.projectStart, let b = end, b < a {
                throw Message("budgetlinjen slutter \(Lang.da.shortDate(b)), før den begynder \(Lang.da.shortDate(a))",
                              "the budget line ends \(Lang.en.shortDate(b)), before it begins \(Lang.en.shortDate(a))", field: "end")
            }
            let o = s.budgetLines[i]
            s.budgetLines[i].start = start
            s.budgetLines[i].end = end
            return .budgetLineDated(id: id, start: o.start, end: o.end)
        },
        words: { p, s, l in
            let title = s.budgetLineIndex(p.0).map { s.budgetLines[$0].title } ?? p.0
            return title + ": " + l.t("fra ", "from ") + (p.1.map { l.shortDate($0) } ?? l.t("projektets start", "the project's start"))
                + (p.2.map { l.t(" til ", " to ") + l.shortDate($0) } ?? "")
        })

    static func decodeExpense(_ r: inout FieldReader) throws(SyntaxError) -> Expense {
        var x = Expense(id: try r.id("id"), date: try r.day("date"), line: try r.slug("line"), amount: try r.money("amount"),
                        note: try r.optionalText("note"))
        if r.has("funding") { x.funding = try r.id("funding") }
        return x
    }
    /// `funding=` only when booked against a grant: lines from before it are unchanged.
    static func encodeExpense(_ x: Expense) -> [EventField] {
        var f: [EventField] = [("id", x.id.ref, false), ("date", x.date.iso, false), ("line", x.line, false),
                               ("amount", x.amount.plain, false), ("note", x.note, true)]
        if let g = x.funding { f.append(("funding", g.ref, false)) }
        return f
    }

    static let expenseAdded = EventSpec(
        { if case let .expenseAdded(x) = $0 { x } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .expenseAdded(try decodeExpense(&r)) },
        encode: encodeExpense,
        apply: { (x, s) throws(Message) -> Event? in
            try Reducer.nextID(x.id, .expense, s.expenses.count)
            try Reducer.checkExpense(x, s)
            var x = x
            x.removed = false
            s.expenses.append(x)
            return .removal(of: x.id)
        },
        words: ExpenseWords.text,
        allocate: { x, s in allocated(x, after: s.expenses, Event.expenseAdded) })

    static let expenseChanged = EventSpec(
        { if case let .expenseChanged(x) = $0 { x } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .expenseChanged(try decodeExpense(&r)) },
        encode: encodeExpense,
        apply: { (x, s) throws(Message) -> Event? in
            let i = try Reducer.live(x.id, in: s.expenses)
            try Reducer.checkExpense(x, s)
            let o = s.expenses[i]
            s.expenses[i].date = x.date; s.expenses[i].line = x.line; s.expenses[i].amount = x.amount; s.expenses[i].note = x.note
            s.expenses[i].funding = x.funding
            return .expenseChanged(o)
        },
        words: ExpenseWords.text)

    static func decodeHours(_ r: inout FieldReader) throws(SyntaxError) -> HoursEntry {
        HoursEntry(id: try r.id("id"), date: try r.day("date"), hours: try r.hours("hours"), note: try r.optionalText("note"))
    }
    static func encodeHours(_ h: HoursEntry) -> [EventField] {
        [("id", h.id.ref, false), ("date", h.date.iso, false), ("hours", h.hours.plain, false), ("note", h.note, true)]
    }
    static func hoursWords(_ h: HoursEntry, _: ProjectState, _ l: Lang) -> String {
        h.hours.formatted(l) + l.t(" koordinatortimer ", " coordinator hours ") + l.shortDate(h.date)
    }
    static func hoursRule(_ h: HoursEntry, _: ProjectState, _ today: Day) throws(Message) {
        try WriteRules.notAfter(today, h.date, Message("koordinatortimer", "coordinator hours"), field: "date")
    }

    static let hoursLogged = EventSpec(
        { if case let .hoursLogged(h) = $0 { h } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .hoursLogged(try decodeHours(&r)) },
        encode: encodeHours,
        apply: { (h, s) throws(Message) -> Event? in
            try Reducer.nextID(h.id, .hours, s.hours.count)
            try Reducer.checkHours(h)
            var h = h
            h.removed = false
            s.hours.append(h)
            return .removal(of: h.id)
        },
        words: hoursWords,
        writeRule: hoursRule,
        allocate: { h, s in allocated(h, after: s.hours, Event.hoursLogged) })

    static let hoursChanged = EventSpec(
        { if case let .hoursChanged(h) = $0 { h } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .hoursChanged(try decodeHours(&r)) },
        encode: encodeHours,
        apply: { (h, s) throws(Message) -> Event? in
            let i = try Reducer.live(h.id, in: s.hours)
            try Reducer.checkHours(h)
            let o = s.hours[i]
            var new = h; new.removed = false
            s.hours[i] = new
            return .hoursChanged(o)
        },
        words: hoursWords,
        writeRule: hoursRule)

    static let fundingApplied = EventSpec(
        { if case let .fundingApplied(id, funder, applied, date) = $0 { (id, funder, applied, date) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .fundingApplied(id: try r.id("id"), funder: try r.text("funder"), applied: try r.money("applied"), date: try r.day("date"))
        },
        encode: { p in [("id", p.0.ref, false), ("funder", p.1, true), ("applied", p.2.plain, false), ("date", p.3.iso, false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, funder, applied, date) = p
            try Reducer.nextID(id, .funding, s.funding.count)
            try Rules.line(funder, field: "funder", label: Message("fonden", "the funder"), required: true, max: Rules.maxNameLength)
            try Rules.amount(applied, field: "applied")
            s.funding.append(FundingApplication(id: id, funder: funder, applied: applied, date: date))
            return .removal(of: id)
        },
        words: { p, _, l in l.t("ansøgning til \(p.1) om ", "application to \(p.1) for ") + p.2.formatted(l) },
        allocate: { p, s in p.0.isNew ? .fundingApplied(id: s.funding.nextID, funder: p.1, applied: p.2, date: p.3) : nil })

    static let fundingDecided = EventSpec(
        { if case let .fundingDecided(id, granted, date) = $0 { (id, granted, date) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            let id: ID<FundingApplication> = try r.id("id")
            var granted: Money?
            if try r.isDash("granted") { _ = r.find("granted") } else { granted = try r.money("granted") }
            return .fundingDecided(id: id, granted: granted, date: try r.optionalDay("date"))
        },
        encode: { p in [("id", p.0.ref, false), ("granted", p.1.map { $0.plain } ?? "-", false), ("date", day(p.2), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, granted, date) = p
            let i = try Reducer.live(id, in: s.funding)
            let o = s.funding[i]
            if let g = granted {
                guard let d = date else { throw Message("afgørelsen skal have en dato", "the decision needs a date", field: "date") }
                guard d >= o.date else { throw Message("afgørelsen kan ikke ligge før ansøgningen (\(Lang.da.shortDate(o.date)))",
                        "the decision cannot be before the application (\(Lang.en.shortDate(o.date)))", field: "date") }
                guard g.ore >= 0, g.ore <= Money.maximum.ore else { throw Message("beløbet skal være 0–100.000.000 kr.",
                        "the amount must be DKK 0–100,000,000", field: "granted") }
            }
            s.funding[i].granted = granted; s.funding[i].decided = granted == nil ? nil : date
            return .fundingDecided(id: id, granted: o.granted, date: o.decided)
        },
        words: { p, s, l in
            let funder = s.funding.at(p.0)?.funder ?? ""
            guard let g = p.1 else { return l.t("afgørelsen fra \(funder)", "the decision of \(funder)") }
            return g == .zero ? l.t("afslag fra \(funder)",
                                    "refusal from \(funder)") : l.t("bevilling fra \(funder): ", "grant from \(funder): ") + g.formatted(l)
        })
}

/// A funding application's details: pool, purpose, deadline, period, report, conditions.
extension Events {
    static let fundingDetails = EventSpec(
        { if case let .fundingDetails(id, d) = $0 { (id, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            let id: ID<FundingApplication> = try r.id("id")
            var d = FundingDetails()
            d.pool = try r.optionalText("pool"); d.purpose = try r.optionalText("purpose")
            d.deadline = try r.optionalDay("deadline"); d.periodFrom = try r.optionalDay("period-from"); d.periodTo = try r.optionalDay("period-to")
            d.reportDue = try r.optionalDay("report-due"); d.conditions = try r.optionalText("conditions")
            d.holder = try r.token("for", FundingHolder.self)
            return .fundingDetails(id: id, details: d)
        },
        encode: { p in
            let d = p.1
            return [("id", p.0.ref, false), ("pool", d.pool, true), ("purpose", d.purpose, true), ("deadline", day(d.deadline), false),
                    ("period-from", day(d.periodFrom), false), ("period-to", day(d.periodTo),
                                                                false), ("report-due", day(d.reportDue), false),
                    ("conditions", d.conditions, true), ("for", d.holder.rawValue, false)]
        },
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.0, in: s.funding)
            let d = p.1
            try Rules.line(d.pool, field: "pool", label: Message("puljen", "the pool"), required: false, max: Rules.maxNameLength)
            try Rules.line(d.purpose, field: "purpose", label: Message("formålet", "the purpose"), required: false)
            try Rules.notes(d.conditions, field: "conditions", label: Message("betingelserne", "the conditions"))
            if let a = d.periodFrom, let b = d.periodTo, b < a {
                throw Message("projektperioden slutter før den begynder", "the project period ends before it begins", field: "period-to")
            }
            if let r = d.reportDue, let a = d.periodFrom, r < a {
                throw Message("rapporten kan ikke skulle afleveres før projektperioden begynder",
                              "the report cannot be due before the project period begins", field: "report-due")
            }
            if d.holder == .project, s.accountEntries.contains(where: { !$0.removed && $0.funding == p.0 }) {
                throw Message("foreningen har bogført udgifter på \(p.0.ref); den kan ikke flyttes til projektet",
                              "the association has booked expenses on \(p.0.ref); it cannot move to the project", field: "for")
            }
            if d.holder == .association, s.expenses.contains(where: { !$0.removed && $0.funding == p.0 }) {
                throw Message("projektet har bogført udgifter på \(p.0.ref); den kan ikke flyttes til foreningen",
                              "the project has booked expenses on \(p.0.ref); it cannot move to the association", field: "for")
            }
            let o = s.funding[i].details
            s.funding[i].details = d
            return .fundingDetails(id: p.0, details: o)
        },
        words: { p, s, l in l.t("ansøgningen til ", "the application to ") + (s.funding.at(p.0)?.funder ?? p.0.ref) })
}
