/// The volunteers: registered and edited, their stage, contract, consent and hold, and erasure.
extension Events {
    static func decodeVolunteer(_ r: inout FieldReader) throws(SyntaxError) -> VolunteerFields {
        VolunteerFields(id: try r.id("id"), name: try r.text("name"), phone: try r.optionalText("phone"),
                        languages: try r.list("languages"), neighbourhood: try r.optionalText("neighbourhood"),
                        notes: try r.optionalText("notes"))
    }
    static func encodeVolunteer(_ v: VolunteerFields) -> [EventField] {
        [("id", v.id.ref, false), ("name", v.name, true), ("phone", v.phone, true),
         ("languages", v.languages.joined(separator: ","), false), ("neighbourhood", v.neighbourhood, true), ("notes", v.notes, true)]
    }
    static func name(_ id: VolunteerID, _ s: ProjectState) -> String { s.volunteer(id)?.name ?? id.ref }

    static let volunteerAdded = EventSpec(
        { if case let .volunteerAdded(v) = $0 { v } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .volunteerAdded(try decodeVolunteer(&r)) },
        encode: encodeVolunteer,
        apply: { (v, s) throws(Message) -> Event? in
            try Reducer.nextID(v.id, .volunteer, s.volunteers.count)
            try Reducer.checkVolunteer(v)
            s.volunteers.append(Volunteer(v))
            return .removal(of: v.id)
        },
        words: { v, _, _ in v.name },
        allocate: { v, s in allocated(v, after: s.volunteers, Event.volunteerAdded) })

    static let volunteerChanged = EventSpec(
        { if case let .volunteerChanged(v) = $0 { v } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .volunteerChanged(try decodeVolunteer(&r)) },
        encode: encodeVolunteer,
        apply: { (v, s) throws(Message) -> Event? in
            let i = try Reducer.live(v.id, in: s.volunteers)
            try Reducer.checkVolunteer(v)
            let o = s.volunteers[i].fields
            s.volunteers[i].fields = v
            return .volunteerChanged(o)
        },
        words: { v, _, _ in v.name })

    static let volunteerStage = EventSpec(
        { if case let .volunteerStage(id, stage) = $0 { (id, stage) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .volunteerStage(id: try r.id("id"), stage: try r.token("stage", VolunteerStage.self)) },
        encode: { p in [("id", p.0.ref, false), ("stage", p.1.rawValue, false)] },
        apply: { (p, s) throws(Message) -> Event? in .volunteerStage(id: p.0,
                                                                     stage: try set(p.0, \.volunteers, \.stage, to: p.1, in: &s)) },
        words: { p, s, l in name(p.0, s) + ": " + p.1.label(l) })

    static let volunteerContract = EventSpec(
        { if case let .volunteerContract(id, date) = $0 { (id, date) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .volunteerContract(id: try r.id("id"), date: try r.optionalDay("date")) },
        encode: { p in [("id", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in .volunteerContract(id: p.0,
                date: try set(p.0, \.volunteers, \.contractSigned, to: p.1, in: &s)) },
        words: { p, s, l in l.t("kontrakt for ", "contract of ") + name(p.0, s) + (p.1.map { " " + l.shortDate($0) } ?? "") })

    static let volunteerConsent = EventSpec(
        { if case let .volunteerConsent(id, date) = $0 { (id, date) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .volunteerConsent(id: try r.id("id"), date: try r.optionalDay("date")) },
        encode: { p in [("id", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in .volunteerConsent(id: p.0,
                                                                       date: try set(p.0, \.volunteers, \.consent, to: p.1, in: &s)) },
        words: { p, s, l in l.t("samtykke fra ", "consent of ") + name(p.0, s) + (p.1.map { " " + l.shortDate($0) } ?? "") })

    static let volunteerHold = EventSpec(
        { if case let .volunteerHold(id, hold) = $0 { (id, hold) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            let v: VolunteerID = try r.id("id")
            var hold: HoldID?
            if try r.isDash("hold") { _ = r.find("hold") } else { hold = try r.id("hold") }
            return .volunteerHold(id: v, hold: hold)
        },
        encode: { p in [("id", p.0.ref, false), ("hold", p.1?.ref ?? "-", false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, hold) = p
            let i = try Reducer.live(id, in: s.volunteers)
            let old = s.volunteers[i].hold
            if let h = hold {
                _ = try Reducer.live(h, in: s.holds, field: "hold")
                if let o = old, o != h {
                    throw Message("\(id.ref) er allerede på \(s.holds[o].name); en bydelsmor uddannes på ét hold",
                                  "\(id.ref) is already in \(s.holds[o].name); a volunteer trains in one hold", field: "hold")
                }
            } else if let o = old, s.sessions.contains(where: { $0.hold == o && !$0.removed && $0.attendance[id] != nil }) {
                throw Message("\(id.ref) har fremmøde på holdet og kan ikke tages af det",
                              "\(id.ref) has attendance in the hold and cannot leave it", field: "hold")
            }
            s.volunteers[i].hold = hold
            return .volunteerHold(id: id, hold: old)
        },
        words: { p, s, l in
            let who = name(p.0, s)
            return p.1.flatMap { s.hold($0) }.map { who + l.t(" på ", " in ") + $0.name } ?? who + l.t(" uden hold", " in no hold")
        })

    /// GDPR erasure: her personal fields are gone from every line; anonymous counts stay.
    static let personErased = EventSpec(
        { if case let .personErased(id) = $0 { id } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .personErased(id: try r.id("id")) },
        encode: { id in [("id", id.ref, false)] },
        apply: { (id, s) throws(Message) -> Event? in
            let i = try Reducer.existing(id, .volunteer, s.volunteers.count)
            guard !s.volunteers[i].erased else {
                throw Message("\(id.ref) er allerede slettet efter GDPR; en sletning står én gang i journalen",
                              "\(id.ref) is already erased; an erasure stands once in the journal", field: "id")
            }
            s.volunteers[i].name = Erasure.placeholder; s.volunteers[i].phone = ""; s.volunteers[i].languages = []
            s.volunteers[i].neighbourhood = ""; s.volunteers[i].notes = ""; s.volunteers[i].contractSigned = nil; s.volunteers[i].consent = nil
            s.volunteers[i].removed = true; s.volunteers[i].erased = true
            s.erasures += 1
            return nil
        },
        words: { _, _, l in l.t("sletning af en persons oplysninger", "erasure of a person's data") },
        undoable: false)
}
