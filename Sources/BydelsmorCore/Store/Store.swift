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
    public internal(set) var state = ProjectState()
    public var actor: String
    public let clock: @Sendable () -> Timestamp
    public internal(set) var journal: JournalFile
    /// Bytes of the journal taken in (always at a line boundary).
    public internal(set) var offset = 0
    /// Lines taken in, the header and comments included.
    public internal(set) var lineCount = 0
    /// The stop on a bad line, if loading met one: the store is then read-only.
    public internal(set) var problem: JournalProblem?
    /// The `field` of the refusal of a change that changes nothing: a command says so and succeeds
    /// (as `mkdir -p` does), a script that marks a session held after its attendance did is not broken.
    public static let unchangedField = "unchanged"

    /// The lines this store wrote last (one change), for what is said after it (`WriteWarnings`).
    public internal(set) var lastWritten: [JournalEntry] = []
    /// The file's `changeStamp` when `refresh` last found it unusable.
    var problemStamp: [Int64] = []
    /// Things a person should be told that did not stop loading (a torn last line moved aside).
    public internal(set) var warnings: [Message] = []
    /// The newest changes that undo can take back, oldest first.
    public internal(set) var undoLog: [UndoEntry] = []
    public static let undoDepth = 1000
    /// Bumped whenever the state changes, so a front end knows when to redraw or recompute.
    public internal(set) var revision = 0
    /// Undo lines: line → the line it compensates (`undoes=`).
    public internal(set) var compensates: [Int: Int] = [:]
    /// A change that is currently undone → the line that undid it.
    public internal(set) var undoneBy: [Int: Int] = [:]
    /// Reused for every parsed line, so replay does not allocate per line.
    var scratch: [RawField] = []
    /// While replaying a change of several lines: the part expected next, and its first line.
    var openGroup: (next: Int, count: Int, firstLine: Int)?
    /// The line of the latest erasure: undo never reaches back past it.
    public internal(set) var erasureLine: Int?
    /// The line from which every change that can be undone is in `undoLog` (nil: not known, as
    /// after a snapshot, so undo links are checked only from there).
    var logFrom: Int?
    /// Bytes at the end of the file that are not a complete change (a torn write), left unread.
    public internal(set) var tornBytes = 0
    /// Where snapshots of the replayed state are cached (nil: none). See `Snapshot`.
    public let cacheDirectory: String?
    /// The hash of the journal's bytes taken in so far, `[0, offset)`.
    var prefixHash = StreamHash()
    /// The offset of the snapshot this store started from or last wrote (0: none).
    public internal(set) var snapshotOffset = 0
    /// During a replay, undo entries are kept only for the journal's last `undoWindow` bytes (far
    /// more than `undoDepth` changes): building them for a million old lines is most of a replay's
    /// allocations, and undo never reaches that far back.
    public static let undoWindow = 4 << 20
    var undoWindowStart = 0
    /// Today, for the rules that only hold when a change is made, never on replay (a conversation is
    /// not logged for a day that has not come). Nil: those rules are not applied.
    public var today: (@Sendable () -> Day)?
    /// Conversations changed in place (removed, restored, edited) since the replay began, as they
    /// were and became, so the figures over them are adjusted by the one that changed
    /// (`ProjectIndex`), not counted again; a new generation when the replay starts over.
    public internal(set) var conversationLog = ConversationLog()
    /// Called after every change was written and fsynced, with the journal's path and its lines,
    /// outside the lock (the command line runs the user's `post-write` hook from it).
    public var afterWrite: (@Sendable (_ path: String, _ lines: [JournalEntry]) -> Void)?
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
            throw .refused(Message("aktøren \"\(actor)\" er ugyldig; brug bogstaver, tal og . _ - @ (højst 64)",
                                   "the actor \"\(actor)\" is invalid; use letters, digits and . _ - @ (at most 64)"))
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
    func load() throws(StoreError) {
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

    static let pipelineFrom = 1 << 20
    /// How many lines the latest undo or redo took back or put back (a series, a sheet: several).
    public internal(set) var lastCompensated = 0
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

    init(checking path: String, file: JournalFile) throws(StoreError) {
        self.path = path; self.actor = "check"; self.clock = Timestamp.now; self.journal = file; self.cacheDirectory = nil
    }
}

extension Array {
    /// Nil for an empty array, so `?? fallback` reads naturally.
    var nonEmpty: Self? { isEmpty ? nil : self }
}

extension Timestamp {
    @Sendable public static func now() -> Timestamp {
        Timestamp(secondsSince1970: Int64(time(nil)))
    }
}
