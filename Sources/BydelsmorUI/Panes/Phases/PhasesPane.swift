import BydelsmorCore

/// 2 Faser: inside the milestones, or the professional network instead of them.
public struct PhasesState: Sendable, Equatable {
    public var detail = false
    public var partnersShown = false
}

/// 2 Faser: moving between phases, into the milestones and the network.
extension App {

    func phasesAction(_ action: Action) {
        if action == .partners { ui.phases.partnersShown.toggle(); ui.detailCursor = 0; return }
        if ui.phases.partnersShown {
            if action == .open { perform(.edit); return }
            if let c = stepped(ui.detailCursor, action, count: livePartners.count) { ui.detailCursor = c }
            return
        }
        let phase = (ui.cursor[.phases] ?? 0) + 1
        if action == .open { ui.phases.detail.toggle(); ui.detailCursor = 0; return }
        if ui.phases.detail {
            if action == .left || action == .right {
                ui.phases.detail = false
                move(action == .left ? .up : .down, cursor: .phases, count: state.phases.count)
            } else if let c = stepped(ui.detailCursor, action, count: phaseMilestones(phase).count) {
                ui.detailCursor = c
            }
        } else {
            move(action == .left ? .up : action == .right ? .down : action, cursor: .phases, count: state.phases.count)
        }
    }

}

/// 2 Faser: the milestones and partners shown (the search applied).
extension Reading {
    func phaseMilestones(_ phase: Int) -> [Milestone] {
        state.milestones.filter { !$0.removed && $0.phase == phase && matches($0.title) }
    }

    var livePartners: [Partner] {
        state.partners.filter { !$0.removed && matches($0.name, $0.contact, $0.kind.label(lang)) }
    }
}

/// 2 Faser: the four phases with status, dates and progress, and the selected phase's milestones.
extension Frame {
    func drawPhases(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let st = index.status
        let selected = ui.cursor[.phases] ?? 0
        var row = 0
        let dateWidth = 25
        for (i, p) in st.phases.enumerated() {
            guard row + 1 < r.height else { break }
            let isSel = i == selected
            let role: StyleRole = isSel ? .selected : .normal
            g.fill(r.row(row), role)
            let mark = p.status == .done ? "✓" : p.status == .active ? "▶" : " "
            let status = Text.pad(p.status.label(l), 12)
            let dates = [p.start.map { l.shortDate($0) } ?? "…", p.end.map { l.shortDate($0) } ?? "…"].joined(separator: " – ")
            let titleWidth = r.width - 4 - 13 - (r.width >= 70 ? dateWidth : 0)
            g.put("\(mark) \(p.number) " + Text.pad(p.title, titleWidth) + " " + status, in: r, row: row, role)
            if r.width >= 70 { g.put(dates, in: r, row: row, col: r.width - dateWidth + 2, isSel ? .selected : .dim) }
            let barWidth = min(40, r.width - 16)
            Widgets.progress(&g, x: r.x + 4, y: r.y + row + 1, width: barWidth, done: p.milestonesDone, total: p.milestonesTotal)
            g.put(" \(p.milestonesDone)/\(p.milestonesTotal) \(l.t("milepæle", "milestones"))", in: r, row: row + 1, col: 4 + barWidth)
            row += 2
            // Phases 2 and 3 run per hold: where each of its holds is.
            for h in p.holds where row < r.height - 1 {
                g.put("    " + h.name + ": " + h.stage.label(l) + " · " + "\(h.modulesHeld)/\(h.modulesTotal) " + l.t("moduler",
                                                                                                                      "modules"), in: r, row: row, .dim)
                row += 1
            }
        }
        guard selected < st.phases.count else { return }
        row += 1
        if ui.phases.partnersShown { drawPartners(&g, Rect(x: r.x, y: r.y + row, width: r.width, height: r.height - row)); return }
        let p = st.phases[selected]
        let ms = phaseMilestones(p.number)
        // Phase 4: the association's page above its milestones.
        if p.number == ProjectState.phaseCount, !ui.phases.detail, let a = AssociationStatus(state, today: today, lang) {
            row = drawAssociation(&g, r, from: row, a)
        }
        guard row < r.height else { return }
        let focus = ui.phases.detail ? l.t(" (↑↓ vælger, Esc tilbage)",
                                           " (↑↓ select, Esc back)") : l.t(" (Enter for at gå ind i listen)",
                                                                           " (Enter to move into the list)")
        g.put(l.t("Milepæle i fase ", "Milestones of phase ") + "\(p.number)" + focus, in: r, row: row, .header)
        row += 1
        let listRect = Rect(x: r.x, y: r.y + row, width: r.width, height: r.height - row)
        if ms.isEmpty {
            g.put(ui.query.isEmpty ? l.t("  ingen milepæle",
                                         "  no milestones") : l.t("  ingen milepæle matcher søgningen",
                                                                  "  no milestones match the search"), in: listRect, .dim)
            return
        }
        // The cursor shows only while the list has the focus.
        drawList(&g, listRect, id: .milestones, count: ms.count, cursor: ui.phases.detail ? ui.detailCursor : nil) { g, i, rect, sel in
            let m = ms[i]
            g.put((m.done ? "  [x] " : "  [ ] ") + m.title, in: rect, sel ? .selected : m.done ? .ok : .normal)
        }
    }

    /// The association: board, members, meetings and money this year, the duties of its year;
    /// gives the next free row.
    func drawAssociation(_ g: inout Grid, _ r: Rect, from start: Int, _ a: AssociationStatus) -> Int {
        let l = lang
        var row = start
        func line(_ text: String, _ role: StyleRole = .normal) {
            guard row < r.height - 2 else { return }
            g.put(text, in: r, row: row, role); row += 1
        }
        line(l.t("Foreningen ",
                 "The association ") + a.name + l.t(", stiftet ",
                                                    ", founded ") + l.shortDate(a.founded) + (a.cvr.isEmpty ? "" : " · CVR " + a.cvr), .header)
        let board = a.board.map { $0.role.label(l) + " " + $0.name }.joined(separator: " · ")
        // The board on two lines at most: five roles do not fit in 80 columns.
        for (i, part) in TextPolicy.wrap(l.t("Bestyrelsen: ",
                                             "Board: ") + (board.isEmpty ? l.t("ingen endnu",
                                                                               "none yet") : board), width: max(20, r.width - 4)).prefix(2).enumerated() {
            line((i == 0 ? "  " : "    ") + part)
        }
        line("  " + l.count(a.members, l.t("medlem", "member"), l.t("medlemmer", "members")) + " · "
             + l.t("generalforsamlinger i år: \(a.generalAssemblies) · bestyrelsesmøder: \(a.boardMeetings) af \(YearWheel.boardMeetings)",
                   "general assemblies this year: \(a.generalAssemblies) · board meetings: \(a.boardMeetings) of \(YearWheel.boardMeetings)"))
        line("  " + l.t("Beholdning ",
                        "Balance ") + a.accounts.closing.formatted(l) + l.t(" · i \(today.year): indtægter ",
                                                                            " · in \(today.year): income ")
             + a.accounts.totalIncome.formatted(l) + l.t(", udgifter ", ", expenses ") + a.accounts.totalExpenses.formatted(l))
        for d in a.duties {
            let state = d.done.map { l.t("✓ gjort ",
                                         "✓ done ") + l.shortDate($0) } ?? (d.due < today ? l.t("forsinket",
                                                                                                "late") : l.t("senest ",
                                                                                                              "by ") + l.shortDate(d.due))
            line("  " + Text.pad(d.what, max(10, r.width - 22)) + " " + state, d.done != nil ? .ok : d.due < today ? .warning : .dim)
        }
        return row + 1
    }

    func drawPartners(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let ps = livePartners
        g.put(l.t("Fagligt netværk: \(l.count(ps.count, "samarbejdspartner", "samarbejdspartnere")) · a tilføj · e ret · d slet · p/Esc tilbage",
                  "Professional network: \(l.count(ps.count, "partner", "partners")) · a add · e edit · d remove · p/Esc back"), in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        if ps.isEmpty { g.put(l.t("  ingen samarbejdspartnere endnu", "  no partners yet"), in: list, .dim); return }
        drawList(&g, list, id: .partners, count: ps.count, cursor: min(ui.detailCursor, ps.count - 1)) { g, i, rect, sel in
            let p = ps[i]
            let text = "  " + Text.pad(p.name, 34) + " " + Text.pad(p.kind.label(l),
                                                                    18) + " " + p.contact + (p.notes.isEmpty ? "" : " · " + p.notes)
            g.put(text, in: rect, sel ? .selected : .normal)
        }
    }
}
