/// The rules every change is checked against before it is written. Each says what is wrong and
/// what is allowed.
public enum Rules {
    public static let maxNameLength = 120
    public static let maxTextLength = 200
    public static let maxNotesLength = 2000

    /// One line of text: no control characters, not blank (if required), not too long.
    public static func line(_ value: String, field: String, label: Message, required: Bool, max: Int = maxTextLength) throws(Message) {
        if required && value.allSatisfy({ $0 == " " || $0 == "\t" }) {
            throw Message("\(label.da) mangler", "\(label.en) is missing", field: field)
        }
        if let bad = value.unicodeScalars.first(where: { JournalSyntax.needsEscape($0) || $0.properties.generalCategory == .format && isBidiControl($0) }) {
            throw Message("\(label.da) må ikke indeholde kontroltegn (fandt U+\(hex(bad.value))); skriv almindelig tekst på én linje",
                          "\(label.en) must not contain control characters (found U+\(hex(bad.value))); write plain text on one line", field: field)
        }
        let n = value.count
        if n > max {
            throw Message("\(label.da) må højst have \(max) tegn (har \(n))", "\(label.en) may have at most \(max) characters (has \(n))",
                          field: field)
        }
    }

    /// Notes may span lines (newline and tab), but hold no other control character.
    public static func notes(_ value: String, field: String, label: Message = Message("noten", "the note")) throws(Message) {
        if let bad = value.unicodeScalars.first(where: { $0 != "\n" && $0 != "\t" && (JournalSyntax.needsEscape($0) || isBidiControl($0)) }) {
            throw Message("\(label.da) må ikke indeholde kontroltegn (fandt U+\(hex(bad.value)))",
                          "\(label.en) must not contain control characters (found U+\(hex(bad.value)))", field: field)
        }
        let n = value.count
        if n > maxNotesLength {
            throw Message("\(label.da) må højst have \(maxNotesLength) tegn (har \(n))",
                          "\(label.en) may have at most \(maxNotesLength) characters (has \(n))", field: field)
        }
    }

    /// Digits, spaces and + - ( ), 3 to 20 characters; or empty.
    public static func phone(_ value: String) throws(Message) {
        guard !value.isEmpty else { return }
        let ok = value.count >= 3 && value.count <= 20 && value.unicodeScalars.allSatisfy {
            ($0.value >= 48 && $0.value <= 57) || " +-()".unicodeScalars.contains($0)
        } && value.unicodeScalars.contains(where: { $0.value >= 48 && $0.value <= 57 })
        if !ok {
            throw Message("telefonnummeret må kun have cifre, mellemrum og + - ( ), 3–20 tegn, fx +45 12 34 56 78",
                          "the phone number may only have digits, spaces and + - ( ), 3–20 characters, e.g. +45 12 34 56 78", field: "phone")
        }
    }

    /// Languages as ISO 639 codes: `ar,da,so`.
    public static func languages(_ codes: [String]) throws(Message) {
        for c in codes where !(2...3).contains(c.utf8.count) || !c.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
            throw Message("sproget \"\(c)\" er ikke en sprogkode; skriv 2–3 små bogstaver, fx ar,da,so,tr",
                          "the language \"\(c)\" is not a language code; write 2–3 lower-case letters, e.g. ar,da,so,tr", field: "languages")
        }
        if Set(codes).count != codes.count {
            throw Message("et sprog står to gange", "a language is listed twice", field: "languages")
        }
    }

    public static func amount(_ m: Money, field: String = "amount") throws(Message) {
        if m.ore <= 0 {
            throw Message("beløbet skal være større end 0 kr.", "the amount must be greater than DKK 0", field: field)
        }
        if m > Money.maximum {
            throw Message("beløbet må højst være \(Money.maximum.formatted(.da))",
                          "the amount may be at most \(Money.maximum.formatted(.en))", field: field)
        }
    }

    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        // Directional overrides and isolates can reorder what a terminal shows.
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }

    static func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
