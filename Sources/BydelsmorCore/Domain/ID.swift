/// A kind of record with ids of its own (`v12`, `s3`): its `RecordKind` gives the prefix.
public protocol Recorded {
    static var kind: RecordKind { get }
}

/// A record's id, typed by the record it names: a volunteer's id cannot be passed where a session's
/// is wanted. Ids are dense, 1 up, in the order records were added (so `index` is the record's place
/// in its array of the state). A journal line writes it with its kind's prefix (`v12`).
public struct ID<Record: Recorded>: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public init(integerLiteral value: Int) { raw = value }
    public static func < (a: ID, b: ID) -> Bool { a.raw < b.raw }

    /// Not yet given: the Core gives the next id when the record is added (`Event.allocatingID`).
    public static var new: ID { ID(0) }
    public var isNew: Bool { raw == 0 }
    /// The record's place in its array of the state.
    public var index: Int { raw - 1 }
    /// `v12`.
    public var ref: String { Record.kind.ref(raw) }
    /// The bare number, as an `Int` id was interpolated before ids were typed (`ref` gives `v12`).
    public var description: String { String(raw) }

    /// Parses `v12` (the prefix must be the record's).
    public init?(ref text: String) {
        guard let n = Record.kind.parse(text) else { return nil }
        raw = n
    }
}

extension Milestone: Recorded { public static var kind: RecordKind { .milestone } }
extension ModuleSession: Recorded { public static var kind: RecordKind { .session } }
extension Volunteer: Recorded { public static var kind: RecordKind { .volunteer } }
extension Conversation: Recorded { public static var kind: RecordKind { .conversation } }
extension Partner: Recorded { public static var kind: RecordKind { .partner } }
extension Expense: Recorded { public static var kind: RecordKind { .expense } }
extension HoursEntry: Recorded { public static var kind: RecordKind { .hours } }
extension HoldFields: Recorded { public static var kind: RecordKind { .hold } }
extension ActivityFields: Recorded { public static var kind: RecordKind { .activity } }
extension FundingApplication: Recorded { public static var kind: RecordKind { .funding } }
extension HolidayPeriod: Recorded { public static var kind: RecordKind { .holiday } }

public typealias VolunteerID = ID<Volunteer>
public typealias SessionID = ID<ModuleSession>
public typealias HoldID = ID<Hold>
public typealias MilestoneID = ID<Milestone>

extension Array where Element: Recorded {
    /// The record with this id, if there is one (ids are dense, 1 up).
    public func record(_ id: ID<Element>) -> Element? {
        id.raw >= 1 && id.raw <= count ? self[id.raw - 1] : nil
    }
    /// The record with this id, which must exist.
    public subscript(id: ID<Element>) -> Element {
        get { self[id.raw - 1] }
        set { self[id.raw - 1] = newValue }
    }
    /// The record with this id, if there is one.
    public func at(_ id: ID<Element>) -> Element? { record(id) }
    /// The record with the number of an id whose kind is known only at run time (`v12` as 12).
    public func at(_ raw: Int) -> Element? { raw >= 1 && raw <= count ? self[raw - 1] : nil }
    /// The id of the last record (the one just added).
    public var lastID: ID<Element> { ID(count) }
    /// The id the next record added gets.
    public var nextID: ID<Element> { ID(count + 1) }
}

extension Event {
    /// The removal of a record, by its typed id (what undoes its adding).
    public static func removal<R: Recorded>(of id: ID<R>) -> Event { .removed(R.kind, id: id.raw) }
}

extension Array {
    /// Whether both arrays use the same storage: then they are equal without comparing an element.
    /// (Holding an array keeps its storage from being written in place: a write copies it first.)
    func sharesStorage(with other: [Element]) -> Bool {
        count == other.count && withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }
}
