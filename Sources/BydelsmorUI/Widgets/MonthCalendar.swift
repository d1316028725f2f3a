import BydelsmorCore

/// A month as a grid of ISO weeks: week numbers, weekends dimmed, today underlined, session days
/// marked • and public holidays *, and optionally one selected day. Used by the calendar pane and the
/// kiosk. Pure: it draws what it is given.
public struct MonthCalendar {
    public var month: Day
    public var today: Day
    public var selected: Day?
    /// Days with a session that is not cancelled, or another activity.
    public var sessionDays: Set<Day>
    public var lang: Lang

    public init(month: Day, today: Day, selected: Day?, sessionDays: Set<Day>, lang: Lang) {
        self.month = month.firstOfMonth; self.today = today; self.selected = selected; self.sessionDays = sessionDays; self.lang = lang
    }

    /// Needs 25 columns and 9 rows to show everything; draws what fits.
    public func render(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let first = month
        let title = l.monthNames[first.month - 1] + " " + String(first.year)
        g.put(Text.pad(String(repeating: " ", count: max(0, (25 - Text.width(title)) / 2)) + title, 25), in: r, row: 0, .title)
        g.put(l.t("uge", "wk ") + " " + l.weekdayShort.joined(separator: " "), in: r, row: 1, .header)
        // The month's holidays, worked out once per frame rather than once per day.
        let holidays = Set(DanishHolidays.holidays(in: first.year).map(\.day))
        var day = first.adding(days: 1 - first.weekday)
        for week in 0..<6 {
            let y = 2 + week
            guard y < r.height else { break }
            let number = String(day.adding(days: 3).isoWeek.week)
            g.put(String(repeating: " ", count: 3 - number.count) + number, in: r, row: y, .dim)
            for wd in 0..<7 {
                let cur = day.adding(days: wd)
                let x = 4 + wd * 3
                guard cur.month == first.month else { continue }
                let hasSession = sessionDays.contains(cur)
                let holiday = holidays.contains(cur)
                var role: StyleRole = hasSession ? .sessionDay : holiday ? .holiday : wd >= 5 ? .dim : .normal
                if cur == today { role = .today }
                if cur == selected { role = .selected }
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
}
