import Foundation

// MARK: the two records a large journal has thousands of

// A volunteer and a session are written field by field: through the general path (a container
// per record, a call per field) they made reading a snapshot of 6,300 women 30 % slower than the
// hand-written encoding before (docs/performance.md). `SnapshotFormatTests` fails when either
// record's fields change, so a field added here cannot be forgotten.

extension Volunteer: SnapshotValue {
    func write(_ w: inout BinaryWriter) {
        let f = fields
        w.int(f.id.raw); w.string(f.name); w.string(f.phone); w.int(f.languages.count); for l in f.languages { w.string(l) }
        w.string(f.neighbourhood); w.string(f.notes); w.token(stage); w.day(contractSigned); w.day(consent)
        w.bool(removed); w.bool(erased); w.int(hold?.raw ?? 0); w.day(addedOn)
    }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> Volunteer {
        let id: VolunteerID = try r.id(), name = try r.string(), phone = try r.string()
        var langs: [String] = []
        let n = try r.count()
        langs.reserveCapacity(n)
        for _ in 0..<n { langs.append(try r.string()) }
        var v = Volunteer(id: id, name: name, phone: phone, languages: langs, neighbourhood: try r.string(), notes: try r.string())
        v.stage = try r.token(VolunteerStage.self); v.contractSigned = try r.optionalDay(); v.consent = try r.optionalDay()
        v.removed = try r.bool(); v.erased = try r.bool()
        let hold: HoldID = try r.id(); v.hold = hold.isNew ? nil : hold
        v.addedOn = try r.optionalDay()
        return v
    }
}

extension ModuleSession: SnapshotValue {
    func write(_ w: inout BinaryWriter) {
        let f = fields
        w.int(f.id.raw); w.int(f.module); w.day(f.date); f.start.write(&w); f.end.write(&w); w.string(f.place); w.string(f.teacher); w.int(f.hold?.raw ?? 0)
        w.token(status); w.string(note); w.string(homework); w.int(sequence); w.bool(removed)
        w.int(attendance.count)
        for (v, mark) in attendance.sorted(by: { $0.key < $1.key }) { w.int(v.raw); w.token(mark) }
    }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> ModuleSession {
        let id: SessionID = try r.id()
        let module = try r.int(), date = try r.day(), start = try ClockTime.read(&r), end = try ClockTime.read(&r)
        let place = try r.string(), teacher = try r.string()
        let hold: HoldID = try r.id()
        var x = ModuleSession(id: id, module: module, date: date, start: start, end: end, place: place, teacher: teacher,
                              hold: hold.isNew ? nil : hold)
        x.status = try r.token(SessionStatus.self); x.note = try r.string(); x.homework = try r.string(); x.sequence = try r.int(); x.removed = try r.bool()
        let n = try r.count()
        x.attendance.reserveCapacity(n)
        for _ in 0..<n { x.attendance[try r.id()] = try r.token(AttendanceMark.self) }
        return x
    }
}

// MARK: the values records are made of, each as one number

/// A value the snapshot writes as itself, without a container (ids, days, times, amounts, sets).
protocol SnapshotValue {
    func write(_ w: inout BinaryWriter)
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> Self
}

extension SnapshotValue {
    /// Read as `T`, which the caller knows is `Self` (`SnapshotDecoder.Plan`).
    static func read<T>(_ r: inout BinaryReader, as: T.Type) throws(SnapshotCorrupt) -> T { unsafeBitCast(try read(&r), to: T.self) }
    /// Writes `value`, which the caller knows is a `Self`.
    static func write<T>(_ value: T, _ w: inout BinaryWriter) { unsafeBitCast(value, to: Self.self).write(&w) }
}

extension Vocabulary {
    static func readToken<T>(_ r: inout BinaryReader,
                             as: T.Type) throws(SnapshotCorrupt) -> T { unsafeBitCast(try r.token(Self.self), to: T.self) }
    static func tokenIndex<T>(_ value: T) -> UInt8 { UInt8(tokenTable.index(of: unsafeBitCast(value, to: Self.self))) }
}

extension ID: SnapshotValue {
    func write(_ w: inout BinaryWriter) { w.int(raw) }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> ID { try r.id() }
}
extension Day: SnapshotValue {
    func write(_ w: inout BinaryWriter) { w.day(self) }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> Day { try r.day() }
}
extension ClockTime: SnapshotValue {
    func write(_ w: inout BinaryWriter) { w.u16(UInt16(minutes)) }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> ClockTime {
        let m = try r.withBytes(2) { (b) throws(SnapshotCorrupt) -> Int in Int(UInt16(littleEndian: b.loadUnaligned(as: UInt16.self))) }
        guard let t = ClockTime(hour: m / 60, minute: m % 60), m < 24 * 60 else { throw SnapshotCorrupt() }
        return t
    }
}
extension Money: SnapshotValue {
    func write(_ w: inout BinaryWriter) { w.u64(UInt64(bitPattern: ore)) }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> Money { Money(ore: Int64(bitPattern: try r.u64())) }
}
extension Hours: SnapshotValue {
    func write(_ w: inout BinaryWriter) { w.u64(UInt64(bitPattern: hundredths)) }
    static func read(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> Hours { Hours(hundredths: Int64(bitPattern: try r.u64())) }
}

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
