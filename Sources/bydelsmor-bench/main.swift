// Benchmarks for bydelsmor. Run by hand (scripts/bench), never by `swift test`; the figures go in
// docs/performance.md. Usage: bydelsmor-bench JOURNAL
import BydelsmorCore
import BydelsmorUI
import Foundation

let clock = ContinuousClock()

func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count - 1) * p))]
}

func report(_ name: String, _ xs: [Double]) {
    print(String(format: "%-44@ median %9.3f ms   p99 %9.3f ms   (n=%d)", name as NSString, percentile(xs, 0.5), percentile(xs, 0.99), xs.count))
}

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: bydelsmor-bench JOURNAL (make one with: bydelsmor demo --out J --volunteers 8000 --years 10)\n".utf8))
    exit(64)
}
let path = CommandLine.arguments[1]
let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } ?? 0
print("journal: \(path), \(lines) lines")

// 1. Replay: open the journal read-only (what `status` and the full-screen program do first).
var replay: [Double] = []
var store: Store!
for _ in 0..<5 {
    let t0 = clock.now
    store = try Store(path: path, readOnly: true, actor: "bench")
    replay.append(ms(clock.now - t0))
}
report("replay (open read-only)", replay)

// 2. The full-screen program's first screen: index + first frame at 80×24.
let today = Day(year: 2026, month: 11, day: 28)!
var first: [Double] = []
var app: App!
for _ in 0..<5 {
    let t0 = clock.now
    app = App(store: store, lang: .da, today: today)
    _ = app.render(width: 80, height: 24)
    first.append(ms(clock.now - t0))
}
report("first frame after replay (index + render)", first)
print(String(format: "start to first screen (replay + first frame): %.0f ms", percentile(replay, 0.5) + percentile(first, 0.5)))

// 3. Keypress to finished frame, over every pane, at 120×40.
let keys: [Key] = [.char("1"), .char("2"), .down, .down, .enter, .down, .escape, .char("3"), .right, .down, .pageDown, .char("t"),
                   .char("4"), .down, .down, .char("s"), .enter, .escape, .char("5"), .down, .char("6"), .down, .char("v"), .enter,
                   .pageDown, .down, .escape, .char("v"), .char("v"), .tab, .backTab]
var perKey: [Double] = []
for round in 0..<40 {
    for k in keys {
        let t0 = clock.now
        app.handle(k)
        _ = app.render(width: 120, height: 40)
        perKey.append(ms(clock.now - t0))
    }
    if round == 0 { perKey.removeAll() } // warm-up
}
report("keypress to frame (120×40, all panes)", perKey)

// 4. Appending one change (validate, lock, write, fsync) to a copy of a small journal.
let dir = NSTemporaryDirectory() + "bydelsmor-bench-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: dir) }
let small = dir + "/journal.txt"
try DemoJournal(volunteers: 40, years: 2, seed: 1).write(to: small)
let writer = try Store(path: small, actor: "bench")
var appends: [Double] = []
for i in 0..<300 {
    let t0 = clock.now
    try writer.commit { s in .expenseAdded(Expense(id: s.expenses.count + 1, date: today, line: "forplejning", amount: Money(ore: Int64(100 + i)))) }
    appends.append(ms(clock.now - t0))
}
report("append one change with fsync (\(dir.hasPrefix("/tmp") ? "/tmp" : dir))", appends)

// 5. In the full-screen program on a copy of the journal: a pane switch, an undo and a redo (each a
//    write, fsync and refresh of what the panes derive), and a typed search character in the roster.
let copy = dir + "/copy.txt"
try FileManager.default.copyItem(atPath: path, toPath: copy)
let live = try Store(path: copy, actor: "bench")
try live.commit { s in .expenseAdded(Expense(id: s.expenses.count + 1, date: today, line: "forplejning", amount: Money(ore: 12_345))) }
let editor = App(store: live, lang: .da, today: today)
_ = editor.render(width: 120, height: 40)
@MainActor func timed(_ k: Key) -> Double {
    let t0 = clock.now
    editor.handle(k)
    _ = editor.render(width: 120, height: 40)
    return ms(clock.now - t0)
}
var switches: [Double] = [], edits: [Double] = [], search: [Double] = []
for _ in 0..<15 {
    switches.append(timed(.char("5")))
    edits.append(timed(.char("u")))
    edits.append(timed(.ctrl("r")))
    switches.append(timed(.char("4")))
    _ = timed(.char("/"))
    for c in "amina" { search.append(timed(.char(c))) }
    _ = timed(.escape)
}
report("pane switch (120×40)", switches)
report("undo or redo, written and redrawn", edits)
report("search character in the roster", search)
print(String(format: "undo/redo ÷ pane switch (medians): %.1f×", percentile(edits, 0.5) / max(0.001, percentile(switches, 0.5))))
do {
    var idx: [Double] = [], commit: [Double] = [], render: [Double] = []
    for i in 0..<10 {
        var t0 = clock.now
        try live.commit { s in .expenseAdded(Expense(id: s.expenses.count + 1, date: today, line: "forplejning", amount: Money(ore: Int64(100 + i)))) }
        commit.append(ms(clock.now - t0))
        t0 = clock.now
        _ = ProjectIndex(state: live.state, today: today, previous: editor.index, conversationEdits: live.conversationEdits)
        idx.append(ms(clock.now - t0))
        t0 = clock.now
        editor.handle(.char("5"))
        _ = editor.render(width: 120, height: 40)
        render.append(ms(clock.now - t0))
    }
    report("  of which: commit", commit)
    report("  of which: index update", idx)
    report("  of which: render with fresh row caches", render)
}
