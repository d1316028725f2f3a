import Foundation
import PropertyBased
import Testing
@testable import BydelsmorCore

/// The snapshot is only a cache: used when it provably matches the journal, else ignored, deleted
/// and rebuilt — and the state is always the one a fresh replay gives.
@Suite struct SnapshotTests {
    let dir = TempDir()
    var cache: String { dir.path + "/cache" }

    func demo(_ name: String = "journal.txt", seed: UInt64 = 4, volunteers: Int = 60) throws -> String {
        let path = dir.file(name)
        try DemoJournal(volunteers: volunteers, years: 2, seed: seed, firstYear: 2025,
                        until: Day(year: 2026, month: 6, day: 1)!).write(to: path)
        return path
    }

    func fresh(_ path: String) throws -> Store { try Store(path: path, readOnly: true, actor: "x") }
    func cached(_ path: String) throws -> Store { try Store(path: path, actor: "k", clock: fixedClock, cacheDirectory: cache) }

    /// A store from the journal that leaves a snapshot at its end, whatever its size.
    func snapshotAt(_ path: String) throws -> Store {
        let s = try cached(path)
        s.saveSnapshot()
        #expect(s.snapshotOffset == s.offset)
        return s
    }

    func sameState(_ a: Store, _ b: Store, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.state == b.state, sourceLocation: sourceLocation)
        #expect(a.lineCount == b.lineCount && a.offset == b.offset, sourceLocation: sourceLocation)
        #expect(a.undoLog.suffix(Store.undoDepth) == b.undoLog.suffix(Store.undoDepth), sourceLocation: sourceLocation)
    }

    @Test func aValidSnapshotIsUsedAndOnlyTheTailIsReplayed() throws {
        let path = try demo()
        _ = try snapshotAt(path)
        let writer = try Store(path: path, actor: "other", clock: fixedClock)
        try writer.addVolunteer("Efter Snapshot")
        let s = try cached(path)
        #expect(s.snapshotOffset > 0 && s.snapshotOffset < s.offset,
                "\(FileManager.default.fileExists(atPath: s.snapshotPath!)) \(s.offset)")
        sameState(s, try fresh(path))
        #expect(s.state.volunteers.last?.name == "Efter Snapshot")
        // Undo works from a snapshot as from a replay.
        try s.undo()
        #expect(s.state.volunteers.last?.removed == true)
    }

    @Test func aHandEditInTheMiddleThatKeepsTheLengthIsNoticed() throws {
        let path = try demo()
        _ = try snapshotAt(path)
        var t = text(path)
        let r = t.range(of: "stage=active")!
        t.replaceSubrange(r, with: "stage=paused")
        try t.write(toFile: path, atomically: false, encoding: .utf8)
        let s = try cached(path)
        #expect(s.snapshotOffset == 0)  // not used: replayed from the top
        sameState(s, try fresh(path))
    }

    @Test func truncationReplacementAndErasureMakeItUnused() throws {
        let path = try demo()
        _ = try snapshotAt(path)
        // Truncated to half: the snapshot lies beyond the end.
        let all = bytes(path)
        let half = all[..<(all[..<(all.count / 2)].lastIndex(of: 10)! + 1)]
        try Data(half).write(to: URL(fileURLWithPath: path))
        sameState(try cached(path), try fresh(path))
        // Erasure deletes it: no copy of her data stays in the cache.
        let s = try snapshotAt(path)
        let name = s.state.volunteers[0].name
        _ = try s.erase(volunteer: 1)
        for f in try FileManager.default.contentsOfDirectory(atPath: cache) {
            #expect(!text(cache + "/" + f).contains(name))
        }
        sameState(try cached(path), try fresh(path))
    }

    @Test func aCorruptForeignOrOldSnapshotIsIgnoredAndDeleted() throws {
        let path = try demo()
        let other = try demo("other.txt", seed: 9)
        let s = try snapshotAt(path)
        let file = s.snapshotPath!
        let good = bytes(file)
        // Flipped byte, cut short, an older format, another journal's snapshot under this name.
        var flipped = good; flipped[good.count / 2] ^= 0xFF
        var old = good; old[Snapshot.magic.count] &+= 1
        let o = try snapshotAt(other)
        for variant in [flipped, Array(good.prefix(good.count / 3)), old, bytes(o.snapshotPath!), Array("garbage".utf8)] {
            try Data(variant).write(to: URL(fileURLWithPath: file))
            let c = try Store(path: path, readOnly: true, actor: "x", cacheDirectory: cache)
            #expect(c.snapshotOffset == 0)
            sameState(c, try fresh(path))
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func theSnapshotIsPrivateAndDeletingTheCacheLosesNothing() throws {
        let path = try demo()
        let s = try snapshotAt(path)
        var st = stat()
        stat(s.snapshotPath!, &st)
        #expect(st.st_mode & 0o777 == 0o600)
        try FileManager.default.removeItem(atPath: cache)
        sameState(try cached(path), try fresh(path))
    }

    /// For random journals cut at a random line: snapshot there + replay of the rest = a fresh replay.
    @Test func snapshotPlusTailEqualsAFreshReplay() async {
        await propertyCheck(count: 12, input: Gen.int(in: 1...1_000), Gen.int(in: 2...98)) { seed, percent in
            let d = TempDir()
            let path = d.file("j.txt")
            try! DemoJournal(volunteers: 25, years: 2, seed: UInt64(seed), firstYear: 2025,
                             until: Day(year: 2026, month: 6, day: 1)!).write(to: path)
            let all = bytes(path)
            let cut = all[..<(all[..<(all.count * percent / 100)].lastIndex(of: 10)! + 1)]
            try! Data(all).write(to: URL(fileURLWithPath: path + ".full"))
            try! Data(cut).write(to: URL(fileURLWithPath: path))
            let first = try! Store(path: path, readOnly: true, actor: "x", cacheDirectory: d.path + "/c")
            first.saveSnapshot()
            try! Data(all).write(to: URL(fileURLWithPath: path))
            let fromSnapshot = try! Store(path: path, readOnly: true, actor: "x", cacheDirectory: d.path + "/c")
            let replayed = try! Store(path: path, readOnly: true, actor: "x")
            #expect(fromSnapshot.snapshotOffset > 0)
            #expect(fromSnapshot.state == replayed.state)
            #expect(fromSnapshot.lineCount == replayed.lineCount)
            #expect(fromSnapshot.undoLog.suffix(Store.undoDepth) == replayed.undoLog.suffix(Store.undoDepth))
        }
    }

    /// No personal data stays in the cache: a snapshot of a journal that is gone, a half-written
    /// snapshot of a killed process, and leftovers an erasure finds are all removed.
    @Test func nothingStaysBehindInTheCache() throws {
        let path = try demo()
        let gone = try demo("gone.txt", seed: 11)
        let s = try snapshotAt(path)
        let g = try snapshotAt(gone)
        let goneSnapshot = g.snapshotPath!
        try FileManager.default.removeItem(atPath: gone)
        let dead = s.snapshotPath! + ".tmp-999999"
        try "half a snapshot with Amina".write(toFile: dead, atomically: false, encoding: .utf8)
        s.saveSnapshot()   // a save sweeps the cache
        #expect(!FileManager.default.fileExists(atPath: goneSnapshot))
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: s.snapshotPath!))
        // An erasure removes the journal's snapshot and any half-written one.
        try "half".write(toFile: s.snapshotPath! + ".tmp-\(getpid())", atomically: false, encoding: .utf8)
        _ = try s.erase(volunteer: 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func theStreamHashDoesNotDependOnHowTheBytesAreCut() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = StreamHash(); whole.update(data)
        for cut in [1, 7, 31, 32, 33, 500, 999] {
            var h = StreamHash(); h.update(Array(data[..<cut])); h.update(Array(data[cut...]))
            #expect(h.value == whole.value)
        }
        var other = StreamHash(); var changed = data; changed[500] ^= 1; other.update(changed)
        #expect(other.value != whole.value)
    }
}

/// The snapshot is made by the records' `Codable`, written without keys: a record whose fields
/// change would be read wrong from an older snapshot. The layout of every record is written down
/// here with the format number; a change of layout without a new number fails.
@Suite struct SnapshotFormatTests {
    /// Each record's stored fields and their types, from a value of it.
    static func layout(_ value: Any, _ out: inout [String: String]) {
        let m = Mirror(reflecting: value)
        let name = "\(type(of: value))"
        if m.displayStyle == .collection || m.displayStyle == .dictionary {
            for c in m.children.prefix(1) { layout(c.value, &out) }
            return
        }
        if m.displayStyle == .optional { for c in m.children { layout(c.value, &out) }; return }
        if m.displayStyle == .tuple { for c in m.children { layout(c.value, &out) }; return }
        guard m.displayStyle == .struct, !m.children.isEmpty, out[name] == nil else { return }
        out[name] = m.children.map { "\($0.label ?? "_"): \(type(of: $0.value))" }.joined(separator: ", ")
        for c in m.children { layout(c.value, &out) }
    }

    @Test func theFormatNumberFollowsTheRecords() throws {
        let dir = TempDir()
        let store = try EveryKind.journal(in: dir)
        var out: [String: String] = [:]
        SnapshotFormatTests.layout(store.state, &out)
        let now = "format \(Snapshot.format)\n" + out.keys.sorted().map { "\($0) { \(out[$0]!) }" }.joined(separator: "\n") + "\n"
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("snapshot-layout.txt").path
        if ProcessInfo.processInfo.environment["BYDELSMOR_RECORD"] != nil { try now.write(toFile: file, atomically: true, encoding: .utf8) }
        let recorded = text(file)
        let sameFormat = recorded.hasPrefix("format \(Snapshot.format)\n")
        if sameFormat {
            #expect(recorded == now, "the records changed: raise Snapshot.format and record again (BYDELSMOR_RECORD=1); Conversation has a hand-written layout in Snapshot.writeConversations")
        } else {
            #expect(Bool(false), "Snapshot.format changed: record the layout again (BYDELSMOR_RECORD=1)")
        }
    }
}
