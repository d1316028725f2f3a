import Foundation

/// What undo can take back: the line a change was written on and the change that compensates it.
public struct UndoEntry: Equatable, Sendable {
    public var line: Int
    public var event: Event
    /// Nil for a change that has no inverse (a new budget line): undo stops there and says so,
    /// rather than silently taking back an older change.
    public var inverse: Event?
    /// The first line of the change of several lines this one belongs to (undone together).
    public var group: Int?
}

/// The result of a change that was written.
public struct CommitResult: Equatable, Sendable {
    public var line: Int
    public var entry: JournalEntry
}

/// The one shared state store: the project's state replayed from the journal, and the only way to
/// change it. Every change is validated against the latest state (after taking in what other
/// processes appended), written whole, fsynced, under the journal's lock, and only then applied.
public final class Store {
    public let path: String
    public private(set) var state = ProjectState()
    public var actor: String
    public let clock: @Sendable () -> Timestamp
    public private(set) var journal: JournalFile
    /// Bytes of the journal taken in (always at a line boundary).
    public private(set) var offset = 0
    /// Lines taken in, the header and comments included.
    public private(set) var lineCount = 0
    /// The stop on a bad line, if loading met one: the store is then read-only.
    public private(set) var problem: JournalProblem?
    /// The `field` of the refusal of a change that changes nothing: a command says so and succeeds
    /// (as `mkdir -p` does), a script that marks a session held after its attendance did is not broken.
    public static let unchangedField = "unchanged"

    /// The lines this store wrote last (one change), for what is said after it (`WriteWarnings`).
    public private(set) var lastWritten: [JournalEntry] = []
    /// The file's `changeStamp` when `refresh` last found it unusable.
    private var problemStamp: [Int64] = []
    /// Things a person should be told that did not stop loading (a torn last line moved aside).
    public private(set) var warnings: [Message] = []
    /// The newest changes that undo can take back, oldest first.
    public private(set) var undoLog: [UndoEntry] = []
    public static let undoDepth = 1000
    /// Bumped whenever the state changes, so a front end knows when to redraw or recompute.
    public private(set) var revision = 0
    /// Undo lines: line → the line it compensates (`undoes=`).
    public private(set) var compensates: [Int: Int] = [:]
    /// A change that is currently undone → the line that undid it.
    public private(set) var undoneBy: [Int: Int] = [:]
    /// Reused for every parsed line, so replay does not allocate per line.
    private var scratch: [RawField] = []
    /// While replaying a change of several lines: the part expected next, and its first line.
    private var openGroup: (next: Int, count: Int, firstLine: Int)?
    /// The line of the latest erasure: undo never reaches back past it.
    public private(set) var erasureLine: Int?
    /// The line from which every change that can be undone is in `undoLog` (nil: not known, as
    /// after a snapshot, so undo links are checked only from there).
    private var logFrom: Int?
    /// Bytes at the end of the file that are not a complete change (a torn write), left unread.
    public private(set) var tornBytes = 0
    /// Where snapshots of the replayed state are cached (nil: none). See `Snapshot`.
    public let cacheDirectory: String?
    /// The hash of the journal's bytes taken in so far, `[0, offset)`.
    private var prefixHash = StreamHash()
    /// The offset of the snapshot this store started from or last wrote (0: none).
    public private(set) var snapshotOffset = 0
    /// During a replay, undo entries are kept only for the journal's last `undoWindow` bytes (far
    /// more than `undoDepth` changes): building them for a million old lines is most of a replay's
    /// allocations, and undo never reaches that far back.
    public static let undoWindow = 4 << 20
    private var undoWindowStart = 0
    /// Today, for the rules that only hold when a change is made, never on replay (a conversation is
    /// not logged for a day that has not come). Nil: those rules are not applied.
    public var today: (@Sendable () -> Day)?
    /// Counts changes to conversations other than logging a new one (removed, restored, or the
    /// state replayed anew), so derived figures know when appending to them is not enough.
    public private(set) var conversationEdits = 0
    /// Write a new snapshot once this many bytes were replayed beyond the last one.
    public static let snapshotEvery = 1 << 20

    /// Opens (creating it with the built-in plan when missing, unless read-only) and replays the journal.
    public init(path: String, readOnly: Bool = false, createIfMissing: Bool = true, actor: String,
                clock: @escaping @Sendable () -> Timestamp = Timestamp.now, cacheDirectory: String? = nil) throws(StoreError) {
        self.path = path
        self.actor = actor
        self.clock = clock
        self.cacheDirectory = cacheDirectory
        guard JournalEntry.isValidActor(actor) else {
            throw .refused(Message("aktøren \"\(actor)\" er ugyldig; brug bogstaver, tal og . _ - @ (højst 64)", "the actor \"\(actor)\" is invalid; use letters, digits and . _ - @ (at most 64)"))
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard createIfMissing, !readOnly else {
                throw .io(path, ENOENT, Message("journalen findes ikke", "the journal does not exist"))
            }
            try Store.createJournal(path: path, actor: actor, clock: clock)
        }
        journal = try JournalFile(path: path, readOnly: readOnly)
        // Opening only reads: a torn end is reported here and moved aside only right before a
        // real write, so a refused or read-only command leaves the file byte for byte as it was.
        try load()
    }

    /// Replays the journal under a shared lock: from a valid snapshot and then only the tail, or
    /// from the top; then leaves a new snapshot if much was replayed beyond the last one.
    private func load() throws(StoreError) {
        try journal.withLock(exclusive: false) { () throws(StoreError) in
            restoreSnapshot()
            try takeIn()
            // Under the lock, so an erasure (exclusive) can never interleave with writing one.
            if offset - snapshotOffset >= Store.snapshotEvery { saveSnapshot() }
        }
    }

    public var isReadOnly: Bool { journal.readOnly || problem != nil }

    /// Writes a new journal with the header and the built-in plan.
    public static func createJournal(path: String, actor: String = SeedPlan.actor,
                                     clock: @Sendable () -> Timestamp = Timestamp.now) throws(StoreError) {
        var text = JournalSyntax.header + "\n"
        let now = clock()
        for e in SeedPlan.events {
            text += JournalEntry(timestamp: now, actor: SeedPlan.actor, event: e).line + "\n"
        }
        try JournalFile.create(path: path, text: text)
    }

    // MARK: reading

    /// Takes in lines other processes appended. True if the state changed.
    @discardableResult
    public func refresh() throws(StoreError) -> Bool {
        let before = revision
        if problem != nil {
            // A journal that was unusable (0 bytes mid-copy, a bad line being fixed by hand) is
            // read again from the top once the file has changed, so a kiosk recovers by itself.
            let stamp = journal.changeStamp
            guard stamp != problemStamp else { return false }
            problemStamp = stamp
            try reopen()
            return true
        }
        if journal.wasReplaced() {
            try reopen()
        } else {
            try journal.withLock(exclusive: false) { () throws(StoreError) in try takeIn() }
        }
        return revision != before
    }

    /// Starts over from the file now at `path` (after it was rewritten).
    func reopen() throws(StoreError) {
        journal = try JournalFile(path: path, readOnly: journal.readOnly)
        resetReplay()
        problem = nil; warnings = []
        revision += 1
        try load()
    }

    private func resetReplay() {
        state = ProjectState(); offset = 0; lineCount = 0; undoLog = []; compensates = [:]; undoneBy = [:]; logFrom = nil
        openGroup = nil; erasureLine = nil; tornBytes = 0; prefixHash = StreamHash(); snapshotOffset = 0
        conversationEdits += 1
    }

    /// Reads and applies every complete change after `offset`. Must hold the lock. What follows
    /// the last complete change (a line without newline, or the lines of a change cut short by a
    /// crash in mid-write) is left in the file and counted in `tornBytes`; a writer moves it aside.
    func takeIn() throws(StoreError) {
        guard problem == nil else { return }
        var size = journal.size
        if size < offset {
            // The file shrank under us (edited by hand): replay from the start.
            resetReplay()
            size = journal.size
        }
        if size == 0 {
            problem = JournalProblem(path: path, line: 1, column: 1, message: Message(
                "journalen er tom (0 byte): den første linje \"\(JournalSyntax.header)\" og alle ændringer mangler. Hent den fra en sikkerhedskopi, eller opret en ny med bydelsmor init; der skrives intet i en journal uden sin første linje",
                "the journal is empty (0 bytes): its first line \"\(JournalSyntax.header)\" and every change are missing. Restore it from a backup, or start a new one with bydelsmor init; nothing is written into a journal without its first line"))
            revision += 1
            return
        }
        let limit = try usableEnd(size: size)
        undoWindowStart = max(0, limit - Store.undoWindow)
        if limit - offset >= Store.pipelineFrom {
            try takeInPipelined(limit: limit)
            if problem != nil { return }
        } else if limit > offset {
            // A short tail (the common case: what another process appended) in one read.
            var buffer: [UInt8] = []
            _ = try journal.read(from: offset, count: limit - offset, appendingTo: &buffer)
            let completeEnd = buffer.withUnsafeBufferPointer { buf -> Int in
                var i = buf.count
                while i > 0 && buf[i - 1] != 10 { i -= 1 }
                return i
            }
            if completeEnd > 0 {
                buffer.withUnsafeBytes { prefixHash.update(UnsafeRawBufferPointer(rebasing: $0[0..<completeEnd])) }
                var changed = false
                let stop = buffer.withUnsafeBufferPointer { buf in
                    ingestSequentially(UnsafeBufferPointer(rebasing: buf[0..<completeEnd]), collectAll: false, changed: &changed).first
                }
                if changed { revision += 1 }
                if let p = stop {
                    problem = p
                    revision += 1
                    return
                }
            }
        }
        tornBytes = size - offset
        guard tornBytes > 0 else { return }
        if !warnings.contains(where: { $0.field == "torn" }) {
            warnings.append(Message(
                "Journalens slutning er ufuldstændig (\(tornBytes) byte, sandsynligvis et nedbrud midt i en skrivning) og er ikke indlæst; næste ændring flytter den til en sidefil ved siden af journalen.",
                "The journal's end is incomplete (\(tornBytes) bytes, probably a crash in mid-write) and was not loaded; the next change moves it to a side file next to the journal.", field: "torn"))
        }
    }

    /// Where the complete changes end: after the last line with a newline, unless that line is part
    /// of a change of several lines whose later lines are missing (a write cut short by kill -9 or a
    /// full disk); then before that change's first line.
    func usableEnd(size: Int) throws(StoreError) -> Int {
        let end = try journal.afterLastNewline(before: size, floor: offset)
        guard end > offset else { return offset }
        let lastStart = try journal.afterLastNewline(before: end - 1, floor: offset)
        var bytes: [UInt8] = []
        _ = try journal.read(from: lastStart, count: end - 1 - lastStart, appendingTo: &bytes)
        guard bytes.first != 35, let entry = try? JournalEntry.parse(String(decoding: bytes, as: UTF8.self)),
              let part = entry.part, part.index < part.count else { return end }
        var start = lastStart
        for _ in 1..<part.index where start > offset {
            start = try journal.afterLastNewline(before: start - 1, floor: offset)
        }
        return start
    }

    /// A read of this many bytes or more is replayed in a pipeline over two cores.
    static let pipelineFrom = 1 << 20

    /// Replays `[offset, limit)` with `ReplayPipeline`: another core reads, hashes and decodes part
    /// of each batch; this one decodes the rest and applies every line in order.
    private func takeInPipelined(limit: Int) throws(StoreError) {
        if let p = try replayPipelined(limit: limit, collectAll: false).first {
            problem = p
            revision += 1
        }
    }

    /// The problems met; the first stops the replay unless `collectAll` (`check`, which reports them all).
    private func replayPipelined(limit: Int, collectAll: Bool) throws(StoreError) -> [JournalProblem] {
        let pipe = ReplayPipeline(file: journal, from: offset, limit: limit, hash: prefixHash)
        pipe.start()
        var changed = false
        defer { if changed { revision += 1 } }
        var problems: [JournalProblem] = []
        while let batch = pipe.next() {
            applyBatch(batch, collectAll: collectAll, changed: &changed, problems: &problems)
            pipe.recycle(batch)
            if !collectAll && !problems.isEmpty {
                pipe.cancel()
                return problems
            }
        }
        pipe.finish()
        if let e = pipe.error { throw e }
        prefixHash = pipe.hash
        return problems
    }

    /// Applies a batch's lines in order: those the reader decoded, then the rest, decoded here.
    private func applyBatch(_ batch: ReplayPipeline.Batch, collectAll: Bool, changed: inout Bool, problems: inout [JournalProblem]) {
        let bytes = batch.lines
        for d in batch.decoded {
            let number = lineCount + 1
            let line = UnsafeBufferPointer(rebasing: bytes[d.start..<d.end])
            var met: JournalProblem?
            if number == 1 {
                // The header: checked as in a replay of one line after the other.
                met = ingestLine(line, number: 1)
            } else if let e = d.problem {
                met = JournalProblem(path: path, line: number, column: Store.column(line, e.offset), message: e.message)
            } else if let entry = d.entry {
                met = apply(entry, line: line, number: number)
                if met == nil { changed = true }
            } else {
                met = notInsideAGroup(number)
            }
            if let met {
                problems.append(met)
                if !collectAll { return }
            }
            lineCount = number
            offset += d.end - d.start + 1
        }
        problems += ingestSequentially(UnsafeBufferPointer(rebasing: bytes[batch.split...]), collectAll: collectAll, changed: &changed)
    }

    private func ingestSequentially(_ buf: UnsafeBufferPointer<UInt8>, collectAll: Bool, changed: inout Bool) -> [JournalProblem] {
        var problems: [JournalProblem] = []
        var start = 0
        while start < buf.count {
            let end = Store.lineEnd(buf, from: start)
            let line = UnsafeBufferPointer(rebasing: buf[start..<end])
            let number = lineCount + 1
            if let p = ingestLine(line, number: number) {
                problems.append(p)
                if !collectAll { return problems }
            } else {
                changed = true
            }
            lineCount = number
            offset += end - start + 1
            start = end + 1
        }
        return problems
    }

    /// Where the line starting at `start` ends: at its newline (found with `memchr`), else at the
    /// end of `buf` (the replay only hands over whole lines, so that is never the case).
    @inline(__always) static func lineEnd(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buf.baseAddress, let p = memchr(base + start, 10, buf.count - start) else { return buf.count }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// One line, parsed and decoded but not applied: what the helper thread hands back.
    struct DecodedLine: Sendable {
        var start: Int
        var end: Int
        var entry: JournalEntry?
        var problem: SyntaxError?
    }

    /// Decodes every line of `buf` into `out`, reusing its storage.
    static func decodeAll(_ buf: UnsafeBufferPointer<UInt8>, into out: inout [DecodedLine]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(buf.count / 100)
        var scratch: [RawField] = []
        var start = 0
        while start < buf.count {
            let end = Store.lineEnd(buf, from: start)
            let (entry, problem) = decode(UnsafeBufferPointer(rebasing: buf[start..<end]), scratch: &scratch)
            out.append(DecodedLine(start: start, end: end, entry: entry, problem: problem))
            start = end + 1
        }
    }

    /// Parses and decodes one line; (nil, nil) for a comment or an empty line.
    static func decode(_ line: UnsafeBufferPointer<UInt8>, scratch: inout [RawField]) -> (JournalEntry?, SyntaxError?) {
        let line = UnsafeBufferPointer(rebasing: JournalSyntax.withoutCR(line))
        if line.isEmpty || line[0] == 35 { return (nil, nil) }
        if let e = JournalEntry.canonicalConversation(line) { return (e, nil) }
        do throws(SyntaxError) {
            let raw = try RawLine(parsing: line, reusing: &scratch)
            defer { scratch = raw.fields }
            return (try JournalEntry(raw: raw), nil)
        } catch {
            return (nil, error)
        }
    }

    /// Applies one line; returns the problem if it is bad (and leaves the state untouched).
    private func ingestLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> JournalProblem? {
        if number == 1 {
            let text = String(decoding: JournalSyntax.withoutCR(line), as: UTF8.self)
            guard text.hasPrefix(JournalSyntax.headerPrefix) else {
                return JournalProblem(path: path, line: 1, column: 1, message: Message(
                    "første linje skal være \"\(JournalSyntax.header)\"; er det en bydelsmor-journal?",
                    "the first line must be \"\(JournalSyntax.header)\"; is this a bydelsmor journal?"))
            }
            let version = text.dropFirst(JournalSyntax.headerPrefix.count)
            guard version == "1" else {
                return JournalProblem(path: path, line: 1, column: JournalSyntax.headerPrefix.count + 1, message: Message(
                    "journalens format er version \(version), men programmet kender kun version 1; opdatér bydelsmor",
                    "the journal's format is version \(version), but this program knows only version 1; update bydelsmor"))
            }
            return nil
        }
        let (entry, problem) = Store.decode(line, scratch: &scratch)
        if let e = problem {
            return JournalProblem(path: path, line: number, column: Store.column(line, e.offset), message: e.message)
        }
        guard let entry else { return notInsideAGroup(number) }
        return apply(entry, line: line, number: number)
    }

    /// A comment or an empty line between the lines of one change of several (part=) is refused:
    /// the program writes a change whole, so something else cut into it.
    private func notInsideAGroup(_ number: Int) -> JournalProblem? {
        guard let g = openGroup else { return nil }
        return JournalProblem(path: path, line: number, column: 1, message: Message(
            "en tom linje eller en kommentar midt i ændringen på \(g.count) linjer, der begynder på linje \(g.firstLine); her forventedes part=\(g.next)/\(g.count)",
            "an empty line or a comment inside the change of \(g.count) lines that begins on line \(g.firstLine); part=\(g.next)/\(g.count) was expected here"))
    }

    /// Applies a decoded line to the state. On a problem the state is untouched and the line is
    /// parsed again to point at the field at fault.
    private func apply(_ entry: JournalEntry, line: UnsafeBufferPointer<UInt8>, number: Int) -> JournalProblem? {
        func column(of key: String?) -> Int {
            guard let raw = try? RawLine(parsing: UnsafeBufferPointer(rebasing: JournalSyntax.withoutCR(line))) else { return 1 }
            var at = raw.nameStart
            if let key, let f = raw.fields.first(where: { String(decoding: raw.key($0), as: UTF8.self) == key }) { at = f.valueStart }
            return Store.column(line, at)
        }
        if let u = entry.undoes {
            if u < 1 || u >= number {
                return JournalProblem(path: path, line: number, column: column(of: "undoes"), message: Message(
                    "undoes=\(u) skal pege på en tidligere linje", "undoes=\(u) must point to an earlier line"))
            }
            if u == 1 {
                return JournalProblem(path: path, line: number, column: column(of: "undoes"), message: Message(
                    "undoes=1 peger på journalens første linje, som ikke er en ændring", "undoes=1 points to the journal's first line, which is not a change"))
            }
            if let e = erasureLine, u <= e {
                return JournalProblem(path: path, line: number, column: column(of: "undoes"), message: Message(
                    "undoes=\(u) peger på en linje fra før sletningen på linje \(e); intet fra før en sletning kan fortrydes",
                    "undoes=\(u) points to a line from before the erasure on line \(e); nothing from before an erasure can be undone"))
            }
            // From `logFrom` on, every change that can be undone is in the undo log: a link to a
            // line that is not there (a comment, an empty line, the built-in plan, a change that
            // cannot be undone) or that this line does not take back is refused.
            if let from = logFrom, u >= from {
                guard let target = undoLog.last(where: { $0.line == u }), let inverse = target.inverse else {
                    return JournalProblem(path: path, line: number, column: column(of: "undoes"), message: Message(
                        "undoes=\(u) peger på en linje, der ikke er en ændring, som kan fortrydes (en kommentar, en tom linje, den indbyggede plan eller en ændring uden fortrydelse)",
                        "undoes=\(u) points to a line that is not a change that can be undone (a comment, an empty line, the built-in plan or a change without undo)"))
                }
                guard inverse == entry.event else {
                    return JournalProblem(path: path, line: number, column: column(of: "undoes"), message: Message(
                        "undoes=\(u): linje \(u) er \(target.event.words(state, .da)); denne linje tager ikke den ændring tilbage",
                        "undoes=\(u): line \(u) is \(target.event.words(state, .en)); this line does not take that change back"))
                }
            }
        }
        if let g = openGroup {
            guard let p = entry.part, p.index == g.next, p.count == g.count else {
                return JournalProblem(path: path, line: number, column: column(of: entry.part == nil ? nil : "part"), message: Message(
                    "ændringen på \(g.count) linjer, der begynder på linje \(g.firstLine), er afbrudt: her forventedes part=\(g.next)/\(g.count)",
                    "the change of \(g.count) lines that begins on line \(g.firstLine) is cut short: part=\(g.next)/\(g.count) was expected here"))
            }
        } else if let p = entry.part, p.index != 1 {
            return JournalProblem(path: path, line: number, column: column(of: "part"), message: Message(
                "part=\(p.index)/\(p.count) uden de foregående linjer af samme ændring", "part=\(p.index)/\(p.count) without the earlier lines of its change"))
        }
        do throws(Message) {
            let inverse = try Reducer.apply(entry.event, to: &state)
            Store.noteTime(of: entry.event, at: entry.timestamp, in: &state, builtIn: entry.actor == SeedPlan.actor)
            var group: Int?
            if let p = entry.part {
                let first = openGroup?.firstLine ?? number
                group = first
                openGroup = p.index == p.count ? nil : (p.index + 1, p.count, first)
            }
            noteConversationEdit(entry.event)
            if logFrom == nil && offset >= undoWindowStart { logFrom = number }
            if case .personErased = entry.event {
                undoLog.removeAll(); erasureLine = number; logFrom = number + 1
            } else if entry.actor != SeedPlan.actor && offset >= undoWindowStart {
                // The built-in plan is the starting point, not a change anyone can take back.
                record(line: number, event: entry.event, inverse: inverse, group: group)
            }
            noteCompensation(line: number, undoes: entry.undoes)
            return nil
        } catch {
            return JournalProblem(path: path, line: number, column: column(of: error.field), message: error)
        }
    }

    private func noteConversationEdit(_ e: Event) {
        switch e {
        case .removed(.conversation, _), .restored(.conversation, _), .conversationChanged: conversationEdits += 1
        default: break
        }
    }

    /// What the state keeps of a line's time, after the event was applied: the day the journal was
    /// started (its first line) and the day a volunteer was registered.
    public static func noteTime(of event: Event, at time: Timestamp, in state: inout ProjectState, builtIn: Bool = false) {
        if state.startedOn == nil { state.startedOn = time.copenhagenDay }
        if case .volunteerAdded(let v) = event, v.id.raw >= 1, v.id.raw <= state.volunteers.count { state.volunteers[v.id].addedOn = time.copenhagenDay }
        // A budget line is planned from the day it was added unless it is dated otherwise; the
        // built-in plan's lines are the memo's plan for the project and start with it.
        if !builtIn, case .budgetLineAdded(let b) = event, let i = state.budgetLineIndex(b.id), state.budgetLines[i].start == nil { state.budgetLines[i].start = time.copenhagenDay }
    }

    /// The first change in a chain of undos and redos.
    public func origin(of line: Int) -> Int {
        var l = line
        while let c = compensates[l] { l = c }
        return l
    }

    /// Each compensating line flips its original between done and undone.
    private func noteCompensation(line: Int, undoes: Int?) {
        guard let u = undoes else { return }
        compensates[line] = u
        let o = origin(of: u)
        if undoneBy[o] != nil { undoneBy[o] = nil } else { undoneBy[o] = line }
    }

    private func record(line: Int, event: Event, inverse: Event?, group: Int?) {
        guard event.isUndoable else { return }
        undoLog.append(UndoEntry(line: line, event: event, inverse: inverse, group: group))
        // Trimmed in big steps, so replaying a million lines does not shift the log on every line.
        if undoLog.count > Store.undoDepth * 8 {
            undoLog.removeFirst(undoLog.count - Store.undoDepth)
            logFrom = undoLog.first?.line
        }
    }

    /// 1-based column in characters (Unicode scalars) of a byte offset in the line.
    static func column(_ line: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        let prefix = UnsafeBufferPointer(rebasing: line[0..<min(offset, line.count)])
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }

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

    private var nothingToUndo: Message {
        if let e = erasureLine {
            return Message("der er intet at fortryde: en sletning efter GDPR (linje \(e)) kan ikke fortrydes, og ændringer fra før den heller ikke",
                           "there is nothing to undo: an erasure (line \(e)) cannot be undone, nor can changes made before it")
        }
        return Message("der er intet at fortryde", "there is nothing to undo")
    }

    private static func group(of e: UndoEntry, in log: [UndoEntry], where ok: (UndoEntry) -> Bool) -> [UndoEntry] {
        guard let g = e.group else { return [e] }
        return log.filter { $0.group == g && ok($0) }
    }

    /// Writes the inverses of `pick`'s entries, newest first, as one change.
    private func compensate(nothing: Message, _ pick: @escaping ([UndoEntry]) -> [UndoEntry]?) throws(StoreError) -> (result: CommitResult, undone: UndoEntry) {
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

    /// How many lines the latest undo or redo took back or put back (a series, a sheet: several).
    public private(set) var lastCompensated = 0

    private typealias PlannedStep = (ProjectState) throws -> (Event, Int?)?

    /// The one way a change reaches the file. Under the exclusive lock: make sure the file locked
    /// is still the journal at `path` (an erasure may have replaced it while we waited; then
    /// reopen, catch up and try again), take in what others wrote, check every step on a copy of
    /// the state, move a torn end aside, and append all lines in one write and one fsync.
    private func commitCore(_ plan: (ProjectState, [UndoEntry]) throws -> [PlannedStep]) throws(StoreError) -> [CommitResult] {
        guard !journal.readOnly else { throw .readOnly }
        for _ in 0..<1000 {
            if journal.wasReplaced() { try reopen() }
            // Catch up under the shared lock only: readers are never held up by this.
            try journal.withLock(exclusive: false) { () throws(StoreError) in try takeIn() }
            if let p = problem { throw .journal(p) }
            guard lineCount >= 1 else { throw .journal(JournalProblem(path: path, line: 1, column: 1, message: Message("journalen mangler sin første linje", "the journal lacks its first line"))) }
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
            if let done { return done }
        }
        throw .io(path, EAGAIN, Message("journalen bliver ved med at blive erstattet; ændringen er ikke gemt", "the journal keeps being replaced; the change was not saved"))
    }

    /// A change ready to be written: the state it leaves, its events and inverses, its lines.
    private struct Prepared {
        var trial: ProjectState
        var planned: [(event: Event, undoes: Int?, inverse: Event?)]
        var entries: [JournalEntry]
        var bytes: [UInt8]
    }

    /// Runs the steps against a copy of the state: ids handed out, write-time rules, every rule of
    /// the reducer; then encodes the lines. Nil when no step changes anything.
    private func prepare(_ plan: (ProjectState, [UndoEntry]) throws -> [PlannedStep]) throws(StoreError) -> Prepared? {
        func refusal(_ error: any Error) -> StoreError {
            if let m = error as? Message { return .refused(m) }
            return .refused(Message(String(describing: error), String(describing: error)))
        }
        var trial = state
        var planned: [(event: Event, undoes: Int?, inverse: Event?)] = []
        var unchanged: Event?
        do {
            for step in try plan(state, undoLog) {
                guard let (made, undoes) = try step(trial) else { continue }
                // New records' ids are handed out here, never by the caller.
                let event = made.allocatingID(in: trial)
                // An undo restores what was; the rules of the moment apply to new changes only.
                if undoes == nil, let today { try WriteRules.check(event, in: trial, today: today()) }
                let inverse = try Reducer.apply(event, to: &trial)
                // A change that changes nothing (held twice, the same stage, the same mark) is not
                // written: its inverse is itself, and applying it left the state as it was.
                if undoes == nil, inverse == event { unchanged = unchanged ?? event; continue }
                Store.noteTime(of: event, at: clock(), in: &trial)
                planned.append((event, undoes, inverse))
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
                throw .refused(Message("intern fejl: ændringen kunne ikke skrives sikkert og er ikke gemt", "internal error: the change could not be encoded safely and was not saved"))
            }
            bytes.append(contentsOf: text.utf8)
            bytes.append(10)
            entries.append(entry)
        }
        return Prepared(trial: trial, planned: planned, entries: entries, bytes: bytes)
    }

    /// Writes a prepared change. Must hold the exclusive lock, with nothing new since it was prepared.
    private func append(_ p: Prepared) throws(StoreError) -> [CommitResult] {
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
            noteConversationEdit(entry.event)
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

    // MARK: checking

    /// Reads the whole journal at `path` and reports every problem (not only the first).
    public static func check(path: String) throws(StoreError) -> (lines: Int, changes: Int, problems: [JournalProblem], tornTail: Int?) {
        let file = try JournalFile(path: path, readOnly: true)
        return try file.withLock(exclusive: false) { () throws(StoreError) in
            let s = try Store(checking: path, file: file)
            let size = file.size
            if size == 0 {
                try s.takeIn()
                return (0, 0, s.problem.map { [$0] } ?? [], nil)
            }
            let limit = try s.usableEnd(size: size)
            // Like a replay (in batches over two cores: memory stays the size of the state, not of
            // the file), but every problem is reported and the lines after it are read on.
            var problems: [JournalProblem] = []
            if limit >= Store.pipelineFrom {
                problems = try s.replayPipelined(limit: limit, collectAll: true)
            } else if limit > 0 {
                var buffer: [UInt8] = []
                _ = try file.read(from: 0, count: limit, appendingTo: &buffer)
                var changed = false
                problems = buffer.withUnsafeBufferPointer { s.ingestSequentially($0, collectAll: true, changed: &changed) }
            }
            let changes = s.lineCount - problems.count
            return (s.lineCount, changes, problems, limit < size ? size - limit : nil)
        }
    }

    private init(checking path: String, file: JournalFile) throws(StoreError) {
        self.path = path; self.actor = "check"; self.clock = Timestamp.now; self.journal = file; self.cacheDirectory = nil
    }
}

// MARK: snapshots

extension Store {
    var snapshotPath: String? { cacheDirectory.map { Snapshot.path(in: $0, forJournal: realPath) } }

    /// Starts from the cached snapshot if it provably matches the journal: same real path, and the
    /// journal's bytes up to the snapshot's offset hash to the same value (read at memory speed;
    /// never size or mtime alone). A snapshot that does not match is deleted (it may hold data an
    /// erasure removed). Must hold the lock, with nothing replayed yet.
    func restoreSnapshot() {
        guard let file = snapshotPath, offset == 0 else { return }
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return }
        var st = stat()
        fstat(fd, &st)
        // The journal's prefix is hashed on a second core while this one decodes the snapshot: the
        // two take about as long, and neither needs the other until both are done.
        let proof = HashBox()
        let group = DispatchGroup()
        let journal = self.journal, realPath = self.realPath
        let decoded = (st.st_mode & S_IFMT) == S_IFREG ? try? Snapshot.read(fd: fd, size: Int(st.st_size)) { path, offset in
            guard path == realPath, offset > 0, offset <= journal.size else { return }
            let file = SendableJournal(file: journal)
            DispatchQueue.global(qos: .userInitiated).async(group: group) { proof.hash = file.file.hashPrefix(offset) }
        } : nil
        close(fd)
        group.wait()
        guard let snap = decoded, snap.journal == realPath, snap.offset <= journal.size, snap.offset > 0 else {
            unlink(file); return
        }
        guard let hash = proof.hash else { return }
        guard hash.value == snap.prefixHash else { unlink(file); return }
        state = snap.state; offset = snap.offset; lineCount = snap.lineCount; undoLog = snap.undoLog
        compensates = snap.compensates; undoneBy = snap.undoneBy; erasureLine = snap.erasureLine
        prefixHash = hash; snapshotOffset = snap.offset
        revision += 1
    }

    /// Writes the snapshot of the state at `offset` (mode 0600, via a temporary file and rename).
    /// Only a cache: a failure is ignored.
    func saveSnapshot() {
        guard let file = snapshotPath, let dir = cacheDirectory, problem == nil, openGroup == nil, offset > 0, !journal.wasReplaced() else { return }
        var st = stat()
        if stat(dir, &st) != 0 {
            guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil else { return }
        }
        Snapshot.sweep(dir)
        let snap = Snapshot(journal: realPath, offset: offset, prefixHash: prefixHash.value, lineCount: lineCount, state: state,
                            undoLog: Array(undoLog.suffix(Store.undoDepth)), compensates: compensates, undoneBy: undoneBy, erasureLine: erasureLine)
        let temp = file + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return }
        let ok = snap.write(to: fd)
        close(fd)
        if ok && rename(temp, file) == 0 { snapshotOffset = offset } else { unlink(temp) }
    }

    /// Writes a snapshot of the state as it is now, whatever was replayed (benchmarks, tools).
    public func saveSnapshotNow() {
        try? journal.withLock(exclusive: false) { () throws(StoreError) in saveSnapshot() }
    }

    /// Deletes this journal's snapshot and any half-written one (they hold personal data an erasure
    /// removes). Called under the exclusive lock, so no other process is writing one now.
    func deleteSnapshot() {
        guard let file = snapshotPath, let dir = cacheDirectory else { return }
        unlink(file)
        let name = (file as NSString).lastPathComponent
        for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where f.hasPrefix(name + ".tmp-") {
            unlink(dir + "/" + f)
        }
    }
}

extension Store {
    /// The journal's lines that concern a volunteer (her own records and what refers to her).
    public func linesAbout(volunteer id: VolunteerID) -> [(line: Int, text: String)] {
        guard let bytes = try? journal.read(from: 0) else { return [] }
        var out: [(Int, String)] = []
        let ref = RecordKind.volunteer.ref(id)
        for (i, line) in JournalSyntax.lines(bytes).enumerated() {
            if line.contains("id=\(ref) ") || line.hasSuffix("id=\(ref)") || line.contains("volunteer=\(ref) ") || line.hasSuffix("volunteer=\(ref)") {
                out.append((i + 1, String(line)))
            }
        }
        return out
    }

}

/// The prefix hash computed on another thread; read only after the group is waited for.
final class HashBox: @unchecked Sendable { var hash: StreamHash? }
/// The journal handed to the hashing thread: it only reads through its own mappings of the file.
struct SendableJournal: @unchecked Sendable { let file: JournalFile }

extension Array {
    /// Nil for an empty array, so `?? fallback` reads naturally.
    var nonEmpty: Self? { isEmpty ? nil : self }
}

extension Timestamp {
    @Sendable public static func now() -> Timestamp {
        Timestamp(secondsSince1970: Int64(time(nil)))
    }
}

/// Rules that hold when a change is made, not when the journal is replayed: they depend on the day
/// (what has not happened yet cannot be recorded) or on a person's standing at the time.
public enum WriteRules {
    /// Each event's own rules (its `writeRule` in the event table).
    public static func check(_ e: Event, in s: ProjectState, today: Day) throws(Message) {
        try Privacy.check(e)
        try e.kind.spec.writeRule(e, s, today)
    }

    /// What has not happened yet cannot be recorded.
    static func notAfter(_ today: Day, _ d: Day, _ what: Message, field: String) throws(Message) {
        guard d <= today else {
            throw Message("\(what.da) kan ikke registreres for \(Lang.da.shortDate(d)), der ligger efter i dag (\(Lang.da.shortDate(today)))",
                          "\(what.en) cannot be recorded for \(Lang.en.shortDate(d)), which is after today (\(Lang.en.shortDate(today)))", field: field)
        }
    }
}
