/// The project's plan: its four phases, their milestones, the module plan and the diploma rule.
extension Events {
    static let phaseDefined = EventSpec(
        { if case let .phaseDefined(n, title) = $0 { (n, title) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .phaseDefined(number: try r.int("number", 1...ProjectState.phaseCount),
                                                              title: try r.text("title")) },
        encode: { p in [("number", String(p.0), false), ("title", p.1, true)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (n, title) = p
            guard n == s.phases.count + 1 else {
                throw Message("fase \(n) kan ikke defineres nu; næste fase er \(s.phases.count + 1)",
                              "phase \(n) cannot be defined now; the next phase is \(s.phases.count + 1)", field: "number")
            }
            try Rules.line(title, field: "title", label: Msg.title, required: true)
            s.phases.append(Phase(number: n, title: title))
            return nil
        },
        words: { p, _, l in l.t("fase", "phase") + " \(p.0) \(p.1)" },
        undoable: false)

    static let phaseStatus = EventSpec(
        { if case let .phaseStatus(n, status) = $0 { (n, status) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .phaseStatus(number: try r.int("number", 1...ProjectState.phaseCount),
                                                             status: try r.token("status", PhaseStatus.self)) },
        encode: { p in [("number", String(p.0), false), ("status", p.1.rawValue, false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (n, status) = p
            let i = try Reducer.phaseIndex(n, s)
            let old = s.phases[i].status
            s.phases[i].status = status
            return .phaseStatus(number: n, status: old)
        },
        words: { p, _, l in l.t("fase", "phase") + " \(p.0): " + p.1.label(l) })

    static let phaseDates = EventSpec(
        { if case let .phaseDates(n, start, end) = $0 { (n, start, end) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .phaseDates(number: try r.int("number", 1...ProjectState.phaseCount), start: try r.optionalDay("start"),
                        end: try r.optionalDay("end"))
        },
        encode: { p in [("number", String(p.0), false), ("start", day(p.1), false), ("end", day(p.2), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (n, start, end) = p
            let i = try Reducer.phaseIndex(n, s)
            if let a = start, let b = end, b < a {
                throw Message("slutdatoen \(Lang.da.shortDate(b)) ligger før startdatoen \(Lang.da.shortDate(a))",
                              "the end date \(Lang.en.shortDate(b)) is before the start date \(Lang.en.shortDate(a))", field: "end")
            }
            let old = s.phases[i]
            s.phases[i].start = start; s.phases[i].end = end
            return .phaseDates(number: n, start: old.start, end: old.end)
        },
        words: { p, _, l in l.t("fase", "phase") + " \(p.0): " + (p.1.map { l.shortDate($0) } ?? "–") + " – " + (p.2.map { l.shortDate($0) } ?? "–") })

    static let milestoneAdded = EventSpec(
        { if case let .milestoneAdded(id, phase, title) = $0 { (id, phase, title) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .milestoneAdded(id: try r.id("id"), phase: try r.int("phase", 1...ProjectState.phaseCount), title: try r.text("title"))
        },
        encode: { p in [("id", p.0.ref, false), ("phase", String(p.1), false), ("title", p.2, true)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, phase, title) = p
            try Reducer.nextID(id, .milestone, s.milestones.count)
            _ = try Reducer.phaseIndex(phase, s, field: "phase")
            try Rules.line(title, field: "title", label: Msg.title, required: true)
            s.milestones.append(Milestone(id: id, phase: phase, title: title))
            return .removal(of: id)
        },
        words: { p, _, l in l.t("milepælen", "the milestone") + " \"\(p.2)\"" },
        allocate: { p, s in p.0.isNew ? .milestoneAdded(id: s.milestones.nextID, phase: p.1, title: p.2) : nil })

    static let milestoneChecked = EventSpec(
        { if case let .milestoneChecked(id, done) = $0 { (id, done) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .milestoneChecked(id: try r.id("id"), done: try r.yesNo("done")) },
        encode: { p in [("id", p.0.ref, false), ("done", p.1 ? "yes" : "no", false)] },
        apply: { (p, s) throws(Message) -> Event? in .milestoneChecked(id: p.0,
                                                                       done: try set(p.0, \.milestones, \.done, to: p.1, in: &s)) },
        words: { p, s, l in
            l.t("milepælen", "the milestone") + " \"\(s.milestones.at(p.0)?.title ?? "")\" " + (p.1 ? l.t("afkrydset", "ticked") : l.t("ikke afkrydset", "unticked"))
        })

    static let milestoneRenamed = EventSpec(
        { if case let .milestoneRenamed(id, title) = $0 { (id, title) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .milestoneRenamed(id: try r.id("id"), title: try r.text("title")) },
        encode: { p in [("id", p.0.ref, false), ("title", p.1, true)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, title) = p
            let i = try Reducer.live(id, in: s.milestones)
            try Rules.line(title, field: "title", label: Msg.title, required: true)
            let old = s.milestones[i].title
            s.milestones[i].title = title
            return .milestoneRenamed(id: id, title: old)
        },
        words: { p, _, l in l.t("milepælen", "the milestone") + " \"\(p.1)\"" })

    static let milestoneDue = EventSpec(
        { if case let .milestoneDue(id, date) = $0 { (id, date) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .milestoneDue(id: try r.id("id"), date: try r.optionalDay("date")) },
        encode: { p in [("id", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in .milestoneDue(id: p.0, date: try set(p.0, \.milestones, \.due, to: p.1, in: &s)) },
        words: { p, s, l in
            l.t("milepælen", "the milestone") + " \"\(s.milestones.at(p.0)?.title ?? "")\" " + (p.1.map { l.t("senest ", "due ") + l.shortDate($0) } ?? l.t("uden frist", "without a due date"))
        })

    static func decodeModule(_ r: inout FieldReader) throws(SyntaxError) -> TrainingModule {
        TrainingModule(number: try r.int("number", 1...ProjectState.maxModules), title: try r.text("title"),
                       theme: try r.token("theme", ModuleTheme.self), kind: try r.token("kind", ModuleKind.self))
    }
    static func encodeModule(_ m: TrainingModule) -> [EventField] {
        [("number", String(m.number), false), ("title", m.title, true), ("theme", m.theme.rawValue, false),
         ("kind", m.kind.rawValue, false)]
    }
    static func moduleWords(_ m: TrainingModule, _: ProjectState,
                            _ l: Lang) -> String { l.t("modul", "module") + " \(m.number): \(m.title)" }

    static let moduleDefined = EventSpec(
        { if case let .moduleDefined(m) = $0 { m } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .moduleDefined(try decodeModule(&r)) },
        encode: encodeModule,
        apply: { (m, s) throws(Message) -> Event? in
            guard m.number == s.modules.count + 1 else {
                throw Message("modul \(m.number) kan ikke defineres nu; næste modul er \(s.modules.count + 1)",
                              "module \(m.number) cannot be defined now; the next module is \(s.modules.count + 1)", field: "number")
            }
            try Rules.line(m.title, field: "title", label: Msg.title, required: true)
            s.modules.append(m)
            return nil
        },
        words: moduleWords,
        undoable: false)

    static let moduleChanged = EventSpec(
        { if case let .moduleChanged(m) = $0 { m } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .moduleChanged(try decodeModule(&r)) },
        encode: encodeModule,
        apply: { (m, s) throws(Message) -> Event? in
            try Rules.line(m.title, field: "title", label: Msg.title, required: true)
            // The next number adds a module to the plan (a hold of 16 modules); that has no inverse,
            // so undo stops there and says so.
            if m.number == s.modules.count + 1, m.number <= ProjectState.maxModules {
                s.modules.append(m)
                return nil
            }
            guard m.number >= 1, m.number <= s.modules.count else {
                throw Message("modul \(m.number) findes ikke; modulerne er 1–\(s.modules.count) (\(s.modules.count + 1) tilføjer et)",
                              "module \(m.number) does not exist; the modules are 1–\(s.modules.count) (\(s.modules.count + 1) adds one)", field: "number")
            }
            let o = s.modules[m.number - 1]
            s.modules[m.number - 1] = m
            return .moduleChanged(o)
        },
        words: moduleWords)

    static let diplomaRule = EventSpec(
        { if case let .diplomaRule(m) = $0 { m } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .diplomaRule(minimum: try r.int("minimum", 1...ProjectState.maxModules)) },
        encode: { m in [("minimum", String(m), false)] },
        apply: { (m, s) throws(Message) -> Event? in
            guard (1...max(1, s.modules.count)).contains(m) else {
                throw Message("kravet til diplom skal være 1–\(s.modules.count) moduler",
                              "the diploma rule must be 1–\(s.modules.count) modules", field: "minimum")
            }
            let old = s.diplomaMinimum
            s.diplomaMinimum = m
            return .diplomaRule(minimum: old)
        },
        words: { m, _, l in l.t("diplomkrav: mindst \(m) moduler", "diploma rule: at least \(m) modules") })
}
