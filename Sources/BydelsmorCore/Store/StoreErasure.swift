import Foundation

extension Store {
    /// GDPR erasure: every name and phone number she ever had is replaced in every line, comment
    /// and file beside the journal; her own records keep only their id. Safe against every
    /// interruption: no backup is made (a copy with her data could outlive a killed run). Under
    /// the exclusive lock, on the file at the path: side files are scrubbed first, then the new
    /// journal is written beside the real file (through a symlink), fsynced, given the old file's
    /// mode, owner and group, renamed over it, and the folder fsynced. Killed before the rename,
    /// nothing about her has changed in the journal and a re-run does it all; a re-run also removes
    /// what a killed run left. Other writers notice the new file after taking the lock and retry.
    public func erase(volunteer id: VolunteerID, dryRun: Bool = false) throws(StoreError) -> ErasureReport {
        guard !journal.readOnly || dryRun else { throw .readOnly }
        for _ in 0..<1000 {
            if journal.wasReplaced() { try reopen() }
            if let p = problem { throw .journal(p) }
            let report = try journal.withLock(exclusive: !dryRun) { () throws(StoreError) -> ErasureReport? in
                if journal.wasReplaced() { return nil }
                try takeIn()
                if let p = problem { throw .journal(p) }
                return try eraseLocked(id, dryRun: dryRun)
            }
            if let report {
                if dryRun { return report }
                deleteSnapshot()
                try reopen()
                return report
            }
        }
        throw .io(path, EAGAIN, Message("journalen bliver ved med at blive erstattet; intet er slettet",
                                        "the journal keeps being replaced; nothing was erased"))
    }

    /// The real file behind `path` (a symlink is followed, so the link stays a link).
    var realPath: String { journal.realPath }

    private func eraseLocked(_ id: VolunteerID, dryRun: Bool) throws(StoreError) -> ErasureReport {
        let ref = RecordKind.volunteer.ref(id)
        guard let v = state.volunteer(id) else {
            throw .refused(Message("bydelsmor \(ref) findes ikke", "volunteer \(ref) does not exist"))
        }
        let real = realPath
        let dir = (real as NSString).deletingLastPathComponent.nonEmptyOr(".")
        let base = (real as NSString).lastPathComponent
        // A journal opened through a symlink: files beside the link are hers too (older versions
        // moved torn ends there).
        let linkDir = (path as NSString).deletingLastPathComponent.nonEmptyOr(".")
        let linkBase = (path as NSString).lastPathComponent
        var places = [(dir, base)]
        if realPathOf(linkDir) != realPathOf(dir) || linkBase != base { places.append((linkDir, linkBase)) }
        var report = ErasureReport(volunteer: id, name: v.name)
        report.dryRun = dryRun
        if !dryRun { for (d, b) in places { report.leftovers += Store.removeLeftovers(dir: d, base: b) } }
        if v.erased {
            guard report.leftovers > 0 else {
                throw .refused(Message("\(ref) er allerede slettet efter GDPR", "\(ref) is already erased"))
            }
            report.alreadyErased = true
            return report
        }
        var original: [UInt8] = []
        _ = try journal.read(from: 0, count: offset, appendingTo: &original)
        var lines = JournalSyntax.lines(original)
        if lines.last == "" { lines.removeLast() }
        var entries: [JournalEntry?] = lines.enumerated().map { i, l in
            i == 0 || l.isEmpty || l.hasPrefix("#") ? nil : try? JournalEntry.parse(l)
        }
        // Every name and phone she ever had; every name another woman had, to shield.
        var secrets = Erasure.Secrets()
        var others: [String] = []
        for case let e? in entries {
            switch e.event {
            case .volunteerAdded(let f), .volunteerChanged(let f):
                if f.id == id { secrets.add(name: f.name, phone: f.phone) } else { others.append(f.name) }
            default: break
            }
        }
        secrets.add(name: v.name, phone: v.phone)
        for o in others { secrets.shield(o) }
        for i in lines.indices where i > 0 {
            if lines[i].hasPrefix("#") {
                let (t, n) = secrets.scrub(lines[i])
                if n > 0 { lines[i] = t; report.count("comment"); report.changes.append((i + 1, "comment", t)) }
                continue
            }
            guard let e = entries[i] else { continue }
            if let clean = Erasure.scrubOwn(e, volunteer: id) {
                entries[i] = clean; lines[i] = clean.line; report.count("volunteer")
            } else {
                var changed: [(field: String, text: String)] = []
                if let (clean, _) = Erasure.scrubText(e, &secrets, changed: &changed) {
                    entries[i] = clean; lines[i] = clean.line
                    report.count(String(e.event.name.split(separator: ".").first ?? "other"))
                    for c in changed { report.changes.append((i + 1, e.event.name + " " + c.field, c.text)) }
                }
            }
        }
        let erasure = JournalEntry(timestamp: clock(), actor: actor, event: .personErased(id: id))
        lines.append(erasure.line)
        entries.append(erasure)
        // The new journal must replay before it replaces the old one.
        var check = ProjectState()
        for (n, e) in entries.enumerated() {
            guard let e else { continue }
            do throws(Message) { _ = try Reducer.apply(e.event, to: &check) } catch {
                throw .refused(Message("sletningen ville gøre journalen ugyldig (linje \(n + 1)): \(error.da); intet er ændret",
                                       "the erasure would make the journal invalid (line \(n + 1)): \(error.en); nothing was changed"))
            }
        }
        // Files beside the journal (torn ends, beside the real file and beside a link to it).
        let stamp = erasure.timestamp.iso.filter { $0 != "-" && $0 != ":" }
        var sideFiles: [(path: String, text: String, st: stat)] = []
        var seen = Set<String>()
        for (d, b) in places {
            for f in ((try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []).sorted() {
                let full = d + "/" + f
                var st = stat()
                guard lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, seen.insert(realPathOf(full)).inserted else { continue }
                let beside = f.hasPrefix(b + ".") && !f.contains(".erase-new")
                if f == b || (!beside && (st.st_size > 20 << 20)) { continue }
                if !beside && (realPathOf(full) == real) { continue }
                guard let data = FileManager.default.contents(atPath: full) else { continue }
                let (t, n) = secrets.scrub(String(decoding: data, as: UTF8.self), torn: beside && f.contains(".torn-"))
                guard n > 0 else { continue }
                if beside { sideFiles.append((full, t, st)); report.changes.append((0, full, "")) } else { report.unreachable.append(full) }
            }
        }
        report.count("side-file", sideFiles.count)
        var tornText: String?
        if tornBytes > 0 {
            var tail: [UInt8] = []
            _ = try journal.read(from: offset, count: journal.size - offset, appendingTo: &tail)
            tornText = secrets.scrub(String(decoding: tail, as: UTF8.self), torn: true).0
        }
        if dryRun { return report }
        for f in sideFiles {
            try Store.replaceFile(f.path, Array(f.text.utf8), mode: f.st.st_mode & 0o7777, uid: f.st.st_uid, gid: f.st.st_gid,
                                  temp: f.path + ".erase-new-" + stamp)
        }
        // An unread torn end of the journal itself: kept, scrubbed, beside the real file.
        if let tornText {
            let side = real + ".torn-" + stamp
            try Store.replaceFile(side, Array(tornText.utf8) + [10], mode: 0o600, uid: nil, gid: nil, temp: side + ".erase-new")
        }
        // The cached snapshot holds her data too: gone before the journal is replaced.
        deleteSnapshot()
        let own = journal.ownership
        try Store.replaceFile(real, Array((lines.joined(separator: "\n") + "\n").utf8), mode: own.mode, uid: own.uid, gid: own.gid,
                              temp: real + ".erase-new-" + stamp)
        return report
    }

    private func realPathOf(_ p: String) -> String {
        guard let r = realpath(p, nil) else { return p }
        defer { free(r) }
        return String(cString: r)
    }

    /// Leftovers of an erasure that was killed: its temporary files (scrubbed, but clutter) and
    /// backups made by older versions (which hold everything). Returns how many were removed.
    static func removeLeftovers(dir: String, base: String) -> Int {
        var n = 0
        for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where f.hasPrefix(base + ".") {
            if f.contains(".erase-new") { unlink(dir + "/" + f); n += 1 }
            else if f.contains(".erase-backup-") { shred(dir + "/" + f); n += 1 }
        }
        return n
    }

    /// Replaces `path` atomically: `temp` is written, fsynced, given the mode (and owner and group
    /// where allowed), renamed over `path`, and the folder fsynced.
    static func replaceFile(_ path: String, _ bytes: [UInt8], mode: mode_t, uid: uid_t?, gid: gid_t?, temp: String) throws(StoreError) {
        unlink(temp)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .io(temp, errno, Message("kan ikke skrive filen", "cannot write the file")) }
        if let uid, let gid { _ = fchown(fd, uid, gid) }
        _ = fchmod(fd, mode)
        let ok = writeAll(fd, bytes) && fsync(fd) == 0
        let e = errno
        close(fd)
        guard ok else { unlink(temp); throw .io(temp, e, Message("kan ikke skrive filen", "cannot write the file")) }
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw .io(path, e, Message("kan ikke erstatte filen", "cannot replace the file"))
        }
        let dfd = open((path as NSString).deletingLastPathComponent.nonEmptyOr("."), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Overwrites a file with zeros, flushes it and removes it.
    static func shred(_ path: String) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
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

extension String {
    func nonEmptyOr(_ fallback: String) -> String { isEmpty ? fallback : self }
}
