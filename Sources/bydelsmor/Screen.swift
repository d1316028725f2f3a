import ArgumentParser
import BydelsmorCore
import BydelsmorTerminal
import BydelsmorUI
import Foundation

struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: H("Tegn en rude som tekst uden terminal (til dokumentation, fejlsøgning og tests)."),
        discussion: H("Eksempel: bydelsmor screen --pane 3 --size 100x30 --keys 'l l /modul<Enter>'"))
    @OptionGroup var common: CommonOptions
    @Option(help: H("Rude 1–6.")) var pane: Int = 1
    @Option(help: H("Størrelse BREDDExHØJDE.")) var size: String = "80x24"
    @Option(help: H("Taster før tegningen, adskilt af mellemrum; <Enter>, <Esc>, <Tab>, <Up>, <Down>, <Left>, <Right>, <PgUp>, <PgDn> og <Space> er særlige.")) var keys: String = ""
    @Flag(help: H("Tegn efter hver tast og skriv tiden fra tast til færdig tegning (median, 99 %, største) pr. tast på standardfejl.")) var timings = false

    func run() throws {
        let lang = try common.language()
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else {
            throw usageError("--size skal være BREDDExHØJDE, fx 80x24 (fik \"\(size)\")",
                             "--size must be WIDTHxHEIGHT, e.g. 80x24 (got \"\(size)\")")
        }
        guard let p = Pane(rawValue: pane) else { throw usageError("--pane skal være 1–6 (fik \(pane))",
                                                                   "--pane must be 1–6 (got \(pane))") }
        try reporting {
            let store = try common.openStore(readOnly: true, lang: lang)
            let app = App(store: store, lang: lang, today: common.today)
            app.announcesReadOnly = false
            app.resize(width: parts[0], height: parts[1])
            app.handle(.char(Character(String(p.rawValue))))
            var spent: [String: [UInt64]] = [:], order: [String] = []
            for (label, k) in Screen.parseLabelledKeys(keys) {
                let start = DispatchTime.now().uptimeNanoseconds
                app.handle(k)
                guard timings else { continue }
                _ = app.render(width: parts[0], height: parts[1])
                if spent[label] == nil { order.append(label) }
                spent[label, default: []].append(DispatchTime.now().uptimeNanoseconds - start)
            }
            say(app.render(width: parts[0], height: parts[1]).text)
            if timings { FileHandle.standardError.write(Data(Screen.timingTable(spent, order: order, lang).utf8)) }
        }
    }

    /// Each key's times as a table: how often it was pressed, its median, 99th percentile and
    /// largest time from the key to the finished frame, in milliseconds.
    static func timingTable(_ spent: [String: [UInt64]], order: [String], _ lang: Lang) -> String {
        func ms(_ ns: UInt64) -> String { String(format: "%8.2f", Double(ns) / 1e6) }
        var out = lang.t("tast       antal   median      99 %   største  (ms fra tast til tegnet rude)\n",
                         "key        count   median      99 %   largest  (ms from key to drawn frame)\n")
        for label in order {
            let t = spent[label]!.sorted()
            out += label.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%7d", t.count)
                + " " + ms(t[t.count / 2]) + "  " + ms(t[min(t.count - 1, t.count * 99 / 100)]) + "  " + ms(t[t.count - 1]) + "\n"
        }
        return out
    }

    /// The keys, each with the way it was written (`a`, `<Esc>`).
    static func parseLabelledKeys(_ s: String) -> [(label: String, key: Key)] {
        let named: [String: Key] = ["<Enter>": .enter, "<Esc>": .escape, "<Tab>": .tab, "<S-Tab>": .backTab, "<Up>": .up, "<Down>": .down,
                                    "<Left>": .left, "<Right>": .right, "<PgUp>": .pageUp, "<PgDn>": .pageDown, "<Home>": .home, "<End>": .end,
                                    "<Space>": .char(" "), "<BS>": .backspace]
        var keys: [(label: String, key: Key)] = []
        for word in s.split(separator: " ") {
            var rest = Substring(word)
            while !rest.isEmpty {
                if rest.first == "<", let close = rest.firstIndex(of: ">"), let k = named[String(rest[...close])] {
                    keys.append((String(rest[...close]), k)); rest = rest[rest.index(after: close)...]
                } else {
                    keys.append((String(rest.first!), .char(rest.first!))); rest = rest.dropFirst()
                }
            }
        }
        return keys
    }
}
