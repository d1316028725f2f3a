import BydelsmorCore

/// 5 Budget as a widget: its keys (which drive its handling, the status bar and help), its
/// drawing (on `Frame`, from values) and what its keys do (on `App`, which may change the journal).
enum BudgetPaneWidget: PaneWidget {
    static let keys: [Binding] = [
        Binding(keys: [.char("[")], action: .previousYear, scope: .pane(.budget), da: "Forrige år", en: "Previous year", hint: nil),
        Binding(keys: [.char("]")], action: .nextYear, scope: .pane(.budget), da: "Næste år", en: "Next year", hint: ("år", "year")),
        Binding(keys: [.char("a")], action: .add, changes: true, scope: .pane(.budget), da: "Bogfør en udgift på linjen",
                en: "Book an expense on the line", hint: ("udgift", "expense")),
        Binding(keys: [.char("t")], action: .logHours, changes: true, scope: .pane(.budget), da: "Registrér koordinatortimer",
                en: "Log coordinator hours", hint: ("timer", "hours")),
        Binding(keys: [.char("T")], action: .hoursList, scope: .pane(.budget), da: "Vis koordinatortimerne (e ret, d slet)",
                en: "Show the coordinator hours (e edit, d remove)", hint: nil),
        Binding(keys: [.char("e")], action: .edit, changes: true, scope: .pane(.budget),
                da: "Ret linjens planlagte beløb (eller udgiften i listen)", en: "Edit the line's planned range (or the expense in the list)", hint: ("ret", "edit")),
        Binding(keys: [.char("n")], action: .newLine, changes: true, scope: .pane(.budget), da: "Ny budgetlinje", en: "New budget line",
                hint: nil),
        Binding(keys: [.char("d")], action: .delete, changes: true, scope: .pane(.budget), da: "Slet udgiften (i listen)",
                en: "Remove the expense (in the list)", hint: nil),
        Binding(keys: [.char("F")], action: .funding, changes: true, scope: .pane(.budget),
                da: "Fondsansøgninger: ny, afgørelse eller slet", en: "Funding applications: new, decision or delete", hint: nil),
        Binding(keys: [.enter], action: .open, scope: .pane(.budget), da: "Vis linjens udgifter (i listen: ret udgiften)",
                en: "Show the line's expenses (in the list: edit one)", hint: ("udgifter", "expenses")),
    ]

    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid) { frame.drawBudget(&g, area) }
    static func handle(_ action: Action, in app: App) { app.budgetAction(action) }
    static func edit(_ action: Action, in app: App) { app.budgetEdit(action) }
    static func rows(_ app: App, _ rows: inout FrameRows) {
        rows.budget = app.budgetRows()
        if let line = app.ui.budget.detail { rows.expenses = app.expensesOnLine(line) }
    }
    static func back(_ ui: inout UIState, _ lang: Lang) -> Bool {
        if ui.budget.hoursShown { ui.budget.hoursShown = false; return true }
        if ui.budget.detail != nil { ui.budget.detail = nil; return true }
        return false
    }
}
