/// One field of a journal line as the event writes it: key, value, and whether it is free text
/// (always quoted, so a reader sees at once what a person typed).
public typealias EventField = (key: String, value: String, text: Bool)

/// Everything the program knows about one kind of event, side by side: how its line is read
/// (`decode`) and written (`encode`), how it changes the state and what takes it back (`apply`
/// returns the inverse; nil where nothing can, and undo then stops there and says so), the rules a
/// new change of it must also meet today (`writeRule`), the id a new record gets (`allocate`), and
/// how it is said in people's words. `EventKind.spec` is the table; the families of events write
/// their entries in `Events/`. A new event is a case of `EventKind` and of `Event` and one entry —
/// and the compiler names each, because `Event.kind` and `EventKind.spec` are exhaustive switches.
final class EventSpec: Sendable {
    let decode: @Sendable (inout FieldReader, EventKind) throws(SyntaxError) -> Event
    let encode: @Sendable (Event) -> [EventField]
    let apply: @Sendable (Event, inout ProjectState) throws(Message) -> Event?
    let words: @Sendable (Event, ProjectState, Lang) -> String
    let writeRule: @Sendable (Event, ProjectState, Day) throws(Message) -> Void
    let allocate: @Sendable (Event, ProjectState) -> Event
    /// Whether undo may take it back at all (the built-in plan's definitions and an erasure may not).
    let undoable: Bool

    /// An entry whose closures get the event's payload `P`, taken out of the `Event` once by
    /// `payload` (nil: not this kind, which the table never passes).
    init<P>(_ payload: @escaping @Sendable (Event) -> P?,
            decode: @escaping @Sendable (inout FieldReader, EventKind) throws(SyntaxError) -> Event,
            encode: @escaping @Sendable (P) -> [EventField],
            apply: @escaping @Sendable (P, inout ProjectState) throws(Message) -> Event?,
            words: @escaping @Sendable (P, ProjectState, Lang) -> String,
            writeRule: (@Sendable (P, ProjectState, Day) throws(Message) -> Void)? = nil,
            allocate: (@Sendable (P, ProjectState) -> Event?)? = nil,
            undoable: Bool = true) {
        self.decode = decode
        self.encode = { e in payload(e).map(encode) ?? [] }
        self.apply = { (e, s) throws(Message) -> Event? in
            guard let p = payload(e) else { throw Message("intern fejl: forkert hændelse", "internal error: wrong event") }
            return try apply(p, &s)
        }
        self.words = { e, s, l in payload(e).map { words($0, s, l) } ?? "" }
        if let writeRule {
            self.writeRule = { (e, s, today) throws(Message) in if let p = payload(e) { try writeRule(p, s, today) } }
        } else {
            self.writeRule = { _, _, _ in }
        }
        if let allocate {
            self.allocate = { e, s in payload(e).flatMap { allocate($0, s) } ?? e }
        } else {
            self.allocate = { e, _ in e }
        }
        self.undoable = undoable
    }
}

extension EventKind {
    /// The table: each kind's entry, written with its family in `Events/`.
    var spec: EventSpec {
        switch self {
        case .phaseDefined: Events.phaseDefined
        case .phaseStatus: Events.phaseStatus
        case .phaseDates: Events.phaseDates
        case .milestoneAdded: Events.milestoneAdded
        case .milestoneChecked: Events.milestoneChecked
        case .milestoneRenamed: Events.milestoneRenamed
        case .milestoneDue: Events.milestoneDue
        case .moduleDefined: Events.moduleDefined
        case .moduleChanged: Events.moduleChanged
        case .diplomaRule: Events.diplomaRule
        case .sessionScheduled: Events.sessionScheduled
        case .sessionChanged: Events.sessionChanged
        case .sessionStatus: Events.sessionStatus
        case .sessionNoted: Events.sessionNoted
        case .sessionHomework: Events.sessionHomework
        case .attendanceMarked: Events.attendanceMarked
        case .volunteerAdded: Events.volunteerAdded
        case .volunteerChanged: Events.volunteerChanged
        case .volunteerStage: Events.volunteerStage
        case .volunteerContract: Events.volunteerContract
        case .volunteerConsent: Events.volunteerConsent
        case .volunteerHold: Events.volunteerHold
        case .personErased: Events.personErased
        case .conversationLogged: Events.conversationLogged
        case .conversationChanged: Events.conversationChanged
        case .partnerAdded: Events.partnerAdded
        case .partnerChanged: Events.partnerChanged
        case .budgetLineAdded: Events.budgetLineAdded
        case .budgetLinePlanned: Events.budgetLinePlanned
        case .budgetLineDated: Events.budgetLineDated
        case .expenseAdded: Events.expenseAdded
        case .expenseChanged: Events.expenseChanged
        case .hoursLogged: Events.hoursLogged
        case .hoursChanged: Events.hoursChanged
        case .fundingApplied: Events.fundingApplied
        case .fundingDecided: Events.fundingDecided
        case .holdAdded: Events.holdAdded
        case .holdChanged: Events.holdChanged
        case .activityAdded: Events.activityAdded
        case .activityChanged: Events.activityChanged
        case .holidayAdded: Events.holidayAdded
        case .removed: Events.removed
        case .restored: Events.restored
        case .associationFounded: Events.associationFounded
        case .associationChanged: Events.associationChanged
        case .memberJoined: Events.memberJoined
        case .memberLeft: Events.memberLeft
        case .memberFee: Events.memberFee
        case .boardRole: Events.boardRole
        case .boardEnded: Events.boardEnded
        case .accountEntry: Events.accountEntry
        case .activityAttendance: Events.activityAttendance
        case .activityMinutes: Events.activityMinutes
        case .fundingDetails: Events.fundingDetails
        case .deadlineAdded: Events.deadlineAdded
        case .dutyDone: Events.dutyDone
        case .evaluationAdded: Events.evaluationAdded
        case .interestedAdded: Events.interestedAdded
        case .recruitInterviewed: Events.recruitInterviewed
        case .recruitStatus: Events.recruitStatus
        case .progressConsent: Events.progressConsent
        case .progressAdded: Events.progressAdded
        case .progressKind: Events.progressKind
        case .surveyAdded: Events.surveyAdded
        case .wheelSet: Events.wheelSet
        }
    }
}

/// The entries of the event table, one family a file (`Events/`).
enum Events {
    /// `"2027-02-09"`, or `-` for none.
    static func day(_ d: Day?) -> String { d?.iso ?? "-" }

    /// A new record written with id 0 (`ID.new`), given the next id after `records`; nil for a
    /// record that has its id already.
    static func allocated<R: NewRecord>(_ r: R, after records: [R.Stored], _ event: (R) -> Event) -> Event? {
        guard r.id.isNew else { return nil }
        var x = r
        x.id = records.nextID
        return event(x)
    }

    /// Sets one field of a live record and gives back what it was (for the inverse).
    static func set<R: Recorded & Removable, V>(_ id: ID<R>, _ records: WritableKeyPath<ProjectState, [R]>, _ field: WritableKeyPath<R, V>,
                                              to value: V, in s: inout ProjectState) throws(Message) -> V {
        let i = try Reducer.live(id, in: s[keyPath: records])
        let old = s[keyPath: records][i][keyPath: field]
        s[keyPath: records][i][keyPath: field] = value
        return old
    }
}

/// A record that gets its id from the Core when it is added (`Event.allocatingID`).
protocol NewRecord {
    associatedtype Stored: Recorded
    var id: ID<Stored> { get set }
}
extension VolunteerFields: NewRecord { public typealias Stored = Volunteer }
extension SessionFields: NewRecord { public typealias Stored = ModuleSession }
extension Conversation: NewRecord { public typealias Stored = Conversation }
extension PartnerFields: NewRecord { public typealias Stored = Partner }
extension Expense: NewRecord { public typealias Stored = Expense }
extension HoursEntry: NewRecord { public typealias Stored = HoursEntry }
extension HoldFields: NewRecord { public typealias Stored = HoldFields }
extension ActivityFields: NewRecord { public typealias Stored = ActivityFields }
extension HolidayPeriod: NewRecord { public typealias Stored = HolidayPeriod }
