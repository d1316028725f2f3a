/// What a change is written with but worth a word: the one list, shown by the full-screen program
/// after "Gemt" and by every command on standard error. A warning never stops a change (a module
/// may be held on a holiday on purpose); a refusal is a rule (`WriteRules`, the reducer).
public enum WriteWarnings {
    public static func after(_ event: Event, in s: ProjectState) -> [Message] {
        switch event {
        case .sessionScheduled(let f), .sessionChanged(let f):
            var out: [Message] = []
            if let da = DanishHolidays.name(of: f.date, .da), let en = DanishHolidays.name(of: f.date, .en) {
                out.append(Message("\(Lang.da.shortDate(f.date)) er \(da)", "\(Lang.en.shortDate(f.date)) is \(en)", field: "date"))
            }
            if let h = f.hold.flatMap({ s.hold($0) }), f.date < h.start || (h.end.map { f.date > $0 } ?? false) {
                out.append(Message("datoen ligger uden for \(h.name)s periode", "the date is outside \(h.name)'s period", field: "date"))
            }
            return out + overlaps(f.date, f.start, f.end, in: s, session: f.id)
        case .activityAdded(let a), .activityChanged(let a):
            // A monthly meeting on a module's evening, or two activities at once: said, not refused.
            return overlaps(a.date, a.start, a.end, in: s, activity: a.id)
        case .expenseAdded(let x), .expenseChanged(let x):
            var out = s.warning(for: x).map { [$0] } ?? []
            if let g = x.funding, let f = s.funding.at(g), let granted = f.granted {
                let spent = s.spent(from: g)
                if spent > granted {
                    out.append(Message("der er brugt \(spent.formatted(.da)) af bevillingen \(g.ref) på \(granted.formatted(.da))",
                                       "\(spent.formatted(.en)) has been spent of the grant \(g.ref) of \(granted.formatted(.en))", field: "funding"))
                }
                if let a = f.details.periodFrom, x.date < a || (f.details.periodTo.map { x.date > $0 } ?? false) {
                    out.append(Message("\(Lang.da.shortDate(x.date)) ligger uden for bevillingens projektperiode",
                                       "\(Lang.en.shortDate(x.date)) is outside the grant's project period", field: "date"))
                }
            }
            return out
        case .volunteerAdded(let v), .volunteerChanged(let v):
            return Privacy.notesWarning(v.notes).map { [$0] } ?? []
        default:
            return []
        }
    }

    /// Everything else planned that day at an overlapping time: sessions (not cancelled) and
    /// activities, the record itself left out.
    static func overlaps(_ day: Day, _ start: ClockTime, _ end: ClockTime, in s: ProjectState,
                         session: SessionID? = nil, activity: ID<ActivityFields>? = nil) -> [Message] {
        var out: [Message] = []
        for o in s.sessions where o.id != session && o.status != .cancelled && !o.removed && o.date == day && o.start < end && start < o.end {
            out.append(Message("overlapper modul \(o.module) \(o.start.text)–\(o.end.text)",
                               "overlaps module \(o.module) \(o.start.text)–\(o.end.text)", field: "start"))
        }
        for o in s.activities where o.id != activity && !o.removed && o.date == day && o.start < end && start < o.end {
            out.append(Message("overlapper \(o.kind.label(.da)) \"\(o.title)\" \(o.start.text)–\(o.end.text)",
                               "overlaps \(o.kind.label(.en)) \"\(o.title)\" \(o.start.text)–\(o.end.text)", field: "start"))
        }
        return out
    }
}
