import Foundation

/// A 64-bit hash of a byte stream, fed in pieces of any size: four lanes over 8-byte words (the
/// structure of xxHash64), so a journal of 150 MB is hashed at memory speed. Not cryptographic:
/// it guards a cache against edits and accidents, not against an attacker who can write the
/// journal anyway.
public struct StreamHash: Sendable {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (p1 &+ p2, p2, 0, 0 &- p1)
    var pending: [UInt8] = []
    public private(set) var count: UInt64 = 0

    public init() {}

    @inline(__always) static func round(_ acc: UInt64, _ w: UInt64) -> UInt64 {
        let a = acc &+ w &* p2
        return ((a << 31) | (a >> 33)) &* p1
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        count &+= UInt64(bytes.count)
        var i = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            i = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { block(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - i) / 32 * 32
        if whole > 0 { block(UnsafeRawBufferPointer(rebasing: bytes[i..<(i + whole)])) }
        i += whole
        if i < bytes.count { pending.append(contentsOf: bytes[i...]) }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Whole 32-byte blocks.
    private mutating func block(_ b: UnsafeRawBufferPointer) {
        var (v1, v2, v3, v4) = lanes
        var o = 0
        while o < b.count {
            v1 = StreamHash.round(v1, UInt64(littleEndian: b.loadUnaligned(fromByteOffset: o, as: UInt64.self)))
            v2 = StreamHash.round(v2, UInt64(littleEndian: b.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)))
            v3 = StreamHash.round(v3, UInt64(littleEndian: b.loadUnaligned(fromByteOffset: o + 16, as: UInt64.self)))
            v4 = StreamHash.round(v4, UInt64(littleEndian: b.loadUnaligned(fromByteOffset: o + 24, as: UInt64.self)))
            o += 32
        }
        lanes = (v1, v2, v3, v4)
    }

    public var value: UInt64 {
        let (v1, v2, v3, v4) = lanes
        var h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
        h = (h ^ StreamHash.round(0, v1)) &* StreamHash.p1 &+ StreamHash.p4
        h = (h ^ StreamHash.round(0, v2)) &* StreamHash.p1 &+ StreamHash.p4
        h = (h ^ StreamHash.round(0, v3)) &* StreamHash.p1 &+ StreamHash.p4
        h = (h ^ StreamHash.round(0, v4)) &* StreamHash.p1 &+ StreamHash.p4
        h &+= count
        for byte in pending { h = ((h ^ (UInt64(byte) &* StreamHash.p4)) << 11 | (h ^ (UInt64(byte) &* StreamHash.p4)) >> 53) &* StreamHash.p1 }
        h ^= h >> 33; h &*= StreamHash.p2; h ^= h >> 29; h &*= StreamHash.p3; h ^= h >> 32
        return h
    }
}

/// Little-endian bytes for the snapshot, hashed as they go and handed to `sink` in pieces of about
/// a megabyte, so a large state is never held twice in memory.
struct BinaryWriter {
    var bytes: [UInt8] = []
    var hash = StreamHash()
    var sink: (([UInt8]) -> Bool)?
    var failed = false
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func int<R>(_ v: ID<R>) { int(v.raw) }
    mutating func i32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func string(_ s: String) { var s = s; s.withUTF8 { int($0.count); bytes.append(contentsOf: $0) } }
    mutating func day(_ d: Day) { i32(d.ordinal) }
    mutating func day(_ d: Day?) { if let d { u8(1); day(d) } else { u8(0) } }
    mutating func token<V: Vocabulary>(_ v: V) { u8(UInt8(V.tokenTable.index(of: v))) }
    /// Hands what is written so far to the sink once it is large (or always, with `force`).
    mutating func spill(force: Bool = false) {
        guard let sink, force || bytes.count >= 1 << 20 else { return }
        hash.update(bytes)
        if !sink(bytes) { failed = true }
        bytes.removeAll(keepingCapacity: true)
    }
}

struct SnapshotCorrupt: Error {}

/// Reads the snapshot's body from a file in pieces of about a megabyte, hashing what it reads, so
/// the file is never held whole in memory.
struct BinaryReader {
    private var buffer: [UInt8] = []
    private var pos = 0
    private let fd: Int32
    /// Body bytes not yet read from `fd`.
    private var left: Int
    private(set) var hash = StreamHash()

    /// `bodySize` bytes from the file's current position.
    init(fd: Int32, bodySize: Int) {
        buffer.reserveCapacity(1 << 20); self.fd = fd; left = bodySize
    }

    var atEnd: Bool { pos == buffer.count && left == 0 }

    private mutating func need(_ n: Int) throws(SnapshotCorrupt) {
        if buffer.count - pos >= n { return }
        buffer.removeSubrange(0..<pos); pos = 0
        while buffer.count < n {
            guard left > 0 else { throw SnapshotCorrupt() }
            let want = min(left, max(1 << 20, n - buffer.count))
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: want))
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + start, want) }
            guard got > 0 else { throw SnapshotCorrupt() }
            buffer.removeLast(want - got)
            buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            left -= got
        }
    }

    mutating func bytes(_ n: Int) throws(SnapshotCorrupt) -> ArraySlice<UInt8> {
        try need(n)
        defer { pos += n }
        return buffer[pos..<(pos + n)]
    }
    /// `n` bytes at once, for a block of fixed-width records read in one tight loop.
    mutating func withBytes<T>(_ n: Int, _ body: (UnsafeRawBufferPointer) throws(SnapshotCorrupt) -> T) throws(SnapshotCorrupt) -> T {
        try need(n)
        defer { pos += n }
        let start = pos
        // withUnsafeBytes rethrows untyped errors: the typed one is carried out in a Result.
        let result = buffer.withUnsafeBytes { raw in
            Result<T, SnapshotCorrupt> { () throws(SnapshotCorrupt) -> T in try body(UnsafeRawBufferPointer(rebasing: raw[start..<(start + n)])) }
        }
        return try result.get()
    }
    mutating func u8() throws(SnapshotCorrupt) -> UInt8 {
        try need(1)
        defer { pos += 1 }
        return buffer[pos]
    }
    mutating func u64() throws(SnapshotCorrupt) -> UInt64 {
        try need(8)
        defer { pos += 8 }
        return buffer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) }
    }
    mutating func int() throws(SnapshotCorrupt) -> Int {
        let v = Int64(bitPattern: try u64())
        guard v >= Int64(Int.min), v <= Int64(Int.max) else { throw SnapshotCorrupt() }
        return Int(v)
    }
    /// A count of things to come: not negative, and no more than the bytes left (each thing takes
    /// at least one), so a damaged file can never ask for a huge allocation.
    mutating func count() throws(SnapshotCorrupt) -> Int {
        let n = try int()
        guard n >= 0, n <= left + (buffer.count - pos) else { throw SnapshotCorrupt() }
        return n
    }
    mutating func i32() throws(SnapshotCorrupt) -> Int32 {
        try need(4)
        defer { pos += 4 }
        return buffer.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(fromByteOffset: pos, as: Int32.self)) }
    }
    mutating func bool() throws(SnapshotCorrupt) -> Bool {
        switch try u8() { case 0: return false; case 1: return true; default: throw SnapshotCorrupt() }
    }
    mutating func string() throws(SnapshotCorrupt) -> String {
        let n = try count()
        guard n <= 1 << 24 else { throw SnapshotCorrupt() }
        return String(decoding: try bytes(n), as: UTF8.self)
    }
    mutating func day() throws(SnapshotCorrupt) -> Day {
        let d = Day(ordinal: try i32())
        guard d >= Day(civil: 1900, 1, 1), d <= Day(civil: 2199, 12, 31) else { throw SnapshotCorrupt() }
        return d
    }
    mutating func optionalDay() throws(SnapshotCorrupt) -> Day? { try bool() ? try day() : nil }
    mutating func token<V: Vocabulary>(_: V.Type) throws(SnapshotCorrupt) -> V {
        let i = Int(try u8())
        guard let v = V.tokenTable.value(at: i) else { throw SnapshotCorrupt() }
        return v
    }
    mutating func natural() throws(SnapshotCorrupt) -> Int {
        let v = try int()
        guard v >= 0 else { throw SnapshotCorrupt() }
        return v
    }
    mutating func id<R>() throws(SnapshotCorrupt) -> ID<R> {
        let v = try int()
        guard v >= 0 else { throw SnapshotCorrupt() }
        return ID(v)
    }
}

/// The replayed state and the store's bookkeeping at a line boundary of the journal, cached so
/// that the next start replays only the tail. Only a cache: used when the journal's bytes up to
/// `offset` hash to `prefixHash`, otherwise ignored and deleted. See docs/decisions.md.
struct Snapshot {
    /// Bump when the encoding or the meaning of the state changes.
    static let format: UInt64 = 26
    static let magic = Array("bydelsmor-snapshot\n".utf8)

    var journal: String
    var offset: Int
    var prefixHash: UInt64
    var lineCount: Int
    var state: ProjectState
    var undoLog: [UndoEntry]
    var compensates: [Int: Int]
    var undoneBy: [Int: Int]
    var erasureLine: Int?

    /// Removes what no journal needs any more: snapshots of journals that are gone (moved or
    /// deleted: their personal data must not stay behind in a cache) and half-written snapshots of
    /// processes that no longer run (killed while writing).
    static func sweep(_ dir: String) {
        for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            let full = dir + "/" + f
            if let r = f.range(of: ".snapshot.tmp-") {
                if let pid = Int32(f[r.upperBound...]), kill(pid, 0) != 0 && errno == ESRCH { unlink(full) }
            } else if f.hasSuffix(".snapshot") {
                // Unreadable, of an older format, or of a journal that is gone: of no use to anyone.
                guard let journal = journalPath(of: full), FileManager.default.fileExists(atPath: journal) else { unlink(full); continue }
            }
        }
    }

    /// The journal a snapshot file belongs to, read from its head alone.
    static func journalPath(of file: String) -> String? {
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > magic.count + 16 else { return nil }
        var r = BinaryReader(fd: fd, bodySize: min(Int(st.st_size), magic.count + 8 + 8 + 4096))
        guard (try? r.bytes(magic.count).elementsEqual(magic)) == true, (try? r.u64()) == format else { return nil }
        return try? r.string()
    }

    /// The cache file for a journal: one per real path.
    static func path(in dir: String, forJournal real: String) -> String {
        var h = StreamHash()
        h.update(Array(real.utf8))
        return dir + "/" + String(h.value, radix: 16) + ".snapshot"
    }

    /// Writes the snapshot: the body in pieces, then the hash of the body. False on a write error.
    func write(to fd: Int32) -> Bool {
        var w = BinaryWriter()
        w.sink = { writeAll(fd, $0) }
        w.bytes.append(contentsOf: Snapshot.magic)
        w.u64(Snapshot.format)
        w.string(journal); w.int(offset); w.u64(prefixHash); w.int(lineCount)
        w.int(erasureLine ?? 0)
        w.int(compensates.count); for (k, v) in compensates.sorted(by: { $0.key < $1.key }) { w.int(k); w.int(v) }
        w.int(undoneBy.count); for (k, v) in undoneBy.sorted(by: { $0.key < $1.key }) { w.int(k); w.int(v) }
        w.int(undoLog.count)
        for e in undoLog {
            w.int(e.line); w.int(e.group ?? 0)
            // Events in the journal's own encoding: one codec, already round-trip tested.
            w.string(JournalEntry(timestamp: Timestamp(secondsSince1970: 0), actor: "s", event: e.event).line)
            w.string(e.inverse.map { JournalEntry(timestamp: Timestamp(secondsSince1970: 0), actor: "s", event: $0).line } ?? "")
        }
        Snapshot.encode(state, into: &w)
        w.spill(force: true)
        var trailer = BinaryWriter()
        trailer.u64(w.hash.value)
        return !w.failed && writeAll(fd, trailer.bytes)
    }

    /// Reads a snapshot file from its start; throws unless it is one this program wrote whole.
    /// `headerRead` is told the journal and offset as soon as they are read, so the caller can start
    /// proving the journal's prefix on another core while the rest is decoded.
    static func read(fd: Int32, size: Int, headerRead: (String, Int) -> Void = { _, _ in }) throws(SnapshotCorrupt) -> Snapshot {
        guard size > magic.count + 16 else { throw SnapshotCorrupt() }
        var r = BinaryReader(fd: fd, bodySize: size - 8)
        guard try r.bytes(magic.count).elementsEqual(magic), try r.u64() == format else { throw SnapshotCorrupt() }
        let journal = try r.string(), offset = try r.natural(), prefixHash = try r.u64(), lineCount = try r.natural()
        headerRead(journal, offset)
        let erasure = try r.int()
        var compensates: [Int: Int] = [:], undoneBy: [Int: Int] = [:]
        for _ in 0..<(try r.count()) { compensates[try r.int()] = try r.int() }
        for _ in 0..<(try r.count()) { undoneBy[try r.int()] = try r.int() }
        var log: [UndoEntry] = []
        for _ in 0..<(try r.count()) {
            let line = try r.int(), group = try r.int()
            let eventLine = try r.string(), inverseLine = try r.string()
            guard let e = try? JournalEntry.parse(eventLine) else { throw SnapshotCorrupt() }
            var inverse: Event?
            if !inverseLine.isEmpty {
                guard let i = try? JournalEntry.parse(inverseLine) else { throw SnapshotCorrupt() }
                inverse = i.event
            }
            log.append(UndoEntry(line: line, event: e.event, inverse: inverse, group: group == 0 ? nil : group))
        }
        let state = try decodeState(&r)
        guard r.atEnd else { throw SnapshotCorrupt() }
        var trailer = BinaryReader(fd: fd, bodySize: 8)
        guard try trailer.u64() == r.hash.value else { throw SnapshotCorrupt() }
        return Snapshot(journal: journal, offset: offset, prefixHash: prefixHash, lineCount: lineCount, state: state,
                        undoLog: log, compensates: compensates, undoneBy: undoneBy, erasureLine: erasure == 0 ? nil : erasure)
    }

    /// The state, by the records' own `Codable` (SnapshotCoding.swift).
    static func encode(_ s: ProjectState, into w: inout BinaryWriter) {
        let sink = SnapshotSink(w)
        w = BinaryWriter()
        // Writing to memory cannot fail; a record that could not be encoded would be a program error.
        do { try s.encode(to: SnapshotEncoder(sink: sink)) } catch { preconditionFailure("snapshot: \(error)") }
        w = sink.w
    }

    static func decodeState(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> ProjectState {
        let source = SnapshotSource(r)
        r = BinaryReader(fd: -1, bodySize: 0)
        defer { r = source.r }
        do { return try ProjectState(from: SnapshotDecoder(source: source)) } catch { throw SnapshotCorrupt() }
    }

    /// Conversations are most of a large journal: fixed 16-byte records (the id is the place in
    /// the list, as the journal allots it), read back in one tight loop a block at a time.
    static func writeConversations(_ list: [Conversation], into w: inout BinaryWriter) {
        w.int(list.count)
        for (i, c) in list.enumerated() {
            if i & 0xFFFF == 0 { w.spill() }
            w.i32(c.date.ordinal); w.i32(Int32(truncatingIfNeeded: c.volunteer.raw)); w.token(c.contact)
            // The removed flag's byte also holds the follow-up (0 none, then FollowUp's order) in bits 1–2.
            w.u8((c.removed ? 1 : 0) | UInt8(c.followUp.map { FollowUp.tokenTable.index(of: $0) + 1 } ?? 0) << 1)
            w.u16(c.topics.bits); w.u16(c.referrals.bits); w.u16(UInt16(truncatingIfNeeded: c.minutes))
        }
    }

    static func readConversations(_ r: inout BinaryReader) throws(SnapshotCorrupt) -> [Conversation] {
        let conversations = try r.count()
        var out: [Conversation] = []
        out.reserveCapacity(conversations)
        let lowest = Day(civil: 1900, 1, 1).ordinal, highest = Day(civil: 2199, 12, 31).ordinal
        var done = 0
        while done < conversations {
            let k = min(0x10000, conversations - done)
            try r.withBytes(k * 16) { (raw) throws(SnapshotCorrupt) in
                for j in 0..<k {
                    let o = j * 16
                    let date = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: Int32.self))
                    let volunteer = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 4, as: Int32.self)))
                    let flags = raw[o + 9], removed = flags & 1, follow = Int(flags >> 1)
                    guard date >= lowest, date <= highest, volunteer >= 1, follow <= FollowUp.allCases.count, let contact = ContactOrigin.tokenTable.value(at: Int(raw[o + 8])) else {
                        throw SnapshotCorrupt()
                    }
                    let topics = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: o + 10, as: UInt16.self))
                    let referrals = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: o + 12, as: UInt16.self))
                    let minutes = Int32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: o + 14, as: UInt16.self)))
                    out.append(Conversation(id: ID(done + j + 1), date: Day(ordinal: date), volunteer: VolunteerID(volunteer),
                                            contact: contact,
                                            topics: TopicSet(bits: topics), referrals: ReferralSet(bits: referrals), minutes: minutes, removed: removed == 1,
                                            followUp: follow == 0 ? nil : FollowUp.tokenTable.value(at: follow - 1)))
                }
            }
            done += k
        }
        return out
    }
}
