import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: H("Eksportér: calendar (iCalendar til telefoner og Outlook) eller volunteers/attendance/conversations/expenses (CSV til regneark)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Hvad der eksporteres.")) var what: ExportKind
    @Option(help: H("ics (kalender) eller csv (resten).")) var format: ExportFormat?
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false
    @Option(help: H("CSV-separator: ; (standard, dansk Excel) eller ,")) var separator: String = ";"
    @Option(help: H("Kalenderens påmindelse før hver modulgang: fx 1d, 2h, 30m, eller none.")) var alarm: String = "1d"
    @Option(help: H("Kalender: kun dette holds modulgange, fx h2 (aktiviteterne er med).")) var hold: String?
    @Option(help: H("Kalender: kun det, der sker fra denne dato, fx 01.08.2027.")) var from: String?

    func run() throws {
        let lang = try common.language()
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            if what == .calendar {
                guard (format ?? .ics) == .ics else { throw usageError("kalenderen eksporteres som --format ics",
                                                                       "the calendar is exported as --format ics") }
                let id = Export.journalID(store)
                let minutes: Int?
                switch alarm.lowercased() {
                case "none", "ingen", "0": minutes = nil
                default:
                    guard let unit = alarm.last, let n = Int(alarm.dropLast()), n > 0, n <= 10_000, let f = ["m": 1, "h": 60, "d": 1440][String(unit)] else {
                        throw usageError("--alarm skal være fx 1d, 2h, 30m eller none (fik \"\(alarm)\")",
                                         "--alarm must be e.g. 1d, 2h, 30m or none (got \"\(alarm)\")")
                    }
                    minutes = n * f
                }
                let h = try hold.map { try recordID($0, Hold.self, option: "--hold") }
                if let h, store.state.hold(h) == nil {
                    throw CLIFailure(StoreError.refused(Message("holdet \(RecordKind.hold.ref(h)) findes ikke",
                                                                "the hold \(RecordKind.hold.ref(h)) does not exist")), lang)
                }
                let f = try from.map { try day($0, option: "--from") }
                try emit(ICSExport.render(state: store.state, journalID: id, stamp: Timestamp.now(), alarmMinutes: minutes, hold: h,
                                          from: f),
                         to: out, journal: common.journalPath, force: force, lang: lang)
                return
            }
            guard let kind = CSVExport.Kind(rawValue: what.rawValue) else {
                throw usageError("ukendt eksport \"\(what)\"; vælg calendar, volunteers, attendance, conversations eller expenses",
                                 "unknown export \"\(what)\"; choose calendar, volunteers, attendance, conversations or expenses")
            }
            guard (format ?? .csv) == .csv else { throw usageError("\(what) eksporteres som --format csv",
                                                                   "\(what) is exported as --format csv") }
            guard separator == ";" || separator == "," else { throw usageError("--separator skal være ; eller , (fik \"\(separator)\")",
                                                                               "--separator must be ; or , (got \"\(separator)\")") }
            // In pieces: a million conversations are never one string in memory.
            try emit(to: out, journal: common.journalPath, force: force, lang: lang) { put in
                CSVExport.stream(kind, state: store.state, separator: Character(separator), put)
            }
        }
    }

    /// A stable id for this journal: the time its first change was written.
    static func journalID(_ store: Store) -> String {
        // Only the first few kilobytes: the header and the first change.
        guard let h = FileHandle(forReadingAtPath: store.path) else { return "journal" }
        defer { try? h.close() }
        let head = JournalSyntax.lines(h.readData(ofLength: 4096)).filter { !$0.isEmpty }
        guard let line = head.dropFirst().first, let ts = line.split(separator: " ").first else { return "journal" }
        return ts.filter { $0.isNumber }
    }
}

enum ExportKind: String, CaseIterable, ExpressibleByArgument {
    case calendar, volunteers, attendance, conversations, expenses
}

enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case ics, csv
}
