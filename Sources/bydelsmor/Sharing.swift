import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Writes `text` to `--out` (mode 0600, atomically) or to standard output. Never over the journal,
/// a file beside it (`journal.txt.*`), or any file that starts like a journal.
func emit(_ text: String, to out: String?, journal: String, lang: Lang) throws {
    guard let out else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    func real(_ p: String) -> String {
        if let r = realpath(p, nil) { defer { free(r) }; return String(cString: r) }
        // Not there yet: its folder's real path and its name.
        let dir = (p as NSString).deletingLastPathComponent
        guard let r = realpath(dir.isEmpty ? "." : dir, nil) else { return p }
        defer { free(r) }
        return String(cString: r) + "/" + (p as NSString).lastPathComponent
    }
    let target = real(out), journalReal = real(journal)
    var startsLikeJournal = false
    if let h = FileHandle(forReadingAtPath: out) {
        let head = h.readData(ofLength: JournalSyntax.headerPrefix.utf8.count)
        try? h.close()
        startsLikeJournal = head == Data(JournalSyntax.headerPrefix.utf8)
    }
    if target == journalReal || target.hasPrefix(journalReal + ".") || startsLikeJournal {
        throw CLIFailure(StoreError.refused(Message(
            "\(out) er journalen, en fil ved siden af den eller en anden journal; en eksport skrives aldrig over en journal. Vælg et andet filnavn",
            "\(out) is the journal, a file beside it or another journal; an export never overwrites a journal. Choose another file name")), lang)
    }
    let tmp = out + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
          rename(tmp, out) == 0 else {
        unlink(tmp)
        throw CLIFailure(StoreError.io(out, errno, Message("kan ikke skrive filen", "cannot write the file")), lang)
    }
    complain(lang.t("Skrev \(out)", "Wrote \(out)"))
}

struct Kiosk: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Den fælles skærm: kommende modulgange, kalender og fremdrift — kun til læsning, uden personoplysninger.",
        discussion: """
        Journalen åbnes kun til læsning; ingen tast kan ændre den. Efter et minut uden taster vender \
        skærmen tilbage til start. Ctrl-C, Ctrl-Z og alle andre taster ignoreres.

        Administratoren afslutter med tasterne Ctrl-X Ctrl-X q q (i den rækkefølge) eller med \
        SIGTERM/SIGHUP (fx `pkill -TERM -f "bydelsmor kiosk"`).
        """)
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = Lang.resolve(option: common.lang, environment: [:]) ?? .da
        try reporting {
            let store: Store
            do { store = try Store(path: common.journalPath, readOnly: true, createIfMissing: false, actor: "kiosk", cacheDirectory: CommonOptions.cacheDirectory) } catch { throw CLIFailure(error, lang) }
            let kiosk = KioskApp(store: store, lang: lang, today: common.today)
            let term: CursesTerminal
            do { term = try CursesTerminal(colours: (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty, kiosk: true) } catch {
                throw CLIFailure(StoreError.refused(Message("kiosken skal køre i en terminal med et UTF-8-sprogmiljø (fx LANG=C.UTF-8)", "the kiosk must run in a terminal with a UTF-8 locale (e.g. LANG=C.UTF-8)")), lang)
            }
            defer { term.restore() }
            let fixedToday = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"] != nil
            var dirty = true
            var lastTick = monotonicSeconds()
            while !term.stopRequested {
                if dirty { term.present(kiosk.render(width: term.width, height: term.height)); dirty = false }
                if let key = term.nextKey(timeoutMs: 250) {
                    dirty = true
                    if !kiosk.handle(key, now: monotonicSeconds()) { break }
                }
                let now = monotonicSeconds()
                if now - lastTick >= 0.9 {
                    lastTick = now
                    if kiosk.tick(now: now, today: fixedToday ? nil : common.today) { dirty = true }
                }
            }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Eksportér: calendar (iCalendar til telefoner og Outlook) eller volunteers/attendance/conversations/expenses (CSV til regneark).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "calendar, volunteers, attendance, conversations eller expenses") var what: String
    @Option(help: "ics (kalender) eller csv (resten).") var format: String?
    @Option(help: "Filen der skrives (ellers standard output).") var out: String?
    @Option(help: "CSV-separator: ; (standard, dansk Excel) eller ,") var separator: String = ";"

    func run() throws {
        let lang = try common.language()
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            if what == "calendar" {
                guard (format ?? "ics") == "ics" else { throw ValidationError("kalenderen eksporteres som --format ics") }
                let id = Export.journalID(store)
                try emit(ICSExport.render(state: store.state, journalID: id, stamp: Timestamp.now()), to: out, journal: common.journalPath, lang: lang)
                return
            }
            guard let kind = CSVExport.Kind(rawValue: what) else {
                throw ValidationError("ukendt eksport \"\(what)\"; vælg calendar, volunteers, attendance, conversations eller expenses")
            }
            guard (format ?? "csv") == "csv" else { throw ValidationError("\(what) eksporteres som --format csv") }
            guard separator == ";" || separator == "," else { throw ValidationError("--separator skal være ; eller , (fik \"\(separator)\")") }
            try emit(CSVExport.render(kind, state: store.state, separator: Character(separator)), to: out, journal: common.journalPath, lang: lang)
        }
    }

    /// A stable id for this journal: the time its first change was written.
    static func journalID(_ store: Store) -> String {
        // Only the first few kilobytes: the header and the first change.
        guard let h = FileHandle(forReadingAtPath: store.path) else { return "journal" }
        defer { try? h.close() }
        let head = String(decoding: h.readData(ofLength: 4096), as: UTF8.self)
        guard let line = head.split(separator: "\n").dropFirst().first, let ts = line.split(separator: " ").first else { return "journal" }
        return ts.filter { $0.isNumber }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Udvalgets årsrapport i Markdown eller HTML.")
    @OptionGroup var common: CommonOptions
    @Option(help: "markdown eller html") var format: String = "markdown"
    @Option(help: "Året (standard: i år).") var year: Int?
    @Option(help: "Filen der skrives (ellers standard output).") var out: String?

    func run() throws {
        let lang = try common.language()
        guard format == "markdown" || format == "html" else { throw ValidationError("--format skal være markdown eller html (fik \"\(format)\")") }
        let y = year ?? common.today.year
        guard Day.years.contains(y) else { throw ValidationError("--year skal være et årstal i \(Day.years.lowerBound)–\(Day.years.upperBound), fx 2027 (fik \(y))") }
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            let r = YearReport(state: store.state, year: y)
            try emit(format == "html" ? r.html(lang) : r.markdown(lang), to: out, journal: common.journalPath, lang: lang)
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Indlæs fra et regneark.", subcommands: [ImportVolunteers.self])
}

struct ImportVolunteers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteers",
        abstract: "Indlæs bydelsmødre fra CSV (; eller , med eller uden BOM; kolonner Navn, Telefon, Sprog, Bydel, Noter).",
        discussion: "Hver række kontrolleres som enhver anden ændring. Intet skrives, medmindre alle rækker er gyldige (eller --skip-invalid er givet).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "CSV-filen.") var file: String
    @Flag(name: .customLong("dry-run"), help: "Vis hvad der ville ske, uden at skrive.") var dryRun = false
    @Flag(name: .customLong("skip-invalid"), help: "Indlæs de gyldige rækker og spring de ugyldige over.") var skipInvalid = false

    func run() throws {
        let lang = try common.language()
        guard let data = FileManager.default.contents(atPath: file) else {
            complain("bydelsmor: " + lang.t("kan ikke læse \(file)", "cannot read \(file)"))
            throw ExitCode(4)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            complain("bydelsmor: " + lang.t("\(file) er ikke UTF-8; gem regnearket som \"CSV UTF-8\"", "\(file) is not UTF-8; save the spreadsheet as \"CSV UTF-8\""))
            throw ExitCode(1)
        }
        try reporting {
            let store = try common.openStore(lang: lang)
            let plan = VolunteerImport(csv: text, state: store.state)
            for c in plan.ignoredColumns { complain(lang.t("\(file):1: kolonnen \"\(c)\" ignoreres", "\(file):1: the column \"\(c)\" is ignored")) }
            for p in plan.problems { complain("\(file):\(p.line): " + p.message.text(lang)) }
            if !plan.problems.isEmpty && !skipInvalid {
                complain(lang.t("Intet indlæst: \(plan.problems.count) ugyldig(e) række(r). Ret filen, eller brug --skip-invalid.", "Nothing imported: \(plan.problems.count) invalid row(s). Mend the file, or use --skip-invalid."))
                throw ExitCode(1)
            }
            if dryRun {
                for r in plan.rows { say(lang.t("linje \(r.line): ville tilføje \(r.fields.name)", "line \(r.line): would add \(r.fields.name)")) }
                say(lang.t("Prøvekørsel: \(plan.rows.count) ville blive indlæst, \(plan.problems.count) sprunget over. Intet er skrevet.", "Dry run: \(plan.rows.count) would be imported, \(plan.problems.count) skipped. Nothing was written."))
                return
            }
            // All rows are one change: one write, one fsync — all or nothing, also under kill -9.
            let steps: [Store.Step] = plan.rows.map { r in { s in var f = r.fields; f.id = s.volunteers.count + 1; return .volunteerAdded(f) } }
            let results: [CommitResult]
            do { results = try store.commit(steps: steps) } catch { throw CLIFailure(error, lang) }
            var out = ""
            for (r, c) in zip(plan.rows, results) {
                if case .volunteerAdded(let v) = c.entry.event {
                    out += lang.t("linje \(r.line): tilføjet \(RecordKind.volunteer.ref(v.id)) \(v.name)", "line \(r.line): added \(RecordKind.volunteer.ref(v.id)) \(v.name)") + "\n"
                }
            }
            say(out + lang.t("Indlæst: \(results.count) bydelsmødre.", "Imported: \(results.count) volunteers."))
        }
    }
}

/// `v12` or `12`.
func volunteerID(_ text: String) throws -> Int {
    guard let n = RecordKind.volunteer.parse(text) ?? Int(text), n > 0 else { throw ValidationError("id skal være som v12 (fik \"\(text)\")") }
    return n
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
