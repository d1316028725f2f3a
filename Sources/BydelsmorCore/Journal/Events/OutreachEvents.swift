/// The mothers' work in the neighbourhood: anonymous conversations, and the professional network.
extension Events {
    static func decodeConversation(_ r: inout FieldReader) throws(SyntaxError) -> Conversation {
        Conversation(id: try r.id("id"), date: try r.day("date"), volunteer: try r.id("volunteer"),
                     contact: try r.token("contact", ContactOrigin.self), topics: try r.topics("topics"),
                     referrals: try r.referrals("referred"), minutes: Int32(try r.int("minutes", 1...1440)),
                     followUp: try r.optionalToken("followed-up", FollowUp.self))
    }
    static func encodeConversation(_ c: Conversation) -> [EventField] {
        [("id", c.id.ref, false), ("date", c.date.iso, false), ("volunteer", c.volunteer.ref, false),
         ("contact", c.contact.rawValue, false), ("topics", c.topics.tokens, false), ("referred", c.referrals.tokens, false),
         ("minutes", String(c.minutes), false)] + (c.followUp.map { [("followed-up", $0.rawValue, false)] } ?? [])
    }
    static func conversationWords(_ c: Conversation, _: ProjectState,
                                  _ l: Lang) -> String { l.t("samtale ", "conversation of ") + l.shortDate(c.date) }
    /// Not in the future, and only by a mother who has finished her training.
    static func conversationRule(_ c: Conversation, _ s: ProjectState, _ today: Day) throws(Message) {
        try WriteRules.notAfter(today, c.date, Message("en samtale", "a conversation"), field: "date")
        if let v = s.volunteer(c.volunteer), v.stage == .candidate || v.stage == .training {
            throw Message("\(v.name) er \(v.stage.label(.da)); samtaler registreres for bydelsmødre, der har afsluttet uddannelsen",
                          "\(v.name) is \(v.stage.label(.en)); conversations are logged for volunteers who have finished their training", field: "volunteer")
        }
    }

    static let conversationLogged = EventSpec(
        { if case let .conversationLogged(c) = $0 { c } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .conversationLogged(try decodeConversation(&r)) },
        encode: encodeConversation,
        apply: { (c, s) throws(Message) -> Event? in
            try Reducer.nextID(c.id, .conversation, s.conversations.count)
            _ = try Reducer.live(c.volunteer, in: s.volunteers, field: "volunteer")
            try Reducer.checkConversation(c)
            var c = c
            c.removed = false
            s.conversations.append(c)
            return .removal(of: c.id)
        },
        words: conversationWords,
        writeRule: conversationRule,
        allocate: { c, s in allocated(c, after: s.conversations, Event.conversationLogged) })

    static let conversationChanged = EventSpec(
        { if case let .conversationChanged(c) = $0 { c } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .conversationChanged(try decodeConversation(&r)) },
        encode: encodeConversation,
        apply: { (c, s) throws(Message) -> Event? in
            let i = try Reducer.live(c.id, in: s.conversations)
            _ = try Reducer.live(c.volunteer, in: s.volunteers, field: "volunteer")
            try Reducer.checkConversation(c)
            let o = s.conversations[i]
            var new = c; new.removed = false
            s.conversations[i] = new
            return .conversationChanged(o)
        },
        words: conversationWords,
        writeRule: conversationRule)

    static func decodePartner(_ r: inout FieldReader) throws(SyntaxError) -> PartnerFields {
        PartnerFields(id: try r.id("id"), name: try r.text("name"), kind: try r.token("kind", PartnerKind.self),
                      contact: try r.optionalText("contact"), notes: try r.optionalText("notes"))
    }
    static func encodePartner(_ p: PartnerFields) -> [EventField] {
        [("id", p.id.ref, false), ("name", p.name, true), ("kind", p.kind.rawValue, false), ("contact", p.contact, true),
         ("notes", p.notes, true)]
    }

    static let partnerAdded = EventSpec(
        { if case let .partnerAdded(p) = $0 { p } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .partnerAdded(try decodePartner(&r)) },
        encode: encodePartner,
        apply: { (p, s) throws(Message) -> Event? in
            try Reducer.nextID(p.id, .partner, s.partners.count)
            try Reducer.checkPartner(p)
            s.partners.append(Partner(p))
            return .removal(of: p.id)
        },
        words: { p, _, _ in p.name },
        allocate: { p, s in allocated(p, after: s.partners, Event.partnerAdded) })

    static let partnerChanged = EventSpec(
        { if case let .partnerChanged(p) = $0 { p } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .partnerChanged(try decodePartner(&r)) },
        encode: encodePartner,
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.id, in: s.partners)
            try Reducer.checkPartner(p)
            let o = s.partners[i].fields
            s.partners[i].fields = p
            return .partnerChanged(o)
        },
        words: { p, _, _ in p.name })
}
