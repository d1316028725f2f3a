import Foundation
/// Reads the typed fields of one parsed line, remembering which were used so that an unknown
/// or misspelt field is an error rather than silently ignored.
struct FieldReader {
    let line: LineView
    var used: UInt64 = 0

    init(_ line: LineView) { self.line = line }

    /// Whether every field of the line was read (then there is no `undoes=` or `part=` to look for).
    var usedAll: Bool { line.fields.count >= 64 ? false : used == (UInt64(1) << UInt64(line.fields.count)) - 1 }

    var endOffset: Int { line.bytes.count }

    /// Where the next field is likely to be: lines are written in canonical order.
    var next = 0

    mutating func find(_ key: StaticString) -> RawField? {
        let n = line.fields.count
        var i = next
        for _ in 0..<n {
            if i >= n { i = 0 }
            let f = line.fields[i]
            if bytesEqual(line.key(f), key) {
                used |= 1 << UInt64(min(i, 63))
                next = i + 1
                return f
            }
            i += 1
        }
        return nil
    }

    /// Whether the line has the field (it is not marked used).
    func has(_ key: StaticString) -> Bool {
        line.fields.contains { bytesEqual(line.key($0), key) }
    }

    /// Whether the field's value is `-` (none); the field must be there. It is not marked used.
    func isDash(_ key: StaticString) throws(SyntaxError) -> Bool {
        guard let f = line.fields.first(where: { bytesEqual(line.key($0), key) }) else {
            throw SyntaxError(offset: endOffset, message: Message("feltet \(key)= mangler", "the field \(key)= is missing"))
        }
        let b = line.valueBytes(f)
        return b.count == 1 && b[0] == 45
    }

    mutating func require(_ key: StaticString) throws(SyntaxError) -> RawField {
        guard let f = find(key) else {
            throw SyntaxError(offset: endOffset, message: Message("feltet \(key)= mangler", "the field \(key)= is missing"))
        }
        return f
    }

    func bad(_ f: RawField, _ key: StaticString, _ da: String, _ en: String) -> SyntaxError {
        SyntaxError(offset: f.valueStart, message: Message("\(key): \(da)", "\(key): \(en)"))
    }

    mutating func int(_ key: StaticString, _ range: ClosedRange<Int>) throws(SyntaxError) -> Int {
        let f = try require(key)
        let b = line.valueBytes(f)
        var v = 0
        guard b.count > 0, b.count <= 9 else { throw bad(f, key, "forventede et heltal \(range.lowerBound)–\(range.upperBound)",
                                                         "expected a whole number \(range.lowerBound)–\(range.upperBound)") }
        for c in b {
            guard c >= 48 && c <= 57 else { throw bad(f, key, "forventede et heltal \(range.lowerBound)–\(range.upperBound)",
                                                      "expected a whole number \(range.lowerBound)–\(range.upperBound)") }
            v = v * 10 + Int(c - 48)
        }
        guard range.contains(v) else { throw bad(f, key, "\(v) er uden for \(range.lowerBound)–\(range.upperBound)",
                                                 "\(v) is outside \(range.lowerBound)–\(range.upperBound)") }
        return v
    }

    /// A typed id (`v12` for `ID<Volunteer>`): the prefix is the record's.
    mutating func id<R: Recorded>(_ key: StaticString) throws(SyntaxError) -> ID<R> {
        ID(try rawID(key, R.kind))
    }

    /// The number of an id whose kind is known only at run time (`<kind>.removed`).
    mutating func rawID(_ key: StaticString, _ kind: RecordKind) throws(SyntaxError) -> Int {
        let f = try require(key)
        guard let v = FieldReader.idNumber(line.valueBytes(f), prefix: kind.prefixByte) else {
            throw bad(f, key, "forventede et id som \(kind.prefix)12", "expected an id like \(kind.prefix)12")
        }
        return v
    }

    /// `v12` → 12 for the prefix `v`: the prefix, then 1–9 digits without a leading zero.
    @inline(__always) static func idNumber(_ b: UnsafeBufferPointer<UInt8>, prefix p: UInt8) -> Int? {
        guard b.count >= 2, b.count <= 10, b[0] == p, b[1] != 48 else { return nil }
        var v = 0
        for i in 1..<b.count {
            let c = b[i]
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    /// A whole number of 1–9 digits, or nil.
    @inline(__always) static func number(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count > 0, b.count <= 9 else { return nil }
        var v = 0
        for c in b {
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    /// Tokens of a vocabulary separated by commas, as the bits of their set; nil if one is unknown.
    @inline(__always) static func tokenBits<T: Vocabulary>(_ b: UnsafeBufferPointer<UInt8>, _ table: TokenTable<T>,
                                                           bit: (T) -> UInt16) -> UInt16? {
        var bits: UInt16 = 0
        var start = 0
        while start < b.count {
            var end = start
            while end < b.count && b[end] != 44 { end += 1 }
            guard let t = table.match(UnsafeBufferPointer(rebasing: b[start..<end])) else { return nil }
            bits |= bit(t)
            start = end + 1
        }
        return bits
    }

    mutating func day(_ key: StaticString) throws(SyntaxError) -> Day {
        let f = try require(key)
        let b = line.valueBytes(f)
        guard let d = Day(isoBytes: b) else { throw bad(f, key, "ugyldig dato; forventede ÅÅÅÅ-MM-DD, en dag der findes, i årene 2000–2099",
                                                        "invalid date; expected YYYY-MM-DD, a day that exists, in the years 2000–2099") }
        return d
    }

    mutating func optionalDay(_ key: StaticString) throws(SyntaxError) -> Day? {
        guard let f = find(key) else { return nil }
        let b = line.valueBytes(f)
        if b.isEmpty || (b.count == 1 && b[0] == 45) { return nil }
        guard let d = Day(isoBytes: b) else { throw bad(f, key, "ugyldig dato; forventede ÅÅÅÅ-MM-DD i årene 2000–2099 eller -",
                                                        "invalid date; expected YYYY-MM-DD in the years 2000–2099 or -") }
        return d
    }

    mutating func time(_ key: StaticString) throws(SyntaxError) -> ClockTime {
        let f = try require(key)
        let b = line.valueBytes(f)
        guard b.count == 5, b[2] == 58, let h = Day.digits(Array(b), 0, 2), let m = Day.digits(Array(b), 3, 2),
              let t = ClockTime(hour: h, minute: m) else {
            throw bad(f, key, "ugyldigt klokkeslæt; forventede TT:MM fra 00:00 til 23:59",
                      "invalid time; expected HH:MM from 00:00 to 23:59")
        }
        return t
    }

    mutating func money(_ key: StaticString) throws(SyntaxError) -> Money {
        let f = try require(key)
        guard let m = Money.parseDigits(Array(line.valueBytes(f)), decimal: 46) else {
            throw bad(f, key, "ugyldigt beløb; forventede kroner som 1250.50 (punktum, højst to decimaler, intet fortegn)",
                      "invalid amount; expected kroner like 1250.50 (point, at most two decimals, no sign)")
        }
        return m
    }

    mutating func hours(_ key: StaticString) throws(SyntaxError) -> Hours {
        let f = try require(key)
        guard let m = Money.parseDigits(Array(line.valueBytes(f)), decimal: 46) else {
            throw bad(f, key, "ugyldigt antal timer; forventede fx 2.5", "invalid number of hours; expected e.g. 2.5")
        }
        return Hours(hundredths: m.ore)
    }

    mutating func text(_ key: StaticString) throws(SyntaxError) -> String {
        try line.text(try require(key))
    }

    mutating func optionalText(_ key: StaticString) throws(SyntaxError) -> String {
        guard let f = find(key) else { return "" }
        return try line.text(f)
    }

    mutating func token<T: Vocabulary>(_ key: StaticString, _ type: T.Type) throws(SyntaxError) -> T {
        let f = try require(key)
        let b = line.valueBytes(f)
        if let c = T.tokenTable.match(b) { return c }
        throw bad(f, key, "ukendt værdi; tilladt er \(T.tokens)", "unknown value; allowed are \(T.tokens)")
    }

    /// A token that may be left out (nil).
    mutating func optionalToken<T: Vocabulary>(_ key: StaticString, _ type: T.Type) throws(SyntaxError) -> T? {
        guard find(key) != nil else { return nil }
        return try token(key, type)
    }

    mutating func yesNo(_ key: StaticString) throws(SyntaxError) -> Bool {
        let f = try require(key)
        let b = line.valueBytes(f)
        if b.elementsEqual("yes".utf8) { return true }
        if b.elementsEqual("no".utf8) { return false }
        throw bad(f, key, "forventede yes eller no", "expected yes or no")
    }

    /// `none`, or referrals separated by commas.
    mutating func referrals(_ key: StaticString) throws(SyntaxError) -> ReferralSet {
        ReferralSet(bits: try tokenList(key, Referral.tokenTable, bit: { $0.bit },
                                        Message("referred: ukendt henvisning; tilladt er \(Referral.tokens)",
                                                "referred: unknown referral; allowed are \(Referral.tokens)")))
    }

    mutating func topics(_ key: StaticString) throws(SyntaxError) -> TopicSet {
        TopicSet(bits: try tokenList(key, Topic.tokenTable, bit: { $0.bit },
                                     Message("topics: ukendt emne; tilladt er \(Topic.tokens)",
                                             "topics: unknown topic; allowed are \(Topic.tokens)")))
    }

    /// Tokens separated by commas as the bits of their set; the error points at the first unknown one.
    private mutating func tokenList<T: Vocabulary>(_ key: StaticString, _ table: TokenTable<T>, bit: (T) -> UInt16,
                                                   _ unknown: @autoclosure () -> Message) throws(SyntaxError) -> UInt16 {
        let f = try require(key)
        let b = line.valueBytes(f)
        if let bits = FieldReader.tokenBits(b, table, bit: bit) { return bits }
        var start = 0
        while start < b.count {
            var end = start
            while end < b.count && b[end] != 44 { end += 1 }
            if table.match(UnsafeBufferPointer(rebasing: b[start..<end])) == nil { break }
            start = end + 1
        }
        throw SyntaxError(offset: f.valueStart + start, message: unknown())
    }

    mutating func list(_ key: StaticString) throws(SyntaxError) -> [String] {
        guard let f = find(key) else { return [] }
        let s = try line.text(f)
        return s.isEmpty ? [] : s.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// Ids of one kind separated by commas (`v1,v4`); empty for an empty value.
    mutating func ids<R: Recorded>(_ key: StaticString) throws(SyntaxError) -> [ID<R>] {
        let f = try require(key)
        let s = try line.text(f)
        guard !s.isEmpty else { return [] }
        var out: [ID<R>] = []
        for ref in s.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = ID<R>(ref: String(ref)) else {
                throw bad(f, key, "\"\(ref)\" er ikke et id som \(R.kind.ref(12))", "\"\(ref)\" is not an id like \(R.kind.ref(12))")
            }
            out.append(id)
        }
        return out
    }

    mutating func slug(_ key: StaticString) throws(SyntaxError) -> String {
        let f = try require(key)
        let s = try line.text(f)
        guard BudgetLine.isValidID(s) else { throw bad(f, key, "forventede et kort id af a-z, 0-9 og -",
                                                       "expected a short id of a-z, 0-9 and -") }
        return s
    }

    func finish() throws(SyntaxError) {
        for (i, f) in line.fields.enumerated() where used & (1 << UInt64(min(i, 63))) == 0 {
            let key = String(decoding: line.key(f), as: UTF8.self)
            throw SyntaxError(offset: f.keyStart, message: Message("ukendt eller gentaget felt \(key)=",
                                                                   "unknown or repeated field \(key)="))
        }
    }
}

extension Day {
    init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        var y = 0, m = 0, d = 0
        for i in 0..<4 { let c = b[i]; guard c >= 48 && c <= 57 else { return nil }; y = y * 10 + Int(c - 48) }
        for i in 5..<7 { let c = b[i]; guard c >= 48 && c <= 57 else { return nil }; m = m * 10 + Int(c - 48) }
        for i in 8..<10 { let c = b[i]; guard c >= 48 && c <= 57 else { return nil }; d = d * 10 + Int(c - 48) }
        self.init(year: y, month: m, day: d)
    }
}

extension BudgetLine {
    public static func isValidID(_ s: String) -> Bool {
        guard let f = s.utf8.first, f >= 97 && f <= 122, s.utf8.count <= 32 else { return false }
        return s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

/// Each event's name as bytes, in the order lines are most common (a lookup compares the first few).
private let eventNames: [([UInt8], EventKind)] = EventKind.allCases.compactMap { k in
    k == .removed || k == .restored ? nil : (Array(k.rawValue.utf8), k)
}

extension JournalEntry {
    /// Decodes a parsed line into a typed entry; every problem carries the byte offset it is at.
    public init(raw: RawLine) throws(SyntaxError) {
        self = try raw.withView { (view) throws(SyntaxError) in try JournalEntry(view: view, timestamp: raw.timestamp, actor: raw.actor) }
    }

    init(view: LineView, timestamp: Timestamp, actor: String) throws(SyntaxError) {
        var r = FieldReader(view)
        let name = view.name
        var which = EventKind.removed  // none of the table: `<kind>.removed` or `<kind>.restored`, or unknown
        for (n, k) in eventNames where n.count == name.count {
            if n.withUnsafeBufferPointer({ memcmp($0.baseAddress!, name.baseAddress!, n.count) }) == 0 { which = k; break }
        }
        let event = try which.spec.decode(&r, which)
        var undoes: Int? = nil
        var part: Part? = nil
        if !r.usedAll {
            if let f = r.find("undoes") {
                let b = view.valueBytes(f)
                var v = 0
                guard b.count >= 1, b.count <= 9, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw SyntaxError(offset: f.valueStart, message: Message("undoes: forventede et linjenummer",
                                                                             "undoes: expected a line number"))
                }
                for c in b { v = v * 10 + Int(c - 48) }
                undoes = v
            }
            if let f = r.find("part") {
                let b = Array(view.valueBytes(f))
                let slash = b.firstIndex(of: 47) ?? -1
                let i = slash > 0 ? Day.digits(b, 0, min(slash, 6)) : nil
                let n = slash > 0 && slash < b.count - 1 && b.count - slash - 1 <= 6 ? Day.digits(b, slash + 1, b.count - slash - 1) : nil
                guard slash <= 6, let i, let n, n >= 2, i >= 1, i <= n else {
                    throw SyntaxError(offset: f.valueStart, message: Message("part: forventede DEL/ANTAL, fx 1/3",
                                                                             "part: expected PART/COUNT, e.g. 1/3"))
                }
                part = Part(index: i, count: n)
            }
            try r.finish()
        }
        self.init(timestamp: timestamp, actor: actor, event: event, undoes: undoes, part: part)
    }

    /// Parses one whole line of text (tests and tools; the loader works on the file's bytes).
    public static func parse(_ line: String) throws(SyntaxError) -> JournalEntry {
        let bytes = Array(JournalSyntax.withoutCR(Array(line.utf8)))
        let result: Result<JournalEntry, SyntaxError> = bytes.withUnsafeBufferPointer { buf in
            do throws(SyntaxError) { return .success(try JournalEntry(raw: try RawLine(parsing: buf))) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
