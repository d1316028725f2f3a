import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Åbn fuldskærmsprogrammet (standard).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = try common.language()
        try reporting {
            // The standard journal is made on first use; one named by --journal must exist.
            let store = try common.openStore(create: common.isDefaultPath, lang: lang)
            let app = App(store: store, lang: lang, today: common.today)
            let colours = (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            let term: CursesTerminal
            do { term = try CursesTerminal(colours: colours) } catch {
                let notUTF8 = (error as? CursesTerminal.StartError).map { if case .notUTF8 = $0 { true } else { false } } ?? false
                throw CLIFailure(StoreError.refused(notUTF8
                    ? Message("fuldskærmsprogrammet kræver et UTF-8-sprogmiljø (fx LANG=C.UTF-8 eller da_DK.UTF-8); æøå ville ellers gå tabt",
                              "the full-screen program needs a UTF-8 locale (e.g. LANG=C.UTF-8 or en_GB.UTF-8); æøå would otherwise be lost")
                    : Message("fuldskærmsprogrammet skal køre i en terminal; brug bydelsmor status uden for en terminal",
                              "the full-screen program must run in a terminal; use bydelsmor status outside one")), lang)
            }
            let override = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"] != nil
            RunLoop.run(app, on: term, today: override ? nil : { common.today })
            term.restore()
        }
    }
}
