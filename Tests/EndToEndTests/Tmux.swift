import Foundation
import Testing
import BydelsmorCore

/// One tmux session this test started, on a private server socket; only it is ever killed.
final class TmuxSession {
    let name: String
    let socket: String
    let env: [String: String]

    init(width: Int = 100, height: Int = 30, command: String) throws {
        name = "bm-" + UUID().uuidString.prefix(8)
        socket = "bydelsmor-e2e-\(getpid())"
        env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "TERM": "xterm-256color"]
        // The first call starts the tmux server, which must not inherit a pipe we read to its end.
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", name, command], capture: false)
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"], capture: false)
    }

    deinit { _ = try? tmux(["kill-session", "-t", name], capture: false) }

    /// Runs tmux with posix_spawn and waitpid. (Foundation's Process waits for the end of a pipe
    /// that the daemonised tmux server would inherit, and so never returns.)
    @discardableResult
    func tmux(_ args: [String], capture: Bool = true) throws -> String {
        let outPath = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-u", "-L", socket] + args
        let envp = env.map { "\($0.key)=\($0.value)" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = envp.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        // Children get default signal handling and an empty mask, whatever this test runner blocks.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none); sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, &attr, &cArgs, &cEnv)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return capture ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys, capture: false) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text], capture: false) }

    func resize(_ w: Int, _ h: Int) throws { try tmux(["resize-window", "-t", name, "-x", String(w), "-y", String(h)], capture: false) }

    /// Polls the screen until `predicate` holds (no fixed sleeps); fails the test after `seconds`.
    @discardableResult
    /// Polls, so a generous bound costs nothing when the screen comes at once; 30 s because a
    /// loaded 2-core machine (the suite runs tests in parallel) once took over 10 s to show one.
    func waitFor(_ what: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var s = screen
        while !predicate(s) {
            if Date() > deadline {
                Issue.record("timed out waiting for \(what); the screen was:\n\(s)", sourceLocation: sourceLocation)
                return s
            }
            usleep(50_000)
            s = screen
        }
        return s
    }

    @discardableResult
    func waitFor(text: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        waitFor("\"\(text)\"", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(text) }
    }
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// The command a test runs in tmux: the program, then what the shell sees after it.
func programThenReport(_ args: String, today: String = "2026-03-10") -> String {
    "bash --norc --noprofile -c " + shellQuote("BYDELSMOR_TODAY=\(today) \(shellQuote(binary)) \(args); echo RC=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo STTY-END; sleep 600")
}

@Suite(.serialized) struct FullScreenTests {
    let dir = Scratch()

    init() throws {
        try cli(["demo", "--out", dir.journal, "--volunteers", "20", "--years", "2", "--seed", "5", "--until", "2026-03-10"])
    }

    @Test func opensSwitchesEveryPaneSearchesHelpsResizesAndRestoresTheTerminal() throws {
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Næste modulgang")
        #expect(t.screen.contains("1 Overblik"))
        let expected: [(String, String)] = [("2", "Milepæle i fase"), ("3", "Moduler og modulgange"), ("4", "Navn▼"),
                                            ("5", "Udgifter pr. måned"), ("6", "henvist videre ·"), ("1", "Næste modulgang")]
        for (key, text) in expected {
            try t.send(key)
            t.waitFor(text: text)
        }
        try t.send("Tab"); t.waitFor(text: "Milepæle i fase")
        try t.send("BTab"); t.waitFor(text: "Næste modulgang")
        // search in the roster
        try t.send("4"); t.waitFor(text: "Navn▼")
        try t.send("/"); try t.type("vejle"); try t.send("Enter")
        let filtered = t.waitFor(text: "/vejle")
        #expect(filtered.contains("Vejleåparken"))
        #expect(!filtered.contains("Strandparken"))
        try t.send("Escape")
        t.waitFor("the filter to be cleared") { !$0.contains("/vejle") }
        // help from the key table
        try t.send("?"); t.waitFor(text: "Hjælp — Bydelsmødre")
        #expect(t.screen.contains("Sortér efter næste kolonne"))
        try t.send("Space"); t.waitFor("help to close") { !$0.contains("Hjælp — ") }
        // resize: smaller, too small, larger
        try t.resize(80, 24)
        t.waitFor("an 80-column redraw") { s in s.split(separator: "\n").count <= 24 && s.contains("Navn▼") && s.contains("s sortér") }
        try t.resize(40, 10)
        t.waitFor(text: "Vinduet er for lille")
        try t.resize(120, 40)
        t.waitFor("a 120-column redraw") { $0.contains("Navn▼") && !$0.contains("for lille") }
        try t.send("q")
        let after = t.waitFor(text: "STTY-END")
        #expect(after.contains("RC=0"))
        #expect(after.contains("icanon echo"), "the terminal modes were not restored:\n\(after)")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Næste modulgang")
        let pid = try t.tmux(["list-panes", "-t", t.name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The program is the shell's child.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        p.arguments = ["-TERM", "-P", pid, "-f", "bydelsmor"]
        try p.run(); p.waitUntilExit()
        let after = t.waitFor(text: "STTY-END")
        #expect(after.contains("icanon echo"), "the terminal modes were not restored:\n\(after)")
    }

    /// Pasting "Zara\ndj" into a form once saved it and then removed another volunteer.
    @Test func aPasteGoesIntoTheFieldAndNeverBecomesKeys() throws {
        let before = dir.data(dir.journal)
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Næste modulgang")
        try t.send("4"); t.waitFor(text: "Navn▼")
        try t.send("a"); t.waitFor(text: "Ny bydelsmor")
        try t.tmux(["set-buffer", "-b", "bm", "Zara\ndj"], capture: false)
        try t.tmux(["paste-buffer", "-p", "-b", "bm", "-t", t.name], capture: false)
        t.waitFor(text: "Zara dj")
        try t.send("Escape"); t.waitFor(text: "Esc igen")
        try t.send("Escape"); t.waitFor(text: "intet gemt")
        try t.send("q")
        t.waitFor(text: "STTY-END")
        #expect(dir.data(dir.journal) == before)
    }

    /// What the terminal shows is what `bydelsmor screen` lays out, cell for cell, with names that
    /// hold emoji, combining and invisible marks (they once shifted rows, and one crashed the program).
    @Test func theTerminalShowsTheLayoutWithTrickyNames() throws {
        for n in ["❤️ Amina", "Zeynep Yılmaz 🌸", "e\u{301}lif", "日本 花子", "👨‍👩‍👧 Familie", "A\u{200B}B usynlig", "Nour\u{2060}Ali"] {
            #expect(try cli(["add", "volunteer", "--journal", dir.journal, "--name", n]).code == 0, "\(n)")
        }
        let t = try TmuxSession(width: 100, height: 30, command: programThenReport("--journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Næste modulgang")
        try t.send("4"); try t.send("G")
        let shown = t.waitFor(text: "Familie")
        let laid = try cli(["screen", "--journal", dir.journal, "--pane", "4", "--keys", "G", "--size", "100x30"],
                           env: ["BYDELSMOR_TODAY": "2026-03-10"])
        // Columns, not code points: tmux's capture leaves out some zero-width marks (ZWJ).
        func columns(_ s: String) -> [String] {
            s.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                var out = String.UnicodeScalarView()
                for u in line.unicodeScalars where TextPolicy.width(u) > 0 { out.append(u) }
                return String(String(out).reversed().drop(while: { $0 == " " }).reversed())
            }
        }
        let a = columns(shown), b = columns(laid.out)
        for (i, line) in b.enumerated() where i < a.count && i < 29 {
            #expect(a[i] == line, "row \(i + 1):\n tmux:   \(a[i])\n screen: \(line)")
        }
        try t.send("q")
        #expect(t.waitFor(text: "STTY-END").contains("RC=0"))
    }

    @Test func ctrlCQuitsCleanly() throws {
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Næste modulgang")
        try t.send("C-c")
        let after = t.waitFor(text: "STTY-END")
        #expect(after.contains("RC=0"))
        #expect(after.contains("icanon echo"))
    }

    @Test func picksUpAnotherProcesssChangeWithinASecondOrSo() throws {
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))"))
        let before = t.waitFor(text: "Bydelsmødre: 20")
        #expect(before.contains("Bydelsmødre: 20"))
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Nour Haddad"])
        t.waitFor(text: "Bydelsmødre: 21", seconds: 5)
        try t.send("q")
        t.waitFor(text: "STTY-END")
    }

    @Test func aBadJournalOpensReadOnlyWithTheErrorShown() throws {
        let h = FileHandle(forWritingAtPath: dir.journal)!
        h.seekToEndOfFile(); h.write(Data("2026-03-10T10:00:00Z k volunteer.stage id=v1 stage=boss\n".utf8)); h.closeFile()
        let t = try TmuxSession(width: 200, command: programThenReport("--journal \(shellQuote(dir.journal))"))
        let s = t.waitFor(text: "KUN LÆSNING")
        #expect(s.contains("stage: ukendt værdi"))
        try t.send("q")
        t.waitFor(text: "STTY-END")
    }

    @Test func withoutAUTF8LocaleItSaysSoInsteadOfDrawingGarbage() throws {
        let t = try TmuxSession(command: "bash --norc --noprofile -c " + shellQuote("LANG=C LC_ALL=C \(shellQuote(binary)) --journal \(shellQuote(dir.journal)); echo RC=$?; sleep 600"))
        let s = t.waitFor(text: "RC=")
        #expect(s.contains("UTF-8"))
        #expect(!s.contains("RC=0"))
    }
}
