/// Series scheduling: "the rest of the hold weekly on Tuesdays 17–20 at X from date D". The modules
/// of the hold that have no session yet (held, planned or cancelled-and-moved alike count as having
/// one unless cancelled) get one each, in order, one a week, skipping public holidays and school
/// holidays. Nothing is written here: the caller shows the list and commits it as one change.
public struct SeriesRequest: Sendable {
    public var hold: HoldID?
    public var from: Day
    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var start: ClockTime
    public var end: ClockTime
    public var place: String
    public var teacher: String
    public init(hold: HoldID?, from: Day, weekday: Int, start: ClockTime, end: ClockTime, place: String, teacher: String = "") {
        self.hold = hold; self.from = from; self.weekday = weekday; self.start = start; self.end = end; self.place = place; self.teacher = teacher
    }
}

public struct SeriesPlan: Sendable {
    /// The sessions to schedule, in order (ids 0: the Core allocates them when written).
    public var sessions: [SessionFields] = []
    /// The days passed over, and why ("Kristi himmelfartsdag", "Vinterferie").
    public var skipped: [(day: Day, why: String)] = []

    public init(_ r: SeriesRequest, state s: ProjectState, lang l: Lang) throws(Message) {
        guard (1...7).contains(r.weekday) else { throw Message("ugedagen skal være mandag–søndag", "the weekday must be Monday–Sunday",
                                                               field: "weekday") }
        let total: Int
        if let h = r.hold {
            guard let hold = s.hold(h), !hold.removed else {
                throw Message("\(RecordKind.hold.ref(h)) findes ikke", "\(RecordKind.hold.ref(h)) does not exist", field: "hold")
            }
            total = min(hold.modules, s.modules.count)
        } else {
            total = s.modules.count
        }
        // A module counts as done or planned when a live, not cancelled session of it (in the hold) exists.
        var covered = Set<Int>()
        for x in s.sessions where !x.removed && x.status != .cancelled && x.hold == r.hold { covered.insert(x.module) }
        let missing = (1...max(1, total)).filter { !covered.contains($0) && $0 <= total }
        guard !missing.isEmpty else {
            throw Message("alle holdets moduler har allerede en modulgang", "every module of the hold already has a session", field: "hold")
        }
        var d = r.from
        while d.weekday != r.weekday { d = d.adding(days: 1) }
        var left = missing[...]
        while let m = left.first {
            guard Day.years.contains(d.year) else {
                throw Message("serien rækker ud over \(Day.years.upperBound)", "the series runs past \(Day.years.upperBound)",
                              field: "from")
            }
            if let h = DanishHolidays.name(of: d, l) {
                skipped.append((d, h))
            } else if let b = s.holidays.first(where: { !$0.removed && $0.contains(d) }) {
                skipped.append((d, b.title))
            } else {
                sessions.append(SessionFields(id: 0, module: m, date: d, start: r.start, end: r.end, place: r.place, teacher: r.teacher,
                                              hold: r.hold))
                left = left.dropFirst()
            }
            d = d.adding(days: 7)
        }
    }

    /// Each session as a line: "modul 7 tirsdag 17.03.2026 17:00–20:00".
    public func lines(_ l: Lang) -> [String] {
        sessions.map { l.t("modul", "module") + " \($0.module) " + l.weekdayNames[$0.date.weekday - 1] + " " + l.shortDate($0.date) + " \($0.start.text)–\($0.end.text)" }
            + skipped.map { l.t("  (ikke ", "  (not ") + l.weekdayNames[$0.day.weekday - 1] + " " + l.shortDate($0.day) + ": " + $0.why + ")" }
    }
}
