import ArgumentParser
import BydelsmorCore
import Foundation

/// The entry point: argument-parser does the parsing; what it says to a person (help, errors) is
/// said in the person's language, a mistyped command gets a suggestion, and exit codes follow the
/// table in `--help`.
/// The language of this run (`--lang`, else LANG), for what is said before a command has its
/// options: argument errors included, so `--lang en` is English throughout.
let cliLang: Lang = Lang.resolve(option: CLIWords.langOption(Array(CommandLine.arguments.dropFirst())),
                                 environment: ProcessInfo.processInfo.environment) ?? .da

/// An argument error in the person's language.
func usageError(_ da: String, _ en: String) -> ValidationError { ValidationError(cliLang.t(da, en)) }

extension Bydelsmor {
    static func main() {
        let args = CLIWords.optionsLast(Array(CommandLine.arguments.dropFirst()))
        let lang = Lang.resolve(option: CLIWords.langOption(args), environment: ProcessInfo.processInfo.environment) ?? .da
        if let s = CLIWords.suggestion(args, lang) {
            complain("bydelsmor: " + s)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        // An error from a command's run is told with that command's usage, not the root's.
        var parsed: ParsableCommand.Type = Bydelsmor.self
        do {
            var command = try parseAsRoot(args)
            parsed = type(of: command)
            try command.run()
        } catch {
            let code = parsed.exitCode(for: error)
            var message = parsed.fullMessage(for: error)
            // Told by the subcommand alone, its usage lacks the words before it: put them back.
            let path = CLIWords.commandPath(args)
            if let leaf = path.last, path.count >= 1, parsed != Bydelsmor.self {
                let whole = (["bydelsmor"] + path).joined(separator: " ")
                message = message.replacingOccurrences(of: "Usage: \(leaf) ", with: "Usage: \(whole) ")
                    .replacingOccurrences(of: "Usage: \(leaf)\n", with: "Usage: \(whole)\n")
                    .replacingOccurrences(of: "See '\(leaf) --help'", with: "See '\(whole) --help'")
            }
            let text = CLIWords.translate(message, lang)
            if code == .success {
                if !text.isEmpty { say(text) }
            } else if !text.isEmpty {
                complain(text)
            }
            Foundation.exit(code.rawValue)
        }
    }
}

enum CLIWords {
    /// `--lang X` or `--lang=X`, before anything is parsed (help must speak it too).
    /// Options every command takes may also stand before the subcommand, as with git and khal
    /// (`bydelsmor --journal J export …`): they are moved after it.
    static func optionsLast(_ args: [String]) -> [String] {
        let common: Set<String> = ["--journal", "--actor", "--lang"]
        var front: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if common.contains(a), i + 1 < args.count { front += [a, args[i + 1]]; i += 2; continue }
            if let eq = a.firstIndex(of: "="), common.contains(String(a[..<eq])) { front.append(a); i += 1; continue }
            break
        }
        guard !front.isEmpty, i < args.count, !args[i].hasPrefix("-") else { return args }
        return Array(args[i...]) + front
    }

    static func langOption(_ args: [String]) -> String? {
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count { return args[i + 1] }
            if a.hasPrefix("--lang=") { return String(a.dropFirst(7)) }
        }
        return nil
    }

    /// The subcommand names at the start of the arguments ("add", "volunteer").
    static func commandPath(_ args: [String]) -> [String] {
        var command: ParsableCommand.Type = Bydelsmor.self
        var path: [String] = []
        for a in args {
            guard let next = names(command)[a] else { break }
            path.append(a); command = next
        }
        return path
    }

    /// The names of a command's subcommands, as typed.
    static func names(_ command: ParsableCommand.Type) -> [String: ParsableCommand.Type] {
        var out = [String: ParsableCommand.Type]()
        for c in command.configuration.subcommands {
            out[c.configuration.commandName ?? String(describing: c).lowercased()] = c
        }
        return out
    }

    /// "statsu" → "mente du status?"; "add volunter" → "mente du add volunteer?". Only a word in a
    /// subcommand's place that is none, but close to one, gets an answer here; the rest is parsed.
    static func suggestion(_ args: [String], _ lang: Lang) -> String? {
        var command: ParsableCommand.Type = Bydelsmor.self
        var path: [String] = []
        for a in args {
            if a.hasPrefix("-") { return nil }
            let subs = names(command)
            if subs.isEmpty { return nil }
            if let next = subs[a] { command = next; path.append(a); continue }
            if a == "help" { return nil }
            let close = subs.keys.map { ($0, distance($0, a)) }.filter { $0.1 <= max(1,
                    min(2, a.count / 3)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            let known = subs.keys.sorted().joined(separator: ", ")
            let typed = (path + [a]).joined(separator: " ")
            if let best = close.first {
                let meant = (path + [best.0]).joined(separator: " ")
                return lang.t("ukendt kommando \"\(typed)\"; mente du \"\(meant)\"? (kommandoerne: \(known))",
                              "unknown command \"\(typed)\"; did you mean \"\(meant)\"? (the commands: \(known))")
            }
            // Under a command that needs a subcommand, any other word is unknown; at the top it would
            // be taken as an argument to the full-screen program, which takes none.
            return lang.t("ukendt kommando \"\(typed)\" (kommandoerne: \(known))", "unknown command \"\(typed)\" (the commands: \(known))")
        }
        return nil
    }

    /// Levenshtein distance, for suggestions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var prev = row[0]; row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }

    /// argument-parser's own words, in Danish when the person reads Danish.
    static func translate(_ text: String, _ lang: Lang) -> String {
        guard lang == .da else { return text }
        let words: [(String, String)] = [
            ("OVERVIEW:", "OVERSIGT:"), ("USAGE:", "BRUG:"), ("ARGUMENTS:", "ARGUMENTER:"), ("OPTIONS:", "TILVALG:"),
            ("SUBCOMMANDS:", "UNDERKOMMANDOER:"), ("Show help information.", "Vis denne hjælp."), ("Show the version.", "Vis versionen."),
            ("(default)  ", "(standard) "), ("(default)", "(standard)"), ("(default: ", "(standard: "), ("(values: ", "(værdier: "),
            ("See 'bydelsmor help <subcommand>' for detailed help.", "Se 'bydelsmor help <underkommando>' for mere hjælp."),
            ("Error: ", "Fejl: "), ("Usage: ", "Brug: "), ("for more information.", "for mere."), ("  See '", "  Se '"),
            ("Missing expected argument", "Mangler argumentet"), ("Unknown option", "Ukendt tilvalg"),
            ("Unexpected argument", "Uventet argument"), ("Missing value for option", "Mangler en værdi til tilvalget"),
            ("Missing value for", "Mangler en værdi til"), ("is invalid for", "duer ikke til"), ("The value", "Værdien"),
            ("Please provide one of the following:", "Vælg en af disse:"), ("Please provide one of",
                    "Vælg en af"), ("<subcommand>", "<underkommando>"), ("' or '",
                            "' eller '"), ("Help: ", "Hjælp: "), ("Unexpected arguments", "Uventede argumenter"),
        ]
        var out = text
        for (en, da) in words { out = out.replacingOccurrences(of: en, with: da) }
        return out
    }
}
