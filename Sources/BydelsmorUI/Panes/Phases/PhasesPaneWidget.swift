import BydelsmorCore

/// 2 Faser as a widget: its keys (which drive its handling, the status bar and help), its
/// drawing (on `Frame`, from values) and what its keys do (on `App`, which may change the journal).
enum PhasesPaneWidget: PaneWidget {
    static let keys: [Binding] = [
        Binding(keys: [.enter], action: .open, scope: .pane(.phases), da: "Gå ind i / ud af milepælene", en: "Into / out of the milestones",
                hint: ("milepæle", "milestones")),
        Binding(keys: [.char("e")], action: .edit, changes: true, scope: .pane(.phases), da: "Ret fasen (status, datoer) eller milepælen",
                en: "Edit the phase (status, dates) or the milestone", hint: ("ret", "edit")),
        Binding(keys: [.char("a")], action: .add, changes: true, scope: .pane(.phases), da: "Tilføj milepæl eller samarbejdspartner",
                en: "Add a milestone or partner", hint: ("tilføj", "add")),
        Binding(keys: [.char(" ")], action: .toggle, changes: true, scope: .pane(.phases), da: "Afkryds milepælen",
                en: "Tick the milestone", hint: nil),
        Binding(keys: [.char("d")], action: .delete, changes: true, scope: .pane(.phases), da: "Slet milepælen eller samarbejdspartneren",
                en: "Remove the milestone or partner", hint: nil),
        Binding(keys: [.char("p")], action: .partners, scope: .pane(.phases), da: "Vis/skjul det faglige netværk (samarbejdspartnere)",
                en: "Show/hide the professional network (partners)", hint: ("netværk", "network")),
    ]

    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid) { frame.drawPhases(&g, area) }
    static func handle(_ action: Action, in app: App) { app.phasesAction(action) }
    static func edit(_ action: Action, in app: App) { app.phasesEdit(action) }
    static func back(_ ui: inout UIState, _ lang: Lang) -> Bool {
        if ui.phases.partnersShown { ui.phases.partnersShown = false; return true }
        if ui.phases.detail { ui.phases.detail = false; return true }
        return false
    }
}
