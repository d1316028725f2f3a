/// Records of the project. Ids are dense per kind (`v1`, `v2`, …) so a record lives at index id-1.
/// Removing marks a record `removed` (so undo can restore it and references stay valid);
/// only `person erase` takes personal data away.

public struct Phase: Equatable, Sendable, Codable {
    public var number: Int
    public var title: String
    public var status: PhaseStatus = .notStarted
    public var start: Day?
    public var end: Day?
}

public struct Milestone: Equatable, Sendable, Codable {
    public var id: MilestoneID
    public var phase: Int
    public var title: String
    public var done = false
    public var removed = false
    /// To be reached by this day (`milestone.due`); past it and not ticked, it needs doing.
    public var due: Day?
}

public struct TrainingModule: Equatable, Sendable, Codable {
    public init(number: Int, title: String, theme: ModuleTheme, kind: ModuleKind) {
        self.number = number; self.title = title; self.theme = theme; self.kind = kind
    }
    public var number: Int
    public var title: String
    public var theme: ModuleTheme
    public var kind: ModuleKind
}

/// A session: the fields a form edits and `session.scheduled`/`changed` carry (`SessionFields`, read
/// through as `session.date`, `session.place` …), and what happens to it afterwards.
public struct ModuleSession: Equatable, Sendable, Codable, FieldsRecord {
    public var fields: SessionFields
    public var id: SessionID { fields.id }

    public init(_ fields: SessionFields) { self.fields = fields }
    public init(id: SessionID, module: Int, date: Day, start: ClockTime, end: ClockTime, place: String, teacher: String,
                hold: HoldID? = nil) {
        fields = SessionFields(id: id, module: module, date: date, start: start, end: end, place: place, teacher: teacher, hold: hold)
    }

    public var status: SessionStatus = .scheduled
    /// The coordinator's private note on the session (never on a public screen or in the .ics).
    public var note = ""
    /// Homework for the session: public, shown on the kiosk and in the phones' calendar, with any
    /// volunteer's name or phone masked.
    public var homework = ""
    /// Raised by every change of the session (iCalendar SEQUENCE).
    public var sequence = 0
    /// volunteer id → mark; absent key means not recorded.
    public var attendance: [VolunteerID: AttendanceMark] = [:]
    /// Deleted (`session.removed`): gone from every list and figure, attendance kept for a restore.
    public var removed = false
}

/// One cohort of women trained together: the record is the event's fields and `removed`.
public typealias Hold = HoldFields

/// A volunteer: her personal fields as a form edits them and `volunteer.added`/`changed` carry
/// (`VolunteerFields`, read through as `volunteer.name` …), and her place in the project.
public struct Volunteer: Equatable, Sendable, Codable, FieldsRecord {
    public var fields: VolunteerFields
    public var id: VolunteerID { fields.id }

    public init(_ fields: VolunteerFields) { self.fields = fields }
    public init(id: VolunteerID, name: String, phone: String, languages: [String], neighbourhood: String, notes: String = "") {
        fields = VolunteerFields(id: id, name: name, phone: phone, languages: languages, neighbourhood: neighbourhood, notes: notes)
    }

    public var stage: VolunteerStage = .candidate
    public var contractSigned: Day?
    public var consent: Day?
    public var removed = false
    public var erased = false
    /// The hold she trains or trained in.
    public var hold: HoldID?
    /// The day she was registered (the day of her `volunteer.added` line).
    public var addedOn: Day?
}

/// An anonymous outreach conversation: never who was helped, only that, how and about what.
public struct Conversation: Equatable, Sendable, Codable {
    public init(id: ID<Conversation>, date: Day, volunteer: VolunteerID, contact: ContactOrigin, topics: TopicSet, referrals: ReferralSet,
                minutes: Int32, removed: Bool = false, followUp: FollowUp? = nil) {
        self.id = id; self.date = date; self.volunteer = volunteer; self.contact = contact; self.topics = topics
        self.referrals = referrals; self.minutes = minutes; self.removed = removed; self.followUp = followUp
    }
    /// One referral (or none), as conversations were logged before several were allowed.
    public init(id: ID<Conversation>, date: Day, volunteer: VolunteerID, contact: ContactOrigin, topics: TopicSet, referral: Referral,
                minutes: Int32, removed: Bool = false) {
        self.init(id: id, date: date, volunteer: volunteer, contact: contact, topics: topics, referrals: ReferralSet([referral]),
                  minutes: minutes, removed: removed)
    }
    // In this order the record packs into 32 bytes (it was 40): a large journal holds about a
    // million of them, so the order is memory and start-up time.
    public var id: ID<Conversation>
    public var volunteer: VolunteerID
    public var date: Day
    public var minutes: Int32
    public var topics: TopicSet
    public var referrals: ReferralSet
    public var contact: ContactOrigin
    public var removed = false
    /// What came of the referral, when the coordinator has asked (nil: not asked, or no referral).
    public var followUp: FollowUp?
    /// Whether she was referred on at all.
    public var isReferred: Bool { !referrals.isEmpty }
    /// The first referral, or `.none`.
    public var referral: Referral { referrals.first { _ in true } ?? .none }
}

/// A partner of the professional network: the fields a form edits (`PartnerFields`), and whether
/// it is removed.
public struct Partner: Equatable, Sendable, Codable, FieldsRecord {
    public var fields: PartnerFields
    public var id: ID<Partner> { fields.id }
    public var removed = false

    public init(_ fields: PartnerFields) { self.fields = fields }
    public init(id: ID<Partner>, name: String, kind: PartnerKind, contact: String, notes: String) {
        fields = PartnerFields(id: id, name: name, kind: kind, contact: contact, notes: notes)
    }
}

/// Everything the journal says, replayed. Equatable so tests compare whole states.
public struct ProjectState: Equatable, Sendable, Codable {
    public var phases: [Phase] = []
    public var milestones: [Milestone] = []
    public var modules: [TrainingModule] = []
    public var sessions: [ModuleSession] = []
    public var volunteers: [Volunteer] = []
    public var conversations: [Conversation] = []
    public var partners: [Partner] = []
    public var budgetLines: [BudgetLine] = []
    public var expenses: [Expense] = []
    public var hours: [HoursEntry] = []
    public var holds: [Hold] = []
    /// The day of the journal's first change (its creation): the project's start when phase 1 has
    /// no start date.
    public var startedOn: Day?
    public var activities: [ActivityFields] = []
    public var funding: [FundingApplication] = []
    /// School holidays, entered once a year.
    public var holidays: [HolidayPeriod] = []
    /// Modules a volunteer must have attended for the diploma.
    public var diplomaMinimum = 13
    /// Journal lines that were erasures of a person (GDPR), for the record.
    public var erasures = 0
    /// Phase 4: the association (one live at a time), its members, board, book and year wheel.
    public var associations: [AssociationFields] = []
    public var memberships: [Membership] = []
    public var boardRoles: [BoardRole] = []
    public var accountEntries: [AccountEntry] = []
    public var deadlines: [FundDeadline] = []
    public var dutiesDone: [DutyDone] = []
    /// Anonymous evaluations of the holds' training.
    public var evaluations: [Evaluation] = []
    /// Women interested in becoming neighbourhood mothers (recruitment).
    public var interested: [Interested] = []
    /// The mothers' own steps (with their consent) and the anonymous survey answers.
    public var progressSteps: [ProgressStep] = []
    public var progressConsents: [ProgressConsent] = []
    public var surveys: [SurveyAnswer] = []
    /// The coordinator's own kinds of step, added to the built-in list.
    public var progressKinds: [ProgressKindDefinition] = []
    /// The year wheel's dates (the national guide's until changed).
    public var wheel = WheelSettings()

    public init() {}

    public static let moduleCount = 15
    /// The most modules a plan (and a hold) can have.
    public static let maxModules = 30
    public static let phaseCount = 4

    public func volunteer(_ id: VolunteerID) -> Volunteer? { volunteers.record(id) }
    public func session(_ id: SessionID) -> ModuleSession? { sessions.record(id) }
    public func hold(_ id: HoldID) -> Hold? { holds.record(id) }

    /// The hold whose period holds `day` (the newest if several), else the newest hold; nil without holds.
    public func holdRunning(on day: Day) -> Hold? {
        let live = holds.filter { !$0.removed }
        return live.last { $0.start <= day && ($0.end.map { day <= $0 } ?? true) } ?? live.last
    }
    public func module(_ number: Int) -> TrainingModule? {
        number >= 1 && number <= modules.count ? modules[number - 1] : nil
    }
    public func budgetLineIndex(_ id: String) -> Int? { budgetLines.firstIndex { $0.id == id } }


    /// The hold a figure about "the training" is about: the one whose period holds `day`, else the
    /// newest; nil in a journal from before holds (then every session is the training's).
    public func currentHold(on day: Day) -> Hold? { holdRunning(on: day) }

    /// Whether a session belongs to `hold`'s training: with a hold, its own sessions; without
    /// (a journal from before holds), every session.
    public static func belongs(_ s: ModuleSession, to hold: HoldID?) -> Bool { hold == nil || s.hold == hold }

    /// A module's status within one hold, from its latest session there that was not cancelled:
    /// held or scheduled. Another hold's sessions never count: an earlier hold that held module 5
    /// does not make it held for this year's hold.
    public func status(ofModule number: Int, hold: HoldID?) -> ModuleStatus {
        var latest: ModuleSession?
        var sawCancelled = false
        for s in sessions where s.module == number && !s.removed && ProjectState.belongs(s, to: hold) {
            if s.status == .cancelled { sawCancelled = true; continue }
            if let l = latest, (l.date, l.start) > (s.date, s.start) { continue }
            latest = s
        }
        guard let l = latest else { return sawCancelled ? .cancelled : .planned }
        return l.status == .held ? .held : .scheduled
    }

    /// The one rule for "modules attended": a module counts for a volunteer when she was marked
    /// present at a held session of it. As bit masks (bit n = module n), indexed by volunteer id,
    /// for every volunteer in one pass.
    public func attendanceMasks() -> [UInt64] {
        var masks = [UInt64](repeating: 0, count: volunteers.count + 1)
        for s in sessions where s.status == .held && !s.removed && s.module >= 0 && s.module < 64 {
            let bit = UInt64(1) << UInt64(s.module)
            for (v, m) in s.attendance where m == .present && v.raw >= 1 && v.raw < masks.count {
                // Within a hold: a session of another hold does not count for her diploma.
                if let h = s.hold, volunteers[v].hold != h { continue }
                masks[v.raw] |= bit
            }
        }
        return masks
    }

    /// How many modules a volunteer attended, from `attendanceMasks()`.
    public static func modules(_ masks: [UInt64], _ v: VolunteerID) -> Int {
        v.raw >= 0 && v.raw < masks.count ? masks[v.raw].nonzeroBitCount : 0
    }

    /// Modules in which the volunteer was present at a held session (the same rule, one volunteer).
    public func modulesAttended(by volunteer: VolunteerID) -> Set<Int> {
        var mask: UInt64 = 0
        let hold = self.volunteer(volunteer)?.hold
        for s in sessions where s.status == .held && !s.removed && s.module >= 0 && s.module < 64 && s.attendance[volunteer] == .present {
            if let h = s.hold, h != hold { continue }
            mask |= UInt64(1) << UInt64(s.module)
        }
        return Set((0..<64).filter { mask & (UInt64(1) << UInt64($0)) != 0 })
    }

    public func isEligibleForDiploma(_ volunteer: VolunteerID) -> Bool {
        modulesAttended(by: volunteer).count >= diplomaMinimum
    }

    /// The first scheduled session on or after `today`, by date and time.
    public func nextSession(from today: Day) -> ModuleSession? {
        var best: ModuleSession?
        for s in sessions where s.status == .scheduled && !s.removed && s.date >= today {
            if let b = best, (b.date, b.start) <= (s.date, s.start) { continue }
            best = s
        }
        return best
    }

    /// The project's start: phase 1's start date, else the day the journal was created.
    public var projectStart: Day? { phases.first?.start ?? startedOn }
    /// The calendar year the project started.
    public var startYear: Int? { projectStart?.year }

    // MARK: the budget by calendar year
    //
    // The municipality's budget year, and every fund's, is the calendar year; so is every year the
    // program shows (docs/decisions.md, "One year: the calendar year").

    /// The day a budget line is planned from: its start, else the project's.
    public func start(of b: BudgetLine) -> Day? { b.start ?? projectStart }

    /// Whole months of calendar year `year` in which a line runs (0–12): from its start's month to
    /// its end's month, both counted whole.
    public func months(of b: BudgetLine, in year: Int) -> Int {
        guard let s = start(of: b), s.year <= year else { return 0 }
        if let e = b.end, e.year < year { return 0 }
        let first = s.year == year ? s.month : 1
        let last = b.end.map { $0.year == year ? $0.month : 12 } ?? 12
        return max(0, last - first + 1)
    }

    /// What a line plans in a calendar year: a once line all of it in the year it starts; a yearly
    /// line a twelfth a month it runs that year (a line from August: 5/12), to the øre, half up.
    public func planned(_ b: BudgetLine, year: Int) -> (low: Money, high: Money) {
        switch b.period {
        case .once:
            return start(of: b)?.year == year ? (b.low, b.high) : (.zero, .zero)
        case .yearly:
            let m = Int64(months(of: b, in: year))
            if m == 12 { return (b.low, b.high) }
            return (Money(ore: (b.low.ore * m + 6) / 12), Money(ore: (b.high.ore * m + 6) / 12))
        }
    }

    /// An expense dated before its line is planned from: kept and counted in its own year, but
    /// worth a word (a typo in the year, or a line whose start should be earlier).
    public func warning(for x: Expense) -> Message? {
        guard let b = budgetLines.first(where: { $0.id == x.line }), let s = start(of: b), x.date < s else { return nil }
        return Message("udgiften er dateret \(Lang.da.shortDate(x.date)), før linjen \(b.title) er planlagt fra \(Lang.da.shortDate(s)); den tælles i \(x.date.year)",
                       "the expense is dated \(Lang.en.shortDate(x.date)), before the line \(b.title) is planned from \(Lang.en.shortDate(s)); it counts in \(x.date.year)", field: "date")
    }

    /// The budget planned for calendar year `year`, line by line.
    public func planned(year: Int) -> (low: Money, high: Money, lines: [(line: BudgetLine, low: Money, high: Money)]) {
        var low = Money.zero, high = Money.zero
        var out: [(BudgetLine, Money, Money)] = []
        for b in budgetLines where !b.removed {
            let p = planned(b, year: year)
            low = low + p.low; high = high + p.high
            out.append((b, p.low, p.high))
        }
        return (low, high, out)
    }

    /// Money spent per budget line in calendar year `year`.
    public func spent(year: Int) -> [String: Money] {
        var by = [String: Money]()
        for x in expenses where !x.removed && x.date.year == year { by[x.line] = (by[x.line] ?? .zero) + x.amount }
        return by
    }

    /// The calendar years the budget covers so far: from the first in which anything was planned
    /// or spent (spending before the project's start included) to the year of `today`, or of a later
    /// expense. Empty without a start and without spending.
    public func budgetYears(through today: Day) -> [Int] {
        var first = projectStart?.year
        for b in budgetLines where !b.removed { if let y = start(of: b)?.year { first = min(first ?? y, y) } }
        var last = today.year
        for x in expenses where !x.removed {
            first = min(first ?? x.date.year, x.date.year)
            last = max(last, x.date.year)
        }
        guard let f = first, f <= last else { return [] }
        return Array(f...last)
    }

    /// Money spent in each calendar year, in one pass over the expenses.
    public func spentPerYear() -> [Int: Money] {
        var out = [Int: Money]()
        for x in expenses where !x.removed { out[x.date.year] = (out[x.date.year] ?? .zero) + x.amount }
        return out
    }

    /// Coordinator hours a week over the days `first…last` (whole days; nil for an empty period).
    public func hoursPerWeek(from first: Day, to last: Day) -> Double? {
        guard last >= first else { return nil }
        var total: Int64 = 0
        for h in hours where !h.removed && h.date >= first && h.date <= last { total += h.hours.hundredths }
        return Double(total) / 100 / (Double(Int(last.ordinal - first.ordinal) + 1) / 7)
    }

    /// The phase a person means by "where are we now": the first active one, else the first not done.
    public var currentPhase: Phase? {
        phases.first { $0.status == .active } ?? phases.first { $0.status != .done } ?? phases.last
    }
}
/// A record made of the fields its events carry (`fields`) and what the project adds to them; the
/// fields read and write through it (`session.date`, `volunteer.name`), so there is one copy.
@dynamicMemberLookup
public protocol FieldsRecord {
    associatedtype Fields
    var fields: Fields { get set }
}

extension FieldsRecord {
    public subscript<T>(dynamicMember path: WritableKeyPath<Fields, T>) -> T {
        get { fields[keyPath: path] }
        set { fields[keyPath: path] = newValue }
    }
}
