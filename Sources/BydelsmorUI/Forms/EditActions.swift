import BydelsmorCore

/// Editing keys go to the pane they belong to.
extension App {
    func editAction(_ action: Action) {
        switch ui.pane {
        case .overview: ui.message = lang.t("Ret i ruderne 2–6", "Edit in panes 2–6")
        case .phases: phasesEdit(action)
        case .calendar: calendarEdit(action)
        case .roster: rosterEdit(action)
        case .budget: budgetEdit(action)
        case .conversations: conversationsEdit(action)
        }
    }

    var options: (stages: [(token: String, label: String)], contact: [(token: String, label: String)], referral: [(token: String, label: String)]) {
        (VolunteerStage.allCases.map { ($0.rawValue, $0.label(lang)) },
         ContactOrigin.allCases.map { ($0.rawValue, $0.label(lang)) },
         Referral.allCases.map { ($0.rawValue, $0.label(lang)) })
    }
}
