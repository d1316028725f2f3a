import Testing
@testable import BydelsmorCore

/// Undo and redo of every kind of change, through the journal, also after a restart.
/// The state as a person sees it: removed records and cancelled sessions left out (undoing an
/// addition removes or cancels the record; it stays in the journal).
func visible(_ s: ProjectState) -> ProjectState {
    var v = s
    v.volunteers = s.volunteers.filter { !$0.removed }
    v.milestones = s.milestones.filter { !$0.removed }
    v.conversations = s.conversations.filter { !$0.removed }
    v.partners = s.partners.filter { !$0.removed }
    v.expenses = s.expenses.filter { !$0.removed }
    v.hours = s.hours.filter { !$0.removed }
    v.sessions = s.sessions.filter { $0.status != .cancelled && !$0.removed }.map { var x = $0; x.sequence = 0; return x }
    v.holds = s.holds.filter { !$0.removed }
    v.activities = s.activities.filter { !$0.removed }.map { var x = $0; x.sequence = 0; return x }
    v.funding = s.funding.filter { !$0.removed }
    v.holidays = s.holidays.filter { !$0.removed }
    v.associations = s.associations.filter { !$0.removed }
    v.memberships = s.memberships.filter { !$0.removed }
    v.boardRoles = s.boardRoles.filter { !$0.removed }
    v.accountEntries = s.accountEntries.filter { !$0.removed }
    v.deadlines = s.deadlines.filter { !$0.removed }
    v.evaluations = s.evaluations.filter { !$0.removed }
    v.interested = s.interested.filter { !$0.removed }
    v.progressSteps = s.progressSteps.filter { !$0.removed }
    v.surveys = s.surveys.filter { !$0.removed }
    return v
}

@Suite struct UndoTests {
    let dir = TempDir()

    /// Changes of every kind, each made on top of the ones before.
    static let changes: [(String, @Sendable (ProjectState) -> Event)] = [
        ("volunteer.added", { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Hodan Abdi", phone: "22 33 44 55",
                                                                   languages: ["so", "da"])) }),
        ("volunteer.changed", { _ in .volunteerChanged(VolunteerFields(id: 1, name: "Hodan A.", phone: "", languages: ["so"],
                                                                       neighbourhood: "Strandparken", notes: "ny")) }),
        ("volunteer.stage", { _ in .volunteerStage(id: 1, stage: .training) }),
        ("volunteer.contract", { _ in .volunteerContract(id: 1, date: Day(year: 2027, month: 1, day: 20)!) }),
        ("volunteer.consent", { _ in .volunteerConsent(id: 1, date: Day(year: 2027, month: 1, day: 20)!) }),
        ("session.scheduled", { s in .sessionScheduled(SessionFields(id: s.sessions.nextID, module: 2,
                date: Day(year: 2027, month: 2, day: 9)!, start: ClockTime(hour: 17,
                        minute: 0)!, end: ClockTime(hour: 20, minute: 0)!, place: "Biblioteket")) }),
        ("session.changed", { _ in .sessionChanged(SessionFields(id: 1, module: 2, date: Day(year: 2027, month: 2, day: 10)!,
                start: ClockTime(hour: 16, minute: 30)!, end: ClockTime(hour: 19, minute: 0)!, place: "Rådhuset", teacher: "Ida")) }),
        ("session.noted", { _ in .sessionNoted(id: 1, note: "Læs pjecen") }),
        ("session.homework", { _ in .sessionHomework(id: 1, text: "Tag skemaet med") }),
        ("attendance.marked", { _ in .attendanceMarked(session: 1, volunteer: 1, mark: .present) }),
        ("session.status", { _ in .sessionStatus(id: 1, status: .held) }),
        ("conversation.logged", { s in .conversationLogged(Conversation(id: s.conversations.nextID,
                date: Day(year: 2027, month: 2, day: 11)!, volunteer: 1, contact: .school, topics: TopicSet([.school]), referrals: ReferralSet([.gp]), minutes: 25, followUp: .pending)) }),
        ("expense.added", { s in .expenseAdded(Expense(id: s.expenses.nextID, date: Day(year: 2027, month: 2, day: 9)!, line: "forplejning",
                                                       amount: Money(ore: 99_950))) }),
        ("expense.changed", { _ in .expenseChanged(Expense(id: 1, date: Day(year: 2027, month: 2, day: 9)!, line: "gaver",
                                                           amount: Money(ore: 50_000), note: "blomster")) }),
        ("hours.logged", { s in .hoursLogged(HoursEntry(id: s.hours.nextID, date: Day(year: 2027, month: 2, day: 12)!,
                                                        hours: Hours(hundredths: 250))) }),
        ("budget-line.planned", { _ in .budgetLinePlanned(id: "gaver", low: Money(kroner: 9_000), high: Money(kroner: 12_000)) }),
        ("phase.status", { _ in .phaseStatus(number: 2, status: .active) }),
        ("phase.dates", { _ in .phaseDates(number: 2, start: Day(year: 2027, month: 2, day: 1)!, end: nil) }),
        ("milestone.added", { s in .milestoneAdded(id: s.milestones.nextID, phase: 1, title: "Aftale med biblioteket") }),
        ("milestone.checked", { _ in .milestoneChecked(id: 1, done: true) }),
        ("milestone.renamed", { _ in .milestoneRenamed(id: 1, title: "Koordinator ansat") }),
        ("partner.added", { s in .partnerAdded(PartnerFields(id: s.partners.nextID, name: "Strandgårdskolen", kind: .school)) }),
        ("partner.changed", { _ in .partnerChanged(PartnerFields(id: 1, name: "Strandgårdskolen", kind: .school, contact: "Mette")) }),
        ("diploma.rule", { _ in .diplomaRule(minimum: 12) }),
        ("hold.added", { s in .holdAdded(HoldFields(id: s.holds.nextID, name: "Hold 2027", start: Day(year: 2027, month: 1, day: 5)!)) }),
        ("hold.changed", { _ in .holdChanged(HoldFields(id: 1, name: "Hold 2027 A", start: Day(year: 2027, month: 1, day: 5)!,
                                                        place: "Strandgården")) }),
        ("volunteer.hold", { _ in .volunteerHold(id: 1, hold: 1) }),
        ("activity.added", { s in .activityAdded(ActivityFields(id: s.activities.nextID, kind: .monthly, title: "Månedsmøde",
                                                                date: Day(year: 2027, month: 2, day: 15)!,
                                                                start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 19, minute: 0)!, place: "Biblioteket")) }),
        ("activity.changed", { _ in .activityChanged(ActivityFields(id: 1, kind: .monthly, title: "Månedsmøde i februar",
                                                                    date: Day(year: 2027, month: 2, day: 16)!,
                                                                    start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 19, minute: 0)!, place: "Biblioteket", participants: 12)) }),
        ("funding.applied", { s in .fundingApplied(id: s.funding.nextID, funder: "Puljen", applied: Money(kroner: 50_000),
                                                   date: Day(year: 2027, month: 2, day: 1)!) }),
        ("funding.decided", { _ in .fundingDecided(id: 1, granted: Money(kroner: 40_000), date: Day(year: 2027, month: 2, day: 20)!) }),
        ("holiday.added", { s in .holidayAdded(HolidayPeriod(id: s.holidays.nextID, title: "Vinterferie",
                start: Day(year: 2027, month: 2, day: 15)!, end: Day(year: 2027, month: 2, day: 19)!)) }),
        ("milestone.due", { _ in .milestoneDue(id: 1, date: Day(year: 2027, month: 3, day: 1)!) }),
        ("conversation.changed", { _ in .conversationChanged(Conversation(id: 1, date: Day(year: 2027, month: 2, day: 11)!, volunteer: 1,
                contact: .health, topics: TopicSet([.health]), referral: .none, minutes: 30)) }),
        ("hours.changed", { _ in .hoursChanged(HoursEntry(id: 1, date: Day(year: 2027, month: 2, day: 12)!,
                                                          hours: Hours(hundredths: 300))) }),
        ("budget-line.dated", { _ in .budgetLineDated(id: "koordinator", start: Day(year: 2027, month: 3, day: 1)!, end: nil) }),
        ("module.changed", { _ in .moduleChanged(TrainingModule(number: 3, title: "Familieliv i Danmark", theme: .family,
                                                                kind: .method)) }),
        ("association.founded", { s in .associationFounded(AssociationFields(id: s.associations.nextID, name: "Bydelsmødrene",
                                                                             founded: Day(year: 2027, month: 1, day: 10)!)) }),
        ("association.changed", { _ in .associationChanged(AssociationFields(id: 1, name: "Bydelsmødrene i Ishøj",
                founded: Day(year: 2027, month: 1, day: 10)!, cvr: "12345678")) }),
        ("member.joined", { s in .memberJoined(id: s.memberships.nextID, volunteer: 1, date: Day(year: 2027, month: 1, day: 15)!) }),
        ("member.fee", { _ in .memberFee(id: 1, year: 2027, amount: Money(kroner: 100), date: Day(year: 2027, month: 1, day: 15)!) }),
        ("board.role", { s in .boardRole(BoardRole(id: s.boardRoles.nextID, volunteer: 1, role: .chair,
                                                   from: Day(year: 2027, month: 1, day: 15)!)) }),
        ("board.ended", { _ in .boardEnded(id: 1, date: Day(year: 2027, month: 12, day: 31)!) }),
        ("member.left", { _ in .memberLeft(id: 1, date: Day(year: 2028, month: 1, day: 31)!) }),
        ("activity.attendance", { _ in .activityAttendance(id: 1, present: [1]) }),
        ("activity.minutes", { _ in .activityMinutes(id: 1, minutes: "Vi talte om sommerfesten", decisions: "Sommerfest 20. juni") }),
        ("funding.details", { _ in
            var d = FundingDetails(); d.pool = "§18"; d.purpose = "Ture"; d.holder = .association
            d.periodFrom = Day(year: 2027, month: 2, day: 1); d.periodTo = Day(year: 2027, month: 12,
                                                                               day: 31); d.reportDue = Day(year: 2028, month: 3, day: 1)
            return .fundingDetails(id: 1, details: d)
        }),
        ("account.entry", { s in .accountEntry(AccountEntry(id: s.accountEntries.nextID, date: Day(year: 2027, month: 2, day: 21)!,
                                                            direction: .expense, line: "Transport",
                                                            amount: Money(kroner: 300), funding: 1, receipt: "B1", note: "bus")) }),
        ("deadline.added", { s in .deadlineAdded(FundDeadline(id: s.deadlines.nextID, funder: "PUF",
                                                              date: Day(year: 2027, month: 5, day: 31)!, yearly: true)) }),
        ("duty.done", { _ in .dutyDone(key: "accounts:2028", date: Day(year: 2028, month: 2, day: 20)!) }),
        ("evaluation.added", { s in .evaluationAdded(Evaluation(id: s.evaluations.nextID, hold: 1, date: Day(year: 2027, month: 6, day: 1)!,
                                                                benefit: 4, satisfaction: 5, comment: "Godt")) }),
        ("interested.added", { s in .interestedAdded(InterestedFields(id: ID(s.interested.count + 1), name: "Leila Karimi",
                phone: "40 50 60 70", source: "skolen", contactConsent: Day(year: 2027, month: 3, day: 1)!)) }),
        ("recruit.interviewed", { _ in .recruitInterviewed(id: 1, date: Day(year: 2027, month: 3, day: 8)!) }),
        ("recruit.status", { _ in .recruitStatus(id: 1, status: .waiting, volunteer: nil) }),
        ("progress.consent", { _ in .progressConsent(volunteer: 1, date: Day(year: 2027, month: 3, day: 1)!) }),
        ("progress.kind", { _ in .progressKind(token: "mentor",
                definition: ProgressKindDefinition(token: "mentor", da: "blevet mentor", en: "became a mentor")) }),
        ("progress.added", { s in .progressAdded(ProgressStep(id: s.progressSteps.nextID, volunteer: 1, kind: .danishTest,
                date: Day(year: 2027, month: 3, day: 10)!, note: "Prøve i dansk 2", own: "mentor")) }),
        ("survey.added", { s in .surveyAdded(SurveyAnswer(id: s.surveys.nextID, year: 2027, answers: [4, 5, 3, 4, 2])) }),
        ("wheel.set", { _ in var w = WheelSettings(); w.assemblyMonth = 4; w.assemblyDay = 15; w.noticeDays = 28; return .wheelSet(w) }),
        ("expense.removed", { _ in .removed(.expense, id: 1) }),
        ("expense.restored", { _ in .restored(.expense, id: 1) }),
        ("volunteer.removed", { _ in .removed(.volunteer, id: 1) }),
    ]

    /// Kinds that cannot be undone, each named: the built-in plan's definitions, an erasure, a new
    /// budget line (undo stops there and says so).
    static let notUndoable: Set<String> = ["phase.defined", "module.defined", "person.erased", "budget-line.added"]

    /// A new kind of change fails here until it is in the undo test or named as not undoable.
    @Test func everyKindOfChangeIsUndoneAndRedoneOrNamedAsNot() {
        let covered = Set(UndoTests.changes.map(\.0)).union(UndoTests.notUndoable)
        for k in EventKind.allCases {
            let name = k.rawValue
            if name == "removed" || name == "restored" { #expect(covered.contains { $0.hasSuffix("." + name) }, "\(name)"); continue }
            #expect(covered.contains(name), "\(name) is in no undo test")
        }
    }

    @Test(arguments: UndoTests.changes.indices)
    func undoThenRedoOfEveryKindOfChange(_ i: Int) throws {
        let store = try newStore(dir)
        for (_, make) in UndoTests.changes[..<i] { try store.commit { make($0) } }
        let before = store.state
        let (name, make) = UndoTests.changes[i]
        let r = try store.commit { make($0) }
        #expect(r.entry.event.name == name)
        let after = store.state
        try store.undoStep()
        let undone = visible(store.state) == visible(before)
        #expect(undone, "undo of \(name)")
        // after a restart, redo brings it back
        let again = try newStore(dir)
        #expect(again.state == store.state)
        try again.redoStep()
        let redone = visible(again.state) == visible(after)
        #expect(redone, "redo of \(name)")
    }

    @Test func undoStepsGoBackOneAtATimeAndRedoComesForward() throws {
        let store = try newStore(dir)
        let v = try store.addVolunteer("Amina")
        try store.addExpense(ore: 10_000)
        try store.undoStep()                      // expense gone
        #expect(store.state.expenses[0].removed)
        try store.undoStep()                      // volunteer gone too
        #expect(store.state.volunteer(v)!.removed)
        let m = refusal { try store.undoStep() }
        #expect(m?.da == "der er intet at fortryde")
        try store.redoStep()                      // the volunteer comes back first
        #expect(!store.state.volunteer(v)!.removed)
        #expect(store.state.expenses[0].removed)
        let restarted = try newStore(dir)
        try restarted.redoStep()                  // then the expense, after a restart
        #expect(!restarted.state.expenses[0].removed)
        #expect(refusal { try restarted.redoStep() }?.da == "der er intet at gentage")
    }
}

/// The reducer's own promises, over every kind of change in the undo test.
@Suite struct InverseTests {
    func seeded() throws -> ProjectState {
        var s = ProjectState()
        for e in SeedPlan.events { _ = try Reducer.apply(e, to: &s) }
        return s
    }

    /// Apply every change, then the inverses in reverse order: the state a person sees is back.
    @Test func applyingThenTheInversesInReverseGivesTheStateBack() throws {
        let start = try seeded()
        var s = start
        var inverses: [Event] = []
        for (name, make) in UndoTests.changes {
            let e = make(s).allocatingID(in: s)
            guard let inv = try Reducer.apply(e, to: &s) else { Issue.record("\(name) has no inverse"); continue }
            inverses.append(inv)
        }
        for inv in inverses.reversed() { _ = try Reducer.apply(inv, to: &s) }
        #expect(visible(s) == visible(start))
    }

    /// A change the reducer refuses leaves the state exactly as it was, whatever the kind.
    @Test func aRefusedChangeLeavesTheStateUnchanged() throws {
        var s = try seeded()
        for (_, make) in UndoTests.changes { _ = try Reducer.apply(make(s).allocatingID(in: s), to: &s) }
        let before = s
        let bad: [Event] = [
            .volunteerChanged(VolunteerFields(id: 99, name: "X")), .sessionStatus(id: 99, status: .held),
            .expenseChanged(Expense(id: 1, date: Day(year: 2027, month: 2, day: 9)!, line: "findes-ikke", amount: Money(ore: 100))),
            .budgetLinePlanned(id: "gaver", low: Money(kroner: 10), high: Money(kroner: 5)),
            .budgetLineDated(id: "gaver", start: Day(year: 2027, month: 5, day: 1)!, end: Day(year: 2027, month: 4, day: 1)!),
            .attendanceMarked(session: 1, volunteer: 99, mark: .present), .milestoneChecked(id: 999, done: true),
            .holdChanged(HoldFields(id: 9, name: "X",
                                    start: Day(year: 2027, month: 1, day: 1)!)), .fundingDecided(id: 9, granted: nil, date: nil),
            .personErased(id: 99), .removed(.activity, id: 42), .diplomaRule(minimum: 99),
        ]
        for e in bad {
            var t = s
            #expect(throws: Message.self, "\(e.name) was accepted") { try Reducer.apply(e, to: &t) }
            #expect(t == before, "\(e.name) changed the state although refused")
        }
        s = before
    }
}
