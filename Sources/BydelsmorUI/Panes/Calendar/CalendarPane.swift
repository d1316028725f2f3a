import BydelsmorCore

/// 3 Kalender: a month (ISO weeks, Monday first, today, session days and holidays marked) beside
/// an agenda of the fifteen modules and their sessions.
extension App {
    func calendarAction(_ action: Action) {
        var d = ui.calendarDay
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
        default: return
        }
        d = d.clamped
        ui.calendarDay = d
    }

    func drawCalendar(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let (left, right) = r.splitColumns(26, gap: 2)
        drawMonth(&g, left)
        // The selected day, under the month.
        var row = 10
        let d = ui.calendarDay
        if row < left.height {
            g.put("\(l.weekdayNames[d.weekday - 1]) \(l.shortDate(d))", in: left, row: row, .header)
            row += 1
        }
        let holiday = DanishHolidays.name(of: d, l)
        if let h = holiday, row < left.height {
            g.put("⚑ " + h, in: left, row: row, .holiday); row += 1
        }
        for i in index.sessionsByDay[d] ?? [] where row < left.height {
            let s = state.sessions[i]
            g.put("\(s.start.text)–\(s.end.text) \(l.t("modul", "module")) \(s.module)", in: left, row: row, s.status == .cancelled ? .dim : .accent)
            row += 1
            if row < left.height { g.put(s.place, in: left, row: row, .dim); row += 1 }
        }
        if row == 11 + (holiday == nil ? 0 : 1), row < left.height {
            g.put(l.t("ingen modulgang", "no session"), in: left, row: row, .dim)
        }
        drawAgenda(&g, right)
    }

    func drawMonth(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let first = ui.calendarDay.firstOfMonth
        let title = l.monthNames[first.month - 1] + " " + String(first.year)
        g.put(Text.pad(String(repeating: " ", count: max(0, (25 - Text.width(title)) / 2)) + title, 25), in: r, row: 0, .title)
        g.put(l.t("uge", "wk ") + " " + l.weekdayShort.joined(separator: " "), in: r, row: 1, .header)
        // The month's holidays, worked out once per frame rather than once per day.
        let holidays = Set(DanishHolidays.holidays(in: first.year).map(\.day))
        var day = first.adding(days: 1 - first.weekday)
        for week in 0..<6 {
            let y = 2 + week
            guard y < r.height else { break }
            g.put(String(repeating: " ", count: 3 - String(day.adding(days: 3).isoWeek.week).count) + String(day.adding(days: 3).isoWeek.week), in: r, row: y, .dim)
            for wd in 0..<7 {
                let cur = day.adding(days: wd)
                let x = 4 + wd * 3
                guard cur.month == first.month else { continue }
                let hasSession = index.sessionsByDay[cur]?.contains { state.sessions[$0].status != .cancelled } ?? false
                let holiday = holidays.contains(cur)
                var role: StyleRole = hasSession ? .sessionDay : holiday ? .holiday : wd >= 5 ? .dim : .normal
                if cur == today { role = .today }
                if cur == ui.calendarDay { role = .selected }
                let num = cur.dayOfMonth < 10 ? " \(cur.dayOfMonth)" : "\(cur.dayOfMonth)"
                g.put(num, in: r, row: y, col: x, role)
                let marker = hasSession ? "•" : holiday ? "*" : " "
                if marker != " " { g.put(marker, in: r, row: y, col: x + 2, hasSession ? .sessionDay : .holiday) }
            }
            day = day.adding(days: 7)
        }
        if 8 < r.height {
            g.put(l.t("• modulgang  * helligdag", "• session  * holiday"), in: r, row: 8, .dim)
        }
    }

    /// Rows of the agenda: each module, then its sessions, filtered by the search.
    func agendaRows() -> [(text: String, session: ModuleSession?, module: TrainingModule)] {
        cached("agenda", [ui.query]) { agendaRowsUncached() }
    }

    func agendaRowsUncached() -> [(text: String, session: ModuleSession?, module: TrainingModule)] {
        let l = lang
        var rows: [(String, ModuleSession?, TrainingModule)] = []
        var sessionsByModule = [Int: [ModuleSession]]()
        for s in state.sessions { sessionsByModule[s.module, default: []].append(s) }
        for m in state.modules {
            let sessions = (sessionsByModule[m.number] ?? []).sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            let moduleMatches = matches(m.title, m.theme.label(l))
            let shown = sessions.filter { moduleMatches || matches($0.place, $0.teacher) }
            guard moduleMatches || !shown.isEmpty else { continue }
            let status = state.status(ofModule: m.number).label(l)
            rows.append(("\(m.number < 10 ? " " : "")\(m.number) \(m.title) · \(m.theme.label(l)) · \(status)", nil, m))
            for s in shown {
                rows.append(("     \(l.compactDate(s.date))\(s.date.year) \(s.start.text)–\(s.end.text) \(s.status.label(l)) · \(s.place)" + (s.teacher.isEmpty ? "" : " · \(s.teacher)"), s, m))
            }
        }
        return rows
    }

    func drawAgenda(_ g: inout Grid, _ r: Rect) {
        let l = lang
        g.put(l.t("Moduler og modulgange", "Modules and sessions"), in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        let rows = agendaRows()
        if rows.isEmpty {
            g.put(l.t("intet matcher søgningen", "nothing matches the search"), in: list, .dim)
            return
        }
        // Follow the selected day: the first session on it, else the first on or after it.
        let focus = rows.firstIndex { $0.session?.date == ui.calendarDay }
            ?? rows.firstIndex { ($0.session?.date ?? Day(ordinal: Int32.min)) >= ui.calendarDay }
            ?? 0
        let start = visibleStart("agenda", cursor: focus, count: rows.count, height: list.height)
        let month = ui.calendarDay.firstOfMonth
        for (i, row) in rows.enumerated().dropFirst(start).prefix(list.height) {
            var role: StyleRole = row.session == nil ? .title : .normal
            if let s = row.session {
                if s.status == .cancelled { role = .dim } else if s.date.firstOfMonth == month { role = .accent }
                if s.date == ui.calendarDay { role = .selected; g.fill(list.row(i - start), .selected) }
            }
            g.put(row.text, in: list, row: i - start, role)
        }
    }
}
