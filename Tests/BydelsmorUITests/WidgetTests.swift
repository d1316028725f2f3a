import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

@Suite struct WidgetTests {
    @Test func displayWidthIsComputedNotAssumed() {
        #expect(Text.width("æøå ÆØÅ") == 7)
        #expect(Text.width("日本") == 4)
        #expect(Text.width("e\u{301}") == 1)
        #expect(Text.width("Şükran") == 6)
        #expect(Text.width("مريم") == 4)
        #expect(Text.width("👍") == 2)
    }

    @Test func namesWithWideLettersLineUpInColumns() {
        var g = Grid(width: 12, height: 3)
        for (i, name) in ["Åse", "日本子", "Zeynep"].enumerated() {
            g.put(Text.pad(name, 8) + "|", x: 0, y: i)
        }
        #expect(g.lines == ["Åse     |   ", "日本子  |   ", "Zeynep  |   "])
    }

    @Test func controlCharactersNeverReachTheScreenRaw() {
        var g = Grid(width: 20, height: 1)
        g.put("A\u{1B}[2J\u{7}B\u{202E}C", x: 0, y: 0)
        #expect(g.lines[0] == "A�[2J�BC            ")
        #expect(!g.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func truncatesWithAnEllipsisByDisplayWidth() {
        #expect(Text.truncate("Forplejning og mad", to: 10) == "Forplejni…")
        #expect(Text.truncate("日本日本日本", to: 5) == "日本…")
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var g = Grid(width: 5, height: 1)
        g.put("ab日本", x: 0, y: 0)
        #expect(g.lines == ["ab日 "])
    }

    @Test func progressBar() {
        var g = Grid(width: 10, height: 1)
        Widgets.progress(&g, x: 0, y: 0, width: 10, done: 3, total: 5)
        #expect(g.lines == ["██████░░░░"])
    }

    @Test func gaugeShowsThePlannedRangeOnTheBar() {
        var g = Grid(width: 27, height: 3)
        Widgets.gauge(&g, x: 0, y: 0, width: 27, spent: .zero, low: Money(kroner: 43_000), high: Money(kroner: 56_500))
        Widgets.gauge(&g, x: 0, y: 1, width: 27, spent: Money(kroner: 30_000), low: Money(kroner: 43_000), high: Money(kroner: 56_500))
        Widgets.gauge(&g, x: 0, y: 2, width: 27, spent: Money(kroner: 60_000), low: Money(kroner: 43_000), high: Money(kroner: 56_500))
        // 43.000–56.500 kr. on a scale to 56.500 × 1,08: the range is columns 19–25.
        #expect(g.lines == [
            "░░░░░░░░░░░░░░░░░░░▒▒▒▒▒▒▒░",
            "█████████████░░░░░░▒▒▒▒▒▒▒░",
            "█████████████████▌█████▌█░░",
        ])
        #expect(g[24, 2].role == .gaugeOver)
        #expect(g[20, 2].role == .gaugeFill)
    }

    @Test func monthViewHasIsoWeeksMondayFirstAndMarksDays() throws {
        let f = try Fixture(empty: true)
        let app = App(store: f.store, lang: .da, today: Day(year: 2027, month: 3, day: 3)!)
        app.ui.calendar.day = Day(year: 2027, month: 3, day: 29)!
        var g = Grid(width: 26, height: 9)
        app.frame().drawMonth(&g, g.bounds)
        #expect(g.lines == [
            "       marts 2027        ",
            "uge ma ti on to fr lø sø  ",
            "  9  1  2  3  4  5  6  7  ",
            " 10  8  9 10 11 12 13 14  ",
            " 11 15 16 17 18 19 20 21  ",
            " 12 22 23 24 25*26*27 28* ",
            " 13 29*30 31              ",
            " 14                       ",
            "• modulgang  * helligdag",
        ].map { Text.pad($0, 26) })
        #expect(g[11, 2].role == .today)       // Wednesday 3 March
        #expect(g[5, 6].role == .selected)     // Monday 29 March
        #expect(g[14, 5].role == .holiday)     // Skærtorsdag, 25 March
    }
}

@Suite struct DiffTests {
    /// Applying the changes to the old frame must give the new frame exactly, for any two frames.
    @Test func changesTurnTheLastFrameIntoTheNextOne() {
        var rng = SplitMix64(seed: 9)
        let glyphs = ["a", "b", " ", "ø", "日", "█", "·"]
        func random(_ w: Int, _ h: Int) -> Grid {
            var g = Grid(width: w, height: h)
            for y in 0..<h {
                var x = 0
                while x < w {
                    let t = glyphs[Int(rng.next() % UInt64(glyphs.count))]
                    x += g.put(t, x: x, y: y, rng.next() % 4 == 0 ? .selected : .normal)
                    if rng.next() % 3 == 0 { x += 1 + Int(rng.next() % 5) }
                }
            }
            return g
        }
        for _ in 0..<300 {
            let old = random(17, 3)
            var next = old
            // change a few cells
            for _ in 0..<Int(rng.next() % 6) {
                next.put(glyphs[Int(rng.next() % UInt64(glyphs.count))], x: Int(rng.next() % 17), y: Int(rng.next() % 3))
            }
            var applied = old
            for span in next.changes(from: old) {
                for (i, c) in span.cells.enumerated() { applied[span.x + i, span.y] = c }
            }
            #expect(applied == next)
            for span in next.changes(from: old) { #expect(!span.cells[0].isContinuation) }
        }
    }
}

@Suite struct KeyTests {
    func run(_ keys: [Key], width: Int = 80, height: Int = 24) throws -> (App, MemoryTerminal) {
        let f = try Fixture()
        let app = f.app()
        let term = MemoryTerminal(width: width, height: height, keys: keys)
        RunLoop.run(app, on: term)
        _ = f
        return (app, term)
    }

    @Test func tabAndShiftTabWalkThePanes() throws {
        let (app, _) = try run([.tab, .tab, .tab, .backTab])
        #expect(app.ui.pane == .calendar)
        let (app2, _) = try run([.backTab])
        #expect(app2.ui.pane == .conversations)
    }

    @Test func qQuitsAndCtrlCToo() throws {
        let (app, term) = try run([.char("q"), .char("2")])
        #expect(app.wantsQuit)
        #expect(term.keys == [.char("2")])
        let (app2, _) = try run([.ctrl("c")])
        #expect(app2.wantsQuit)
    }

    @Test func searchFiltersTheRosterAndEscClearsIt() throws {
        let (app, term) = try run([.char("4"), .char("/"), .char("h"), .char("a"), .char("s"), .enter])
        let shown = app.rosterRows()
        #expect(!shown.isEmpty)
        #expect(shown.allSatisfy { ($0.name + $0.neighbourhood + $0.stage.label(.da)).lowercased().contains("has") })
        #expect(term.screen.contains("/has"))
        app.handle(.escape)
        #expect(app.rosterRows().count == app.index.roster.count)
    }

    /// Typed on, erased and typed again, the search narrows what the last one found and still
    /// shows exactly the rows the whole roster would give.
    @Test func aSearchTypedCharacterByCharacterShowsWhatTheWholeRosterGives() throws {
        let (app, _) = try run([.char("4"), .char("/")])
        func expected() -> [VolunteerID] {
            let q = TextPolicy.searchKey(app.ui.query)
            return app.rosterRows(unfiltered: true).filter { TextPolicy.contains($0.searchKey, q) }.map(\.id)
        }
        for key: Key in [.char("a"), .char("h"), .backspace, .char("m"), .char("i"), .backspace, .backspace, .char("y"), .char("ı"),
                         .char("l")] {
            app.handle(key)
            #expect(app.rosterRows().map(\.id) == expected(), "\(app.ui.query)")
        }
    }

    @Test func sortingCyclesThroughTheColumns() throws {
        let (app, _) = try run([.char("4"), .char("s"), .char("s")])
        #expect(app.ui.roster.sort == .modules)
        let rows = app.rosterRows()
        #expect(rows.map(\.modulesAttended) == rows.map(\.modulesAttended).sorted(by: >))
    }

    @Test func onlyChangedCellsAreWritten() throws {
        let (_, term) = try run([.char("4"), .down])
        #expect(term.frames.count == 3)
        #expect(term.writtenPerFrame[0] == 80 * 24)
        // Moving the cursor one row rewrites about two rows, not the screen.
        #expect(term.writtenPerFrame[2] <= 3 * 80, "moving the cursor wrote \(term.writtenPerFrame[2]) cells")
    }

    /// Random keys — moving, editing, confirming, undoing, pasting, quitting — at every size: the
    /// program never crashes, and whatever the keys wrote is a valid journal whose replay is exactly
    /// the state the program holds.
    @Test func aBurstOfRandomKeysAtEverySizeNeverCrashesAndLeavesAValidJournal() throws {
        var rng = SplitMix64(seed: 42)
        let all: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .enter, .escape, .tab, .backTab,
                          .backspace, .delete, .ctrl("u"), .ctrl("r"), .ctrl("c"), .function(5), .paste("Zara\ndj"), .paste("17:00")]
            + "123456?/sgGtvhjkl[]xæ日 aaeedduumcfnD>tpyjq0129.,-".map { .char($0) }
            // Every key of every table, so a new binding is exercised the day it is added.
            + Keymap.table.flatMap(\.keys) + Keymap.dialogs.values.flatMap { $0.flatMap(\.keys) }
        let f = try Fixture()
        let linesBefore = f.store.lineCount
        var quits = 0
        for (w, h) in [(80, 24), (1, 1), (0, 0), (20, 5), (60, 18), (200, 60)] {
            var app = f.app()
            for _ in 0..<1200 {
                let k = all[Int(rng.next() % UInt64(all.count))]
                if !app.handle(k) {
                    #expect(k == .char("q") || k == .ctrl("c"))
                    quits += 1
                    app = f.app()
                }
                _ = app.render(width: w, height: h)
            }
        }
        #expect(quits > 0)
        let check = try Store.check(path: f.store.path)
        #expect(check.problems.isEmpty, "\(check.problems.first?.text(.da) ?? "")")
        try f.store.refresh()
        let fresh = try Store(path: f.store.path, readOnly: true, actor: "x").state
        #expect(fresh == f.store.state)
        if fresh != f.store.state {
            let a = fresh, b = f.store.state
            Issue.record("differs: phases \(a.phases == b.phases) milestones \(a.milestones == b.milestones) sessions \(a.sessions == b.sessions) volunteers \(a.volunteers == b.volunteers) conv \(a.conversations == b.conversations) partners \(a.partners == b.partners) lines \(a.budgetLines == b.budgetLines) expenses \(a.expenses == b.expenses) hours \(a.hours == b.hours) holds \(a.holds == b.holds) min \(a.diplomaMinimum == b.diplomaMinimum)")
            for (x, y) in zip(a.sessions, b.sessions) where x != y { Issue.record("\(x)\n\(y)"); break }
            for (x, y) in zip(a.volunteers, b.volunteers) where x != y { Issue.record("\(x)\n\(y)"); break }
        }
        #expect(f.store.lineCount > linesBefore, "the keys wrote nothing")
    }
}
