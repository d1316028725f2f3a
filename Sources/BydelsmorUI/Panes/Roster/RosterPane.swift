import BydelsmorCore

public enum RosterSort: Int, CaseIterable, Sendable {
    case name, stage, modules, conversations, neighbourhood
    func label(_ l: Lang) -> String {
        switch self {
        case .name: l.t("navn", "name")
        case .stage: l.t("fase", "stage")
        case .modules: l.t("moduler", "modules")
        case .conversations: l.t("samtaler", "conversations")
        case .neighbourhood: l.t("bydel", "neighbourhood")
        }
    }
}

/// 4 Bydelsmødre: the sort, the volunteer whose details are open, and those chosen with Space (by
/// id: `>` changes the stage of all of them).
public struct RosterState: Sendable, Equatable {
    public var sort: RosterSort = .name
    public var detail: VolunteerID?
    public var chosen: Set<VolunteerID> = []
}

/// 4 Bydelsmødre: the rows in their sort, choosing and opening.
extension App {
    func rosterRows(unfiltered: Bool = false) -> [ProjectIndex.RosterRow] {
        // Sorted once per change of the data (Danish order, keys made once per volunteer); a typed
        // search character only filters the sorted rows by their folded keys.
        let sorted = rosterSorted.rows([String(dataStamp), String(ui.roster.sort.rawValue)]) { () -> [ProjectIndex.RosterRow] in
            // Positions are sorted, not rows: a row is a large value, and a sort moves its elements
            // many times. Keys are compared in one pass each.
            index.roster.withUnsafeBufferPointer { r -> [ProjectIndex.RosterRow] in
                func byName(_ i: Int, _ j: Int) -> Bool {
                    let c = TextPolicy.compareKeys(r[i].nameKey, r[j].nameKey)
                    return c != 0 ? c < 0 : r[i].id < r[j].id
                }
                let order = VolunteerStage.allCases
                var at = Array(r.indices)
                switch ui.roster.sort {
                case .name: at.sort(by: byName)
                case .stage:
                    let rank = at.map { order.firstIndex(of: r[$0].stage)! }
                    at.sort { rank[$0] != rank[$1] ? rank[$0] < rank[$1] : byName($0, $1) }
                case .modules: at.sort { r[$0].modulesAttended != r[$1].modulesAttended ? r[$0].modulesAttended > r[$1].modulesAttended : byName($0, $1) }
                case .conversations: at.sort { r[$0].conversations != r[$1].conversations ? r[$0].conversations > r[$1].conversations : byName($0, $1) }
                case .neighbourhood:
                    at.sort {
                        let c = TextPolicy.compareKeys(r[$0].placeKey, r[$1].placeKey)
                        return c != 0 ? c < 0 : byName($0, $1)
                    }
                }
                return at.map { r[$0] }
            }
        }
        guard !ui.query.isEmpty, !unfiltered else { return sorted }
        let key = [String(dataStamp), String(ui.roster.sort.rawValue), ui.query]
        // A character typed onto the last search only narrows it (the folding goes character by
        // character): filter what that search found, not the whole roster.
        var from = sorted
        if let (k, rows) = rosterFound.last, k[0] == key[0], k[1] == key[1], ui.query.hasPrefix(k[2]) { from = rows }
        return rosterFound.rows(key) {
            let q = TextPolicy.searchKey(ui.query)
            return from.filter { TextPolicy.contains($0.searchKey, q) }
        }
    }

    func rosterAction(_ action: Action) {
        if ui.roster.detail != nil {
            if action == .back { ui.roster.detail = nil }
            return
        }
        switch action {
        case .sort:
            ui.roster.sort = RosterSort(rawValue: (ui.roster.sort.rawValue + 1) % RosterSort.allCases.count)!
            ui.message = lang.t("Sorteret efter ", "Sorted by ") + ui.roster.sort.label(lang)
        case .open:
            let rows = rosterRows()
            let c = ui.clampedCursor(.roster, count: rows.count)
            if c < rows.count { ui.roster.detail = rows[c].id }
        case .toggle:
            // Space chooses (by id, so a re-sort or a search keeps the choice) and moves on.
            let rows = rosterRows()
            let c = ui.clampedCursor(.roster, count: rows.count)
            guard c < rows.count else { return }
            let id = rows[c].id
            if ui.roster.chosen.contains(id) { ui.roster.chosen.remove(id) } else { ui.roster.chosen.insert(id) }
            ui.message = ui.roster.chosen.isEmpty ? nil : lang.t("\(lang.count(ui.roster.chosen.count, "valgt", "valgt")) · > skifter trin for alle · Esc fravælger",
                                                                 "\(ui.roster.chosen.count) chosen · > changes the stage of all · Esc unchooses")
            move(.down, cursor: .roster, count: rows.count)
        default:
            move(action, cursor: .roster, count: rosterRows().count)
        }
    }

}

/// 4 Bydelsmødre: the roster as a sortable table, and one volunteer in detail.
extension Frame {
    func drawRoster(_ g: inout Grid, _ r: Rect) {
        if let id = ui.roster.detail, let v = state.volunteer(id) { drawVolunteer(&g, r, v); return }
        let l = lang
        let rows = rosterRows()
        let wide = r.width >= 100
        // Narrow windows drop the neighbourhood column rather than squeeze the names.
        // With holds, a hold column; without (journals from before holds) the table is as it was.
        let holdW = state.holds.isEmpty ? 0 : wide ? 12 : 9
        let stageW = 16, langW = wide ? 14 : 8, hoodW = wide ? 20 : r.width >= 72 + holdW ? 13 : 0, modW = 7, convW = 6
        let nameW = max(10, r.width - stageW - langW - hoodW - holdW - modW - convW - (hoodW > 0 ? 5 : 4) - (holdW > 0 ? 1 : 0))
        func header(_ t: String, _ s: RosterSort) -> String { ui.roster.sort == s ? t + "▼" : t }
        let head = Text.pad(header(l.t("Navn", "Name"), .name), nameW) + " " + Text.pad(header(l.t("Status", "Stage"), .stage),
                                                                                        stageW) + " "
            + (holdW > 0 ? Text.pad(l.t("Hold", "Hold"), holdW) + " " : "")
            + Text.pad(l.t("Sprog", "Lang."), langW) + " " + (hoodW > 0 ? Text.pad(header(l.t("Bydel", "Area"), .neighbourhood),
                                                                                   hoodW) + " " : "")
            + Text.pad(header(l.t("Mod.", "Mod."), .modules), modW,
                       right: true) + " " + Text.pad(header(l.t("Samt.", "Conv."), .conversations), convW, right: true)
        g.put(head, in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 2)
        if rows.isEmpty {
            g.put(index.roster.isEmpty ? l.t("Ingen bydelsmødre endnu.",
                    "No volunteers yet.") : l.t("Ingen matcher søgningen.", "No one matches the search."), in: list, .dim)
        }
        drawList(&g, list, id: .roster, count: rows.count, cursor: min(ui.cursor[.roster] ?? 0, max(0, rows.count - 1))) { g, i, rr, sel in
            let v = rows[i]
            let line = Text.pad((ui.roster.chosen.isEmpty ? "" : ui.roster.chosen.contains(v.id) ? "● " : "  ") + v.shownName,
                                nameW) + " " + Text.pad(v.stage.label(l), stageW) + " " + (holdW > 0 ? Text.pad(v.hold, holdW) + " " : "")
                + Text.pad(v.languages.joined(separator: ","), langW) + " "
                + (hoodW > 0 ? Text.pad(v.neighbourhood, hoodW) + " " : "") + Text.pad("\(v.modulesAttended)/\(v.modulesTotal)" + (v.eligible ? "✓" : " "), modW, right: true) + " " + Text.pad(l.number(v.conversations), convW, right: true)
            g.put(line, in: rr, sel ? .selected : v.eligible ? .ok : .normal)
        }
        let footer = "\(l.number(rows.count)) " + l.t("af",
                "of") + " \(l.number(index.roster.count)) · " + l.t("✓ kan få diplom", "✓ eligible for the diploma")
            + " (≥ \(state.diplomaMinimum) " + l.t("moduler", "modules") + ")"
        g.put(footer, in: r, row: r.height - 1, .dim)
    }

    func drawVolunteer(_ g: inout Grid, _ r: Rect, _ v: Volunteer) {
        let l = lang
        let attended = state.modulesAttended(by: v.id)
        g.put(v.name + " · " + v.stage.label(l) + " · " + RecordKind.volunteer.ref(v.id), in: r, row: 0, .title)
        var info: [String] = []
        if !v.phone.isEmpty { info.append(l.t("Telefon ", "Phone ") + v.phone) }
        if !v.languages.isEmpty { info.append(l.t("Sprog ",
                                                  "Languages ") + v.languages.map { Languages.name($0, l) }.joined(separator: ", ")) }
        if !v.neighbourhood.isEmpty { info.append(l.t("Bydel ", "Area ") + v.neighbourhood) }
        g.put(info.joined(separator: " · "), in: r, row: 1)
        let dates = l.t("Kontrakt ", "Contract ") + (v.contractSigned.map { l.shortDate($0) } ?? "–") + " · " + l.t("Samtykke ", "Consent ") + (v.consent.map { l.shortDate($0) } ?? "–")
        // Her own steps (issue 26), when she has agreed to have them recorded: how many, the latest.
        let steps = state.progressSteps.filter { !$0.removed && $0.volunteer == v.id }.sorted { ($0.date, $0.id.raw) < ($1.date, $1.id.raw) }
        var own = ""
        if state.progressConsent(of: v.id) != nil || !steps.isEmpty {
            own = " · " + l.t("Skridt: ", "Steps: ") + String(steps.count)
                + (steps.last.map { " (" + l.t("senest ", "latest ") + state.progressLabel($0,
                                                                                           l) + " " + l.shortDate($0.date) + ")" } ?? "")
        }
        g.put(dates + own, in: r, row: 2)
        let eligible = attended.count >= state.diplomaMinimum
        // Her hold's training (14–16 modules), else the plan's.
        let total = v.hold.flatMap { state.hold($0)?.modules } ?? state.modules.count
        g.put(l.t("Diplom: ", "Diploma: ") + (eligible ? l.t("opfyldt", "reached") : l.t("ikke endnu",
                "not yet")) + " — \(attended.count) " + l.t("af \(total) moduler, kræver",
                        "of \(total) modules, needs") + " \(state.diplomaMinimum)", in: r, row: 3, eligible ? .ok : .warning)
        if !v.notes.isEmpty { g.put(l.t("Noter: ", "Notes: ") + v.notes, in: r, row: 4, .dim) }
        g.put(l.t("Fremmøde pr. modul", "Attendance by module"), in: r, row: 5, .header)
        // Latest mark per module for this volunteer.
        var mark = [Int: (ModuleSession, AttendanceMark)]()
        for s in state.sessions where s.status != .cancelled && !s.removed {
            if let m = s.attendance[v.id] {
                if let cur = mark[s.module], cur.1 == .present, m != .present { continue }
                mark[s.module] = (s, m)
            }
        }
        let rows = r.height - 6
        let n = state.modules.count
        let cols = rows >= n ? 1 : 2
        let colWidth = (r.width - (cols - 1) * 2) / cols
        for (i, m) in state.modules.enumerated() {
            let col = i / max(1, (n + cols - 1) / cols), row = i % max(1, (n + cols - 1) / cols)
            guard 6 + row < r.height else { continue }
            let entry = mark[m.number]
            let sym = attended.contains(m.number) ? "✓" : entry?.1 == .absent ? "✗" : "·"
            let when = entry.map { " " + l.shortDate($0.0.date) } ?? ""
            let role: StyleRole = attended.contains(m.number) ? .ok : entry?.1 == .absent ? .warning : .dim
            let text = "\(sym) " + (m.number < 10 ? " " : "") + "\(m.number) " + Text.truncate(m.title, to: max(5, colWidth - 6 - Text.width(when))) + when
            g.put(text, in: Rect(x: r.x + col * (colWidth + 2), y: r.y + 6 + row, width: colWidth, height: 1), role)
        }
    }
}
