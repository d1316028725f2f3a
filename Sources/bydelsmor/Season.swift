import ArgumentParser
import BydelsmorCore
import Foundation

// The coordinator's season (issue 24): a hold's paperwork in one go, who came to what, the
// evaluation and the diplomas at the end of a hold.

struct VolunteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "volunteer",
            abstract: H("Bydelsmødre i flok: set (hold, kontrakt, samtykke, trin for flere på én gang)."),
                                                    subcommands: [VolunteerSet.self])
}

/// `bydelsmor volunteer set v1,v2,v3 [--hold h2] [--contract D] [--consent D] [--stage S]`: the
/// paperwork of a whole hold in one change (one write, undone as one), as the evening they sign is.
struct VolunteerSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set",
            abstract: H("Sæt hold, kontraktdato, samtykkedato eller trin for flere bydelsmødre i én ændring."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmødrene, fx v1,v2,v5 (eller v1 v2 v5).")) var volunteers: [String]
    @Option(help: H("Holdet, fx h2 (hun bliver \"under uddannelse\").")) var hold: String?
    @Option(help: H("Dagen hun skrev under på frivilligkontrakten (- fjerner den).")) var contract: String?
    @Option(help: H("Dagen hun gav samtykke (- fjerner det).")) var consent: String?
    @Option(help: H("Trinnet: candidate, in-training, graduated, active, paused eller left.")) var stage: String?

    func run() throws {
        let lang = try common.language()
        let refs = volunteers.flatMap { $0.split(separator: ",").map { String($0).trimmed() } }.filter { !$0.isEmpty }
        guard !refs.isEmpty else { throw usageError("nævn mindst én bydelsmor, fx v3", "name at least one volunteer, e.g. v3") }
        let ids = try refs.map { try recordID($0, Volunteer.self, option: "VOLUNTEERS") }
        guard Set(ids).count == ids.count else { throw usageError("en bydelsmor står to gange", "a volunteer is listed twice") }
        guard hold != nil || contract != nil || consent != nil || stage != nil else {
            throw usageError("sig hvad der skal sættes: --hold, --contract, --consent eller --stage",
                             "say what to set: --hold, --contract, --consent or --stage")
        }
        let h = try hold.map { try recordID($0, Hold.self, option: "--hold") }
        func optionalDay(_ text: String?, _ option: String) throws -> Day?? {
            guard let text else { return nil }
            return text.trimmed() == "-" ? .some(nil) : .some(try day(text, option: option))
        }
        let contractDay = try optionalDay(contract, "--contract"), consentDay = try optionalDay(consent, "--consent")
        let st = try stage.map { s -> VolunteerStage in
            guard let v = VolunteerStage(rawValue: s) else {
                throw usageError("--stage skal være en af: \(VolunteerStage.tokens) (fik \"\(s)\")",
                                 "--stage must be one of: \(VolunteerStage.tokens) (got \"\(s)\")")
            }
            return v
        }
        try writing(common, lang) { store in
            // Only what changes is written: a woman already so is left as she is.
            var steps: [Store.Step] = []
            for id in ids {
                steps.append { s in
                    guard let v = s.volunteer(id), !v.removed else { throw Message("bydelsmor \(id.ref) findes ikke",
                                                                                   "volunteer \(id.ref) does not exist", field: "volunteer") }
                    return h.flatMap { $0 == v.hold ? nil : .volunteerHold(id: id, hold: $0) }
                }
                steps.append { s in
                    let target = st ?? (h != nil && s.volunteer(id)?.stage == .candidate ? .training : nil)
                    return target.flatMap { $0 == s.volunteer(id)?.stage ? nil : .volunteerStage(id: id, stage: $0) }
                }
                steps.append { s in contractDay.flatMap { d in d == s.volunteer(id)?.contractSigned ? nil : .volunteerContract(id: id, date: d) } }
                steps.append { s in consentDay.flatMap { d in d == s.volunteer(id)?.consent ? nil : .volunteerConsent(id: id, date: d) } }
            }
            let written = try store.commit(steps: steps)
            if written.isEmpty {
                say(lang.t("Intet at ændre: det står allerede sådan for alle.", "Nothing to change: it is so for all of them already."))
            } else {
                say(lang.t("Gemt for \(lang.count(ids.count, "bydelsmor", "bydelsmødre")) i én ændring (\(lang.count(written.count, "linje", "linjer"))).",
                           "Saved for \(lang.count(ids.count, "volunteer", "volunteers")) in one change (\(lang.count(written.count, "line", "lines")))."))
            }
        }
    }
}

/// `bydelsmor activity attendance a3 --present v1,v2 [--absent v3]`: who came to an activity, in
/// one write.
struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "activity",
            abstract: H("Aktiviteter: attendance (hvem kom)."), subcommands: [ActivityAttendanceCommand.self])
}

struct ActivityAttendanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attendance",
            abstract: H("Hvem kom til en aktivitet (månedsmøde, netværksmøde, efteruddannelse …)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Aktiviteten, fx a3.")) var id: String
    @Option(help: H("De fremmødte, fx v1,v2.")) var present: String = ""
    @Option(help: H("Dem der ikke kom (fjernes fra de fremmødte).")) var absent: String = ""

    func run() throws {
        let lang = try common.language()
        let a = try recordID(id, ActivityFields.self, option: "ID")
        func ids(_ text: String, _ option: String) throws -> [VolunteerID] {
            try text.split(separator: ",").map { try recordID(String($0).trimmed(), Volunteer.self, option: option) }
        }
        let here = try ids(present, "--present"), away = try ids(absent, "--absent")
        guard !here.isEmpty || !away.isEmpty else { throw usageError("sig hvem: --present og/eller --absent",
                                                                     "say who: --present and/or --absent") }
        if let both = here.first(where: { away.contains($0) }) {
            throw usageError("\(both.ref) står både som mødt og ikke mødt", "\(both.ref) is listed both as present and as absent")
        }
        try writing(common, lang) { store in
            let r = try store.commit { (s) throws(Message) -> Event in
                guard let x = s.activities.at(a), !x.removed else { throw Message("aktivitet \(a.ref) findes ikke",
                                                                                  "activity \(a.ref) does not exist", field: "id") }
                let now = Set(x.present).union(here).subtracting(away)
                return .activityAttendance(id: a, present: now.sorted())
            }
            say(lang.t("Gemt: ", "Saved: ") + r.entry.event.words(store.state, lang) + ".")
        }
    }
}

struct DiplomasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diplomas",
            abstract: H("Diplomlisten for et hold (hvem har nået kravet, hvem mangler ét modul) og diplomerne til at printe, ét A4-ark pr. kvinde (--format html)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Holdet, fx h2.")) var hold: String
    @Option(help: H("Formatet: markdown (listen), html (diplomerne) eller json.")) var format: ReportFormat = .markdown
    @Option(help: H("Datoen på diplomerne (standard: i dag).")) var date: String?
    @Option(help: H("Navnet øverst på diplomet (projektet eller foreningen).")) var group: String?
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false

    func run() throws {
        let lang = try common.language()
        let h = try recordID(hold, Hold.self, option: "--hold"), d = try date.map { try day($0, option: "--date") } ?? common.today
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            let list: DiplomaList
            do throws(Message) { list = try DiplomaList(store.state, hold: h, date: d,
                    group: group?.trimmed()) } catch { throw CLIFailure(StoreError.refused(error), lang) }
            try emit(format == .html ? list.html(lang) : format == .json ? list.json() : list.markdown(lang), to: out,
                     journal: common.journalPath, force: force, lang: lang)
        }
    }
}

struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluation",
            abstract: H("Anonyme evalueringer af et holds uddannelse: add."), subcommands: [EvaluationAdd.self])
}

struct EvaluationAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
            abstract: H("En anonym evaluering (aldrig hvem): udbytte og tilfredshed 1–5, evt. en kommentar."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Holdet, fx h2.")) var hold: String
    @Option(help: H("Udbytte 1–5.")) var benefit: Int
    @Option(help: H("Tilfredshed 1–5.")) var satisfaction: Int
    @Option(help: H("En kommentar (privat).")) var comment: String = ""
    @Option(help: H("Dagen (standard: i dag).")) var date: String?

    func run() throws {
        let lang = try common.language()
        let h = try recordID(hold, Hold.self, option: "--hold"), d = try date.map { try day($0, option: "--date") } ?? common.today
        for (name, v) in [("--benefit", benefit), ("--satisfaction", satisfaction)] where !(1...5).contains(v) {
            throw usageError("\(name) skal være 1–5 (fik \(v))", "\(name) must be 1–5 (got \(v))")
        }
        try writing(common, lang) { store in
            let r = try store.commit { _ in .evaluationAdded(Evaluation(id: 0, hold: h, date: d, benefit: benefit,
                                                                        satisfaction: satisfaction, comment: comment)) }
            guard case .evaluationAdded(let e) = r.entry.event else { return }
            say(lang.t("Gemt: ", "Saved: ") + r.entry.event.words(store.state, lang) + ".")
            say(e.id.ref)
        }
    }
}

struct AddInterested: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "interested",
            abstract: H("En kvinde, der er interesseret i at blive bydelsmor (rekruttering): navn, telefon, hvordan hun hørte om det, samtykke til at blive kontaktet."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Navn.")) var name: String
    @Option(help: H("Telefon.")) var phone: String = ""
    @Option(help: H("Hvordan hun hørte om det (en veninde, skolen, informationsmødet …).")) var source: String = ""
    @Option(name: .customLong("contact-consent"), help: H("Dagen hun sagde ja til at blive kontaktet.")) var contactConsent: String?

    func run() throws {
        let lang = try common.language()
        let d = try contactConsent.map { try day($0, option: "--contact-consent") }
        try writing(common, lang) { store in
            let r = try store.commit { _ in .interestedAdded(InterestedFields(id: 0, name: name.trimmed(), phone: phone.trimmed(),
                                                                              source: source.trimmed(), contactConsent: d)) }
            guard case .interestedAdded(let f) = r.entry.event else { return }
            say(lang.t("Tilføjet interesseret: \(f.name) (\(f.id.ref)).", "Added interested woman: \(f.name) (\(f.id.ref))."))
            say(f.id.ref)
        }
    }
}

/// `bydelsmor recruit interviewed|select|wait|decline ID`: the steps of recruitment.
struct RecruitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recruit",
                                                    abstract: H("Rekruttering: interviewed, select, wait, decline."),
                                                    subcommands: [RecruitInterviewed.self, RecruitSelect.self, RecruitWait.self,
                                                                  RecruitDecline.self])
}

struct RecruitInterviewed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "interviewed", abstract: H("Den individuelle samtale er holdt."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Den interesserede, fx i3.")) var id: String
    @Option(help: H("Dagen (standard: i dag).")) var date: String?
    func run() throws {
        let lang = try common.language()
        let i = try recordID(id, InterestedFields.self, option: "ID"), d = try date.map { try day($0, option: "--date") } ?? common.today
        try writing(common, lang) { store in
            try store.commit { _ in .recruitInterviewed(id: i, date: d) }
            say(lang.t("Gemt: ", "Saved: ") + Event.recruitInterviewed(id: i, date: d).words(store.state, lang) + ".")
        }
    }
}

struct RecruitSelect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "select",
            abstract: H("Optag hende på et hold: hun bliver bydelsmor på holdet (én ændring); skriver hendes v-id til sidst."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Den interesserede, fx i3.")) var id: String
    @Option(help: H("Holdet, fx h2.")) var hold: String
    func run() throws {
        let lang = try common.language()
        let i = try recordID(id, InterestedFields.self, option: "ID"), h = try recordID(hold, Hold.self, option: "--hold")
        try writing(common, lang) { store in
            let steps: [Store.Step] = [
                { s in
                    guard let w = s.interested.at(i), !w.removed else { throw Message("interesseret kvinde \(i.ref) findes ikke",
                                                                                      "interested woman \(i.ref) does not exist", field: "id") }
                    if w.status == .selected { throw Message("\(i.ref) er allerede optaget (\(w.volunteer?.ref ?? ""))",
                                                             "\(i.ref) has been selected already (\(w.volunteer?.ref ?? ""))", field: "id") }
                    return .volunteerAdded(VolunteerFields(id: 0, name: w.fields.name, phone: w.fields.phone))
                },
                { s in .volunteerHold(id: s.volunteers.lastID, hold: h) },
                { s in .volunteerStage(id: s.volunteers.lastID, stage: .training) },
                { s in .recruitStatus(id: i, status: .selected, volunteer: s.volunteers.lastID) },
            ]
            let r = try store.commit(steps: steps)
            guard case .volunteerAdded(let v) = r[0].entry.event else { return }
            let inHold = store.state.volunteers.filter { !$0.removed && $0.hold == h }.count
            say(lang.t("\(v.name) er optaget på \(store.state.hold(h)?.name ?? h.ref) som \(v.id.ref).",
                       "\(v.name) was selected for \(store.state.hold(h)?.name ?? h.ref) as \(v.id.ref)."))
            if inHold > 25 {
                complain("bydelsmor: " + lang.t("advarsel: holdet har nu \(inHold) kvinder; et hold er normalt 15–25",
                                                "warning: the hold now has \(inHold) women; a hold is usually 15–25"))
            }
            say(v.id.ref)
        }
    }
}

struct RecruitWait: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: H("Sæt hende på ventelisten."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Den interesserede, fx i3.")) var id: String
    func run() throws { try recruitStatus(common, id, .waiting) }
}

struct RecruitDecline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: H("Ikke nu (hun bliver ikke optaget denne gang)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Den interesserede, fx i3.")) var id: String
    func run() throws { try recruitStatus(common, id, .declined) }
}

extension ParsableCommand {
    func recruitStatus(_ common: CommonOptions, _ id: String, _ status: RecruitStatus) throws {
        let lang = try common.language()
        let i = try recordID(id, InterestedFields.self, option: "ID")
        try writing(common, lang) { store in
            try store.commit { (s) throws(Message) -> Event in
                if s.interested.at(i)?.status == .selected {
                    throw Message("\(i.ref) er optaget og er nu en bydelsmor; ret hende i rosteren",
                                  "\(i.ref) has been selected and is a volunteer now; change her in the roster", field: "id")
                }
                return .recruitStatus(id: i, status: status, volunteer: nil)
            }
            say(lang.t("Gemt: ", "Saved: ") + Event.recruitStatus(id: i, status: status, volunteer: nil).words(store.state, lang) + ".")
        }
    }
}

/// `bydelsmor progress consent|add`: the mothers' own steps, with their consent (issue 26).
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "progress",
            abstract: H("Bydelsmødrenes egne skridt (med samtykke): consent, add, kind."),
            subcommands: [ProgressConsentCommand.self, ProgressAdd.self, ProgressKindCommand.self])
}

struct ProgressConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consent",
            abstract: H("Hun siger ja til at få sine skridt registreret (--clear: trækker det tilbage)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmoren, fx v3.")) var volunteer: String
    @Option(help: H("Dagen (standard: i dag).")) var date: String?
    @Flag(help: H("Samtykket trækkes tilbage.")) var clear = false
    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "VOLUNTEER")
        let d: Day? = clear ? nil : try date.map { try day($0, option: "--date") } ?? common.today
        try writing(common, lang) { store in
            try store.commit { _ in .progressConsent(volunteer: v, date: d) }
            say(lang.t("Gemt: ",
                       "Saved: ") + Event.progressConsent(volunteer: v, date: d).words(store.state,
                                                                                       lang) + (d == nil ? lang.t(" trukket tilbage",
                                                                                                                               " withdrawn") : "") + ".")
        }
    }
}

struct ProgressAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
            abstract: H("Et skridt hun fortæller om: uddannelse, job, danskprøve, efteruddannelse, en rolle i foreningen."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Bydelsmoren, fx v3.")) var volunteer: String
    @Option(help: H("education, job, danish-test, further-training, association-role, other eller en slags tilføjet med progress kind."))
    var kind: String
    @Option(help: H("Dagen.")) var date: String
    @Option(help: H("En note (hendes egne data).")) var note: String = ""
    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "VOLUNTEER"), d = try day(date, option: "--date")
        try writing(common, lang) { store in
            // A built-in kind, or one the coordinator added (the store refuses an unknown one, naming the list).
            let step = ProgressStep(id: 0, volunteer: v, kind: ProgressKind(rawValue: kind) ?? .other, date: d, note: note,
                                    own: ProgressKind(rawValue: kind) == nil ? kind : "")
            let r = try store.commit { _ in .progressAdded(step) }
            guard case .progressAdded(let x) = r.entry.event else { return }
            say(lang.t("Gemt: ", "Saved: ") + r.entry.event.words(store.state, lang) + ".")
            say(x.id.ref)
        }
    }
}

struct ProgressKindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kind",
            abstract: H("Tilføj en slags skridt til listen (eller omdøb den), med ord på dansk og engelsk; --remove tager den af igen."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Slagsens navn i journalen: små bogstaver, tal og bindestreg, fx mentor.")) var token: String
    @Option(help: H("Ordene på dansk, fx \"blevet mentor for en ny bydelsmor\".")) var da: String?
    @Option(help: H("Ordene på engelsk.")) var en: String?
    @Flag(help: H("Tag slagsen af listen (kun når intet skridt er af den).")) var remove = false
    func run() throws {
        let lang = try common.language()
        guard remove || (da != nil && en != nil) else {
            throw usageError("giv --da og --en (eller --remove)", "give --da and --en (or --remove)")
        }
        let definition = remove ? nil : ProgressKindDefinition(token: token, da: (da ?? "").trimmed(), en: (en ?? "").trimmed())
        try writing(common, lang) { store in
            let r = try store.commit { _ in .progressKind(token: token, definition: definition) }
            say(lang.t("Gemt: ", "Saved: ") + r.entry.event.words(store.state, lang) + ".")
        }
    }
}

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "survey",
            abstract: H("Det årlige anonyme spørgeskema til bydelsmødrene: add."), subcommands: [SurveyAdd.self])
}

struct SurveyAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
            abstract: H("Et anonymt svar: fem tal 1–5, ét for hvert udsagn, i rækkefølge."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Året.")) var year: Int
    @Option(help: H("Fem tal 1–5, fx 4,5,3,4,2.")) var answers: String
    func run() throws {
        let lang = try common.language()
        let parts = answers.split(separator: ",").map { String($0).trimmed() }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else {
            throw usageError("--answers skal være tal adskilt af komma, fx 4,5,3,4,2 (fik \"\(answers)\")",
                             "--answers must be numbers separated by commas, e.g. 4,5,3,4,2 (got \"\(answers)\")")
        }
        guard Day.years.contains(year) else { throw usageError("--year skal være et årstal (fik \(year))",
                                                               "--year must be a year (got \(year))") }
        try writing(common, lang) { store in
            let r = try store.commit { _ in .surveyAdded(SurveyAnswer(id: 0, year: year, answers: numbers)) }
            guard case .surveyAdded(let x) = r.entry.event else { return }
            let n = store.state.surveys.filter { !$0.removed && $0.year == year }.count
            say(lang.t("Gemt: anonymt svar nr. \(n) for \(year).", "Saved: anonymous answer no. \(n) for \(year).")
                + (n < SurveyAnswer.shownFrom ? lang.t(" Tallene vises fra \(SurveyAnswer.shownFrom) svar.",
                                                       " The figures are shown from \(SurveyAnswer.shownFrom) answers.") : ""))
            say(x.id.ref)
        }
    }
}
