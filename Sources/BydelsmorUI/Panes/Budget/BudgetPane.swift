import BydelsmorCore

/// 5 Budget: the line whose expenses are listed, the project year shown (nil: this year), and the
/// coordinator hours listed (T) instead of the lines.
public struct BudgetState: Sendable, Equatable {
    public var detail: String?
    public var year: Int?
    public var hoursShown = false
}

/// 5 Budget: what its keys do (the year, a line's expenses, the hours list).
extension App {

    // MARK: Budget

    func expensesOnLine(_ id: String) -> [Expense] {
        expenseCache.rows([String(dataStamp), id,
                           ui.query]) { state.expenses.filter { !$0.removed && $0.line == id && matches($0.note) }.reversed() }
    }

    func budgetAction(_ action: Action) {
        if action == .hoursList { ui.budget.hoursShown = true; ui.detailCursor = 0; return }
        if ui.budget.hoursShown {
            if action == .open { perform(.edit); return }
            if let c = stepped(ui.detailCursor, action, count: hoursEntries().count) { ui.detailCursor = c }
            return
        }
        if let line = ui.budget.detail {
            // In the list of a line's expenses, Enter edits the chosen one (like e).
            if action == .open { perform(.edit); return }
            if let c = stepped(ui.detailCursor, action, count: expensesOnLine(line).count) { ui.detailCursor = c }
            return
        }
        if action == .previousYear || action == .nextYear {
            let y = budgetYear + (action == .nextYear ? 1 : -1)
            guard Day.years.contains(y) else { return }
            ui.budget.year = y
            ui.message = lang.t("Budget for ", "Budget for ") + budgetYearLabel
            return
        }
        if action == .open {
            let rows = budgetRows(), c = ui.cursor[.budget] ?? 0
            if c < rows.count { ui.budget.detail = rows[c].id; ui.detailCursor = 0 }
            return
        }
        move(action, cursor: .budget, count: budgetRows().count)
    }

}

/// 5 Budget: the year shown and its lines, read by the keys and the drawing alike.
extension Reading {
    /// The calendar year pane 5 shows: what its lines plan in it against its spending. A line with
    /// neither plan nor spending that year is left out.
    var budgetYear: Int { ui.budget.year ?? today.year }

    /// "budgetåret 2026" — the municipality's budget year, the calendar year.
    var budgetYearLabel: String { lang.t("budgetåret ", "the budget year ") + String(budgetYear) }

    func budgetRows() -> [ProjectStatus.BudgetLineStatus] {
        let y = budgetYear
        let spent = state.spent(year: y)
        // A search also finds a line by the notes of its expenses ("blomster" finds the gifts).
        var notesMatch = [String: Bool]()
        if !ui.query.isEmpty { for x in state.expenses where !x.removed && notesMatch[x.line] != true && matches(x.note) { notesMatch[x.line] = true } }
        return state.planned(year: y).lines.map {
            ProjectStatus.BudgetLineStatus(id: $0.line.id, title: $0.line.title, plannedLow: $0.low, plannedHigh: $0.high,
                                           spent: spent[$0.line.id] ?? .zero, period: $0.line.period)
        }.filter { ($0.plannedHigh > .zero || $0.spent > .zero || ui.budget.detail == $0.id) && (matches($0.title, $0.id) || notesMatch[$0.id] == true) }
    }

    /// Coordinator hours, newest first.
    func hoursEntries() -> [HoursEntry] { state.hours.filter { !$0.removed && matches($0.note) }.reversed() }
}

/// 5 Budget: every line as a gauge of spent against its planned range, the total, coordinator
/// hours against 8–10 a week, and spending per month.
extension Frame {
    func drawBudget(_ g: inout Grid, _ r: Rect) {
        if ui.budget.hoursShown { drawHours(&g, r); return }
        if let id = ui.budget.detail, let line = budgetRows().first(where: { $0.id == id }) { drawExpenses(&g, r, line: line); return }
        let l = lang
        let st = index.status
        let wide = r.width >= 110
        let (main, side) = wide ? r.splitColumns(r.width - 38, gap: 2) : (r, Rect(x: 0, y: 0, width: 0, height: 0))
        let rows = budgetRows()
        let cursor = min(ui.cursor[.budget] ?? 0, max(0, rows.count - 1))
        var row = 0
        // The amounts get the room they need (the titles give way): a number is never cut.
        func amountsText(_ line: ProjectStatus.BudgetLineStatus) -> String {
            "\(line.spent.formatted(l)) / \(line.plannedLow.formatted(l, withUnit: false))–\(line.plannedHigh.formatted(l, withUnit: false))"
        }
        let amountsW = min(rows.map { Text.width(amountsText($0)) }.max() ?? 20, main.width - 8)
        for (i, line) in rows.enumerated() {
            guard row + 1 < main.height - 3 else { break }
            let sel = i == cursor
            if sel { g.fill(main.row(row), .selected) }
            let amounts = amountsText(line)
            g.put(Text.pad(line.title + (line.period == .yearly ? " (" + line.period.label(l) + ")" : ""), main.width - amountsW - 1),
                  in: main, row: row, sel ? .selected : .normal)
            g.put(Text.pad(amounts, amountsW, right: true), in: main, row: row, col: main.width - amountsW,
                  line.spent > line.plannedHigh ? .warning : sel ? .selected : .normal)
            Widgets.gauge(&g, x: main.x + 2, y: main.y + row + 1, width: main.width - 4, spent: line.spent, low: line.plannedLow,
                          high: line.plannedHigh)
            row += 2
        }
        if rows.isEmpty { g.put(l.t("Ingen budgetlinjer matcher søgningen.", "No budget lines match the search."), in: main, row: 0,
                                .dim); row = 1 }
        guard row < main.height else { return }
        let year = budgetYear, all = budgetRows()
        let spentY = all.reduce(Money.zero) { $0 + $1.spent }, lowY = all.reduce(Money.zero) { $0 + $1.plannedLow }, highY = all.reduce(Money.zero) { $0 + $1.plannedHigh }
        _ = year
        // The total and what is left on lines of their own when they do not fit one: a figure is
        // never cut.
        let total = "\(l.t("I alt", "Total")): \(spentY.formatted(l)) \(l.t("af", "of")) \(Money.range(lowY, highY, l))"
        let left = Money.remaining(spent: spentY, low: lowY, high: highY, l)
        if Text.width(total) + 3 + Text.width(left) <= main.width {
            g.put(total + " · " + left, in: main, row: row, .header)
        } else {
            g.put(total, in: main, row: row, .header)
            if row + 1 < main.height { row += 1; g.put("  " + left, in: main, row: row, spentY > highY ? .warning : .header) }
        }
        row += 1
        if row < main.height {
            // The project as a whole beside the year; [ ] change the year.
            let year = budgetYearLabel.prefix(1).uppercased() + budgetYearLabel.dropFirst()
            let whole = l.t("hele projektet: ", "the whole project: ") + st.spent.formatted(l)
            let short = String(budgetYear)
            let choices = [year + " · " + whole + " · [ ] " + l.t("skifter år", "change year"), year + " · " + whole, short + " · " + whole]
            g.put(choices.first { Text.width($0) <= main.width } ?? choices[2], in: main, row: row, .dim)
            row += 1
        }
        if row < main.height {
            // The 8–10 hours a week apply per period: the last four weeks and this project year, not
            // only the lifetime average.
            let w = SeedPlan.weeklyHours
            func perWeek(_ avg: Double) -> String {
                let a = (avg * 10).rounded() / 10
                return (l == .da ? String(a).replacingDot(with: ",") : String(a)) + " " + l.t("t/uge", "h/week")
            }
            let recent = state.hoursPerWeek(from: today.adding(days: -27), to: today)
            let yearStart = Day(year: today.year, month: 1, day: 1).map { max($0, state.projectStart ?? $0) }
            let thisYear = yearStart.flatMap { state.hoursPerWeek(from: $0, to: today) }
            let judged = recent ?? index.hoursPerWeek
            var head = "\(l.t("Koordinatortimer", "Coordinator hours")): \(index.hoursTotal.formatted(l)) · " + l.t("mål", "target") + " \(w.low)–\(w.high) " + l.t("t/uge", "h/week")
            if let avg = judged, index.hoursTotal.hundredths > 0 {
                head += " — " + (avg < Double(w.low) ? l.t("under",
                        "below") : avg > Double(w.high) ? l.t("over", "above") : l.t("inden for", "within"))
            }
            g.put(head, in: main, row: row, judged.map { $0 >= Double(w.low) && $0 <= Double(w.high) } ?? true ? .normal : .warning)
            row += 1
            // Each figure whole on its own row part: a number is never cut.
            let periods = [recent.map { l.t("seneste 4 uger ", "last 4 weeks ") + perWeek($0) },
                           thisYear.map { l.t("i år ", "this year ") + perWeek($0) }].compactMap { $0 }
            if row < main.height, index.hoursTotal.hundredths > 0, !periods.isEmpty {
                g.put("  " + periods.joined(separator: " · "), in: main, row: row, .dim)
                row += 1
            }
        }
        // Funding for the association (phase 4): what was applied for and granted in the year.
        let apps = state.funding.filter { !$0.removed }
        if row < main.height, !apps.isEmpty, let first = Day(year: budgetYear, month: 1,
                                                             day: 1), let last = Day(year: budgetYear, month: 12, day: 31) {
            let range = (first: first, last: last)
            let inYear = apps.filter { $0.date >= range.first && $0.date <= range.last }
            let decided = apps.filter { ($0.decided.map { $0 >= range.first && $0 <= range.last } ?? false) }
            // A grant is income on the day it is granted: the project's here, the association's in its own book.
            let granted = decided.filter { $0.details.holder == .project }.reduce(Money.zero) { $0 + ($1.granted ?? .zero) }
            let toAssociation = decided.filter { $0.details.holder == .association }.reduce(Money.zero) { $0 + ($1.granted ?? .zero) }
            let pending = apps.filter { $0.granted == nil }.count
            g.put(l.t("Fonde", "Funding") + ": " + l.t("ansøgt ",
                                                       "applied for ") + inYear.reduce(Money.zero) { $0 + $1.applied }.formatted(l)
                  + " · " + l.t("afventer ", "pending ") + l.number(pending) + " · F", in: main, row: row, .normal)
            row += 1
            if row < main.height {
                g.put("  " + l.t("Indtægt fra bevillinger: ", "Income from grants: ") + granted.formatted(l)
                      + (toAssociation > .zero ? l.t(" · til foreningens regnskab: ",
                                                     " · to the association's accounts: ") + toAssociation.formatted(l) : ""),
                      in: main, row: row, granted > .zero ? .ok : .normal)
                row += 1
            }
        }
        // Spending per month: beside the lines when wide, below them otherwise.
        let chart = wide ? side : Rect(x: main.x, y: main.y + row + 1, width: main.width, height: main.height - row - 1)
        drawMonthlySpending(&g, chart)
    }

    func drawMonthlySpending(_ g: inout Grid, _ r: Rect) {
        guard r.height >= 2, r.width >= 20 else { return }
        let l = lang
        g.put(l.t("Udgifter pr. måned", "Spending by month"), in: r, row: 0, .header)
        let months = Array(index.spendByMonth.suffix(r.height - 1))
        if months.isEmpty { g.put(l.t("ingen udgifter endnu", "no spending yet"), in: r, row: 1, .dim); return }
        let maxAmount = months.map(\.amount.ore).max() ?? 1
        let amountW = 14, labelW = 9
        for (i, m) in months.enumerated() {
            let label = Text.pad(ProjectIndex.monthName(m.month, l, short: true), labelW)
            g.put(label, in: r, row: 1 + i, .dim)
            let barW = r.width - labelW - amountW - 1
            Widgets.bar(&g, x: r.x + labelW, y: r.y + 1 + i, width: barW, value: m.amount.ore, max: maxAmount)
            g.put(Text.pad(m.amount.formatted(l, withUnit: false), amountW, right: true), in: r, row: 1 + i, col: r.width - amountW)
        }
    }

    func drawHours(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let xs = hoursEntries()
        let total = xs.reduce(Hours(hundredths: 0)) { $0 + $1.hours }
        g.put(l.t("Koordinatortimer", "Coordinator hours") + ": \(total.formatted(l)) · " + l.t("t ny · e ret · d slet · Esc tilbage", "t new · e edit · d remove · Esc back"), in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        if xs.isEmpty { g.put(l.t("Ingen timer registreret endnu.", "No hours logged yet."), in: list, .dim); return }
        drawList(&g, list, id: .hours, count: xs.count, cursor: min(ui.detailCursor, xs.count - 1)) { g, i, rect, sel in
            let h = xs[i]
            g.put(Text.pad(RecordKind.hours.ref(h.id),
                    7) + " " + l.weekdayShort[h.date.weekday - 1] + " " + l.shortDate(h.date) + "  " + Text.pad(h.hours.formatted(l) + " t", 9, right: true) + "  " + h.note,
                  in: rect, sel ? .selected : .normal)
        }
    }

    func drawExpenses(_ g: inout Grid, _ r: Rect, line: ProjectStatus.BudgetLineStatus) {
        let l = lang
        let xs = expensesOnLine(line.id)
        g.put("\(line.title): \(line.spent.formatted(l)) · \(xs.count) " + l.t("udgifter · a ny · e ret · d slet · Esc tilbage",
                "expenses · a new · e edit · d remove · Esc back"), in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        if xs.isEmpty { g.put(l.t("Ingen udgifter på linjen endnu.", "No expenses on the line yet."), in: list, .dim); return }
        drawList(&g, list, id: .expenses, count: xs.count, cursor: min(ui.detailCursor, xs.count - 1)) { g, i, rect, sel in
            let x = xs[i]
            g.put(Text.pad(RecordKind.expense.ref(x.id),
                    7) + " " + l.shortDate(x.date) + "  " + Text.pad(x.amount.formatted(l), 16,
                                                                     right: true) + "  " + x.note, in: rect, sel ? .selected : .normal)
        }
    }
}
