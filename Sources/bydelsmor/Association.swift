import ArgumentParser
import BydelsmorCore
import Foundation

/// Phase 4: `bydelsmor association …` — the association, its members, board, meetings, book and
/// year wheel. Every command that adds a record prints its id last.
struct AssociationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "association", abstract: H("Foreningen (fase 4): found, join, leave, fee, board, meeting, income, expense, deadline, done, duties, accounts."),
        subcommands: [AssociationFound.self, AssociationJoin.self, AssociationLeave.self, AssociationFee.self, AssociationBoard.self,
                      AssociationMeeting.self, AssociationIncome.self, AssociationExpense.self, AssociationDeadline.self, AssociationDone.self,
                      AssociationDuties.self, AssociationAccountsCommand.self, AssociationHandover.self, AssociationWheel.self])
}

/// The live membership of a volunteer (the one she has not left, else her latest).
private func membership(_ s: ProjectState, _ v: VolunteerID) throws(Message) -> Membership {
    guard let m = s.memberships.last(where: { !$0.removed && $0.volunteer == v && $0.left == nil }) ?? s.memberships.last(where: { !$0.removed && $0.volunteer == v }) else {
        throw Message("\(v.ref) er ikke medlem af foreningen", "\(v.ref) is not a member of the association", field: "volunteer")
    }
    return m
}

struct AssociationFound: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "found",
            abstract: H("Stift foreningen: navn, dato og evt. CVR-nummer (8 cifre)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Foreningens navn.")) var name: String
    @Option(help: H("Stiftelsesdagen.")) var date: String
    @Option(help: H("CVR-nummeret (8 cifre), når foreningen har et.")) var cvr: String = ""

    func run() throws {
        let lang = try common.language()
        let d = try day(date, option: "--date")
        let cvrDigits = cvr.filter { !$0.isWhitespace }
        try writing(common, lang) { store in
            let r = try store.commit { _ in .associationFounded(AssociationFields(id: 0, name: name.trimmed(), founded: d,
                                                                                  cvr: cvrDigits)) }
            guard case .associationFounded(let a) = r.entry.event else { return }
            say(lang.t("Foreningen \(a.name) er stiftet \(lang.shortDate(a.founded)).",
                       "The association \(a.name) was founded on \(lang.shortDate(a.founded))."))
            say(a.id.ref)
        }
    }
}

struct AssociationJoin: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "join", abstract: H("En bydelsmor bliver medlem af foreningen."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmoren, fx v3.")) var volunteer: String
    @Option(help: H("Indmeldelsesdagen.")) var date: String

    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "VOLUNTEER"), d = try day(date, option: "--date")
        try writing(common, lang) { store in
            let r = try store.commit { _ in .memberJoined(id: 0, volunteer: v, date: d) }
            guard case .memberJoined(let id, _, _) = r.entry.event else { return }
            say(lang.t("\(store.state.volunteer(v)?.name ?? v.ref) er meldt ind \(lang.shortDate(d)).",
                       "\(store.state.volunteer(v)?.name ?? v.ref) joined on \(lang.shortDate(d))."))
            say(id.ref)
        }
    }
}

struct AssociationLeave: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leave", abstract: H("En bydelsmor melder sig ud af foreningen."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmoren, fx v3.")) var volunteer: String
    @Option(help: H("Udmeldelsesdagen.")) var date: String

    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "VOLUNTEER"), d = try day(date, option: "--date")
        try writing(common, lang) { store in
            try store.commit { (s) throws(Message) -> Event in .memberLeft(id: try membership(s, v).id, date: d) }
            say(lang.t("\(store.state.volunteer(v)?.name ?? v.ref) er meldt ud \(lang.shortDate(d)).",
                       "\(store.state.volunteer(v)?.name ?? v.ref) left on \(lang.shortDate(d))."))
        }
    }
}

struct AssociationFee: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fee",
            abstract: H("Et medlems kontingent for et år (indtægt i foreningens regnskab)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Medlemmet, fx v3.")) var volunteer: String
    @Option(help: H("Året kontingentet gælder.")) var year: Int
    @Option(parsing: .unconditional, help: H("Beløbet i kroner.")) var amount: String
    @Option(help: H("Indbetalingsdagen (standard: i dag).")) var date: String?

    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "VOLUNTEER"), a = try money(amount, option: "--amount")
        guard Day.years.contains(year) else { throw usageError("--year skal være et årstal, fx 2028 (fik \(year))",
                                                               "--year must be a year, e.g. 2028 (got \(year))") }
        let d = try date.map { try day($0, option: "--date") } ?? common.today
        try writing(common, lang) { store in
            try store.commit { (s) throws(Message) -> Event in .memberFee(id: try membership(s, v).id, year: year, amount: a, date: d) }
            say(lang.t("Kontingent \(year) for \(store.state.volunteer(v)?.name ?? v.ref): ",
                       "Membership fee \(year) for \(store.state.volunteer(v)?.name ?? v.ref): ") + a.formatted(lang))
        }
    }
}

struct AssociationBoard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "board",
            abstract: H("En post i bestyrelsen: forkvinde, næstforkvinde, kasserer, sekretær, menigt medlem eller suppleant."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Medlemmet, fx v3.")) var volunteer: String
    @Option(help: H("Posten: forkvinde, næstforkvinde, kasserer, sekretær, menigt-medlem, suppleant (eller chair, vice-chair, treasurer, secretary, member, substitute)."))
    var role: String
    @Option(help: H("Fra dato.")) var from: String
    @Option(help: H("Til dato (ellers uden slutdato).")) var to: String?

    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "VOLUNTEER")
        guard let r = BoardRoleKind(word: role) else {
            let da = BoardRoleKind.allCases.map { $0.label(.da) }.joined(separator: ", ")
            throw usageError("--role skal være en af: \(da) (fik \"\(role)\")",
                             "--role must be one of: \(BoardRoleKind.tokens) (got \"\(role)\")")
        }
        let f = try day(from, option: "--from"), t = try to.map { try day($0, option: "--to") }
        try writing(common, lang) { store in
            let res = try store.commit { _ in .boardRole(BoardRole(id: 0, volunteer: v, role: r, from: f, to: t)) }
            guard case .boardRole(let b) = res.entry.event else { return }
            say(lang.t("\(store.state.volunteer(v)?.name ?? v.ref) er \(r.label(.da)) fra \(lang.shortDate(f)).",
                       "\(store.state.volunteer(v)?.name ?? v.ref) is \(r.label(.en)) from \(lang.shortDate(f))."))
            say(b.id.ref)
        }
    }
}

struct AssociationMeeting: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meeting",
            abstract: H("En generalforsamling eller et bestyrelsesmøde: dato, fremmødte medlemmer, referat og beslutninger."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("general-assembly eller board.")) var kind: String
    @Option(help: H("Dagen.")) var date: String
    @Option(help: H("Fremmødte medlemmer, fx v1,v2,v5.")) var present: String = ""
    @Option(help: H("Referatet (privat: aldrig på en offentlig skærm).")) var minutes: String = ""
    @Option(help: H("Beslutninger, én pr. linje.")) var decisions: String = ""
    @Option(help: H("Titlen (standard: mødets slags).")) var title: String?
    @Option(help: H("Starttid.")) var start: String = "17:00"
    @Option(help: H("Sluttid.")) var end: String = "19:00"
    @Option(help: H("Sted.")) var place: String = ""

    func run() throws {
        let lang = try common.language()
        guard let k = ActivityKind(rawValue: kind), k == .assembly || k == .board else {
            throw usageError("--kind skal være general-assembly eller board (fik \"\(kind)\")",
                             "--kind must be general-assembly or board (got \"\(kind)\")")
        }
        let d = try day(date, option: "--date"), s = try clock(start, option: "--start"), e = try clock(end, option: "--end")
        let who = try present.split(separator: ",").map { try recordID(String($0).trimmed(), Volunteer.self, option: "--present") }
        try writing(common, lang) { store in
            var steps: [Store.Step] = [{ st in
                _ = try st.foundedAssociation(by: d)
                return .activityAdded(ActivityFields(id: 0, kind: k, title: (title ?? k.label(.da).capitalizedFirst).trimmed(), date: d,
                                                     start: s, end: e, place: place.trimmed(),
                                                     participants: who.isEmpty ? nil : who.count))
            }]
            if !who.isEmpty { steps.append { st in .activityAttendance(id: st.activities.lastID, present: who) } }
            if !minutes.isEmpty || !decisions.isEmpty { steps.append { st in .activityMinutes(id: st.activities.lastID, minutes: minutes, decisions: decisions) } }
            let r = try store.commit(steps: steps)
            guard case .activityAdded(let a) = r[0].entry.event else { return }
            say(lang.t("\(k.label(.da).capitalizedFirst) \(lang.shortDate(d)) med \(who.count) fremmødte.",
                       "\(k.label(.en).capitalizedFirst) on \(lang.shortDate(d)) with \(who.count) present."))
            say(a.id.ref)
        }
    }
}

struct BookOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: H("Beløbet i kroner.")) var amount: String
    @Option(help: H("Dagen.")) var date: String
    @Option(help: H("Bevillingen udgiften bogføres mod, fx f2.")) var funding: String?
    @Option(help: H("Bilagets nummer, eller hvor det ligger.")) var receipt: String = ""
    @Option(help: H("En note.")) var note: String = ""
}

extension ParsableCommand {
/// Books one entry in the association's book and says it.
func book(_ common: CommonOptions, _ o: BookOptions, _ direction: AccountDirection, line: String) throws {
    let lang = try common.language()
    let a = try money(o.amount, option: "--amount"), d = try day(o.date, option: "--date")
    let f = try o.funding.map { try recordID($0, FundingApplication.self, option: "--funding") }
    try writing(common, lang) { store in
        let r = try store.commit { _ in .accountEntry(AccountEntry(id: 0, date: d, direction: direction, line: line, amount: a, funding: f,
                                                                   receipt: o.receipt.trimmed(), note: o.note)) }
        guard case .accountEntry(let e) = r.entry.event else { return }
        say(lang.t("Bogført: ", "Booked: ") + r.entry.event.words(store.state, lang) + " " + lang.shortDate(d) + ".")
        if direction == .income, line == IncomeSource.fees.rawValue,
           store.state.memberships.contains(where: { m in m.fees.contains { $0.year == d.year } }) {
            complain("bydelsmor: " + lang.t("advarsel: der er også registreret kontingent på medlemmerne i \(d.year); tæl det ikke to gange",
                                            "warning: membership fees are also recorded on the members in \(d.year); do not count them twice"))
        }
        if let f, let g = store.state.funding.at(f), let granted = g.granted {
            let spent = store.state.spent(from: f)
            if spent > granted {
                complain("bydelsmor: " + lang.t("advarsel: der er brugt \(spent.formatted(.da)) af bevillingen \(f.ref) på \(granted.formatted(.da))",
                                                "warning: \(spent.formatted(.en)) has been spent of the grant \(f.ref) of \(granted.formatted(.en))"))
            }
            if let p = g.details.periodFrom, d < p || (g.details.periodTo.map { d > $0 } ?? false) {
                complain("bydelsmor: " + lang.t("advarsel: \(lang.shortDate(d)) ligger uden for bevillingens projektperiode",
                                                "warning: \(lang.shortDate(d)) is outside the grant's project period"))
            }
        }
        say(e.id.ref)
    }
}
}

struct AssociationIncome: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "income",
            abstract: H("En indtægt i foreningens regnskab: tilskud, kontingent, gave eller anden indtægt."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("grant, fees, donation eller other (et medlems kontingent registreres bedst med association fee; et tilskud mod en bevilling med --funding)."))
    var source: String
    @OptionGroup var entry: BookOptions

    func run() throws {
        guard IncomeSource(rawValue: source) != nil else {
            throw usageError("--source skal være en af: \(IncomeSource.tokens) (fik \"\(source)\")",
                             "--source must be one of: \(IncomeSource.tokens) (got \"\(source)\")")
        }
        try book(common, entry, .income, line: source)
    }
}

struct AssociationExpense: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expense",
            abstract: H("En udgift på en af foreningens egne linjer (aldrig en linje i kommunens budget)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Foreningens linje, fx Forplejning eller Transport.")) var line: String
    @OptionGroup var entry: BookOptions

    func run() throws { try book(common, entry, .expense, line: line.trimmed()) }
}

struct AssociationDeadline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadline",
            abstract: H("En fonds ansøgningsfrist: sat én gang, hvert år igen (--once: kun i år)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Fonden eller puljen.")) var funder: String
    @Option(help: H("Fristen.")) var date: String
    @Flag(help: H("Kun denne ene gang, ikke hvert år.")) var once = false

    func run() throws {
        let lang = try common.language()
        let d = try day(date, option: "--date")
        try writing(common, lang) { store in
            let r = try store.commit { _ in .deadlineAdded(FundDeadline(id: 0, funder: funder.trimmed(), date: d, yearly: !once)) }
            guard case .deadlineAdded(let x) = r.entry.event else { return }
            say(lang.t("Ansøgningsfrist \(x.funder) \(lang.shortDate(d))\(once ? "" : ", hvert år").",
                       "Application deadline \(x.funder) \(lang.shortDate(d))\(once ? "" : ", every year")."))
            say(x.id.ref)
        }
    }
}

struct AssociationDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done",
            abstract: H("Markér en pligt i årshjulet som gjort (fx accounts:2029 eller report:f2; se association duties)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Pligten, som association duties viser den.")) var duty: String
    @Option(help: H("Dagen (standard: i dag).")) var date: String?
    @Flag(help: H("Ikke gjort alligevel.")) var not = false

    func run() throws {
        let lang = try common.language()
        let d = try date.map { try day($0, option: "--date") } ?? common.today
        try writing(common, lang) { store in
            try store.commit { _ in .dutyDone(key: duty.trimmed(), date: not ? nil : d) }
            say(lang.t("Gemt: ", "Saved: ") + Event.dutyDone(key: duty.trimmed(), date: not ? nil : d).words(store.state, lang) + ".")
        }
    }
}

struct AssociationDuties: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "duties",
            abstract: H("Årshjulet: årets pligter med frist, og om de er gjort."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Året (standard: i år).")) var year: Int?

    func run() throws {
        let lang = try common.language()
        let today = common.today
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            guard store.state.association != nil else {
                throw CLIFailure(StoreError.refused(Message("foreningen er ikke stiftet endnu",
                                                            "the association has not been founded yet")), lang)
            }
            for d in YearWheel.duties(store.state, year: year ?? today.year, today: today, lang) {
                let state = d.done.map { lang.t("gjort ",
                                                "done ") + lang.shortDate($0) } ?? (d.due < today ? lang.t("forsinket",
                                                                                                           "late") : lang.t("åben", "open"))
                say("\(lang.shortDate(d.due))  \(d.key)  \(d.what) — \(state)")
            }
        }
    }
}
