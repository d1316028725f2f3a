/// Conversations counted per month, topic and volunteer: built once, then extended by those logged
/// and adjusted by those changed in place.
public struct ConversationTally: Sendable {
    /// How many of `state.conversations` are counted (removed ones are passed over).
    public private(set) var counted = 0
    /// The log's generation this was built in, and how many of its changes it holds.
    public let generation: Int
    public private(set) var applied: Int
    public private(set) var total = 0
    public private(set) var referred = 0
    // Arrays indexed by volunteer id, topic bit and month slot: no hashing per conversation.
    public private(set) var perVolunteer: [ProjectIndex.Bucket]
    public private(set) var perTopic = [ProjectIndex.Bucket](repeating: ProjectIndex.Bucket(), count: Topic.allCases.count)
    public private(set) var perMonth: [(Int, ProjectIndex.Bucket)] = []
    /// The day of each volunteer's latest conversation (ordinal; Int32.min: none), kept as the
    /// tally grows, so "no conversation for a month" never reads them all again.
    public private(set) var lastDate: [Int32]
    private var monthSlot = [Int: Int]()

    init(volunteers: Int, generation: Int, applied: Int) {
        perVolunteer = [ProjectIndex.Bucket](repeating: ProjectIndex.Bucket(), count: volunteers + 1)
        lastDate = [Int32](repeating: Int32.min, count: volunteers + 1)
        self.generation = generation
        self.applied = applied
    }

    mutating func add(_ all: [Conversation], volunteers: Int) {
        grow(volunteers)
        var lastKey = Int.min, lastSlot = 0
        for i in counted..<all.count {
            let c = all[i]
            if c.removed { continue }
            let key = c.date.year * 12 + c.date.month - 1
            if key != lastKey { lastSlot = slot(key); lastKey = key }
            count(c, at: i, slot: lastSlot)
        }
        counted = all.count
    }

    /// Takes in changes in place, in order: each conversation already counted loses what it was and
    /// gains what it became. A change to one logged after the tally was made is left to `add`,
    /// which counts it as it is now.
    mutating func adjust(_ changes: ArraySlice<ConversationChange>, conversations all: [Conversation], volunteers: Int) {
        grow(volunteers)
        for ch in changes where ch.index < counted {
            if !ch.before.removed { uncount(ch.before, at: ch.index) }
            if !ch.after.removed {
                let key = ch.after.date.year * 12 + ch.after.date.month - 1
                count(ch.after, at: ch.index, slot: slot(key))
            }
        }
        // Her latest day again from the conversations she still has (a few, not a million).
        for v in needsLastDate {
            lastDate[v] = perVolunteer[v].items.reduce(Int32.min) { max($0, all[Int($1)].date.ordinal) }
        }
        needsLastDate = []
        applied += changes.count
    }

    private mutating func grow(_ volunteers: Int) {
        if perVolunteer.count < volunteers + 1 {
            perVolunteer.append(contentsOf: repeatElement(ProjectIndex.Bucket(), count: volunteers + 1 - perVolunteer.count))
        }
        if lastDate.count < volunteers + 1 { lastDate.append(contentsOf: repeatElement(Int32.min, count: volunteers + 1 - lastDate.count)) }
    }

    private mutating func slot(_ key: Int) -> Int {
        if let s = monthSlot[key] { return s }
        let s = perMonth.count
        monthSlot[key] = s; perMonth.append((key, ProjectIndex.Bucket()))
        return s
    }

    private mutating func count(_ c: Conversation, at i: Int, slot: Int) {
        let ref = c.isReferred ? 1 : 0
        let minutes = Int(c.minutes)
        total += 1; referred += ref
        perMonth[slot].1.add(Int32(i), ref, minutes)
        let v = c.volunteer.raw
        if v < perVolunteer.count {
            perVolunteer[v].add(Int32(i), ref, minutes)
            if c.date.ordinal > lastDate[v] { lastDate[v] = c.date.ordinal }
        }
        var bits = c.topics.bits, t = 0
        while bits != 0 {
            if bits & 1 != 0 { perTopic[t].add(Int32(i), ref, minutes) }
            bits >>= 1; t += 1
        }
    }

    /// The reverse of `count` for the conversation as it was counted.
    private mutating func uncount(_ c: Conversation, at i: Int) {
        let ref = c.isReferred ? 1 : 0
        let minutes = Int(c.minutes)
        total -= 1; referred -= ref
        if let s = monthSlot[c.date.year * 12 + c.date.month - 1] { perMonth[s].1.remove(Int32(i), ref, minutes) }
        let v = c.volunteer.raw
        if v < perVolunteer.count {
            perVolunteer[v].remove(Int32(i), ref, minutes)
            if c.date.ordinal >= lastDate[v] { needsLastDate.insert(v) }
        }
        var bits = c.topics.bits, t = 0
        while bits != 0 {
            if bits & 1 != 0 { perTopic[t].remove(Int32(i), ref, minutes) }
            bits >>= 1; t += 1
        }
    }

    /// Volunteers whose latest day must be found again after an uncount, at the end of `adjust`.
    private var needsLastDate = Set<Int>()
}

extension ProjectIndex.Bucket {
    mutating func add(_ i: Int32, _ referred: Int, _ minutes: Int) {
        count += 1; self.referred += referred; self.minutes += minutes
        // Kept in index order (newest last): appended, or put in its place when restored.
        if let last = items.last, last > i {
            var lo = 0, hi = items.count
            while lo < hi { let mid = (lo + hi) / 2; if items[mid] < i { lo = mid + 1 } else { hi = mid } }
            items.insert(i, at: lo)
        } else {
            items.append(i)
        }
    }

    mutating func remove(_ i: Int32, _ referred: Int, _ minutes: Int) {
        var lo = 0, hi = items.count
        while lo < hi { let mid = (lo + hi) / 2; if items[mid] < i { lo = mid + 1 } else { hi = mid } }
        guard lo < items.count, items[lo] == i else { return }
        items.remove(at: lo)
        count -= 1; self.referred -= referred; self.minutes -= minutes
    }
}
