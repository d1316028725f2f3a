import Foundation

/// What undo can take back: the line a change was written on and the change that compensates it.
public struct UndoEntry: Equatable, Sendable {
    public var line: Int
    public var event: Event
    public var inverse: Event
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

    /// Opens (creating it with the built-in plan when missing, unless read-only) and replays the journal.
    public init(path: String, readOnly: Bool = false, createIfMissing: Bool = true, actor: String,
                clock: @escaping @Sendable () -> Timestamp = Timestamp.now) throws(StoreError) {
        self.path = path
        self.actor = actor
        self.clock = clock
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
        try journal.withLock(exclusive: !readOnly) { () throws(StoreError) in
            try takeIn(canRepairTail: !readOnly)
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
        if journal.wasReplaced() {
            try reopen()
        } else {
            try journal.withLock(exclusive: false) { () throws(StoreError) in try takeIn(canRepairTail: false) }
        }
        return revision != before
    }

    /// Starts over from the file now at `path` (after it was rewritten).
    func reopen() throws(StoreError) {
        journal = try JournalFile(path: path, readOnly: journal.readOnly)
        state = ProjectState(); offset = 0; lineCount = 0; problem = nil; undoLog = []; warnings = []
        compensates = [:]; undoneBy = [:]
        revision += 1
        try journal.withLock(exclusive: false) { () throws(StoreError) in try takeIn(canRepairTail: false) }
    }

    /// Reads and applies every complete line after `offset`. Must hold the lock.
    func takeIn(canRepairTail: Bool) throws(StoreError) {
        guard problem == nil else { return }
        if journal.size < offset {
            // The file shrank under us (edited by hand): replay from the start.
            state = ProjectState(); offset = 0; lineCount = 0; undoLog = []; compensates = [:]; undoneBy = [:]
        }
        // Read in chunks, so memory stays the size of the state, not of the file.
        let chunk = 4 << 20
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunk + 4096)
        var readPos = offset
        while true {
            let n = try journal.read(from: readPos, count: chunk, appendingTo: &buffer)
            readPos += n
            if n == 0 { break }
            let completeEnd = buffer.withUnsafeBufferPointer { buf -> Int in
                var i = buf.count
                while i > 0 && buf[i - 1] != 10 { i -= 1 }
                return i
            }
            guard completeEnd > 0 else { continue }
            let stop = buffer.withUnsafeBufferPointer { buf in
                ingest(UnsafeBufferPointer(rebasing: buf[0..<completeEnd]), collectAll: false).first
            }
            if let p = stop {
                problem = p
                revision += 1
                return
            }
            buffer.removeSubrange(0..<completeEnd)
        }
        guard !buffer.isEmpty else { return }
        // What is left has no newline: a torn last line.
        let fragment = buffer[...]
        if canRepairTail {
            let side = try journal.moveTornTail(from: offset, bytes: fragment)
            warnings.append(Message(
                "Den sidste linje i journalen var ufuldstændig (\(fragment.count) byte, sandsynligvis et nedbrud midt i en skrivning). Den er flyttet til \(side) og ikke indlæst; se den igennem og indtast ændringen igen, hvis den mangler.",
                "The journal's last line was incomplete (\(fragment.count) bytes, probably a crash in mid-write). It was moved to \(side) and not loaded; look it over and enter the change again if it is missing."))
        } else if !warnings.contains(where: { $0.field == "torn" }) {
            warnings.append(Message(
                "Den sidste linje i journalen er ufuldstændig (\(fragment.count) byte) og er ikke indlæst; næste gang der gemmes, flyttes den til en sidefil.",
                "The journal's last line is incomplete (\(fragment.count) bytes) and was not loaded; the next save moves it to a side file.", field: "torn"))
        }
    }

    /// Replays complete lines; returns the problems met (the first stops it unless `collectAll`).
    /// A large read is split in two: the larger second part is parsed on another core while this
    /// one parses and applies the first, then applies the second in order. The result is the same as
    /// one line after the other.
    private func ingest(_ buf: UnsafeBufferPointer<UInt8>, collectAll: Bool) -> [JournalProblem] {
        var changed = false
        defer { if changed { revision += 1 } }
        guard !collectAll, lineCount > 0, buf.count >= 1 << 20 else {
            return ingestSequentially(buf, collectAll: collectAll, changed: &changed)
        }
        // This thread also applies every line, so it parses the smaller part (measured: a third).
        var split = buf.count / 3
        while buf[split] != 10 { split += 1 }
        let second = SendableBytes(bytes: UnsafeBufferPointer(rebasing: buf[(split + 1)...]))
        let box = DecodedBox()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            box.lines = Store.decodeAll(second.bytes)
        }
        let firstProblems = ingestSequentially(UnsafeBufferPointer(rebasing: buf[...split]), collectAll: false, changed: &changed)
        group.wait()
        if !firstProblems.isEmpty { return firstProblems }
        for d in box.lines {
            let number = lineCount + 1
            let line = UnsafeBufferPointer(rebasing: second.bytes[d.start..<d.end])
            if let e = d.problem {
                return [JournalProblem(path: path, line: number, column: Store.column(line, e.offset), message: e.message)]
            }
            if let entry = d.entry {
                if let p = apply(entry, line: line, number: number) { return [p] }
                changed = true
            }
            lineCount = number
            offset += d.end - d.start + 1
        }
        return []
    }

    private func ingestSequentially(_ buf: UnsafeBufferPointer<UInt8>, collectAll: Bool, changed: inout Bool) -> [JournalProblem] {
        var problems: [JournalProblem] = []
        var start = 0
        while start < buf.count {
            var end = start
            while buf[end] != 10 { end += 1 }
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

    /// One line, parsed and decoded but not applied: what the helper thread hands back.
    struct DecodedLine: Sendable {
        var start: Int
        var end: Int
        var entry: JournalEntry?
        var problem: SyntaxError?
    }

    static func decodeAll(_ buf: UnsafeBufferPointer<UInt8>) -> [DecodedLine] {
        var out: [DecodedLine] = []
        out.reserveCapacity(buf.count / 100)
        var scratch: [RawField] = []
        var start = 0
        while start < buf.count {
            var end = start
            while buf[end] != 10 { end += 1 }
            let (entry, problem) = decode(UnsafeBufferPointer(rebasing: buf[start..<end]), scratch: &scratch)
            out.append(DecodedLine(start: start, end: end, entry: entry, problem: problem))
            start = end + 1
        }
        return out
    }

    /// Parses and decodes one line; (nil, nil) for a comment or an empty line.
    static func decode(_ line: UnsafeBufferPointer<UInt8>, scratch: inout [RawField]) -> (JournalEntry?, SyntaxError?) {
        if line.isEmpty || line[0] == 35 { return (nil, nil) }
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
            let text = String(decoding: line, as: UTF8.self)
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
        guard let entry else { return nil }
        return apply(entry, line: line, number: number)
    }

    /// Applies a decoded line to the state. On a problem the state is untouched and the line is
    /// parsed again to point at the field at fault.
    private func apply(_ entry: JournalEntry, line: UnsafeBufferPointer<UInt8>, number: Int) -> JournalProblem? {
        func column(of key: String?) -> Int {
            guard let raw = try? RawLine(parsing: line) else { return 1 }
            var at = raw.nameStart
            if let key, let f = raw.fields.first(where: { String(decoding: raw.key($0), as: UTF8.self) == key }) { at = f.valueStart }
            return Store.column(line, at)
        }
        if let u = entry.undoes, u < 1 || u >= number {
            return JournalProblem(path: path, line: number, column: column(of: "undoes"), message: Message(
                "undoes=\(u) skal pege på en tidligere linje", "undoes=\(u) must point to an earlier line"))
        }
        do throws(Message) {
            let inverse = try Reducer.apply(entry.event, to: &state)
            // The built-in plan is the starting point, not a change anyone can take back.
            if entry.actor != SeedPlan.actor { record(line: number, event: entry.event, inverse: inverse) }
            noteCompensation(line: number, undoes: entry.undoes)
            return nil
        } catch {
            return JournalProblem(path: path, line: number, column: column(of: error.field), message: error)
        }
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

    private func record(line: Int, event: Event, inverse: Event?) {
        guard let inverse, event.isUndoable else { return }
        undoLog.append(UndoEntry(line: line, event: event, inverse: inverse))
        // Trimmed in big steps, so replaying a million lines does not shift the log on every line.
        if undoLog.count > Store.undoDepth * 8 { undoLog.removeFirst(undoLog.count - Store.undoDepth) }
    }

    /// 1-based column in characters (Unicode scalars) of a byte offset in the line.
    static func column(_ line: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        let prefix = UnsafeBufferPointer(rebasing: line[0..<min(offset, line.count)])
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }

    // MARK: writing

    /// Makes one change. `make` sees the latest state (what other processes wrote is taken in
    /// first, under the lock) and returns the event, so ids and checks are never stale.
    /// Nothing is written unless the change passes every rule.
    @discardableResult
    public func commit(_ make: (ProjectState) throws(Message) -> Event) throws(StoreError) -> CommitResult {
        try commitCore { (state, _) throws(Message) in (try make(state), nil) }
    }

    /// Takes back the latest change by appending its compensating change, marked `undoes=LINE`.
    /// Undoing an undo redoes.
    @discardableResult
    public func undo() throws(StoreError) -> (result: CommitResult, undone: UndoEntry) {
        var target: UndoEntry?
        let result = try commitCore { (_, log) throws(Message) in
            guard let last = log.last else {
                throw Message("der er intet at fortryde", "there is nothing to undo")
            }
            target = last
            return (last.inverse, last.line)
        }
        return (result, target!)
    }

    /// Undo as an editor does it: takes back the newest change that is not itself an undo or redo
    /// and is not already undone, so pressing it again goes further back.
    @discardableResult
    public func undoStep() throws(StoreError) -> (result: CommitResult, undone: UndoEntry) {
        var target: UndoEntry?
        let result = try commitCore { (_, log) throws(Message) in
            guard let e = log.last(where: { compensates[$0.line] == nil && undoneBy[$0.line] == nil }) else {
                throw Message("der er intet at fortryde", "there is nothing to undo")
            }
            target = e
            return (e.inverse, e.line)
        }
        return (result, target!)
    }

    /// Redoes the newest undo that is still in force.
    @discardableResult
    public func redoStep() throws(StoreError) -> (result: CommitResult, redone: UndoEntry) {
        var target: UndoEntry?
        let result = try commitCore { (_, log) throws(Message) in
            guard let e = log.last(where: { compensates[$0.line] != nil && undoneBy[origin(of: $0.line)] == $0.line }) else {
                throw Message("der er intet at gentage", "there is nothing to redo")
            }
            target = e
            return (e.inverse, e.line)
        }
        return (result, target!)
    }

    private func commitCore(_ make: (ProjectState, [UndoEntry]) throws(Message) -> (Event, Int?)) throws(StoreError) -> CommitResult {
        guard !journal.readOnly else { throw .readOnly }
        if journal.wasReplaced() { try reopen() }
        if let p = problem { throw .journal(p) }
        return try journal.withLock(exclusive: true) { () throws(StoreError) -> CommitResult in
            try takeIn(canRepairTail: true)
            if let p = problem { throw .journal(p) }
            let event: Event, undoes: Int?
            do throws(Message) { (event, undoes) = try make(state, undoLog) } catch { throw .refused(error) }
            var trial = state
            let inverse: Event?
            do throws(Message) { inverse = try Reducer.apply(event, to: &trial) } catch { throw .refused(error) }
            let entry = JournalEntry(timestamp: clock(), actor: actor, event: event, undoes: undoes)
            let text = entry.line
            // Belt and braces: never write a line this program could not read back as the same change.
            guard (try? JournalEntry.parse(text)) == entry else {
                throw .refused(Message("intern fejl: ændringen kunne ikke skrives sikkert og er ikke gemt", "internal error: the change could not be encoded safely and was not saved"))
            }
            let bytes = Array(text.utf8) + [10]
            try journal.append(bytes, expectedSize: offset)
            state = trial
            offset += bytes.count
            lineCount += 1
            revision += 1
            record(line: lineCount, event: event, inverse: inverse)
            noteCompensation(line: lineCount, undoes: undoes)
            return CommitResult(line: lineCount, entry: entry)
        }
    }

    // MARK: checking

    /// Reads the whole journal at `path` and reports every problem (not only the first).
    public static func check(path: String) throws(StoreError) -> (lines: Int, changes: Int, problems: [JournalProblem], tornTail: Int?) {
        let file = try JournalFile(path: path, readOnly: true)
        return try file.withLock(exclusive: false) { () throws(StoreError) in
            let bytes = try file.read(from: 0)
            let s = try Store(checking: path, file: file)
            let completeEnd = (bytes.lastIndex(of: 10).map { $0 + 1 }) ?? 0
            let problems = bytes.withUnsafeBufferPointer { buf in
                s.ingest(UnsafeBufferPointer(rebasing: buf[0..<completeEnd]), collectAll: true)
            }
            let changes = s.lineCount - problems.count
            return (s.lineCount, changes, problems, completeEnd < bytes.count ? bytes.count - completeEnd : nil)
        }
    }

    private init(checking path: String, file: JournalFile) throws(StoreError) {
        self.path = path; self.actor = "check"; self.clock = Timestamp.now; self.journal = file
    }
}

extension Store {
    /// The journal's lines that concern a volunteer (her own records and what refers to her).
    public func linesAbout(volunteer id: Int) -> [(line: Int, text: String)] {
        guard let bytes = try? journal.read(from: 0) else { return [] }
        var out: [(Int, String)] = []
        let ref = RecordKind.volunteer.ref(id)
        for (i, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.contains("id=\(ref) ") || line.hasSuffix("id=\(ref)") || line.contains("volunteer=\(ref) ") || line.hasSuffix("volunteer=\(ref)") {
                out.append((i + 1, String(line)))
            }
        }
        return out
    }

    /// GDPR erasure. Under the lock: every line with her personal fields is rewritten without them
    /// (line numbers, timestamps and all other lines stay), an erasure line is appended, and the new
    /// journal replaces the old by rename. A backup made first is overwritten and removed once the
    /// rename has landed; side files next to the journal are cleaned of her name and phone.
    public func erase(volunteer id: Int) throws(StoreError) -> (lines: Int, sideFiles: Int) {
        guard !journal.readOnly else { throw .readOnly }
        if journal.wasReplaced() { try reopen() }
        if let p = problem { throw .journal(p) }
        let result: (Int, Int) = try journal.withLock(exclusive: true) { () throws(StoreError) -> (Int, Int) in
            try takeIn(canRepairTail: true)
            if let p = problem { throw .journal(p) }
            guard let v = state.volunteer(id) else {
                throw .refused(Message("bydelsmor \(RecordKind.volunteer.ref(id)) findes ikke", "volunteer \(RecordKind.volunteer.ref(id)) does not exist"))
            }
            guard !v.erased else { throw .refused(Message("\(RecordKind.volunteer.ref(id)) er allerede slettet efter GDPR", "\(RecordKind.volunteer.ref(id)) is already erased")) }
            let secrets = [v.name, v.phone].filter { $0.count >= 3 }
            let original = try journal.read(from: 0)
            var lines = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            var rewritten = 0
            for i in lines.indices where i > 0 && !lines[i].isEmpty && !lines[i].hasPrefix("#") {
                guard let entry = try? JournalEntry.parse(lines[i]), let clean = Erasure.scrub(entry, volunteer: id) else { continue }
                lines[i] = clean.line
                rewritten += 1
            }
            let erasure = JournalEntry(timestamp: clock(), actor: actor, event: .personErased(id: id))
            lines.append(erasure.line)
            let text = lines.joined(separator: "\n") + "\n"
            // Check the new journal replays before it replaces the old one.
            var check = ProjectState()
            for (n, l) in lines.enumerated() where n > 0 && !l.isEmpty && !l.hasPrefix("#") {
                do {
                    _ = try Reducer.apply(try JournalEntry.parse(l).event, to: &check)
                } catch _ {
                    throw .refused(Message("sletningen ville gøre journalen ugyldig (linje \(n + 1)); intet er ændret", "the erasure would make the journal invalid (line \(n + 1)); nothing was changed"))
                }
            }
            let stamp = erasure.timestamp.iso.filter { $0 != "-" && $0 != ":" }
            let backup = path + ".erase-backup-" + stamp
            let temp = path + ".erase-new-" + stamp
            try Store.writeFile(backup, original)
            do throws(StoreError) {
                try Store.writeFile(temp, Array(text.utf8))
                guard rename(temp, path) == 0 else { throw StoreError.io(path, errno, Message("kan ikke erstatte journalen", "cannot replace the journal")) }
                let dir = (path as NSString).deletingLastPathComponent
                let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY)
                if dfd >= 0 { fsync(dfd); close(dfd) }
            } catch {
                unlink(temp)
                Store.shred(backup)
                throw error
            }
            Store.shred(backup)
            // Side files (torn lines) next to the journal: her name and phone replaced.
            var cleaned = 0
            let dir = (path as NSString).deletingLastPathComponent
            let base = (path as NSString).lastPathComponent
            for f in (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? [] where f.hasPrefix(base + ".") {
                let full = (dir.isEmpty ? "" : dir + "/") + f
                guard let data = FileManager.default.contents(atPath: full) else { continue }
                var t = String(decoding: data, as: UTF8.self)
                let before = t
                for s in secrets { t = t.replacingOccurrences(of: s, with: Erasure.placeholder) }
                if t != before { try Store.writeFile(full + ".tmp", Array(t.utf8)); rename(full + ".tmp", full); cleaned += 1 }
            }
            return (rewritten, cleaned)
        }
        try reopen()
        return result
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path, errno, Message("kan ikke skrive filen", "cannot write the file")) }
        defer { close(fd) }
        guard writeAll(fd, bytes), fsync(fd) == 0 else { throw .io(path, errno, Message("kan ikke skrive filen", "cannot write the file")) }
    }

    /// Overwrites a file with zeros, flushes it and removes it.
    static func shred(_ path: String) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd >= 0 {
            var st = stat()
            fstat(fd, &st)
            _ = writeAll(fd, [UInt8](repeating: 0, count: Int(st.st_size)))
            fsync(fd)
            close(fd)
        }
        unlink(path)
    }
}

/// Bytes handed to the helper thread; the caller keeps them alive until it has waited for it.
struct SendableBytes: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }
final class DecodedBox: @unchecked Sendable { var lines: [Store.DecodedLine] = [] }

extension Timestamp {
    @Sendable public static func now() -> Timestamp {
        Timestamp(secondsSince1970: Int64(time(nil)))
    }
}
