/// Applies one change to the state. It first checks the change against the state and the rules,
/// and only then mutates: a refused change leaves the state exactly as it was.
/// Returns the compensating change that undo would append (nil where none exists).
public enum Reducer {
    public static func apply(_ event: Event, to s: inout ProjectState) throws(Message) -> Event? {
        try event.kind.spec.apply(event, &s)
    }

    // MARK: checks

    static func phaseIndex(_ n: Int, _ s: ProjectState, field: String = "number") throws(Message) -> Int {
        guard n >= 1, n <= s.phases.count else {
            throw Message("fase \(n) findes ikke; faserne er 1–\(s.phases.count)",
                          "phase \(n) does not exist; the phases are 1–\(s.phases.count)", field: field)
        }
        return n - 1
    }

    static func nextID(_ id: Int, _ kind: RecordKind, _ count: Int) throws(Message) {
        guard id == count + 1 else {
            throw Message("\(kind.ref(id)) er ikke det næste id; næste \(kind.label(.da)) får \(kind.ref(count + 1))",
                          "\(kind.ref(id)) is not the next id; the next \(kind.label(.en)) gets \(kind.ref(count + 1))", field: "id")
        }
    }

    static func nextID<R>(_ id: ID<R>, _ kind: RecordKind, _ count: Int) throws(Message) { try nextID(id.raw, kind, count) }
    static func existing<R>(_ id: ID<R>, _ kind: RecordKind, _ count: Int, field: String = "id") throws(Message) -> Int {
        try existing(id.raw, kind, count, field: field)
    }
    /// The index of a record that exists and is not removed.
    static func live<R: Recorded & Removable>(_ id: ID<R>, in records: [R], field: String = "id") throws(Message) -> Int {
        try live(id.raw, R.kind, records.count, removed: { records[$0].removed }, field: field)
    }

    static func existing(_ id: Int, _ kind: RecordKind, _ count: Int, field: String = "id") throws(Message) -> Int {
        guard id >= 1, id <= count else {
            throw Message("\(kind.label(.da)) \(kind.ref(id)) findes ikke", "\(kind.label(.en)) \(kind.ref(id)) does not exist",
                          field: field)
        }
        return id - 1
    }

    static func live(_ id: Int, _ kind: RecordKind, _ count: Int, removed: (Int) -> Bool, field: String = "id") throws(Message) -> Int {
        let i = try existing(id, kind, count, field: field)
        if removed(i) {
            throw Message("\(kind.label(.da)) \(kind.ref(id)) er slettet", "\(kind.label(.en)) \(kind.ref(id)) has been removed",
                          field: field)
        }
        return i
    }

    static func checkActivity(_ a: ActivityFields) throws(Message) {
        try Rules.line(a.title, field: "title", label: Msg.title, required: true)
        try Rules.line(a.place, field: "place", label: Message("stedet", "the place"), required: false)
        guard a.start < a.end else {
            throw Message("sluttidspunktet \(a.end.text) skal ligge efter starttidspunktet \(a.start.text)",
                          "the end time \(a.end.text) must be after the start time \(a.start.text)", field: "end")
        }
        if let n = a.participants, !(0...100_000).contains(n) {
            throw Message("antal deltagere skal være 0–100.000", "the number of participants must be 0–100,000", field: "participants")
        }
    }

    static func checkHold(_ h: HoldFields) throws(Message) {
        try Rules.line(h.name, field: "name", label: Message("holdets navn", "the hold's name"), required: true, max: Rules.maxNameLength)
        try Rules.line(h.place, field: "place", label: Message("stedet", "the place"), required: false)
        if let e = h.end, e < h.start {
            throw Message("slutdatoen ligger før startdatoen", "the end date is before the start date", field: "end")
        }
        guard (1...ProjectState.maxModules).contains(h.modules) else {
            throw Message("et hold har 1–30 moduler (fik \(h.modules))", "a hold has 1–30 modules (got \(h.modules))", field: "modules")
        }
    }

    /// Takes only the record: passing the whole state by value would copy it (a retain of every
    /// list) for each of a million conversations in a replay.
    static func checkConversation(_ c: Conversation) throws(Message) {
        if c.topics.isEmpty {
            throw Message("vælg mindst ét emne: \(Topic.tokens)", "choose at least one topic: \(Topic.tokens)", field: "topics")
        }
        if !(1...1440).contains(c.minutes) {
            throw Message("minutter skal være 1–1440", "minutes must be 1–1440", field: "minutes")
        }
        if c.followUp != nil && !c.isReferred {
            throw Message("en opfølgning gælder en henvisning, og samtalen har ingen (henvist til: ingen)",
                          "a follow-up is of a referral, and the conversation has none (referred: none)", field: "followed-up")
        }
    }

    static func checkHours(_ h: HoursEntry) throws(Message) {
        if h.hours.hundredths <= 0 || h.hours.hundredths > 2400 {
            throw Message("timer skal være over 0 og højst 24 på en dag", "hours must be above 0 and at most 24 in a day", field: "hours")
        }
        try Rules.notes(h.note, field: "note")
    }

    static func checkSession(_ f: SessionFields, _ s: ProjectState) throws(Message) {
        guard s.module(f.module) != nil else {
            throw Message("modul \(f.module) findes ikke; modulerne er 1–\(s.modules.count)",
                          "module \(f.module) does not exist; the modules are 1–\(s.modules.count)", field: "module")
        }
        if let h = f.hold {
            let i = try live(h, in: s.holds, field: "hold")
            guard f.module <= s.holds[i].modules else {
                throw Message("\(s.holds[i].name) har \(s.holds[i].modules) moduler; modul \(f.module) findes ikke på holdet",
                              "\(s.holds[i].name) has \(s.holds[i].modules) modules; module \(f.module) is not part of it", field: "module")
            }
        }
        guard f.start < f.end else {
            throw Message("sluttidspunktet \(f.end.text) skal ligge efter starttidspunktet \(f.start.text)",
                          "the end time \(f.end.text) must be after the start time \(f.start.text)", field: "end")
        }
        try Rules.line(f.place, field: "place", label: Message("stedet", "the place"), required: true)
        try Rules.line(f.teacher, field: "teacher", label: Message("underviseren", "the teacher"), required: false,
                       max: Rules.maxNameLength)
    }

    static func checkVolunteer(_ v: VolunteerFields) throws(Message) {
        try Rules.line(v.name, field: "name", label: Message("navnet", "the name"), required: true, max: Rules.maxNameLength)
        try Rules.phone(v.phone)
        try Rules.languages(v.languages)
        try Rules.line(v.neighbourhood, field: "neighbourhood", label: Message("bydelen", "the neighbourhood"), required: false,
                       max: Rules.maxNameLength)
        try Rules.notes(v.notes, field: "notes")
    }

    static func checkPartner(_ p: PartnerFields) throws(Message) {
        try Rules.line(p.name, field: "name", label: Message("navnet", "the name"), required: true, max: Rules.maxNameLength)
        try Rules.line(p.contact, field: "contact", label: Message("kontaktpersonen", "the contact person"), required: false,
                       max: Rules.maxNameLength)
        try Rules.notes(p.notes, field: "notes")
    }

    static func checkRange(_ low: Money, _ high: Money) throws(Message) {
        guard low <= high else {
            throw Message("det lave skøn \(low.formatted(.da)) er større end det høje \(high.formatted(.da))",
                          "the low estimate \(low.formatted(.en)) is above the high one \(high.formatted(.en))", field: "high")
        }
        guard high <= Money.maximum else {
            throw Message("skønnet må højst være \(Money.maximum.formatted(.da))",
                          "the estimate may be at most \(Money.maximum.formatted(.en))", field: "high")
        }
    }

    static func unknownLine(_ id: String, _ s: ProjectState, field: String) -> Message {
        let ids = s.budgetLines.filter { !$0.removed }.map(\.id).joined(separator: ", ")
        return Message("budgetlinjen \"\(id)\" findes ikke; linjerne er \(ids)",
                       "the budget line \"\(id)\" does not exist; the lines are \(ids)", field: field)
    }

    static func checkExpense(_ x: Expense, _ s: ProjectState) throws(Message) {
        guard let i = s.budgetLineIndex(x.line), !s.budgetLines[i].removed else { throw unknownLine(x.line, s, field: "line") }
        try Rules.amount(x.amount)
        try Rules.notes(x.note, field: "note")
        if let g = x.funding {
            let f = s.funding[try live(g, in: s.funding, field: "funding")]
            guard f.details.holder == .project else {
                throw Message("\(g.ref) er foreningens bevilling; dens udgifter bogføres i foreningens regnskab (association expense)",
                              "\(g.ref) is the association's grant; its expenses are booked in the association's accounts (association expense)", field: "funding")
            }
            guard (f.granted ?? .zero) > .zero else { throw Message("\(g.ref) er ikke bevilget", "\(g.ref) has not been granted",
                                                                    field: "funding") }
        }
    }

    static func setRemoved(_ kind: RecordKind, _ id: Int, _ value: Bool, _ s: inout ProjectState) throws(Message) {
        func check(_ count: Int, _ current: Bool) throws(Message) -> Int {
            let i = try existing(id, kind, count)
            if current == value {
                throw value
                    ? Message("\(kind.label(.da)) \(kind.ref(id)) er allerede slettet",
                              "\(kind.label(.en)) \(kind.ref(id)) is already removed", field: "id")
                    : Message("\(kind.label(.da)) \(kind.ref(id)) er ikke slettet", "\(kind.label(.en)) \(kind.ref(id)) is not removed",
                              field: "id")
            }
            return i
        }
        // One rule for every kind of record that can be removed and restored.
        func flip<T: Removable>(_ records: WritableKeyPath<ProjectState, [T]>) throws(Message) {
            let count = s[keyPath: records].count
            let i = try check(count, id >= 1 && id <= count ? s[keyPath: records][id - 1].removed : false)
            s[keyPath: records][i].removed = value
        }
        switch kind {
        case .milestone: try flip(\.milestones)
        case .volunteer: try flip(\.volunteers)
        case .conversation: try flip(\.conversations)
        case .partner: try flip(\.partners)
        case .expense: try flip(\.expenses)
        case .hours: try flip(\.hours)
        case .funding: try flip(\.funding)
        case .activity:
            try flip(\.activities)
            s.activities[id - 1].sequence += 1  // a removed activity goes out as cancelled
        case .holiday: try flip(\.holidays)
        case .association:
            if !value, s.association != nil {
                throw Message("der er allerede en forening; der kan kun være én", "there is an association already; there can only be one",
                              field: "id")
            }
            try flip(\.associations)
        case .membership:
            if !value, id >= 1, id <= s.memberships.count {
                let m = s.memberships[id - 1]
                if s.memberships.contains(where: { $0.id != m.id && !$0.removed && $0.volunteer == m.volunteer && $0.left == nil }) {
                    throw Message("\(m.volunteer.ref) er allerede medlem", "\(m.volunteer.ref) is a member already", field: "id")
                }
            }
            try flip(\.memberships)
        case .board: try flip(\.boardRoles)
        case .account: try flip(\.accountEntries)
        case .deadline: try flip(\.deadlines)
        case .evaluation: try flip(\.evaluations)
        case .interested: try flip(\.interested)
        case .progress: try flip(\.progressSteps)
        case .survey: try flip(\.surveys)
        case .hold:
            if value, s.sessions.contains(where: { $0.hold?.raw == id && !$0.removed }) || s.volunteers.contains(where: { $0.hold?.raw == id && !$0.removed }) {
                throw Message("holdet har modulgange eller bydelsmødre og kan ikke slettes",
                              "the hold has sessions or volunteers and cannot be removed", field: "id")
            }
            try flip(\.holds)
        case .session:
            // A removed session keeps its attendance, so restoring it brings that back too.
            if !value, let i = Optional(id - 1), i >= 0, i < s.sessions.count, let h = s.sessions[i].hold, h.raw <= s.holds.count, s.holds[h].removed {
                throw Message("modulgangens hold er slettet; gendan holdet først",
                              "the session's hold has been removed; restore the hold first", field: "id")
            }
            try flip(\.sessions)
            s.sessions[id - 1].sequence += 1  // so a calendar that imported it takes the change
        }
    }
}

enum Msg {
    static let title = Message("titlen", "the title")
}

/// A record that is hidden rather than deleted (`KIND.removed`), and can be restored.
protocol Removable { var removed: Bool { get set } }
extension Milestone: Removable {}
extension Volunteer: Removable {}
extension Conversation: Removable {}
extension Partner: Removable {}
extension Expense: Removable {}
extension HoursEntry: Removable {}
extension FundingApplication: Removable {}
extension ActivityFields: Removable {}
extension ModuleSession: Removable {}
extension HolidayPeriod: Removable {}
extension Hold: Removable {}
