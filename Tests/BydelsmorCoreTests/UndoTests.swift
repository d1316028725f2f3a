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
    return v
}

@Suite struct UndoTests {
    let dir = TempDir()

    /// Changes of every kind, each made on top of the ones before.
    static let changes: [(String, @Sendable (ProjectState) -> Event)] = [
        ("volunteer.added", { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: "Hodan Abdi", phone: "22 33 44 55", languages: ["so", "da"])) }),
        ("volunteer.changed", { _ in .volunteerChanged(VolunteerFields(id: 1, name: "Hodan A.", phone: "", languages: ["so"], neighbourhood: "Strandparken", notes: "ny")) }),
        ("volunteer.stage", { _ in .volunteerStage(id: 1, stage: .training) }),
        ("volunteer.contract", { _ in .volunteerContract(id: 1, date: Day(year: 2027, month: 1, day: 20)!) }),
        ("volunteer.consent", { _ in .volunteerConsent(id: 1, date: Day(year: 2027, month: 1, day: 20)!) }),
        ("session.scheduled", { s in .sessionScheduled(SessionFields(id: s.sessions.nextID, module: 2, date: Day(year: 2027, month: 2, day: 9)!, start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 0)!, place: "Biblioteket")) }),
        ("session.changed", { _ in .sessionChanged(SessionFields(id: 1, module: 2, date: Day(year: 2027, month: 2, day: 10)!, start: ClockTime(hour: 16, minute: 30)!, end: ClockTime(hour: 19, minute: 0)!, place: "Rådhuset", teacher: "Ida")) }),
        ("session.noted", { _ in .sessionNoted(id: 1, note: "Læs pjecen") }),
        ("session.homework", { _ in .sessionHomework(id: 1, text: "Tag skemaet med") }),
        ("attendance.marked", { _ in .attendanceMarked(session: 1, volunteer: 1, mark: .present) }),
        ("session.status", { _ in .sessionStatus(id: 1, status: .held) }),
        ("conversation.logged", { s in .conversationLogged(Conversation(id: s.conversations.nextID, date: Day(year: 2027, month: 2, day: 11)!, volunteer: 1, contact: .school, topics: TopicSet([.school]), referral: .gp, minutes: 25)) }),
        ("expense.added", { s in .expenseAdded(Expense(id: s.expenses.nextID, date: Day(year: 2027, month: 2, day: 9)!, line: "forplejning", amount: Money(ore: 99_950))) }),
        ("expense.changed", { _ in .expenseChanged(Expense(id: 1, date: Day(year: 2027, month: 2, day: 9)!, line: "gaver", amount: Money(ore: 50_000), note: "blomster")) }),
        ("hours.logged", { s in .hoursLogged(HoursEntry(id: s.hours.nextID, date: Day(year: 2027, month: 2, day: 12)!, hours: Hours(hundredths: 250))) }),
        ("budget-line.planned", { _ in .budgetLinePlanned(id: "gaver", low: Money(kroner: 9_000), high: Money(kroner: 12_000)) }),
        ("phase.status", { _ in .phaseStatus(number: 2, status: .active) }),
        ("phase.dates", { _ in .phaseDates(number: 2, start: Day(year: 2027, month: 2, day: 1)!, end: nil) }),
        ("milestone.added", { s in .milestoneAdded(id: s.milestones.nextID, phase: 1, title: "Aftale med biblioteket") }),
        ("milestone.checked", { _ in .milestoneChecked(id: 1, done: true) }),
        ("milestone.renamed", { _ in .milestoneRenamed(id: 1, title: "Koordinator ansat") }),
        ("partner.added", { s in .partnerAdded(PartnerFields(id: s.partners.nextID, name: "Strandgårdskolen", kind: .school)) }),
        ("partner.changed", { _ in .partnerChanged(PartnerFields(id: 1, name: "Strandgårdskolen", kind: .school, contact: "Mette")) }),
        ("diploma.rule", { _ in .diplomaRule(minimum: 12) }),
        ("expense.removed", { _ in .removed(.expense, id: 1) }),
        ("volunteer.removed", { _ in .removed(.volunteer, id: 1) }),
    ]

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
