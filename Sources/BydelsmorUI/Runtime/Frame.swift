import BydelsmorCore

/// What the panes read, whether they answer a key (`App`) or draw a frame (`Frame`): the data, its
/// index, the screen's state and the language. A helper both need (the day's items, the budget's
/// rows, a search match) is written once, on this.
protocol Reading {
    var state: ProjectState { get }
    var index: ProjectIndex { get }
    var ui: UIState { get }
    var lang: Lang { get }
    var today: Day { get }
}

extension Reading {
    /// Whether any of the fields holds the search, ignoring case and accents ("ayse" finds Ayşe).
    func matches(_ fields: String...) -> Bool {
        guard !ui.query.isEmpty else { return true }
        let q = TextPolicy.searchKey(ui.query)
        return fields.contains { TextPolicy.contains(TextPolicy.searchKey($0), q) }
    }
}

/// The rows a frame's pane lists, made by `App` from its caches before drawing (only the shown
/// pane's), so drawing never sorts, filters or caches anything itself.
struct FrameRows {
    var roster: [ProjectIndex.RosterRow] = []
    var agenda: [AgendaRow] = []
    var conversations: [ConversationRow] = []
    var attention: [AttentionItem] = []
    var expenses: [Expense] = []
    var budget: [ProjectStatus.BudgetLineStatus] = []
}

/// Where each scrolling list's window starts. A list moves its window to keep its cursor in view
/// while it is drawn (as a ratatui `ListState` does); the program keeps the result for the next
/// frame. The one thing a frame gives back.
final class ListWindows {
    private(set) var start: [ListID: Int]
    init(_ start: [ListID: Int]) { self.start = start }

    /// The first visible row of a list of `count` rows, `height` high, with the cursor in view.
    func visibleStart(_ id: ListID, cursor: Int, count: Int, height: Int) -> Int {
        var s = start[id] ?? 0
        if cursor < s { s = cursor }
        if cursor >= s + height { s = cursor - height + 1 }
        s = max(0, min(s, max(0, count - height)))
        start[id] = s
        return s
    }
}

/// One frame, drawn from values: the panes' drawing functions live on this, and everything it holds
/// is a constant except the list windows it gives back. So drawing is a function of the program's
/// state: the compiler refuses a drawing function that writes to the store, the screen's state or
/// a cache.
struct Frame: Reading {
    let state: ProjectState
    let index: ProjectIndex
    let ui: UIState
    let lang: Lang
    let today: Day
    let modal: Modal?
    /// The line under the tabs: read-only, or an error in the journal (nil: none).
    let banner: String?
    let rows: FrameRows
    let windows: ListWindows

    init(state: ProjectState, index: ProjectIndex, ui: UIState, lang: Lang, today: Day, modal: Modal?, banner: String?,
         rows: FrameRows, windows: ListWindows) {
        self.state = state; self.index = index; self.ui = ui; self.lang = lang; self.today = today; self.modal = modal
        self.banner = banner; self.rows = rows; self.windows = windows
    }

    func rosterRows() -> [ProjectIndex.RosterRow] { rows.roster }
    func agendaRows() -> [AgendaRow] { rows.agenda }
    func conversationRows() -> [ConversationRow] { rows.conversations }
    func attention() -> [AttentionItem] { rows.attention }
    func expensesOnLine(_ id: String) -> [Expense] { rows.expenses }
    func budgetRows() -> [ProjectStatus.BudgetLineStatus] { rows.budget }

    public static let minimumSize = (width: 60, height: 18)

    /// The whole screen at `width`×`height`.
    func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        guard width >= Frame.minimumSize.width, height >= Frame.minimumSize.height else {
            let msg = [lang.t("Vinduet er for lille", "The window is too small"),
                       "\(width)×\(height) — " + lang.t("mindst", "at least") + " \(Frame.minimumSize.width)×\(Frame.minimumSize.height)",
                       lang.t("Gør vinduet større · q afslutter", "Enlarge the window · q quits")]
            for (i, m) in msg.enumerated() where i < height {
                let t = Text.truncate(m, to: width)
                g.put(t, x: max(0, (width - Text.width(t)) / 2), y: max(0, height / 2 - 1) + i - (height < 3 ? 1 : 0),
                      i == 0 ? .warning : .normal)
            }
            return g
        }
        drawTabs(&g)
        var body = Rect(x: 0, y: 1, width: width, height: height - 2)
        if let banner {
            g.fill(body.row(0), .banner)
            g.put(banner, in: body.row(0), col: 1, .banner)
            body = Rect(x: 0, y: 2, width: width, height: height - 3)
        }
        // A line is read whole: at 250 columns an amount would sit 150 columns from its label, so
        // the panes keep to a readable width (the tabs and status bar still span the screen).
        var area = body.inset(1, 0)
        area.width = min(area.width, Frame.maxContentWidth)
        ui.pane.widget.render(self, area, &g)
        drawStatusBar(&g)
        if ui.showHelp { drawHelp(&g) }
        drawModal(&g)
        return g
    }

    /// The widest a pane's content is drawn.
    static let maxContentWidth = 140

    func drawTabs(_ g: inout Grid) {
        g.fill(g.bounds.row(0), .tabInactive)
        let date = lang.compactDate(today) + String(today.year) + " " + lang.week(today)
        let full = Pane.allCases.map { " \($0.rawValue) \($0.title(lang)) " }
        // When the titles do not all fit, the other panes show only their number.
        let compact = full.reduce(0) { $0 + Text.width($1) } > g.width
        var x = 0
        for (i, p) in Pane.allCases.enumerated() {
            let label = compact && p != ui.pane ? " \(p.rawValue) " : full[i]
            let w = Text.width(label)
            if x + w > g.width { break }
            g.put(label, x: x, y: 0, p == ui.pane ? .tabActive : .tabInactive)
            x += w
        }
        if x + Text.width(date) + 2 <= g.width {
            g.put(date, x: g.width - Text.width(date) - 1, y: 0, .tabInactive)
        }
    }

    func drawStatusBar(_ g: inout Grid) {
        let y = g.height - 1
        let row = g.bounds.row(y)
        g.fill(row, .statusBar)
        if ui.searching {
            g.put("/" + ui.query + "▏", in: row, col: 1, .statusBar)
            let hint = lang.t("Enter: behold · Esc: ryd", "Enter: keep · Esc: clear")
            if g.width > Text.width(ui.query) + Text.width(hint) + 6 { g.put(hint, x: g.width - Text.width(hint) - 1, y: y, .statusBar) }
            return
        }
        if let m = ui.message {
            g.put(m, in: row, col: 1, .warning)
            return
        }
        var x = 1
        if !ui.query.isEmpty {
            x += g.put("/" + ui.query + "  ", in: row, col: x, .accent)
        }
        // Only what works here: no sorting in a volunteer's details, no "go to" with nothing to do.
        let hinted = Keymap.bindings(in: ui.pane).filter {
            $0.hint != nil && !(ui.pane == .roster && ui.roster.detail != nil && $0.action == .sort)
                && !(ui.pane == .overview && $0.action == .open && attention().isEmpty)
        }
        for b in hinted.filter({ $0.action == .help }) + hinted.filter({ $0.action != .help }) {
            guard let h = b.hint, let k = b.keys.first else { continue }
            let keyLabel = k.label(lang), text = lang.t(h.da, h.en)
            let need = Text.width(keyLabel) + Text.width(text) + 3
            if x + need > g.width { break }
            x += g.put(keyLabel, x: x, y: y, .key)
            x += g.put(" " + text + "  ", x: x, y: y, .statusBar)
        }
    }

    /// The help page, made from the key table: the keys of this pane first, then the global ones.
    /// It covers the pane; ↑↓ PgUp PgDn scroll (`App` keeps the scroll within the lines).
    func drawHelp(_ g: inout Grid) {
        let lines = Frame.helpLines(ui.pane, lang)
        let keyWidth = min(16, lines.map { Text.width($0.0) }.max() ?? 0)
        let r = Rect(x: 0, y: 1, width: g.width, height: g.height - 2)
        Widgets.box(&g, r, title: lang.t("Hjælp — ", "Help — ") + ui.pane.title(lang))
        let inner = r.inset(2, 1)
        let rows = Frame.helpRows(height: g.height)
        let top = min(ui.helpScroll, max(0, lines.count - rows))
        for (i, l) in lines.dropFirst(top).prefix(rows).enumerated() {
            g.put(Text.pad(l.0, keyWidth), in: inner, row: i, .key)
            g.put(l.1, in: inner, row: i, col: keyWidth + 2)
        }
        let more = lines.count > rows ? lang.t(" · ↑↓ ruller (\(top + 1)–\(min(lines.count, top + rows)) af \(lines.count))",
                                               " · ↑↓ scroll (\(top + 1)–\(min(lines.count, top + rows)) of \(lines.count))") : ""
        g.put(lang.t("Tryk en anden tast for at lukke", "Press another key to close") + more, in: inner, row: inner.height - 1, .dim)
    }

    /// The lines of the help page for a pane: its keys, then those of forms, questions, the
    /// attendance sheet, search and help — the same tables that drive them.
    static func helpLines(_ pane: Pane, _ lang: Lang) -> [(String, String)] {
        var lines: [(String, String)] = Keymap.bindings(in: pane).map { b in (b.keys.map { $0.label(lang) }.joined(separator: " "),
                                                                              b.help(lang)) }
        for mode in Mode.allCases {
            lines.append(("", ""))
            lines.append(("", mode.title(lang)))
            for b in Keymap.dialogs[mode] ?? [] { lines.append((b.keys.map { $0.label(lang) }.joined(separator: " "), b.help(lang))) }
        }
        return lines
    }

    /// How many help lines a screen `height` rows high shows at once.
    static func helpRows(height: Int) -> Int { max(1, height - 5) }

    /// Draws a scrolling list whose cursor row is kept in view and highlighted. `row` draws row `i`
    /// into its one-line rect with the role it should use (`.selected` on the cursor row).
    func drawList(_ g: inout Grid, _ list: Rect, id: ListID, count: Int, cursor: Int?,
                           _ row: (inout Grid, _ i: Int, _ rect: Rect, _ selected: Bool) -> Void) {
        guard count > 0, list.height > 0 else { return }
        let start = windows.visibleStart(id, cursor: min(cursor ?? 0, count - 1), count: count, height: list.height)
        for i in start..<min(count, start + list.height) {
            let rect = list.row(i - start)
            let selected = i == cursor
            if selected { g.fill(rect, .selected) }
            row(&g, i, rect, selected)
        }
    }
}
