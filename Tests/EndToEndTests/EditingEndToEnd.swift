import Foundation
import Testing

@Suite(.serialized) struct EditingEndToEndTests {
    let dir = Scratch()

    @Test func addScheduleAttendConverseSpendQuitAndFindItAll() throws {
        try cli(["init", dir.journal])
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))", today: "2027-02-09"))
        t.waitFor(text: "Næste modulgang")
        // a volunteer, moved into training
        try t.send("4"); t.waitFor(text: "Navn▼")
        try t.send("a"); t.waitFor(text: "Ny bydelsmor")
        try t.type("Şükran Öztürk"); try t.send("Tab"); try t.type("+45 31 41 59 26"); try t.send("Enter")
        t.waitFor(text: "Gemt: Şükran Öztürk.")
        try t.send(">"); t.waitFor(text: "trin (nu: kandidat)"); try t.send("Enter")
        t.waitFor(text: "under uddannelse")
        // a session today, attendance, held
        try t.send("3"); t.waitFor(text: "Moduler og modulgange")
        try t.send("a"); t.waitFor(text: "Planlæg modulgang")
        try t.send("Tab", "Tab", "Tab", "Tab"); try t.type("Ishøj Bibliotek"); try t.send("Enter")
        t.waitFor(text: "Gemt: modul 1 tirsdag 09.02.2027 17:00.")
        try t.send("f"); t.waitFor(text: "[ ] Şükran Öztürk")
        try t.send("Space"); t.waitFor(text: "[x] Şükran Öztürk"); try t.send("Enter")
        // Attendance for today's session marks it held (issue 24); m then has nothing to change.
        t.waitFor(text: "Fremmøde gemt: 1 ændring(er) — modulgangen er markeret afholdt.")
        try t.send("m"); t.waitFor(text: "intet at ændre")
        // she finishes her training: only then are her conversations logged
        try t.send("4"); try t.send(">"); t.waitFor(text: "trin (nu: under uddannelse)"); try t.send("Enter")
        t.waitFor(text: "uddannet")
        // a conversation and an expense
        try t.send("6"); try t.send("a"); t.waitFor(text: "Ny samtale")
        try t.send("Tab"); try t.type("Şük"); try t.send("Tab", "Tab"); try t.type("skole, job"); try t.send("Enter")
        t.waitFor(text: "Gemt: samtale 09.02.2027.")
        try t.send("5"); try t.send("Down"); try t.send("a"); t.waitFor(text: "Ny udgift")
        try t.send("Tab", "Tab"); try t.type("1.250,50"); try t.send("Tab"); try t.type("Aftensmad"); try t.send("Enter")
        t.waitFor(text: "Gemt: udgift 1.250,50 kr. til forplejning.")
        try t.send("q")
        let after = t.waitFor(text: "STTY-END")
        #expect(after.contains("RC=0"))
        let j = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        let volunteers = j["volunteers"] as! [String: Any]
        #expect((volunteers["byStage"] as! [String: Int])["graduated"] == 1)
        #expect(((j["modules"] as! [String: Any])["held"] as! Int) == 1)
        #expect(((j["outreach"] as! [String: Any])["conversations"] as! Int) == 1)
        #expect(((j["budget"] as! [String: Any])["spent"] as! NSNumber).doubleValue == 1250.5)
        let text = String(decoding: dir.data(dir.journal), as: UTF8.self)
        for needle in [#"volunteer.added id=v1 name="Şükran Öztürk" phone="+45 31 41 59 26""#, "volunteer.stage id=v1 stage=in-training",
                       #"session.scheduled id=s1 module=1 date=2027-02-09 start=17:00 end=20:00 place="Ishøj Bibliotek""#,
                       "attendance.marked session=s1 volunteer=v1 mark=present", "session.status id=s1 status=held",
                       "conversation.logged id=c1 date=2027-02-09 volunteer=v1 contact=network topics=school,job referred=none minutes=30",
                       #"expense.added id=x1 date=2027-02-09 line=forplejning amount=1250.50 note="Aftensmad""#] {
            #expect(text.contains(needle), "the journal lacks \(needle)")
        }
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
    }

    @Test func twoTerminalsMakingChangesAtOnceLoseNothing() throws {
        try cli(["init", dir.journal])
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina", "--phone", "11 11 11 11"])
        let a = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal)) --actor anna"))
        let b = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal)) --actor bent"))
        for t in [a, b] { t.waitFor(text: "Næste modulgang"); try t.send("4"); t.waitFor(text: "Amina"); try t.send("e"); t.waitFor(text: "Ret Amina") }
        // Anna changes the phone, Bent the name, in the same volunteer's form, open at the same time.
        try a.send("Tab", "C-u"); try a.type("22 22 22 22")
        try b.send("End"); try b.type(" Hassan")
        try a.send("Enter"); try b.send("Enter")
        a.waitFor(text: "Gemt: Amina")
        b.waitFor(text: "Gemt: Amina")
        // And both add a volunteer at the same moment: two ids, no collision.
        for (t, name) in [(a, "Hodan"), (b, "Zeynep")] { try t.send("a"); t.waitFor(text: "Ny bydelsmor"); try t.type(name) }
        try a.send("Enter"); try b.send("Enter")
        a.waitFor(text: "Gemt: Hodan."); b.waitFor(text: "Gemt: Zeynep.")
        for t in [a, b] { try t.send("q"); t.waitFor(text: "STTY-END") }
        let text = String(decoding: dir.data(dir.journal), as: UTF8.self)
        #expect(text.contains(#"volunteer.changed id=v1 name="Amina Hassan" phone="22 22 22 22""#), "\(text.suffix(800))")
        #expect(text.contains("volunteer.added id=v2 "))
        #expect(text.contains("volunteer.added id=v3 "))
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
    }
}

extension EditingEndToEndTests {
    /// A coordinator's week in a real terminal at 80×24: what needs doing on pane 1, Enter goes to the
    /// session; the rest of a new hold scheduled as a series after a yes; a session deleted and the
    /// deletion undone; the journal checks clean.
    @Test func aCoordinatorsWeekInTheRealProgram() throws {
        try cli(["init", dir.journal])
        let env = ["BYDELSMOR_TODAY": "2027-02-09"]
        #expect(try cli(["add", "hold", "--name", "Hold 2027", "--start", "01.02.2027", "--modules", "4", "--journal", dir.journal],
                        env: env).code == 0)
        #expect(try cli(["add", "session", "--hold", "h1", "--module", "1", "--date", "02.02.2027", "--start", "17:00", "--end", "20:00",
                         "--place", "Biblioteket", "--journal", dir.journal], env: env).code == 0)
        let t = try TmuxSession(command: programThenReport("--journal \(shellQuote(dir.journal))", today: "2027-02-09"))
        // The past session was neither held nor cancelled: pane 1 says so, Enter goes to it.
        t.waitFor(text: "Det skal gøres nu")
        t.waitFor(text: "hverken markeret afholdt eller aflyst")
        try t.send("Enter")
        t.waitFor(text: "tirsdag 02.02.2027")
        try t.send("m"); t.waitFor(text: "Afholdt: modul 1 tirsdag 02.02.2027 17:00.")
        // The rest of the hold, weekly on Thursdays from the day shown (02.02.), past nothing: three sessions.
        try t.send("S"); t.waitFor(text: "Planlæg resten af holdet ugentligt")
        try t.send("Tab", "Tab", "Right", "Right", "Tab", "Tab", "Tab"); try t.type("Strandgården"); try t.send("Enter")
        t.waitFor(text: "Planlæg 3 modulgange?")
        try t.send("j"); t.waitFor(text: "Planlagt: 3 modulgange.")
        // Delete one, then undo the deletion.
        try t.send("]", "[")
        try t.send("t", "Right", "Right"); t.waitFor(text: "torsdag 11.02.2027")
        try t.send("d"); t.waitFor(text: "Slet modul 3 torsdag 11.02.2027 17:00?")
        try t.send("j"); t.waitFor(text: "Slettet: modul 3 torsdag 11.02.2027 17:00.")
        try t.send("u"); t.waitFor(text: "Fortrudt: sletning af modul 3 torsdag 11.02.2027 17:00")
        try t.send("q")
        #expect(t.waitFor(text: "STTY-END").contains("RC=0"))
        let text = String(decoding: dir.data(dir.journal), as: UTF8.self)
        #expect(text.contains("session.removed id=s3") && text.contains("session.restored id=s3"))
        #expect(text.contains("part=3/3"))
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
    }
}
