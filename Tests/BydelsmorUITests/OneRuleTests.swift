import Foundation
import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

/// Rules written once (issue 20): the row highlighted is the row a key acts on, and a change that
/// changes nothing is not written.
@Suite struct OneRuleTests {
    @Test func afterAnotherTerminalRemovesAWomanTheHighlightedRowIsTheOneEdited() throws {
        let f = try Fixture(empty: true)
        for n in ["Amina", "Bodil", "Cemile"] { try f.store.commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: n)) } }
        let app = f.app()
        keys(app, .char("4"), .down, .down)
        // Another terminal removes the last woman; the list shrinks under the cursor.
        let other = try Store(path: f.store.path, actor: "b")
        try other.commit { _ in .removed(.volunteer, id: 3) }
        _ = app.refresh()
        let screen = app.render(width: 80, height: 24)
        keys(app, .char("e"))
        guard case .form(let form)? = app.modal else { Issue.record("e did nothing on the highlighted row"); return }
        #expect(form.title == "Ret Bodil", "\(form.title)")
        #expect(screen.text.contains("Bodil"))
    }

    @Test func markingASessionHeldTwiceWritesOnce() throws {
        let f = try Fixture(empty: true)
        let d = Fixture.today.adding(days: -2)
        try f.store.commit { _ in .sessionScheduled(SessionFields(id: 0, module: 1, date: d, start: ClockTime("17:00")!,
                                                                  end: ClockTime("20:00")!, place: "X")) }
        try f.store.commit { _ in .sessionStatus(id: 1, status: .held) }
        let lines = f.store.lineCount, sequence = f.store.state.sessions[0].sequence
        var said: Message?
        do { try f.store.commit { _ in .sessionStatus(id: 1,
                status: .held) } } catch let e as StoreError { if case .refused(let m) = e { said = m } }
        #expect(said?.da.hasPrefix("intet at ændre: ") == true, "\(String(describing: said))")
        #expect(f.store.lineCount == lines && f.store.state.sessions[0].sequence == sequence)
    }
}

@Suite struct ReadOnlyGuardTests {
    /// Every key that writes is marked so in the one key table, and a read-only program refuses
    /// each of them without writing: a new writing key cannot slip past the guard.
    @Test func everyWritingKeyIsRefusedWhenReadOnly() throws {
        let f = try Fixture()
        let ro = try Store(path: f.store.path, readOnly: true, actor: "x")
        let before = FileManager.default.contents(atPath: f.store.path)
        for pane in Pane.allCases {
            for b in Keymap.bindings(in: pane) where b.changes {
                let app = App(store: ro, lang: .da, today: Fixture.today)
                app.handle(.char(Character(String(pane.rawValue))))
                for k in b.keys { app.handle(k) }
                #expect(app.modal == nil, "\(pane) \(b.keys) opened a dialog in a read-only program")
                #expect(app.ui.message?.contains("læs") == true, "\(pane) \(b.keys): \(app.ui.message ?? "no message")")
            }
        }
        #expect(FileManager.default.contents(atPath: f.store.path) == before)
        // Choosing is not changing: Space in the roster works read-only.
        #expect(!Keymap.changesData(.toggle, in: .roster) && Keymap.changesData(.toggle, in: .phases))
    }
}
