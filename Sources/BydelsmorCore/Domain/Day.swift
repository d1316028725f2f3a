/// A calendar day without time zone: what a session date, an expense date or a consent date is.
/// Stored as days since 1970-01-01 (proleptic Gregorian), so comparing and stepping are integer work.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The years a date may have anywhere: in the journal, a form, the command line. Outside them
    /// a date is a typo (2207 for 2027) or an attack, never a plan; see docs/decisions.md.
    public static let years = 2000...2099
    public static let first = Day(civil: 2000, 1, 1)
    public static let last = Day(civil: 2099, 12, 31)

    /// Nil for an impossible date (30 February, month 13, …) or a year outside `Day.years`.
    public init?(year: Int, month: Int, day: Int) {
        guard Day.years.contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        ordinal = Int32(Day.daysFromCivil(year, month, day))
    }

    /// A date computed by the program itself (never from input): any proleptic Gregorian day.
    init(civil year: Int, _ month: Int, _ day: Int) {
        ordinal = Int32(Day.daysFromCivil(year, month, day))
    }

    /// This day moved into `Day.first…Day.last`, for paging that must stop at the ends.
    public var clamped: Day { self < Day.first ? Day.first : self > Day.last ? Day.last : self }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (Int(ordinal) + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + Int32(days)) }

    public func adding(months: Int) -> Day {
        let c = components
        var total = c.year * 12 + (c.month - 1) + months
        if total < Day.years.lowerBound * 12 { total = Day.years.lowerBound * 12 }
        if total > Day.years.upperBound * 12 + 11 { total = Day.years.upperBound * 12 + 11 }
        let y = total / 12, m = total % 12 + 1
        return Day(civil: y, m, min(c.day, Day.daysIn(month: m, year: y)))
    }

    public var firstOfMonth: Day { adding(days: 1 - dayOfMonth) }

    /// ISO 8601 week number and week-based year.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let y = thursday.year
        let jan1 = Day(civil: y, 1, 1)
        return (y, Int(thursday.ordinal - jan1.ordinal) / 7 + 1)
    }

    /// `2027-02-07`: the journal's form.
    public var iso: String {
        let c = components
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    public var description: String { iso }

    /// Parses `2027-02-07` (the journal's form) strictly.
    public init?(iso text: Substring) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45,
              let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2), let d = Day.digits(b, 8, 2),
              let day = Day(year: y, month: m, day: d) else { return nil }
        self = day
    }

    public init?(iso text: String) { self.init(iso: Substring(text)) }

    /// Parses what a person types: `2027-02-07`, `07.02.2027`, `7.2.2027`, `07-02-2027` or `7/2/2027`.
    /// As people write a date: `07.02.2027`, `7.2.2027`, `2027-02-07`; with `year`, also `5.1.` or
    /// `5.1` for that year.
    public init?(userInput raw: String, year: Int? = nil) {
        let text = raw.trimmed()
        if let d = Day(iso: text) { self = d; return }
        if let year {
            let short = text.hasSuffix(".") ? String(text.dropLast()) : text
            let p = short.split(separator: ".", omittingEmptySubsequences: false)
            if p.count == 2, (1...2).contains(p[0].count), (1...2).contains(p[1].count), let d = Int(p[0]), let m = Int(p[1]),
               let day = Day(year: year, month: m, day: d) { self = day; return }
        }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              let day = Day(year: y, month: m, day: d) else { return nil }
        self = day
    }

    static func digits(_ b: [UInt8], _ from: Int, _ count: Int) -> Int? {
        var v = 0
        for i in from..<(from + count) {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension String {
    /// Leading and trailing white space removed (Foundation-free).
    public func trimmed() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// A time of day to the minute, `18:30`.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int16
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = Int16(hour * 60 + minute)
    }
    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
    public var text: String { pad(Int(minutes) / 60, 2) + ":" + pad(Int(minutes) % 60, 2) }
    public var description: String { text }

    /// `18:30`, `18.30`, `9:05` or a whole hour, `18`.
    public init?(_ raw: String) {
        let text = raw.trimmed()
        if (1...2).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let h = Int(text) { self.init(hour: h, minute: 0); return }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }
}
