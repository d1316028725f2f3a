import BydelsmorCore

/// 5 Budget: expenses, planned ranges, coordinator hours, new lines.
extension App {
    func expenseForm(_ existing: Expense?, line: String) -> Form {
        let l = lang
        let lines = state.budgetLines.filter { !$0.removed }.map { ($0.id, $0.title) }
        let fields = [
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? today)),
            FormField("line", l.t("Budgetlinje", "Budget line"), .choice(lines), existing?.line ?? line),
            FormField("amount", l.t("Beløb (kr.)", "Amount (DKK)"), .amount,
                      existing.map { $0.amount.formatted(l, withUnit: false) } ?? ""),
            FormField("note", l.t("Note", "Note"), .notes, existing?.note ?? ""),
        ]
        return Form(title: existing.map { l.t("Ret udgift ",
                "Edit expense ") + RecordKind.expense.ref($0.id) } ?? l.t("Ny udgift", "New expense"), fields: fields) { (f) throws in
            let mine = Expense(id: existing?.id ?? 0, date: try f.day("date"), line: f.token("line"), amount: try f.money("amount"),
                               note: f.notes("note"))
            guard let base = existing else {
                return [{ _ in .expenseAdded(mine) }]
            }
            let edit = RecordEdit(base: base, mine: mine)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }

    func budgetEdit(_ action: Action) {
        let l = lang
        let rows = budgetRows()
        let c = ui.clampedCursor(.budget, count: rows.count)
        let line = ui.budget.detail.flatMap { id in rows.first { $0.id == id } } ?? (c < rows.count ? rows[c] : nil)
        let expense: Expense? = ui.budget.detail.flatMap { id in
            let xs = expensesOnLine(id)
            return ui.detailCursor < xs.count ? xs[ui.detailCursor] : nil
        }
        if ui.budget.hoursShown, action == .edit || action == .delete {
            let xs = hoursEntries()
            guard ui.detailCursor < xs.count else { return }
            let h = xs[ui.detailCursor]
            if action == .delete {
                modal = .confirm(Confirmation(question: l.t("Slet \(h.hours.formatted(l)) timer fra \(l.shortDate(h.date))? (u fortryder)",
                                                            "Remove \(h.hours.formatted(l)) hours of \(l.shortDate(h.date))? (u undoes)"),
                                              done: l.t("Timerne fra \(l.shortDate(h.date)) er slettet.",
                                                        "The hours of \(l.shortDate(h.date)) are removed.")) { _ in .removal(of: h.id) })
            } else {
                modal = .form(hoursForm(h))
            }
            return
        }
        switch action {
        case .funding:
            modal = fundingChooser()
        case .add:
            modal = .form(expenseForm(nil, line: line?.id ?? "forplejning"))
        case .edit:
            if let x = expense { modal = .form(expenseForm(x, line: x.line)); return }
            // The record's own range and dates, never the year's displayed plan (a one-off line plans
            // nothing in a later year, a yearly one a part in its first): the merge base is what is stored.
            guard let shown = line, let b = state.budgetLines.first(where: { $0.id == shown.id }) else { return }
            let fields = [
                FormField("low", l.t("Lavt skøn (kr.)", "Low estimate (DKK)"), .amount, b.low.formatted(l, withUnit: false),
                          help: b.period == .yearly ? l.t("om året; et delår får en tolvtedel pr. måned",
                                                          "a year; a part year gets a twelfth a month") : nil),
                FormField("high", l.t("Højt skøn (kr.)", "High estimate (DKK)"), .amount, b.high.formatted(l, withUnit: false)),
                FormField("start", l.t("Planlagt fra", "Planned from"), .date(optional: true),
                          state.start(of: b).map { l.shortDate($0) } ?? ""),
                FormField("end", l.t("Planlagt til", "Planned until"), .date(optional: true), b.end.map { l.shortDate($0) } ?? ""),
            ]
            modal = .form(Form(title: l.t("Planlagt: ", "Planned: ") + b.title, fields: fields) { [start = state.start(of: b)] (f) throws in
                let low = try f.money("low"), high = try f.money("high")
                let from = try f.optionalDay("start"), until = try f.optionalDay("end")
                let base = PlannedRange(low: b.low, high: b.high), mine = PlannedRange(low: low, high: high)
                return [{ (s) throws -> Event? in
                    guard let i = s.budgetLineIndex(b.id) else { throw Message("budgetlinjen er slettet i mellemtiden",
                                                                               "the budget line was removed meanwhile") }
                    let now = PlannedRange(low: s.budgetLines[i].low, high: s.budgetLines[i].high)
                    let m = try Merge.record(base: base, mine: mine, theirs: now)
                    return m == now ? nil : .budgetLinePlanned(id: b.id, low: m.low, high: m.high)
                }, { (s) throws -> Event? in
                    guard let i = s.budgetLineIndex(b.id) else { return nil }
                    // The start as stored unless it was changed (an empty field: the project's start).
                    let newStart = from == start ? s.budgetLines[i].start : from
                    guard newStart != s.budgetLines[i].start || until != s.budgetLines[i].end else { return nil }
                    return .budgetLineDated(id: b.id, start: newStart, end: until)
                }]
            })
        case .delete:
            guard let x = expense else { ui.message = l.t("Åbn linjens udgifter (Enter) og vælg udgiften først",
                                                          "Open the line's expenses (Enter) and choose the expense first"); return }
            modal = .confirm(Confirmation(question: l.t("Slet udgiften \(RecordKind.expense.ref(x.id)) på \(x.amount.formatted(l)) fra \(l.shortDate(x.date))? (u fortryder)", "Remove expense \(RecordKind.expense.ref(x.id)) of \(x.amount.formatted(l)) from \(l.shortDate(x.date))? (u undoes)"), done: l.t("Udgiften på \(x.amount.formatted(l)) er slettet.", "The expense of \(x.amount.formatted(l)) is removed.")) { _ in .removal(of: x.id) })
        case .logHours:
            modal = .form(hoursForm(nil))
        case .newLine:
            let fields = [
                FormField("title", l.t("Titel", "Title"), .text(required: true)),
                FormField("id", l.t("Kort id (tom: af titlen)", "Short id (empty: from the title)"), .text(required: false)),
                FormField("low", l.t("Lavt skøn (kr.)", "Low estimate (DKK)"), .amount),
                FormField("high", l.t("Højt skøn (kr.)", "High estimate (DKK)"), .amount),
                FormField("period", l.t("Periode", "Period"), .choice(BudgetPeriod.allCases.map { ($0.rawValue, $0.label(l)) }),
                          BudgetPeriod.once.rawValue),
            ]
            modal = .form(Form(title: l.t("Ny budgetlinje", "New budget line"), fields: fields) { (f) throws in
                let title = f.text("title"), typed = f.text("id")
                let low = try f.money("low"), high = try f.money("high"), period = BudgetPeriod(rawValue: f.token("period")) ?? .once
                return [{ (s) throws -> Event? in
                    // The id from the title when none is typed ("Gaver til undervisere" → gaver-til-undervisere).
                    let id = typed.isEmpty ? BudgetLine.slug(title, taken: Set(s.budgetLines.map(\.id))) : typed
                    return .budgetLineAdded(BudgetLine(id: id, title: title, low: low, high: high, period: period))
                }]
            })
        default: break
        }
    }

    // MARK: Funding (phase 4: the association finances itself)

    /// F: a new application, or the decision on one, or its removal.
    func fundingChooser() -> Modal {
        let l = lang
        let apps = state.funding.filter { !$0.removed }
        guard !apps.isEmpty else { return .form(fundingForm()) }
        var options = [("new", l.t("ny ansøgning", "new application"))]
        options += apps.reversed().map { f in
            (RecordKind.funding.ref(f.id), "\(f.funder) \(l.shortDate(f.date)) · " + f.applied.formatted(l) + " · " + fundingState(f))
        }
        let whats = [("decide", l.t("afgørelse", "decision")), ("delete", l.t("slet", "delete"))]
        let fields = [FormField("funding", l.t("Ansøgning", "Application"), .choice(options), "new"),
                      FormField("what", l.t("Gør", "Do"), .choice(whats), "decide")]
        return .form(Form(title: l.t("Fondsansøgninger", "Funding applications"), fields: fields) { (f) throws -> Modal in
            guard let id = ID<FundingApplication>(ref: f.token("funding")), id.raw <= self.state.funding.count else { return .form(self.fundingForm()) }
            let app = self.state.funding[id]
            if f.token("what") == "delete" {
                return .confirm(Confirmation(question: l.t("Slet ansøgningen til \(app.funder) om \(app.applied.formatted(l))? (u fortryder)",
                                                           "Delete the application to \(app.funder) for \(app.applied.formatted(l))? (u undoes)"),
                                             done: l.t("Ansøgningen til \(app.funder) er slettet.",
                                                       "The application to \(app.funder) is deleted.")) { _ in .removal(of: id) })
            }
            return .form(self.decisionForm(app))
        })
    }

    /// "afventer", "bevilget 20.000,00 kr.", "afslag".
    func fundingState(_ f: FundingApplication) -> String {
        let l = lang
        guard let g = f.granted else { return l.t("afventer", "pending") }
        return g == .zero ? l.t("afslag", "refused") : l.t("bevilget ", "granted ") + g.formatted(l)
    }

    func fundingForm() -> Form {
        let l = lang
        let fields = [
            FormField("funder", l.t("Fond / giver", "Funder"), .text(required: true), ""),
            FormField("applied", l.t("Ansøgt beløb", "Amount applied for"), .amount, ""),
            FormField("date", l.t("Sendt", "Sent"), .date(optional: false), l.shortDate(today)),
        ]
        return Form(title: l.t("Ny fondsansøgning", "New funding application"), fields: fields) { (f) throws in
            let funder = f.text("funder"), applied = try f.money("applied"), date = try f.day("date")
            return [{ _ in .fundingApplied(id: 0, funder: funder, applied: applied, date: date) }]
        }
    }

    func decisionForm(_ app: FundingApplication) -> Form {
        let l = lang
        let fields = [
            FormField("granted", l.t("Bevilget (0 = afslag; tom = ingen afgørelse endnu)",
                                     "Granted (0 = refused; empty = no decision yet)"), .amount,
                      app.granted.map { $0.formatted(l, withUnit: false) } ?? ""),
            FormField("date", l.t("Afgjort", "Decided"), .date(optional: true), l.shortDate(app.decided ?? today)),
        ]
        return Form(title: l.t("Afgørelse: ", "Decision: ") + app.funder + " · " + app.applied.formatted(l), fields: fields) { (f) throws in
            let granted = f.text("granted").isEmpty ? nil : try f.money("granted")
            let date = granted == nil ? nil : try f.day("date")
            return [{ (s) throws -> Event? in
                let now = s.funding[app.id]
                return now.granted == granted && now.decided == date ? nil : .fundingDecided(id: app.id, granted: granted, date: date)
            }]
        }
    }

    func hoursForm(_ existing: HoursEntry?) -> Form {
        let l = lang
        let fields = [
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? today)),
            FormField("hours", l.t("Timer", "Hours"), .hours, existing.map { $0.hours.formatted(l) } ?? ""),
            FormField("note", l.t("Note", "Note"), .notes, existing?.note ?? ""),
        ]
        let title = existing.map { l.t("Ret timerne fra ",
                                       "Edit the hours of ") + l.shortDate($0.date) } ?? l.t("Koordinatortimer", "Coordinator hours")
        return Form(title: title, fields: fields) { (f) throws in
            let mine = HoursEntry(id: existing?.id ?? 0, date: try f.day("date"), hours: try f.hours("hours"), note: f.notes("note"))
            guard let base = existing else { return [{ _ in .hoursLogged(mine) }] }
            let edit = RecordEdit(base: base, mine: mine)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }
}
