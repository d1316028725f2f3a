import BydelsmorCore

/// 4 Bydelsmødre as a widget: its keys (which drive its handling, the status bar and help), its
/// drawing (on `Frame`, from values) and what its keys do (on `App`, which may change the journal).
enum RosterPaneWidget: PaneWidget {
    static let keys: [Binding] = [
        Binding(keys: [.enter], action: .open, scope: .pane(.roster), da: "Vis detaljer om bydelsmoren", en: "Show the volunteer's details",
                hint: ("detaljer", "details")),
        Binding(keys: [.char("s")], action: .sort, scope: .pane(.roster), da: "Sortér efter næste kolonne", en: "Sort by the next column",
                hint: ("sortér", "sort")),
        Binding(keys: [.char("a")], action: .add, changes: true, scope: .pane(.roster), da: "Tilføj en bydelsmor", en: "Add a volunteer",
                hint: ("tilføj", "add")),
        Binding(keys: [.char("e")], action: .edit, changes: true, scope: .pane(.roster), da: "Ret bydelsmoren (også kontrakt og samtykke)",
                en: "Edit the volunteer (also contract and consent)", hint: ("ret", "edit")),
        Binding(keys: [.char("d")], action: .delete, changes: true, scope: .pane(.roster),
                da: "Skjul bydelsmoren (kan fortrydes; sletter intet)", en: "Hide the volunteer (can be undone; erases nothing)", hint: nil),
        Binding(keys: [.char("E")], action: .eraseVolunteer, changes: true, scope: .pane(.roster),
                da: "Slet efter GDPR: navn og telefon overalt (kan ikke fortrydes)", en: "Erase (GDPR): name and phone everywhere (cannot be undone)", hint: nil),
        Binding(keys: [.char(">")], action: .stage, changes: true, scope: .pane(.roster),
                da: "Næste trin: kandidat → uddannelse → uddannet → aktiv; vælg pause/stoppet (for alle valgte)", en: "Next stage: candidate → training → graduated → active; or paused/left (for all chosen)", hint: nil),
        Binding(keys: [.char(" ")], action: .toggle, scope: .pane(.roster), da: "Vælg / fravælg bydelsmoren (til > for flere på én gang)",
                en: "Choose / unchoose the volunteer (for > on several at once)", hint: nil),
        Binding(keys: [.char("c")], action: .logConversation, changes: true, scope: .pane(.roster),
                da: "Registrér en samtale for bydelsmoren", en: "Log a conversation for the volunteer", hint: ("samtale", "conversation")),
        Binding(keys: [.char("D")], action: .diplomaRule, changes: true, scope: .pane(.roster), da: "Krav til diplom (antal moduler)",
                en: "Diploma rule (modules)", hint: nil),
        Binding(keys: [.char("h")], action: .chooseHold, changes: true, scope: .pane(.roster),
                da: "Sæt på hold (de valgte: hold, kontrakt, samtykke på én gang)",
                en: "Put in a hold (the chosen: hold, contract, consent at once)", hint: nil),
    ]

    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid) { frame.drawRoster(&g, area) }
    static func handle(_ action: Action, in app: App) { app.rosterAction(action) }
    static func edit(_ action: Action, in app: App) { app.rosterEdit(action) }
    static func rows(_ app: App, _ rows: inout FrameRows) { rows.roster = app.rosterRows() }
    static func back(_ ui: inout UIState, _ lang: Lang) -> Bool {
        if ui.roster.detail != nil { ui.roster.detail = nil; return true }
        guard !ui.roster.chosen.isEmpty else { return false }
        ui.roster.chosen = []; ui.message = lang.t("Intet valgt.", "Nothing chosen.")
        return true
    }
}
