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
        if let c = value as? [Conversation] { Snapshot.writeConversations(c, into: &sink.w); return }
        switch value {
        case let v as String: sink.w.string(v)
        case let v as Int: sink.w.int(v)
        case let v as Bool: sink.w.bool(v)
        default: try value.encode(to: SnapshotEncoder(sink: sink))
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
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeIfPresent(value.map { $0 }, forKey: key, generic: ()) }
        private mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key, generic: Void) throws {
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

    static func read<T: Decodable>(_ type: T.Type, _ source: SnapshotSource) throws -> T {
        if T.self == [Conversation].self { return try Snapshot.readConversations(&source.r) as! T }
        if T.self == String.self { return try source.r.string() as! T }
        if T.self == Int.self { return try source.r.int() as! T }
        if T.self == Bool.self { return try source.r.bool() as! T }
        return try T(from: SnapshotDecoder(source: source))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let source: SnapshotSource
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { try source.r.u8() == 0 }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try SnapshotDecoder.read(type, source) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present() ? try SnapshotDecoder.read(type, source) : nil }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present() ? try source.r.bool() : nil }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present() ? try source.r.string() : nil }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present() ? try source.r.int() : nil }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present() ? try Single(source: source).decode(type) : nil }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present() ? try Single(source: source).decode(type) : nil }
        private func present() throws -> Bool { try source.r.bool() }
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

// MARK: the values records are made of, each as one number

extension ID: Codable {
    public init(from decoder: any Decoder) throws {
        let v = try decoder.singleValueContainer().decode(Int.self)
        guard v >= 0 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "negative id")) }
        self.init(v)
    }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(raw) }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let d = Day(ordinal: try decoder.singleValueContainer().decode(Int32.self))
        guard d >= Day(civil: 1900, 1, 1), d <= Day(civil: 2199, 12, 31) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "day out of range"))
        }
        self = d
    }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(ordinal) }
}

extension ClockTime: Codable {
    public init(from decoder: any Decoder) throws {
        let m = Int(try decoder.singleValueContainer().decode(Int16.self))
        guard m >= 0, let t = ClockTime(hour: m / 60, minute: m % 60) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "time out of range"))
        }
        self = t
    }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(minutes) }
}

extension Money: Codable {
    public init(from decoder: any Decoder) throws { self.init(ore: try decoder.singleValueContainer().decode(Int64.self)) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(ore) }
}

extension Hours: Codable {
    public init(from decoder: any Decoder) throws { self.init(hundredths: try decoder.singleValueContainer().decode(Int64.self)) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(hundredths) }
}

extension TopicSet: Codable {
    public init(from decoder: any Decoder) throws { self.init(bits: try decoder.singleValueContainer().decode(UInt16.self)) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(bits) }
}

extension ReferralSet: Codable {
    public init(from decoder: any Decoder) throws { self.init(bits: try decoder.singleValueContainer().decode(UInt16.self)) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(bits) }
}
