import Foundation

/// What `bydelsmor person erase` did, for the message that says so.
public struct ErasureReport: Sendable {
    public var volunteer: VolunteerID
    /// Her name as it stood before the erasure (for the person who asked; written nowhere).
    public var name: String
    /// How many places were scrubbed, by kind of record: the event's kind (`volunteer`,
    /// `session`, `partner`, …), `comment` for comment lines and `side-file` for files beside
    /// the journal. In the order first met.
    public var places: [(kind: String, count: Int)] = []
    /// Leftovers of an earlier erasure that was killed (temporary files, old backups), removed.
    public var leftovers = 0
    /// She had been erased already; only leftovers were cleaned.
    public var alreadyErased = false
    /// Each free-text place changed (or, on a dry run, to be changed): the journal's line number
    /// (0 for a file beside it), the kind of line and field, and the text as it will read.
    public var changes: [(line: Int, place: String, text: String)] = []
    /// Files near the journal that hold her name or phone and that erasure does not touch (an
    /// export, an editor's backup, a copy): the person must delete or clean them.
    public var unreachable: [String] = []
    /// Nothing was written: what would change is listed in `changes`.
    public var dryRun = false

    mutating func count(_ kind: String, _ n: Int = 1) {
        guard n > 0 else { return }
        if let i = places.firstIndex(where: { $0.kind == kind }) { places[i].count += n } else { places.append((kind, n)) }
    }

    public var total: Int { places.reduce(0) { $0 + $1.count } }

    /// "3 bydelsmor-linjer, 1 modulgang, 2 kommentarer" — in words, not codes.
    public func summary(_ lang: Lang) -> String {
        let words: [String: (da1: String, da: String, en1: String, en: String)] = [
            "volunteer": ("linje om en bydelsmor", "linjer om bydelsmødre", "volunteer line", "volunteer lines"),
            "session": ("modulgang", "modulgange", "session", "sessions"),
            "partner": ("samarbejdspartner", "samarbejdspartnere", "partner", "partners"),
            "expense": ("udgift", "udgifter", "expense", "expenses"),
            "hours": ("timeregistrering", "timeregistreringer", "hours entry", "hours entries"),
            "milestone": ("milepæl", "milepæle", "milestone", "milestones"),
            "conversation": ("samtale", "samtaler", "conversation", "conversations"),
            "budget-line": ("budgetlinje", "budgetlinjer", "budget line", "budget lines"),
            "phase": ("fase", "faser", "phase", "phases"),
            "comment": ("kommentarlinje", "kommentarlinjer", "comment line", "comment lines"),
            "side-file": ("fil ved siden af journalen", "filer ved siden af journalen", "file beside the journal",
                          "files beside the journal"),
            "hold": ("hold", "hold", "hold", "holds"),
            "activity": ("aktivitet", "aktiviteter", "activity", "activities"),
            "funding": ("ansøgning", "ansøgninger", "application", "applications"),
            "holiday": ("skoleferie", "skoleferier", "school holiday", "school holidays"),
            "module": ("modul", "moduler", "module", "modules"),
        ]
        return places.map { p in
            let w = words[p.kind] ?? (p.kind, p.kind, p.kind, p.kind)
            return "\(p.count) " + (lang == .da ? (p.count == 1 ? w.da1 : w.da) : (p.count == 1 ? w.en1 : w.en))
        }.joined(separator: ", ")
    }
}

public enum Erasure {
    /// What stands where her name stood after `person erase`.
    public static let placeholder = "[slettet]"

    /// Every name and phone number she ever had, and how to find them in free text.
    ///
    /// A name is found as whole words, in any case, with any run of whitespace between its parts
    /// (also an escaped `\n` or `\t` in a raw side file), NFC or NFD, and with the Danish genitive
    /// (`Zahras`, `Zahra's`, `Agnes'`). The longest name is matched first, so a later "Sara Ali
    /// Hassan" goes whole rather than leaving "[slettet] Hassan". Another woman's full name that
    /// holds one of hers ("Amal Hassan" when "Amal" is erased) is shielded in free text: it means
    /// the other woman. A namesake with exactly her name is not shielded: free text cannot tell
    /// them apart, and a wrong erasure costs less than a name left behind. Fields that belong to
    /// another woman (her name and phone) are never given to `scrub` at all.
    struct Secrets {
        var names: [String] = []
        var phoneDigits: [String] = []
        var literals: [String] = []
        private var shields: [String] = []
        private var matchers: [(re: NSRegularExpression, shield: Bool, length: Int)] = []

        mutating func add(name: String, phone: String) {
            let n = name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if n.count >= 3, n != Erasure.placeholder, !names.contains(where: { $0.caseInsensitiveCompare(n) == .orderedSame }) {
                names.append(n)
            }
            let digits = String(phone.filter { $0.isASCII && $0.isNumber })
            if digits.count >= 6 {
                var variants = [digits]
                if digits.count == 10 && digits.hasPrefix("45") { variants.append(String(digits.dropFirst(2))) }
                if digits.count == 12 && digits.hasPrefix("0045") { variants.append(String(digits.dropFirst(4))) }
                for v in variants where !phoneDigits.contains(v) { phoneDigits.append(v) }
            } else if phone.trimmed().count >= 3 {
                literals.append(phone.trimmed())
            }
            matchers = []
        }

        /// Another woman's name: shielded in free text when it holds one of hers and is longer.
        mutating func shield(_ other: String) {
            let o = other.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            guard o.count >= 3, !shields.contains(o), !names.contains(where: { $0.caseInsensitiveCompare(o) == .orderedSame }) else { return }
            let words = o.lowercased().split(separator: " ")
            for n in names {
                let w = n.lowercased().split(separator: " ")
                guard w.count < words.count else { continue }
                if (0...(words.count - w.count)).contains(where: { Array(words[$0..<($0 + w.count)]) == w }) {
                    shields.append(o); matchers = []; return
                }
            }
        }

        static func namePattern(_ name: String) -> String {
            var forms = [name.precomposedStringWithCanonicalMapping]
            let nfd = name.decomposedStringWithCanonicalMapping
            // Swift's == is canonical equivalence: compare the scalars, which the regex sees.
            if !nfd.unicodeScalars.elementsEqual(forms[0].unicodeScalars) { forms.append(nfd) }
            // As the journal escapes it (a quote or backslash in a name), for raw side files.
            var enc = ""
            JournalSyntax.encodeValue(name, forceQuotes: true, into: &enc)
            let inner = String(enc.dropFirst().dropLast())
            if !forms.contains(where: { $0.unicodeScalars.elementsEqual(inner.unicodeScalars) }) { forms.append(inner) }
            let alternatives = forms.map { f in
                f.split(separator: " ").map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "(?:\\s|\\\\[ntr])+")
            }
            return "(?<![\\p{L}\\p{N}\\p{M}])(?:" + alternatives.joined(separator: "|") + ")(?:['’]s|s|['’])?(?![\\p{L}\\p{N}\\p{M}])"
        }

        private mutating func compile() {
            guard matchers.isEmpty else { return }
            var out: [(NSRegularExpression, Bool, Int)] = []
            for (n, shield) in names.map({ ($0, false) }) + shields.map({ ($0, true) }) {
                if let re = try? NSRegularExpression(pattern: Secrets.namePattern(n),
                                                     options: [.caseInsensitive]) { out.append((re, shield, n.count)) }
            }
            for l in literals {
                if let re = try? NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: l) + "(?![\\p{L}\\p{N}])", options: [.caseInsensitive]) { out.append((re, false, l.count)) }
            }
            for v in phoneDigits {
                // The digits in order, with or without spaces, dots, dashes or slashes between them.
                let body = v.map(String.init).joined(separator: "[ .\\-/]?")
                if let re = try? NSRegularExpression(pattern: "(?<![0-9])(?:\\+|00)?" + body + "(?![0-9])") { out.append((re, false, v.count)) }
            }
            // Longest first: a longer name (hers or a shield) claims its words before a shorter one.
            matchers = out.sorted { $0.2 > $1.2 }.map { (re: $0.0, shield: $0.1, length: $0.2) }
        }

        /// The text with every occurrence replaced by the placeholder, and how many there were.
        /// `torn`: the text is the end of a torn write, so a name or phone cut short at its very
        /// end (at least four characters of it) goes too.
        mutating func scrub(_ text: String, torn: Bool = false) -> (String, Int) {
            compile()
            let ns = text as NSString
            let all = NSRange(location: 0, length: ns.length)
            var claimed: [(NSRange, Bool)] = []
            for m in matchers {
                for r in m.re.matches(in: text, range: all) where !claimed.contains(where: { NSIntersectionRange($0.0, r.range).length > 0 }) {
                    claimed.append((r.range, m.shield))
                }
            }
            if torn, let cut = cutShort(ns), !claimed.contains(where: { NSIntersectionRange($0.0, cut).length > 0 }) { claimed.append((cut, false)) }
            let hits = claimed.filter { !$0.1 }.map(\.0).sorted { $0.location > $1.location }
            guard !hits.isEmpty else { return (text, 0) }
            let out = NSMutableString(string: text)
            for r in hits { out.replaceCharacters(in: r, with: Erasure.placeholder) }
            return (out as String, hits.count)
        }

        /// The range of a name or phone of hers cut short at the end of `text`, if there is one.
        private func cutShort(_ text: NSString) -> NSRange? {
            var t = text as String
            while t.last == "\n" || t.last == "\r" { t.removeLast() }
            let utf16End = (t as NSString).length
            // A phone: the trailing digits (separators allowed) are a prefix of one of hers.
            var digits = "", i = t.endIndex
            while i > t.startIndex {
                let c = t[t.index(before: i)]
                if c.isASCII && c.isNumber { digits.insert(c, at: digits.startIndex) } else if !" .-/+".contains(c) { break }
                i = t.index(before: i)
            }
            if digits.count >= 4, phoneDigits.contains(where: { $0.hasPrefix(digits) && $0 != digits }) {
                let start = (String(t[..<i]) as NSString).length
                return NSRange(location: start, length: utf16End - start)
            }
            // A name: the end of the text is the beginning of one of hers (whole words before it), as
            // written or as the journal escapes it (a quote or a backslash in her name).
            let lower = t.lowercased()
            let escaped = names.map { n -> String in
                var enc = ""
                JournalSyntax.encodeValue(n, forceQuotes: true, into: &enc)
                return String(enc.dropFirst().dropLast())
            }
            for n in Set(names + escaped).sorted(by: { $0.count > $1.count }) {
                let nl = n.lowercased()
                for k in stride(from: nl.count - 1, through: 4, by: -1) {
                    let head = String(nl.prefix(k))
                    guard lower.hasSuffix(head) else { continue }
                    let startIdx = lower.index(lower.endIndex, offsetBy: -head.count)
                    if startIdx > lower.startIndex {
                        let before = lower[lower.index(before: startIdx)]
                        if before.isLetter || before.isNumber { continue }
                    }
                    // Lower case can change a text's length (İ): never step past its start.
                    guard let cut = t.index(t.endIndex, offsetBy: -head.count, limitedBy: t.startIndex) else { continue }
                    let start = (String(t[..<cut]) as NSString).length
                    return NSRange(location: start, length: utf16End - start)
                }
            }
            return nil
        }
    }

    /// Her own lines without her personal fields, or nil if the line is not one of hers.
    static func scrubOwn(_ entry: JournalEntry, volunteer id: VolunteerID) -> JournalEntry? {
        var e = entry
        switch entry.event {
        case .volunteerAdded(let v) where v.id == id:
            e.event = .volunteerAdded(VolunteerFields(id: id, name: placeholder))
        case .volunteerChanged(let v) where v.id == id:
            e.event = .volunteerChanged(VolunteerFields(id: id, name: placeholder))
        case .volunteerContract(let v, _) where v == id:
            e.event = .volunteerContract(id: id, date: nil)
        case .volunteerConsent(let v, _) where v == id:
            e.event = .volunteerConsent(id: id, date: nil)
        case .progressAdded(let x) where x.volunteer == id:
            // Her step stays only as a count of its kind and day: her words about it go.
            var y = x; y.note = ""
            e.event = .progressAdded(y)
        default:
            return nil
        }
        return e
    }

    /// Any other line with her name or phone in a free-text field: the line with those replaced.
    /// Another woman's own fields (name, phone) are never handed to `scrub`: they are hers, and
    /// a namesake or a shared family phone stays as it is.
    static func scrubText(_ entry: JournalEntry, _ secrets: inout Secrets,
                          changed: inout [(field: String, text: String)]) -> (JournalEntry, Int)? {
        var out = entry.timestamp.iso + " " + entry.actor + " " + entry.event.name
        var hits = 0
        let othersOwn: Set<String>
        switch entry.event {
        case .volunteerAdded, .volunteerChanged: othersOwn = ["name", "phone"]
        default: othersOwn = []
        }
        for f in entry.event.fields {
            var value = f.value
            if f.text, !othersOwn.contains(f.key) {
                let (t, n) = secrets.scrub(value)
                if n > 0 { changed.append((f.key, t)) }
                value = t; hits += n
            }
            out += " " + f.key + "="
            JournalSyntax.encodeValue(value, forceQuotes: f.text, into: &out)
        }
        guard hits > 0 else { return nil }
        if let u = entry.undoes { out += " undoes=" + String(u) }
        if let p = entry.part { out += " part=" + String(p.index) + "/" + String(p.count) }
        guard let e = try? JournalEntry.parse(out) else { return nil }
        return (e, hits)
    }
}
