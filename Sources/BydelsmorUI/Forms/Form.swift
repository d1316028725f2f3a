import BydelsmorCore

/// What a form field wants; it decides the hint, the parsing and the message for a bad value.
public enum FieldKind: Sendable {
    case text(required: Bool)
    case notes
    case date(optional: Bool)
    case time
    case amount
    case hours
    case number(ClosedRange<Int>)
    case choice([(token: String, label: String)])
    case topics
    case languages
    case phone
    /// Any number of referrals, by (the start of) their names; empty for none.
    case referrals
}

public struct FormField: Sendable {
    public var key: String
    public var label: String
    public var kind: FieldKind
    public var editor: LineEditor
    /// For a choice: the option chosen.
    public var choice: Int = 0
    /// For a choice: what has been typed to pick an option by part of its name ("plej" → Forplejning).
    var typed = ""
    public var error: String?
    /// What the field's hint says instead of its kind's (who will see the text).
    public var help: String?

    public init(_ key: String, _ label: String, _ kind: FieldKind, _ value: String = "", help: String? = nil) {
        self.help = help
        self.key = key; self.label = label; self.kind = kind
        editor = LineEditor(value, maxLength: { if case .notes = kind { return 2000 }; return 200 }())
        if case .choice(let options) = kind { choice = options.firstIndex { $0.token == value } ?? 0 }
    }

    public var isChoice: Bool { if case .choice = kind { return true }; return false }

    public func hint(_ l: Lang) -> String {
        if let help { return help }
        switch kind {
        case .text(let required): return required ? l.t("påkrævet", "required") : l.t("valgfri", "optional")
        case .notes: return l.t("valgfri; fri tekst", "optional; free text")
        case .date(let optional): return l.t("fx 07.02.2027 eller 7.2.",
                                             "e.g. 07.02.2027 or 2027-02-07") + (optional ? l.t("; tom for ingen", "; empty for none") : "")
        case .time: return l.t("fx 17:00 eller 17", "e.g. 17:00 or 17")
        case .amount: return l.t("fx 1.250,50 eller 1250.50", "e.g. 1,250.50 or 1250.50")
        case .hours: return l.t("fx 2,5", "e.g. 2.5")
        case .number(let r): return "\(r.lowerBound)–\(r.upperBound)"
        case .choice: return l.t("← → vælger", "← → choose")
        case .topics: return Topic.allCases.map { $0.label(l) }.joined(separator: ", ")
        case .languages: return l.t("fx arabisk, somali, dansk", "e.g. Arabic, Somali, Danish")
        case .phone: return l.t("valgfri, fx +45 12 34 56 78", "optional, e.g. +45 12 34 56 78")
        case .referrals: return l.t("tom = ingen; ellers fx kommunen, sundhedsplejerske",
                                    "empty = none; else e.g. municipality, health visitor")
        }
    }

    /// The value shown: the text, or the chosen option's label.
    public func display(_ l: Lang) -> String {
        if case .choice(let options) = kind, !options.isEmpty { return "‹ " + options[choice].label + " ›" }
        return editor.text
    }
}

/// A field that could not be read: which, and what is allowed.
public struct FieldError: Error, Sendable {
    public var key: String
    public var message: String
}

/// The typed values of a submitted form. Each accessor says what is wrong in the person's language.
public struct FormValues {
    let fields: [FormField]
    let lang: Lang
    /// The year a date without one ("5.1.") falls in.
    var thisYear: Int?

    func field(_ key: String) -> FormField {
        guard let f = fields.first(where: { $0.key == key }) else { preconditionFailure("no field \(key)") }
        return f
    }
    func raw(_ key: String) -> String { field(key).editor.text.trimmed() }

    public func text(_ key: String) -> String { raw(key) }
    public func notes(_ key: String) -> String { field(key).editor.text }

    public func day(_ key: String) throws(FieldError) -> Day {
        let s = raw(key)
        // "5.1." is the 5th of January this year.
        guard let d = Day(userInput: s, year: thisYear) else {
            throw FieldError(key: key, message: s.isEmpty ? lang.t("skriv en dato, fx 07.02.2027", "enter a date, e.g. 07.02.2027")
                             : lang.t("\"\(s)\" er ikke en dato, der findes; skriv fx 07.02.2027",
                                      "\"\(s)\" is not a date that exists; write e.g. 07.02.2027"))
        }
        return d
    }
    public func optionalDay(_ key: String) throws(FieldError) -> Day? {
        raw(key).isEmpty ? nil : try day(key)
    }
    public func time(_ key: String) throws(FieldError) -> ClockTime {
        let s = raw(key)
        guard let t = ClockTime(s) else {
            throw FieldError(key: key, message: lang.t("\"\(s)\" er ikke et klokkeslæt; skriv TT:MM, fx 17:00",
                                                       "\"\(s)\" is not a time; write HH:MM, e.g. 17:00"))
        }
        return t
    }
    public func money(_ key: String) throws(FieldError) -> Money {
        let s = raw(key)
        if s.hasPrefix("-") { throw FieldError(key: key,
                                               message: lang.t("beløbet må ikke være negativt", "the amount must not be negative")) }
        guard let m = Money(userInput: s) else {
            throw FieldError(key: key, message: lang.t("\"\(s)\" er ikke et beløb; skriv fx 1.250,50 eller 1250.50",
                                                       "\"\(s)\" is not an amount; write e.g. 1,250.50 or 1250.50"))
        }
        return m
    }
    public func hours(_ key: String) throws(FieldError) -> Hours {
        let s = raw(key)
        guard let h = Hours(userInput: s) else {
            throw FieldError(key: key, message: lang.t("\"\(s)\" er ikke et antal timer; skriv fx 2,5",
                                                       "\"\(s)\" is not a number of hours; write e.g. 2.5"))
        }
        return h
    }
    public func number(_ key: String) throws(FieldError) -> Int {
        let s = raw(key)
        guard case .number(let r) = field(key).kind, let n = Int(s), r.contains(n) else {
            let r = { if case .number(let r) = field(key).kind { return r }; return 0...0 }()
            throw FieldError(key: key, message: lang.t("skriv et tal fra \(r.lowerBound) til \(r.upperBound)",
                                                       "enter a number from \(r.lowerBound) to \(r.upperBound)"))
        }
        return n
    }
    public func token(_ key: String) -> String {
        let f = field(key)
        guard case .choice(let options) = f.kind, !options.isEmpty else { return "" }
        return options[f.choice].token
    }
    public func topics(_ key: String) throws(FieldError) -> TopicSet {
        let parts = raw(key).split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmed().lowercased() }.filter { !$0.isEmpty }
        var set = TopicSet()
        for p in parts {
            guard let t = Topic.allCases.first(where: { $0.rawValue == p || $0.label(.da).lowercased().hasPrefix(p) || $0.label(.en).lowercased().hasPrefix(p) }) else {
                throw FieldError(key: key, message: lang.t("ukendt emne \"\(p)\"; vælg blandt ",
                        "unknown topic \"\(p)\"; choose from ") + Topic.allCases.map { $0.label(lang) }.joined(separator: ", "))
            }
            set.bits |= t.bit
        }
        if set.isEmpty { throw FieldError(key: key,
                message: lang.t("skriv mindst ét emne, fx skole, sundhed", "enter at least one topic, e.g. school, health")) }
        return set
    }
    public func referrals(_ key: String) throws(FieldError) -> ReferralSet {
        let parts = raw(key).split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmed().lowercased() }.filter { !$0.isEmpty }
        var set = ReferralSet()
        for p in parts {
            guard let r = Referral.allCases.first(where: { $0.rawValue == p || $0.label(.da).lowercased().hasPrefix(p) || $0.label(.en).lowercased().hasPrefix(p) }) else {
                throw FieldError(key: key, message: lang.t("ukendt henvisning \"\(p)\"; vælg blandt ",
                        "unknown referral \"\(p)\"; choose from ") + Referral.allCases.filter { $0 != .none }.map { $0.label(lang) }.joined(separator: ", "))
            }
            if r != .none { set = ReferralSet(bits: set.bits | ReferralSet([r]).bits) }
        }
        return set
    }
    /// Languages by their names ("arabisk, somali") or codes, stored as ISO 639 codes.
    public func languages(_ key: String) throws(FieldError) -> [String] {
        do throws(Message) { return try Languages.codes(from: raw(key)) } catch { throw FieldError(key: key, message: error.text(lang)) }
    }
}


/// A form on screen: fields, focus, and what saving does.
public struct Form {
    public var title: String
    public var fields: [FormField]
    public var focus = 0
    public var message: String?
    /// The values as the form opened, so Esc can tell whether anything typed would be thrown away.
    let opened: [String]
    /// Set by a first Esc on a changed form; a second Esc discards.
    var discardArmed = false
    /// Turns the values into the changes to commit; each sees the latest state at commit time.
    /// (Closures throw untyped errors: FieldError or Message. Typed throws in nested closures
    /// crashed the Swift 6.3 compiler.)
    public var save: (FormValues) throws -> [(ProjectState) throws -> Event?]
    /// A form that only chooses (which hold, which application): Enter opens what it returns instead
    /// of saving anything.
    public var next: ((FormValues) throws -> Modal)?
    /// What a save says when it is done ("Hold 2027 er gemt."); nil: the default.
    public var done: String?

    public init(title: String, fields: [FormField], done: String? = nil,
                save: @escaping (FormValues) throws -> [(ProjectState) throws -> Event?]) {
        self.title = title; self.fields = fields; self.save = save; self.done = done
        opened = fields.map { $0.editor.text + "\u{1F}" + String($0.choice) }
    }

    /// A form whose Enter leads on to another dialog.
    public init(title: String, fields: [FormField], next: @escaping (FormValues) throws -> Modal) {
        self.init(title: title, fields: fields) { _ in [] }
        self.next = next
    }

    /// Whether anything differs from how the form opened.
    public var isChanged: Bool { fields.map { $0.editor.text + "\u{1F}" + String($0.choice) } != opened }
}

/// Asks before something happens, saying what will happen; `done` says what happened.
public struct Confirmation {
    /// What a yes writes: one change, or several written as one (a series of sessions).
    public enum Change {
        case one((ProjectState) throws(Message) -> Event)
        case several([Store.Step])
        /// GDPR erasure of a volunteer: the journal rewritten (`Store.erase`), never undone.
        case erase(VolunteerID)
    }
    public var question: String
    public var done: String
    public var change: Change
    /// Only a typed j / y says yes (not Enter): for what cannot be undone.
    public var strict = false
    public init(question: String, done: String, make: @escaping (ProjectState) throws(Message) -> Event) {
        self.question = question; self.done = done; change = .one(make)
    }
    public init(question: String, done: String, steps: [Store.Step]) {
        self.question = question; self.done = done; change = .several(steps)
    }
    public init(question: String, done: String, erase id: VolunteerID) {
        self.question = question; self.done = done; change = .erase(id); strict = true
    }
}

/// Attendance for one session: the volunteers in training (and anyone already marked), Space toggles.
public struct AttendanceSheet {
    public var session: SessionID
    public var title: String
    public var rows: [(volunteer: VolunteerID, name: String, present: Bool, was: AttendanceMark)]
    public var cursor = 0
}
