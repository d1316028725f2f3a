import Foundation
import Testing

/// The coordinator's season through the command line (issue 24, part): a hold's paperwork in one
/// write, who came to an activity, the evaluation, and the diplomas at the end of the hold.
@Suite struct SeasonEndToEndTests {
    let dir = Scratch()

    @discardableResult
    func ok(_ args: [String], on today: String = "2027-06-30", sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let r = try cli(args + ["--journal", dir.journal], env: ["BYDELSMOR_TODAY": today])
        #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
        return r
    }

    @Test func aHoldFromPaperworkToDiplomas() throws {
        try ok(["init"], on: "2027-01-02")
        try ok(["add", "hold", "--name", "Hold 2027", "--start", "2027-01-10"], on: "2027-01-02")
        for n in ["Amina Hassan", "Fatma Yilmaz", "Hodan Abdi"] { try ok(["add", "volunteer", "--name", n], on: "2027-01-02") }
        // The evening they sign: one write for the whole hold, undone as one.
        let lines = try String(contentsOfFile: dir.journal, encoding: .utf8).split(separator: "\n").count
        let set = try ok(["volunteer", "set", "v1,v2,v3", "--hold", "h1", "--contract", "2027-01-10", "--consent", "2027-01-10"],
                         on: "2027-01-10")
        #expect(set.out.contains("3 bydelsmødre i én ændring (12 linjer)"), "\(set.out)")
        let written = try String(contentsOfFile: dir.journal, encoding: .utf8).split(separator: "\n").dropFirst(lines)
        #expect(written.count == 12 && written.allSatisfy { $0.contains(" part=") }, "\(written)")
        #expect(try ok(["volunteer", "set", "v1,v2,v3", "--hold", "h1"], on: "2027-01-10").out.contains("Intet at ændre"))
        // Fifteen modules; Amina at all, Fatma one short of the rule (13), Hodan at five.
        let days = ["2027-01-12", "2027-01-19", "2027-01-26", "2027-02-02", "2027-02-09", "2027-02-16", "2027-02-23", "2027-03-02",
                    "2027-03-09", "2027-03-16", "2027-03-23", "2027-03-30", "2027-04-06", "2027-04-13", "2027-04-20"]
        for m in 1...15 {
            let d = days[m - 1]
            let s = try ok(["add", "session", "--hold", "h1", "--module", "\(m)", "--date", d, "--start", "17:00", "--end", "20:00",
                            "--place", "Centret"], on: "2027-01-10").lastLine
            let present = m <= 5 ? "v1,v2,v3" : m <= 12 ? "v1,v2" : "v1"
            try ok(["session", "attendance", s, "--present", present], on: "2027-06-30")
        }
        let list = try json(try ok(["diplomas", "--hold", "h1", "--format", "json"]).out)
        let women = list["women"] as! [[String: Any]]
        #expect(women.map { $0["name"] as! String } == ["Amina Hassan", "Fatma Yilmaz", "Hodan Abdi"])
        #expect(women.map { $0["eligible"] as! Bool } == [true, false, false])
        #expect(women.map { $0["short"] as! Int } == [0, 1, 8])
        let md = try ok(["diplomas", "--hold", "h1"]).out
        #expect(md.contains("| Fatma Yilmaz (v2) | 12 | mangler 1 modul |"), "\(md)")
        // The diplomas: one page for Amina, none for the others.
        let html = try ok(["diplomas", "--hold", "h1", "--format", "html", "--group", "Bydelsmødrene i Ishøj"]).out
        #expect(html.components(separatedBy: "class=\"diploma\"").count - 1 == 1)
        #expect(html.contains("Amina Hassan") && !html.contains("Fatma") && html.contains("Modul 15:"))
        try refusedDiplomas()
        // Anonymous evaluations: counted; averages from five up.
        for (b, s) in [(5, 4), (4, 4), (5, 5), (3, 4)] {
            #expect(try ok(["evaluation", "add", "--hold", "h1", "--benefit", "\(b)", "--satisfaction", "\(s)"]).lastLine.hasPrefix("e"))
        }
        var report = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)
        var ev = report["evaluations"] as! [String: Any]
        #expect(ev["count"] as? Int == 4 && ev["benefit"] is NSNull)
        try ok(["evaluation", "add", "--hold", "h1", "--benefit", "4", "--satisfaction", "3", "--comment", "Mere om skolen"])
        report = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)
        ev = report["evaluations"] as! [String: Any]
        #expect(ev["count"] as? Int == 5 && ev["benefit"] as? Double == 4.2 && ev["satisfaction"] as? Double == 4)
        let bad = try cli(["evaluation", "add", "--hold", "h1", "--benefit", "6", "--satisfaction", "3", "--journal", dir.journal])
        #expect(bad.code != 0 && bad.err.contains("--benefit skal være 1–5"), "\(bad.err)")
        // Who came to a monthly meeting, and the distinct women in the report.
        let a = try ok(["add", "activity", "--kind", "monthly", "--title", "Månedsmøde", "--date", "2027-06-15", "--start", "17:00",
                        "--end", "19:00"]).lastLine
        try ok(["activity", "attendance", a, "--present", "v1,v2"])
        try ok(["activity", "attendance", a, "--present", "v3", "--absent", "v2"])
        report = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)
        let distinct = (report["activities"] as! [String: Any])["distinctWomen"] as! [String: Any]
        #expect(distinct["monthly"] as? Int == 2)
    }

    func refusedDiplomas() throws {
        let r = try cli(["diplomas", "--hold", "h9", "--journal", dir.journal])
        #expect(r.code != 0 && r.err.contains("hold h9 findes ikke"), "\(r.err)")
    }

    /// Recruitment: interested women, the individual talk, the choice; selected, she is a volunteer
    /// in the hold in one change; status counts each step; her name is never on the kiosk.
    @Test func recruitmentFromInterestToTheHold() throws {
        try ok(["init"], on: "2027-01-02")
        try ok(["add", "hold", "--name", "Hold 2027", "--start", "2027-03-01"], on: "2027-01-02")
        var ids: [String] = []
        for (n, p) in [("Leila Karimi", "40 50 60 70"), ("Samira Haddad", ""), ("Nadia Rahimi", ""), ("Rukia Ali", "")] {
            ids.append(try ok(["add", "interested", "--name", n, "--phone", p, "--source", "skolen", "--contact-consent", "2027-01-05"],
                              on: "2027-01-05").lastLine)
        }
        #expect(ids == ["i1", "i2", "i3", "i4"])
        try ok(["recruit", "interviewed", "i1", "--date", "2027-01-20"], on: "2027-01-20")
        let twice = try cli(["recruit", "interviewed", "i1", "--date", "2027-01-20", "--journal", dir.journal],
                            env: ["BYDELSMOR_TODAY": "2027-01-20"])
        #expect(twice.code == 0 && twice.out.contains("intet at ændre"), "\(twice.out)\(twice.err)")
        try ok(["recruit", "interviewed", "i2", "--date", "2027-01-21"], on: "2027-01-21")
        let v = try ok(["recruit", "select", "i1", "--hold", "h1"], on: "2027-02-01").lastLine
        #expect(v == "v1")
        try ok(["recruit", "wait", "i2"], on: "2027-02-01")
        try ok(["recruit", "decline", "i3"], on: "2027-02-01")
        let again = try cli(["recruit", "select", "i1", "--hold", "h1", "--journal", dir.journal])
        #expect(again.code != 0 && again.err.contains("allerede optaget"), "\(again.err)")
        let st = try json(try ok(["status", "--format", "json"], on: "2027-02-01").out)
        let r = st["recruitment"] as! [String: Int]
        #expect(r == ["interested": 1, "interviewed": 0, "selected": 1, "waiting": 1, "declined": 1], "\(r)")
        let holds = st["holds"] as! [[String: Any]]
        #expect(holds.first?["volunteers"] as? Int == 1)
        // The session's place names her: the kiosk masks it.
        let s = try ok(["add", "session", "--hold", "h1", "--module", "1", "--date", "2027-03-02", "--start", "17:00", "--end", "20:00",
                        "--place", "Hos Nadia Rahimi"], on: "2027-02-01").lastLine
        _ = s
        let ics = try ok(["export", "calendar"], on: "2027-02-01").out
        #expect(!ics.contains("Nadia") && !ics.contains("Leila"), "\(ics)")
    }

    /// The memo's effects (issue 26, part): her steps only with her consent, erased with her; the
    /// survey's figures only from five answers; the report's Effekt section and json `effects`.
    @Test func effectsAreCountedWithConsentAndNeverThin() throws {
        try ok(["init"], on: "2027-01-02")
        for n in ["Amina Hassan", "Fatma Yilmaz"] { try ok(["add", "volunteer", "--name", n], on: "2027-01-02") }
        let before = dir.data(dir.journal)
        let refused = try cli(["progress", "add", "v1", "--kind", "job", "--date", "2027-03-01", "--journal", dir.journal],
                              env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(refused.code != 0 && refused.err.contains("har ikke sagt ja"), "\(refused.err)")
        #expect(dir.data(dir.journal) == before)
        try ok(["progress", "consent", "v1", "--date", "2027-02-01"])
        #expect(try ok(["progress", "add", "v1", "--kind", "danish-test", "--date", "2027-03-01", "--note",
                        "Prøve i Dansk 2, bestået"]).lastLine == "g1")
        try ok(["progress", "add", "v1", "--kind", "job", "--date", "2027-05-01"])
        let future = try cli(["progress", "add", "v1", "--kind", "job", "--date", "2027-12-01", "--journal", dir.journal],
                             env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(future.code != 0)
        let bad = try cli(["survey", "add", "--year", "2027", "--answers", "4,5,3,4", "--journal", dir.journal],
                          env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(bad.code != 0 && bad.err.contains("5 tal"), "\(bad.err)")
        let six = try cli(["survey", "add", "--year", "2027", "--answers", "4,5,6,4,2", "--journal", dir.journal],
                          env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(six.code != 0 && six.err.contains("1–5"), "\(six.err)")
        for a in ["4,5,3,4,2", "5,5,4,3,3", "3,4,4,4,2", "4,4,5,2,3"] { try ok(["survey", "add", "--year", "2027", "--answers", a]) }
        var report = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)
        var effects = report["effects"] as! [String: Any]
        #expect((effects["mothers"] as! [String: Any])["consenting"] as? Int == 1)
        #expect((effects["mothers"] as! [String: Any])["withProgress"] as? Int == 1)
        #expect((effects["survey"] as! [String: Any])["averages"] is NSNull, "four answers are never shown apart")
        try ok(["survey", "add", "--year", "2027", "--answers", "4,2,4,3,5"])
        report = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)
        effects = report["effects"] as! [String: Any]
        #expect((effects["survey"] as! [String: Any])["averages"] as? [Double] == [4, 4, 4, 3.2, 3])
        let md = try ok(["report", "--year", "2027"]).out
        #expect(md.contains("## Effekt") && md.contains("\"Jeg har mere selvtillid\": 4,0 af 5 (5 svar)"), "\(md)")
        // The overview says it in one line.
        let overview = try ok(["screen", "--size", "100x30"]).out
        #expect(overview.contains("Effekt 2027: 1 bydelsmor har taget et skridt · spørgeskemaet: 5 svar"), "\(overview)")
        // Her steps are in her person export and gone with her erasure.
        let export = try json(try ok(["person", "export", "v1"]).out)
        #expect((export["progress"] as? [Any])?.count == 2)
        try ok(["person", "erase", "v1", "--yes"])
        #expect(!(try String(contentsOfFile: dir.journal, encoding: .utf8)).contains("Dansk 2"))
    }

    /// What came of a conversation (issue 26, 3): logged from the command line with a follow-up or
    /// given one later; counted in the report's `effects.conversations`; refused without a referral
    /// or with an unknown answer, nothing written; read back the same from the snapshot.
    @Test func aReferralsFollowUpIsRecordedAndCounted() throws {
        try ok(["init"], on: "2027-01-02")
        try ok(["add", "volunteer", "--name", "Amina Hassan"], on: "2027-01-02")
        try ok(["volunteer", "set", "v1", "--stage", "active"], on: "2027-01-02")
        let c1 = try ok(["add", "conversation", "--volunteer", "v1", "--date", "2027-03-01", "--contact", "school", "--topics",
                         "school,health",
                         "--referred", "gp", "--minutes", "30", "--followed-up", "used"]).lastLine
        #expect(c1 == "c1")
        try ok(["add", "conversation", "--volunteer", "v1", "--date", "2027-03-02", "--contact", "network", "--topics", "job",
                "--referred", "job-centre", "--minutes", "20"])
        try ok(["add", "conversation", "--volunteer", "v1", "--date", "2027-03-03", "--contact", "network", "--topics", "family",
                "--minutes", "15"])
        let before = dir.data(dir.journal)
        let none = try cli(["conversation", "follow-up", "c3", "used", "--journal", dir.journal], env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(none.code == 1 && none.err.contains("har ingen"), "\(none.err)")
        let bad = try cli(["conversation", "follow-up", "c2", "maybe", "--journal", dir.journal], env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(bad.code == 64 && bad.err.contains("used, pending, not-needed"), "\(bad.err)")
        #expect(dir.data(dir.journal) == before)
        try ok(["conversation", "follow-up", "c2", "pending"])
        let line = try String(contentsOfFile: dir.journal, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.contains("conversation.changed id=c2") && line.hasSuffix("followed-up=pending"), "\(line)")
        for _ in 0..<2 {  // the second run reads the snapshot the first wrote
            let effects = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)["effects"] as! [String: Any]
            let conversations = effects["conversations"] as! [String: Any]
            #expect(conversations["referred"] as? Int == 2 && conversations["followedUp"] as? Int == 2 && conversations["used"] as? Int == 1,
                    "\(conversations)")
        }
        let md = try ok(["report", "--year", "2027"]).out
        #expect(md.contains("2 samtaler endte med en henvisning videre; fulgt op for 2, og i 1 blev henvisningen brugt"), "\(md)")
        // Undone: the answer is gone again.
        try ok(["undo"])
        #expect(!(try String(contentsOfFile: dir.journal, encoding: .utf8)).split(separator: "\n").last!.contains("followed-up"))
    }

    /// A monthly meeting on a module's evening is said on both sides (issue 24), never refused.
    @Test func anActivityAtAModulesHourIsWarnedOfBothWays() throws {
        try ok(["init"], on: "2027-01-02")
        try ok(["add", "hold", "--name", "Hold 2027", "--start", "2027-01-10"], on: "2027-01-02")
        try ok(["add", "session", "--hold", "h1", "--module", "1", "--date", "2027-01-12", "--start", "17:00", "--end", "20:00",
                "--place", "Biblioteket"], on: "2027-01-02")
        let a = try ok(["add", "activity", "--kind", "monthly", "--title", "Månedsmøde", "--date", "2027-01-12", "--start", "17:30",
                        "--end", "19:00"], on: "2027-01-02")
        #expect(a.err.contains("advarsel: overlapper modul 1 17:00–20:00"), "\(a.err)")
        let s = try ok(["add", "session", "--hold", "h1", "--module", "2", "--date", "2027-01-12", "--start", "18:30", "--end", "20:00",
                        "--place", "Biblioteket"], on: "2027-01-02")
        #expect(s.err.contains("overlapper månedsmøde \"Månedsmøde\" 17:30–19:00") && s.err.contains("overlapper modul 1"), "\(s.err)")
    }

    /// The closed list of steps is the coordinator's to extend (issue 26, 1): a kind added with words
    /// in both languages, used, counted and said in the report; an unknown or badly named kind, and
    /// taking a used kind off the list, refused with the reason, nothing written.
    @Test func theCoordinatorExtendsTheListOfSteps() throws {
        try ok(["init"], on: "2027-01-02")
        try ok(["add", "volunteer", "--name", "Amina Hassan"], on: "2027-01-02")
        try ok(["progress", "consent", "v1", "--date", "2027-02-01"])
        let before = dir.data(dir.journal)
        let unknown = try cli(["progress", "add", "v1", "--kind", "mentor", "--date", "2027-03-01", "--journal", dir.journal],
                              env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(unknown.code == 1 && unknown.err.contains("slags \"mentor\" kendes ikke") && unknown.err.contains("association-role"),
                "\(unknown.err)")
        let badName = try cli(["progress", "kind", "Mentor Rolle", "--da", "x", "--en", "y", "--journal", dir.journal],
                              env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(badName.code == 1 && badName.err.contains("små bogstaver"), "\(badName.err)")
        let builtIn = try cli(["progress", "kind", "job", "--da", "x", "--en", "y", "--journal", dir.journal],
                              env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(builtIn.code == 1 && builtIn.err.contains("faste slags"), "\(builtIn.err)")
        #expect(dir.data(dir.journal) == before)
        try ok(["progress", "kind", "mentor", "--da", "blevet mentor for en ny bydelsmor", "--en", "became a mentor for a new volunteer"])
        try ok(["progress", "add", "v1", "--kind", "mentor", "--date", "2027-03-01"])
        let used = try cli(["progress", "kind", "mentor", "--remove", "--journal", dir.journal], env: ["BYDELSMOR_TODAY": "2027-06-30"])
        #expect(used.code == 1 && used.err.contains("1 skridt er af slagsen"), "\(used.err)")
        for _ in 0..<2 {  // the second from the snapshot the first wrote
            let effects = try json(try ok(["report", "--year", "2027", "--format", "json"]).out)["effects"] as! [String: Any]
            #expect(((effects["mothers"] as! [String: Any])["byKind"] as? [String: Int]) == ["mentor": 1], "\(effects)")
        }
        #expect(try ok(["report", "--year", "2027"]).out.contains("(blevet mentor for en ny bydelsmor: 1)"))
        #expect(try ok(["report", "--year", "2027", "--lang", "en"]).out.contains("(became a mentor for a new volunteer: 1)"))
        let export = try json(try ok(["person", "export", "v1"]).out)
        #expect((export["progress"] as? [Any])?.count == 1)
    }
}
