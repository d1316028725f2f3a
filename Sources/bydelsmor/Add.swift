import ArgumentParser
import BydelsmorCore
import Foundation

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tilføj en bydelsmor eller en udgift. Det nye id står alene på sidste linje.",
        subcommands: [AddVolunteer.self, AddExpense.self]
    )
}

struct AddVolunteer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "volunteer", abstract: "Tilføj en bydelsmor (som kandidat).")
    @OptionGroup var common: CommonOptions
    @Option(help: "Navn (påkrævet).") var name: String
    @Option(help: "Telefon, fx \"+45 12 34 56 78\".") var phone: String = ""
    @Option(help: "Sprog som koder, kommasepareret, fx ar,da.") var languages: String = ""
    @Option(help: "Bydel.") var neighbourhood: String = ""
    @Option(help: "Noter.") var notes: String = ""

    func run() throws {
        let lang = try common.language()
        try reporting {
            let store = try common.openStore(lang: lang)
            let langs = languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            do {
                let r = try store.commit { s in
                    .volunteerAdded(VolunteerFields(id: s.volunteers.count + 1, name: name.trimmingCharacters(in: .whitespaces),
                                                    phone: phone.trimmingCharacters(in: .whitespaces), languages: langs,
                                                    neighbourhood: neighbourhood.trimmingCharacters(in: .whitespaces), notes: notes))
                }
                guard case .volunteerAdded(let v) = r.entry.event else { return }
                let ref = RecordKind.volunteer.ref(v.id)
                say(lang.t("Tilføjet bydelsmor \(ref) (linje \(r.line)).", "Added volunteer \(ref) (line \(r.line))."))
                say(ref)
            } catch { throw CLIFailure(error, lang) }
        }
    }
}

struct AddExpense: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expense", abstract: "Bogfør en udgift på en budgetlinje.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Budgetlinjens id (se `bydelsmor status --format json`).") var line: String
    @Option(help: "Beløb i kroner: 1250.50, 1250,50 eller 1.250,50.") var amount: String
    @Option(help: "Dato: 2027-02-07 eller 07.02.2027 (default: i dag).") var date: String?
    @Option(help: "Note.") var note: String = ""

    func run() throws {
        let lang = try common.language()
        let trimmed = amount.trimmingCharacters(in: .whitespaces)
        guard let money = Money(userInput: trimmed) else {
            let msg = trimmed.hasPrefix("-")
                ? lang.t("beløbet \"\(amount)\" er negativt; en udgift skal være over 0 kr.", "the amount \"\(amount)\" is negative; an expense must be above DKK 0")
                : lang.t("beløbet \"\(amount)\" kan ikke læses; skriv fx 1250.50, 1250,50 eller 1.250,50", "cannot read the amount \"\(amount)\"; write e.g. 1250.50, 1250,50 or 1.250,50")
            complain("bydelsmor: " + msg)
            throw ExitCode(1)
        }
        var day = common.today
        if let d = date {
            guard let parsed = Day(userInput: d) else {
                complain("bydelsmor: " + lang.t("datoen \"\(d)\" findes ikke eller kan ikke læses; skriv fx 07.02.2027 eller 2027-02-07",
                                                 "the date \"\(d)\" does not exist or cannot be read; write e.g. 07.02.2027 or 2027-02-07"))
                throw ExitCode(1)
            }
            day = parsed
        }
        try reporting {
            let store = try common.openStore(lang: lang)
            do {
                let r = try store.commit { s in
                    .expenseAdded(Expense(id: s.expenses.count + 1, date: day, line: line, amount: money, note: note))
                }
                guard case .expenseAdded(let x) = r.entry.event else { return }
                let ref = RecordKind.expense.ref(x.id)
                say(lang.t("Bogført udgift \(ref): \(x.amount.formatted(.da)) på \(x.line) (linje \(r.line)).",
                           "Booked expense \(ref): \(x.amount.formatted(.en)) on \(x.line) (line \(r.line))."))
                say(ref)
            } catch { throw CLIFailure(error, lang) }
        }
    }
}
