import Foundation

/// The one rule for text that reaches a terminal, on screen or in a message on stderr.
public enum TextPolicy {
    /// Text as it may safely reach a terminal: control characters (C0, DEL, C1) become "�",
    /// bidirectional overrides are dropped, line breaks become spaces. Nothing a person typed,
    /// a CSV cell or a journal line holds can move the cursor, change colours, retitle the
    /// window or write the clipboard (ESC ] 52).
    public static func safe(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsCare) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x0A || v == 0x0D || v == 0x09 || v == 0x2028 || v == 0x2029 { out.append(" ") }
            else if v < 0x20 || (v >= 0x7F && v < 0xA0) { out.append("\u{FFFD}") }
            else if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { continue }
            else { out.append(u) }
        }
        return String(out)
    }

    static func needsCare(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}


extension TextPolicy {
    /// Text folded for search: lower case, without diacritics, letters that have no decomposition
    /// spelled out (ı → i, ø → o, æ → ae, ß → ss), as UTF-8 bytes. The query is folded the same
    /// way, so "ayse" finds Ayşe, "yilmaz" Yılmaz and "soren" Søren.
    public static func searchKey(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars { fold(u, into: &out, danishOrder: false) }
        return out
    }

    /// The order of two sort keys (`danishSortKey`): negative, zero or positive, in one pass
    /// (bytes compared as unsigned; a key that is the start of the other comes first).
    public static func compareKeys(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, n))
                return c != 0 ? c : x.count - y.count
            }
        }
    }

    /// A key that sorts names the Danish way (as ICU's da collation does): case and accents
    /// ignored (Ş with S, É with E, Ç with C, İ with I), then Æ, Ø and Å after Z, in that order;
    /// Ä sorts as Æ, Ö as Ø, Ü as Y, and "aa" as Å ("Aase" among the Å's).
    public static func danishSortKey(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var previousA = false
        for u in s.unicodeScalars {
            let isA = u == "a" || u == "A"
            if isA && previousA, out.last == 97 { out[out.count - 1] = 0x7D; previousA = false; continue }
            previousA = isA
            fold(u, into: &out, danishOrder: true)
        }
        return out
    }

    private static func fold(_ u: Unicode.Scalar, into out: inout [UInt8], danishOrder: Bool) {
        let v = u.value
        if v < 0x80 {
            out.append(v >= 65 && v <= 90 ? UInt8(v + 32) : UInt8(v))
            return
        }
        switch v {
        case 0xE6, 0xC6: out.append(contentsOf: danishOrder ? [0x7B] : [97, 101])       // æ: after z / "ae"
        case 0xF8, 0xD8: out.append(danishOrder ? 0x7C : 111)                            // ø
        case 0xE5, 0xC5: out.append(contentsOf: danishOrder ? [0x7D] : [97, 97])        // å: last / "aa" ("aase" finds Åse)
        case 0xE4, 0xC4 where danishOrder: out.append(0x7B)                              // ä as æ
        case 0xF6, 0xD6 where danishOrder: out.append(0x7C)                              // ö as ø
        case 0xFC, 0xDC where danishOrder: out.append(121)                               // ü as y
        case 0x131: out.append(105)                                                      // ı
        case 0xDF: out.append(contentsOf: [115, 115])                                    // ß
        case 0x111, 0x110: out.append(100)                                               // đ
        case 0x142, 0x141: out.append(108)                                               // ł
        case 0x153, 0x152: out.append(contentsOf: [111, 101])                            // œ
        default:
            let base = String(u).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? u
            if base.value < 0x80 { fold(base, into: &out, danishOrder: danishOrder); return }
            out.append(contentsOf: Array(String(base).lowercased().utf8))
        }
    }

    /// Whether `needle` occurs in `haystack` (both folded with `searchKey`).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                // The C library finds each candidate first byte; memcmp checks the rest.
                let base = h.baseAddress!, end = h.count - n.count
                var i = 0
                while i <= end {
                    guard let hit = memchr(base + i, Int32(n[0]), end - i + 1) else { return false }
                    i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}

extension TextPolicy {
    /// Columns a code point takes on the terminal: the C library's `wcwidth` (through the generated
    /// table), with control characters as 0 (they never reach the screen: `safe` replaces them) and
    /// code points it does not know as 1.
    public static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0xA0 { return v < 0x20 || v >= 0x7F ? 0 : 1 }
        if inTable(doubleWidth, v) { return 2 }
        if inTable(zeroWidth, v) { return 0 }
        return 1
    }

    /// Columns a character takes: the sum over its code points, as the terminal library adds them
    /// (an emoji with U+FE0F takes the columns of its base, a ZWJ sequence those of its parts).
    public static func width(_ ch: Character) -> Int {
        var w = 0
        for u in ch.unicodeScalars { w += width(u) }
        return w
    }

    private static func inTable(_ t: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = t.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < t[mid].0 { hi = mid - 1 } else if v > t[mid].1 { lo = mid + 1 } else { return true }
        }
        return false
    }
}

extension TextPolicy {
    /// Columns a string takes on the terminal.
    public static func width(_ s: String) -> Int { s.reduce(0) { $0 + width($1) } }

    /// Made safe and cut to `columns`, ending in "…" when cut.
    public static func truncate(_ s: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let text = safe(s)
        if width(text) <= columns { return text }
        var out = "", w = 0
        for ch in text {
            let cw = width(ch)
            if w + cw > columns - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }

    /// Made safe and broken into lines of at most `columns`, at spaces where there are any (a word
    /// longer than a line is broken inside): wrapped, never cut, so a figure is always whole.
    public static func wrap(_ s: String, width columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = [], line = "", w = 0
        for word in safe(s).split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            let ww = width(word)
            if w > 0 && w + 1 + ww <= columns { line += " " + word; w += 1 + ww; continue }
            if w > 0 { lines.append(line); line = ""; w = 0 }
            while width(word) > columns {
                var head = "", hw = 0
                for ch in word { let cw = width(ch); if hw + cw > columns { break }; head.append(ch); hw += cw }
                if head.isEmpty { break }
                lines.append(head); word = String(word.dropFirst(head.count))
            }
            line = word; w = width(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Padded (or cut) to exactly `columns`.
    public static func pad(_ s: String, _ columns: Int, right: Bool = false) -> String {
        let t = truncate(s, to: columns)
        let gap = String(repeating: " ", count: max(0, columns - width(t)))
        return right ? gap + t : t + gap
    }
}
