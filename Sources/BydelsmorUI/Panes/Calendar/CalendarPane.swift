import BydelsmorCore

/// 3 Kalender: the day chosen, which of its sessions and activities the keys act on (Enter moves
/// on), and the place and teacher last typed into a session form, offered in the next one.
public struct CalendarState: Sendable, Equatable {
    public var day: Day
    public var item = 0
    public var lastPlace = ""
    public var lastTeacher = ""
    /// The hold whose modules the list shows (nil: the current hold, `ProjectState.currentHold`).
    public var hold: HoldID?
}

/// 3 Kalender: moving through days and months, and the agenda's rows.
extension App {
    func calendarAction(_ action: Action) {
        var d = ui.calendar.day
        switch action {
        case .left: d = d.adding(days: -1)
        case .right: d = d.adding(days: 1)
        case .up: d = d.adding(days: -7)
        case .down: d = d.adding(days: 7)
        case .pageUp, .previousMonth: d = d.adding(months: -1)
        case .pageDown, .nextMonth: d = d.adding(months: 1)
        case .home: d = d.firstOfMonth
        case .end: d = d.firstOfMonth.adding(months: 1).adding(days: -1)
        case .today: d = today
        case .switchView:
            // The next hold in the list of modules: the current one first, then the others.
            let holds = state.holds.filter { !$0.removed }
            guard !holds.isEmpty else { ui.message = lang.t("Der er ingen hold endnu (H opretter et)",
                                                            "There are no holds yet (H makes one)"); return }
            let shown = agendaHold
            let i = holds.firstIndex { $0.id == shown } ?? -1
            ui.calendar.hold = holds[(i + 1) % holds.count].id
            ui.message = lang.t("Viser ", "Showing ") + (state.hold(ui.calendar.hold!)?.name ?? "")
            return
        case .open:
            // The day's next session or activity: what e, d, m, c, f and n act on.
            let n = dayItems.count
            ui.calendar.item = n == 0 ? 0 : (ui.calendar.item + 1) % n
            if n < 2 { ui.message = lang.t("Der er kun én ting på dagen", "There is only one thing on the day") }
            return
        default: return
        }
        d = d.clamped
        if d != ui.calendar.day { ui.calendar.item = 0 }
        ui.calendar.day = d
    }

    /// Rows of the agenda: each module, then its sessions, filtered by the search.
    func agendaRows() -> [(text: String, session: ModuleSession?, module: TrainingModule)] {
        agendaCache.rows([String(dataStamp), ui.query, String(agendaHold?.raw ?? 0)]) { agendaRowsUncached() }
    }

    func agendaRowsUncached() -> [(text: String, session: ModuleSession?, module: TrainingModule)] {
        let l = lang
        var rows: [(String, ModuleSession?, TrainingModule)] = []
        var sessionsByModule = [Int: [ModuleSession]]()
        // One hold's training: its own sessions, its modules' status within it.
        let hold = agendaHold
        for s in state.sessions where !s.removed && ProjectState.belongs(s, to: hold) { sessionsByModule[s.module, default: []].append(s) }
        let count = hold.flatMap { state.hold($0) }.map { min($0.modules, state.modules.count) } ?? state.modules.count
        // In date order: a module by its first session, the modules not yet scheduled after them.
        let first = { (m: TrainingModule) -> Day in (sessionsByModule[m.number] ?? []).map(\.date).min() ?? Day.last }
        for m in state.modules.prefix(count).sorted(by: { (first($0), $0.number) < (first($1), $1.number) }) {
            let sessions = (sessionsByModule[m.number] ?? []).sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            let moduleMatches = matches(m.title, m.theme.label(l))
            let holdName = { (s: ModuleSession) in s.hold.flatMap { self.state.hold($0)?.name } ?? "" }
            let shown = sessions.filter { moduleMatches || matches($0.place, $0.teacher, holdName($0)) }
            guard moduleMatches || !shown.isEmpty else { continue }
            let status = state.status(ofModule: m.number, hold: hold).label(l)
            rows.append(("\(m.number < 10 ? " " : "")\(m.number) \(m.title) · \(m.theme.label(l)) · \(status)", nil, m))
            for s in shown {
                let hold = holdName(s)
                // Short enough that the hold's name (with its year) is never cut at 80 columns; the
                // day panel has the whole time.
                rows.append(("    \(l.compactDate(s.date))\(String(s.date.year).suffix(2)) \(s.start.text) \(s.status.label(l))" + (hold.isEmpty ? "" : " · \(hold)")
                             + " · \(s.place)" + (s.teacher.isEmpty ? "" : " · \(s.teacher)"), s, m))
            }
        }
        return rows
    }

}

/// 3 Kalender: a month (ISO weeks, Monday first, today, session days and holidays marked) beside
/// an agenda of the modules and their sessions.
extension Frame {
    func drawCalendar(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let (left, right) = r.splitColumns(26, gap: 2)
        drawMonth(&g, left)
        // The selected day, under the month.
        var row = 10
        let d = ui.calendar.day
        if row < left.height {
            g.put("\(l.weekdayNames[d.weekday - 1]) \(l.shortDate(d))", in: left, row: row, .header)
            row += 1
        }
        let holiday = DanishHolidays.name(of: d, l)
        if let h = holiday, row < left.height {
            g.put("⚑ " + h, in: left, row: row, .holiday); row += 1
        }
        // The day's sessions and other activities (meetings, theme events, the diploma party) by
        // time; with more than one, ▶ marks the one the keys act on (Enter moves on).
        let items = dayItems
        let chosen = min(max(0, ui.calendar.item), max(0, items.count - 1))
        for (i, item) in items.enumerated() where row < left.height {
            let mark = items.count > 1 ? (i == chosen ? "▶ " : "  ") : ""
            switch item {
            case .session(let s):
                let cancelled = s.status == .cancelled
                g.put(mark + "\(s.start.text)–\(s.end.text) \(l.t("modul", "module")) \(s.module)", in: left, row: row,
                      cancelled ? .warning : .accent)
                row += 1
                // Cancelled in words, first on its line, never by colour alone.
                if row < left.height {
                    g.put(String(repeating: " ", count: Text.width(mark)) + (cancelled ? l.t("AFLYST · ", "CANCELLED · ") : "") + s.place,
                          in: left, row: row, cancelled ? .warning : .dim)
                    row += 1
                }
            case .activity(let a):
                g.put(mark + "\(a.start.text)–\(a.end.text) \(a.kind.label(l))", in: left, row: row, .accent)
                row += 1
                if row < left.height { g.put(String(repeating: " ",
                        count: Text.width(mark)) + a.title + (a.place.isEmpty ? "" : " · " + a.place), in: left, row: row, .dim); row += 1 }
            }
        }
        if items.isEmpty, row < left.height {
            g.put(l.t("ingen modulgang", "no session"), in: left, row: row, .dim)
        }
        drawAgenda(&g, right)
    }

    func drawMonth(_ g: inout Grid, _ r: Rect) {
        let first = ui.calendar.day.firstOfMonth
        var days = Set<Day>()
        var d = first
        while d.month == first.month {
            if index.sessionsByDay[d]?.contains(where: { state.sessions[$0].status != .cancelled }) ?? false { days.insert(d) }
            d = d.adding(days: 1)
        }
        for a in state.activities where !a.removed && a.date.firstOfMonth == first { days.insert(a.date) }
        MonthCalendar(month: first, today: today, selected: ui.calendar.day, sessionDays: days, lang: lang).render(&g, r)
    }

    func drawAgenda(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let holdName = agendaHold.flatMap { state.hold($0)?.name }
        g.put(l.t("Moduler og modulgange", "Modules and sessions") + (holdName.map { " — " + $0 + (state.holds.filter { !$0.removed }.count > 1 ? l.t(" (v skifter hold)", " (v: next hold)") : "") } ?? ""), in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        let rows = agendaRows()
        if rows.isEmpty {
            g.put(l.t("intet matcher søgningen", "nothing matches the search"), in: list, .dim)
            return
        }
        // Follow the selected day: the first session on it, else the first on or after it.
        let focus = rows.firstIndex { $0.session?.date == ui.calendar.day }
            ?? rows.firstIndex { ($0.session?.date ?? Day(ordinal: Int32.min)) >= ui.calendar.day }
            ?? 0
        let start = windows.visibleStart(.agenda, cursor: focus, count: rows.count, height: list.height)
        let month = ui.calendar.day.firstOfMonth
        for (i, row) in rows.enumerated().dropFirst(start).prefix(list.height) {
            var role: StyleRole = row.session == nil ? .title : .normal
            if let s = row.session {
                if s.status == .cancelled { role = .dim } else if s.date.firstOfMonth == month { role = .accent }
                if s.date == ui.calendar.day { role = .selected; g.fill(list.row(i - start), .selected) }
            }
            g.put(row.text, in: list, row: i - start, role)
        }
    }
}

extension Reading {
    /// The hold whose modules the calendar's list shows: the one chosen with v, else the current.
    var agendaHold: HoldID? {
        if let h = ui.calendar.hold, state.hold(h).map({ !$0.removed }) == true { return h }
        return state.currentHold(on: today)?.id
    }
}
