import Foundation

/// Every file a command writes (`--out` of export, report, rollup, person export): one set of
/// rules, so no command can write over a journal.
///
/// - never a journal: not by content (a file that starts with the journal's header line), not by
///   identity (the same device and inode as any journal the command knows of, whatever path or
///   hard link names it), not a file beside one (`journal.txt.*`), not one of the command's inputs;
/// - never a file bydelsmor did not write itself unless `force` (an existing file it wrote carries
///   the extended attribute `user.bydelsmor`, so a daily re-export needs no flag);
/// - written whole or not at all: a temporary file in the target's folder is written, fsynced and
///   renamed over the target (through a symlink, the file it points at), and the folder fsynced. A
///   full disk leaves the old file as it was and says why (the write's own error, not a later one).
public enum OutputFile {
    /// The extended attribute that marks a file as written by bydelsmor.
    public static let marker = "user.bydelsmor"

    public static func write(_ bytes: [UInt8], to out: String, journals: [String], inputs: [String] = [], force: Bool) throws(StoreError) {
        try write(to: out, journals: journals, inputs: inputs, force: force) { put in _ = put(bytes) }
    }

    /// The same, with the content made piece by piece (`produce` hands each piece to `put`, which
    /// says false once a write failed), so a large export never holds the whole file in memory.
    public static func write(to out: String, journals: [String], inputs: [String] = [], force: Bool,
                             produce: (_ put: ([UInt8]) -> Bool) -> Void) throws(StoreError) {
        let target = realTarget(out)
        var st = stat()
        let exists = stat(target, &st) == 0
        func refuse(_ da: String, _ en: String) -> StoreError { .refused(Message(da, en)) }
        if exists {
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw refuse("\(out) er ikke en almindelig fil; vælg et andet filnavn",
                             "\(out) is not a regular file; choose another file name")
            }
            for j in journals {
                var js = stat()
                if stat(j, &js) == 0, js.st_dev == st.st_dev, js.st_ino == st.st_ino {
                    throw refuse("\(out) er journalen (\(j)); en fil skrives aldrig over en journal. Vælg et andet filnavn",
                                 "\(out) is the journal (\(j)); a file never overwrites a journal. Choose another file name")
                }
            }
            if startsLikeJournal(target) {
                throw refuse("\(out) er en journal; en fil skrives aldrig over en journal. Vælg et andet filnavn",
                             "\(out) is a journal; a file never overwrites a journal. Choose another file name")
            }
            for i in inputs {
                var s2 = stat()
                if stat(i, &s2) == 0, s2.st_dev == st.st_dev, s2.st_ino == st.st_ino {
                    throw refuse("\(out) er en af de filer, der læses (\(i)); vælg et andet filnavn",
                                 "\(out) is one of the files being read (\(i)); choose another file name")
                }
            }
        }
        let name = (target as NSString).lastPathComponent
        for j in journals.map(realTarget) + (name.contains(".torn-") || name.contains(".erase-new") ? [target] : []) {
            if target == j || target.hasPrefix(j + ".") || j == target {
                throw refuse("\(out) er journalen eller en fil ved siden af den; en fil skrives aldrig over en journal eller dens sidefiler. Vælg et andet filnavn",
                             "\(out) is the journal or a file beside it; a file never overwrites a journal or its side files. Choose another file name")
            }
        }
        if exists && !force && st.st_size > 0 && !writtenByUs(target) {
            throw refuse("\(out) findes allerede og er ikke skrevet af bydelsmor; giv --force for at skrive over den, eller vælg et andet filnavn",
                         "\(out) already exists and was not written by bydelsmor; give --force to overwrite it, or choose another file name")
        }
        let dir = (target as NSString).deletingLastPathComponent.nonEmptyOr(".")
        let temp = dir + "/." + (target as NSString).lastPathComponent + ".tmp-" + String(getpid())
        unlink(temp)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, exists ? (st.st_mode & 0o777) : 0o600)
        guard fd >= 0 else { throw .io(out, errno, Message("kan ikke skrive filen", "cannot write the file")) }
        if exists { _ = fchmod(fd, st.st_mode & 0o777) }
        _ = Xattr.fset?(fd, marker, "1", 1, 0)
        var written = true, e: Int32 = 0
        produce { piece in
            guard written else { return false }
            written = writeAll(fd, piece)
            if !written { e = errno }
            return written
        }
        let ok = written && fsync(fd) == 0
        if written { e = errno }
        close(fd)
        guard ok else {
            unlink(temp)
            throw .io(out, e, Message("kan ikke skrive filen; intet er ændret", "cannot write the file; nothing was changed"))
        }
        guard rename(temp, target) == 0 else {
            let e = errno
            unlink(temp)
            throw .io(out, e, Message("kan ikke skrive filen; intet er ændret", "cannot write the file; nothing was changed"))
        }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// The file a path names: a symlink followed; a file not there yet, its folder's real path.
    static func realTarget(_ p: String) -> String {
        if let r = realpath(p, nil) { defer { free(r) }; return String(cString: r) }
        let dir = (p as NSString).deletingLastPathComponent
        guard let r = realpath(dir.isEmpty ? "." : dir, nil) else { return p }
        defer { free(r) }
        return String(cString: r) + "/" + (p as NSString).lastPathComponent
    }

    static func startsLikeJournal(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let prefix = Array(JournalSyntax.headerPrefix.utf8)
        var head = [UInt8](repeating: 0, count: prefix.count + 3)
        let n = read(fd, &head, head.count)
        guard n > 0 else { return false }
        var h = Array(head[0..<n])
        if h.starts(with: [0xEF, 0xBB, 0xBF]) { h.removeFirst(3) }
        return h.starts(with: prefix)
    }

    static func writtenByUs(_ path: String) -> Bool {
        var v: UInt8 = 0
        return Xattr.get?(path, marker, &v, 1) == 1 && v == UInt8(ascii: "1")
    }
}

/// getxattr and fsetxattr from the C library (Swift's Glibc module does not import <sys/xattr.h>).
/// Nil where the library lacks them; a file system without extended attributes makes them fail,
/// and a re-export there needs --force.
enum Xattr {
    typealias Get = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
    typealias FSet = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
    static let get: Get? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getxattr").map { unsafeBitCast($0, to: Get.self) }
    static let fset: FSet? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fsetxattr").map { unsafeBitCast($0, to: FSet.self) }
}
