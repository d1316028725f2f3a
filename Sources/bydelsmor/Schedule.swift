import ArgumentParser
import BydelsmorCore

/// `bydelsmor schedule`: the rest of a hold's modules, one a week, as one change.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: H("Planlæg resten af holdets moduler ugentligt (springer helligdage og skoleferier over), som én ændring."),
        discussion: H("Eksempel: bydelsmor schedule --hold h2 --from 05.01.2027 --weekday tirsdag --start 17:00 --end 20:00 --place \"Ishøj Bibliotek\""))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Holdet, fx h2 (standard: holdet der kører på --from, ellers det nyeste; uden hold: ingen).")) var hold: String?
    @Option(help: H("Første mulige dato.")) var from: String
    @Option(help: H("Ugedagen: tirsdag, ti, tue …")) var weekday: Weekday
    @Option(help: H("Starttid, fx 17:00.")) var start: String
    @Option(help: H("Sluttid, fx 20:00.")) var end: String
    @Option(help: H("Sted.")) var place: String
    @Option(help: H("Underviser.")) var teacher: String = ""
    @Flag(name: .customLong("dry-run"), help: H("Vis listen uden at skrive.")) var dryRun = false

    func run() throws {
        let lang = try common.language()
        let d = try day(from, option: "--from"), s = try clock(start, option: "--start"), e = try clock(end, option: "--end")
        let h = try hold.map { try recordID($0, Hold.self, option: "--hold") }
        try writing(common, lang) { store in
            if let p = store.problem { throw StoreError.journal(p) }
            let st = store.state
            let chosen = h ?? (st.holds.isEmpty ? nil : (st.holdRunning(on: d) ?? st.holds.last(where: { !$0.removed }))?.id)
            let plan: SeriesPlan
            do throws(Message) {
                plan = try SeriesPlan(SeriesRequest(hold: chosen, from: d, weekday: weekday.number, start: s, end: e,
                                                    place: place.trimmed(), teacher: teacher.trimmed()),
                                      state: st, lang: lang)
            } catch { throw StoreError.refused(error) }
            let name = chosen.flatMap { st.hold($0)?.name }.map { " (\($0))" } ?? ""
            say(lang.t("\(plan.sessions.count) modulgange\(name):", "\(plan.sessions.count) sessions\(name):"))
            say(plan.lines(lang).joined(separator: "\n"))
            if dryRun { say(lang.t("Prøvekørsel: intet er skrevet.", "Dry run: nothing was written.")); return }
            // One change: all the sessions or none.
            let results = try store.commit(steps: plan.sessions.map { f in { _ in .sessionScheduled(f) } })
            say(lang.t("Planlagt: \(results.count) modulgange.", "Scheduled: \(results.count) sessions."))
        }
    }
}

enum Weekday: String, CaseIterable, ExpressibleByArgument {
    case mon, tue, wed, thu, fri, sat, sun
    var number: Int { Weekday.allCases.firstIndex(of: self)! + 1 }

    static let danish = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

    /// `tue`, or the day in Danish: the whole name or its start of two letters or more (`tirsdag`,
    /// `tirs`, `ti`), in any case.
    init?(argument: String) {
        let a = argument.lowercased()
        if let w = Weekday(rawValue: a) { self = w; return }
        let hits = Weekday.allCases.filter { a.count >= 2 && Weekday.danish[$0.number - 1].hasPrefix(a) }
        guard hits.count == 1 else { return nil }
        self = hits[0]
    }

    static var allValueStrings: [String] { danish + allCases.map(\.rawValue) }
}
