/// Sessions of the modules: scheduled, moved, held or cancelled, noted, and who came.
extension Events {
    static func decodeSession(_ r: inout FieldReader) throws(SyntaxError) -> SessionFields {
        var s = SessionFields(id: try r.id("id"), module: try r.int("module", 1...ProjectState.maxModules),
                              date: try r.day("date"), start: try r.time("start"), end: try r.time("end"),
                              place: try r.text("place"), teacher: try r.optionalText("teacher"))
        if r.has("hold") { s.hold = try r.id("hold") }
        return s
    }
    static func encodeSession(_ s: SessionFields) -> [EventField] {
        // `hold=` only when there is one: lines of journals from before holds stay as they were.
        [("id", s.id.ref, false), ("module", String(s.module), false), ("date", s.date.iso, false),
         ("start", s.start.text, false), ("end", s.end.text, false), ("place", s.place, true), ("teacher", s.teacher, true)]
            + (s.hold.map { [("hold", $0.ref, false)] } ?? [])
    }
    /// Sets a field of a live session and raises its sequence, so a calendar that imported it takes
    /// the change; gives back what the field was.
    /// A field of a session, the calendar's SEQUENCE raised only when it changed (a change that
    /// changes nothing is not sent to the phones again).
    static func setSession<V: Equatable>(_ id: SessionID, _ field: WritableKeyPath<ModuleSession, V>, to value: V,
                                         in s: inout ProjectState) throws(Message) -> V {
        let old = try set(id, \.sessions, field, to: value, in: &s)
        if old != value { s.sessions[id].sequence += 1 }
        return old
    }
    static func sessionWords(_ f: SessionFields, _: ProjectState, _ l: Lang) -> String { SessionWords.text(f.module, f.date, f.start, l) }

    static let sessionScheduled = EventSpec(
        { if case let .sessionScheduled(f) = $0 { f } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .sessionScheduled(try decodeSession(&r)) },
        encode: encodeSession,
        apply: { (f, s) throws(Message) -> Event? in
            try Reducer.nextID(f.id, .session, s.sessions.count)
            try Reducer.checkSession(f, s)
            s.sessions.append(ModuleSession(f))
            // Undoing a new session removes it (it was never held or cancelled).
            return .removal(of: f.id)
        },
        words: sessionWords,
        allocate: { f, s in allocated(f, after: s.sessions, Event.sessionScheduled) })

    static let sessionChanged = EventSpec(
        { if case let .sessionChanged(f) = $0 { f } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .sessionChanged(try decodeSession(&r)) },
        encode: encodeSession,
        apply: { (f, s) throws(Message) -> Event? in
            let i = try Reducer.live(f.id, in: s.sessions)
            try Reducer.checkSession(f, s)
            let o = s.sessions[i]
            if f.hold != o.hold, !o.attendance.isEmpty {
                throw Message("modulgangen har fremmøde og kan ikke flyttes til et andet hold",
                              "the session has attendance and cannot move to another hold", field: "hold")
            }
            s.sessions[i].fields = f
            if f != o.fields { s.sessions[i].sequence += 1 }
            return .sessionChanged(o.fields)
        },
        words: sessionWords)

    static let sessionStatus = EventSpec(
        { if case let .sessionStatus(id, status) = $0 { (id, status) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .sessionStatus(id: try r.id("id"), status: try r.token("status", SessionStatus.self)) },
        encode: { p in [("id", p.0.ref, false), ("status", p.1.rawValue, false)] },
        apply: { (p, s) throws(Message) -> Event? in .sessionStatus(id: p.0, status: try setSession(p.0, \.status, to: p.1, in: &s)) },
        words: { p, s, l in
            guard let x = s.session(p.0) else { return p.0.ref }
            return x.words(l) + " " + p.1.label(l)
        },
        writeRule: { (p, s, today) throws(Message) in
            if p.1 == .held, let x = s.session(p.0) { try WriteRules.notAfter(today, x.date,
                    Message("at modulgangen er afholdt", "that the session was held"), field: "status") }
        })

    static let sessionNoted = EventSpec(
        { if case let .sessionNoted(id, note) = $0 { (id, note) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .sessionNoted(id: try r.id("id"), note: try r.optionalText("note")) },
        encode: { p in [("id", p.0.ref, false), ("note", p.1, true)] },
        apply: { (p, s) throws(Message) -> Event? in
            _ = try Reducer.live(p.0, in: s.sessions)
            try Rules.notes(p.1, field: "note")
            return .sessionNoted(id: p.0, note: try setSession(p.0, \.note, to: p.1, in: &s))
        },
        words: { p, s, l in
            guard let x = s.session(p.0) else { return p.0.ref }
            return l.t("note til ", "note for ") + x.words(l)
        })

    static let sessionHomework = EventSpec(
        { if case let .sessionHomework(id, text) = $0 { (id, text) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .sessionHomework(id: try r.id("id"), text: try r.optionalText("text")) },
        encode: { p in [("id", p.0.ref, false), ("text", p.1, true)] },
        apply: { (p, s) throws(Message) -> Event? in
            _ = try Reducer.live(p.0, in: s.sessions)
            try Rules.notes(p.1, field: "text")
            return .sessionHomework(id: p.0, text: try setSession(p.0, \.homework, to: p.1, in: &s))
        },
        words: { p, s, l in
            guard let x = s.session(p.0) else { return p.0.ref }
            return l.t("lektie til ", "homework for ") + x.words(l)
        })

    static let attendanceMarked = EventSpec(
        { if case let .attendanceMarked(sid, vid, mark) = $0 { (sid, vid, mark) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .attendanceMarked(session: try r.id("session"), volunteer: try r.id("volunteer"),
                              mark: try r.token("mark", AttendanceMark.self))
        },
        encode: { p in [("session", p.0.ref, false), ("volunteer", p.1.ref, false), ("mark", p.2.rawValue, false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (sid, vid, mark) = p
            let i = try Reducer.live(sid, in: s.sessions, field: "session")
            _ = try Reducer.live(vid, in: s.volunteers, field: "volunteer")
            if s.sessions[i].status == .cancelled {
                throw Message("modulgangen \(sid.ref) er aflyst; der kan ikke registreres fremmøde",
                              "the session \(sid.ref) is cancelled; attendance cannot be recorded", field: "session")
            }
            if let h = s.sessions[i].hold, mark != .unknown, s.volunteers[vid].hold != h {
                throw Message("\(vid.ref) er ikke på \(s.holds[h].name); fremmøde registreres for holdets egne bydelsmødre",
                              "\(vid.ref) is not in \(s.holds[h].name); attendance is recorded for the hold's own volunteers", field: "volunteer")
            }
            let old = s.sessions[i].attendance[vid] ?? .unknown
            if mark == .unknown { s.sessions[i].attendance[vid] = nil } else { s.sessions[i].attendance[vid] = mark }
            return .attendanceMarked(session: sid, volunteer: vid, mark: old)
        },
        words: { p, s, l in
            let who = s.volunteer(p.1)?.name ?? p.1.ref
            guard let x = s.session(p.0) else { return who }
            return l.t("fremmøde", "attendance") + ", " + x.words(l) + ": \(who) " + p.2.label(l)
        },
        writeRule: { (p, s, today) throws(Message) in
            if p.2 != .unknown, let x = s.session(p.0) { try WriteRules.notAfter(today, x.date, Message("fremmøde", "attendance"),
                                                                                 field: "session") }
        })
}
