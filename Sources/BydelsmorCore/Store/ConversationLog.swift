/// A conversation changed in place — removed, restored or edited — as it was and as it became, so
/// figures over a million conversations are adjusted by the one that changed, never counted again.
public struct ConversationChange: Sendable, Equatable {
    /// Its place in `state.conversations`.
    public let index: Int
    public let before: Conversation
    public let after: Conversation
}

/// The store's log of conversations changed in place since the journal was replayed from its start.
public struct ConversationLog: Sendable {
    /// Bumped when the replay starts over (a journal reopened): what was counted before is void.
    public var generation = 0
    /// Every change in place since, in the order written.
    public var changes: [ConversationChange] = []

    public init(generation: Int = 0, changes: [ConversationChange] = []) {
        self.generation = generation; self.changes = changes
    }

    /// The same log for figures made from another state than the store's (the kiosk's public
    /// view): any change means counting anew, as the changes' conversations are not that state's.
    public var countAnewOnChange: ConversationLog {
        ConversationLog(generation: generation &* 1_000_003 &+ changes.count)
    }
}

extension Store {
    /// Where in `state.conversations` an event changes a conversation in place (nil: it does not).
    static func conversationChanged(by e: Event) -> Int? {
        switch e {
        case .removed(.conversation, let id), .restored(.conversation, let id): id - 1
        case .conversationChanged(let c): c.id.raw - 1
        default: nil
        }
    }

    /// Logs a conversation changed in place: `before` as it was, the state's as it is now.
    func noteConversationEdit(_ e: Event, before: Conversation?) {
        guard let i = Store.conversationChanged(by: e), let before, i < state.conversations.count else { return }
        conversationLog.changes.append(ConversationChange(index: i, before: before, after: state.conversations[i]))
    }
}
