/// Phase 1's recruitment (issue 24): women interested in becoming neighbourhood mothers — how each
/// heard of it, her consent to be contacted, the individual talk, and the choice: selected for a hold
/// (she becomes a volunteer in it), on the waiting list, or not now.
public enum RecruitStatus: String, Vocabulary {
    public static let tokenTable = TokenTable<RecruitStatus>()
    case interested, interviewed, selected, waiting, declined
    public func label(_ l: Lang) -> String {
        switch self {
        case .interested: l.t("interesseret", "interested")
        case .interviewed: l.t("samtale holdt", "interviewed")
        case .selected: l.t("optaget", "selected")
        case .waiting: l.t("venteliste", "waiting list")
        case .declined: l.t("ikke nu", "not now")
        }
    }
}

public struct InterestedFields: Equatable, Sendable, Codable {
    public var id: ID<InterestedFields>
    public var name: String
    public var phone: String
    /// How she heard of the project (a friend, the school, the information meeting …).
    public var source: String
    /// The day she agreed to be contacted; nil: not (yet) asked.
    public var contactConsent: Day?
    public init(id: ID<InterestedFields>, name: String, phone: String = "", source: String = "", contactConsent: Day? = nil) {
        self.id = id; self.name = name; self.phone = phone; self.source = source; self.contactConsent = contactConsent
    }
}

/// An interested woman: her fields and where she stands.
public struct Interested: Equatable, Sendable, Codable, FieldsRecord {
    public var fields: InterestedFields
    public var id: ID<InterestedFields> { fields.id }
    public var status: RecruitStatus = .interested
    public var interviewed: Day?
    /// The volunteer she became when selected.
    public var volunteer: VolunteerID?
    public var removed = false
    public init(_ fields: InterestedFields) { self.fields = fields }
}

extension InterestedFields: Recorded { public static var kind: RecordKind { .interested } }
extension Interested: Removable {}

extension Array where Element == Interested {
    public func at(_ id: ID<InterestedFields>) -> Interested? { id.raw >= 1 && id.raw <= count ? self[id.raw - 1] : nil }
    public var nextInterestedID: ID<InterestedFields> { ID(count + 1) }
}

extension ProjectState {
    /// How many interested women stand at each step (removed ones left out).
    public var recruitment: [RecruitStatus: Int] {
        var out: [RecruitStatus: Int] = [:]
        for w in interested where !w.removed { out[w.status, default: 0] += 1 }
        return out
    }
}

extension Interested: DeclaredRecord {
    public static let declaredName = "interested woman"
    public static let declaredFields: [FieldDeclaration<Interested>] = [
        .record(\.fields, "fields"), .plain("status"), .plain("interviewed"), .plain("volunteer"), .plain("removed"),
    ]
}

extension InterestedFields: DeclaredRecord {
    public static let declaredName = "interested woman's fields"
    public static let declaredFields: [FieldDeclaration<InterestedFields>] = [
        .plain("id"), .text(\.name, "name", .personal), .text(\.phone, "phone",
                                                              .personal), .text(\.source, "source", .privateText), .plain("contactConsent"),
    ]
}

extension Events {
    static let interestedAdded = EventSpec(
        { if case let .interestedAdded(f) = $0 { f } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .interestedAdded(InterestedFields(id: try r.id("id"), name: try r.text("name"), phone: try r.optionalText("phone"),
                                              source: try r.optionalText("source"),
                                              contactConsent: try r.optionalDay("contact-consent")))
        },
        encode: { f in [("id", f.id.ref, false), ("name", f.name, true), ("phone", f.phone, true), ("source", f.source, true),
                        ("contact-consent", day(f.contactConsent), false)] },
        apply: { (f, s) throws(Message) -> Event? in
            try Reducer.nextID(f.id, .interested, s.interested.count)
            try Rules.line(f.name, field: "name", label: Message("navnet", "the name"), required: true, max: Rules.maxNameLength)
            try Rules.phone(f.phone)
            try Rules.line(f.source, field: "source", label: Message("hvordan hun hørte om det", "how she heard of it"), required: false)
            s.interested.append(Interested(f))
            return .removal(of: f.id)
        },
        words: { f, _, l in l.t("interesseret: ", "interested: ") + f.name },
        allocate: { f, s in
            guard f.id.isNew else { return nil }
            var x = f; x.id = ID(s.interested.count + 1)
            return .interestedAdded(x)
        })

    static let recruitInterviewed = EventSpec(
        { if case let .recruitInterviewed(id, d) = $0 { (id, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .recruitInterviewed(id: try r.id("id"), date: try r.optionalDay("date")) },
        encode: { p in [("id", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.0.raw, .interested, s.interested.count, removed: { s.interested[$0].removed })
            let o = s.interested[i]
            if o.status == .selected { throw Message("\(p.0.ref) er allerede optaget",
                                                     "\(p.0.ref) has been selected already", field: "id") }
            s.interested[i].interviewed = p.1
            if p.1 != nil, o.status == .interested { s.interested[i].status = .interviewed }
            if p.1 == nil, o.status == .interviewed { s.interested[i].status = .interested }
            return .recruitInterviewed(id: p.0, date: o.interviewed)
        },
        words: { p, s, l in l.t("samtale med ",
                                "talk with ") + (s.interested.at(p.0)?.fields.name ?? p.0.ref) + (p.1.map { " " + l.shortDate($0) } ?? "") })

    static let recruitStatus = EventSpec(
        { if case let .recruitStatus(id, st, v) = $0 { (id, st, v) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            var v: VolunteerID?
            if r.has("volunteer") { v = try r.id("volunteer") }
            return .recruitStatus(id: try r.id("id"), status: try r.token("status", RecruitStatus.self), volunteer: v)
        },
        encode: { p in
            var f: [EventField] = [("id", p.0.ref, false), ("status", p.1.rawValue, false)]
            if let v = p.2 { f.append(("volunteer", v.ref, false)) }
            return f
        },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, status, v) = p
            let i = try Reducer.live(id.raw, .interested, s.interested.count, removed: { s.interested[$0].removed })
            let o = s.interested[i]
            if status == .selected {
                guard let v else { throw Message("en optaget kvinde er en bydelsmor; vælg hende med recruit select",
                                                 "a selected woman is a volunteer; choose her with recruit select", field: "status") }
                _ = try Reducer.live(v, in: s.volunteers, field: "volunteer")
            } else if v != nil {
                throw Message("kun en optaget kvinde har en bydelsmor", "only a selected woman has a volunteer", field: "volunteer")
            }
            s.interested[i].status = status
            s.interested[i].volunteer = status == .selected ? v : nil
            return .recruitStatus(id: id, status: o.status, volunteer: o.volunteer)
        },
        words: { p, s, l in (s.interested.at(p.0)?.fields.name ?? p.0.ref) + ": " + p.1.label(l) })
}
