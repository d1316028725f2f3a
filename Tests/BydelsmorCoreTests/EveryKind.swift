import Foundation
import Testing
@testable import BydelsmorCore

/// A journal that holds every kind of event the program writes: the built-in plan, the undo test's
/// changes in order (one of every undoable kind), an undo and a redo, and a second woman erased at the
/// end. Tests that must cover every kind run over it, and `missing` names a kind it lacks, so a new
/// `EventKind` fails them until it is written here.
enum EveryKind {
    static func journal(in dir: TempDir, name: String = "every.txt") throws -> Store {
        let store = try newStore(dir, name)
        for (_, make) in UndoTests.changes { try store.commit { make($0) } }
        let other = try store.addVolunteer("Sahra Warsame", phone: "31 41 51 61")
        try store.commit { _ in .volunteerContract(id: other, date: Day(year: 2027, month: 1, day: 3)!) }
        try store.undoStep()
        try store.redoStep()
        _ = try store.erase(volunteer: other)
        return try newStore(dir, name)
    }

    /// The kinds of event (a removal and a restoration by their own name) the journal at `path` lacks.
    static func missing(_ path: String) throws -> [String] {
        var seen = Set<String>()
        for line in text(path).split(separator: "\n") where !line.hasPrefix("#") {
            let e = try JournalEntry.parse(String(line))
            seen.insert(e.event.kind.rawValue)
            seen.insert(e.event.name)
        }
        return EventKind.allCases.map(\.rawValue).filter { !seen.contains($0) }
    }
}

@Suite struct EveryKindTests {
    let dir = TempDir()

    @Test func theJournalHoldsEveryKindOfEvent() throws {
        let store = try EveryKind.journal(in: dir)
        #expect(try EveryKind.missing(store.path) == [])
    }

    /// A snapshot taken at every line of it, plus the rest replayed, is the state of a replay.
    @Test func snapshotPlusTailIsAReplayAtEveryLine() throws {
        let store = try EveryKind.journal(in: dir)
        let all = bytes(store.path)
        let ends = all.indices.filter { all[$0] == 10 }
        let cache = dir.path + "/cache"
        for end in ends {
            let part = dir.file("part.txt")
            try Data(all[...end]).write(to: URL(fileURLWithPath: part))
            let first = try Store(path: part, readOnly: true, actor: "x", cacheDirectory: cache)
            first.saveSnapshot()
            try Data(all).write(to: URL(fileURLWithPath: part))
            let fromSnapshot = try Store(path: part, readOnly: true, actor: "x", cacheDirectory: cache)
            #expect(fromSnapshot.snapshotOffset == end + 1, "snapshot used at byte \(end + 1)")
            let replayed = try Store(path: part, readOnly: true, actor: "x")
            #expect(fromSnapshot.state == replayed.state, "after byte \(end + 1)")
            #expect(fromSnapshot.undoLog.suffix(Store.undoDepth) == replayed.undoLog.suffix(Store.undoDepth))
            try FileManager.default.removeItem(atPath: cache)
        }
    }

    /// The person export of the woman with data of every kind names every one of her fields.
    @Test func thePersonExportHoldsEveryFieldOfHers() throws {
        let store = try EveryKind.journal(in: dir)
        let json = try PersonExport.json(volunteer: 1, store: store)
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        for key in Declared.personalKeys(Volunteer.self) { #expect(obj[key] != nil, "\(key) is not in the person export") }
        #expect((obj["attendance"] as? [Any])?.count == 1)
        #expect((obj["conversationsLogged"] as? [Any]) != nil)
    }
}

/// The records' declarations (Declared.swift) are whole and are what the docs say.
@Suite struct DeclaredTests {
    let dir = TempDir()

    /// Every field a record stores is declared, with its use, for every record of the every-kind
    /// journal: a field added to a record fails here until its declaration says what it is.
    @Test func everyStoredFieldIsDeclared() throws {
        let store = try EveryKind.journal(in: dir)
        #expect(Declared.undeclared(store.state) == [])
        let types = Set(ProjectState.recordTypes.map { "\($0)" })
        for d in ProjectState.declaredFields { for c in d.children?(store.state).prefix(1) ?? [] { #expect(types.contains("\(type(of: c))")) } }
    }

    /// The public view empties every personal and private text and masks the public ones.
    @Test func thePublicViewHoldsNoPersonalOrPrivateText() throws {
        let store = try EveryKind.journal(in: dir)
        var seen: [FieldUse: Int] = [:]
        var p = PublicView.state(store.state)
        ProjectState.mapTexts(&p) { use, text in
            seen[use, default: 0] += 1
            if use == .personal || use == .privateText { #expect(text.isEmpty, "\(use): \(text)") }
            return text
        }
        #expect(p.volunteers.allSatisfy { $0.languages.isEmpty })
        #expect(seen[.publicText, default: 0] > 0)
    }

    /// docs/journal.md holds the table of records as the declarations make it.
    @Test func theDocsTableIsTheDeclarations() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/journal.md").path
        var docs = text(path)
        let table = Declared.table(ProjectState.recordTypes)
        if ProcessInfo.processInfo.environment["BYDELSMOR_RECORD"] != nil,
           let a = docs.range(of: "<!-- records -->\n"), let b = docs.range(of: "<!-- /records -->", range: a.upperBound..<docs.endIndex) {
            docs.replaceSubrange(a.upperBound..<b.lowerBound, with: table)
            try docs.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(docs.contains(table), "docs/journal.md lacks the records table; it is:\n\(table)")
    }
}

/// Rooms that say what they hold: no hand-written source file grows past 400 lines (generated
/// files, which say so on their first line, excepted). Split by job when one does.
@Suite struct SourceShapeTests {
    @Test func noHandWrittenSourceFileIsOver400Lines() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50, "found the sources")
        var long: [String] = []
        for f in files {
            let text = try String(contentsOf: root.appendingPathComponent(f), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.first?.hasPrefix("// Generated by") == true { continue }
            if lines.count - 1 > 400 { long.append(String(decoding: Array(f.utf8), as: UTF8.self) + ": \(lines.count - 1) lines") }
        }
        // Recorded as text: reflecting the failing expression's strings crashed the test runner once.
        if !long.isEmpty { Issue.record(Comment(rawValue: "over 400 lines: " + long.sorted().joined(separator: "; "))) }
    }
}
