/// RFC 4180 CSV that Excel opens correctly with æøå: UTF-8 with BOM, CRLF, `;` by default (the Danish
/// list separator), every cell that starts like a formula neutralised.
public struct CSVWriter {
    public let separator: Character
    public private(set) var text = "\u{FEFF}"

    public init(separator: Character = ";") { self.separator = separator }

    /// Amounts as a spreadsheet in this convention reads them: `1250,50` with `;`, `1250.50` with `,`.
    public func amount(_ m: Money) -> String {
        separator == ";" ? m.plain.replacingDot(with: ",") : m.plain
    }

    public mutating func row(_ cells: [String]) {
        text += cells.map(cell).joined(separator: String(separator)) + "\r\n"
    }

    /// Quotes when needed; a leading = + - @ (or tab/CR that Excel also reads as formula starts) gets a `'`.
    func cell(_ raw: String) -> String {
        var s = raw
        if let f = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f) {
            // Plain negative numbers are not formulas, but this exporter never writes them; be strict.
            s = "'" + s
        }
        let needsQuotes = s.contains(separator) || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.hasPrefix(" ") || s.hasSuffix(" ")
        return needsQuotes ? "\"" + s.replacingOccurrences("\"", "\"\"") + "\"" : s
    }
}

public enum CSVExport {
    public enum Kind: String, CaseIterable, Sendable { case volunteers, attendance, conversations, expenses }

    public static func render(_ kind: Kind, state s: ProjectState, separator: Character = ";") -> String {
        var w = CSVWriter(separator: separator)
        switch kind {
        case .volunteers:
            w.row(["id", "navn", "telefon", "sprog", "bydel", "status", "hold", "kontrakt", "samtykke", "moduler", "noter"])
            for v in s.volunteers where !v.removed {
                w.row([RecordKind.volunteer.ref(v.id), v.name, v.phone, v.languages.joined(separator: ","), v.neighbourhood,
                       v.stage.label(.da), v.hold.flatMap { s.hold($0)?.name } ?? "",
                       v.contractSigned?.iso ?? "", v.consent?.iso ?? "", String(s.modulesAttended(by: v.id).count), v.notes])
            }
        case .attendance:
            w.row(["id", "modulgang", "modul", "dato", "bydelsmor", "fremmøde"])
            for sess in s.sessions where sess.status != .cancelled && !sess.removed {
                for (v, mark) in sess.attendance.sorted(by: { $0.key < $1.key }) {
                    w.row([RecordKind.session.ref(sess.id) + "-" + RecordKind.volunteer.ref(v), RecordKind.session.ref(sess.id),
                           String(sess.module),
                           sess.date.iso, RecordKind.volunteer.ref(v), mark.label(.da)])
                }
            }
        case .conversations:
            w.row(["id", "dato", "bydelsmor", "kontakt", "emner", "henvist", "minutter"])
            for c in s.conversations where !c.removed {
                w.row([RecordKind.conversation.ref(c.id), c.date.iso, RecordKind.volunteer.ref(c.volunteer), c.contact.label(.da),
                       c.topics.map { $0.label(.da) }.joined(separator: ", "), c.referrals.label(.da), String(c.minutes)])
            }
        case .expenses:
            w.row(["id", "dato", "budgetlinje", "beløb", "note"])
            for x in s.expenses where !x.removed {
                w.row([RecordKind.expense.ref(x.id), x.date.iso, x.line, w.amount(x.amount), x.note])
            }
        }
        return w.text
    }

    /// The export in pieces of about `pieceSize` bytes, for `OutputFile.write(produce:)` or standard
    /// output. Conversations — a million rows in a large journal — are written straight as bytes: a
    /// cell of a closed list (contact, topics, referrals) is quoted once per distinct value, not once
    /// a row, and nothing but the current piece is held. The result is byte for byte `render`'s (a
    /// test holds it to that); the other kinds are small and go through `render`.
    public static func stream(_ kind: Kind, state s: ProjectState, separator: Character = ";", pieceSize: Int = 1 << 18,
                              _ put: ([UInt8]) -> Bool) {
        guard kind == .conversations else { _ = put(Array(render(kind, state: s, separator: separator).utf8)); return }
        let w = CSVWriter(separator: separator)
        let sep = UInt8(ascii: separator == "," ? "," : ";")
        var out: [UInt8] = Array("\u{FEFF}".utf8)
        out.reserveCapacity(pieceSize + 256)
        func cells(_ raw: [String]) -> [UInt8] { Array(raw.map(w.cell).joined(separator: String(separator)).utf8) }
        out += cells(["id", "dato", "bydelsmor", "kontakt", "emner", "henvist", "minutter"]) + [13, 10]
        let contacts = ContactOrigin.allCases.map { Array(w.cell($0.label(.da)).utf8) }
        var topics: [UInt16: [UInt8]] = [:], referrals: [UInt16: [UInt8]] = [:]
        func number(_ n: Int) {
            if n >= 10 { number(n / 10) }
            out.append(UInt8(48 + n % 10))
        }
        for c in s.conversations where !c.removed {
            out.append(99); number(c.id.raw); out.append(sep)                       // c12
            let d = c.date.components
            number(d.year); out.append(45)
            if d.month < 10 { out.append(48) }; number(d.month); out.append(45)
            if d.day < 10 { out.append(48) }; number(d.day); out.append(sep)
            out.append(118); number(c.volunteer.raw); out.append(sep)               // v3
            out += contacts[ContactOrigin.tokenTable.index(of: c.contact)]; out.append(sep)
            if let t = topics[c.topics.bits] { out += t } else {
                let t = Array(w.cell(c.topics.map { $0.label(.da) }.joined(separator: ", ")).utf8)
                topics[c.topics.bits] = t; out += t
            }
            out.append(sep)
            if let r = referrals[c.referrals.bits] { out += r } else {
                let r = Array(w.cell(c.referrals.label(.da)).utf8)
                referrals[c.referrals.bits] = r; out += r
            }
            out.append(sep)
            number(Int(c.minutes)); out += [13, 10]
            if out.count >= pieceSize {
                guard put(out) else { return }
                out.removeAll(keepingCapacity: true)
            }
        }
        _ = put(out)
    }
}
