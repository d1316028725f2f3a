/// The languages common in Danish neighbourhoods, by their ISO 639 codes (as the journal stores
/// them) and their Danish and English names (as people type and read them).
public enum Languages {
    public static let table: [(code: String, da: String, en: String)] = [
        ("da", "dansk", "Danish"), ("en", "engelsk", "English"), ("ar", "arabisk", "Arabic"), ("so", "somali", "Somali"),
        ("tr", "tyrkisk", "Turkish"), ("ku", "kurdisk", "Kurdish"), ("ur", "urdu", "Urdu"), ("pa", "punjabi", "Punjabi"),
        ("fa", "persisk (farsi)", "Persian (Farsi)"), ("prs", "dari", "Dari"), ("ps", "pashto", "Pashto"), ("ti", "tigrinya", "Tigrinya"),
        ("am", "amharisk", "Amharic"), ("bs", "bosnisk", "Bosnian"), ("sr", "serbisk", "Serbian"), ("hr", "kroatisk", "Croatian"),
        ("sq", "albansk", "Albanian"), ("pl", "polsk", "Polish"), ("ro", "rumænsk", "Romanian"), ("bg", "bulgarsk", "Bulgarian"),
        ("lt", "litauisk", "Lithuanian"), ("uk", "ukrainsk", "Ukrainian"), ("ru", "russisk",
                                                                            "Russian"), ("vi", "vietnamesisk", "Vietnamese"),
        ("th", "thai", "Thai"), ("tl", "tagalog", "Tagalog"), ("zh", "kinesisk", "Chinese"), ("ta", "tamil", "Tamil"),
        ("si", "singalesisk", "Sinhala"), ("hi", "hindi", "Hindi"), ("bn", "bengali", "Bengali"), ("ne", "nepalesisk", "Nepali"),
        ("fr", "fransk", "French"), ("es", "spansk", "Spanish"), ("pt", "portugisisk", "Portuguese"), ("de", "tysk", "German"),
        ("sw", "swahili", "Swahili"), ("ha", "hausa", "Hausa"), ("yo", "yoruba", "Yoruba"), ("wo", "wolof", "Wolof"),
        ("he", "hebraisk", "Hebrew"), ("el", "græsk", "Greek"), ("mk", "makedonsk", "Macedonian"), ("az", "aserbajdsjansk", "Azerbaijani"),
        ("uz", "usbekisk", "Uzbek"), ("ckb", "sorani", "Sorani"), ("kmr", "kurmanji",
                                                                   "Kurmanji"), ("ber", "berbisk (tamazight)", "Berber (Tamazight)"),
    ]

    /// Other names people use for a language in the table ("farsi" for persisk, "somalisk" for somali).
    public static let aliases: [String: String] = [
        "farsi": "fa", "persian": "fa", "somalisk": "so", "tamazight": "ber", "amazigh": "ber", "filippinsk": "tl", "filipino": "tl",
        "mandarin": "zh", "kantonesisk": "zh", "eritreisk": "ti", "tigrinja": "ti", "kurdisk sorani": "ckb", "kurdisk kurmanji": "kmr",
        "pashtu": "ps", "pushto": "ps",
    ]

    /// "arabisk" for `ar`; an unknown code as it is.
    public static func name(_ code: String, _ l: Lang) -> String {
        table.first { $0.code == code }.map { l == .da ? $0.da : $0.en } ?? code
    }

    /// Codes from what a person typed: names in Danish or English or their beginnings ("arab",
    /// "somali"), or the codes themselves, separated by commas; an unknown one is refused with
    /// what is known.
    public static func codes(from text: String) throws(Message) -> [String] {
        var out: [String] = []
        for raw in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" }) {
            let t = String(raw).trimmed().lowercased()
            guard !t.isEmpty else { continue }
            let key = TextPolicy.searchKey(t)
            let code: String
            if let hit = table.first(where: { $0.code == t }) { code = hit.code }
            else if let alias = aliases[t] { code = alias }
            else {
                let hits = table.filter { TextPolicy.searchKey($0.da).starts(with: key) || TextPolicy.searchKey($0.en).starts(with: key) }
                if hits.count == 1 || (hits.count > 1 && t.count >= 3 && hits.contains { $0.da == t || $0.en.lowercased() == t }) {
                    code = (hits.first { $0.da == t || $0.en.lowercased() == t } ?? hits[0]).code
                } else if hits.count > 1 {
                    throw Message("\"\(t)\" kan være flere sprog: \(hits.prefix(4).map(\.da).joined(separator: ", ")); skriv mere af navnet",
                                  "\"\(t)\" could be several languages: \(hits.prefix(4).map(\.en).joined(separator: ", ")); write more of the name", field: "languages")
                } else if (2...3).contains(t.count), t.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
                    code = t  // another ISO 639 code
                } else {
                    throw Message("kender ikke sproget \"\(t)\"; skriv fx arabisk, somali, dansk — eller sprogkoden (ar, so, da)",
                                  "unknown language \"\(t)\"; write e.g. Arabic, Somali, Danish — or the code (ar, so, da)", field: "languages")
                }
            }
            if !out.contains(code) { out.append(code) }
        }
        return out
    }
}
