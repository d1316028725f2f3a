/// A change in people's words, for the line under the screen: "Gemt: bydelsmor Amina Hassan",
/// "Fortrudt: udgift 1.250,00 kr. til forplejning". Never an event name or a line number alone.
extension Event {
    /// What the change is about, as a short phrase (no full stop). `s` is the state that knows the
    /// records it names (before or after the change: names and titles rarely change with it).
    public func words(_ s: ProjectState, _ l: Lang) -> String { kind.spec.words(self, s, l) }

    /// A record named the way people know it: "udgift 1.250,00 kr. til forplejning", "hold Hold 2027".
    public static func record(_ k: RecordKind, _ id: Int, _ s: ProjectState, _ l: Lang) -> String {
        let named: String? = switch k {
        case .milestone: s.milestones.at(id).map { "\"\($0.title)\"" }
        case .session: s.sessions.at(id).map { $0.words(l) }
        case .volunteer: s.volunteers.at(id)?.name
        case .conversation: s.conversations.at(id).map { l.shortDate($0.date) }
        case .partner: s.partners.at(id)?.name
        case .expense: s.expenses.at(id).map { ExpenseWords.text($0, s, l) }
        case .hours: s.hours.at(id).map { $0.hours.formatted(l) + " " + l.t("timer", "hours") + " " + l.shortDate($0.date) }
        case .hold: s.holds.at(id)?.name
        case .activity: s.activities.at(id).map { "\($0.title) \(l.shortDate($0.date))" }
        case .funding: s.funding.at(id).map { $0.funder }
        case .holiday: s.holidays.at(id).map { $0.title }
        case .association: s.associations.at(id).map { $0.name }
        case .membership: s.memberships.at(id).map { s.volunteer($0.volunteer)?.name ?? $0.volunteer.ref }
        case .board: s.boardRoles.at(id).map { (s.volunteer($0.volunteer)?.name ?? $0.volunteer.ref) + ", " + $0.role.label(l) }
        case .account: s.accountEntries.at(id).map { $0.line + " " + $0.amount.formatted(l) }
        case .deadline: s.deadlines.at(id).map { $0.funder }
        case .evaluation: s.evaluations.at(id).map { l.shortDate($0.date) }
        case .interested: s.interested.at(ID(id))?.fields.name
        case .progress: s.progressSteps.at(id).map { s.progressLabel($0, l) }
        case .survey: s.surveys.at(id).map { String($0.year) }
        }
        // The session's and the expense's words already say what they are.
        if k == .session || k == .expense, let n = named { return n }
        return k.label(l) + " " + (named ?? k.ref(id))
    }
}

enum SessionWords {
    static func text(_ module: Int, _ date: Day, _ start: ClockTime, _ l: Lang) -> String {
        l.t("modul", "module") + " \(module) " + l.weekdayNames[date.weekday - 1] + " " + l.shortDate(date) + " " + start.text
    }
}

extension ModuleSession {
    /// "modul 3 tirsdag 19.01.2027 17:00": the session as questions and answers name it.
    public func words(_ l: Lang) -> String { SessionWords.text(fields.module, fields.date, fields.start, l) }
}

enum ExpenseWords {
    /// "udgift 1.250,00 kr. til forplejning".
    static func text(_ x: Expense, _ s: ProjectState, _ l: Lang) -> String {
        let line = s.budgetLineIndex(x.line).map { s.budgetLines[$0].title.lowercased() } ?? x.line
        return l.t("udgift ", "expense ") + x.amount.formatted(l) + l.t(" til ", " for ") + line
    }
}
