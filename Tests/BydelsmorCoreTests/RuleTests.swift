import Testing
@testable import BydelsmorCore

/// One test per rule: each bad change is refused with a message that says what is allowed,
/// and the journal file stays byte for byte as it was.
@Suite struct RuleTests {
    let dir = TempDir()

    func refusedLeavesJournalUntouched(_ change: @escaping (ProjectState) -> Event, says: String) throws {
        let store = try newStore(dir)
        try store.addVolunteer("Amina Hassan")
        let before = bytes(store.path)
        let stateBefore = store.state
        let m = refusal { try store.commit { change($0) } }
        #expect(m != nil, "the change was not refused")
        #expect(m?.da.contains(says) == true, "message was: \(m?.da ?? "-")")
        #expect(!(m?.en.isEmpty ?? true))
        #expect(bytes(store.path) == before)
        #expect(store.state == stateBefore)
        // and a fresh replay agrees
        #expect(try newStore(dir).state == stateBefore)
    }

    @Test func refusesAnUnknownVolunteer() throws {
        try refusedLeavesJournalUntouched({ s in
            .conversationLogged(Conversation(id: s.conversations.nextID, date: Day(year: 2027, month: 3, day: 1)!, volunteer: 42,
                                             contact: .school, topics: TopicSet([.school]), referral: .none, minutes: 20))
        }, says: "bydelsmor v42 findes ikke")
    }

    @Test func refusesAnEndBeforeItsStart() throws {
        try refusedLeavesJournalUntouched({ _ in
            .sessionScheduled(SessionFields(id: 1, module: 3, date: Day(year: 2027, month: 3, day: 2)!,
                    start: ClockTime(hour: 20, minute: 0)!, end: ClockTime(hour: 17, minute: 0)!, place: "Biblioteket"))
        }, says: "sluttidspunktet 17:00 skal ligge efter starttidspunktet 20:00")
    }

    @Test func refusesAPhaseThatEndsBeforeItStarts() throws {
        try refusedLeavesJournalUntouched({ _ in
            .phaseDates(number: 2, start: Day(year: 2027, month: 3, day: 2)!, end: Day(year: 2027, month: 1, day: 2)!)
        }, says: "slutdatoen 02.01.2027 ligger før startdatoen 02.03.2027")
    }

    @Test func refusesAZeroAmount() throws {
        try refusedLeavesJournalUntouched({ s in .expenseAdded(Expense(id: s.expenses.nextID, date: Day(year: 2027, month: 1, day: 1)!,
                                                                       line: "gaver", amount: .zero)) },
                                          says: "beløbet skal være større end 0 kr.")
    }

    @Test func refusesAnAmountAboveTheMaximum() throws {
        try refusedLeavesJournalUntouched({ s in .expenseAdded(Expense(id: s.expenses.nextID, date: Day(year: 2027, month: 1, day: 1)!,
                                                                       line: "gaver", amount: Money(kroner: 100_000_001))) },
                                          says: "højst være 100.000.000,00 kr.")
    }

    @Test func refusesAnUnknownBudgetLine() throws {
        try refusedLeavesJournalUntouched({ s in .expenseAdded(Expense(id: s.expenses.nextID, date: Day(year: 2027, month: 1, day: 1)!,
                                                                       line: "slik", amount: Money(kroner: 10))) },
                                          says: "budgetlinjen \"slik\" findes ikke; linjerne er gebyr, forplejning")
    }

    @Test func refusesAnEmptyName() throws {
        try refusedLeavesJournalUntouched({ s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "   ")) },
                                          says: "navnet mangler")
    }

    @Test func refusesANameOfTenThousandCharacters() throws {
        try refusedLeavesJournalUntouched({ s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID,
                                                                                 name: String(repeating: "a", count: 10_000))) },
                                          says: "navnet må højst have 120 tegn (har 10000)")
    }

    @Test func refusesANameWithANewline() throws {
        try refusedLeavesJournalUntouched({ s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Amina\nHassan")) },
                                          says: "kontroltegn (fandt U+000A)")
    }

    @Test func refusesANameWithATerminalEscape() throws {
        try refusedLeavesJournalUntouched({ s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID,
                name: "Amina\u{1B}]0;pwned\u{7}")) }, says: "kontroltegn (fandt U+001B)")
    }

    @Test func refusesAPhoneWithLetters() throws {
        try refusedLeavesJournalUntouched({ s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Hodan",
                phone: "ring til Ali")) }, says: "telefonnummeret må kun have cifre")
    }

    @Test func refusesALanguageThatIsNotACode() throws {
        try refusedLeavesJournalUntouched({ s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Hodan",
                languages: ["Somali"])) }, says: "sproget \"Somali\" er ikke en sprogkode")
    }

    @Test func refusesAnIdThatIsNotTheNext() throws {
        try refusedLeavesJournalUntouched({ _ in .volunteerAdded(VolunteerFields(id: 7, name: "Hodan")) },
                                          says: "v7 er ikke det næste id; næste bydelsmor får v2")
    }

    @Test func refusesAConversationWithoutTopics() throws {
        try refusedLeavesJournalUntouched({ s in
            .conversationLogged(Conversation(id: 1, date: Day(year: 2027, month: 3, day: 1)!, volunteer: 1, contact: .school,
                                             topics: TopicSet(), referral: .none, minutes: 20))
        }, says: "vælg mindst ét emne")
    }

    @Test func refusesAttendanceAtACancelledSession() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Amina")
        try store.commit { _ in .sessionScheduled(SessionFields(id: 1, module: 1, date: Day(year: 2027, month: 2, day: 2)!,
                start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 0)!, place: "Biblioteket")) }
        try store.commit { _ in .sessionStatus(id: 1, status: .cancelled) }
        let m = refusal { try store.commit { _ in .attendanceMarked(session: 1, volunteer: v, mark: .present) } }
        #expect(m?.da.contains("aflyst") == true)
    }

    @Test func refusesALowEstimateAboveTheHigh() throws {
        try refusedLeavesJournalUntouched({ _ in .budgetLinePlanned(id: "gaver", low: Money(kroner: 9), high: Money(kroner: 8)) },
                                          says: "det lave skøn 9,00 kr. er større end det høje 8,00 kr.")
    }

    @Test func refusesChangesToARemovedVolunteer() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Amina")
        try store.commit { _ in .removal(of: v) }
        let m = refusal { try store.commit { _ in .volunteerStage(id: v, stage: .active) } }
        #expect(m?.da == "bydelsmor v1 er slettet")
    }
}

@Suite struct InputParsingTests {
    @Test(arguments: ["1250.50", "1250,50", "1.250,50", "1,250.50", "1250.5", " 1250,50 kr. "])
    func readsAmountsAsPeopleWriteThem(_ s: String) {
        #expect(Money(userInput: s) == Money(ore: 125_050))
    }

    @Test(arguments: ["-5", "ti kroner", "1.2.3", "12,345,6", "", "1e3", "0x10", "1.25.0,00", "12.34.56"])
    func refusesAmountsThatCannotBeRead(_ s: String) {
        #expect(Money(userInput: s) == nil)
    }

    @Test func readsThousandsWithoutDecimals() {
        #expect(Money(userInput: "45.000") == Money(kroner: 45_000))
        #expect(Money(userInput: "45000") == Money(kroner: 45_000))
    }

    @Test func formatsMoneyTheDanishWay() {
        #expect(Money(kroner: 45_000).formatted(.da) == "45.000,00 kr.")
        #expect(Money(ore: 11_904_000).formatted(.da) == "119.040,00 kr.")
        #expect(Money(ore: 125_050).formatted(.en) == "DKK 1,250.50")
        #expect(Money(ore: -50).formatted(.da) == "-0,50 kr.")
    }

    @Test(arguments: [("07.02.2027", "2027-02-07"), ("7.2.2027", "2027-02-07"), ("2027-02-07", "2027-02-07"), ("29.02.2028", "2028-02-29")])
    func readsDatesAsPeopleWriteThem(_ input: String, _ iso: String) {
        #expect(Day(userInput: input)?.iso == iso)
    }

    @Test(arguments: ["30.02.2027", "29.02.2027", "31.04.2027", "2027-13-01", "00.01.2027", "7/2", "i morgen", "2027-2-7"])
    func refusesImpossibleDates(_ s: String) {
        #expect(Day(userInput: s) == nil)
    }

    @Test func knowsIsoWeeksAndWeekdays() {
        #expect(Day(year: 2027, month: 1, day: 1)!.isoWeek == (2026, 53))
        #expect(Day(year: 2027, month: 1, day: 4)!.isoWeek == (2027, 1))
        #expect(Day(year: 2026, month: 11, day: 28)!.weekday == 6)
        #expect(Day(year: 2024, month: 12, day: 30)!.isoWeek == (2025, 1))
    }
}
