/// The line grammar of the journal (docs/journal.md):
///
///     line   = timestamp SP actor SP event *(SP key "=" value)
///     value  = bare / quoted
///     bare   = 1*( ALPHA / DIGIT / "." / "_" / ":" / "," / "+" / "-" / "/" / "@" )
///     quoted = DQUOTE *( char / "\" ( "\" / DQUOTE / "n" / "t" / "r" / "u{" 1*6HEXDIG "}" ) ) DQUOTE
///
/// Lines that start with `#` and empty lines are comments. The encoder escapes every control
/// character, so no value can ever hold a raw newline or terminal escape.
public enum JournalSyntax {
    public static let header = "# bydelsmor-journal v1"
    public static let headerPrefix = "# bydelsmor-journal v"

    /// A bare value's bytes: a-z A-Z 0-9 . _ : , + - / @ — as two 64-bit masks over ASCII (one
    /// test a byte on replay instead of a chain of comparisons; a test checks all 256 bytes).
    @inline(__always) static func isBare(_ c: UInt8) -> Bool {
        inMasks(c, 0x07FF_F800_0000_0000, 0x07FF_FFFE_87FF_FFFF)
    }
    /// A field name's bytes: a-z A-Z 0-9 -.
    @inline(__always) static func isKeyByte(_ c: UInt8) -> Bool {
        inMasks(c, 0x03FF_2000_0000_0000, 0x07FF_FFFE_07FF_FFFE)
    }
    @inline(__always) static func inMasks(_ c: UInt8, _ low: UInt64, _ high: UInt64) -> Bool {
        c < 128 && ((c < 64 ? low : high) >> UInt64(c & 63)) & 1 != 0
    }

    /// The journal's lines as text: split at each LF (on bytes — as a `String`, CR LF would be one
    /// character and never split), a CR before the LF dropped (see `withoutCR`). The last element is
    /// what follows the last LF (empty for a whole journal).
    public static func lines<C: Collection<UInt8>>(_ bytes: C) -> [String] {
        bytes.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: withoutCR($0), as: UTF8.self) }
    }

    /// A line without the CR a Windows line ending (CR LF) leaves before its LF: a journal copied or
    /// synced through a tool that converts line endings still reads. bydelsmor writes LF only.
    @inline(__always) static func withoutCR<S: BidirectionalCollection<UInt8>>(_ line: S) -> S.SubSequence {
        line.last == 13 ? line.dropLast() : line[...]
    }

    /// Writes a value bare when it can be, quoted and escaped otherwise.
    public static func encodeValue(_ value: String, forceQuotes: Bool = false, into out: inout String) {
        if !forceQuotes, !value.isEmpty, value.utf8.allSatisfy(isBare) {
            out += value
            return
        }
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if needsEscape(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029
    }
}

/// One field of a parsed line: byte ranges into the line, and the column of the value for messages.
public struct RawField: Sendable {
    public var keyStart: Int, keyEnd: Int
    public var valueStart: Int, valueEnd: Int
    public var quoted: Bool
    /// Only for quoted values that contained a backslash escape.
    public var hasEscapes: Bool
}

/// A syntax problem at a byte offset of the line.
public struct SyntaxError: Error, Sendable {
    public var offset: Int
    public var message: Message
}

/// Splits one line (without its newline) into timestamp, actor, event name and fields,
/// working on bytes so a million lines replay quickly.
public struct RawLine {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var timestampEnd = 0
    /// The line's time, read once here.
    public var timestamp = Timestamp(secondsSince1970: 0)
    public var actorStart = 0, actorEnd = 0
    public var nameStart = 0, nameEnd = 0
    public var fields: [RawField] = []

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) {
        var scratch: [RawField] = []
        try self.init(parsing: bytes, reusing: &scratch)
    }

    /// Parses using `scratch`'s storage for the fields (and hands it back on the next call).
    public init(parsing bytes: UnsafeBufferPointer<UInt8>, reusing scratch: inout [RawField]) throws(SyntaxError) {
        self.bytes = bytes
        swap(&fields, &scratch)
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        var i = 0
        // Timestamp: YYYY-MM-DDTHH:MM:SSZ, optionally with fractional seconds before Z.
        while i < n && bytes[i] != 32 { i += 1 }
        timestampEnd = i
        guard let t = Timestamp(bytes: UnsafeBufferPointer(rebasing: bytes[0..<i])) else {
            throw SyntaxError(offset: 0, message: Message(
                "ugyldigt tidsstempel; forventede UTC i formen 2026-11-28T09:15:02Z",
                "invalid timestamp; expected UTC in the form 2026-11-28T09:15:02Z"))
        }
        timestamp = t
        guard i < n else { throw SyntaxError(offset: i,
                message: Message("linjen slutter efter tidsstemplet; forventede en aktør og en hændelse",
                                 "the line ends after the timestamp; expected an actor and an event")) }
        i += 1
        actorStart = i
        while i < n && bytes[i] != 32 {
            guard JournalSyntax.isBare(bytes[i]) else {
                throw SyntaxError(offset: i, message: Message("ugyldigt tegn i aktøren; tilladt er bogstaverne a-z, A-Z, tal og . _ - @",
                                                              "invalid character in the actor; allowed are a-z, A-Z, digits and . _ - @"))
            }
            i += 1
        }
        actorEnd = i
        guard actorEnd > actorStart else { throw SyntaxError(offset: i, message: Message("aktøren mangler", "the actor is missing")) }
        guard i < n else { throw SyntaxError(offset: i, message: Message("hændelsens navn mangler", "the event name is missing")) }
        i += 1
        nameStart = i
        while i < n && bytes[i] != 32 {
            let c = bytes[i]
            guard (c >= 97 && c <= 122) || c == 46 || c == 45 else {
                throw SyntaxError(offset: i, message: Message("ugyldigt tegn i hændelsens navn; tilladt er a-z, . og -",
                                                              "invalid character in the event name; allowed are a-z, . and -"))
            }
            i += 1
        }
        nameEnd = i
        guard nameEnd > nameStart else { throw SyntaxError(offset: i,
                                                           message: Message("hændelsens navn mangler", "the event name is missing")) }
        while i < n {
            // exactly one space between fields
            guard bytes[i] == 32 else { throw SyntaxError(offset: i, message: Message("forventede et mellemrum", "expected a space")) }
            i += 1
            let ks = i
            while i < n && JournalSyntax.isKeyByte(bytes[i]) { i += 1 }
            guard i > ks else { throw SyntaxError(offset: i,
                    message: Message("forventede et feltnavn (a-z, tal og -)", "expected a field name (a-z, digits and -)")) }
            guard i < n, bytes[i] == 61 else { throw SyntaxError(offset: i,
                    message: Message("forventede = efter feltnavnet", "expected = after the field name")) }
            let ke = i
            i += 1
            if i < n && bytes[i] == 34 {
                i += 1
                let vs = i
                var escapes = false
                while true {
                    guard i < n else { throw SyntaxError(offset: vs - 1,
                            message: Message("citationstegnet lukkes ikke", "the quotation mark is never closed")) }
                    let c = bytes[i]
                    if c == 34 { break }
                    if c < 0x20 || c == 0x7F { throw SyntaxError(offset: i,
                            message: Message("rå kontroltegn i en værdi; skriv \\n, \\t eller \\u{…}",
                                             "raw control character in a value; write \\n, \\t or \\u{…}")) }
                    if c == 92 {
                        escapes = true
                        i += 1
                        guard i < n else { throw SyntaxError(offset: i,
                                                             message: Message("ufuldstændig \\-sekvens", "incomplete \\ escape")) }
                    }
                    i += 1
                }
                fields.append(RawField(keyStart: ks, keyEnd: ke, valueStart: vs, valueEnd: i, quoted: true, hasEscapes: escapes))
                i += 1
            } else {
                let vs = i
                while i < n && bytes[i] != 32 {
                    guard JournalSyntax.isBare(bytes[i]) else {
                        throw SyntaxError(offset: i, message: Message("en værdi med dette tegn skal stå i anførselstegn",
                                                                      "a value with this character must be quoted"))
                    }
                    i += 1
                }
                guard i > vs else { throw SyntaxError(offset: i,
                        message: Message("værdien mangler; skriv \"\" for en tom værdi",
                                         "the value is missing; write \"\" for an empty value")) }
                fields.append(RawField(keyStart: ks, keyEnd: ke, valueStart: vs, valueEnd: i, quoted: false, hasEscapes: false))
            }
        }
    }

    public var actor: String { String(decoding: UnsafeBufferPointer(rebasing: bytes[actorStart..<actorEnd]), as: UTF8.self) }
    public var name: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]) }

    @inline(__always) public func key(_ f: RawField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[f.keyStart..<f.keyEnd])
    }
    @inline(__always) public func valueBytes(_ f: RawField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[f.valueStart..<f.valueEnd])
    }

    /// The value as text, escapes resolved and UTF-8 checked.
    public func text(_ f: RawField) throws(SyntaxError) -> String { try RawLine.text(f, of: bytes) }

    /// The line seen through pointers, for as long as `body` runs (no reference counting while a
    /// million lines are decoded).
    @inline(__always) func withView<R, E: Error>(_ body: (LineView) throws(E) -> R) throws(E) -> R {
        try fields.withUnsafeBufferPointer { (f) throws(E) -> R in
            try body(LineView(bytes: bytes, fields: f, nameStart: nameStart, nameEnd: nameEnd))
        }
    }

    static func text(_ f: RawField, of bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[f.valueStart..<f.valueEnd])
        guard f.hasEscapes else {
            guard let s = String(validating: raw, as: UTF8.self) else {
                throw SyntaxError(offset: f.valueStart, message: Message("værdien er ikke gyldig UTF-8", "the value is not valid UTF-8"))
            }
            return s
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let c = raw[i]
            guard c == 92 else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            switch e {
            case 92: out.append(92); i += 2
            case 34: out.append(34); i += 2
            case 110: out.append(10); i += 2
            case 116: out.append(9); i += 2
            case 114: out.append(13); i += 2
            case 117:
                var j = i + 2
                guard j < raw.count, raw[j] == 123 else { throw RawLine.escapeError(f.valueStart + i) }
                j += 1
                var v: UInt32 = 0, digits = 0
                while j < raw.count, raw[j] != 125 {
                    guard let h = hexValue(raw[j]), digits < 6 else { throw RawLine.escapeError(f.valueStart + i) }
                    v = v * 16 + h; digits += 1; j += 1
                }
                guard j < raw.count, digits > 0, let scalar = Unicode.Scalar(v) else { throw RawLine.escapeError(f.valueStart + i) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i = j + 1
            default: throw RawLine.escapeError(f.valueStart + i)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw SyntaxError(offset: f.valueStart, message: Message("værdien er ikke gyldig UTF-8", "the value is not valid UTF-8"))
        }
        return s
    }

    static func escapeError(_ offset: Int) -> SyntaxError {
        SyntaxError(offset: offset, message: Message("ukendt \\-sekvens; tilladt er \\\\ \\\" \\n \\t \\r og \\u{hex}",
                                                     "unknown \\ escape; allowed are \\\\ \\\" \\n \\t \\r and \\u{hex}"))
    }
}

/// A parsed line's bytes and fields as pointers, valid inside `RawLine.withView`.
struct LineView {
    let bytes: UnsafeBufferPointer<UInt8>
    let fields: UnsafeBufferPointer<RawField>
    let nameStart: Int, nameEnd: Int

    var name: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]) }
    @inline(__always) func key(_ f: RawField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[f.keyStart..<f.keyEnd])
    }
    @inline(__always) func valueBytes(_ f: RawField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[f.valueStart..<f.valueEnd])
    }
    func text(_ f: RawField) throws(SyntaxError) -> String { try RawLine.text(f, of: bytes) }
}

@inline(__always) func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 48...57: UInt32(c - 48)
    case 97...102: UInt32(c - 87)
    case 65...70: UInt32(c - 55)
    default: nil
    }
}

@inline(__always) func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: StaticString) -> Bool {
    guard a.count == b.utf8CodeUnitCount else { return false }
    let p = b.utf8Start
    for i in 0..<a.count where a[i] != p[i] { return false }
    return true
}

/// A moment in UTC to the second, written `2026-11-28T09:15:02Z`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSince1970: Int64
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    public init?(bytes b: UnsafeBufferPointer<UInt8>) {
        // 2026-11-28T09:15:02Z, or with .fff before the Z
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[b.count - 1] == 90 else { return nil }
        @inline(__always) func num(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        if b.count > 20 {
            guard b[19] == 46, b.count > 21, num(20, b.count - 21) != nil else { return nil }
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              h < 24, mi < 60, s < 61,
              // A timestamp comes from a clock, which may be wrong (a PC without a battery starts in
              // 1970); it is kept as written, in a wider range than dates a person enters.
              (1970...2199).contains(y), (1...12).contains(mo), d >= 1, d <= Day.daysIn(month: mo, year: y) else { return nil }
        secondsSince1970 = Int64(Day(civil: y, mo, d).ordinal) * 86400 + Int64(h * 3600 + mi * 60 + s)
    }

    public init?(_ text: String) {
        var t = text
        let r: Timestamp? = t.withUTF8 { Timestamp(bytes: $0) }
        guard let r else { return nil }
        self = r
    }

    /// The UTC date (the journal's own clock). For a date a person sees or a year a figure
    /// falls in, use `copenhagenDay`.
    public var day: Day { Day(ordinal: Int32(secondsSince1970 >= 0 ? secondsSince1970 / 86400 : (secondsSince1970 - 86399) / 86400)) }

    /// The date in Europe/Copenhagen: UTC+1, and UTC+2 from 01:00 UTC on the last Sunday of March
    /// to 01:00 UTC on the last Sunday of October (the EU rule since 1996). A project begun at
    /// 00:30 on 1 January Danish time began in the new year, whatever the machine's time zone.
    public var copenhagenDay: Day {
        let utc = day
        let y = utc.year
        func lastSunday(_ month: Int) -> Int64 {
            let last = Day(civil: y, month, 31)
            return Int64(last.adding(days: -(last.weekday % 7)).ordinal) * 86400 + 3600
        }
        let summer = secondsSince1970 >= lastSunday(3) && secondsSince1970 < lastSunday(10)
        let local = secondsSince1970 + (summer ? 7200 : 3600)
        return Day(ordinal: Int32(local >= 0 ? local / 86400 : (local - 86399) / 86400))
    }

    public var iso: String {
        let d = day
        let rest = Int(secondsSince1970 - Int64(d.ordinal) * 86400)
        return d.iso + "T" + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2) + "Z"
    }
    public var description: String { iso }
}
