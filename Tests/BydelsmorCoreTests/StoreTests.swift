import Foundation
import Testing
@testable import BydelsmorCore

@Suite struct StoreTests {
    let dir = TempDir()

    @Test func aNewJournalHoldsTheBuiltInPlanWithMode0600() throws {
        let store = try newStore(dir)
        #expect(store.state.phases.count == 4)
        #expect(store.state.modules.count == 15)
        #expect(store.state.milestones.count == 15)
        // The memo's first year (207.040–256.060 kr.) for a project that starts in January; this
        // journal starts on 1 February, so its first calendar year plans 11/12 of the coordinator
        // (issue 25: the calendar year, pro rata by whole months; it used to plan a whole year).
        let st = ProjectStatus(state: store.state, today: Day(year: 2027, month: 2, day: 1)!)
        #expect(st.plannedLow == Money(kroner: 88_000) + Money(ore: (11_904_000 * 11 + 6) / 12))
        #expect(st.plannedHigh == Money(kroner: 101_500) + Money(ore: (15_456_000 * 11 + 6) / 12))
        try store.commit { _ in .phaseDates(number: 1, start: Day(year: 2027, month: 1, day: 4)!, end: nil) }
        let january = ProjectStatus(state: store.state, today: Day(year: 2027, month: 2, day: 1)!)
        #expect(january.plannedLow == Money(kroner: 207_040) && january.plannedHigh == Money(kroner: 256_060))
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(text(store.path).hasPrefix("# bydelsmor-journal v1\n"))
    }

    @Test func replayGivesTheSameStateAsTheChangesMade() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Zeynep Yılmaz", phone: "+45 22 33 44 55")
        try store.addExpense(ore: 125_050)
        try store.commit { _ in .volunteerStage(id: v, stage: .training) }
        try store.commit { _ in .phaseStatus(number: 1, status: .active) }
        let again = try newStore(dir)
        #expect(again.state == store.state)
        #expect(again.lineCount == store.lineCount)
    }

    @Test func replayOfADemoJournalIsDeterministic() throws {
        let a = dir.file("a.txt"), b = dir.file("b.txt")
        try DemoJournal(volunteers: 25, years: 2, seed: 7).write(to: a)
        try DemoJournal(volunteers: 25, years: 2, seed: 7).write(to: b)
        #expect(bytes(a) == bytes(b))
        let s1 = try Store(path: a, readOnly: true, actor: "x"), s2 = try Store(path: a, readOnly: true, actor: "x")
        #expect(s1.state == s2.state)
        #expect(s1.problem == nil)
        #expect(s1.state.volunteers.count == 25)
        #expect(s1.state.sessions.count == 30)
        #expect(!s1.state.conversations.isEmpty)
        try DemoJournal(volunteers: 25, years: 2, seed: 8).write(to: dir.file("c.txt"))
        #expect(bytes(dir.file("c.txt")) != bytes(a))
    }

    @Test func takesInWhatAnotherStoreAppended() throws {
        let a = try newStore(dir), b = try newStore(dir)
        try a.addVolunteer("Amina")
        #expect(b.state.volunteers.isEmpty)
        #expect(try b.refresh())
        #expect(b.state.volunteers.map(\.name) == ["Amina"])
        // b's next id is computed after taking in a's line, so it never collides
        let id = try b.addVolunteer("Hodan")
        #expect(id == 2)
        try a.refresh()
        #expect(a.state == b.state)
    }

    @Test func twoStoresAppendingAtOnceLoseNothing() async throws {
        let path = dir.file("journal.txt")
        _ = try Store(path: path, actor: "setup", clock: fixedClock)
        await withTaskGroup(of: Void.self) { group in
            for who in ["a", "b"] {
                group.addTask {
                    let s = try! Store(path: path, actor: who, clock: fixedClock)
                    for i in 0..<300 { try! s.addExpense(ore: Int64(100 + i)) }
                }
            }
        }
        let s = try Store(path: path, readOnly: true, actor: "x")
        #expect(s.problem == nil)
        #expect(s.state.expenses.count == 600)
        #expect(Set(s.state.expenses.map(\.id.raw)) == Set(1...600))
        let lines = text(path).split(separator: "\n")
        #expect(lines.filter { $0.contains(" a expense.added") }.count == 300)
        #expect(lines.filter { $0.contains(" b expense.added") }.count == 300)
    }

    @Test func aTornLastLineIsMovedAsideBeforeAnythingIsAppended() throws {
        let store = try newStore(dir)
        try store.addVolunteer("Amina")
        let good = bytes(store.path)
        let fragment = "2027-02-01T10:00:00Z koordinator volunteer.added id=v2 name=\"Ho"
        let h = FileHandle(forWritingAtPath: store.path)!
        h.seekToEndOfFile(); h.write(Data(fragment.utf8)); h.closeFile()

        // A reader reports it and leaves the file alone.
        let reader = try Store(path: store.path, readOnly: true, actor: "x")
        #expect(reader.state.volunteers.count == 1)
        #expect(reader.warnings.contains { $0.da.contains("ufuldstændig") })
        #expect(bytes(store.path) == good + Array(fragment.utf8))

        // Opening to write moves nothing; the first real write moves it to a side file, then
        // appends on a clean line boundary.
        let writer = try newStore(dir)
        #expect(bytes(store.path) == good + Array(fragment.utf8))
        try writer.addVolunteer("Hodan")
        #expect(writer.warnings.contains { $0.da.contains("flyttet til") })
        let side = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".torn-") }
        #expect(side.count == 1)
        #expect(side.count == 1 && text(dir.file(side[0])) == fragment + "\n")
        #expect(try Store.check(path: store.path).problems.isEmpty)
        #expect(try newStore(dir).state.volunteers.map(\.name) == ["Amina", "Hodan"])
    }

    @Test func aBadLineStopsLoadingWithPathLineAndColumnAndTouchesNothing() throws {
        let store = try newStore(dir)
        try store.addVolunteer("Amina")
        var t = text(store.path)
        t += "2027-02-01T10:00:00Z koordinator expense.added id=x1 date=2027-02-30 line=gaver amount=10 note=\"\"\n"
        t += "2027-02-01T10:00:00Z koordinator volunteer.stage id=v9 stage=active\n"
        try t.write(toFile: store.path, atomically: false, encoding: .utf8)
        let before = bytes(store.path)
        let s = try newStore(dir)
        #expect(s.problem?.text(.da) == "\(store.path):44:59: date: ugyldig dato; forventede ÅÅÅÅ-MM-DD, en dag der findes, i årene 2000–2099")
        #expect(s.isReadOnly)
        if case .journal? = { () -> StoreError? in do { try s.addVolunteer("X") } catch let e as StoreError { return e } catch { return nil }; return nil }() {} else {
            Issue.record("a store with a bad line accepted a change")
        }
        #expect(bytes(store.path) == before)
        let check = try Store.check(path: store.path)
        #expect(check.problems.map { "\($0.line):\($0.column)" } == ["44:59", "45:53"])
        #expect(check.problems[1].message.da == "bydelsmor v9 findes ikke")
    }

    @Test func aJournalFromANewerProgramIsNotGuessedAt() throws {
        let path = dir.file("new.txt")
        try "# bydelsmor-journal v2\n".write(toFile: path, atomically: false, encoding: .utf8)
        let s = try Store(path: path, actor: "x")
        #expect(s.problem?.message.da.contains("version 2") == true)
    }

    @Test func undoCompensatesTheLatestChangeAndUndoingTheUndoRedoes() throws {
        let store = try newStore(dir)
        let x = try store.addExpense(ore: 50_000)
        let (r1, undone1) = try store.undo()
        #expect(undone1.line == r1.line - 1)
        #expect(r1.entry.event == .removed(.expense, id: x.raw))
        #expect(r1.entry.undoes == undone1.line)
        #expect(store.state.expenses[0].removed)
        #expect(text(store.path).hasSuffix("expense.removed id=x1 undoes=\(undone1.line)\n"))
        // survives a restart
        let again = try newStore(dir)
        let (r2, _) = try again.undo()
        #expect(r2.entry.event == .restored(.expense, id: x.raw))
        #expect(!again.state.expenses[0].removed)
    }

    @Test func undoRestoresTheOldValuesOfAnEdit() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Amina", phone: "12345678")
        try store.commit { _ in .volunteerChanged(VolunteerFields(id: v, name: "Amina H.", phone: "", languages: ["so"])) }
        try store.undo()
        #expect(store.state.volunteers[0].name == "Amina")
        #expect(store.state.volunteers[0].phone == "12345678")
        #expect(store.state.volunteers[0].languages == ["ar", "da"])
    }

    @Test func theBuiltInPlanCannotBeUndone() throws {
        let store = try newStore(dir)
        let m = refusal { try store.undo() }
        #expect(m?.da == "der er intet at fortryde")
    }
}

/// A journal whose lines end in CR LF (a copy that went through a tool converting line endings, as a
/// kiosk PC's synced copy may) reads as its LF original; what is written to it is LF.
@Suite struct WindowsLineEndingTests {
    let dir = TempDir()

    func crlfCopy(of path: String, to name: String) throws -> String {
        let out = dir.file(name)
        try Data(bytes(path).flatMap { $0 == 10 ? [13, 10] : [$0] }).write(to: URL(fileURLWithPath: out))
        return out
    }

    @Test(arguments: [40, 400])
    func aCRLFJournalReadsAsItsLFOriginal(volunteers: Int) throws {
        let path = dir.file("lf-\(volunteers).txt")
        try DemoJournal(volunteers: volunteers, years: 2, seed: 3).write(to: path)
        let crlf = try crlfCopy(of: path, to: "crlf-\(volunteers).txt")
        let a = try Store(path: path, readOnly: true, actor: "x"), b = try Store(path: crlf, readOnly: true, actor: "x")
        #expect(b.problem == nil, "\(String(describing: b.problem))")
        #expect(a.state == b.state && a.lineCount == b.lineCount)
        let check = try Store.check(path: crlf)
        #expect(check.problems.isEmpty && check.tornTail == nil)
        // A bad line is still pointed at, column and all.
        var t = text(crlf)
        t.replaceSubrange(t.range(of: "minutes=")!, with: "minutes=x")
        try t.write(toFile: crlf, atomically: false, encoding: .utf8)
        #expect(try Store.check(path: crlf).problems.first?.message.en.contains("minutes") == true)
    }

    @Test func aCRLFJournalTakesNewChangesAndItsErasureLeavesNoName() throws {
        let s0 = try newStore(dir, "orig.txt")
        let v = try s0.addVolunteer("Hodan Warsame", phone: "+45 11 22 33 44")
        try s0.commit { s in .conversationLogged(Conversation(id: s.conversations.nextID, date: Day(year: 2026, month: 3, day: 2)!,
                volunteer: v, contact: .school, topics: TopicSet([.school]), referral: .none, minutes: 30)) }
        let crlf = try crlfCopy(of: s0.path, to: "crlf.txt")
        let s = try Store(path: crlf, actor: "k", clock: fixedClock)
        #expect(s.problem == nil)
        try s.addVolunteer("Sara")
        #expect(try Store(path: crlf, readOnly: true, actor: "x").state.volunteers.map(\.name) == ["Hodan Warsame", "Sara"])
        #expect(s.linesAbout(volunteer: v).count == 2)
        _ = try s.erase(volunteer: v)
        let after = text(crlf)
        #expect(!after.contains("Hodan") && !after.contains("11 22 33 44"))
        #expect(try Store(path: crlf, readOnly: true, actor: "x").problem == nil)
    }
}

@Suite struct LargeReplayTests {
    let dir = TempDir()

    /// A journal over a megabyte is read in two halves at once; the state must be exactly what
    /// applying its lines one after the other gives.
    @Test func replayingInTwoHalvesEqualsLineByLine() throws {
        let path = dir.file("big.txt")
        try DemoJournal(volunteers: 150, years: 3, seed: 11).write(to: path)
        #expect(bytes(path).count > 1 << 20)
        var expected = ProjectState()
        for line in text(path).split(separator: "\n").dropFirst() {
            let e = try JournalEntry.parse(String(line))
            _ = try Reducer.apply(e.event, to: &expected)
            Store.noteTime(of: e.event, at: e.timestamp, in: &expected, builtIn: e.actor == SeedPlan.actor)
        }
        let s = try Store(path: path, readOnly: true, actor: "x")
        #expect(s.problem == nil)
        #expect(s.state == expected)
        #expect(s.lineCount == text(path).split(separator: "\n").count)
    }

    /// The snapshot written after a long replay is proved by the hash the pipeline's reader made
    /// of what it read: the next open must find it valid and start from it.
    @Test func theHashOfAPipelinedReplayProvesItsSnapshot() throws {
        let path = dir.file("big.txt")
        try DemoJournal(volunteers: 150, years: 3, seed: 12).write(to: path)
        let first = try Store(path: path, actor: "k", clock: fixedClock, cacheDirectory: dir.file("cache"))
        #expect(first.snapshotOffset == first.offset)
        let again = try Store(path: path, actor: "k", clock: fixedClock, cacheDirectory: dir.file("cache"))
        #expect(again.snapshotOffset == first.offset)
        #expect(again.state == first.state)
    }

    /// The reader hands over every complete line once, in order, cut into batches at line ends
    /// whatever the batch size (also smaller than a line) and whoever decodes what.
    @Test(arguments: [(64, 0.0), (64, 1.0), (97, 0.5), (1000, nil), (4096, 0.3)] as [(Int, Double?)])
    func thePipelineHandsOverEveryLineOnceInOrder(batch: Int, share: Double?) throws {
        let path = dir.file("p.txt")
        var body = "# bydelsmor-journal v1\n"
        for i in 1...300 {
            body += "2026-01-01T00:00:00Z k volunteer.added id=v\(i) name=\"\(String(repeating: "ø", count: i % 90))\" phone=\"\" languages=\"\" neighbourhood=\"\" notes=\"\"\n"
        }
        body += "2026-01-01T00:00:00Z k volunteer.added id=v301 na"   // a torn end, never handed over
        try body.write(toFile: path, atomically: false, encoding: .utf8)
        let all = bytes(path)
        let complete = all.lastIndex(of: 10)! + 1
        let file = try JournalFile(path: path, readOnly: true)
        let pipe = ReplayPipeline(file: file, from: 0, limit: complete, hash: StreamHash(), batchSize: batch, share: share)
        pipe.start()
        var seen: [UInt8] = []
        var decodedLines = 0
        while let b = pipe.next() {
            let lines = Array(b.lines)
            #expect(lines.last == 10)
            #expect(b.split <= lines.count && (b.split == 0 || lines[b.split - 1] == 10))
            #expect(b.decoded.count == lines[..<b.split].filter { $0 == 10 }.count)
            for d in b.decoded where d.start > 0 || !seen.isEmpty { #expect(d.problem == nil && d.entry != nil) }
            decodedLines += b.decoded.count
            seen += lines
            pipe.recycle(b)
        }
        pipe.finish()
        #expect(pipe.error == nil)
        #expect(seen == Array(all[..<complete]))
        var h = StreamHash()
        all[..<complete].withUnsafeBytes { h.update($0) }
        #expect(pipe.hash.value == h.value)
        if share == 0 { #expect(decodedLines == 0) }
        if share == 1 { #expect(decodedLines == 301) }
    }

    @Test func aBadLineLateInABigJournalIsReportedAtItsOwnLine() throws {
        let path = dir.file("big.txt")
        try DemoJournal(volunteers: 150, years: 3, seed: 11).write(to: path)
        var lines = text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let target = lines.count - 40
        lines[target] = lines[target].replacingOccurrences(of: " date=", with: " date=2026-02-30 was=")
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let s = try Store(path: path, readOnly: true, actor: "x")
        #expect(s.problem?.line == target + 1)
        let check = try Store.check(path: path)
        // (Lines after it that depend on it are reported too: `check` lists every problem.)
        #expect(check.problems.first?.line == target + 1)
        #expect(check.problems.first?.column == s.problem?.column)
    }

    /// `check` reads a big journal in the same batches as a replay but reads on after each bad line:
    /// every bad line is reported at its own line, wherever the batches were cut.
    @Test func checkReportsEveryBadLineOfABigJournal() throws {
        let path = dir.file("big.txt")
        try DemoJournal(volunteers: 320, years: 3, seed: 11).write(to: path)
        var lines = text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Lines nothing else depends on (a bad conversation would also make every later one's id wrong).
        let bad = Array(stride(from: 200, to: lines.count - 2, by: lines.count / 7))
        #expect(bad.count >= 5)
        for i in bad { lines.insert("2026-13-01T00:00:00Z k not a line", at: i) }
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(bytes(path).count > 2 << 20)   // more than one batch
        let check = try Store.check(path: path)
        #expect(check.problems.map(\.line) == bad.map { $0 + 1 })
        #expect(check.lines == lines.count - 1 && check.changes == check.lines - bad.count)
    }
}

@Suite struct SeedPlanTests {
    /// seeds/built-in-plan.txt is the plan a new journal starts with, for people to read; it must
    /// stay the same as the one built into the program (BYDELSMOR_RECORD=1 rewrites it).
    @Test func theSeedFileIsTheBuiltInPlan() throws {
        let dir = TempDir()
        try Store.createJournal(path: dir.file("j.txt"), clock: { Timestamp("2026-01-01T00:00:00Z")! })
        let made = text(dir.file("j.txt"))
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds/built-in-plan.txt").path
        if ProcessInfo.processInfo.environment["BYDELSMOR_RECORD"] == "1" {
            try made.write(toFile: seed, atomically: true, encoding: .utf8)
        }
        #expect(text(seed) == made)
        #expect(try Store.check(path: seed).problems.isEmpty)
    }
}
