import BydelsmorCore

/// 2 Faser: status and dates, milestones and the professional network.
extension App {
    // MARK: Faser

    func partnerForm(_ existing: Partner?) -> Form {
        let l = lang
        let fields = [
            FormField("name", l.t("Navn", "Name"), .text(required: true), existing?.name ?? ""),
            FormField("kind", l.t("Slags", "Kind"), .choice(PartnerKind.allCases.map { ($0.rawValue, $0.label(l)) }),
                      existing?.kind.rawValue ?? PartnerKind.school.rawValue),
            FormField("contact", l.t("Kontaktperson", "Contact person"), .text(required: false), existing?.contact ?? ""),
            FormField("notes", l.t("Noter", "Notes"), .notes, existing?.notes ?? ""),
        ]
        return Form(title: existing.map { l.t("Ret ", "Edit ") + $0.name } ?? l.t("Ny samarbejdspartner", "New partner"),
                    fields: fields) { (f) throws in
            let mine = PartnerFields(id: existing?.id ?? 0, name: f.text("name"), kind: PartnerKind(rawValue: f.token("kind")) ?? .other,
                                     contact: f.text("contact"), notes: f.notes("notes"))
            guard let base = existing else {
                return [{ _ in .partnerAdded(mine) }]
            }
            let edit = RecordEdit(base: PartnerFields(base), mine: mine)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }

    func phasesEdit(_ action: Action) {
        let l = lang
        if ui.phases.partnersShown {
            let ps = livePartners
            let partner = ui.detailCursor < ps.count ? ps[ui.detailCursor] : nil
            switch action {
            case .add: modal = .form(partnerForm(nil))
            case .edit: if let p = partner { modal = .form(partnerForm(p)) }
            case .delete:
                if let p = partner {
                    modal = .confirm(Confirmation(question: l.t("Slet samarbejdspartneren \(p.name)? (u fortryder)",
                            "Remove the partner \(p.name)? (u undoes)"), done: l.t("Samarbejdspartneren \(p.name) er slettet.",
                                    "The partner \(p.name) is removed.")) { _ in .removal(of: p.id) })
                }
            default: break
            }
            return
        }
        let phase = (ui.cursor[.phases] ?? 0) + 1
        guard let p = state.phases.first(where: { $0.number == phase }) else { return }
        let ms = phaseMilestones(phase)
        let milestone = ui.phases.detail && ui.detailCursor < ms.count ? ms[ui.detailCursor] : nil
        switch action {
        case .toggle:
            guard let m = milestone else { ui.message = l.t("Gå ind i milepælene med Enter først",
                                                            "Move into the milestones with Enter first"); return }
            // Merged like a field: written against the milestone as the journal holds it when the
            // change is made; if another terminal already ticked (or reopened) it, nothing is written.
            commit({ (s) throws(Message) -> Event in
                guard let now = s.milestones.at(m.id), !now.removed else {
                    throw Message("milepælen er slettet i mellemtiden", "the milestone was removed meanwhile")
                }
                guard now.done == m.done else {
                    throw Message(now.done ? "milepælen er allerede afkrydset (i en anden terminal); intet ændret" : "milepælen er allerede åbnet igen (i en anden terminal); intet ændret",
                                  now.done ? "the milestone was already ticked (in another terminal); nothing changed" : "the milestone was already reopened (in another terminal); nothing changed")
                }
                return .milestoneChecked(id: m.id, done: !m.done)
            }, done: m.done ? l.t("Milepæl åbnet igen.", "Milestone reopened.") : l.t("Milepæl afkrydset.", "Milestone ticked."))
        case .add:
            modal = .form(Form(title: l.t("Ny milepæl i fase \(phase)", "New milestone in phase \(phase)"),
                               fields: [FormField("title", l.t("Titel", "Title"), .text(required: true))]) { (f) throws in
                let title = f.text("title")
                return [{ (s) throws -> Event? in .milestoneAdded(id: 0, phase: phase, title: title) }]
            })
        case .delete:
            guard let m = milestone else { return }
            modal = .confirm(Confirmation(question: l.t("Slet milepælen \"\(m.title)\"? (u fortryder)",
                    "Remove the milestone \"\(m.title)\"? (u undoes)"), done: l.t("Milepælen \"\(m.title)\" er slettet.",
                            "The milestone \"\(m.title)\" is removed.")) { _ in .removal(of: m.id) })
        case .edit:
            if let m = milestone {
                let fields = [FormField("title", l.t("Titel", "Title"), .text(required: true), m.title),
                              FormField("due", l.t("Senest (frist)", "Due by"), .date(optional: true), m.due.map { l.shortDate($0) } ?? "")]
                modal = .form(Form(title: l.t("Ret milepæl", "Edit milestone"), fields: fields) { (f) throws in
                    let title = f.text("title"), due = try f.optionalDay("due")
                    // Title and due date are one change: both written, or neither.
                    return [{ (s) throws -> Event? in
                        let now = s.milestones[m.id].title
                        let t = try Merge.field(Message("Titlen", "The title"), "title", base: m.title, mine: title, theirs: now)
                        return t == now ? nil : .milestoneRenamed(id: m.id, title: t)
                    }, { (s) throws -> Event? in
                        let now = s.milestones[m.id].due
                        let d = try Merge.field(Message("Fristen", "The due date"), "due", base: m.due, mine: due, theirs: now)
                        return d == now ? nil : .milestoneDue(id: m.id, date: d)
                    }]
                })
                return
            }
            let fields = [
                FormField("status", "Status", .choice(PhaseStatus.allCases.map { ($0.rawValue, $0.label(l)) }), p.status.rawValue),
                FormField("start", l.t("Start", "Start"), .date(optional: true), p.start.map { l.shortDate($0) } ?? ""),
                FormField("end", l.t("Slut", "End"), .date(optional: true), p.end.map { l.shortDate($0) } ?? ""),
            ]
            modal = .form(Form(title: l.t("Fase ", "Phase ") + "\(p.number): \(p.title)", fields: fields) { (f) throws in
                let status = PhaseStatus(rawValue: f.token("status")) ?? p.status
                let start = try f.optionalDay("start"), end = try f.optionalDay("end")
                // Merged field by field like every other edit: a change another terminal made to a
                // field left alone here is kept.
                let base = PhaseFields(p), mine = PhaseFields(status: status, start: start, end: end)
                return [
                    { (s) throws -> Event? in
                        let now = PhaseFields(s.phases[phase - 1])
                        let m = try Merge.record(base: base, mine: mine, theirs: now)
                        return m.status == now.status ? nil : .phaseStatus(number: phase, status: m.status)
                    },
                    { (s) throws -> Event? in
                        let now = PhaseFields(s.phases[phase - 1])
                        let m = try Merge.record(base: base, mine: mine, theirs: now)
                        return m.start == now.start && m.end == now.end ? nil : .phaseDates(number: phase, start: m.start, end: m.end)
                    },
                ]
            })
        default: break
        }
    }
}
