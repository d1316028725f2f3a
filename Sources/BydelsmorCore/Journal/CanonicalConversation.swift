import Foundation

extension JournalEntry {
    private static let conversationPrefix = Array("conversation.logged id=".utf8)

    /// A logged conversation written exactly as the encoder writes it — most of a large journal:
    ///
    ///     <time> <actor> conversation.logged id=c7 date=2026-03-02 volunteer=v3 contact=school topics=school,health referred=none minutes=45
    ///
    /// (with ` followed-up=used` last when the referral's follow-up is recorded)
    ///
    /// read in one pass without the general field reader. Nil for any other line, or any line that
    /// differs from that form at all (another order, a quoted value, an extra field, a bad value):
    /// the general decoder (`JournalEntry(raw:)`) then reads it and reports what is wrong. What this
    /// accepts, it decodes to what the general decoder gives (a property test holds it to that).
    static func canonicalConversation(_ line: UnsafeBufferPointer<UInt8>) -> JournalEntry? {
        let n = line.count
        var i = 0
        // <time> — the timestamp's own check, as the general parser does it.
        while i < n && line[i] != 32 { i += 1 }
        guard i < n, let time = Timestamp(bytes: UnsafeBufferPointer(rebasing: line[0..<i])) else { return nil }
        i += 1
        let actorStart = i
        while i < n && line[i] != 32 {
            guard JournalSyntax.isBare(line[i]) else { return nil }
            i += 1
        }
        let actorEnd = i
        guard actorEnd > actorStart, i < n else { return nil }
        i += 1
        // The event's name and its first key.
        let prefix = conversationPrefix
        guard n - i > prefix.count,
              prefix.withUnsafeBufferPointer({ memcmp($0.baseAddress!, line.baseAddress! + i, $0.count) }) == 0 else { return nil }
        i += prefix.count

        /// The bare value from `i` to the next space or the end; then past the space.
        func value() -> UnsafeBufferPointer<UInt8>? {
            let start = i
            while i < n && line[i] != 32 { i += 1 }
            guard i > start else { return nil }
            let v = UnsafeBufferPointer(rebasing: line[start..<i])
            if i < n { i += 1 }
            return v
        }
        /// `key=` at `i`, then its value.
        func field(_ key: StaticString) -> UnsafeBufferPointer<UInt8>? {
            let k = key.utf8CodeUnitCount
            guard n - i > k + 1, memcmp(key.utf8Start, line.baseAddress! + i, k) == 0, line[i + k] == 61 else { return nil }
            i += k + 1
            return value()
        }
        guard let idBytes = value(), i < n, let id = FieldReader.idNumber(idBytes, prefix: RecordKind.conversation.prefixByte),
              let dateBytes = field("date"), i < n, let date = Day(isoBytes: dateBytes),
              let volunteerBytes = field("volunteer"), i < n, let volunteer = FieldReader.idNumber(volunteerBytes, prefix: RecordKind.volunteer.prefixByte),
              let contactBytes = field("contact"), i < n, let contact = ContactOrigin.tokenTable.match(contactBytes),
              let topicBytes = field("topics"), i < n, let topics = FieldReader.tokenBits(topicBytes, Topic.tokenTable, bit: { $0.bit }),
              let referredBytes = field("referred"), i < n, let referred = FieldReader.tokenBits(referredBytes, Referral.tokenTable, bit: { $0.bit }),
              let minuteBytes = field("minutes"), line[n - 1] != 32,
              let minutes = FieldReader.number(minuteBytes), (1...1440).contains(minutes) else { return nil }
        // What came of the referral, last, when recorded.
        var followUp: FollowUp?
        if i < n {
            guard let f = field("followed-up"), i == n, let v = FollowUp.tokenTable.match(f) else { return nil }
            followUp = v
        }
        // Every value accepted above is made of digits, `-`, `,` and a-z tokens only: all bytes a bare
        // value may hold, so nothing the general parser would refuse got through.
        let conversation = Conversation(id: ID(id), date: date, volunteer: ID(volunteer), contact: contact,
                                        topics: TopicSet(bits: topics), referrals: ReferralSet(bits: referred), minutes: Int32(minutes),
                                        followUp: followUp)
        return JournalEntry(timestamp: time, actor: String(decoding: UnsafeBufferPointer(rebasing: line[actorStart..<actorEnd]),
                                                           as: UTF8.self),
                            event: .conversationLogged(conversation))
    }
}
