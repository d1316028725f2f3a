/// Where the project stands: the figures `bydelsmor status` prints and the dashboard shows.
/// Derived from the state in one pass over each collection.
public struct ProjectStatus: Equatable, Sendable {
    public struct PhaseLine: Equatable, Sendable {
        public var number: Int, title: String, status: PhaseStatus
        public var milestonesDone: Int, milestonesTotal: Int
        public var start: Day?, end: Day?
        /// Phases 2 and 3 run per hold: the holds in this phase now, each with where it is.
        public var holds: [HoldLine] = []
    }
    public struct BudgetLineStatus: Equatable, Sendable {
        public var id: String, title: String, plannedLow: Money, plannedHigh: Money, spent: Money, period: BudgetPeriod
        public init(id: String, title: String, plannedLow: Money, plannedHigh: Money, spent: Money, period: BudgetPeriod) {
            self.id = id; self.title = title; self.plannedLow = plannedLow; self.plannedHigh = plannedHigh; self.spent = spent; self.period = period
        }
    }
    public var today: Day
    /// What needs doing now (`Attention.items`); filled by whoever shows it, as it reads every
    /// conversation and is not kept up to date change by change.
    public var attention: [AttentionItem] = []
    /// Phase 4's association, once founded (`AssociationStatus`); filled by whoever shows it.
    public var association: AssociationStatus?
    /// Interested women at each step of recruitment.
    public var recruitment: [RecruitStatus: Int] = [:]
    public var phases: [PhaseLine] = []
    /// The hold the module figures are about (`ProjectState.currentHold`); nil before holds.
    public var currentHold: (id: HoldID, name: String)?
    public var modulesTotal = ProjectState.moduleCount
    public var modulesScheduled = 0
    public var modulesHeld = 0
    public var next: ModuleSession?
    public var nextTitle: String?
    /// The hold the next session trains, by name (nil before holds).
    public var nextHold: String?
    public var volunteersTotal = 0
    public var byStage: [(VolunteerStage, Int)] = []
    public var conversations = 0
    public var referred = 0
    /// Each budget line over the project so far: spent in all, against the sum of what it planned
    /// in each calendar year so far. Comparing the whole project's spending with one year's plan
    /// called a project in its second year over budget.
    public var lines: [BudgetLineStatus] = []
    /// The calendar years the totals cover (`ProjectState.budgetYears`).
    public var budgetYearsCovered: [Int] = []
    public var hoursLogged = Hours(hundredths: 0)
    public var diplomaEligible = 0
    /// Each hold (cohort): its women, sessions, modules and diplomas, counted within the hold.
    public struct HoldLine: Equatable, Sendable {
        public var id: HoldID, name: String, start: Day, end: Day?
        public var volunteers: Int, sessionsScheduled: Int, sessionsHeld: Int, modulesHeld: Int, modulesTotal: Int, diplomaEligible: Int
        public var stage: HoldStage
    }

    /// Where a hold is: recruiting (no module held yet), training, diplomas (every module held or
    /// the hold's end passed, none of its women active yet), active (its trained women are out in
    /// the neighbourhood).
    public enum HoldStage: String, Sendable {
        case recruiting, training, diplomas, active
        public func label(_ l: Lang) -> String {
            switch self {
            case .recruiting: l.t("rekrutterer", "recruiting")
            case .training: l.t("under uddannelse", "in training")
            case .diplomas: l.t("diplomer", "diplomas")
            case .active: l.t("aktive", "active")
            }
        }
    }
    public var holds: [HoldLine] = []
    /// The budget per calendar year: what the lines planned in it against what was spent in it.
    /// The lines above, and the totals, are the sum of these years.
    public struct BudgetYear: Equatable, Sendable {
        public var year: Int, plannedLow: Money, plannedHigh: Money, spent: Money
    }
    public var budgetYears: [BudgetYear] = []
    /// Activities besides the modules: how many (not removed), by kind, and participants counted.
    public var activities = 0
    public var activitiesByKind: [(ActivityKind, Int)] = []
    public var participants = 0
    /// Funding applied for and granted (phase 4), over the project, and granted per calendar year.
    public var fundingApplied = Money.zero
    public var fundingGranted = Money.zero
    public var grantedByYear: [(year: Int, granted: Money)] = []

    public static func == (a: ProjectStatus, b: ProjectStatus) -> Bool {
        a.today == b.today && a.phases == b.phases && a.modulesScheduled == b.modulesScheduled && a.modulesHeld == b.modulesHeld && a.currentHold?.id == b.currentHold?.id
            && a.next == b.next && a.volunteersTotal == b.volunteersTotal && a.byStage.map(\.1) == b.byStage.map(\.1)
            && a.conversations == b.conversations && a.referred == b.referred && a.lines == b.lines && a.hoursLogged == b.hoursLogged
            && a.holds == b.holds && a.activities == b.activities && a.participants == b.participants
            && a.budgetYearsCovered == b.budgetYearsCovered && a.association == b.association && a.recruitment == b.recruitment
    }

    public var plannedLow: Money { lines.reduce(.zero) { $0 + $1.plannedLow } }
    public var plannedHigh: Money { lines.reduce(.zero) { $0 + $1.plannedHigh } }
    public var spent: Money { lines.reduce(.zero) { $0 + $1.spent } }
    public var remainingLow: Money { plannedLow - spent }
    public var remainingHigh: Money { plannedHigh - spent }

    /// `conversations`: the count and the referred count when the caller keeps them already (the
    /// full-screen program's index); else they are counted here.
    public init(state s: ProjectState, today: Day, conversations known: (total: Int, referred: Int)? = nil,
                attendance masks: [UInt64]? = nil) {
        self.today = today
        recruitment = s.recruitment
        var milestoneDone = [Int](repeating: 0, count: s.phases.count + 1)
        var milestoneTotal = [Int](repeating: 0, count: s.phases.count + 1)
        for m in s.milestones where !m.removed && m.phase <= s.phases.count {
            milestoneTotal[m.phase] += 1
            if m.done { milestoneDone[m.phase] += 1 }
        }
        phases = s.phases.map {
            PhaseLine(number: $0.number, title: $0.title, status: $0.status, milestonesDone: milestoneDone[$0.number],
                      milestonesTotal: milestoneTotal[$0.number], start: $0.start, end: $0.end)
        }
        // Modules held and scheduled are the current hold's (another hold's sessions never count).
        let hold = s.currentHold(on: today)
        currentHold = hold.map { ($0.id, $0.name) }
        modulesTotal = min(hold?.modules ?? s.modules.count, s.modules.count)
        // A module's status is that of its latest session that was not cancelled (see ProjectState).
        var latest = [ModuleSession?](repeating: nil, count: s.modules.count + 1)
        var cancelled = [Bool](repeating: false, count: s.modules.count + 1)
        for sess in s.sessions where sess.module <= modulesTotal && !sess.removed && ProjectState.belongs(sess, to: hold?.id) {
            if sess.status == .cancelled { cancelled[sess.module] = true; continue }
            if let l = latest[sess.module], (l.date, l.start) > (sess.date, sess.start) { continue }
            latest[sess.module] = sess
        }
        let moduleStatus: [ModuleStatus] = (0...modulesTotal).map { m in
            guard let l = latest[m] else { return cancelled[m] ? .cancelled : .planned }
            return l.status == .held ? .held : .scheduled
        }
        modulesHeld = moduleStatus.dropFirst().filter { $0 == .held }.count
        modulesScheduled = moduleStatus.dropFirst().filter { $0 == .scheduled }.count
        next = s.nextSession(from: today)
        nextTitle = next.flatMap { s.module($0.module)?.title }
        nextHold = next.flatMap { $0.hold }.flatMap { s.hold($0)?.name }
        if let known {
            conversations = known.total; referred = known.referred
        } else {
            for c in s.conversations where !c.removed {
                conversations += 1
                if c.isReferred { referred += 1 }
            }
        }
        var spentBy = [String: Money]()
        s.expenses.withUnsafeBufferPointer { xs in
            for i in xs.indices where !xs[i].removed { spentBy[xs[i].line,
                                                               default: .zero] = spentBy[xs[i].line, default: .zero] + xs[i].amount }
        }
        let years = s.budgetYears(through: today)
        budgetYearsCovered = years
        lines = s.budgetLines.filter { !$0.removed }.map { b in
            var low = Money.zero, high = Money.zero
            for y in years { let p = s.planned(b, year: y); low = low + p.low; high = high + p.high }
            return BudgetLineStatus(id: b.id, title: b.title, plannedLow: low, plannedHigh: high, spent: spentBy[b.id] ?? .zero,
                                    period: b.period)
        }
        for h in s.hours where !h.removed { hoursLogged = hoursLogged + h.hours }
        // Eligibility: present at a held session of at least `diplomaMinimum` distinct modules.
        let masks = masks ?? s.attendanceMasks()
        // Counted in one pass, by stage and per hold too, reading the records in place (a `for v in`
        // copies each volunteer, which is most of the work at thousands of them) and counting into
        // arrays by stage and by hold id rather than dictionaries.
        struct HoldCount { var women = 0, active = 0, eligible = 0, scheduled = 0, held = 0; var modulesHeld: UInt64 = 0 }
        var perHold = [HoldCount](repeating: HoldCount(), count: s.holds.count + 1)
        let stages = VolunteerStage.allCases
        var counts = [Int](repeating: 0, count: stages.count)
        s.volunteers.withUnsafeBufferPointer { vs in
            for i in vs.indices where !vs[i].removed {
                volunteersTotal += 1
                let stage = vs[i].stage
                counts[stages.firstIndex(of: stage)!] += 1
                let eligible = ProjectState.modules(masks, vs[i].id) >= s.diplomaMinimum
                if eligible { diplomaEligible += 1 }
                if let h = vs[i].hold?.raw, h < perHold.count {
                    perHold[h].women += 1
                    if stage == .active { perHold[h].active += 1 }
                    if eligible { perHold[h].eligible += 1 }
                }
            }
        }
        byStage = stages.enumerated().map { ($1, counts[$0]) }
        s.sessions.withUnsafeBufferPointer { xs in
            for i in xs.indices where !xs[i].removed {
                guard let h = xs[i].hold?.raw, h < perHold.count else { continue }
                if xs[i].status == .scheduled { perHold[h].scheduled += 1 }
                if xs[i].status == .held, xs[i].module < 64 { perHold[h].held += 1; perHold[h].modulesHeld |= 1 << UInt64(xs[i].module) }
            }
        }
        let spentPerYear = s.spentPerYear()
        budgetYears = years.map { y in
            let p = s.planned(year: y)
            return BudgetYear(year: y, plannedLow: p.low, plannedHigh: p.high, spent: spentPerYear[y] ?? .zero)
        }
        var byYear = [Int: Money]()
        for f in s.funding where !f.removed {
            fundingApplied = fundingApplied + f.applied
            if let g = f.granted, let d = f.decided { fundingGranted = fundingGranted + g; byYear[d.year] = (byYear[d.year] ?? .zero) + g }
        }
        grantedByYear = byYear.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var kinds = [ActivityKind: Int]()
        for a in s.activities where !a.removed {
            activities += 1; participants += a.participants ?? 0
            kinds[a.kind, default: 0] += 1
        }
        activitiesByKind = ActivityKind.allCases.map { ($0, kinds[$0] ?? 0) }
        let lines: [HoldLine] = s.holds.filter { !$0.removed }.map { h in
            let c = h.id.raw < perHold.count ? perHold[h.id.raw] : HoldCount()
            let held = c.modulesHeld.nonzeroBitCount
            let over = held >= h.modules || (h.end.map { $0 < today } ?? false)
            let stage: HoldStage = held == 0 && !over ? .recruiting : !over ? .training : c.active > 0 ? .active : .diplomas
            return HoldLine(id: h.id, name: h.name, start: h.start, end: h.end, volunteers: c.women,
                            sessionsScheduled: c.scheduled, sessionsHeld: c.held, modulesHeld: held, modulesTotal: h.modules,
                            diplomaEligible: c.eligible, stage: stage)
        }
        holds = lines
        // Phases 1 and 4 are the project's; 2 (training) and 3 (out in the neighbourhood) run per
        // hold, from each hold's own records: no screen says the training is done while a hold is in it.
        if !lines.isEmpty {
            let training = lines.filter { $0.stage != .active }, out = lines.filter { $0.stage == .active }
            for i in phases.indices {
                if phases[i].number == 2 { phases[i].holds = training; phases[i].status = training.isEmpty ? .done : .active }
                if phases[i].number == 3 { phases[i].holds = out; if !out.isEmpty && phases[i].status != .done { phases[i].status = .active } }
            }
        }
    }

    /// The referral share in whole percent (0 when there are no conversations).
    public var referralPercent: Int { conversations == 0 ? 0 : Int((Double(referred) * 100 / Double(conversations)).rounded()) }
}
