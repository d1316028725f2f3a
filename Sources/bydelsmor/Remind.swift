import ArgumentParser
import BydelsmorCore
import Foundation

/// `bydelsmor remind`: the coming sessions and the women to call, with phone numbers — for the
/// coordinator only (the kiosk never shows them).
struct Remind: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: H("De kommende modulgange og hvem der skal ringes til (navn og telefon; kun for koordinatoren)."))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Antal dage frem (standard 2).")) var days: Int = 2
    @Option(help: H("Formatet.")) var format: RemindFormat = .text

    func run() throws {
        let lang = try common.language()
        guard (0...366).contains(days) else { throw usageError("--days skal være 0–366 (fik \(days))",
                                                               "--days must be 0–366 (got \(days))") }
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            if let p = store.problem { throw CLIFailure(StoreError.journal(p), lang) }
            let st = store.state
            let list = st.reminders(from: common.today, days: days)
            let meetings = st.activityReminders(from: common.today, days: days)
            switch format {
            case .csv:
                // The same guard against spreadsheet formulas as every export.
                var w = CSVWriter()
                w.row(["dato", "start", "modul", "sted", "navn", "telefon"])
                for (x, women) in list {
                    for v in women { w.row([x.date.iso, x.start.text, String(x.module), x.place, v.name, v.phone]) }
                }
                for (a, women) in meetings {
                    for v in women { w.row([a.date.iso, a.start.text, a.kind.label(lang) + ": " + a.title, a.place, v.name, v.phone]) }
                }
                // Printed as is: say() would make the BOM and CRLF "safe".
                FileHandle.standardOutput.write(Data(w.text.utf8))
            case .text:
                if list.isEmpty && meetings.isEmpty { say(lang.t("Ingen modulgange eller aktiviteter de næste \(days) dage.",
                                                                 "No sessions or activities in the next \(days) days.")); return }
                var out = ""
                for (x, women) in list {
                    let title = st.module(x.module)?.title ?? ""
                    out += "\(lang.weekdayNames[x.date.weekday - 1]) \(lang.shortDate(x.date)) \(x.start.text)–\(x.end.text) · \(lang.t("modul", "module")) \(x.module): \(title) · \(x.place)\n"
                    if women.isEmpty { out += "  " + lang.t("(ingen at ringe til)", "(no one to call)") + "\n" }
                    for v in women { out += "  " + v.name + (v.phone.isEmpty ? "  " + lang.t("(intet telefonnummer)", "(no phone number)") : "  " + v.phone) + "\n" }
                }
                // Meetings besides the modules: a monthly meeting in three days is reminded of too.
                for (a, women) in meetings {
                    out += "\(lang.weekdayNames[a.date.weekday - 1]) \(lang.shortDate(a.date)) \(a.start.text)–\(a.end.text) · \(a.kind.label(lang)): \(a.title)" + (a.place.isEmpty ? "" : " · \(a.place)") + "\n"
                    if women.isEmpty { out += "  " + lang.t("(for nye kvinder; ingen at ringe til)",
                                                            "(for new women; no one to call)") + "\n" }
                    for v in women { out += "  " + v.name + (v.phone.isEmpty ? "  " + lang.t("(intet telefonnummer)", "(no phone number)") : "  " + v.phone) + "\n" }
                }
                say(out)
            }
        }
    }
}

enum RemindFormat: String, CaseIterable, ExpressibleByArgument {
    case text, csv
}
