/// What the program never stores (docs/journal.md, "Privacy"): a CPR number anywhere, and, in a
/// volunteer's notes, her religion, ethnicity or origin (special categories under GDPR art. 9,
/// and not needed to run the project). A CPR number is refused; the words are warned about,
/// naming the rule, because a word alone cannot tell "muslimsk kvindeforening" (a partner) from a
/// note about a woman.
public enum Privacy {
    /// The first text that looks like a CPR number (DDMMYY-NNNN or ten digits whose first six are
    /// a date), or nil.
    public static func cprNumber(in text: String) -> String? {
        let u = Array(text.utf8)
        var i = 0
        while i < u.count {
            guard isDigit(u[i]), i == 0 || !isDigit(u[i - 1]) else { i += 1; continue }
            var j = i
            while j < u.count, isDigit(u[j]) { j += 1 }
            var digits = Array(u[i..<j])
            var end = j
            if digits.count == 6, j + 5 <= u.count, u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: " "),
               u[(j + 1)..<(j + 5)].allSatisfy(isDigit), j + 5 == u.count || !isDigit(u[j + 5]) {
                digits += u[(j + 1)..<(j + 5)]
                end = j + 5
            }
            if digits.count == 10 {
                let n = digits.map { Int($0) - 48 }
                let day = n[0] * 10 + n[1], month = n[2] * 10 + n[3]
                if (1...31).contains(day), (1...12).contains(month) {
                    return String(decoding: u[i..<end], as: UTF8.self)
                }
            }
            i = max(end, i + 1)
        }
        return nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Refuses a free-text field that holds what looks like a CPR number.
    public static func check(_ e: Event) throws(Message) {
        for f in e.fields where f.text {
            if let cpr = cprNumber(in: f.value) {
                let masked = String(cpr.prefix(2)) + "…"
                throw Message("\"\(masked)\" ligner et CPR-nummer; bydelsmor gemmer aldrig CPR-numre (heller ikke i noter). Fjern det, og skriv fx fødselsåret, hvis det er nødvendigt",
                              "\"\(masked)\" looks like a CPR number; bydelsmor never stores CPR numbers (not in notes either). Remove it, and write e.g. the year of birth if needed", field: f.key)
            }
        }
    }

    /// Words for religion, ethnicity or origin (Danish and English, lower case, whole words).
    static let sensitive: Set<String> = [
        "muslim", "muslimsk", "muslimske", "muslimer", "kristen", "kristne", "jøde", "jødisk", "jødiske", "hindu", "buddhist",
        "sikh", "shia", "shiamuslim", "sunni", "sunnimuslim", "ateist", "religion", "religiøs", "religiøse", "tro", "troende",
        "etnicitet", "etnisk", "etniske", "race", "oprindelse", "herkomst", "nationalitet", "statsborger", "statsborgerskab",
        "flygtning", "indvandrer", "efterkommer", "kurder", "kurdisk", "somalier", "somalisk", "tyrker", "tyrkisk", "araber", "arabisk",
        "palæstinenser", "palæstinensisk", "pakistaner", "pakistansk", "afghaner", "afghansk", "iraker", "irakisk", "iraner", "iransk",
        "syrer", "syrisk", "libaneser", "libanesisk", "marokkaner", "marokkansk", "eritreer", "eritreisk",
        "syrien", "irak", "iran", "afghanistan", "somalia", "tyrkiet", "pakistan", "libanon", "palæstina", "marokko", "eritrea",
        "muslim", "christian", "jewish", "religious", "ethnicity", "ethnic", "origin", "nationality", "refugee", "immigrant",
    ]

    /// The words in a volunteer's notes that name a religion, ethnicity or origin.
    public static func sensitiveWords(in text: String) -> [String] {
        var seen: [String] = []
        for w in text.split(whereSeparator: { !$0.isLetter }) {
            let l = w.lowercased()
            if sensitive.contains(l), !seen.contains(l) { seen.append(l) }
        }
        return seen
    }

    /// The warning for those words, naming the rule; nil when there are none.
    public static func notesWarning(_ text: String) -> Message? {
        let words = sensitiveWords(in: text)
        guard !words.isEmpty else { return nil }
        let list = words.map { "»\($0)«" }.joined(separator: ", ")
        return Message("noterne nævner \(list): bydelsmor registrerer ikke religion, etnicitet eller oprindelse (særlige kategorier, GDPR art. 9; se docs/journal.md). Ret noten, hvis den handler om hende",
                       "the notes mention \(list): bydelsmor records no religion, ethnicity or origin (special categories, GDPR art. 9; see docs/journal.md). Correct the note if it is about her", field: "notes")
    }
}
