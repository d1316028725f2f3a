import BydelsmorCore

/// Display width and safe display of text. A terminal column is not a Character: æøå take one,
/// 日 and most emoji take two, combining marks none — as the C library's wcwidth says.
public enum Text {
    /// The Core's one rule (`TextPolicy.width`): what the terminal library will advance.
    public static func width(_ ch: Character) -> Int { TextPolicy.width(ch) }

    public static func width(_ s: String) -> Int { TextPolicy.width(s) }

    /// Text as it may safely reach a terminal: the Core's one rule (`TextPolicy.safe`).
    public static func safe(_ s: String) -> String { TextPolicy.safe(s) }

    /// Cut to `columns`, ending in "…" when cut (`TextPolicy.truncate`).
    public static func truncate(_ s: String, to columns: Int) -> String { TextPolicy.truncate(s, to: columns) }

    /// Broken into lines of at most `columns` (`TextPolicy.wrap`).
    public static func wrap(_ s: String, width columns: Int) -> [String] { TextPolicy.wrap(s, width: columns) }

    /// Pads (or cuts) to exactly `columns` (`TextPolicy.pad`).
    public static func pad(_ s: String, _ columns: Int, right: Bool = false) -> String { TextPolicy.pad(s, columns, right: right) }
}
