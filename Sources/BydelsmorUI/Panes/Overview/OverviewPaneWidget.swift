import BydelsmorCore

/// 1 Overblik as a widget: its keys (which drive its handling, the status bar and help), its
/// drawing (on `Frame`, from values) and what its keys do (on `App`, which may change the journal).
enum OverviewPaneWidget: PaneWidget {
    static let keys: [Binding] = [
        Binding(keys: [.enter], action: .open, scope: .pane(.overview), da: "Gå til det, der skal gøres (↑↓ vælger)",
                en: "Go to what needs doing (↑↓ choose)", hint: ("gå til", "go to")),
    ]

    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid) { frame.drawOverview(&g, area) }
    static func handle(_ action: Action, in app: App) { app.overviewAction(action) }
    static func edit(_ action: Action, in app: App) { app.ui.message = app.lang.t("Ret i ruderne 2–6", "Edit in panes 2–6") }
    static func rows(_ app: App, _ rows: inout FrameRows) { rows.attention = app.attention() }
}
