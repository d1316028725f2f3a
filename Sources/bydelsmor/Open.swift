import ArgumentParser
import BydelsmorCore
import Foundation

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Åbn fuldskærmsprogrammet (standard).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = try common.language()
        try reporting {
            let store = try common.openStore(lang: lang)
            say(StatusFormat.text.render(ProjectStatus(state: store.state, today: common.today), lang: lang))
        }
    }
}
