import Foundation

/// The money records: budget lines, expenses and the coordinator's hours.

public struct BudgetLine: Equatable, Sendable, Codable {
    public init(id: String, title: String, low: Money, high: Money, period: BudgetPeriod, removed: Bool = false) {
        self.id = id; self.title = title; self.low = low; self.high = high; self.period = period; self.removed = removed
    }
    public var id: String
    public var title: String
    public var low: Money
    public var high: Money
    public var period: BudgetPeriod
    public var removed = false
    /// The first day the line is planned from: its `budget-line.dated` start, else the Copenhagen
    /// day of its `budget-line.added` line (set when the line is read).
    public var start: Day?
    /// The last day it is planned for (a yearly line that stops); nil: open.
    public var end: Day?
}

public struct Expense: Equatable, Sendable, Codable {
    public init(id: ID<Expense>, date: Day, line: String, amount: Money, note: String = "", removed: Bool = false) {
        self.id = id; self.date = date; self.line = line; self.amount = amount; self.note = note; self.removed = removed
    }
    public var id: ID<Expense>
    public var date: Day
    public var line: String
    public var amount: Money
    public var note: String
    public var removed = false
    /// The project's grant this expense is paid from (`funding=f2`), if booked against one.
    public var funding: ID<FundingApplication>?
}

public struct HoursEntry: Equatable, Sendable, Codable {
    public init(id: ID<HoursEntry>, date: Day, hours: Hours, note: String = "", removed: Bool = false) {
        self.id = id; self.date = date; self.hours = hours; self.note = note; self.removed = removed
    }
    public var id: ID<HoursEntry>
    public var date: Day
    public var hours: Hours
    public var note: String
    public var removed = false
}

extension BudgetLine {
    /// A line's id made from its title: lower case, æ ø å as ae oe aa, other letters without their
    /// marks, anything else a dash; made unique with -2, -3 …
    public static func slug(_ title: String, taken: Set<String>) -> String {
        var out = ""
        for ch in title.lowercased() {
            switch ch {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            default:
                let base = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars.first.map { Character($0) } ?? ch
                if base.isASCII, base.isLetter || base.isNumber { out.append(base) } else if !out.hasSuffix("-") { out += "-" }
            }
        }
        var id = String(out.trimmingCharacters(in: ["-"]).prefix(30)).trimmingCharacters(in: ["-"])
        if id.isEmpty || !(id.first?.isLetter ?? false) { id = "linje" + (id.isEmpty ? "" : "-" + id) }
        var candidate = id, n = 2
        while taken.contains(candidate) { candidate = id + "-\(n)"; n += 1 }
        return candidate
    }
}

