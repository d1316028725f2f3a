import BydelsmorCore

/// What a run loop drives: the full-screen program, the kiosk, or anything else that turns keys and
/// time into frames. The loop owns the terminal; a program only answers.
public protocol Program: AnyObject {
    /// The terminal's size, before the first key and after every resize.
    func resize(width: Int, height: Int)
    /// One key at `now` (monotonic seconds). False when the program should end.
    func handle(_ key: Key, now: Double) -> Bool
    /// Time passed (about once a second): take in others' changes, follow the date. True when the
    /// screen must be drawn again.
    func tick(now: Double, today: Day?) -> Bool
    func render(width: Int, height: Int) -> Grid
}

/// The one loop: draw, wait for a key (or a quarter second), handle it, and about once a second let
/// the program take in what other processes wrote.
public enum RunLoop {
    /// `today` gives the date each tick (nil: the date is fixed, as with BYDELSMOR_TODAY).
    public static func run(_ program: Program, on term: TerminalBackend, today: (() -> Day)? = nil) {
        let clock = ContinuousClock()
        let start = clock.now
        func seconds() -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        var dirty = true
        var lastTick = seconds()
        program.resize(width: term.width, height: term.height)
        while !term.stopRequested {
            if dirty {
                term.present(program.render(width: term.width, height: term.height))
                dirty = false
            }
            if let key = term.nextKey(timeoutMs: 250) {
                dirty = true
                if key == .resize { program.resize(width: term.width, height: term.height) }
                if !program.handle(key, now: seconds()) { break }
            }
            let now = seconds()
            if now - lastTick >= 0.9 {
                lastTick = now
                if program.tick(now: now, today: today?()) { dirty = true }
            }
        }
    }
}

extension App: Program {
    public func handle(_ key: Key, now: Double) -> Bool { handle(key) }
    public func tick(now: Double, today: Day?) -> Bool { refresh(today: today) }
}

extension KioskApp: Program {}
