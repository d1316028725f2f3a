/// What a record's fields are, declared once per record: each field's name and how it may be used
/// (a woman's own data, a private note, a text a public screen may show masked, or a plain value).
/// The public view (kiosk, .ics), the person export's list of her fields and the docs' table of
/// records are made from it, and the snapshot from the same fields (`Codable`); a test encodes one
/// of every record and fails when a field is not declared here (`DeclaredTests`).
public enum FieldUse: String, Sendable, CaseIterable {
    /// Hers: in her person export, erased with her, never on a public screen.
    case personal
    /// A private text (a note, a contact): never on a public screen.
    case privateText = "private"
    /// A text a public screen shows, with any woman's name and phone number masked.
    case publicText = "public"
    /// A value (a date, an amount, a token, an id, a count): shown as it is.
    case plain
}

public struct FieldDeclaration<R>: Sendable {
    public let key: String
    public let use: FieldUse
    /// Rewrites the field's texts (by their use); nil for a field without text.
    let mapTexts: (@Sendable (inout R, (FieldUse, String) -> String) -> Void)?
    /// The declared records the field holds (a nested record, a list of records).
    let children: (@Sendable (R) -> [any DeclaredRecord])?

    /// A value without text: a date, an amount, a token, an id, a flag.
    public static func plain(_ key: String) -> Self { Self(key: key, use: .plain, mapTexts: nil, children: nil) }

    public static func text(_ path: WritableKeyPath<R, String> & Sendable, _ key: String, _ use: FieldUse) -> Self {
        Self(key: key, use: use, mapTexts: { r, f in r[keyPath: path] = f(use, r[keyPath: path]) }, children: nil)
    }

    /// A list of texts (a woman's languages): an emptied text leaves the list.
    public static func texts(_ path: WritableKeyPath<R, [String]> & Sendable, _ key: String, _ use: FieldUse) -> Self {
        Self(key: key, use: use, mapTexts: { r, f in r[keyPath: path] = r[keyPath: path].map { f(use, $0) }.filter { !$0.isEmpty } },
             children: nil)
    }

    /// A record inside the record (its fields as a form edits them).
    public static func record<T: DeclaredRecord>(_ path: WritableKeyPath<R, T> & Sendable, _ key: String) -> Self {
        Self(key: key, use: .plain, mapTexts: { r, f in T.mapTexts(&r[keyPath: path], f) }, children: { [$0[keyPath: path]] })
    }

    /// A list of records (the state's volunteers, sessions …).
    public static func records<T: DeclaredRecord>(_ path: WritableKeyPath<R, [T]> & Sendable, _ key: String) -> Self {
        Self(key: key, use: .plain, mapTexts: { r, f in
            guard T.hasText else { return }
            for i in r[keyPath: path].indices { T.mapTexts(&r[keyPath: path][i], f) }
        }, children: { $0[keyPath: path] })
    }
}

public protocol DeclaredRecord: Codable, Sendable {
    /// Every stored field, in declaration order.
    static var declaredFields: [FieldDeclaration<Self>] { get }
    /// The name the docs' table gives the record.
    static var declaredName: String { get }
}

extension DeclaredRecord {
    /// Rewrites every text of the record and the records in it, each by its use.
    public static func mapTexts(_ r: inout Self, _ f: (FieldUse, String) -> String) {
        for d in declaredFields { d.mapTexts?(&r, f) }
    }
    /// Whether any field holds text (a record without, such as a conversation, is skipped whole).
    static var hasText: Bool { declaredFields.contains { $0.mapTexts != nil } }
}

public enum Declared {
    /// The keys of a record's own fields of one use, nested records' fields included.
    public static func keys<R: DeclaredRecord>(_: R.Type, _ use: FieldUse) -> [String] {
        R.declaredFields.flatMap { d -> [String] in d.use == use ? [d.key] : [] }
    }

    /// Every field of a woman's record, as her person export names them: her own fields and what
    /// the project records about her.
    public static func personalKeys(_: Volunteer.Type) -> [String] {
        keys(VolunteerFields.self, .personal) + Volunteer.declaredFields.map(\.key).filter { $0 != "fields" }
    }

    /// Fields a record encodes that it does not declare, and declared fields it does not encode,
    /// for the record and every record in it: empty when the declaration is whole.
    public static func undeclared(_ r: any DeclaredRecord) -> [String] {
        func check<R: DeclaredRecord>(_ r: R) -> [String] {
            let recorder = KeyRecorder()
            try? r.encode(to: recorder)
            let declared = R.declaredFields.map(\.key)
            var out: [String] = []
            for k in recorder.keys where !declared.contains(k) { out.append("\(R.self).\(k) is not declared") }
            for k in declared where !recorder.keys.contains(k) { out.append("\(R.self).\(k) is declared but not stored") }
            for d in R.declaredFields { for c in d.children?(r) ?? [] { out += undeclared(c) } }
            return out
        }
        return check(r)
    }

    /// The docs' table: every record, its fields and their use.
    public static func table(_ types: [any DeclaredRecord.Type]) -> String {
        var out = "| record | field | use |\n| --- | --- | --- |\n"
        func rows<R: DeclaredRecord>(_ t: R.Type) {
            for d in R.declaredFields { out += "| \(R.declaredName) | `\(d.key)` | \(d.children == nil ? d.use.rawValue : "records") |\n" }
        }
        for t in types { rows(t) }
        return out
    }
}

/// Records the keys a value's own `encode(to:)` writes at its top level, and nothing else.
final class KeyRecorder: Encoder {
    var keys: [String] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(Keyed<Key>(recorder: self)) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed() }
    func singleValueContainer() -> any SingleValueEncodingContainer { Single() }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { recorder.keys.append(key.stringValue) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { recorder.keys.append(key.stringValue) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { recorder.keys.append(key.stringValue) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { recorder.keys.append(key.stringValue) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { recorder.keys.append(key.stringValue) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { recorder.keys.append(key.stringValue) }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            recorder.keys.append(key.stringValue); return KeyedEncodingContainer(Keyed<N>(recorder: KeyRecorder()))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { recorder.keys.append(key.stringValue); return Unkeyed() }
        mutating func superEncoder() -> any Encoder { KeyRecorder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { KeyRecorder() }
    }
    struct Unkeyed: UnkeyedEncodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int { 0 }
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {}
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> { KeyedEncodingContainer(Keyed<N>(recorder: KeyRecorder())) }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed() }
        mutating func superEncoder() -> any Encoder { KeyRecorder() }
    }
    struct Single: SingleValueEncodingContainer {
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {}
        mutating func encode(_ value: String) throws {}
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: Int) throws {}
    }
}

// MARK: the declarations

extension ProjectState: DeclaredRecord {
    public static let declaredName = "project"
    public static let declaredFields: [FieldDeclaration<ProjectState>] = [
        .records(\.phases, "phases"), .records(\.milestones, "milestones"), .records(\.modules, "modules"),
        .records(\.sessions, "sessions"), .records(\.volunteers, "volunteers"), .records(\.conversations, "conversations"),
        .records(\.partners, "partners"), .records(\.budgetLines, "budgetLines"), .records(\.expenses, "expenses"),
        .records(\.hours, "hours"), .records(\.holds, "holds"), .plain("startedOn"), .records(\.activities, "activities"),
        .records(\.funding, "funding"), .records(\.holidays, "holidays"), .plain("diplomaMinimum"), .plain("erasures"),
        .records(\.associations, "associations"), .records(\.memberships, "memberships"), .records(\.boardRoles, "boardRoles"),
        .records(\.accountEntries, "accountEntries"), .records(\.deadlines, "deadlines"), .records(\.dutiesDone, "dutiesDone"),
        .records(\.evaluations, "evaluations"), .records(\.interested, "interested"),
        .records(\.progressSteps, "progressSteps"), .records(\.progressConsents,
                "progressConsents"), .records(\.surveys, "surveys"), .records(\.progressKinds, "progressKinds"),
        .record(\.wheel, "wheel"),
    ]
    /// Every record kind, for the docs' table.
    public static let recordTypes: [any DeclaredRecord.Type] = [
        Phase.self, Milestone.self, TrainingModule.self, ModuleSession.self, SessionFields.self, Volunteer.self, VolunteerFields.self,
        Conversation.self, Partner.self, PartnerFields.self, BudgetLine.self, Expense.self, HoursEntry.self, HoldFields.self,
        ActivityFields.self, FundingApplication.self, FundingDetails.self, HolidayPeriod.self, AssociationFields.self, Membership.self,
        FeePayment.self, BoardRole.self, AccountEntry.self, FundDeadline.self, DutyDone.self, Evaluation.self, Interested.self, InterestedFields.self, ProgressStep.self, ProgressConsent.self, SurveyAnswer.self, ProgressKindDefinition.self, WheelSettings.self,
    ]
}

extension Phase: DeclaredRecord {
    public static let declaredName = "phase"
    public static let declaredFields: [FieldDeclaration<Phase>] = [
        .plain("number"), .text(\.title, "title", .publicText), .plain("status"), .plain("start"), .plain("end"),
    ]
}

extension Milestone: DeclaredRecord {
    public static let declaredName = "milestone"
    public static let declaredFields: [FieldDeclaration<Milestone>] = [
        .plain("id"), .plain("phase"), .text(\.title, "title", .publicText), .plain("done"), .plain("removed"), .plain("due"),
    ]
}

extension TrainingModule: DeclaredRecord {
    public static let declaredName = "module"
    public static let declaredFields: [FieldDeclaration<TrainingModule>] = [
        .plain("number"), .text(\.title, "title", .publicText), .plain("theme"), .plain("kind"),
    ]
}

extension ModuleSession: DeclaredRecord {
    public static let declaredName = "session"
    public static let declaredFields: [FieldDeclaration<ModuleSession>] = [
        .record(\.fields, "fields"), .plain("status"), .text(\.note, "note", .privateText), .text(\.homework, "homework", .publicText),
        .plain("sequence"), .plain("attendance"), .plain("removed"),
    ]
}

extension SessionFields: DeclaredRecord {
    public static let declaredName = "session fields"
    public static let declaredFields: [FieldDeclaration<SessionFields>] = [
        .plain("id"), .plain("module"), .plain("date"), .plain("start"), .plain("end"),
        .text(\.place, "place", .publicText), .text(\.teacher, "teacher", .publicText), .plain("hold"),
    ]
}

extension Volunteer: DeclaredRecord {
    public static let declaredName = "volunteer"
    public static let declaredFields: [FieldDeclaration<Volunteer>] = [
        .record(\.fields, "fields"), .plain("stage"), .plain("contractSigned"), .plain("consent"), .plain("removed"), .plain("erased"),
        .plain("hold"), .plain("addedOn"),
    ]
}

extension VolunteerFields: DeclaredRecord {
    public static let declaredName = "volunteer fields"
    public static let declaredFields: [FieldDeclaration<VolunteerFields>] = [
        .plain("id"), .text(\.name, "name", .personal), .text(\.phone, "phone", .personal), .texts(\.languages, "languages", .personal),
        .text(\.neighbourhood, "neighbourhood", .personal), .text(\.notes, "notes", .personal),
    ]
}

extension Conversation: DeclaredRecord {
    public static let declaredName = "conversation"
    public static let declaredFields: [FieldDeclaration<Conversation>] = [
        .plain("id"), .plain("volunteer"), .plain("date"), .plain("minutes"), .plain("topics"), .plain("referrals"), .plain("contact"), .plain("removed"),
        .plain("followUp"),
    ]
}

extension Partner: DeclaredRecord {
    public static let declaredName = "partner"
    public static let declaredFields: [FieldDeclaration<Partner>] = [.record(\.fields, "fields"), .plain("removed")]
}

extension PartnerFields: DeclaredRecord {
    public static let declaredName = "partner fields"
    public static let declaredFields: [FieldDeclaration<PartnerFields>] = [
        .plain("id"), .text(\.name, "name", .publicText), .plain("kind"), .text(\.contact, "contact",
                                                                                .privateText), .text(\.notes, "notes", .privateText),
    ]
}

extension BudgetLine: DeclaredRecord {
    public static let declaredName = "budget line"
    public static let declaredFields: [FieldDeclaration<BudgetLine>] = [
        .plain("id"), .text(\.title, "title", .publicText), .plain("low"), .plain("high"), .plain("period"), .plain("removed"), .plain("start"), .plain("end"),
    ]
}

extension Expense: DeclaredRecord {
    public static let declaredName = "expense"
    public static let declaredFields: [FieldDeclaration<Expense>] = [
        .plain("id"), .plain("date"), .plain("line"), .plain("amount"), .text(\.note, "note",
                                                                              .privateText), .plain("removed"), .plain("funding"),
    ]
}

extension HoursEntry: DeclaredRecord {
    public static let declaredName = "hours"
    public static let declaredFields: [FieldDeclaration<HoursEntry>] = [
        .plain("id"), .plain("date"), .plain("hours"), .text(\.note, "note", .privateText), .plain("removed"),
    ]
}

extension HoldFields: DeclaredRecord {
    public static let declaredName = "hold"
    public static let declaredFields: [FieldDeclaration<HoldFields>] = [
        .plain("id"), .text(\.name, "name", .publicText), .plain("start"), .plain("end"), .text(\.place, "place", .publicText), .plain("modules"), .plain("removed"),
    ]
}

extension ActivityFields: DeclaredRecord {
    public static let declaredName = "activity"
    public static let declaredFields: [FieldDeclaration<ActivityFields>] = [
        .plain("id"), .plain("kind"), .text(\.title, "title", .publicText), .plain("date"), .plain("start"), .plain("end"),
        .text(\.place, "place", .publicText), .plain("participants"), .plain("removed"), .plain("sequence"),
        .plain("present"), .text(\.minutes, "minutes", .privateText), .text(\.decisions, "decisions", .privateText),
    ]
}

extension FundingApplication: DeclaredRecord {
    public static let declaredName = "funding"
    public static let declaredFields: [FieldDeclaration<FundingApplication>] = [
        .plain("id"), .text(\.funder, "funder", .publicText), .plain("applied"), .plain("date"), .plain("decided"), .plain("granted"), .plain("removed"),
        .record(\.details, "details"),
    ]
}

extension FundingDetails: DeclaredRecord {
    public static let declaredName = "funding details"
    public static let declaredFields: [FieldDeclaration<FundingDetails>] = [
        .text(\.pool, "pool", .publicText), .text(\.purpose, "purpose",
                                                  .publicText), .plain("deadline"), .plain("periodFrom"), .plain("periodTo"),
        .plain("reportDue"), .text(\.conditions, "conditions", .privateText), .plain("holder"),
    ]
}

extension AssociationFields: DeclaredRecord {
    public static let declaredName = "association"
    public static let declaredFields: [FieldDeclaration<AssociationFields>] = [
        .plain("id"), .text(\.name, "name", .publicText), .plain("founded"), .plain("cvr"), .plain("removed"),
    ]
}

extension Membership: DeclaredRecord {
    public static let declaredName = "membership"
    public static let declaredFields: [FieldDeclaration<Membership>] = [
        .plain("id"), .plain("volunteer"), .plain("joined"), .plain("left"), .records(\.fees, "fees"), .plain("removed"),
    ]
}

extension FeePayment: DeclaredRecord {
    public static let declaredName = "membership fee"
    public static let declaredFields: [FieldDeclaration<FeePayment>] = [.plain("year"), .plain("amount"), .plain("date")]
}

extension BoardRole: DeclaredRecord {
    public static let declaredName = "board seat"
    public static let declaredFields: [FieldDeclaration<BoardRole>] = [
        .plain("id"), .plain("volunteer"), .plain("role"), .plain("from"), .plain("to"), .plain("removed"),
    ]
}

extension AccountEntry: DeclaredRecord {
    public static let declaredName = "account entry"
    public static let declaredFields: [FieldDeclaration<AccountEntry>] = [
        .plain("id"), .plain("date"), .plain("direction"), .text(\.line, "line", .privateText), .plain("amount"), .plain("funding"),
        .text(\.receipt, "receipt", .privateText), .text(\.note, "note", .privateText), .plain("removed"),
    ]
}

extension FundDeadline: DeclaredRecord {
    public static let declaredName = "fund deadline"
    public static let declaredFields: [FieldDeclaration<FundDeadline>] = [
        .plain("id"), .text(\.funder, "funder", .publicText), .plain("date"), .plain("yearly"), .plain("removed"),
    ]
}

extension DutyDone: DeclaredRecord {
    public static let declaredName = "duty done"
    public static let declaredFields: [FieldDeclaration<DutyDone>] = [.plain("key"), .plain("date")]
}

extension HolidayPeriod: DeclaredRecord {
    public static let declaredName = "holiday"
    public static let declaredFields: [FieldDeclaration<HolidayPeriod>] = [
        .plain("id"), .text(\.title, "title", .publicText), .plain("start"), .plain("end"), .plain("removed"),
    ]
}

extension Evaluation: DeclaredRecord {
    public static let declaredName = "evaluation"
    public static let declaredFields: [FieldDeclaration<Evaluation>] = [
        .plain("id"), .plain("hold"), .plain("date"), .plain("benefit"), .plain("satisfaction"), .text(\.comment, "comment", .privateText), .plain("removed"),
    ]
}
