import BydelsmorCore

public enum ConversationView: Int, CaseIterable, Sendable {
    case month, topic, volunteer
    func label(_ l: Lang) -> String {
        switch self {
        case .month: l.t("pr. måned", "by month")
        case .topic: l.t("pr. emne", "by topic")
        case .volunteer: l.t("pr. bydelsmor", "by volunteer")
        }
    }
}

/// 6 Samtaler: the view, and the open list (by what it is, never by row number).
public struct ConversationsState: Sendable, Equatable {
    public var view: ConversationView = .month
    public var detail: String?
}

/// One row of pane 6: a month, a topic or a volunteer, with its conversations.
struct ConversationRow {
    var label: String
    var bucket: ProjectIndex.Bucket
    /// What the row stands for ("m2026-03", "tschool", "v12"): an open list is remembered by it,
    /// never by its row number, so a change from another terminal never swaps it.
    var key: String
    /// The volunteer of a row in the per-volunteer view.
    var volunteer: VolunteerID?
}

/// 6 Samtaler: the rows of the view and moving through them.
extension App {
    func conversationRows() -> [ConversationRow] {
        conversationCache.rows([String(dataStamp), String(ui.conversations.view.rawValue), ui.query]) { conversationRowsUncached() }
    }

    func conversationRowsUncached() -> [ConversationRow] {
        let l = lang
        switch ui.conversations.view {
        case .month:
            return index.byMonth.map { ConversationRow(label: ProjectIndex.monthName($0.month, l), bucket: $0.bucket,
                                                       key: "m\($0.month)") }.filter { matches($0.label) }
        case .topic:
            return index.byTopic.map { ConversationRow(label: $0.topic.label(l), bucket: $0.bucket,
                                                       key: "t" + $0.topic.rawValue) }.filter { matches($0.label) }
        case .volunteer:
            return index.byVolunteer.map {
                ConversationRow(label: state.volunteer($0.volunteer)?.name ?? RecordKind.volunteer.ref($0.volunteer), bucket: $0.bucket,
                                key: RecordKind.volunteer.ref($0.volunteer), volunteer: $0.volunteer)
            }.filter { matches($0.label) }
        }
    }

    func conversationsAction(_ action: Action) {
        if ui.conversations.detail != nil {
            if let c = stepped(ui.detailCursor, action, count: currentBucket()?.items.count ?? 0) { ui.detailCursor = c }
            return
        }
        switch action {
        case .switchView, .right:
            ui.conversations.view = ConversationView(rawValue: (ui.conversations.view.rawValue + 1) % 3)!
            ui.cursor[.conversations] = 0
        case .left:
            ui.conversations.view = ConversationView(rawValue: (ui.conversations.view.rawValue + 2) % 3)!
            ui.cursor[.conversations] = 0
        case .open:
            let rows = conversationRows()
            let c = ui.clampedCursor(.conversations, count: rows.count)
            if c < rows.count, rows[c].bucket.count > 0 { ui.conversations.detail = rows[c].key; ui.detailCursor = 0 }
        default:
            move(action, cursor: .conversations, count: conversationRows().count)
        }
    }

    func currentBucket() -> ProjectIndex.Bucket? {
        guard let d = ui.conversations.detail else { return nil }
        return conversationRows().first { $0.key == d }?.bucket
    }

}

/// 6 Samtaler: the anonymous outreach conversations per month, per topic or per volunteer, the
/// share referred on, and the list behind each figure.
extension Frame {
    func drawConversations(_ g: inout Grid, _ r: Rect) {
        let l = lang
        let st = index.status
        if let d = ui.conversations.detail, let row = conversationRows().first(where: { $0.key == d }) {
            drawConversationList(&g, r, title: row.label, bucket: row.bucket)
            return
        }
        let views = ConversationView.allCases.map { $0 == ui.conversations.view ? "[\($0.label(l))]" : $0.label(l) }.joined(separator: "  ")
        g.put("\(l.count(st.conversations, l.t("samtale", "conversation"), l.t("samtaler", "conversations"))) · \(st.referralPercent) % \(l.t("henvist videre", "referred on")) · " + views, in: r, row: 0, .header)
        let rows = conversationRows()
        let labelW = min(28, max(14, r.width / 3)), countW = 8, pctW = 7
        let barW = max(4, r.width - labelW - countW - pctW - 3)
        g.put(Text.pad(ui.conversations.view == .month ? l.t("Måned",
                "Month") : ui.conversations.view == .topic ? l.t("Emne", "Topic") : l.t("Bydelsmor", "Volunteer"), labelW) + " "
              + Text.pad(l.t("Antal", "Count"), countW, right: true) + " " + Text.pad(l.t("henvist", "referred"), pctW + 1,
                                                                                      right: true), in: r, row: 1, .dim)
        let list = Rect(x: r.x, y: r.y + 2, width: r.width, height: r.height - 2)
        if rows.allSatisfy({ $0.bucket.count == 0 }) {
            g.put(ui.query.isEmpty ? l.t("Ingen samtaler endnu. Bydelsmødrene registrerer dem i fase 3.",
                    "No conversations yet. The volunteers log them in phase 3.") : l.t("Intet matcher søgningen.",
                                                                                       "Nothing matches the search."), in: list, .dim)
            return
        }
        let maxCount = Int64(rows.map(\.bucket.count).max() ?? 1)
        drawList(&g, list, id: .conversations(ui.conversations.view), count: rows.count,
                 cursor: min(ui.cursor[.conversations] ?? 0, max(0, rows.count - 1))) { g, i, rr, sel in
            let row = rows[i]
            let pct = row.bucket.count == 0 ? 0 : Int((Double(row.bucket.referred) * 100 / Double(row.bucket.count)).rounded())
            g.put(Text.pad(row.label, labelW) + " " + Text.pad(l.number(row.bucket.count), countW,
                    right: true) + " " + Text.pad("\(pct) %", pctW, right: true), in: rr, sel ? .selected : .normal)
            Widgets.bar(&g, x: rr.x + labelW + countW + pctW + 3, y: rr.y, width: barW, value: Int64(row.bucket.count), max: maxCount)
        }
    }

    func drawConversationList(_ g: inout Grid, _ r: Rect, title: String, bucket: ProjectIndex.Bucket) {
        let l = lang
        let pct = bucket.count == 0 ? 0 : Int((Double(bucket.referred) * 100 / Double(bucket.count)).rounded())
        g.put("\(title): \(l.count(bucket.count, l.t("samtale", "conversation"), l.t("samtaler", "conversations"))), \(pct) % \(l.t("henvist videre", "referred on")) · Esc \(l.t("tilbage", "back"))", in: r, row: 0, .header)
        let list = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        // Newest first; only the visible rows are read.
        let count = bucket.items.count
        drawList(&g, list, id: .conversationList, count: count, cursor: min(ui.detailCursor, max(0, count - 1))) { g, i, rect, sel in
            let c = state.conversations[Int(bucket.items[count - 1 - i])]
            let who = state.volunteer(c.volunteer)?.name ?? RecordKind.volunteer.ref(c.volunteer)
            let topics = c.topics.map { $0.label(l) }.joined(separator: ", ")
            let text = "\(l.shortDate(c.date))  " + Text.pad(who, 18) + " " + Text.pad(c.contact.label(l),
                    20) + " " + Text.pad(topics, 24) + " → " + c.referrals.label(l) + " · \(c.minutes) min"
            g.put(text, in: rect, sel ? .selected : .normal)
        }
    }
}
