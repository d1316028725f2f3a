import BydelsmorCore

/// Editing keys go to the pane they belong to.
extension App {
    func editAction(_ action: Action) {
        ui.pane.widget.edit(action, in: self)
    }

    var options: (stages: [(token: String, label: String)], contact: [(token: String, label: String)],
                  referral: [(token: String, label: String)]) {
        (VolunteerStage.allCases.map { ($0.rawValue, $0.label(lang)) },
         ContactOrigin.allCases.map { ($0.rawValue, $0.label(lang)) },
         Referral.allCases.map { ($0.rawValue, $0.label(lang)) })
    }
}
