import BydelsmorCore

/// 3 Kalender: scheduling, moving, holding and cancelling sessions, attendance, notes.
extension App {
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
            var mine = SessionFields(id: existing?.id ?? 0, module: try f.number("module"), date: try f.day("date"), start: try f.time("start"),
                                     end: try f.time("end"), place: f.text("place"), teacher: f.text("teacher"))
            // A session stays in its hold; a new one goes to the hold that runs on its date (else the newest).
            mine.hold = existing?.hold
            guard let base = existing else {
                return [{ (s) throws -> Event? in
                    var m = mine; m.id = 0; m.hold = s.holdRunning(on: m.date)?.id
                    return .sessionScheduled(m)
                }]
            }
            return [{ (s) throws -> Event? in
                let now = s.sessions[base.id - 1]
                let current = SessionFields(now)
                let merged = try Merge.record(base: SessionFields(base), mine: mine, theirs: current)
                return merged == current ? nil : .sessionChanged(merged)
            }]
        }
    }

    func holdForm() -> Form {
        let l = lang
        let fields = [
            FormField("name", l.t("Navn", "Name"), .text(required: true), l.t("Hold ", "Hold ") + String(ui.calendarDay.year)),
            FormField("start", l.t("Start", "Start"), .date(optional: false), l.shortDate(ui.calendarDay)),
            FormField("end", l.t("Slut", "End"), .date(optional: true), ""),
            FormField("place", l.t("Sted", "Place"), .text(required: false), ""),
            FormField("modules", l.t("Antal moduler", "Modules"), .number(1...30), "15"),
        ]
        return Form(title: l.t("Nyt hold", "New hold"), fields: fields) { (f) throws in
            let h = HoldFields(id: 0, name: f.text("name"), start: try f.day("start"), end: try f.optionalDay("end"), place: f.text("place"), modules: try f.number("modules"))
            return [{ _ in .holdAdded(h) }]
        }
    }

    func activityForm() -> Form {
        let l = lang
        let fields = [
            FormField("kind", l.t("Slags", "Kind"), .choice(ActivityKind.allCases.map { ($0.rawValue, $0.label(l)) }), ActivityKind.monthly.rawValue),
            FormField("title", l.t("Titel", "Title"), .text(required: true), ""),
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(ui.calendarDay)),
            FormField("start", l.t("Start", "Start"), .time, "17:00"),
            FormField("end", l.t("Slut", "End"), .time, "19:00"),
            FormField("place", l.t("Sted", "Place"), .text(required: false), ""),
        ]
        return Form(title: l.t("Ny aktivitet", "New activity"), fields: fields) { (f) throws in
            let a = ActivityFields(id: 0, kind: ActivityKind(rawValue: f.token("kind")) ?? .other, title: f.text("title"), date: try f.day("date"),
                                   start: try f.time("start"), end: try f.time("end"), place: f.text("place"))
            return [{ _ in .activityAdded(a) }]
        }
    }

    func calendarEdit(_ action: Action) {
        let l = lang
        if action == .add { modal = .form(sessionForm(nil)); return }
        if action == .newHold { modal = .form(holdForm()); return }
        if action == .newActivity { modal = .form(activityForm()); return }
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
            // A hold's session lists the hold's own women; one from before holds, those in training.
            let rows = state.volunteers.filter { v in
                !v.removed && (s.attendance[v.id] != nil || (s.hold.map { v.hold == $0 } ?? (v.stage == .training)))
            }
                .sorted { TextPolicy.danishSortKey($0.name).lexicographicallyPrecedes(TextPolicy.danishSortKey($1.name)) }
                .map { (volunteer: $0.id, name: $0.name, present: s.attendance[$0.id] == .present, was: s.attendance[$0.id] ?? .unknown) }
            let title = l.t("Fremmøde: modul ", "Attendance: module ") + "\(s.module), \(l.shortDate(s.date))" + (s.hold.flatMap { state.hold($0) }.map { " · " + $0.name } ?? "")
            modal = .attendance(AttendanceSheet(session: s.id, title: title, rows: rows))
        default: break
        }
    }
}
