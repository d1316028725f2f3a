import Foundation

/// A small deterministic random source (SplitMix64), so a demo journal is the same for the same seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds a realistic, fictitious journal: cohorts of volunteers trained each year in the fifteen
/// modules, attendance, the mothers' anonymous conversations, expenses and coordinator hours.
/// Every change goes through the reducer, so the demo is as valid as anything a person enters.
public struct DemoJournal {
    public var volunteers: Int
    public var years: Int
    public var seed: UInt64
    public var firstYear: Int
    /// The demo's "today": nothing after this day is written, so later sessions stay scheduled.
    public var until: Day?

    public init(volunteers: Int = 40, years: Int = 2, seed: UInt64 = 1, firstYear: Int = 2025, until: Day? = nil) {
        self.volunteers = volunteers; self.years = years; self.seed = seed; self.firstYear = firstYear; self.until = until
    }

    /// The costs of each new hold after the start-up year, as yearly lines: id, title, low, high.
    static let recurring: [(String, String, Int64, Int64)] = [
        ("forplejning-hold", "Forplejning, nye hold", 20_000, 26_000),
        ("gaver-hold", "Erkendtligheder til undervisere, nye hold", 8_000, 10_000),
        ("diplomfest-hold", "Diplomfest, nye hold", 10_000, 13_000),
    ]

    static let firstNames = ["Amina", "Fatima", "Hodan", "Leyla", "Zeynep", "Samira", "Nour", "Aisha", "Mariam", "Hawa",
                             "Shirin", "Yasmin", "Dilan", "Rukhsana", "Asma", "Sahra", "Esra", "Hanan", "Najiba", "Parwin",
                             "Gülsen", "Ayşe", "Şükran", "Nadia", "Rania", "Safiya", "Khadija", "Ilham", "Malalai", "Sevgi"]
    static let lastNames = ["Hassan", "Ali", "Yılmaz", "Abdi", "Karimi", "Haddad", "Rahimi", "Demir", "Mohamed", "Ahmadi",
                            "Öztürk", "Nasser", "Jama", "Hussein", "Begum", "Şahin", "Farah", "Khalil", "Aydın", "Nuur"]
    static let languages = ["ar", "so", "tr", "ur", "fa", "ku", "ps", "ti"]
    static let neighbourhoods = ["Vejleåparken", "Ishøj Landsby", "Strandparken", "Gadekæret", "Ishøj Strand", "Torslunde"]
    static let places = ["Ishøj Bibliotek, mødelokale 2", "Vejleåparkens beboerhus", "Strandgårdskolen, lokale A12",
                         "Ishøj Rådhus, mødelokale 1"]
    static let teachers = ["Sundhedsplejerske Ida Holm", "SSP-konsulent Peter Lund", "Skoleleder Mette Krogh", "Jobkonsulent Ali Demir",
                           "Borgerservice, Lene Vang", "Tandplejen, Jonas Bech", "Psykolog Sara Nørgaard", "Foreningskonsulent Ole Juhl"]

    struct Pending { var time: Int64; var order: Int; var event: Event }

    /// Writes the journal to `path` (which must not exist) and returns the number of lines written.
    @discardableResult
    public func write(to path: String) throws(StoreError) -> Int {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .refused(Message("\(path) findes allerede; vælg et nyt filnavn (en demo overskriver aldrig en journal)",
                                   "\(path) already exists; choose a new file name (a demo never overwrites a journal)"))
        }
        guard volunteers >= 1, volunteers <= 1_000_000, years >= 1, years <= 100, firstYear >= Day.years.lowerBound, firstYear + years - 1 <= Day.years.upperBound else {
            throw .refused(Message("--volunteers skal være 1–1.000.000, --years 1–100 og årene mellem \(Day.years.lowerBound) og \(Day.years.upperBound)", "--volunteers must be 1–1,000,000, --years 1–100 and the years between \(Day.years.lowerBound) and \(Day.years.upperBound)"))
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path, errno, Message("kan ikke oprette filen", "cannot create the file")) }
        var finished = false
        defer {
            close(fd)
            if !finished { unlink(path) }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var lines = 0
        func flush() throws(StoreError) {
            guard writeAll(fd, buffer) else { throw .io(path, errno, Message("kan ikke skrive demoen", "cannot write the demo")) }
            buffer.removeAll(keepingCapacity: true)
        }
        buffer += Array((JournalSyntax.header + "\n").utf8); lines += 1
        var state = ProjectState()
        var rng = SplitMix64(seed: seed)
        let start = Day(year: firstYear, month: 1, day: 6)!
        func stamp(_ d: Day, _ minute: Int) -> Timestamp { Timestamp(secondsSince1970: Int64(d.ordinal) * 86400 + Int64(minute) * 60) }

        func emit(_ e: Event, _ t: Timestamp, actor: String = "koordinator") throws(StoreError) {
            do { _ = try Reducer.apply(e, to: &state) } catch { throw .refused(error) }
            buffer += Array(JournalEntry(timestamp: t, actor: actor, event: e).line.utf8); buffer.append(10)
            lines += 1
            if buffer.count > 1 << 20 { try flush() }
        }
        for e in SeedPlan.events { try emit(e, stamp(start, 8 * 60), actor: SeedPlan.actor) }

        // Phase 1: network and recruitment.
        let partnerNames: [(String, PartnerKind, String)] = [
            ("Strandgårdskolen", .school, "Mette Krogh"), ("Sundhedsplejen Ishøj", .health, "Ida Holm"),
            ("SSP Ishøj", .municipality, "Peter Lund"), ("Boligsocial helhedsplan Vejleåparken", .housing, "Hanne Friis"),
            ("Ishøj Bibliotek", .other, "Lars Mørk"), ("Kvindeforeningen Ishøj", .association, "Samira Haddad"),
        ]
        try emit(.phaseStatus(number: 1, status: .active), stamp(start, 9 * 60))
        try emit(.phaseDates(number: 1, start: start, end: start.adding(days: 25)), stamp(start, 9 * 60 + 1))
        for (i, p) in partnerNames.enumerated() {
            try emit(.partnerAdded(PartnerFields(id: ID(i + 1), name: p.0, kind: p.1, contact: p.2)), stamp(start.adding(days: i), 10 * 60))
        }
        for m in 1...5 { try emit(.milestoneChecked(id: ID(m), done: true), stamp(start.adding(days: 5 + m * 3), 11 * 60)) }
        try emit(.phaseStatus(number: 1, status: .done), stamp(start.adding(days: 25), 9 * 60))
        try emit(.phaseStatus(number: 2, status: .active), stamp(start.adding(days: 26), 9 * 60))

        let perYear = max(1, (volunteers + years - 1) / years)
        var added = 0
        var active: [VolunteerID] = []
        var expenseID = 0, hoursID = 0, sessionID = 0, conversationID = 0, activityID = 0, fundingID = 0
        for y in 0..<years {
            let yearStart = Day(year: firstYear + y, month: 1, day: 6)!
            if let u = until, yearStart.adding(days: -3) > u { break }
            var pending: [Pending] = []
            var order = 0
            func at(_ d: Day, _ minute: Int, _ e: Event) { pending.append(Pending(time: Int64(d.ordinal) * 1440 + Int64(minute),
                                                                                  order: order, event: e)); order += 1 }

            if y == 1 {
                // After the start-up year, each new hold's catering, gifts and diploma party recur:
                // the coordinator plans them as yearly lines (one-off lines belong to year 1).
                for (id, title, low, high) in DemoJournal.recurring {
                    at(yearStart.adding(days: -3), 10 * 60, .budgetLineAdded(BudgetLine(id: id, title: title, low: Money(kroner: low),
                                                                                        high: Money(kroner: high), period: .yearly)))
                }
            }
            let line = { (once: String) in y == 0 ? once : once + "-hold" }
            // The year's hold: a cohort of women trained together, with its own sessions and diplomas.
            let hold = HoldID(y + 1)
            at(yearStart.adding(days: -2), 10 * 60, .holdAdded(HoldFields(id: hold, name: "Hold \(firstYear + y)", start: yearStart,
                                                                          end: Day(year: firstYear + y, month: 12, day: 31)!, place: DemoJournal.places[0], modules: ProjectState.moduleCount)))
            // An information meeting to recruit, and a monthly meeting for the mothers out in the neighbourhood.
            at(yearStart.adding(days: -1), 11 * 60, .activityAdded(ActivityFields(id: 0, kind: .information,
                                                                                  title: "Informationsmøde om at blive bydelsmor",
                                                                                date: yearStart.adding(days: 3), start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 19, minute: 0)!,
                                                                                place: DemoJournal.places[0], participants: 10 + Int(rng.next() % 30))))
            for month in [3, 5, 9, 11] {
                let d = Day(year: firstYear + y, month: month, day: 10)!
                at(d.adding(days: -14), 11 * 60, .activityAdded(ActivityFields(id: 0, kind: .monthly, title: "Månedsmøde for bydelsmødrene",
                                                                               date: d,
                                                                               start: ClockTime(hour: 17, minute: 30)!, end: ClockTime(hour: 19, minute: 30)!,
                                                                               place: DemoJournal.places[1 % DemoJournal.places.count], participants: nil)))
            }
            if y == 2 {
                // Phase 4: the association seeks its own money.
                let applied = Day(year: firstYear + y, month: 9, day: 15)!
                at(applied, 10 * 60, .fundingApplied(id: 0, funder: "Puljen til frivilligt socialt arbejde", applied: Money(kroner: 80_000),
                                                     date: applied))
                at(applied.adding(days: 60), 10 * 60, .fundingDecided(id: 1, granted: Money(kroner: 60_000),
                                                                      date: applied.adding(days: 60)))
            }
            // Recruit and enrol this year's team.
            var cohort: [VolunteerID] = []
            let n = min(perYear, volunteers - added)
            for k in 0..<n {
                added += 1
                let id = VolunteerID(added)
                let first = DemoJournal.firstNames[Int(rng.next() % UInt64(DemoJournal.firstNames.count))]
                let last = DemoJournal.lastNames[Int(rng.next() % UInt64(DemoJournal.lastNames.count))]
                var langs = [DemoJournal.languages[Int(rng.next() % UInt64(DemoJournal.languages.count))]]
                if rng.next() % 3 == 0 {
                    let extra = DemoJournal.languages[Int(rng.next() % UInt64(DemoJournal.languages.count))]
                    if extra != langs[0] { langs.append(extra) }
                }
                langs.append("da")
                let phone = "+45 " + String(20 + rng.next() % 80) + " " + pad(Int(rng.next() % 100),
                        2) + " " + pad(Int(rng.next() % 100), 2) + " " + pad(Int(rng.next() % 100), 2)
                let hood = DemoJournal.neighbourhoods[Int(rng.next() % UInt64(DemoJournal.neighbourhoods.count))]
                // Enrolment spread over twenty days, in id order (ids must be dense in journal order).
                let minuteOfPeriod = k * (20 * 1440) / max(n, 1)
                let day = yearStart.adding(days: minuteOfPeriod / 1440)
                at(day, minuteOfPeriod % 1440, .volunteerAdded(VolunteerFields(id: id, name: "\(first) \(last)", phone: phone,
                                                                               languages: langs, neighbourhood: hood)))
                at(day, minuteOfPeriod % 1440, .volunteerConsent(id: id, date: day))
                at(yearStart.adding(days: 24), 9 * 60 + k % 300, .volunteerHold(id: id, hold: hold))
                at(yearStart.adding(days: 24), 9 * 60 + k % 300, .volunteerStage(id: id, stage: .training))
                at(yearStart.adding(days: 24), 9 * 60 + k % 300 + 1, .volunteerContract(id: id, date: yearStart.adding(days: 24)))
                cohort.append(id)
            }
            // Fifteen weekly sessions from February, Tuesdays 17:00–20:00.
            var firstSession = Day(year: firstYear + y, month: 2, day: 1)!
            while firstSession.weekday != 2 { firstSession = firstSession.adding(days: 1) }
            for m in 1...ProjectState.moduleCount {
                sessionID += 1
                let sid = SessionID(sessionID)
                let date = firstSession.adding(days: (m - 1) * 7)
                let place = DemoJournal.places[m % DemoJournal.places.count]
                let teacher = SeedPlan.modules[m - 1].2 == .method ? "Koordinator" : DemoJournal.teachers[m % DemoJournal.teachers.count]
                at(yearStart.adding(days: 20), 13 * 60 + m,
                        .sessionScheduled(SessionFields(id: sid, module: m, date: date, start: ClockTime(hour: 17, minute: 0)!,
                                                        end: ClockTime(hour: 20, minute: 0)!, place: place, teacher: teacher, hold: hold)))
                at(date, 20 * 60 + 15, .sessionStatus(id: sid, status: .held))
                for (k, v) in cohort.enumerated() {
                    at(date, 20 * 60 + 16 + k % 200, .attendanceMarked(session: sid, volunteer: v,
                                                                       mark: rng.next() % 100 < 90 ? .present : .absent))
                }
                at(date, 21 * 60, .expenseAdded(Expense(id: 0, date: date, line: line("forplejning"),
                        amount: Money(ore: Int64(120_000 + rng.next() % 60_000)), note: "Aftensmad, modul \(m)")))
                if SeedPlan.modules[m - 1].2 == .subject {
                    at(date, 21 * 60 + 1, .expenseAdded(Expense(id: 0, date: date, line: line("gaver"),
                            amount: Money(ore: Int64(35_000 + rng.next() % 20_000)), note: "Gave til underviser, modul \(m)")))
                }
            }
            let diplomaDay = firstSession.adding(days: 15 * 7 + 4)
            at(diplomaDay.adding(days: -20), 11 * 60,
               .activityAdded(ActivityFields(id: 0, kind: .diploma, title: "Diplomfest for Hold \(firstYear + y)", date: diplomaDay,
                                                                                 start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 21, minute: 0)!,
                                                                                 place: DemoJournal.places[0], participants: nil)))
            at(diplomaDay, 21 * 60, .expenseAdded(Expense(id: 0, date: diplomaDay, line: line("diplomfest"),
                    amount: Money(ore: Int64(900_000 + rng.next() % 300_000)), note: "Diplomfest hold \(y + 1)")))
            if y == 0 {
                at(start.adding(days: 30), 12 * 60, .expenseAdded(Expense(id: 0, date: start.adding(days: 30), line: "gebyr",
                        amount: Money(kroner: 45_000), note: "Opstarts- og indmeldelsesgebyr")))
                at(start.adding(days: 40), 12 * 60, .expenseAdded(Expense(id: 0, date: start.adding(days: 40), line: "brochurer",
                                                                          amount: Money(ore: 640_000), note: "Brochurer, 2.000 stk.")))
            }
            // Coordinator: about nine hours a week, logged each Friday, and the salary monthly.
            var friday = yearStart
            while friday.weekday != 5 { friday = friday.adding(days: 1) }
            while friday.year == firstYear + y {
                at(friday, 15 * 60, .hoursLogged(HoursEntry(id: 0, date: friday,
                                                            hours: Hours(hundredths: Int64(800 + (rng.next() % 9) * 25)), note: "")))
                if friday.adding(days: 7).month != friday.month {
                    at(friday, 15 * 60 + 1, .expenseAdded(Expense(id: 0, date: friday, line: "koordinator", amount: Money(ore: 1_136_000),
                                                                  note: "Løn \(Lang.da.monthNames[friday.month - 1])")))
                }
                friday = friday.adding(days: 7)
            }
            // Graduation, then outreach: about three conversations a month for each active mother.
            let sorted = pending.sorted { ($0.time, $0.order) < ($1.time, $1.order) }
            pending = []
            for p in sorted { try emitNumbered(p.event, p.time) }
            var graduates: [VolunteerID] = []
            for v in cohort where state.isEligibleForDiploma(v) || rng.next() % 4 != 0 { graduates.append(v) }
            for v in graduates {
                at(diplomaDay, 19 * 60, .volunteerStage(id: v, stage: .graduated))
                at(diplomaDay.adding(days: 7), 10 * 60, .volunteerStage(id: v, stage: .active))
            }
            if y == 0 {
                at(firstSession.adding(days: -10), 12 * 60, .milestoneChecked(id: 6, done: true))
                at(diplomaDay.adding(days: 20), 12 * 60, .milestoneChecked(id: 9, done: true))
                at(diplomaDay.adding(days: 40), 12 * 60, .milestoneChecked(id: 10, done: true))
                at(Day(year: firstYear, month: 11, day: 20)!, 12 * 60, .milestoneChecked(id: 11, done: true))
                at(diplomaDay, 22 * 60, .milestoneChecked(id: 7, done: true))
                at(diplomaDay, 22 * 60 + 1, .milestoneChecked(id: 8, done: true))
                at(diplomaDay.adding(days: 1), 9 * 60, .phaseStatus(number: 2, status: .done))
                at(diplomaDay.adding(days: 1), 9 * 60 + 1, .phaseStatus(number: 3, status: .active))
            }
            let activeFrom = diplomaDay.adding(days: 8)
            var yearActive = active.map { ($0, yearStart) } + graduates.map { ($0, activeFrom) }
            if y == 2 {
                for (i, m) in [12, 13, 14, 15].enumerated() { at(Day(year: firstYear + y, month: 9, day: 1 + i * 7)!, 12 * 60,
                                                                 .milestoneChecked(id: ID(m), done: true)) }
                at(Day(year: firstYear + y, month: 9, day: 1)!, 11 * 60, .phaseStatus(number: 4, status: .active))
            }
            // Some pause or leave each year.
            yearActive = yearActive.filter { v in
                if rng.next() % 20 == 0 {
                    at(Day(year: firstYear + y, month: 8, day: 15)!, 9 * 60,
                       .volunteerStage(id: v.0, stage: rng.next() % 2 == 0 ? .paused : .left))
                    return false
                }
                return true
            }
            for (v, from) in yearActive {
                var d = from
                let yearEnd = Day(year: firstYear + y, month: 12, day: 31)!
                while d <= yearEnd {
                    d = d.adding(days: 3 + Int(rng.next() % 15))
                    guard d <= yearEnd else { break }
                    var topics = TopicSet(bits: UInt16(1 << (rng.next() % 8)))
                    if rng.next() % 3 == 0 { topics.bits |= UInt16(1 << (rng.next() % 8)) }
                    let r = rng.next() % 100
                    let referral: Referral = r < 62 ? .none : r < 75 ? .municipality : r < 85 ? .gp : r < 95 ? .association : .other
                    let contact = ContactOrigin.allCases[Int(rng.next() % UInt64(ContactOrigin.allCases.count))]
                    at(d, 9 * 60 + Int(rng.next() % 600), .conversationLogged(Conversation(id: 0, date: d, volunteer: v, contact: contact,
                            topics: topics, referral: referral, minutes: Int32(15 + rng.next() % 90))))
                }
            }
            active = yearActive.map(\.0)
            for p in pending.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) { try emitNumbered(p.event, p.time) }
        }
        try flush()
        guard fsync(fd) == 0 else { throw .io(path, errno, Message("kan ikke gemme demoen på disken", "cannot flush the demo to disk")) }
        finished = true
        return lines

        // Numbers are handed out in journal order, so ids stay dense whatever order things were planned in.
        func emitNumbered(_ e: Event, _ minuteTime: Int64) throws(StoreError) {
            if let u = until, minuteTime >= Int64(u.ordinal + 1) * 1440 { return }
            var e = e
            switch e {
            case .expenseAdded(var x): expenseID += 1; x.id = ID(expenseID); e = .expenseAdded(x)
            case .hoursLogged(var h): hoursID += 1; h.id = ID(hoursID); e = .hoursLogged(h)
            case .conversationLogged(var c): conversationID += 1; c.id = ID(conversationID); e = .conversationLogged(c)
            case .activityAdded(var a): activityID += 1; a.id = ID(activityID); e = .activityAdded(a)
            case .fundingApplied(_, let f, let a, let d): fundingID += 1; e = .fundingApplied(id: ID(fundingID), funder: f, applied: a, date: d)
            default: break
            }
            try emit(e, Timestamp(secondsSince1970: minuteTime * 60))
        }
    }
}
