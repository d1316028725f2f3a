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
