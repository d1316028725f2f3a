/// The user interface language. Danish first; English as a choice.
public enum Lang: String, Sendable, CaseIterable {
    case da, en

    /// `--lang` wins; else LC_ALL / LC_MESSAGES / LANG starting with `en` gives English; else Danish.
    public static func resolve(option: String?, environment: [String: String]) -> Lang? {
        if let o = option { return Lang(rawValue: o.lowercased()) }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty {
                return v.hasPrefix("en") ? .en : .da
            }
        }
        return .da
    }

    /// Picks the text in this language.
    @inlinable public func t(_ da: String, _ en: String) -> String { self == .da ? da : en }

    public var monthNames: [String] {
        switch self {
        case .da: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]
        case .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        }
    }
    /// Monday first.
    public var weekdayNames: [String] {
        switch self {
        case .da: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
        case .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        }
    }
    public var weekdayShort: [String] {
        switch self {
        case .da: ["ma", "ti", "on", "to", "fr", "lø", "sø"]
        case .en: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        }
    }

    /// `7. februar 2027` / `7 February 2027`.
    public func longDate(_ d: Day) -> String {
        let c = d.components
        return self == .da ? "\(c.day). \(monthNames[c.month - 1]) \(c.year)" : "\(c.day) \(monthNames[c.month - 1]) \(c.year)"
    }
    /// `07.02.2027` / `2027-02-07`.
    public func shortDate(_ d: Day) -> String {
        let c = d.components
        return self == .da ? pad(c.day, 2) + "." + pad(c.month, 2) + "." + String(c.year) : d.iso
    }
    /// `søn. 7. feb.`-style compact form used in tight panes: `sø 07.02.`
    public func compactDate(_ d: Day) -> String {
        let c = d.components
        return weekdayShort[d.weekday - 1] + " " + pad(c.day, 2) + "." + pad(c.month, 2) + "."
    }
    public func week(_ d: Day) -> String { t("uge ", "week ") + String(d.isoWeek.week) }
}

extension Lang {
    /// A whole number with thousands grouped: `1.988` / `1,988`.
    /// A whole number with thousands grouped: 1.357 in Danish, 1,357 in English. The one place that
    /// groups digits (money uses it too).
    /// "1 samtale", "2 samtaler", "1.357 samtaler": the number grouped, the noun in the right form.
    public func count(_ n: Int, _ one: String, _ many: String) -> String { number(n) + " " + (n == 1 ? one : many) }

    public func number(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out.append(self == .da ? "." : ",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
