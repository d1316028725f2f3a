/// An exact amount of Danish kroner, counted in øre. Never binary floating point.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var ore: Int64
    public init(ore: Int64) { self.ore = ore }
    public init(kroner: Int64) { self.ore = kroner * 100 }
    public static let zero = Money(ore: 0)
    public static func + (a: Money, b: Money) -> Money { Money(ore: a.ore + b.ore) }
    public static func - (a: Money, b: Money) -> Money { Money(ore: a.ore - b.ore) }
    public static func < (a: Money, b: Money) -> Bool { a.ore < b.ore }

    /// The largest amount one record may hold: 100 million kroner.
    public static let maximum = Money(kroner: 100_000_000)

    /// `1250.50`: the journal's canonical form (always two decimals, `.` as separator, no grouping).
    public var plain: String {
        let sign = ore < 0 ? "-" : ""
        let a = ore.magnitude
        return sign + String(a / 100) + "." + pad(Int(a % 100), 2)
    }
    public var description: String { plain }

    /// JSON number in kroner: `1250.5`, `45000`.
    public var jsonNumber: String {
        let a = ore.magnitude, sign = ore < 0 ? "-" : ""
        if a % 100 == 0 { return sign + String(a / 100) }
        if a % 10 == 0 { return sign + String(a / 100) + "." + String(a % 100 / 10) }
        return sign + String(a / 100) + "." + pad(Int(a % 100), 2)
    }

    /// Danish: `45.000,00 kr.`; English: `DKK 45,000.00`.
    public func formatted(_ lang: Lang, withUnit: Bool = true) -> String {
        let a = ore.magnitude
        // Thousands grouped by the one rule (`Lang.number`).
        let number = (ore < 0 ? "-" : "") + lang.number(Int(a / 100)) + (lang == .da ? "," : ".") + pad(Int(a % 100), 2)
        guard withUnit else { return number }
        return lang == .da ? number + " kr." : "DKK " + number
    }

    /// Parses the journal's form strictly: `1250.50`, `1250.5`, `1250`. No sign, no grouping.
    public init?(plain text: Substring) {
        guard let v = Money.parseDigits(Array(text.utf8), decimal: 46) else { return nil }
        self = v
    }

    /// Parses what a person types: `1250.50`, `1250,50`, `1.250,50`, `1,250.50`, `45.000`, `1250 kr.`.
    /// Nil for anything else, including a negative amount (the caller says why).
    public init?(userInput raw: String) {
        var s = raw.trimmed()
        for suffix in [" kr.", " kr", "kr.", "kr", " DKK", "DKK"] where s.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)).trimmed()
            break
        }
        if s.hasPrefix("DKK") { s = String(s.dropFirst(3)).trimmed() }
        let b = Array(s.utf8)
        guard !b.isEmpty, b.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 44 }) else { return nil }
        let dots = b.filter { $0 == 46 }.count, commas = b.filter { $0 == 44 }.count
        // Decide which mark is the decimal separator: the last one, if it has 1–2 digits after it.
        let lastMark = b.lastIndex(where: { $0 == 46 || $0 == 44 })
        var decimal: UInt8? = nil
        if let i = lastMark {
            let after = b.count - i - 1
            let mark = b[i]
            let sameCount = mark == 46 ? dots : commas
            if (after == 1 || after == 2) && sameCount == 1 { decimal = mark }
        }
        // Every other mark must be a thousands separator: groups of exactly three digits.
        var integerPart = b, fraction: [UInt8] = []
        if decimal != nil, let i = lastMark {
            integerPart = Array(b[..<i]); fraction = Array(b[(i + 1)...])
        }
        let groups = integerPart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 46 || $0 == 44 })
        if groups.count > 1 {
            let marks = Set(integerPart.filter { $0 == 46 || $0 == 44 })
            guard marks.count == 1, marks.first != decimal, let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var digits = Array(groups.joined())
        guard !digits.isEmpty, digits.count <= 12 else { return nil }
        if !fraction.isEmpty { digits += [46] + fraction }
        guard let v = Money.parseDigits(digits, decimal: 46) else { return nil }
        self = v
    }

    static func parseDigits(_ b: [UInt8], decimal: UInt8) -> Money? {
        var whole: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDecimal = false, wholeDigits = 0
        for c in b {
            if c == decimal {
                guard !seenDecimal else { return nil }
                seenDecimal = true
            } else if c >= 48 && c <= 57 {
                if seenDecimal {
                    fracDigits += 1
                    guard fracDigits <= 2 else { return nil }
                    frac = frac * 10 + Int64(c - 48)
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 12 else { return nil }
                    whole = whole * 10 + Int64(c - 48)
                }
            } else { return nil }
        }
        guard wholeDigits > 0, !(seenDecimal && fracDigits == 0) else { return nil }
        if fracDigits == 1 { frac *= 10 }
        return Money(ore: whole * 100 + frac)
    }
}

/// Hours to the hundredth (2,5 hours = 250). Exact, like money.
public struct Hours: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var hundredths: Int64
    public init(hundredths: Int64) { self.hundredths = hundredths }
    public static func < (a: Hours, b: Hours) -> Bool { a.hundredths < b.hundredths }
    public static func + (a: Hours, b: Hours) -> Hours { Hours(hundredths: a.hundredths + b.hundredths) }
    public var plain: String {
        let w = hundredths / 100, f = hundredths % 100
        if f == 0 { return String(w) }
        return f % 10 == 0 ? String(w) + "." + String(f / 10) : String(w) + "." + pad(Int(f), 2)
    }
    public var description: String { plain }
    /// `1.387,75` / `1,387.75`.
    public func formatted(_ lang: Lang) -> String {
        let w = Int(hundredths / 100), f = Int(hundredths % 100)
        let whole = lang.number(w)
        if f == 0 { return whole }
        let frac = f % 10 == 0 ? String(f / 10) : pad(f, 2)
        return whole + (lang == .da ? "," : ".") + frac
    }
    /// `2.5`, `2,5`, `2`, `0.25`.
    public init?(userInput raw: String) {
        let s = raw.trimmed().replacingDot(from: ",", with: ".")
        guard let m = Money.parseDigits(Array(s.utf8), decimal: 46) else { return nil }
        hundredths = m.ore
    }
    public init?(plain text: Substring) {
        guard let m = Money.parseDigits(Array(text.utf8), decimal: 46) else { return nil }
        hundredths = m.ore
    }
}

extension String {
    public func replacingDot(from: Character = ".", with: Character) -> String {
        String(map { $0 == from ? with : $0 })
    }
}

extension Money {
    /// What is left of a planned range after `spent`, in words: "tilbage 12.000,00–40.000,00 kr.",
    /// "tilbage højst 8.000,00 kr." (within the range) or "overskredet med 2.500,00–10.000,00 kr."
    /// — never a negative range to puzzle over.
    public static func remaining(spent: Money, low: Money, high: Money, _ l: Lang) -> String {
        if spent <= low { return l.t("tilbage ", "remaining ") + Money.range(low - spent, high - spent, l) }
        if spent <= high { return l.t("tilbage højst ", "remaining at most ") + (high - spent).formatted(l) }
        return l.t("overskredet med ", "over by ") + Money.range(spent - high, spent - low, l)
    }

    /// A range with the unit once, where the language puts it: `20.000,00–26.000,00 kr.`,
    /// `DKK 20,000.00–26,000.00`.
    public static func range(_ low: Money, _ high: Money, _ l: Lang) -> String {
        let span = low.formatted(l, withUnit: false) + "–" + high.formatted(l, withUnit: false)
        return l == .da ? span + " kr." : "DKK " + span
    }
}
