import ArgumentParser
import BydelsmorCore
import Foundation

@main
struct Bydelsmor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bydelsmor",
        abstract: H("Styr et Bydelsmødre-projekt: faser, moduler, bydelsmødre, samtaler og budget."),
        discussion: H("""
        Uden underkommando åbnes fuldskærmsprogrammet. Alle ændringer skrives i en journal i ren tekst \
        (se docs/journal.md). Journalen findes via --journal, ellers $BYDELSMOR_JOURNAL, ellers \
        $XDG_DATA_HOME/bydelsmor/journal.txt, ellers ~/.local/share/bydelsmor/journal.txt.

        Afslutningskoder: 0 udført; 1 ændringen blev afvist (intet skrevet, grunden står på stderr); \
        3 journalen har en dårlig linje; 4 filen kunne ikke læses eller skrives; 64 forkert brug (en \
        ukendt kommando, et tilvalg der mangler, en værdi der ikke kan læses).
        """),
        version: ProgramVersion.current,
        subcommands: [Open.self, Init.self, Status.self, Add.self, SessionCommand.self, FundingCommand.self, AssociationCommand.self,
                VolunteerCommand.self, ActivityCommand.self, ConversationCommand.self, DiplomasCommand.self, EvaluationCommand.self, RecruitCommand.self, ProgressCommand.self, SurveyCommand.self, ModuleCommand.self, Schedule.self, Remind.self, RollupCommand.self, Remove.self, Restore.self, Undo.self, Check.self, Demo.self, Screen.self, Kiosk.self, Export.self, Report.self, Import.self, Person.self],
        defaultSubcommand: Open.self
    )
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: H("Journalens sti."))
    var journal: String?

    @Option(name: .long, help: H("Hvem ændringen skrives på (standard: brugerens login)."))
    var actor: String?

    @Option(name: .long, help: H("Sprog (standard: da; LANG=en_* giver en)."))
    var lang: Lang?

    func language() throws -> Lang {
        Lang.resolve(option: lang?.rawValue, environment: ProcessInfo.processInfo.environment) ?? .da
    }

    var journalPath: String {
        let env = ProcessInfo.processInfo.environment
        if let j = journal { return j }
        if let j = env["BYDELSMOR_JOURNAL"], !j.isEmpty { return j }
        return CommonOptions.standardJournalPath(env)
    }

    /// The journal when neither --journal nor BYDELSMOR_JOURNAL names one. A relative
    /// XDG_DATA_HOME is ignored, as the XDG base directory rules say.
    static func standardJournalPath(_ env: [String: String]) -> String {
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") { return x + "/bydelsmor/journal.txt" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/bydelsmor/journal.txt"
    }

    /// Where snapshots of the replayed journal are cached: `$XDG_CACHE_HOME/bydelsmor`, else
    /// `~/.cache/bydelsmor`. Deleting it loses nothing. A relative XDG_CACHE_HOME is ignored (the
    /// XDG rules say so): the snapshot holds every name and phone and must not land in the
    /// current directory.
    static var cacheDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/bydelsmor" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/bydelsmor"
    }

    var actorName: String {
        if let a = actor { return a }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name {
            let s = String(cString: name)
            if JournalEntry.isValidActor(s) { return s }
        }
        return "bruger"
    }

    /// Today's date; BYDELSMOR_TODAY (YYYY-MM-DD) overrides it for reproducible output.
    var today: Day { CommonOptions.todayNow() }

    /// BYDELSMOR_TODAY, read once: the environment is a dictionary built anew on every read, and
    /// the write rules ask for today for every line of a 20,000-row import.
    static let fixedToday: Day? = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"].flatMap { Day(iso: $0) }

    /// The clock changes are written with: now; under BYDELSMOR_TODAY that day at the present UTC
    /// time (kept before 22:00 UTC, so its Copenhagen date is that day), so a test or a
    /// demonstration that says what day it is gets a journal begun and written on that day.
    @Sendable static func clockNow() -> Timestamp {
        let now = Timestamp.now()
        guard let d = fixedToday else { return now }
        let time = min(now.secondsSince1970 - Int64(now.day.ordinal) * 86400, 22 * 3600 - 1)
        return Timestamp(secondsSince1970: Int64(d.ordinal) * 86400 + time)
    }

    @Sendable static func todayNow() -> Day {
        if let d = fixedToday { return d }
        // Copenhagen's date, not the machine's time zone (a kiosk PC may run on UTC).
        return Timestamp.now().copenhagenDay
    }

    /// True when no journal was named (no --journal, no $BYDELSMOR_JOURNAL): the standard one.
    var isDefaultPath: Bool {
        journal == nil && (ProcessInfo.processInfo.environment["BYDELSMOR_JOURNAL"] ?? "").isEmpty
    }

    /// Opens the journal. Only `bydelsmor init` and the full-screen program on the standard path
    /// (`create`) make a new one; anywhere else a missing journal is an error naming the path, so a
    /// typo in --journal never starts a second project.
    func openStore(readOnly: Bool = false, create: Bool = false, lang: Lang) throws -> Store {
        let store: Store
        do {
            var st = stat()
            if lstat(journalPath, &st) != 0 && errno == ENOENT {
                guard create else {
                    throw StoreError.io(journalPath, ENOENT, Message(
                        "journalen findes ikke; ret stien, eller opret en ny med bydelsmor init \(journalPath)",
                        "the journal does not exist; correct the path, or start a new one with bydelsmor init \(journalPath)"))
                }
                try Store.createJournal(path: journalPath, clock: CommonOptions.clockNow)
                complain("bydelsmor: " + lang.t("Ny journal med den indbyggede plan: \(journalPath)",
                                                "New journal with the built-in plan: \(journalPath)"))
            }
            store = try Store(path: journalPath, readOnly: readOnly, createIfMissing: false, actor: actorName,
                              clock: CommonOptions.clockNow, cacheDirectory: CommonOptions.cacheDirectory)
        } catch {
            throw CLIFailure(error, lang)
        }
        store.today = { CommonOptions.todayNow() }
        store.afterWrite = { path, lines in Hooks.postWrite(journal: path, lines: lines) }
        for w in store.warnings { complain("bydelsmor: " + w.text(lang)) }
        opened = (store, store.warnings, lang)
        return store
    }
}

/// The store this command opened and the warnings already shown, so what a write adds (a torn end
/// moved aside) is shown too when the command ends.
nonisolated(unsafe) var opened: (store: Store, shown: [Message], lang: Lang)?

func showNewWarnings() {
    guard let o = opened else { return }
    for w in o.store.warnings where !o.shown.contains(w) { complain("bydelsmor: " + w.text(o.lang)) }
    opened = nil
}

/// A failure reported as one clear message on stderr and a documented exit code.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    init(_ error: any Error, _ lang: Lang) {
        guard let e = error as? StoreError else {
            message = String(describing: error); code = 4; return
        }
        message = e.text(lang)
        switch e {
        case .refused: code = 1
        case .journal: code = 3
        case .io: code = 4
        case .readOnly: code = 4
        }
    }
    var description: String { message }
}

extension ParsableCommand {
    /// Opens the journal to write and runs `body` with it; a refusal or failure becomes its message
    /// and exit code.
    func writing(_ common: CommonOptions, _ lang: Lang, _ body: (Store) throws -> Void) throws {
        try reporting {
            let store = try common.openStore(lang: lang)
            do { try body(store) } catch let e as StoreError {
                // Nothing to change is no failure: said, nothing written, exit 0.
                if case .refused(let m) = e, m.field == Store.unchangedField { say(m.text(lang)); return }
                throw CLIFailure(e, lang)
            }
            // The same warnings the full-screen program shows after "Gemt", on standard error.
            var said = Set<String>()
            for entry in store.lastWritten {
                for w in WriteWarnings.after(entry.event, in: store.state) where said.insert(w.da).inserted {
                    complain("bydelsmor: " + lang.t("advarsel: ", "warning: ") + w.text(lang))
                }
            }
        }
    }

    /// Runs `body`, turning a store failure into its message and exit code.
    func reporting(_ body: () throws -> Void) throws {
        defer { showNewWarnings() }
        do { try body() } catch let f as CLIFailure {
            complain("bydelsmor: " + f.message)
            throw ExitCode(f.code)
        }
    }
}

/// A line for the person on standard error (messages, problems), never mixed into output. What
/// it quotes from data (a journal, a CSV file, a path) is made safe by the same rule as the
/// screen: no control character reaches the terminal.
func complain(_ text: String) {
    let safe = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextPolicy.safe(String($0)) }.joined(separator: "\n")
    FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

func say(_ text: String) {
    let safe = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextPolicy.safe(String($0)) }.joined(separator: "\n")
    FileHandle.standardOutput.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: H("Opret en ny journal med den indbyggede plan (faser, moduler, budget fra notatet)."),
        discussion: H("Uden PATH bruges --journal, ellers $BYDELSMOR_JOURNAL, ellers standardstien. En eksisterende journal røres aldrig."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Stien til den nye journal.")) var path: String?

    func run() throws {
        let lang = try common.language()
        let target = path ?? common.journalPath
        try reporting {
            var st = stat()
            if lstat(target, &st) == 0 {
                throw CLIFailure(StoreError.refused(Message("\(target) findes allerede; en journal overskrives aldrig",
                                                            "\(target) already exists; a journal is never overwritten")), lang)
            }
            do { try Store.createJournal(path: target, clock: CommonOptions.clockNow) } catch { throw CLIFailure(error, lang) }
            say(lang.t("Ny journal med den indbyggede plan: \(target)", "New journal with the built-in plan: \(target)"))
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Hvor står projektet? Faser, moduler, bydelsmødre, samtaler og budget."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Formatet.")) var format: StatusFormat = .text

    func run() throws {
        let lang = try common.language()
        let f = format
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            var st = ProjectStatus(state: store.state, today: common.today)
            st.attention = Attention.items(store.state, today: common.today, lang)
            st.association = AssociationStatus(store.state, today: common.today, lang)
            say(f.render(st, lang: lang))
        }
    }
}

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Fortryd den seneste ændring (en fortrydelse af en fortrydelse gentager ændringen)."))
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = try common.language()
        try writing(common, lang) { store in
            let (result, undone) = try store.undo()
            // In people's words, then where in the journal (for whoever reads it by hand).
            let n = store.lastCompensated
            say(lang.t("Fortrudt: ", "Undone: ") + undone.event.words(store.state, lang)
                + (n > 1 ? lang.t(" og \(lang.count(n - 1, "ændring", "ændringer")) mere", " and \(n - 1) more") : "")
                + lang.t(" (linje \(undone.line) \(undone.event.name), fortrudt af linje \(result.line)).",
                         " (line \(undone.line) \(undone.event.name), undone by line \(result.line))."))
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Gennemgå hele journalen og vis hver fejl som sti:linje:kolonne: besked."))
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = try common.language()
        try reporting {
            let r: (lines: Int, changes: Int, problems: [JournalProblem], tornTail: Int?)
            do { r = try Store.check(path: common.journalPath) } catch { throw CLIFailure(error, lang) }
            for p in r.problems { complain(p.text(lang)) }
            if let t = r.tornTail {
                complain(lang.t("\(common.journalPath):\(r.lines + 1):1: journalens slutning er ufuldstændig (\(t) byte: en linje uden linjeskift eller en ændring på flere linjer, der er afbrudt); næste ændring flytter den til en sidefil",
                                "\(common.journalPath):\(r.lines + 1):1: the journal's end is incomplete (\(t) bytes: a line without a newline or a change of several lines cut short); the next change moves it to a side file"))
            }
            if r.problems.isEmpty && r.tornTail == nil {
                say(lang.t("\(common.journalPath): \(r.lines) linjer, ingen fejl.",
                           "\(common.journalPath): \(r.lines) lines, no problems."))
            } else {
                let n = r.problems.count + (r.tornTail == nil ? 0 : 1)
                complain(lang.t("\(n) fejl i \(common.journalPath).", "\(n) problem(s) in \(common.journalPath)."))
                throw ExitCode(3)
            }
        }
    }
}

struct Demo: ParsableCommand {
    /// Today, or BYDELSMOR_TODAY.
    static var today: Day {
        if let t = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"], let d = Day(iso: t) { return d }
        var now = time(nil)
        var tmv = tm()
        localtime_r(&now, &tmv)
        return Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday)) ?? Day.last
    }

    static let configuration = CommandConfiguration(abstract: H("Skriv en realistisk, opdigtet journal til afprøvning og målinger."))
    @Option(help: H("Filen der skrives (må ikke findes i forvejen).")) var out: String
    @Option(help: H("Antal bydelsmødre i alt.")) var volunteers: Int = 40
    @Option(help: H("Antal år.")) var years: Int = 2
    @Option(name: .customLong("first-year"), help: H("Det første år i demoen.")) var firstYear: Int = 2025
    @Option(help: H("Demoens \"i dag\": intet efter denne dato skrives (ÅÅÅÅ-MM-DD; standard: i dag).")) var until: String?
    @Option(help: H("Frø til tilfældighederne (samme frø, samme journal).")) var seed: UInt64 = 1
    @Option(help: H("Sprog.")) var lang: Lang?

    func run() throws {
        let l = Lang.resolve(option: lang?.rawValue, environment: ProcessInfo.processInfo.environment) ?? .da
        // Nothing is written after today (or --until): a demo never holds conversations that have not
        // happened yet. Sessions may be planned ahead, as a coordinator would.
        var untilDay = Demo.today
        if let u = until {
            guard let d = Day(userInput: u) else { throw usageError("--until skal være en dato, der findes, fx 2026-03-10 (fik \"\(u)\")",
                                                                    "--until must be a date that exists, e.g. 2026-03-10 (got \"\(u)\")") }
            untilDay = d
        }
        try reporting {
            do {
                let n = try DemoJournal(volunteers: volunteers, years: years, seed: seed, firstYear: firstYear,
                                        until: untilDay).write(to: out)
                say(l.t("Skrev \(n) linjer til \(out).", "Wrote \(n) lines to \(out)."))
            } catch { throw CLIFailure(error, l) }
        }
    }
}

extension Lang: ExpressibleByArgument {}
extension StatusFormat: ExpressibleByArgument {}
