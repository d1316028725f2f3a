import ArgumentParser
import BydelsmorCore
import Foundation

@main
struct Bydelsmor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bydelsmor",
        abstract: "Styr et Bydelsmødre-projekt: faser, moduler, bydelsmødre, samtaler og budget.",
        discussion: """
        Uden underkommando åbnes fuldskærmsprogrammet. Alle ændringer skrives i en journal i ren tekst \
        (se docs/journal.md). Journalen findes via --journal, ellers $BYDELSMOR_JOURNAL, ellers \
        $XDG_DATA_HOME/bydelsmor/journal.txt, ellers ~/.local/share/bydelsmor/journal.txt.
        """,
        subcommands: [Open.self, Status.self, Add.self, Undo.self, Check.self, Demo.self, Screen.self, Kiosk.self, Export.self, Report.self, Import.self, Person.self],
        defaultSubcommand: Open.self
    )
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Journalens sti (the journal's path).")
    var journal: String?

    @Option(name: .long, help: "Hvem ændringen skrives på (default: brugerens login).")
    var actor: String?

    @Option(name: .long, help: "Sprog: da eller en (default: da; LANG=en_* giver en).")
    var lang: String?

    func language() throws -> Lang {
        guard let l = Lang.resolve(option: lang, environment: ProcessInfo.processInfo.environment) else {
            throw ValidationError("--lang skal være da eller en (--lang must be da or en)")
        }
        return l
    }

    var journalPath: String {
        let env = ProcessInfo.processInfo.environment
        if let j = journal { return j }
        if let j = env["BYDELSMOR_JOURNAL"], !j.isEmpty { return j }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/bydelsmor/journal.txt" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/bydelsmor/journal.txt"
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
    var today: Day {
        if let t = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"], let d = Day(iso: t) { return d }
        var now = time(nil)
        var tmv = tm()
        localtime_r(&now, &tmv)
        return Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday))!
    }

    func openStore(readOnly: Bool = false, lang: Lang) throws -> Store {
        let store: Store
        do {
            // Any command on a journal that does not exist yet starts it with the built-in plan.
            if readOnly && !FileManager.default.fileExists(atPath: journalPath) {
                try Store.createJournal(path: journalPath)
            }
            store = try Store(path: journalPath, readOnly: readOnly, actor: actorName)
        } catch {
            throw CLIFailure(error, lang)
        }
        for w in store.warnings { complain("bydelsmor: " + w.text(lang)) }
        return store
    }
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
    /// Runs `body`, turning a store failure into its message and exit code.
    func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch let f as CLIFailure {
            complain("bydelsmor: " + f.message)
            throw ExitCode(f.code)
        }
    }
}

/// A line for the person on standard error (messages, problems), never mixed into output.
func complain(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hvor står projektet? Faser, moduler, bydelsmødre, samtaler og budget.")
    @OptionGroup var common: CommonOptions
    @Option(help: "text, markdown eller json") var format: String = "text"

    func run() throws {
        let lang = try common.language()
        guard let f = StatusFormat(rawValue: format) else {
            throw ValidationError("--format skal være text, markdown eller json (fik \"\(format)\")")
        }
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            say(f.render(ProjectStatus(state: store.state, today: common.today), lang: lang))
        }
    }
}

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fortryd den seneste ændring (en fortrydelse af en fortrydelse gentager ændringen).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = try common.language()
        try reporting {
            let store = try common.openStore(lang: lang)
            do {
                let (result, undone) = try store.undo()
                say(lang.t("Fortrudt linje \(undone.line) (\(undone.event.name)) med linje \(result.line) (\(result.entry.event.name)).",
                           "Undid line \(undone.line) (\(undone.event.name)) with line \(result.line) (\(result.entry.event.name))."))
            } catch { throw CLIFailure(error, lang) }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Gennemgå hele journalen og vis hver fejl som sti:linje:kolonne: besked.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = try common.language()
        try reporting {
            let r: (lines: Int, changes: Int, problems: [JournalProblem], tornTail: Int?)
            do { r = try Store.check(path: common.journalPath) } catch { throw CLIFailure(error, lang) }
            for p in r.problems { complain(p.text(lang)) }
            if let t = r.tornTail {
                complain(lang.t("\(common.journalPath):\(r.lines + 1):1: sidste linje er ufuldstændig (\(t) byte uden linjeskift); næste ændring flytter den til en sidefil",
                                                            "\(common.journalPath):\(r.lines + 1):1: the last line is incomplete (\(t) bytes without a newline); the next change moves it to a side file"))
            }
            if r.problems.isEmpty && r.tornTail == nil {
                say(lang.t("\(common.journalPath): \(r.lines) linjer, ingen fejl.", "\(common.journalPath): \(r.lines) lines, no problems."))
            } else {
                let n = r.problems.count + (r.tornTail == nil ? 0 : 1)
                complain(lang.t("\(n) fejl i \(common.journalPath).", "\(n) problem(s) in \(common.journalPath)."))
                throw ExitCode(3)
            }
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Skriv en realistisk, opdigtet journal til afprøvning og målinger.")
    @Option(help: "Filen der skrives (må ikke findes i forvejen).") var out: String
    @Option(help: "Antal bydelsmødre i alt.") var volunteers: Int = 40
    @Option(help: "Antal år.") var years: Int = 2
    @Option(name: .customLong("first-year"), help: "Det første år i demoen.") var firstYear: Int = 2025
    @Option(help: "Demoens \"i dag\": intet efter denne dato skrives (ÅÅÅÅ-MM-DD).") var until: String?
    @Option(help: "Frø til tilfældighederne (samme frø, samme journal).") var seed: UInt64 = 1
    @Option(help: "Sprog: da eller en.") var lang: String?

    func run() throws {
        guard let l = Lang.resolve(option: lang, environment: ProcessInfo.processInfo.environment) else {
            throw ValidationError("--lang skal være da eller en")
        }
        var untilDay: Day?
        if let u = until {
            guard let d = Day(userInput: u) else { throw ValidationError("--until skal være en dato, der findes, fx 2026-03-10 (fik \"\(u)\")") }
            untilDay = d
        }
        try reporting {
            do {
                let n = try DemoJournal(volunteers: volunteers, years: years, seed: seed, firstYear: firstYear, until: untilDay).write(to: out)
                say(l.t("Skrev \(n) linjer til \(out).", "Wrote \(n) lines to \(out)."))
            } catch { throw CLIFailure(error, l) }
        }
    }
}
