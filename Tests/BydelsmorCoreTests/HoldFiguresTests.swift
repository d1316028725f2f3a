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
            try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: m, date: old.adding(days: 7 * (m - 1)), start: t, end: e, place: "X", hold: 1)) }
            try s.commit { st in .sessionStatus(id: st.sessions.lastID, status: .held) }
        }
        for m in [5, 6] {
            try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: m, date: new.adding(days: 7 * m), start: t, end: e, place: "X", hold: 2)) }
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
}
