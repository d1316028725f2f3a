import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

/// `v12` or `12`.
func volunteerID(_ text: String) throws -> VolunteerID {
    guard let n = RecordKind.volunteer.parse(text) ?? Int(text), n > 0 else { throw ValidationError("id skal være som v12 (fik \"\(text)\")") }
    return VolunteerID(n)
}

struct Person: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "En persons data: export (indsigt) og erase (sletning efter GDPR).", subcommands: [PersonExportCommand.self, PersonErase.self])
}

struct PersonExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Alt, der er gemt om en bydelsmor, som JSON.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Bydelsmorens id, fx v12.") var id: String
    @Option(help: "Filen der skrives (ellers standard output).") var out: String?

    func run() throws {
        let lang = try common.language()
        let n = try volunteerID(id)
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            do { try emit(try PersonExport.json(volunteer: n, store: store), to: out, journal: common.journalPath, lang: lang) } catch let e as StoreError { throw CLIFailure(e, lang) }
        }
    }
}

struct PersonErase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Slet en bydelsmors personoplysninger fra hele journalen (GDPR). Anonyme tal (fremmøde, samtaler) bevares.",
        discussion: """
        Hvert navn og telefonnummer, hun har haft, erstattes i alle linjer, kommentarer og filer ved siden af \
        journalen. Journalen omskrives atomisk under låsen uden sikkerhedskopi (en kopi med hendes data må \
        ikke overleve). Kan ikke fortrydes, og intet fra før sletningen kan fortrydes bagefter. Spørger først; \
        --yes springer spørgsmålet over (uden terminal kræves --yes).
        """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Bydelsmorens id, fx v12.") var id: String
    @Flag(name: .customLong("yes"), help: "Spørg ikke først.") var yes = false

    func run() throws {
        let lang = try common.language()
        let n = try volunteerID(id)
        let ref = RecordKind.volunteer.ref(n)
        try reporting {
            let store = try common.openStore(lang: lang)
            if !yes {
                guard let v = store.state.volunteer(n) else {
                    throw CLIFailure(StoreError.refused(Message("bydelsmor \(ref) findes ikke", "volunteer \(ref) does not exist")), lang)
                }
                guard isatty(0) != 0 else {
                    complain("bydelsmor: " + lang.t("sletning spørger først; uden en terminal skal --yes gives", "erasure asks first; without a terminal, give --yes"))
                    throw ExitCode(64)
                }
                FileHandle.standardError.write(Data(TextPolicy.safe(lang.t("Slet alt om \(v.name) (\(ref))? Det kan ikke fortrydes [j/N] ", "Erase everything about \(v.name) (\(ref))? This cannot be undone [y/N] ")).utf8))
                let answer = (readLine() ?? "").trimmed().lowercased()
                guard answer == (lang == .da ? "j" : "y") || answer == (lang == .da ? "ja" : "yes") else {
                    say(lang.t("Intet slettet.", "Nothing erased."))
                    return
                }
            }
            do {
                let r = try store.erase(volunteer: n)
                if r.alreadyErased {
                    say(lang.t("\(ref) var allerede slettet; \(r.leftovers) rest(er) fra en afbrudt sletning er fjernet.",
                               "\(ref) was already erased; \(r.leftovers) leftover(s) of an interrupted erasure removed."))
                } else {
                    say(lang.t("Slettet: alt om \(ref) er fjernet — \(r.total) sted(er): \(r.summary(.da)). Sletningen er noteret i journalen og kan ikke fortrydes.",
                               "Erased: everything about \(ref) is gone — \(r.total) place(s): \(r.summary(.en)). The erasure is recorded in the journal and cannot be undone."))
                }
            } catch let e as StoreError { throw CLIFailure(e, lang) }
        }
    }
}
