import Foundation

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
            guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                            attributes: [.posixPermissions: 0o700])) != nil else { return }
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
