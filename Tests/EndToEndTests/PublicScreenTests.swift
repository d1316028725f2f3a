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
        try cli(["add", "hold", "--journal", dir.journal, "--name", "Hold 2026", "--start", "01.03.2026"], env: ["BYDELSMOR_TODAY": "2026-03-10"])
        try cli(["add", "session", "--journal", dir.journal, "--hold", "h1", "--module", "1", "--date", "12.03.2026", "--start", "17:00", "--end", "20:00",
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
        t.waitFor(text: "Ingen planlagte modulgange")
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
