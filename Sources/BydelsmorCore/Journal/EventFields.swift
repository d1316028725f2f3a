/// The values events carry whole: a volunteer's, a session's, an activity's, a hold's and a
/// partner's fields, a funding application and a holiday period.

/// The editable personal fields of a volunteer, as one value (added and changed carry all of them).
public struct VolunteerFields: Equatable, Sendable, Codable {
    public var id: VolunteerID
    public var name: String
    public var phone: String
    public var languages: [String]
    public var neighbourhood: String
    public var notes: String
    public init(id: VolunteerID, name: String, phone: String = "", languages: [String] = [], neighbourhood: String = "",
                notes: String = "") {
        self.id = id; self.name = name; self.phone = phone; self.languages = languages
        self.neighbourhood = neighbourhood; self.notes = notes
    }
}

public struct SessionFields: Equatable, Sendable, Codable {
    public var id: SessionID
    public var module: Int
    public var date: Day
    public var start: ClockTime
    public var end: ClockTime
    public var place: String
    public var teacher: String
    /// The hold (cohort) the session trains; nil in journals from before holds.
    public var hold: HoldID?
    public init(id: SessionID, module: Int, date: Day, start: ClockTime, end: ClockTime, place: String, teacher: String = "",
                hold: HoldID? = nil) {
        self.id = id; self.module = module; self.date = date; self.start = start; self.end = end
        self.place = place; self.teacher = teacher; self.hold = hold
    }
}

/// An activity besides the modules: an information, monthly or network meeting, a theme event,
/// further training, a general assembly or board meeting, a diploma party.
public struct ActivityFields: Equatable, Sendable, Codable {
    public var id: ID<ActivityFields>
    public var kind: ActivityKind
    public var title: String
    public var date: Day
    public var start: ClockTime
    public var end: ClockTime
    public var place: String
    /// How many took part, once known.
    public var participants: Int?
    public var removed = false
    /// Raised by every change that reaches the phones (iCalendar SEQUENCE); not in the journal,
    /// and so not part of what makes two activities (or two events carrying one) the same.
    public var sequence = 0
    /// Who came (`activity.attendance`), and a meeting's minutes and decisions (`activity.minutes`,
    /// private); not carried by `activity.added`/`changed`, which keep them.
    public var present: [VolunteerID] = []
    public var minutes = ""
    public var decisions = ""

    public static func == (a: ActivityFields, b: ActivityFields) -> Bool {
        a.id == b.id && a.kind == b.kind && a.title == b.title && a.date == b.date && a.start == b.start && a.end == b.end
            && a.place == b.place && a.participants == b.participants && a.removed == b.removed
            && a.present == b.present && a.minutes == b.minutes && a.decisions == b.decisions
    }
    public init(id: ID<ActivityFields>, kind: ActivityKind, title: String, date: Day, start: ClockTime, end: ClockTime, place: String,
                participants: Int? = nil) {
        self.id = id; self.kind = kind; self.title = title; self.date = date; self.start = start; self.end = end; self.place = place
        self.participants = participants
    }
}

/// An application for funding (phase 4: the association finances itself): to whom, how much, when;
/// then the decision and what was granted.
public struct FundingApplication: Equatable, Sendable, Codable {
    public var id: ID<FundingApplication>
    public var funder: String
    public var applied: Money
    public var date: Day
    /// The decision's day and the amount granted (zero: refused); nil while undecided.
    public var decided: Day?
    public var granted: Money?
    public var removed = false
    /// The pool, purpose, deadline, period, report due day, conditions and holder (`funding.details`).
    public var details = FundingDetails()
    public init(id: ID<FundingApplication>, funder: String, applied: Money,
                date: Day) { self.id = id; self.funder = funder; self.applied = applied; self.date = date }
}

/// A school holiday (vinterferie, påskeferie …), entered once a year: series scheduling skips it.
public struct HolidayPeriod: Equatable, Sendable, Codable {
    public var id: ID<HolidayPeriod>
    public var title: String
    public var start: Day
    public var end: Day
    public var removed = false
    public init(id: ID<HolidayPeriod>, title: String, start: Day,
                end: Day) { self.id = id; self.title = title; self.start = start; self.end = end }
    public func contains(_ d: Day) -> Bool { d >= start && d <= end }
}

/// A hold: one cohort of women trained together, with its own sessions and diplomas.
public struct HoldFields: Equatable, Sendable, Codable {
    public var id: HoldID
    public var name: String
    public var start: Day
    public var end: Day?
    public var place: String
    /// How many modules the hold's training has (default 15; real groups run 14–16).
    public var modules: Int
    /// Hidden (`hold.removed`); never set by `hold.added` or `hold.changed`.
    public var removed = false
    public init(id: HoldID, name: String, start: Day, end: Day? = nil, place: String = "", modules: Int = 15) {
        self.id = id; self.name = name; self.start = start; self.end = end; self.place = place; self.modules = modules
    }
}

public struct PartnerFields: Equatable, Sendable, Codable {
    public var id: ID<Partner>
    public var name: String
    public var kind: PartnerKind
    public var contact: String
    public var notes: String
    public init(id: ID<Partner>, name: String, kind: PartnerKind, contact: String = "", notes: String = "") {
        self.id = id; self.name = name; self.kind = kind; self.contact = contact; self.notes = notes
    }
}
