/// The association at a glance (status, the overview's line), its yearly accounts as a document the
/// general assembly approves, and a grant's report to its fund.
public struct AssociationStatus: Equatable, Sendable {
    public struct Seat: Equatable, Sendable { public var volunteer: VolunteerID, name: String, role: BoardRoleKind }
    public var name: String
    public var founded: Day
    public var cvr: String
    public var members: Int
    public var board: [Seat]
    public var generalAssemblies: Int
    public var boardMeetings: Int
    public var accounts: AssociationAccounts
    public var duties: [Duty]

    public init?(_ s: ProjectState, today: Day, _ l: Lang) {
        guard let a = s.association else { return nil }
        name = a.name; founded = a.founded; cvr = a.cvr
        members = s.members(on: today).count
        board = s.board(on: today).map { Seat(volunteer: $0.volunteer, name: s.volunteer($0.volunteer)?.name ?? "", role: $0.role) }
        let year = s.activities.filter { !$0.removed && $0.date.year == today.year && $0.date <= today }
        generalAssemblies = year.filter { $0.kind == .assembly }.count
        boardMeetings = year.filter { $0.kind == .board }.count
        accounts = AssociationAccounts(s, year: today.year, lang: l)
        duties = YearWheel.duties(s, year: today.year, today: today, l)
    }

    /// One line for the overview and `status`.
    public func line(_ l: Lang) -> String {
        l.t("Foreningen \(name): \(members) medlemmer, \(board.count) i bestyrelsen, \(boardMeetings) af \(YearWheel.boardMeetings) bestyrelsesmøder, kassebeholdning \(accounts.closing.formatted(l))",
            "The association \(name): \(members) members, \(board.count) on the board, \(boardMeetings) of \(YearWheel.boardMeetings) board meetings, balance \(accounts.closing.formatted(l))")
    }

    func write(_ w: JSONWriter) {
        w.object {
            w.key("name"); w.string(name)
            w.key("founded"); w.string(founded.iso)
            w.key("cvr"); if cvr.isEmpty { w.raw("null") } else { w.string(cvr) }
            w.key("members"); w.raw(String(members))
            w.key("board"); w.array(board) { b in
                w.object { w.key("volunteer"); w.string(b.volunteer.ref); w.key("role"); w.string(b.role.rawValue) }
            }
            w.key("meetings"); w.object {
                w.key("generalAssemblies"); w.raw(String(generalAssemblies))
                w.key("board"); w.raw(String(boardMeetings))
            }
            w.key("accounts"); w.object {
                w.key("income"); w.raw(accounts.totalIncome.jsonNumber)
                w.key("expenses"); w.raw(accounts.totalExpenses.jsonNumber)
                w.key("balance"); w.raw(accounts.closing.jsonNumber)
            }
            w.key("duties"); w.array(duties) { d in
                w.object {
                    w.key("key"); w.string(d.key)
                    w.key("what"); w.string(d.what)
                    w.key("due"); w.string(d.due.iso)
                    w.key("done"); if let x = d.done { w.string(x.iso) } else { w.raw("null") }
                }
            }
        }
    }
}

/// A small document of titled tables, written as Markdown or as a printable HTML page (A4, as the
/// yearly report), so the accounts and a grant's report read the same everywhere.
struct TableDocument {
    struct Table { var head: [String]; var rows: [[String]]; var numeric: Set<Int>; var total: [String]? }
    var title: String
    var meta: String
    var sections: [(title: String, lines: [String], table: Table?)]
    var lang: Lang

    func markdown() -> String {
        let md = Markdown.text
        var o = "# \(md(title))\n\n\(md(meta))\n"
        for s in sections {
            o += "\n## \(md(s.title))\n\n"
            for l in s.lines { o += md(l) + "\n\n" }
            if let t = s.table {
                o += "| " + t.head.map(md).joined(separator: " | ") + " |\n"
                o += "|" + t.head.indices.map { t.numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
                for r in t.rows { o += "| " + r.map(md).joined(separator: " | ") + " |\n" }
                if let total = t.total { o += "| " + total.map { "**\(md($0))**" }.joined(separator: " | ") + " |\n" }
            }
        }
        return o
    }

    func html() -> String {
        func e(_ s: String) -> String {
            s.replacingOccurrences("&", "&amp;").replacingOccurrences("<",
                    "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;")
        }
        var o = "<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">\n<head><meta charset=\"utf-8\"><title>\(e(title))</title>\n<style>\n"
        o += """
        @page { size: A4; margin: 16mm 15mm 18mm 15mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
        @media screen { body { max-width: 180mm; margin: 1em auto; } }
        h1 { font-size: 17pt; margin: 0 0 2mm 0; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm 0; border-bottom: 1px solid #999; break-after: avoid; }
        section, table { break-inside: avoid; } .meta { color: #444; margin-bottom: 4mm; }
        table { border-collapse: collapse; margin: 1mm 0 3mm 0; min-width: 60%; } th, td { padding: 1mm 2.5mm; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; }
        th { background: #eee; } td.n, th.n { text-align: right; white-space: nowrap; } tr.total td { font-weight: bold; border-top: 1.5px solid #333; }
        .sign { margin-top: 14mm; display: flex; gap: 12mm; } .sign div { flex: 1; border-top: 1px solid #333; padding-top: 1mm; font-size: 8.5pt; color: #444; }
        """
        o += "\n</style></head>\n<body>\n<h1>\(e(title))</h1>\n<p class=\"meta\">\(e(meta))</p>\n"
        for s in sections {
            o += "<section>\n<h2>\(e(s.title))</h2>\n"
            for l in s.lines { o += "<p>\(e(l))</p>\n" }
            if let t = s.table {
                func cells(_ r: [String], _ tag: String) -> String {
                    r.enumerated().map { "<\(tag)\(t.numeric.contains($0.offset) ? " class=\"n\"" : "")>\(e($0.element))</\(tag)>" }.joined()
                }
                o += "<table><thead><tr>\(cells(t.head, "th"))</tr></thead><tbody>\n"
                for r in t.rows { o += "<tr>\(cells(r, "td"))</tr>\n" }
                if let total = t.total { o += "<tr class=\"total\">\(cells(total, "td"))</tr>\n" }
                o += "</tbody></table>\n"
            }
            o += "</section>\n"
        }
        return o
    }
}

extension AssociationAccounts {
    private func document(_ l: Lang, madeOn: Day) -> TableDocument {
        let money: (Money) -> String = { $0.formatted(l) }
        let head = { (what: String) in [what, l.t("Beløb", "Amount")] }
        return TableDocument(
            title: l.t("Årsregnskab \(year) – \(name)", "Accounts \(year) – \(name)"),
            meta: l.t("Indtægter og udgifter i kalenderåret \(year), til godkendelse på generalforsamlingen. Lavet \(l.shortDate(madeOn)).",
                      "Income and expenses of the calendar year \(year), for the general assembly to approve. Made \(l.shortDate(madeOn))."),
            sections: [
                (l.t("Indtægter", "Income"), income.isEmpty ? [l.t("Ingen indtægter i året.", "No income in the year.")] : [],
                 TableDocument.Table(head: head(l.t("Kilde",
                                                    "Source")), rows: income.map { [$0.line.prefix(1).uppercased() + $0.line.dropFirst(),
                                                                                    money($0.amount)] }, numeric: [1],
                                     total: [l.t("Indtægter i alt", "Total income"), money(totalIncome)])),
                (l.t("Udgifter", "Expenses"), expenses.isEmpty ? [l.t("Ingen udgifter i året.", "No expenses in the year.")] : [],
                 TableDocument.Table(head: head(l.t("Linje", "Line")), rows: expenses.map { [$0.line, money($0.amount)] }, numeric: [1],
                                     total: [l.t("Udgifter i alt", "Total expenses"), money(totalExpenses)])),
                (l.t("Resultat og beholdning", "Result and balance"),
                 withoutReceipt > 0 ? [l.count(withoutReceipt, l.t("postering",
                                                                   "entry"), l.t("posteringer",
                                                                                 "entries")) + l.t(" uden bilag noteret.",
                                                                                                   " without a receipt noted.")] : [],
                 TableDocument.Table(head: head(""), rows: [[l.t("Beholdning 1. januar", "Balance 1 January"), money(opening)],
                                                            [l.t("Årets resultat", "Result of the year"), money(result)]],
                                     numeric: [1], total: [l.t("Beholdning 31. december", "Balance 31 December"), money(closing)])),
            ], lang: l)
    }

    public func markdown(_ l: Lang, madeOn: Day) -> String { document(l, madeOn: madeOn).markdown() }
    public func html(_ l: Lang, madeOn: Day) -> String {
        document(l, madeOn: madeOn).html() + "<div class=\"sign\"><div>\(l.t("Kasserer", "Treasurer"))</div><div>\(l.t("Forkvinde", "Chair"))</div><div>\(l.t("Revisor", "Auditor"))</div></div>\n</body></html>\n"
    }
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("year"); w.raw(String(year))
            w.key("association"); w.string(name)
            w.key("income"); w.array(income) { i in w.object { w.key("line"); w.string(i.line); w.key("amount"); w.raw(i.amount.jsonNumber) } }
            w.key("expenses"); w.array(expenses) { i in w.object { w.key("line"); w.string(i.line); w.key("amount"); w.raw(i.amount.jsonNumber) } }
            w.key("totalIncome"); w.raw(totalIncome.jsonNumber)
            w.key("totalExpenses"); w.raw(totalExpenses.jsonNumber)
            w.key("result"); w.raw(result.jsonNumber)
            w.key("opening"); w.raw(opening.jsonNumber)
            w.key("closing"); w.raw(closing.jsonNumber)
            w.key("withoutReceipt"); w.raw(String(withoutReceipt))
        }
        return w.out + "\n"
    }
}

/// A grant's report to its fund: what was granted, spent from it by line, the activities and
/// participants in its period, what is left and, once the period is over, what is to be repaid.
public struct GrantReport: Equatable, Sendable {
    public var funding: FundingApplication
    public var spentByLine: [(line: String, amount: Money)]
    public var activities: [(kind: ActivityKind, count: Int, participants: Int)]
    public var today: Day

    public static func == (a: Self, b: Self) -> Bool {
        a.funding == b.funding && a.today == b.today && a.spentByLine.map(\.line) == b.spentByLine.map(\.line) && a.spentByLine.map(\.amount) == b.spentByLine.map(\.amount)
            && a.activities.map(\.count) == b.activities.map(\.count)
    }

    public init(_ s: ProjectState, funding id: ID<FundingApplication>, today: Day) throws(Message) {
        guard let f = s.funding.at(id), !f.removed else {
            throw Message("ansøgning \(id.ref) findes ikke", "application \(id.ref) does not exist", field: "id")
        }
        guard let g = f.granted, g > .zero else {
            throw Message("\(id.ref) er ikke bevilget; der er intet at rapportere",
                          "\(id.ref) has not been granted; there is nothing to report", field: "id")
        }
        _ = g
        funding = f
        self.today = today
        var by: [String: Money] = [:]
        for e in s.accountEntries where !e.removed && e.direction == .expense && e.funding == id { by[e.line, default: .zero] = by[e.line, default: .zero] + e.amount }
        for x in s.expenses where !x.removed && x.funding == id {
            let title = s.budgetLines.first { $0.id == x.line }?.title ?? x.line
            by[title, default: .zero] = by[title, default: .zero] + x.amount
        }
        spentByLine = by.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let from = f.details.periodFrom ?? f.decided ?? f.date, to = f.details.periodTo ?? today
        var acts: [ActivityKind: (Int, Int)] = [:]
        for a in s.activities where !a.removed && a.date >= from && a.date <= to && a.date <= today {
            let n = a.participants ?? a.present.count
            acts[a.kind, default: (0, 0)] = (acts[a.kind, default: (0, 0)].0 + 1, acts[a.kind, default: (0, 0)].1 + n)
        }
        activities = ActivityKind.allCases.compactMap { k in acts[k].map { (k, $0.0, $0.1) } }
    }

    public var granted: Money { funding.granted ?? .zero }
    public var spent: Money { spentByLine.reduce(.zero) { $0 + $1.amount } }
    public var left: Money { granted - spent }
    /// What is left once the project period is over: to be paid back unless the fund agrees otherwise.
    public var toRepay: Money { (funding.details.periodTo.map { today > $0 } ?? false) && left > .zero ? left : .zero }

    private func document(_ l: Lang) -> TableDocument {
        let f = funding, d = f.details
        let period = [d.periodFrom, d.periodTo].map { $0.map { l.shortDate($0) } ?? "…" }.joined(separator: "–")
        var about = [l.t("Fond: \(f.funder)", "Fund: \(f.funder)")]
        if !d.pool.isEmpty { about.append(l.t("Pulje: \(d.pool)", "Pool: \(d.pool)")) }
        if !d.purpose.isEmpty { about.append(l.t("Formål: \(d.purpose)", "Purpose: \(d.purpose)")) }
        about.append(l.t("Projektperiode: \(period)", "Project period: \(period)"))
        about.append(l.t("Bevilget til: ", "Granted to: ") + d.holder.label(l))
        if let r = d.reportDue { about.append(l.t("Rapport senest: \(l.shortDate(r))", "Report due: \(l.shortDate(r))")) }
        let money: (Money) -> String = { $0.formatted(l) }
        return TableDocument(
            title: l.t("Rapport for bevilling \(f.id.ref) fra \(f.funder)", "Report on grant \(f.id.ref) from \(f.funder)"),
            meta: l.t("Lavet \(l.shortDate(today)).", "Made \(l.shortDate(today))."),
            sections: [
                (l.t("Bevillingen", "The grant"), about, nil),
                (l.t("Forbrug efter linje",
                     "Spending by line"), spentByLine.isEmpty ? [l.t("Intet bogført mod bevillingen.",
                                                                     "Nothing booked against the grant.")] : [],
                 TableDocument.Table(head: [l.t("Linje",
                                                "Line"), l.t("Beløb",
                                                             "Amount")], rows: spentByLine.map { [$0.line, money($0.amount)] }, numeric: [1],
                                     total: [l.t("Brugt i alt", "Spent in all"), money(spent)])),
                (l.t("Aktiviteter i perioden",
                     "Activities in the period"), activities.isEmpty ? [l.t("Ingen aktiviteter i perioden.",
                                                                            "No activities in the period.")] : [],
                 activities.isEmpty ? nil : TableDocument.Table(head: [l.t("Aktivitet",
                                                                           "Activity"), l.t("Antal",
                                                                                            "Number"), l.t("Deltagere", "Participants")],
                                                                rows: activities.map { [$0.kind.label(l), String($0.count),
                                                                        String($0.participants)] }, numeric: [1, 2], total: nil)),
                (l.t("Rest", "What is left"), [],
                 TableDocument.Table(head: ["", l.t("Beløb",
                                                    "Amount")], rows: [[l.t("Bevilget",
                                                                            "Granted"), money(granted)], [l.t("Brugt",
                                                                                                              "Spent"), money(spent)],
                                                                               [l.t("Tilbage", "Left"), money(left)]],
                                     numeric: [1], total: [l.t("Skal tilbagebetales", "To be repaid"), money(toRepay)])),
            ], lang: l)
    }

    public func markdown(_ l: Lang) -> String { document(l).markdown() }
    public func html(_ l: Lang) -> String { document(l).html() + "</body></html>\n" }
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("funding"); w.string(funding.id.ref)
            w.key("funder"); w.string(funding.funder)
            w.key("pool"); w.string(funding.details.pool)
            w.key("for"); w.string(funding.details.holder.rawValue)
            w.key("periodFrom"); if let d = funding.details.periodFrom { w.string(d.iso) } else { w.raw("null") }
            w.key("periodTo"); if let d = funding.details.periodTo { w.string(d.iso) } else { w.raw("null") }
            w.key("granted"); w.raw(granted.jsonNumber)
            w.key("spent"); w.raw(spent.jsonNumber)
            w.key("spentByLine"); w.array(spentByLine) { x in w.object { w.key("line"); w.string(x.line); w.key("amount"); w.raw(x.amount.jsonNumber) } }
            w.key("activities"); w.array(activities) { a in
                w.object { w.key("kind"); w.string(a.kind.rawValue); w.key("count"); w.raw(String(a.count)); w.key("participants"); w.raw(String(a.participants)) }
            }
            w.key("left"); w.raw(left.jsonNumber)
            w.key("toRepay"); w.raw(toRepay.jsonNumber)
        }
        return w.out + "\n"
    }
}
