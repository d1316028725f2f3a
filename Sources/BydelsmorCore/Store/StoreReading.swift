import Foundation

/// The store's reading side: the journal replayed line by line (or as a pipeline on two cores above a
/// megabyte), each line checked and applied, changes of several lines taken whole, the undo log kept.
extension Store {
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

    func resetReplay() {
        state = ProjectState(); offset = 0; lineCount = 0; undoLog = []; compensates = [:]; undoneBy = [:]; logFrom = nil
        openGroup = nil; erasureLine = nil; tornBytes = 0; prefixHash = StreamHash(); snapshotOffset = 0
        conversationLog = ConversationLog(generation: conversationLog.generation + 1)
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

    /// Replays `[offset, limit)` with `ReplayPipeline`: another core reads, hashes and decodes part
    /// of each batch; this one decodes the rest and applies every line in order.
    func takeInPipelined(limit: Int) throws(StoreError) {
        if let p = try replayPipelined(limit: limit, collectAll: false).first {
            problem = p
            revision += 1
        }
    }

    /// The problems met; the first stops the replay unless `collectAll` (`check`, which reports them all).
    func replayPipelined(limit: Int, collectAll: Bool) throws(StoreError) -> [JournalProblem] {
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
    func applyBatch(_ batch: ReplayPipeline.Batch, collectAll: Bool, changed: inout Bool, problems: inout [JournalProblem]) {
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

    func ingestSequentially(_ buf: UnsafeBufferPointer<UInt8>, collectAll: Bool, changed: inout Bool) -> [JournalProblem] {
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
    func ingestLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> JournalProblem? {
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
    func notInsideAGroup(_ number: Int) -> JournalProblem? {
        guard let g = openGroup else { return nil }
        return JournalProblem(path: path, line: number, column: 1, message: Message(
            "en tom linje eller en kommentar midt i ændringen på \(g.count) linjer, der begynder på linje \(g.firstLine); her forventedes part=\(g.next)/\(g.count)",
            "an empty line or a comment inside the change of \(g.count) lines that begins on line \(g.firstLine); part=\(g.next)/\(g.count) was expected here"))
    }

    /// Applies a decoded line to the state. On a problem the state is untouched and the line is
    /// parsed again to point at the field at fault.
    func apply(_ entry: JournalEntry, line: UnsafeBufferPointer<UInt8>, number: Int) -> JournalProblem? {
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
            let changing = Store.conversationChanged(by: entry.event)
                .flatMap { state.conversations.indices.contains($0) ? state.conversations[$0] : nil }
            let inverse = try Reducer.apply(entry.event, to: &state)
            Store.noteTime(of: entry.event, at: entry.timestamp, in: &state, builtIn: entry.actor == SeedPlan.actor)
            var group: Int?
            if let p = entry.part {
                let first = openGroup?.firstLine ?? number
                group = first
                openGroup = p.index == p.count ? nil : (p.index + 1, p.count, first)
            }
            noteConversationEdit(entry.event, before: changing)
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
    func noteCompensation(line: Int, undoes: Int?) {
        guard let u = undoes else { return }
        compensates[line] = u
        let o = origin(of: u)
        if undoneBy[o] != nil { undoneBy[o] = nil } else { undoneBy[o] = line }
    }

    func record(line: Int, event: Event, inverse: Event?, group: Int?) {
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
}
