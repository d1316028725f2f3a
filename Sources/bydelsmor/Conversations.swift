import ArgumentParser
import BydelsmorCore
import Foundation

/// `bydelsmor add conversation` and `bydelsmor conversation follow-up`: the mothers' anonymous
/// conversations, as the national organisation asks them logged, and what came of a referral.
struct AddConversation: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conversation",
        abstract: H("Registrér en samtale (anonym: hvem bydelsmoren talte med, gemmes aldrig)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Bydelsmoren, der førte samtalen, fx v3.")) var volunteer: String
    @Option(help: H("Dato: 2027-02-07 eller 07.02.2027 (default: i dag).")) var date: String?
    @Option(help: H("Hvordan kontakten opstod: network, neighbourhood, school, health, municipality, event eller other."))
    var contact: String
    @Option(help: H("Emner, kommasepareret: school, health, job, municipality, family, economy, digital, other.")) var topics: String
    @Option(help: H("Henvist til, kommasepareret: gp, health-visitor, school-daycare, job-centre, municipality, anonymous-counselling, association, other; eller none.")) var referred = "none"
    @Option(help: H("Minutter (1–1440).")) var minutes: Int
    @Option(name: .customLong("followed-up"), help: H("Hvad kom der ud af henvisningen: used, pending eller not-needed."))
    var followedUp: String?

    func run() throws {
        let lang = try common.language()
        let v = try recordID(volunteer, Volunteer.self, option: "--volunteer")
        let d = try date.map { try day($0, option: "--date") } ?? common.today
        guard let origin = ContactOrigin(rawValue: contact) else {
            throw usageError("--contact skal være en af: \(ContactOrigin.tokens) (fik \"\(contact)\")",
                             "--contact must be one of: \(ContactOrigin.tokens) (got \"\(contact)\")")
        }
        let topicSet = TopicSet(try tokens(topics, Topic.self, option: "--topics"))
        let referrals = referred == "none" ? ReferralSet([]) : ReferralSet(try tokens(referred, Referral.self, option: "--referred"))
        let follow = try followedUp.map { try followUp($0, option: "--followed-up") }
        try writing(common, lang) { store in
            let r = try store.commit { s in
                .conversationLogged(Conversation(id: s.conversations.nextID, date: d, volunteer: v, contact: origin, topics: topicSet,
                                                 referrals: referrals, minutes: Int32(clamping: minutes), followUp: follow))
            }
            guard case .conversationLogged(let c) = r.entry.event else { return }
            say(lang.t("Registreret: samtale \(lang.shortDate(c.date)) (\(RecordKind.conversation.ref(c.id.raw))).",
                       "Logged: conversation of \(lang.shortDate(c.date)) (\(RecordKind.conversation.ref(c.id.raw)))."))
            say(RecordKind.conversation.ref(c.id.raw))
        }
    }
}

struct ConversationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conversation",
        abstract: H("Samtaler: follow-up (hvad kom der ud af en henvisning)."), subcommands: [ConversationFollowUp.self])
}

struct ConversationFollowUp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "follow-up",
        abstract: H("Hvad kom der ud af en samtales henvisning: used (brugt), pending (ikke endnu), not-needed; - fjerner svaret."))
    @OptionGroup var common: CommonOptions
    @Argument(help: H("Samtalens id, fx c7.")) var id: String
    @Argument(help: H("used, pending, not-needed eller -.")) var answer: String

    func run() throws {
        let lang = try common.language()
        let c = try recordID(id, Conversation.self, option: "ID")
        let follow = answer == "-" ? nil : try followUp(answer, option: "ANSWER")
        try writing(common, lang) { store in
            let r = try store.commit { (s) throws(Message) -> Event in
                // As the journal holds it now (the edit's own lookup: gone or removed is nil).
                guard var x = Conversation.current(c, in: s) else {
                    throw Message("samtalen \(c.ref) findes ikke", "the conversation \(c.ref) does not exist", field: "id")
                }
                x.followUp = follow
                return .conversationChanged(x)
            }
            say(lang.t("Gemt: ", "Saved: ") + r.entry.event.words(store.state, lang)
                + ": " + (follow?.label(lang) ?? lang.t("intet svar", "no answer")) + ".")
        }
    }
}

/// `used`, `pending` or `not-needed`.
func followUp(_ text: String, option: String) throws -> FollowUp {
    guard let f = FollowUp(rawValue: text) else {
        throw usageError("\(option) skal være en af: \(FollowUp.tokens) (fik \"\(text)\")",
                         "\(option) must be one of: \(FollowUp.tokens) (got \"\(text)\")")
    }
    return f
}

/// Comma-separated tokens of a vocabulary, each known.
func tokens<T: Vocabulary>(_ text: String, _ type: T.Type, option: String) throws -> [T] {
    let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard !words.isEmpty else { throw usageError("\(option): skriv mindst én af: \(T.tokens)",
                                                 "\(option): give at least one of: \(T.tokens)") }
    return try words.map { w in
        guard let t = T(rawValue: w) else {
            throw usageError("\(option): \"\(w)\" kendes ikke; tilladt er \(T.tokens)",
                             "\(option): \"\(w)\" is not known; allowed are \(T.tokens)")
        }
        return t
    }
}
