import Foundation

/// What a public screen (the kiosk) and the phones' calendar (.ics) may hold: the state with every
/// woman taken out. Volunteers keep only what counts need (stage, hold, attendance); private texts
/// (session notes, expense and hours notes, partners' contacts, conversations' details) are empty;
/// every public text (homework, places, titles, hold names) has any volunteer's name and any
/// phone number masked. The kiosk is drawn from this state, never from the store's, so no code on
/// a public screen can reach a name.
public enum PublicView {
    public static let mask = "•••"

    public static func state(_ s: ProjectState) -> ProjectState {
        let m = Masker(volunteers: s.volunteers)
        var p = s
        for i in p.volunteers.indices {
            p.volunteers[i].fields.name = ""; p.volunteers[i].fields.phone = ""; p.volunteers[i].fields.notes = ""
            p.volunteers[i].fields.neighbourhood = ""; p.volunteers[i].fields.languages = []
        }
        for i in p.sessions.indices {
            p.sessions[i].note = ""
            p.sessions[i].homework = m.mask(p.sessions[i].homework)
            p.sessions[i].fields.place = m.mask(p.sessions[i].fields.place)
            p.sessions[i].fields.teacher = m.mask(p.sessions[i].fields.teacher)
        }
        for i in p.holds.indices { p.holds[i].name = m.mask(p.holds[i].name); p.holds[i].place = m.mask(p.holds[i].place) }
        for i in p.activities.indices { p.activities[i].title = m.mask(p.activities[i].title); p.activities[i].place = m.mask(p.activities[i].place) }
        for i in p.modules.indices { p.modules[i].title = m.mask(p.modules[i].title) }
        for i in p.phases.indices { p.phases[i].title = m.mask(p.phases[i].title) }
        for i in p.milestones.indices { p.milestones[i].title = m.mask(p.milestones[i].title) }
        for i in p.holidays.indices { p.holidays[i].title = m.mask(p.holidays[i].title) }
        for i in p.partners.indices { p.partners[i].fields.contact = ""; p.partners[i].fields.notes = "" }
        for i in p.expenses.indices { p.expenses[i].note = "" }
        for i in p.hours.indices { p.hours[i].note = "" }
        for i in p.funding.indices { p.funding[i].funder = m.mask(p.funding[i].funder) }
        return p
    }

    /// Masks the names of the given volunteers (each part of at least three letters, whole words,
    /// with the Danish genitive) and every phone number (eight or more digits, spaces or dashes
    /// between them allowed) in a text. A quick word check first, so the many texts without a name
    /// never reach the regular expression.
    public struct Masker {
        let words: Set<String>
        let names: NSRegularExpression?
        static let runs = try! NSRegularExpression(pattern: "•••(?:\\s+•••)+")
        static let phones = try! NSRegularExpression(pattern: "(?<![0-9])(?:\\+|00)?(?:[0-9][ \\-]?){7,}[0-9](?![0-9])")

        public init(volunteers: [Volunteer]) {
            var parts = Set<String>()
            for v in volunteers where !v.erased {
                for w in v.name.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" && $0 != "’" }) where w.count >= 3 {
                    parts.insert(String(w).precomposedStringWithCanonicalMapping.lowercased())
                }
            }
            words = parts
            let alternatives = parts.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }.map { NSRegularExpression.escapedPattern(for: $0) }
            names = alternatives.isEmpty ? nil : try? NSRegularExpression(
                pattern: "(?<![\\p{L}\\p{N}\\p{M}])(?:" + alternatives.joined(separator: "|") + ")(?:['’]s|s|['’])?(?![\\p{L}\\p{N}\\p{M}])",
                options: [.caseInsensitive])
        }

        public func mask(_ text: String) -> String {
            guard !text.isEmpty else { return text }
            let folded = text.precomposedStringWithCanonicalMapping
            var named = false
            for w in folded.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" && $0 != "’" }) {
                let s = String(w)
                if words.contains(s) || (s.hasSuffix("s") && words.contains(String(s.dropLast()))) || (s.hasSuffix("'s") && words.contains(String(s.dropLast(2)))) { named = true; break }
            }
            let digits = text.utf8.reduce(0) { $0 + ($1 >= 48 && $1 <= 57 ? 1 : 0) }
            guard named || digits >= 8 else { return text }
            var out = folded
            if named, let names {
                out = names.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length), withTemplate: PublicView.mask)
                // "••• •••" for a full name reads as one.
                out = Masker.runs.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length), withTemplate: PublicView.mask)
            }
            if digits >= 8 {
                out = Masker.phones.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length), withTemplate: PublicView.mask)
            }
            return out
        }
    }
}
