/// The closed vocabularies of the domain. Raw values are the journal's tokens (English, stable);
/// `label(_:)` is what a person sees.
public protocol Vocabulary: RawRepresentable, CaseIterable, Hashable, Sendable, Codable where RawValue == String {
    func label(_ lang: Lang) -> String
    /// The tokens as bytes, made once, so the journal reader matches without building strings.
    static var tokenTable: TokenTable<Self> { get }
}

public struct TokenTable<V: Vocabulary>: Sendable {
    let entries: [([UInt8], V)]
    public init() { entries = V.allCases.map { (Array($0.rawValue.utf8), $0) } }
    public func value(at i: Int) -> V? { i >= 0 && i < entries.count ? entries[i].1 : nil }
    /// The token's position in `allCases` (made once; `allCases` itself is built anew on each use).
    public func index(of v: V) -> Int {
        entries.firstIndex { $0.1 == v } ?? 0
    }
    @inline(__always) public func match(_ b: UnsafeBufferPointer<UInt8>) -> V? {
        for (bytes, v) in entries where bytes.count == b.count {
            var same = true
            for i in 0..<bytes.count where bytes[i] != b[i] { same = false; break }
            if same { return v }
        }
        return nil
    }
}

extension Vocabulary {
    public static var tokens: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum PhaseStatus: String, Vocabulary {
    public static let tokenTable = TokenTable<PhaseStatus>()
    case notStarted = "not-started", active, done
    public func label(_ l: Lang) -> String {
        switch self {
        case .notStarted: l.t("ikke startet", "not started")
        case .active: l.t("i gang", "active")
        case .done: l.t("afsluttet", "done")
        }
    }
}

public enum ModuleTheme: String, Vocabulary {
    public static let tokenTable = TokenTable<ModuleTheme>()
    case family, health, community, society, methods
    public func label(_ l: Lang) -> String {
        switch self {
        case .family: l.t("familien", "family")
        case .health: l.t("sundhed", "health")
        case .community: l.t("lokalsamfundet", "local community")
        case .society: l.t("samfundet", "society")
        case .methods: l.t("Bydelsmødrenes metoder", "Bydelsmødre methods")
        }
    }
}

public enum ModuleKind: String, Vocabulary {
    public static let tokenTable = TokenTable<ModuleKind>()
    case subject, method
    public func label(_ l: Lang) -> String {
        switch self {
        case .subject: l.t("fagmodul (gæsteunderviser)", "subject module (guest teacher)")
        case .method: l.t("metodemodul (koordinator)", "method module (coordinator)")
        }
    }
}

public enum SessionStatus: String, Vocabulary {
    public static let tokenTable = TokenTable<SessionStatus>()
    case scheduled, held, cancelled
    public func label(_ l: Lang) -> String {
        switch self {
        case .scheduled: l.t("planlagt", "scheduled")
        case .held: l.t("afholdt", "held")
        case .cancelled: l.t("aflyst", "cancelled")
        }
    }
}

/// A module's status is derived from its sessions: planned (none yet), scheduled, held or cancelled.
public enum ModuleStatus: String, Vocabulary {
    public static let tokenTable = TokenTable<ModuleStatus>()
    case planned, scheduled, held, cancelled
    public func label(_ l: Lang) -> String {
        switch self {
        case .planned: l.t("ikke planlagt", "planned")
        case .scheduled: l.t("planlagt", "scheduled")
        case .held: l.t("afholdt", "held")
        case .cancelled: l.t("aflyst", "cancelled")
        }
    }
}

public enum VolunteerStage: String, Vocabulary {
    public static let tokenTable = TokenTable<VolunteerStage>()
    case candidate, training = "in-training", graduated, active, paused, left
    public func label(_ l: Lang) -> String {
        switch self {
        case .candidate: l.t("kandidat", "candidate")
        case .training: l.t("under uddannelse", "in training")
        case .graduated: l.t("uddannet", "graduated")
        case .active: l.t("aktiv", "active")
        case .paused: l.t("på pause", "paused")
        case .left: l.t("stoppet", "left")
        }
    }
    /// camelCase key used in JSON output.
    public var jsonKey: String {
        switch self {
        case .training: "inTraining"
        default: rawValue
        }
    }
}

public enum AttendanceMark: String, Vocabulary {
    public static let tokenTable = TokenTable<AttendanceMark>()
    case present, absent, unknown
    public func label(_ l: Lang) -> String {
        switch self {
        case .present: l.t("til stede", "present")
        case .absent: l.t("fraværende", "absent")
        case .unknown: l.t("ikke registreret", "not recorded")
        }
    }
}

public enum ContactOrigin: String, Vocabulary {
    public static let tokenTable = TokenTable<ContactOrigin>()
    case network, neighbourhood, school, health, municipality, event, other
    public func label(_ l: Lang) -> String {
        switch self {
        case .network: l.t("eget netværk", "own network")
        case .neighbourhood: l.t("i nabolaget", "in the neighbourhood")
        case .school: l.t("via skolen", "via the school")
        case .health: l.t("via sundhedsplejen", "via health services")
        case .municipality: l.t("via kommunen", "via the municipality")
        case .event: l.t("ved et arrangement", "at an event")
        case .other: l.t("andet", "other")
        }
    }
}

public enum Topic: String, Vocabulary {
    public static let tokenTable = TokenTable<Topic>()
    case school, health, job, municipality, family, economy, digital, other
    public func label(_ l: Lang) -> String {
        switch self {
        case .school: l.t("skole", "school")
        case .health: l.t("sundhed", "health")
        case .job: l.t("job", "job")
        case .municipality: l.t("kommunen", "municipality")
        case .family: l.t("familie", "family")
        case .economy: l.t("økonomi", "economy")
        case .digital: l.t("digital selvbetjening", "digital self-service")
        case .other: l.t("andet", "other")
        }
    }
    public var bit: UInt16 {
        switch self {
        case .school: 1
        case .health: 2
        case .job: 4
        case .municipality: 8
        case .family: 16
        case .economy: 32
        case .digital: 64
        case .other: 128
        }
    }
}

/// A set of topics as a bit mask: a conversation carries several, a million conversations stay small.
public struct TopicSet: Hashable, Sendable, Sequence {
    public var bits: UInt16
    public init(bits: UInt16 = 0) { self.bits = bits }
    public init(_ topics: [Topic]) { bits = topics.reduce(0) { $0 | $1.bit } }
    public func contains(_ t: Topic) -> Bool { bits & t.bit != 0 }
    public var isEmpty: Bool { bits == 0 }
    public func makeIterator() -> IndexingIterator<[Topic]> { Topic.allCases.filter { contains($0) }.makeIterator() }
    public var tokens: String { map(\.rawValue).joined(separator: ",") }
}

/// What came of a conversation's referral, asked of the mother later (issue 26): "henvist videre"
/// read as "kom videre".
public enum FollowUp: String, Vocabulary {
    public static let tokenTable = TokenTable<FollowUp>()
    case used, pending, notNeeded = "not-needed"
    public func label(_ l: Lang) -> String {
        switch self {
        case .used: l.t("brugt", "used")
        case .pending: l.t("ikke endnu", "not yet")
        case .notNeeded: l.t("ikke nødvendig", "not needed")
        }
    }
}

public enum Referral: String, Vocabulary {
    public static let tokenTable = TokenTable<Referral>()
    case none, gp, municipality, association, other
    case counselling = "anonymous-counselling", healthVisitor = "health-visitor", jobCentre = "job-centre", school = "school-daycare"
    public func label(_ l: Lang) -> String {
        switch self {
        case .none: l.t("ingen", "none")
        case .gp: l.t("egen læge", "GP")
        case .municipality: l.t("kommunen", "municipality")
        case .association: l.t("lokal forening", "local association")
        case .other: l.t("andet", "other")
        case .counselling: l.t("anonym rådgivning", "anonymous counselling")
        case .healthVisitor: l.t("sundhedsplejerske", "health visitor")
        case .jobCentre: l.t("jobcenter", "job centre")
        case .school: l.t("skole/dagtilbud", "school/daycare")
        }
    }
    /// One bit a referral, by its place in `allCases` (a test holds the two together); a switch, as
    /// the journal reader asks it for every conversation.
    var bit: UInt16 {
        switch self {
        case .none: 1
        case .gp: 2
        case .municipality: 4
        case .association: 8
        case .other: 16
        case .counselling: 32
        case .healthVisitor: 64
        case .jobCentre: 128
        case .school: 256
        }
    }
}

/// Where a conversation referred the woman on, as the national registration asks: any number.
public struct ReferralSet: Hashable, Sendable, Sequence {
    public var bits: UInt16
    public init(bits: UInt16 = 0) { self.bits = bits & ~Referral.none.bit }
    public init(_ referrals: [Referral]) { self.init(bits: referrals.reduce(0) { $0 | $1.bit }) }
    public func contains(_ r: Referral) -> Bool { bits & r.bit != 0 }
    public var isEmpty: Bool { bits == 0 }
    public func makeIterator() -> IndexingIterator<[Referral]> { Referral.allCases.filter { $0 != .none && contains($0) }.makeIterator() }
    /// `none`, or the tokens joined by commas: the journal's form.
    public var tokens: String { isEmpty ? Referral.none.rawValue : map(\.rawValue).joined(separator: ",") }
    public func label(_ l: Lang) -> String { isEmpty ? Referral.none.label(l) : map { $0.label(l) }.joined(separator: ", ") }
}

public enum PartnerKind: String, Vocabulary {
    public static let tokenTable = TokenTable<PartnerKind>()
    case school, health, municipality, association, housing, other
    public func label(_ l: Lang) -> String {
        switch self {
        case .school: l.t("skole/institution", "school/institution")
        case .health: l.t("sundhed", "health")
        case .municipality: l.t("kommune", "municipality")
        case .association: l.t("forening", "association")
        case .housing: l.t("boligsocial", "housing")
        case .other: l.t("andet", "other")
        }
    }
}

/// Activities besides the training modules.
public enum ActivityKind: String, Vocabulary {
    public static let tokenTable = TokenTable<ActivityKind>()
    case information, monthly, network, theme, training = "further-training", assembly = "general-assembly", board, diploma = "diploma-party", other
    public func label(_ l: Lang) -> String {
        switch self {
        case .information: l.t("informationsmøde", "information meeting")
        case .monthly: l.t("månedsmøde", "monthly meeting")
        case .network: l.t("netværksmøde", "network meeting")
        case .theme: l.t("temaarrangement", "theme event")
        case .training: l.t("efteruddannelse", "further training")
        case .assembly: l.t("generalforsamling", "general assembly")
        case .board: l.t("bestyrelsesmøde", "board meeting")
        case .diploma: l.t("diplomfest", "diploma party")
        case .other: l.t("andet", "other")
        }
    }
}

public enum BudgetPeriod: String, Vocabulary {
    public static let tokenTable = TokenTable<BudgetPeriod>()
    case once, yearly
    public func label(_ l: Lang) -> String {
        switch self {
        case .once: l.t("engang", "one-off")
        case .yearly: l.t("årligt", "yearly")
        }
    }
}
