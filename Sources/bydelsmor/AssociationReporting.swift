import ArgumentParser
import BydelsmorCore
import Foundation

/// What the association hands in and over: its accounts, the handover to the board, a grant's
/// report and the year wheel's dates.
struct AssociationAccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accounts",
            abstract: H("Foreningens årsregnskab (kalenderåret) til generalforsamlingen: Markdown, HTML eller JSON."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Året (standard: sidste år).")) var year: Int?
    @Option(help: H("Formatet.")) var format: ReportFormat = .markdown
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false

    func run() throws {
        let lang = try common.language()
        let today = common.today
        let y = year ?? today.year - 1
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            guard let a = store.state.association else {
                throw CLIFailure(StoreError.refused(Message("foreningen er ikke stiftet endnu",
                                                            "the association has not been founded yet")), lang)
            }
            guard y >= a.founded.year, y <= today.year else {
                throw CLIFailure(StoreError.refused(Message("foreningen har intet regnskab for \(y) (stiftet \(a.founded.year))",
                                                            "the association has no accounts for \(y) (founded \(a.founded.year))")), lang)
            }
            let acc = AssociationAccounts(store.state, year: y, lang: lang)
            try emit(format == .html ? acc.html(lang, madeOn: today) : format == .json ? acc.json() : acc.markdown(lang, madeOn: today),
                     to: out, journal: common.journalPath, force: force, lang: lang)
        }
    }
}

struct AssociationHandover: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "handover",
            abstract: H("En ny journal til foreningen: medlemmer der har givet samtykke, regnskab, bevillinger og årshjul; projektets historie kun som tal."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Den nye journal (må ikke findes i forvejen, medmindre --force).")) var out: String
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false

    func run() throws {
        let lang = try common.language()
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            let h: Handover
            do throws(Message) {
                h = try Handover(store.state, actor: "overdragelse", at: CommonOptions.clockNow(), today: common.today)
            } catch { throw CLIFailure(StoreError.refused(error), lang) }
            try emit(h.text, to: out, journal: common.journalPath, force: force, lang: lang)
            say(lang.t("Overdraget til \(out): \(lang.count(h.members, "medlem", "medlemmer")) med samtykke, \(lang.count(h.meetings, "møde", "møder")), \(lang.count(h.entries, "postering", "posteringer")), \(lang.count(h.grants, "bevilling", "bevillinger")).",
                       "Handed over to \(out): \(lang.count(h.members, "member", "members")) who consented, \(lang.count(h.meetings, "meeting", "meetings")), \(lang.count(h.entries, "entry", "entries")), \(lang.count(h.grants, "grant", "grants"))."))
            if h.leftOut > 0 {
                say(lang.t("\(lang.count(h.leftOut, "medlem", "medlemmer")) uden samtykke er ikke med (registrér samtykket først, hvis hun vil med).",
                           "\(lang.count(h.leftOut, "member", "members")) without consent \(h.leftOut == 1 ? "is" : "are") left out (record her consent first if she wants to come along)."))
            }
        }
    }
}

struct FundingReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report",
            abstract: H("Rapporten til fonden for en bevilling: forbrug efter linje, aktiviteter i perioden, rest og tilbagebetaling."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bevillingen, fx f2.")) var id: String
    @Option(help: H("Formatet.")) var format: ReportFormat = .markdown
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false

    func run() throws {
        let lang = try common.language()
        let f = try recordID(id, FundingApplication.self, option: "ID")
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            let r: GrantReport
            do throws(Message) { r = try GrantReport(store.state, funding: f,
                                                     today: common.today) } catch { throw CLIFailure(StoreError.refused(error), lang) }
            try emit(format == .html ? r.html(lang) : format == .json ? r.json() : r.markdown(lang), to: out, journal: common.journalPath,
                     force: force, lang: lang)
        }
    }
}

extension String {
    /// The first letter upper case: "Generalforsamling".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// `bydelsmor volunteer consent|contract|stage v1 v2 … --date D`: the paperwork of a whole hold in
/// one change (undone as one), as the evening they sign is.

struct AssociationWheel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wheel",
            abstract: H("Årshjulets datoer: generalforsamling og regnskab senest (MM-DD), og hvor mange uger før en pligt vises."))
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("assembly-by"), help: H("Generalforsamlingen senest, MM-DD (standard 03-01).")) var assemblyBy: String?
    @Option(name: .customLong("accounts-by"),
            help: H("Regnskabet til sekretariatet senest, MM-DD (standard 03-01).")) var accountsBy: String?
    @Option(name: .customLong("notice-weeks"), help: H("Uger før fristen en pligt vises (standard 6).")) var noticeWeeks: Int?

    func run() throws {
        let lang = try common.language()
        func monthDay(_ text: String?, _ option: String) throws -> (Int, Int)? {
            guard let text else { return nil }
            guard let md = WheelSettings.monthDay(text.trimmed()) else {
                throw usageError("\(option) skal være MM-DD, en dag der findes hvert år, fx 03-01 (fik \"\(text)\")",
                                 "\(option) must be MM-DD, a day of every year, e.g. 03-01 (got \"\(text)\")")
            }
            return md
        }
        let a = try monthDay(assemblyBy, "--assembly-by"), c = try monthDay(accountsBy, "--accounts-by")
        if let w = noticeWeeks, !(0...52).contains(w) { throw usageError("--notice-weeks skal være 0–52 (fik \(w))",
                                                                         "--notice-weeks must be 0–52 (got \(w))") }
        guard a != nil || c != nil || noticeWeeks != nil else {
            throw usageError("sig hvad der skal ændres: --assembly-by, --accounts-by eller --notice-weeks",
                             "say what to change: --assembly-by, --accounts-by or --notice-weeks")
        }
        try writing(common, lang) { store in
            let r = try store.commit { s in
                var w = s.wheel
                if let a { w.assemblyMonth = a.0; w.assemblyDay = a.1 }
                if let c { w.accountsMonth = c.0; w.accountsDay = c.1 }
                if let n = noticeWeeks { w.noticeDays = n * 7 }
                return .wheelSet(w)
            }
            say(lang.t("Gemt: ", "Saved: ") + r.entry.event.words(store.state, lang) + ".")
        }
    }
}
