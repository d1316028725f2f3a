import Testing
@testable import BydelsmorCore

/// Phase 4's year wheel on given days: what is due, what is late, what is done (issue 21).
@Suite struct YearWheelTests {
    let dir = TempDir()
    func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    func association() throws -> Store {
        let store = try newStore(dir)
        for n in ["Amina", "Fatma", "Hodan"] { try store.addVolunteer(n) }
        try store.commit { _ in .associationFounded(AssociationFields(id: 0, name: "Bydelsmødrene", founded: d(2028, 3, 1))) }
        for v in 1...3 { try store.commit { _ in .memberJoined(id: 0, volunteer: VolunteerID(v), date: d(2028, 3, 1)) } }
        return store
    }

    func due(_ s: ProjectState, on day: Day) -> [String] { YearWheel.due(s, today: day, .da).map(\.key) }

    @Test func nothingIsDueBeforeTheFounding() throws {
        let store = try newStore(dir)
        #expect(YearWheel.due(store.state, today: d(2028, 2, 1), .da).isEmpty)
    }

    @Test func dutiesAppearSixWeeksAheadAndStayUntilDone() throws {
        let store = try association()
        // The founding year has no general assembly or accounts duty (the founding is the assembly).
        #expect(due(store.state, on: d(2028, 3, 2)) == [])
        // The landsmøde (last Sunday of October 2028: the 29th) from six weeks before, gone after it.
        #expect(YearWheel.nationalMeeting(2028) == d(2028, 10, 29))
        #expect(due(store.state, on: d(2028, 9, 16)) == [])
        #expect(due(store.state, on: d(2028, 9, 17)) == ["national-meeting:2028"])
        #expect(!due(store.state, on: d(2028, 10, 30)).contains("national-meeting:2028"))
        // Four board meetings by New Year: counted, from 19 November.
        #expect(due(store.state, on: d(2028, 11, 19)) == ["board-meetings:2028"])
        let text = YearWheel.due(store.state, today: d(2028, 11, 19), .da).first!.what
        #expect(text.hasSuffix("(0 holdt)"), "\(text)")
        // Next year's assembly and accounts, due 1 March, from 18 January; late after.
        let jan18 = due(store.state, on: d(2029, 1, 18))
        #expect(jan18.contains("assembly:2029") && jan18.contains("accounts:2029"), "\(jan18)")
        #expect(!due(store.state, on: d(2029, 1, 17)).contains("assembly:2029"))
        let late = Attention.items(store.state, today: d(2029, 3, 5), .da).filter { $0.kind == .duty }
        #expect(late.contains { $0.id == "assembly:2029" && $0.text.contains("forsinket, frist 01.03.2029") }, "\(late)")
        // An assembly that has taken place before 1 March does it; the accounts are marked done.
        try store.commit { _ in .activityAdded(ActivityFields(id: 0, kind: .assembly, title: "Generalforsamling", date: d(2029, 2, 20),
                                                              start: ClockTime("17:00")!, end: ClockTime("19:00")!, place: "")) }
        #expect(due(store.state, on: d(2029, 2, 19)).contains("assembly:2029"))
        #expect(!due(store.state, on: d(2029, 2, 21)).contains("assembly:2029"))
        try store.commit { _ in .dutyDone(key: "accounts:2029", date: d(2029, 2, 22)) }
        #expect(!due(store.state, on: d(2029, 2, 23)).contains("accounts:2029"))
        // Undone, it is back.
        try store.undoStep()
        #expect(due(store.state, on: d(2029, 2, 23)).contains("accounts:2029"))
    }

    /// Every date of the wheel is the group's own: Vordingborg wants the accounts by 1 June.
    @Test func theWheelsDatesAreEditable() throws {
        let store = try association()
        var w = WheelSettings(); w.accountsMonth = 6; w.accountsDay = 1; w.noticeDays = 14
        try store.commit { _ in .wheelSet(w) }
        #expect(!due(store.state, on: d(2029, 2, 20)).contains("accounts:2029"))
        #expect(due(store.state, on: d(2029, 2, 20)).contains("assembly:2029"))  // 1 March, 14 days' notice
        #expect(!due(store.state, on: d(2029, 5, 17)).contains("accounts:2029"))
        #expect(due(store.state, on: d(2029, 5, 18)).contains("accounts:2029"))
        #expect(YearWheel.due(store.state, today: d(2029, 5, 18),
                              .da).first { $0.key == "accounts:2029" }?.what.contains("senest 1. juni") == true)
        w.accountsDay = 31; w.accountsMonth = 2
        #expect(refusal { try store.commit { _ in .wheelSet(w) } }?.field == "accounts-day")
    }

    @Test func aFundsDeadlineComesBackEveryYearAndAnApplicationMeetsIt() throws {
        let store = try association()
        try store.commit { _ in .deadlineAdded(FundDeadline(id: 0, funder: "PUF", date: d(2028, 5, 31), yearly: true)) }
        #expect(due(store.state, on: d(2028, 4, 19)) == ["deadline:d1:2028"])
        #expect(due(store.state, on: d(2029, 4, 19)).contains("deadline:d1:2029"))
        try store.commit { _ in .fundingApplied(id: 0, funder: "puf", applied: Money(kroner: 10_000), date: d(2029, 5, 2)) }
        #expect(!due(store.state, on: d(2029, 5, 3)).contains("deadline:d1:2029"))
        // A grant's report, once granted, by its due day.
        var details = FundingDetails(); details.reportDue = d(2030, 1, 31); details.holder = .association
        try store.commit { _ in .fundingDetails(id: 1, details: details) }
        #expect(!due(store.state, on: d(2029, 12, 25)).contains("report:f1"))
        try store.commit { _ in .fundingDecided(id: 1, granted: Money(kroner: 8_000), date: d(2029, 6, 1)) }
        #expect(due(store.state, on: d(2029, 12, 25)).contains("report:f1"))
    }

    /// The accounts: grants for the association on the day granted, fees from the members, the
    /// balance carried over; a project's grant never in them.
    @Test func theAccountsCountEachKroneOnce() throws {
        let store = try association()
        try store.commit { _ in .fundingApplied(id: 0, funder: "Kommunen", applied: Money(kroner: 5_000), date: d(2028, 4, 1)) }
        try store.commit { _ in .fundingDecided(id: 1, granted: Money(kroner: 5_000), date: d(2028, 5, 1)) }
        #expect(AssociationAccounts(store.state, year: 2028, lang: .da).totalIncome == .zero)
        var details = FundingDetails(); details.holder = .association
        try store.commit { _ in .fundingDetails(id: 1, details: details) }
        try store.commit { _ in .memberFee(id: 1, year: 2028, amount: Money(kroner: 100), date: d(2028, 3, 5)) }
        try store.commit { _ in .accountEntry(AccountEntry(id: 0, date: d(2028, 6, 1), direction: .expense, line: "Bus",
                                                           amount: Money(kroner: 1_000), funding: 1)) }
        let a = AssociationAccounts(store.state, year: 2028, lang: .da)
        #expect(a.totalIncome == Money(kroner: 5_100))
        #expect(a.closing == Money(kroner: 4_100))
        #expect(a.withoutReceipt == 1)
        #expect(AssociationAccounts(store.state, year: 2029, lang: .da).opening == Money(kroner: 4_100))
        // Once its payments are booked, they are the income and the decision no longer is: once.
        try store.commit { _ in .accountEntry(AccountEntry(id: 0, date: d(2028, 7, 1), direction: .income, line: "grant",
                                                           amount: Money(kroner: 3_000), funding: 1, receipt: "B9")) }
        #expect(AssociationAccounts(store.state, year: 2028, lang: .da).totalIncome == Money(kroner: 3_100))
        // The grant cannot move back to the project once the association has spent from it.
        details.holder = .project
        #expect(refusal { try store.commit { _ in .fundingDetails(id: 1, details: details) } }?.field == "for")
    }

    /// The public view never holds the minutes, the decisions or the book's lines.
    @Test func minutesAndTheBookAreNeverPublic() throws {
        let store = try association()
        try store.commit { _ in .activityAdded(ActivityFields(id: 0, kind: .board, title: "Bestyrelsesmøde", date: d(2028, 4, 1),
                                                              start: ClockTime("17:00")!, end: ClockTime("19:00")!, place: "")) }
        try store.commit { _ in .activityMinutes(id: 1, minutes: "Fatma er syg", decisions: "Tur") }
        try store.commit { _ in .activityAttendance(id: 1, present: [1, 2]) }
        let p = PublicView.state(store.state)
        #expect(p.activities[0].minutes.isEmpty && p.activities[0].decisions.isEmpty)
        // A change of the meeting keeps who came and the minutes.
        try store.commit { _ in .activityChanged(ActivityFields(id: 1, kind: .board, title: "Bestyrelsesmøde", date: d(2028, 4, 2),
                                                                start: ClockTime("17:00")!, end: ClockTime("19:00")!, place: "")) }
        #expect(store.state.activities[0].present == [1, 2] && store.state.activities[0].minutes == "Fatma er syg")
    }
}

/// Languages as coordinators write them (issue 24): the common Danish names, other names and codes.
@Suite struct LanguageNameTests {
    @Test func commonNamesAreUnderstood() throws {
        #expect(try Languages.codes(from: "farsi, dari, somali, tyrkisk") == ["fa", "prs", "so", "tr"])
        #expect(try Languages.codes(from: "Somalisk; arabisk / persisk") == ["so", "ar", "fa"])
        #expect(try Languages.codes(from: "tigrinja, amazigh, ar") == ["ti", "ber", "ar"])
        #expect((try? Languages.codes(from: "klingon")) == nil)
    }
}
