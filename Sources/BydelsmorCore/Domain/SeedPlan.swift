/// The built-in plan, from the memo (seeds/bydelsmoedre-ishoej-notat.txt): four phases with their
/// milestones, the fifteen modules of the basic training and the budget lines with their ranges.
/// A new journal starts with these as ordinary lines, so the coordinator can see and change them.
public enum SeedPlan {
    public static let actor = "bydelsmor"

    public static let phases: [(title: String, milestones: [String])] = [
        ("Fagligt netværk og rekruttering", [
            "Koordinator udpeget (8–10 timer ugentligt)",
            "Indmeldelse og gebyr betalt til Landsorganisationen for Bydelsmødre",
            "Fagligt netværk etableret med navngivne samarbejdspartnere (skoler, sundhedspleje, SSP, boligsocial)",
            "Informationsmøde for kommende bydelsmødre afholdt",
            "Ressourcestærke kvinder rekrutteret til holdet",
        ]),
        ("Grunduddannelse (15 moduler)", [
            "Undervisere aftalt til alle fagmoduler",
            "Alle 15 moduler afholdt",
            "Diplomfest afholdt",
        ]),
        ("Bydelsmødrene spreder kendskabet", [
            "Opsøgende arbejde startet i lokalområdet",
            "Brochurer uddelt på de lokale mødesteder",
            "Første status til udvalget",
        ]),
        ("Lederskab overgives og forening stiftes", [
            "Stiftende generalforsamling afholdt",
            "Vedtægter vedtaget",
            "Bestyrelse valgt",
            "Første fondsansøgning sendt",
        ]),
    ]

    public static let modules: [(String, ModuleTheme, ModuleKind)] = [
        ("Introduktion: at være bydelsmor", .methods, .method),
        ("Samtalen som metode", .methods, .method),
        ("Familieliv og børns opvækst i Danmark", .family, .subject),
        ("Skole, dagtilbud og forældresamarbejde", .family, .subject),
        ("Unge, fritid og forebyggelse", .family, .subject),
        ("Sundhed og sundhedsvæsenet", .health, .subject),
        ("Mental sundhed og trivsel", .health, .subject),
        ("Kost, motion og tandsundhed", .health, .subject),
        ("Lokalsamfundet og foreningslivet", .community, .subject),
        ("Boligområdet og de lokale tilbud", .community, .subject),
        ("Kommunen, borgerservice og digital selvbetjening", .society, .subject),
        ("Arbejdsmarked, uddannelse og økonomi", .society, .subject),
        ("Rettigheder, ligestilling og vold i nære relationer", .society, .subject),
        ("Netværk og at nå ud til kvinderne", .methods, .method),
        ("Afslutning, evaluering og vejen videre", .methods, .method),
    ]

    public static let budgetLines: [BudgetLine] = [
        BudgetLine(id: "gebyr", title: "Opstarts- og indmeldelsesgebyr til Landsorganisationen", low: Money(kroner: 45_000),
                   high: Money(kroner: 45_000), period: .once),
        BudgetLine(id: "forplejning", title: "Forplejning", low: Money(kroner: 20_000), high: Money(kroner: 26_000), period: .once),
        BudgetLine(id: "brochurer", title: "Brochurer og materialer", low: Money(kroner: 5_000), high: Money(kroner: 7_500), period: .once),
        BudgetLine(id: "gaver", title: "Erkendtligheder til undervisere", low: Money(kroner: 8_000), high: Money(kroner: 10_000),
                   period: .once),
        BudgetLine(id: "diplomfest", title: "Diplomfest", low: Money(kroner: 10_000), high: Money(kroner: 13_000), period: .once),
        BudgetLine(id: "koordinator", title: "Koordinator, 8–10 timer ugentligt", low: Money(kroner: 119_040), high: Money(kroner: 154_560),
                   period: .yearly),
    ]

    /// The coordinator's planned weekly hours (the memo: 8–10).
    public static let weeklyHours = (low: 8, high: 10)

    /// The plan as events, in journal order.
    public static var events: [Event] {
        var out: [Event] = []
        var milestone = 0
        for (i, p) in phases.enumerated() {
            out.append(.phaseDefined(number: i + 1, title: p.title))
            for m in p.milestones {
                milestone += 1
                out.append(.milestoneAdded(id: ID(milestone), phase: i + 1, title: m))
            }
        }
        for (i, m) in modules.enumerated() {
            out.append(.moduleDefined(TrainingModule(number: i + 1, title: m.0, theme: m.1, kind: m.2)))
        }
        out += budgetLines.map { .budgetLineAdded($0) }
        out.append(.diplomaRule(minimum: 13))
        return out
    }
}
