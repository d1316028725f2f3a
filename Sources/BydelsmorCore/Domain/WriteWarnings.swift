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
            for other in s.sessions where other.id != f.id && other.status != .cancelled && !other.removed
                && other.date == f.date && other.start < f.end && f.start < other.end {
                out.append(Message("overlapper modul \(other.module) \(other.start.text)–\(other.end.text)",
                                   "overlaps module \(other.module) \(other.start.text)–\(other.end.text)", field: "start"))
            }
            return out
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
}
