/// "Det skal gøres nu": what the coordinator should see to this week, each with the record it is
/// about (so the program can go to where it is fixed) and since when. Shown on pane 1 and by
/// `bydelsmor status` (JSON `attention[]`).
public struct AttentionItem: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A past session neither held nor cancelled.
        case sessionOpen = "session-open"
        /// A held session without attendance.
        case attendanceMissing = "attendance-missing"
        /// A session in the next 7 days, with the mothers to remind.
        case upcoming
        /// A mother in training absent from her hold's last two sessions.
        case missedTwo = "missed-two"
        /// A milestone past its due date and not ticked.
        case milestoneOverdue = "milestone-overdue"
        /// A duty of the association's year (general assembly, board meetings, accounts, a grant's
        /// report, a fund's deadline) due within six weeks or late.
        case duty
        /// A volunteer past candidate without consent or contract.
        case paperwork
        /// A budget line above its high plan this project year.
        case budgetOver = "budget-over"
        /// A budget line spending faster than the year's pace.
        case budgetPace = "budget-pace"
        /// An active mother with no conversation logged for a month.
        case quiet
    }

    public var kind: Kind
    /// The record it is about: `s3`, `v12`, `m4`, or a budget line's id.
    public var id: String
    public var text: String
    public var since: Day?
}

public enum Attention {
    /// Everything that needs doing on `today`, most pressing kinds first, each kind by date.
    /// `lastConversation`: each volunteer's latest conversation day by id (the index's tally keeps
    /// it); without it every conversation is read.
    public static func items(_ s: ProjectState, today: Day, _ l: Lang, lastConversation known: [Int32]? = nil) -> [AttentionItem] {
        var out: [AttentionItem] = []
        func when(_ x: ModuleSession) -> String {
            l.t("modul", "module") + " \(x.module) " + l.weekdayShort[x.date.weekday - 1] + " " + l.shortDate(x.date).prefix(6) + " " + x.start.text
        }
        let live = s.sessions.filter { !$0.removed }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
        // Two women of one name are told apart by their ids — by the same folded key as the roster's.
        var seen = [[UInt8]: Int]()
        for v in s.volunteers where !v.removed { seen[TextPolicy.danishSortKey(v.fields.name), default: 0] += 1 }
        func who(_ v: Volunteer) -> String {
            (seen[TextPolicy.danishSortKey(v.fields.name)] ?? 0) > 1 ? v.fields.name + " (" + RecordKind.volunteer.ref(v.id) + ")" : v.fields.name
        }
        // Past sessions to settle.
        for x in live where x.date < today {
            if x.status == .scheduled {
                out.append(AttentionItem(kind: .sessionOpen, id: RecordKind.session.ref(x.id),
                                         text: when(x) + l.t(": hverken markeret afholdt eller aflyst",
                                                             ": neither marked held nor cancelled"), since: x.date))
            } else if x.status == .held && x.attendance.isEmpty {
                out.append(AttentionItem(kind: .attendanceMissing, id: RecordKind.session.ref(x.id),
                                         text: when(x) + l.t(": fremmøde mangler", ": attendance missing"), since: x.date))
            }
        }
        // The coming week, with the women to remind.
        func women(of hold: HoldID?) -> [Volunteer] { s.women(toRemind: hold) }
        let week = today.adding(days: 7)
        for x in live where x.status == .scheduled && x.date >= today && x.date <= week {
            let n = women(of: x.hold).count
            out.append(AttentionItem(kind: .upcoming, id: RecordKind.session.ref(x.id),
                                     text: when(x) + ", " + x.place + " · " + l.count(n, l.t("kvinde at minde", "woman to remind"),
                                                                                      l.t("kvinder at minde", "women to remind")),
                                     since: x.date))
        }
        // Absent twice in a row: the last two held sessions of her hold that have attendance.
        let holds: [HoldID?] = [nil] + s.holds.filter { !$0.removed }.map { Optional($0.id) }
        for h in holds {
            let held = live.filter { $0.hold == h && $0.status == .held && !$0.attendance.isEmpty && $0.date < today }.suffix(2)
            guard held.count == 2, let first = held.first else { continue }
            for v in women(of: h) where v.stage == .training && held.allSatisfy({ $0.attendance[v.id] != .present }) {
                out.append(AttentionItem(kind: .missedTwo, id: RecordKind.volunteer.ref(v.id),
                                         text: who(v) + l.t(" var ikke med de sidste to gange",
                                                            " missed the last two sessions"), since: first.date))
            }
        }
        for m in s.milestones where !m.removed && !m.done {
            if let due = m.due, due < today {
                out.append(AttentionItem(kind: .milestoneOverdue, id: RecordKind.milestone.ref(m.id),
                                         text: l.t("frist \(l.shortDate(due)) overskredet: \(m.title)",
                                                   "due \(l.shortDate(due)), not reached: \(m.title)"), since: due))
            }
        }
        for d in YearWheel.due(s, today: today, l) {
            let when = d.due < today ? l.t("forsinket, frist \(l.shortDate(d.due))",
                    "late, due \(l.shortDate(d.due))") : l.t("senest \(l.shortDate(d.due))", "due \(l.shortDate(d.due))")
            out.append(AttentionItem(kind: .duty, id: d.key, text: d.what.prefix(1).uppercased() + d.what.dropFirst() + ": " + when,
                                     since: d.due))
        }
        for v in s.volunteers where !v.removed && !v.erased && v.stage != .candidate && v.stage != .left && (v.consent == nil || v.contractSigned == nil) {
            let missing = [v.consent == nil ? l.t("samtykke", "consent") : nil,
                           v.contractSigned == nil ? l.t("kontrakt", "contract") : nil].compactMap { $0 }
            out.append(AttentionItem(kind: .paperwork, id: RecordKind.volunteer.ref(v.id),
                                     text: who(v) + l.t(" mangler ", " lacks ") + missing.joined(separator: l.t(" og ", " and ")), since: v.addedOn))
        }
        // The budget of this calendar year: above the plan, or spending ahead of the year.
        if let first = Day(year: today.year, month: 1, day: 1), let last = Day(year: today.year, month: 12, day: 31) {
            let range = (first: first, last: last), y = today.year
            let spent = s.spent(year: y)
            let days = Double(range.last.ordinal - range.first.ordinal + 1)
            let gone = Double(today.ordinal - range.first.ordinal + 1) / days
            for line in s.planned(year: y).lines where line.high > .zero {
                let used = spent[line.line.id] ?? .zero
                let share = Double(used.ore) / Double(line.high.ore)
                if used > line.high {
                    out.append(AttentionItem(kind: .budgetOver, id: line.line.id,
                                             text: line.line.title + ": " + used.formatted(l) + l.t(" brugt, over planen på ", " spent, above the plan of ") + line.high.formatted(l), since: range.first))
                } else if gone < 0.85, share > gone + 0.25, line.line.period == .yearly {
                    out.append(AttentionItem(kind: .budgetPace, id: line.line.id,
                                             text: line.line.title + ": " + l.t("\(Int(share * 100)) % af planen brugt efter \(Int(gone * 100)) % af året", "\(Int(share * 100)) % of the plan spent after \(Int(gone * 100)) % of the year"),
                                             since: range.first))
                }
            }
        }
        // Active mothers without a conversation for a month.
        // Each volunteer's latest conversation day by id (an array, not a dictionary: a large
        // journal has hundreds of thousands of conversations).
        var lastDay = [Int32](repeating: .min, count: s.volunteers.count + 1)
        if let known {
            for (i, d) in known.enumerated() where i < lastDay.count { lastDay[i] = d }
        } else {
            s.conversations.withUnsafeBufferPointer { cs in
                for c in cs where !c.removed {
                    let i = c.volunteer.raw
                    if i >= 0, i < lastDay.count, lastDay[i] < c.date.ordinal { lastDay[i] = c.date.ordinal }
                }
            }
        }
        func last(_ id: VolunteerID) -> Day? {
            id.raw >= 0 && id.raw < lastDay.count && lastDay[id.raw] != .min ? Day(ordinal: lastDay[id.raw]) : nil
        }
        let monthAgo = today.adding(days: -30)
        for v in s.volunteers where !v.removed && !v.erased && v.stage == .active {
            let since = last(v.id) ?? v.addedOn
            if let d = since, d >= monthAgo { continue }
            out.append(AttentionItem(kind: .quiet, id: RecordKind.volunteer.ref(v.id),
                                     text: who(v) + (last(v.id).map { l.t(": ingen samtale siden \(l.shortDate($0))",
                                             ": no conversation since \(l.shortDate($0))") } ?? l.t(": ingen samtale registreret endnu", ": no conversation logged yet")),
                                     since: since))
        }
        return out
    }
}

extension Attention {
    /// The kinds that come many at a time, and the id of the one line that stands for them.
    public static let groupIDs: [AttentionItem.Kind: String] = [.quiet: "quiet", .paperwork: "paperwork"]

    /// For a glance (the overview, `status` as text): more than `over` items of a kind that comes
    /// many at a time (mothers without a conversation, papers missing) become one line in its place
    /// ("12 aktive bydelsmødre uden samtale den seneste måned"), so after a holiday the list is not a
    /// page of names. JSON keeps every item.
    public static func grouped(_ items: [AttentionItem], _ l: Lang, over: Int = 3) -> [AttentionItem] {
        var out: [AttentionItem] = []
        var done = Set<AttentionItem.Kind>()
        for item in items {
            guard let id = groupIDs[item.kind] else { out.append(item); continue }
            let same = items.filter { $0.kind == item.kind }
            if same.count <= over { out.append(item); continue }
            guard done.insert(item.kind).inserted else { continue }
            let n = l.number(same.count)
            let text = item.kind == .quiet
                ? l.t("\(n) aktive bydelsmødre uden samtale den seneste måned",
                      "\(n) active mothers without a conversation in the last month")
                : l.t("\(n) bydelsmødre mangler samtykke eller kontrakt", "\(n) mothers lack consent or contract")
            out.append(AttentionItem(kind: item.kind, id: id, text: text, since: same.compactMap(\.since).min()))
        }
        return out
    }
}

extension ProjectState {
    /// The women a session of this hold is for (those in it, in training or about to be); without
    /// holds, those in training. They are the ones to remind.
    public func women(toRemind hold: HoldID?) -> [Volunteer] {
        volunteers.filter { v in
            !v.removed && !v.erased && (hold.map { h in v.hold == h } ?? (v.stage == .training)) && (v.stage == .training || v.stage == .candidate)
        }
    }

    /// The sessions from `today` through `days` days on, each with the women to call.
    public func reminders(from today: Day, days: Int) -> [(session: ModuleSession, women: [Volunteer])] {
        let last = today.adding(days: days)
        return sessions.filter { !$0.removed && $0.status == .scheduled && $0.date >= today && $0.date <= last }
            .sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            .map { ($0, women(toRemind: $0.hold).sorted { TextPolicy.danishSortKey($0.name).lexicographicallyPrecedes(TextPolicy.danishSortKey($1.name)) }) }
    }

    /// The activities (monthly and network meetings, theme events …) from `today` through `days`
    /// days on, each with the women to call: the active mothers (an information meeting: none, it
    /// is for women not yet in the project).
    public func activityReminders(from today: Day, days: Int) -> [(activity: ActivityFields, women: [Volunteer])] {
        let last = today.adding(days: days)
        let active = volunteers.filter { !$0.removed && !$0.erased && ($0.stage == .active || $0.stage == .graduated) }
            .sorted { TextPolicy.danishSortKey($0.name).lexicographicallyPrecedes(TextPolicy.danishSortKey($1.name)) }
        return activities.filter { !$0.removed && $0.date >= today && $0.date <= last }
            .sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            .map { ($0, $0.kind == .information ? [] : active) }
    }
}
