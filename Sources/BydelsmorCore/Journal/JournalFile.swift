import Foundation

/// The journal on disk: an append-only text file, read incrementally, appended under an exclusive
/// lock with one write and an fsync. Knows bytes and lines, not events.
public final class JournalFile {
    public let path: String
    public let readOnly: Bool
    private(set) var fd: Int32
    private(set) var device: UInt64
    private(set) var inode: UInt64

    /// Opens the journal (through a symlink, if it is one). Only a regular file is a journal: a
    /// FIFO, device or folder in its place is refused at once instead of blocking a reader forever.
    init(path: String, readOnly: Bool) throws(StoreError) {
        self.path = path
        self.readOnly = readOnly
        // O_NONBLOCK so that opening a FIFO does not wait for a writer; cleared again below.
        fd = open(path, (readOnly ? O_RDONLY : O_RDWR | O_APPEND) | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let e = errno
            if !readOnly && (e == EACCES || e == EROFS || e == EPERM) && access(path, R_OK) == 0 {
                throw StoreError.io(path, e, Message(
                    "journalen kan læses, men ikke skrives af dig; bed ejeren om skriveadgang (fx gruppen med chmod 660), eller brug det, der kun læser: status, report, export, kiosk",
                    "you may read the journal but not write it; ask its owner for write access (e.g. the group with chmod 660), or use what only reads: status, report, export, kiosk"))
            }
            throw StoreError.io(path, e, Message("kan ikke åbne journalen", "cannot open the journal"))
        }
        var st = stat()
        fstat(fd, &st)
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw StoreError.io(path, EINVAL, Message("journalen er ikke en almindelig fil (men fx en FIFO, en enhed eller en mappe); bydelsmor læser og skriver kun almindelige filer",
                                                      "the journal is not a regular file (but e.g. a FIFO, a device or a folder); bydelsmor reads and writes regular files only"))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// The file mode, owner and group of the journal, so a rewrite keeps them.
    var ownership: (mode: mode_t, uid: uid_t, gid: gid_t) {
        var st = stat()
        fstat(fd, &st)
        return (st.st_mode & 0o7777, st.st_uid, st.st_gid)
    }

    deinit { close(fd) }

    /// The real file behind `path` (a symlink followed), where files beside the journal belong.
    var realPath: String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }

    /// Creates a new journal with mode 0600 holding `text`; fails if the file exists.
    static func create(path: String, text: String) throws(StoreError) {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700]) }
            catch { throw StoreError.io(dir, errno, Message("kan ikke oprette mappen til journalen",
                                                            "cannot create the journal's folder")) }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io(path, errno, Message("kan ikke oprette journalen", "cannot create the journal")) }
        defer { close(fd) }
        // Lock while the plan is written so a second process never reads a half-made journal.
        flock(fd, LOCK_EX)
        let bytes = Array(text.utf8)
        guard writeAll(fd, bytes), fsync(fd) == 0 else {
            let e = errno
            unlink(path)
            throw StoreError.io(path, e, Message("kan ikke skrive den nye journal", "cannot write the new journal"))
        }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Runs `body` holding the lock. An exclusive lock is for writers; readers take a shared one so
    /// they never see a line half-written by a writer.
    func withLock<T>(exclusive: Bool, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw StoreError.io(path, errno, Message("kan ikke låse journalen", "cannot lock the journal")) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// True when the path now names another file than the one held open (it was rewritten by
    /// `person erase` or replaced by hand): the caller must reopen and replay.
    func wasReplaced() -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return true }
        return UInt64(st.st_ino) != inode || UInt64(st.st_dev) != device
    }

    var size: Int {
        var st = stat()
        fstat(fd, &st)
        return Int(st.st_size)
    }

    /// The file at the path as it stands: its identity, size and last change, to tell whether
    /// anything happened to it since a look that found it unusable.
    var changeStamp: [Int64] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        return [Int64(st.st_dev), Int64(st.st_ino), Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
                Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec)]
    }

    /// Appends up to `count` bytes from `offset` to `buffer`; returns how many were read (0 at the end).
    func read(from offset: Int, count: Int, appendingTo buffer: inout [UInt8]) throws(StoreError) -> Int {
        let want = min(count, size - offset)
        guard want > 0 else { return 0 }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: want))
        let result: Result<Int, StoreError> = buffer.withUnsafeMutableBufferPointer { buf in
            do throws(StoreError) { return .success(try read(from: offset, count: want, into: buf.baseAddress! + old)) }
            catch { return .failure(error) }
        }
        let n: Int
        do { n = try result.get() } catch { buffer.removeLast(want); throw error }
        buffer.removeLast(want - n)
        return n
    }

    /// Reads up to `count` bytes from `offset` into `memory` (room for `count`); returns how many
    /// were read (fewer only at the end of the file). Safe from any thread: it only uses `pread`.
    func read(from offset: Int, count: Int, into memory: UnsafeMutablePointer<UInt8>) throws(StoreError) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, memory + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw StoreError.io(path, errno, Message("kan ikke læse journalen", "cannot read the journal")) }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Everything from `offset` to the end of the file.
    func read(from offset: Int) throws(StoreError) -> [UInt8] {
        let end = size
        guard end > offset else { return [] }
        var buf = [UInt8](repeating: 0, count: end - offset)
        var done = 0
        while done < buf.count {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                if n == 0 { buf.removeSubrange(done...); break }
                throw StoreError.io(path, errno, Message("kan ikke læse journalen", "cannot read the journal"))
            }
            done += n
        }
        return buf
    }

    /// Appends whole lines (each with its newline) in one write and fsyncs. On failure the file is
    /// cut back to its old length, so no fragment is ever left behind; a fragment left by a kill in
    /// mid-write is recognised by the reader (a last line without newline, or a `part=` group cut
    /// short) and never applied.
    func append(_ bytes: [UInt8], expectedSize: Int) throws(StoreError) {
        guard writeAll(fd, bytes) else {
            let e = errno
            ftruncate(fd, off_t(expectedSize))
            throw StoreError.io(path, e, Message("kan ikke skrive til journalen; ændringen er ikke gemt",
                                                 "cannot write to the journal; the change was not saved"))
        }
        guard fsync(fd) == 0 else {
            let e = errno
            ftruncate(fd, off_t(expectedSize))
            throw StoreError.io(path, e, Message("kan ikke gemme journalen på disken (fsync); ændringen er ikke gemt",
                                                 "cannot flush the journal to disk (fsync); the change was not saved"))
        }
    }

    /// Moves an incomplete end (a last line without newline, or lines of a change cut short) into
    /// a side file next to the journal, then cuts it off the journal. Returns the side file's path.
    func moveTornTail(from offset: Int, bytes: ArraySlice<UInt8>) throws(StoreError) -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02dZ", tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday, tmv.tm_hour, tmv.tm_min,
                           tmv.tm_sec)
        // Beside the real file, not beside a symlink to it: erasure scrubs the real file's folder.
        let base = realPath
        var side = base + ".torn-" + stamp
        var n = 1
        while FileManager.default.fileExists(atPath: side) { n += 1; side = base + ".torn-" + stamp + "-" + String(n) }
        let sfd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard sfd >= 0 else { throw StoreError.io(side, errno,
                Message("kan ikke gemme den afbrudte sidste linje i en sidefil", "cannot save the torn last line to a side file")) }
        let ok = writeAll(sfd, Array(bytes) + [10]) && fsync(sfd) == 0
        let e = errno
        close(sfd)
        guard ok else {
            // A side file that could not be written whole (a full disk) is not left behind empty.
            unlink(side)
            throw StoreError.io(side, e, Message("kan ikke gemme den afbrudte sidste linje i en sidefil; journalen er uændret",
                                                 "cannot save the torn last line to a side file; the journal is unchanged"))
        }
        guard ftruncate(fd, off_t(offset)) == 0, fsync(fd) == 0 else {
            throw StoreError.io(path, errno, Message("kan ikke fjerne den afbrudte sidste linje fra journalen",
                                                     "cannot cut the torn last line from the journal"))
        }
        return side
    }
}

public func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        done += n
    }
    return true
}

extension JournalFile {
    /// The hash of the first `count` bytes, read through a read-only mapping (no copy into this
    /// process), in 8 MB windows so little of it is resident at once; nil if the file is shorter or cannot be read.
    func hashPrefix(_ count: Int) -> StreamHash? {
        guard count <= size else { return nil }
        var hash = StreamHash()
        var pos = 0
        let window = 8 << 20
        while pos < count {
            let n = min(window, count - pos)
            guard let p = mmap(nil, n, PROT_READ, MAP_PRIVATE, fd, off_t(pos)), p != MAP_FAILED else { return nil }
            madvise(p, n, MADV_SEQUENTIAL)
            hash.update(UnsafeRawBufferPointer(start: p, count: n))
            munmap(p, n)
            pos += n
        }
        return hash
    }

    /// The position just after the last newline before `end` (and at or after `floor`), reading
    /// backwards in blocks; `floor` if there is none. With `end` = the file's size it is the end of
    /// the last complete line; with `end` = a line's end it is that line's start.
    func afterLastNewline(before end: Int, floor: Int) throws(StoreError) -> Int {
        var pos = end
        var buffer: [UInt8] = []
        while pos > floor {
            let from = max(floor, pos - 65536)
            buffer.removeAll(keepingCapacity: true)
            _ = try read(from: from, count: pos - from, appendingTo: &buffer)
            if let i = buffer.lastIndex(of: 10) { return from + i + 1 }
            pos = from
        }
        return floor
    }
}

/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The change breaks a rule; nothing was written.
    case refused(Message)
    /// The journal has a bad line; the store is read-only until it is mended.
    case journal(JournalProblem)
    /// The operating system said no.
    case io(String, Int32, Message)
    /// This store was opened read-only.
    case readOnly

    public func text(_ lang: Lang) -> String {
        switch self {
        case .refused(let m): return m.text(lang)
        case .journal(let p): return p.text(lang) + "\n" + lang.t("Journalen er kun åben for læsning, til linjen er rettet.",
                                                                  "The journal is open read-only until the line is mended.")
        case .io(let path, let code, let m):
            return "\(path): \(m.text(lang)): \(String(cString: strerror(code)))"
        case .readOnly: return lang.t("Journalen er åbnet kun til læsning.", "The journal is open read-only.")
        }
    }
    public var description: String { text(.da) }
}
