import Testing
@testable import BydelsmorCore

@Suite struct MergeTests {
    let base = VolunteerFields(id: 1, name: "Amina", phone: "11 11 11 11", languages: ["ar"], neighbourhood: "Vejleåparken", notes: "")

    @Test func eachSideKeepsTheFieldsOnlyItChanged() throws {
        var mine = base; mine.phone = "22 22 22 22"
        var theirs = base; theirs.name = "Amina Hassan"; theirs.notes = "ny"
        let m = try Merge.record(base: base, mine: mine, theirs: theirs)
        #expect(m == VolunteerFields(id: 1, name: "Amina Hassan", phone: "22 22 22 22", languages: ["ar"], neighbourhood: "Vejleåparken",
                                     notes: "ny"))
    }

    @Test func theSameFieldChangedDifferentlyIsRefusedByName() throws {
        var mine = base; mine.name = "Amina H."
        var theirs = base; theirs.name = "Amina Hassan"
        #expect(throws: Message.self) { _ = try Merge.record(base: base, mine: mine, theirs: theirs) }
        do { _ = try Merge.record(base: base, mine: mine, theirs: theirs) } catch {
            #expect(error.field == "name")
            #expect(error.da.hasPrefix("Navnet er ændret af en anden"))
        }
        // The same change on both sides is no conflict.
        #expect(try Merge.record(base: base, mine: theirs, theirs: theirs) == theirs)
    }

    @Test func phasesAndPlannedRangesMergeLikeTheRest() throws {
        let d = Day(year: 2027, month: 1, day: 5)!
        let p = PhaseFields(status: .notStarted, start: nil, end: nil)
        let mine = PhaseFields(status: .active, start: nil, end: nil)
        let theirs = PhaseFields(status: .notStarted, start: d, end: nil)
        #expect(try Merge.record(base: p, mine: mine, theirs: theirs) == PhaseFields(status: .active, start: d, end: nil))
        let r = PlannedRange(low: Money(ore: 100), high: Money(ore: 200))
        #expect(throws: Message.self) {
            _ = try Merge.record(base: r, mine: PlannedRange(low: Money(ore: 150), high: Money(ore: 200)),
                                 theirs: PlannedRange(low: Money(ore: 120), high: Money(ore: 200)))
        }
    }
}

@Suite struct ModulesAttendedTests {
    /// One rule for "modules attended": the status, the index and the yearly report agree, and none
    /// counts a removed volunteer (the report once did).
    @Test func statusIndexAndReportAgreeAndSkipRemovedVolunteers() throws {
        let dir = TempDir()
        let store = try newStore(dir)
        let a = try store.addVolunteer("Amina"), b = try store.addVolunteer("Bodil")
        try store.commit { _ in .diplomaRule(minimum: 1) }
        try store.commit { s in .sessionScheduled(SessionFields(id: s.sessions.nextID, module: 1, date: Day(year: 2027, month: 1, day: 12)!,
                                                                 start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 0)!, place: "X", teacher: "")) }
        try store.commit(steps: [{ _ in .attendanceMarked(session: 1, volunteer: a, mark: .present) },
                                 { _ in .attendanceMarked(session: 1, volunteer: b, mark: .present) }])
        try store.commit { _ in .sessionStatus(id: 1, status: .held) }
        try store.commit { _ in .removal(of: b) }
        let today = Day(year: 2027, month: 2, day: 1)!
        #expect(ProjectStatus(state: store.state, today: today).diplomaEligible == 1)
        #expect(ProjectIndex(state: store.state, today: today).roster.filter(\.eligible).map(\.id) == [a])
        #expect(YearReport(state: store.state, year: 2027).trained == 1)
        #expect(store.state.modulesAttended(by: a) == [1])
    }
}

@Suite struct HoldTests {
    let dir = TempDir()

    func store() throws -> Store {
        let s = try newStore(dir)
        try s.commit { st in .holdAdded(HoldFields(id: st.holds.nextID, name: "Hold 2026", start: Day(year: 2026, month: 2, day: 1)!,
                                                   modules: 14)) }
        try s.commit { st in .holdAdded(HoldFields(id: st.holds.nextID, name: "Hold 2027", start: Day(year: 2027, month: 1, day: 10)!)) }
        return s
    }

    @Test func aVolunteerTrainsInOneHoldAndJoiningIsUndoneWhole() throws {
        let s = try store()
        let v = try s.addVolunteer("Amina")
        try s.commit(steps: [{ _ in .volunteerHold(id: v, hold: 1) }, { _ in .volunteerStage(id: v, stage: .training) }])
        #expect(s.state.volunteers[0].hold == 1 && s.state.volunteers[0].stage == .training)
        let m = refusal { try s.commit { _ in .volunteerHold(id: v, hold: 2) } }
        #expect(m?.field == "hold" && m?.da.contains("allerede på Hold 2026") == true)
        try s.undoStep()
        #expect(s.state.volunteers[0].hold == nil && s.state.volunteers[0].stage == .candidate)
    }

    @Test func holdsSurviveASnapshot() throws {
        let s = try store()
        let v = try s.addVolunteer("Amina")
        try s.commit { _ in .volunteerHold(id: v, hold: 2) }
        try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: 3, date: Day(year: 2027, month: 2, day: 2)!,
                                                              start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 0)!, place: "X", hold: 2)) }
        let cached = try Store(path: s.path, readOnly: true, actor: "x", cacheDirectory: dir.path + "/c")
        cached.saveSnapshot()
        let again = try Store(path: s.path, readOnly: true, actor: "x", cacheDirectory: dir.path + "/c")
        #expect(again.snapshotOffset > 0)
        #expect(again.state == s.state)
        #expect(again.state.holds.map(\.modules) == [14, 15] && again.state.sessions[0].hold == 2 && again.state.volunteers[0].hold == 2)
    }
}

@Suite struct BudgetYearTests {
    /// The calendar year, everywhere: once lines in the year they start, yearly lines in every year
    /// from their start (pro rata by whole months in a part year), each year's spending against that
    /// year's plan, nothing planned before a line existed, spending before the project start counted.
    @Test func onceAndYearlyLinesAcrossThreeCalendarYears() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        // The project starts in August 2025: the built-in plan starts with it.
        try s.commit { _ in .phaseDates(number: 1, start: Day(year: 2025, month: 8, day: 15)!, end: nil) }
        for (y, ore) in [(2025, 1_000_000), (2026, 2_000_000), (2027, 3_000_000)] {
            try s.addExpense("koordinator", ore: Int64(ore), on: Day(year: y, month: 9, day: 1)!)
        }
        try s.addExpense("gebyr", ore: 4_500_000, on: Day(year: 2025, month: 9, day: 1)!)
        // Spent before the project began (a deposit in June): counted, in its own year.
        try s.addExpense("brochurer", ore: 100_000, on: Day(year: 2025, month: 6, day: 1)!)
        // A yearly line added in the second year, dated from March 2026.
        try s.commit { _ in .budgetLineAdded(BudgetLine(id: "forplejning-hold", title: "Forplejning, nye hold", low: Money(ore: 1_200_000),
                                                        high: Money(ore: 2_400_000), period: .yearly)) }
        try s.commit { _ in .budgetLineDated(id: "forplejning-hold", start: Day(year: 2026, month: 3, day: 1)!, end: nil) }
        let st = s.state
        let plan = try #require(st.budgetLines.first { $0.id == "koordinator" })
        let once = st.budgetLines.filter { $0.period == .once && !$0.removed }.reduce(Money.zero) { $0 + $1.low }
        // 2025: the once lines and 5/12 of the coordinator (August–December).
        let coordinator2025 = Money(ore: (plan.low.ore * 5 + 6) / 12)
        #expect(st.planned(year: 2025).low == once + coordinator2025)
        // 2026: the coordinator whole and the new line from March (10/12); 2027: both whole.
        #expect(st.planned(year: 2026).low == plan.low + Money(ore: 1_000_000))
        #expect(st.planned(year: 2027).low == plan.low + Money(ore: 1_200_000))
        // Nothing is planned in a year before a line existed.
        #expect(st.planned(year: 2024).low == .zero)
        let status = ProjectStatus(state: st, today: Day(year: 2027, month: 6, day: 1)!)
        #expect(status.budgetYears.map(\.year) == [2025, 2026, 2027])
        #expect(status.budgetYears.map(\.spent) == [Money(ore: 5_600_000), Money(ore: 2_000_000), Money(ore: 3_000_000)])
        // The project's totals and lines are the sum of its years; all spending is in them.
        #expect(status.plannedLow == status.budgetYears.reduce(Money.zero) { $0 + $1.plannedLow })
        #expect(status.plannedHigh == status.budgetYears.reduce(Money.zero) { $0 + $1.plannedHigh })
        #expect(status.spent == status.budgetYears.reduce(Money.zero) { $0 + $1.spent })
        let c = try #require(status.lines.first { $0.id == "koordinator" })
        #expect(c.plannedLow == coordinator2025 + plan.low + plan.low && c.spent == Money(ore: 6_000_000))
        #expect(status.lines.first { $0.id == "gebyr" }?.plannedLow == st.budgetLines.first { $0.id == "gebyr" }?.low)
        let text = StatusFormat.text(status, .da)
        #expect(text.contains("planlagt for 2025–2027: ") && !text.contains("overskredet"), "\(text)")
        let json = StatusFormat.json(status)
        #expect(json.contains("\"years\":[{\"year\":2025,"), "\(json)")
        // The report of the middle calendar year: that year's plan and spending only.
        let mid = YearReport(state: st, year: 2026)
        #expect(mid.lines.reduce(Money.zero) { $0 + $1.low } == plan.low + Money(ore: 1_000_000))
        #expect(mid.lines.reduce(Money.zero) { $0 + $1.spent } == Money(ore: 2_000_000))
        // Its tables leave out a line with nothing planned and nothing spent that year.
        let fee = try #require(st.budgetLines.first { $0.id == "gebyr" }).title
        #expect(!mid.markdown(.da).contains(fee) && !mid.html(.da).contains(fee))
        #expect(YearReport(state: st, year: 2025).markdown(.da).contains(fee))
    }

    @Test func aBudgetLineCannotEndBeforeItStarts() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        let m = refusal { try s.commit { _ in .budgetLineDated(id: "koordinator", start: Day(year: 2027, month: 5, day: 1)!,
                                                               end: Day(year: 2027, month: 4, day: 30)!) } }
        #expect(m?.field == "end", "\(String(describing: m))")
        // An end in March: a yearly line plans three twelfths of that year, nothing after.
        try s.commit { _ in .budgetLineDated(id: "koordinator", start: nil, end: Day(year: 2028, month: 3, day: 31)!) }
        let plan = try #require(s.state.budgetLines.first { $0.id == "koordinator" })
        #expect(s.state.planned(plan, year: 2028).low == Money(ore: (plan.low.ore * 3 + 6) / 12))
        #expect(s.state.planned(plan, year: 2029).low == .zero)
    }
}

@Suite struct ModulePlanTests {
    @Test func aModuleIsRenamedAndTheRenameUndone() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        let old = s.state.modules[2]
        try s.commit { _ in .moduleChanged(TrainingModule(number: 3, title: "Familieliv i Danmark", theme: .family, kind: .method)) }
        #expect(s.state.modules[2].title == "Familieliv i Danmark" && s.state.modules[2].kind == .method)
        #expect(refusal { try s.commit { _ in .moduleChanged(TrainingModule(number: 17, title: "X", theme: .family,
                                                                            kind: .subject)) } }?.field == "number")
        #expect(refusal { try s.commit { _ in .moduleChanged(TrainingModule(number: 3, title: " ", theme: .family,
                                                                            kind: .subject)) } }?.field == "title")
        try s.undoStep()
        #expect(s.state.modules[2] == old)
        // The number after the last adds a module (a hold of 16); undo stops there and says so.
        try s.commit { _ in .moduleChanged(TrainingModule(number: 16, title: "Evaluering", theme: .methods, kind: .method)) }
        #expect(s.state.modules.count == 16)
        #expect(refusal { try s.undoStep() }?.da.contains("modul 16: Evaluering") == true)
        #expect(s.state.modules.count == 16)
        #expect(try newStore(dir).state.modules.count == 16)
    }
}

@Suite struct IDAllocationTests {
    /// New records' ids are handed out by the Core at write time: callers pass 0, and two records
    /// added in one change get consecutive ids.
    @Test func theCoreHandsOutIDs() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        try s.addVolunteer("Før")
        let r = try s.commit(steps: [{ _ in .volunteerAdded(VolunteerFields(id: 0, name: "Amina")) },
                                     { _ in .volunteerAdded(VolunteerFields(id: 0, name: "Bodil")) },
                                     { st in .volunteerStage(id: st.volunteers.lastID, stage: .training) }])
        #expect(r.map { $0.entry.line.contains("id=v2") || $0.entry.line.contains("id=v3") }.filter { $0 }.count == 3)
        #expect(s.state.volunteers.map(\.name) == ["Før", "Amina", "Bodil"] && s.state.volunteers[2].stage == .training)
        #expect(try Store(path: s.path, readOnly: true, actor: "x").state == s.state)
    }
}

/// An edit as a value: the Core merges it against the journal's record at write time.
@Suite struct RecordEditTests {
    @Test func anEditIsMergedByTheRecordsTableRefusedWhenRemovedAndEmptyWhenNothingChanged() throws {
        let dir = TempDir()
        let s = try newStore(dir)
        try s.commit { _ in .expenseAdded(Expense(id: 0, date: Day(year: 2027, month: 2, day: 1)!, line: "gaver",
                                                  amount: Money(ore: 10_000), note: "blomster")) }
        let base = s.state.expenses[0]
        // Someone else changes the note; this edit changes the amount: both kept.
        try s.commit { _ in .expenseChanged(Expense(id: 1, date: base.date, line: "gaver", amount: base.amount, note: "roser")) }
        var mine = base; mine.amount = Money(ore: 20_000)
        let e = try RecordEdit(base: base, mine: mine).event(in: s.state)
        #expect(e == .expenseChanged(Expense(id: 1, date: base.date, line: "gaver", amount: Money(ore: 20_000), note: "roser")))
        #expect(try RecordEdit(base: base, mine: base).event(in: s.state) == nil)
        // The same field changed differently: refused, with the field named.
        var other = base; other.note = "tulipaner"
        #expect(refusal { _ = try RecordEdit(base: base, mine: other).event(in: s.state) }?.field == "note")
        try s.commit { _ in .removed(.expense, id: 1) }
        #expect(refusal { _ = try RecordEdit(base: base, mine: mine).event(in: s.state) }?.da == "udgiften er slettet i mellemtiden")
    }
}
