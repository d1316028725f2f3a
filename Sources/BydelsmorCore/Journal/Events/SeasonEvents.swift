import Foundation

/// The season's events beyond the modules: who came to an activity, its minutes, and the anonymous
/// evaluation at the end of a hold's course.
extension Events {
    static let activityAttendance = EventSpec(
        { if case let .activityAttendance(id, present) = $0 { (id, present) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .activityAttendance(id: try r.id("id"), present: try r.ids("present"))
        },
        encode: { p in [("id", p.0.ref, false), ("present", p.1.map(\.ref).joined(separator: ","), true)] },
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.0, in: s.activities)
            let a = s.activities[i]
            if Set(p.1).count != p.1.count { throw Message("en bydelsmor står to gange", "a volunteer is listed twice", field: "present") }
            for v in p.1 {
                _ = try Reducer.existing(v, .volunteer, s.volunteers.count, field: "present")
                if (a.kind == .assembly || a.kind == .board), s.association != nil, s.membership(of: v, on: a.date) == nil {
                    throw Message("\(v.ref) er ikke medlem af foreningen \(Lang.da.shortDate(a.date))",
                                  "\(v.ref) is not a member of the association on \(Lang.en.shortDate(a.date))", field: "present")
                }
            }
            let old = a.present
            s.activities[i].present = p.1.sorted()
            return .activityAttendance(id: p.0, present: old)
        },
        words: { p, s, l in
            let a = s.activities.at(p.0)
            return l.t("fremmøde, ", "attendance, ") + (a.map { "\($0.title) \(l.shortDate($0.date))" } ?? p.0.ref) + ": \(p.1.count)"
        },
        writeRule: { (p, s, _) throws(Message) in
            guard let a = s.activities.at(p.0) else { return }
            for v in p.1 where !a.present.contains(v) {
                if let added = s.volunteer(v)?.addedOn, added > a.date {
                    throw Message("\(v.ref) blev registreret \(Lang.da.shortDate(added)), efter aktiviteten \(Lang.da.shortDate(a.date))",
                                  "\(v.ref) was registered on \(Lang.en.shortDate(added)), after the activity on \(Lang.en.shortDate(a.date))", field: "present")
                }
            }
        })

    static let activityMinutes = EventSpec(
        { if case let .activityMinutes(id, m, d) = $0 { (id, m, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .activityMinutes(id: try r.id("id"), minutes: try r.optionalText("minutes"),
                                                                 decisions: try r.optionalText("decisions")) },
        encode: { p in [("id", p.0.ref, false), ("minutes", p.1, true), ("decisions", p.2, true)] },
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.0, in: s.activities)
            try Rules.notes(p.1, field: "minutes", label: Message("referatet", "the minutes"))
            try Rules.notes(p.2, field: "decisions", label: Message("beslutningerne", "the decisions"))
            let o = s.activities[i]
            s.activities[i].minutes = p.1; s.activities[i].decisions = p.2
            return .activityMinutes(id: p.0, minutes: o.minutes, decisions: o.decisions)
        },
        words: { p, s, l in l.t("referat, ",
                                "minutes, ") + (s.activities.at(p.0).map { "\($0.title) \(l.shortDate($0.date))" } ?? p.0.ref) })
    static let evaluationAdded = EventSpec(
        { if case let .evaluationAdded(e) = $0 { e } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .evaluationAdded(Evaluation(id: try r.id("id"), hold: try r.id("hold"), date: try r.day("date"),
                                        benefit: try r.int("benefit", 1...5),
                                        satisfaction: try r.int("satisfaction", 1...5), comment: try r.optionalText("comment")))
        },
        encode: { e in [("id", e.id.ref, false), ("hold", e.hold.ref, false), ("date", e.date.iso, false),
                        ("benefit", String(e.benefit), false),
                        ("satisfaction", String(e.satisfaction), false), ("comment", e.comment, true)] },
        apply: { (e, s) throws(Message) -> Event? in
            try Reducer.nextID(e.id, .evaluation, s.evaluations.count)
            _ = try Reducer.live(e.hold, in: s.holds, field: "hold")
            guard (1...5).contains(e.benefit) else { throw Message("udbyttet skal være 1–5 (fik \(e.benefit))",
                                                                   "the benefit must be 1–5 (got \(e.benefit))", field: "benefit") }
            guard (1...5).contains(e.satisfaction) else { throw Message("tilfredsheden skal være 1–5 (fik \(e.satisfaction))",
                                                                        "the satisfaction must be 1–5 (got \(e.satisfaction))", field: "satisfaction") }
            try Rules.notes(e.comment, field: "comment", label: Message("kommentaren", "the comment"))
            var new = e; new.removed = false
            s.evaluations.append(new)
            return .removal(of: e.id)
        },
        words: { e, s, l in l.t("evaluering af ", "evaluation of ") + (s.hold(e.hold)?.name ?? e.hold.ref) },
        allocate: { e, s in
            guard e.id.isNew else { return nil }
            var x = e; x.id = s.evaluations.nextID
            return .evaluationAdded(x)
        })
}
