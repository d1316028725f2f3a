import Foundation
import Testing

/// Figures a committee can sign (issue 25), through the real binary: a past year's report is frozen
/// at its end, an erased woman still counts, a year before the project has no report, and the three
/// formats hold the same sections.
@Suite struct CommitteeFiguresTests {
    let dir = Scratch()

    func demo(_ out: String, until: String) throws {
        let r = try cli(["demo", "--out", out, "--first-year", "2024", "--years", "3", "--until", until, "--seed", "7"],
                        env: ["BYDELSMOR_TODAY": until])
        #expect(r.code == 0, "\(r.err)")
    }

    /// Without the line that says when it was made.
    func body(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Lavet ") && !$0.contains("\"madeOn\"") }.joined(separator: "\n")
    }

    @Test func aYearsReportMadeAtItsEndIsTheSameAYearLater() throws {
        let early = dir.path + "/2024.txt", late = dir.path + "/2026.txt"
        try demo(early, until: "2024-12-31")
        try demo(late, until: "2026-11-30")
        // The later journal goes on from the earlier one.
        #expect(dir.data(late).starts(with: dir.data(early)))
        for format in ["markdown", "json", "html"] {
            let then = try cli(["report", "--journal", early, "--year", "2024", "--format", format, "--actor", "k"],
                               env: ["BYDELSMOR_TODAY": "2024-12-31"])
            let now = try cli(["report", "--journal", late, "--year", "2024", "--format", format, "--actor", "k"],
                              env: ["BYDELSMOR_TODAY": "2026-11-30"])
            #expect(then.code == 0 && now.code == 0, "\(then.err) \(now.err)")
            if format == "html" {
                // The printed page says when it was made: only that differs.
                #expect(then.out.replacingOccurrences(of: "31. december 2024",
                                                      with: "X") == now.out.replacingOccurrences(of: "30. november 2026", with: "X"))
            } else {
                #expect(body(then.out) == body(now.out), "\(format) differs")
            }
        }
        // A torn last line (a crash in mid-write) is no correction: the report is unchanged.
        let whole = dir.data(late)
        let n = String(decoding: whole, as: UTF8.self).components(separatedBy: " expense.added ").count
        let h = FileHandle(forWritingAtPath: late)!
        h.seekToEndOfFile(); h.write(Data("2026-11-30T10:00:00Z k expense.added id=x\(n) date=2024-12-20 line=gaver amount=50".utf8)); try h.close()
        let torn = try cli(["report", "--journal", late, "--year", "2024", "--actor", "k"], env: ["BYDELSMOR_TODAY": "2026-11-30"])
        let clean = try cli(["report", "--journal", early, "--year", "2024", "--actor", "k"], env: ["BYDELSMOR_TODAY": "2024-12-31"])
        #expect(body(torn.out) == body(clean.out), "\(torn.out)")
        try whole.write(to: URL(fileURLWithPath: late))
        // A correction dated into 2024 written later is counted and listed.
        var t = String(decoding: dir.data(late), as: UTF8.self)
        t += "2026-11-30T10:00:00Z k expense.added id=x\(t.components(separatedBy: " expense.added ").count) date=2024-12-20 line=gaver amount=500.00 note=\"\"\n"
        try t.write(toFile: late, atomically: true, encoding: .utf8)
        #expect(try cli(["check", "--journal", late]).code == 0)
        let fixed = try cli(["report", "--journal", late, "--year", "2024", "--actor", "k"], env: ["BYDELSMOR_TODAY": "2026-11-30"]).out
        #expect(fixed.contains("## Rettet efter årets afslutning") && fixed.contains("20.12.2024 500,00 kr. (tilføjet senere)"), "\(fixed)")
    }

    @Test func anErasedWomanStillCountsInLastYearsReport() throws {
        try demo(dir.journal, until: "2026-11-30")
        let env = ["BYDELSMOR_TODAY": "2026-11-30"]
        func registered() throws -> Int {
            ((try json(try cli(["report", "--journal", dir.journal, "--year", "2025", "--format", "json"],
                               env: env).out))["volunteers"] as! [String: Any])["registered"] as! Int
        }
        let before = try registered()
        #expect(try cli(["person", "erase", "v3", "--yes", "--journal", dir.journal], env: env).code == 0)
        #expect(try registered() == before)
    }

    @Test func aYearBeforeTheProjectHasNoReport() throws {
        try demo(dir.journal, until: "2025-06-30")
        let r = try cli(["report", "--journal", dir.journal, "--year", "2023"], env: ["BYDELSMOR_TODAY": "2025-06-30"])
        #expect(r.code == 1 && r.err.contains("ingen data for 2023: projektet begyndte"), "\(r.err)")
    }

    @Test func markdownHTMLAndJSONHoldTheSameSections() throws {
        try demo(dir.journal, until: "2026-11-30")
        let env = ["BYDELSMOR_TODAY": "2026-11-30"]
        let md = try cli(["report", "--journal", dir.journal, "--year", "2025"], env: env).out
        let html = try cli(["report", "--journal", dir.journal, "--year", "2025", "--format", "html"], env: env).out
        let j = try json(try cli(["report", "--journal", dir.journal, "--year", "2025", "--format", "json"], env: env).out)
        let ids = j["sections"] as! [String]
        #expect(ids.starts(with: ["training", "holds", "activities", "conversations", "budget", "funding", "comparison"]), "\(ids)")
        let mdTitles = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        let htmlIDs = html.components(separatedBy: "<section id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(htmlIDs == ids)
        #expect(mdTitles.count == ids.count && mdTitles.first == "Uddannelse" && mdTitles.contains("Sammenlignet med 2024"), "\(mdTitles)")
        for id in ids where id != "comparison" { #expect(j[id] != nil || id == "training", "json lacks \(id)") }
        // The printed report has what the screen has: holds, funding, contact and referral tables, the total.
        for part in ["Kontakten opstod", "Henvist til", "I alt", "Fondsmidler", "<svg",
                     "size: A4"] { #expect(html.contains(part), "html lacks \(part)") }
        #expect(!html.contains("###"))
    }
}

/// The printed report as a committee gets it: headless Chromium prints the HTML to PDF and poppler
/// reads it back. Runs where both are installed (`apt-get install chromium poppler-utils`).
@Suite struct PrintedReportTests {
    let dir = Scratch()

    static let tools = ["/usr/bin/chromium", "/usr/bin/pdftotext",
                        "/usr/bin/pdfinfo"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: tools, "needs chromium and poppler-utils")) func theHTMLReportPrintsOnA4WithTheGroupAndDateOnEveryPage() throws {
        try cli(["demo", "--out", dir.journal, "--first-year", "2024", "--years", "3", "--until", "2026-11-30", "--seed", "7"],
                env: ["BYDELSMOR_TODAY": "2026-11-30"])
        let html = dir.path + "/r.html", pdf = dir.path + "/r.pdf"
        #expect(try cli(["report", "--journal", dir.journal, "--year", "2025", "--format", "html", "--group", "Ishøj", "--out", html],
                        env: ["BYDELSMOR_TODAY": "2026-11-30"]).code == 0)
        let p = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                              "--user-data-dir=" + dir.path + "/chrome", "--print-to-pdf=" + pdf, "file://" + html],
                        env: ["HOME": dir.path, "PATH": "/usr/bin:/bin"])
        #expect(p.code == 0, "\(p.err)")
        let info = try run("/usr/bin/pdfinfo", [pdf]).out
        #expect(info.contains("(A4)"), "not A4: \(info)")
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(pages >= 2)
        for n in 1...max(1, pages) {
            let text = try run("/usr/bin/pdftotext", ["-f", String(n), "-l", String(n), "-layout", pdf, "-"]).out
            #expect(text.contains("Ishøj · Bydelsmødre — årsrapport 2025") && text.contains("30. november 2026"),
                    "page \(n) lacks the running line")
        }
    }
}
