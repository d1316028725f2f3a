import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

/// Every journal this command could mean: the one it was given, $BYDELSMOR_JOURNAL and the
/// standard one. An output file is never any of them (OutputFile checks by inode, too).
func knownJournals(_ given: String?) -> [String] {
    let env = ProcessInfo.processInfo.environment
    var out: [String] = []
    if let given { out.append(given) }
    if let j = env["BYDELSMOR_JOURNAL"], !j.isEmpty { out.append(j) }
    out.append(CommonOptions.standardJournalPath(env))
    return out
}

/// Writes `text` to `--out` (through OutputFile's rules: never a journal, never a file bydelsmor
/// did not write unless --force, whole or not at all) or to standard output.
/// `emit` for content made in pieces: to standard output as they come, or to a file through
/// `OutputFile` (temp, fsync, rename), never whole in memory.
func emit(to out: String?, journal: String?, force: Bool, lang: Lang, produce: (_ put: ([UInt8]) -> Bool) -> Void) throws {
    guard let out else {
        produce { piece in writeAll(1, piece) }
        return
    }
    do throws(StoreError) {
        try OutputFile.write(to: out, journals: knownJournals(journal), force: force, produce: produce)
    } catch { throw CLIFailure(error, lang) }
    complain(lang.t("Skrev \(out)", "Wrote \(out)"))
}

func emit(_ text: String, to out: String?, journal: String?, inputs: [String] = [], force: Bool, lang: Lang) throws {
    guard let out else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    do throws(StoreError) {
        try OutputFile.write(Array(text.utf8), to: out, journals: knownJournals(journal), inputs: inputs, force: force)
    } catch { throw CLIFailure(error, lang) }
    complain(lang.t("Skrev \(out)", "Wrote \(out)"))
}
