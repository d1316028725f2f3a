import BydelsmorCore

/// The shared terminal: a calm, read-only view of the coming sessions, the calendar and the
/// project's progress. It is drawn from `PublicView.state` of the store's state, never from the
/// store's own: no name, phone number or private note is there to draw, and every public text
/// (homework, places, titles, hold names) has any volunteer's name or phone masked. No key changes anything;
/// after a minute without keys it returns to its start screen; only an administrator's signal or
/// the exit sequence (documented in `bydelsmor kiosk --help`, shown nowhere on screen) ends it.
public final class KioskApp {
    public enum View: Int, CaseIterable { case start, calendar, sessions }

    public let store: Store
    public let lang: Lang
    public private(set) var today: Day
    public private(set) var view: View = .start
    public private(set) var month: Day
    public private(set) var scroll = 0
    private var index: ProjectIndex
    private var indexRevision: Int
    /// The store's state as a public screen may hold it (`PublicView`), made anew on every change.
    private var publicState: ProjectState
    private var lastKey: Double = 0
    private var exitProgress = 0

    public static let exitSequence: [Key] = [.ctrl("x"), .ctrl("x"), .char("q"), .char("q")]
    public static let idleSeconds = 60.0

    public init(store: Store, lang: Lang, today: Day) {
        self.store = store; self.lang = lang; self.today = today
        month = today.firstOfMonth
        publicState = PublicView.state(store.state)
        index = ProjectIndex(state: publicState, today: today, conversations: store.conversationLog.countAnewOnChange)
        indexRevision = store.revision
    }

    /// One key at time `now` (seconds). False when the exit sequence is complete.
    public func handle(_ key: Key, now: Double) -> Bool {
        lastKey = now
        if key == KioskApp.exitSequence[exitProgress] {
            exitProgress += 1
            if exitProgress == KioskApp.exitSequence.count { return false }
            return true
        }
        exitProgress = key == KioskApp.exitSequence[0] ? 1 : 0
        switch key {
        case .right, .tab, .char("l"), .char(" "): view = View(rawValue: (view.rawValue + 1) % View.allCases.count)!; scroll = 0
        case .left, .backTab, .char("h"): view = View(rawValue: (view.rawValue + View.allCases.count - 1) % View.allCases.count)!; scroll = 0
        case .down, .char("j"), .pageDown:
            if view == .calendar { month = month.adding(months: 1) } else { scroll = min(scroll + (key == .pageDown ? 5 : 1), maxScroll) }
        case .up, .char("k"), .pageUp:
            if view == .calendar { month = month.adding(months: -1) } else { scroll = max(0, scroll - (key == .pageUp ? 5 : 1)) }
        case .escape, .home, .enter: view = .start; month = today.firstOfMonth; scroll = 0
        default: break
        }
        return true
    }

    /// Time passes: back to the start screen after a minute without keys; others' changes taken in.
    @discardableResult
    public func tick(now: Double, today newToday: Day? = nil) -> Bool {
        var changed = false
        if now - lastKey >= KioskApp.idleSeconds && (view != .start || month != today.firstOfMonth || scroll != 0) {
            view = .start; month = today.firstOfMonth; scroll = 0; exitProgress = 0; changed = true
        }
        if let d = newToday, d != today { today = d; changed = true }
        do { if try store.refresh() { changed = true } } catch { changed = true }
        if store.revision != indexRevision || changed {
            if store.revision != indexRevision { publicState = PublicView.state(store.state) }
            index = ProjectIndex(state: publicState, today: today, previous: index, conversations: store.conversationLog.countAnewOnChange)
            indexRevision = store.revision
            changed = true
        }
        return changed
    }

    var coming: [ModuleSession] { KioskFrame.coming(publicState, today) }

    /// The terminal's size: how far the list of all sessions can scroll is kept where the keys are
    /// handled, so drawing only reads it.
    public func resize(width: Int, height: Int) { viewportHeight = height }
    private var viewportHeight = 24

    /// The last first row of the list of all coming sessions (two rows each) that still fills the view.
    var maxScroll: Int { KioskFrame.maxScroll(sessions: coming.count, height: viewportHeight) }

    public func render(width: Int, height: Int) -> Grid {
        KioskFrame(state: publicState, index: index, lang: lang, today: today, view: view, month: month, scroll: scroll,
                   unusable: store.problem != nil).render(width: width, height: height)
    }

    /// One sign a kind of session, so the mothers see at a glance what it is.
    static let moduleMark = "◆"
    static func mark(_ k: ActivityKind) -> String {
        switch k {
        case .diploma, .theme: "★"
        default: "●"
        }
    }
}

/// One frame of the kiosk, drawn from values (see `Frame`): the data, the day and the kiosk's view.
struct KioskFrame {
    let state: ProjectState
    let index: ProjectIndex
    let lang: Lang
    let today: Day
    let view: KioskApp.View
    let month: Day
    let scroll: Int
    /// The journal cannot be read just now (a copy caught at 0 bytes, a sync in progress): a calm
    /// word instead of a page of zeros; the kiosk reads it again once the file changes.
    var unusable = false

    static func coming(_ s: ProjectState, _ today: Day) -> [ModuleSession] {
        s.sessions.filter { $0.status == .scheduled && !$0.removed && $0.date >= today }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
    }
    var coming: [ModuleSession] { KioskFrame.coming(state, today) }

    /// Rows of a session list in a body `height - 4` high, two rows a session under a title line and a gap.
    static func maxScroll(sessions: Int, height: Int) -> Int { max(0, sessions - max(1, (height - 4 - 2) / 2)) }

    func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let l = lang
        guard width >= 40, height >= 12 else {
            g.put(Text.truncate(l.t("Bydelsmødre", "Bydelsmødre"), to: width), x: 0, y: 0, .title)
            return g
        }
        g.fill(g.bounds.row(0), .tabActive)
        g.put(" Bydelsmødre", x: 0, y: 0, .tabActive)
        let date = l.weekdayNames[today.weekday - 1] + " " + l.longDate(today) + " · " + l.week(today) + " "
        g.put(date, x: max(14, width - Text.width(date)), y: 0, .tabActive)
        let body = Rect(x: 2, y: 2, width: width - 4, height: height - 4)
        if unusable {
            let lines = [l.t("Kalenderen opdateres …", "The calendar is being updated …"),
                         l.t("Prøv igen om lidt.", "Try again in a moment.")]
            for (i, t) in lines.enumerated() { g.put(t, x: max(0, (width - Text.width(t)) / 2), y: height / 2 - 1 + i,
                                                     i == 0 ? .title : .dim) }
            return g
        }
        switch view {
        case .start: drawStart(&g, body)
        case .calendar:
            let (left, right) = body.splitColumns(26, gap: 3)
            // The kiosk has no cursor: no day is drawn as selected.
            let days = Set(state.sessions.filter { $0.status != .cancelled && !$0.removed && $0.date.firstOfMonth == month }.map(\.date))
                .union(state.activities.filter { !$0.removed && $0.date.firstOfMonth == month }.map(\.date))
            MonthCalendar(month: month, today: today, selected: nil, sessionDays: days, lang: lang).render(&g, left)
            drawSessionList(&g, right, sessions: state.sessions.filter { $0.date.firstOfMonth == month && $0.status != .cancelled && !$0.removed }
                .sorted { ($0.date, $0.start) < ($1.date, $1.start) }, title: l.t("Modulgange i ",
                                                                                  "Sessions in ") + l.monthNames[month.month - 1])
        case .sessions:
            drawSessionList(&g, body, sessions: coming, title: l.t("Alle kommende modulgange", "All coming sessions"))
        }
        let views = [l.t("Næste", "Next"), l.t("Kalender", "Calendar"), l.t("Alle modulgange", "All sessions")]
        let footer = views.enumerated().map { $0.offset == view.rawValue ? "[\($0.element)]" : $0.element }.joined(separator: "   ") + "   ← →"
        g.fill(g.bounds.row(height - 1), .statusBar)
        g.put(" " + footer, in: g.bounds.row(height - 1), .statusBar)
        return g
    }

    /// A session in two lines, so nothing is cut: when and what, then the hold and where.
    func sessionLines(_ s: ModuleSession) -> (String, String) {
        let l = lang
        let title = state.module(s.module)?.title ?? ""
        let hold = s.hold.flatMap { state.hold($0)?.name }.map { $0 + " · " } ?? ""
        return ("\(KioskApp.moduleMark) \(l.weekdayNames[s.date.weekday - 1]) \(l.shortDate(s.date))  \(s.start.text)–\(s.end.text)  \(l.t("Modul", "Module")) \(s.module): \(title)",
                "    " + hold + s.place)
    }

    /// Sessions cancelled within the coming 14 days, each with where it moved if the module is held
    /// again later ("AFLYST — flyttet til torsdag 21.01., Ishøj Bibliotek").
    var cancelledSoon: [(ModuleSession, ModuleSession?)] {
        let until = today.adding(days: 14)
        let all = state.sessions.filter { !$0.removed }
        return all.filter { $0.status == .cancelled && $0.date >= today && $0.date <= until }
            .sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            .map { c in
                (c, all.filter { $0.status == .scheduled && $0.module == c.module && $0.hold == c.hold && ($0.date, $0.start) > (today, ClockTime(hour: 0, minute: 0)!) && $0.id != c.id }
                    .min { ($0.date, $0.start) < ($1.date, $1.start) })
            }
    }

    func drawStart(_ g: inout Grid, _ r: Rect) {
        let l = lang
        var row = 0
        // Cancelled sessions of the coming two weeks first, in words, and where they moved.
        for (c, moved) in cancelledSoon.prefix(2) where row + 2 < r.height {
            var text = l.t("AFLYST", "CANCELLED") + ": \(l.t("modul", "module")) \(c.module) \(l.weekdayNames[c.date.weekday - 1]) \(l.shortDate(c.date).prefix(6))"
            if let m = moved { text += " — " + l.t("flyttet til ",
                    "moved to ") + "\(l.weekdayNames[m.date.weekday - 1]) \(l.shortDate(m.date).prefix(6)) kl. \(m.start.text), \(m.place)" }
            for line in Text.wrap(text, width: r.width) where row < r.height { g.put(line, in: r, row: row, .warning); row += 1 }
        }
        if row > 0 { row += 1 }
        g.put(l.t("Næste modulgange", "Next sessions"), in: r, row: row, .header); row += 2
        // Each session on three lines (when; what; where), the first with its homework: nothing cut.
        let next = Array(coming.prefix(max(1, min(3, (r.height - row - 8) / 4))))
        if next.isEmpty { g.put(l.t("Ingen planlagte modulgange lige nu.", "No sessions scheduled right now."), in: r, row: row,
                                .dim); row += 2 }
        for (i, s) in next.enumerated() {
            g.put("\(KioskApp.moduleMark) \(l.weekdayNames[s.date.weekday - 1]) \(l.longDate(s.date))  kl. \(s.start.text)–\(s.end.text)",
                  in: r, row: row, i == 0 ? .accent : .title)
            let hold = s.hold.flatMap { state.hold($0)?.name }.map { " · " + $0 } ?? ""
            g.put("   \(l.t("Modul", "Module")) \(s.module): \(state.module(s.module)?.title ?? "")\(hold)", in: r, row: row + 1)
            g.put("   \(l.t("Sted", "Place")): \(s.place)", in: r, row: row + 2)
            row += 3
            if i == 0, !s.homework.isEmpty, row < r.height {
                let first = s.homework.split(separator: "\n").first.map(String.init) ?? ""
                g.put("   \(l.t("Til næste gang", "For next time")): " + first, in: r, row: row, .dim); row += 1
            }
            row += 1
        }
        // The next activity besides the modules (a monthly meeting, a theme event), if any.
        if let a = state.activities.filter({ !$0.removed && $0.date >= today }).min(by: { ($0.date, $0.start) < ($1.date, $1.start) }),
           row + 6 <= r.height {
            g.put(KioskApp.mark(a.kind) + " " + l.t("Næste aktivitet", "Next activity") + ": " + a.kind.label(l), in: r, row: row, .header)
            g.put("\(l.weekdayNames[a.date.weekday - 1]) \(l.longDate(a.date))  kl. \(a.start.text)–\(a.end.text) · \(a.title)", in: r,
                  row: row + 1)
            if !a.place.isEmpty { g.put("\(l.t("Sted", "Place")): \(a.place)", in: r, row: row + 2) }
            row += 4
        }
        let st = index.status
        guard row + 4 <= r.height else { return }
        row = max(row, r.height - 5)
        g.put(l.t("Sådan går det", "How it is going"), in: r, row: row, .header); row += 1
        if let p = st.phases.first(where: { $0.status == .active }) ?? st.phases.first(where: { $0.status != .done }) ?? st.phases.last {
            g.put(l.t("Fase ", "Phase ") + "\(p.number) \(l.t("af", "of")) 4: \(p.title)", in: r, row: row); row += 1
        }
        // The current hold's modules (its name as the public screen may show it).
        let used = g.put(l.t("Moduler afholdt", "Modules held") + (st.currentHold.map { " (\($0.name))" } ?? "") + " ", in: r, row: row)
        Widgets.progress(&g, x: r.x + used, y: r.y + row, width: min(30, r.width - used - 10), done: st.modulesHeld, total: st.modulesTotal)
        g.put(" \(st.modulesHeld)/\(st.modulesTotal)", in: r, row: row, col: used + min(30, r.width - used - 10)); row += 1
        g.put("\(l.number(st.volunteersTotal)) " + l.t("bydelsmødre",
                "volunteers") + " · \(l.number(st.conversations)) " + l.t("samtaler i nabolaget",
                                                                          "conversations in the neighbourhood"), in: r, row: row)
    }

    func drawSessionList(_ g: inout Grid, _ r: Rect, sessions: [ModuleSession], title: String) {
        g.put(title, in: r, row: 0, .header)
        if sessions.isEmpty { g.put(lang.t("Ingen.", "None."), in: r, row: 2, .dim); return }
        let rows = (r.height - 2) / 2
        let top = min(scroll, max(0, sessions.count - rows))
        for (i, s) in sessions.dropFirst(top).prefix(rows).enumerated() {
            let (first, second) = sessionLines(s)
            g.put(first, in: r, row: 2 + 2 * i)
            g.put(second, in: r, row: 3 + 2 * i, .dim)
        }
    }
}
