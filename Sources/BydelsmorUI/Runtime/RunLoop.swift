import BydelsmorCore

/// The program's loop: draw, wait for a key (or a second), handle it, pick up others' changes.
public enum RunLoop {
    public static func run(_ app: App, on term: TerminalBackend, today: () -> Day = { Day(ordinal: 0) }, useClock: Bool = false) {
        var dirty = true
        let clock = ContinuousClock()
        var lastRefresh = clock.now
        app.resize(width: term.width, height: term.height)
        while !term.stopRequested {
            if dirty {
                term.present(app.render(width: term.width, height: term.height))
                dirty = false
            }
            if let key = term.nextKey(timeoutMs: 250) {
                dirty = true
                if key == .resize { app.resize(width: term.width, height: term.height) }
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
