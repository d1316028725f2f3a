import Foundation

/// A year's figures as a committee signs them: the journal as it stood at the end of 31 December
/// (Copenhagen), plus the corrections dated into the year that were written after it — listed, so
/// a changed figure always says why. A report made at the year's end and the same report made a
/// year later are the same unless such a correction exists.
public struct FrozenYear: Sendable {
    public var year: Int
    /// The state the report is made from: what stood at the year's end (women, their stages and
    /// holds, the plan), with the records dated in the year as they stand now.
    public var state: ProjectState
    /// The records dated in the year that were added or changed after it ended, in words.
    public var corrections: [String]

    /// The state of the journal at `path` as it stood at the end of `last` (its lines up to the
    /// first whose Copenhagen date is later).
    public static func state(ofJournal path: String, through last: Day) throws(StoreError) -> ProjectState {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path, errno, Message("kan ikke læse journalen", "cannot read the journal"))
        }
        var s = ProjectState()
        // As a replay reads it: only whole lines (a last line without its newline is a torn write),
        // and a change of several lines (part=) only once its last part is read.
        let whole = data.lastIndex(of: 10).map { data[...$0] } ?? Data()
        var group: [JournalEntry] = []
        for (i, line) in JournalSyntax.lines(whole).enumerated() where i > 0 && !line.isEmpty && !line.hasPrefix("#") {
            guard let e = try? JournalEntry.parse(line) else { break }
            if e.timestamp.copenhagenDay > last { break }
            group.append(e)
            if let p = e.part, p.index < p.count { continue }
            for g in group {
                do throws(Message) { _ = try Reducer.apply(g.event, to: &s) } catch { return s }
                Store.noteTime(of: g.event, at: g.timestamp, in: &s, builtIn: g.actor == SeedPlan.actor)
            }
            group = []
        }
        return s
    }

    /// The year as reported: `end` is the state at the year's end, `now` the state today.
    public init(year: Int, end: ProjectState, now: ProjectState, lang: Lang) {
        self.year = year
        var s = end
        var fixes: [String] = []
        let l = lang
        // A record dated in the year: as it stands now (a correction if it changed since the year
        // ended); any other: as it stood then, and one made since (dated outside the year) is not there.
        func merge<T: Equatable>(_ then: [T], _ now: [T], dated: (T) -> Bool, hide: (inout T) -> Void, words: (T) -> String) -> [T] {
            var out: [T] = []
            out.reserveCapacity(now.count)
            for i in now.indices {
                let n = now[i]
                let t: T? = i < then.count ? then[i] : nil
                if dated(n) {
                    out.append(n)
                    if t != n { fixes.append(words(n) + (t == nil ? l.t(" (tilføjet senere)",
                            " (added later)") : l.t(" (rettet senere)", " (corrected later)"))) }
                } else if let t {
                    out.append(t)
                    if dated(t) { fixes.append(words(t) + l.t(" (siden flyttet ud af året; vist som det stod)",
                                                              " (since moved out of the year; shown as it stood)")) }
                } else {
                    var h = n; hide(&h); out.append(h)
                }
            }
            return out
        }
        let inYear = { (d: Day) in d.year == year }
        s.sessions = merge(end.sessions, now.sessions, dated: { inYear($0.date) }, hide: { $0.removed = true },
                           words: { l.t("modulgang ", "session ") + $0.words(l) + " (" + $0.status.label(l) + ")" })
        s.activities = merge(end.activities, now.activities, dated: { inYear($0.date) }, hide: { $0.removed = true },
                             words: { $0.kind.label(l) + " " + l.shortDate($0.date) })
        s.expenses = merge(end.expenses, now.expenses, dated: { inYear($0.date) }, hide: { $0.removed = true },
                           words: { l.t("udgift ", "expense ") + RecordKind.expense.ref($0.id) + " " + l.shortDate($0.date) + " " + $0.amount.formatted(l) + ($0.removed ? l.t(" (slettet)", " (removed)") : "") })
        s.hours = merge(end.hours, now.hours, dated: { inYear($0.date) }, hide: { $0.removed = true },
                        words: { l.t("koordinatortimer ", "coordinator hours ") + l.shortDate($0.date) + " " + $0.hours.formatted(l) })
        s.funding = merge(end.funding, now.funding, dated: { inYear($0.date) || ($0.decided.map(inYear) ?? false) },
                          hide: { $0.removed = true },
                          words: { l.t("ansøgning ", "application ") + RecordKind.funding.ref($0.id) + " " + l.shortDate($0.date) })
        var conversationFixes = 0
        let before = fixes.count
        s.conversations = merge(end.conversations, now.conversations, dated: { inYear($0.date) }, hide: { $0.removed = true },
                                words: { _ in conversationFixes += 1; return "" })
        fixes.removeSubrange(before...)
        if conversationFixes > 0 {
            fixes.append(l.t("\(conversationFixes) samtale(r) dateret i året er registreret eller rettet efter årets afslutning",
                             "\(conversationFixes) conversation(s) dated in the year were logged or corrected after it ended"))
        }
        state = s
        corrections = fixes
    }

    /// Whether the journal has anything for `year`: the project had begun by its end, or something
    /// is dated in it.
    public static func hasData(_ s: ProjectState, year: Int) -> Bool {
        if let start = s.projectStart, start.year <= year { return true }
        if s.budgetLines.contains(where: { !$0.removed && (s.start(of: $0)?.year ?? Int.max) <= year }) { return true }
        return s.expenses.contains { !$0.removed && $0.date.year == year } || s.sessions.contains { !$0.removed && $0.date.year == year }
            || s.activities.contains { !$0.removed && $0.date.year == year } || s.conversations.contains { !$0.removed && $0.date.year == year }
    }
}
