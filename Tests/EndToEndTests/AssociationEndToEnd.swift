import Foundation
import Testing

/// Phase 4 through the command line (issue 21): a founding year and a second year — members, the
/// board, four board meetings, a grant applied for, granted, spent, reported; the yearly accounts;
/// the duties of the year wheel; and bad input refused with nothing written.
@Suite struct AssociationEndToEndTests {
    let dir = Scratch()

    @discardableResult
    func ok(_ args: [String], on today: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let r = try cli(args + ["--journal", dir.journal], env: ["BYDELSMOR_TODAY": today])
        #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
        return r
    }

    /// Refused: a non-zero exit, the message names what is wrong, and the journal is byte for byte as it was.
    func refused(_ args: [String], on today: String, saying words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = dir.data(dir.journal)
        let r = try cli(args + ["--journal", dir.journal], env: ["BYDELSMOR_TODAY": today])
        #expect(r.code != 0, "\(args) was accepted", sourceLocation: sourceLocation)
        #expect(r.err.contains(words), "\(args): \(r.err)", sourceLocation: sourceLocation)
        #expect(dir.data(dir.journal) == before, "\(args) wrote to the journal", sourceLocation: sourceLocation)
    }

    func founded() throws {
        try ok(["init"], on: "2028-01-10")
        for n in ["Amina Hassan", "Fatma Yilmaz", "Hodan Abdi", "Sara Ali", "Nour Saleh", "Layla Omar"] {
            try ok(["add", "volunteer", "--name", n], on: "2028-01-10")
        }
        #expect(try ok(["association", "found", "--name", "Bydelsmødrene i Ishøj", "--date", "2028-03-01"],
                       on: "2028-03-01").lastLine == "n1")
        for v in ["v1", "v2", "v3", "v4", "v5"] { try ok(["association", "join", v, "--date", "2028-03-01"], on: "2028-03-01") }
        for (v, role) in [("v1", "forkvinde"), ("v2", "kasserer"), ("v3", "næstforkvinde"), ("v4", "sekretær"), ("v5", "menigt medlem")] {
            #expect(try ok(["association", "board", v, "--role", role, "--from", "2028-03-01"], on: "2028-03-01").lastLine.hasPrefix("r"))
        }
    }

    @Test func aFoundingYearAndASecondYear() throws {
        try founded()
        // Four board meetings with who came and the minutes (private).
        for d in ["2028-03-15", "2028-06-10", "2028-09-01", "2028-11-20"] {
            #expect(try ok(["association", "meeting", "--kind", "board", "--date", d, "--present", "v1,v2,v3", "--minutes",
                            "Sommerfest for Ahmed", "--decisions", "Tur i juni"], on: d)
                        .lastLine.hasPrefix("a"))
        }
        // A grant to the association: applied, granted, spent against, reported.
        let f = try ok(["add", "funding", "--funder", "Ishøj Kommune", "--applied", "20000", "--date", "2028-03-10", "--pool",
                        "§18 Ishøj Kommune", "--purpose", "Ture",
                        "--period-from", "2028-05-01", "--period-to", "2028-12-31", "--report-due", "2029-03-01", "--for", "association"], on: "2028-03-10").lastLine
        #expect(f == "f1")
        try ok(["funding", "decide", "f1", "--granted", "15000", "--date", "2028-04-15"], on: "2028-04-15")
        #expect(try ok(["association", "expense", "--line", "Bus", "--amount", "4.000", "--date", "2028-06-20", "--funding", "f1",
                        "--receipt", "B1"], on: "2028-06-20").lastLine == "k1")
        // Beyond what was granted, and outside the project period: written, with a warning each.
        let over = try ok(["association", "expense", "--line", "Bus", "--amount", "12000", "--date", "2029-01-05", "--funding", "f1",
                           "--receipt", "B2"], on: "2029-01-05")
        #expect(over.err.contains("16.000,00 kr. af bevillingen f1 på 15.000,00 kr."), "\(over.err)")
        #expect(over.err.contains("uden for bevillingens projektperiode"), "\(over.err)")
        try ok(["association", "income", "--source", "donation", "--amount", "500", "--date", "2028-09-01"], on: "2028-09-01")
        try ok(["association", "fee", "v1", "--year", "2028", "--amount", "100", "--date", "2028-03-01"], on: "2028-03-01")

        // The second year, on 1 February: the duties due before 1 March are on the list.
        let st = try json(try ok(["status", "--format", "json"], on: "2029-02-01").out)
        let a = st["association"] as! [String: Any]
        #expect(a["name"] as? String == "Bydelsmødrene i Ishøj")
        #expect(a["members"] as? Int == 5)
        #expect((a["board"] as! [[String: Any]]).map { $0["role"] as! String } == ["chair", "vice-chair", "treasurer", "secretary",
                                                                                   "member"])
        let attention = (st["attention"] as! [[String: Any]]).filter { $0["kind"] as? String == "duty" }.map { $0["id"] as! String }
        #expect(attention == ["accounts:2029", "assembly:2029", "report:f1"], "\(attention)")
        // The 2028 accounts: the grant is income on the day it was granted, fees from the member.
        let acc = try json(try ok(["association", "accounts", "--year", "2028", "--format", "json"], on: "2029-02-01").out)
        #expect(acc["totalIncome"] as? Double == 15_600)
        #expect(acc["totalExpenses"] as? Double == 4_000)
        #expect(acc["closing"] as? Double == 11_600)
        let md = try ok(["association", "accounts", "--year", "2028"], on: "2029-02-01").out
        #expect(md.contains("| Tilskud: Ishøj Kommune | 15.000,00 kr. |"), "\(md)")
        #expect(md.contains("| **Beholdning 31. december** | **11.600,00 kr.** |"))
        // The general assembly approves them; the treasurer sends them; the report goes to the fund.
        try ok(["association", "meeting", "--kind", "general-assembly", "--date", "2029-02-20", "--present", "v1,v2,v3,v4,v5",
                "--decisions", "Regnskab 2028 godkendt"], on: "2029-02-20")
        try ok(["association", "done", "accounts:2029", "--date", "2029-02-22"], on: "2029-02-22")
        let report = try json(try ok(["funding", "report", "f1", "--format", "json"], on: "2029-02-23").out)
        #expect(report["spent"] as? Double == 16_000)
        #expect(report["left"] as? Double == -1_000)
        #expect(report["toRepay"] as? Double == 0)
        try ok(["funding", "reported", "f1", "--date", "2029-02-24"], on: "2029-02-24")
        let after = try json(try ok(["status", "--format", "json"], on: "2029-02-25").out)
        #expect((after["attention"] as! [[String: Any]]).filter { $0["kind"] as? String == "duty" }.isEmpty)
        // The 2029 accounts start from 2028's balance.
        let acc29 = try json(try ok(["association", "accounts", "--year", "2029", "--format", "json"], on: "2029-02-25").out)
        #expect(acc29["opening"] as? Double == 11_600)
        #expect(acc29["closing"] as? Double == -400)
        // Minutes are private: never in the phones' calendar.
        let ics = try ok(["export", "calendar"], on: "2029-02-25").out
        #expect(!ics.contains("Ahmed") && !ics.contains("Tur i juni"))
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
    }

    @Test func badInputIsRefusedWithTheFieldNamedAndNothingWritten() throws {
        try ok(["init"], on: "2028-01-10")
        try ok(["add", "volunteer", "--name", "Amina Hassan"], on: "2028-01-10")
        try ok(["add", "volunteer", "--name", "Fatma Yilmaz"], on: "2028-01-10")
        try ok(["add", "volunteer", "--name", "Hodan Abdi"], on: "2028-01-10")
        try refused(["association", "join", "v1", "--date", "2028-03-01"], on: "2028-03-01", saying: "foreningen er ikke stiftet endnu")
        try refused(["association", "found", "--name", "B", "--date", "2028-03-01", "--cvr", "1234567"], on: "2028-03-01",
                    saying: "CVR-nummeret skal være 8 cifre")
        try ok(["association", "found", "--name", "B", "--date", "2028-03-01", "--cvr", "12 34 56 78"], on: "2028-03-01")
        try refused(["association", "found", "--name", "C", "--date", "2028-03-02"], on: "2028-03-02", saying: "allerede stiftet")
        try ok(["association", "join", "v1", "--date", "2028-03-01"], on: "2028-03-01")
        try ok(["association", "join", "v2", "--date", "2028-03-01"], on: "2028-03-01")
        try refused(["association", "board", "v3", "--role", "kasserer", "--from", "2028-03-01"], on: "2028-03-01",
                    saying: "v3 er ikke medlem af foreningen")
        try ok(["association", "board", "v1", "--role", "forkvinde", "--from", "2028-03-01"], on: "2028-03-01")
        try refused(["association", "board", "v2", "--role", "chair", "--from", "2028-04-01"], on: "2028-04-01",
                    saying: "der er allerede en forkvinde i perioden")
        try refused(["association", "board", "v2", "--role", "dronning", "--from", "2028-04-01"], on: "2028-04-01",
                    saying: "--role skal være en af")
        try refused(["association", "meeting", "--kind", "board", "--date", "2028-02-01"], on: "2028-04-01",
                    saying: "før foreningens stiftelse")
        try refused(["association", "expense", "--line", "forplejning", "--amount", "100", "--date", "2028-04-01"], on: "2028-04-01",
                    saying: "er en linje i kommunens budget")
        try refused(["association", "leave", "v1", "--date", "2028-05-01"], on: "2028-05-01", saying: "sidder i bestyrelsen")
        try ok(["add", "funding", "--funder", "Puljen", "--applied", "1000", "--date", "2028-03-10"], on: "2028-03-10")
        try ok(["funding", "decide", "f1", "--granted", "1000", "--date", "2028-03-20"], on: "2028-03-20")
        try refused(["association", "expense", "--line", "Bus", "--amount", "100", "--date", "2028-04-01", "--funding", "f1"],
                    on: "2028-04-01", saying: "søgt til det kommunale projekt")
        try refused(["association", "income", "--source", "donation", "--amount", "100", "--date", "2028-04-01", "--funding", "f1"],
                    on: "2028-04-01", saying: "kun et tilskud")
        try refused(["association", "done", "whatever"], on: "2028-04-01", saying: "ukendt pligt")
        // In English too.
        let en = try cli(["association", "board", "v2", "--role", "chair", "--from", "2028-04-01", "--journal", dir.journal, "--lang",
                          "en"], env: ["BYDELSMOR_TODAY": "2028-04-01"])
        #expect(en.err.contains("there is already a chair in the period"), "\(en.err)")
    }

    /// The association's page: pane 2, phase 4, at 80×24 in a real terminal.
    @Test func theAssociationsPageAt80x24() throws {
        try founded()
        try ok(["association", "meeting", "--kind", "board", "--date", "2028-04-02", "--present", "v1,v2"], on: "2028-04-02")
        try ok(["association", "income", "--source", "donation", "--amount", "500", "--date", "2028-04-03"], on: "2028-04-03")
        let t = try TmuxSession(width: 80, height: 24,
                                command: programThenReport("--journal \(shellQuote(dir.journal))", today: "2028-04-10"))
        t.waitFor(text: "1 Overblik")
        // The overview has the association's line.
        t.waitFor(text: "Foreningen Bydelsmødrene i Ishøj: 5 medlemmer")
        try t.send("2")
        for _ in 0..<3 { try t.send("Down") }
        let s = t.waitFor(text: "Foreningen Bydelsmødrene i Ishøj, stiftet 01.03.2028")
        #expect(s.contains("Bestyrelsen: forkvinde Amina Hassan"), "\(s)")
        #expect(s.contains("suppleant") == false && s.contains("menigt medlem Nour Saleh"), "\(s)")
        #expect(s.contains("bestyrelsesmøder: 1 af 4"), "\(s)")
        #expect(s.contains("Beholdning 500,00 kr. · i 2028: indtægter 500,00 kr., udgifter 0,00 kr."), "\(s)")
        #expect(s.contains("landsmøde 2028"), "\(s)")
        // No line is wider than the terminal.
        #expect(s.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try t.send("q")
        #expect(t.waitFor(text: "STTY-END").contains("icanon echo"))
    }

    /// The hand-over: a journal for the association with the members who consented; a woman who
    /// did not is nowhere in it (not her name, not her phone), nor any private note of the project.
    @Test func theHandOverHoldsOnlyWomenWhoConsented() throws {
        try founded()
        try ok(["volunteer", "set", "v1,v2", "v3,v4", "--consent", "2028-03-01"], on: "2028-03-01")
        try ok(["add", "volunteer", "--name", "Zainab Qureshi", "--phone", "61 72 83 94", "--notes", "Privat note om hende"],
               on: "2028-03-01")
        try ok(["association", "join", "v7", "--date", "2028-03-02"], on: "2028-03-02")
        // v5 (a board member) and v7 have not consented; v6 is no member.
        try ok(["association", "meeting", "--kind", "board", "--date", "2028-04-02", "--present", "v1,v2,v5,v7", "--minutes",
                "Zainab Qureshi og Nour Saleh kommer også"], on: "2028-04-02")
        try ok(["add", "funding", "--funder", "PUF", "--applied", "9000", "--date", "2028-04-03", "--for", "association"], on: "2028-04-03")
        try ok(["funding", "decide", "f1", "--granted", "9000", "--date", "2028-04-20"], on: "2028-04-20")
        try ok(["association", "expense", "--line", "Bus", "--amount", "300", "--date", "2028-05-01", "--funding", "f1", "--note",
                "tur med Zainab"], on: "2028-05-01")
        try ok(["association", "deadline", "--funder", "PUF", "--date", "2028-05-31"], on: "2028-05-01")
        let out = dir.path + "/forening.txt"
        let r = try ok(["association", "handover", "--out", out], on: "2028-06-01")
        #expect(r.out.contains("4 medlemmer med samtykke"), "\(r.out)")
        #expect(r.out.contains("2 medlemmer uden samtykke er ikke med"), "\(r.out)")
        let text = String(decoding: dir.data(out), as: UTF8.self)
        for secret in ["Zainab", "Qureshi", "61 72 83 94", "Nour", "Saleh", "Layla",
                       "Privat note"] { #expect(!text.contains(secret), "\(secret) is in the hand-over") }
        #expect(text.contains("Amina Hassan") && text.contains("Bydelsmødrene i Ishøj"))
        // It is a journal of its own: it checks, opens, and can be the kiosk's.
        let check = try cli(["check", "--journal", out])
        #expect(check.code == 0, "\(check.err)")
        let st = try json(try cli(["status", "--journal", out, "--format", "json"], env: ["BYDELSMOR_TODAY": "2028-06-01"]).out)
        let a = st["association"] as! [String: Any]
        #expect(a["members"] as? Int == 4)
        #expect((a["board"] as! [[String: Any]]).count == 4)
        #expect((st["budget"] as! [String: Any])["lines"] as? [Any] == nil || ((st["budget"] as! [String: Any])["lines"] as! [Any]).isEmpty)
        let screen = try cli(["screen", "--journal", out, "--size", "80x24", "--keys", "2 <Down> <Down> <Down>"],
                             env: ["BYDELSMOR_TODAY": "2028-06-01"])
        #expect(screen.code == 0 && screen.out.contains("Foreningen Bydelsmødrene i Ishøj, stiftet 01.03.2028"),
                "\(screen.out)\(screen.err)")
        #expect(!screen.out.contains("Nour"))
        let kiosk = try TmuxSession(width: 80, height: 24,
                                    command: programThenReport("kiosk --journal \(shellQuote(out))", today: "2028-06-01"))
        let k = kiosk.waitFor(text: "Bydelsmødre")
        #expect(!k.contains("Amina"), "\(k)")
        try run("/usr/bin/pkill", ["-TERM", "-f", "^" + binary + " kiosk --journal " + out], env: ["PATH": "/usr/bin:/bin"])
        kiosk.waitFor(text: "STTY-END")
        // Never over a journal.
        let again = try cli(["association", "handover", "--out", dir.journal, "--journal", dir.journal],
                            env: ["BYDELSMOR_TODAY": "2028-06-01"])
        #expect(again.code != 0)
    }

    /// The municipal project's spending booked against its own grant, and the grant's report.
    @Test func aProjectGrantsSpendingIsInItsReport() throws {
        try ok(["init"], on: "2027-01-02")
        try ok(["add", "funding", "--funder", "Puljen", "--applied", "10000", "--date", "2027-01-10", "--period-from", "2027-02-01",
                "--period-to", "2027-12-31"], on: "2027-01-10")
        try ok(["funding", "decide", "f1", "--granted", "8000", "--date", "2027-01-20"], on: "2027-01-20")
        try ok(["add", "expense", "--line", "forplejning", "--amount", "3000", "--date", "2027-03-01", "--funding", "f1"], on: "2027-03-01")
        let over = try ok(["add", "expense", "--line", "gaver", "--amount", "6000", "--date", "2027-01-25", "--funding", "f1"],
                          on: "2027-03-01")
        #expect(over.err.contains("9.000,00 kr. af bevillingen f1 på 8.000,00 kr.") && over.err.contains("uden for bevillingens projektperiode"), "\(over.err)")
        let report = try json(try ok(["funding", "report", "f1", "--format", "json"], on: "2028-01-10").out)
        #expect(report["spent"] as? Double == 9_000)
        #expect((report["spentByLine"] as! [[String: Any]]).map { $0["line"] as! String } == ["Forplejning", "Gaver til undervisere"] || (report["spentByLine"] as! [[String: Any]]).count == 2)
        #expect(report["toRepay"] as? Double == 0)
        // An association's grant is not spent from the municipal budget.
        try ok(["add", "funding", "--funder", "PUF", "--applied", "5000", "--date", "2027-02-01", "--for", "association"], on: "2027-02-01")
        try ok(["funding", "decide", "f2", "--granted", "5000", "--date", "2027-02-10"], on: "2027-02-10")
        let wrong = try cli(["add", "expense", "--line", "gaver", "--amount", "100", "--date", "2027-03-01", "--funding", "f2", "--journal",
                             dir.journal], env: ["BYDELSMOR_TODAY": "2027-03-01"])
        #expect(wrong.code != 0 && wrong.err.contains("foreningens bevilling"), "\(wrong.err)")
    }
}
