/// Phase 4's hand-over: a new journal for the association (`bydelsmor association handover`). It
/// holds the members who consented and what the association has about them (membership, fees,
/// board seats, who came to its meetings), the association itself, its book, its grants and its year
/// wheel — and of the municipal project only anonymous counts, as comments. Never a woman who did not
/// consent, never the municipality's private notes (her notes, session notes, partners, the
/// municipal budget, conversations); a name of a woman left out is masked in the minutes.
public struct Handover: Sendable {
    public var text: String
    /// How many of each were handed over, and how many women were left out.
    public var members: Int
    public var leftOut: Int
    public var meetings: Int
    public var entries: Int
    public var grants: Int

    public init(_ s: ProjectState, actor: String, at now: Timestamp, today: Day) throws(Message) {
        guard let association = s.association else {
            throw Message("foreningen er ikke stiftet endnu; der er intet at overdrage",
                          "the association has not been founded yet; there is nothing to hand over")
        }
        var events: [Event] = SeedPlan.events.filter { if case .budgetLineAdded = $0 { return false }; return true }
        // Where the phases stand (no names in it).
        for p in s.phases {
            if p.status != .notStarted { events.append(.phaseStatus(number: p.number, status: p.status)) }
            if p.start != nil || p.end != nil { events.append(.phaseDates(number: p.number, start: p.start, end: p.end)) }
        }
        events.append(.associationFounded(AssociationFields(id: 1, name: association.name, founded: association.founded,
                                                            cvr: association.cvr)))

        // The women: members (now or before) who consented, in the order they were registered.
        let memberIDs = Set(s.memberships.filter { !$0.removed }.map(\.volunteer))
        var newVolunteer: [VolunteerID: VolunteerID] = [:]
        for v in s.volunteers where memberIDs.contains(v.id) && !v.removed && !v.erased && v.consent != nil {
            let id = VolunteerID(newVolunteer.count + 1)
            newVolunteer[v.id] = id
            // Her own fields; the coordinator's notes about her are the municipality's, and stay.
            events.append(.volunteerAdded(VolunteerFields(id: id, name: v.name, phone: v.phone, languages: v.languages,
                                                          neighbourhood: v.neighbourhood)))
            if v.stage != .candidate { events.append(.volunteerStage(id: id, stage: v.stage)) }
            events.append(.volunteerConsent(id: id, date: v.consent))
        }
        let excluded = s.volunteers.filter { newVolunteer[$0.id] == nil }
        leftOut = s.volunteers.filter { !$0.removed && !$0.erased && newVolunteer[$0.id] == nil && memberIDs.contains($0.id) }.count
        members = newVolunteer.count
        var newMembership: [ID<Membership>: ID<Membership>] = [:]
        for m in s.memberships where !m.removed {
            guard let v = newVolunteer[m.volunteer] else { continue }
            let id = ID<Membership>(newMembership.count + 1)
            newMembership[m.id] = id
            events.append(.memberJoined(id: id, volunteer: v, date: m.joined))
            for f in m.fees { events.append(.memberFee(id: id, year: f.year, amount: f.amount, date: f.date)) }
            if let left = m.left { events.append(.memberLeft(id: id, date: left)) }
        }
        var seats = 0
        for b in s.boardRoles where !b.removed {
            guard let v = newVolunteer[b.volunteer] else { continue }
            seats += 1
            events.append(.boardRole(BoardRole(id: ID(seats), volunteer: v, role: b.role, from: b.from, to: b.to)))
        }
        // Its meetings, with who came of the women handed over; a left-out woman's name masked.
        let masker = PublicView.Masker(volunteers: excluded)
        var meetings = 0
        for a in s.activities where !a.removed && (a.kind == .assembly || a.kind == .board) {
            meetings += 1
            let id = ID<ActivityFields>(meetings)
            var x = ActivityFields(id: id, kind: a.kind, title: masker.mask(a.title), date: a.date, start: a.start, end: a.end,
                                   place: masker.mask(a.place),
                                   participants: a.participants)
            x.participants = a.participants
            events.append(.activityAdded(x))
            let present = a.present.compactMap { newVolunteer[$0] }
            if !present.isEmpty { events.append(.activityAttendance(id: id, present: present)) }
            if !a.minutes.isEmpty || !a.decisions.isEmpty { events.append(.activityMinutes(id: id, minutes: masker.mask(a.minutes),
                                                                                           decisions: masker.mask(a.decisions))) }
        }
        self.meetings = meetings
        // Its grants (the municipal project's stay), its book and its deadlines.
        var newFunding: [ID<FundingApplication>: ID<FundingApplication>] = [:]
        for f in s.funding where !f.removed && f.details.holder == .association {
            let id = ID<FundingApplication>(newFunding.count + 1)
            newFunding[f.id] = id
            events.append(.fundingApplied(id: id, funder: f.funder, applied: f.applied, date: f.date))
            events.append(.fundingDetails(id: id, details: f.details))
            if let g = f.granted { events.append(.fundingDecided(id: id, granted: g, date: f.decided)) }
        }
        grants = newFunding.count
        var entries = 0
        for e in s.accountEntries where !e.removed {
            entries += 1
            var x = e
            x.id = ID(entries); x.funding = e.funding.flatMap { newFunding[$0] }; x.note = masker.mask(e.note)
            events.append(.accountEntry(x))
        }
        self.entries = entries
        var newDeadline: [ID<FundDeadline>: ID<FundDeadline>] = [:]
        for d in s.deadlines where !d.removed {
            let id = ID<FundDeadline>(newDeadline.count + 1)
            newDeadline[d.id] = id
            events.append(.deadlineAdded(FundDeadline(id: id, funder: d.funder, date: d.date, yearly: d.yearly)))
        }
        for d in s.dutiesDone {
            var p = d.key.split(separator: ":").map(String.init)
            if p.first == "report" { guard let f = ID<FundingApplication>(ref: p[1]),
                                    let n = newFunding[f] else { continue }; p[1] = n.ref }
            if p.first == "deadline" { guard let x = ID<FundDeadline>(ref: p[1]), let n = newDeadline[x] else { continue }; p[1] = n.ref }
            events.append(.dutyDone(key: p.joined(separator: ":"), date: d.date))
        }

        // It must replay whole before it is written anywhere.
        var check = ProjectState()
        for (n, e) in events.enumerated() {
            do throws(Message) { _ = try Reducer.apply(e, to: &check) } catch {
                throw Message("overdragelsen ville ikke kunne læses (hændelse \(n + 1)): \(error.da)",
                              "the hand-over would not read back (event \(n + 1)): \(error.en)")
            }
        }

        // The municipal project's history, as anonymous counts only.
        var out = JournalSyntax.header + "\n"
        let l = Lang.da
        out += "# Overdraget fra kommunens Bydelsmødre-projekt \(l.shortDate(today)) til \(association.name).\n"
        out += "# Kun foreningens medlemmer, der har givet samtykke, er med; projektets historie står her som tal.\n"
        for h in s.holds where !h.removed {
            let held = s.sessions.filter { !$0.removed && $0.hold == h.id && $0.status == .held }.count
            let women = s.volunteers.filter { !$0.removed && $0.hold == h.id }.count
            out += "# Hold \(h.start.year): \(women) kvinder, \(held) modulgange afholdt\n"
        }
        var perYear: [Int: Int] = [:]
        for c in s.conversations where !c.removed { perYear[c.date.year, default: 0] += 1 }
        for (y, n) in perYear.sorted(by: { $0.key < $1.key }) { out += "# Samtaler \(y): \(n)\n" }
        for e in events { out += JournalEntry(timestamp: now, actor: actor, event: e).line + "\n" }
        text = out
    }
}
