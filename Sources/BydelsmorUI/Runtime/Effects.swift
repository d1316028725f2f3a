import BydelsmorCore

/// What a key asks of the world outside the screen's own state. Handling a key (`App.reduce`)
/// changes only `ui` and `modal` and returns these; `App.run` carries them out. It is the one place
/// the full-screen program writes to the journal, so a test can send a key, compare the whole
/// `UIState` and see what was asked without anything written (see `EffectTests`).
enum Effect {
    /// One change, written all or nothing (one write, one fsync), then `outcome` says what to show.
    case write([Store.Step], Outcome)
    /// GDPR erasure: the journal rewritten without her (`Store.erase`), never undone.
    case erase(VolunteerID, done: String)
    case undo
    case redo
    case quit

    /// What the screen says after a write, or does when it is refused.
    enum Outcome {
        /// The sentence to show, followed by any warnings (holiday, overlap, hold period).
        case said(String)
        /// A form's save: the form closes on success ("Gemt: …" or its own words); on a refusal it
        /// stays open with the message at the field it names.
        case form(Form)
        /// The attendance sheet: how many marks changed, and whether the session is now held.
        case attendance
    }

    /// What kind of effect, for tests (closures cannot be compared).
    enum Kind: Equatable { case write, erase(VolunteerID), undo, redo, quit }

    var kind: Kind {
        switch self {
        case .write: .write
        case .erase(let id, _): .erase(id)
        case .undo: .undo
        case .redo: .redo
        case .quit: .quit
        }
    }
}

extension App {
    /// Asks for an effect from key handling; it is carried out after the key is handled.
    func emit(_ effect: Effect) { pending.append(effect) }

    /// Carries out one effect: the store is written, what others wrote is taken in, and the
    /// message (or the form's error) says how it went.
    func run(_ effect: Effect) {
        switch effect {
        case .quit: wantsQuit = true
        case .undo: runUndo()
        case .redo: runRedo()
        case .erase(let id, let done): runErase(id, done: done)
        case .write(let steps, let outcome):
            do {
                let written = try store.commit(steps: steps)
                if case .form = outcome { modal = nil }
                refresh()
                ui.message = said(outcome, written)
            } catch {
                refresh()
                guard case .form(var f) = outcome else { ui.message = error.text(lang); return }
                if case .refused(let m) = error, let key = m.field, let i = f.fields.firstIndex(where: { $0.key == key }) {
                    f.fields[i].error = m.text(lang); f.focus = i
                } else {
                    f.message = error.text(lang)
                }
                modal = .form(f)
            }
        }
    }

    /// The sentence after a write that went through.
    private func said(_ outcome: Effect.Outcome, _ written: [CommitResult]) -> String {
        switch outcome {
        case .said(let done):
            return done + (written.first.map { warnings(after: $0.entry.event) } ?? "")
        case .form(let f):
            guard let r = written.first else { return lang.t("Intet ændret.", "Nothing changed.") }
            return (f.done ?? lang.t("Gemt: ", "Saved: ") + r.entry.event.words(state, lang) + ".") + warnings(after: r.entry.event)
        case .attendance:
            let saved = written.filter { if case .attendanceMarked = $0.entry.event { true } else { false } }.count
            let held = written.contains { if case .sessionStatus = $0.entry.event { true } else { false } }
            return lang.t("Fremmøde gemt: \(saved) ændring(er)", "Attendance saved: \(saved) change(s)")
                + (held ? lang.t(" — modulgangen er markeret afholdt.", " — the session is marked held.") : ".")
        }
    }

    private func runErase(_ id: VolunteerID, done: String) {
        do {
            let r = try store.erase(volunteer: id)
            refresh()
            let unreachable = r.unreachable.isEmpty ? "" : " " + lang.t(
                "Advarsel: \(r.unreachable.count) fil(er) ved journalen har hendes data og nås ikke: ",
                "Warning: \(r.unreachable.count) file(s) near the journal hold her data and are out of reach: ")
                + r.unreachable.map { String($0.split(separator: "/").last ?? "") }.joined(separator: ", ")
            ui.message = done + " " + lang.t("\(r.total) sted(er): \(r.summary(.da)).",
                                             "\(r.total) place(s): \(r.summary(.en)).") + unreachable
        } catch { refresh(); ui.message = error.text(lang) }
    }

    private func runUndo() {
        do {
            let (_, undone) = try store.undoStep()
            refresh()
            ui.message = lang.t("Fortrudt: ", "Undone: ") + undone.event.words(state, lang) + more(store.lastCompensated)
                + lang.t(" — Ctrl-R gentager", " — Ctrl-R redoes")
        } catch { ui.message = (error as StoreError).text(lang) }
    }

    private func runRedo() {
        do {
            let (r, _) = try store.redoStep()
            refresh()
            ui.message = lang.t("Gentaget: ", "Redone: ") + r.entry.event.words(state, lang) + more(store.lastCompensated)
        } catch { ui.message = (error as StoreError).text(lang) }
    }

    /// " og 2 ændringer mere" when an undo or redo took a change of several lines.
    func more(_ lines: Int) -> String {
        lines > 1 ? lang.t(" og \(lang.count(lines - 1, "ændring", "ændringer")) mere", " and \(lines - 1) more") : ""
    }

    /// Warnings that do not refuse: a session on a public holiday, or overlapping another.
    func warnings(after event: Event) -> String {
        // One list of warnings (WriteWarnings), the same the command line prints.
        let notes = WriteWarnings.after(event, in: state).map { $0.text(lang) }
        return notes.isEmpty ? "" : " — " + lang.t("bemærk: ", "note: ") + notes.joined(separator: "; ")
    }
}
