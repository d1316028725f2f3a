/// Phase 4: the women's own association — founded with a name (and a CVR number once it has one),
/// its members and board, its meetings (activities of kind general assembly and board meeting,
/// with who came, minutes and decisions), its own book of accounts apart from the municipal budget,
/// fund deadlines and the duties of its year (`YearWheel`).

public struct AssociationFields: Equatable, Sendable, Codable {
    public var id: ID<AssociationFields>
    public var name: String
    public var founded: Day
    /// The CVR number, 8 digits; empty until it has one.
    public var cvr: String
    public var removed = false
    public init(id: ID<AssociationFields>, name: String, founded: Day, cvr: String = "") {
        self.id = id; self.name = name; self.founded = founded; self.cvr = cvr
    }
}

/// A membership fee paid for a calendar year.
public struct FeePayment: Equatable, Sendable, Codable {
    public var year: Int
    public var amount: Money
    public var date: Day
}

/// A volunteer's membership of the association: joined on a day, left on a day (or still a member).
public struct Membership: Equatable, Sendable, Codable {
    public var id: ID<Membership>
    public var volunteer: VolunteerID
    public var joined: Day
    public var left: Day?
    public var fees: [FeePayment] = []
    public var removed = false
    public init(id: ID<Membership>, volunteer: VolunteerID, joined: Day) { self.id = id; self.volunteer = volunteer; self.joined = joined }
    /// A member on `day`.
    public func isMember(on day: Day) -> Bool { !removed && joined <= day && (left.map { day < $0 } ?? true) }
}

public enum BoardRoleKind: String, Vocabulary {
    public static let tokenTable = TokenTable<BoardRoleKind>()
    case chair, viceChair = "vice-chair", treasurer, secretary, member, substitute
    public func label(_ l: Lang) -> String {
        switch self {
        case .chair: l.t("forkvinde", "chair")
        case .viceChair: l.t("næstforkvinde", "vice-chair")
        case .treasurer: l.t("kasserer", "treasurer")
        case .secretary: l.t("sekretær", "secretary")
        case .member: l.t("menigt medlem", "board member")
        case .substitute: l.t("suppleant", "substitute")
        }
    }
    /// Roles only one woman holds at a time.
    public var isSingle: Bool { self == .chair || self == .viceChair || self == .treasurer || self == .secretary }
    /// The token, or the Danish word as people write it (`kasserer`, `næstforkvinde`, `menigt medlem`).
    public init?(word: String) {
        func norm(_ s: String) -> String { s.trimmed().lowercased().replacingOccurrences(of: " ",
                with: "-").replacingOccurrences(of: "æ", with: "ae") }
        let w = norm(word)
        if let t = BoardRoleKind(rawValue: w) { self = t; return }
        guard let t = BoardRoleKind.allCases.first(where: { norm($0.label(.da)) == w }) else { return nil }
        self = t
    }
}

/// A seat on the board: who, which role, for which term.
public struct BoardRole: Equatable, Sendable, Codable {
    public var id: ID<BoardRole>
    public var volunteer: VolunteerID
    public var role: BoardRoleKind
    public var from: Day
    public var to: Day?
    public var removed = false
    public init(id: ID<BoardRole>, volunteer: VolunteerID, role: BoardRoleKind, from: Day, to: Day? = nil) {
        self.id = id; self.volunteer = volunteer; self.role = role; self.from = from; self.to = to
    }
    public func holds(on day: Day) -> Bool { !removed && from <= day && (to.map { day <= $0 } ?? true) }
    /// Whether two terms share a day.
    func overlaps(_ o: BoardRole) -> Bool {
        from <= (o.to ?? Day(civil: 2199, 12, 31)) && o.from <= (to ?? Day(civil: 2199, 12, 31))
    }
}

public enum IncomeSource: String, Vocabulary {
    public static let tokenTable = TokenTable<IncomeSource>()
    case grant, fees, donation, other
    public func label(_ l: Lang) -> String {
        switch self {
        case .grant: l.t("tilskud", "grants")
        case .fees: l.t("kontingent", "membership fees")
        case .donation: l.t("gaver og donationer", "donations")
        case .other: l.t("andre indtægter", "other income")
        }
    }
}

public enum AccountDirection: String, Vocabulary {
    public static let tokenTable = TokenTable<AccountDirection>()
    case income, expense
    public func label(_ l: Lang) -> String { self == .income ? l.t("indtægt", "income") : l.t("udgift", "expense") }
}

/// One entry in the association's own book: income by source or an expense on the association's
/// own line, optionally booked against a grant, with a receipt noted.
public struct AccountEntry: Equatable, Sendable, Codable {
    public var id: ID<AccountEntry>
    public var date: Day
    public var direction: AccountDirection
    /// Income: a source token (`IncomeSource`); expense: the association's own line, as it is named.
    public var line: String
    public var amount: Money
    public var funding: ID<FundingApplication>?
    /// The receipt (bilag) number or where it is kept; empty: none noted.
    public var receipt: String
    public var note: String
    public var removed = false
    public init(id: ID<AccountEntry>, date: Day, direction: AccountDirection, line: String, amount: Money,
                funding: ID<FundingApplication>? = nil, receipt: String = "", note: String = "") {
        self.id = id; self.date = date; self.direction = direction; self.line = line; self.amount = amount
        self.funding = funding; self.receipt = receipt; self.note = note
    }
}

/// Who a grant is for: the municipal project or the association (whichever applied).
public enum FundingHolder: String, Vocabulary {
    public static let tokenTable = TokenTable<FundingHolder>()
    case project, association
    public func label(_ l: Lang) -> String { self == .project ? l.t("projektet", "the project") : l.t("foreningen", "the association") }
}

/// What an application is about beyond the amount: the pool, its purpose, the deadline, the project
/// period, the report's due day and the conditions, and whom it is for.
public struct FundingDetails: Equatable, Sendable, Codable {
    public var pool: String = ""
    public var purpose: String = ""
    public var deadline: Day?
    public var periodFrom: Day?
    public var periodTo: Day?
    public var reportDue: Day?
    public var conditions: String = ""
    public var holder: FundingHolder = .project
    public init() {}
}

/// A fund's application deadline, entered once: every year on the same day when `yearly`.
public struct FundDeadline: Equatable, Sendable, Codable {
    public var id: ID<FundDeadline>
    public var funder: String
    public var date: Day
    public var yearly: Bool
    public var removed = false
    public init(id: ID<FundDeadline>, funder: String, date: Day,
                yearly: Bool) { self.id = id; self.funder = funder; self.date = date; self.yearly = yearly }

    /// The deadline's day in `year` (29 February falls on the 28th in other years); nil for a
    /// one-off deadline in another year.
    public func day(in year: Int) -> Day? {
        guard yearly else { return date.year == year ? date : nil }
        return Day(year: year, month: date.month, day: date.dayOfMonth) ?? Day(year: year, month: date.month, day: date.dayOfMonth - 1)
    }
}

/// A duty of the year wheel marked done (`duty.done key=… date=…`).
public struct DutyDone: Equatable, Sendable, Codable {
    public var key: String
    public var date: Day
}

extension AssociationFields: Recorded { public static var kind: RecordKind { .association } }
extension Membership: Recorded { public static var kind: RecordKind { .membership } }
extension BoardRole: Recorded { public static var kind: RecordKind { .board } }
extension AccountEntry: Recorded { public static var kind: RecordKind { .account } }
extension FundDeadline: Recorded { public static var kind: RecordKind { .deadline } }
extension AssociationFields: Removable {}
extension Membership: Removable {}
extension BoardRole: Removable {}
extension AccountEntry: Removable {}
extension FundDeadline: Removable {}

extension ProjectState {
    /// The association, once founded (the newest that is not removed).
    public var association: AssociationFields? { associations.last { !$0.removed } }

    /// A volunteer's membership on `day`.
    public func membership(of v: VolunteerID, on day: Day) -> Membership? {
        memberships.last { $0.volunteer == v && $0.isMember(on: day) }
    }

    /// Members on `day`.
    public func members(on day: Day) -> [Membership] { memberships.filter { $0.isMember(on: day) } }

    /// The board on `day`, by role.
    public func board(on day: Day) -> [BoardRole] {
        boardRoles.filter { $0.holds(on: day) }.sorted { (BoardRoleKind.allCases.firstIndex(of: $0.role)!,
                                                          $0.id) < (BoardRoleKind.allCases.firstIndex(of: $1.role)!, $1.id) }
    }

    /// The association, which must exist and be founded by `day` (a meeting, a member, an entry).
    public func foundedAssociation(by day: Day, field: String = "date") throws(Message) -> AssociationFields {
        try Events.founded(self, on: day, field: field)
    }

    public func isDone(_ key: String) -> Day? { dutiesDone.first { $0.key == key }?.date }

    /// A grant for the association counts as its income on the day it was granted.
    public func grantsForAssociation(in year: Int) -> [FundingApplication] {
        funding.filter { !$0.removed && $0.details.holder == .association && ($0.granted ?? .zero) > .zero && $0.decided?.year == year }
    }

    /// Money spent from a grant so far: the expenses booked against it (the association's in its
    /// book, the project's on the budget).
    public func spent(from grant: ID<FundingApplication>) -> Money {
        accountEntries.filter { !$0.removed && $0.direction == .expense && $0.funding == grant }.reduce(.zero) { $0 + $1.amount }
            + expenses.filter { !$0.removed && $0.funding == grant }.reduce(.zero) { $0 + $1.amount }
    }
}

/// The association's accounts for one calendar year: income by source (grants for the association
/// counted on the day they were granted, membership fees from the members' payments) and expenses by
/// the association's own lines, the balance carried from the years before.
public struct AssociationAccounts: Equatable, Sendable {
    public var year: Int
    public var name: String
    public var income: [(line: String, amount: Money)]
    public var expenses: [(line: String, amount: Money)]
    public var opening: Money
    public var totalIncome: Money { income.reduce(.zero) { $0 + $1.amount } }
    public var totalExpenses: Money { expenses.reduce(.zero) { $0 + $1.amount } }
    public var result: Money { totalIncome - totalExpenses }
    public var closing: Money { opening + result }
    /// Entries without a receipt noted (a treasurer keeps every receipt).
    public var withoutReceipt: Int

    public static func == (a: Self, b: Self) -> Bool {
        a.year == b.year && a.name == b.name && a.opening == b.opening && a.withoutReceipt == b.withoutReceipt
            && a.income.map(\.line) == b.income.map(\.line) && a.income.map(\.amount) == b.income.map(\.amount)
            && a.expenses.map(\.line) == b.expenses.map(\.line) && a.expenses.map(\.amount) == b.expenses.map(\.amount)
    }

    /// Income and expenses of `year`, in the language's words for the sources.
    public init(_ s: ProjectState, year: Int, lang: Lang) {
        self.year = year
        name = s.association?.name ?? ""
        func flows(_ y: Int) -> (inc: [String: Money], exp: [String: Money], noReceipt: Int) {
            var inc: [String: Money] = [:], exp: [String: Money] = [:], none = 0
            for e in s.accountEntries where !e.removed && e.date.year == y {
                if e.receipt.isEmpty { none += 1 }
                switch e.direction {
                case .income:
                    let label = IncomeSource(rawValue: e.line)?.label(lang) ?? e.line
                    inc[label, default: .zero] = inc[label, default: .zero] + e.amount
                case .expense: exp[e.line, default: .zero] = exp[e.line, default: .zero] + e.amount
                }
            }
            // A grant is income on the day it was granted, unless its payments are booked
            // (`income --source grant --funding f…`): then those are, and it counts once.
            let booked = Set(s.accountEntries.filter { !$0.removed && $0.direction == .income }.compactMap(\.funding))
            for g in s.grantsForAssociation(in: y) where !booked.contains(g.id) {
                let label = IncomeSource.grant.label(lang) + ": " + g.funder
                inc[label, default: .zero] = inc[label, default: .zero] + (g.granted ?? .zero)
            }
            for m in s.memberships where !m.removed {
                for f in m.fees where f.date.year == y {
                    let label = IncomeSource.fees.label(lang)
                    inc[label, default: .zero] = inc[label, default: .zero] + f.amount
                }
            }
            return (inc, exp, none)
        }
        var opening = Money.zero
        let first = s.association?.founded.year ?? year
        if first < year {
            for y in first..<year {
                let f = flows(y)
                opening = opening + f.inc.values.reduce(.zero, +) - f.exp.values.reduce(.zero, +)
            }
        }
        self.opening = opening
        let f = flows(year)
        func ordered(_ d: [String: Money]) -> [(line: String, amount: Money)] {
            d.map { (key: TextPolicy.danishSortKey($0.key), line: $0.key, amount: $0.value) }
                .sorted { TextPolicy.compareKeys($0.key, $1.key) < 0 }.map { ($0.line, $0.amount) }
        }
        income = ordered(f.inc)
        expenses = ordered(f.exp)
        withoutReceipt = f.noReceipt
    }
}

/// An anonymous evaluation of a hold's training, as the national organisation asks at the last
/// module: benefit and satisfaction 1–5, a comment; never who gave it.
public struct Evaluation: Equatable, Sendable, Codable {
    public var id: ID<Evaluation>
    public var hold: HoldID
    public var date: Day
    public var benefit: Int
    public var satisfaction: Int
    public var comment: String
    public var removed = false
    public init(id: ID<Evaluation>, hold: HoldID, date: Day, benefit: Int, satisfaction: Int, comment: String = "") {
        self.id = id; self.hold = hold; self.date = date; self.benefit = benefit; self.satisfaction = satisfaction; self.comment = comment
    }
}
extension Evaluation: Recorded { public static var kind: RecordKind { .evaluation } }
extension Evaluation: Removable {}

extension ProjectState {
    /// A name for a new hold: "Hold YYYY" for the year after the newest hold's (or `year`), with
    /// " B", " C" … when that is taken.
    public static func suggestedHoldName(_ s: ProjectState, year: Int) -> String {
        let live = s.holds.filter { !$0.removed }
        let y = max(year, (live.map(\.start.year).max() ?? year - 1) + 1)
        let taken = Set(live.map { TextPolicy.danishSortKey($0.name.trimmed()) })
        let base = "Hold \(y)"
        if !taken.contains(TextPolicy.danishSortKey(base)) { return base }
        for suffix in ["B", "C", "D", "E", "F"] where !taken.contains(TextPolicy.danishSortKey(base + " " + suffix)) { return base + " " + suffix }
        return base + " (\(live.count + 1))"
    }
}

/// The year wheel's own dates, editable (`wheel.set`): the day of the year the general assembly and
/// the accounts are due by, and how long before a duty it is shown. The national guide's by default.
public struct WheelSettings: Equatable, Sendable, Codable {
    /// Month and day, e.g. 3 and 1 for 1 March.
    public var assemblyMonth = 3, assemblyDay = 1
    public var accountsMonth = 3, accountsDay = 1
    /// Six weeks: the national guide's "in good time".
    public var noticeDays = 42
    public init() {}

    /// "03-01" → (3, 1), a day that exists in every year (29 February is refused).
    public static func monthDay(_ text: String) -> (Int, Int)? {
        let p = text.split(separator: "-").map { Int($0) }
        guard p.count == 2, let m = p[0], let d = p[1], (1...12).contains(m), d >= 1, let day = Day(year: 2027, month: m, day: d) else { return nil }
        _ = day
        return (m, d)
    }
}

extension WheelSettings: DeclaredRecord {
    public static let declaredName = "year wheel settings"
    public static let declaredFields: [FieldDeclaration<WheelSettings>] = [
        .plain("assemblyMonth"), .plain("assemblyDay"), .plain("accountsMonth"), .plain("accountsDay"), .plain("noticeDays"),
    ]
}
