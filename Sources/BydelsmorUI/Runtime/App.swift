import BydelsmorCore

/// What the screen is showing: which pane, where the cursors are, what is being searched.
public struct UIState: Sendable, Equatable {
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
    /// The overview shows each quiet mother (and each missing paper) instead of the one line for them all (Enter on it).
    public var groupsExpanded = false

    public init(today: Day) { calendar = CalendarState(day: today) }
    public var query: String { queries[pane] ?? "" }

    /// A pane's cursor within its `count` rows, as the list is drawn (the last row when the list
    /// has shrunk under it, e.g. another terminal removed a record): the row highlighted is the row
    /// a key acts on.
    public func clampedCursor(_ p: Pane, count: Int) -> Int { max(0, min(cursor[p] ?? 0, count - 1)) }
}






/// The full-screen program without a terminal: keys in, grids out. The ncurses front end and the
/// tests drive the same object.
public final class App: Reading {
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
    public internal(set) var wantsQuit = false
    /// Effects asked for by the key being handled (`emit`), carried out after it (`run`).
    var pending: [Effect] = []
    /// The open dialog, if any: it gets every key until it closes.
    public var modal: Modal?

    /// Whether to say so on screen when the journal is open read-only (the kiosk and `screen` know it).
    public var announcesReadOnly = true

    public init(store: Store, lang: Lang, today: Day) {
        self.store = store
        self.lang = lang
        self.today = today
        ui = UIState(today: today)
        index = ProjectIndex(state: store.state, today: today, conversations: store.conversationLog)
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
            index = ProjectIndex(state: store.state, today: today, previous: index, conversations: store.conversationLog)
            indexRevision = store.revision
            dropRowCaches()
            return true
        }
        return changed
    }

    // MARK: keys

    /// Handles one key: its change to the screen's state, then what it asked of the world
    /// (`Effect`). Returns false once the program should end.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        for effect in reduce(key) { run(effect) }
        return !wantsQuit
    }

    /// What one key does to `ui` and `modal`, and the effects it asks for — nothing is written here.
    func reduce(_ key: Key) -> [Effect] {
        pending = []
        defer { pending = [] }
        reduceKey(key)
        return pending
    }

    private func reduceKey(_ key: Key) {
        if key == .resize { return }
        ui.message = nil
        if case .paste(let text) = key {
            // A paste only ever becomes text in a field or the search line, never keys.
            if case .form(var f)? = modal { handleForm(&f, key) }
            else if ui.searching { for c in TextPolicy.safe(text) { editSearch(.char(c)) } }
            else { ui.message = lang.t("Indsat tekst bruges kun i et felt eller i søgningen; intet er sket",
                                       "Pasted text is used only in a field or in search; nothing happened") }
            return
        }
        if modal != nil { handleModal(key); return }
        if ui.searching { editSearch(key); return }
        if ui.showHelp {
            // Arrows and paging scroll; q quits; any other key closes help.
            switch Keymap.action(for: key, in: .help) {
            case .down?: ui.helpScroll += 1
            case .up?: ui.helpScroll -= 1
            case .pageDown?: ui.helpScroll += max(1, bodyHeight - 3)
            case .pageUp?: ui.helpScroll -= max(1, bodyHeight - 3)
            default:
                if Keymap.action(for: key, in: ui.pane) == .quit { emit(.quit); return }
                ui.showHelp = false
            }
            // Kept within the page here, where the key is handled: drawing only reads it.
            let most = Frame.helpLines(ui.pane, lang).count - Frame.helpRows(height: ui.viewportHeight)
            ui.helpScroll = max(0, min(ui.helpScroll, most))
            return
        }
        guard let action = Keymap.action(for: key, in: ui.pane) else {
            if case .char(let c) = key, !c.isWhitespace {
                ui.message = lang.t("Tasten \(Text.safe(String(c))) gør ikke noget her; tryk ? for hjælp",
                                    "The key \(Text.safe(String(c))) does nothing here; press ? for help")
            }
            return
        }
        perform(action)
    }

    func perform(_ action: Action) {
        switch action {
        case .quit: emit(.quit)
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
        // Whether an action writes is a property of its key binding (`Binding.changes`), so a new
        // action that writes cannot skip the read-only guard.
        case _ where Keymap.changesData(action, in: ui.pane):
            guard !store.isReadOnly else {
                ui.message = readOnlyBanner ?? lang.t("Kun læsning", "Read-only")
                return
            }
            if action == .undo { emit(.undo) } else if action == .redo { emit(.redo) } else { editAction(action) }
        default: paneAction(action)
        }
    }

    func switchTo(_ p: Pane) {
        ui.pane = p
    }

    func back() {
        if !ui.pane.widget.back(&ui, lang), !(ui.queries[ui.pane] ?? "").isEmpty { ui.queries[ui.pane] = nil; ui.cursor[ui.pane] = 0 }
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
        ui.pane.widget.handle(action, in: self)
    }

    // MARK: drawing

    public static let minimumSize = Frame.minimumSize

    /// The screen at `width`×`height`: the frame is drawn from values (see `Frame`); all that comes
    /// back is where each list's window now starts.
    public func render(width: Int, height: Int) -> Grid {
        let f = frame()
        let g = f.render(width: width, height: height)
        scroll = f.windows.start
        return g
    }

    /// What the next frame is drawn from.
    func frame() -> Frame {
        Frame(state: state, index: index, ui: ui, lang: lang, today: today, modal: modal, banner: readOnlyBanner,
              rows: frameRows(), windows: ListWindows(scroll))
    }

    /// The rows of the shown pane, from the caches.
    func frameRows() -> FrameRows {
        var r = FrameRows()
        ui.pane.widget.rows(self, &r)
        return r
    }

    var readOnlyBanner: String? {
        if let p = store.problem {
            return lang.t("KUN LÆSNING — fejl i journalen: ", "READ-ONLY — error in the journal: ") + p.text(lang)
        }
        if store.isReadOnly && announcesReadOnly { return lang.t("Kun læsning", "Read-only") }
        if let w = store.warnings.first { return w.text(lang) }
        return nil
    }
}

/// A list of rows kept until what it was made from (its key) changes.
struct RowCache<Row> {
    private var key: [String]?
    private var rows: [Row] = []

    /// What it holds now, if anything.
    var last: (key: [String], rows: [Row])? { key.map { ($0, rows) } }

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
