/// Years and holds: each year's hold of women, the activities besides the modules, and the school
/// holidays a series of sessions skips.
extension Events {
    static func decodeHold(_ r: inout FieldReader) throws(SyntaxError) -> HoldFields {
        HoldFields(id: try r.id("id"), name: try r.text("name"), start: try r.day("start"), end: try r.optionalDay("end"),
                   place: try r.optionalText("place"), modules: try r.int("modules", 1...30))
    }
    static func encodeHold(_ h: HoldFields) -> [EventField] {
        [("id", h.id.ref, false), ("name", h.name, true), ("start", h.start.iso, false), ("end", day(h.end), false),
         ("place", h.place, true), ("modules", String(h.modules), false)]
    }

    static let holdAdded = EventSpec(
        { if case let .holdAdded(h) = $0 { h } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .holdAdded(try decodeHold(&r)) },
        encode: encodeHold,
        apply: { (h, s) throws(Message) -> Event? in
            try Reducer.nextID(h.id, .hold, s.holds.count)
            try Reducer.checkHold(h)
            var new = h; new.removed = false
            s.holds.append(new)
            return .removal(of: h.id)
        },
        words: { h, _, _ in h.name },
        writeRule: holdNameRule,
        allocate: { h, s in allocated(h, after: s.holds, Event.holdAdded) })

    static let holdChanged = EventSpec(
        { if case let .holdChanged(h) = $0 { h } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .holdChanged(try decodeHold(&r)) },
        encode: encodeHold,
        apply: { (h, s) throws(Message) -> Event? in
            let i = try Reducer.live(h.id, in: s.holds)
            try Reducer.checkHold(h)
            let o = s.holds[i]
            if let used = s.sessions.filter({ $0.hold == h.id && !$0.removed }).map(\.module).max(), used > h.modules {
                throw Message("holdet har en modulgang i modul \(used); antallet af moduler kan ikke være \(h.modules)",
                              "the hold has a session of module \(used); its number of modules cannot be \(h.modules)", field: "modules")
            }
            s.holds[i].name = h.name; s.holds[i].start = h.start; s.holds[i].end = h.end; s.holds[i].place = h.place; s.holds[i].modules = h.modules
            return .holdChanged(HoldFields(id: o.id, name: o.name, start: o.start, end: o.end, place: o.place, modules: o.modules))
        },
        words: { h, _, _ in h.name },
        writeRule: holdNameRule)

    /// Two holds are never called the same (a second "Hold 2026" was saved silently).
    static func holdNameRule(_ h: HoldFields, _ s: ProjectState, _: Day) throws(Message) {
        let key = TextPolicy.danishSortKey(h.name.trimmed())
        if let other = s.holds.first(where: { !$0.removed && $0.id != h.id && TextPolicy.danishSortKey($0.name.trimmed()) == key }) {
            throw Message("der er allerede et hold, der hedder \(other.name) (\(other.id.ref)); giv det nye et andet navn, fx \(ProjectState.suggestedHoldName(s, year: h.start.year))",
                          "there is already a hold called \(other.name) (\(other.id.ref)); give the new one another name, e.g. \(ProjectState.suggestedHoldName(s, year: h.start.year))", field: "name")
        }
    }

    static func decodeActivity(_ r: inout FieldReader) throws(SyntaxError) -> ActivityFields {
        let id: ID<ActivityFields> = try r.id("id"), kind = try r.token("kind", ActivityKind.self), title = try r.text("title")
        let date = try r.day("date"), start = try r.time("start"), end = try r.time("end"), place = try r.optionalText("place")
        var participants: Int?
        if try r.isDash("participants") { _ = r.find("participants") } else { participants = try r.int("participants", 0...100_000) }
        return ActivityFields(id: id, kind: kind, title: title, date: date, start: start, end: end, place: place,
                              participants: participants)
    }
    static func encodeActivity(_ a: ActivityFields) -> [EventField] {
        [("id", a.id.ref, false), ("kind", a.kind.rawValue, false), ("title", a.title, true), ("date", a.date.iso, false),
         ("start", a.start.text, false), ("end", a.end.text, false), ("place", a.place, true),
         ("participants", a.participants.map(String.init) ?? "-", false)]
    }
    static func activityWords(_ a: ActivityFields, _: ProjectState,
                              _ l: Lang) -> String { a.kind.label(l) + " \(l.shortDate(a.date)): \(a.title)" }

    static let activityAdded = EventSpec(
        { if case let .activityAdded(a) = $0 { a } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .activityAdded(try decodeActivity(&r)) },
        encode: encodeActivity,
        apply: { (a, s) throws(Message) -> Event? in
            try Reducer.nextID(a.id, .activity, s.activities.count)
            try Reducer.checkActivity(a)
            var new = a; new.removed = false; new.present = []; new.minutes = ""; new.decisions = ""
            s.activities.append(new)
            return .removal(of: a.id)
        },
        words: activityWords,
        writeRule: meetingRule,
        allocate: { a, s in allocated(a, after: s.activities, Event.activityAdded) })

    static let activityChanged = EventSpec(
        { if case let .activityChanged(a) = $0 { a } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .activityChanged(try decodeActivity(&r)) },
        encode: encodeActivity,
        apply: { (a, s) throws(Message) -> Event? in
            let i = try Reducer.live(a.id, in: s.activities)
            try Reducer.checkActivity(a)
            let o = s.activities[i]
            var new = a; new.removed = false; new.sequence = o.sequence
            // Who came, minutes and decisions have events of their own: a change keeps them.
            new.present = o.present; new.minutes = o.minutes; new.decisions = o.decisions
            if new != o { new.sequence += 1 }
            s.activities[i] = new
            // The inverse as the journal holds it: the sequence is the program's, never written.
            var was = o; was.sequence = 0; was.present = []; was.minutes = ""; was.decisions = ""
            return .activityChanged(was)
        },
        words: activityWords,
        writeRule: meetingRule)

    /// A general assembly or board meeting of the association is not before its founding.
    static func meetingRule(_ a: ActivityFields, _ s: ProjectState, _: Day) throws(Message) {
        guard a.kind == .assembly || a.kind == .board, let f = s.association, a.date < f.founded else { return }
        throw Message("\(a.kind.label(.da)) \(Lang.da.shortDate(a.date)) ligger før foreningens stiftelse \(Lang.da.shortDate(f.founded))",
                      "the \(a.kind.label(.en)) on \(Lang.en.shortDate(a.date)) is before the association was founded, \(Lang.en.shortDate(f.founded))", field: "date")
    }

    static let holidayAdded = EventSpec(
        { if case let .holidayAdded(b) = $0 { b } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .holidayAdded(HolidayPeriod(id: try r.id("id"), title: try r.text("title"), start: try r.day("start"), end: try r.day("end")))
        },
        encode: { b in [("id", b.id.ref, false), ("title", b.title, true), ("start", b.start.iso, false), ("end", b.end.iso, false)] },
        apply: { (b, s) throws(Message) -> Event? in
            try Reducer.nextID(b.id, .holiday, s.holidays.count)
            try Rules.line(b.title, field: "title", label: Msg.title, required: true)
            guard b.end >= b.start else { throw Message("slutdatoen ligger før startdatoen", "the end date is before the start date",
                                                        field: "end") }
            guard b.end.ordinal - b.start.ordinal <= 92 else { throw Message("en skoleferie er højst tre måneder",
                                                                             "a school holiday is at most three months", field: "end") }
            var new = b; new.removed = false
            s.holidays.append(new)
            return .removal(of: b.id)
        },
        words: { b, _, l in b.title + " " + l.shortDate(b.start) + "–" + l.shortDate(b.end) },
        allocate: { b, s in allocated(b, after: s.holidays, Event.holidayAdded) })
}
