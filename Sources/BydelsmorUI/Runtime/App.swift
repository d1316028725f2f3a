import BydelsmorCore

/// What the screen is showing: which pane, where the cursors are, what is being searched.
public struct UIState: Sendable {
    /// The terminal's size, set by whoever shows the program (the run loop, `bydelsmor screen`)
    /// before keys arrive, so paging moves by what is visible — never learnt from the last frame.
    public var viewportWidth = 80
    public var viewportHeight = 24
    public var pane: Pane = .overview
    public var showHelp = false
    public var helpScroll = 0
    public var searching = false
    public var queries: [Pane: String] = [:]
    public var cursor: [Pane: Int] = [:]
    /// Each pane's own state.
    public var calendar: CalendarState
    public var roster = RosterState()
    public var phases = PhasesState()
    public var conversations = ConversationsState()
    public var budget = BudgetState()
    public var detailCursor = 0
    public var message: String?

    public init(today: Day) { calendar = CalendarState(day: today) }
    public var query: String { queries[pane] ?? "" }
}






/// The full-screen program without a terminal: keys in, grids out. The ncurses front end and the
/// tests drive the same object.
public final class App {
    public let store: Store
    public let lang: Lang
    public var today: Day
    public var ui: UIState
    public private(set) var index: ProjectIndex
    private var indexRevision: Int
    /// Rows derived from the index for the current sort and search, kept until the data, the sort
    /// or the search changes, so a keypress never re-sorts or re-filters thousands of records.
    /// One typed cache a list.
    var rosterSorted = RowCache<ProjectIndex.RosterRow>()
    var rosterFound = RowCache<ProjectIndex.RosterRow>()
    var agendaCache = RowCache<AgendaRow>()
    var conversationCache = RowCache<ConversationRow>()
    var expenseCache = RowCache<Expense>()
    var attentionCache = RowCache<AttentionItem>()

    /// What a cached list depends on beyond its own parameters: the data.
    var dataStamp: Int { indexRevision }

    func dropRowCaches() {
        rosterSorted = RowCache(); rosterFound = RowCache(); agendaCache = RowCache(); conversationCache = RowCache(); expenseCache = RowCache(); attentionCache = RowCache()
    }

    /// Scroll offsets remembered between frames, per list.
    /// The first visible row of each scrolling list: kept so that the cursor moves within the view
    /// and the list scrolls only when it would leave it.
    var scroll: [ListID: Int] = [:]
    /// Rows of the last drawn body, so paging moves by what is visible.
    /// Rows of the pane's body at the current size (the tabs, the status bar and a read-only
    /// banner take the rest).
    var bodyHeight: Int { max(1, ui.viewportHeight - 2 - (readOnlyBanner == nil ? 0 : 1)) }

    /// The terminal's size changed (or is first known).
    public func resize(width: Int, height: Int) {
        ui.viewportWidth = max(0, width); ui.viewportHeight = max(0, height)
    }
    public private(set) var wantsQuit = false
    /// The open dialog, if any: it gets every key until it closes.
    public var modal: Modal?

    /// Whether to say so on screen when the journal is open read-only (the kiosk and `screen` know it).
    public var announcesReadOnly = true

    public init(store: Store, lang: Lang, today: Day) {
        self.store = store
        self.lang = lang
        self.today = today
        ui = UIState(today: today)
        index = ProjectIndex(state: store.state, today: today, conversationEdits: store.conversationEdits)
        indexRevision = store.revision
    }

    var state: ProjectState { store.state }

    /// Takes in what others appended to the journal. True when the screen must be redrawn.
    @discardableResult
    public func refresh(today newToday: Day? = nil) -> Bool {
        var changed = false
        if let d = newToday, d != today { today = d; changed = true }
        do { try store.refresh() } catch {
            ui.message = error.text(lang)
            changed = true
        }
        if store.revision != indexRevision || changed {
            index = ProjectIndex(state: store.state, today: today, previous: index, conversationEdits: store.conversationEdits)
            indexRevision = store.revision
            dropRowCaches()
            return true
        }
        return changed
    }

    // MARK: keys

    /// Handles one key. Returns false once the program should end.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        if key == .resize { return true }
        ui.message = nil
        if case .paste(let text) = key {
            // A paste only ever becomes text in a field or the search line, never keys.
            if case .form(var f)? = modal { handleForm(&f, key) }
            else if ui.searching { for c in TextPolicy.safe(text) { editSearch(.char(c)) } }
            else { ui.message = lang.t("Indsat tekst bruges kun i et felt eller i søgningen; intet er sket", "Pasted text is used only in a field or in search; nothing happened") }
            return true
        }
        if modal != nil { handleModal(key); return true }
        if ui.searching { editSearch(key); return true }
        if ui.showHelp {
            // Arrows and paging scroll; q quits; any other key closes help.
            switch Keymap.action(for: key, in: .help) {
            case .down?: ui.helpScroll += 1
            case .up?: ui.helpScroll = max(0, ui.helpScroll - 1)
            case .pageDown?: ui.helpScroll += max(1, bodyHeight - 3)
            case .pageUp?: ui.helpScroll = max(0, ui.helpScroll - max(1, bodyHeight - 3))
            default:
                if Keymap.action(for: key, in: ui.pane) == .quit { wantsQuit = true; return false }
                ui.showHelp = false
            }
            return true
        }
        guard let action = Keymap.action(for: key, in: ui.pane) else {
            if case .char(let c) = key, !c.isWhitespace {
                ui.message = lang.t("Tasten \(Text.safe(String(c))) gør ikke noget her; tryk ? for hjælp", "The key \(Text.safe(String(c))) does nothing here; press ? for help")
            }
            return true
        }
        perform(action)
        return !wantsQuit
    }

    func perform(_ action: Action) {
        switch action {
        case .quit: wantsQuit = true
        case .help: ui.showHelp = true; ui.helpScroll = 0
        case .search:
            // The overview has no list of its own: a search there looks for a volunteer (pane 4),
            // and what is typed goes into the search line, never to the keys.
            if ui.pane == .overview {
                switchTo(.roster)
                ui.message = lang.t("Søger blandt bydelsmødrene (Esc tilbage)", "Searching the volunteers (Esc back)")
            }
            ui.searching = true
        case .show(let p): switchTo(p)
        case .nextPane: switchTo(Pane(rawValue: ui.pane.rawValue % Pane.allCases.count + 1)!)
        case .previousPane: switchTo(Pane(rawValue: (ui.pane.rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)!)
        case .back: back()
        case .toggle where ui.pane == .roster: paneAction(action)  // choosing, not changing
        case .undo, .redo, .add, .edit, .delete, .toggle, .stage, .logConversation, .markHeld, .cancelSession,
             .attendance, .note, .logHours, .newLine, .diplomaRule, .newHold, .newActivity, .chooseHold, .modulePlan, .funding, .series:
            guard !store.isReadOnly else {
                ui.message = readOnlyBanner ?? lang.t("Kun læsning", "Read-only")
                return
            }
            if action == .undo { undoStep() } else if action == .redo { redoStep() } else { editAction(action) }
        default: paneAction(action)
        }
    }

    func switchTo(_ p: Pane) {
        ui.pane = p
    }

    func back() {
        switch ui.pane {
        case .roster where ui.roster.detail != nil: ui.roster.detail = nil
        case .roster where !ui.roster.chosen.isEmpty: ui.roster.chosen = []; ui.message = lang.t("Intet valgt.", "Nothing chosen.")
        case .conversations where ui.conversations.detail != nil: ui.conversations.detail = nil
        case .phases where ui.phases.partnersShown: ui.phases.partnersShown = false
        case .phases where ui.phases.detail: ui.phases.detail = false
        case .budget where ui.budget.hoursShown: ui.budget.hoursShown = false
        case .budget where ui.budget.detail != nil: ui.budget.detail = nil
        default:
            if !(ui.queries[ui.pane] ?? "").isEmpty { ui.queries[ui.pane] = nil; ui.cursor[ui.pane] = 0 }
        }
    }

    func editSearch(_ key: Key) {
        var q = ui.queries[ui.pane] ?? ""
        switch (Keymap.action(for: key, in: .search), key) {
        case (.accept?, _): ui.searching = false
        case (.cancel?, _): ui.searching = false; q = ""
        case (.erase?, _): if !q.isEmpty { q.removeLast() }
        case (.clear?, _): q = ""
        case (_, .char(let c)): if q.count < 60 { q.append(c) }
        default: break
        }
        ui.queries[ui.pane] = q.isEmpty ? nil : q
        ui.cursor[ui.pane] = 0
    }

    /// Where a list cursor goes for a movement key over `count` rows; nil if the key does not move it.
    func stepped(_ cursor: Int, _ action: Action, count: Int) -> Int? {
        let page = max(1, bodyHeight - 3)
        var c = cursor
        switch action {
        case .up: c -= 1
        case .down: c += 1
        case .pageUp: c -= page
        case .pageDown: c += page
        case .home: c = 0
        case .end: c = count - 1
        default: return nil
        }
        return max(0, min(c, count - 1))
    }

    /// Moves a pane's cursor over `count` rows.
    func move(_ action: Action, cursor key: Pane, count: Int) {
        if let c = stepped(ui.cursor[key] ?? 0, action, count: count) { ui.cursor[key] = c }
    }

    func paneAction(_ action: Action) {
        switch ui.pane {
        case .overview: overviewAction(action)
        case .phases: phasesAction(action)
        case .calendar: calendarAction(action)
        case .roster: rosterAction(action)
        case .budget: budgetAction(action)
        case .conversations: conversationsAction(action)
        }
    }

    /// Whether any of the fields holds the search, ignoring case and accents ("ayse" finds Ayşe).
    func matches(_ fields: String...) -> Bool {
        guard !ui.query.isEmpty else { return true }
        let q = TextPolicy.searchKey(ui.query)
        return fields.contains { TextPolicy.contains(TextPolicy.searchKey($0), q) }
    }

    // MARK: drawing

    public static let minimumSize = (width: 60, height: 18)

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        guard width >= App.minimumSize.width, height >= App.minimumSize.height else {
            let msg = [lang.t("Vinduet er for lille", "The window is too small"),
                       "\(width)×\(height) — " + lang.t("mindst", "at least") + " \(App.minimumSize.width)×\(App.minimumSize.height)",
                       lang.t("Gør vinduet større · q afslutter", "Enlarge the window · q quits")]
            for (i, m) in msg.enumerated() where i < height {
                let t = Text.truncate(m, to: width)
                g.put(t, x: max(0, (width - Text.width(t)) / 2), y: max(0, height / 2 - 1) + i - (height < 3 ? 1 : 0), i == 0 ? .warning : .normal)
            }
            return g
        }
        drawTabs(&g)
        var body = Rect(x: 0, y: 1, width: width, height: height - 2)
        if let banner = readOnlyBanner {
            g.fill(body.row(0), .banner)
            g.put(banner, in: body.row(0), col: 1, .banner)
            body = Rect(x: 0, y: 2, width: width, height: height - 3)
        }
        switch ui.pane {
        case .overview: drawOverview(&g, body.inset(1, 0))
        case .phases: drawPhases(&g, body.inset(1, 0))
        case .calendar: drawCalendar(&g, body.inset(1, 0))
        case .roster: drawRoster(&g, body.inset(1, 0))
        case .budget: drawBudget(&g, body.inset(1, 0))
        case .conversations: drawConversations(&g, body.inset(1, 0))
        }
        drawStatusBar(&g)
        if ui.showHelp { drawHelp(&g) }
        drawModal(&g)
        return g
    }

    var readOnlyBanner: String? {
        if let p = store.problem {
            return lang.t("KUN LÆSNING — fejl i journalen: ", "READ-ONLY — error in the journal: ") + p.text(lang)
        }
        if store.isReadOnly && announcesReadOnly { return lang.t("Kun læsning", "Read-only") }
        if let w = store.warnings.first { return w.text(lang) }
        return nil
    }

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
        // In a volunteer's details the roster's sorting does not apply.
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
    /// It covers the pane; ↑↓ PgUp PgDn scroll, any other key closes it.
    func drawHelp(_ g: inout Grid) {
        var lines: [(String, String)] = Keymap.bindings(in: ui.pane).map { b in (b.keys.map { $0.label(lang) }.joined(separator: " "), b.help(lang)) }
        // The keys of forms, questions, the attendance sheet, search and help: the same tables
        // that drive them.
        for mode in Mode.allCases {
            lines.append(("", ""))
            lines.append(("", mode.title(lang)))
            for b in Keymap.dialogs[mode] ?? [] { lines.append((b.keys.map { $0.label(lang) }.joined(separator: " "), b.help(lang))) }
        }
        let keyWidth = min(16, lines.map { Text.width($0.0) }.max() ?? 0)
        let r = Rect(x: 0, y: 1, width: g.width, height: g.height - 2)
        Widgets.box(&g, r, title: lang.t("Hjælp — ", "Help — ") + ui.pane.title(lang))
        let inner = r.inset(2, 1)
        let rows = inner.height - 1
        let maxScroll = max(0, lines.count - rows)
        ui.helpScroll = min(ui.helpScroll, maxScroll)
        for (i, l) in lines.dropFirst(ui.helpScroll).prefix(rows).enumerated() {
            g.put(Text.pad(l.0, keyWidth), in: inner, row: i, .key)
            g.put(l.1, in: inner, row: i, col: keyWidth + 2)
        }
        let more = maxScroll > 0 ? lang.t(" · ↑↓ ruller (\(ui.helpScroll + 1)–\(min(lines.count, ui.helpScroll + rows)) af \(lines.count))", " · ↑↓ scroll (\(ui.helpScroll + 1)–\(min(lines.count, ui.helpScroll + rows)) of \(lines.count))") : ""
        g.put(lang.t("Tryk en anden tast for at lukke", "Press another key to close") + more, in: inner, row: inner.height - 1, .dim)
    }

    /// Draws a scrolling list whose cursor row is kept in view and highlighted. `row` draws row `i`
    /// into its one-line rect with the role it should use (`.selected` on the cursor row).
    func drawList(_ g: inout Grid, _ list: Rect, id: ListID, count: Int, cursor: Int?,
                  _ row: (inout Grid, _ i: Int, _ rect: Rect, _ selected: Bool) -> Void) {
        guard count > 0, list.height > 0 else { return }
        let start = visibleStart(id, cursor: min(cursor ?? 0, count - 1), count: count, height: list.height)
        for i in start..<min(count, start + list.height) {
            let rect = list.row(i - start)
            let selected = i == cursor
            if selected { g.fill(rect, .selected) }
            row(&g, i, rect, selected)
        }
    }

    /// A list that keeps its cursor in view; returns the first visible row.
    func visibleStart(_ id: ListID, cursor: Int, count: Int, height: Int) -> Int {
        var s = scroll[id] ?? 0
        if cursor < s { s = cursor }
        if cursor >= s + height { s = cursor - height + 1 }
        s = max(0, min(s, max(0, count - height)))
        scroll[id] = s
        return s
    }
}

/// A list of rows kept until what it was made from (its key) changes.
struct RowCache<Row> {
    private var key: [String]?
    private var rows: [Row] = []

    mutating func rows(_ key: [String], _ make: () -> [Row]) -> [Row] {
        if key == self.key { return rows }
        rows = make(); self.key = key
        return rows
    }
}

/// One row of the calendar's agenda: a module, or one of its sessions.
typealias AgendaRow = (text: String, session: ModuleSession?, module: TrainingModule)

/// The scrolling lists, each with its own first visible row.
enum ListID: Hashable {
    case roster, agenda, milestones, partners, expenses, hours, attendance, conversationList
    case conversations(ConversationView)
}
