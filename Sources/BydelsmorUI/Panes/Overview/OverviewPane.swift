import BydelsmorCore

/// 1 Overblik: what needs doing, and going there.
extension App {

    /// What needs doing now, kept until the data or the day changes.
    func attention() -> [AttentionItem] {
        attentionCache.rows([String(dataStamp), today.iso, String(ui.groupsExpanded)]) {
            let all = Attention.items(state, today: today, lang, lastConversation: index.tally.lastDate)
            return ui.groupsExpanded ? all : Attention.grouped(all, lang)
        }
    }

    /// ↑↓ choose a line of "Det skal gøres nu"; Enter goes to where it is fixed.
    func overviewAction(_ action: Action) {
        let todo = attention()
        guard !todo.isEmpty else { return }
        if action != .open { move(action, cursor: .overview, count: todo.count); return }
        let a = todo[min(ui.cursor[.overview] ?? 0, todo.count - 1)]
        switch a.kind {
        case .sessionOpen, .attendanceMissing, .upcoming:
            guard let id = SessionID(ref: a.id), let x = state.session(id) else { return }
            ui.calendar.day = x.date
            ui.calendar.item = dayItems.firstIndex { if case .session(let s) = $0 { return s.id == id }; return false } ?? 0
            switchTo(.calendar)
            ui.message = a.kind == .upcoming ? lang.t("n: note til modulgangen · f: fremmøde", "n: note for the session · f: attendance")
                : lang.t("m: afholdt · c: aflyst · f: fremmøde", "m: held · c: cancelled · f: attendance")
        case .missedTwo, .paperwork, .quiet:
            if Attention.groupIDs[a.kind] == a.id { ui.groupsExpanded = true; return }
            guard let id = VolunteerID(ref: a.id) else { return }
            ui.roster.detail = id
            switchTo(.roster)
            ui.message = a.kind == .paperwork ? lang.t("e: ret kontrakt og samtykke", "e: edit contract and consent") : nil
        case .milestoneOverdue:
            guard let id = MilestoneID(ref: a.id), let m = state.milestones.first(where: { $0.id == id }) else { return }
            ui.cursor[.phases] = m.phase - 1
            ui.phases.detail = true
            ui.detailCursor = state.milestones.filter { $0.phase == m.phase && !$0.removed }.firstIndex { $0.id == id } ?? 0
            switchTo(.phases)
        case .duty:
            // The association's page: phase 4 in the phase tracker.
            ui.cursor[.phases] = ProjectState.phaseCount - 1
            ui.phases.detail = true
            switchTo(.phases)
            ui.message = lang.t("Markér som gjort: bydelsmor association done \(a.id)", "Mark as done: bydelsmor association done \(a.id)")
        case .budgetOver, .budgetPace:
            ui.budget.year = nil
            switchTo(.budget)
            ui.cursor[.budget] = budgetRows().firstIndex { $0.id == a.id } ?? 0
        }
    }
}

/// 1 Overblik: the meeting glance — everything that matters on one 80×24 screen.
extension Frame {
    func drawOverview(_ g: inout Grid, _ r: Rect) {
        let st = index.status
        let l = lang
        var blocks: [[(String, StyleRole, (inout Grid, Rect, Int) -> Void)?]] = []

        // The current phase.
        // Phases 2 and 3 as the holds stand (ProjectStatus): never "done" while a hold is in training.
        if let line = st.phases.first(where: { $0.status == .active }) ?? st.phases.first(where: { $0.status != .done }) ?? st.phases.last {
            let p = line
            let dates = [p.start.map { l.shortDate($0) }, p.end.map { l.shortDate($0) }].compactMap { $0 }.joined(separator: " – ")
            let holds = p.holds.map(\.name).joined(separator: ", ")
            blocks.append([
                ("\(l.t("Fase", "Phase")) \(p.number) \(l.t("af", "of")) \(st.phases.count): \(p.title) — \(p.status.label(l))" + (holds.isEmpty ? (dates.isEmpty ? "" : "  (\(dates))") : " (\(holds))"), .title, { _, _, _ in }),
                ("", .normal, { g, r, row in
                    let label = l.t("Milepæle ", "Milestones ")
                    let used = g.put(label, in: r, row: row)
                    let count = " \(line.milestonesDone)/\(line.milestonesTotal)"
                    let w = min(30, r.width - used - Text.width(count) - 1)
                    Widgets.progress(&g, x: r.x + used, y: r.y + row, width: w, done: line.milestonesDone, total: line.milestonesTotal)
                    g.put(count, in: r, row: row, col: used + w)
                    let others = st.phases.map { "\($0.number)·\($0.status == .done ? "✓" : $0.status == .active ? "▶" : "–")" }.joined(separator: " ")
                    if used + w + Text.width(count) + Text.width(others) + 6 < r.width { g.put(others, in: r, row: row, col: r.width - Text.width(others), .dim) }
                }),
            ])
        }
        // The memo's effects this year, when there is anything to say (the steps and the survey only:
        // the overview never reads every conversation for it).
        let stepsThisYear = state.progressSteps.filter { !$0.removed && $0.date.year == today.year }
        let answers = state.surveys.filter { !$0.removed && $0.year == today.year }.count
        if !stepsThisYear.isEmpty || answers > 0 {
            let women = Set(stepsThisYear.map(\.volunteer)).count
            blocks.append([(l.t("Effekt \(today.year): ",
                                "Effects \(today.year): ") + l.count(women, l.t("bydelsmor", "mother"), l.t("bydelsmødre", "mothers"))
                            + l.t(" har taget et skridt · spørgeskemaet: ",
                                  " took a step · the survey: ") + l.count(answers, l.t("svar", "answer"), l.t("svar", "answers")),
                            .normal, { _, _, _ in })])
        }
        // Phase 4: the association in one line.
        if let a = AssociationStatus(state, today: today, l) { blocks.append([(a.line(l), .normal, { _, _, _ in })]) }
        // The next session.
        if let n = st.next {
            let title = st.nextTitle ?? ""
            var lines: [(String, StyleRole, (inout Grid, Rect, Int) -> Void)?] = [
                (l.t("Næste modulgang", "Next session"), .header, { _, _, _ in }),
                ("  \(l.weekdayNames[n.date.weekday - 1]) \(l.longDate(n.date)) · \(l.week(n.date)) · \(n.start.text)–\(n.end.text)",
                 .accent, { _, _, _ in }),
                ("  \(l.t("Modul", "Module")) \(n.module): \(title)" + (st.nextHold.map { " · " + $0 } ?? ""), .normal, { _, _, _ in }),
                ("  \(l.t("Sted", "Place")): \(n.place)" + (n.teacher.isEmpty ? "" : " · \(l.t("Underviser", "Teacher")): \(n.teacher)"),
                 .normal, { _, _, _ in }),
            ]
            if let h = DanishHolidays.name(of: n.date, l) { lines.append(("  ⚠ " + h, .warning, { _, _, _ in })) }
            blocks.append(lines)
        } else {
            blocks.append([(l.t("Næste modulgang", "Next session"), .header, { _, _, _ in }),
                           ("  " + l.t("ingen planlagt — planlæg i Kalender (3)",
                                       "none scheduled — plan in Calendar (3)"), .dim, { _, _, _ in })])
        }
        // What needs doing now: as many lines as the screen has room for, the chosen one marked.
        let todo = attention()
        if !todo.isEmpty {
            let fixed = blocks.reduce(0) { $0 + $1.count } + 9
            let room = max(1, min(todo.count, r.height - fixed - 1))
            let cursor = min(ui.cursor[.overview] ?? 0, todo.count - 1)
            let start = max(0, min(cursor - room + 1, todo.count - room))
            var lines: [(String, StyleRole, (inout Grid, Rect, Int) -> Void)?] = [
                (l.t("Det skal gøres nu",
                     "What needs doing now") + " (\(todo.count))" + (todo.count > room ? " · ↑↓" : ""), .header, { _, _, _ in })]
            for (i, a) in todo.enumerated().dropFirst(start).prefix(room) {
                let text = Attention.groupIDs[a.kind] == a.id ? a.text + l.t(" — Enter viser dem", " — Enter shows them") : a.text
                lines.append(((i == cursor ? "▶ " : "  ") + text, i == cursor ? .selected : .warning, { _, _, _ in }))
            }
            blocks.append(lines)
        }
        // Training: the current hold's, when there are holds.
        if let h = state.holdRunning(on: today), let line = st.holds.first(where: { $0.id == h.id }) {
            // The hold and its bar on one line, its figures whole on the next: a number is never cut.
            blocks.append([("", .normal, { g, r, row in
                let used = g.put("\(line.name) (\(line.stage.label(l))) ", in: r, row: row, .header)
                let count = " \(line.modulesHeld)/\(line.modulesTotal) " + l.t("moduler", "modules")
                let w = min(30, r.width - used - Text.width(count))
                if w >= 6 { Widgets.progress(&g, x: r.x + used, y: r.y + row, width: w, done: line.modulesHeld, total: line.modulesTotal) }
                g.put(count, in: r, row: row, col: used + max(0, w >= 6 ? w : 0))
            }), ("  " + l.t("planlagt",
                            "scheduled") + " \(line.sessionsScheduled) · " + l.count(line.volunteers, l.t("kvinde",
                                                                                                          "woman"), l.t("kvinder", "women"))
                 + " · " + l.t("kan få diplom", "eligible for the diploma") + " \(line.diplomaEligible)", .normal, { _, _, _ in })]
                // The next hold being recruited, beside the one in training.
                + st.holds.filter { $0.id != h.id && $0.stage == .recruiting && $0.start >= h.start }.prefix(1).map { r in
                    ("  " + r.name + ": " + r.stage.label(l) + " · " + l.count(r.volunteers, l.t("kvinde",
                                                                                                 "woman"), l.t("kvinder",
                                                                                                               "women")), .dim, { _, _, _ in })
                })
        } else {
        blocks.append([("", .normal, { g, r, row in
            let label = l.t("Moduler afholdt ", "Modules held ")
            let used = g.put(label, in: r, row: row, .header)
            let w = min(30, r.width - used - 30)
            Widgets.progress(&g, x: r.x + used, y: r.y + row, width: max(0, w), done: st.modulesHeld, total: st.modulesTotal)
            g.put(" \(st.modulesHeld)/\(st.modulesTotal) · \(l.t("planlagt", "scheduled")) \(st.modulesScheduled)", in: r, row: row,
                  col: used + max(0, w))
        })])
        }
        // Volunteers.
        let stages = st.byStage.filter { $0.1 > 0 }.map { "\($0.0.label(l)) \(l.number($0.1))" }.joined(separator: " · ")
        blocks.append([
            ("\(l.t("Bydelsmødre", "Volunteers")): \(l.number(st.volunteersTotal))" + (st.diplomaEligible > 0 ? "  (\(l.t("kan få diplom", "eligible for the diploma")): \(l.number(st.diplomaEligible)))" : ""), .header, { _, _, _ in }),
            ("  " + (stages.isEmpty ? l.t("ingen endnu — tilføj med bydelsmor add volunteer",
                                          "none yet") : stages), .normal, { _, _, _ in }),
        ])
        // Outreach.
        blocks.append([("\(l.t("Samtaler", "Conversations")): \(l.number(st.conversations)) · \(l.t("henvist videre", "referred on")) \(l.number(st.referred)) (\(st.referralPercent) %)", .header, { _, _, _ in })])
        // Budget.
        blocks.append([
            ("\(l.t("Budget", "Budget")): \(l.t("brugt", "spent")) \(st.spent.formatted(l)) \(l.t("af", "of")) \(Money.range(st.plannedLow, st.plannedHigh, l))", .header, { _, _, _ in }),
            ("", .normal, { g, r, row in
                Widgets.gauge(&g, x: r.x + 2, y: r.y + row, width: min(60, r.width - 4), spent: st.spent, low: st.plannedLow,
                              high: st.plannedHigh)
            }),
            // Each figure on a line of its own, so none is ever cut.
            // The plan is that of all the project years so far (ProjectStatus.lines).
            ("  " + Money.remaining(spent: st.spent, low: st.plannedLow, high: st.plannedHigh, l)
                + ((st.budgetYearsCovered.last ?? 0) > (st.budgetYearsCovered.first ?? 0) ? l.t(" · plan for \(st.budgetYearsCovered.first!)–\(st.budgetYearsCovered.last!)",
                                                                                                " · plan for \(st.budgetYearsCovered.first!)–\(st.budgetYearsCovered.last!)") : ""),
             st.spent > st.plannedHigh ? .warning : .normal, { _, _, _ in }),
            ("  \(l.t("koordinatortimer", "coordinator hours")): \(index.hoursTotal.formatted(l))", .normal, { _, _, _ in }),
        ])

        let contentRows = blocks.reduce(0) { $0 + $1.count }
        let gaps = max(0, min(blocks.count - 1, r.height - contentRows))
        var row = 0
        for (bi, block) in blocks.enumerated() {
            for item in block {
                guard row < r.height, let (text, role, draw) = item else { continue }
                if !text.isEmpty { g.put(text, in: r, row: row, role) }
                draw(&g, r, row)
                row += 1
            }
            if bi < gaps { row += 1 }
        }
    }
}
