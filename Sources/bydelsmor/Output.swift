import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

/// Writes `text` to `--out` (mode 0600, atomically) or to standard output. Never over the journal,
/// a file beside it (`journal.txt.*`), or any file that starts like a journal.
func emit(_ text: String, to out: String?, journal: String, lang: Lang) throws {
    guard let out else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    func real(_ p: String) -> String {
        if let r = realpath(p, nil) { defer { free(r) }; return String(cString: r) }
        // Not there yet: its folder's real path and its name.
        let dir = (p as NSString).deletingLastPathComponent
        guard let r = realpath(dir.isEmpty ? "." : dir, nil) else { return p }
        defer { free(r) }
        return String(cString: r) + "/" + (p as NSString).lastPathComponent
    }
    let target = real(out), journalReal = real(journal)
    var startsLikeJournal = false
    if let h = FileHandle(forReadingAtPath: out) {
        let head = h.readData(ofLength: JournalSyntax.headerPrefix.utf8.count)
        try? h.close()
        startsLikeJournal = head == Data(JournalSyntax.headerPrefix.utf8)
    }
    if target == journalReal || target.hasPrefix(journalReal + ".") || startsLikeJournal {
        throw CLIFailure(StoreError.refused(Message(
            "\(out) er journalen, en fil ved siden af den eller en anden journal; en eksport skrives aldrig over en journal. Vælg et andet filnavn",
            "\(out) is the journal, a file beside it or another journal; an export never overwrites a journal. Choose another file name")), lang)
    }
    let tmp = out + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
          rename(tmp, out) == 0 else {
        unlink(tmp)
        throw CLIFailure(StoreError.io(out, errno, Message("kan ikke skrive filen", "cannot write the file")), lang)
    }
    complain(lang.t("Skrev \(out)", "Wrote \(out)"))
}
