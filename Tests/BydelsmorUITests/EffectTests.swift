import Foundation
import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

/// Sends keys the way TCA's TestStore does: after each key the whole `UIState` must equal the
/// state before it with exactly the changes named, and the effects it asked for are named too.
/// What the effects then change (the message after a write) is asserted the same way, whole.
struct KeyTester {
    let app: App

    func send(_ key: Key, effects: [Effect.Kind] = [], _ change: (inout UIState) -> Void = { _ in },
              after: ((inout UIState) -> Void)? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        var expected = app.ui
        expected.message = nil
        change(&expected)
        let journalBefore = FileManager.default.contents(atPath: app.store.path)
        let asked = app.reduce(key)
        #expect(asked.map(\.kind) == effects, sourceLocation: sourceLocation)
        #expect(app.ui == expected, "\(key): \(diff(expected, app.ui))", sourceLocation: sourceLocation)
        // Handling the key wrote nothing; only the effects may.
        #expect(FileManager.default.contents(atPath: app.store.path) == journalBefore, sourceLocation: sourceLocation)
        var afterEffects = app.ui
        for e in asked { app.run(e) }
        after?(&afterEffects)
        #expect(app.ui == afterEffects, "\(key) after its effects: \(diff(afterEffects, app.ui))", sourceLocation: sourceLocation)
    }

    func type(_ text: String, _ change: (inout UIState) -> Void = { _ in }) {
        for c in text { send(.char(c), change) }
    }

    /// The fields that differ, for a failure message.
    private func diff(_ a: UIState, _ b: UIState) -> String {
        let l = Mirror(reflecting: a).children, r = Mirror(reflecting: b).children
        return zip(l, r).filter { "\($0.value)" != "\($1.value)" }
            .map { "\($0.label ?? "?"): expected \($0.value), got \($1.value)" }.joined(separator: "; ")
    }
}

@Suite(.serialized) struct EffectTests {
    @Test func movingAndSearchingChangeOnlyWhatTheyName() throws {
        let f = try Fixture()
        let t = KeyTester(app: f.app())
        t.send(.char("4")) { $0.pane = .roster }
        t.send(.down) { $0.cursor[.roster] = 1 }
        t.send(.down) { $0.cursor[.roster] = 2 }
        t.send(.char("/")) { $0.searching = true }
        t.send(.char("a")) { $0.queries[.roster] = "a"; $0.cursor[.roster] = 0 }
        t.send(.backspace) { $0.queries[.roster] = nil }
        t.send(.enter) { $0.searching = false }
        t.send(.char("?")) { $0.showHelp = true }
        t.send(.char("x")) { $0.showHelp = false }
        t.send(.char("Z")) { $0.message = "Tasten Z gør ikke noget her; tryk ? for hjælp" }
    }

    @Test func aFormsSaveIsOneWriteEffectAndTheKeyItselfWritesNothing() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        let t = KeyTester(app: app)
        t.send(.char("4")) { $0.pane = .roster }
        t.send(.char("a"))
        guard case .form? = app.modal else { Issue.record("no form"); return }
        t.type("Zeynep")
        t.send(.enter, effects: [.write], after: { $0.message = "Gemt: Zeynep." })
        #expect(app.modal == nil)
        #expect(f.store.state.volunteers.map(\.name) == ["Zeynep"])
        t.send(.char("u"), effects: [.undo], after: { $0.message = "Fortrudt: Zeynep — Ctrl-R gentager" })
        #expect(f.store.state.volunteers.filter { !$0.removed }.isEmpty)
        t.send(.ctrl("r"), effects: [.redo], after: { $0.message = "Gentaget: gendannelse af bydelsmor Zeynep" })
        t.send(.char("q"), effects: [.quit])
        #expect(app.wantsQuit)
    }

    @Test func aRefusedWriteKeepsTheFormOpenWithTheReasonAtItsField() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        let t = KeyTester(app: app)
        t.send(.char("4")) { $0.pane = .roster }
        t.send(.char("a"))
        t.type("Zeynep")
        t.send(.enter, effects: [.write], after: { $0.message = "Gemt: Zeynep." })
        t.send(.char("a"))
        t.type("Zeynep")
        // A second woman of the same name is refused by the store's rule: nothing written, the form stays.
        let before = journal(f.store)
        t.send(.enter, effects: [.write])
        #expect(journal(f.store) == before)
        #expect(!formErrors(app).isEmpty, "the form shows why")
    }

    @Test func aWritingKeyInAReadOnlyProgramAsksForNothing() throws {
        let f = try Fixture()
        let ro = try Store(path: f.store.path, readOnly: true, actor: "x")
        let t = KeyTester(app: App(store: ro, lang: .da, today: Fixture.today))
        t.send(.char("4")) { $0.pane = .roster }
        t.send(.char("u")) { $0.message = "Kun læsning" }
        t.send(.char("a")) { $0.message = "Kun læsning" }
    }
}
