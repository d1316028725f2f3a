import BydelsmorCore

/// What a cell means, not its colour: the terminal maps roles to colours (or, with NO_COLOR, to
/// bold/reverse/underline), so screens stay readable in monochrome.
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal, title, header, selected, dim, accent, warning, error, ok
    case gaugeFill, gaugeRange, gaugeOver, gaugeEmpty
    case today, sessionDay, holiday, statusBar, key, tabActive, tabInactive, border, banner
}

/// One terminal cell: a grapheme (or "" for the right half of a wide one) and its role.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String = " ", _ role: StyleRole = .normal) { self.text = text; self.role = role }
    public static let blank = Cell()
    /// The right half of a two-column character.
    public var isContinuation: Bool { text.isEmpty }
}

public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(_ dx: Int, _ dy: Int) -> Rect { Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy) }
    /// Splits off `w` columns on the left; the rest (after a gap) on the right.
    public func splitColumns(_ w: Int, gap: Int = 1) -> (Rect, Rect) {
        let left = min(w, width)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: x + left + gap, y: y, width: width - left - gap, height: height))
    }
    public func splitRows(_ h: Int, gap: Int = 0) -> (Rect, Rect) {
        let top = min(h, height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top + gap, width: width, height: height - top - gap))
    }
    public func row(_ i: Int) -> Rect { Rect(x: x, y: y + i, width: width, height: i < height ? 1 : 0) }
}

/// The screen as width × height cells. Panes draw into it; the terminal shows its differences.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public mutating func fill(_ r: Rect, _ role: StyleRole, _ ch: String = " ") {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) { self[x, y] = Cell(ch, role) }
        }
    }

    /// Writes text from (x, y), clipped to `limit` columns (default: to the grid's edge).
    /// Control characters are shown harmlessly; wide characters take two cells.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, _ role: StyleRole = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let maxX = min(width, x + (limit ?? width))
        var cx = x
        for ch in Text.safe(text) {
            let w = Text.width(ch)
            if w == 0 {
                // A lone combining mark: attach it to the previous cell.
                if cx > x, cx - 1 >= 0, cx - 1 < width { self[cx - 1, y].text.append(ch) }
                continue
            }
            if cx + w > maxX { break }
            if cx >= 0 {
                // Overwriting half of a wide character blanks its other half.
                if self[cx, y].isContinuation, cx > 0 { self[cx - 1, y] = Cell(" ", self[cx - 1, y].role) }
                if cx + w < width, self[cx + w, y].isContinuation { self[cx + w, y] = Cell(" ", self[cx + w, y].role) }
                self[cx, y] = Cell(String(ch), role)
                // A wide character (or a sequence of them) covers the cells to its right.
                for k in 1..<max(1, w) { self[cx + k, y] = Cell("", role) }
            }
            cx += w
        }
        return cx - x
    }

    /// Like put, but clipped to a rect's row and width; ellipsis when cut.
    @discardableResult
    public mutating func put(_ text: String, in r: Rect, row: Int = 0, col: Int = 0, _ role: StyleRole = .normal,
                             ellipsis: Bool = true) -> Int {
        guard row < r.height, col < r.width else { return 0 }
        let room = r.width - col
        let t = ellipsis ? Text.truncate(text, to: room) : text
        return put(t, x: r.x + col, y: r.y + row, role, limit: room)
    }

    /// The screen as plain text lines (trailing spaces kept), for tests and dumps.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += self[x, y].text }
            return s
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// The style roles as text, one letter a cell (see `StyleRole.letter`), so tests that compare
    /// screens as text also see which row is selected, what is a warning and what is dimmed.
    public var roleText: String {
        var rows: [String] = []
        rows.reserveCapacity(height)
        for y in 0..<height {
            var row = ""
            for x in 0..<width { row.append(self[x, y].role.letter) }
            while row.last == " " { row.removeLast() }
            rows.append(row)
        }
        return rows.joined(separator: "\n")
    }
}

extension StyleRole {
    /// One letter a role, for `Grid.roleText`: blank normal, S selected, W warning, E error, d dim,
    /// o ok, A accent, T title, H header, k key, b status bar, a/i active/inactive tab, B banner,
    /// t today, s session day, h holiday, f/r/v/e gauge fill/range/over/empty, . border.
    public var letter: Character {
        switch self {
        case .normal: " "
        case .title: "T"
        case .header: "H"
        case .selected: "S"
        case .dim: "d"
        case .accent: "A"
        case .warning: "W"
        case .error: "E"
        case .ok: "o"
        case .gaugeFill: "f"
        case .gaugeRange: "r"
        case .gaugeOver: "v"
        case .gaugeEmpty: "e"
        case .today: "t"
        case .sessionDay: "s"
        case .holiday: "h"
        case .statusBar: "b"
        case .key: "k"
        case .tabActive: "a"
        case .tabInactive: "i"
        case .border: "."
        case .banner: "B"
        }
    }
}
