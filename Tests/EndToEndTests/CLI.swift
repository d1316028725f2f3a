import Foundation
import Testing

/// The built `bydelsmor` binary: next to this test bundle, or $BYDELSMOR_BIN.
let binary: String = {
    if let b = ProcessInfo.processInfo.environment["BYDELSMOR_BIN"] { return b }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("bydelsmor").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    // `swift test` puts the bundle in .build/<triple>/debug/
    return FileManager.default.currentDirectoryPath + "/.build/debug/bydelsmor"
}()

struct Run {
    var out: String
    var err: String
    var code: Int32
    var lastLine: String { out.split(separator: "\n").last.map(String.init) ?? "" }
}

/// Runs a program to its end and collects what it wrote. `env` nil inherits this process's environment.
func run(_ executable: String, _ args: [String], env: [String: String]? = nil) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let env { p.environment = env }
    let o = Pipe(), e = Pipe()
    p.standardOutput = o; p.standardError = e
    try p.run()
    let od = o.fileHandleForReading.readDataToEndOfFile()
    let ed = e.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(out: String(decoding: od, as: UTF8.self), err: String(decoding: ed, as: UTF8.self), code: p.terminationStatus)
}

/// Runs the real binary with a clean, Danish, UTF-8 environment.
@discardableResult
func cli(_ args: [String], env extra: [String: String] = [:]) throws -> Run {
    var env = ["LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin", "BYDELSMOR_TODAY": "2027-02-01"]
    for (k, v) in extra { env[k] = v }
    return try run(binary, args, env: env)
}

final class Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "bydelsmor-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    var journal: String { path + "/journal.txt" }
    func data(_ p: String) -> Data { FileManager.default.contents(atPath: p) ?? Data() }
}

func json(_ s: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
}

@Suite struct CLITests {
    let dir = Scratch()

    init() throws {
        #expect(try cli(["init", dir.journal]).code == 0)
    }

    @Test func statusOnANewJournalShowsThePlannedBudget() throws {
        let r = try cli(["status", "--journal", dir.journal, "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let j = try json(r.out)
        let budget = j["budget"] as! [String: Any]
        // The journal begins on 1 February 2027 (BYDELSMOR_TODAY): its calendar year plans the
        // start-up lines and 11/12 of the coordinator (issue 25; it planned a whole year, the memo's
        // 207.040–256.060 kr., before budgets were calendar years).
        #expect((budget["plannedLow"] as! NSNumber).intValue == 197_120)
        #expect((budget["plannedHigh"] as! NSNumber).intValue == 243_180)
        #expect((budget["years"] as! [[String: Any]]).map { $0["year"] as! Int } == [2027])
        #expect((j["modules"] as! [String: Any])["total"] as! Int == 15)
        #expect((j["phases"] as! [[String: Any]]).count == 4)
        let lines = budget["lines"] as! [[String: Any]]
        #expect(lines.map { $0["id"] as! String } == ["gebyr", "forplejning", "brochurer", "gaver", "diplomfest", "koordinator"])
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.journal)
        #expect((attrs[.posixPermissions] as! NSNumber).intValue == 0o600)
    }

    @Test func aMistypedCommandGetsASuggestionAndHelpSpeaksDanish() throws {
        let typo = try cli(["statsu", "--journal", dir.journal])
        #expect(typo.code == 64 && typo.err.contains("mente du \"status\"?"), "\(typo.err)")
        let sub = try cli(["add", "volunter", "--journal", dir.journal])
        #expect(sub.code == 64 && sub.err.contains("mente du \"add volunteer\"?"), "\(sub.err)")
        let en = try cli(["statsu", "--lang", "en"])
        #expect(en.err.contains("did you mean \"status\"?"))
        let help = try cli(["status", "--help"])
        #expect(help.code == 0 && help.out.contains("BRUG:") && help.out.contains("Vis denne hjælp."), "\(help.out)")
        #expect(!help.out.contains("Show help information") && help.out.contains("text, markdown, json") || help.out.contains("værdier: text, markdown, json"))
        let root = try cli(["--help"])
        #expect(root.out.contains("Afslutningskoder: 0 udført; 1 ændringen blev afvist"))
        let version = try cli(["--version"])
        #expect(version.code == 0 && !version.out.isEmpty)
        let bad = try cli(["status", "--format", "xml", "--journal", dir.journal])
        #expect(bad.code == 64 && bad.err.contains("Fejl: Værdien 'xml'") && bad.err.contains("'markdown' eller 'json'"), "\(bad.err)")
        #expect(try cli(["screen", "--size", "huge", "--journal", dir.journal]).code == 64)
    }

    /// `screen --timings` draws after every key and tells, per key as it was written, how often it
    /// was pressed and how long it took to the drawn frame; the screen itself is still the output.
    @Test func screenTimingsCountEveryKeyAndLeaveTheScreenAsItIs() throws {
        let timed = try cli(["screen", "--journal", dir.journal, "--pane", "4", "--keys", "j j <Esc> /a", "--timings"])
        let plain = try cli(["screen", "--journal", dir.journal, "--pane", "4", "--keys", "j j <Esc> /a"])
        #expect(timed.code == 0 && timed.out == plain.out)
        let rows = timed.err.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.first?.first == "tast", "\(timed.err)")
        #expect(rows.dropFirst().map { "\($0[0]) \($0[1])" } == ["j 2", "<Esc> 1", "/ 1", "a 1"], "\(timed.err)")
        #expect(rows.dropFirst().allSatisfy { $0.count == 5 && $0[2...].allSatisfy { Double($0) != nil } }, "\(timed.err)")
    }

    @Test func statusTextGroupsThousandsNamesLinesByTitleAndEndsSentencesOnce() throws {
        let big = dir.path + "/big.txt"
        #expect(try cli(["demo", "--out", big, "--until", "2026-12-31"]).code == 0)
        let text = try cli(["status", "--journal", big]).out
        #expect(text.range(of: #"Samtaler: [0-9]{1,3}\.[0-9]{3}"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.contains("Forplejning") && !text.contains("    forplejning:"))
        let md = try cli(["status", "--journal", big, "--format", "markdown"]).out
        #expect(!md.contains("kr.."), "\(md)")
    }

    @Test func statusSpeaksDanishAndEnglish() throws {
        let da = try cli(["status", "--journal", dir.journal])
        // A journal begun on 1 February 2027: 11/12 of the coordinator's year (issue 25).
        #expect(da.out.contains("planlagt: 197.120,00 kr. – 243.180,00 kr."), "\(da.out)")
        #expect(da.out.contains("Bydelsmødre — status pr. 1. februar 2027"))
        let en = try cli(["status", "--journal", dir.journal, "--lang", "en"])
        #expect(en.out.contains("planned: DKK 197,120.00 – DKK 243,180.00"))
        let md = try cli(["status", "--journal", dir.journal, "--format", "markdown"], env: ["LANG": "en_GB.UTF-8"])
        #expect(md.out.contains("| **Total** | **DKK 197,120.00 – DKK 243,180.00** | **DKK 0.00** |"))
    }

    @Test func addingPrintsTheNewIdAloneOnTheLastLine() throws {
        let v = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina Hassan", "--phone", "+45 12 34 56 78",
                         "--languages", "ar,da", "--neighbourhood", "Vejleåparken"])
        #expect(v.code == 0, "\(v.err)")
        #expect(v.lastLine == "v1")
        let x = try cli(["add", "expense", "--journal", dir.journal, "--line", "forplejning", "--amount", "1.250,50", "--date",
                         "07.02.2027", "--note", "Aftensmad"])
        #expect(x.code == 0, "\(x.err)")
        #expect(x.lastLine == "x1")
        let j = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        let budget = j["budget"] as! [String: Any]
        #expect((budget["spent"] as! NSNumber).doubleValue == 1250.5)
        #expect(((j["volunteers"] as! [String: Any])["byStage"] as! [String: Int])["candidate"] == 1)
        let journal = String(decoding: dir.data(dir.journal), as: UTF8.self)
        #expect(journal.contains(#"volunteer.added id=v1 name="Amina Hassan" phone="+45 12 34 56 78" languages=ar,da neighbourhood="Vejleåparken" notes="""#))
        #expect(journal.contains(#"expense.added id=x1 date=2027-02-07 line=forplejning amount=1250.50 note="Aftensmad""#))
    }

    @Test(arguments: [
        (["--amount=-5"], "negativt", Int32(1)),
        (["--amount", "-5"], "negativt", Int32(1)),
        (["--amount", "ti kroner"], "kan ikke læses", Int32(64)),
        (["--amount", "0"], "større end 0", Int32(1)),
        (["--amount", "10", "--date", "30.02.2027"], "findes ikke", Int32(64)),
        (["--amount", "10", "--line", "slik"], "budgetlinjen \"slik\" findes ikke", Int32(1)),
    ])
    func aRefusedChangeExitsNonZeroAndLeavesTheJournalAsItWas(extra: [String], says: String, code: Int32) throws {
        let before = dir.data(dir.journal)
        var args = ["add", "expense", "--journal", dir.journal]
        if !extra.contains("--line") { args += ["--line", "gaver"] }
        let r = try cli(args + extra)
        #expect(r.code == code)
        #expect(r.err.contains(says), "stderr: \(r.err)")
        #expect(r.out.isEmpty)
        #expect(dir.data(dir.journal) == before)
    }

    @Test func aNameWithAnEscapeSequenceIsRefused() throws {
        let r = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Evil\u{1B}[2J"])
        #expect(r.code == 1)
        #expect(r.err.contains("kontroltegn (fandt U+001B)"))
    }

    @Test func undoTakesBackTheLatestChangeAndAgainRedoesIt() throws {
        try cli(["add", "expense", "--journal", dir.journal, "--line", "gaver", "--amount", "400"])
        let u = try cli(["undo", "--journal", dir.journal])
        #expect(u.code == 0)
        #expect(u.out.contains("Fortrudt: udgift 400,00 kr. til "))
        #expect(u.out.contains("expense.added"))
        var j = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        #expect(((j["budget"] as! [String: Any])["spent"] as! NSNumber).intValue == 0)
        try cli(["undo", "--journal", dir.journal])
        j = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        #expect(((j["budget"] as! [String: Any])["spent"] as! NSNumber).intValue == 400)
    }

    @Test func checkReportsEveryBadLineAsPathLineColumn() throws {
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina"])
        var t = String(decoding: dir.data(dir.journal), as: UTF8.self)
        let n = t.split(separator: "\n").count
        t += "2027-02-01T10:00:00Z k volunteer.stage id=v1 stage=boss\n"
        t += "not a line\n"
        try t.write(toFile: dir.journal, atomically: false, encoding: .utf8)
        let r = try cli(["check", "--journal", dir.journal])
        #expect(r.code == 3)
        #expect(r.err.contains("\(dir.journal):\(n + 1):52: stage: ukendt værdi"))
        #expect(r.err.contains("\(dir.journal):\(n + 2):1: ugyldigt tidsstempel"))
        let s = try cli(["status", "--journal", dir.journal])
        #expect(s.code == 3)
        #expect(s.err.contains("\(dir.journal):\(n + 1):52:"))
        let a = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Hodan"])
        #expect(a.code == 3)
        #expect(String(decoding: dir.data(dir.journal), as: UTF8.self) == t)
    }

    @Test func checkPassesAGoodJournal() throws {
        let demo = dir.path + "/demo.txt"
        try cli(["demo", "--out", demo, "--volunteers", "12", "--years", "2"])
        let r = try cli(["check", "--journal", demo])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("ingen fejl"))
    }

    /// A demo never holds what has not happened yet: no line, conversation, expense or hours entry
    /// after today (sessions may be planned ahead).
    @Test func aDemoWritesNothingAfterToday() throws {
        let demo = dir.path + "/demo-today.txt"
        #expect(try cli(["demo", "--out", demo, "--volunteers", "30", "--years", "3"], env: ["BYDELSMOR_TODAY": "2025-09-01"]).code == 0)
        for line in String(decoding: dir.data(demo), as: UTF8.self).split(separator: "\n").dropFirst() {
            #expect(line.prefix(10) <= "2025-09-01", "\(line)")
            if line.contains(" conversation.logged ") || line.contains(" expense.added ") || line.contains(" hours.logged ") {
                let date = line.split(separator: " ").first { $0.hasPrefix("date=") }.map { String($0.dropFirst(5)) } ?? ""
                #expect(date <= "2025-09-01", "\(line)")
            }
        }
    }

    @Test func demoNeverOverwritesAJournal() throws {
        let before = dir.data(dir.journal)
        let r = try cli(["demo", "--out", dir.journal])
        #expect(r.code != 0)
        #expect(dir.data(dir.journal) == before)
    }

    @Test func findsTheJournalThroughTheEnvironment() throws {
        let viaEnv = dir.path + "/env.txt"
        try cli(["init"], env: ["BYDELSMOR_JOURNAL": viaEnv])
        #expect(try cli(["add", "volunteer", "--name", "Amina"], env: ["BYDELSMOR_JOURNAL": viaEnv]).code == 0)
        #expect(String(decoding: dir.data(viaEnv), as: UTF8.self).contains("name=\"Amina\""))
        try cli(["init"], env: ["XDG_DATA_HOME": dir.path + "/xdg"])
        #expect(try cli(["add", "volunteer", "--name", "Amina"], env: ["XDG_DATA_HOME": dir.path + "/xdg"]).code == 0)
        #expect(String(decoding: dir.data(dir.path + "/xdg/bydelsmor/journal.txt"), as: UTF8.self).contains("name=\"Amina\""))
    }

    @Test func twoProcessesAppendingAThousandChangesEachLoseNothing() throws {
        let script = """
        set -e
        writer() { for i in $(seq 1 1000); do "$BIN" add expense --journal "$J" --actor "$1" --line gaver --amount "$i" >/dev/null; done; }
        writer anna & a=$!
        writer bent & b=$!
        wait $a; wait $b
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        p.environment = ["BIN": binary, "J": dir.journal, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "BYDELSMOR_TODAY": "2027-02-01"]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = String(decoding: dir.data(dir.journal), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")  // ends with a newline: nothing torn
        #expect(lines.filter { $0.contains(" anna expense.added") }.count == 1000)
        #expect(lines.filter { $0.contains(" bent expense.added") }.count == 1000)
        let c = try cli(["check", "--journal", dir.journal])
        #expect(c.code == 0, "\(c.err)")
        let j = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        // 2 × (1 + 2 + … + 1000) kroner
        #expect(((j["budget"] as! [String: Any])["spent"] as! NSNumber).intValue == 1_001_000)
    }
}

extension CLITests {
    /// An error a command finds in its own values names that command's usage, in full.
    @Test func aRunErrorShowsTheCommandsOwnUsageAndTimesAreReadAsInTheForms() throws {
        let r = try cli(["schedule", "--from", "01.04.2027", "--weekday", "tue", "--start", "1x", "--end", "20:00", "--place", "X", "--journal", dir.journal])
        #expect(r.code == 64 && r.err.contains("Brug: bydelsmor schedule [") && r.err.contains("Se 'bydelsmor schedule --help'"), "\(r.err)")
        let empty = dir.path + "/empty.txt"
        FileManager.default.createFile(atPath: empty, contents: Data())
        let e = try cli(["schedule", "--from", "01.04.2027", "--weekday", "tue", "--start", "17", "--end", "20.30", "--place", "X", "--journal", empty])
        #expect(e.code == 3 && e.err.contains("journalen er tom"), "\(e.err)")
    }
}
