import Foundation

/// Reads RFC 4180 CSV as spreadsheets write it: `;` or `,` (found from the header), with or without a
/// BOM, quoted cells with separators, quotes and newlines. Each record knows the line it starts on.
public struct CSVRecord: Sendable {
    public var line: Int
    public var cells: [String]
    /// Why the record cannot be read as the spreadsheet meant it (a quote never closed, a bare
    /// carriage return inside a row); such a record is refused with its line, never guessed at.
    public var problem: Message?
}

public enum CSVReader {
    public static func parse(_ text: String) -> (separator: Character, records: [CSVRecord]) {
        var t = Substring(text)
        if t.first == "\u{FEFF}" { t = t.dropFirst() }
        // The separator: whichever of ; and , is more common in the first line outside quotes.
        var semis = 0, commas = 0, inQ = false
        for ch in t {
            if ch == "\"" { inQ.toggle() } else if !inQ && (ch == "\n" || ch == "\r\n") { break }
            else if !inQ && ch == ";" { semis += 1 } else if !inQ && ch == "," { commas += 1 }
        }
        let sep: Character = semis >= commas ? ";" : ","
        // A file with line feeds ends its lines with them (or CR LF); a carriage return alone is then
        // a stray character inside a row, not a line ending. Only a file without any line feed (an
        // old Mac export) ends its lines with CR.
        let crEndsLines = !t.contains("\n") && !t.contains("\r\n")
        var records: [CSVRecord] = []
        var cells: [String] = [], cell = "", quoted = false, afterQuote = false
        var line = 1, recordLine = 1
        var problem: Message?
        var chars = Array(t)
        var i = 0
        func endRecord() {
            cells.append(cell); cell = ""
            // A row of empty cells (Excel writes `;;;;` for formatted empty rows) is no row.
            if !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) || problem != nil {
                records.append(CSVRecord(line: recordLine, cells: cells, problem: problem))
            }
            cells = []; problem = nil
        }
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { cell.append("\""); i += 1 } else { quoted = false; afterQuote = true }
                } else {
                    if ch == "\n" || ch == "\r\n" || ch == "\r" { line += 1; cell.append("\n") } else { cell.append(ch) }
                }
            } else if ch == "\"" && cell.isEmpty && !afterQuote {
                quoted = true
            } else if ch == sep {
                cells.append(cell); cell = ""; afterQuote = false
            } else if ch == "\n" || ch == "\r\n" || (ch == "\r" && crEndsLines) {
                endRecord(); afterQuote = false
                line += 1; recordLine = line
            } else if ch == "\r" {
                problem = problem ?? Message("rækken har et linjeskift (CR) midt i en celle uden anførselstegn; den ville blive delt i to. Ret cellen i regnearket",
                                             "the row has a line break (CR) inside a cell without quotes; it would be split in two. Mend the cell in the spreadsheet")
            } else {
                cell.append(ch)
            }
            i += 1
        }
        if quoted {
            problem = Message("et anførselstegn åbnet i denne række lukkes aldrig; resten af filen (til linje \(line)) ville blive læst ind i én celle. Ret rækken",
                              "a quote opened in this row is never closed; the rest of the file (to line \(line)) would be read into one cell. Mend the row")
        }
        if !cell.isEmpty || !cells.isEmpty || problem != nil { endRecord() }
        chars = []
        return (sep, records)
    }
}

/// `bydelsmor import volunteers`: rows of a spreadsheet as volunteers, each checked like any change.
public struct VolunteerImport: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: VolunteerFields
        /// What the program's own export also holds: her hold, contract and consent days, stage.
        public var hold: HoldID?
        public var contract: Day?
        public var consent: Day?
        public var stage: VolunteerStage?

        /// The lines after her adding that set the rest, against the state her adding left (her id
        /// is the newest volunteer's). A hold without a stage puts her in training, as `add volunteer --hold`.
        public var steps: [Store.Step] {
            let row = self
            func mine(_ s: ProjectState) -> VolunteerID { VolunteerID(s.volunteers.count) }
            return [
                { s in row.hold.map { .volunteerHold(id: mine(s), hold: $0) } },
                { s in (row.stage ?? (row.hold != nil ? .training : nil)).flatMap { $0 == .candidate ? nil : .volunteerStage(id: mine(s), stage: $0) } },
                { s in row.contract.map { .volunteerContract(id: mine(s), date: $0) } },
                { s in row.consent.map { .volunteerConsent(id: mine(s), date: $0) } },
            ]
        }
    }
    public struct Problem: Sendable { public var line: Int; public var message: Message }

    public var rows: [Row] = []
    public var problems: [Problem] = []
    public var ignoredColumns: [String] = []
    /// Rows for a volunteer who is already there (same name and phone, in the journal or earlier in
    /// the file): reported and left out, unless duplicates are allowed.
    public var duplicates: [(line: Int, name: String, existing: String)] = []
    /// The columns `bydelsmor export volunteers` writes that the program makes itself: named as
    /// ignored, with why.
    static let computed: Set<String> = ["id", "moduler", "modules"]

    static let columns: [String: String] = [
        "navn": "name", "name": "name", "fulde navn": "name",
        "telefon": "phone", "tlf": "phone", "tlf.": "phone", "mobil": "phone", "phone": "phone", "telefonnummer": "phone",
        "sprog": "languages", "languages": "languages",
        "bydel": "neighbourhood", "område": "neighbourhood", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "boligområde": "neighbourhood",
        "noter": "notes", "note": "notes", "bemærkninger": "notes", "notes": "notes",
        "hold": "hold", "kontrakt": "contract", "kontrakt underskrevet": "contract", "contract": "contract",
        "samtykke": "consent", "samtykke givet": "consent", "consent": "consent",
        "status": "stage", "trin": "stage", "stage": "stage",
    ]
    /// Columns this program will not take in at all (privacy by design).
    static let forbidden = ["cpr", "cpr-nummer", "cpr nr", "cprnr", "personnummer", "etnicitet", "ethnicity", "nationalitet", "nationality",
                            "religion", "tro"]

    /// Checks every row against `state` as if the earlier rows were added; nothing is written here.
    /// A cell as this program's own export guarded it against spreadsheet formulas (`'+45 …`): the
    /// guard taken off again, so an export can be imported back.
    static func unguarded(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let next = cell.dropFirst().first, "=+-@\t\r".contains(next) else { return cell }
        return String(cell.dropFirst())
    }

    static func identity(_ name: String, _ phone: String) -> String { SameWoman.key(name: name, phone: phone) }

    static func fieldLabel(_ key: String) -> Message {
        switch key {
        case "name": Message("navn", "name")
        case "phone": Message("telefon", "phone")
        case "languages": Message("sprog", "languages")
        case "neighbourhood": Message("bydel", "neighbourhood")
        case "hold": Message("hold", "hold")
        case "contract": Message("kontrakt", "contract")
        case "consent": Message("samtykke", "consent")
        case "stage": Message("status", "stage")
        default: Message("noter", "notes")
        }
    }

    public init(csv text: String, state: ProjectState, allowDuplicates: Bool = false) {
        let (_, records) = CSVReader.parse(text)
        guard let header = records.first else {
            problems.append(Problem(line: 1, message: Message("filen er tom; første linje skal være overskrifter som Navn;Telefon;Sprog;Bydel", "the file is empty; the first line must be headings like Navn;Telefon;Sprog;Bydel")))
            return
        }
        if let p = header.problem { problems.append(Problem(line: header.line, message: p)); return }
        var map = [Int: String]()
        for (i, raw) in header.cells.enumerated() {
            let h = raw.trimmed().lowercased()
            if VolunteerImport.forbidden.contains(h) {
                problems.append(Problem(line: 1, message: Message("kolonnen \"\(raw)\" må ikke indlæses: programmet gemmer ikke CPR-nummer, etnicitet, nationalitet eller religion. Fjern kolonnen og prøv igen.",
                                                                   "the column \"\(raw)\" may not be imported: this program stores no CPR number, ethnicity, nationality or religion. Remove the column and try again.")))
                return
            }
            if let key = VolunteerImport.columns[h], let other = map.first(where: { $0.value == key })?.key {
                // Two columns for one field: which one wins would be a guess.
                problems.append(Problem(line: 1, message: Message("kolonnerne \"\(header.cells[other])\" (\(other + 1)) og \"\(raw)\" (\(i + 1)) er begge \(VolunteerImport.fieldLabel(key).da); fjern den ene",
                                                                   "the columns \"\(header.cells[other])\" (\(other + 1)) and \"\(raw)\" (\(i + 1)) are both \(VolunteerImport.fieldLabel(key).en); remove one")))
                return
            }
            if let key = VolunteerImport.columns[h] { map[i] = key } else if !h.isEmpty { ignoredColumns.append(raw) }
        }
        guard map.values.contains("name") else {
            problems.append(Problem(line: 1, message: Message("der mangler en kolonne Navn (fandt: \(header.cells.joined(separator: ", ")))", "there is no column Navn/Name (found: \(header.cells.joined(separator: ", ")))")))
            return
        }
        var trial = state
        var known = [String: String]()
        for v in state.volunteers where !v.removed { known[VolunteerImport.identity(v.name, v.phone)] = RecordKind.volunteer.ref(v.id) }
        for rec in records.dropFirst() {
            if let p = rec.problem { problems.append(Problem(line: rec.line, message: p)); continue }
            var values = [String: String]()
            for (i, c) in rec.cells.enumerated() { if let k = map[i] { values[k] = VolunteerImport.unguarded(c.trimmed()).trimmed() } }
            if rec.cells.count > header.cells.count {
                problems.append(Problem(line: rec.line, message: Message("rækken har \(rec.cells.count) celler, overskriften \(header.cells.count)", "the row has \(rec.cells.count) cells, the heading \(header.cells.count)")))
                continue
            }
            // Languages by name ("Arabisk, dansk") or code, as a spreadsheet has them.
            let langs: [String]
            do throws(Message) { langs = try Languages.codes(from: (values["languages"] ?? "").replacingOccurrences(" og ", ",")) } catch {
                problems.append(Problem(line: rec.line, message: error)); continue
            }
            let f = VolunteerFields(id: trial.volunteers.nextID, name: values["name"] ?? "", phone: values["phone"] ?? "", languages: langs,
                                    neighbourhood: values["neighbourhood"] ?? "", notes: values["notes"] ?? "")
            let identity = VolunteerImport.identity(f.name, f.phone)
            // An invalid row is reported as invalid, not as a duplicate of someone.
            do throws(Message) { try Rules.phone(f.phone); try Privacy.check(.volunteerAdded(f)) } catch { problems.append(Problem(line: rec.line, message: error)); continue }
            if !allowDuplicates, !f.name.isEmpty, let existing = known[identity] {
                duplicates.append((rec.line, f.name, existing))
                continue
            }
            var row = Row(line: rec.line, fields: f)
            do throws(Message) {
                row.hold = try VolunteerImport.hold(values["hold"] ?? "", in: trial)
                row.contract = try VolunteerImport.day(values["contract"] ?? "", Message("kontrakt", "contract"))
                row.consent = try VolunteerImport.day(values["consent"] ?? "", Message("samtykke", "consent"))
                row.stage = try VolunteerImport.stage(values["stage"] ?? "")
            } catch { problems.append(Problem(line: rec.line, message: error)); continue }
            do {
                var next = trial
                _ = try Reducer.apply(.volunteerAdded(f), to: &next)
                for step in row.steps { if let e = try step(next) { _ = try Reducer.apply(e, to: &next) } }
                trial = next
                rows.append(row)
                known[identity] = known[identity] ?? "\(Lang.da.t("linje", "line")) \(rec.line)"
            } catch {
                problems.append(Problem(line: rec.line, message: error as? Message ?? Message(String(describing: error), String(describing: error))))
            }
        }
    }

    /// Why a column is not taken in: the ones the program makes itself say so.
    public static func ignoredBecause(_ column: String) -> Message {
        computed.contains(column.trimmed().lowercased())
            ? Message("programmet giver selv id'er og tæller moduler", "the program gives ids and counts modules itself")
            : Message("programmet kender ikke kolonnen", "the program does not know the column")
    }

    /// A hold by its name (as the export writes it, any case) or its id (h2); empty: none.
    static func hold(_ text: String, in s: ProjectState) throws(Message) -> HoldID? {
        guard !text.isEmpty else { return nil }
        let live = s.holds.filter { !$0.removed }
        if let id = HoldID(ref: text), live.contains(where: { $0.id == id }) { return id }
        if let h = live.first(where: { $0.name.lowercased() == text.lowercased() }) { return h.id }
        throw Message("holdet \"\(text)\" findes ikke (holdene: \(live.map(\.name).joined(separator: ", ")))",
                      "the hold \"\(text)\" does not exist (the holds: \(live.map(\.name).joined(separator: ", ")))", field: "hold")
    }

    /// A day as the export writes it (2027-02-07) or as a person does (07.02.2027); empty: none.
    static func day(_ text: String, _ what: Message) throws(Message) -> Day? {
        guard !text.isEmpty else { return nil }
        guard let d = Day(userInput: text) else {
            throw Message("\(what.da): datoen \"\(text)\" kan ikke læses; skriv fx 2027-02-07 eller 07.02.2027",
                          "\(what.en): the date \"\(text)\" cannot be read; write e.g. 2027-02-07 or 07.02.2027")
        }
        return d
    }

    /// A stage by its Danish or English word (as the export writes it: "aktiv") or its token.
    static func stage(_ text: String) throws(Message) -> VolunteerStage? {
        guard !text.isEmpty else { return nil }
        let t = text.lowercased()
        if let s = VolunteerStage.allCases.first(where: { $0.rawValue == t || $0.label(.da).lowercased() == t || $0.label(.en).lowercased() == t }) {
            return s
        }
        throw Message("status \"\(text)\" kendes ikke; brug \(VolunteerStage.allCases.map { $0.label(.da) }.joined(separator: ", "))",
                      "the stage \"\(text)\" is not known; use \(VolunteerStage.allCases.map { $0.label(.en) }.joined(separator: ", "))", field: "stage")
    }
}

/// The one rule for "the same woman", everywhere (add, the form, import): the same name and the
/// same phone, where a name is compared in any case, NFC or NFD, with any spacing, and a phone by
/// its digits, with or without +45 / 0045.
public enum SameWoman {
    public static func key(name: String, phone: String) -> String {
        var digits = String(phone.unicodeScalars.filter { $0.properties.numericType == .decimal }.map { Character($0) })
        if digits.hasPrefix("0045") && digits.count == 12 { digits.removeFirst(4) }
        if digits.hasPrefix("45") && digits.count == 10 { digits.removeFirst(2) }
        let n = name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return n + "\u{1F}" + digits
    }

    /// The volunteer already there (not removed) who is the same woman, if any.
    public static func existing(name: String, phone: String, in s: ProjectState, except: VolunteerID? = nil) -> Volunteer? {
        let k = key(name: name, phone: phone)
        return s.volunteers.first { !$0.removed && !$0.erased && $0.id != except && key(name: $0.name, phone: $0.phone) == k }
    }

    public static func refusal(_ v: Volunteer) -> Message {
        let ref = RecordKind.volunteer.ref(v.id)
        return Message("\(v.name) findes allerede som \(ref) (samme navn og telefon); ret hende i stedet, eller giv --allow-duplicates, hvis det er en anden kvinde",
                       "\(v.name) is already there as \(ref) (same name and phone); edit her instead, or give --allow-duplicates if it is another woman", field: "name")
    }
}
