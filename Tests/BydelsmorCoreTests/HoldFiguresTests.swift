import Foundation
import Testing
@testable import BydelsmorCore

/// Each hold on its own (issue 25): an earlier hold's sessions never make this year's modules held.
@Suite struct HoldFiguresTests {
    @Test func cancellingANewHoldsSessionNeverRaisesModulesHeld() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        let old = Day(year: 2026, month: 2, day: 3)!, new = Day(year: 2027, month: 2, day: 2)!
        try s.commit { _ in .holdAdded(HoldFields(id: 0, name: "Hold 2026", start: old, end: Day(year: 2026, month: 6, day: 30)!)) }
        try s.commit { _ in .holdAdded(HoldFields(id: 0, name: "Hold 2027", start: new)) }
        let t = ClockTime(hour: 17, minute: 0)!, e = ClockTime(hour: 20, minute: 0)!
        for m in 1...15 {
            try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: m, date: old.adding(days: 7 * (m - 1)),
                                                                 start: t, end: e, place: "X", hold: 1)) }
            try s.commit { st in .sessionStatus(id: st.sessions.lastID, status: .held) }
        }
        for m in [5, 6] {
            try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: m, date: new.adding(days: 7 * m), start: t,
                                                                 end: e, place: "X", hold: 2)) }
        }
        try s.commit { _ in .sessionStatus(id: 16, status: .cancelled) }
        try s.commit { _ in .sessionStatus(id: 17, status: .cancelled) }
        let today = Day(year: 2027, month: 3, day: 1)!
        let st = ProjectStatus(state: s.state, today: today)
        #expect(st.currentHold?.name == "Hold 2027")
        #expect(st.modulesHeld == 0, "an earlier hold's module 5 counted for this year's hold")
        #expect(StatusFormat.text(st, .da).contains("moduler afholdt (Hold 2027): 0/15"))
        #expect(s.state.status(ofModule: 5, hold: 2) == .cancelled)
        #expect(s.state.status(ofModule: 5, hold: 1) == .held)
        #expect(st.holds.map(\.modulesHeld) == [15, 0])
    }

    /// In March, with Hold 2026 at 5 of 15 modules, no screen says the training is done, even when
    /// phase 2 was ticked off for the first hold.
    @Test func theTrainingIsNeverDoneWhileAHoldIsInIt() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        try s.commit { _ in .phaseStatus(number: 2, status: .done) }
        try s.commit { _ in .phaseStatus(number: 3, status: .active) }
        let start = Day(year: 2026, month: 1, day: 6)!
        try s.commit { _ in .holdAdded(HoldFields(id: 0, name: "Hold 2026", start: start)) }
        let t = ClockTime(hour: 17, minute: 0)!, e = ClockTime(hour: 20, minute: 0)!
        for m in 1...5 {
            try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: m, date: start.adding(days: 7 * m),
                                                                 start: t, end: e, place: "X", hold: 1)) }
            try s.commit { st in .sessionStatus(id: st.sessions.lastID, status: .held) }
        }
        let st = ProjectStatus(state: s.state, today: Day(year: 2026, month: 3, day: 10)!)
        let two = try #require(st.phases.first { $0.number == 2 })
        #expect(two.status == .active && two.holds.map(\.name) == ["Hold 2026"])
        let text = StatusFormat.text(st, .da)
        #expect(text.contains("2. Grunduddannelse (15 moduler): i gang") && text.contains("Hold 2026: under uddannelse, 5/15 moduler"),
                "\(text)")
        #expect(!text.contains("afsluttet"))
    }
}
