/// The committee's yearly report: women trained, modules held, attendance, conversations by topic,
/// referral share, volunteer hours, budget against plan, and a plain-text chart of spending per month.
public struct YearReport: Sendable {
    public var year: Int
    public var volunteers: Int
    public var trained: Int
    public var modulesHeld: Int
    public var sessionsHeld: Int
    public var attendanceRate: Int
    public var conversations: Int
    public var referred: Int
    public var byTopic: [(Topic, Int)]
    public var volunteerMinutes: Int
    public var coordinatorHours: Hours
    public var lines: [(title: String, low: Money, high: Money, spent: Money)]
    public var spendByMonth: [Money]
    /// Activities besides the modules held this year, by kind, and their participants.
    public var activities: [(ActivityKind, count: Int, participants: Int)] = []
    /// The memo's effects in the year (issue 26).
    public var effects: Effects?
    /// Different women who came to each kind of activity (where who came was recorded).
    public var distinctWomen: [(ActivityKind, Int)] = []
    /// The year's anonymous evaluations: how many, and the averages (nil below five).
    public var evaluations: (count: Int, benefit: Double?, satisfaction: Double?) = (0, nil, nil)
    /// Volunteers registered by the end of the year (not removed), and of them registered in it.
    /// Funding applied for in the year and granted by decisions in the year.
    public var fundingApplied = Money.zero
    public var fundingGranted = Money.zero
    /// Conversations in the year by how the contact arose, and referrals by where to.
    public var byContact: [(ContactOrigin, Int)] = []
    public var byReferral: [(Referral, Int)] = []
    public var registered = 0
    public var newVolunteers = 0
    /// The holds that ran in the year: women in them, sessions held in the year, diplomas reached,
    /// the modules the hold held in the year of its plan, and its attendance in the year.
    public var holds: [(id: HoldID, name: String, volunteers: Int, sessionsHeld: Int, diplomaEligible: Int, modulesHeld: Int,
                        modulesTotal: Int, attendance: Int)] = []
    /// Conversations per month of the year, and of them referred on.
    public var conversationsByMonth = [Int](repeating: 0, count: 12)
    public var referredByMonth = [Int](repeating: 0, count: 12)
    /// Who the report is for and who made it (shown on every printed page).
    public var group: String?
    public var madeBy: String?
    /// The year before's key figures, to compare with; nil where the project has none.
    public var previous: KeyFigures?

    /// The figures the comparison with the year before sets side by side.
    public struct KeyFigures: Sendable, Equatable {
        public var year: Int, registered: Int, trained: Int, sessionsHeld: Int, attendance: Int, conversations: Int, referralPercent: Int, volunteerHours: Int
        public var activities: Int, spent: Money, plannedHigh: Money
    }
    public var keyFigures: KeyFigures {
        KeyFigures(year: year, registered: registered, trained: trained, sessionsHeld: sessionsHeld, attendance: attendanceRate,
                   conversations: conversations,
                   referralPercent: referralPercent, volunteerHours: volunteerHours, activities: activities.reduce(0) { $0 + $1.count },
                   spent: lines.reduce(.zero) { $0 + $1.spent }, plannedHigh: lines.reduce(.zero) { $0 + $1.high })
    }
    /// Activities of the year still to come (the current year's report): shown apart, never counted.
    public var plannedActivities: [(ActivityKind, count: Int)] = []
    /// Records dated in the year that were added or changed after it ended (`FrozenYear`).
    public var corrections: [String] = []
    /// The day the report was made.
    public var madeOn: Day?

    /// `today`: activities after it are planned, not held (nil: every activity of the year is held).
    public init(state s: ProjectState, year: Int, today: Day? = nil, corrections: [String] = []) {
        self.year = year
        self.corrections = corrections
        madeOn = today
        let inYear = { (d: Day) in d.year == year }
        let held = s.sessions.filter { $0.status == .held && !$0.removed && inYear($0.date) }
        sessionsHeld = held.count
        modulesHeld = Set(held.map(\.module)).count
        var present = 0, marked = 0
        var presentThisYear = Set<VolunteerID>()
        for sess in held {
            for (v, m) in sess.attendance {
                marked += 1
                if m == .present { present += 1; presentThisYear.insert(v) }
            }
        }
        attendanceRate = marked == 0 ? 0 : Int((Double(present) * 100 / Double(marked)).rounded())
        // Trained this year: present at held sessions this year and, over all years, eligible for the
        // diploma — by the one rule for modules attended, and like the status, not counting removed
        // volunteers.
        let masks = s.attendanceMasks()
        // An erased woman still counts: erasure removes who she was, not that she was there.
        let counted = { (v: Volunteer) in !v.removed || v.erased }
        trained = presentThisYear.filter { v in
            ProjectState.modules(masks, v) >= s.diplomaMinimum && s.volunteer(v).map(counted) == true
        }.count
        volunteers = s.volunteers.filter(counted).count
        let yearEnd = Day(year: year, month: 12, day: 31) ?? Day.last
        let live = s.volunteers.filter { counted($0) && ($0.addedOn.map { $0 <= yearEnd } ?? true) }
        registered = live.count
        for f in s.funding where !f.removed {
            if f.date.year == year { fundingApplied = fundingApplied + f.applied }
            if let g = f.granted, f.decided?.year == year { fundingGranted = fundingGranted + g }
        }
        newVolunteers = live.filter { $0.addedOn?.year == year }.count
        holds = s.holds.filter { h in !h.removed && h.start <= yearEnd && (h.end.map { $0.year >= year } ?? true) }.map { h in
            let women = s.volunteers.filter { counted($0) && $0.hold == h.id }
            let own = held.filter { $0.hold == h.id }
            var p = 0, m = 0
            for sess in own { for (_, mark) in sess.attendance { m += 1; if mark == .present { p += 1 } } }
            return (h.id, h.name, women.count, own.count, women.filter { ProjectState.modules(masks, $0.id) >= s.diplomaMinimum }.count,
                    Set(own.map(\.module)).filter { $0 <= h.modules }.count, h.modules, m == 0 ? 0 : Int((Double(p) * 100 / Double(m)).rounded()))
        }
        // Held: on or before today; the rest of the year's activities are planned, shown apart.
        var perKind = [ActivityKind: (Int, Int)](), planned = [ActivityKind: Int](), women = [ActivityKind: Set<VolunteerID>]()
        for a in s.activities where !a.removed && inYear(a.date) {
            if let today, a.date > today { planned[a.kind, default: 0] += 1; continue }
            let c = perKind[a.kind] ?? (0, 0)
            // The head count, or who came when that was recorded.
            perKind[a.kind] = (c.0 + 1, c.1 + (a.participants ?? a.present.count))
            women[a.kind, default: []].formUnion(a.present)
        }
        distinctWomen = ActivityKind.allCases.compactMap { k in women[k].map { (k, $0.count) } }
        effects = Effects(s, year: year)
        // Evaluations of the year: counted; averages only from five up (fewer would point at a person).
        let evals = s.evaluations.filter { !$0.removed && inYear($0.date) }
        evaluations = (evals.count, evals.count >= 5 ? Double(evals.map(\.benefit).reduce(0, +)) / Double(evals.count) : nil,
                       evals.count >= 5 ? Double(evals.map(\.satisfaction).reduce(0, +)) / Double(evals.count) : nil)
        activities = ActivityKind.allCases.compactMap { k in perKind[k].map { (k, $0.0, $0.1) } }
        plannedActivities = ActivityKind.allCases.compactMap { k in planned[k].map { (k, $0) } }
        var contacts = [ContactOrigin: Int](), referrals = [Referral: Int]()
        for c in s.conversations where !c.removed && inYear(c.date) {
            contacts[c.contact, default: 0] += 1
            for r in c.referrals { referrals[r, default: 0] += 1 }
        }
        byContact = ContactOrigin.allCases.map { ($0, contacts[$0] ?? 0) }
        byReferral = Referral.allCases.filter { $0 != .none }.map { ($0, referrals[$0] ?? 0) }
        var topics = [Int](repeating: 0, count: Topic.allCases.count)
        var conv = 0, ref = 0, minutes = 0
        for c in s.conversations where !c.removed && inYear(c.date) {
            conv += 1
            conversationsByMonth[c.date.month - 1] += 1
            if c.isReferred { ref += 1; referredByMonth[c.date.month - 1] += 1 }
            minutes += Int(c.minutes)
            for (i, t) in Topic.allCases.enumerated() where c.topics.contains(t) { topics[i] += 1 }
        }
        conversations = conv; referred = ref; volunteerMinutes = minutes
        byTopic = Topic.allCases.enumerated().map { ($1, topics[$0]) }.sorted { $0.1 > $1.1 }
        var hours = Hours(hundredths: 0)
        for h in s.hours where !h.removed && inYear(h.date) { hours = hours + h.hours }
        coordinatorHours = hours
        var months = [Money](repeating: .zero, count: 12)
        var spentBy = [String: Money]()
        for x in s.expenses where !x.removed && inYear(x.date) {
            months[x.date.month - 1] = months[x.date.month - 1] + x.amount
            spentBy[x.line] = (spentBy[x.line] ?? .zero) + x.amount
        }
        spendByMonth = months
        // That year's plan (yearly lines, and one-off lines only in the start year) against that
        // year's spending — not the whole project's plan against one year.
        lines = s.planned(year: year).lines.map { ($0.line.title, $0.low, $0.high, spentBy[$0.line.id] ?? .zero) }
    }

    /// Volunteer hours in conversations, rounded to the nearest hour (944,55 is 945).
    public var volunteerHours: Int { (volunteerMinutes + 30) / 60 }

    public var referralPercent: Int { conversations == 0 ? 0 : Int((Double(referred) * 100 / Double(conversations)).rounded()) }

}
