/// The memo's effects, measured (issue 26): the mothers' own steps (with their consent), a short
/// anonymous survey of the mothers each year, and the "Effekt" figures drawn from them.
public enum ProgressKind: String, Vocabulary {
    public static let tokenTable = TokenTable<ProgressKind>()
    case education, job, danishTest = "danish-test", furtherTraining = "further-training", associationRole = "association-role", other
    public func label(_ l: Lang) -> String {
        switch self {
        case .education: l.t("startet på uddannelse eller kursus", "started an education or course")
        case .job: l.t("fået job eller praktik", "got a job or an internship")
        case .danishTest: l.t("bestået danskprøve", "passed a Danish test")
        case .furtherTraining: l.t("taget efteruddannelse", "took a further training")
        case .associationRole: l.t("fået en rolle i foreningen", "took a role in the association")
        case .other: l.t("andet", "other")
        }
    }
}

/// A kind of step the coordinator adds to the closed list (`bydelsmor progress kind TOKEN --da … --en …`):
/// its token on the journal line and its words in both languages.
public struct ProgressKindDefinition: Equatable, Sendable, Codable {
    public var token: String
    public var da: String
    public var en: String
    public init(token: String, da: String, en: String) { self.token = token; self.da = da; self.en = en }
}

extension ProjectState {
    /// A step's words: the coordinator's own kind's, else the built-in kind's.
    public func progressLabel(_ x: ProgressStep, _ l: Lang) -> String {
        guard !x.own.isEmpty else { return x.kind.label(l) }
        return progressKinds.first { $0.token == x.own }.map { l.t($0.da, $0.en) } ?? x.own
    }
    /// Every kind a step may have: the built-in tokens, then the coordinator's.
    public var progressTokens: [String] { ProgressKind.allCases.map(\.rawValue) + progressKinds.map(\.token) }
}

/// A step a mother reports (her own data: erased with her, never on a public screen).
public struct ProgressStep: Equatable, Sendable, Codable {
    public var id: ID<ProgressStep>
    public var volunteer: VolunteerID
    public var kind: ProgressKind
    public var date: Day
    public var note: String
    public var removed = false
    /// The coordinator's own kind (its token), when the step is of one; `kind` is then `.other`.
    public var own = ""
    public init(id: ID<ProgressStep>, volunteer: VolunteerID, kind: ProgressKind, date: Day, note: String = "", own: String = "") {
        self.id = id; self.volunteer = volunteer; self.kind = own.isEmpty ? kind : .other; self.date = date; self.note = note; self.own = own
    }
    /// The token the journal line carries: the built-in kind's or the coordinator's.
    public var token: String { own.isEmpty ? kind.rawValue : own }
}

/// Her consent to have her steps recorded (a date, as for her data; nil: withdrawn).
public struct ProgressConsent: Equatable, Sendable, Codable {
    public var volunteer: VolunteerID
    public var date: Day
}

/// One anonymous answer to the year's survey: the five statements, 1–5 each.
public struct SurveyAnswer: Equatable, Sendable, Codable {
    public var id: ID<SurveyAnswer>
    public var year: Int
    public var answers: [Int]
    public var removed = false
    public init(id: ID<SurveyAnswer>, year: Int, answers: [Int]) { self.id = id; self.year = year; self.answers = answers }

    /// The statements, drawn from the memo's effects, in the order the answers are given.
    public static let statements: [(da: String, en: String)] = [
        ("Jeg kender kommunens tilbud bedre", "I know the municipality's services better"),
        ("Jeg er mere med i mine børns skole", "I take more part in my children's school"),
        ("Jeg har mere selvtillid", "I have more self-confidence"),
        ("Jeg er kommet tættere på arbejde eller uddannelse", "I have come closer to work or education"),
        ("Jeg kender flere i lokalområdet", "I know more people in the neighbourhood"),
    ]
    /// Fewer answers than this are never shown apart: the figures would point at a person.
    public static let shownFrom = 5
}

extension ProgressStep: Recorded { public static var kind: RecordKind { .progress } }
extension SurveyAnswer: Recorded { public static var kind: RecordKind { .survey } }
extension ProgressStep: Removable {}
extension SurveyAnswer: Removable {}

extension ProgressStep: DeclaredRecord {
    public static let declaredName = "progress step"
    public static let declaredFields: [FieldDeclaration<ProgressStep>] = [
        .plain("id"), .plain("volunteer"), .plain("kind"), .plain("date"), .text(\.note, "note", .personal), .plain("removed"),
        .plain("own"),
    ]
}

extension ProgressKindDefinition: DeclaredRecord {
    public static let declaredName = "progress kind"
    public static let declaredFields: [FieldDeclaration<ProgressKindDefinition>] = [.plain("token"), .plain("da"), .plain("en")]
}
extension ProgressConsent: DeclaredRecord {
    public static let declaredName = "progress consent"
    public static let declaredFields: [FieldDeclaration<ProgressConsent>] = [.plain("volunteer"), .plain("date")]
}
extension SurveyAnswer: DeclaredRecord {
    public static let declaredName = "survey answer"
    public static let declaredFields: [FieldDeclaration<SurveyAnswer>] = [.plain("id"), .plain("year"), .plain("answers"),
                                                                          .plain("removed")]
}

extension ProjectState {
    public func progressConsent(of v: VolunteerID) -> Day? { progressConsents.first { $0.volunteer == v }?.date }
}

/// The "Effekt" figures of a calendar year, ordered by the memo's four points; nothing where the
/// data is too thin to say something.
public struct Effects: Equatable, Sendable {
    public var consenting: Int
    public var withProgress: Int
    /// Steps of the year by kind: its token, its words in both languages, how many.
    public var byKind: [(token: String, da: String, en: String, count: Int)]
    public var surveyAnswers: Int
    /// The five statements' averages; nil below `SurveyAnswer.shownFrom` answers.
    public var averages: [Double]?
    public var referred: Int
    /// Of the year's referrals, those whose follow-up is recorded, and those where it was used.
    public var followedUp: Int
    public var used: Int

    public static func == (a: Self, b: Self) -> Bool {
        a.consenting == b.consenting && a.withProgress == b.withProgress && a.byKind.map(\.count) == b.byKind.map(\.count) && a.surveyAnswers == b.surveyAnswers && a.averages == b.averages
            && (a.referred, a.followedUp, a.used) == (b.referred, b.followedUp, b.used)
    }

    public init(_ s: ProjectState, year: Int) {
        let live = Set(s.volunteers.filter { !$0.removed && !$0.erased }.map(\.id))
        consenting = s.progressConsents.filter { live.contains($0.volunteer) && $0.date.year <= year }.count
        let steps = s.progressSteps.filter { !$0.removed && $0.date.year == year && live.contains($0.volunteer) }
        withProgress = Set(steps.map(\.volunteer)).count
        var kinds: [String: Int] = [:]
        for x in steps { kinds[x.token, default: 0] += 1 }
        let builtIn = ProgressKind.allCases.map { ($0.rawValue, $0.label(.da), $0.label(.en)) }
        let words = builtIn + s.progressKinds.map { ($0.token, $0.da, $0.en) }
        byKind = words.compactMap { w in kinds[w.0].map { (w.0, w.1, w.2, $0) } }
        let answers = s.surveys.filter { !$0.removed && $0.year == year }
        surveyAnswers = answers.count
        averages = answers.count >= SurveyAnswer.shownFrom
            ? (0..<SurveyAnswer.statements.count).map { i in Double(answers.map { $0.answers[i] }.reduce(0, +)) / Double(answers.count) } : nil
        var referred = 0, followedUp = 0, used = 0
        for c in s.conversations where !c.removed && c.date.year == year && c.isReferred {
            referred += 1
            if let f = c.followUp { followedUp += 1; if f == .used { used += 1 } }
        }
        (self.referred, self.followedUp, self.used) = (referred, followedUp, used)
    }

    public var isEmpty: Bool { consenting == 0 && surveyAnswers == 0 && followedUp == 0 }

    func write(_ w: JSONWriter) {
        w.object {
            w.key("mothers"); w.object {
                w.key("consenting"); w.raw(String(consenting))
                w.key("withProgress"); w.raw(String(withProgress))
                w.key("byKind"); w.object { for k in byKind { w.key(k.token); w.raw(String(k.count)) } }
            }
            w.key("survey"); w.object {
                w.key("answers"); w.raw(String(surveyAnswers))
                w.key("averages"); if let a = averages { w.array(a) { w.raw(String(format: "%.2f", $0)) } } else { w.raw("null") }
            }
            w.key("conversations"); w.object {
                w.key("referred"); w.raw(String(referred))
                w.key("followedUp"); w.raw(String(followedUp))
                w.key("used"); w.raw(String(used))
            }
        }
    }

    /// The section's lines, in the memo's order.
    public func lines(_ l: Lang) -> [String] {
        var out: [String] = []
        out.append(l.t("Kvinden selv: \(l.count(consenting, "bydelsmor", "bydelsmødre")) har sagt ja til at få \(consenting == 1 ? "sine" : "deres") skridt registreret; \(withProgress) har taget et skridt i året",
                       "The woman herself: \(l.count(consenting, "mother", "mothers")) agreed to have their steps recorded; \(withProgress) took a step in the year")
                   + (byKind.isEmpty ? "" : " (" + byKind.map { "\(l.t($0.da, $0.en)): \($0.count)" }.joined(separator: ", ") + ")"))
        if let a = averages {
            for (i, st) in SurveyAnswer.statements.enumerated() {
                out.append("\"" + l.t(st.da, st.en) + "\": " + String(format: "%.1f",
                                                                      a[i]).replacingOccurrences(of: ".", with: l == .da ? "," : ".")
                           + l.t(" af 5 (\(surveyAnswers) svar)", " of 5 (\(surveyAnswers) answers)"))
            }
        } else if surveyAnswers > 0 {
            out.append(l.t("Spørgeskemaet: \(surveyAnswers) svar — under \(SurveyAnswer.shownFrom) vises ikke (tallene ville pege på en person)",
                           "The survey: \(surveyAnswers) answers — below \(SurveyAnswer.shownFrom) none are shown (the figures would point at a person)"))
        }
        out.append(l.t("Lokalsamfundet: \(referred) samtaler endte med en henvisning videre",
                       "The neighbourhood: \(referred) conversations ended in a referral")
                   + (followedUp == 0 ? "" : l.t("; fulgt op for \(followedUp), og i \(used) blev henvisningen brugt (kom videre)",
                                                 "; followed up for \(followedUp), and in \(used) the referral was used (got further)")))
        return out
    }
}

extension Events {
    static let progressConsent = EventSpec(
        { if case let .progressConsent(v, d) = $0 { (v, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .progressConsent(volunteer: try r.id("volunteer"), date: try r.optionalDay("date")) },
        encode: { p in [("volunteer", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            _ = try Reducer.live(p.0, in: s.volunteers, field: "volunteer")
            let old = s.progressConsent(of: p.0)
            s.progressConsents.removeAll { $0.volunteer == p.0 }
            if let d = p.1 { s.progressConsents.append(ProgressConsent(volunteer: p.0, date: d)) }
            return .progressConsent(volunteer: p.0, date: old)
        },
        words: { p, s, l in l.t("samtykke til skridt fra ", "consent to steps from ") + (s.volunteer(p.0)?.name ?? p.0.ref) })

    static let progressAdded = EventSpec(
        { if case let .progressAdded(x) = $0 { x } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            // A built-in kind, or the coordinator's own (checked against the list when applied).
            let token = try r.text("kind")
            return .progressAdded(ProgressStep(id: try r.id("id"), volunteer: try r.id("volunteer"),
                                               kind: ProgressKind(rawValue: token) ?? .other,
                                               date: try r.day("date"), note: try r.optionalText("note"),
                                               own: ProgressKind(rawValue: token) == nil ? token : ""))
        },
        encode: { x in [("id", x.id.ref, false), ("volunteer", x.volunteer.ref, false), ("kind", x.token, false),
                        ("date", x.date.iso, false), ("note", x.note, true)] },
        apply: { (x, s) throws(Message) -> Event? in
            try Reducer.nextID(x.id, .progress, s.progressSteps.count)
            let i = try Reducer.live(x.volunteer, in: s.volunteers, field: "volunteer")
            guard s.progressConsent(of: x.volunteer) != nil else {
                throw Message("\(x.volunteer.ref) har ikke sagt ja til at få sine skridt registreret (bydelsmor progress consent \(x.volunteer.ref))",
                              "\(x.volunteer.ref) has not agreed to have her steps recorded (bydelsmor progress consent \(x.volunteer.ref))", field: "volunteer")
            }
            if let added = s.volunteers[i].addedOn, x.date < added {
                throw Message("\(Lang.da.shortDate(x.date)) ligger før hun kom med (\(Lang.da.shortDate(added)))",
                              "\(Lang.en.shortDate(x.date)) is before she joined (\(Lang.en.shortDate(added)))", field: "date")
            }
            try Rules.notes(x.note, field: "note")
            guard x.own.isEmpty || s.progressKinds.contains(where: { $0.token == x.own }) else {
                throw Message("slags \"\(x.own)\" kendes ikke; brug \(s.progressTokens.joined(separator: ", ")) (bydelsmor progress kind tilføjer en)",
                              "the kind \"\(x.own)\" is not known; use \(s.progressTokens.joined(separator: ", ")) (bydelsmor progress kind adds one)", field: "kind")
            }
            var new = x; new.removed = false
            s.progressSteps.append(new)
            return .removal(of: x.id)
        },
        words: { x, s, l in (s.volunteer(x.volunteer)?.name ?? x.volunteer.ref) + ": " + s.progressLabel(x, l) },
        writeRule: { (x, _, today) throws(Message) in try WriteRules.notAfter(today, x.date, Message("et skridt",
                                                                                                     "a step"), field: "date") },
        allocate: { x, s in
            guard x.id.isNew else { return nil }
            var n = x; n.id = s.progressSteps.nextID
            return .progressAdded(n)
        })

    /// A kind the coordinator adds to the list, renames, or (`nil`) takes off it again — only while
    /// no step of it is kept. Undone by what it was.
    static let progressKind = EventSpec(
        { (e: Event) -> (String, ProgressKindDefinition?)? in if case let .progressKind(token, d) = e { (token, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            let token = try r.text("token")
            if try r.optionalText("removed") == "yes" { return .progressKind(token: token, definition: nil) }
            return .progressKind(token: token, definition: ProgressKindDefinition(token: token, da: try r.text("da"), en: try r.text("en")))
        },
        encode: { (p: (String, ProgressKindDefinition?)) -> [EventField] in
            var f: [EventField] = [("token", p.0, false)]
            if let d = p.1 { f.append(("da", d.da, true)); f.append(("en", d.en, true)) } else { f.append(("removed", "yes", false)) }
            return f
        },
        apply: { (p, s) throws(Message) -> Event? in
            let (token, d) = p
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)
            guard token.count <= 40, !token.isEmpty, token.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
                throw Message("slagsens navn skal være små bogstaver a–z, tal og bindestreg (højst 40), fx mentor",
                              "the kind's name must be lower-case letters a–z, digits and dashes (at most 40), e.g. mentor", field: "token")
            }
            guard ProgressKind(rawValue: token) == nil else {
                throw Message("\"\(token)\" er en af de faste slags", "\"\(token)\" is one of the built-in kinds", field: "token")
            }
            let old = s.progressKinds.first { $0.token == token }
            if let d {
                guard !d.da.trimmed().isEmpty, !d.en.trimmed().isEmpty else {
                    throw Message("giv slagsen ord på dansk og engelsk (--da og --en)",
                                  "give the kind words in Danish and English (--da and --en)", field: "da")
                }
                try Rules.line(d.da, field: "da", label: Message("det danske navn", "the Danish name"), required: true, max: 80)
                try Rules.line(d.en, field: "en", label: Message("det engelske navn", "the English name"), required: true, max: 80)
                s.progressKinds.removeAll { $0.token == token }
                s.progressKinds.append(d)
            } else {
                guard old != nil else { throw Message("slagsen \"\(token)\" findes ikke", "the kind \"\(token)\" does not exist",
                                                      field: "token") }
                let used = s.progressSteps.filter { !$0.removed && $0.own == token }.count
                guard used == 0 else {
                    throw Message("\(used) skridt er af slagsen \"\(token)\"; den bliver på listen",
                                  "\(used) steps are of the kind \"\(token)\"; it stays on the list", field: "token")
                }
                s.progressKinds.removeAll { $0.token == token }
            }
            return .progressKind(token: token, definition: old)
        },
        words: { p, _, l in
            let what: String = p.1.map { d in "\"" + l.t(d.da, d.en) + "\"" } ?? (p.0 + l.t(" fjernet", " removed"))
            return l.t("slags skridt ", "kind of step ") + what
        })

    static let surveyAdded = EventSpec(
        { if case let .surveyAdded(x) = $0 { x } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            let id: ID<SurveyAnswer> = try r.id("id")
            let year = try r.int("year", 2000...2099)
            let answers = try r.list("answers").map { Int($0) ?? 0 }
            return .surveyAdded(SurveyAnswer(id: id, year: year, answers: answers))
        },
        encode: { x in [("id", x.id.ref, false), ("year", String(x.year), false),
                        ("answers", x.answers.map(String.init).joined(separator: ","), false)] },
        apply: { (x, s) throws(Message) -> Event? in
            try Reducer.nextID(x.id, .survey, s.surveys.count)
            let n = SurveyAnswer.statements.count
            guard x.answers.count == n else {
                throw Message("et svar har \(n) tal, ét for hvert udsagn (fik \(x.answers.count))",
                              "an answer has \(n) numbers, one for each statement (got \(x.answers.count))", field: "answers")
            }
            guard x.answers.allSatisfy({ (1...5).contains($0) }) else {
                throw Message("hvert tal skal være 1–5 (fik \(x.answers.map(String.init).joined(separator: ",")))",
                              "each number must be 1–5 (got \(x.answers.map(String.init).joined(separator: ",")))", field: "answers")
            }
            var new = x; new.removed = false
            s.surveys.append(new)
            return .removal(of: x.id)
        },
        words: { x, _, l in l.t("et anonymt svar på spørgeskemaet \(x.year)", "an anonymous survey answer \(x.year)") },
        allocate: { x, s in
            guard x.id.isNew else { return nil }
            var n = x; n.id = s.surveys.nextID
            return .surveyAdded(n)
        })
}
