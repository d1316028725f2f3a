/// One line of editable text with a cursor, as a person expects: letters (æøå and any other)
/// typed directly, ← → Home End, Backspace, Delete, Ctrl-U (clear before the cursor), Ctrl-K (after).
public struct LineEditor: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    public var maxLength: Int
    /// The text as the field opened, not touched yet: the first letter typed replaces it (as a
    /// selected field does elsewhere); a cursor key keeps it for editing.
    public private(set) var untouched: Bool

    public init(_ text: String = "", maxLength: Int = 2000) {
        chars = Array(text); cursor = chars.count; self.maxLength = maxLength; untouched = !text.isEmpty
    }

    public var text: String { String(chars) }

    /// Handles an editing key; false if the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        if untouched {
            untouched = false
            if case .char = key { chars = []; cursor = 0 }
            if case .paste = key { chars = []; cursor = 0 }
        }
        switch key {
        case .char(let c):
            guard chars.count < maxLength else { return true }
            chars.insert(c, at: cursor); cursor += 1
        case .paste(let text):
            // One line: line breaks and tabs become spaces, other control characters are dropped.
            var add: [Character] = []
            for c in text {
                if c == "\n" || c == "\r\n" || c == "\r" || c == "\t" { add.append(" ") }
                else if c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) }) { add.append(c) }
            }
            add = Array(add.prefix(max(0, maxLength - chars.count)))
            chars.insert(contentsOf: add, at: cursor); cursor += add.count
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .backspace, .ctrl("h"):
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < chars.count { chars.remove(at: cursor) }
        case .ctrl("u"): chars.removeSubrange(0..<cursor); cursor = 0
        case .ctrl("k"): chars.removeSubrange(cursor...)
        default: return false
        }
        return true
    }

    /// The visible part for `width` columns, keeping the cursor in view; returns text and cursor column.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        var start = 0
        func w(_ r: Range<Int>) -> Int { chars[r].reduce(0) { $0 + Text.width($1) } }
        while w(start..<cursor) > width - 1 { start += 1 }
        var end = cursor
        while end < chars.count && w(start..<(end + 1)) <= width - 1 { end += 1 }
        return (Text.safe(String(chars[start..<end])), w(start..<cursor))
    }
}
