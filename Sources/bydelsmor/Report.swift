import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("Udvalgets årsrapport i Markdown, HTML eller JSON (kun det års tal)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Formatet.")) var format: ReportFormat = .markdown
    @Option(help: H("Året (standard: i år).")) var year: Int?
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false
    @Option(help: H("Med --format json: skriv gruppens anonyme sammendrag til landsopgørelsen (bydelsmor rollup), under dette navn. Ellers: gruppens navn øverst på hver side.")) var group: String?

    func run() throws {
        let lang = try common.language()
        let y = year ?? common.today.year
        guard Day.years.contains(y) else { throw usageError("--year skal være et årstal i \(Day.years.lowerBound)–\(Day.years.upperBound), fx 2027 (fik \(y))", "--year must be a year in \(Day.years.lowerBound)–\(Day.years.upperBound), e.g. 2027 (got \(y))") }
        let today = common.today
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            guard FrozenYear.hasData(store.state, year: y) else {
                let start = store.state.projectStart.map { lang.t(": projektet begyndte ",
                                                                  ": the project began ") + lang.shortDate($0) } ?? ""
                throw CLIFailure(StoreError.refused(Message("ingen data for \(y)\(start)", "no data for \(y)\(start)")), lang)
            }
            // A past year as it stood at its end, plus the corrections dated into it (listed).
            func frozen(_ year: Int) throws -> FrozenYear {
                guard year < today.year, let last = Day(year: year, month: 12, day: 31) else {
                    return FrozenYear(year: year, end: store.state, now: store.state, lang: lang)
                }
                let end: ProjectState
                do throws(StoreError) { end = try FrozenYear.state(ofJournal: store.path,
                                                                   through: last) } catch { throw CLIFailure(error, lang) }
                return FrozenYear(year: year, end: end, now: store.state, lang: lang)
            }
            let f = try frozen(y)
            if group != nil && format == .json {
                // Only counts and amounts travel: never a name, phone, note, place or teacher.
                let summary: GroupSummary
                do throws(Message) { summary = try GroupSummary(state: f.state, year: y, group: group!,
                                                                today: today) } catch { throw CLIFailure(StoreError.refused(error), lang) }
                try emit(summary.json(), to: out, journal: common.journalPath, force: force, lang: lang)
                return
            }
            var r = YearReport(state: f.state, year: y, today: today, corrections: f.corrections)
            r.group = group?.trimmed()
            r.madeBy = common.actorName
            if FrozenYear.hasData(store.state, year: y - 1) {
                r.previous = YearReport(state: try frozen(y - 1).state, year: y - 1, today: today).keyFigures
            }
            try emit(format == .html ? r.html(lang) : format == .json ? r.json() : r.markdown(lang), to: out, journal: common.journalPath,
                     force: force, lang: lang)
        }
    }
}

enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case markdown, html, json
}
