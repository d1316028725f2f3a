import Foundation
import Testing

/// `--lang en` is English throughout the help, and Danish Danish: every command's help is read
/// through the real binary, found by walking the SUBCOMMANDS sections from the top.
@Suite struct HelpLanguageTests {
    /// Every command path, from the root's help down.
    static func commands() throws -> [[String]] {
        var out: [[String]] = [[]]
        var queue: [[String]] = [[]]
        while let path = queue.popLast() {
            let help = try cli(["help"] + path, env: ["LANG": "en_US.UTF-8"]).out
            guard let start = help.range(of: "SUBCOMMANDS:\n") else { continue }
            // The section's lines: "  name   what it does" (a wrapped description starts deeper);
            // it ends at the first empty line.
            for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
                if line.isEmpty { break }
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
                let name = line.split(separator: " ").first.map(String.init) ?? ""
                guard !name.isEmpty, path.count < 3 else { continue }
                out.append(path + [name]); queue.append(path + [name])
            }
        }
        return out
    }

    @Test func everyCommandsHelpIsEnglishWithLangEn() throws {
        let paths = try Self.commands()
        #expect(paths.count > 60, "found the commands: \(paths.count)")
        // Words no English help has; a Danish help text that slipped through has at least one.
        let danish = ["æ", "ø", "å", " og ", " eller ", " ikke ", " til ", " fra ", " med ", " hvor ", " skrives", " fx ", "standard:"]
        // Names the English help quotes on purpose: Danish pools, places, CSV columns, seats.
        let quoted = ["Ishøj", "Forplejning", "Navn, Telefon, Sprog",
                      "forkvinde, næstforkvinde, kasserer, sekretær, menigt-medlem, suppleant", "tirsdag",
                      "Bydelsmødre project", "Vinterferie", "Ishøj Bibliotek"]
        var found: [String] = []
        for path in paths {
            let text = try (path.isEmpty ? cli(["help"], env: ["LANG": "en_US.UTF-8"]) : cli(["--lang", "en"] + path + ["--help"])).out
            // Joined, as argument-parser wraps lines; the values an option takes (the weekdays
            // also by their Danish names) and what is quoted on purpose taken out.
            var flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            flat = flat.replacingOccurrences(of: #"\(values: [^)]*\)"#, with: "", options: .regularExpression)
            for q in quoted { flat = flat.replacingOccurrences(of: q, with: "") }
            for w in danish where flat.lowercased().contains(w) {
                found.append("\((["bydelsmor"] + path).joined(separator: " ")): \"\(w)\"")
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func danishHelpIsDanishAndHasNoEnglishCatalogueWords() throws {
        let text = try cli(["--lang", "da", "add", "volunteer", "--help"]).out
        #expect(text.contains("Navn (påkrævet)."))
        #expect(text.contains("TILVALG:"))
        #expect(!text.contains("Name (required)."))
        let en = try cli(["--lang", "en", "add", "volunteer", "--help"]).out
        #expect(en.contains("Name (required)."))
        #expect(en.contains("OPTIONS:"))
    }
}
