/// Phase 4: the association, its members, board, book, deadlines and
/// the duties of its year.
extension Events {
    static func decodeAssociation(_ r: inout FieldReader) throws(SyntaxError) -> AssociationFields {
        AssociationFields(id: try r.id("id"), name: try r.text("name"), founded: try r.day("date"), cvr: try r.optionalText("cvr"))
    }
    static func encodeAssociation(_ a: AssociationFields) -> [EventField] {
        [("id", a.id.ref, false), ("name", a.name, true), ("date", a.founded.iso, false), ("cvr", a.cvr, true)]
    }
    static func checkAssociation(_ a: AssociationFields, _ s: ProjectState) throws(Message) {
        try Rules.line(a.name, field: "name", label: Message("foreningens navn",
                                                             "the association's name"), required: true, max: Rules.maxNameLength)
        if !a.cvr.isEmpty, a.cvr.count != 8 || !a.cvr.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw Message("CVR-nummeret skal være 8 cifre (fik \"\(a.cvr)\")",
                          "the CVR number must be 8 digits (got \"\(a.cvr)\")", field: "cvr")
        }
        if let first = s.activities.first(where: { !$0.removed && ($0.kind == .assembly || $0.kind == .board) && $0.date < a.founded }) {
            throw Message("foreningen har et møde \(Lang.da.shortDate(first.date)) før stiftelsesdagen \(Lang.da.shortDate(a.founded))",
                          "the association has a meeting on \(Lang.en.shortDate(first.date)), before its founding day \(Lang.en.shortDate(a.founded))", field: "date")
        }
    }

    /// The association that exists, for its members, board and book.
    static func founded(_ s: ProjectState, on day: Day, field: String = "date") throws(Message) -> AssociationFields {
        guard let a = s.association else {
            throw Message("foreningen er ikke stiftet endnu; stift den først (bydelsmor association found)",
                          "the association has not been founded yet; found it first (bydelsmor association found)", field: field)
        }
        guard day >= a.founded else {
            throw Message("\(Lang.da.shortDate(day)) ligger før foreningens stiftelse \(Lang.da.shortDate(a.founded))",
                          "\(Lang.en.shortDate(day)) is before the association was founded, \(Lang.en.shortDate(a.founded))", field: field)
        }
        return a
    }

    static let associationFounded = EventSpec(
        { if case let .associationFounded(a) = $0 { a } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .associationFounded(try decodeAssociation(&r)) },
        encode: encodeAssociation,
        apply: { (a, s) throws(Message) -> Event? in
            try Reducer.nextID(a.id, .association, s.associations.count)
            if s.association != nil {
                throw Message("foreningen er allerede stiftet; ret den i stedet",
                              "the association has been founded already; change it instead", field: "name")
            }
            try checkAssociation(a, s)
            var new = a; new.removed = false
            s.associations.append(new)
            return .removal(of: a.id)
        },
        words: { a, _, l in l.t("foreningen \(a.name) stiftet \(l.shortDate(a.founded))",
                                "the association \(a.name) founded \(l.shortDate(a.founded))") },
        allocate: { a, s in
            guard a.id.isNew else { return nil }
            var x = a; x.id = s.associations.nextID
            return .associationFounded(x)
        })

    static let associationChanged = EventSpec(
        { if case let .associationChanged(a) = $0 { a } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .associationChanged(try decodeAssociation(&r)) },
        encode: encodeAssociation,
        apply: { (a, s) throws(Message) -> Event? in
            let i = try Reducer.live(a.id, in: s.associations)
            try checkAssociation(a, s)
            if let early = s.memberships.first(where: { !$0.removed && $0.joined < a.founded }) {
                throw Message("\(early.volunteer.ref) blev medlem \(Lang.da.shortDate(early.joined)), før den nye stiftelsesdag",
                              "\(early.volunteer.ref) joined on \(Lang.en.shortDate(early.joined)), before the new founding day", field: "date")
            }
            let o = s.associations[i]
            var new = a; new.removed = false
            s.associations[i] = new
            return .associationChanged(o)
        },
        words: { a, _, l in l.t("foreningen \(a.name)", "the association \(a.name)") })

    static let memberJoined = EventSpec(
        { if case let .memberJoined(id, v, d) = $0 { (id, v, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .memberJoined(id: try r.id("id"), volunteer: try r.id("volunteer"),
                                                              date: try r.day("date")) },
        encode: { p in [("id", p.0.ref, false), ("volunteer", p.1.ref, false), ("date", p.2.iso, false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, v, d) = p
            try Reducer.nextID(id, .membership, s.memberships.count)
            _ = try founded(s, on: d)
            let vi = try Reducer.live(v, in: s.volunteers, field: "volunteer")
            if s.volunteers[vi].erased { throw Message("\(v.ref) er slettet efter GDPR",
                                                       "\(v.ref) has been erased (GDPR)", field: "volunteer") }
            if s.memberships.contains(where: { !$0.removed && $0.volunteer == v && $0.left == nil }) {
                throw Message("\(v.ref) er allerede medlem", "\(v.ref) is a member already", field: "volunteer")
            }
            s.memberships.append(Membership(id: id, volunteer: v, joined: d))
            return .removal(of: id)
        },
        words: { p, s, l in (s.volunteer(p.1)?.name ?? p.1.ref) + l.t(" meldt ind i foreningen ",
                                                                      " joined the association ") + l.shortDate(p.2) },
        allocate: { p, s in p.0.isNew ? .memberJoined(id: s.memberships.nextID, volunteer: p.1, date: p.2) : nil })

    static let memberLeft = EventSpec(
        { if case let .memberLeft(id, d) = $0 { (id, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .memberLeft(id: try r.id("id"), date: try r.optionalDay("date")) },
        encode: { p in [("id", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.0, in: s.memberships)
            let m = s.memberships[i]
            if let d = p.1 {
                guard d > m.joined else {
                    throw Message("udmeldelsen skal ligge efter indmeldelsen \(Lang.da.shortDate(m.joined))",
                                  "leaving must be after joining on \(Lang.en.shortDate(m.joined))", field: "date")
                }
                if let seat = s.boardRoles.first(where: { !$0.removed && $0.volunteer == m.volunteer && ($0.to.map { $0 >= d } ?? true) }) {
                    throw Message("\(m.volunteer.ref) sidder i bestyrelsen (\(seat.role.label(.da)), \(seat.id.ref)); afslut posten først",
                                  "\(m.volunteer.ref) is on the board (\(seat.role.label(.en)), \(seat.id.ref)); end the seat first", field: "date")
                }
            }
            s.memberships[i].left = p.1
            return .memberLeft(id: p.0, date: m.left)
        },
        words: { p, s, l in
            let who = s.memberships.at(p.0).flatMap { s.volunteer($0.volunteer)?.name } ?? p.0.ref
            return p.1.map { who + l.t(" meldt ud ", " left ") + l.shortDate($0) } ?? who + l.t(" er medlem igen", " is a member again")
        })

    static let memberFee = EventSpec(
        { if case let .memberFee(id, y, a, d) = $0 { (id, y, a, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            let id: ID<Membership> = try r.id("id")
            let y = try r.int("year", 2000...2099)
            var amount: Money?
            if try r.isDash("amount") { _ = r.find("amount") } else { amount = try r.money("amount") }
            return .memberFee(id: id, year: y, amount: amount, date: try r.optionalDay("date"))
        },
        encode: { p in [("id", p.0.ref, false), ("year", String(p.1), false), ("amount", p.2?.plain ?? "-", false),
                        ("date", day(p.3), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let (id, year, amount, date) = p
            let i = try Reducer.live(id, in: s.memberships)
            let old = s.memberships[i].fees.first { $0.year == year }
            s.memberships[i].fees.removeAll { $0.year == year }
            if let amount {
                try Rules.amount(amount)
                guard let date else { throw Message("indbetalingen skal have en dato", "the payment needs a date", field: "date") }
                s.memberships[i].fees.append(FeePayment(year: year, amount: amount, date: date))
                s.memberships[i].fees.sort { $0.year < $1.year }
            }
            return .memberFee(id: id, year: year, amount: old?.amount, date: old?.date)
        },
        words: { p, s, l in
            let who = s.memberships.at(p.0).flatMap { s.volunteer($0.volunteer)?.name } ?? p.0.ref
            return l.t("kontingent \(p.1) for \(who)", "membership fee \(p.1) for \(who)") + (p.2.map { ": " + $0.formatted(l) } ?? "")
        })

    static func decodeBoard(_ r: inout FieldReader) throws(SyntaxError) -> BoardRole {
        BoardRole(id: try r.id("id"), volunteer: try r.id("volunteer"), role: try r.token("role", BoardRoleKind.self),
                  from: try r.day("from"), to: try r.optionalDay("to"))
    }

    /// A seat's rules: she is a member for the whole term from its start, and a single role (chair,
    /// vice-chair, treasurer, secretary) has one holder at a time.
    static func checkSeat(_ b: BoardRole, _ s: ProjectState) throws(Message) {
        _ = try founded(s, on: b.from, field: "from")
        _ = try Reducer.live(b.volunteer, in: s.volunteers, field: "volunteer")
        if let to = b.to, to < b.from { throw Message("posten slutter før den begynder", "the seat ends before it begins", field: "to") }
        guard let m = s.membership(of: b.volunteer, on: b.from) else {
            throw Message("\(b.volunteer.ref) er ikke medlem af foreningen \(Lang.da.shortDate(b.from)); kun medlemmer kan sidde i bestyrelsen",
                          "\(b.volunteer.ref) is not a member of the association on \(Lang.en.shortDate(b.from)); only members can be on the board", field: "volunteer")
        }
        if let left = m.left, b.to.map({ $0 >= left }) ?? true {
            throw Message("\(b.volunteer.ref) melder sig ud \(Lang.da.shortDate(left)); posten skal slutte før",
                          "\(b.volunteer.ref) leaves on \(Lang.en.shortDate(left)); the seat must end before", field: "to")
        }
        if b.role.isSingle, let other = s.boardRoles.first(where: { !$0.removed && $0.id != b.id && $0.role == b.role && $0.overlaps(b) }) {
            let who = s.volunteer(other.volunteer)?.name ?? other.volunteer.ref
            throw Message("der er allerede en \(b.role.label(.da)) i perioden (\(who), \(other.id.ref)); afslut den post først",
                          "there is already a \(b.role.label(.en)) in the period (\(who), \(other.id.ref)); end that seat first", field: "role")
        }
        if let same = s.boardRoles.first(where: { !$0.removed && $0.id != b.id && $0.volunteer == b.volunteer && $0.overlaps(b) }) {
            throw Message("\(b.volunteer.ref) har allerede en post i perioden (\(same.role.label(.da)), \(same.id.ref))",
                          "\(b.volunteer.ref) already has a seat in the period (\(same.role.label(.en)), \(same.id.ref))", field: "volunteer")
        }
    }

    static let boardRole = EventSpec(
        { if case let .boardRole(b) = $0 { b } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .boardRole(try decodeBoard(&r)) },
        encode: { b in [("id", b.id.ref, false), ("volunteer", b.volunteer.ref, false), ("role", b.role.rawValue, false),
                        ("from", b.from.iso, false), ("to", day(b.to), false)] },
        apply: { (b, s) throws(Message) -> Event? in
            try Reducer.nextID(b.id, .board, s.boardRoles.count)
            try checkSeat(b, s)
            var new = b; new.removed = false
            s.boardRoles.append(new)
            return .removal(of: b.id)
        },
        words: { b, s, l in (s.volunteer(b.volunteer)?.name ?? b.volunteer.ref) + " " + b.role.label(l) + l.t(" fra ",
                                                                                                              " from ") + l.shortDate(b.from) },
        allocate: { b, s in
            guard b.id.isNew else { return nil }
            var x = b; x.id = s.boardRoles.nextID
            return .boardRole(x)
        })

    static let boardEnded = EventSpec(
        { if case let .boardEnded(id, d) = $0 { (id, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .boardEnded(id: try r.id("id"), date: try r.optionalDay("date")) },
        encode: { p in [("id", p.0.ref, false), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            let i = try Reducer.live(p.0, in: s.boardRoles)
            let o = s.boardRoles[i]
            var b = o; b.to = p.1
            try checkSeat(b, s)
            s.boardRoles[i] = b
            return .boardEnded(id: p.0, date: o.to)
        },
        words: { p, s, l in
            let seat = s.boardRoles.at(p.0)
            let who = seat.flatMap { s.volunteer($0.volunteer)?.name } ?? p.0.ref
            return who + " " + (seat?.role.label(l) ?? "") + (p.1.map { l.t(" til ",
                                                                            " until ") + l.shortDate($0) } ?? l.t(" uden slutdato",
                                                                                                                  " without an end"))
        })

    static func decodeEntry(_ r: inout FieldReader) throws(SyntaxError) -> AccountEntry {
        let id: ID<AccountEntry> = try r.id("id")
        let date = try r.day("date"), dir = try r.token("direction",
                                                        AccountDirection.self), line = try r.text("line"), amount = try r.money("amount")
        var funding: ID<FundingApplication>?
        if r.has("funding") { funding = try r.id("funding") }
        return AccountEntry(id: id, date: date, direction: dir, line: line, amount: amount, funding: funding,
                            receipt: try r.optionalText("receipt"), note: try r.optionalText("note"))
    }
    static func encodeEntry(_ e: AccountEntry) -> [EventField] {
        var f: [EventField] = [("id", e.id.ref, false), ("date", e.date.iso, false), ("direction", e.direction.rawValue, false),
                               ("line", e.line, true), ("amount", e.amount.plain, false)]
        if let g = e.funding { f.append(("funding", g.ref, false)) }
        f.append(("receipt", e.receipt, true)); f.append(("note", e.note, true))
        return f
    }

    /// The book's rules: after the founding; income by a known source, an expense on the
    /// association's own line (never a municipal budget line); a grant it is booked against is the
    /// association's and granted; a grant already counted as income is not booked again.
    static func checkEntry(_ e: AccountEntry, _ s: ProjectState) throws(Message) {
        _ = try founded(s, on: e.date)
        try Rules.amount(e.amount)
        try Rules.line(e.line, field: "line", label: Message("linjen", "the line"), required: true, max: 60)
        try Rules.line(e.receipt, field: "receipt", label: Message("bilaget", "the receipt"), required: false, max: 60)
        try Rules.notes(e.note, field: "note")
        switch e.direction {
        case .income:
            guard let source = IncomeSource(rawValue: e.line) else {
                throw Message("indtægtens kilde skal være en af: \(IncomeSource.tokens) (fik \"\(e.line)\")",
                              "the income's source must be one of: \(IncomeSource.tokens) (got \"\(e.line)\")", field: "line")
            }
            if source != .grant, e.funding != nil {
                throw Message("kun et tilskud kan bogføres mod en bevilling (fik \(source.rawValue))",
                              "only a grant can be booked against a grant (got \(source.rawValue))", field: "funding")
            }
        case .expense:
            if let b = s.budgetLines.first(where: { !$0.removed && ($0.id == e.line || $0.title.lowercased() == e.line.lowercased()) }) {
                throw Message("\"\(e.line)\" er en linje i kommunens budget (\(b.id)); foreningens regnskab har sine egne linjer",
                              "\"\(e.line)\" is a line of the municipal budget (\(b.id)); the association's accounts have lines of their own", field: "line")
            }
        }
        if let g = e.funding {
            let i = try Reducer.live(g, in: s.funding, field: "funding")
            let f = s.funding[i]
            guard f.details.holder == .association else {
                throw Message("\(g.ref) er søgt til det kommunale projekt, ikke til foreningen",
                              "\(g.ref) was applied for by the municipal project, not the association", field: "funding")
            }
            guard let granted = f.granted, granted > .zero else {
                throw Message("\(g.ref) er ikke bevilget", "\(g.ref) has not been granted", field: "funding")
            }
        }
    }

    static let accountEntry = EventSpec(
        { if case let .accountEntry(e) = $0 { e } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .accountEntry(try decodeEntry(&r)) },
        encode: encodeEntry,
        apply: { (e, s) throws(Message) -> Event? in
            try Reducer.nextID(e.id, .account, s.accountEntries.count)
            try checkEntry(e, s)
            var new = e; new.removed = false
            s.accountEntries.append(new)
            return .removal(of: e.id)
        },
        words: { e, _, l in
            (e.direction == .income ? l.t("indtægt ",
                                          "income ") + (IncomeSource(rawValue: e.line)?.label(l) ?? e.line) : l.t("udgift til ",
                                                                                                                  "expense on ") + e.line)
                + " " + e.amount.formatted(l)
        },
        allocate: { e, s in
            guard e.id.isNew else { return nil }
            var x = e; x.id = s.accountEntries.nextID
            return .accountEntry(x)
        })

    static let deadlineAdded = EventSpec(
        { if case let .deadlineAdded(d) = $0 { d } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            .deadlineAdded(FundDeadline(id: try r.id("id"), funder: try r.text("funder"), date: try r.day("date"),
                                        yearly: try r.yesNo("yearly")))
        },
        encode: { d in [("id", d.id.ref, false), ("funder", d.funder, true), ("date", d.date.iso, false),
                        ("yearly", d.yearly ? "yes" : "no", false)] },
        apply: { (d, s) throws(Message) -> Event? in
            try Reducer.nextID(d.id, .deadline, s.deadlines.count)
            try Rules.line(d.funder, field: "funder", label: Message("fonden", "the funder"), required: true, max: Rules.maxNameLength)
            var new = d; new.removed = false
            s.deadlines.append(new)
            return .removal(of: d.id)
        },
        words: { d, _, l in l.t("ansøgningsfrist \(d.funder) \(l.shortDate(d.date))",
                                "application deadline \(d.funder) \(l.shortDate(d.date))") },
        allocate: { d, s in
            guard d.id.isNew else { return nil }
            var x = d; x.id = s.deadlines.nextID
            return .deadlineAdded(x)
        })

    static let dutyDone = EventSpec(
        { if case let .dutyDone(k, d) = $0 { (k, d) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in .dutyDone(key: try r.text("duty"), date: try r.optionalDay("date")) },
        encode: { p in [("duty", p.0, true), ("date", day(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            guard YearWheel.isKey(p.0) else {
                throw Message("ukendt pligt \"\(p.0)\"; pligterne står i 'Det skal gøres nu' og i status",
                              "unknown duty \"\(p.0)\"; the duties are in 'What needs doing' and in status", field: "duty")
            }
            let old = s.isDone(p.0)
            s.dutiesDone.removeAll { $0.key == p.0 }
            if let d = p.1 { s.dutiesDone.append(DutyDone(key: p.0, date: d)) }
            return .dutyDone(key: p.0, date: old)
        },
        words: { p, s, l in YearWheel.title(p.0, s, l) + (p.1 == nil ? l.t(" ikke gjort", " not done") : l.t(" gjort", " done")) })

    static let wheelSet = EventSpec(
        { if case let .wheelSet(w) = $0 { w } else { nil } },
        decode: { (r, _) throws(SyntaxError) in
            var w = WheelSettings()
            w.assemblyMonth = try r.int("assembly-month", 1...12); w.assemblyDay = try r.int("assembly-day", 1...31)
            w.accountsMonth = try r.int("accounts-month", 1...12); w.accountsDay = try r.int("accounts-day", 1...31)
            w.noticeDays = try r.int("notice-days", 0...366)
            return .wheelSet(w)
        },
        encode: { w in
            var f: [EventField] = []
            f.append(("assembly-month", String(w.assemblyMonth), false)); f.append(("assembly-day", String(w.assemblyDay), false))
            f.append(("accounts-month", String(w.accountsMonth), false)); f.append(("accounts-day", String(w.accountsDay), false))
            f.append(("notice-days", String(w.noticeDays), false))
            return f
        },
        apply: { (w, s) throws(Message) -> Event? in
            for (m, d, field) in [(w.assemblyMonth, w.assemblyDay, "assembly-day"),
                                  (w.accountsMonth, w.accountsDay, "accounts-day")] where Day(year: 2027, month: m, day: d) == nil {
                throw Message("\(d).\(m). findes ikke hvert år", "\(d)/\(m) is not a day of every year", field: field)
            }
            guard (0...366).contains(w.noticeDays) else { throw Message("varslet skal være 0–366 dage", "the notice must be 0–366 days",
                                                                        field: "notice-days") }
            let old = s.wheel
            s.wheel = w
            return .wheelSet(old)
        },
        words: { w, _, l in l.t("årshjulet: generalforsamling senest \(w.assemblyDay).\(w.assemblyMonth)., regnskab senest \(w.accountsDay).\(w.accountsMonth)., vises \(w.noticeDays) dage før",
                                "the year wheel: general assembly by \(w.assemblyDay)/\(w.assemblyMonth), accounts by \(w.accountsDay)/\(w.accountsMonth), shown \(w.noticeDays) days ahead") })
}
