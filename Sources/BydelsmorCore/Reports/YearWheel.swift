/// The association's year: the duties the national organisation's guide gives a local association,
/// each with its due day, from the founding on. A duty is done when the journal shows it (a general
/// assembly or board meeting on the calendar that has taken place; an application to a fund before
/// its deadline) or when it is marked done (`duty.done`). "Det skal gøres nu" shows each from
/// its notice (`WheelSettings.noticeDays`, six weeks by default) before it is due until it is done.
public struct Duty: Equatable, Sendable {
    /// `assembly:2028`, `board-meetings:2028`, `accounts:2028`, `report:f2`, `deadline:d1:2028`, `national-meeting:2028`.
    public var key: String
    public var what: String
    public var due: Day
    public var done: Day?
}

public enum YearWheel {
    /// Board meetings a year (the national guide: at least four).
    public static let boardMeetings = 4

    /// Whether `key` names a duty (`duty.done` refuses anything else).
    public static func isKey(_ key: String) -> Bool {
        let p = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func year(_ s: String) -> Bool { s.count == 4 && Int(s).map { (2000...2099).contains($0) } == true }
        switch (p.first, p.count) {
        case ("assembly", 2), ("board-meetings", 2), ("accounts", 2), ("national-meeting", 2): return year(p[1])
        case ("report", 2): return ID<FundingApplication>(ref: p[1]) != nil
        case ("deadline", 3): return ID<FundDeadline>(ref: p[1]) != nil && year(p[2])
        default: return false
        }
    }

    /// The duty in words, from its key.
    public static func title(_ key: String, _ s: ProjectState, _ l: Lang) -> String {
        let p = key.split(separator: ":").map(String.init)
        switch p.first {
        case "assembly":
            let by = dayOfYear(s.wheel.assemblyMonth, s.wheel.assemblyDay, l)
            return l.t("generalforsamling \(p[1]) (senest \(by))", "general assembly \(p[1]) (by \(by))")
        case "board-meetings": return l.t("\(boardMeetings) bestyrelsesmøder i \(p[1])", "\(boardMeetings) board meetings in \(p[1])")
        case "accounts":
            let y = (Int(p[1]) ?? 1) - 1
            let by = dayOfYear(s.wheel.accountsMonth, s.wheel.accountsDay, l)
            return l.t("årsregnskab \(y) godkendt og sendt til sekretariatet (senest \(by))",
                       "accounts \(y) approved and sent to the secretariat (by \(by))")
        case "national-meeting": return l.t("landsmøde \(p[1]) (sidste søndag i oktober)",
                                            "national meeting \(p[1]) (last Sunday of October)")
        case "report":
            let f = ID<FundingApplication>(ref: p[1]).flatMap { s.funding.at($0) }
            return l.t("rapport og regnskab for bevillingen fra \(f?.funder ?? p[1])",
                       "report and accounts for the grant from \(f?.funder ?? p[1])")
        case "deadline":
            let d = ID<FundDeadline>(ref: p[1]).flatMap { s.deadlines.at($0) }
            return l.t("ansøgning til \(d?.funder ?? p[1])", "application to \(d?.funder ?? p[1])")
        default: return key
        }
    }

    /// "1. marts" / "1 March": a day of every year, in words.
    static func dayOfYear(_ month: Int, _ day: Int, _ l: Lang) -> String {
        guard let d = Day(year: 2027, month: month, day: day) else { return "\(day).\(month)." }
        return l.longDate(d).replacingOccurrences(of: " 2027", with: "")
    }

    /// The last Sunday of October: the national organisation's landsmøde.
    public static func nationalMeeting(_ year: Int) -> Day {
        var d = Day(year: year, month: 10, day: 31)!
        while d.weekday != 7 { d = d.adding(days: -1) }
        return d
    }

    /// Every duty of calendar year `year` (none before the founding), as it stands on `today`.
    public static func duties(_ s: ProjectState, year: Int, today: Day, _ l: Lang) -> [Duty] {
        let w = s.wheel
        guard let a = s.association, a.founded.year <= year,
              let assemblyBy = Day(year: year, month: w.assemblyMonth,
                                   day: w.assemblyDay), let accountsBy = Day(year: year, month: w.accountsMonth, day: w.accountsDay),
              let dec31 = Day(year: year, month: 12, day: 31), let jan1 = Day(year: year, month: 1, day: 1) else { return [] }
        var out: [Duty] = []
        func add(_ key: String, due: Day, done auto: Day? = nil, what: String? = nil) {
            out.append(Duty(key: key, what: what ?? title(key, s, l), due: due, done: s.isDone(key) ?? auto))
        }
        let meetings = s.activities.filter { !$0.removed && $0.date <= today && $0.date >= jan1 && $0.date <= dec31 }
        // The founding year's assembly is the founding itself; from the next year one before its day (1 March).
        if year > a.founded.year {
            add("assembly:\(year)", due: assemblyBy, done: meetings.first { $0.kind == .assembly && $0.date <= assemblyBy }?.date)
            add("accounts:\(year)", due: accountsBy)
        }
        let board = meetings.filter { $0.kind == .board }.sorted { $0.date < $1.date }
        let held = board.count
        add("board-meetings:\(year)", due: dec31, done: held >= boardMeetings ? board[boardMeetings - 1].date : nil,
            what: title("board-meetings:\(year)", s, l) + l.t(" (\(held) holdt)", " (\(held) held)"))
        add("national-meeting:\(year)", due: nationalMeeting(year))
        for f in s.funding where !f.removed {
            if let due = f.details.reportDue, due.year == year, (f.granted ?? .zero) > .zero { add("report:\(f.id.ref)", due: due) }
        }
        for d in s.deadlines where !d.removed {
            guard let due = d.day(in: year) else { continue }
            // An application to the same fund in the three months before the deadline is it.
            let applied = s.funding.first { !$0.removed && $0.funder.lowercased() == d.funder.lowercased() && $0.date <= due && $0.date >= due.adding(days: -92) }
            add("deadline:\(d.id.ref):\(year)", due: due, done: applied?.date)
        }
        return out.sorted { ($0.due, $0.key) < ($1.due, $1.key) }
    }

    /// What needs doing on `today`: duties not done, from their notice before they are due (this
    /// year's, last year's still open, and next year's, so December sees January's deadlines). The
    /// national meeting is a day to go to, not a duty to catch up on: gone once it has passed.
    public static func due(_ s: ProjectState, today: Day, _ l: Lang) -> [Duty] {
        (today.year - 1...today.year + 1).flatMap { duties(s, year: $0, today: today, l) }
            .filter { $0.done == nil && today >= $0.due.adding(days: -s.wheel.noticeDays) && !($0.key.hasPrefix("national-meeting:") && today > $0.due) }
    }
}
