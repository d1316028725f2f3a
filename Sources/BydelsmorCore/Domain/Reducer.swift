/// Applies one change to the state. It first checks the change against the state and the rules,
/// and only then mutates: a refused change leaves the state exactly as it was.
/// Returns the compensating change that undo would append (nil where none exists).
public enum Reducer {
    public static func apply(_ event: Event, to s: inout ProjectState) throws(Message) -> Event? {
        switch event {
        case let .phaseDefined(n, title):
            guard n == s.phases.count + 1 else {
                throw Message("fase \(n) kan ikke defineres nu; næste fase er \(s.phases.count + 1)", "phase \(n) cannot be defined now; the next phase is \(s.phases.count + 1)", field: "number")
            }
            try Rules.line(title, field: "title", label: Msg.title, required: true)
            s.phases.append(Phase(number: n, title: title))
            return nil

        case let .phaseStatus(n, status):
            let i = try phaseIndex(n, s)
            let old = s.phases[i].status
            s.phases[i].status = status
            return .phaseStatus(number: n, status: old)

        case let .phaseDates(n, start, end):
            let i = try phaseIndex(n, s)
            if let a = start, let b = end, b < a {
                throw Message("slutdatoen \(Lang.da.shortDate(b)) ligger før startdatoen \(Lang.da.shortDate(a))", "the end date \(Lang.en.shortDate(b)) is before the start date \(Lang.en.shortDate(a))", field: "end")
            }
            let old = s.phases[i]
            s.phases[i].start = start; s.phases[i].end = end
            return .phaseDates(number: n, start: old.start, end: old.end)

        case let .milestoneAdded(id, phase, title):
            try nextID(id, .milestone, s.milestones.count)
            _ = try phaseIndex(phase, s, field: "phase")
            try Rules.line(title, field: "title", label: Msg.title, required: true)
            s.milestones.append(Milestone(id: id, phase: phase, title: title))
            return .removal(of: id)

        case let .milestoneChecked(id, done):
            let i = try live(id, .milestone, s.milestones.count, removed: { s.milestones[$0].removed })
            let old = s.milestones[i].done
            s.milestones[i].done = done
            return .milestoneChecked(id: id, done: old)

        case let .milestoneRenamed(id, title):
            let i = try live(id, .milestone, s.milestones.count, removed: { s.milestones[$0].removed })
            try Rules.line(title, field: "title", label: Msg.title, required: true)
            let old = s.milestones[i].title
            s.milestones[i].title = title
            return .milestoneRenamed(id: id, title: old)

        case let .milestoneDue(id, date):
            let i = try live(id, .milestone, s.milestones.count, removed: { s.milestones[$0].removed })
            let old = s.milestones[i].due
            s.milestones[i].due = date
            return .milestoneDue(id: id, date: old)

        case let .moduleDefined(m):
            guard m.number == s.modules.count + 1 else {
                throw Message("modul \(m.number) kan ikke defineres nu; næste modul er \(s.modules.count + 1)", "module \(m.number) cannot be defined now; the next module is \(s.modules.count + 1)", field: "number")
            }
            try Rules.line(m.title, field: "title", label: Msg.title, required: true)
            s.modules.append(m)
            return nil

        case let .moduleChanged(m):
            try Rules.line(m.title, field: "title", label: Msg.title, required: true)
            // The next number adds a module to the plan (a hold of 16 modules); that has no inverse,
            // so undo stops there and says so.
            if m.number == s.modules.count + 1, m.number <= ProjectState.maxModules {
                s.modules.append(m)
                return nil
            }
            guard m.number >= 1, m.number <= s.modules.count else {
                throw Message("modul \(m.number) findes ikke; modulerne er 1–\(s.modules.count) (\(s.modules.count + 1) tilføjer et)",
                              "module \(m.number) does not exist; the modules are 1–\(s.modules.count) (\(s.modules.count + 1) adds one)", field: "number")
            }
            let o = s.modules[m.number - 1]
            s.modules[m.number - 1] = m
            return .moduleChanged(o)

        case let .fundingApplied(id, funder, applied, date):
            try nextID(id, .funding, s.funding.count)
            try Rules.line(funder, field: "funder", label: Message("fonden", "the funder"), required: true, max: Rules.maxNameLength)
            try Rules.amount(applied, field: "applied")
            s.funding.append(FundingApplication(id: id, funder: funder, applied: applied, date: date))
            return .removal(of: id)

        case let .fundingDecided(id, granted, date):
            let i = try live(id, .funding, s.funding.count, removed: { s.funding[$0].removed })
            let o = s.funding[i]
            if let g = granted {
                guard let d = date else { throw Message("afgørelsen skal have en dato", "the decision needs a date", field: "date") }
                guard d >= o.date else { throw Message("afgørelsen kan ikke ligge før ansøgningen (\(Lang.da.shortDate(o.date)))", "the decision cannot be before the application (\(Lang.en.shortDate(o.date)))", field: "date") }
                guard g.ore >= 0, g.ore <= Money.maximum.ore else { throw Message("beløbet skal være 0–100.000.000 kr.", "the amount must be DKK 0–100,000,000", field: "granted") }
            }
            s.funding[i].granted = granted; s.funding[i].decided = granted == nil ? nil : date
            return .fundingDecided(id: id, granted: o.granted, date: o.decided)

        case let .activityAdded(a):
            try nextID(a.id, .activity, s.activities.count)
            try checkActivity(a)
            var new = a; new.removed = false
            s.activities.append(new)
            return .removal(of: a.id)

        case let .activityChanged(a):
            let i = try live(a.id, .activity, s.activities.count, removed: { s.activities[$0].removed })
            try checkActivity(a)
            let o = s.activities[i]
            var new = a; new.removed = false
            s.activities[i] = new
            return .activityChanged(o)

        case let .holidayAdded(b):
            try nextID(b.id, .holiday, s.holidays.count)
            try Rules.line(b.title, field: "title", label: Msg.title, required: true)
            guard b.end >= b.start else { throw Message("slutdatoen ligger før startdatoen", "the end date is before the start date", field: "end") }
            guard b.end.ordinal - b.start.ordinal <= 92 else { throw Message("en skoleferie er højst tre måneder", "a school holiday is at most three months", field: "end") }
            var new = b; new.removed = false
            s.holidays.append(new)
            return .removal(of: b.id)

        case let .holdAdded(h):
            try nextID(h.id, .hold, s.holds.count)
            try checkHold(h)
            var new = h; new.removed = false
            s.holds.append(new)
            return .removal(of: h.id)

        case let .holdChanged(h):
            let i = try live(h.id, .hold, s.holds.count, removed: { s.holds[$0].removed })
            try checkHold(h)
            let o = s.holds[i]
            if let used = s.sessions.filter({ $0.hold == h.id && !$0.removed }).map(\.module).max(), used > h.modules {
                throw Message("holdet har en modulgang i modul \(used); antallet af moduler kan ikke være \(h.modules)",
                              "the hold has a session of module \(used); its number of modules cannot be \(h.modules)", field: "modules")
            }
            s.holds[i].name = h.name; s.holds[i].start = h.start; s.holds[i].end = h.end; s.holds[i].place = h.place; s.holds[i].modules = h.modules
            return .holdChanged(HoldFields(id: o.id, name: o.name, start: o.start, end: o.end, place: o.place, modules: o.modules))

        case let .volunteerHold(id, hold):
            let i = try live(id, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed })
            let old = s.volunteers[i].hold
            if let h = hold {
                _ = try live(h, .hold, s.holds.count, removed: { s.holds[$0].removed }, field: "hold")
                if let o = old, o != h {
                    throw Message("\(RecordKind.volunteer.ref(id)) er allerede på \(s.holds[o].name); en bydelsmor uddannes på ét hold",
                                  "\(RecordKind.volunteer.ref(id)) is already in \(s.holds[o].name); a volunteer trains in one hold", field: "hold")
                }
            } else if let o = old, s.sessions.contains(where: { $0.hold == o && !$0.removed && $0.attendance[id] != nil }) {
                throw Message("\(RecordKind.volunteer.ref(id)) har fremmøde på holdet og kan ikke tages af det",
                              "\(RecordKind.volunteer.ref(id)) has attendance in the hold and cannot leave it", field: "hold")
            }
            s.volunteers[i].hold = hold
            return .volunteerHold(id: id, hold: old)

        case let .sessionScheduled(f):
            try nextID(f.id, .session, s.sessions.count)
            try checkSession(f, s)
            s.sessions.append(ModuleSession(f))
            // Undoing a new session removes it (it was never held or cancelled).
            return .removal(of: f.id)

        case let .sessionChanged(f):
            let i = try live(f.id, .session, s.sessions.count, removed: { s.sessions[$0].removed })
            try checkSession(f, s)
            let o = s.sessions[i]
            if f.hold != o.hold, !o.attendance.isEmpty {
                throw Message("modulgangen har fremmøde og kan ikke flyttes til et andet hold", "the session has attendance and cannot move to another hold", field: "hold")
            }
            s.sessions[i].fields = f
            s.sessions[i].sequence += 1
            return .sessionChanged(o.fields)

        case let .sessionStatus(id, status):
            let i = try live(id, .session, s.sessions.count, removed: { s.sessions[$0].removed })
            let old = s.sessions[i].status
            s.sessions[i].status = status
            s.sessions[i].sequence += 1
            return .sessionStatus(id: id, status: old)

        case let .sessionNoted(id, note):
            let i = try live(id, .session, s.sessions.count, removed: { s.sessions[$0].removed })
            try Rules.notes(note, field: "note")
            let old = s.sessions[i].note
            s.sessions[i].note = note
            s.sessions[i].sequence += 1
            return .sessionNoted(id: id, note: old)

        case let .attendanceMarked(sid, vid, mark):
            let i = try live(sid, .session, s.sessions.count, removed: { s.sessions[$0].removed }, field: "session")
            _ = try live(vid, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed }, field: "volunteer")
            if s.sessions[i].status == .cancelled {
                throw Message("modulgangen \(RecordKind.session.ref(sid)) er aflyst; der kan ikke registreres fremmøde", "the session \(RecordKind.session.ref(sid)) is cancelled; attendance cannot be recorded", field: "session")
            }
            if let h = s.sessions[i].hold, mark != .unknown, s.volunteers[vid].hold != h {
                throw Message("\(RecordKind.volunteer.ref(vid)) er ikke på \(s.holds[h].name); fremmøde registreres for holdets egne bydelsmødre",
                              "\(RecordKind.volunteer.ref(vid)) is not in \(s.holds[h].name); attendance is recorded for the hold's own volunteers", field: "volunteer")
            }
            let old = s.sessions[i].attendance[vid] ?? .unknown
            if mark == .unknown { s.sessions[i].attendance[vid] = nil } else { s.sessions[i].attendance[vid] = mark }
            return .attendanceMarked(session: sid, volunteer: vid, mark: old)

        case let .volunteerAdded(v):
            try nextID(v.id, .volunteer, s.volunteers.count)
            try checkVolunteer(v)
            s.volunteers.append(Volunteer(v))
            return .removal(of: v.id)

        case let .volunteerChanged(v):
            let i = try live(v.id, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed })
            try checkVolunteer(v)
            let o = s.volunteers[i].fields
            s.volunteers[i].fields = v
            return .volunteerChanged(o)

        case let .volunteerStage(id, stage):
            let i = try live(id, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed })
            let old = s.volunteers[i].stage
            s.volunteers[i].stage = stage
            return .volunteerStage(id: id, stage: old)

        case let .volunteerContract(id, date):
            let i = try live(id, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed })
            let old = s.volunteers[i].contractSigned
            s.volunteers[i].contractSigned = date
            return .volunteerContract(id: id, date: old)

        case let .volunteerConsent(id, date):
            let i = try live(id, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed })
            let old = s.volunteers[i].consent
            s.volunteers[i].consent = date
            return .volunteerConsent(id: id, date: old)

        case let .conversationChanged(c):
            let i = try live(c.id, .conversation, s.conversations.count, removed: { s.conversations[$0].removed })
            _ = try live(c.volunteer, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed }, field: "volunteer")
            try checkConversation(c)
            let o = s.conversations[i]
            var new = c; new.removed = false
            s.conversations[i] = new
            return .conversationChanged(o)

        case let .conversationLogged(c):
            try nextID(c.id, .conversation, s.conversations.count)
            _ = try live(c.volunteer, .volunteer, s.volunteers.count, removed: { s.volunteers[$0].removed }, field: "volunteer")
            try checkConversation(c)
            var c = c
            c.removed = false
            s.conversations.append(c)
            return .removal(of: c.id)

        case let .partnerAdded(p):
            try nextID(p.id, .partner, s.partners.count)
            try checkPartner(p)
            s.partners.append(Partner(p))
            return .removal(of: p.id)

        case let .partnerChanged(p):
            let i = try live(p.id, .partner, s.partners.count, removed: { s.partners[$0].removed })
            try checkPartner(p)
            let o = s.partners[i].fields
            s.partners[i].fields = p
            return .partnerChanged(o)

        case let .budgetLineAdded(b):
            guard BudgetLine.isValidID(b.id) else {
                throw Message("budgetlinjens id skal være a-z, 0-9 og -, højst 32 tegn", "a budget line's id must be a-z, 0-9 and -, at most 32 characters", field: "id")
            }
            if s.budgetLineIndex(b.id) != nil {
                throw Message("budgetlinjen \(b.id) findes allerede", "the budget line \(b.id) already exists", field: "id")
            }
            try Rules.line(b.title, field: "title", label: Msg.title, required: true)
            try checkRange(b.low, b.high)
            var b = b
            b.removed = false
            s.budgetLines.append(b)
            return nil

        case let .budgetLinePlanned(id, low, high):
            guard let i = s.budgetLineIndex(id) else { throw unknownLine(id, s, field: "id") }
            try checkRange(low, high)
            let o = s.budgetLines[i]
            s.budgetLines[i].low = low; s.budgetLines[i].high = high
            return .budgetLinePlanned(id: id, low: o.low, high: o.high)

        case let .expenseAdded(x):
            try nextID(x.id, .expense, s.expenses.count)
            try checkExpense(x, s)
            var x = x
            x.removed = false
            s.expenses.append(x)
            return .removal(of: x.id)

        case let .expenseChanged(x):
            let i = try live(x.id, .expense, s.expenses.count, removed: { s.expenses[$0].removed })
            try checkExpense(x, s)
            let o = s.expenses[i]
            s.expenses[i].date = x.date; s.expenses[i].line = x.line; s.expenses[i].amount = x.amount; s.expenses[i].note = x.note
            return .expenseChanged(o)

        case let .hoursChanged(h):
            let i = try live(h.id, .hours, s.hours.count, removed: { s.hours[$0].removed })
            try checkHours(h)
            let o = s.hours[i]
            var new = h; new.removed = false
            s.hours[i] = new
            return .hoursChanged(o)

        case let .hoursLogged(h):
            try nextID(h.id, .hours, s.hours.count)
            try checkHours(h)
            var h = h
            h.removed = false
            s.hours.append(h)
            return .removal(of: h.id)

        case let .diplomaRule(m):
            guard (1...max(1, s.modules.count)).contains(m) else {
                throw Message("kravet til diplom skal være 1–\(s.modules.count) moduler", "the diploma rule must be 1–\(s.modules.count) modules", field: "minimum")
            }
            let old = s.diplomaMinimum
            s.diplomaMinimum = m
            return .diplomaRule(minimum: old)

        case let .personErased(id):
            let i = try existing(id, .volunteer, s.volunteers.count)
            s.volunteers[i].name = Erasure.placeholder; s.volunteers[i].phone = ""; s.volunteers[i].languages = []
            s.volunteers[i].neighbourhood = ""; s.volunteers[i].notes = ""; s.volunteers[i].contractSigned = nil; s.volunteers[i].consent = nil
            s.volunteers[i].removed = true; s.volunteers[i].erased = true
            s.erasures += 1
            return nil

        case let .removed(kind, id):
            try setRemoved(kind, id, true, &s)
            return .restored(kind, id: id)

        case let .restored(kind, id):
            try setRemoved(kind, id, false, &s)
            return .removed(kind, id: id)
        }
    }

    // MARK: checks

    static func phaseIndex(_ n: Int, _ s: ProjectState, field: String = "number") throws(Message) -> Int {
        guard n >= 1, n <= s.phases.count else {
            throw Message("fase \(n) findes ikke; faserne er 1–\(s.phases.count)", "phase \(n) does not exist; the phases are 1–\(s.phases.count)", field: field)
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
    static func live<R>(_ id: ID<R>, _ kind: RecordKind, _ count: Int, removed: (Int) -> Bool, field: String = "id") throws(Message) -> Int {
        try live(id.raw, kind, count, removed: removed, field: field)
    }

    static func existing(_ id: Int, _ kind: RecordKind, _ count: Int, field: String = "id") throws(Message) -> Int {
        guard id >= 1, id <= count else {
            throw Message("\(kind.label(.da)) \(kind.ref(id)) findes ikke", "\(kind.label(.en)) \(kind.ref(id)) does not exist", field: field)
        }
        return id - 1
    }

    static func live(_ id: Int, _ kind: RecordKind, _ count: Int, removed: (Int) -> Bool, field: String = "id") throws(Message) -> Int {
        let i = try existing(id, kind, count, field: field)
        if removed(i) {
            throw Message("\(kind.label(.da)) \(kind.ref(id)) er slettet", "\(kind.label(.en)) \(kind.ref(id)) has been removed", field: field)
        }
        return i
    }

    static func checkActivity(_ a: ActivityFields) throws(Message) {
        try Rules.line(a.title, field: "title", label: Msg.title, required: true)
        try Rules.line(a.place, field: "place", label: Message("stedet", "the place"), required: false)
        guard a.start < a.end else {
            throw Message("sluttidspunktet \(a.end.text) skal ligge efter starttidspunktet \(a.start.text)", "the end time \(a.end.text) must be after the start time \(a.start.text)", field: "end")
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
    }

    static func checkHours(_ h: HoursEntry) throws(Message) {
        if h.hours.hundredths <= 0 || h.hours.hundredths > 2400 {
            throw Message("timer skal være over 0 og højst 24 på en dag", "hours must be above 0 and at most 24 in a day", field: "hours")
        }
        try Rules.notes(h.note, field: "note")
    }

    static func checkSession(_ f: SessionFields, _ s: ProjectState) throws(Message) {
        guard s.module(f.module) != nil else {
            throw Message("modul \(f.module) findes ikke; modulerne er 1–\(s.modules.count)", "module \(f.module) does not exist; the modules are 1–\(s.modules.count)", field: "module")
        }
        if let h = f.hold {
            let i = try live(h, .hold, s.holds.count, removed: { s.holds[$0].removed }, field: "hold")
            guard f.module <= s.holds[i].modules else {
                throw Message("\(s.holds[i].name) har \(s.holds[i].modules) moduler; modul \(f.module) findes ikke på holdet",
                              "\(s.holds[i].name) has \(s.holds[i].modules) modules; module \(f.module) is not part of it", field: "module")
            }
        }
        guard f.start < f.end else {
            throw Message("sluttidspunktet \(f.end.text) skal ligge efter starttidspunktet \(f.start.text)", "the end time \(f.end.text) must be after the start time \(f.start.text)", field: "end")
        }
        try Rules.line(f.place, field: "place", label: Message("stedet", "the place"), required: true)
        try Rules.line(f.teacher, field: "teacher", label: Message("underviseren", "the teacher"), required: false, max: Rules.maxNameLength)
    }

    static func checkVolunteer(_ v: VolunteerFields) throws(Message) {
        try Rules.line(v.name, field: "name", label: Message("navnet", "the name"), required: true, max: Rules.maxNameLength)
        try Rules.phone(v.phone)
        try Rules.languages(v.languages)
        try Rules.line(v.neighbourhood, field: "neighbourhood", label: Message("bydelen", "the neighbourhood"), required: false, max: Rules.maxNameLength)
        try Rules.notes(v.notes, field: "notes")
    }

    static func checkPartner(_ p: PartnerFields) throws(Message) {
        try Rules.line(p.name, field: "name", label: Message("navnet", "the name"), required: true, max: Rules.maxNameLength)
        try Rules.line(p.contact, field: "contact", label: Message("kontaktpersonen", "the contact person"), required: false, max: Rules.maxNameLength)
        try Rules.notes(p.notes, field: "notes")
    }

    static func checkRange(_ low: Money, _ high: Money) throws(Message) {
        guard low <= high else {
            throw Message("det lave skøn \(low.formatted(.da)) er større end det høje \(high.formatted(.da))", "the low estimate \(low.formatted(.en)) is above the high one \(high.formatted(.en))", field: "high")
        }
        guard high <= Money.maximum else {
            throw Message("skønnet må højst være \(Money.maximum.formatted(.da))", "the estimate may be at most \(Money.maximum.formatted(.en))", field: "high")
        }
    }

    static func unknownLine(_ id: String, _ s: ProjectState, field: String) -> Message {
        let ids = s.budgetLines.filter { !$0.removed }.map(\.id).joined(separator: ", ")
        return Message("budgetlinjen \"\(id)\" findes ikke; linjerne er \(ids)", "the budget line \"\(id)\" does not exist; the lines are \(ids)", field: field)
    }

    static func checkExpense(_ x: Expense, _ s: ProjectState) throws(Message) {
        guard let i = s.budgetLineIndex(x.line), !s.budgetLines[i].removed else { throw unknownLine(x.line, s, field: "line") }
        try Rules.amount(x.amount)
        try Rules.notes(x.note, field: "note")
    }

    static func setRemoved(_ kind: RecordKind, _ id: Int, _ value: Bool, _ s: inout ProjectState) throws(Message) {
        func check(_ count: Int, _ current: Bool) throws(Message) -> Int {
            let i = try existing(id, kind, count)
            if current == value {
                throw value
                    ? Message("\(kind.label(.da)) \(kind.ref(id)) er allerede slettet", "\(kind.label(.en)) \(kind.ref(id)) is already removed", field: "id")
                    : Message("\(kind.label(.da)) \(kind.ref(id)) er ikke slettet", "\(kind.label(.en)) \(kind.ref(id)) is not removed", field: "id")
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
        case .activity: try flip(\.activities)
        case .holiday: try flip(\.holidays)
        case .hold:
            if value, s.sessions.contains(where: { $0.hold?.raw == id && !$0.removed }) || s.volunteers.contains(where: { $0.hold?.raw == id && !$0.removed }) {
                throw Message("holdet har modulgange eller bydelsmødre og kan ikke slettes", "the hold has sessions or volunteers and cannot be removed", field: "id")
            }
            try flip(\.holds)
        case .session:
            // A removed session keeps its attendance, so restoring it brings that back too.
            if !value, let i = Optional(id - 1), i >= 0, i < s.sessions.count, let h = s.sessions[i].hold, h.raw <= s.holds.count, s.holds[h].removed {
                throw Message("modulgangens hold er slettet; gendan holdet først", "the session's hold has been removed; restore the hold first", field: "id")
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
