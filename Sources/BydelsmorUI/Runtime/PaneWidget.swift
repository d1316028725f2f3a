import BydelsmorCore

/// A pane: its own keys, a drawing of it into an area of the grid from a `Frame` (values only), and
/// what its keys do. Each lives in its pane's folder with its state and forms; `Pane.widget` is the
/// one list of them, which the key table, the drawing and the key handling all go by.
protocol PaneWidget {
    /// The pane's own key bindings (`scope: .pane(…)`); the global ones are `Keymap.global`.
    static var keys: [Binding] { get }
    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid)
    /// A key's action that is not global (moving, opening, the pane's own keys).
    static func handle(_ action: Action, in app: App)
    /// A key that changes data (`Binding.changes`), after the read-only guard has let it through.
    static func edit(_ action: Action, in app: App)
    /// Esc: closes what the pane has open (a detail, a sub-list, a choice), on its own state only.
    /// False when nothing was open (then Esc clears the pane's search).
    static func back(_ ui: inout UIState, _ lang: Lang) -> Bool
    /// The rows the pane is drawn from, taken from the app's caches (only the shown pane's).
    static func rows(_ app: App, _ rows: inout FrameRows)
}

extension PaneWidget {
    static func back(_ ui: inout UIState, _ lang: Lang) -> Bool { false }
    static func rows(_ app: App, _ rows: inout FrameRows) {}
}

extension Pane {
    var widget: PaneWidget.Type {
        switch self {
        case .overview: OverviewPaneWidget.self
        case .phases: PhasesPaneWidget.self
        case .calendar: CalendarPaneWidget.self
        case .roster: RosterPaneWidget.self
        case .budget: BudgetPaneWidget.self
        case .conversations: ConversationsPaneWidget.self
        }
    }
}
