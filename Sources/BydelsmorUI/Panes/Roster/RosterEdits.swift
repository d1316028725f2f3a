import BydelsmorCore

/// 4 Bydelsmødre: adding and editing a volunteer, her stage, the diploma rule.
extension App {
    // MARK: Bydelsmødre

    var selectedVolunteer: Volunteer? {
        if let id = ui.roster.detail { return state.volunteer(id) }
        let rows = rosterRows()
        let c = ui.clampedCursor(.roster, count: rows.count)
        return c < rows.count ? state.volunteer(rows[c].id) : nil
    }

    func volunteerForm(_ v: Volunteer?) -> Form {
        let l = lang
        let fields = [
            FormField("name", l.t("Navn", "Name"), .text(required: true), v?.name ?? ""),
            FormField("phone", l.t("Telefon", "Phone"), .phone, v?.phone ?? ""),
            FormField("languages", l.t("Sprog", "Languages"), .languages,
                      (v?.languages ?? ["da"]).map { Languages.name($0, l) }.joined(separator: ", ")),
            FormField("neighbourhood", l.t("Bydel", "Neighbourhood"), .text(required: false), v?.neighbourhood ?? ""),
            FormField("contract", l.t("Kontrakt underskrevet", "Contract signed"), .date(optional: true),
                      v?.contractSigned.map { l.shortDate($0) } ?? ""),
            FormField("consent", l.t("Samtykke givet", "Consent given"), .date(optional: true), v?.consent.map { l.shortDate($0) } ?? ""),
            FormField("notes", l.t("Noter", "Notes"), .notes, v?.notes ?? ""),
        ]
        let base = v
        return Form(title: v == nil ? l.t("Ny bydelsmor", "New volunteer") : l.t("Ret ", "Edit ") + (v?.name ?? ""),
                    fields: fields) { (f) throws in
            let contract = try f.optionalDay("contract"), consent = try f.optionalDay("consent")
            let mine = VolunteerFields(id: base?.id ?? 0, name: f.text("name"), phone: f.text("phone"),
                                       languages: try f.languages("languages"),
                                       neighbourhood: f.text("neighbourhood"), notes: f.notes("notes"))
            guard let base else {
                // A new volunteer: her id is the next one when the change is written; the steps after
                // the first see the state it left, in which she is the last volunteer.
                return [
                    { (s) throws -> Event? in
                        if let v = SameWoman.existing(name: mine.name, phone: mine.phone, in: s) {
                            throw Message("\(v.name) findes allerede som \(RecordKind.volunteer.ref(v.id)) (samme navn og telefon); ret hende i stedet (e i listen)",
                                          "\(v.name) is already there as \(RecordKind.volunteer.ref(v.id)) (same name and phone); edit her instead (e in the list)", field: "name")
                        }
                        return .volunteerAdded(mine)
                    },
                    { (s) throws -> Event? in contract.map { .volunteerContract(id: s.volunteers.lastID, date: $0) } },
                    { (s) throws -> Event? in consent.map { .volunteerConsent(id: s.volunteers.lastID, date: $0) } },
                ]
            }
            return [
                { [edit = RecordEdit(base: VolunteerFields(base), mine: mine)] (s) throws -> Event? in try edit.event(in: s) },
                { (s) throws -> Event? in
                    guard let now = s.volunteer(base.id) else { return nil }
                    let d = try Merge.field(Message("Kontraktdatoen", "The contract date"), "contract", base: base.contractSigned,
                                            mine: contract, theirs: now.contractSigned)
                    return d == now.contractSigned ? nil : .volunteerContract(id: base.id, date: d)
                },
                { (s) throws -> Event? in
                    guard let now = s.volunteer(base.id) else { return nil }
                    let d = try Merge.field(Message("Samtykkedatoen", "The consent date"), "consent", base: base.consent, mine: consent,
                                            theirs: now.consent)
                    return d == now.consent ? nil : .volunteerConsent(id: base.id, date: d)
                },
            ]
        }
    }

    func rosterEdit(_ action: Action) {
        let l = lang
        switch action {
        case .add: modal = .form(volunteerForm(nil))
        case .edit:
            guard let v = selectedVolunteer else { ui.message = l.t("Vælg en bydelsmor først", "Choose a volunteer first"); return }
            modal = .form(volunteerForm(v))
        case .delete:
            guard let v = selectedVolunteer else { return }
            // Hiding is not erasing: say so, and where erasure is.
            modal = .confirm(Confirmation(question: l.t("Skjul \(RecordKind.volunteer.ref(v.id)) \(v.name)? (u fortryder)\nHendes navn og telefon bliver i journalen; E sletter dem efter GDPR.",
                                                        "Hide \(RecordKind.volunteer.ref(v.id)) \(v.name)? (u undoes)\nHer name and phone stay in the journal; E erases them (GDPR)."),
                                          done: l.t("\(v.name) er skjult (u fortryder; E sletter efter GDPR).",
                                                    "\(v.name) is hidden (u undoes; E erases, GDPR).")) { _ in .removal(of: v.id) })
            ui.roster.detail = nil
        case .eraseVolunteer:
            guard let v = selectedVolunteer else { ui.message = l.t("Vælg en bydelsmor først", "Choose a volunteer first"); return }
            let ref = RecordKind.volunteer.ref(v.id)
            let plan: ErasureReport
            do { plan = try store.erase(volunteer: v.id, dryRun: true) } catch { ui.message = error.text(l); return }
            var q = l.t("Slet alt om \(v.name) (\(ref))? Det kan ikke fortrydes.",
                        "Erase everything about \(v.name) (\(ref))? This cannot be undone.")
            q += "\n" + l.t("Navn og telefon fjernes; \(plan.changes.count) sted(er) i fri tekst ændres:",
                            "Name and phone go; \(plan.changes.count) free-text place(s) change:")
            for c in plan.changes.prefix(8) { q += "\n  " + (c.line > 0 ? l.t("linje",
                    "line") + " \(c.line) \(c.place): \(c.text)" : String(c.place.split(separator: "/").last ?? "")) }
            if plan.changes.count > 8 { q += "\n  … " + l.t("og \(plan.changes.count - 8) mere (bydelsmor person erase \(ref) --dry-run)",
                    "and \(plan.changes.count - 8) more (bydelsmor person erase \(ref) --dry-run)") }
            for u in plan.unreachable { q += "\n" + l.t("Nås ikke (slet den selv): ",
                    "Out of reach (delete it yourself): ") + String(u.split(separator: "/").last ?? "") }
            q += "\n" + l.t("Kopier andre steder (kiosk-kopier, sikkerhedskopier) nås ikke.",
                            "Copies elsewhere (kiosk copies, backups) are out of reach.")
            modal = .confirm(Confirmation(question: q, done: l.t("Slettet efter GDPR: \(ref).", "Erased (GDPR): \(ref)."), erase: v.id))
            ui.roster.detail = nil
        case .stage where !ui.roster.chosen.isEmpty && ui.roster.detail == nil:
            // One stage for all chosen: one change, undone as one.
            let chosen = state.volunteers.filter { ui.roster.chosen.contains($0.id) && !$0.removed }
            var field = FormField("stage", l.t("Trin", "Stage"), .choice(options.stages), VolunteerStage.graduated.rawValue)
            field.choice = VolunteerStage.allCases.firstIndex(of: .graduated) ?? 0
            let names = chosen.prefix(3).map(\.name).joined(separator: ", ") + (chosen.count > 3 ? " …" : "")
            var form = Form(title: l.t("Trin for \(chosen.count) bydelsmødre: ", "Stage for \(chosen.count) volunteers: ") + names,
                            fields: [field]) { [weak self] (f) throws in
                let stage = VolunteerStage(rawValue: f.token("stage")) ?? .graduated
                self?.ui.roster.chosen = []
                return chosen.map { v in { (s) throws -> Event? in s.volunteer(v.id)?.stage == stage ? nil : .volunteerStage(id: v.id, stage: stage) } }
            }
            form.done = l.t("Trin skiftet for \(chosen.count) bydelsmødre.", "Stage changed for \(chosen.count) volunteers.")
            modal = .form(form)
        case .stage:
            guard let v = selectedVolunteer else { return }
            let order: [VolunteerStage] = [.candidate, .training, .graduated, .active]
            let next = order.firstIndex(of: v.stage).map { order[min($0 + 1, order.count - 1)] } ?? .active
            var field = FormField("stage", l.t("Trin", "Stage"), .choice(options.stages), next.rawValue)
            field.choice = VolunteerStage.allCases.firstIndex(of: next) ?? 0
            modal = .form(Form(title: v.name + " — " + l.t("trin (nu: ", "stage (now: ") + v.stage.label(l) + ")",
                               fields: [field]) { (f) throws in
                let stage = VolunteerStage(rawValue: f.token("stage")) ?? next
                return [{ (s) throws -> Event? in s.volunteer(v.id)?.stage == stage ? nil : .volunteerStage(id: v.id, stage: stage) }]
            })
        case .chooseHold where !ui.roster.chosen.isEmpty && ui.roster.detail == nil:
            modal = .form(paperworkForm(chosen: state.volunteers.filter { ui.roster.chosen.contains($0.id) && !$0.removed }))
        case .chooseHold:
            guard let v = selectedVolunteer else { return }
            let holds = state.holds.filter { !$0.removed }
            guard !holds.isEmpty else { ui.message = l.t("Der er ingen hold endnu; H i kalenderen opretter et",
                                                         "There are no holds yet; H in the calendar makes one"); return }
            var field = FormField("hold", l.t("Hold", "Hold"), .choice(holds.map { (RecordKind.hold.ref($0.id), $0.name) }),
                                  RecordKind.hold.ref(holds.last!.id))
            field.choice = v.hold.flatMap { h in holds.firstIndex { $0.id == h } } ?? holds.count - 1
            modal = .form(Form(title: v.name + " — " + l.t("hold", "hold"), fields: [field]) { (f) throws in
                let hold = HoldID(ref: f.token("hold"))
                // Joining a hold makes a candidate a woman in training: one change.
                return [
                    { (s) throws -> Event? in s.volunteer(v.id)?.hold == hold ? nil : .volunteerHold(id: v.id, hold: hold) },
                    { (s) throws -> Event? in s.volunteer(v.id)?.stage == .candidate ? .volunteerStage(id: v.id, stage: .training) : nil },
                ]
            })
        case .logConversation:
            guard let v = selectedVolunteer else { return }
            modal = .form(conversationForm(volunteer: v))
        case .diplomaRule:
            modal = .form(Form(title: l.t("Krav til diplom", "Diploma rule"),
                    fields: [FormField("minimum", l.t("Moduler mindst", "Modules at least"), .number(1...max(1, state.modules.count)),
                                       String(state.diplomaMinimum))]) { (f) throws in
                let n = try f.number("minimum")
                return [{ (s) throws -> Event? in s.diplomaMinimum == n ? nil : .diplomaRule(minimum: n) }]
            })
        default: break
        }
    }

    /// A hold in one go: hold, contract day and consent day for every chosen woman, as one change
    /// (undone as one); a field left empty changes nothing for anyone.
    func paperworkForm(chosen: [Volunteer]) -> Form {
        let l = lang
        let holds = state.holds.filter { !$0.removed }
        var hold = FormField("hold", l.t("Hold", "Hold"),
                             .choice([("", l.t("uændret", "unchanged"))] + holds.map { (RecordKind.hold.ref($0.id), $0.name) }), "")
        hold.choice = 0
        let fields = [hold,
                      FormField("contract", l.t("Kontrakt underskrevet", "Contract signed"), .date(optional: true), ""),
                      FormField("consent", l.t("Samtykke givet", "Consent given"), .date(optional: true), "")]
        let names = chosen.prefix(3).map(\.name).joined(separator: ", ") + (chosen.count > 3 ? " …" : "")
        var form = Form(title: l.t("\(chosen.count) bydelsmødre: ", "\(chosen.count) volunteers: ") + names,
                        fields: fields) { [weak self] (f) throws in
            let h = HoldID(ref: f.token("hold"))
            let contract = try f.optionalDay("contract"), consent = try f.optionalDay("consent")
            guard h != nil || contract != nil || consent != nil else {
                throw FieldError(key: "hold", message: l.t("vælg et hold eller skriv en dato; intet er ændret",
                                                           "choose a hold or write a date; nothing changed"))
            }
            self?.ui.roster.chosen = []
            return chosen.flatMap { v -> [Store.Step] in [
                { s in h.flatMap { s.volunteer(v.id)?.hold == $0 ? nil : .volunteerHold(id: v.id, hold: $0) } },
                // Joining a hold makes a candidate a woman in training, as for one woman.
                { s in h != nil && s.volunteer(v.id)?.stage == .candidate ? .volunteerStage(id: v.id, stage: .training) : nil },
                { s in contract.flatMap { s.volunteer(v.id)?.contractSigned == $0 ? nil : .volunteerContract(id: v.id, date: $0) } },
                { s in consent.flatMap { s.volunteer(v.id)?.consent == $0 ? nil : .volunteerConsent(id: v.id, date: $0) } },
            ] }
        }
        form.done = l.t("Sat for \(chosen.count) bydelsmødre.", "Set for \(chosen.count) volunteers.")
        return form
    }
}
