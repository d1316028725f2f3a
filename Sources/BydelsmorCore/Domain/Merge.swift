/// Three-way merge of an edit, field by field: what the form opened with (`base`), what this person
/// typed (`mine`) and what the journal holds now (`theirs`). Another terminal's change to a field this
/// person did not touch is kept; the same field changed differently by both is refused with the
/// field's name, so no change is ever lost silently. One table per kind of record says which fields
/// there are — the merge itself is written once.
public struct MergeField<R>: Sendable {
    public let key: String
    public let label: Message
    let merge: @Sendable (_ base: R, _ mine: R, _ theirs: R, _ into: inout R) throws(Message) -> Void

    public init<T: Equatable>(_ path: WritableKeyPath<R, T> & Sendable, _ key: String, _ da: String, _ en: String) {
        self.key = key
        let label = Message(da, en)
        self.label = label
        merge = { (base, mine, theirs, into) throws(Message) in
            into[keyPath: path] = try Merge.field(label, key, base: base[keyPath: path], mine: mine[keyPath: path],
                                                  theirs: theirs[keyPath: path])
        }
    }
}

public protocol Mergeable {
    static var mergeFields: [MergeField<Self>] { get }
}

public enum Merge {
    /// One field: mine if only I changed it, theirs if only they did, refused if both did differently.
    public static func field<T: Equatable>(_ label: Message, _ key: String, base: T, mine: T, theirs: T) throws(Message) -> T {
        if mine == base { return theirs }
        if theirs == base || theirs == mine { return mine }
        throw Message("\(label.da) er ændret af en anden, mens du rettede; luk formularen (Esc) og ret igen",
                      "\(label.en) was changed by someone else while you edited; close the form (Esc) and edit again", field: key)
    }

    /// The whole record, by its table.
    public static func record<R: Mergeable>(base: R, mine: R, theirs: R) throws(Message) -> R {
        var out = theirs
        for f in R.mergeFields { try f.merge(base, mine, theirs, &out) }
        return out
    }
}

extension VolunteerFields: Mergeable {
    public static let mergeFields: [MergeField<VolunteerFields>] = [
        .init(\.name, "name", "Navnet", "The name"),
        .init(\.phone, "phone", "Telefonen", "The phone"),
        .init(\.languages, "languages", "Sprogene", "The languages"),
        .init(\.neighbourhood, "neighbourhood", "Bydelen", "The neighbourhood"),
        .init(\.notes, "notes", "Noterne", "The notes"),
    ]
}

extension PartnerFields: Mergeable {
    public static let mergeFields: [MergeField<PartnerFields>] = [
        .init(\.name, "name", "Navnet", "The name"),
        .init(\.kind, "kind", "Slagsen", "The kind"),
        .init(\.contact, "contact", "Kontaktpersonen", "The contact"),
        .init(\.notes, "notes", "Noterne", "The notes"),
    ]
}

extension SessionFields: Mergeable {
    public static let mergeFields: [MergeField<SessionFields>] = [
        .init(\.module, "module", "Modulet", "The module"),
        .init(\.date, "date", "Datoen", "The date"),
        .init(\.start, "start", "Starttiden", "The start"),
        .init(\.end, "end", "Sluttiden", "The end"),
        .init(\.place, "place", "Stedet", "The place"),
        .init(\.teacher, "teacher", "Underviseren", "The teacher"),
        .init(\.hold, "hold", "Holdet", "The hold"),
    ]
}

extension Expense: Mergeable {
    public static let mergeFields: [MergeField<Expense>] = [
        .init(\.date, "date", "Datoen", "The date"),
        .init(\.line, "line", "Linjen", "The line"),
        .init(\.amount, "amount", "Beløbet", "The amount"),
        .init(\.note, "note", "Noten", "The note"),
    ]
}

/// A phase's status and dates, merged like the rest (they were last-writer-wins).
public struct PhaseFields: Equatable, Sendable, Mergeable {
    public var status: PhaseStatus
    public var start: Day?
    public var end: Day?
    public init(status: PhaseStatus, start: Day?, end: Day?) { self.status = status; self.start = start; self.end = end }
    public init(_ p: Phase) { self.init(status: p.status, start: p.start, end: p.end) }
    public static let mergeFields: [MergeField<PhaseFields>] = [
        .init(\.status, "status", "Status", "The status"),
        .init(\.start, "start", "Startdatoen", "The start date"),
        .init(\.end, "end", "Slutdatoen", "The end date"),
    ]
}

/// A budget line's planned range, merged like the rest.
public struct PlannedRange: Equatable, Sendable, Mergeable {
    public var low: Money
    public var high: Money
    public init(low: Money, high: Money) { self.low = low; self.high = high }
    public static let mergeFields: [MergeField<PlannedRange>] = [
        .init(\.low, "low", "Det lave beløb", "The low amount"),
        .init(\.high, "high", "Det høje beløb", "The high amount"),
    ]
}

extension VolunteerFields {
    /// The editable fields of a volunteer as they stand.
    public init(_ v: Volunteer) { self = v.fields }
}

extension PartnerFields {
    public init(_ p: Partner) { self = p.fields }
}

extension SessionFields {
    public init(_ s: ModuleSession) { self = s.fields }
}

extension HoldFields: Mergeable {
    public static let mergeFields: [MergeField<HoldFields>] = [
        .init(\.name, "name", "Navnet", "The name"),
        .init(\.start, "start", "Starten", "The start"),
        .init(\.end, "end", "Slutningen", "The end"),
        .init(\.place, "place", "Stedet", "The place"),
        .init(\.modules, "modules", "Antallet af moduler", "The number of modules"),
    ]
}

extension ActivityFields: Mergeable {
    public static let mergeFields: [MergeField<ActivityFields>] = [
        .init(\.kind, "kind", "Slagsen", "The kind"),
        .init(\.title, "title", "Titlen", "The title"),
        .init(\.date, "date", "Datoen", "The date"),
        .init(\.start, "start", "Starttiden", "The start"),
        .init(\.end, "end", "Sluttiden", "The end"),
        .init(\.place, "place", "Stedet", "The place"),
        .init(\.participants, "participants", "Antallet af deltagere", "The number of participants"),
    ]
}

extension Conversation: Mergeable {
    public static let mergeFields: [MergeField<Conversation>] = [
        .init(\.date, "date", "Datoen", "The date"),
        .init(\.volunteer, "volunteer", "Bydelsmoren", "The volunteer"),
        .init(\.contact, "contact", "Kontakten", "The contact"),
        .init(\.topics, "topics", "Emnerne", "The topics"),
        .init(\.referrals, "referred", "Henvisningerne", "The referrals"),
        .init(\.minutes, "minutes", "Minutterne", "The minutes"),
        .init(\.followUp, "followed-up", "Opfølgningen", "The follow-up"),
    ]
}

extension HoursEntry: Mergeable {
    public static let mergeFields: [MergeField<HoursEntry>] = [
        .init(\.date, "date", "Datoen", "The date"),
        .init(\.hours, "hours", "Timerne", "The hours"),
        .init(\.note, "note", "Noten", "The note"),
    ]
}

/// A record that can be edited as a value: how the journal's current version of it is found, and
/// the event that writes a changed one.
public protocol EditableRecord: Mergeable, Equatable, Sendable {
    associatedtype Stored: Recorded
    var id: ID<Stored> { get }
    /// The record as the journal holds it now; nil when it is gone or removed.
    static func current(_ id: ID<Stored>, in s: ProjectState) -> Self?
    /// The event that writes this version of the record.
    var changed: Event { get }
    /// "udgiften", "samtalen": for the message when it was removed meanwhile.
    static var what: Message { get }
}

/// An edit of one record as a value — what the form opened with and what was typed. The Core turns
/// it into the one event to write against the record as the journal holds it when the change is
/// written: field by field by the record's table, nil when nothing changed, refused when it was
/// removed meanwhile or the same field was changed differently by someone else.
public struct RecordEdit<R: EditableRecord>: Sendable {
    public var base: R
    public var mine: R
    public init(base: R, mine: R) { self.base = base; self.mine = mine }

    public func event(in s: ProjectState) throws(Message) -> Event? {
        guard let now = R.current(base.id, in: s) else {
            throw Message("\(R.what.da) er slettet i mellemtiden", "\(R.what.en) was removed meanwhile")
        }
        let merged = try Merge.record(base: base, mine: mine, theirs: now)
        return merged == now ? nil : merged.changed
    }
}

extension Expense: EditableRecord {
    public static func current(_ id: ID<Stored>, in s: ProjectState) -> Expense? { s.expenses.record(id).flatMap { $0.removed ? nil : $0 } }
    public var changed: Event { .expenseChanged(self) }
    public static var what: Message { Message("udgiften", "the expense") }
}
extension Conversation: EditableRecord {
    public static func current(_ id: ID<Stored>,
                               in s: ProjectState) -> Conversation? { s.conversations.record(id).flatMap { $0.removed ? nil : $0 } }
    public var changed: Event { .conversationChanged(self) }
    public static var what: Message { Message("samtalen", "the conversation") }
}
extension HoursEntry: EditableRecord {
    public static func current(_ id: ID<Stored>, in s: ProjectState) -> HoursEntry? { s.hours.record(id).flatMap { $0.removed ? nil : $0 } }
    public var changed: Event { .hoursChanged(self) }
    public static var what: Message { Message("timerne", "the hours") }
}
extension HoldFields: EditableRecord {
    public static func current(_ id: ID<Stored>, in s: ProjectState) -> HoldFields? { s.hold(id).flatMap { $0.removed ? nil : $0 } }
    public var changed: Event { .holdChanged(self) }
    public static var what: Message { Message("holdet", "the hold") }
}
extension ActivityFields: EditableRecord {
    public static func current(_ id: ID<Stored>,
                               in s: ProjectState) -> ActivityFields? { s.activities.record(id).flatMap { $0.removed ? nil : $0 } }
    public var changed: Event { .activityChanged(self) }
    public static var what: Message { Message("aktiviteten", "the activity") }
}
extension SessionFields: EditableRecord {
    public static func current(_ id: ID<Stored>,
                               in s: ProjectState) -> SessionFields? { s.session(id).flatMap { $0.removed ? nil : SessionFields($0) } }
    public var changed: Event { .sessionChanged(self) }
    public static var what: Message { Message("modulgangen", "the session") }
}
extension VolunteerFields: EditableRecord {
    public static func current(_ id: ID<Stored>,
            in s: ProjectState) -> VolunteerFields? { s.volunteer(id).flatMap { $0.removed ? nil : VolunteerFields($0) } }
    public var changed: Event { .volunteerChanged(self) }
    public static var what: Message { Message("bydelsmoren", "the volunteer") }
}
extension PartnerFields: EditableRecord {
    public static func current(_ id: ID<Stored>,
            in s: ProjectState) -> PartnerFields? { s.partners.record(id).flatMap { $0.removed ? nil : PartnerFields($0) } }
    public var changed: Event { .partnerChanged(self) }
    public static var what: Message { Message("samarbejdspartneren", "the partner") }
}
