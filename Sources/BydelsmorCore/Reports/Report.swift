/// The committee's yearly report: women trained, modules held, attendance, conversations by topic,
/// referral share, volunteer hours, budget against plan, and a plain-text chart of spending per month.
public struct YearReport: Sendable {
    public var year: Int
    public var volunteers: Int
    public var trained: Int
    public var modulesHeld: Int
    public var sessionsHeld: Int
    public var attendanceRate: Int
    public var conversations: Int
    public var referred: Int
    public var byTopic: [(Topic, Int)]
    public var volunteerMinutes: Int
    public var coordinatorHours: Hours
    public var lines: [(title: String, low: Money, high: Money, spent: Money)]
    public var spendByMonth: [Money]
    /// Activities besides the modules held this year, by kind, and their participants.
    public var activities: [(ActivityKind, count: Int, participants: Int)] = []
    /// Volunteers registered by the end of the year (not removed), and of them registered in it.
    /// Funding applied for in the year and granted by decisions in the year.
    public var fundingApplied = Money.zero
    public var fundingGranted = Money.zero
    /// Conversations in the year by how the contact arose, and referrals by where to.
    public var byContact: [(ContactOrigin, Int)] = []
    public var byReferral: [(Referral, Int)] = []
    public var registered = 0
    public var newVolunteers = 0
    /// The holds that ran in the year: women in them, sessions held in the year, diplomas reached.
    public var holds: [(id: HoldID, name: String, volunteers: Int, sessionsHeld: Int, diplomaEligible: Int)] = []

    public init(state s: ProjectState, year: Int) {
        self.year = year
        let inYear = { (d: Day) in d.year == year }
        let held = s.sessions.filter { $0.status == .held && !$0.removed && inYear($0.date) }
        sessionsHeld = held.count
        modulesHeld = Set(held.map(\.module)).count
        var present = 0, marked = 0
        var presentThisYear = Set<VolunteerID>()
        for sess in held {
            for (v, m) in sess.attendance {
                marked += 1
                if m == .present { present += 1; presentThisYear.insert(v) }
            }
        }
        attendanceRate = marked == 0 ? 0 : Int((Double(present) * 100 / Double(marked)).rounded())
        // Trained this year: present at held sessions this year and, over all years, eligible for the
        // diploma — by the one rule for modules attended, and like the status, not counting removed
        // volunteers.
        let masks = s.attendanceMasks()
        trained = presentThisYear.filter { v in
            ProjectState.modules(masks, v) >= s.diplomaMinimum && s.volunteer(v).map { !$0.removed } == true
        }.count
        volunteers = s.volunteers.filter { !$0.removed }.count
        let yearEnd = Day(year: year, month: 12, day: 31) ?? Day.last
        let live = s.volunteers.filter { !$0.removed && ($0.addedOn.map { $0 <= yearEnd } ?? true) }
        registered = live.count
        for f in s.funding where !f.removed {
            if f.date.year == year { fundingApplied = fundingApplied + f.applied }
            if let g = f.granted, f.decided?.year == year { fundingGranted = fundingGranted + g }
        }
        newVolunteers = live.filter { $0.addedOn?.year == year }.count
        holds = s.holds.filter { h in !h.removed && h.start <= yearEnd && (h.end.map { $0.year >= year } ?? true) }.map { h in
            let women = s.volunteers.filter { !$0.removed && $0.hold == h.id }
            return (h.id, h.name, women.count, held.filter { $0.hold == h.id }.count,
                    women.filter { ProjectState.modules(masks, $0.id) >= s.diplomaMinimum }.count)
        }
        var perKind = [ActivityKind: (Int, Int)]()
        for a in s.activities where !a.removed && inYear(a.date) {
            let c = perKind[a.kind] ?? (0, 0)
            perKind[a.kind] = (c.0 + 1, c.1 + (a.participants ?? 0))
        }
        activities = ActivityKind.allCases.compactMap { k in perKind[k].map { (k, $0.0, $0.1) } }
        var contacts = [ContactOrigin: Int](), referrals = [Referral: Int]()
        for c in s.conversations where !c.removed && inYear(c.date) {
            contacts[c.contact, default: 0] += 1
            for r in c.referrals { referrals[r, default: 0] += 1 }
        }
        byContact = ContactOrigin.allCases.map { ($0, contacts[$0] ?? 0) }
        byReferral = Referral.allCases.filter { $0 != .none }.map { ($0, referrals[$0] ?? 0) }
        var topics = [Int](repeating: 0, count: Topic.allCases.count)
        var conv = 0, ref = 0, minutes = 0
        for c in s.conversations where !c.removed && inYear(c.date) {
            conv += 1
            if c.isReferred { ref += 1 }
            minutes += Int(c.minutes)
            for (i, t) in Topic.allCases.enumerated() where c.topics.contains(t) { topics[i] += 1 }
        }
        conversations = conv; referred = ref; volunteerMinutes = minutes
        byTopic = Topic.allCases.enumerated().map { ($1, topics[$0]) }.sorted { $0.1 > $1.1 }
        var hours = Hours(hundredths: 0)
        for h in s.hours where !h.removed && inYear(h.date) { hours = hours + h.hours }
        coordinatorHours = hours
        var months = [Money](repeating: .zero, count: 12)
        var spentBy = [String: Money]()
        for x in s.expenses where !x.removed && inYear(x.date) {
            months[x.date.month - 1] = months[x.date.month - 1] + x.amount
            spentBy[x.line] = (spentBy[x.line] ?? .zero) + x.amount
        }
        spendByMonth = months
        // That year's plan (yearly lines, and one-off lines only in the start year) against that
        // year's spending — not the whole project's plan against one year.
        lines = s.planned(year: year).lines.map { ($0.line.title, $0.low, $0.high, spentBy[$0.line.id] ?? .zero) }
    }

    public var referralPercent: Int { conversations == 0 ? 0 : Int((Double(referred) * 100 / Double(conversations)).rounded()) }

    /// Spending per month as bars of `#`, for plain text and `<pre>`.
    public func chart(_ l: Lang, width: Int = 40) -> String {
        let top = spendByMonth.map(\.ore).max() ?? 0
        var out = ""
        for (i, m) in spendByMonth.enumerated() {
            let n = top == 0 ? 0 : Int((Double(m.ore) / Double(top) * Double(width)).rounded())
            let name = String(l.monthNames[i].prefix(3))
            out += name + String(repeating: " ", count: 4 - name.count) + String(repeating: "#", count: n) + String(repeating: " ", count: width - n + 1) + m.formatted(l) + "\n"
        }
        return out
    }

    public func markdown(_ l: Lang) -> String {
        var o = "# " + l.t("Bydelsmødre — årsrapport \(year)", "Bydelsmødre — annual report \(year)") + "\n\n"
        o += "## " + l.t("Uddannelse", "Training") + "\n\n"
        o += "- \(l.t("Kvinder uddannet (nået diplomkravet)", "Women trained (reached the diploma rule)")): \(trained)\n"
        o += "- \(l.t("Moduler afholdt", "Modules held")): \(modulesHeld) \(l.t("af", "of")) 15 (\(sessionsHeld) \(l.t("modulgange", "sessions")))\n"
        o += "- \(l.t("Fremmøde", "Attendance")): \(attendanceRate) %\n"
        // Registered by the end of that year: next year's hold is not counted in this year's report.
        o += "- \(l.t("Bydelsmødre i alt", "Volunteers in all")): \(registered)" + (newVolunteers > 0 ? " (\(newVolunteers) \(l.t("nye i året", "new in the year")))" : "") + "\n\n"
        if !holds.isEmpty {
            o += "## \(l.t("Hold", "Holds"))\n\n"
            for h in holds {
                o += "- \(Markdown.text(h.name)): \(h.volunteers) \(l.t("kvinder", "women")), \(h.sessionsHeld) \(l.t("modulgange afholdt i året", "sessions held in the year")), \(h.diplomaEligible) \(l.t("har nået diplomkravet", "reached the diploma rule"))\n"
            }
            o += "\n"
        }
        if fundingApplied > .zero || fundingGranted > .zero {
            o += "- \(l.t("Fondsmidler", "Funding")): \(l.t("ansøgt", "applied for")) \(fundingApplied.formatted(l)), \(l.t("bevilget", "granted")) \(fundingGranted.formatted(l))\n\n"
        }
        if !activities.isEmpty {
            o += "## \(l.t("Aktiviteter", "Activities"))\n\n"
            for a in activities {
                o += "- \(a.0.label(l).prefix(1).uppercased() + a.0.label(l).dropFirst()): \(a.count)" + (a.participants > 0 ? " (\(l.number(a.participants)) \(l.t("deltagere", "participants")))" : "") + "\n"
            }
            o += "\n"
        }
        o += "## " + l.t("Samtaler", "Conversations") + "\n\n"
        o += "- \(l.t("Samtaler", "Conversations")): \(l.number(conversations)), \(l.t("henvist videre", "referred on")): \(l.number(referred)) (\(referralPercent) %)\n"
        o += "- \(l.t("Frivillige timer i samtaler", "Volunteer hours in conversations")): \(l.number(volunteerMinutes / 60))\n"
        o += "- \(l.t("Koordinatortimer", "Coordinator hours")): \(coordinatorHours.formatted(l))\n\n"
        o += "| \(l.t("Emne", "Topic")) | \(l.t("Samtaler", "Conversations")) |\n|---|---:|\n"
        for (t, n) in byTopic { o += "| \(t.label(l)) | \(l.number(n)) |\n" }
        // As the national registration asks: how contact arose, and where women were referred.
        if conversations > 0 {
            o += "\n| \(l.t("Kontakten opstod", "Contact arose")) | \(l.t("Samtaler", "Conversations")) |\n|---|---:|\n"
            for (c, n) in byContact where n > 0 { o += "| \(c.label(l)) | \(l.number(n)) |\n" }
            if byReferral.contains(where: { $0.1 > 0 }) {
                o += "\n| \(l.t("Henvist til", "Referred to")) | \(l.t("Samtaler", "Conversations")) |\n|---|---:|\n"
                for (r, n) in byReferral where n > 0 { o += "| \(r.label(l)) | \(l.number(n)) |\n" }
            }
        }
        o += "\n## Budget\n\n| \(l.t("Linje", "Line")) | \(l.t("Planlagt", "Planned")) | \(l.t("Brugt", "Spent")) |\n|---|---:|---:|\n"
        // A line with nothing planned and nothing spent in the year (a one-off start-up cost after
        // the start year) is left out, as on the budget pane; the totals are the same either way.
        for line in lines where line.high > .zero || line.spent > .zero {
            o += "| \(Markdown.text(line.title)) | \(line.low.formatted(l)) – \(line.high.formatted(l)) | \(line.spent.formatted(l)) |\n"
        }
        let spent = lines.reduce(Money.zero) { $0 + $1.spent }
        o += "| **\(l.t("I alt", "Total"))** | **\(lines.reduce(Money.zero) { $0 + $1.low }.formatted(l)) – \(lines.reduce(Money.zero) { $0 + $1.high }.formatted(l))** | **\(spent.formatted(l))** |\n"
        o += "\n### " + l.t("Udgifter pr. måned", "Spending by month") + "\n\n```\n" + chart(l) + "```\n"
        return o
    }

    public func html(_ l: Lang) -> String {
        func e(_ s: String) -> String {
            s.replacingOccurrences("&", "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;")
        }
        var o = "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\">\n<head><meta charset=\"utf-8\"><title>\(e(l.t("Årsrapport \(year)", "Annual report \(year)")))</title>\n"
        o += "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}td,th{padding:.2em .6em;border-bottom:1px solid #ccc}td.n{text-align:right}</style></head>\n<body>\n"
        o += "<h1>\(e(l.t("Bydelsmødre — årsrapport \(year)", "Bydelsmødre — annual report \(year)")))</h1>\n"
        o += "<h2>\(e(l.t("Uddannelse", "Training")))</h2>\n<ul>\n"
        o += "<li>\(e(l.t("Kvinder uddannet", "Women trained"))): \(trained)</li>\n<li>\(e(l.t("Moduler afholdt", "Modules held"))): \(modulesHeld) / 15</li>\n"
        o += "<li>\(e(l.t("Fremmøde", "Attendance"))): \(attendanceRate) %</li>\n</ul>\n"
        if !activities.isEmpty {
            o += "<h2>\(e(l.t("Aktiviteter", "Activities")))</h2>\n<ul>\n"
            for a in activities { o += "<li>\(e(a.0.label(l))): \(a.count)" + (a.participants > 0 ? " (\(l.number(a.participants)) \(e(l.t("deltagere", "participants"))))" : "") + "</li>\n" }
            o += "</ul>\n"
        }
        o += "<h2>\(e(l.t("Samtaler", "Conversations")))</h2>\n<p>\(l.number(conversations)) \(e(l.t("samtaler", "conversations"))), \(referralPercent) % \(e(l.t("henvist videre", "referred on"))); \(e(l.t("frivillige timer", "volunteer hours"))): \(l.number(volunteerMinutes / 60)); \(e(l.t("koordinatortimer", "coordinator hours"))): \(e(coordinatorHours.formatted(l)))</p>\n"
        o += "<table>\n<tr><th>\(e(l.t("Emne", "Topic")))</th><th>\(e(l.t("Samtaler", "Conversations")))</th></tr>\n"
        for (t, n) in byTopic { o += "<tr><td>\(e(t.label(l)))</td><td class=\"n\">\(l.number(n))</td></tr>\n" }
        o += "</table>\n<h2>Budget</h2>\n<table>\n<tr><th>\(e(l.t("Linje", "Line")))</th><th>\(e(l.t("Planlagt", "Planned")))</th><th>\(e(l.t("Brugt", "Spent")))</th></tr>\n"
        for line in lines where line.high > .zero || line.spent > .zero { o += "<tr><td>\(e(line.title))</td><td class=\"n\">\(e(line.low.formatted(l))) – \(e(line.high.formatted(l)))</td><td class=\"n\">\(e(line.spent.formatted(l)))</td></tr>\n" }
        o += "</table>\n<h3>\(e(l.t("Udgifter pr. måned", "Spending by month")))</h3>\n<pre>\(e(chart(l)))</pre>\n</body>\n</html>\n"
        return o
    }

    /// The year as JSON, for a municipality's systems and as the start of a national summary.
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("year"); w.raw(String(year))
            w.key("volunteers"); w.object {
                w.key("registered"); w.raw(String(registered))
                w.key("new"); w.raw(String(newVolunteers))
                w.key("trained"); w.raw(String(trained))
            }
            w.key("training"); w.object {
                w.key("sessionsHeld"); w.raw(String(sessionsHeld))
                w.key("modulesHeld"); w.raw(String(modulesHeld))
                w.key("attendancePercent"); w.raw(String(attendanceRate))
            }
            w.key("holds"); w.array(holds) { h in
                w.object {
                    w.key("id"); w.string(RecordKind.hold.ref(h.id))
                    w.key("name"); w.string(h.name)
                    w.key("volunteers"); w.raw(String(h.volunteers))
                    w.key("sessionsHeld"); w.raw(String(h.sessionsHeld))
                    w.key("diplomaEligible"); w.raw(String(h.diplomaEligible))
                }
            }
            w.key("conversations"); w.object {
                w.key("total"); w.raw(String(conversations))
                w.key("referred"); w.raw(String(referred))
                w.key("byTopic"); w.object { for (t, n) in byTopic { w.key(t.rawValue); w.raw(String(n)) } }
                w.key("byContact"); w.object { for (c, n) in byContact { w.key(c.rawValue); w.raw(String(n)) } }
                w.key("byReferral"); w.object { for (r, n) in byReferral { w.key(r.rawValue); w.raw(String(n)) } }
            }
            w.key("activities"); w.object {
                w.key("total"); w.raw(String(activities.reduce(0) { $0 + $1.count }))
                w.key("participants"); w.raw(String(activities.reduce(0) { $0 + $1.participants }))
                w.key("byKind"); w.object { for a in activities { w.key(a.0.rawValue); w.raw(String(a.count)) } }
            }
            w.key("budget"); w.object {
                w.key("plannedLow"); w.raw(lines.reduce(Money.zero) { $0 + $1.low }.jsonNumber)
                w.key("plannedHigh"); w.raw(lines.reduce(Money.zero) { $0 + $1.high }.jsonNumber)
                w.key("spent"); w.raw(lines.reduce(Money.zero) { $0 + $1.spent }.jsonNumber)
            }
            w.key("funding"); w.object {
                w.key("applied"); w.raw(fundingApplied.jsonNumber)
                w.key("granted"); w.raw(fundingGranted.jsonNumber)
            }
            w.key("coordinatorHours"); w.raw(coordinatorHours.plain)
        }
        return w.out + "\n"
    }
}
