/// A small, strict JSON reader for the summaries: objects, arrays, strings, numbers (kept as their
/// text, so whole numbers and amounts are told apart exactly), true, false, null. Duplicate keys
/// and trailing text are errors.
public indirect enum JSONValue: Equatable, Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public struct Invalid: Error, Sendable { public var offset: Int; public var what: String }

    public static func parse(_ bytes: [UInt8]) throws(Invalid) -> JSONValue {
        var p = Parser(b: bytes, i: 0)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        let v = try p.value(depth: 0)
        p.space()
        guard p.i == bytes.count else { throw Invalid(offset: p.i, what: "text after the value") }
        return v
    }

    /// A whole number ≥ 0 written without a fraction or exponent.
    public var wholeNumber: Int? {
        guard case .number(let t) = self, !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), t.count <= 12 else { return nil }
        return Int(t)
    }

    struct Parser {
        let b: [UInt8]
        var i: Int

        mutating func space() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }

        mutating func value(depth: Int) throws(Invalid) -> JSONValue {
            guard depth < 32 else { throw Invalid(offset: i, what: "nested too deep") }
            space()
            guard i < b.count else { throw Invalid(offset: i, what: "unexpected end") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1; var o: [String: JSONValue] = [:]
                space()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                while true {
                    space()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Invalid(offset: i, what: "a key") }
                    let k = try string()
                    space()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw Invalid(offset: i, what: "':'") }
                    i += 1
                    guard o[k] == nil else { throw Invalid(offset: i, what: "the key \"\(k)\" twice") }
                    o[k] = try value(depth: depth + 1)
                    space()
                    guard i < b.count else { throw Invalid(offset: i, what: "unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                    throw Invalid(offset: i, what: "',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1; var a: [JSONValue] = []
                space()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                while true {
                    a.append(try value(depth: depth + 1))
                    space()
                    guard i < b.count else { throw Invalid(offset: i, what: "unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                    throw Invalid(offset: i, what: "',' or ']'")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default:
                let start = i
                while i < b.count, "-+.eE0123456789".utf8.contains(b[i]) { i += 1 }
                let t = String(decoding: b[start..<i], as: UTF8.self)
                guard i > start, Double(t) != nil else { throw Invalid(offset: start, what: "a value") }
                return .number(t)
            }
        }

        mutating func word(_ w: String) throws(Invalid) {
            let u = Array(w.utf8)
            guard i + u.count <= b.count, Array(b[i..<(i + u.count)]) == u else { throw Invalid(offset: i, what: w) }
            i += u.count
        }

        mutating func string() throws(Invalid) -> String {
            i += 1
            var out: [UInt8] = []
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if c < 0x20 { throw Invalid(offset: i, what: "a control character in a string") }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < b.count else { break }
                    let e = b[i + 1]; i += 2
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self),
                                                               radix: 16) else { throw Invalid(offset: i, what: "\\u and four hex digits") }
                        i += 4
                        var scalar = v
                        if (0xD800..<0xDC00).contains(v), i + 6 <= b.count, b[i] == 0x5C, b[i + 1] == UInt8(ascii: "u"),
                           let lo = UInt32(String(decoding: b[(i + 2)..<(i + 6)], as: UTF8.self),
                                           radix: 16), (0xDC00..<0xE000).contains(lo) {
                            scalar = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00); i += 6
                        }
                        out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                    default: throw Invalid(offset: i - 1, what: "a known escape")
                    }
                    continue
                }
                out.append(c); i += 1
            }
            throw Invalid(offset: i, what: "the end of a string")
        }
    }
}
