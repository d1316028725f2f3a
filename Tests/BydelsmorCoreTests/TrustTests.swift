import Foundation
import Testing
@testable import BydelsmorCore

/// Nothing lost, nothing leaked: changes of several lines, torn ends, erasure, dates.
@Suite struct TrustTests {
    let dir = TempDir()

    func volunteerSteps(_ names: [String]) -> [Store.Step] {
        names.map { n in { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: n)) } }
    }

    @Test func aChangeOfSeveralLinesIsOneWriteMarkedPartByPart() throws {
        let store = try newStore(dir)
        let before = bytes(store.path).count
        let r = try store.commit(steps: volunteerSteps(["Amina", "Bodil", "Cemile"]))
        #expect(r.map(\.line) == [r[0].line, r[0].line + 1, r[0].line + 2])
        let added = String(decoding: bytes(store.path)[before...], as: UTF8.self)
        #expect(added.split(separator: "\n").map { $0.split(separator: " ").last! } == ["part=1/3", "part=2/3", "part=3/3"])
        #expect(try Store(path: store.path, readOnly: true, actor: "x").state.volunteers.map(\.name) == ["Amina", "Bodil", "Cemile"])
    }

    @Test func aRefusedStepWritesNoneOfTheChange() throws {
        let store = try newStore(dir)
        let before = bytes(store.path)
        let steps = volunteerSteps(["Amina"]) + [{ _ in .expenseAdded(Expense(id: 1, date: Day(year: 2027, month: 1, day: 1)!, line: "slik",
                                                                              amount: Money(ore: 100))) }]
        #expect(refusal { try store.commit(steps: steps) } != nil)
        #expect(bytes(store.path) == before)
        #expect(store.state.volunteers.isEmpty)
    }

    /// kill -9 in mid-write: the first lines of a change are there, the rest is not.
    @Test(arguments: [1, 2])
    func aChangeCutShortIsNeverHalfAppliedAndIsMovedAsideByTheNextWrite(keep: Int) throws {
        let store = try newStore(dir)
        let start = bytes(store.path)
        try store.commit(steps: volunteerSteps(["Amina", "Bodil", "Cemile"]))
        var cut = Array(bytes(store.path))
        let lines = cut[start.count...].split(separator: 10, omittingEmptySubsequences: false)
        let keepBytes = lines.prefix(keep).reduce(0) { $0 + $1.count + 1 }
        cut = Array(cut[..<(start.count + keepBytes)]) + Array("2027-02-01T10:00:00Z koordinator volunteer.added id=v3 na".utf8)
        try Data(cut).write(to: URL(fileURLWithPath: store.path))

        let reader = try Store(path: store.path, readOnly: true, actor: "x")
        #expect(reader.state.volunteers.isEmpty)
        #expect(reader.tornBytes > 0)
        #expect(reader.warnings.contains { $0.da.contains("ufuldstændig") })
        let check = try Store.check(path: store.path)
        #expect(check.problems.isEmpty)
        #expect(check.tornTail != nil)
        // Opening to write moves nothing; a refused change moves nothing.
        let writer = try Store(path: store.path, actor: "y", clock: fixedClock)
        #expect(bytes(store.path) == cut)
        #expect(refusal { try writer.commit { _ in .diplomaRule(minimum: 99) } } != nil)
        #expect(bytes(store.path) == cut)
        // A real write moves the fragment aside first.
        try writer.addVolunteer("Dilek")
        #expect(writer.state.volunteers.map(\.name) == ["Dilek"])
        let side = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".torn-") }
        #expect(side.count == 1)
        #expect(text(dir.file(side[0])).contains("name=\"Amina\""))
        #expect(try Store.check(path: store.path).tornTail == nil)
    }

    @Test func aGroupBrokenInTheMiddleOfTheFileIsABadLine() throws {
        let store = try newStore(dir)
        try store.commit(steps: volunteerSteps(["Amina", "Bodil"]))
        var t = text(store.path)
        t = t.replacingOccurrences(of: " part=2/2", with: "")
        try t.write(toFile: store.path, atomically: false, encoding: .utf8)
        let check = try Store.check(path: store.path)
        #expect(check.problems.count == 1)
        #expect(check.problems[0].message.da.contains("afbrudt"))
    }

    @Test func undoTakesBackAChangeOfSeveralLinesWhole() throws {
        let store = try newStore(dir)
        try store.addVolunteer("Før")
        try store.commit(steps: volunteerSteps(["Amina", "Bodil"]))
        try store.undoStep()
        #expect(store.state.volunteers.filter { !$0.removed }.map(\.name) == ["Før"])
        try store.redoStep()
        #expect(store.state.volunteers.filter { !$0.removed }.map(\.name) == ["Før", "Amina", "Bodil"])
    }

    @Test func anEmptyJournalIsAClearErrorAndIsNeverWrittenInto() throws {
        let path = dir.file("empty.txt")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let s = try Store(path: path, createIfMissing: false, actor: "x")
        #expect(s.problem?.message.da.contains("tom (0 byte)") == true)
        #expect(throws: StoreError.self) { try s.addVolunteer("Amina") }
        #expect(bytes(path).isEmpty)
        let check = try Store.check(path: path)
        #expect(check.problems.count == 1)
    }

    @Test func aJournalTruncatedWhileOpenIsNoticedAndNotWrittenInto() throws {
        let store = try newStore(dir)
        try store.addVolunteer("Amina")
        truncate(store.path, 0)
        #expect(throws: StoreError.self) { try store.addVolunteer("Bodil") }
        #expect(bytes(store.path).isEmpty)
    }

    @Test func aWriterWaitingBesideAnErasureWritesIntoTheNewFile() throws {
        let a = try newStore(dir)
        let v = try a.addVolunteer("Amina Hassan", phone: "+45 12 34 56 78")
        try a.addVolunteer("Bodil")
        let b = try Store(path: a.path, actor: "b", clock: fixedClock)
        _ = try a.erase(volunteer: v)
        try b.addVolunteer("Cemile")   // b still holds the old file open
        let fresh = try Store(path: a.path, readOnly: true, actor: "x")
        #expect(fresh.state.volunteers.map(\.name) == [Erasure.placeholder, "Bodil", "Cemile"])
        #expect(!text(a.path).contains("Amina"))
        // A second erasure from a stale store keeps the first.
        let c = try Store(path: a.path, actor: "c", clock: fixedClock)
        try b.addVolunteer("Dunya")
        _ = try c.erase(volunteer: 2)
        #expect(!text(a.path).contains("Amina") && !text(a.path).contains("Bodil"))
        #expect(text(a.path).contains("Dunya"))
    }

    @Test func erasureScrubsEveryNameAndPhoneSheEverHadFromEveryField() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Fatima Nielsen-Berg", phone: "+45 11 22 33 44")
        try store.commit { _ in .volunteerChanged(VolunteerFields(id: v, name: "Fatima Nielsen-Berg", phone: "+45 99 88 77 66")) }
        try store.commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Bodil",
                                                                notes: "Ring til fatima nielsen-berg på 11223344")) }
        try store.commit { s in .sessionScheduled(SessionFields(id: s.sessions.nextID, module: 1, date: Day(year: 2027, month: 3, day: 2)!,
                                                                 start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 0)!,
                                                                 place: "Hos Fatima Nielsen-Berg, Strandparken 14", teacher: "")) }
        try store.commit { s in .expenseAdded(Expense(id: 1, date: Day(year: 2027, month: 2, day: 1)!, line: "forplejning",
                                                      amount: Money(ore: 10000), note: "Kage, ring +45 99 88 77 66")) }
        var t = text(store.path)
        t += "# Fatima Nielsen-Berg bad om en pause\n"
        try t.write(toFile: store.path, atomically: false, encoding: .utf8)
        let side = store.path + ".torn-20270101T000000Z"
        try "2027 x volunteer.changed id=v1 name=\"Fatima Nielsen-Berg\" phone=\"+45 99 88 77 66".write(toFile: side, atomically: false, encoding: .utf8)

        let fresh = try Store(path: store.path, actor: "k", clock: fixedClock)
        let r = try fresh.erase(volunteer: v)
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let body = text(dir.file(f)).lowercased()
            #expect(!body.contains("fatima"), "\(f)")
            #expect(!body.contains("11 22 33 44") && !body.contains("11223344") && !body.contains("99 88 77 66"), "\(f)")
        }
        #expect(r.summary(.da).contains("modulgang"))
        #expect(r.summary(.da).contains("udgift"))
        #expect(r.summary(.da).contains("kommentarlinje"))
        #expect(r.summary(.da).contains("fil ved siden af journalen"))
        #expect(try Store.check(path: store.path).problems.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: store.path + ".erase-backup") )
    }

    @Test func erasureScrubsWholeWordsOnly() throws {
        var secrets = Erasure.Secrets()
        secrets.add(name: "Ali", phone: "")
        #expect(secrets.scrub("Ring til Ali, ikke Alice; ALI.").0 == "Ring til [slettet], ikke Alice; [slettet].")
    }

    @Test func undoNeverCrossesAnErasure() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Amina")
        try store.addVolunteer("Bodil")
        _ = try store.erase(volunteer: v)
        let before = bytes(store.path)
        let m = refusal { try store.undo() }
        #expect(m?.da.contains("sletning") == true)
        #expect(bytes(store.path) == before)
        try store.addVolunteer("Cemile")
        try store.undo()
        #expect(store.state.volunteers.last?.removed == true)
        let reopened = try Store(path: store.path, actor: "k", clock: fixedClock)
        try reopened.undo()   // redo Cemile
        #expect(refusal { try reopened.undoStep(); try reopened.undoStep() }?.da.contains("sletning") == true)
    }

    @Test func aReRunAfterAKilledErasureRemovesItsLeftovers() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Amina Hassan")
        _ = try store.erase(volunteer: v)
        try "copy with Amina Hassan".write(toFile: store.path + ".erase-backup-20270101T000000Z", atomically: false, encoding: .utf8)
        try "half".write(toFile: store.path + ".erase-new-20270101T000000Z", atomically: false, encoding: .utf8)
        let r = try store.erase(volunteer: v)
        #expect(r.alreadyErased && r.leftovers == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["journal.txt"])
        #expect(refusal { _ = try store.erase(volunteer: v) } != nil)
    }

    @Test func erasureThroughASymlinkKeepsTheLinkModeAndGroup() throws {
        let real = dir.file("real.txt"), link = dir.file("link.txt")
        try Store.createJournal(path: real, clock: fixedClock)
        chmod(real, 0o660)
        symlink(real, link)
        let store = try Store(path: link, actor: "k", clock: fixedClock)
        let v = try store.addVolunteer("Amina")
        _ = try store.erase(volunteer: v)
        var st = stat()
        lstat(link, &st)
        #expect((st.st_mode & S_IFMT) == S_IFLNK)
        stat(real, &st)
        #expect(st.st_mode & 0o777 == 0o660)
        #expect(!text(real).contains("Amina"))
        try store.addVolunteer("Bodil")
        #expect(text(real).contains("Bodil"))
    }

    @Test func datesOutsideTheSaneRangeAreRefusedInTheJournal() throws {
        let store = try newStore(dir)
        #expect(Day(year: 2199, month: 12, day: 31) == nil)
        #expect(Day(userInput: "31.12.2199") == nil)
        #expect(Day(year: 2099, month: 12, day: 31)!.isoWeek.week == 53)
        #expect(Day.last.adding(months: 5) == Day(year: 2099, month: 12, day: 31)!)
        var t = text(store.path)
        t += "2027-01-01T00:00:00Z k session.scheduled id=s1 module=1 date=2199-12-31 start=17:00 end=20:00 place=\"X\" teacher=\"\"\n"
        try t.write(toFile: store.path, atomically: false, encoding: .utf8)
        let check = try Store.check(path: store.path)
        #expect(check.problems.first?.message.da.contains("2000–2099") == true)
        #expect(check.problems.first?.column == 62)
    }

    @Test func aFIFOInPlaceOfTheJournalIsRefusedAtOnce() throws {
        let path = dir.file("fifo")
        mkfifo(path, 0o600)
        let r = Result<Store, StoreError> { () throws(StoreError) in try Store(path: path, readOnly: true, actor: "x") }
        guard case .failure(let e) = r else { Issue.record("a FIFO was opened as a journal"); return }
        #expect(e.text(.da).contains("ikke en almindelig fil"))
    }

    @Test func messagesQuoteDataSafely() throws {
        let p = JournalProblem(path: "j\u{1B}]52;c;aGk=\u{07}.txt", line: 1, column: 1, message: Message("x\u{1B}[2J\r", "x"))
        #expect(!p.text(.da).unicodeScalars.contains { $0.value < 0x20 })
    }
}

@Suite struct UndoBarrierTests {
    let dir = TempDir()

    /// A new budget line has no inverse: undo used to skip it and silently take back an older change.
    @Test func undoStopsAtAChangeWithoutInverseAndSaysSo() throws {
        let store = try newStore(dir)
        try store.addVolunteer("Amina")
        try store.commit { _ in .budgetLineAdded(BudgetLine(id: "tolk", title: "Tolkebistand", low: Money(ore: 100_000),
                                                            high: Money(ore: 200_000), period: .yearly)) }
        let before = bytes(store.path)
        for undo in [{ try store.undoStep() } as () throws -> Any, { try store.undo() }] {
            let m = refusal { _ = try undo() }
            #expect(m?.da.contains("kan ikke fortrydes") == true)
            #expect(m?.da.contains("budgetlinjen Tolkebistand") == true)
        }
        #expect(bytes(store.path) == before)
        #expect(store.state.volunteers.map(\.removed) == [false])
    }
}

@Suite struct WriteRuleTests {
    let dir = TempDir()

    /// What has not happened yet cannot be recorded, and only a volunteer who finished her training
    /// logs conversations; a replay of older lines is never refused by these rules.
    @Test func futureDatesAndUntrainedVolunteersAreRefusedWhenWriting() throws {
        let s = try newStore(dir)
        s.today = { Day(year: 2027, month: 2, day: 1)! }
        let v = try s.addVolunteer("Amina")
        let tomorrow = Day(year: 2027, month: 2, day: 2)!
        try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: 1, date: tomorrow,
                                                              start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 0)!, place: "X")) }
        let before = bytes(s.path)
        let conv = { (d: Day) in { (st: ProjectState) throws(Message) -> Event in
            .conversationLogged(Conversation(id: st.conversations.nextID, date: d, volunteer: v, contact: .network,
                                             topics: TopicSet([.school]), referral: .none, minutes: 20)) } }
        #expect(refusal { try s.commit(conv(tomorrow)) }?.field == "date")
        #expect(refusal { try s.commit { _ in .sessionStatus(id: 1, status: .held) } }?.da.contains("efter i dag") == true)
        #expect(refusal { try s.commit { _ in .attendanceMarked(session: 1, volunteer: v,
                                                                mark: .present) } }?.da.contains("efter i dag") == true)
        #expect(refusal { try s.commit { st in .hoursLogged(HoursEntry(id: st.hours.nextID, date: tomorrow,
                                                                       hours: Hours(hundredths: 200))) } }?.field == "date")
        #expect(refusal { try s.commit(conv(Day(year: 2027, month: 1, day: 30)!)) }?.da.contains("afsluttet uddannelsen") == true)
        #expect(bytes(s.path) == before)
        try s.commit { _ in .volunteerStage(id: v, stage: .graduated) }
        try s.commit(conv(Day(year: 2027, month: 1, day: 30)!))
        // A replay (no "today") takes every line as it is.
        #expect(try Store(path: s.path, readOnly: true, actor: "x").state.conversations.count == 1)
    }
}
