import Foundation

/// Rules that hold when a change is made, not when the journal is replayed: they depend on the day
/// (what has not happened yet cannot be recorded) or on a person's standing at the time.
public enum WriteRules {
    /// Each event's own rules (its `writeRule` in the event table).
    public static func check(_ e: Event, in s: ProjectState, today: Day) throws(Message) {
        try Privacy.check(e)
        try e.kind.spec.writeRule(e, s, today)
    }

    /// What has not happened yet cannot be recorded.
    static func notAfter(_ today: Day, _ d: Day, _ what: Message, field: String) throws(Message) {
        guard d <= today else {
            throw Message("\(what.da) kan ikke registreres for \(Lang.da.shortDate(d)), der ligger efter i dag (\(Lang.da.shortDate(today)))",
                          "\(what.en) cannot be recorded for \(Lang.en.shortDate(d)), which is after today (\(Lang.en.shortDate(today)))", field: field)
        }
    }
}
