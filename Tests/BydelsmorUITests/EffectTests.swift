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

@Suite(.serialized) struct HoldInOneGoTests {
    /// Space chooses several women; h then sets hold, contract and consent for all of them as one
    /// change (issue 24), and one u takes it all back.
    @Test func hSetsHoldContractAndConsentForEveryChosenWomanAtOnce() throws {
        let f = try Fixture(empty: true)
        for n in ["Amina", "Fatma", "Hodan"] {
            try f.store.commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: n, phone: "", languages: ["da"],
                                                                      neighbourhood: "", notes: "")) }
        }
        try f.store.commit { s in .holdAdded(HoldFields(id: s.holds.nextID, name: "Hold 2026", start: Fixture.today, end: nil, place: "",
                                                        modules: 15)) }
        let app = f.app()
        app.refresh()
        keys(app, .char("4"), .char(" "), .down, .char(" "))
        let chosen = app.ui.roster.chosen
        #expect(chosen.count == 2)
        keys(app, .char("h"))
        guard case .form(let form)? = app.modal else { Issue.record("no form"); return }
        #expect(form.title.hasPrefix("2 bydelsmødre: "), "\(form.title)")
        keys(app, .right, .tab)
        type(app, "01.03.2026")
        keys(app, .enter)
        #expect(app.modal == nil, "\(formErrors(app))")
        for v in f.store.state.volunteers {
            let was = chosen.contains(v.id)
            #expect(v.hold == (was ? HoldID(1) : nil), "\(v.name)")
            #expect(v.contractSigned == (was ? Day(year: 2026, month: 3, day: 1) : nil), "\(v.name)")
            #expect(v.stage == (was ? .training : .candidate), "\(v.name)")
        }
        #expect(app.ui.roster.chosen.isEmpty)
        keys(app, .char("u"))
        #expect(f.store.state.volunteers.allSatisfy { $0.hold == nil && $0.contractSigned == nil })
    }
}

@Suite(.serialized) struct HerStepsTests {
    /// Her own steps (issue 26) are in her details in the roster, with her consent; never elsewhere.
    @Test func herDetailsSayHowManyStepsAndTheLatest() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Amina", phone: "", languages: ["da"],
                                                                  neighbourhood: "", notes: "")) }
        let app = f.app()
        app.refresh()
        keys(app, .char("4"), .enter)
        #expect(!app.render(width: 100, height: 30).text.contains("Skridt"), "no consent, no steps: nothing said")
        try f.store.commit { _ in .progressConsent(volunteer: 1, date: Day(year: 2026, month: 2, day: 1)!) }
        try f.store.commit { _ in .progressKind(token: "mentor",
                definition: ProgressKindDefinition(token: "mentor", da: "blevet mentor", en: "became a mentor")) }
        try f.store.commit { s in .progressAdded(ProgressStep(id: s.progressSteps.nextID, volunteer: 1, kind: .job,
                                                              date: Day(year: 2026, month: 3, day: 10)!)) }
        try f.store.commit { s in .progressAdded(ProgressStep(id: s.progressSteps.nextID, volunteer: 1, kind: .other,
                                                              date: Day(year: 2026, month: 3, day: 10)!, own: "mentor")) }
        app.refresh()
        let screen = app.render(width: 100, height: 30).text
        #expect(screen.contains("Skridt: 2 (senest blevet mentor 10.03.2026)"), "\(screen)")
    }
}
