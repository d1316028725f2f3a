import BydelsmorCore

/// Display width and safe display of text. A terminal column is not a Character: æøå take one,
/// 日 and most emoji take two, combining marks none — as the C library's wcwidth says.
public enum Text {
    /// The Core's one rule (`TextPolicy.width`): what the terminal library will advance.
    public static func width(_ ch: Character) -> Int { TextPolicy.width(ch) }

    public static func width(_ s: String) -> Int { s.reduce(0) { $0 + width($1) } }

    /// Text as it may safely reach a terminal: the Core's one rule (`TextPolicy.safe`).
    public static func safe(_ s: String) -> String { TextPolicy.safe(s) }

    /// Cut to `columns`, ending in "…" when cut.
    public static func truncate(_ s: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let safe = safe(s)
        if width(safe) <= columns { return safe }
        var out = "", w = 0
        for ch in safe {
            let cw = width(ch)
            if w + cw > columns - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }

    /// Pads (or cuts) to exactly `columns`.
    public static func pad(_ s: String, _ columns: Int, right: Bool = false) -> String {
        let t = truncate(s, to: columns)
        let gap = String(repeating: " ", count: max(0, columns - width(t)))
        return right ? gap + t : t + gap
    }
}
