import BydelsmorCore

/// 3 Kalender as a widget: its keys (which drive its handling, the status bar and help), its
/// drawing (on `Frame`, from values) and what its keys do (on `App`, which may change the journal).
enum CalendarPaneWidget: PaneWidget {
    static let keys: [Binding] = [
        Binding(keys: [.char("t")], action: .today, scope: .pane(.calendar), da: "Gå til i dag", en: "Go to today",
                hint: ("i dag", "today")),
        Binding(keys: [.char("["), .pageUp], action: .previousMonth, scope: .pane(.calendar), da: "Forrige måned", en: "Previous month",
                hint: nil),
        Binding(keys: [.char("]"), .pageDown], action: .nextMonth, scope: .pane(.calendar), da: "Næste måned", en: "Next month", hint: nil),
        Binding(keys: [.char("v")], action: .switchView, scope: .pane(.calendar),
                da: "Næste hold i listen over moduler (hvert hold for sig)", en: "Next hold in the list of modules (each hold on its own)", hint: ("hold", "hold")),
        Binding(keys: [.enter], action: .open, scope: .pane(.calendar), da: "Vælg næste modulgang eller aktivitet på dagen (▶)",
                en: "Choose the next session or activity of the day (▶)", hint: nil),
        Binding(keys: [.char("a")], action: .add, changes: true, scope: .pane(.calendar), da: "Planlæg en modulgang på dagen",
                en: "Schedule a session on the day", hint: ("planlæg", "schedule")),
        Binding(keys: [.char("e")], action: .edit, changes: true, scope: .pane(.calendar),
                da: "Flyt eller ret den valgte modulgang eller aktivitet", en: "Move or edit the chosen session or activity", hint: ("ret", "edit")),
        Binding(keys: [.char("d")], action: .delete, changes: true, scope: .pane(.calendar),
                da: "Slet den valgte modulgang (med fremmøde) eller aktivitet", en: "Delete the chosen session (with attendance) or activity", hint: nil),
        Binding(keys: [.char("m")], action: .markHeld, changes: true, scope: .pane(.calendar),
                da: "Markér den valgte modulgang som afholdt", en: "Mark the chosen session held", hint: nil),
        Binding(keys: [.char("c")], action: .cancelSession, changes: true, scope: .pane(.calendar), da: "Aflys den valgte modulgang",
                en: "Cancel the chosen session", hint: nil),
        Binding(keys: [.char("f")], action: .attendance, changes: true, scope: .pane(.calendar),
                da: "Fremmøde (aktivitet: antal deltagere)", en: "Attendance (activity: number of participants)", hint: ("fremmøde", "attendance")),
        Binding(keys: [.char("n")], action: .note, changes: true, scope: .pane(.calendar),
                da: "Lektie (offentlig) og privat note til modulgangen", en: "Homework (public) and private note for the session", hint: nil),
        Binding(keys: [.char("S")], action: .series, changes: true, scope: .pane(.calendar),
                da: "Planlæg resten af holdet ugentligt (springer helligdage og skoleferier over)", en: "Schedule the rest of the hold weekly (skipping holidays)", hint: nil),
        Binding(keys: [.char("M")], action: .modulePlan, changes: true, scope: .pane(.calendar),
                da: "Ret modulplanen: et moduls titel, tema og slags", en: "Edit the module plan: a module's title, theme and kind", hint: nil),
        Binding(keys: [.char("H")], action: .newHold, changes: true, scope: .pane(.calendar),
                da: "Hold: opret et nyt, eller ret eller slet et", en: "Holds: make a new one, or edit or delete one", hint: nil),
        Binding(keys: [.char("A")], action: .newActivity, changes: true, scope: .pane(.calendar),
                da: "Ny aktivitet (møde, temaarrangement, diplomfest …)", en: "New activity (meeting, theme event, diploma party …)", hint: nil),
    ]

    static func render(_ frame: Frame, _ area: Rect, _ g: inout Grid) { frame.drawCalendar(&g, area) }
    static func handle(_ action: Action, in app: App) { app.calendarAction(action) }
    static func edit(_ action: Action, in app: App) { app.calendarEdit(action) }
    static func rows(_ app: App, _ rows: inout FrameRows) { rows.agenda = app.agendaRows() }
}
