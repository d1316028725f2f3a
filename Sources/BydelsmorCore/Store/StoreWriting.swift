import Foundation

/// The store's writing side: a change (or several lines as one) planned on a copy of the state, checked,
/// written whole under the lock with one fsync, then applied; undo and redo as compensating changes.
extension Store {
    // MARK: writing

    /// One step of a change: sees the state after the steps before it and returns the event to
    /// write, or nil when it has nothing to change. Throws a `Message` (or any error) to refuse.
    public typealias Step = (ProjectState) throws -> Event?

    /// Makes one change. `make` sees the latest state (what other processes wrote is taken in
    /// first, under the lock) and returns the event, so ids and checks are never stale.
    /// Nothing is written unless the change passes every rule.
    @discardableResult
    public func commit(_ make: (ProjectState) throws(Message) -> Event) throws(StoreError) -> CommitResult {
        let results: [CommitResult]
        do {
            results = try withoutActuallyEscaping(make) { make in try commitCore { _, _ in [{ s in (try make(s), nil) }] } }
        } catch let e as StoreError { throw e } catch { throw .refused(Message(String(describing: error), String(describing: error))) }
        return results[0]
    }

    /// Makes one change of several lines (a form, an attendance sheet, an import): every step is
    /// checked against the state the steps before it left, and then all lines are written with
    /// one write and one fsync — all or nothing, also under kill -9 or a full disk. Returns the
    /// lines written (none if no step had anything to change).
    @discardableResult
    public func commit(steps: [Step]) throws(StoreError) -> [CommitResult] {
        try commitCore { _, _ in steps.map { step in { s in try step(s).map { ($0, nil) } } } }
    }

    /// Takes back the latest change by appending its compensating change, marked `undoes=LINE`.
    /// Undoing an undo redoes. A change of several lines is taken back whole. Never reaches back
    /// past an erasure.
    @discardableResult
    public func undo() throws(StoreError) -> (result: CommitResult, undone: UndoEntry) {
        try compensate(nothing: nothingToUndo) { log in log.last.map { last in log.filter { $0.group != nil && $0.group == last.group } .nonEmpty ?? [last] } }
    }

    /// Undo as an editor does it: takes back the newest change that is not itself an undo or redo
    /// and is not already undone, so pressing it again goes further back.
    @discardableResult
    public func undoStep() throws(StoreError) -> (result: CommitResult, undone: UndoEntry) {
        let ok: (UndoEntry) -> Bool = { [unowned self] e in compensates[e.line] == nil && undoneBy[e.line] == nil }
        return try compensate(nothing: nothingToUndo) { log in log.last(where: ok).map { Store.group(of: $0, in: log, where: ok) } }
    }

    /// Redoes the newest undo that is still in force.
    @discardableResult
    public func redoStep() throws(StoreError) -> (result: CommitResult, redone: UndoEntry) {
        let ok: (UndoEntry) -> Bool = { [unowned self] e in compensates[e.line] != nil && undoneBy[origin(of: e.line)] == e.line }
        let r = try compensate(nothing: Message("der er intet at gentage", "there is nothing to redo")) { log in
            log.last(where: ok).map { Store.group(of: $0, in: log, where: ok) }
        }
        return (r.result, r.undone)
    }

    var nothingToUndo: Message {
        if let e = erasureLine {
            return Message("der er intet at fortryde: en sletning efter GDPR (linje \(e)) kan ikke fortrydes, og ændringer fra før den heller ikke",
                           "there is nothing to undo: an erasure (line \(e)) cannot be undone, nor can changes made before it")
        }
        return Message("der er intet at fortryde", "there is nothing to undo")
    }

    static func group(of e: UndoEntry, in log: [UndoEntry], where ok: (UndoEntry) -> Bool) -> [UndoEntry] {
        guard let g = e.group else { return [e] }
        return log.filter { $0.group == g && ok($0) }
    }

    /// Writes the inverses of `pick`'s entries, newest first, as one change.
    func compensate(nothing: Message, _ pick: @escaping ([UndoEntry]) -> [UndoEntry]?) throws(StoreError) -> (result: CommitResult, undone: UndoEntry) {
        var target: UndoEntry?
        let results = try commitCore { state, log in
            guard let entries = pick(log), let newest = entries.last else { throw nothing }
            if let barrier = entries.first(where: { $0.inverse == nil }) {
                throw Message("den seneste ændring (\(barrier.event.words(state, .da)), linje \(barrier.line)) kan ikke fortrydes; ret den i stedet",
                              "the latest change (\(barrier.event.words(state, .en)), line \(barrier.line)) cannot be undone; edit it instead")
            }
            target = newest
            return entries.reversed().map { e in { _ in (e.inverse!, e.line) } }
        }
        lastCompensated = results.count
        return (results[results.count - 1], target!)
    }


    typealias PlannedStep = (ProjectState) throws -> (Event, Int?)?

    /// The one way a change reaches the file. Under the exclusive lock: make sure the file locked
    /// is still the journal at `path` (an erasure may have replaced it while we waited; then
    /// reopen, catch up and try again), take in what others wrote, check every step on a copy of
    /// the state, move a torn end aside, and append all lines in one write and one fsync.
    func commitCore(_ plan: (ProjectState, [UndoEntry]) throws -> [PlannedStep]) throws(StoreError) -> [CommitResult] {
        guard !journal.readOnly else { throw .readOnly }
        for _ in 0..<1000 {
            if journal.wasReplaced() { try reopen() }
            // Catch up under the shared lock only: readers are never held up by this.
            try journal.withLock(exclusive: false) { () throws(StoreError) in try takeIn() }
            if let p = problem { throw .journal(p) }
            guard lineCount >= 1 else { throw .journal(JournalProblem(path: path, line: 1, column: 1,
                    message: Message("journalen mangler sin første linje", "the journal lacks its first line"))) }
            // Plan outside any lock: the steps the forms and commands hand in never run under it.
            guard let prepared = try prepare(plan) else { return [] }
            let done = try journal.withLock(exclusive: true) { () throws(StoreError) -> [CommitResult]? in
                // Still the file at the path, and nothing new in it since the plan (else plan again).
                if journal.wasReplaced() { return nil }
                let planned = offset
                try takeIn()
                if let p = problem { throw .journal(p) }
                guard offset == planned else { return nil }
                return try append(prepared)
            }
            if let done {
                // Outside the lock: whatever runs after a write (a hook) never holds up the next.
                if !done.isEmpty { afterWrite?(path, done.map(\.entry)) }
                return done
            }
        }
        throw .io(path, EAGAIN, Message("journalen bliver ved med at blive erstattet; ændringen er ikke gemt",
                                        "the journal keeps being replaced; the change was not saved"))
    }

    /// A change ready to be written: the state it leaves, its events and inverses, its lines.
    struct Prepared {
        var trial: ProjectState
        var planned: [(event: Event, undoes: Int?, inverse: Event?)]
        /// Each line's conversation changed in place, as it was before that line and after it.
        var conversations: [ConversationChange?]
        var entries: [JournalEntry]
        var bytes: [UInt8]
    }

    /// Runs the steps against a copy of the state: ids handed out, write-time rules, every rule of
    /// the reducer; then encodes the lines. Nil when no step changes anything.
    func prepare(_ plan: (ProjectState, [UndoEntry]) throws -> [PlannedStep]) throws(StoreError) -> Prepared? {
        func refusal(_ error: any Error) -> StoreError {
            if let m = error as? Message { return .refused(m) }
            return .refused(Message(String(describing: error), String(describing: error)))
        }
        var trial = state
        var planned: [(event: Event, undoes: Int?, inverse: Event?)] = []
        var conversations: [ConversationChange?] = []
        var unchanged: Event?
        do {
            for step in try plan(state, undoLog) {
                guard let (made, undoes) = try step(trial) else { continue }
                // New records' ids are handed out here, never by the caller.
                let event = made.allocatingID(in: trial)
                // An undo restores what was; the rules of the moment apply to new changes only.
                if undoes == nil, let today { try WriteRules.check(event, in: trial, today: today()) }
                let changing = Store.conversationChanged(by: event).flatMap { trial.conversations.indices.contains($0) ? ($0, trial.conversations[$0]) : nil }
                let inverse = try Reducer.apply(event, to: &trial)
                // A change that changes nothing (held twice, the same stage, the same mark) is not
                // written: its inverse is itself, and applying it left the state as it was.
                if undoes == nil, inverse == event { unchanged = unchanged ?? event; continue }
                Store.noteTime(of: event, at: clock(), in: &trial)
                planned.append((event, undoes, inverse))
                conversations.append(changing.map { ConversationChange(index: $0.0, before: $0.1, after: trial.conversations[$0.0]) })
            }
        } catch { throw refusal(error) }
        if planned.isEmpty, let same = unchanged {
            throw .refused(Message("intet at ændre: \(same.words(state, .da)) står allerede sådan i journalen",
                                   "nothing to change: \(same.words(state, .en)) is already so in the journal", field: Store.unchangedField))
        }
        guard !planned.isEmpty else { return nil }
        let now = clock()
        let count = planned.count
        var bytes: [UInt8] = []
        var entries: [JournalEntry] = []
        entries.reserveCapacity(count)
        for (i, p) in planned.enumerated() {
            let entry = JournalEntry(timestamp: now, actor: actor, event: p.event, undoes: p.undoes,
                                     part: count > 1 ? Part(index: i + 1, count: count) : nil)
            let text = entry.line
            // Belt and braces: never write a line this program could not read back as the same change.
            guard (try? JournalEntry.parse(text)) == entry else {
                throw .refused(Message("intern fejl: ændringen kunne ikke skrives sikkert og er ikke gemt",
                                       "internal error: the change could not be encoded safely and was not saved"))
            }
            bytes.append(contentsOf: text.utf8)
            bytes.append(10)
            entries.append(entry)
        }
        return Prepared(trial: trial, planned: planned, conversations: conversations, entries: entries, bytes: bytes)
    }

    /// Writes a prepared change. Must hold the exclusive lock, with nothing new since it was prepared.
    func append(_ p: Prepared) throws(StoreError) -> [CommitResult] {
        let (trial, planned, entries, bytes) = (p.trial, p.planned, p.entries, p.bytes)
        let count = planned.count
        if journal.size > offset {
            // A torn end: moved aside only now, right before a real write.
            var fragment: [UInt8] = []
            _ = try journal.read(from: offset, count: journal.size - offset, appendingTo: &fragment)
            let side = try journal.moveTornTail(from: offset, bytes: fragment[...])
            tornBytes = 0
            warnings.removeAll { $0.field == "torn" }
            warnings.append(Message(
                "Journalens slutning var ufuldstændig (\(fragment.count) byte, sandsynligvis et nedbrud midt i en skrivning). Den er flyttet til \(side) og ikke indlæst; se den igennem og indtast ændringen igen, hvis den mangler.",
                "The journal's end was incomplete (\(fragment.count) bytes, probably a crash in mid-write). It was moved to \(side) and not loaded; look it over and enter the change again if it is missing."))
        }
        try journal.append(bytes, expectedSize: offset)
        prefixHash.update(bytes)
        state = trial
        offset += bytes.count
        revision += 1
        let first = lineCount + 1
        var results: [CommitResult] = []
        results.reserveCapacity(count)
        lastWritten = entries
        for (i, entry) in entries.enumerated() {
            lineCount += 1
            if let ch = p.conversations[i] { conversationLog.changes.append(ch) }
            if case .personErased = entry.event {
                undoLog.removeAll(); erasureLine = lineCount
            } else {
                record(line: lineCount, event: entry.event, inverse: planned[i].inverse, group: count > 1 ? first : nil)
            }
            noteCompensation(line: lineCount, undoes: entry.undoes)
            results.append(CommitResult(line: lineCount, entry: entry))
        }
        return results
    }
}
