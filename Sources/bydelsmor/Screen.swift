import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tegn en rude som tekst uden terminal (til dokumentation, fejlsøgning og tests).",
        discussion: "Eksempel: bydelsmor screen --pane 3 --size 100x30 --keys 'l l /modul<Enter>'")
    @OptionGroup var common: CommonOptions
    @Option(help: "Rude 1–6.") var pane: Int = 1
    @Option(help: "Størrelse BREDDExHØJDE.") var size: String = "80x24"
    @Option(help: "Taster før tegningen, adskilt af mellemrum; <Enter>, <Esc>, <Tab>, <Up>, <Down>, <Left>, <Right>, <PgUp>, <PgDn> og <Space> er særlige.") var keys: String = ""

    func run() throws {
        let lang = try common.language()
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else {
            throw ValidationError("--size skal være BREDDExHØJDE, fx 80x24 (fik \"\(size)\")")
        }
        guard let p = Pane(rawValue: pane) else { throw ValidationError("--pane skal være 1–6 (fik \(pane))") }
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            let app = App(store: store, lang: lang, today: common.today)
            app.announcesReadOnly = false
            app.resize(width: parts[0], height: parts[1])
            app.handle(.char(Character(String(p.rawValue))))
            for k in Screen.parseKeys(keys) { app.handle(k) }
            say(app.render(width: parts[0], height: parts[1]).text)
        }
    }

    static func parseKeys(_ s: String) -> [Key] {
        let named: [String: Key] = ["<Enter>": .enter, "<Esc>": .escape, "<Tab>": .tab, "<S-Tab>": .backTab, "<Up>": .up, "<Down>": .down,
                                    "<Left>": .left, "<Right>": .right, "<PgUp>": .pageUp, "<PgDn>": .pageDown, "<Home>": .home, "<End>": .end,
                                    "<Space>": .char(" "), "<BS>": .backspace]
        var keys: [Key] = []
        for word in s.split(separator: " ") {
            var rest = Substring(word)
            while !rest.isEmpty {
                if rest.first == "<", let close = rest.firstIndex(of: ">"), let k = named[String(rest[...close])] {
                    keys.append(k); rest = rest[rest.index(after: close)...]
                } else {
                    keys.append(.char(rest.first!)); rest = rest.dropFirst()
                }
            }
        }
        return keys
    }
}
