import BydelsmorCore

extension App {
    // MARK: Faser

    func partnerForm(_ existing: Partner?) -> Form {
        let l = lang
        let fields = [
            FormField("name", l.t("Navn", "Name"), .text(required: true), existing?.name ?? ""),
            FormField("kind", l.t("Slags", "Kind"), .choice(PartnerKind.allCases.map { ($0.rawValue, $0.label(l)) }), existing?.kind.rawValue ?? PartnerKind.school.rawValue),
            FormField("contact", l.t("Kontaktperson", "Contact person"), .text(required: false), existing?.contact ?? ""),
            FormField("notes", l.t("Noter", "Notes"), .notes, existing?.notes ?? ""),
        ]
        return Form(title: existing.map { l.t("Ret ", "Edit ") + $0.name } ?? l.t("Ny samarbejdspartner", "New partner"), fields: fields) { (f) throws in
            let mine = PartnerFields(id: existing?.id ?? 0, name: f.text("name"), kind: PartnerKind(rawValue: f.token("kind")) ?? .other, contact: f.text("contact"), notes: f.notes("notes"))
            guard let base = existing else {
                return [{ (s) throws -> Event? in var p = mine; p.id = s.partners.count + 1; return .partnerAdded(p) }]
            }
            return [{ (s) throws -> Event? in
                let now = s.partners[base.id - 1]
                let current = PartnerFields(now)
                let merged = try Merge.record(base: PartnerFields(base), mine: mine, theirs: current)
                return merged == current ? nil : .partnerChanged(merged)
            }]
        }
    }

    func phasesEdit(_ action: Action) {
        let l = lang
        if ui.partnersShown {
            let ps = livePartners
            let partner = ui.detailCursor < ps.count ? ps[ui.detailCursor] : nil
            switch action {
            case .add: modal = .form(partnerForm(nil))
            case .edit: if let p = partner { modal = .form(partnerForm(p)) }
            case .delete:
                if let p = partner {
                    modal = .confirm(Confirmation(question: l.t("Slet samarbejdspartneren \(p.name)? (u fortryder)", "Remove the partner \(p.name)? (u undoes)")) { _ in .removed(.partner, id: p.id) })
                }
            default: break
            }
            return
        }
        let phase = (ui.cursor[.phases] ?? 0) + 1
        guard let p = state.phases.first(where: { $0.number == phase }) else { return }
        let ms = phaseMilestones(phase)
        let milestone = ui.phaseDetail && ui.detailCursor < ms.count ? ms[ui.detailCursor] : nil
        switch action {
        case .toggle:
            guard let m = milestone else { ui.message = l.t("Gå ind i milepælene med Enter først", "Move into the milestones with Enter first"); return }
            commit({ _ in .milestoneChecked(id: m.id, done: !m.done) }, done: m.done ? l.t("Milepæl åbnet igen.", "Milestone reopened.") : l.t("Milepæl afkrydset.", "Milestone ticked."))
        case .add:
            modal = .form(Form(title: l.t("Ny milepæl i fase \(phase)", "New milestone in phase \(phase)"), fields: [FormField("title", l.t("Titel", "Title"), .text(required: true))]) { (f) throws in
                let title = f.text("title")
                return [{ (s) throws -> Event? in .milestoneAdded(id: s.milestones.count + 1, phase: phase, title: title) }]
            })
        case .delete:
            guard let m = milestone else { return }
            modal = .confirm(Confirmation(question: l.t("Slet milepælen \"\(m.title)\"? (u fortryder)", "Remove the milestone \"\(m.title)\"? (u undoes)")) { _ in .removed(.milestone, id: m.id) })
        case .edit:
            if let m = milestone {
                modal = .form(Form(title: l.t("Omdøb milepæl", "Rename milestone"), fields: [FormField("title", l.t("Titel", "Title"), .text(required: true), m.title)]) { (f) throws in
                    let title = f.text("title")
                    return [{ (s) throws -> Event? in
                        let now = s.milestones[m.id - 1].title
                        let t = try Merge.field(Message("Titlen", "The title"), "title", base: m.title, mine: title, theirs: now)
                        return t == now ? nil : .milestoneRenamed(id: m.id, title: t)
                    }]
                })
                return
            }
            let fields = [
                FormField("status", "Status", .choice(PhaseStatus.allCases.map { ($0.rawValue, $0.label(l)) }), p.status.rawValue),
                FormField("start", l.t("Start", "Start"), .date(optional: true), p.start.map { l.shortDate($0) } ?? ""),
                FormField("end", l.t("Slut", "End"), .date(optional: true), p.end.map { l.shortDate($0) } ?? ""),
            ]
            modal = .form(Form(title: l.t("Fase ", "Phase ") + "\(p.number): \(p.title)", fields: fields) { (f) throws in
                let status = PhaseStatus(rawValue: f.token("status")) ?? p.status
                let start = try f.optionalDay("start"), end = try f.optionalDay("end")
                // Merged field by field like every other edit: a change another terminal made to a
                // field left alone here is kept.
                let base = PhaseFields(p), mine = PhaseFields(status: status, start: start, end: end)
                return [
                    { (s) throws -> Event? in
                        let now = PhaseFields(s.phases[phase - 1])
                        let m = try Merge.record(base: base, mine: mine, theirs: now)
                        return m.status == now.status ? nil : .phaseStatus(number: phase, status: m.status)
                    },
                    { (s) throws -> Event? in
                        let now = PhaseFields(s.phases[phase - 1])
                        let m = try Merge.record(base: base, mine: mine, theirs: now)
                        return m.start == now.start && m.end == now.end ? nil : .phaseDates(number: phase, start: m.start, end: m.end)
                    },
                ]
            })
        default: break
        }
    }

    // MARK: Kalender

    /// The session on the selected day (the first one not cancelled, else the first).
    var sessionOfDay: ModuleSession? {
        let ids = index.sessionsByDay[ui.calendarDay] ?? []
        let sessions = ids.map { state.sessions[$0] }
        return sessions.first { $0.status != .cancelled } ?? sessions.first
    }

    func sessionForm(_ existing: ModuleSession?) -> Form {
        let l = lang
        let nextModule = (1...ProjectState.moduleCount).first { state.status(ofModule: $0) != .scheduled && state.status(ofModule: $0) != .held } ?? 1
        let fields = [
            FormField("module", l.t("Modul (1–15)", "Module (1–15)"), .number(1...ProjectState.moduleCount), String(existing?.module ?? nextModule)),
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? ui.calendarDay)),
            FormField("start", l.t("Start", "Start"), .time, existing?.start.text ?? "17:00"),
            FormField("end", l.t("Slut", "End"), .time, existing?.end.text ?? "20:00"),
            FormField("place", l.t("Sted", "Place"), .text(required: true), existing?.place ?? ""),
            FormField("teacher", l.t("Underviser", "Teacher"), .text(required: false), existing?.teacher ?? ""),
        ]
        let title = existing.map { l.t("Flyt/ret modulgang ", "Move/edit session ") + RecordKind.session.ref($0.id) } ?? l.t("Planlæg modulgang", "Schedule a session")
        return Form(title: title, fields: fields) { (f) throws in
            let mine = SessionFields(id: existing?.id ?? 0, module: try f.number("module"), date: try f.day("date"), start: try f.time("start"),
                                     end: try f.time("end"), place: f.text("place"), teacher: f.text("teacher"))
            guard let base = existing else {
                return [{ (s) throws -> Event? in var m = mine; m.id = s.sessions.count + 1; return .sessionScheduled(m) }]
            }
            return [{ (s) throws -> Event? in
                let now = s.sessions[base.id - 1]
                let current = SessionFields(now)
                let merged = try Merge.record(base: SessionFields(base), mine: mine, theirs: current)
                return merged == current ? nil : .sessionChanged(merged)
            }]
        }
    }

    func calendarEdit(_ action: Action) {
        let l = lang
        if action == .add { modal = .form(sessionForm(nil)); return }
        guard let s = sessionOfDay else {
            ui.message = l.t("Ingen modulgang på \(l.shortDate(ui.calendarDay)); a planlægger en", "No session on \(l.shortDate(ui.calendarDay)); a schedules one")
            return
        }
        switch action {
        case .edit: modal = .form(sessionForm(s))
        case .markHeld:
            commit({ _ in .sessionStatus(id: s.id, status: .held) }, done: l.t("Modul \(s.module) markeret som afholdt.", "Module \(s.module) marked held."))
        case .cancelSession:
            modal = .confirm(Confirmation(question: l.t("Aflys \(RecordKind.session.ref(s.id)), modul \(s.module) \(l.shortDate(s.date)) \(s.start.text)? (u fortryder)", "Cancel \(RecordKind.session.ref(s.id)), module \(s.module) \(l.shortDate(s.date)) \(s.start.text)? (u undoes)")) { _ in .sessionStatus(id: s.id, status: .cancelled) })
        case .note:
            modal = .form(Form(title: l.t("Lektie/note til ", "Homework/note for ") + RecordKind.session.ref(s.id), fields: [FormField("note", l.t("Note", "Note"), .notes, s.note)]) { (f) throws in
                let note = f.notes("note")
                return [{ (st) throws -> Event? in st.sessions[s.id - 1].note == note ? nil : .sessionNoted(id: s.id, note: note) }]
            })
        case .attendance:
            guard s.status != .cancelled else { ui.message = l.t("Modulgangen er aflyst.", "The session is cancelled."); return }
            let rows = state.volunteers.filter { !$0.removed && ($0.stage == .training || s.attendance[$0.id] != nil) }
                .sorted { $0.name.lowercased() < $1.name.lowercased() }
                .map { (volunteer: $0.id, name: $0.name, present: s.attendance[$0.id] == .present, was: s.attendance[$0.id] ?? .unknown) }
            let title = l.t("Fremmøde: modul ", "Attendance: module ") + "\(s.module), \(l.shortDate(s.date))"
            modal = .attendance(AttendanceSheet(session: s.id, title: title, rows: rows))
        default: break
        }
    }

    // MARK: Budget

    func expensesOnLine(_ id: String) -> [Expense] {
        cached("expenses-\(id)", [ui.query]) { state.expenses.filter { !$0.removed && $0.line == id && matches($0.note) }.reversed() }
    }

    func budgetAction(_ action: Action) {
        if let line = ui.budgetDetail {
            // In the list of a line's expenses, Enter edits the chosen one (like e).
            if action == .open { perform(.edit); return }
            if let c = stepped(ui.detailCursor, action, count: expensesOnLine(line).count) { ui.detailCursor = c }
            return
        }
        if action == .open {
            let rows = budgetRows(), c = ui.cursor[.budget] ?? 0
            if c < rows.count { ui.budgetDetail = rows[c].id; ui.detailCursor = 0 }
            return
        }
        move(action, cursor: .budget, count: budgetRows().count)
    }

    func expenseForm(_ existing: Expense?, line: String) -> Form {
        let l = lang
        let lines = state.budgetLines.filter { !$0.removed }.map { ($0.id, $0.title) }
        let fields = [
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? today)),
            FormField("line", l.t("Budgetlinje", "Budget line"), .choice(lines), existing?.line ?? line),
            FormField("amount", l.t("Beløb (kr.)", "Amount (DKK)"), .amount, existing.map { $0.amount.formatted(l, withUnit: false) } ?? ""),
            FormField("note", l.t("Note", "Note"), .notes, existing?.note ?? ""),
        ]
        return Form(title: existing.map { l.t("Ret udgift ", "Edit expense ") + RecordKind.expense.ref($0.id) } ?? l.t("Ny udgift", "New expense"), fields: fields) { (f) throws in
            let mine = Expense(id: existing?.id ?? 0, date: try f.day("date"), line: f.token("line"), amount: try f.money("amount"), note: f.notes("note"))
            guard let base = existing else {
                return [{ (s) throws -> Event? in var x = mine; x.id = s.expenses.count + 1; return .expenseAdded(x) }]
            }
            return [{ (s) throws -> Event? in
                let now = s.expenses[base.id - 1]
                guard !now.removed else { throw Message("udgiften er slettet i mellemtiden", "the expense was removed meanwhile") }
                let merged = try Merge.record(base: base, mine: mine, theirs: now)
                return merged == now ? nil : .expenseChanged(merged)
            }]
        }
    }

    func budgetEdit(_ action: Action) {
        let l = lang
        let rows = budgetRows()
        let c = ui.cursor[.budget] ?? 0
        let line = ui.budgetDetail.flatMap { id in rows.first { $0.id == id } } ?? (c < rows.count ? rows[c] : nil)
        let expense: Expense? = ui.budgetDetail.flatMap { id in
            let xs = expensesOnLine(id)
            return ui.detailCursor < xs.count ? xs[ui.detailCursor] : nil
        }
        switch action {
        case .add:
            modal = .form(expenseForm(nil, line: line?.id ?? "forplejning"))
        case .edit:
            if let x = expense { modal = .form(expenseForm(x, line: x.line)); return }
            guard let b = line else { return }
            let fields = [
                FormField("low", l.t("Lavt skøn (kr.)", "Low estimate (DKK)"), .amount, b.plannedLow.formatted(l, withUnit: false)),
                FormField("high", l.t("Højt skøn (kr.)", "High estimate (DKK)"), .amount, b.plannedHigh.formatted(l, withUnit: false)),
            ]
            modal = .form(Form(title: l.t("Planlagt: ", "Planned: ") + b.title, fields: fields) { (f) throws in
                let low = try f.money("low"), high = try f.money("high")
                let base = PlannedRange(low: b.plannedLow, high: b.plannedHigh), mine = PlannedRange(low: low, high: high)
                return [{ (s) throws -> Event? in
                    guard let i = s.budgetLineIndex(b.id) else { throw Message("budgetlinjen er slettet i mellemtiden", "the budget line was removed meanwhile") }
                    let now = PlannedRange(low: s.budgetLines[i].low, high: s.budgetLines[i].high)
                    let m = try Merge.record(base: base, mine: mine, theirs: now)
                    return m == now ? nil : .budgetLinePlanned(id: b.id, low: m.low, high: m.high)
                }]
            })
        case .delete:
            guard let x = expense else { ui.message = l.t("Åbn linjens udgifter (Enter) og vælg udgiften først", "Open the line's expenses (Enter) and choose the expense first"); return }
            modal = .confirm(Confirmation(question: l.t("Slet udgiften \(RecordKind.expense.ref(x.id)) på \(x.amount.formatted(l)) fra \(l.shortDate(x.date))? (u fortryder)", "Remove expense \(RecordKind.expense.ref(x.id)) of \(x.amount.formatted(l)) from \(l.shortDate(x.date))? (u undoes)")) { _ in .removed(.expense, id: x.id) })
        case .logHours:
            let fields = [
                FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(today)),
                FormField("hours", l.t("Timer", "Hours"), .hours, ""),
                FormField("note", l.t("Note", "Note"), .notes, ""),
            ]
            modal = .form(Form(title: l.t("Koordinatortimer", "Coordinator hours"), fields: fields) { (f) throws in
                let date = try f.day("date"), hours = try f.hours("hours"), note = f.notes("note")
                return [{ (s) throws -> Event? in .hoursLogged(HoursEntry(id: s.hours.count + 1, date: date, hours: hours, note: note)) }]
            })
        case .newLine:
            let fields = [
                FormField("id", l.t("Kort id (a-z, 0-9, -)", "Short id (a-z, 0-9, -)"), .text(required: true)),
                FormField("title", l.t("Titel", "Title"), .text(required: true)),
                FormField("low", l.t("Lavt skøn (kr.)", "Low estimate (DKK)"), .amount),
                FormField("high", l.t("Højt skøn (kr.)", "High estimate (DKK)"), .amount),
                FormField("period", l.t("Periode", "Period"), .choice(BudgetPeriod.allCases.map { ($0.rawValue, $0.label(l)) }), BudgetPeriod.once.rawValue),
            ]
            modal = .form(Form(title: l.t("Ny budgetlinje", "New budget line"), fields: fields) { (f) throws in
                let line = BudgetLine(id: f.text("id"), title: f.text("title"), low: try f.money("low"), high: try f.money("high"), period: BudgetPeriod(rawValue: f.token("period")) ?? .once)
                return [{ (_) throws -> Event? in .budgetLineAdded(line) }]
            })
        default: break
        }
    }

    func drawExpenses(_ g: inout Grid, _ r: Rect, line: ProjectStatus.BudgetLineStatus) {
        let l = lang
        let xs = expensesOnLine(line.id)
        g.put("\(line.title): \(line.spent.formatted(l)) · \(xs.count) " + l.t("udgifter · a ny · e ret · d slet · Esc tilbage", "expenses · a new · e edit · d remove · Esc back"), in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        if xs.isEmpty { g.put(l.t("Ingen udgifter på linjen endnu.", "No expenses on the line yet."), in: list, .dim); return }
        drawList(&g, list, id: "expenses", count: xs.count, cursor: min(ui.detailCursor, xs.count - 1)) { g, i, rect, sel in
            let x = xs[i]
            g.put(Text.pad(RecordKind.expense.ref(x.id), 7) + " " + l.shortDate(x.date) + "  " + Text.pad(x.amount.formatted(l), 16, right: true) + "  " + x.note, in: rect, sel ? .selected : .normal)
        }
    }
}
