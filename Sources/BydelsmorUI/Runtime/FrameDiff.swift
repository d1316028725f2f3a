/// A run of changed cells on one row: what the terminal must write.
public struct Span: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

extension Grid {
    /// The cells that differ from `previous`, as runs per row. A run never starts on the right
    /// half of a wide character. With no previous frame (or another size) everything is a change.
    public func changes(from previous: Grid?) -> [Span] {
        var spans: [Span] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                if !full && self[x, y] == previous![x, y] { x += 1; continue }
                var start = x
                if self[start, y].isContinuation && start > 0 { start -= 1 }
                // Extend over changed cells, bridging gaps of up to three unchanged ones
                // (rewriting three cells is cheaper than moving the cursor).
                var lastChanged = x
                var i = x + 1
                while i < width && i - lastChanged <= 4 {
                    if full || self[i, y] != previous![i, y] { lastChanged = i }
                    i += 1
                }
                var end = lastChanged + 1
                if end < width && self[end, y].isContinuation { end += 1 }
                spans.append(Span(x: start, y: y, cells: Array(cells[(y * width + start)..<(y * width + end)])))
                x = max(end, x + 1)
            }
        }
        return spans
    }
}
