import Foundation
import PropertyBased
import Testing
@testable import BydelsmorCore

/// The index extended with what was appended equals the index built afresh.
@Suite struct IndexTests {
    func same(_ a: ProjectIndex, _ b: ProjectIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.status == b.status, sourceLocation: sourceLocation)
        #expect(a.roster == b.roster, sourceLocation: sourceLocation)
        #expect(a.byMonth.map(\.month) == b.byMonth.map(\.month) && a.byMonth.map(\.bucket) == b.byMonth.map(\.bucket), sourceLocation: sourceLocation)
        #expect(a.byTopic.map(\.bucket) == b.byTopic.map(\.bucket), sourceLocation: sourceLocation)
        #expect(a.byVolunteer.map(\.volunteer) == b.byVolunteer.map(\.volunteer) && a.byVolunteer.map(\.bucket) == b.byVolunteer.map(\.bucket), sourceLocation: sourceLocation)
    }

    @Test func anIndexExtendedByAppendedChangesEqualsAFreshOne() async {
        await propertyCheck(count: 10, input: Gen.int(in: 1...1_000), Gen.int(in: 5...95)) { seed, percent in
            let d = TempDir()
            let path = d.file("j.txt")
            try! DemoJournal(volunteers: 30, years: 2, seed: UInt64(seed), firstYear: 2025, until: Day(year: 2026, month: 6, day: 1)!).write(to: path)
            let all = bytes(path)
            let cut = all[..<(all[..<(all.count * percent / 100)].lastIndex(of: 10)! + 1)]
            try! Data(cut).write(to: URL(fileURLWithPath: path))
            let today = Day(year: 2026, month: 6, day: 1)!
            let store = try! Store(path: path, actor: "k", clock: fixedClock)
            let first = ProjectIndex(state: store.state, today: today, conversationEdits: store.conversationEdits)
            try! Data(all).write(to: URL(fileURLWithPath: path))
            try! store.refresh()
            // A conversation removed and one logged, as a coordinator would.
            if let c = store.state.conversations.first(where: { !$0.removed }) {
                try! store.commit { _ in .removal(of: c.id) }
            }
            let extended = ProjectIndex(state: store.state, today: today, previous: first, conversationEdits: store.conversationEdits)
            same(extended, ProjectIndex(state: store.state, today: today))
            if let v = store.state.volunteers.first(where: { $0.stage == .active || $0.stage == .graduated }) {
                let before = extended
                try! store.commit { s in .conversationLogged(Conversation(id: s.conversations.nextID, date: today, volunteer: v.id, contact: .school,
                                                                          topics: TopicSet([.health]), referral: .gp, minutes: 20)) }
                let again = ProjectIndex(state: store.state, today: today, previous: before, conversationEdits: store.conversationEdits)
                #expect(again.tally.edits == before.tally.edits)  // extended, not rebuilt
                same(again, ProjectIndex(state: store.state, today: today))
            }
        }
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

    @Test func namesSortTheDanishWay() {
        let names = ["Åse", "Zainab", "Ømer", "Æbla", "Şükran", "Sara", "amina", "Émilie", "Ebru"]
        let sorted = names.sorted { TextPolicy.danishSortKey($0).lexicographicallyPrecedes(TextPolicy.danishSortKey($1)) }
        #expect(sorted == ["amina", "Ebru", "Émilie", "Sara", "Şükran", "Zainab", "Æbla", "Ømer", "Åse"])
    }
}
