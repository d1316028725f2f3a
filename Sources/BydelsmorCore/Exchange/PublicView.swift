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
        // The interested women's names are masked too: they are women as much as the volunteers.
        let m = Masker(volunteers: s.volunteers, names: s.interested.filter { !$0.removed }.map(\.fields.name))
        var p = s
        // By each field's declared use (Declared.swift): hers and private texts empty, public
        // texts masked.
        ProjectState.mapTexts(&p) { use, text in
            switch use {
            case .personal, .privateText: return ""
            case .publicText: return m.mask(text)
            case .plain: return text
            }
        }
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

        public init(volunteers: [Volunteer], names others: [String] = []) {
            var parts = Set<String>()
            for name in volunteers.filter({ !$0.erased }).map(\.name) + others {
                for w in name.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" && $0 != "’" }) where w.count >= 3 {
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
                out = names.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length),
                                                     withTemplate: PublicView.mask)
                // "••• •••" for a full name reads as one.
                out = Masker.runs.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length),
                                                           withTemplate: PublicView.mask)
            }
            if digits >= 8 {
                out = Masker.phones.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length),
                                                             withTemplate: PublicView.mask)
            }
            return out
        }
    }
}
