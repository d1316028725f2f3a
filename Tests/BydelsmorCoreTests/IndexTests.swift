import Foundation
import PropertyBased
import Testing
@testable import BydelsmorCore

/// The index extended with what was appended equals the index built afresh.
@Suite struct IndexTests {
    func same(_ a: ProjectIndex, _ b: ProjectIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.status == b.status, sourceLocation: sourceLocation)
        #expect(a.roster == b.roster, sourceLocation: sourceLocation)
        #expect(a.byMonth.map(\.month) == b.byMonth.map(\.month) && a.byMonth.map(\.bucket) == b.byMonth.map(\.bucket),
                sourceLocation: sourceLocation)
        #expect(a.byTopic.map(\.bucket) == b.byTopic.map(\.bucket), sourceLocation: sourceLocation)
        #expect(a.byVolunteer.map(\.volunteer) == b.byVolunteer.map(\.volunteer) && a.byVolunteer.map(\.bucket) == b.byVolunteer.map(\.bucket), sourceLocation: sourceLocation)
    }

    @Test func anIndexExtendedByAppendedChangesEqualsAFreshOne() async {
        await propertyCheck(count: 10, input: Gen.int(in: 1...1_000), Gen.int(in: 5...95)) { seed, percent in
            let d = TempDir()
            let path = d.file("j.txt")
            try! DemoJournal(volunteers: 30, years: 2, seed: UInt64(seed), firstYear: 2025,
                             until: Day(year: 2026, month: 6, day: 1)!).write(to: path)
            let all = bytes(path)
            let cut = all[..<(all[..<(all.count * percent / 100)].lastIndex(of: 10)! + 1)]
            try! Data(cut).write(to: URL(fileURLWithPath: path))
            let today = Day(year: 2026, month: 6, day: 1)!
            let store = try! Store(path: path, actor: "k", clock: fixedClock)
            let first = ProjectIndex(state: store.state, today: today, conversations: store.conversationLog)
            try! Data(all).write(to: URL(fileURLWithPath: path))
            try! store.refresh()
            // A conversation removed and one logged, as a coordinator would.
            if let c = store.state.conversations.first(where: { !$0.removed }) {
                try! store.commit { _ in .removal(of: c.id) }
            }
            let extended = ProjectIndex(state: store.state, today: today, previous: first, conversations: store.conversationLog)
            same(extended, ProjectIndex(state: store.state, today: today))
            if let v = store.state.volunteers.first(where: { $0.stage == .active || $0.stage == .graduated }) {
                let before = extended
                try! store.commit { s in .conversationLogged(Conversation(id: s.conversations.nextID, date: today, volunteer: v.id,
                                                                          contact: .school,
                                                                          topics: TopicSet([.health]), referral: .gp, minutes: 20)) }
                let again = ProjectIndex(state: store.state, today: today, previous: before, conversations: store.conversationLog)
                #expect(again.tally.generation == before.tally.generation)  // extended, not rebuilt
                same(again, ProjectIndex(state: store.state, today: today))
            }
        }
    }

    /// Conversations removed, restored, edited (date, volunteer, topics, referral), logged, undone
    /// and redone in any order: the figures adjusted by each one that changed equal the figures
    /// counted anew, every step — and they were adjusted, never counted anew.
    @Test func conversationsChangedInPlaceAdjustTheFiguresByTheOneThatChanged() async {
        await propertyCheck(count: 12, input: Gen.int(in: 1...1_000_000)) { seed in
            let d = TempDir()
            let path = d.file("j.txt")
            let today = Day(year: 2026, month: 6, day: 1)!
            try! DemoJournal(volunteers: 20, years: 2, seed: UInt64(seed % 997), firstYear: 2025, until: today).write(to: path)
            let store = try! Store(path: path, actor: "k", clock: fixedClock)
            var index = ProjectIndex(state: store.state, today: today, conversations: store.conversationLog)
            let generation = index.tally.generation
            var rng = UInt64(seed)
            func roll(_ n: Int) -> Int {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                return Int((rng >> 33) % UInt64(max(1, n)))
            }
            let women = store.state.volunteers.filter { $0.stage == .active || $0.stage == .graduated }.map(\.id)
            for _ in 0..<30 {
                let cs = store.state.conversations
                let live = cs.filter { !$0.removed }, gone = cs.filter(\.removed)
                switch roll(7) {
                case 0 where !live.isEmpty: _ = try? store.commit { _ in .removal(of: live[roll(live.count)].id) }
                case 1 where !gone.isEmpty: _ = try? store.commit { _ in .restored(.conversation, id: gone[roll(gone.count)].id.raw) }
                case 2 where !live.isEmpty && !women.isEmpty:
                    var c = live[roll(live.count)]
                    c.volunteer = women[roll(women.count)]
                    c.topics = TopicSet([Topic.allCases[roll(Topic.allCases.count)]])
                    c.referrals = roll(2) == 0 ? ReferralSet([]) : ReferralSet([.gp])
                    c.date = Day(ordinal: today.ordinal - Int32(roll(400)))
                    _ = try? store.commit { _ in .conversationChanged(c) }
                case 3: _ = try? store.undo()
                case 4: _ = try? store.redoStep()
                case 5 where !women.isEmpty:
                    _ = try? store.commit { s in .conversationLogged(Conversation(id: s.conversations.nextID, date: today,
                                                                                  volunteer: women[roll(women.count)],
                                                                                 contact: .school, topics: TopicSet([.health]), referral: .none, minutes: 15)) }
                default: break
                }
                index = ProjectIndex(state: store.state, today: today, previous: index, conversations: store.conversationLog)
                #expect(index.tally.generation == generation)
                let fresh = ProjectIndex(state: store.state, today: today)
                same(index, fresh)
                #expect(index.tally.lastDate == fresh.tally.lastDate)
                #expect((index.tally.total, index.tally.referred) == (fresh.tally.total, fresh.tally.referred))
            }
        }
    }

    /// A change that no roster row shows (an expense) keeps the roster and the attendance figures as
    /// they were, without rebuilding them; a change a row does show rebuilds them, equal to a fresh index.
    @Test func theRosterIsReusedOnlyWhenNothingItShowsChanged() throws {
        let d = TempDir()
        let path = d.file("j.txt")
        let today = Day(year: 2026, month: 6, day: 1)!
        try DemoJournal(volunteers: 40, years: 2, seed: 3, firstYear: 2025, until: today).write(to: path)
        let store = try Store(path: path, actor: "k", clock: fixedClock)
        func next(_ previous: ProjectIndex) -> ProjectIndex {
            let i = ProjectIndex(state: store.state, today: today, previous: previous, conversations: store.conversationLog)
            same(i, ProjectIndex(state: store.state, today: today))
            return i
        }
        let first = ProjectIndex(state: store.state, today: today, conversations: store.conversationLog)
        try store.commit { s in .expenseAdded(Expense(id: .new, date: today, line: "gaver", amount: Money(kroner: 100))) }
        let afterExpense = next(first)
        #expect(afterExpense.roster.sharesStorage(with: first.roster))
        #expect(afterExpense.masks.sharesStorage(with: first.masks))
        let v = try #require(store.state.volunteers.first { !$0.removed && $0.stage == .active })
        try store.commit { _ in .volunteerStage(id: v.id, stage: .paused) }
        let afterStage = next(afterExpense)
        #expect(!afterStage.roster.sharesStorage(with: afterExpense.roster))
        #expect(afterStage.roster.first { $0.id == v.id }?.stage == .paused)
        let held = try #require(store.state.sessions.first { $0.status == .held && !$0.attendance.isEmpty })
        let (who, mark) = try #require(held.attendance.first)
        try store.commit { _ in .attendanceMarked(session: held.id, volunteer: who, mark: mark == .present ? .absent : .present) }
        let afterMark = next(afterStage)
        #expect(!afterMark.masks.sharesStorage(with: afterStage.masks) || afterMark.masks == afterStage.masks)
        try store.commit { _ in .diplomaRule(minimum: 2) }
        _ = next(afterMark)
    }

    @Test func spendingPerYearInOnePassEqualsEachYearsOwn() throws {
        let d = TempDir()
        let path = d.file("j.txt")
        try DemoJournal(volunteers: 30, years: 4, seed: 5, firstYear: 2025, until: Day(year: 2028, month: 12, day: 1)!).write(to: path)
        let s = try Store(path: path, actor: "k", clock: fixedClock).state
        let years = s.budgetYears(through: Day(year: 2028, month: 12, day: 1)!)
        #expect(years == [2025, 2026, 2027, 2028])
        let once = s.spentPerYear()
        for n in years { #expect((once[n] ?? .zero) == s.spent(year: n).values.reduce(.zero, +), "year \(n)") }
    }
}

@Suite struct DanishTextTests {
    @Test func searchIgnoresCaseAndAccents() {
        let key = TextPolicy.searchKey("Ayşe Yılmaz, Søren Ærø")
        for q in ["ayse", "AYŞE", "yilmaz", "yılmaz", "soren", "søren", "aero"] {
            #expect(TextPolicy.contains(key, TextPolicy.searchKey(q)), "\(q)")
        }
        #expect(!TextPolicy.contains(key, TextPolicy.searchKey("fatima")))
    }

    /// The search's substring test agrees with the plain definition on short random keys over a
    /// small alphabet (many near misses), at every position including the ends.
    @Test func containsAgreesWithThePlainDefinition() {
        var x: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return Int(x % 1_000_000) }
        func plain(_ h: [UInt8], _ n: [UInt8]) -> Bool {
            n.isEmpty || (n.count <= h.count && (0...(h.count - n.count)).contains { Array(h[$0..<($0 + n.count)]) == n })
        }
        for _ in 0..<5_000 {
            let h = (0..<(next() % 12)).map { _ in UInt8(97 + next() % 3) }
            let n = (0..<(next() % 4)).map { _ in UInt8(97 + next() % 3) }
            #expect(TextPolicy.contains(h, n) == plain(h, n), "\(h) \(n)")
        }
    }

    @Test func namesSortTheDanishWay() {
        let names = ["Åse", "Zainab", "Ømer", "Æbla", "Şükran", "Sara", "amina", "Émilie", "Ebru"]
        let sorted = names.sorted { TextPolicy.danishSortKey($0).lexicographicallyPrecedes(TextPolicy.danishSortKey($1)) }
        #expect(sorted == ["amina", "Ebru", "Émilie", "Sara", "Şükran", "Zainab", "Æbla", "Ømer", "Åse"])
        // Danish collation beyond æøå (issue 22): "aa" is Å, Ä is Æ, Ö is Ø, Ü is Y, Ç is C, İ is I.
        let more = ["Aase", "Zainab", "Ülkü", "Ödül", "Ømer", "Äsha", "Æbla", "Çiğdem", "İpek", "Amina"]
        #expect(more.sorted { TextPolicy.danishSortKey($0).lexicographicallyPrecedes(TextPolicy.danishSortKey($1)) }
                == ["Amina", "Çiğdem", "İpek", "Ülkü", "Zainab", "Æbla", "Äsha", "Ödül", "Ømer", "Aase"])
        // A search for "aase" finds Åse, and "åse" finds Aase.
        #expect(TextPolicy.contains(TextPolicy.searchKey("Åse Nielsen"), TextPolicy.searchKey("aase")))
        #expect(TextPolicy.contains(TextPolicy.searchKey("Aase Nielsen"), TextPolicy.searchKey("åse")))
        // The one-pass comparison the roster sorts with agrees with the keys' order, pair by pair.
        for x in names + more + ["", "Amina", "Amina Hassan", "amina"] {
            for y in names + more + ["", "Amina", "Amina Hassan", "amina"] {
                let a = TextPolicy.danishSortKey(x), b = TextPolicy.danishSortKey(y)
                #expect((TextPolicy.compareKeys(a, b) < 0) == a.lexicographicallyPrecedes(b), "\(x) \(y)")
                #expect((TextPolicy.compareKeys(a, b) == 0) == (a == b), "\(x) \(y)")
            }
        }
    }
}

/// The conversations export made in pieces, as bytes, is `render`'s export byte for byte, in any
/// piece size and with either separator — a journal with removed, edited and followed-up ones.
@Suite struct ExportStreamTests {
    @Test func theStreamedConversationsExportIsTheRenderedOne() throws {
        let d = TempDir()
        let path = d.file("j.txt")
        let today = Day(year: 2026, month: 6, day: 1)!
        try DemoJournal(volunteers: 30, years: 2, seed: 5, firstYear: 2025, until: today).write(to: path)
        let store = try Store(path: path, actor: "k", clock: fixedClock)
        let live = store.state.conversations.filter { !$0.removed }
        try store.commit { _ in .removal(of: live[3].id) }
        var edited = live[5]
        edited.referrals = ReferralSet([.gp, .school]); edited.followUp = .used; edited.topics = TopicSet([.health, .digital, .family])
        try store.commit { _ in .conversationChanged(edited) }
        for separator: Character in [";", ","] {
            let rendered = Array(CSVExport.render(.conversations, state: store.state, separator: separator).utf8)
            for size in [1, 97, 1 << 18] {
                var streamed: [UInt8] = []
                var pieces = 0
                CSVExport.stream(.conversations, state: store.state, separator: separator,
                                 pieceSize: size) { streamed += $0; pieces += 1; return true }
                #expect(streamed == rendered, "separator \(separator), pieces of \(size)")
                if size == 97 { #expect(pieces > 10) }
            }
        }
        // A failed write stops the stream at once.
        var calls = 0
        CSVExport.stream(.conversations, state: store.state, pieceSize: 64) { _ in calls += 1; return false }
        #expect(calls == 1)
    }
}
