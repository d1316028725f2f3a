// Replay, add, a save and a search key in the full-screen program, and the first frame, on demo
// journals of about 10 k, 100 k and 1 M lines. Timings are benchmarks, never test assertions.
import Benchmark
import BydelsmorCore
import BydelsmorUI
import Foundation

/// Deterministic demo journals, made once per run in a temporary folder.
final class Journals: @unchecked Sendable {
    static let shared = Journals()
    let dir = NSTemporaryDirectory() + "bydelsmor-benchmarks-\(getpid())"
    private var made: [Int: String] = [:]
    private let lock = NSLock()

    /// Volunteers over ten years: 60 ≈ 10 k lines, 630 ≈ 100 k, 6,300 ≈ 1 M.
    func journal(volunteers: Int) -> String {
        lock.lock(); defer { lock.unlock() }
        if let p = made[volunteers] { return p }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let p = dir + "/journal-\(volunteers).txt"
        if !FileManager.default.fileExists(atPath: p) {
            _ = try? DemoJournal(volunteers: volunteers, years: 10, seed: 1).write(to: p)
        }
        made[volunteers] = p
        return p
    }

    /// A private copy to write into.
    func copy(volunteers: Int, _ name: String) -> String {
        let src = journal(volunteers: volunteers)
        let p = dir + "/\(name)-\(volunteers)-\(UUID().uuidString).txt"
        try? FileManager.default.copyItem(atPath: src, toPath: p)
        return p
    }

    var cache: String { dir + "/cache" }
}

/// The roster of a full-screen program per journal size, and where it is in typing a search.
final class Typist: @unchecked Sendable {
    static let shared = Typist()
    private var programs: [Int: (app: App, typed: Int)] = [:]
    private let lock = NSLock()
    static let keys: [Key] = [.char("/")] + "amina".map { .char($0) } + [.escape]

    func next(volunteers: Int) -> (App, Key) {
        lock.lock(); defer { lock.unlock() }
        var p = programs[volunteers] ?? {
            let store = try! Store(path: Journals.shared.journal(volunteers: volunteers), readOnly: true, actor: "bench")
            let app = App(store: store, lang: .da, today: today)
            app.resize(width: 120, height: 40)
            app.handle(.char("4"))
            _ = app.render(width: 120, height: 40)
            return (app, 0)
        }()
        let key = Typist.keys[p.typed % Typist.keys.count]
        p.typed += 1
        programs[volunteers] = p
        return (p.app, key)
    }
}

let today = Day(year: 2035, month: 12, day: 31)!
let sizes = [("10k", 60), ("100k", 630), ("1M", 6_300)]

let benchmarks: @Sendable () -> Void = {
    // The demo journals and their copies (hundreds of MB at 1 M lines) go when the run ends.
    atexit { try? FileManager.default.removeItem(atPath: Journals.shared.dir) }
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds,
                                           warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 20)

    for (label, volunteers) in sizes {
        Benchmark("replay, no snapshot \(label)") { benchmark in
            let path = Journals.shared.journal(volunteers: volunteers)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try Store(path: path, readOnly: true, actor: "bench")) }
        }

        Benchmark("replay from a snapshot \(label)") { benchmark in
            let path = Journals.shared.journal(volunteers: volunteers)
            let warm = try Store(path: path, readOnly: true, actor: "bench", cacheDirectory: Journals.shared.cache)
            warm.saveSnapshotNow()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try Store(path: path, readOnly: true, actor: "bench", cacheDirectory: Journals.shared.cache))
            }
        }

        Benchmark("add: open from a snapshot, write one change \(label)") { benchmark in
            let path = Journals.shared.copy(volunteers: volunteers, "add")
            try Store(path: path, actor: "bench", cacheDirectory: Journals.shared.cache).saveSnapshotNow()
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                let s = try Store(path: path, actor: "bench", cacheDirectory: Journals.shared.cache)
                try s.commit { st in .expenseAdded(Expense(id: st.expenses.nextID, date: today, line: "gaver", amount: Money(ore: Int64(100 + i)))) }
            }
        }

        Benchmark("first frame (index and render 120×40) \(label)") { benchmark in
            let store = try Store(path: Journals.shared.journal(volunteers: volunteers), readOnly: true, actor: "bench")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let app = App(store: store, lang: .da, today: today)
                blackHole(app.render(width: 120, height: 40))
            }
        }

        Benchmark("save in the full-screen program (undo or redo) \(label)") { benchmark in
            let store = try Store(path: Journals.shared.copy(volunteers: volunteers, "save"), actor: "bench")
            try store.commit { s in .expenseAdded(Expense(id: s.expenses.nextID, date: today, line: "gaver", amount: Money(ore: 12_345))) }
            let app = App(store: store, lang: .da, today: today)
            app.resize(width: 120, height: 40)
            app.handle(.char("5"))
            blackHole(app.render(width: 120, height: 40))
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                app.handle(i % 2 == 0 ? .char("u") : .ctrl("r"))
                blackHole(app.render(width: 120, height: 40))
            }
        }

        // Undo and redo of a logged conversation in the conversations pane: the figures over every
        // conversation are adjusted by the one (issue 23), so this is near the expense's undo above.
        Benchmark("undo or redo of a conversation in the full-screen program \(label)") { benchmark in
            let store = try Store(path: Journals.shared.copy(volunteers: volunteers, "conversation"), actor: "bench")
            guard let v = store.state.volunteers.first(where: { $0.stage == .active }) else { return }
            try store.commit { s in .conversationLogged(Conversation(id: s.conversations.nextID, date: today, volunteer: v.id, contact: .school,
                                                                     topics: TopicSet([.health]), referral: .gp, minutes: 20)) }
            let app = App(store: store, lang: .da, today: today)
            app.resize(width: 120, height: 40)
            app.handle(.char("6"))
            blackHole(app.render(width: 120, height: 40))
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                app.handle(i % 2 == 0 ? .char("u") : .ctrl("r"))
                blackHole(app.render(width: 120, height: 40))
            }
        }

        // The reference for a save: switching between the overview and the budget pane (the pane
        // the save is measured on), redrawn.
        Benchmark("pane switch (1 and 5, redrawn) \(label)") { benchmark in
            let store = try Store(path: Journals.shared.journal(volunteers: volunteers), readOnly: true, actor: "bench")
            let app = App(store: store, lang: .da, today: today)
            app.resize(width: 120, height: 40)
            for key in ["5", "1"] { app.handle(.char(Character(key))); blackHole(app.render(width: 120, height: 40)) }
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                app.handle(.char(i % 2 == 0 ? "5" : "1"))
                blackHole(app.render(width: 120, height: 40))
            }
        }

        // One key a sample, in a program kept across samples (as a person types into a program that
        // has long been open): `/`, the five characters of a name, Esc, and again.
        Benchmark("search key in the roster (/ a m i n a Esc) \(label)", configuration: .init(maxIterations: 70)) { benchmark in
            let (app, key) = Typist.shared.next(volunteers: volunteers)
            benchmark.startMeasurement()
            app.handle(key)
            blackHole(app.render(width: 120, height: 40))
        }
    }
}
