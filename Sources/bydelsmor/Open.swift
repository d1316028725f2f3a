import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: H("Åbn fuldskærmsprogrammet (standard)."))
    @OptionGroup var common: CommonOptions
    @Flag(name: .customLong("read-only"), help: H("Kun læse: ingen ændring kan gemmes (som en delt skærm, men med alle ruder)."))
    var readOnly = false

    func run() throws {
        let lang = try common.language()
        try reporting {
            // The standard journal is made on first use; one named by --journal must exist.
            let store = try common.openStore(readOnly: readOnly, create: common.isDefaultPath && !readOnly, lang: lang)
            let app = App(store: store, lang: lang, today: common.today)
            let colours = (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            let term: CursesTerminal
            do { term = try CursesTerminal(colours: colours) } catch { throw CLIFailure(StoreError.refused(startMessage(error)), lang) }
            if let asked = term.localeFallback {
                app.ui.message = lang.t("Sproget \(asked) findes ikke på maskinen; bruger C.UTF-8",
                                        "The locale \(asked) is not installed; using C.UTF-8")
            }
            let override = ProcessInfo.processInfo.environment["BYDELSMOR_TODAY"] != nil
            RunLoop.run(app, on: term, today: override ? nil : { common.today })
            term.restore()
        }
    }
}

/// What to say when the terminal cannot be taken over, for the full-screen program and the kiosk.
func startMessage(_ error: any Error) -> Message {
    switch error as? CursesTerminal.StartError ?? .noTerminal {
    case .notUTF8:
        return Message("fuldskærmsprogrammet kræver et UTF-8-sprogmiljø (fx LANG=C.UTF-8 eller da_DK.UTF-8); æøå ville ellers gå tabt",
                       "the full-screen program needs a UTF-8 locale (e.g. LANG=C.UTF-8 or en_GB.UTF-8); æøå would otherwise be lost")
    case .noTerminal:
        return Message("fuldskærmsprogrammet skal køre i en terminal; brug bydelsmor status uden for en terminal",
                       "the full-screen program must run in a terminal; use bydelsmor status outside one")
    case .unknownTerminal(let t):
        return Message("terminalen (TERM=\(t.isEmpty ? "tom" : t)) kan ikke vise fuldskærmsprogrammet; brug bydelsmor status, eller sæt TERM=xterm-256color",
                       "the terminal (TERM=\(t.isEmpty ? "empty" : t)) cannot show the full-screen program; use bydelsmor status, or set TERM=xterm-256color")
    }
}
