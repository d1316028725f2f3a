/// Everything the panes show that takes a pass over the records, computed once per change of the
/// state (never per key), so a keypress on a million-line journal only reads these.
public struct ProjectIndex: Sendable {
    public struct RosterRow: Equatable, Sendable {
        public var id: VolunteerID
        public var name: String
        public var stage: VolunteerStage
        public var languages: [String]
        public var neighbourhood: String
        public var modulesAttended: Int
        public var conversations: Int
        public var eligible: Bool
        /// The name of her hold ("" without one) and how many modules its training has.
        public var hold = ""
        public var modulesTotal = ProjectState.moduleCount
        /// Another volunteer has the same name: lists show her id beside it ("Asma Farah (v12)").
        public var namesake = false
        /// The name as lists show it: with the id where two share a name.
        public var shownName: String { namesake ? name + " (" + RecordKind.volunteer.ref(id) + ")" : name }
        /// Name, neighbourhood, languages and stage folded for search (`TextPolicy.searchKey`).
        public var searchKey: [UInt8] = []
        /// Name and neighbourhood in Danish order (`TextPolicy.danishSortKey`).
        public var nameKey: [UInt8] = []
        public var placeKey: [UInt8] = []

        /// Fills the keys, reusing those of `old` when what they are made of did not change.
        mutating func makeKeys(reusing old: borrowing RosterRow) {
            if old.name == name, old.neighbourhood == neighbourhood, old.languages == languages, old.stage == stage, old.hold == hold {
                searchKey = old.searchKey; nameKey = old.nameKey; placeKey = old.placeKey
            } else {
                makeKeys()
            }
        }

        /// Makes the keys.
        mutating func makeKeys() {
            searchKey = TextPolicy.searchKey([name, neighbourhood, languages.joined(separator: ","), stage.label(.da), stage.label(.en),
                                              hold].joined(separator: "\u{1F}"))
            nameKey = TextPolicy.danishSortKey(name)
            placeKey = TextPolicy.danishSortKey(neighbourhood)
        }
    }
    public struct Bucket: Equatable, Sendable {
        public var count = 0
        public var referred = 0
        public var minutes = 0
        /// Indices into `state.conversations`, newest last.
        public var items: [Int32] = []
    }

    public let status: ProjectStatus
    public let roster: [RosterRow]
    /// Month key = year * 12 + (month - 1), newest first.
    public let byMonth: [(month: Int, bucket: Bucket)]
    public let byTopic: [(topic: Topic, bucket: Bucket)]
    public let byVolunteer: [(volunteer: VolunteerID, bucket: Bucket)]
    public let spendByMonth: [(month: Int, amount: Money)]
    public let sessionsByDay: [Day: [Int]]
    public let hoursTotal: Hours
    public let hoursFirst: Day?
    public let hoursLast: Day?

    /// The conversation figures, kept apart so that a change elsewhere reuses them and a newly
    /// logged conversation is added to them: a pass over a million conversations happens only on a
    /// first build or after a conversation was removed or restored.
    public let tally: ConversationTally

    /// What the roster and the attendance figures were made from, kept so that the next build can
    /// tell whether any of it changed: the arrays are held (a reference each, nothing copied), so one
    /// still sharing its storage with the state's was not written to — a write would have copied it.
    /// An undo of an expense thus reuses the roster of thousands of volunteers as it was.
    struct RosterSources: Sendable {
        let volunteers: [Volunteer]
        let sessions: [ModuleSession]
        let holds: [Hold]
        let modules: Int
        let diplomaMinimum: Int
        let conversations: Int
        let conversationChanges: (Int, Int)

        init(_ s: ProjectState, _ tally: ConversationTally) {
            volunteers = s.volunteers; sessions = s.sessions; holds = s.holds; modules = s.modules.count
            diplomaMinimum = s.diplomaMinimum; conversations = tally.counted; conversationChanges = (tally.generation, tally.applied)
        }

        /// The same volunteers, sessions and holds (so the same attendance).
        func sameAttendance(_ o: RosterSources) -> Bool {
            volunteers.sharesStorage(with: o.volunteers) && sessions.sharesStorage(with: o.sessions) && holds.sharesStorage(with: o.holds)
        }
        /// Everything a roster row shows.
        func sameRoster(_ o: RosterSources) -> Bool {
            sameAttendance(o) && modules == o.modules && diplomaMinimum == o.diplomaMinimum
                && conversations == o.conversations && conversationChanges == o.conversationChanges
        }
    }
    let sources: RosterSources
    /// `ProjectState.attendanceMasks()` of the sources.
    let masks: [UInt64]

    /// Builds the index. With `previous`, the conversation figures are the previous ones adjusted by
    /// the conversations changed in place since (`conversations`, the store's log: a removal
    /// subtracts one, a restore adds one back) and extended by those logged since; they are counted
    /// anew only when the log started over (a reopened journal) or there is no previous index.
    public init(state s: ProjectState, today: Day, previous: ProjectIndex? = nil, conversations log: ConversationLog = ConversationLog()) {
        var tally: ConversationTally
        if let p = previous?.tally, p.generation == log.generation, p.applied <= log.changes.count, p.counted <= s.conversations.count {
            tally = p
            tally.adjust(log.changes[p.applied...], conversations: s.conversations, volunteers: s.volunteers.count)
        } else {
            tally = ConversationTally(volunteers: s.volunteers.count, generation: log.generation, applied: log.changes.count)
        }
        tally.add(s.conversations, volunteers: s.volunteers.count)
        self.tally = tally
        let sources = RosterSources(s, tally)
        self.sources = sources
        let masks = previous.flatMap { $0.sources.sameAttendance(sources) ? $0.masks : nil } ?? s.attendanceMasks()
        self.masks = masks
        status = ProjectStatus(state: s, today: today, conversations: (tally.total, tally.referred), attendance: masks)
        let perVolunteer = tally.perVolunteer
        if let p = previous, p.sources.sameRoster(sources) {
            roster = p.roster
        } else {
            roster = ProjectIndex.roster(s, masks, perVolunteer.map(\.count), previous: previous?.roster ?? [])
        }
        if let p = previous, p.tally.counted == tally.counted, (p.tally.generation, p.tally.applied) == (tally.generation, tally.applied) {
            // The same conversations: the same figures.
            byMonth = p.byMonth; byTopic = p.byTopic; byVolunteer = p.byVolunteer
        } else {
            // A month whose every conversation was removed is not shown (as a count anew would not have it).
            byMonth = tally.perMonth.filter { $0.1.count > 0 }.sorted { $0.0 > $1.0 }.map { ($0.0, $0.1) }
            byTopic = Topic.allCases.enumerated().map { ($1, tally.perTopic[$0]) }
            byVolunteer = perVolunteer.enumerated().filter { $0.element.count > 0 }
                .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
                .map { (VolunteerID($0.offset), $0.element) }
        }
        var spend = [Int: Money]()
        for x in s.expenses where !x.removed {
            let key = x.date.year * 12 + x.date.month - 1
            spend[key] = (spend[key] ?? .zero) + x.amount
        }
        spendByMonth = spend.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var days = [Day: [Int]]()
        for (i, sess) in s.sessions.enumerated() where !sess.removed { days[sess.date, default: []].append(i) }
        // A day's sessions by time, so the day panel and the keys that act on them agree.
        for (d, list) in days where list.count > 1 { days[d] = list.sorted { (s.sessions[$0].start, $0) < (s.sessions[$1].start, $1) } }
        sessionsByDay = days
        var total = Hours(hundredths: 0)
        var first: Day?, last: Day?
        for h in s.hours where !h.removed {
            total = total + h.hours
            if first == nil || h.date < first! { first = h.date }
            if last == nil || h.date > last! { last = h.date }
        }
        hoursTotal = total; hoursFirst = first; hoursLast = last
    }

    /// The roster's rows, in id order. Search and sort keys are made once per volunteer and kept
    /// while what they are made of is unchanged.
    static func roster(_ s: ProjectState, _ masks: [UInt64], _ conversations: [Int], previous: [RosterRow]) -> [RosterRow] {
        // Where each volunteer's previous row is (rows are in id order; an index, not a copy of the row).
        var at = [Int32](repeating: -1, count: s.volunteers.count + 1)
        for (i, r) in previous.enumerated() where r.id.raw < at.count { at[r.id.raw] = Int32(i) }
        var rows: [RosterRow] = []
        rows.reserveCapacity(s.volunteers.count)
        for v in s.volunteers where !v.removed {
            let n = ProjectState.modules(masks, v.id)
            var row = RosterRow(id: v.id, name: v.name, stage: v.stage, languages: v.languages, neighbourhood: v.neighbourhood,
                                modulesAttended: n, conversations: v.id.raw < conversations.count ? conversations[v.id.raw] : 0,
                                eligible: n >= s.diplomaMinimum)
            if let h = v.hold.flatMap({ s.hold($0) }) { row.hold = h.name; row.modulesTotal = h.modules } else { row.modulesTotal = s.modules.count }
            let i = Int(at[v.id.raw])
            if i >= 0 { row.makeKeys(reusing: previous[i]) } else { row.makeKeys() }
            rows.append(row)
        }
        // Namesakes by the folded name key each row already keeps (no string made per volunteer).
        var nameCount = [[UInt8]: Int](minimumCapacity: rows.count)
        for r in rows { nameCount[r.nameKey, default: 0] += 1 }
        if nameCount.count < rows.count {
            for i in rows.indices where (nameCount[rows[i].nameKey] ?? 0) > 1 { rows[i].namesake = true }
        }
        return rows
    }

    /// Average coordinator hours a week over the weeks hours were logged in.
    public var hoursPerWeek: Double? {
        guard let f = hoursFirst, let l = hoursLast else { return nil }
        let weeks = max(1.0, Double(Int(l.ordinal - f.ordinal) + 1) / 7.0)
        return Double(hoursTotal.hundredths) / 100.0 / weeks
    }

    public static func monthName(_ key: Int, _ l: Lang, short: Bool = false) -> String {
        let name = l.monthNames[key % 12]
        return (short ? String(name.prefix(3)) : name) + " " + String(key / 12)
    }
}
