import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Kiosk: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: H("Den fælles skærm: kommende modulgange, kalender og fremdrift — kun til læsning, uden personoplysninger."),
        discussion: H("""
        Journalen åbnes kun til læsning; ingen tast kan ændre den. Efter et minut uden taster vender \
        skærmen tilbage til start. Ctrl-C, Ctrl-Z og alle andre taster ignoreres.

        Administratoren afslutter med tasterne Ctrl-X Ctrl-X q q (i den rækkefølge) eller med \
        SIGTERM/SIGHUP (fx `pkill -TERM -f "bydelsmor kiosk"`).
        """))
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.lang ?? .da
        try reporting {
            let store: Store
            do { store = try Store(path: common.journalPath, readOnly: true, createIfMissing: false, actor: "kiosk",
                                   cacheDirectory: CommonOptions.cacheDirectory) } catch { throw CLIFailure(error, lang) }
            let kiosk = KioskApp(store: store, lang: lang, today: common.today)
            let term: CursesTerminal
            do { term = try CursesTerminal(colours: (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty, kiosk: true) } catch {
                throw CLIFailure(StoreError.refused(startMessage(error)), lang)
            }
            defer { term.restore() }
            // The same loop as the full-screen program; the kiosk is just another program.
            let fixedToday = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"] != nil
            RunLoop.run(kiosk, on: term, today: fixedToday ? nil : { common.today })
        }
    }
}
