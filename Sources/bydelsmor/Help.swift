import ArgumentParser
import BydelsmorCore

/// A help text in the person's language. The Danish in the code is its key; the words of another
/// language are in its catalogue, `Catalogue/<lang>.txt`, built into the program, so a translator
/// edits a text file and never code (docs/translating.md). A text the catalogue lacks is said in
/// Danish rather than not at all; `scripts/extract-help --missing en` lists them.
func H(_ da: String) -> String { HelpCatalogue.shared.text(da) }
func H(_ da: String) -> ArgumentHelp { ArgumentHelp(HelpCatalogue.shared.text(da)) }

struct HelpCatalogue {
    /// The catalogue of this run's language; Danish needs none, and reads nothing.
    static let shared = HelpCatalogue(cliLang == .da ? nil : catalogue(cliLang))
    private let texts: [String: String]

    init(_ text: String?) { texts = text.map(HelpCatalogue.parse) ?? [:] }

    func text(_ da: String) -> String { texts[da] ?? da }

    static func catalogue(_ lang: Lang) -> String? {
        switch lang {
        case .da: nil
        case .en: String(decoding: PackageResources.en_txt, as: UTF8.self)
        }
    }

    /// `da: …` then `en: …` (any language's code before the colon), `\n` a new line, `#` a comment.
    static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var key: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }.replacingOccurrences(of: "\\n", with: "\n")
            if line[..<colon] == "da" { key = value } else if let k = key { out[k] = value; key = nil }
        }
        return out
    }
}
