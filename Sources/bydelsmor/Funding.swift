import ArgumentParser
import BydelsmorCore
import Foundation

/// Funding: `add funding` with its details, a decision, a report sent.
struct AddFunding: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "funding",
            abstract: H("En fondsansøgning: fonden, ansøgt beløb og dato; puljen, formålet, fristen, projektperioden, rapportens frist og betingelserne; til projektet eller foreningen."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Fonden eller puljen.")) var funder: String
    @Option(parsing: .unconditional, help: H("Ansøgt beløb i kroner.")) var applied: String
    @Option(help: H("Ansøgningens dato.")) var date: String
    @Option(help: H("Puljen, fx \"§18 Ishøj Kommune\" eller PUF.")) var pool: String = ""
    @Option(help: H("Formålet.")) var purpose: String = ""
    @Option(help: H("Ansøgningsfristen.")) var deadline: String?
    @Option(name: .customLong("period-from"), help: H("Projektperiodens start.")) var periodFrom: String?
    @Option(name: .customLong("period-to"), help: H("Projektperiodens slut.")) var periodTo: String?
    @Option(name: .customLong("report-due"), help: H("Rapportens frist.")) var reportDue: String?
    @Option(help: H("Betingelserne som tekst.")) var conditions: String = ""
    @Option(name: .customLong("for"), help: H("project (standard) eller association: hvem der søger og får pengene."))
    var holder: String = "project"

    func run() throws {
        let lang = try common.language()
        let a = try money(applied, option: "--applied"), d = try day(date, option: "--date")
        guard let h = FundingHolder(rawValue: holder) else {
            throw usageError("--for skal være project eller association (fik \"\(holder)\")",
                             "--for must be project or association (got \"\(holder)\")")
        }
        var details = FundingDetails()
        details.pool = pool.trimmed(); details.purpose = purpose.trimmed(); details.conditions = conditions; details.holder = h
        details.deadline = try deadline.map { try day($0, option: "--deadline") }
        details.periodFrom = try periodFrom.map { try day($0, option: "--period-from") }
        details.periodTo = try periodTo.map { try day($0, option: "--period-to") }
        details.reportDue = try reportDue.map { try day($0, option: "--report-due") }
        let withDetails = details != FundingDetails()
        try writing(common, lang) { store in
            var steps: [Store.Step] = [{ _ in .fundingApplied(id: 0, funder: funder.trimmed(), applied: a, date: d) }]
            if withDetails { steps.append { st in .fundingDetails(id: st.funding.lastID, details: details) } }
            let r = try store.commit(steps: steps)
            guard case .fundingApplied(let id, _, _, _) = r[0].entry.event else { return }
            say(lang.t("Ansøgning \(RecordKind.funding.ref(id)) til \(funder.trimmed()): \(a.formatted(.da)).",
                       "Application \(RecordKind.funding.ref(id)) to \(funder.trimmed()): \(a.formatted(.en))."))
            say(RecordKind.funding.ref(id))
        }
    }
}

struct FundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "funding",
            abstract: H("Fondsansøgninger: decide, report, reported."), subcommands: [FundingDecide.self, FundingReportCommand.self,
                                                                                   FundingReported.self])
}

struct FundingDecide: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decide",
            abstract: H("Registrér afgørelsen på en ansøgning (bevilget beløb; 0 = afslag)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Ansøgningens id, fx f1.")) var id: String
    @Option(parsing: .unconditional, help: H("Bevilget beløb i kroner (0 ved afslag).")) var granted: String
    @Option(help: H("Afgørelsens dato.")) var date: String

    func run() throws {
        let lang = try common.language()
        let n = try recordID(id, FundingApplication.self, option: "ID"), d = try day(date, option: "--date")
        let g: Money = granted.trimmed() == "0" ? .zero : try money(granted, option: "--granted")
        try writing(common, lang) { store in
            try store.commit { (_) throws(Message) -> Event in .fundingDecided(id: n, granted: g, date: d) }
            say(g == .zero ? lang.t("Afslag på \(RecordKind.funding.ref(n)) registreret.",
                                    "Refusal of \(RecordKind.funding.ref(n)) recorded.")
                           : lang.t("Bevilget \(g.formatted(.da)) på \(RecordKind.funding.ref(n)).",
                                    "Granted \(g.formatted(.en)) on \(RecordKind.funding.ref(n))."))
        }
    }
}

struct FundingReported: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reported",
            abstract: H("Rapporten for en bevilling er sendt til fonden (pligten i årshjulet er gjort)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bevillingen, fx f2.")) var id: String
    @Option(help: H("Dagen (standard: i dag).")) var date: String?

    func run() throws {
        let lang = try common.language()
        let f = try recordID(id, FundingApplication.self, option: "ID"), d = try date.map { try day($0, option: "--date") } ?? common.today
        try writing(common, lang) { store in
            try store.commit { (s) throws(Message) -> Event in
                guard let g = s.funding.at(f), !g.removed, (g.granted ?? .zero) > .zero else {
                    throw Message("\(f.ref) er ikke en bevilling", "\(f.ref) is not a grant", field: "id")
                }
                return .dutyDone(key: "report:\(f.ref)", date: d)
            }
            say(lang.t("Rapporten for \(f.ref) er sendt \(lang.shortDate(d)).", "The report on \(f.ref) was sent on \(lang.shortDate(d))."))
        }
    }
}
