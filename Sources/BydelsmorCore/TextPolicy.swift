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
