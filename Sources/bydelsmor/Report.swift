import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Udvalgets årsrapport i Markdown, HTML eller JSON (kun det års tal).")
    @OptionGroup var common: CommonOptions
    @Option(help: "Formatet.") var format: ReportFormat = .markdown
    @Option(help: "Året (standard: i år).") var year: Int?
    @Option(help: "Filen der skrives (ellers standard output).") var out: String?
    @Flag(help: "Skriv over en fil, som bydelsmor ikke selv har skrevet.") var force = false
    @Option(help: "Med --format json: skriv gruppens anonyme sammendrag til landsopgørelsen (bydelsmor rollup), under dette navn.") var group: String?

    func run() throws {
        let lang = try common.language()
        let y = year ?? common.today.year
        guard Day.years.contains(y) else { throw ValidationError("--year skal være et årstal i \(Day.years.lowerBound)–\(Day.years.upperBound), fx 2027 (fik \(y))") }
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            if let g = group {
                // Only counts and amounts travel: never a name, phone, note, place or teacher.
                guard format == .json else { throw ValidationError("--group skriver et sammendrag i JSON; brug --format json") }
                let summary: GroupSummary
                do throws(Message) { summary = try GroupSummary(state: store.state, year: y, group: g) } catch { throw CLIFailure(StoreError.refused(error), lang) }
                try emit(summary.json(), to: out, journal: common.journalPath, force: force, lang: lang)
                return
            }
            let r = YearReport(state: store.state, year: y)
            try emit(format == .html ? r.html(lang) : format == .json ? r.json() : r.markdown(lang), to: out, journal: common.journalPath, force: force, lang: lang)
        }
    }
}

enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case markdown, html, json
}
