import Foundation
import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

/// The defects a new coordinator hit in a first month (issue "The coordinator's week", part A), each
/// checked as she met it.
@Suite struct WeekDefectTests {
    @Test func searchFromTheOverviewLooksForAVolunteerAndTypedTextNeverRunsCommands() throws {
        let f = try Fixture()
        try f.store.commit { _ in .hoursLogged(HoursEntry(id: 0, date: Fixture.today, hours: Hours(hundredths: 100))) }
        let app = f.app()
        let lines = f.store.lineCount
        keys(app, .char("1"), .char("/")); type(app, "modul")
        // "u" in "modul" undid an hours entry once: now it is text in the search line.
        #expect(f.store.lineCount == lines)
        #expect(app.ui.pane == .roster && app.ui.searching && app.ui.query == "modul")
        keys(app, .escape)
        #expect(app.ui.query.isEmpty)
    }

    @Test func noFigureIsEverCutAtTheSizesPeopleUse() throws {
        let f = try Fixture()
        let app = f.app()
        for (w, h) in [(80, 24), (120, 40)] {
            for pane in Pane.allCases {
                app.ui.pane = pane
                let text = app.render(width: w, height: h).text
                // A digit (or a unit right after one) followed by the ellipsis is a cut number.
                for line in text.split(separator: "\n") {
                    let cut = line.range(of: #"[0-9][0-9.,–-]*…"#, options: .regularExpression)
                    #expect(cut == nil, "pane \(pane) at \(w)×\(h) cuts a figure: \(line)")
                }
            }
        }
    }

    @Test func meaningIsNeverCarriedByColourAlone() throws {
        let f = try Fixture()
        let app = f.app()
        keys(app, .char("4"))
        let text = app.render(width: 100, height: 30).text
        #expect(text.contains("✓ kan få diplom") && !text.contains("grøn"))
        let eligible = app.index.roster.filter(\.eligible).count
        #expect(eligible > 0)
        #expect(text.components(separatedBy: "/15✓").count - 1 >= min(eligible, 20))
    }

    @Test func ctrlCInAChangedFormAsksLikeEsc() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("4"), .char("a")); type(app, "Amina")
        keys(app, .ctrl("c"))
        guard case .form(let form)? = app.modal else { Issue.record("the form was thrown away"); return }
        #expect(form.message?.contains("Esc igen kasserer") == true)
        #expect(!app.wantsQuit)
        keys(app, .ctrl("c"))
        #expect(app.modal == nil ? true : false)
        #expect(f.store.state.volunteers.isEmpty)
    }

    @Test func helpListsAKeyOnceAndHintsOnlyWhatWorks() throws {
        let f = try Fixture()
        let app = f.app()
        keys(app, .char("3"), .char("?"))
        var text = ""
        for _ in 0..<6 { text += app.render(width: 100, height: 60).text; keys(app, .pageDown) }
        let pgUp = Keymap.bindings(in: .calendar).filter { $0.keys.contains(.pageUp) }
        #expect(pgUp.count == 1 && pgUp[0].action == .previousMonth)
        keys(app, .escape, .char("4"), .enter)
        let detail = app.render(width: 100, height: 30).text
        #expect(!detail.contains("s sortér"))
    }

    @Test func twoVolunteersOfTheSameNameAreToldApart() throws {
        let f = try Fixture(empty: true)
        for _ in 0..<2 { try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 0, name: "Asma Farah")) } }
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 0, name: "Bodil")) }
        let app = f.app()
        keys(app, .char("4"))
        let text = app.render(width: 80, height: 24).text
        #expect(text.contains("Asma Farah (v1)") && text.contains("Asma Farah (v2)") && !text.contains("Bodil (v3)"))
    }

    @Test func messagesSayWhatHappenedInPeoplesWords() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .expenseAdded(Expense(id: 0, date: Fixture.today, line: "forplejning", amount: Money(ore: 125_000))) }
        let app = f.app()
        keys(app, .char("u"))
        #expect(app.ui.message == "Fortrudt: udgift 1.250,00 kr. til forplejning, nye hold — Ctrl-R gentager" || app.ui.message?.hasPrefix("Fortrudt: udgift 1.250,00 kr. til forplejning") == true, "\(app.ui.message ?? "")")
        #expect(app.ui.message?.contains("expense.") == false && app.ui.message?.contains("linje") == false)
    }
}
