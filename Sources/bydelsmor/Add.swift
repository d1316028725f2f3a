import ArgumentParser
import BydelsmorCore
import Foundation

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: H("Tilføj en bydelsmor, udgift, et hold, en modulgang, aktivitet, fondsansøgning eller skoleferie. Det nye id står alene på sidste linje."),
        subcommands: [AddVolunteer.self, AddExpense.self, AddHold.self, AddSession.self, AddActivity.self, AddFunding.self, AddHoliday.self,
                      AddInterested.self, AddConversation.self]
    )
}

struct AddVolunteer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "volunteer", abstract: H("Tilføj en bydelsmor (som kandidat)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Navn (påkrævet).")) var name: String
    @Option(help: H("Telefon, fx \"+45 12 34 56 78\".")) var phone: String = ""
    @Option(help: H("Sprog, kommasepareret: navne eller koder, fx \"arabisk, dansk\" eller ar,da.")) var languages: String = ""
    @Option(help: H("Bydel.")) var neighbourhood: String = ""
    @Option(help: H("Noter.")) var notes: String = ""
    @Option(help: H("Holdet hun uddannes på, fx h2 (hun bliver så \"under uddannelse\").")) var hold: String?
    @Option(help: H("Dagen hun gav samtykke til at hendes data gemmes.")) var consent: String?
    @Option(help: H("Dagen hun skrev under på frivilligkontrakten.")) var contract: String?
    @Flag(name: .customLong("allow-duplicates"), help: H("Tilføj hende, også hvis en med samme navn og telefon findes (en anden kvinde)."))
    var allowDuplicates = false

    func run() throws {
        let lang = try common.language()
        let langs: [String]
        do throws(Message) { langs = try Languages.codes(from: languages) } catch { throw ValidationError("--languages: " + error.text(lang)) }
        let holdID = try hold.map { try recordID($0, Hold.self, option: "--hold") }
        let consentDay = try consent.map { try day($0,
                option: "--consent") }, contractDay = try contract.map { try day($0, option: "--contract") }
        try writing(common, lang) { store in
            // Joining a hold makes her a woman in training: one change of up to three lines.
            let n = name.trimmingCharacters(in: .whitespaces), p = phone.trimmingCharacters(in: .whitespaces)
            var steps: [Store.Step] = [{ [allowDuplicates] s in
                // The same woman twice is refused with her id (checked against the latest journal).
                if !allowDuplicates, let v = SameWoman.existing(name: n, phone: p, in: s) { throw SameWoman.refusal(v) }
                return .volunteerAdded(VolunteerFields(id: 0, name: n, phone: p, languages: langs,
                                                       neighbourhood: neighbourhood.trimmingCharacters(in: .whitespaces), notes: notes))
            }]
            if let h = holdID {
                steps.append { s in .volunteerHold(id: s.volunteers.lastID, hold: h) }
                steps.append { s in .volunteerStage(id: s.volunteers.lastID, stage: .training) }
            }
            if let d = consentDay { steps.append { s in .volunteerConsent(id: s.volunteers.lastID, date: d) } }
            if let d = contractDay { steps.append { s in .volunteerContract(id: s.volunteers.lastID, date: d) } }
            let r = try store.commit(steps: steps)[0]
            guard case .volunteerAdded(let v) = r.entry.event else { return }
            let ref = RecordKind.volunteer.ref(v.id)
            say(lang.t("Tilføjet bydelsmor \(ref) (linje \(r.line)).", "Added volunteer \(ref) (line \(r.line))."))
            say(ref)
        }
    }
}

struct AddExpense: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expense", abstract: H("Bogfør en udgift på en budgetlinje."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Budgetlinjens id (se `bydelsmor status --format json`).")) var line: String
    // Unconditional: "--amount -5" reaches the amount check ("must be positive"), not "missing value".
    @Option(parsing: .unconditional, help: H("Beløb i kroner: 1250.50, 1250,50 eller 1.250,50.")) var amount: String
    @Option(help: H("Dato: 2027-02-07 eller 07.02.2027 (default: i dag).")) var date: String?
    @Option(help: H("Note.")) var note: String = ""
    @Option(help: H("Projektets bevilling udgiften betales af, fx f2 (rapporten til fonden tæller den med).")) var funding: String?

    func run() throws {
        let lang = try common.language()
        let trimmed = amount.trimmingCharacters(in: .whitespaces)
        guard let money = Money(userInput: trimmed) else {
            let msg = trimmed.hasPrefix("-")
                ? lang.t("beløbet \"\(amount)\" er negativt; en udgift skal være over 0 kr.",
                         "the amount \"\(amount)\" is negative; an expense must be above DKK 0")
                : lang.t("beløbet \"\(amount)\" kan ikke læses; skriv fx 1250.50, 1250,50 eller 1.250,50",
                         "cannot read the amount \"\(amount)\"; write e.g. 1250.50, 1250,50 or 1.250,50")
            complain("bydelsmor: " + msg)
            // A value that cannot be read is a usage error (64), like every other; one that is read
            // but refused by the rules is a refusal (1).
            throw ExitCode(trimmed.hasPrefix("-") ? 1 : 64)
        }
        var day = common.today
        if let d = date {
            guard let parsed = Day(userInput: d) else {
                complain("bydelsmor: " + lang.t("datoen \"\(d)\" findes ikke eller kan ikke læses; skriv fx 07.02.2027 eller 2027-02-07",
                                                 "the date \"\(d)\" does not exist or cannot be read; write e.g. 07.02.2027 or 2027-02-07"))
                throw ExitCode(64)
            }
            day = parsed
        }
        let grant = try funding.map { try recordID($0, FundingApplication.self, option: "--funding") }
        try writing(common, lang) { store in
            let r = try store.commit { s in
                var x = Expense(id: 0, date: day, line: line, amount: money, note: note)
                x.funding = grant
                return .expenseAdded(x)
            }
            guard case .expenseAdded(let x) = r.entry.event else { return }
            let ref = RecordKind.expense.ref(x.id)
            say(lang.t("Bogført udgift \(ref): \(x.amount.formatted(.da)) på \(x.line) (linje \(r.line)).",
                       "Booked expense \(ref): \(x.amount.formatted(.en)) on \(x.line) (line \(r.line))."))
            say(ref)
        }
    }
}

/// `h2`, `v12`, `s4` or just the number.
func recordID<R: Recorded>(_ text: String, _ type: R.Type, option: String) throws -> ID<R> {
    guard let n = R.kind.parse(text) ?? Int(text), n > 0 else {
        throw usageError("\(option) skal være et id som \(R.kind.prefix)2 (fik \"\(text)\")",
                         "\(option) must be an id like \(R.kind.prefix)2 (got \"\(text)\")")
    }
    return ID(n)
}

/// A date as people write it: 07.02.2027, 2027-02-07, or 5.1. (this year), as in the forms.
func day(_ text: String, option: String) throws -> Day {
    guard let d = Day(userInput: text, year: CommonOptions.todayNow().year) else {
        throw usageError("\(option): datoen \"\(text)\" findes ikke eller kan ikke læses; skriv fx 07.02.2027 eller 2027-02-07 (årene \(Day.years.lowerBound)–\(Day.years.upperBound))",
                     "\(option): the date \"\(text)\" does not exist or cannot be read; write e.g. 2027-02-07 or 07.02.2027 (the years \(Day.years.lowerBound)–\(Day.years.upperBound))")
    }
    return d
}

/// A time as people write it: 17:30, 17.30 or 17 (the same rule as the forms).
func clock(_ text: String, option: String) throws -> ClockTime {
    guard let t = ClockTime(text) else {
        throw usageError("\(option) skal være et klokkeslæt som 17:30, 17.30 eller 17 (fik \"\(text)\")",
                         "\(option) must be a time like 17:30, 17.30 or 17 (got \"\(text)\")")
    }
    return t
}

func money(_ text: String, option: String) throws -> Money {
    guard let m = Money(userInput: text.trimmed()) else {
        throw usageError("\(option): beløbet \"\(text)\" kan ikke læses; skriv fx 25000, 25.000 eller 25.000,50",
                         "\(option): the amount \"\(text)\" cannot be read; write e.g. 25000, 25,000 or 25000.50")
    }
    return m
}

struct AddHold: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hold",
            abstract: H("Tilføj et hold (en årgang af bydelsmødre, der uddannes sammen)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Navn, fx \"Hold 2027\".")) var name: String
    @Option(help: H("Startdato.")) var start: String
    @Option(help: H("Slutdato.")) var end: String?
    @Option(help: H("Sted.")) var place: String = ""
    @Option(help: H("Antal moduler (standard 15).")) var modules: Int = 15

    func run() throws {
        let lang = try common.language()
        let s = try day(start, option: "--start"), e = try end.map { try day($0, option: "--end") }
        try writing(common, lang) { store in
            let r = try store.commit { st in .holdAdded(HoldFields(id: 0, name: name.trimmed(), start: s, end: e, place: place.trimmed(),
                                                                   modules: modules)) }
            guard case .holdAdded(let h) = r.entry.event else { return }
            say(lang.t("Tilføjet \(h.name) (\(RecordKind.hold.ref(h.id))).", "Added \(h.name) (\(RecordKind.hold.ref(h.id)))."))
            say(RecordKind.hold.ref(h.id))
        }
    }
}

struct AddSession: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: H("Planlæg en modulgang for et hold."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Holdet, fx h2.")) var hold: String
    @Option(help: H("Modulets nummer.")) var module: Int
    @Option(help: H("Dato.")) var date: String
    @Option(help: H("Starttid, fx 17:00.")) var start: String
    @Option(help: H("Sluttid, fx 20:00.")) var end: String
    @Option(help: H("Sted.")) var place: String
    @Option(help: H("Underviser.")) var teacher: String = ""

    func run() throws {
        let lang = try common.language()
        let h = try recordID(hold, Hold.self, option: "--hold"), d = try day(date, option: "--date")
        let s = try clock(start, option: "--start"), e = try clock(end, option: "--end")
        try writing(common, lang) { store in
            let r = try store.commit { st in
                .sessionScheduled(SessionFields(id: 0, module: module, date: d, start: s, end: e, place: place.trimmed(),
                                                teacher: teacher.trimmed(), hold: h))
            }
            guard case .sessionScheduled(let f) = r.entry.event else { return }
            var note = ""
            if let hd = store.state.hold(h), f.date < hd.start || (hd.end.map { f.date > $0 } ?? false) {
                note = lang.t(" Bemærk: datoen ligger uden for holdets periode.", " Note: the date is outside the hold's period.")
            }
            say(lang.t("Planlagt modul \(f.module) \(lang.shortDate(f.date)) for \(store.state.hold(h)?.name ?? "") (\(RecordKind.session.ref(f.id))).",
                       "Scheduled module \(f.module) \(lang.shortDate(f.date)) for \(store.state.hold(h)?.name ?? "") (\(RecordKind.session.ref(f.id)))." ) + note)
            say(RecordKind.session.ref(f.id))
        }
    }
}

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: H("En modulgang: held, cancel eller attendance."),
                                                    subcommands: [SessionHeld.self, SessionCancel.self, SessionAttendance.self])
}

struct SessionHeld: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "held", abstract: H("Markér modulgangen som afholdt."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Modulgangens id, fx s4.")) var id: String
    func run() throws { try setStatus(common, id, .held) }
}

struct SessionCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: H("Aflys modulgangen."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Modulgangens id, fx s4.")) var id: String
    func run() throws { try setStatus(common, id, .cancelled) }
}

extension ParsableCommand {
func setStatus(_ common: CommonOptions, _ id: String, _ status: SessionStatus) throws {
    let lang = try common.language()
    let n = try recordID(id, ModuleSession.self, option: "ID")
    // A session after today cannot be held yet: the Core's write-time rules say so.
    try writing(common, lang) { store in
        try store.commit { (st) throws(Message) -> Event in
            guard st.session(n) != nil else { throw Message("modulgangen \(RecordKind.session.ref(n)) findes ikke",
                                                            "the session \(RecordKind.session.ref(n)) does not exist") }
            return .sessionStatus(id: n, status: status)
        }
        say(status == .held ? lang.t("Modulgangen \(RecordKind.session.ref(n)) er afholdt.",
                                     "Session \(RecordKind.session.ref(n)) is held.")
                            : lang.t("Modulgangen \(RecordKind.session.ref(n)) er aflyst.",
                                     "Session \(RecordKind.session.ref(n)) is cancelled."))
    }
}
}

struct SessionAttendance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attendance",
            abstract: H("Registrér fremmøde for en modulgang (én skrivning)."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Modulgangens id, fx s4.")) var id: String
    @Option(help: H("De fremmødte, fx v1,v2.")) var present: String = ""
    @Option(help: H("De fraværende, fx v3.")) var absent: String = ""

    func run() throws {
        let lang = try common.language()
        let n = try recordID(id, ModuleSession.self, option: "ID")
        func ids(_ s: String, _ option: String) throws -> [VolunteerID] {
            try s.split(separator: ",").map { try recordID($0.trimmingCharacters(in: .whitespaces), Volunteer.self, option: option) }
        }
        let p = try ids(present, "--present"), a = try ids(absent, "--absent")
        guard !(p.isEmpty && a.isEmpty) else { throw usageError("giv --present og/eller --absent", "give --present and/or --absent") }
        guard Set(p).isDisjoint(with: a) else { throw usageError("en bydelsmor kan ikke både være mødt og fraværende",
                                                                 "a volunteer cannot be both present and absent") }
        let steps: [Store.Step] = p.map { v in { _ in .attendanceMarked(session: n, volunteer: v, mark: .present) } }
            + a.map { v in { _ in .attendanceMarked(session: n, volunteer: v, mark: .absent) } }
            + [AttendanceRule.heldStep(n, today: common.today)]
        try writing(common, lang) { store in
            let r = try store.commit(steps: steps)
            say(lang.t("Fremmøde registreret for \(RecordKind.session.ref(n)): \(p.count) mødt, \(a.count) fraværende (\(r.count) linjer, én skrivning).",
                       "Attendance recorded for \(RecordKind.session.ref(n)): \(p.count) present, \(a.count) absent (\(r.count) lines, one write)."))
        }
    }
}

struct AddActivity: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "activity",
        abstract: H("Tilføj en aktivitet ud over modulerne: informationsmøde, månedsmøde, netværksmøde, temaarrangement, efteruddannelse, generalforsamling, bestyrelsesmøde, diplomfest."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("information, monthly, network, theme, further-training, general-assembly, board, diploma-party eller other."))
    var kind: String
    @Option(help: H("Titel.")) var title: String
    @Option(help: H("Dato.")) var date: String
    @Option(help: H("Starttid, fx 17:00.")) var start: String
    @Option(help: H("Sluttid, fx 19:00.")) var end: String
    @Option(help: H("Sted.")) var place: String = ""
    @Option(help: H("Antal deltagere.")) var participants: Int?

    func run() throws {
        let lang = try common.language()
        guard let k = ActivityKind(rawValue: kind) else { throw usageError("--kind skal være en af: \(ActivityKind.tokens) (fik \"\(kind)\")", "--kind must be one of: \(ActivityKind.tokens) (got \"\(kind)\")") }
        let d = try day(date, option: "--date"), s = try clock(start, option: "--start"), e = try clock(end, option: "--end")
        try writing(common, lang) { store in
            let r = try store.commit { st in
                .activityAdded(ActivityFields(id: 0, kind: k, title: title.trimmed(), date: d, start: s, end: e, place: place.trimmed(),
                                              participants: participants))
            }
            guard case .activityAdded(let a) = r.entry.event else { return }
            say(lang.t("Tilføjet \(a.kind.label(.da)) \(lang.shortDate(a.date)): \(a.title) (\(RecordKind.activity.ref(a.id))).",
                       "Added \(a.kind.label(.en)) \(lang.shortDate(a.date)): \(a.title) (\(RecordKind.activity.ref(a.id)))."))
            say(RecordKind.activity.ref(a.id))
        }
    }
}

struct ModuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "module",
            abstract: H("Modulplanen: change."), subcommands: [ModuleChange.self])
}

struct ModuleChange: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "change",
            abstract: H("Omdøb et modul eller skift dets tema eller slags (kan fortrydes); nummeret efter det sidste tilføjer et modul."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Modulets nummer.")) var number: Int
    @Option(help: H("Ny titel.")) var title: String?
    @Option(help: H("family, health, community, society eller methods.")) var theme: String?
    @Option(help: H("subject eller method.")) var kind: String?

    func run() throws {
        let lang = try common.language()
        let th = try theme.map { t -> ModuleTheme in
            guard let v = ModuleTheme(rawValue: t) else { throw usageError("--theme skal være en af: \(ModuleTheme.tokens)",
                                                                           "--theme must be one of: \(ModuleTheme.tokens)") }
            return v
        }
        let k = try kind.map { t -> ModuleKind in
            guard let v = ModuleKind(rawValue: t) else { throw usageError("--kind skal være en af: \(ModuleKind.tokens)",
                                                                          "--kind must be one of: \(ModuleKind.tokens)") }
            return v
        }
        guard title != nil || th != nil || k != nil else { throw usageError("giv --title, --theme og/eller --kind",
                                                                            "give --title, --theme and/or --kind") }
        try writing(common, lang) { store in
            try store.commit { (st) throws(Message) -> Event in
                // The number after the last adds a module to the plan (a hold of 16 modules).
                guard let m = st.module(number) ?? (number == st.modules.count + 1 && title != nil
                        ? TrainingModule(number: number, title: "", theme: th ?? .methods, kind: k ?? .method) : nil) else {
                    throw Message("modul \(number) findes ikke; modulerne er 1–\(st.modules.count), og \(st.modules.count + 1) (med --title) tilføjer et",
                                  "module \(number) does not exist; the modules are 1–\(st.modules.count), and \(st.modules.count + 1) (with --title) adds one", field: "number")
                }
                return .moduleChanged(TrainingModule(number: number, title: title?.trimmed() ?? m.title, theme: th ?? m.theme,
                                                     kind: k ?? m.kind))
            }
            say(lang.t("Modul \(number) er ændret.", "Module \(number) changed."))
        }
    }
}

struct AddHoliday: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "holiday",
            abstract: H("En skoleferie (fx vinterferie), som serieplanlægning springer over."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Navn, fx \"Vinterferie\".")) var title: String
    @Option(help: H("Første dag.")) var start: String
    @Option(help: H("Sidste dag.")) var end: String

    func run() throws {
        let lang = try common.language()
        let s = try day(start, option: "--start"), e = try day(end, option: "--end")
        try writing(common, lang) { store in
            let r = try store.commit { _ in .holidayAdded(HolidayPeriod(id: 0, title: title.trimmed(), start: s, end: e)) }
            guard case .holidayAdded(let b) = r.entry.event else { return }
            say(lang.t("Tilføjet: \(b.title) \(lang.shortDate(b.start))–\(lang.shortDate(b.end)).",
                       "Added: \(b.title) \(lang.shortDate(b.start))–\(lang.shortDate(b.end))."))
            say(RecordKind.holiday.ref(b.id))
        }
    }
}
