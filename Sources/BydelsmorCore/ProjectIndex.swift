/// Everything the panes show that takes a pass over the records, computed once per change of the
/// state (never per key), so a keypress on a million-line journal only reads these.
public struct ProjectIndex: Sendable {
    public struct RosterRow: Equatable, Sendable {
        public var id: Int
        public var name: String
        public var stage: VolunteerStage
        public var languages: [String]
        public var neighbourhood: String
        public var modulesAttended: Int
        public var conversations: Int
        public var eligible: Bool
    }
    public struct Bucket: Sendable {
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
    public let byVolunteer: [(volunteer: Int, bucket: Bucket)]
    public let spendByMonth: [(month: Int, amount: Money)]
    public let sessionsByDay: [Day: [Int]]
    public let hoursTotal: Hours
    public let hoursFirst: Day?
    public let hoursLast: Day?

    public init(state s: ProjectState, today: Day) {
        status = ProjectStatus(state: s, today: today)
        var attended = [Int: Set<Int>]()
        for sess in s.sessions where sess.status == .held {
            for (v, m) in sess.attendance where m == .present { attended[v, default: []].insert(sess.module) }
        }
        // Arrays indexed by volunteer id, topic bit and month slot: no hashing per conversation.
        var perVolunteer = [Bucket](repeating: Bucket(), count: s.volunteers.count + 1)
        var perTopic = [Bucket](repeating: Bucket(), count: Topic.allCases.count)
        var monthSlot = [Int: Int]()
        var perMonth: [(Int, Bucket)] = []
        var lastKey = Int.min, lastSlot = 0
        for i in s.conversations.indices {
            let c = s.conversations[i]
            if c.removed { continue }
            let key = c.date.year * 12 + c.date.month - 1
            if key != lastKey {
                if let slot = monthSlot[key] { lastSlot = slot } else {
                    lastSlot = perMonth.count; monthSlot[key] = lastSlot; perMonth.append((key, Bucket()))
                }
                lastKey = key
            }
            let referred = c.referral != .none ? 1 : 0
            let minutes = Int(c.minutes)
            perMonth[lastSlot].1.add(Int32(i), referred, minutes)
            if c.volunteer < perVolunteer.count { perVolunteer[c.volunteer].add(Int32(i), referred, minutes) }
            var bits = c.topics.bits, t = 0
            while bits != 0 {
                if bits & 1 != 0 { perTopic[t].add(Int32(i), referred, minutes) }
                bits >>= 1; t += 1
            }
        }
        let convCount = perVolunteer.map(\.count)
        roster = s.volunteers.filter { !$0.removed }.map {
            let n = attended[$0.id]?.count ?? 0
            return RosterRow(id: $0.id, name: $0.name, stage: $0.stage, languages: $0.languages, neighbourhood: $0.neighbourhood,
                             modulesAttended: n, conversations: convCount[$0.id], eligible: n >= s.diplomaMinimum)
        }
        byMonth = perMonth.sorted { $0.0 > $1.0 }.map { ($0.0, $0.1) }
        byTopic = Topic.allCases.enumerated().map { ($1, perTopic[$0]) }
        byVolunteer = perVolunteer.enumerated().filter { $0.element.count > 0 }
            .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
            .map { ($0.offset, $0.element) }
        var spend = [Int: Money]()
        for x in s.expenses where !x.removed {
            let key = x.date.year * 12 + x.date.month - 1
            spend[key] = (spend[key] ?? .zero) + x.amount
        }
        spendByMonth = spend.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var days = [Day: [Int]]()
        for (i, sess) in s.sessions.enumerated() { days[sess.date, default: []].append(i) }
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

extension ProjectIndex.Bucket {
    mutating func add(_ i: Int32, _ referred: Int, _ minutes: Int) {
        count += 1; self.referred += referred; self.minutes += minutes; items.append(i)
    }
}
