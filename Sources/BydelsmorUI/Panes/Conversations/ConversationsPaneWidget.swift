import BydelsmorCore

/// 6 Samtaler as a widget: its keys (which drive its handling, the status bar and help), its
/// drawing (on `Frame`, from values) and what its keys do (on `App`, which may change the journal).
enum ConversationsPaneWidget: PaneWidget {
    static let keys: [Binding] = [
        Binding(keys: [.char("v")], action: .switchView, scope: .pane(.conversations), da: "Skift visning: måned, emne, bydelsmor",
                en: "Switch view: month, topic, volunteer", hint: ("visning", "view")),
        Binding(keys: [.enter], action: .open, scope: .pane(.conversations), da: "Vis samtalerne bag tallet",
                en: "Show the conversations behind the figure", hint: ("liste", "list")),
        Binding(keys: [.char("a")], action: .logConversation, changes: true, scope: .pane(.conversations), da: "Registrér en samtale",
                en: "Log a conversation", hint: ("ny samtale", "log")),
        Binding(keys: [.char("e")], action: .edit, changes: true, scope: .pane(.conversations), da: "Ret samtalen (i listen)",
                en: "Edit the conversation (in the list)", hint: nil),
        Binding(keys: [.char("d")], action: .delete, changes: true, scope: .pane(.conversations), da: "Slet samtalen (i listen)",
                en: "Remove the conversation (in the list)", hint: nil),
    ]

    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid) { frame.drawConversations(&g, area) }
    static func handle(_ action: Action, in app: App) { app.conversationsAction(action) }
    static func edit(_ action: Action, in app: App) { app.conversationsEdit(action) }
    static func rows(_ app: App, _ rows: inout FrameRows) { rows.conversations = app.conversationRows() }
    static func back(_ ui: inout UIState, _ lang: Lang) -> Bool {
        guard ui.conversations.detail != nil else { return false }
        ui.conversations.detail = nil
        return true
    }
}
