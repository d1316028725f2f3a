import ArgumentParser
import BydelsmorCore

/// `remove s4`, `restore s4`: any record with an id, hidden or brought back (undoable; a session
/// keeps its attendance for a restore). Erasing a person's data is `person erase`.
struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Slet en post (fx s4 modulgang, a2 aktivitet, h1 hold, f1 ansøgning, x7 udgift); kan fortrydes."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Postens id, fx s4.")) var id: String
    func run() throws { try flip(common, id, removing: true) }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Gendan en slettet post (fx s4)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Postens id, fx s4.")) var id: String
    func run() throws { try flip(common, id, removing: false) }
}

extension ParsableCommand {
    func flip(_ common: CommonOptions, _ text: String, removing: Bool) throws {
        let lang = try common.language()
        guard let kind = RecordKind.allCases.first(where: { $0.parse(text) != nil }), let n = kind.parse(text) else {
            let kinds = RecordKind.allCases.map { "\($0.prefix) \($0.label(lang))" }.joined(separator: ", ")
            throw ValidationError(lang.t("\"\(text)\" er ikke et id; skriv et bogstav og et tal (\(kinds))",
                                         "\"\(text)\" is not an id; write a letter and a number (\(kinds))"))
        }
        try writing(common, lang) { store in
            let words = Event.record(kind, n, store.state, lang)
            try store.commit { _ in removing ? .removed(kind, id: n) : .restored(kind, id: n) }
            // Removing hides; for a woman, say that her data stays and where erasure is.
            let hidden = kind == .volunteer
                ? lang.t("Skjult: \(words) (bydelsmor undo fortryder). Hendes navn og telefon står stadig i journalen; bydelsmor person erase \(text) sletter dem.",
                         "Hidden: \(words) (bydelsmor undo takes it back). Her name and phone are still in the journal; bydelsmor person erase \(text) erases them.")
                : lang.t("Slettet: \(words) (bydelsmor undo fortryder).", "Removed: \(words) (bydelsmor undo takes it back).")
            say(removing ? hidden : lang.t("Gendannet: \(words).", "Restored: \(words)."))
        }
    }
}
