import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Indlæs fra et regneark."), subcommands: [ImportVolunteers.self])
}

struct ImportVolunteers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteers",
        abstract: H("Indlæs bydelsmødre fra CSV (; eller , med eller uden BOM; kolonner Navn, Telefon, Sprog, Bydel, Noter, Hold, Status, Kontrakt, Samtykke — som export volunteers skriver dem)."),
        discussion: H("Hver række kontrolleres som enhver anden ændring. Intet skrives, medmindre alle rækker er gyldige (eller --skip-invalid er givet)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("CSV-filen.")) var file: String
    @Flag(name: .customLong("dry-run"), help: H("Vis hvad der ville ske, uden at skrive.")) var dryRun = false
    @Flag(name: .customLong("skip-invalid"), help: H("Indlæs de gyldige rækker og spring de ugyldige over.")) var skipInvalid = false
    @Flag(name: .customLong("allow-duplicates"),
          help: H("Indlæs også rækker med samme navn og telefon som en, der allerede findes.")) var allowDuplicates = false
    @Option(help: H("Filens tegnsæt: utf-8 (standard) eller cp1252 (Excels \"CSV (semikolonsepareret)\" på dansk Windows).")) var encoding: String = "utf-8"

    func run() throws {
        let lang = try common.language()
        // A spreadsheet is a regular file: a FIFO or a device (/dev/zero) is refused before reading.
        var st = stat()
        guard stat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= 256 << 20 else {
            complain("bydelsmor: " + lang.t("\(file) er ikke en almindelig fil på højst 256 MB",
                                            "\(file) is not a regular file of at most 256 MB"))
            throw ExitCode(4)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            complain("bydelsmor: " + lang.t("kan ikke læse \(file)", "cannot read \(file)"))
            throw ExitCode(4)
        }
        let windows = ["cp1252", "windows-1252", "win1252", "latin1", "iso-8859-1"].contains(encoding.lowercased())
        guard windows || ["utf-8", "utf8"].contains(encoding.lowercased()) else {
            throw usageError("--encoding skal være utf-8 eller cp1252 (fik \"\(encoding)\")",
                             "--encoding must be utf-8 or cp1252 (got \"\(encoding)\")")
        }
        guard let text = String(data: data, encoding: windows ? .windowsCP1252 : .utf8) else {
            // Excel's "CSV (semikolonsepareret)" on Danish Windows is Windows-1252: say how to read it.
            let cp1252 = String(data: data, encoding: .windowsCP1252) != nil
            complain("bydelsmor: " + (cp1252
                ? lang.t("\(file) er ikke UTF-8, men ligner Windows-1252 (Excels \"CSV (semikolonsepareret)\"); giv --encoding cp1252, eller gem som \"CSV UTF-8\"",
                         "\(file) is not UTF-8 but looks like Windows-1252 (Excel's \"CSV (semicolon delimited)\"); give --encoding cp1252, or save as \"CSV UTF-8\"")
                : lang.t("\(file) er ikke UTF-8; gem regnearket som \"CSV UTF-8\"",
                         "\(file) is not UTF-8; save the spreadsheet as \"CSV UTF-8\"")))
            throw ExitCode(1)
        }
        try reporting {
            let store = try common.openStore(lang: lang)
            let plan = VolunteerImport(csv: text, state: store.state, allowDuplicates: allowDuplicates)
            for c in plan.ignoredColumns {
                let why = VolunteerImport.ignoredBecause(c)
                complain(lang.t("\(file):1: kolonnen \"\(c)\" ignoreres (\(why.da))",
                                "\(file):1: the column \"\(c)\" is ignored (\(why.en))"))
            }
            for p in plan.problems { complain("\(file):\(p.line): " + p.message.text(lang)) }
            for r in plan.rows { if let w = Privacy.notesWarning(r.fields.notes) { complain("\(file):\(r.line): " + lang.t("advarsel: ", "warning: ") + w.text(lang)) } }
            for d in plan.duplicates {
                complain(lang.t("\(file):\(d.line): \(d.name) findes allerede (\(d.existing), samme navn og telefon); springes over (--allow-duplicates indlæser hende alligevel)",
                                "\(file):\(d.line): \(d.name) is already there (\(d.existing), same name and phone); skipped (--allow-duplicates imports her anyway)"))
            }
            if !plan.problems.isEmpty && !skipInvalid {
                complain(lang.t("Intet indlæst: \(plan.problems.count) ugyldig(e) række(r). Ret filen, eller brug --skip-invalid.",
                                "Nothing imported: \(plan.problems.count) invalid row(s). Mend the file, or use --skip-invalid."))
                throw ExitCode(1)
            }
            if dryRun {
                for r in plan.rows { say(lang.t("linje \(r.line): ville tilføje \(r.fields.name)",
                                                "line \(r.line): would add \(r.fields.name)")) }
                say(lang.t("Prøvekørsel: \(plan.rows.count) ville blive indlæst, \(plan.problems.count + plan.duplicates.count) sprunget over. Intet er skrevet.", "Dry run: \(plan.rows.count) would be imported, \(plan.problems.count + plan.duplicates.count) skipped. Nothing was written."))
                return
            }
            // All rows are one change: one write, one fsync — all or nothing, also under kill -9.
            // Her adding first, then what sets the rest (hold, stage, contract, consent).
            let steps: [Store.Step] = plan.rows.flatMap { r in [{ _ in var f = r.fields; f.id = 0; return .volunteerAdded(f) }] + r.steps }
            let results: [CommitResult]
            do { results = try store.commit(steps: steps) } catch { throw CLIFailure(error, lang) }
            var out = ""
            let added = results.filter { if case .volunteerAdded = $0.entry.event { true } else { false } }
            for (r, c) in zip(plan.rows, added) {
                if case .volunteerAdded(let v) = c.entry.event {
                    out += lang.t("linje \(r.line): tilføjet \(RecordKind.volunteer.ref(v.id)) \(v.name)",
                                  "line \(r.line): added \(RecordKind.volunteer.ref(v.id)) \(v.name)") + "\n"
                }
            }
            let skipped = plan.duplicates.isEmpty ? "" : lang.t(" \(plan.duplicates.count) fandtes allerede.",
                                                                " \(plan.duplicates.count) were already there.")
            say(out + lang.t("Indlæst: \(lang.count(added.count, "bydelsmor", "bydelsmødre")).",
                             "Imported: \(lang.count(added.count, "volunteer", "volunteers")).") + skipped)
        }
    }
}
