import Testing
@testable import BydelsmorCore

/// "Det skal gøres nu": each kind of thing to see to, found from the journal alone.
@Suite struct AttentionTests {
    let dir = TempDir()

    func day(_ m: Int, _ d: Int) -> Day { Day(year: 2027, month: m, day: d)! }

    @Test func everyKindIsFoundAndNothingElse() throws {
        let s = try newStore(dir)
        let today = day(3, 10)
        let amina = try s.addVolunteer("Amina Hassan"), bodil = try s.addVolunteer("Bodil Yılmaz"), chra = try s.addVolunteer("Chra Ali")
        try s.commit { _ in .holdAdded(HoldFields(id: 0, name: "Hold 2027", start: self.day(1, 1))) }
        for v in [amina, bodil] {
            try s.commit { _ in .volunteerHold(id: v, hold: 1) }
            try s.commit { _ in .volunteerStage(id: v, stage: .training) }
        }
        // Two held sessions: Bodil at neither; a past one never settled; one held without attendance; one next week.
        func session(_ m: Int, _ d: Day) throws -> SessionID {
            let r = try s.commit { _ in .sessionScheduled(SessionFields(id: 0, module: m, date: d, start: ClockTime("17:00")!,
                                                                        end: ClockTime("20:00")!, place: "Biblioteket", hold: 1)) }
            guard case .sessionScheduled(let f) = r.entry.event else { fatalError() }
            return f.id
        }
        for (m, d) in [(1, day(2, 2)), (2, day(2, 9))] {
            let id = try session(m, d)
            try s.commit { _ in .attendanceMarked(session: id, volunteer: amina, mark: .present) }
            try s.commit { _ in .attendanceMarked(session: id, volunteer: bodil, mark: .absent) }
            try s.commit { _ in .sessionStatus(id: id, status: .held) }
        }
        let open = try session(3, day(2, 16))
        let bare = try session(4, day(2, 23))
        try s.commit { _ in .sessionStatus(id: bare, status: .held) }
        let soon = try session(5, day(3, 16))
        _ = try session(6, day(3, 30))  // beyond the week: not listed
        // An active mother without consent, contract or conversations; a milestone overdue.
        try s.commit { _ in .volunteerStage(id: chra, stage: .active) }
        try s.commit { _ in .milestoneDue(id: 1, date: self.day(3, 1)) }
        try s.commit { _ in .milestoneDue(id: 2, date: self.day(4, 1)) }
        let items = Attention.items(s.state, today: today, .da)
        let kinds = items.map { "\($0.kind.rawValue) \($0.id)" }
        #expect(kinds.contains("session-open s\(open)"))
        #expect(kinds.contains("attendance-missing s\(bare)"))
        #expect(kinds.contains("upcoming s\(soon)"))
        #expect(!kinds.contains { $0.hasPrefix("upcoming") && $0 != "upcoming s\(soon)" })
        #expect(kinds.contains("missed-two v\(bodil)") && !kinds.contains("missed-two v\(amina)"))
        #expect(kinds.contains("milestone-overdue m1") && !kinds.contains("milestone-overdue m2"))
        #expect(kinds.contains("paperwork v\(chra)") && kinds.contains("paperwork v\(amina)"))
        #expect(kinds.contains("quiet v\(chra)"))
        #expect(items.first { $0.kind == .upcoming }?.text == "modul 5 ti 16.03. 17:00, Biblioteket · 2 kvinder at minde")
        #expect(items.first { $0.kind == .missedTwo }?.since == day(2, 2))
        // Settled, they go.
        try s.commit { _ in .sessionStatus(id: open, status: .cancelled) }
        try s.commit { _ in .milestoneChecked(id: 1, done: true) }
        try s.commit { _ in .conversationLogged(Conversation(id: 0, date: self.day(3, 9), volunteer: chra, contact: .network,
                                                             topics: TopicSet([.school]), referral: .none, minutes: 20)) }
        let after = Attention.items(s.state, today: today, .da).map { "\($0.kind.rawValue) \($0.id)" }
        #expect(!after.contains("session-open s\(open)") && !after.contains("milestone-overdue m1") && !after.contains("quiet v\(chra)"))
        // The due date survives a restart (journal and snapshot).
        #expect(try newStore(dir).state.milestones[1].due == day(4, 1))
    }
}

extension AttentionTests {
    /// The index's running latest-conversation days give the same list as reading every conversation.
    @Test func theIndexsLastConversationDaysGiveTheSameList() throws {
        let dir = TempDir()
        let path = dir.file("demo.txt")
        try DemoJournal(volunteers: 60, years: 2, seed: 5, firstYear: 2025, until: Day(year: 2026, month: 9, day: 1)!).write(to: path)
        let s = try Store(path: path, actor: "test", clock: fixedClock)
        // Months after the journal ends: mothers without conversations, sessions left unsettled.
        let today = Day(year: 2026, month: 12, day: 1)!
        let index = ProjectIndex(state: s.state, today: today)
        let quick = Attention.items(s.state, today: today, .da, lastConversation: index.tally.lastDate)
        let slow = Attention.items(s.state, today: today, .da)
        #expect(quick == slow)
        #expect(slow.contains { $0.kind == .quiet })
    }
}

extension AttentionTests {
    @Test func namesakesAreToldApartAndTheTextListStopsAtFifteen() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        for _ in 0..<2 { try s.addVolunteer("Asma Farah") }
        for i in 0..<18 { try s.addVolunteer("Kvinde \(i)") }
        for id in 1...20 { try s.commit { _ in .volunteerStage(id: VolunteerID(id), stage: .active) } }
        let items = Attention.items(s.state, today: Day(year: 2027, month: 6, day: 1)!, .da)
        #expect(items.contains { $0.text.hasPrefix("Asma Farah (v1)") } && items.contains { $0.text.hasPrefix("Asma Farah (v2)") })
        #expect(!items.contains { $0.text.hasPrefix("Kvinde 3 (") })
        var st = ProjectStatus(state: s.state, today: Day(year: 2027, month: 6, day: 1)!)
        st.attention = items
        let text = StatusFormat.text.render(st, lang: .da)
        // Twenty of a kind are one line on a glance (issue 24); JSON keeps each.
        #expect(text.contains("20 bydelsmødre mangler samtykke eller kontrakt") && text.contains("20 aktive bydelsmødre uden samtale den seneste måned"), "\(text)")
        #expect(!text.contains("Asma Farah"))
        let grouped = Attention.grouped(items, .da)
        #expect(grouped.count == items.count - 38)
        let json = StatusFormat.json.render(st, lang: .da)
        #expect(json.components(separatedBy: "\"kind\":").count - 1 == items.count)
    }
}
