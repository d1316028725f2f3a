import BydelsmorCore

/// 6 Samtaler: logging a conversation.
extension App {
    // MARK: Samtaler

    func conversationForm(volunteer: Volunteer?, existing: Conversation? = nil) -> Form {
        let l = lang
        let v = existing.flatMap { state.volunteer($0.volunteer) } ?? volunteer
        let fields = [
            FormField("date", l.t("Dato", "Date"), .date(optional: false), l.shortDate(existing?.date ?? today)),
            FormField("volunteer", l.t("Bydelsmor", "Volunteer"), .text(required: true),
                      v.map { RecordKind.volunteer.ref($0.id) + " " + $0.name } ?? ""),
            FormField("contact", l.t("Kontakt opstod", "Contact arose"), .choice(options.contact),
                      (existing?.contact ?? .network).rawValue),
            FormField("topics", l.t("Emner", "Topics"), .topics,
                      existing.map { $0.topics.map { $0.label(l) }.joined(separator: ", ") } ?? ""),
            FormField("referred", l.t("Henvist til", "Referred to"), .referrals,
                      existing.map { $0.referrals.map { $0.label(l) }.joined(separator: ", ") } ?? ""),
            FormField("minutes", l.t("Minutter", "Minutes"), .number(1...1440), existing.map { String($0.minutes) } ?? "30"),
            // What came of the referral: asked of the mother later, so mostly set when editing.
            FormField("followed-up", l.t("Fulgt op", "Followed up"),
                      .choice([("", l.t("ikke spurgt", "not asked"))] + FollowUp.allCases.map { ($0.rawValue, $0.label(l)) }),
                      existing?.followUp?.rawValue ?? ""),
        ]
        let title = existing.map { l.t("Ret samtalen fra ",
                "Edit the conversation of ") + l.shortDate($0.date) } ?? l.t("Ny samtale (anonym)", "New conversation (anonymous)")
        return Form(title: title, fields: fields) { [state] (f) throws in
            let date = try f.day("date"), topics = try f.topics("topics"), minutes = try f.number("minutes")
            let who = try App.findVolunteer(f.text("volunteer"), in: state, lang: l)
            let contact = ContactOrigin(rawValue: f.token("contact")) ?? .other, referrals = try f.referrals("referred")
            let mine = Conversation(id: existing?.id ?? 0, date: date, volunteer: who, contact: contact, topics: topics,
                                    referrals: referrals, minutes: Int32(minutes), followUp: FollowUp(rawValue: f.token("followed-up")))
            guard let base = existing else { return [{ _ in .conversationLogged(mine) }] }
            let edit = RecordEdit(base: base, mine: mine)
            return [{ (s) throws -> Event? in try edit.event(in: s) }]
        }
    }

    /// A volunteer by id (`v12`, `12`) or by the start of her name, unique among those not removed.
    static func findVolunteer(_ text: String, in s: ProjectState, lang l: Lang) throws(FieldError) -> VolunteerID {
        let t = text.trimmed()
        let first = String(t.split(separator: " ").first ?? "")
        if let id = VolunteerID(ref: first) ?? Int(first).map({ VolunteerID($0) }), let v = s.volunteer(id), !v.removed { return id }
        let q = t.lowercased()
        // By the start of her name, else by any part of it, ignoring case and accents ("ayse", "hassan").
        let key = TextPolicy.searchKey(t)
        var hits = s.volunteers.filter { !$0.removed && $0.name.lowercased().hasPrefix(q) }
        if hits.isEmpty { hits = s.volunteers.filter { !$0.removed && TextPolicy.contains(TextPolicy.searchKey($0.name), key) } }
        if hits.count == 1 { return hits[0].id }
        if let exact = hits.first(where: { $0.name.lowercased() == q }) { return exact.id }
        if hits.isEmpty {
            throw FieldError(key: "volunteer", message: l.t("ingen bydelsmor hedder \"\(t)\"; skriv navnets begyndelse eller id, fx v12",
                    "no volunteer is called \"\(t)\"; write the start of her name or her id, e.g. v12"))
        }
        throw FieldError(key: "volunteer", message: l.t("flere passer: ",
                "several match: ") + hits.prefix(3).map { RecordKind.volunteer.ref($0.id) + " " + $0.name }.joined(separator: ", ") + l.t("; skriv id", "; write the id"))
    }

    func conversationsEdit(_ action: Action) {
        switch action {
        case .logConversation:
            var v: Volunteer?
            // The volunteer of the row under the cursor, as the (filtered) list shows it.
            let rows = conversationRows()
            if ui.conversations.view == .volunteer, ui.cursor[.conversations] != nil, case let c = ui.clampedCursor(.conversations, count: rows.count), c < rows.count, let id = rows[c].volunteer { v = state.volunteer(id) }
            modal = .form(conversationForm(volunteer: v))
        case .edit:
            guard let bucket = currentBucket(), !bucket.items.isEmpty else {
                ui.message = lang.t("Åbn listen (Enter) og vælg samtalen først",
                                    "Open the list (Enter) and choose the conversation first"); return
            }
            let i = Int(bucket.items[bucket.items.count - 1 - min(ui.detailCursor, bucket.items.count - 1)])
            modal = .form(conversationForm(volunteer: nil, existing: state.conversations[i]))
        case .delete:
            guard let bucket = currentBucket(), !bucket.items.isEmpty else {
                ui.message = lang.t("Åbn listen (Enter) og vælg samtalen først",
                                    "Open the list (Enter) and choose the conversation first"); return
            }
            let i = Int(bucket.items[bucket.items.count - 1 - min(ui.detailCursor, bucket.items.count - 1)])
            let c = state.conversations[i]
            modal = .confirm(Confirmation(question: lang.t("Slet samtalen \(RecordKind.conversation.ref(c.id)) fra \(lang.shortDate(c.date))? (u fortryder)", "Remove conversation \(RecordKind.conversation.ref(c.id)) of \(lang.shortDate(c.date))? (u undoes)"), done: lang.t("Samtalen fra \(lang.shortDate(c.date)) er slettet.", "The conversation of \(lang.shortDate(c.date)) is removed.")) { _ in .removal(of: c.id) })
        default: break
        }
    }
}
