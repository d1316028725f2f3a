import Foundation

// The snapshot's encoding of the state, made by the compiler from the records themselves
// (`Codable`, synthesized): a field added to a record is in the snapshot without a line written
// for it. Values are written one after the other in the order the synthesized code visits them
// (declaration order, the same for writing and reading), so no key is stored: an Int is 8 bytes,
// a string its length and bytes, an optional a presence byte, a list its count and its elements.
// The one hand-written part is the million conversations (`Snapshot.writeConversations`): fixed
// 16-byte records read a block at a time. What guards a changed layout is the format number,
// kept honest by `SnapshotTests.theFormatNumberFollowsTheRecords` (docs/decisions.md).

final class SnapshotSink {
    var w: BinaryWriter
    var plans: [ObjectIdentifier: SnapshotDecoder.Plan] = [:]
    init(_ w: BinaryWriter) { self.w = w }
}

struct SnapshotEncoder: Encoder {
    let sink: SnapshotSink
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(sink: sink))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        // The count is not known yet: a place for it, raised by each element.
        let at = sink.w.bytes.count
        sink.w.u64(0)
        return Unkeyed(sink: sink, countAt: at)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { Single(sink: sink) }

    static func write<T: Encodable>(_ value: T, _ sink: SnapshotSink) throws {
        let key = ObjectIdentifier(T.self)
        let plan: SnapshotDecoder.Plan
        if let p = sink.plans[key] { plan = p } else { plan = SnapshotDecoder.Plan.of(T.self); sink.plans[key] = plan }
        // The values records are made of, and the two large collections, each written directly:
        // the general path would cost a container and a cast per value (docs/performance.md).
        switch plan {
        case .string: sink.w.string(unsafeBitCast(value, to: String.self))
        case .int: sink.w.int(unsafeBitCast(value, to: Int.self))
        case .bool: sink.w.bool(unsafeBitCast(value, to: Bool.self))
        case .value(let v): v.write(value, &sink.w)
        case .vocabulary(let v): sink.w.u8(v.tokenIndex(value))
        case .conversations: Snapshot.writeConversations(unsafeBitCast(value, to: [Conversation].self), into: &sink.w)
        case .attendance:
            let a = unsafeBitCast(value, to: [VolunteerID: AttendanceMark].self)
            sink.w.int(a.count)
            for (v, m) in a.sorted(by: { $0.key < $1.key }) { sink.w.int(v.raw); sink.w.token(m) }
        case .array(let a): try a.writeArray(value, sink)
        case .general: try value.encode(to: SnapshotEncoder(sink: sink))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: SnapshotSink
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { sink.w.u8(0) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try SnapshotEncoder.write(value, sink) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { sink.w.u8(1); try SnapshotEncoder.write(value, sink) } else { sink.w.u8(0) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try put(value) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try put(value) }
        private mutating func put<T: Encodable>(_ value: T?) throws {
            if let value { sink.w.u8(1); try SnapshotEncoder.write(value, sink) } else { sink.w.u8(0) }
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            KeyedEncodingContainer(Keyed<N>(sink: sink))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { SnapshotEncoder(sink: sink).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { SnapshotEncoder(sink: sink) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { SnapshotEncoder(sink: sink) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let sink: SnapshotSink
        let countAt: Int
        var codingPath: [any CodingKey] { [] }
        private(set) var count = 0
        init(sink: SnapshotSink, countAt: Int) { self.sink = sink; self.countAt = countAt }
        private mutating func counted() {
            count += 1
            withUnsafeBytes(of: UInt64(count).littleEndian) { b in
                for i in 0..<8 { sink.w.bytes[countAt + i] = b[i] }
            }
        }
        mutating func encodeNil() throws { sink.w.u8(0); counted() }
        mutating func encode<T: Encodable>(_ value: T) throws { try SnapshotEncoder.write(value, sink); counted() }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
            counted(); return KeyedEncodingContainer(Keyed<N>(sink: sink))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { counted(); return SnapshotEncoder(sink: sink).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { counted(); return SnapshotEncoder(sink: sink) }
    }

    struct Single: SingleValueEncodingContainer {
        let sink: SnapshotSink
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() throws { sink.w.u8(0) }
        mutating func encode(_ value: Bool) throws { sink.w.bool(value) }
        mutating func encode(_ value: String) throws { sink.w.string(value) }
        mutating func encode(_ value: Double) throws { sink.w.u64(value.bitPattern) }
        mutating func encode(_ value: Float) throws { sink.w.u64(UInt64(value.bitPattern)) }
        mutating func encode(_ value: Int) throws { sink.w.int(value) }
        mutating func encode(_ value: Int8) throws { sink.w.int(Int(value)) }
        mutating func encode(_ value: Int16) throws { sink.w.int(Int(value)) }
        mutating func encode(_ value: Int32) throws { sink.w.int(Int(value)) }
        mutating func encode(_ value: Int64) throws { sink.w.u64(UInt64(bitPattern: value)) }
        mutating func encode(_ value: UInt) throws { sink.w.u64(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { sink.w.u64(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { sink.w.u64(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { sink.w.u64(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { sink.w.u64(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try SnapshotEncoder.write(value, sink) }
    }
}

final class SnapshotSource {
    var r: BinaryReader
    var plans: [ObjectIdentifier: SnapshotDecoder.Plan] = [:]
    init(_ r: BinaryReader) { self.r = r }
}

struct SnapshotDecoder: Decoder {
    let source: SnapshotSource
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(source: source))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(source: source, count: try source.r.count()) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(source: source) }

    /// How a type is read, found once per type and snapshot (a cast to a protocol is a lookup in
    /// the runtime's tables: done for every value it cost a fifth of reading a snapshot).
    enum Plan: @unchecked Sendable {  // metatypes and cases only, never changed
        case string, int, bool, value(any SnapshotValue.Type), vocabulary(any Vocabulary.Type), conversations, attendance
        /// A list of records: its count, then each element read by its own plan, without a container.
        case array(any SnapshotArray.Type)
        case general
        /// The types records are made of, known without asking the runtime (a cast to a protocol a
        /// type does not conform to searches every conformance the program has, once per type).
        /// Only a shortcut: a type not listed is found by the casts below.
        static let known: [ObjectIdentifier: Plan] = {
            var k: [ObjectIdentifier: Plan] = [:]
            func value<V: SnapshotValue>(_ t: V.Type) { k[ObjectIdentifier(t)] = .value(t) }
            func vocabulary<V: Vocabulary>(_ t: V.Type) { k[ObjectIdentifier(t)] = .vocabulary(t) }
            func array<E: Codable>(_ t: E.Type) { k[ObjectIdentifier([E].self)] = .array([E].self) }
            k[ObjectIdentifier(String.self)] = .string; k[ObjectIdentifier(Int.self)] = .int; k[ObjectIdentifier(Bool.self)] = .bool
            k[ObjectIdentifier([Conversation].self)] = .conversations
            value(Day.self); value(ClockTime.self); value(Money.self); value(Hours.self); value(Volunteer.self); value(ModuleSession.self)
            value(MilestoneID.self); value(SessionID.self); value(VolunteerID.self); value(HoldID.self); value(ID<Partner>.self); value(ID<Expense>.self)
            value(ID<HoursEntry>.self); value(ID<ActivityFields>.self); value(ID<FundingApplication>.self); value(ID<HolidayPeriod>.self)
            value(ID<AssociationFields>.self); value(ID<Membership>.self); value(ID<BoardRole>.self); value(ID<AccountEntry>.self); value(ID<FundDeadline>.self); value(ID<Evaluation>.self); value(ID<InterestedFields>.self); value(ID<ProgressStep>.self); value(ID<SurveyAnswer>.self)
            vocabulary(PhaseStatus.self); vocabulary(ModuleTheme.self); vocabulary(ModuleKind.self); vocabulary(SessionStatus.self)
            vocabulary(PartnerKind.self); vocabulary(BudgetPeriod.self); vocabulary(ActivityKind.self); vocabulary(BoardRoleKind.self)
            vocabulary(AccountDirection.self); vocabulary(FundingHolder.self); vocabulary(RecruitStatus.self); vocabulary(ProgressKind.self)
            array(Phase.self); array(Milestone.self); array(TrainingModule.self); array(ModuleSession.self); array(Volunteer.self); array(Partner.self)
            array(BudgetLine.self); array(Expense.self); array(HoursEntry.self); array(HoldFields.self); array(ActivityFields.self)
            array(FundingApplication.self); array(HolidayPeriod.self); array(AssociationFields.self); array(Membership.self); array(FeePayment.self)
            array(BoardRole.self); array(AccountEntry.self); array(FundDeadline.self); array(DutyDone.self); array(Evaluation.self); array(Interested.self); array(ProgressStep.self); array(ProgressConsent.self); array(SurveyAnswer.self); array(ProgressKindDefinition.self); array(String.self); array(Int.self); array(VolunteerID.self)
            return k
        }()

        static func of<T>(_ t: T.Type) -> Plan {
            if let p = known[ObjectIdentifier(t)] { return p }
            if t == String.self { return .string }
            if t == Int.self { return .int }
            if t == Bool.self { return .bool }
            if let v = t as? any SnapshotValue.Type { return .value(v) }
            if let v = t as? any Vocabulary.Type { return .vocabulary(v) }
            if t == [Conversation].self { return .conversations }
            if t == [VolunteerID: AttendanceMark].self { return .attendance }
            if let a = t as? any SnapshotArray.Type { return .array(a) }
            return .general
        }
    }

    static func read<T: Decodable>(_ type: T.Type, _ source: SnapshotSource) throws -> T {
        let key = ObjectIdentifier(T.self)
        let plan: Plan
        if let p = source.plans[key] { plan = p } else { plan = Plan.of(T.self); source.plans[key] = plan }
        // The plan says T is exactly the type read, so each value is handed over as T without a
        // cast at run time.
        switch plan {
        case .string: return unsafeBitCast(try source.r.string(), to: T.self)
        case .int: return unsafeBitCast(try source.r.int(), to: T.self)
        case .bool: return unsafeBitCast(try source.r.bool(), to: T.self)
        case .value(let v): return try v.read(&source.r, as: T.self)
        case .vocabulary(let v): return try v.readToken(&source.r, as: T.self)
        case .conversations: return unsafeBitCast(try Snapshot.readConversations(&source.r), to: T.self)
        case .attendance:
            let n = try source.r.count()
            var a = [VolunteerID: AttendanceMark](minimumCapacity: n)
            for _ in 0..<n { a[try source.r.id()] = try source.r.token(AttendanceMark.self) }
            return unsafeBitCast(a, to: T.self)
        case .array(let a): return try a.readArray(source, as: T.self)
        case .general: return try T(from: SnapshotDecoder(source: source))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let source: SnapshotSource
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { try source.r.u8() == 0 }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try SnapshotDecoder.read(type, source) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try source.r.string() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try source.r.int() }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try source.r.bool() }
        func decodeIfPresent<T: Decodable>(_ type: T.Type,
                                           forKey key: Key) throws -> T? { try present() ? try SnapshotDecoder.read(type, source) : nil }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present() ? try source.r.bool() : nil }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present() ? try source.r.string() : nil }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present() ? try source.r.int() : nil }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try opt(type) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try opt(type) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try opt(type) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try opt(type) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try opt(type) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try opt(type) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try opt(type) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try opt(type) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try opt(type) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try opt(type) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try opt(type) }
        private func present() throws -> Bool { try source.r.bool() }
        private func opt<T: Decodable>(_ type: T.Type) throws -> T? { try present() ? try SnapshotDecoder.read(type, source) : nil }
        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            KeyedDecodingContainer(Keyed<N>(source: source))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try SnapshotDecoder(source: source).unkeyedContainer() }
        func superDecoder() throws -> any Decoder { SnapshotDecoder(source: source) }
        func superDecoder(forKey key: Key) throws -> any Decoder { SnapshotDecoder(source: source) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let source: SnapshotSource
        let total: Int
        var codingPath: [any CodingKey] { [] }
        var count: Int? { total }
        private(set) var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= total }
        init(source: SnapshotSource, count: Int) { self.source = source; total = count }
        private mutating func next() throws {
            guard currentIndex < total else { throw SnapshotCorrupt() }
            currentIndex += 1
        }
        mutating func decodeNil() throws -> Bool {
            try next()
            if try source.r.u8() == 0 { return true }
            throw SnapshotCorrupt()
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(); return try SnapshotDecoder.read(type, source) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
            try next(); return KeyedDecodingContainer(Keyed<N>(source: source))
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next(); return try SnapshotDecoder(source: source).unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next(); return SnapshotDecoder(source: source) }
    }

    struct Single: SingleValueDecodingContainer {
        let source: SnapshotSource
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { try source.r.bool() }
        func decode(_ type: String.Type) throws -> String { try source.r.string() }
        func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try source.r.u64()) }
        func decode(_ type: Float.Type) throws -> Float {
            guard let b = UInt32(exactly: try source.r.u64()) else { throw SnapshotCorrupt() }
            return Float(bitPattern: b)
        }
        func decode(_ type: Int.Type) throws -> Int { try source.r.int() }
        func decode(_ type: Int8.Type) throws -> Int8 { try exactly(try source.r.int()) }
        func decode(_ type: Int16.Type) throws -> Int16 { try exactly(try source.r.int()) }
        func decode(_ type: Int32.Type) throws -> Int32 { try exactly(try source.r.int()) }
        func decode(_ type: Int64.Type) throws -> Int64 { Int64(bitPattern: try source.r.u64()) }
        func decode(_ type: UInt.Type) throws -> UInt { try exactly(try source.r.u64()) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try exactly(try source.r.u64()) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try exactly(try source.r.u64()) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try exactly(try source.r.u64()) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try source.r.u64() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try SnapshotDecoder.read(type, source) }
        private func exactly<I: BinaryInteger, O: BinaryInteger>(_ v: I) throws -> O {
            guard let o = O(exactly: v) else { throw SnapshotCorrupt() }
            return o
        }
    }
}

/// A list written as its count and its elements, each by its own plan (no container per element).
protocol SnapshotArray {
    static func readArray<T>(_ source: SnapshotSource, as: T.Type) throws -> T
    static func writeArray<T>(_ value: T, _ sink: SnapshotSink) throws
}

extension Array: SnapshotArray where Element: Codable {
    static func readArray<T>(_ source: SnapshotSource, as: T.Type) throws -> T {
        let n = try source.r.count()
        var out: [Element] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try SnapshotDecoder.read(Element.self, source)) }
        return unsafeBitCast(out, to: T.self)
    }
    static func writeArray<T>(_ value: T, _ sink: SnapshotSink) throws {
        let list = unsafeBitCast(value, to: [Element].self)
        sink.w.int(list.count)
        for e in list { try SnapshotEncoder.write(e, sink) }
    }
}
