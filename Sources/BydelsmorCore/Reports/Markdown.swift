/// Text a person typed, as it may stand in a markdown document: in a table cell, a list item or
/// a heading. Markdown would read `<b>`, `|`, `*`, `_`, `[x](y)` and a line break as structure or
/// HTML; here each is a character: HTML's specials as entities, markdown's punctuation with a
/// backslash, a `\|` typed by a person as a backslash and a bar (never a column break), a line
/// break as a space.
public enum Markdown {
    public static func text(_ s: String) -> String {
        var o = ""
        o.reserveCapacity(s.utf8.count)
        for c in TextPolicy.safe(s) {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~", "!": o += "\\" + String(c)
            default: o.append(c)
            }
        }
        return o
    }
}
