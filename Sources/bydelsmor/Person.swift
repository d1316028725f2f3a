import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

/// `v12` or `12`.
func volunteerID(_ text: String) throws -> VolunteerID {
    guard let n = RecordKind.volunteer.parse(text) ?? Int(text), n > 0 else { throw usageError("id skal være som v12 (fik \"\(text)\")", "the id must be like v12 (got \"\(text)\")") }
    return VolunteerID(n)
}

struct Person: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("En persons data: export (indsigt) og erase (sletning efter GDPR)."),
                                                    subcommands: [PersonExportCommand.self, PersonErase.self])
}

struct PersonExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: H("Alt, der er gemt om en bydelsmor, som JSON."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmorens id, fx v12.")) var id: String
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false

    func run() throws {
        let lang = try common.language()
        let n = try volunteerID(id)
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            do { try emit(try PersonExport.json(volunteer: n, store: store), to: out, journal: common.journalPath, force: force,
                          lang: lang) } catch let e as StoreError { throw CLIFailure(e, lang) }
        }
    }
}

struct PersonErase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: H("Slet en bydelsmors personoplysninger fra hele journalen (GDPR). Anonyme tal (fremmøde, samtaler) bevares."),
        discussion: H("""
        Hvert navn og telefonnummer, hun har haft, erstattes i alle linjer, kommentarer og filer ved siden af \
        journalen. Journalen omskrives atomisk under låsen uden sikkerhedskopi (en kopi med hendes data må \
        ikke overleve). Kan ikke fortrydes, og intet fra før sletningen kan fortrydes bagefter. Spørger først; \
        --yes springer spørgsmålet over (uden terminal kræves --yes).
        """))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmorens id, fx v12.")) var id: String
    @Flag(name: .customLong("yes"), help: H("Spørg ikke først.")) var yes = false
    @Flag(name: .customLong("dry-run"), help: H("Vis hvert sted, der ville blive ændret, og skriv intet.")) var dryRun = false

    func run() throws {
        let lang = try common.language()
        let n = try volunteerID(id)
        let ref = RecordKind.volunteer.ref(n)
        try reporting {
            let store = try common.openStore(readOnly: dryRun, lang: lang)
            guard let v = store.state.volunteer(n) else {
                throw CLIFailure(StoreError.refused(Message("bydelsmor \(ref) findes ikke", "volunteer \(ref) does not exist")), lang)
            }
            // What will change, shown before anything is written.
            let plan: ErasureReport
            do { plan = try store.erase(volunteer: n, dryRun: true) } catch let e as StoreError { throw CLIFailure(e, lang) }
            if !plan.alreadyErased {
                say(lang.t("Sletning af \(ref): hendes egne linjer mister navn og telefon; desuden ændres \(plan.changes.count) sted(er) med fri tekst:",
                           "Erasing \(ref): her own lines lose name and phone; besides, \(plan.changes.count) free-text place(s) change:"))
                for c in plan.changes {
                    // One line a place: a note's line breaks shown as spaces.
                    say(c.line > 0 ? "  " + lang.t("linje", "line") + " \(c.line) \(c.place): " + TextPolicy.safe(c.text) : "  " + lang.t("fil", "file") + " \(c.place)")
                }
                for u in plan.unreachable {
                    complain("bydelsmor: " + lang.t("advarsel: \(u) indeholder hendes navn eller telefon og kan ikke nås af sletningen (en eksport, en sikkerhedskopi eller en kopi); slet eller ret den selv",
                                                    "warning: \(u) holds her name or phone and is out of the erasure's reach (an export, a backup or a copy); delete or clean it yourself"))
                }
                complain("bydelsmor: " + lang.t("kopier andre steder (synkroniserede kiosk-kopier, sikkerhedskopier, udskrifter, sendte eksporter) kan sletningen ikke nå",
                                                "copies elsewhere (synced kiosk copies, backups, printouts, sent exports) are out of the erasure's reach"))
            }
            if dryRun {
                say(lang.t("Prøvekørsel: intet er ændret.", "Dry run: nothing was changed."))
                return
            }
            if !yes {
                guard isatty(0) != 0 else {
                    complain("bydelsmor: " + lang.t("sletning spørger først; uden en terminal skal --yes gives",
                                                    "erasure asks first; without a terminal, give --yes"))
                    throw ExitCode(64)
                }
                FileHandle.standardError.write(Data(TextPolicy.safe(lang.t("Slet alt om \(v.name) (\(ref))? Det kan ikke fortrydes [j/N] ",
                        "Erase everything about \(v.name) (\(ref))? This cannot be undone [y/N] ")).utf8))
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
