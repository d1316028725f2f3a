/// Kinds of record that carry an id of the form prefix + number (`v12`).
public enum RecordKind: String, Sendable, CaseIterable {
    case milestone, session, volunteer, conversation, partner, expense, hours, hold, activity, funding, holiday
    case association, membership, board, account, deadline, evaluation, interested, progress, survey
    public var prefix: Character {
        switch self {
        case .progress: "g"
        case .survey: "q"
        case .interested: "i"
        case .evaluation: "e"
        case .association: "n"
        case .membership: "j"
        case .board: "r"
        case .account: "k"
        case .deadline: "d"
        case .funding: "f"
        case .holiday: "b"
        case .activity: "a"
        case .hold: "h"
        case .milestone: "m"
        case .session: "s"
        case .volunteer: "v"
        case .conversation: "c"
        case .partner: "p"
        case .expense: "x"
        case .hours: "t"
        }
    }
    /// The prefix as an ASCII byte, for the line decoder (a `Character`'s `asciiValue` goes
    /// through Unicode tables, once per id of a million lines).
    var prefixByte: UInt8 {
        switch self {
        case .funding: 102      // f
        case .holiday: 98       // b
        case .activity: 97      // a
        case .hold: 104         // h
        case .milestone: 109    // m
        case .session: 115      // s
        case .volunteer: 118    // v
        case .conversation: 99  // c
        case .partner: 112      // p
        case .expense: 120      // x
        case .hours: 116        // t
        case .association: 110  // n
        case .membership: 106   // j
        case .board: 114        // r
        case .account: 107      // k
        case .deadline: 100     // d
        case .evaluation: 101   // e
        case .interested: 105   // i
        case .progress: 103     // g
        case .survey: 113       // q
        }
    }
    public func ref(_ id: Int) -> String { String(prefix) + String(id) }
    public func ref<R>(_ id: ID<R>) -> String { ref(id.raw) }

    public func label(_ l: Lang) -> String {
        switch self {
        case .milestone: l.t("milepæl", "milestone")
        case .session: l.t("modulgang", "session")
        case .volunteer: l.t("bydelsmor", "volunteer")
        case .conversation: l.t("samtale", "conversation")
        case .partner: l.t("samarbejdspartner", "partner")
        case .expense: l.t("udgift", "expense")
        case .hours: l.t("timeregistrering", "hours entry")
        case .hold: l.t("hold", "hold")
        case .activity: l.t("aktivitet", "activity")
        case .funding: l.t("ansøgning", "application")
        case .holiday: l.t("skoleferie", "school holiday")
        case .association: l.t("forening", "association")
        case .membership: l.t("medlemskab", "membership")
        case .board: l.t("bestyrelsespost", "board seat")
        case .account: l.t("postering", "account entry")
        case .deadline: l.t("ansøgningsfrist", "application deadline")
        case .evaluation: l.t("evaluering", "evaluation")
        case .interested: l.t("interesseret kvinde", "interested woman")
        case .progress: l.t("skridt", "step")
        case .survey: l.t("spørgeskemasvar", "survey answer")
        }
    }

    /// Parses `v12` as volunteer 12 (the prefix must match).
    public func parse(_ text: String) -> Int? {
        guard text.first == prefix, text.count >= 2, text.count <= 10 else { return nil }
        let digits = text.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0" else { return nil }
        return Int(digits)
    }
}

/// Every kind of event by its name in the journal: decoding, encoding and the compiler's
/// exhaustiveness checks all go by it, so a new event is a new case here and the compiler names
/// every place that must say what it means. In the order lines are most common.
public enum EventKind: String, CaseIterable, Sendable {
    case conversationLogged = "conversation.logged"
    case attendanceMarked = "attendance.marked"
    case expenseAdded = "expense.added"
    case hoursLogged = "hours.logged"
    case sessionScheduled = "session.scheduled"
    case sessionChanged = "session.changed"
    case sessionStatus = "session.status"
    case volunteerAdded = "volunteer.added"
    case volunteerChanged = "volunteer.changed"
    case volunteerStage = "volunteer.stage"
    case volunteerContract = "volunteer.contract"
    case volunteerConsent = "volunteer.consent"
    case phaseDefined = "phase.defined"
    case phaseStatus = "phase.status"
    case phaseDates = "phase.dates"
    case milestoneAdded = "milestone.added"
    case milestoneChecked = "milestone.checked"
    case milestoneRenamed = "milestone.renamed"
    case moduleDefined = "module.defined"
    case partnerAdded = "partner.added"
    case partnerChanged = "partner.changed"
    case budgetLineAdded = "budget-line.added"
    case budgetLinePlanned = "budget-line.planned"
    case budgetLineDated = "budget-line.dated"
    case expenseChanged = "expense.changed"
    case diplomaRule = "diploma.rule"
    case sessionNoted = "session.noted"
    case sessionHomework = "session.homework"
    case personErased = "person.erased"
    case holdAdded = "hold.added"
    case holdChanged = "hold.changed"
    case volunteerHold = "volunteer.hold"
    case activityAdded = "activity.added"
    case activityChanged = "activity.changed"
    case fundingApplied = "funding.applied"
    case fundingDecided = "funding.decided"
    case moduleChanged = "module.changed"
    case milestoneDue = "milestone.due"
    case holidayAdded = "holiday.added"
    case conversationChanged = "conversation.changed"
    case hoursChanged = "hours.changed"
    case associationFounded = "association.founded"
    case associationChanged = "association.changed"
    case memberJoined = "member.joined"
    case memberLeft = "member.left"
    case memberFee = "member.fee"
    case boardRole = "board.role"
    case boardEnded = "board.ended"
    case accountEntry = "account.entry"
    case activityAttendance = "activity.attendance"
    case activityMinutes = "activity.minutes"
    case fundingDetails = "funding.details"
    case deadlineAdded = "deadline.added"
    case dutyDone = "duty.done"
    case evaluationAdded = "evaluation.added"
    case interestedAdded = "interested.added"
    case recruitInterviewed = "recruit.interviewed"
    case recruitStatus = "recruit.status"
    case progressConsent = "progress.consent"
    case progressAdded = "progress.added"
    case progressKind = "progress.kind"
    case surveyAdded = "survey.added"
    case wheelSet = "wheel.set"
    /// `<kind>.removed` / `<kind>.restored`: named by the record kind.
    case removed, restored
}

/// One change to the project: what a journal line says after its timestamp and actor.
/// Names are past tense, for what happened (`volunteer.added`).
public enum Event: Equatable, Sendable {
    case phaseDefined(number: Int, title: String)
    case phaseStatus(number: Int, status: PhaseStatus)
    case phaseDates(number: Int, start: Day?, end: Day?)
    case milestoneAdded(id: MilestoneID, phase: Int, title: String)
    case milestoneChecked(id: MilestoneID, done: Bool)
    case milestoneRenamed(id: MilestoneID, title: String)
    /// The day a milestone should be reached by (nil: none).
    case milestoneDue(id: MilestoneID, date: Day?)
    case moduleDefined(TrainingModule)
    /// The module plan edited: a module renamed, or its theme or kind changed.
    case moduleChanged(TrainingModule)
    case fundingApplied(id: ID<FundingApplication>, funder: String, applied: Money, date: Day)
    /// The decision on an application: the amount granted (zero: refused) and its day; nil undoes it.
    case fundingDecided(id: ID<FundingApplication>, granted: Money?, date: Day?)
    case activityAdded(ActivityFields)
    case activityChanged(ActivityFields)
    case holdAdded(HoldFields)
    case holidayAdded(HolidayPeriod)
    case holdChanged(HoldFields)
    /// She trains in this hold (nil: in none).
    case volunteerHold(id: VolunteerID, hold: HoldID?)
    case sessionScheduled(SessionFields)
    case sessionChanged(SessionFields)
    case sessionStatus(id: SessionID, status: SessionStatus)
    case sessionNoted(id: SessionID, note: String)
    /// What the women bring or prepare for the session: public (the kiosk, the phones' calendar).
    case sessionHomework(id: SessionID, text: String)
    case attendanceMarked(session: SessionID, volunteer: VolunteerID, mark: AttendanceMark)
    case volunteerAdded(VolunteerFields)
    case volunteerChanged(VolunteerFields)
    case volunteerStage(id: VolunteerID, stage: VolunteerStage)
    case volunteerContract(id: VolunteerID, date: Day?)
    case volunteerConsent(id: VolunteerID, date: Day?)
    case conversationLogged(Conversation)
    /// A conversation corrected: all its fields again.
    case conversationChanged(Conversation)
    case partnerAdded(PartnerFields)
    case partnerChanged(PartnerFields)
    case budgetLineAdded(BudgetLine)
    case budgetLinePlanned(id: String, low: Money, high: Money)
    /// When a budget line runs: planned from `start` (nil: the project's start; a once line in its
    /// year, a yearly line in every year from it, pro rata by whole months) to `end` (nil: open).
    case budgetLineDated(id: String, start: Day?, end: Day?)
    case expenseAdded(Expense)
    case expenseChanged(Expense)
    case hoursLogged(HoursEntry)
    case hoursChanged(HoursEntry)
    case diplomaRule(minimum: Int)
    case removed(RecordKind, id: Int)
    case restored(RecordKind, id: Int)
    /// GDPR erasure: her personal fields are gone from every line; anonymous counts stay.
    case personErased(id: VolunteerID)
    /// Phase 4: the association founded, and its name, founding day or CVR number corrected.
    case associationFounded(AssociationFields)
    case associationChanged(AssociationFields)
    case memberJoined(id: ID<Membership>, volunteer: VolunteerID, date: Day)
    /// She left the association on `date` (nil: she is a member again).
    case memberLeft(id: ID<Membership>, date: Day?)
    /// Her membership fee for `year` (nil amount: none paid).
    case memberFee(id: ID<Membership>, year: Int, amount: Money?, date: Day?)
    case boardRole(BoardRole)
    /// A board term ends on `date` (nil: it runs on).
    case boardEnded(id: ID<BoardRole>, date: Day?)
    case accountEntry(AccountEntry)
    /// Who came to an activity (a meeting of the association, a monthly or network meeting …).
    case activityAttendance(id: ID<ActivityFields>, present: [VolunteerID])
    /// A meeting's minutes and decisions (private).
    case activityMinutes(id: ID<ActivityFields>, minutes: String, decisions: String)
    case fundingDetails(id: ID<FundingApplication>, details: FundingDetails)
    case deadlineAdded(FundDeadline)
    /// A duty of the year wheel done on `date` (nil: not done after all).
    case dutyDone(key: String, date: Day?)
    /// An anonymous evaluation of a hold's training (benefit and satisfaction 1–5).
    case evaluationAdded(Evaluation)
    /// Recruitment: an interested woman, her individual talk (nil: not held after all), and where she
    /// stands (selected: with the volunteer she became).
    case interestedAdded(InterestedFields)
    case recruitInterviewed(id: ID<InterestedFields>, date: Day?)
    case recruitStatus(id: ID<InterestedFields>, status: RecruitStatus, volunteer: VolunteerID?)
    /// The memo's effects: her consent to have her steps recorded, a step she reports, an anonymous survey answer.
    case progressConsent(volunteer: VolunteerID, date: Day?)
    case progressAdded(ProgressStep)
    /// A kind of step added to the list (or renamed), or taken off it (nil).
    case progressKind(token: String, definition: ProgressKindDefinition?)
    case surveyAdded(SurveyAnswer)
    /// The year wheel's dates: general assembly and accounts due by (month, day), notice in days.
    case wheelSet(WheelSettings)

    /// The kind of event, whose name the journal line carries.
    public var kind: EventKind {
        switch self {
        case .phaseDefined: .phaseDefined
        case .phaseStatus: .phaseStatus
        case .phaseDates: .phaseDates
        case .milestoneAdded: .milestoneAdded
        case .milestoneChecked: .milestoneChecked
        case .milestoneRenamed: .milestoneRenamed
        case .milestoneDue: .milestoneDue
        case .moduleDefined: .moduleDefined
        case .moduleChanged: .moduleChanged
        case .fundingApplied: .fundingApplied
        case .fundingDecided: .fundingDecided
        case .activityAdded: .activityAdded
        case .activityChanged: .activityChanged
        case .holdAdded: .holdAdded
        case .holidayAdded: .holidayAdded
        case .holdChanged: .holdChanged
        case .volunteerHold: .volunteerHold
        case .sessionScheduled: .sessionScheduled
        case .sessionChanged: .sessionChanged
        case .sessionStatus: .sessionStatus
        case .sessionNoted: .sessionNoted
        case .sessionHomework: .sessionHomework
        case .attendanceMarked: .attendanceMarked
        case .volunteerAdded: .volunteerAdded
        case .volunteerChanged: .volunteerChanged
        case .volunteerStage: .volunteerStage
        case .volunteerContract: .volunteerContract
        case .volunteerConsent: .volunteerConsent
        case .conversationLogged: .conversationLogged
        case .conversationChanged: .conversationChanged
        case .partnerAdded: .partnerAdded
        case .partnerChanged: .partnerChanged
        case .budgetLineAdded: .budgetLineAdded
        case .budgetLinePlanned: .budgetLinePlanned
        case .budgetLineDated: .budgetLineDated
        case .expenseAdded: .expenseAdded
        case .expenseChanged: .expenseChanged
        case .hoursLogged: .hoursLogged
        case .hoursChanged: .hoursChanged
        case .diplomaRule: .diplomaRule
        case .removed: .removed
        case .restored: .restored
        case .personErased: .personErased
        case .associationFounded: .associationFounded
        case .associationChanged: .associationChanged
        case .memberJoined: .memberJoined
        case .memberLeft: .memberLeft
        case .memberFee: .memberFee
        case .boardRole: .boardRole
        case .boardEnded: .boardEnded
        case .accountEntry: .accountEntry
        case .activityAttendance: .activityAttendance
        case .activityMinutes: .activityMinutes
        case .fundingDetails: .fundingDetails
        case .deadlineAdded: .deadlineAdded
        case .dutyDone: .dutyDone
        case .evaluationAdded: .evaluationAdded
        case .interestedAdded: .interestedAdded
        case .recruitInterviewed: .recruitInterviewed
        case .recruitStatus: .recruitStatus
        case .progressConsent: .progressConsent
        case .progressAdded: .progressAdded
        case .progressKind: .progressKind
        case .surveyAdded: .surveyAdded
        case .wheelSet: .wheelSet
        }
    }

    /// The name on the journal line: the kind's, or `<record>.removed` / `<record>.restored`.
    public var name: String {
        switch self {
        case .removed(let k, _): k.rawValue + ".removed"
        case .restored(let k, _): k.rawValue + ".restored"
        default: kind.rawValue
        }
    }

    /// Whether undo may take this change back. The built-in plan's definitions and an erasure may not.
    public var isUndoable: Bool { kind.spec.undoable }

    /// Fields in journal order. Text fields are always quoted, so a reader sees at once what is free text.
    public var fields: [EventField] { kind.spec.encode(self) }
}

/// One line of a change that was written as several lines in one write (a form with several
/// fields, an attendance sheet, an import): `part=2/5`. The lines of one change stand together,
/// 1 to `count`; a group cut short at the end of the file is a torn write, never half applied.
public struct Part: Equatable, Sendable {
    public var index: Int
    public var count: Int
    public init(index: Int, count: Int) { self.index = index; self.count = count }
}

/// One journal line: when, who, what — and, for an undo, which line it takes back.
public struct JournalEntry: Equatable, Sendable {
    public var timestamp: Timestamp
    public var actor: String
    public var event: Event
    /// The line number this change compensates (undo), if any.
    public var undoes: Int?
    /// For a change written as several lines at once: which of them this is (see `Part`).
    public var part: Part?

    public init(timestamp: Timestamp, actor: String, event: Event, undoes: Int? = nil, part: Part? = nil) {
        self.timestamp = timestamp; self.actor = actor; self.event = event; self.undoes = undoes; self.part = part
    }

    /// The whole line, without its newline.
    public var line: String {
        var out = timestamp.iso + " " + actor + " " + event.name
        for f in event.fields {
            out += " " + f.key + "="
            JournalSyntax.encodeValue(f.value, forceQuotes: f.text, into: &out)
        }
        if let u = undoes { out += " undoes=" + String(u) }
        if let p = part { out += " part=" + String(p.index) + "/" + String(p.count) }
        return out
    }

    /// Actors are plain tokens: letters, digits and . _ - @, at most 64.
    public static func isValidActor(_ a: String) -> Bool {
        !a.isEmpty && a.utf8.count <= 64 && a.utf8.allSatisfy(JournalSyntax.isBare)
    }
}

extension Event {
    /// A new record written with id 0 (`ID.new`) gets the next id of its kind here, in the Core,
    /// against the state it is applied to (ids are dense: the next is always count + 1). Any other
    /// event as it is.
    public func allocatingID(in s: ProjectState) -> Event { kind.spec.allocate(self, s) }
}
