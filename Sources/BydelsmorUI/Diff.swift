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

/// The screen as the program sees it. The ncurses backend and the in-memory one for tests.
public protocol TerminalBackend: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Shows the frame, writing only what changed since the last one.
    func present(_ grid: Grid)
    /// The next key, or nil after `timeoutMs` without one.
    func nextKey(timeoutMs: Int) -> Key?
    /// Set when a signal (SIGTERM, SIGHUP) asks the program to end.
    var stopRequested: Bool { get }
}

/// A terminal in memory: keys from a list, frames kept as grids, for tests.
public final class MemoryTerminal: TerminalBackend {
    public var width: Int
    public var height: Int
    public var keys: [Key]
    public private(set) var frames: [Grid] = []
    public private(set) var writtenCells = 0
    /// Cells written for each frame, first frame first.
    public private(set) var writtenPerFrame: [Int] = []
    public var stopRequested = false

    public init(width: Int, height: Int, keys: [Key]) {
        self.width = width; self.height = height; self.keys = keys
    }

    public func present(_ grid: Grid) {
        let n = grid.changes(from: frames.last).reduce(0) { $0 + $1.cells.count }
        writtenCells += n
        writtenPerFrame.append(n)
        frames.append(grid)
    }

    public func nextKey(timeoutMs: Int) -> Key? {
        guard !keys.isEmpty else { stopRequested = true; return nil }
        let k = keys.removeFirst()
        if case .resize = k {} else { return k }
        return .resize
    }

    public var screen: String { frames.last?.text ?? "" }
}

/// The program's loop: draw, wait for a key (or a second), handle it, pick up others' changes.
public enum RunLoop {
    public static func run(_ app: App, on term: TerminalBackend, today: () -> Day = { Day(ordinal: 0) }, useClock: Bool = false) {
        var dirty = true
        let clock = ContinuousClock()
        var lastRefresh = clock.now
        while !term.stopRequested {
            if dirty {
                term.present(app.render(width: term.width, height: term.height))
                dirty = false
            }
            if let key = term.nextKey(timeoutMs: 250) {
                dirty = true
                if !app.handle(key) { break }
            }
            // Take in what other processes appended, about once a second (never per key).
            if clock.now - lastRefresh >= .milliseconds(900) {
                lastRefresh = clock.now
                if app.refresh(today: useClock ? today() : nil) { dirty = true }
            }
        }
    }
}
import BydelsmorCore
