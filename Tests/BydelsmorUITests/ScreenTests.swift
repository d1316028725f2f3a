import Foundation
import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

/// A fixed, fictitious project (demo seed 3) seen on a fixed day, so screens are exact.
final class Fixture {
    let dir: String
    let store: Store
    static let today = Day(year: 2026, month: 3, day: 10)!

    init(volunteers: Int = 24, empty: Bool = false) throws {
        dir = NSTemporaryDirectory() + "bydelsmor-ui-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/journal.txt"
        if empty {
            try Store.createJournal(path: path, clock: { Timestamp("2026-01-05T08:00:00Z")! })
        } else {
            try DemoJournal(volunteers: volunteers, years: 2, seed: 3, firstYear: 2025, until: Fixture.today).write(to: path)
        }
        store = try Store(path: path, actor: "test", clock: { Timestamp("2026-03-10T12:00:00Z")! })
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func app(_ lang: Lang = .da) -> App { App(store: store, lang: lang, today: Fixture.today) }
}

/// Compares a screen with its recorded text file, and its style roles with the recorded roles file
/// (`NAME.roles.txt`, one letter a cell: S selected, W warning, d dim, …; see `StyleRole.letter`), so
/// a lost selection or a warning drawn as plain text fails too. BYDELSMOR_RECORD=1 writes the files.
func expectScreen(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")
    for (file, actual) in [(dir.appendingPathComponent(name + ".txt"), grid.text + "\n"),
                           (dir.appendingPathComponent(name + ".roles.txt"), grid.roleText + "\n")] {
        if ProcessInfo.processInfo.environment["BYDELSMOR_RECORD"] == "1" {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            continue
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no recorded screen \(file.path); run with BYDELSMOR_RECORD=1 and review it", sourceLocation: sourceLocation)
            continue
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false), a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record("\(file.lastPathComponent) differs from the recording at line \(firstDiff + 1):\n- \(firstDiff < e.count ? e[firstDiff] : "")\n+ \(firstDiff < a.count ? a[firstDiff] : "")\n\(grid.text)\n\(grid.roleText)", sourceLocation: sourceLocation)
        }
    }
}

@Suite(.serialized) struct ScreenTests {
    static let sizes = [(80, 24), (120, 40), (60, 18)]

    @Test(arguments: Pane.allCases)
    func everyPaneAtEverySize(pane: Pane) throws {
        let f = try Fixture()
        for (w, h) in ScreenTests.sizes {
            let app = f.app()
            app.handle(.char(Character(String(pane.rawValue))))
            expectScreen(app.render(width: w, height: h), "\(pane.rawValue)-\(pane)-\(w)x\(h)")
        }
    }

    @Test func overviewOfANewProjectInEnglish() throws {
        let f = try Fixture(empty: true)
        expectScreen(f.app(.en).render(width: 80, height: 24), "overview-new-en-80x24")
    }

    @Test func helpIsMadeFromTheKeyTable() throws {
        let f = try Fixture()
        let app = f.app()
        app.handle(.char("4")); app.handle(.char("?"))
        expectScreen(app.render(width: 80, height: 24), "help-roster-80x24")
        let tall = app.render(width: 120, height: 80).text
        for b in Keymap.bindings(in: .roster) { #expect(tall.contains(b.da), "help lacks \(b.da)") }
        // Dialog keys too, from the same tables that drive the dialogs.
        for mode in Mode.allCases { #expect(tall.contains(mode.title(.da)), "help lacks \(mode)") }
        app.handle(.pageDown)
        #expect(app.ui.showHelp)
        expectScreen(app.render(width: 80, height: 24), "help-roster-scrolled-80x24")
        app.handle(.char("x"))
        #expect(!app.ui.showHelp)
    }

    @Test func volunteerDetail() throws {
        let f = try Fixture()
        let app = f.app()
        for k: Key in [.char("4"), .down, .down, .enter] { app.handle(k) }
        expectScreen(app.render(width: 80, height: 24), "roster-detail-80x24")
    }

    @Test func conversationsBehindAFigure() throws {
        let f = try Fixture()
        let app = f.app()
        for k: Key in [.char("6"), .char("v"), .enter] { app.handle(k) }
        expectScreen(app.render(width: 100, height: 30), "conversations-topic-list-100x30")
    }

    @Test func calendarMovesByDayWeekAndMonth() throws {
        let f = try Fixture()
        let app = f.app()
        for k: Key in [.char("3"), .right, .down, .pageDown] { app.handle(k) }
        #expect(app.ui.calendar.day == Day(year: 2026, month: 4, day: 18)!)
        expectScreen(app.render(width: 80, height: 24), "calendar-april-80x24")
        app.handle(.char("t"))
        #expect(app.ui.calendar.day == Fixture.today)
    }

    @Test func tooSmallAWindowAsksForMore() throws {
        let f = try Fixture()
        expectScreen(f.app().render(width: 40, height: 10), "too-small-40x10")
    }

    @Test func aJournalWithABadLineOpensReadOnlyAndSaysWhere() throws {
        let f = try Fixture(empty: true)
        let h = FileHandle(forWritingAtPath: f.store.path)!
        h.seekToEndOfFile(); h.write(Data("2026-03-01T10:00:00Z k volunteer.added id=v7 name=\"X\"\n".utf8)); h.closeFile()
        let store = try Store(path: f.store.path, actor: "x")
        let app = App(store: store, lang: .da, today: Fixture.today)
        let text = app.render(width: 300, height: 24).text
        #expect(text.contains("KUN LÆSNING — fejl i journalen: \(f.store.path):43:43: v7 er ikke det næste id"))
    }
}
