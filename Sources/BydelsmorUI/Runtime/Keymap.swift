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

    public init(keys: [Key], action: Action, actions: [Action]? = nil, scope: Scope, da: String, en: String, hint: (da: String, en: String)?) {
        self.keys = keys; self.action = action; self.actions = actions; self.scope = scope; self.da = da; self.en = en; self.hint = hint
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
    public static let table: [Binding] = [
        Binding(keys: [.char("?"), .function(1)], action: .help, scope: .global, da: "Vis eller skjul hjælpen", en: "Show or hide help", hint: ("hjælp", "help")),
        Binding(keys: [.char("q"), .ctrl("c")], action: .quit, scope: .global, da: "Afslut", en: "Quit", hint: ("afslut", "quit")),
        Binding(keys: Pane.allCases.map { .char(Character(String($0.rawValue))) }, action: .show(.overview), actions: Pane.allCases.map { .show($0) }, scope: .global,
                da: "Vælg rude: " + Pane.allCases.map { $0.title(.da) }.joined(separator: ", "),
                en: "Choose pane: " + Pane.allCases.map { $0.title(.en) }.joined(separator: ", "), hint: nil),
        Binding(keys: [.tab], action: .nextPane, scope: .global, da: "Næste rude", en: "Next pane", hint: nil),
        Binding(keys: [.backTab], action: .previousPane, scope: .global, da: "Forrige rude", en: "Previous pane", hint: nil),
        Binding(keys: [.up, .char("k")], action: .up, scope: .global, da: "Op (kalender: en uge tilbage)", en: "Up (calendar: a week back)", hint: nil),
        Binding(keys: [.down, .char("j")], action: .down, scope: .global, da: "Ned (kalender: en uge frem)", en: "Down (calendar: a week on)", hint: nil),
        Binding(keys: [.left, .char("h")], action: .left, scope: .global, da: "Venstre / forrige (kalender: en dag)", en: "Left / previous (calendar: a day)", hint: nil),
        Binding(keys: [.right, .char("l")], action: .right, scope: .global, da: "Højre / næste (kalender: en dag)", en: "Right / next (calendar: a day)", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, scope: .global, da: "En side op", en: "Page up", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, scope: .global, da: "En side ned", en: "Page down", hint: nil),
        Binding(keys: [.home, .char("g")], action: .home, scope: .global, da: "Til toppen", en: "To the top", hint: nil),
        Binding(keys: [.end, .char("G")], action: .end, scope: .global, da: "Til bunden", en: "To the bottom", hint: nil),
        Binding(keys: [.char("/")], action: .search, scope: .global, da: "Søg og filtrér i ruden", en: "Search and filter in the pane", hint: ("søg", "search")),
        Binding(keys: [.enter], action: .open, scope: .pane(.overview), da: "Gå til det, der skal gøres (↑↓ vælger)", en: "Go to what needs doing (↑↓ choose)", hint: ("gå til", "go to")),
        Binding(keys: [.enter], action: .open, scope: .pane(.roster), da: "Vis detaljer om bydelsmoren", en: "Show the volunteer's details", hint: ("detaljer", "details")),
        Binding(keys: [.escape], action: .back, scope: .global, da: "Tilbage / ryd søgning", en: "Back / clear search", hint: nil),
        Binding(keys: [.char("s")], action: .sort, scope: .pane(.roster), da: "Sortér efter næste kolonne", en: "Sort by the next column", hint: ("sortér", "sort")),
        Binding(keys: [.char("t")], action: .today, scope: .pane(.calendar), da: "Gå til i dag", en: "Go to today", hint: ("i dag", "today")),
        Binding(keys: [.char("["), .pageUp], action: .previousMonth, scope: .pane(.calendar), da: "Forrige måned", en: "Previous month", hint: nil),
        Binding(keys: [.char("]"), .pageDown], action: .nextMonth, scope: .pane(.calendar), da: "Næste måned", en: "Next month", hint: nil),
        Binding(keys: [.enter], action: .open, scope: .pane(.calendar), da: "Vælg næste modulgang eller aktivitet på dagen (▶)", en: "Choose the next session or activity of the day (▶)", hint: nil),
        Binding(keys: [.char("v")], action: .switchView, scope: .pane(.conversations), da: "Skift visning: måned, emne, bydelsmor", en: "Switch view: month, topic, volunteer", hint: ("visning", "view")),
        Binding(keys: [.enter], action: .open, scope: .pane(.conversations), da: "Vis samtalerne bag tallet", en: "Show the conversations behind the figure", hint: ("liste", "list")),
        Binding(keys: [.enter], action: .open, scope: .pane(.phases), da: "Gå ind i / ud af milepælene", en: "Into / out of the milestones", hint: ("milepæle", "milestones")),
        Binding(keys: [.char("u")], action: .undo, scope: .global, da: "Fortryd den seneste ændring", en: "Undo the latest change", hint: ("fortryd", "undo")),
        Binding(keys: [.ctrl("r")], action: .redo, scope: .global, da: "Gentag det fortrudte", en: "Redo what was undone", hint: nil),
        Binding(keys: [.char("e")], action: .edit, scope: .pane(.phases), da: "Ret fasen (status, datoer) eller milepælen", en: "Edit the phase (status, dates) or the milestone", hint: ("ret", "edit")),
        Binding(keys: [.char("a")], action: .add, scope: .pane(.phases), da: "Tilføj milepæl eller samarbejdspartner", en: "Add a milestone or partner", hint: ("tilføj", "add")),
        Binding(keys: [.char(" ")], action: .toggle, scope: .pane(.phases), da: "Afkryds milepælen", en: "Tick the milestone", hint: nil),
        Binding(keys: [.char("d")], action: .delete, scope: .pane(.phases), da: "Slet milepælen eller samarbejdspartneren", en: "Remove the milestone or partner", hint: nil),
        Binding(keys: [.char("p")], action: .partners, scope: .pane(.phases), da: "Vis/skjul det faglige netværk (samarbejdspartnere)", en: "Show/hide the professional network (partners)", hint: ("netværk", "network")),
        Binding(keys: [.char("a")], action: .add, scope: .pane(.calendar), da: "Planlæg en modulgang på dagen", en: "Schedule a session on the day", hint: ("planlæg", "schedule")),
        Binding(keys: [.char("e")], action: .edit, scope: .pane(.calendar), da: "Flyt eller ret den valgte modulgang eller aktivitet", en: "Move or edit the chosen session or activity", hint: ("ret", "edit")),
        Binding(keys: [.char("d")], action: .delete, scope: .pane(.calendar), da: "Slet den valgte modulgang (med fremmøde) eller aktivitet", en: "Delete the chosen session (with attendance) or activity", hint: nil),
        Binding(keys: [.char("m")], action: .markHeld, scope: .pane(.calendar), da: "Markér den valgte modulgang som afholdt", en: "Mark the chosen session held", hint: nil),
        Binding(keys: [.char("c")], action: .cancelSession, scope: .pane(.calendar), da: "Aflys den valgte modulgang", en: "Cancel the chosen session", hint: nil),
        Binding(keys: [.char("f")], action: .attendance, scope: .pane(.calendar), da: "Fremmøde (aktivitet: antal deltagere)", en: "Attendance (activity: number of participants)", hint: ("fremmøde", "attendance")),
        Binding(keys: [.char("n")], action: .note, scope: .pane(.calendar), da: "Lektie eller note til modulgangen", en: "Homework or note for the session", hint: nil),
        Binding(keys: [.char("S")], action: .series, scope: .pane(.calendar), da: "Planlæg resten af holdet ugentligt (springer helligdage og skoleferier over)", en: "Schedule the rest of the hold weekly (skipping holidays)", hint: nil),
        Binding(keys: [.char("M")], action: .modulePlan, scope: .pane(.calendar), da: "Ret modulplanen: et moduls titel, tema og slags", en: "Edit the module plan: a module's title, theme and kind", hint: nil),
        Binding(keys: [.char("a")], action: .add, scope: .pane(.roster), da: "Tilføj en bydelsmor", en: "Add a volunteer", hint: ("tilføj", "add")),
        Binding(keys: [.char("e")], action: .edit, scope: .pane(.roster), da: "Ret bydelsmoren (også kontrakt og samtykke)", en: "Edit the volunteer (also contract and consent)", hint: ("ret", "edit")),
        Binding(keys: [.char("d")], action: .delete, scope: .pane(.roster), da: "Slet bydelsmoren", en: "Remove the volunteer", hint: nil),
        Binding(keys: [.char(">")], action: .stage, scope: .pane(.roster), da: "Næste trin: kandidat → uddannelse → uddannet → aktiv; vælg pause/stoppet (for alle valgte)", en: "Next stage: candidate → training → graduated → active; or paused/left (for all chosen)", hint: nil),
        Binding(keys: [.char(" ")], action: .toggle, scope: .pane(.roster), da: "Vælg / fravælg bydelsmoren (til > for flere på én gang)", en: "Choose / unchoose the volunteer (for > on several at once)", hint: nil),
        Binding(keys: [.char("c")], action: .logConversation, scope: .pane(.roster), da: "Registrér en samtale for bydelsmoren", en: "Log a conversation for the volunteer", hint: ("samtale", "conversation")),
        Binding(keys: [.char("D")], action: .diplomaRule, scope: .pane(.roster), da: "Krav til diplom (antal moduler)", en: "Diploma rule (modules)", hint: nil),
        Binding(keys: [.char("a")], action: .logConversation, scope: .pane(.conversations), da: "Registrér en samtale", en: "Log a conversation", hint: ("ny samtale", "log")),
        Binding(keys: [.char("e")], action: .edit, scope: .pane(.conversations), da: "Ret samtalen (i listen)", en: "Edit the conversation (in the list)", hint: nil),
        Binding(keys: [.char("d")], action: .delete, scope: .pane(.conversations), da: "Slet samtalen (i listen)", en: "Remove the conversation (in the list)", hint: nil),
        Binding(keys: [.char("H")], action: .newHold, scope: .pane(.calendar), da: "Hold: opret et nyt, eller ret eller slet et", en: "Holds: make a new one, or edit or delete one", hint: nil),
        Binding(keys: [.char("A")], action: .newActivity, scope: .pane(.calendar), da: "Ny aktivitet (møde, temaarrangement, diplomfest …)", en: "New activity (meeting, theme event, diploma party …)", hint: nil),
        Binding(keys: [.char("h")], action: .chooseHold, scope: .pane(.roster), da: "Sæt bydelsmoren på et hold", en: "Put the volunteer in a hold", hint: nil),
        Binding(keys: [.char("[")], action: .previousYear, scope: .pane(.budget), da: "Forrige år", en: "Previous year", hint: nil),
        Binding(keys: [.char("]")], action: .nextYear, scope: .pane(.budget), da: "Næste år", en: "Next year", hint: ("år", "year")),
        Binding(keys: [.char("a")], action: .add, scope: .pane(.budget), da: "Bogfør en udgift på linjen", en: "Book an expense on the line", hint: ("udgift", "expense")),
        Binding(keys: [.char("t")], action: .logHours, scope: .pane(.budget), da: "Registrér koordinatortimer", en: "Log coordinator hours", hint: ("timer", "hours")),
        Binding(keys: [.char("T")], action: .hoursList, scope: .pane(.budget), da: "Vis koordinatortimerne (e ret, d slet)", en: "Show the coordinator hours (e edit, d remove)", hint: nil),
        Binding(keys: [.char("e")], action: .edit, scope: .pane(.budget), da: "Ret linjens planlagte beløb (eller udgiften i listen)", en: "Edit the line's planned range (or the expense in the list)", hint: ("ret", "edit")),
        Binding(keys: [.char("n")], action: .newLine, scope: .pane(.budget), da: "Ny budgetlinje", en: "New budget line", hint: nil),
        Binding(keys: [.char("d")], action: .delete, scope: .pane(.budget), da: "Slet udgiften (i listen)", en: "Remove the expense (in the list)", hint: nil),
        Binding(keys: [.char("F")], action: .funding, scope: .pane(.budget), da: "Fondsansøgninger: ny, afgørelse eller slet", en: "Funding applications: new, decision or delete", hint: nil),
        Binding(keys: [.enter], action: .open, scope: .pane(.budget), da: "Vis linjens udgifter (i listen: ret udgiften)", en: "Show the line's expenses (in the list: edit one)", hint: ("udgifter", "expenses")),
    ]

    /// The action for a key in a pane: a pane's own binding wins over a global one.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        let b = table.first(where: { $0.scope == .pane(pane) && $0.keys.contains(key) })
            ?? table.first(where: { $0.scope == .global && $0.keys.contains(key) })
        return b?.action(for: key)
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
