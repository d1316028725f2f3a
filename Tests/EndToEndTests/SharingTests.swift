import Foundation
import Testing

/// Runs a Python snippet (the real iCalendar and CSV readers); its output and error text together.
func python(_ code: String, _ args: [String] = []) throws -> (out: String, code: Int32) {
    let r = try run("/usr/bin/env", ["python3", "-c", code] + args)
    return (r.out + r.err, r.code)
}

@Suite(.serialized) struct SharingTests {
    let dir = Scratch()
    init() throws {
        try cli(["demo", "--out", dir.journal, "--volunteers", "12", "--years", "2", "--seed", "4", "--until", "2026-03-10"])
    }

    @Test func theCalendarIsValidICalendarWithStableUIDs() throws {
        let ics = dir.path + "/a.ics", again = dir.path + "/b.ics"
        #expect(try cli(["export", "calendar", "--journal", dir.journal, "--format", "ics", "--out", ics]).code == 0)
        let code = """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        tz = [c for c in cal.walk('VTIMEZONE')]
        ev = [c for c in cal.walk('VEVENT')]
        print(len(tz), tz[0]['TZID'], len(ev))
        e = ev[0]
        print(e['UID'], e['DTSTART'].dt.isoformat(), str(e['DTSTART'].dt.tzinfo), e['SUMMARY'], e['LOCATION'], e['STATUS'], e['SEQUENCE'])
        """
        let r = try python(code, [ics])
        #expect(r.code == 0, "\(r.out)")
        let lines = r.out.split(separator: "\n")
        // Two years: 30 sessions, and 8 activities (information meetings, monthly meetings, diploma parties).
        #expect(lines.first == "1 Europe/Copenhagen 38")
        #expect(lines.count > 1 && lines[1].hasPrefix("s1-"))
        #expect(lines.count > 1 && lines[1].contains("2025-02-04T17:00:00+01:00"))
        #expect(lines.count > 1 && lines[1].contains("Bydelsmødre modul 1: Introduktion: at være bydelsmor"))
        // Moving and cancelling a session keeps its UID and raises SEQUENCE.
        let cancelled = "2026-03-10T12:00:00Z test session.status id=s30 status=cancelled\n"
        let h = FileHandle(forWritingAtPath: dir.journal)!; h.seekToEndOfFile(); h.write(Data(cancelled.utf8)); h.closeFile()
        try cli(["export", "calendar", "--journal", dir.journal, "--out", again])
        let r2 = try python("""
        import sys, icalendar
        a = {str(e['UID']): e for e in icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()).walk('VEVENT')}
        b = {str(e['UID']): e for e in icalendar.Calendar.from_ical(open(sys.argv[2],'rb').read()).walk('VEVENT')}
        print(sorted(a) == sorted(b))
        u = [k for k in b if k.startswith('s30-')][0]
        print(b[u]['STATUS'], int(b[u]['SEQUENCE']) > int(a[u]['SEQUENCE']))
        """, [ics, again])
        #expect(r2.out == "True\nCANCELLED True\n", "\(r2.out)")
        let raw = String(decoding: dir.data(ics), as: UTF8.self)
        #expect(raw.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test func csvOpensInASpreadsheetWithDanishLettersAndNoFormulas() throws {
        try cli(["add", "expense", "--journal", dir.journal, "--line", "gaver", "--amount", "1.250,50", "--note",
                 "=HYPERLINK(\"http://x\";\"ø\")"])
        for kind in ["volunteers", "attendance", "conversations", "expenses"] {
            let out = dir.path + "/\(kind).csv"
            #expect(try cli(["export", kind, "--journal", dir.journal, "--format", "csv", "--out", out]).code == 0)
            #expect(dir.data(out).prefix(3) == Data([0xEF, 0xBB, 0xBF]), "\(kind) lacks the BOM")
            let r = try python("""
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';'))
            print(rows[0][0], len(rows) - 1, len({len(r) for r in rows}))
            for r in rows[1:]:
                for c in r:
                    assert not c[:1] in ('=', '+', '-', '@'), c
            if sys.argv[2] == 'expenses': print(rows[-1][3], rows[-1][4])
            if sys.argv[2] == 'volunteers': print(any('ø' in c or 'Ö' in c or 'å' in c for r in rows for c in r))
            """, [out, kind])
            #expect(r.code == 0, "\(kind): \(r.out)")
            let lines = r.out.split(separator: "\n")
            #expect(lines.first?.hasPrefix("id ") == true)
            #expect(lines.first?.hasSuffix(" 1") == true, "ragged rows in \(kind)")
            if kind == "expenses" { #expect(lines.last == "1250,50 '=HYPERLINK(\"http://x\";\"ø\")") }
            if kind == "volunteers" { #expect(lines.last == "True") }
        }
        let comma = dir.path + "/comma.csv"
        try cli(["export", "expenses", "--journal", dir.journal, "--separator", ",", "--out", comma])
        let r = try python("import csv,sys; rows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline=''))); print(rows[-1][3])",
                           [comma])
        #expect(r.out == "1250.50\n")
    }

    @Test func theProgramsOwnExportImportsBackAndDuplicatesAreReported() throws {
        let sheet = dir.path + "/own.csv"
        try cli(["export", "volunteers", "--journal", dir.journal, "--out", sheet])
        let fresh = dir.path + "/fresh.txt"
        try cli(["init", fresh])
        // The holds by name first (a hold is not made from a spreadsheet row).
        let rows = try String(contentsOfFile: sheet,
                              encoding: .utf8).split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        for name in Set(rows.dropFirst().map { String($0[6]) }).filter({ !$0.isEmpty }).sorted() {
            #expect(try cli(["add", "hold", "--name", name, "--start", "2025-01-01", "--journal", fresh]).code == 0)
        }
        let first = try cli(["import", "volunteers", sheet, "--journal", fresh])
        #expect(first.code == 0, "\(first.err)")
        let count = String(decoding: dir.data(dir.journal), as: UTF8.self).components(separatedBy: "volunteer.added ").count - 1
        #expect(first.out.contains("Indlæst: \(count) bydelsmødre."), "\(first.out)")
        // Every column it leaves is named, with why: only the two the program makes itself.
        #expect(first.err.contains("kolonnen \"id\" ignoreres (programmet giver selv id'er og tæller moduler)")
                && first.err.contains("kolonnen \"moduler\" ignoreres"), "\(first.err)")
        #expect(first.err.split(separator: "\n").filter { $0.contains("ignoreres") }.count == 2, "\(first.err)")
        // The round trip is whole: name, phone, languages, neighbourhood, stage, hold, contract, consent, notes.
        let back = dir.path + "/back.csv"
        try cli(["export", "volunteers", "--journal", fresh, "--out", back])
        func columns(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").map {
                let c = $0.split(separator: ";", omittingEmptySubsequences: false)
                return (c[1...7] + [c[10]]).joined(separator: ";")
            }
        }
        #expect(try columns(back) == columns(sheet))
        // Phones come back without the spreadsheet's formula guard.
        let text = String(decoding: dir.data(fresh), as: UTF8.self)
        #expect(!text.contains("phone=\"'"))
        // Again: every row is already there, reported by name, nothing written.
        let before = dir.data(fresh)
        let again = try cli(["import", "volunteers", sheet, "--journal", fresh])
        #expect(again.code == 0 && again.err.contains("findes allerede") && again.out.contains("\(count) fandtes allerede"), "\(again.err)")
        #expect(dir.data(fresh) == before)
        let forced = try cli(["import", "volunteers", sheet, "--journal", fresh, "--allow-duplicates"])
        #expect(forced.code == 0 && forced.out.contains("Indlæst: \(count) bydelsmødre."))
    }

    @Test func importTakesAGoodSheetAndRefusesABadOneWhole() throws {
        let good = dir.path + "/good.csv"
        try ("\u{FEFF}Navn;Telefon;Sprog;Bydel;Noter;Hjemmeside\r\n" +
             "Nour Haddad;+45 20 30 40 50;ar,da;Vejleåparken;\"Kan om aftenen;\nikke fredag\";x\r\n" +
             "Ayşe Kaya;;tr;Strandparken;;\r\n").write(toFile: good, atomically: true, encoding: .utf8)
        let before = dir.data(dir.journal)
        let dry = try cli(["import", "volunteers", good, "--journal", dir.journal, "--dry-run"])
        #expect(dry.code == 0, "\(dry.err)")
        #expect(dry.out.contains("linje 2: ville tilføje Nour Haddad"))
        #expect(dry.out.contains("linje 4: ville tilføje Ayşe Kaya"))
        #expect(dry.err.contains("kolonnen \"Hjemmeside\" ignoreres (programmet kender ikke kolonnen)"), "\(dry.err)")
        #expect(dir.data(dir.journal) == before)
        let run = try cli(["import", "volunteers", good, "--journal", dir.journal])
        #expect(run.code == 0, "\(run.err)")
        #expect(run.out.contains("tilføjet v13 Nour Haddad"))
        let bad = dir.path + "/bad.csv"
        try "name,phone,languages\nHodan Abdi,22 33 44 55,so\nZeynep,ring efter 16,tr\nSamira,,Arabisk og klingon\nLeyla,,\"Arabisk, dansk\"\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let before2 = dir.data(dir.journal)
        let r = try cli(["import", "volunteers", bad, "--journal", dir.journal])
        #expect(r.code == 1)
        #expect(r.err.contains("\(bad):3: telefonnummeret må kun have cifre"))
        #expect(r.err.contains("\(bad):4: kender ikke sproget \"klingon\""), "\(r.err)")
        #expect(dir.data(dir.journal) == before2)
        let skip = try cli(["import", "volunteers", bad, "--journal", dir.journal, "--skip-invalid"])
        #expect(skip.code == 0)
        #expect(skip.out.contains("tilføjet v15 Hodan Abdi"))
        #expect(String(decoding: dir.data(dir.journal), as: UTF8.self).contains("name=\"Leyla\" phone=\"\" languages=ar,da"))
        let cpr = dir.path + "/cpr.csv"
        try "Navn;CPR\nAmina;010203-1234\n".write(toFile: cpr, atomically: true, encoding: .utf8)
        let c = try cli(["import", "volunteers", cpr, "--journal", dir.journal])
        #expect(c.code == 1)
        #expect(c.err.contains("gemmer ikke CPR-nummer"))
    }

    @Test func aPersonsDataIsExportedAndErasedEverywhere() throws {
        let j = try json(try cli(["person", "export", "v1", "--journal", dir.journal]).out)
        let name = j["name"] as! String, phone = j["phone"] as! String
        #expect(!name.isEmpty && !phone.isEmpty)
        #expect((j["attendance"] as! [Any]).count > 0)
        #expect((j["journalLines"] as! [Any]).count > 3)
        let statusBefore = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        // A side file next to the journal that holds her name (a torn line moved aside).
        let side = dir.journal + ".torn-20260101T000000Z"
        try "2026-01-01T00:00:00Z k volunteer.changed id=v1 name=\"\(name)\" phone=\"\(phone)\n".write(toFile: side, atomically: true, encoding: .utf8)
        let e = try cli(["person", "erase", "v1", "--yes", "--journal", dir.journal])
        #expect(e.code == 0, "\(e.err)")
        #expect(try cli(["check", "--journal", dir.journal]).code == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("journal.txt") }
        #expect(!files.contains { $0.contains("backup") }, "a backup was left: \(files)")
        for f in files {
            let t = String(decoding: dir.data(dir.path + "/" + f), as: UTF8.self)
            #expect(!t.contains(name), "\(f) still holds her name")
            #expect(!t.contains(phone), "\(f) still holds her phone")
        }
        let journalText = String(decoding: dir.data(dir.journal), as: UTF8.self)
        #expect(journalText.contains("person.erased id=v1"))
        let statusAfter = try json(try cli(["status", "--journal", dir.journal, "--format", "json"]).out)
        let conv = { (j: [String: Any]) in (j["outreach"] as! [String: Any])["conversations"] as! Int }
        #expect(conv(statusAfter) == conv(statusBefore))
        let again = try cli(["person", "erase", "v1", "--yes", "--journal", dir.journal])
        #expect(again.code == 1)
    }

    @Test func theYearlyReportHasEveryPart() throws {
        let md = try cli(["report", "--journal", dir.journal, "--year", "2025"])
        #expect(md.code == 0)
        for part in ["# Bydelsmødre — årsrapport 2025", "Kvinder uddannet", "Moduler afholdt: 15 af 15", "Fremmøde:", "henvist videre",
                     "Frivillige timer", "| Emne | Samtaler |", "## Budget", "### Udgifter pr. måned", "jan "] {
            #expect(md.out.contains(part), "the report lacks \(part)")
        }
        let html = try cli(["report", "--journal", dir.journal, "--year", "2025", "--format", "html", "--lang", "en"])
        #expect(html.out.hasPrefix("<!DOCTYPE html>"))
        #expect(html.out.contains("<h1>Bydelsmødre — annual report 2025</h1>"))
        let bad = try cli(["report", "--journal", dir.journal, "--format", "pdf"])
        #expect(bad.code != 0)
    }

    @Test func theKioskSurvivesEveryKeyChangesNothingAndShowsNoPersonalData() throws {
        let before = dir.data(dir.journal)
        let phones = try json(try cli(["person", "export", "v2", "--journal", dir.journal]).out)["phone"] as! String
        let t = try TmuxSession(command: programThenReport("kiosk --journal \(shellQuote(dir.journal))"))
        t.waitFor(text: "Næste modulgange")
        let printable = (33...126).map { String(UnicodeScalar(UInt8($0))) }.filter { $0 != "q" } + ["æ", "ø", "å"]
        for chunk in stride(from: 0, to: printable.count,
                            by: 10) { try t.type(printable[chunk..<min(chunk + 10, printable.count)].joined()) }
        for k in ["Enter", "Escape", "Tab", "BTab", "Space", "BSpace", "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "DC",
                  "IC"] { try t.send(k) }
        for c in "abcdefghijklmnopqrstuvwyz" { try t.send("C-\(c)") }
        for n in 1...12 { try t.send("F\(n)") }
        for _ in 0..<20 { try t.send("C-c") }
        try t.resize(60, 15); try t.resize(100, 30)
        try t.send("q", "q", "q")
        usleep(300_000)
        let s = t.waitFor(text: "Bydelsmødre")
        #expect(!s.contains("STTY-END"), "the kiosk ended on ordinary keys")
        #expect(!s.contains(phones))
        #expect(dir.data(dir.journal) == before)
        // The administrator's sequence ends it and restores the terminal.
        try t.send("C-x", "C-x", "q", "q")
        let after = t.waitFor(text: "STTY-END")
        #expect(after.contains("icanon echo"))
        #expect(dir.data(dir.journal) == before)
    }
}
