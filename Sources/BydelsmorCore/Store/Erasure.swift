import Foundation

/// What `bydelsmor person erase` did, for the message that says so.
public struct ErasureReport: Sendable {
    public var volunteer: VolunteerID
    /// Her name as it stood before the erasure (for the person who asked; written nowhere).
    public var name: String
    /// How many places were scrubbed, by kind of record: the event's kind (`volunteer`,
    /// `session`, `partner`, …), `comment` for comment lines and `side-file` for files beside
    /// the journal. In the order first met.
    public var places: [(kind: String, count: Int)] = []
    /// Leftovers of an earlier erasure that was killed (temporary files, old backups), removed.
    public var leftovers = 0
    /// She had been erased already; only leftovers were cleaned.
    public var alreadyErased = false

    mutating func count(_ kind: String, _ n: Int = 1) {
        guard n > 0 else { return }
        if let i = places.firstIndex(where: { $0.kind == kind }) { places[i].count += n } else { places.append((kind, n)) }
    }

    public var total: Int { places.reduce(0) { $0 + $1.count } }

    /// "3 bydelsmor-linjer, 1 modulgang, 2 kommentarer" — in words, not codes.
    public func summary(_ lang: Lang) -> String {
        let words: [String: (da1: String, da: String, en1: String, en: String)] = [
            "volunteer": ("linje om en bydelsmor", "linjer om bydelsmødre", "volunteer line", "volunteer lines"),
            "session": ("modulgang", "modulgange", "session", "sessions"),
            "partner": ("samarbejdspartner", "samarbejdspartnere", "partner", "partners"),
            "expense": ("udgift", "udgifter", "expense", "expenses"),
            "hours": ("timeregistrering", "timeregistreringer", "hours entry", "hours entries"),
            "milestone": ("milepæl", "milepæle", "milestone", "milestones"),
            "conversation": ("samtale", "samtaler", "conversation", "conversations"),
            "budget-line": ("budgetlinje", "budgetlinjer", "budget line", "budget lines"),
            "phase": ("fase", "faser", "phase", "phases"),
            "comment": ("kommentarlinje", "kommentarlinjer", "comment line", "comment lines"),
            "side-file": ("fil ved siden af journalen", "filer ved siden af journalen", "file beside the journal", "files beside the journal"),
        ]
        return places.map { p in
            let w = words[p.kind] ?? (p.kind, p.kind, p.kind, p.kind)
            return "\(p.count) " + (lang == .da ? (p.count == 1 ? w.da1 : w.da) : (p.count == 1 ? w.en1 : w.en))
        }.joined(separator: ", ")
    }
}

public enum Erasure {
    /// What stands where her name stood after `person erase`.
    public static let placeholder = "[slettet]"

    /// Every name and phone number she ever had, and how to find them in free text.
    struct Secrets {
        var names: [String] = []
        var phones: [NSRegularExpression] = []
        var literals: [String] = []

        mutating func add(name: String, phone: String) {
            let n = name.trimmed()
            if n.count >= 3, n != Erasure.placeholder, !names.contains(where: { $0.caseInsensitiveCompare(n) == .orderedSame }) {
                names.append(n)
                // Also as the journal escapes it (a quote or backslash in a name), for raw side files.
                var enc = ""
                JournalSyntax.encodeValue(n, forceQuotes: true, into: &enc)
                let inner = String(enc.dropFirst().dropLast())
                if inner != n { literals.append(inner) }
            }
            let digits = phone.filter { $0.isASCII && $0.isNumber }
            if digits.count >= 6 {
                var variants = [String(digits)]
                if digits.count == 10 && digits.hasPrefix("45") { variants.append(String(digits.dropFirst(2))) }
                if digits.count == 12 && digits.hasPrefix("0045") { variants.append(String(digits.dropFirst(4))) }
                for v in variants {
                    // The digits in order, with or without spaces, dots, dashes or slashes between them.
                    let body = v.map(String.init).joined(separator: "[ .\\-/]?")
                    if let re = try? NSRegularExpression(pattern: "(?<![0-9])(\\+|00)?" + body + "(?![0-9])") { phones.append(re) }
                }
            } else if phone.trimmed().count >= 3 {
                literals.append(phone.trimmed())
            }
        }

        /// The text with every occurrence replaced by the placeholder, and how many there were.
        func scrub(_ text: String) -> (String, Int) {
            var t = text
            var n = 0
            // Whole words only: "Ali" is scrubbed from "Ring til Ali", not from "Alice".
            for s in names + literals {
                var from = t.startIndex
                while let r = t.range(of: s, options: [.caseInsensitive], range: from..<t.endIndex) {
                    let before = r.lowerBound > t.startIndex ? t[t.index(before: r.lowerBound)] : " "
                    let after = r.upperBound < t.endIndex ? t[r.upperBound] : " "
                    if before.isLetter || before.isNumber || after.isLetter || after.isNumber {
                        from = t.index(after: r.lowerBound)
                        continue
                    }
                    let at = t.distance(from: t.startIndex, to: r.lowerBound)
                    t.replaceSubrange(r, with: Erasure.placeholder)
                    from = t.index(t.startIndex, offsetBy: at + Erasure.placeholder.count)
                    n += 1
                }
            }
            for re in phones {
                let ns = NSMutableString(string: t)
                let c = re.replaceMatches(in: ns, range: NSRange(location: 0, length: ns.length), withTemplate: Erasure.placeholder)
                if c > 0 { t = ns as String; n += c }
            }
            return (t, n)
        }
    }

    /// Her own lines without her personal fields, or nil if the line is not one of hers.
    static func scrubOwn(_ entry: JournalEntry, volunteer id: VolunteerID) -> JournalEntry? {
        var e = entry
        switch entry.event {
        case .volunteerAdded(let v) where v.id == id:
            e.event = .volunteerAdded(VolunteerFields(id: id, name: placeholder))
        case .volunteerChanged(let v) where v.id == id:
            e.event = .volunteerChanged(VolunteerFields(id: id, name: placeholder))
        case .volunteerContract(let v, _) where v == id:
            e.event = .volunteerContract(id: id, date: nil)
        case .volunteerConsent(let v, _) where v == id:
            e.event = .volunteerConsent(id: id, date: nil)
        default:
            return nil
        }
        return e
    }

    /// Any other line with her name or phone in a free-text field: the line with those replaced.
    static func scrubText(_ entry: JournalEntry, _ secrets: Secrets) -> (JournalEntry, Int)? {
        var out = entry.timestamp.iso + " " + entry.actor + " " + entry.event.name
        var hits = 0
        for f in entry.event.fields {
            var value = f.value
            if f.text {
                let (t, n) = secrets.scrub(value)
                value = t; hits += n
            }
            out += " " + f.key + "="
            JournalSyntax.encodeValue(value, forceQuotes: f.text, into: &out)
        }
        guard hits > 0 else { return nil }
        if let u = entry.undoes { out += " undoes=" + String(u) }
        if let p = entry.part { out += " part=" + String(p.index) + "/" + String(p.count) }
        guard let e = try? JournalEntry.parse(out) else { return nil }
        return (e, hits)
    }
}

extension Store {
    /// GDPR erasure: every name and phone number she ever had is replaced in every line, comment
    /// and file beside the journal; her own records keep only their id. Safe against every
    /// interruption: no backup is made (a copy with her data could outlive a killed run). Under
    /// the exclusive lock, on the file at the path: side files are scrubbed first, then the new
    /// journal is written beside the real file (through a symlink), fsynced, given the old file's
    /// mode, owner and group, renamed over it, and the folder fsynced. Killed before the rename,
    /// nothing about her has changed in the journal and a re-run does it all; a re-run also removes
    /// what a killed run left. Other writers notice the new file after taking the lock and retry.
    public func erase(volunteer id: VolunteerID) throws(StoreError) -> ErasureReport {
        guard !journal.readOnly else { throw .readOnly }
        for _ in 0..<1000 {
            if journal.wasReplaced() { try reopen() }
            if let p = problem { throw .journal(p) }
            let report = try journal.withLock(exclusive: true) { () throws(StoreError) -> ErasureReport? in
                if journal.wasReplaced() { return nil }
                try takeIn()
                if let p = problem { throw .journal(p) }
                return try eraseLocked(id)
            }
            if let report {
                deleteSnapshot()
                try reopen()
                return report
            }
        }
        throw .io(path, EAGAIN, Message("journalen bliver ved med at blive erstattet; intet er slettet", "the journal keeps being replaced; nothing was erased"))
    }

    /// The real file behind `path` (a symlink is followed, so the link stays a link).
    var realPath: String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }

    private func eraseLocked(_ id: VolunteerID) throws(StoreError) -> ErasureReport {
        let ref = RecordKind.volunteer.ref(id)
        guard let v = state.volunteer(id) else {
            throw .refused(Message("bydelsmor \(ref) findes ikke", "volunteer \(ref) does not exist"))
        }
        let real = realPath
        let dir = (real as NSString).deletingLastPathComponent.nonEmptyOr(".")
        let base = (real as NSString).lastPathComponent
        var report = ErasureReport(volunteer: id, name: v.name)
        report.leftovers = Store.removeLeftovers(dir: dir, base: base)
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
        // Every name and phone she ever had.
        var secrets = Erasure.Secrets()
        for case let e? in entries {
            switch e.event {
            case .volunteerAdded(let f) where f.id == id, .volunteerChanged(let f) where f.id == id:
                secrets.add(name: f.name, phone: f.phone)
            default: break
            }
        }
        secrets.add(name: v.name, phone: v.phone)
        for i in lines.indices where i > 0 {
            if lines[i].hasPrefix("#") {
                let (t, n) = secrets.scrub(lines[i])
                if n > 0 { lines[i] = t; report.count("comment") }
                continue
            }
            guard let e = entries[i] else { continue }
            if let clean = Erasure.scrubOwn(e, volunteer: id) {
                entries[i] = clean; lines[i] = clean.line; report.count("volunteer")
            } else if let (clean, _) = Erasure.scrubText(e, secrets) {
                entries[i] = clean; lines[i] = clean.line
                report.count(String(e.event.name.split(separator: ".").first ?? "other"))
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
                throw .refused(Message("sletningen ville gøre journalen ugyldig (linje \(n + 1)); intet er ændret", "the erasure would make the journal invalid (line \(n + 1)); nothing was changed"))
            }
        }
        // Files beside the journal first (torn ends), then an unread torn end of the journal itself.
        let stamp = erasure.timestamp.iso.filter { $0 != "-" && $0 != ":" }
        var sideFiles = 0
        for f in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where f.hasPrefix(base + ".") {
            let full = dir + "/" + f
            var st = stat()
            guard lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: full) else { continue }
            let (t, n) = secrets.scrub(String(decoding: data, as: UTF8.self))
            guard n > 0 else { continue }
            try Store.replaceFile(full, Array(t.utf8), mode: st.st_mode & 0o7777, uid: st.st_uid, gid: st.st_gid, temp: full + ".erase-new-" + stamp)
            sideFiles += 1
        }
        if tornBytes > 0 {
            var tail: [UInt8] = []
            _ = try journal.read(from: offset, count: journal.size - offset, appendingTo: &tail)
            let (t, _) = secrets.scrub(String(decoding: tail, as: UTF8.self))
            let side = real + ".torn-" + stamp
            try Store.replaceFile(side, Array(t.utf8) + [10], mode: 0o600, uid: nil, gid: nil, temp: side + ".erase-new")
        }
        report.count("side-file", sideFiles)
        // The cached snapshot holds her data too: gone before the journal is replaced.
        deleteSnapshot()
        let own = journal.ownership
        try Store.replaceFile(real, Array((lines.joined(separator: "\n") + "\n").utf8), mode: own.mode, uid: own.uid, gid: own.gid,
                              temp: real + ".erase-new-" + stamp)
        return report
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
