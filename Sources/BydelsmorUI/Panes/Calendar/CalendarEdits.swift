import BydelsmorCore

/// One thing on a calendar day the keys can act on: a session or another activity.
enum DayItem {
    case session(ModuleSession)
    case activity(ActivityFields)

    var start: ClockTime {
        switch self {
        case .session(let s): s.start
        case .activity(let a): a.start
        }
    }
}

/// 3 Kalender: scheduling, moving, holding, cancelling and deleting sessions, attendance, notes,
/// activities, holds and the module plan.
extension App {
    // MARK: Kalender


    func sessionForm(_ existing: ModuleSession?) -> Form {
        let l = lang
        let count = state.modules.count
        // The next module the hold running on the day has no session of yet.
        let hold = state.holdRunning(on: ui.calendar.day)
        let covered = Set(state.sessions.filter { !$0.removed && $0.status != .cancelled && $0.hold == hold?.id }.map(\.module))
        let nextModule = (1...max(1, min(count, hold?.modules ?? count))).first { !covered.contains($0) } ?? 1
        let fields = [
            FormField("module", l.t("Modul (1–\(count))", "Module (1–\(count))"), .number(1...max(1, count)),
                      String(existing?.module ?? nextModule)),
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? ui.calendar.day)),
            FormField("start", l.t("Start", "Start"), .time, existing?.start.text ?? "17:00"),
            FormField("end", l.t("Slut", "End"), .time, existing?.end.text ?? "20:00"),
            FormField("place", l.t("Sted", "Place"), .text(required: true), existing?.place ?? ui.calendar.lastPlace),
            FormField("teacher", l.t("Underviser", "Teacher"), .text(required: false), existing?.teacher ?? ui.calendar.lastTeacher),
        ]
        // The module's title in the form's, so the coordinator sees which module the number is.
        let module = state.module(existing?.module ?? nextModule).map { " — " + l.t("modul",
                                                                                    "module") + " \($0.number): \($0.title)" } ?? ""
        let title = existing.map { l.t("Flyt/ret ", "Move/edit ") + $0.words(l) } ?? l.t("Planlæg modulgang", "Schedule a session") + module
        return Form(title: title, fields: fields) { [weak self] (f) throws in
            self?.ui.calendar.lastPlace = f.text("place"); self?.ui.calendar.lastTeacher = f.text("teacher")
            var mine = SessionFields(id: existing?.id ?? 0, module: try f.number("module"), date: try f.day("date"),
                                     start: try f.time("start"),
                                     end: try f.time("end"), place: f.text("place"), teacher: f.text("teacher"))
            // A session stays in its hold; a new one goes to the hold that runs on its date (else the newest).
            mine.hold = existing?.hold
            guard let base = existing else {
                return [{ (s) throws -> Event? in
                    var m = mine; m.id = 0; m.hold = s.holdRunning(on: m.date)?.id
                    return .sessionScheduled(m)
                }]
            }
            let edit = RecordEdit(base: SessionFields(base), mine: mine)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }

    func holdForm(_ existing: Hold?) -> Form {
        let l = lang
        let fields = [
            FormField("name", l.t("Navn", "Name"), .text(required: true),
                      existing?.name ?? ProjectState.suggestedHoldName(state, year: ui.calendar.day.year)),
            FormField("start", l.t("Start", "Start"), .date(optional: false), l.shortDate(existing?.start ?? ui.calendar.day)),
            FormField("end", l.t("Slut", "End"), .date(optional: true), existing?.end.map { l.shortDate($0) } ?? ""),
            FormField("place", l.t("Sted", "Place"), .text(required: false), existing?.place ?? ""),
            FormField("modules", l.t("Antal moduler", "Modules"), .number(1...ProjectState.maxModules),
                      String(existing?.modules ?? min(15, max(1, state.modules.count)))),
        ]
        return Form(title: existing.map { l.t("Ret ", "Edit ") + $0.name } ?? l.t("Nyt hold", "New hold"), fields: fields) { (f) throws in
            let h = HoldFields(id: existing?.id ?? 0, name: f.text("name"), start: try f.day("start"), end: try f.optionalDay("end"),
                               place: f.text("place"), modules: try f.number("modules"))
            guard let base = existing else { return [{ _ in .holdAdded(h) }] }
            let edit = RecordEdit(base: base, mine: h)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }

    /// H: a new hold, or one to edit or delete.
    func holdChooser() -> Modal {
        let l = lang
        let holds = state.holds.filter { !$0.removed }
        guard !holds.isEmpty else { return .form(holdForm(nil)) }
        let whats = [("edit", l.t("ret", "edit")), ("delete", l.t("slet", "delete"))]
        var options = [("new", l.t("nyt hold", "new hold"))]
        options += holds.reversed().map { (RecordKind.hold.ref($0.id), $0.name) }
        let fields = [FormField("hold", l.t("Hold", "Hold"), .choice(options), "new"),
                      FormField("what", l.t("Gør", "Do"), .choice(whats), "edit")]
        return .form(Form(title: l.t("Hold", "Holds"), fields: fields) { (f) throws -> Modal in
            guard let id = HoldID(ref: f.token("hold")), let h = self.state.hold(id) else { return .form(self.holdForm(nil)) }
            if f.token("what") == "delete" {
                return .confirm(Confirmation(question: l.t("Slet \(h.name)? Et hold med modulgange eller bydelsmødre kan ikke slettes. (u fortryder)",
                                                           "Delete \(h.name)? A hold with sessions or volunteers cannot be deleted. (u undoes)"),
                                             done: l.t("\(h.name) er slettet.", "\(h.name) is deleted.")) { _ in .removal(of: id) })
            }
            return .form(self.holdForm(h))
        })
    }

    func activityForm(_ existing: ActivityFields?) -> Form {
        let l = lang
        let fields = [
            FormField("kind", l.t("Slags", "Kind"), .choice(ActivityKind.allCases.map { ($0.rawValue, $0.label(l)) }),
                      (existing?.kind ?? .monthly).rawValue),
            FormField("title", l.t("Titel", "Title"), .text(required: true), existing?.title ?? ""),
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? ui.calendar.day)),
            FormField("start", l.t("Start", "Start"), .time, existing?.start.text ?? "17:00"),
            FormField("end", l.t("Slut", "End"), .time, existing?.end.text ?? "19:00"),
            FormField("place", l.t("Sted", "Place"), .text(required: false), existing?.place ?? ""),
        ]
        return Form(title: existing.map { l.t("Ret ", "Edit ") + $0.kind.label(l) } ?? l.t("Ny aktivitet", "New activity"),
                    fields: fields) { (f) throws in
            var a = ActivityFields(id: existing?.id ?? 0, kind: ActivityKind(rawValue: f.token("kind")) ?? .other, title: f.text("title"),
                                   date: try f.day("date"),
                                   start: try f.time("start"), end: try f.time("end"), place: f.text("place"))
            guard let base = existing else { return [{ _ in .activityAdded(a) }] }
            a.participants = base.participants
            let edit = RecordEdit(base: base, mine: a)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }

    func participantsForm(_ a: ActivityFields) -> Form {
        let l = lang
        let field = FormField("participants", l.t("Deltagere (tom: ukendt)", "Participants (empty: unknown)"), .text(required: false),
                              a.participants.map(String.init) ?? "")
        return Form(title: l.t("Deltagere: ", "Participants: ") + a.title, fields: [field]) { (f) throws in
            let text = f.text("participants")
            var n: Int?
            if !text.isEmpty {
                guard let v = Int(text), v >= 0, v <= 100_000 else {
                    throw FieldError(key: "participants", message: l.t("skriv et antal, fx 23, eller lad feltet stå tomt",
                                                                       "enter a number, e.g. 23, or leave it empty"))
                }
                n = v
            }
            return [{ (s) throws -> Event? in
                guard a.id.raw <= s.activities.count else { return nil }
                var now = s.activities[a.id]
                if now.participants == n { return nil }
                now.participants = n
                return .activityChanged(now)
            }]
        }
    }

    /// S: the rest of a hold, one a week; the list is shown and written as one change after a yes.
    func seriesForm() -> Form {
        let l = lang
        let holds = state.holds.filter { !$0.removed }
        var fields: [FormField] = []
        if !holds.isEmpty {
            var f = FormField("hold", l.t("Hold", "Hold"), .choice(holds.map { (RecordKind.hold.ref($0.id), $0.name) }),
                              RecordKind.hold.ref(holds.last!.id))
            if let running = state.holdRunning(on: ui.calendar.day), let i = holds.firstIndex(where: { $0.id == running.id }) { f.choice = i }
            fields.append(f)
        }
        fields += [
            FormField("from", l.t("Fra", "From"), .date(optional: false), l.shortDate(ui.calendar.day)),
            FormField("weekday", l.t("Ugedag", "Weekday"), .choice((1...7).map { (String($0), l.weekdayNames[$0 - 1]) }),
                      String(ui.calendar.day.weekday)),
            FormField("start", l.t("Start", "Start"), .time, "17:00"),
            FormField("end", l.t("Slut", "End"), .time, "20:00"),
            FormField("place", l.t("Sted", "Place"), .text(required: true), ui.calendar.lastPlace),
            FormField("teacher", l.t("Underviser", "Teacher"), .text(required: false), ui.calendar.lastTeacher),
        ]
        return Form(title: l.t("Planlæg resten af holdet ugentligt", "Schedule the rest of the hold weekly"),
                    fields: fields) { [weak self] (f) throws -> Modal in
            guard let self else { return .form(Form(title: "", fields: []) { _ in [] }) }
            let hold = holds.isEmpty ? nil : HoldID(ref: f.token("hold"))
            let request = SeriesRequest(hold: hold, from: try f.day("from"), weekday: Int(f.token("weekday")) ?? 2,
                                        start: try f.time("start"), end: try f.time("end"),
                                        place: f.text("place"), teacher: f.text("teacher"))
            self.ui.calendar.lastPlace = request.place; self.ui.calendar.lastTeacher = request.teacher
            let plan: SeriesPlan
            do throws(Message) { plan = try SeriesPlan(request, state: self.state, lang: l) } catch {
                throw FieldError(key: error.field == "from" ? "from" : error.field == "hold" && !holds.isEmpty ? "hold" : "place",
                                 message: error.text(l))
            }
            let question = l.t("Planlæg \(plan.sessions.count) modulgange?",
                               "Schedule \(plan.sessions.count) sessions?") + "\n" + plan.lines(l).joined(separator: "\n")
            return .confirm(Confirmation(question: question,
                    done: l.t("Planlagt: \(plan.sessions.count) modulgange.", "Scheduled: \(plan.sessions.count) sessions."),
                                         steps: plan.sessions.map { x in { _ in .sessionScheduled(x) } }))
        }
    }

    /// M: a module's title, theme and kind; the next number adds a module to the plan.
    func moduleChooser() -> Modal {
        let l = lang
        let count = state.modules.count
        let current = sessionOfDay?.module ?? 1
        let field = FormField("number", l.t("Modul (1–\(count); \(count + 1) tilføjer et)", "Module (1–\(count); \(count + 1) adds one)"),
                              .number(1...min(ProjectState.maxModules, count + 1)), String(current))
        return .form(Form(title: l.t("Modulplanen", "The module plan"), fields: [field]) { (f) throws -> Modal in
            let n = try f.number("number")
            let m = self.state.module(n) ?? TrainingModule(number: n, title: "", theme: .community, kind: .subject)
            return .form(self.moduleForm(m, isNew: n > count))
        })
    }

    func moduleForm(_ m: TrainingModule, isNew: Bool) -> Form {
        let l = lang
        let fields = [
            FormField("title", l.t("Titel", "Title"), .text(required: true), m.title),
            FormField("theme", l.t("Tema", "Theme"), .choice(ModuleTheme.allCases.map { ($0.rawValue, $0.label(l)) }), m.theme.rawValue),
            FormField("kind", l.t("Slags", "Kind"), .choice(ModuleKind.allCases.map { ($0.rawValue, $0.label(l)) }), m.kind.rawValue),
        ]
        let title = (isNew ? l.t("Nyt modul ", "New module ") : l.t("Modul ",
                "Module ")) + String(m.number) + (isNew ? l.t(" (kan ikke fortrydes)", " (cannot be undone)") : "")
        return Form(title: title, fields: fields) { (f) throws in
            let new = TrainingModule(number: m.number, title: f.text("title"), theme: ModuleTheme(rawValue: f.token("theme")) ?? m.theme,
                                     kind: ModuleKind(rawValue: f.token("kind")) ?? m.kind)
            return [{ (s) throws -> Event? in s.module(m.number) == new ? nil : .moduleChanged(new) }]
        }
    }

    func calendarEdit(_ action: Action) {
        let l = lang
        switch action {
        case .add: modal = .form(sessionForm(nil)); return
        case .newHold: modal = holdChooser(); return
        case .newActivity: modal = .form(activityForm(nil)); return
        case .modulePlan: modal = moduleChooser(); return
        case .series: modal = .form(seriesForm()); return
        default: break
        }
        guard let item = chosenItem else {
            ui.message = l.t("Intet på \(l.shortDate(ui.calendar.day)); a planlægger en modulgang, A en aktivitet",
                             "Nothing on \(l.shortDate(ui.calendar.day)); a schedules a session, A an activity")
            return
        }
        switch item {
        case .activity(let a):
            switch action {
            case .edit: modal = .form(activityForm(a))
            case .attendance: modal = .form(participantsForm(a))
            case .delete:
                let what = "\(a.kind.label(l).lowercased()) \(l.shortDate(a.date)): \(a.title)"
                modal = .confirm(Confirmation(question: l.t("Slet \(what)? (u fortryder)", "Delete \(what)? (u undoes)"),
                                              done: l.t("Slettet: \(what).", "Deleted: \(what).")) { _ in .removal(of: a.id) })
            default:
                ui.message = l.t("Det valgte er en aktivitet, ikke en modulgang; Enter vælger den næste på dagen",
                                 "The chosen item is an activity, not a session; Enter chooses the next one of the day")
            }
        case .session(let s):
            let words = s.words(l)
            switch action {
            case .edit: modal = .form(sessionForm(s))
            case .markHeld:
                commit({ _ in .sessionStatus(id: s.id, status: .held) }, done: l.t("Afholdt: \(words).", "Held: \(words)."))
            case .cancelSession:
                guard s.status != .cancelled else { ui.message = l.t("\(words) er allerede aflyst; u fortryder en aflysning",
                                                                     "\(words) is already cancelled; u undoes a cancellation"); return }
                modal = .confirm(Confirmation(question: l.t("Aflys \(words)? (u fortryder)", "Cancel \(words)? (u undoes)"),
                                              done: l.t("Aflyst: \(words).", "Cancelled: \(words).")) { _ in .sessionStatus(id: s.id, status: .cancelled) })
            case .delete:
                let marks = s.attendance.count
                let extra = marks == 0 ? "" : l.t(" med fremmøde for \(l.count(marks, "bydelsmor", "bydelsmødre"))",
                                                  " with attendance for \(l.count(marks, "volunteer", "volunteers"))")
                modal = .confirm(Confirmation(question: l.t("Slet \(words)\(extra)? (u fortryder)", "Delete \(words)\(extra)? (u undoes)"),
                                              done: l.t("Slettet: \(words).", "Deleted: \(words).")) { _ in .removal(of: s.id) })
            case .note:
                // Two texts with two audiences: the homework is public, the note is the coordinator's.
                let fields = [
                    FormField("homework", l.t("Til næste gang", "For next time"), .notes, s.homework,
                              help: l.t("vises på den fælles skærm og i telefonernes kalender",
                                        "shown on the shared screen and in the phones' calendar")),
                    FormField("note", l.t("Privat note", "Private note"), .notes, s.note,
                              help: l.t("privat; vises kun for koordinatoren", "private; shown to the coordinator only")),
                ]
                modal = .form(Form(title: l.t("Lektie og note til ", "Homework and note for ") + words, fields: fields) { (f) throws in
                    let homework = f.notes("homework"), note = f.notes("note")
                    return [
                        { (st) throws -> Event? in st.sessions[s.id].homework == homework ? nil : .sessionHomework(id: s.id, text: homework) },
                        { (st) throws -> Event? in st.sessions[s.id].note == note ? nil : .sessionNoted(id: s.id, note: note) },
                    ]
                })
            case .attendance:
                guard s.status != .cancelled else { ui.message = l.t("\(words) er aflyst.", "\(words) is cancelled."); return }
                // A hold's session lists the hold's own women; one from before holds, those in training.
                let rows = state.volunteers.filter { v in
                    !v.removed && (s.attendance[v.id] != nil || (s.hold.map { v.hold == $0 } ?? (v.stage == .training)))
                }
                    .sorted { TextPolicy.danishSortKey($0.name).lexicographicallyPrecedes(TextPolicy.danishSortKey($1.name)) }
                    .map { (volunteer: $0.id, name: $0.name, present: s.attendance[$0.id] == .present,
                            was: s.attendance[$0.id] ?? .unknown) }
                let title = l.t("Fremmøde: modul ", "Attendance: module ") + "\(s.module), \(l.shortDate(s.date))" + (s.hold.flatMap { state.hold($0) }.map { " · " + $0.name } ?? "")
                modal = .attendance(AttendanceSheet(session: s.id, title: title, rows: rows))
            default: break
            }
        }
    }
}

/// 3 Kalender: the chosen day's items, read by the keys and the drawing alike.
extension Reading {
    /// The selected day's sessions and activities, by time.
    var dayItems: [DayItem] {
        let d = ui.calendar.day
        let sessions = (index.sessionsByDay[d] ?? []).map { DayItem.session(state.sessions[$0]) }
        let activities = state.activities.filter { !$0.removed && $0.date == d }.map { DayItem.activity($0) }
        return (sessions + activities).enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
    }

    /// The item the keys act on: the one chosen with Enter (the first, until then).
    var chosenItem: DayItem? {
        let items = dayItems
        return items.isEmpty ? nil : items[min(max(0, ui.calendar.item), items.count - 1)]
    }

    var sessionOfDay: ModuleSession? {
        if case .session(let s)? = chosenItem { return s }
        return nil
    }
}
