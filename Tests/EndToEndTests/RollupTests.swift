import Foundation
import Testing

/// Many groups, one picture: three groups' journals (different seeds), their anonymous summaries,
/// and the national roll-up — sums checked against each group's own report, nothing personal in
/// any summary, bad input refused whole.
@Suite struct RollupTests {
    let dir = Scratch()
    static let groups = [("Ishøj", UInt64(1)), ("Albertslund", UInt64(2)), ("Aarhus Gellerup", UInt64(3))]

    /// The three journals and their summaries for 2026.
    func summaries() throws -> [String] {
        var files: [String] = []
        for (name, seed) in RollupTests.groups {
            let j = dir.path + "/\(seed).txt", out = dir.path + "/\(seed).json"
            #expect(try cli(["demo", "--out", j, "--seed", String(seed), "--until", "2026-12-31"]).code == 0)
            let r = try cli(["report", "--journal", j, "--year", "2026", "--format", "json", "--group", name, "--out", out])
            #expect(r.code == 0, "\(r.err)")
            files.append(out)
        }
        return files
    }

    @Test func theTotalIsTheSumOfTheGroupsAndEachGroupMatchesItsOwnReport() throws {
        let files = try summaries()
        let r = try cli(["rollup"] + files + ["--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let roll = try json(r.out)
        let groups = roll["groups"] as! [[String: Any]]
        let total = roll["total"] as! [String: Any]
        #expect(groups.count == 3)
        for key in ["newMothers", "diplomas", "activeMothers", "newHolds"] {
            #expect(total[key] as! Int == groups.reduce(0) { $0 + ($1[key] as! Int) }, "\(key)")
        }
        let conv = { (g: [String: Any]) in g["conversations"] as! [String: Any] }
        #expect(conv(total)["total"] as! Int == groups.reduce(0) { $0 + (conv($1)["total"] as! Int) })
        let topics = conv(total)["byTopic"] as! [String: Int]
        for (t, n) in topics { #expect(n == groups.reduce(0) { $0 + ((conv($1)["byTopic"] as! [String: Int])[t] ?? 0) }, "\(t)") }
        let spent = { (g: [String: Any]) in ((g["budget"] as! [String: Any])["spent"] as! NSNumber).decimalValue }
        #expect(spent(total) == groups.reduce(Decimal(0)) { $0 + spent($1) })
        // Each group's figures are its own report's.
        for (i, (name, seed)) in RollupTests.groups.enumerated() {
            let own = try json(try cli(["report", "--journal", dir.path + "/\(seed).txt", "--year", "2026", "--format", "json"]).out)
            let g = groups.first { $0["group"] as! String == name }!
            #expect(conv(g)["total"] as! Int == (own["conversations"] as! [String: Any])["total"] as! Int, "\(i)")
            #expect(g["newMothers"] as! Int == (own["volunteers"] as! [String: Any])["new"] as! Int)
            #expect(g["diplomas"] as! Int == (own["volunteers"] as! [String: Any])["trained"] as! Int)
        }
    }

    @Test func noNameOrPhoneOfAnyJournalIsInAnySummary() throws {
        let files = try summaries()
        let text = files.map { String(decoding: dir.data($0), as: UTF8.self) }.joined(separator: "\n")
        for (_, seed) in RollupTests.groups {
            let journal = String(decoding: dir.data(dir.path + "/\(seed).txt"), as: UTF8.self)
            for line in journal.split(separator: "\n") where line.contains("volunteer.added") {
                for key in ["name=\"", "phone=\""] {
                    guard let r = line.range(of: key) else { continue }
                    let value = line[r.upperBound...].prefix { $0 != "\"" }
                    guard value.count > 2 else { continue }
                    #expect(!text.contains(value), "a summary holds \(value)")
                    for part in value.split(separator: " ") where part.count > 3 && key == "name=\"" { #expect(!text.contains(part), "a summary holds \(part)") }
                }
            }
            for place in ["Ishøj Bibliotek", "Strandgårdskolen", "Vejleåparken", "Koordinator"] { #expect(!text.contains(place)) }
        }
    }

    @Test func badSummariesAreRefusedWholeWithTheFileNamed() throws {
        let files = try summaries()
        let out = dir.path + "/national.md"
        func refused(_ args: [String], says: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try cli(["rollup"] + args + ["--out", out])
            #expect(r.code != 0, sourceLocation: sourceLocation)
            #expect(r.err.contains(says), "\(r.err)", sourceLocation: sourceLocation)
            #expect(!FileManager.default.fileExists(atPath: out), sourceLocation: sourceLocation)
        }
        var carrying = String(decoding: dir.data(files[0]), as: UTF8.self)
        carrying = carrying.replacingOccurrences(of: "\"newHolds\":", with: "\"contact\":\"Amina Hassan 22 33 44 55\",\"newHolds\":")
        let named = dir.path + "/named.json"
        try carrying.write(toFile: named, atomically: true, encoding: .utf8)
        try refused([files[1], named], says: "named.json: feltet \"contact\" hører ikke til et sammendrag")
        try refused([files[0], files[0]], says: "Ishøj 2026 findes også i")
        let v2 = dir.path + "/v2.json"
        try String(decoding: dir.data(files[0]), as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\":1", with: "\"schemaVersion\":2")
            .write(toFile: v2, atomically: true, encoding: .utf8)
        try refused([v2], says: "skemaversion 2 kendes ikke")
        try refused([dir.path + "/1.txt"], says: "er ikke et sammendrag")
        try refused(["/dev/zero"], says: "er ikke en almindelig fil")
        // Another year: refused unless allowed.
        let other = dir.path + "/2025.json"
        #expect(try cli(["report", "--journal", dir.path + "/2.txt", "--year", "2025", "--format", "json", "--group", "Albertslund",
                         "--out", other]).code == 0)
        try refused([files[0], other], says: "flere år")
        #expect(try cli(["rollup", files[0], other, "--allow-years"]).code == 0)
        // A summary needs --format json; in another format --group names the group on the report.
        let titled = try cli(["report", "--journal", dir.path + "/1.txt", "--group", "Ishøj Øst"])
        #expect(titled.code == 0 && titled.out.contains("Ishøj Øst · Lavet"), "\(titled.out.prefix(300))")
    }

    @Test func markdownAndCSVParse() throws {
        let files = try summaries()
        let md = try cli(["rollup"] + files)
        #expect(md.out.contains("| **I alt** |") && md.out.contains("| Aarhus Gellerup |"), "\(md.out)")
        let rows = md.out.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(Set(rows.map { $0.filter { $0 == "|" }.count }).count == 1)  // every row has the same number of cells
        let csv = dir.path + "/national.csv"
        #expect(try cli(["rollup"] + files + ["--format", "csv", "--out", csv]).code == 0)
        let parsed = try python("import csv,sys; r=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline=''),delimiter=';')); print(len(r), len(set(map(len,r))), r[-1][0], sum(int(x[2]) for x in r[1:-1]) == int(r[-1][2]))", [csv])
        #expect(parsed.out == "5 1 I alt True\n", "\(parsed.out)")
        let html = try cli(["rollup"] + files + ["--format", "html"])
        #expect(html.out.contains("<table>") && html.out.contains("<th>I alt</th>"))
    }
}
