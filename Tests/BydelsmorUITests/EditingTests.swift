import Foundation
import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

func type(_ app: App, _ text: String) { for c in text { app.handle(.char(c)) } }
func keys(_ app: App, _ ks: Key...) { for k in ks { app.handle(k) } }
func journal(_ store: Store) -> Data { FileManager.default.contents(atPath: store.path) ?? Data() }

func formErrors(_ app: App) -> [String] {
    guard case .form(let f)? = app.modal else { return [] }
    return f.fields.compactMap(\.error) + (f.message.map { [$0] } ?? [])
}

@Suite(.serialized) struct EditingTests {
    @Test func lineEditorEditsAsAPersonExpects() {
        var e = LineEditor("Amna")
        _ = e.handle(.left); _ = e.handle(.left)
        _ = e.handle(.char("i"))
        #expect(e.text == "Amina")
        _ = e.handle(.home); _ = e.handle(.delete); _ = e.handle(.char("Å"))
        #expect(e.text == "Åmina")
        _ = e.handle(.end); _ = e.handle(.backspace); _ = e.handle(.char("æ")); _ = e.handle(.char("ø"))
        #expect(e.text == "Åminæø")
        _ = e.handle(.left); _ = e.handle(.ctrl("u"))
        #expect(e.text == "ø")
        _ = e.handle(.ctrl("k"))
        #expect(e.text == "")
    }

    @Test func addingAVolunteerWithABadPhoneSavesNothingUntilItIsMended() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        let before = journal(f.store)
        keys(app, .char("4"), .char("a"))
        type(app, "Zeynep Yılmaz")
        keys(app, .tab); type(app, "ring efter 16")
        keys(app, .enter)
        #expect(formErrors(app).first?.contains("telefonnummeret må kun have cifre") == true)
        #expect(journal(f.store) == before)
        let screen = app.render(width: 80, height: 24).text
        #expect(screen.contains("⚠ telefonnummeret må kun have cifre"))
        // mend it: clear the field and type a number
        keys(app, .ctrl("u")); type(app, "+45 22 33 44 55")
        keys(app, .enter)
        #expect(app.modal == nil ? true : false)
        #expect(f.store.state.volunteers.map(\.name) == ["Zeynep Yılmaz"])
        #expect(f.store.state.volunteers[0].phone == "+45 22 33 44 55")
        #expect(app.ui.message == "Gemt: Zeynep Yılmaz.")
    }

    @Test(arguments: [("-5", "negativt"), ("ti kroner", "er ikke et beløb"), ("0", "større end 0")])
    func aBadAmountIsShownNextToTheField(amount: String, says: String) throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        let before = journal(f.store)
        keys(app, .char("5"), .char("a"), .tab, .tab)
        type(app, amount)
        keys(app, .enter)
        #expect(formErrors(app).contains { $0.contains(says) }, "errors: \(formErrors(app))")
        #expect(journal(f.store) == before)
    }

    @Test func anImpossibleDateIsRefused() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("5"), .char("a"), .ctrl("u"))
        type(app, "30.02.2027")
        keys(app, .tab, .tab); type(app, "100")
        keys(app, .enter)
        #expect(formErrors(app) == ["\"30.02.2027\" er ikke en dato, der findes; skriv fx 07.02.2027"])
        #expect(f.store.state.expenses.isEmpty)
        // A changed form asks before Esc throws the typing away.
        keys(app, .escape)
        #expect(app.modal != nil ? true : false)
        #expect(formErrors(app).contains("Esc igen kasserer det indtastede; Enter gemmer"))
        keys(app, .escape)
        #expect(app.modal == nil ? true : false)
        #expect(app.ui.message == "Fortrudt — intet gemt.")
    }

    @Test func aSessionThatEndsBeforeItStartsIsRefusedAtTheEndField() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("3"), .char("a"), .tab, .tab, .ctrl("u"))
        type(app, "20:00")
        keys(app, .tab, .ctrl("u")); type(app, "17:00")
        keys(app, .tab); type(app, "Biblioteket")
        keys(app, .enter)
        guard case .form(let form)? = app.modal else { Issue.record("the form closed"); return }
        #expect(form.fields[form.focus].key == "end")
        #expect(form.fields[form.focus].error?.contains("sluttidspunktet 17:00 skal ligge efter starttidspunktet 20:00") == true)
        #expect(f.store.state.sessions.isEmpty)
    }

    @Test func aSessionOnAHolidayIsSavedWithAWarning() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        app.ui.calendar.day = Day(year: 2026, month: 12, day: 24)!
        keys(app, .char("3"), .char("a"), .tab, .tab, .tab, .tab)
        type(app, "Rådhuset")
        keys(app, .enter)
        #expect(f.store.state.sessions.count == 1)
        #expect(app.ui.message?.contains("bemærk: 24.12.2026 er Juleaftensdag") == true)
        // a second one the same evening overlaps: saved, with a warning
        keys(app, .char("a"), .tab, .tab, .ctrl("u")); type(app, "18:00")
        keys(app, .tab, .ctrl("u")); type(app, "21:00")
        keys(app, .tab); type(app, "Biblioteket")
        keys(app, .enter)
        #expect(f.store.state.sessions.count == 2)
        #expect(app.ui.message?.contains("overlapper modul 1 17:00–20:00") == true)
    }

    @Test func attendanceIsTakenInAChecklist() throws {
        let f = try Fixture(empty: true)
        for n in ["Amina", "Hodan", "Zeynep"] {
            try f.store.commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: n)) }
            try f.store.commit { s in .volunteerStage(id: s.volunteers.lastID, stage: .training) }
        }
        let app = f.app()
        keys(app, .char("3"), .char("a"), .tab, .tab, .tab, .tab); type(app, "Biblioteket"); keys(app, .enter)
        keys(app, .char("f"))
        #expect(app.render(width: 80, height: 24).text.contains("[ ] Hodan"))
        keys(app, .char(" "), .down, .down, .char(" "), .enter)
        let s = f.store.state.sessions[0]
        // Saving the sheet records everyone on it: ticked present, the others absent.
        #expect(s.attendance == [1: .present, 2: .absent, 3: .present])
        // A session of today with attendance has taken place: held in the same change (issue 24).
        #expect(app.ui.message == "Fremmøde gemt: 3 ændring(er) — modulgangen er markeret afholdt.")
        #expect(f.store.state.sessions[0].status == .held)
        // All present in one key, then untick one.
        keys(app, .char("f"), .char("a"), .down, .char(" "), .enter)
        #expect(f.store.state.sessions[0].attendance == [1: .present, 2: .absent, 3: .present])
        keys(app, .char("f"), .char("a"), .enter)
        #expect(f.store.state.sessions[0].attendance == [1: .present, 2: .present, 3: .present])
    }

    @Test func oneStageForAllChosenVolunteersIsOneChange() throws {
        let f = try Fixture(empty: true)
        for n in ["Amina", "Hodan", "Zeynep"] {
            try f.store.commit { s in .volunteerAdded(VolunteerFields(id: 0, name: n)) }
        }
        let app = f.app()
        keys(app, .char("4"), .char(" "), .down, .char(" "))
        #expect(app.ui.roster.chosen == [1, 3])
        #expect(app.render(width: 80, height: 24).text.contains("● Amina"))
        keys(app, .char(">"), .enter)
        #expect(f.store.state.volunteers.map(\.stage) == [.graduated, .candidate, .graduated])
        #expect(app.ui.message == "Trin skiftet for 2 bydelsmødre.")
        keys(app, .char("u"))
        #expect(f.store.state.volunteers.map(\.stage) == [.candidate, .candidate, .candidate])
    }

    @Test func erasureFromTheRosterAsksAsTheCommandLineDoesAndTouchesOnlyHer() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 1, name: "Amina Hassan", phone: "22334455")) }
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 2, name: "Amina Hassan", phone: "22334455",
                                                                  notes: "Amina Hassans søster")) }
        let app = f.app()
        keys(app, .char("4"), .char("E"))
        let screen = app.render(width: 100, height: 30).text
        #expect(screen.contains("Slet alt om Amina Hassan (v1)? Det kan ikke fortrydes."), "\(screen)")
        #expect(screen.contains("1 sted(er) i fri tekst ændres") && screen.contains("j ja · n/Esc nej"))
        #expect(screen.contains("volunteer.added notes: [slettet] søster"))
        // Enter is not yes for what cannot be undone; a typed j is.
        keys(app, .enter)
        #expect(f.store.state.volunteers[0].name == "Amina Hassan")
        keys(app, .char("j"))
        #expect(f.store.state.volunteers[0].erased)
        #expect(f.store.state.volunteers[1].name == "Amina Hassan" && f.store.state.volunteers[1].phone == "22334455")
        #expect(app.ui.message?.hasPrefix("Slettet efter GDPR: v1.") == true, "\(app.ui.message ?? "")")
        keys(app, .char("u"))
        #expect(f.store.state.volunteers[0].erased)
    }

    @Test func deletingAsksAndNamesWhatGoes() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 1, name: "Amina Hassan")) }
        let app = f.app()
        keys(app, .char("4"), .char("d"))
        // Hiding is not erasing, and the screen says so.
        #expect(app.render(width: 80, height: 24).text.contains("Skjul v1 Amina Hassan? (u fortryder)"))
        #expect(app.render(width: 80, height: 24).text.contains("Hendes navn og telefon bliver i journalen; E sletter"))
        keys(app, .char("n"))
        #expect(!f.store.state.volunteers[0].removed)
        keys(app, .char("d"), .char("j"))
        #expect(f.store.state.volunteers[0].removed)
        #expect(app.ui.message == "Amina Hassan er skjult (u fortryder; E sletter efter GDPR).")
        keys(app, .char("u"))
        #expect(!f.store.state.volunteers[0].removed)
        keys(app, .ctrl("r"))
        #expect(f.store.state.volunteers[0].removed)
    }

    @Test func aConversationIsLoggedInAFewKeystrokes() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 1, name: "Amina Hassan")) }
        let app = f.app()
        keys(app, .char("4"), .char("c"), .tab, .tab, .tab)
        type(app, "skole, sund")
        // Any number of referrals, by the start of their names, as the national registration asks.
        keys(app, .tab); type(app, "egen, sundhedsple")
        keys(app, .enter)
        let c = f.store.state.conversations
        #expect(c.count == 1)
        #expect(c.first?.volunteer == 1)
        #expect(c.first?.topics == TopicSet([.school, .health]))
        #expect(c.first?.referrals == ReferralSet([.gp, .healthVisitor]))
        #expect(String(decoding: journal(f.store), as: UTF8.self).contains("referred=gp,health-visitor"))
        #expect(c.first?.date == Fixture.today)
    }

    @Test func inTheFilteredPerVolunteerViewANewConversationIsForTheVolunteerShown() throws {
        let f = try Fixture(empty: true)
        for name in ["Amina Hassan", "Bodil Yılmaz"] {
            try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 0, name: name)) }
        }
        for id: VolunteerID in [1, 2] {
            try f.store.commit { _ in .volunteerStage(id: id, stage: .active) }
            try f.store.commit { _ in .conversationLogged(Conversation(id: 0, date: Fixture.today, volunteer: id, contact: .network,
                                                                       topics: TopicSet([.school]), referral: .none, minutes: 20)) }
        }
        let app = f.app()
        keys(app, .char("6"), .char("v"), .char("v"), .char("/")); type(app, "yilmaz"); keys(app, .enter)
        keys(app, .char("a"))
        guard case .form(let form)? = app.modal else { Issue.record("no form"); return }
        #expect(form.fields[1].editor.text == "v2 Bodil Yılmaz")
        keys(app, .escape)
        // An open list is remembered by what it shows: another terminal's change does not swap it.
        keys(app, .escape, .escape, .enter)
        #expect(app.render(width: 80, height: 24).text.contains("Amina Hassan: 1 samtale"))
        try f.store.commit { _ in .conversationLogged(Conversation(id: 0, date: Fixture.today, volunteer: 2, contact: .network,
                                                                   topics: TopicSet([.job]), referral: .none, minutes: 20)) }
        try f.store.commit { _ in .conversationLogged(Conversation(id: 0, date: Fixture.today, volunteer: 2, contact: .network,
                                                                   topics: TopicSet([.job]), referral: .none, minutes: 20)) }
        app.refresh()
        #expect(app.render(width: 80, height: 24).text.contains("Amina Hassan: 1 samtale"))
    }

    @Test func conversationsAndHoursAreListedCorrectedAndRemoved() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 0, name: "Amina Hassan")) }
        try f.store.commit { _ in .volunteerStage(id: 1, stage: .active) }
        try f.store.commit { _ in .conversationLogged(Conversation(id: 0, date: Fixture.today, volunteer: 1, contact: .network,
                                                                   topics: TopicSet([.school]), referral: .none, minutes: 20)) }
        try f.store.commit { _ in .hoursLogged(HoursEntry(id: 0, date: Fixture.today, hours: Hours(hundredths: 250),
                                                          note: "Møde med skolen")) }
        let app = f.app()
        // The conversation: open the month's list, e corrects the topics; the figures follow.
        keys(app, .char("6"), .enter, .char("e"), .tab, .tab, .tab); type(app, "sundhed"); keys(app, .enter)
        #expect(formErrors(app).isEmpty, "\(formErrors(app))")
        #expect(f.store.state.conversations[0].topics == TopicSet([.health]))
        #expect(app.index.byTopic.first { $0.topic == .health }?.bucket.count == 1)
        #expect(app.index.byTopic.first { $0.topic == .school }?.bucket.count == 0)
        keys(app, .char("u"))
        #expect(f.store.state.conversations[0].topics == TopicSet([.school]))
        // The hours: T lists them, e corrects, d removes.
        keys(app, .char("5"), .char("T"))
        #expect(app.render(width: 80, height: 24).text.contains("Møde med skolen"))
        keys(app, .char("e"), .tab); type(app, "3"); keys(app, .enter)
        #expect(f.store.state.hours[0].hours == Hours(hundredths: 300))
        keys(app, .char("d"), .char("j"))
        #expect(f.store.state.hours[0].removed)
        keys(app, .escape)
        #expect(!app.ui.budget.hoursShown)
    }

    @Test func wordsInsteadOfCodes() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        // Languages by their Danish names, stored as codes.
        keys(app, .char("4"), .char("a")); type(app, "Amina Hassan"); keys(app, .tab,
                                                                           .tab); type(app, "arabisk, somali, dansk"); keys(app, .enter)
        #expect(formErrors(app).isEmpty, "\(formErrors(app))")
        #expect(f.store.state.volunteers[0].languages == ["ar", "so", "da"])
        keys(app, .char("a")); type(app, "X"); keys(app, .tab, .tab); type(app, "klingon"); keys(app, .enter)
        #expect(formErrors(app).first?.contains("kender ikke sproget \"klingon\"") == true)
        keys(app, .escape, .escape)
        // A new budget line's id made from its title.
        keys(app, .char("5"), .char("n")); type(app, "Gaver til Æblehaven"); keys(app, .tab,
                .tab); type(app, "100"); keys(app, .tab); type(app, "200"); keys(app, .enter)
        #expect(formErrors(app).isEmpty, "\(formErrors(app))")
        #expect(f.store.state.budgetLines.last?.id == "gaver-til-aeblehaven")
        // A budget line picked by typing part of its name.
        keys(app, .char("a"), .tab); type(app, "plej")
        guard case .form(let form)? = app.modal else { Issue.record("no form"); return }
        #expect(form.fields[1].display(.da).contains("Forplejning"), "\(form.fields[1].display(.da))")
        keys(app, .escape, .escape)
        // A volunteer found by any part of her name.
        try f.store.commit { _ in .volunteerStage(id: 1, stage: .active) }
        app.refresh()
        keys(app, .char("6"), .char("a"), .tab); type(app, "hassan"); keys(app, .tab, .tab); type(app, "skole"); keys(app, .enter)
        #expect(formErrors(app).isEmpty, "\(formErrors(app))")
        #expect(f.store.state.conversations.first?.volunteer == 1)
    }

    @Test func anUnknownVolunteerIsRefusedInTheConversationForm() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("6"), .char("a"), .tab)
        type(app, "Nobody")
        keys(app, .tab, .tab); type(app, "job")
        keys(app, .enter)
        #expect(formErrors(app).first?.contains("ingen bydelsmor hedder \"Nobody\"") == true)
    }

    @Test func twoTerminalsEditingTheSameVolunteerLoseNothing() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 1, name: "Amina", phone: "11 11 11 11")) }
        let other = try Store(path: f.store.path, actor: "other", clock: { Timestamp("2026-03-10T12:00:00Z")! })
        let a = f.app(), b = App(store: other, lang: .da, today: Fixture.today)
        keys(a, .char("4"), .char("e"))
        keys(b, .char("4"), .char("e"))
        // a changes the phone and saves first; b changes the name and saves after
        keys(a, .tab, .ctrl("u")); type(a, "22 22 22 22"); keys(a, .enter)
        keys(b, .end); type(b, " Hassan"); keys(b, .enter)
        #expect(b.modal == nil ? true : false, "b's save was refused: \(formErrors(b))")
        let v = try Store(path: f.store.path, readOnly: true, actor: "x").state.volunteers[0]
        #expect(v.name == "Amina Hassan")
        #expect(v.phone == "22 22 22 22")
        // both change the name differently: the later one is refused and told why
        keys(a, .char("e"), .ctrl("u")); type(a, "Amina H."); keys(a, .enter)
        keys(b, .char("e"))
        b.refresh()
        keys(b, .ctrl("u")); type(b, "A. Hassan")
        // a third terminal changes the name while b's form is open
        try f.store.commit { _ in .volunteerChanged(VolunteerFields(id: 1, name: "Amina Hassan-Ali", phone: "22 22 22 22")) }
        keys(b, .enter)
        #expect(formErrors(b).first?.contains("Navnet er ændret af en anden") == true)
        #expect(try Store(path: f.store.path, readOnly: true, actor: "x").state.volunteers[0].name == "Amina Hassan-Ali")
    }

    @Test func partnersOfTheNetworkAreAddedEditedAndRemoved() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("2"), .char("p"), .char("a"))
        type(app, "Strandgårdskolen")
        keys(app, .tab, .tab); type(app, "Mette Krogh"); keys(app, .enter)
        #expect(f.store.state.partners.map(\.name) == ["Strandgårdskolen"])
        #expect(app.render(width: 80, height: 24).text.contains("Strandgårdskolen"))
        keys(app, .char("e"), .tab, .right, .enter)
        #expect(f.store.state.partners[0].kind == .health)
        #expect(f.store.state.partners[0].contact == "Mette Krogh")
        keys(app, .char("d"), .char("j"))
        #expect(f.store.state.partners[0].removed)
        keys(app, .escape)
        #expect(!app.ui.phases.partnersShown)
    }

    @Test func milestonesAreTickedAddedAndRenamed() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("2"), .enter, .char(" "))
        #expect(f.store.state.milestones[0].done)
        keys(app, .char("a")); type(app, "Aftale med biblioteket"); keys(app, .enter)
        #expect(f.store.state.milestones.last?.title == "Aftale med biblioteket")
        #expect(f.store.state.milestones.last?.phase == 1)
        keys(app, .char("e"), .end); type(app, " (ansat)"); keys(app, .enter)
        #expect(f.store.state.milestones[0].title.hasSuffix("(ansat)"))
        keys(app, .escape, .char("e"), .right, .enter)
        #expect(f.store.state.phases[0].status == .active)
    }

    /// Ticking is merged like a field: when another terminal ticked the milestone first, a second
    /// tick from a terminal that had not seen it writes nothing (it does not reopen it, nor write twice).
    @Test func twoTerminalsTickingTheSameMilestoneWriteOneTick() throws {
        let f = try Fixture(empty: true)
        let other = try Store(path: f.store.path, actor: "other", clock: { Timestamp("2026-03-10T12:00:00Z")! })
        let a = f.app(), b = App(store: other, lang: .da, today: Fixture.today)
        keys(a, .char("2"), .enter)
        keys(b, .char("2"), .enter)
        keys(a, .char(" "))
        keys(b, .char(" "))
        #expect(b.ui.message?.contains("allerede afkrydset") == true, "\(b.ui.message ?? "")")
        let journal = (try? String(contentsOfFile: f.store.path, encoding: .utf8)) ?? ""
        #expect(journal.components(separatedBy: "milestone.checked").count - 1 == 1)
        #expect(try Store(path: f.store.path, readOnly: true, actor: "x").state.milestones[0].done)
    }

    @Test func aMilestonePastItsDueDateIsOnTheOverviewAndEnterGoesToIt() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        // Milestone 2 of phase 1 gets a due date before today.
        keys(app, .char("2"), .enter, .down, .char("e"), .tab); type(app, "01.03.2026"); keys(app, .enter)
        #expect(f.store.state.milestones[1].due == Day(year: 2026, month: 3, day: 1)!)
        keys(app, .escape, .char("1"))
        let screen = app.render(width: 80, height: 24).text
        #expect(screen.contains("Det skal gøres nu"), "\(screen)")
        #expect(screen.contains("frist 01.03.2026 overskredet: Indmeldelse og gebyr"))
        let lines = Attention.items(f.store.state, today: Fixture.today, .da)
        let i = lines.firstIndex { $0.kind == .milestoneOverdue }!
        for _ in 0..<i { keys(app, .down) }
        keys(app, .enter)
        #expect(app.ui.pane == .phases && app.ui.phases.detail && app.ui.detailCursor == 1)
        // Ticked, it is gone from the list.
        keys(app, .char(" "), .char("1"))
        #expect(!app.render(width: 80, height: 24).text.contains("overskredet"))
    }

    @Test func hoursPlannedRangesNewLinesAndTheDiplomaRuleRefuseBadInput() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        let before = journal(f.store)
        // hours: not a number, then too many
        keys(app, .char("5"), .char("t"), .tab); type(app, "otte"); keys(app, .enter)
        #expect(formErrors(app) == ["\"otte\" er ikke et antal timer; skriv fx 2,5"])
        keys(app, .ctrl("u")); type(app, "25"); keys(app, .enter)
        #expect(formErrors(app).first?.contains("timer skal være over 0 og højst 24") == true)
        keys(app, .ctrl("u")); type(app, "2,5"); keys(app, .enter)
        #expect(f.store.state.hours.map(\.hours) == [Hours(hundredths: 250)])
        // planned range: low above high
        keys(app, .char("e"), .ctrl("u")); type(app, "60.000"); keys(app, .enter)
        #expect(formErrors(app).first?.contains("det lave skøn 60.000,00 kr. er større end det høje 45.000,00 kr.") == true)
        keys(app, .escape, .escape)
        // a new line with a bad id, then a good one
        keys(app, .char("n")); type(app, "Tolk Udgifter"); keys(app, .tab); type(app, "Tolkebistand")
        keys(app, .tab); type(app, "1000"); keys(app, .tab); type(app, "2000"); keys(app, .enter)
        #expect(formErrors(app).first?.contains("budgetlinjens id skal være a-z, 0-9 og -") == true)
        // the refused field has the focus
        keys(app, .ctrl("u")); type(app, "tolk"); keys(app, .enter)
        #expect(f.store.state.budgetLines.last?.id == "tolk")
        #expect(f.store.state.budgetLines.last?.high == Money(kroner: 2000))
        // the diploma rule: 16 is refused, 12 is kept
        keys(app, .char("4"), .char("D"), .ctrl("u")); type(app, "16"); keys(app, .enter)
        #expect(formErrors(app) == ["skriv et tal fra 1 til 15"])
        keys(app, .ctrl("u")); type(app, "12"); keys(app, .enter)
        #expect(f.store.state.diplomaMinimum == 12)
        #expect(journal(f.store) != before)
    }

    @Test func aSessionIsMovedNotedAndCancelled() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("3"), .char("a"), .tab, .tab, .tab, .tab); type(app, "Biblioteket"); keys(app, .enter)
        keys(app, .char("e"), .tab, .ctrl("u")); type(app, "17.03.2026"); keys(app, .enter)
        #expect(f.store.state.sessions[0].date == Day(year: 2026, month: 3, day: 17)!)
        keys(app, .char("l"), .char("l"), .char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
        #expect(app.ui.calendar.day == Day(year: 2026, month: 3, day: 17)!)
        keys(app, .char("n")); type(app, "Læs pjecen om sundhedsplejen"); keys(app, .tab); type(app, "Lokalet er lånt"); keys(app, .enter)
        #expect(f.store.state.sessions[0].homework == "Læs pjecen om sundhedsplejen")
        #expect(f.store.state.sessions[0].note == "Lokalet er lånt")
        keys(app, .char("c"))
        #expect(app.render(width: 80, height: 24).text.contains("Aflys modul 1 tirsdag 17.03.2026 17:00?"))
        keys(app, .char("j"))
        #expect(f.store.state.sessions[0].status == .cancelled)
        #expect(app.ui.message == "Aflyst: modul 1 tirsdag 17.03.2026 17:00.")
        // Cancelled says so in words, not by colour alone.
        #expect(app.render(width: 80, height: 24).text.contains(" AFLYST · Biblioteket"))
    }

    @Test func undoOfANewSessionRemovesItAndDeleteAsksAndTakesItsAttendance() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("3"), .char("a"), .tab, .tab, .tab, .tab); type(app, "Biblioteket"); keys(app, .enter)
        #expect(app.ui.message?.hasPrefix("Gemt: modul 1 ") == true)
        keys(app, .char("u"))
        #expect(f.store.state.sessions[0].removed)
        #expect(app.ui.message?.hasPrefix("Fortrudt: modul 1 ") == true)
        #expect(!app.render(width: 100, height: 30).text.contains("Biblioteket"))
        #expect(f.store.state.status(ofModule: 1, hold: nil) == .planned)
        keys(app, .ctrl("r"))
        #expect(!f.store.state.sessions[0].removed)
        // d asks, naming the session and its attendance; n keeps it, j deletes it.
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 0, name: "Amina Hassan")) }
        try f.store.commit { _ in .volunteerStage(id: 1, stage: .training) }
        try f.store.commit { _ in .attendanceMarked(session: 1, volunteer: 1, mark: .present) }
        app.refresh()
        keys(app, .char("d"))
        let screen = app.render(width: 100, height: 30).text
        #expect(screen.contains("med fremmøde for 1 bydelsmor? (u fortryder)"), "\(screen)")
        keys(app, .char("n"))
        #expect(!f.store.state.sessions[0].removed)
        keys(app, .char("d"), .char("j"))
        #expect(f.store.state.sessions[0].removed)
        #expect(app.ui.message?.hasPrefix("Slettet: modul 1 ") == true)
        #expect(f.store.state.modulesAttended(by: 1).isEmpty)
        keys(app, .char("u"))
        #expect(f.store.state.modulesAttended(by: 1).isEmpty == false || f.store.state.sessions[0].status != .held)
        #expect(f.store.state.sessions[0].attendance[1] == .present)
    }

    @Test func twoSessionsOnADayAreListedByTimeAndEnterChoosesWhichTheKeysActOn() throws {
        let f = try Fixture(empty: true)
        let d = Day(year: 2026, month: 3, day: 17)!
        try f.store.commit { _ in .sessionScheduled(SessionFields(id: 0, module: 2, date: d, start: ClockTime("18:00")!,
                                                                  end: ClockTime("20:00")!, place: "Aften")) }
        try f.store.commit { _ in .sessionScheduled(SessionFields(id: 0, module: 1, date: d, start: ClockTime("09:00")!,
                                                                  end: ClockTime("11:00")!, place: "Morgen")) }
        try f.store.commit { _ in .activityAdded(ActivityFields(id: 0, kind: .monthly, title: "Månedsmøde", date: d,
                                                                start: ClockTime("12:00")!, end: ClockTime("13:00")!, place: "Café")) }
        let app = f.app()
        app.ui.calendar.day = d
        keys(app, .char("3"))
        let screen = app.render(width: 100, height: 30).text
        let morning = screen.range(of: "▶ 09:00–11:00 modul 1")!, noon = screen.range(of: "  12:00–13:00 månedsmøde")!, evening = screen.range(of: "  18:00–20:00 modul 2")!
        #expect(morning.lowerBound < noon.lowerBound && noon.lowerBound < evening.lowerBound)
        // m acts on the chosen one: the morning's.
        keys(app, .char("c"), .char("j"))
        #expect(f.store.state.sessions[1].status == .cancelled && f.store.state.sessions[0].status == .scheduled)
        // Enter twice: the evening's.
        keys(app, .enter, .enter)
        #expect(app.render(width: 100, height: 30).text.contains("▶ 18:00–20:00 modul 2"))
        keys(app, .char("c"), .char("j"))
        #expect(f.store.state.sessions[0].status == .cancelled)
        // On the activity, f asks for the number of participants; d deletes it.
        keys(app, .enter, .enter, .char("f")); type(app, "23"); keys(app, .enter)
        #expect(f.store.state.activities[0].participants == 23)
        keys(app, .char("e"), .tab, .ctrl("u")); type(app, "Månedsmøde i marts"); keys(app, .enter)
        #expect(f.store.state.activities[0].title == "Månedsmøde i marts")
        #expect(f.store.state.activities[0].participants == 23)
        keys(app, .char("d"), .char("j"))
        #expect(f.store.state.activities[0].removed)
    }

    @Test func holdsAreMadeEditedAndDeletedAndTheModulePlanEdited() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("3"), .char("H"))
        keys(app, .ctrl("u")); type(app, "Hold forår"); keys(app, .enter)
        #expect(f.store.state.holds.map(\.name) == ["Hold forår"])
        // H again: choose the hold (→), then edit it.
        keys(app, .char("H"), .right, .enter, .ctrl("u")); type(app, "Hold forår 2026")
        keys(app, .tab, .tab, .tab, .tab, .ctrl("u")); type(app, "16"); keys(app, .enter)
        #expect(f.store.state.holds[0].name == "Hold forår 2026" && f.store.state.holds[0].modules == 16)
        #expect(app.ui.message == "Gemt: Hold forår 2026.")
        // … and delete it.
        keys(app, .char("H"), .right, .tab, .right, .enter, .char("j"))
        #expect(f.store.state.holds[0].removed)
        // M: the module plan; 16 adds a module.
        keys(app, .char("M"), .ctrl("u")); type(app, "3"); keys(app, .enter, .ctrl("u")); type(app, "Skolen i Danmark"); keys(app, .enter)
        #expect(f.store.state.module(3)?.title == "Skolen i Danmark")
        keys(app, .char("u"))
        #expect(f.store.state.module(3)?.title != "Skolen i Danmark")
        keys(app, .char("M"), .ctrl("u")); type(app, "16"); keys(app, .enter); type(app, "Afslutning og evaluering"); keys(app, .enter)
        #expect(f.store.state.modules.count == 16)
    }

    @Test func fundingIsAppliedForDecidedAndShownInTheBudget() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        keys(app, .char("5"), .char("F")); type(app, "Velux Fonden"); keys(app, .tab); type(app, "50000"); keys(app, .enter)
        #expect(f.store.state.funding.map(\.funder) == ["Velux Fonden"])
        keys(app, .char("F"), .right, .enter); type(app, "20000"); keys(app, .enter)
        #expect(f.store.state.funding[0].granted == Money(userInput: "20000"))
        let screen = app.render(width: 100, height: 30).text
        #expect(screen.contains("Fonde: ansøgt 50.000,00 kr. · afventer 0"), "\(screen)")
        // A grant is income (issue 21): the project's in the budget.
        #expect(screen.contains("Indtægt fra bevillinger: 20.000,00 kr."), "\(screen)")
        keys(app, .char("F"), .right, .tab, .right, .enter, .char("j"))
        #expect(f.store.state.funding[0].removed)
    }

    @Test func aSeriesIsShownThenWrittenAsOneChangeAndFormsRememberThePlace() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .holdAdded(HoldFields(id: 0, name: "Hold 2026", start: Day(year: 2026, month: 1, day: 1)!, modules: 3)) }
        let app = f.app()
        keys(app, .char("3"), .char("S"), .tab, .tab, .tab, .tab, .tab); type(app, "Biblioteket"); keys(app, .enter)
        let screen = app.render(width: 80, height: 24).text
        #expect(screen.contains("Planlæg 3 modulgange?") && screen.contains("modul 1 tirsdag 10.03.2026 17:00–20:00"), "\(screen)")
        keys(app, .char("j"))
        #expect(f.store.state.sessions.filter { !$0.removed }.count == 3)
        #expect(app.ui.message == "Planlagt: 3 modulgange.")
        // The session form offers the place typed last; typing into a filled field replaces it.
        keys(app, .char("a"))
        guard case .form(let form)? = app.modal else { Issue.record("no form"); return }
        #expect(form.fields[4].editor.text == "Biblioteket")
        type(app, "2"); keys(app, .tab, .tab); type(app, "18"); keys(app, .tab); type(app,
                "21"); keys(app, .tab, .tab); type(app, "Ida"); keys(app, .enter)
        #expect(formErrors(app).isEmpty, "\(formErrors(app))")
        let s = f.store.state.sessions.last!
        #expect(s.start.text == "18:00" && s.end.text == "21:00" && s.place == "Biblioteket" && s.teacher == "Ida")
        // One undo takes the series' last change back; the series itself went as one.
        #expect(s.module == 2)
        keys(app, .char("u"), .char("u"))
        #expect(f.store.state.sessions.filter { !$0.removed }.isEmpty)
    }

    @Test func aStageIsChosenFromTheList() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .volunteerAdded(VolunteerFields(id: 1, name: "Amina")) }
        let app = f.app()
        keys(app, .char("4"), .char(">"), .enter)
        #expect(f.store.state.volunteers[0].stage == .training)
        // the next stage (graduated) is offered first; two on is "paused"
        keys(app, .char(">"), .right, .right, .enter)
        #expect(f.store.state.volunteers[0].stage == .paused)
    }

    @Test func enterEditsTheChosenExpenseInALinesList() throws {
        let f = try Fixture(empty: true)
        try f.store.commit { _ in .expenseAdded(Expense(id: 1, date: Fixture.today, line: "gebyr", amount: Money(kroner: 100))) }
        let app = f.app()
        keys(app, .char("5"), .enter)
        #expect(app.ui.budget.detail == "gebyr")
        keys(app, .enter, .tab, .tab, .ctrl("u")); type(app, "45.000"); keys(app, .enter)
        #expect(f.store.state.expenses[0].amount == Money(kroner: 45_000))
        keys(app, .escape)
        #expect(app.ui.budget.detail == nil)
    }
}

@Suite(.serialized) struct PasteTests {
    /// Pasting "Zara\ndj" into a form once saved it and then removed another volunteer.
    @Test func aPasteGoesIntoTheFieldAndNeverBecomesKeys() throws {
        let f = try Fixture(empty: true)
        let app = f.app()
        let before = journal(f.store)
        keys(app, .char("4"), .char("a"))
        app.handle(.paste("Zara\ndj\u{1B}[2J"))
        guard case .form(let form)? = app.modal else { Issue.record("the form closed"); return }
        #expect(form.fields[0].editor.text == "Zara dj[2J")
        #expect(journal(f.store) == before)
        // Outside a field a paste does nothing at all.
        keys(app, .escape, .escape)
        #expect({ if case .none = app.modal { true } else { false } }())
        app.handle(.paste("q"))
        #expect(!app.wantsQuit)
        #expect(journal(f.store) == before)
    }
}

/// The to-do list groups what comes many at a time (issue 24): one line for the quiet mothers, and
/// Enter on it shows them one by one.
@Suite struct AttentionGroupTests {
    @Test func manyQuietMothersAreOneLineUntilEnterShowsThem() throws {
        let f = try Fixture(empty: true)
        for i in 1...6 {
            try f.store.commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Kvinde \(i)")) }
            try f.store.commit { s in .volunteerStage(id: s.volunteers.lastID, stage: .active) }
            try f.store.commit { s in .volunteerConsent(id: s.volunteers.lastID, date: Day(year: 2026, month: 1, day: 5)!) }
            try f.store.commit { s in .volunteerContract(id: s.volunteers.lastID, date: Day(year: 2026, month: 1, day: 5)!) }
        }
        let today = Day(year: 2026, month: 5, day: 1)!
        let all = Attention.items(f.store.state, today: today, .da).filter { $0.kind == .quiet }
        #expect(all.count == 6)
        let app2 = App(store: f.store, lang: .da, today: today)
        var screen = app2.render(width: 80, height: 24).text
        #expect(screen.contains("6 aktive bydelsmødre uden samtale den seneste måned — Enter viser dem"), "\(screen)")
        #expect(!screen.contains("Kvinde 3"))
        let row = app2.attention().firstIndex { $0.id == "quiet" }!
        for _ in 0..<row { app2.handle(.down) }
        app2.handle(.enter)
        screen = app2.render(width: 80, height: 24).text
        #expect(screen.contains("Kvinde 3: ingen samtale"), "\(screen)")
    }
}
