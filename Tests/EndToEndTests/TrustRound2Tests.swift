import Foundation
import Testing

/// Trust, round 2 (issue 19), through the real binary: no command writes over a journal, erasure
/// touches only her, free text takes no CPR number, rollup takes no impossible summary, CSV rows
/// are never misread, the same woman is not added twice, `check` refuses bad undo links.
@Suite struct TrustRound2Tests {
    let dir = Scratch()

    func bash(_ script: String) throws -> Run {
        try run("/bin/bash", ["-c", script], env: ["BIN": binary, "J": dir.journal, "D": dir.path, "PATH": "/usr/bin:/bin",
                                                   "LANG": "C.UTF-8",
                                                   "HOME": NSTemporaryDirectory(), "BYDELSMOR_TODAY": "2027-02-01"])
    }

    func summary() throws -> String {
        try cli(["init", dir.journal])
        let s = dir.path + "/s.json"
        #expect(try cli(["report", "--journal", dir.journal, "--year", "2027", "--format", "json", "--group", "Ishøj", "--out",
                         s]).code == 0)
        return s
    }

    @Test func rollupNeverWritesOverAJournalByContentOrByInode() throws {
        let s = try summary()
        let before = dir.data(dir.journal)
        link(dir.journal, dir.path + "/hard.txt")
        for target in [dir.journal, dir.path + "/hard.txt", dir.journal + ".torn-20270101T000000Z"] {
            let r = try cli(["rollup", s, "--out", target])
            #expect(r.code == 1 && r.err.contains("aldrig over en journal"), "\(target): \(r.err)")
        }
        // The standard journal (no --journal: $XDG_DATA_HOME) is known by its inode even when empty.
        let xdg = dir.path + "/xdg"
        try FileManager.default.createDirectory(atPath: xdg + "/bydelsmor", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: xdg + "/bydelsmor/journal.txt", contents: Data())
        symlink(xdg + "/bydelsmor/journal.txt", dir.path + "/std-link.txt")
        let r = try cli(["rollup", s, "--out", dir.path + "/std-link.txt", "--force"], env: ["XDG_DATA_HOME": xdg])
        #expect(r.code == 1 && r.err.contains("er journalen"), "\(r.err)")
        #expect(dir.data(dir.journal) == before)
    }

    @Test func aFileBydelsmorDidNotWriteNeedsForceAndItsOwnIsRewrittenWhole() throws {
        let s = try summary()
        let mine = dir.path + "/notat.md"
        FileManager.default.createFile(atPath: mine, contents: Data("mine noter\n".utf8))
        let r = try cli(["rollup", s, "--out", mine])
        #expect(r.code == 1 && r.err.contains("--force"), "\(r.err)")
        #expect(String(decoding: dir.data(mine), as: UTF8.self) == "mine noter\n")
        #expect(try cli(["rollup", s, "--out", mine, "--force"]).code == 0)
        // Written by bydelsmor: a second export needs no --force.
        #expect(try cli(["rollup", s, "--out", mine]).code == 0)
        #expect(try cli(["export", "volunteers", "--format", "csv", "--journal", dir.journal, "--out", dir.path + "/v.csv"]).code == 0)
        #expect(try cli(["export", "volunteers", "--format", "csv", "--journal", dir.journal, "--out", dir.path + "/v.csv"]).code == 0)
        // A summary is never written over one of the files read.
        let again = try cli(["rollup", s, "--out", s, "--force"])
        #expect(again.code == 1 && again.err.contains("læses"), "\(again.err)")
    }

    @Test func aWriteThatFailsLeavesTheOldFileAndSaysWhy() throws {
        try cli(["init", dir.journal])
        try cli(["demo", "--out", dir.path + "/big.txt", "--volunteers", "40", "--years", "1", "--seed", "1"])
        FileManager.default.createFile(atPath: dir.path + "/out.csv", contents: Data())
        // A file size limit stands in for a full disk: the write fails with EFBIG, not a later error.
        let r = try bash("ulimit -f 1; trap '' XFSZ; \"$BIN\" export conversations --format csv --journal \"$D/big.txt\" --out \"$D/out.csv\"")
        #expect(r.code == 4, "\(r.err)")
        #expect(r.err.contains("File too large") && !r.err.contains("No such file"), "\(r.err)")
        #expect(dir.data(dir.path + "/out.csv").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
        // A torn end that cannot be moved aside leaves no empty side file behind.
        let h = FileHandle(forWritingAtPath: dir.journal)!
        h.seekToEndOfFile(); h.write(Data(String(repeating: "x", count: 4000).utf8)); try h.close()
        let a = try bash("ulimit -f 2; trap '' XFSZ; \"$BIN\" add volunteer --journal \"$J\" --name Amina")
        #expect(a.code == 4, "\(a.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".torn-") }.isEmpty)
    }

    @Test func erasureListsWhatItWillChangeOnADryRunAndWarnsAboutCopies() throws {
        try cli(["init", dir.journal])
        let v1 = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Fatima Zahra", "--phone", "22334455"]).lastLine
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Fatima Zahra", "--phone", "33445566", "--allow-duplicates"])
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Mona Said", "--phone", "22334455", "--notes",
                 "Fatima Zahras søster"])
        try cli(["export", "volunteers", "--format", "csv", "--journal", dir.journal, "--out", dir.path + "/liste.csv"])
        let before = dir.data(dir.journal)
        let dry = try cli(["person", "erase", v1, "--dry-run", "--journal", dir.journal])
        #expect(dry.code == 0, "\(dry.err)")
        #expect(dry.out.contains("volunteer.added notes: [slettet] søster"), "\(dry.out)")
        #expect(dry.out.contains("Prøvekørsel: intet er ændret."))
        #expect(dry.err.contains("liste.csv indeholder hendes navn eller telefon"), "\(dry.err)")
        #expect(dir.data(dir.journal) == before)
        let r = try cli(["person", "erase", v1, "--yes", "--journal", dir.journal])
        #expect(r.code == 0, "\(r.err)")
        let t = String(decoding: dir.data(dir.journal), as: UTF8.self)
        #expect(t.contains("name=\"Fatima Zahra\" phone=\"33445566\""))   // the namesake
        #expect(t.contains("name=\"Mona Said\" phone=\"22334455\""))      // the shared landline
        #expect(t.contains("notes=\"[slettet] søster\""))
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
    }

    @Test func freeTextRefusesACPRNumberAndWarnsAboutReligionAndOrigin() throws {
        try cli(["init", dir.journal])
        let before = dir.data(dir.journal)
        let r = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina", "--notes", "CPR 010190-1234, muslim, fra Syrien"])
        #expect(r.code == 1 && r.err.contains("ligner et CPR-nummer"), "\(r.err)")
        #expect(!r.err.contains("1234"))
        #expect(dir.data(dir.journal) == before)
        let w = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina", "--notes", "muslim, fra Syrien"])
        #expect(w.code == 0)
        #expect(w.err.contains("»muslim«, »syrien«") && w.err.contains("GDPR art. 9"), "\(w.err)")
        let p = try cli(["add", "expense", "--journal", dir.journal, "--line", "gaver", "--amount", "10", "--note",
                         "Kvittering 3112991234"])
        #expect(p.code == 1 && p.err.contains("CPR"), "\(p.err)")
        // An import names the row.
        let csv = dir.path + "/cpr.csv"
        try "Navn;Noter\nAmal;\nBodil;cpr 010190-1234\nDunya;muslim\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let i = try cli(["import", "volunteers", csv, "--journal", dir.journal])
        #expect(i.code == 1 && i.err.contains("cpr.csv:3:") && i.err.contains("CPR-nummer") && i.err.contains("cpr.csv:4: advarsel"),
                "\(i.err)")
        // A phone number is not a CPR number.
        #expect(try cli(["add", "expense", "--journal", dir.journal, "--line", "gaver", "--amount", "10", "--note",
                         "ring 22 33 44 55"]).code == 0)
    }

    @Test func theSameWomanIsNotAddedTwiceByAnySpelling() throws {
        try cli(["init", dir.journal])
        let first = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Zoë Nielsen", "--phone", "+45 55 66 77 88"]).lastLine
        for (name, phone) in [("Zoe\u{308} Nielsen", "55667788"), ("ZOË  NIELSEN", "0045 55667788")] {
            let r = try cli(["add", "volunteer", "--journal", dir.journal, "--name", name, "--phone", phone])
            #expect(r.code == 1 && r.err.contains("findes allerede som \(first)"), "\(name): \(r.err)")
        }
        #expect(try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Zoë Nielsen", "--phone", "55667788",
                         "--allow-duplicates"]).code == 0)
        // In an import, an invalid phone is an invalid row, not "already there".
        let csv = dir.path + "/i.csv"
        try "Navn;Telefon\nZoë Nielsen;55667788x\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let i = try cli(["import", "volunteers", csv, "--journal", dir.journal])
        #expect(i.code == 1 && !i.err.contains("findes allerede") && i.err.contains("i.csv:2:"), "\(i.err)")
    }

    @Test func malformedCSVRowsAreRefusedWithTheirLineNeverMisread() throws {
        try cli(["init", dir.journal])
        let csv = dir.path + "/i.csv"
        for (body, line, says) in [
            ("Navn;Telefon\n\"Fatima;22334455\nAmal;55667788\n", 2, "aldrig"),
            ("Navn;Telefon\nFatima\rZahra;22334455\nAmal;55667788\n", 2, "CR"),
            ("Navn;Navn\nFatima;Zahra\n", 1, "begge navn"),
        ] {
            try body.write(toFile: csv, atomically: true, encoding: .utf8)
            let r = try cli(["import", "volunteers", csv, "--journal", dir.journal])
            #expect(r.code == 1 && r.err.contains("i.csv:\(line):") && r.err.contains(says), "\(body): \(r.err)")
        }
        // An all-empty row, as Excel writes for formatted rows, is no row.
        try "Navn;Telefon;Sprog\nAmal;55667788;\n;;\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let ok = try cli(["import", "volunteers", csv, "--journal", dir.journal])
        #expect(ok.code == 0 && ok.out.contains("Indlæst: 1 bydelsmor"), "\(ok.err)")
    }

    @Test func rollupRefusesImpossibleSummariesAndOneGroupUnderTwoSpellings() throws {
        let s = try summary()
        var text = String(decoding: dir.data(s), as: UTF8.self)
        let bad = dir.path + "/bad.json"
        try text.replacingOccurrences(of: "\"modulesHeld\":0",
                                      with: "\"modulesHeld\":999").write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try cli(["rollup", bad])
        #expect(r.code == 1 && r.err.contains("umuligt"), "\(r.err)")
        text = text.replacingOccurrences(of: "\"group\":\"Ishøj\"", with: "\"group\":\"Ishøj\u{200B} \"")
        let twin = dir.path + "/twin.json"
        try text.write(toFile: twin, atomically: true, encoding: .utf8)
        let t = try cli(["rollup", s, twin])
        #expect(t.code == 1 && t.err.contains("findes også"), "\(t.err)")
    }

    @Test func markdownEscapesEveryCellAndLinkOfText() throws {
        let s = try summary()
        var text = String(decoding: dir.data(s), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"group\":\"Ishøj\"", with: "\"group\":\"<b>Ish\\\\|øj</b>\"")
        try text.write(toFile: s, atomically: true, encoding: .utf8)
        let r = try cli(["rollup", s, "--format", "markdown"])
        #expect(r.code == 0, "\(r.err)")
        let row = r.out.split(separator: "\n").first { $0.contains("&lt;b&gt;") }.map(String.init) ?? ""
        #expect(row.hasPrefix("| &lt;b&gt;Ish\\\\\\|øj&lt;/b&gt; |"), "\(r.out)")
        #expect(!r.out.contains("<b>"))
    }

    @Test func checkRefusesUndoLinksToTheHeaderACommentOrAnUnrelatedLineAndASecondErasure() throws {
        try cli(["init", dir.journal])
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina"])
        try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Bodil"])
        let base = String(decoding: dir.data(dir.journal), as: UTF8.self)
        let n = base.split(separator: "\n").count   // Bodil is on line n, Amina on n-1
        for (extra, says) in [
            ("2027-02-01T10:00:00Z k volunteer.removed id=v1 undoes=1\n", "første linje"),
            ("# en kommentar\n2027-02-01T10:00:00Z k volunteer.removed id=v1 undoes=\(n + 1)\n", "ikke er en ændring"),
            ("2027-02-01T10:00:00Z k volunteer.removed id=v1 undoes=\(n)\n", "tager ikke den ændring tilbage"),
            ("2027-02-01T10:00:00Z k volunteer.stage id=v1 stage=in-training part=1/2\n\n2027-02-01T10:00:00Z k volunteer.stage id=v2 stage=in-training part=2/2\n", "tom linje"),
            ("2027-02-01T10:00:00Z k person.erased id=v1\n2027-02-01T10:00:00Z k person.erased id=v1\n", "allerede slettet"),
        ] {
            try (base + extra).write(toFile: dir.journal, atomically: true, encoding: .utf8)
            let r = try cli(["check", "--journal", dir.journal])
            #expect(r.code == 3 && r.err.contains(says), "\(extra): \(r.err)")
        }
        // The undo the program writes itself passes.
        try base.write(toFile: dir.journal, atomically: true, encoding: .utf8)
        #expect(try cli(["undo", "--journal", dir.journal]).code == 0)
        #expect(try cli(["undo", "--journal", dir.journal]).code == 0)
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
    }

    @Test func theProjectStartsOnItsCopenhagenDateAndARelativeCacheHomeIsIgnored() throws {
        // 23:30 UTC on 31 December is 00:30 on 1 January in Copenhagen.
        try cli(["init", dir.journal])
        var t = String(decoding: dir.data(dir.journal), as: UTF8.self)
        t = t.replacingOccurrences(of: #"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "2026-12-31T23:30:00Z", options: .regularExpression)
        try t.write(toFile: dir.journal, atomically: true, encoding: .utf8)
        let r = try run("/bin/bash", ["-c", "cd \"$D\" && \"$BIN\" status --format json --journal \"$J\""],
                        env: ["BIN": binary, "J": dir.journal, "D": dir.path, "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
                              "XDG_CACHE_HOME": "cache",
                              "BYDELSMOR_TODAY": "2027-02-01", "TZ": "UTC"])
        #expect(r.code == 0, "\(r.err)")
        let budget = try json(r.out)["budget"] as! [String: Any]
        #expect((budget["years"] as? [[String: Any]])?.first?["year"] as? Int == 2027, "\(budget)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cache"))
    }
}

/// Each rule once (issue 20), as the command line meets it: a change that changes nothing is
/// refused and not written; the screen's warnings are printed on standard error too.
@Suite struct OneRuleEndToEndTests {
    let dir = Scratch()

    @Test func heldTwiceIsWrittenOnceAndTheCommandLineWarnsAsTheScreenDoes() throws {
        let env = ["BYDELSMOR_TODAY": "2027-02-01"]
        try cli(["init", dir.journal], env: env)
        try cli(["add", "hold", "--journal", dir.journal, "--name", "Hold 2027", "--start", "04.01.2027", "--end", "30.06.2027"], env: env)
        // Second day of Easter 2027 is 29 March; the hold's period ends 30 June.
        let s = try cli(["add", "session", "--journal", dir.journal, "--hold", "h1", "--module", "1", "--date", "29.03.2027", "--start",
                         "17:00", "--end", "20:00", "--place", "X"], env: env)
        #expect(s.code == 0 && s.err.contains("advarsel: 29.03.2027 er 2. påskedag"), "\(s.err)")
        let late = try cli(["add", "session", "--journal", dir.journal, "--hold", "h1", "--module", "2", "--date", "06.07.2027", "--start",
                            "17:00", "--end", "20:00", "--place", "X"], env: env)
        #expect(late.err.contains("uden for Hold 2027s periode"), "\(late.err)")
        let later = ["BYDELSMOR_TODAY": "2027-04-01"]
        #expect(try cli(["session", "held", "s1", "--journal", dir.journal], env: later).code == 0)
        let before = dir.data(dir.journal)
        // Nothing to change: said, nothing written, and no failure (a script that marks a session held
        // after its attendance did is not broken).
        let again = try cli(["session", "held", "s1", "--journal", dir.journal], env: later)
        #expect(again.code == 0 && again.out.contains("intet at ændre"), "\(again.out) \(again.err)")
        #expect(dir.data(dir.journal) == before)
        #expect(try cli(["session", "cancel", "s2", "--journal", dir.journal], env: later).code == 0)
        let twice = dir.data(dir.journal)
        #expect(try cli(["session", "cancel", "s2", "--journal", dir.journal], env: later).out.contains("intet at ændre"))
        #expect(dir.data(dir.journal) == twice)
    }
}

/// Excel on Danish Windows (issue 22, part): its "CSV (semikolonsepareret)" is Windows-1252 and has
/// empty rows; the import says how to read it and reads it.
@Suite struct ExcelImportTests {
    let dir = Scratch()

    @Test func aWindows1252SheetIsRecognisedAndRead() throws {
        try cli(["init", dir.journal])
        let csv = dir.path + "/ark.csv"
        let bytes: [UInt8] = Array("Navn;Telefon;Bydel\r\n".utf8) + [0x53, 0xF8, 0x72, 0x65, 0x6E, 0x20, 0xC6, 0x72,
                0xF8] + Array(";22334455;Gadek".utf8) + [0xE6] + Array("ret\r\n;;\r\n".utf8)
        FileManager.default.createFile(atPath: csv, contents: Data(bytes))
        let refused = try cli(["import", "volunteers", csv, "--journal", dir.journal])
        #expect(refused.code == 1 && refused.err.contains("--encoding cp1252"), "\(refused.err)")
        let ok = try cli(["import", "volunteers", csv, "--encoding", "cp1252", "--journal", dir.journal])
        #expect(ok.code == 0 && ok.out.contains("Søren Ærø") && ok.out.contains("Indlæst: 1 bydelsmor"), "\(ok.out) \(ok.err)")
        #expect(String(decoding: dir.data(dir.journal), as: UTF8.self).contains("neighbourhood=\"Gadekæret\""))
    }
}

/// The coordinator's season (issue 24, part): attendance saved for a session that took place marks
/// it held; remind names the meetings besides the modules too.
@Suite struct SeasonTests {
    let dir = Scratch()

    @Test func attendanceMarksAPastSessionHeldAndRemindListsMeetings() throws {
        let env = ["BYDELSMOR_TODAY": "2027-02-01"]
        try cli(["init", dir.journal], env: env)
        try cli(["add", "hold", "--journal", dir.journal, "--name", "Hold 2027", "--start", "04.01.2027"], env: env)
        let v = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Amina", "--phone", "22334455", "--hold", "h1"],
                        env: env).lastLine
        try cli(["add", "session", "--journal", dir.journal, "--hold", "h1", "--module", "1", "--date", "26.01.2027", "--start", "17:00",
                 "--end", "20:00", "--place", "X"], env: env)
        let r = try cli(["session", "attendance", "s1", "--present", v, "--journal", dir.journal], env: env)
        #expect(r.code == 0, "\(r.err)")
        let st = try json(try cli(["status", "--journal", dir.journal, "--format", "json"], env: env).out)
        #expect((st["modules"] as! [String: Any])["held"] as! Int == 1)
        #expect(try cli(["undo", "--journal", dir.journal], env: env).code == 0)
        let undone = try json(try cli(["status", "--journal", dir.journal, "--format", "json"], env: env).out)
        #expect((undone["modules"] as! [String: Any])["held"] as! Int == 0)
        // A monthly meeting in three days: remind lists it with the active mothers to call.
        try cli(["add", "activity", "--journal", dir.journal, "--kind", "monthly", "--title", "Februarmøde", "--date", "04.02.2027",
                 "--start", "17:00", "--end", "19:00", "--place", "Café"], env: env)
        let w = try cli(["add", "volunteer", "--journal", dir.journal, "--name", "Bodil", "--phone", "33445566"], env: env).lastLine
        let h = FileHandle(forWritingAtPath: dir.journal)!
        h.seekToEndOfFile(); h.write(Data("2027-02-01T10:00:00Z k volunteer.stage id=\(w) stage=active\n".utf8)); try h.close()
        let remind = try cli(["remind", "--days", "3", "--journal", dir.journal], env: env)
        #expect(remind.out.contains("månedsmøde: Februarmøde · Café") && remind.out.contains("Bodil  33445566"),
                "\(remind.out) \(remind.err)")
    }
}
