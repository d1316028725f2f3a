import BydelsmorCore

/// A key as the program sees it, whatever terminal it came from.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case ctrl(Character)
    case function(Int)
    case resize
    /// Text the terminal delivered as a bracketed paste: it goes into a field whole and is never
    /// read as keys (a pasted "Zara\ndj" must not save a form and then delete someone).
    case paste(String)

    public func label(_ l: Lang) -> String {
        switch self {
        case .char(" "): return l.t("Mellemrum", "Space")
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .paste: return l.t("Indsæt", "Paste")
        }
    }
}

public enum Pane: Int, CaseIterable, Sendable {
    case overview = 1, phases, calendar, roster, budget, conversations

    public func title(_ l: Lang) -> String {
        switch self {
        case .overview: l.t("Overblik", "Overview")
        case .phases: l.t("Faser", "Phases")
        case .calendar: l.t("Kalender", "Calendar")
        case .roster: l.t("Bydelsmødre", "Volunteers")
        case .budget: "Budget"
        case .conversations: l.t("Samtaler", "Conversations")
        }
    }
}

/// What a person meant by a key.
public enum Action: Hashable, Sendable {
    case quit, help, search, show(Pane), nextPane, previousPane
    case up, down, left, right, pageUp, pageDown, home, end, open, back
    case today, previousMonth, nextMonth, previousYear, nextYear, sort, switchView
    case partners
    case undo, redo, add, edit, delete, toggle, stage, logConversation, markHeld, cancelSession, attendance, note, logHours, newLine, diplomaRule
    case newHold, newActivity, chooseHold, modulePlan, funding, series, hoursList
    case eraseVolunteer
}

/// Where a binding applies.
public enum Scope: Hashable, Sendable {
    case global
    case pane(Pane)
}

public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    /// For a binding whose keys each mean their own action (1–6: each its pane), in the keys' order;
    /// it is still one line in help.
    public var actions: [Action]?
    public var scope: Scope
    public var da: String
    public var en: String
    /// Shown in the status bar (short form) as well as in help.
    public var hint: (da: String, en: String)?
    /// Whether the action writes to the journal: a read-only program refuses it (one table for the
    /// keys, the help and the guard).
    public var changes: Bool

    public init(keys: [Key], action: Action, changes: Bool = false, actions: [Action]? = nil, scope: Scope, da: String, en: String,
                hint: (da: String, en: String)?) {
        self.keys = keys; self.action = action; self.actions = actions; self.scope = scope; self.da = da; self.en = en; self.hint = hint
        self.changes = changes
    }

    /// What `key` (one of `keys`) means.
    public func action(for key: Key) -> Action {
        if let actions, let i = keys.firstIndex(of: key), i < actions.count { return actions[i] }
        return action
    }

    public func help(_ l: Lang) -> String { l.t(da, en) }
}

/// The one key table. It drives key handling, the status bar and the `?` help screen.
public enum Keymap {
    /// The keys of every pane: `global`, then each pane's own (from the pane's folder).
    public static let table: [Binding] = global + Pane.allCases.flatMap { $0.widget.keys }

    /// Keys that work in every pane (a pane's own binding of the same key wins).
    static let global: [Binding] = [
        Binding(keys: [.char("?"), .function(1)], action: .help, scope: .global, da: "Vis eller skjul hjælpen", en: "Show or hide help",
                hint: ("hjælp", "help")),
        Binding(keys: [.char("q"), .ctrl("c")], action: .quit, scope: .global, da: "Afslut", en: "Quit", hint: ("afslut", "quit")),
        Binding(keys: Pane.allCases.map { .char(Character(String($0.rawValue))) }, action: .show(.overview),
                actions: Pane.allCases.map { .show($0) }, scope: .global,
                da: "Vælg rude: " + Pane.allCases.map { $0.title(.da) }.joined(separator: ", "),
                en: "Choose pane: " + Pane.allCases.map { $0.title(.en) }.joined(separator: ", "), hint: nil),
        Binding(keys: [.tab], action: .nextPane, scope: .global, da: "Næste rude", en: "Next pane", hint: nil),
        Binding(keys: [.backTab], action: .previousPane, scope: .global, da: "Forrige rude", en: "Previous pane", hint: nil),
        Binding(keys: [.up, .char("k")], action: .up, scope: .global, da: "Op (kalender: en uge tilbage)", en: "Up (calendar: a week back)",
                hint: nil),
        Binding(keys: [.down, .char("j")], action: .down, scope: .global, da: "Ned (kalender: en uge frem)",
                en: "Down (calendar: a week on)", hint: nil),
        Binding(keys: [.left, .char("h")], action: .left, scope: .global, da: "Venstre / forrige (kalender: en dag)",
                en: "Left / previous (calendar: a day)", hint: nil),
        Binding(keys: [.right, .char("l")], action: .right, scope: .global, da: "Højre / næste (kalender: en dag)",
                en: "Right / next (calendar: a day)", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, scope: .global, da: "En side op", en: "Page up", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, scope: .global, da: "En side ned", en: "Page down", hint: nil),
        Binding(keys: [.home, .char("g")], action: .home, scope: .global, da: "Til toppen", en: "To the top", hint: nil),
        Binding(keys: [.end, .char("G")], action: .end, scope: .global, da: "Til bunden", en: "To the bottom", hint: nil),
        Binding(keys: [.char("/")], action: .search, scope: .global, da: "Søg og filtrér i ruden", en: "Search and filter in the pane",
                hint: ("søg", "search")),
        Binding(keys: [.escape], action: .back, scope: .global, da: "Tilbage / ryd søgning", en: "Back / clear search", hint: nil),
        Binding(keys: [.char("u")], action: .undo, changes: true, scope: .global, da: "Fortryd den seneste ændring",
                en: "Undo the latest change", hint: ("fortryd", "undo")),
        Binding(keys: [.ctrl("r")], action: .redo, changes: true, scope: .global, da: "Gentag det fortrudte", en: "Redo what was undone",
                hint: nil),
    ]

    /// The action for a key in a pane: a pane's own binding wins over a global one.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        let b = table.first(where: { $0.scope == .pane(pane) && $0.keys.contains(key) })
            ?? table.first(where: { $0.scope == .global && $0.keys.contains(key) })
        return b?.action(for: key)
    }

    /// Whether `action` writes to the journal in `pane`, by its binding in the table.
    public static func changesData(_ action: Action, in pane: Pane) -> Bool {
        bindings(in: pane).contains { $0.changes && $0.action == action }
    }

    /// Bindings that apply in a pane: its own, then the global ones.
    /// A key a pane binds itself is listed once, with the pane's meaning.
    public static func bindings(in pane: Pane) -> [Binding] {
        let own = table.filter { $0.scope == .pane(pane) }
        let taken = Set(own.flatMap(\.keys))
        let global = table.filter { $0.scope == .global }.compactMap { b -> Binding? in
            guard b.keys.contains(where: taken.contains) else { return b }
            var left = b
            left.keys = b.keys.filter { !taken.contains($0) }
            // A binding with one action per key (the pane digits) keeps its keys as they are.
            return left.keys.isEmpty || b.actions != nil ? nil : left
        }
        return own + global
    }
}

/// The modes that have keys of their own. Panes use `Keymap.table`; these use `Keymap.dialogs`.
public enum Mode: Hashable, Sendable, CaseIterable {
    case form, confirm, attendance, search, help

    public func title(_ l: Lang) -> String {
        switch self {
        case .form: l.t("I en formular", "In a form")
        case .confirm: l.t("Når der spørges", "When asked")
        case .attendance: l.t("På fremmødelisten", "On the attendance sheet")
        case .search: l.t("Når du søger (/)", "When searching (/)")
        case .help: l.t("I hjælpen", "In help")
        }
    }
}

/// What a key means in a dialog, the search line or help.
public enum DialogAction: Hashable, Sendable {
    case accept, cancel, nextField, previousField, toggle, up, down, pageUp, pageDown, clear, erase, all
}

public struct DialogBinding: Sendable {
    public var keys: [Key]
    public var action: DialogAction
    public var da: String
    public var en: String
    /// Shown in the dialog's own footer.
    public var inFooter: Bool
    public func help(_ l: Lang) -> String { l.t(da, en) }
    /// "Enter gem": the keys and the short text, for a footer.
    public func footer(_ l: Lang) -> String { keys.map { $0.label(l) }.joined(separator: "/") + " " + help(l) }
}

extension Keymap {
    /// One table a mode: the keys of forms, questions, the attendance sheet, the search line and
    /// help. It drives their handling, their footers and the `?` help page.
    public static let dialogs: [Mode: [DialogBinding]] = [
        .form: [
            DialogBinding(keys: [.tab, .down], action: .nextField, da: "næste felt", en: "next field", inFooter: true),
            DialogBinding(keys: [.backTab, .up], action: .previousField, da: "forrige felt", en: "previous field", inFooter: false),
            DialogBinding(keys: [.enter], action: .accept, da: "gem", en: "save", inFooter: true),
            DialogBinding(keys: [.escape, .ctrl("c")], action: .cancel, da: "fortryd", en: "cancel", inFooter: true),
        ],
        .confirm: [
            DialogBinding(keys: [.char("j"), .char("y"), .enter], action: .accept, da: "ja", en: "yes", inFooter: true),
            DialogBinding(keys: [.char("n"), .escape, .ctrl("c")], action: .cancel, da: "nej", en: "no", inFooter: true),
        ],
        .attendance: [
            DialogBinding(keys: [.up, .char("k")], action: .up, da: "op", en: "up", inFooter: false),
            DialogBinding(keys: [.down, .char("j")], action: .down, da: "ned", en: "down", inFooter: false),
            DialogBinding(keys: [.char(" ")], action: .toggle, da: "skifter", en: "toggles", inFooter: true),
            DialogBinding(keys: [.char("a")], action: .all, da: "alle mødt (alle / ingen)", en: "all present (all / none)", inFooter: true),
            DialogBinding(keys: [.enter], action: .accept, da: "gem", en: "save", inFooter: true),
            DialogBinding(keys: [.escape, .ctrl("c")], action: .cancel, da: "fortryd", en: "cancel", inFooter: true),
        ],
        .search: [
            DialogBinding(keys: [.enter], action: .accept, da: "behold filteret", en: "keep the filter", inFooter: true),
            DialogBinding(keys: [.escape, .ctrl("c")], action: .cancel, da: "ryd søgningen", en: "clear the search", inFooter: true),
            DialogBinding(keys: [.backspace], action: .erase, da: "slet et tegn", en: "delete a character", inFooter: false),
            DialogBinding(keys: [.ctrl("u")], action: .clear, da: "slet alt", en: "delete all", inFooter: false),
        ],
        .help: [
            DialogBinding(keys: [.down, .char("j")], action: .down, da: "rul ned", en: "scroll down", inFooter: false),
            DialogBinding(keys: [.up, .char("k")], action: .up, da: "rul op", en: "scroll up", inFooter: false),
            DialogBinding(keys: [.pageDown], action: .pageDown, da: "en side ned", en: "page down", inFooter: false),
            DialogBinding(keys: [.pageUp], action: .pageUp, da: "en side op", en: "page up", inFooter: false),
        ],
    ]

    public static func action(for key: Key, in mode: Mode) -> DialogAction? {
        dialogs[mode]?.first { $0.keys.contains(key) }?.action
    }

    /// "Tab/↓ næste felt · Enter gem · Esc fortryd", made from the mode's table.
    public static func footer(_ mode: Mode, _ l: Lang) -> String {
        (dialogs[mode] ?? []).filter(\.inFooter).map { $0.footer(l) }.joined(separator: " · ")
    }
}
