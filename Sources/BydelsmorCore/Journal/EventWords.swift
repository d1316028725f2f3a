/// A change in people's words, for the line under the screen: "Gemt: bydelsmor Amina Hassan",
/// "Fortrudt: udgift 1.250,00 kr. til forplejning". Never an event name or a line number alone.
extension Event {
    /// What the change is about, as a short phrase (no full stop). `s` is the state that knows the
    /// records it names (before or after the change: names and titles rarely change with it).
    public func words(_ s: ProjectState, _ l: Lang) -> String {
        switch self {
        case let .phaseDefined(n, title): return l.t("fase", "phase") + " \(n) \(title)"
        case let .phaseStatus(n, status): return l.t("fase", "phase") + " \(n): " + status.label(l)
        case let .phaseDates(n, start, end):
            return l.t("fase", "phase") + " \(n): " + (start.map { l.shortDate($0) } ?? "–") + " – " + (end.map { l.shortDate($0) } ?? "–")
        case let .milestoneAdded(_, _, title), let .milestoneRenamed(_, title): return l.t("milepælen", "the milestone") + " \"\(title)\""
        case let .milestoneChecked(id, done):
            return l.t("milepælen", "the milestone") + " \"\(s.milestones.at(id)?.title ?? "")\" " + (done ? l.t("afkrydset", "ticked") : l.t("ikke afkrydset", "unticked"))
        case let .milestoneDue(id, d):
            return l.t("milepælen", "the milestone") + " \"\(s.milestones.at(id)?.title ?? "")\" " + (d.map { l.t("senest ", "due ") + l.shortDate($0) } ?? l.t("uden frist", "without a due date"))
        case let .moduleDefined(m), let .moduleChanged(m): return l.t("modul", "module") + " \(m.number): \(m.title)"
        case let .fundingApplied(_, funder, applied, _): return l.t("ansøgning til \(funder) om ", "application to \(funder) for ") + applied.formatted(l)
        case let .fundingDecided(id, granted, _):
            let funder = s.funding.at(id)?.funder ?? ""
            guard let g = granted else { return l.t("afgørelsen fra \(funder)", "the decision of \(funder)") }
            return g == .zero ? l.t("afslag fra \(funder)", "refusal from \(funder)") : l.t("bevilling fra \(funder): ", "grant from \(funder): ") + g.formatted(l)
        case let .activityAdded(a), let .activityChanged(a): return a.kind.label(l) + " \(l.shortDate(a.date)): \(a.title)"
        case let .holdAdded(h), let .holdChanged(h): return h.name
        case let .holidayAdded(b): return b.title + " " + l.shortDate(b.start) + "–" + l.shortDate(b.end)
        case let .volunteerHold(id, hold):
            let name = s.volunteer(id)?.name ?? RecordKind.volunteer.ref(id)
            return hold.flatMap { s.hold($0) }.map { name + l.t(" på ", " in ") + $0.name } ?? name + l.t(" uden hold", " in no hold")
        case let .sessionScheduled(f), let .sessionChanged(f): return sessionWords(f.module, f.date, f.start, l)
        case let .sessionStatus(id, status):
            guard let x = s.session(id) else { return RecordKind.session.ref(id) }
            return sessionWords(x.module, x.date, x.start, l) + " " + status.label(l)
        case let .sessionNoted(id, _):
            guard let x = s.session(id) else { return RecordKind.session.ref(id) }
            return l.t("note til ", "note for ") + sessionWords(x.module, x.date, x.start, l)
        case let .attendanceMarked(sid, vid, mark):
            let who = s.volunteer(vid)?.name ?? RecordKind.volunteer.ref(vid)
            guard let x = s.session(sid) else { return who }
            return l.t("fremmøde", "attendance") + ", " + sessionWords(x.module, x.date, x.start, l) + ": \(who) " + mark.label(l)
        case let .volunteerAdded(v), let .volunteerChanged(v): return v.name
        case let .volunteerStage(id, stage): return (s.volunteer(id)?.name ?? RecordKind.volunteer.ref(id)) + ": " + stage.label(l)
        case let .volunteerContract(id, d):
            return l.t("kontrakt for ", "contract of ") + (s.volunteer(id)?.name ?? RecordKind.volunteer.ref(id)) + (d.map { " " + l.shortDate($0) } ?? "")
        case let .volunteerConsent(id, d):
            return l.t("samtykke fra ", "consent of ") + (s.volunteer(id)?.name ?? RecordKind.volunteer.ref(id)) + (d.map { " " + l.shortDate($0) } ?? "")
        case let .conversationLogged(c), let .conversationChanged(c): return l.t("samtale ", "conversation of ") + l.shortDate(c.date)
        case let .partnerAdded(p), let .partnerChanged(p): return p.name
        case let .budgetLineAdded(b): return l.t("budgetlinjen ", "the budget line ") + b.title
        case let .budgetLinePlanned(id, low, high):
            let title = s.budgetLineIndex(id).map { s.budgetLines[$0].title } ?? id
            return title + ": " + low.formatted(l, withUnit: false) + "–" + high.formatted(l)
        case let .expenseAdded(x), let .expenseChanged(x): return expenseWords(x, s, l)
        case let .hoursLogged(h), let .hoursChanged(h): return h.hours.formatted(l) + l.t(" koordinatortimer ", " coordinator hours ") + l.shortDate(h.date)
        case let .diplomaRule(m): return l.t("diplomkrav: mindst \(m) moduler", "diploma rule: at least \(m) modules")
        case let .removed(k, id): return l.t("sletning af ", "removal of ") + Event.record(k, id, s, l)
        case let .restored(k, id): return l.t("gendannelse af ", "restoring ") + Event.record(k, id, s, l)
        case .personErased: return l.t("sletning af en persons oplysninger", "erasure of a person's data")
        }
    }

    /// A record named the way people know it: "udgift 1.250,00 kr. til forplejning", "hold Hold 2027".
    public static func record(_ k: RecordKind, _ id: Int, _ s: ProjectState, _ l: Lang) -> String {
        let named: String? = switch k {
        case .milestone: s.milestones.at(id).map { "\"\($0.title)\"" }
        case .session: s.sessions.at(id).map { sessionWords($0.module, $0.date, $0.start, l) }
        case .volunteer: s.volunteers.at(id)?.name
        case .conversation: s.conversations.at(id).map { l.shortDate($0.date) }
        case .partner: s.partners.at(id)?.name
        case .expense: s.expenses.at(id).map { expenseWords($0, s, l) }
        case .hours: s.hours.at(id).map { $0.hours.formatted(l) + " " + l.t("timer", "hours") + " " + l.shortDate($0.date) }
        case .hold: s.holds.at(id)?.name
        case .activity: s.activities.at(id).map { "\($0.title) \(l.shortDate($0.date))" }
        case .funding: s.funding.at(id).map { $0.funder }
        case .holiday: s.holidays.at(id).map { $0.title }
        }
        // The session's and the expense's words already say what they are.
        if k == .session || k == .expense, let n = named { return n }
        return k.label(l) + " " + (named ?? k.ref(id))
    }
}

private func sessionWords(_ module: Int, _ date: Day, _ start: ClockTime, _ l: Lang) -> String {
    l.t("modul", "module") + " \(module) " + l.weekdayNames[date.weekday - 1] + " " + l.shortDate(date) + " " + start.text
}

extension ModuleSession {
    /// "modul 3 tirsdag 19.01.2027 17:00": the session as questions and answers name it.
    public func words(_ l: Lang) -> String { sessionWords(fields.module, fields.date, fields.start, l) }
}

private func expenseWords(_ x: Expense, _ s: ProjectState, _ l: Lang) -> String {
    let line = s.budgetLineIndex(x.line).map { s.budgetLines[$0].title.lowercased() } ?? x.line
    return l.t("udgift ", "expense ") + x.amount.formatted(l) + l.t(" til ", " for ") + line
}
