import Foundation
import Testing

/// The shared screen and the terminal, through tmux: a kiosk that met a 0-byte journal mid-copy
/// recovers by itself, no public text shows a woman, and every signal that ends the program leaves
/// the terminal restored (the kiosk ignores the stray ones).
@Suite(.serialized) struct PublicScreenTests {
    let dir = Scratch()

    func signal(_ sig: String, _ args: String) throws {
        _ = try run("/usr/bin/pkill", ["-\(sig)", "-f", "^" + binary + " " + args], env: ["PATH": "/usr/bin:/bin"])
    }

    func setUp() throws {
        try cli(["init", dir.journal])
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Fatima Zahra", "--phone", "22334455"])
        try cli(["add", "hold", "--journal", dir.journal, "--name", "Hold 2026", "--start", "01.03.2026"],
                env: ["BYDELSMOR_TODAY": "2026-03-10"])
        try cli(["add", "session", "--journal", dir.journal, "--hold", "h1", "--module", "1", "--date", "12.03.2026", "--start", "17:00",
                 "--end", "20:00",
                 "--place", "Hjemme hos Fatima Zahra"], env: ["BYDELSMOR_TODAY": "2026-03-10"])
    }

    @Test func theKioskMasksWomenAndRecoversFromAZeroByteJournal() throws {
        try setUp()
        let args = "kiosk --journal \(dir.journal)"
        let t = try TmuxSession(command: programThenReport("kiosk --journal \(shellQuote(dir.journal))"))
        let s = t.waitFor(text: "Sted: Hjemme hos •••")
        #expect(!s.contains("Fatima") && !s.contains("22334455"))
        // A sync tool truncates, then writes the file whole again (same inode).
        let whole = dir.data(dir.journal)
        truncate(dir.journal, 0)
        // While it cannot be read, a calm word, not a page of zeros (or a woman).
        t.waitFor(text: "Kalenderen opdateres")
        let h = FileHandle(forWritingAtPath: dir.journal)!
        h.write(whole); try h.close()
        t.waitFor(text: "Sted: Hjemme hos •••", seconds: 15)
        // Stray signals do not end the kiosk; the administrator's SIGTERM does, terminal restored.
        for sig in ["USR1", "USR2", "ALRM", "VTALRM", "PROF", "PIPE", "XFSZ"] { try signal(sig, args) }
        usleep(300_000)
        #expect(!t.screen.contains("STTY-END"), "a stray signal ended the kiosk")
        try signal("TERM", args)
        #expect(t.waitFor(text: "STTY-END").contains("icanon echo"))
    }

    @Test(arguments: ["USR1", "ALRM", "PROF", "XCPU"])
    func everySignalThatEndsTheProgramRestoresTheTerminal(_ sig: String) throws {
        try setUp()
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "1 Overblik")
        try signal(sig, "--journal \(dir.journal)")
        let s = t.waitFor(text: "STTY-END")
        #expect(s.contains("icanon echo"), "\(sig): \(s)")
    }
}

/// At home in the terminal (issue 22, part): a locale that is not installed falls back to C.UTF-8
/// and says so; TERM=dumb is refused with a way on; options may stand before the subcommand.
@Suite(.serialized) struct TerminalConventionTests {
    let dir = Scratch()

    @Test func aMissingLocaleFallsBackToCUTF8AndSaysSo() throws {
        try cli(["init", dir.journal])
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))").replacingOccurrences(of: "bash --norc", with: "env -u LC_ALL LANG=da_DK.UTF-8 bash --norc"))
        t.waitFor(text: "Sproget da_DK.UTF-8 findes ikke på maskinen; bruger C.UTF-8")
        #expect(t.screen.contains("Bydelsmødre"))
        try t.send("q")
        #expect(t.waitFor(text: "STTY-END").contains("icanon echo"))
    }

    @Test func aDumbTerminalIsRefusedWithAWayOn() throws {
        try cli(["init", dir.journal])
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))").replacingOccurrences(of: "bash --norc", with: "env TERM=dumb bash --norc"))
        let s = t.waitFor(text: "STTY-END")
        #expect(s.contains("TERM=dumb") && s.contains("bydelsmor status") && s.contains("RC=1"), "\(s)")
        #expect(!s.contains("\u{1B}["))
    }

    @Test func commonOptionsMayStandBeforeTheSubcommand() throws {
        try cli(["init", dir.journal])
        let r = try cli(["--journal", dir.journal, "--lang", "en", "status", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let e = try cli(["--journal=\(dir.journal)", "export", "volunteers", "--format", "csv"])
        #expect(e.code == 0 && e.out.contains("navn"), "\(e.err)")
    }
}

/// The phones' calendar as a real client reads it (Python icalendar): a removed activity goes out
/// as cancelled with a raised SEQUENCE, and a cancelled event says so in its title too.
@Suite struct CalendarCancellationTests {
    let dir = Scratch()

    @Test func aRemovedActivityIsSentAsCancelled() throws {
        let env = ["BYDELSMOR_TODAY": "2027-01-20"]
        try cli(["init", dir.journal], env: env)
        let a = try cli(["add", "activity", "--kind", "network", "--title", "Netværksmøde", "--date", "10.11.2027", "--start", "17:00",
                         "--end", "19:00", "--place", "Rådhuset", "--journal", dir.journal], env: env)
        #expect(a.code == 0, "\(a.err)")
        let ics = dir.path + "/cal.ics"
        func read() throws -> String {
            #expect(try cli(["export", "calendar", "--journal", dir.journal, "--out", ics], env: env).code == 0)
            return try python("import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()); print([(str(e.get('summary')), str(e.get('status')), int(e.get('sequence', 0))) for e in c.walk('VEVENT')])", [ics]).out
        }
        #expect(try read().contains("('Bydelsmødre: Netværksmøde', 'CONFIRMED', 0)"))
        #expect(try cli(["remove", "a1", "--journal", dir.journal], env: env).code == 0)
        let after = try read()
        #expect(after.contains("('AFLYST: Bydelsmødre: Netværksmøde', 'CANCELLED', 1)"), "\(after)")
        #expect(!String(decoding: dir.data(ics), as: UTF8.self).contains("METHOD:PUBLISH"))
    }

    @Test func theCalendarCanHoldOneHoldFromADate() throws {
        let env = ["BYDELSMOR_TODAY": "2027-01-20"]
        try cli(["init", dir.journal], env: env)
        try cli(["add", "hold", "--journal", dir.journal, "--name", "Hold A", "--start", "04.01.2027"], env: env)
        try cli(["add", "hold", "--journal", dir.journal, "--name", "Hold B", "--start", "04.01.2027"], env: env)
        for (h, d) in [("h1", "12.01.2027"), ("h1", "02.02.2027"), ("h2", "03.02.2027")] {
            #expect(try cli(["add", "session", "--journal", dir.journal, "--hold", h, "--module", "1", "--date", d, "--start", "17:00",
                             "--end", "20:00", "--place", "X"], env: env).code == 0)
        }
        let ics = dir.path + "/a.ics"
        #expect(try cli(["export", "calendar", "--hold", "h1", "--from", "01.02.2027", "--journal", dir.journal, "--out", ics],
                        env: env).code == 0)
        let got = try python("import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()); print(sorted(str(e.get('uid')).split('-')[0] for e in c.walk('VEVENT')))", [ics]).out
        #expect(got.contains("['s2']"), "\(got)")
        let bad = try cli(["export", "calendar", "--hold", "h9", "--journal", dir.journal], env: env)
        #expect(bad.code == 1 && bad.err.contains("h9 findes ikke"), "\(bad.err)")
    }
}

/// What users of terminal tools expect (issue 22, part): a `post-write` hook after every change,
/// and `--read-only`.
@Suite(.serialized) struct HookAndReadOnlyTests {
    let dir = Scratch()

    @Test func aPostWriteHookRunsAfterEveryChangeAndNeverHoldsItUp() throws {
        try cli(["init", dir.journal])
        let config = dir.path + "/config"
        try FileManager.default.createDirectory(atPath: config + "/bydelsmor/hooks", withIntermediateDirectories: true)
        let log = dir.path + "/hook.log"
        let hook = config + "/bydelsmor/hooks/post-write"
        try "#!/bin/sh\necho \"$1 $BYDELSMOR_LINES\" >> \(shellQuote(log))\nsleep 5\n".write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        let start = Date()
        let r = try cli(["add", "volunteer", "--name", "Amina Hassan", "--hold", "h9", "--journal", dir.journal],
                        env: ["XDG_CONFIG_HOME": config])
        #expect(r.code != 0)  // refused: no hold h9; nothing written, no hook
        try cli(["add", "hold", "--name", "Hold 2027", "--start", "2027-01-10", "--journal", dir.journal], env: ["XDG_CONFIG_HOME": config])
        try cli(["add", "volunteer", "--name", "Amina Hassan", "--hold", "h1", "--journal", dir.journal], env: ["XDG_CONFIG_HOME": config])
        // The hook sleeps 5 s; the commands did not wait for it.
        #expect(Date().timeIntervalSince(start) < 4.5)
        var lines: [String] = []
        for _ in 0..<100 {
            lines = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
            if lines.count >= 2 { break }
            usleep(50_000)
        }
        #expect(lines.sorted() == ["\(dir.journal) 1", "\(dir.journal) 3"].sorted(), "\(lines)")
    }

    @Test func readOnlyOpensEveryPaneAndRefusesEveryChange() throws {
        try cli(["init", dir.journal])
        let before = dir.data(dir.journal)
        let t = try TmuxSession(command: programThenReport("--read-only --journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Kun læsning")
        try t.send("4"); try t.send("a")
        t.waitFor(text: "Kun læsning")
        #expect(!t.screen.contains("Ny bydelsmor"))
        try t.send("q")
        t.waitFor(text: "STTY-END")
        #expect(dir.data(dir.journal) == before)
    }
}
