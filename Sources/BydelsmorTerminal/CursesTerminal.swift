import BydelsmorCore
import Foundation
import BydelsmorUI
import CNcursesw

/// The only code that talks to ncursesw. It writes the changed cells of each frame, reads keys
/// with get_wch, owns colours and resizing, and restores the terminal on every way out.
public final class CursesTerminal: TerminalBackend {
    public private(set) var width = 0
    public private(set) var height = 0
    private var last: Grid?
    private var attrs: [StyleRole: (attr: attr_t, pair: Int16)] = [:]
    private var open = false

    public enum StartError: Error {
        case notUTF8
        case noTerminal
        /// TERM=dumb, no TERM, or a type terminfo does not know: named, so the message can say it.
        case unknownTerminal(String)
    }

    /// The locale the environment named, when it is not installed and C.UTF-8 is used instead.
    public private(set) var localeFallback: String?

    /// Starts full-screen mode. Refuses without a UTF-8 locale rather than draw garbage; a named
    /// locale that is not installed falls back to C.UTF-8 (as htop and calcurse start).
    public init(colours: Bool, kiosk: Bool = false) throws(StartError) {
        let env = ProcessInfo.processInfo.environment
        if bm_set_locale() != 0 {
            localeFallback = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? "?"
        }
        guard bm_locale_is_utf8() != 0 else { throw .notUTF8 }
        guard isatty(0) != 0, isatty(1) != 0 else { throw .noTerminal }
        let term = env["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb", bm_terminal_known() != 0 else { throw .unknownTerminal(term) }
        bm_install_signal_handlers(kiosk ? 1 : 0)
        guard initscr() != nil else { throw .noTerminal }
        open = true
        raw()
        noecho()
        nonl()
        keypad(bm_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        leaveok(bm_stdscr(), true)
        setupColours(colours && has_colors())
        bm_bracketed_paste(1)
        width = Int(bm_cols()); height = Int(bm_lines())
    }

    deinit { restore() }

    /// Leaves full-screen mode; safe to call more than once.
    public func restore() {
        guard open else { return }
        open = false
        curs_set(1)
        bm_bracketed_paste(0)
        endwin()
    }

    /// Set when the terminal itself went away (a closed window or a dropped connection without SIGHUP).
    private var hungUp = false

    public var stopRequested: Bool { bm_signal() != 0 || hungUp }

    private func setupColours(_ useColour: Bool) {
        let A = bm_a_bold(), R = bm_a_reverse(), U = bm_a_underline(), N = bm_a_normal(), D = bm_a_dim()
        // Monochrome: roles by attribute alone (NO_COLOR, or a terminal without colour).
        var mono: [StyleRole: attr_t] = [
            .title: A, .header: A | U, .selected: R, .dim: D, .accent: A, .warning: A, .error: A | R, .ok: N,
            .gaugeFill: N, .gaugeRange: N, .gaugeOver: A, .gaugeEmpty: D, .today: U | A, .sessionDay: A, .holiday: U,
            .statusBar: R, .key: R | A, .tabActive: A | U, .tabInactive: R, .border: N, .banner: R | A,
        ]
        mono[.normal] = N
        guard useColour, start_color() == OK else {
            for role in StyleRole.allCases { attrs[role] = (mono[role] ?? N, 0) }
            return
        }
        use_default_colors()
        let colours: [StyleRole: (Int16, Int16, attr_t)] = [
            .normal: (-1, -1, N), .title: (Int16(COLOR_CYAN), -1, A), .header: (Int16(COLOR_YELLOW), -1, A),
            .selected: (Int16(COLOR_BLACK), Int16(COLOR_CYAN), N), .dim: (-1, -1, D), .accent: (Int16(COLOR_CYAN), -1, A),
            .warning: (Int16(COLOR_YELLOW), -1, A), .error: (Int16(COLOR_WHITE), Int16(COLOR_RED), A), .ok: (Int16(COLOR_GREEN), -1, N),
            .gaugeFill: (Int16(COLOR_GREEN), -1, N), .gaugeRange: (Int16(COLOR_YELLOW), -1, N), .gaugeOver: (Int16(COLOR_RED), -1, A),
            .gaugeEmpty: (-1, -1, D), .today: (Int16(COLOR_BLACK), Int16(COLOR_YELLOW), A), .sessionDay: (Int16(COLOR_CYAN), -1, A),
            .holiday: (Int16(COLOR_RED), -1, N), .statusBar: (Int16(COLOR_BLACK), Int16(COLOR_WHITE),
                                                              N), .key: (Int16(COLOR_WHITE), Int16(COLOR_BLUE), A),
            .tabActive: (Int16(COLOR_BLACK), Int16(COLOR_CYAN), A), .tabInactive: (Int16(COLOR_BLACK), Int16(COLOR_WHITE), N),
            .border: (Int16(COLOR_BLUE), -1, N), .banner: (Int16(COLOR_WHITE), Int16(COLOR_RED), A),
        ]
        for (i, role) in StyleRole.allCases.enumerated() {
            let c = colours[role] ?? (-1, -1, N)
            let pair = Int16(i + 1)
            init_pair(pair, c.0, c.1)
            attrs[role] = (c.2, pair)
        }
    }

    public func present(_ grid: Grid) {
        if grid.width != width || grid.height != height { last = nil }
        let spans = grid.changes(from: last)
        var current: StyleRole?
        for span in spans {
            var x = span.x
            var run: [wchar_t] = []
            var runStart = x
            func flush() {
                guard !run.isEmpty else { return }
                _ = bm_put(Int32(span.y), Int32(runStart), run + [0], Int32(run.count))
                run.removeAll(keepingCapacity: true)
            }
            for cell in span.cells {
                // The right half of a wide character: its left half already moved x by two.
                if cell.isContinuation { continue }
                if cell.role != current {
                    flush()
                    runStart = x
                    current = cell.role
                    let a = attrs[cell.role] ?? (bm_a_normal(), 0)
                    attr_set(a.attr, a.pair, nil)
                }
                if run.isEmpty { runStart = x }
                for u in cell.text.unicodeScalars { run.append(wchar_t(bitPattern: u.value)) }
                // A cell may hold a character and marks attached to it: its width is their sum.
                x += max(1, Text.width(cell.text))
            }
            flush()
        }
        refresh()
        last = grid
    }

    /// Everything up to the end of a bracketed paste, as text. A paste whose end never comes (a
    /// terminal that dropped it) ends after a second without input.
    private func readPaste() -> Key {
        var text = String.UnicodeScalarView()
        timeout(1000)
        while text.count < 100_000 {
            var ch: wint_t = 0
            let r = get_wch(&ch)
            if r == ERR { break }
            if r == bm_key_code_yes() {
                if Int32(ch) == bm_paste_end() { break }
                if Int32(ch) == KEY_ENTER { text.append("\n") }
                continue
            }
            if ch == 13 { text.append("\n"); continue }
            if let u = Unicode.Scalar(UInt32(ch)) { text.append(u) }
        }
        return .paste(String(text))
    }

    public func nextKey(timeoutMs: Int) -> Key? {
        timeout(Int32(timeoutMs))
        var ch: wint_t = 0
        let r = get_wch(&ch)
        if r == ERR {
            // A timeout is normal; an error on a terminal that hung up would otherwise spin forever.
            if bm_input_gone() != 0 { hungUp = true }
            return nil
        }
        if r == bm_key_code_yes() && Int32(ch) == bm_paste_begin() { return readPaste() }
        if r == bm_key_code_yes() {
            switch Int32(ch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_RESIZE:
                width = Int(bm_cols()); height = Int(bm_lines())
                last = nil
                clear()
                return .resize
            case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(Int32(ch) - KEY_F0))
            default: return nil
            }
        }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let u = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(u))
        }
    }
}
