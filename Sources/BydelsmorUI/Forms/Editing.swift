import BydelsmorCore

/// A dialog over the pane: a form, a question before something goes, or an attendance sheet.
public enum Modal {
    case form(Form)
    case confirm(Confirmation)
    case attendance(AttendanceSheet)
}

/// Editing: every change goes through the store (validated, written, fsynced) before the screen
/// shows it. Forms keep what was typed when a value is refused and say what is allowed.
extension App {
    // MARK: keys in a dialog

    func handleModal(_ key: Key) {
        guard let m = modal else { return }
        switch m {
        case .form(var f):
            handleForm(&f, key)
        case .confirm(let c):
            switch Keymap.action(for: key, in: .confirm) {
            case .accept? where c.strict && key == .enter:
                ui.message = lang.t("Tast j for ja; det kan ikke fortrydes.", "Type y for yes; it cannot be undone.")
            case .accept?:
                modal = nil
                switch c.change {
                case .erase(let id): emit(.erase(id, done: c.done))
                case .several(let steps): emit(.write(steps, .said(c.done)))
                case .one(let make): commit(make, done: c.done)
                }
            case .cancel?:
                modal = nil
                ui.message = lang.t("Intet ændret.", "Nothing changed.")
            default: break
            }
        case .attendance(var sheet):
            switch Keymap.action(for: key, in: .attendance) {
            case .up?: sheet.cursor = max(0, sheet.cursor - 1)
            case .down?: sheet.cursor = min(sheet.rows.count - 1, sheet.cursor + 1)
            case .toggle?: if !sheet.rows.isEmpty { sheet.rows[sheet.cursor].present.toggle() }
            case .all?:
                // All present, then untick the few who were not; again: none.
                let all = !sheet.rows.allSatisfy(\.present)
                for i in sheet.rows.indices { sheet.rows[i].present = all }
            case .cancel?:
                modal = nil; ui.message = lang.t("Fremmøde ikke gemt.", "Attendance not saved."); return
            case .accept?:
                modal = nil
                saveAttendance(sheet); return
            default: break
            }
            modal = .attendance(sheet)
        }
    }

    func handleForm(_ f: inout Form, _ key: Key) {
        // Esc on a changed form asks once more, so a stray Esc (or an escape sequence in pasted text)
        // never throws away what was typed.
        let action = Keymap.action(for: key, in: .form)
        if action == .cancel && f.isChanged && !f.discardArmed {
            f.discardArmed = true
            f.message = lang.t("Esc igen kasserer det indtastede; Enter gemmer", "Esc again discards what was typed; Enter saves")
            modal = .form(f)
            return
        }
        if action != .cancel && f.discardArmed { f.discardArmed = false; f.message = nil }
        switch action {
        case .cancel?:
            modal = nil
            ui.message = lang.t("Fortrudt — intet gemt.", "Cancelled — nothing saved.")
            return
        case .nextField?:
            f.focus = (f.focus + 1) % f.fields.count
        case .previousField?:
            f.focus = (f.focus + f.fields.count - 1) % f.fields.count
        case .accept?:
            submit(f)
            return
        default:
            var field = f.fields[f.focus]
            if case .choice(let options) = field.kind, !options.isEmpty {
                switch key {
                case .left: field.choice = (field.choice + options.count - 1) % options.count; field.typed = ""
                case .right, .char(" "): field.choice = (field.choice + 1) % options.count; field.typed = ""
                case .backspace: field.typed = String(field.typed.dropLast())
                case .char(let c):
                    // Typing picks the option by part of its name, ignoring case and accents: the
                    // start of a word first, then anywhere; a letter that fits none starts over.
                    func pick(_ typed: String) -> Int? {
                        let q = TextPolicy.searchKey(typed)
                        let keys = options.map { TextPolicy.searchKey($0.label) }
                        return keys.firstIndex { $0.starts(with: q) } ?? keys.firstIndex { TextPolicy.contains($0, q) }
                    }
                    if let i = pick(field.typed + String(c)) { field.typed += String(c); field.choice = i }
                    else if let i = pick(String(c)) { field.typed = String(c); field.choice = i }
                default: break
                }
            } else {
                _ = field.editor.handle(key)
            }
            field.error = nil
            f.fields[f.focus] = field
        }
        modal = .form(f)
    }

    func submit(_ form: Form) {
        var f = form
        for i in f.fields.indices { f.fields[i].error = nil }
        f.message = nil
        let makes: [(ProjectState) throws -> Event?]
        do {
            if let next = f.next {
                modal = try next(FormValues(fields: f.fields, lang: lang, thisYear: today.year))
                return
            }
            makes = try f.save(FormValues(fields: f.fields, lang: lang, thisYear: today.year))
        } catch let error as FieldError {
            if let i = f.fields.firstIndex(where: { $0.key == error.key }) { f.fields[i].error = error.message; f.focus = i } else { f.message = error.message }
            modal = .form(f)
            return
        } catch {
            f.message = String(describing: error); modal = .form(f); return
        }
        // All the form's changes are one write: checked together against the latest state, then
        // written with one write and one fsync — all or nothing. The form stays open until it is.
        modal = .form(f)
        emit(.write(makes, .form(f)))
    }

    /// Commits a change made outside a form (a toggle, a stage, a deletion).
    func commit(_ make: @escaping (ProjectState) throws(Message) -> Event, done: String) {
        emit(.write([{ s in try make(s) }], .said(done)))
    }

    // MARK: attendance

    func saveAttendance(_ sheet: AttendanceSheet) {
        // The whole sheet is one change: one write, undone as one.
        let steps: [Store.Step] = sheet.rows.compactMap { row in
            let mark: AttendanceMark = row.present ? .present : .absent
            guard mark != row.was else { return nil }
            return { _ in .attendanceMarked(session: sheet.session, volunteer: row.volunteer, mark: mark) }
        } + [AttendanceRule.heldStep(sheet.session, today: today)]
        emit(.write(steps, .attendance))
    }
}

/// Dialogs drawn over the pane: a form, a question, the attendance sheet.
extension Frame {
    func drawModal(_ g: inout Grid) {
        guard let m = modal else { return }
        switch m {
        case .form(let f): drawForm(&g, f)
        case .confirm(let c):
            // A question of several lines (a series of sessions) gets a taller box; the first line is
            // the question, the rest what it means.
            let lines = c.question.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let shown = Array(lines.prefix(max(1, g.height - 6)))
            let w = min(g.width - 4, max(40, (shown.map { Text.width($0) }.max() ?? 0) + 6))
            let h = shown.count + 4
            let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - h) / 2), width: w, height: h)
            Widgets.box(&g, r, title: lang.t("Bekræft", "Confirm"))
            for (i, line) in shown.enumerated() { g.put(line, in: r.inset(2, 1), row: i, i == 0 ? .warning : .normal) }
            // What cannot be undone takes a typed j, never Enter: the footer says so.
            g.put(c.strict ? lang.t("j ja · n/Esc nej", "y yes · n/Esc no") : Keymap.footer(.confirm, lang), in: r.inset(2, 1),
                  row: shown.count + 1, .key)
        case .attendance(let sheet): drawAttendance(&g, sheet)
        }
    }

    func drawForm(_ g: inout Grid, _ f: Form) {
        let labelW = min(22, (f.fields.map { Text.width($0.label) }.max() ?? 10) + 1)
        let w = min(g.width - 2, 78)
        let h = min(g.height - 1, f.fields.count * 2 + 5)
        let r = Rect(x: (g.width - w) / 2, y: max(1, (g.height - h) / 2), width: w, height: h)
        Widgets.box(&g, r, title: f.title)
        let inner = r.inset(2, 1)
        let valueW = inner.width - labelW - 1
        // Two rows a field (value, then hint or error) when there is room; else one.
        let rowsPer = inner.height - 2 >= f.fields.count * 2 ? 2 : 1
        let first = max(0, min(f.focus - (inner.height - 2) / rowsPer + 1, f.fields.count - (inner.height - 2) / rowsPer))
        var row = 0
        for (i, field) in f.fields.enumerated().dropFirst(first) {
            guard row + rowsPer <= inner.height - 2 else { break }
            let focused = i == f.focus
            g.put(Text.pad(field.label, labelW), in: inner, row: row, focused ? .accent : .normal)
            let valueRect = Rect(x: inner.x + labelW + 1, y: inner.y + row, width: valueW, height: 1)
            g.fill(valueRect, focused ? .selected : .dim)
            if field.isChoice || !focused {
                g.put(field.display(lang), in: valueRect, focused ? .selected : .normal)
            } else {
                let (t, c) = field.editor.visible(width: valueW)
                g.put(t, in: valueRect, .selected)
                if c < valueW { g.put("▏", x: valueRect.x + c, y: valueRect.y, .key) }
            }
            if rowsPer == 2 {
                if let e = field.error {
                    // A long message starts under the label rather than being cut.
                    let col = Text.width(e) + 2 <= inner.width - labelW - 1 ? labelW + 1 : 0
                    g.put("⚠ " + e, in: inner, row: row + 1, col: col, .error)
                }
                else if focused {
                    // A filled field not yet touched is replaced by what is typed: say so.
                    let replace = !field.isChoice && field.editor.untouched && !field.editor.text.isEmpty
                    g.put(replace ? lang.t("skriv for at erstatte · ← → retter", "type to replace · ← → edits") : field.hint(lang),
                          in: inner, row: row + 1, col: labelW + 1, .dim)
                }
            } else if let e = field.error, focused {
                g.put("⚠ " + e, in: inner, row: inner.height - 2, .error)
            }
            row += rowsPer
        }
        if let m = f.message { g.put("⚠ " + m, in: inner, row: inner.height - 2, .error) }
        g.put(Keymap.footer(.form, lang), in: inner, row: inner.height - 1, .dim)
    }

    func drawAttendance(_ g: inout Grid, _ sheet: AttendanceSheet) {
        let w = min(g.width - 2, 60)
        let h = min(g.height - 1, sheet.rows.count + 5)
        let r = Rect(x: (g.width - w) / 2, y: max(1, (g.height - h) / 2), width: w, height: h)
        Widgets.box(&g, r, title: sheet.title)
        let inner = r.inset(2, 1)
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        if sheet.rows.isEmpty { g.put(lang.t("Ingen bydelsmødre under uddannelse.", "No volunteers in training."), in: list, .dim) }
        drawList(&g, list, id: .attendance, count: sheet.rows.count, cursor: sheet.cursor) { g, i, rect, sel in
            let row = sheet.rows[i]
            g.put((row.present ? "[x] " : "[ ] ") + row.name, in: rect, sel ? .selected : row.present ? .ok : .normal)
        }
        g.put(Keymap.footer(.attendance, lang), in: inner, row: inner.height - 1, .dim)
    }
}
