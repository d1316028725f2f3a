import Testing
import PropertyBased
@testable import BydelsmorCore

/// Text that tries hard to break a line: quotes, backslashes, newlines, escapes, æøå, Arabic, emoji.
let nastyText = Gen.oneOf(
    Gen.unicodeScalar(in: "\u{0}"..."\u{7F}").eraseToAnySequence(),
    Gen.unicodeScalar(in: "\u{80}"..."\u{6FF}").eraseToAnySequence(),
    Gen.unicodeScalar(in: "\u{2000}"..."\u{206F}").eraseToAnySequence(),
    Gen.unicodeScalar(in: "\u{1F600}"..."\u{1F64F}").eraseToAnySequence()
).array(of: 0...40).map { scalars in
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars)
    return String(s)
}

@Suite struct CodecTests {
    @Test func everyTextValueSurvivesTheRoundTripOnOneLine() async {
        await propertyCheck(count: 300, input: nastyText, nastyText, Gen.int(in: 1...999_999)) { name, note, n in
            let entries = [
                JournalEntry(timestamp: Timestamp(secondsSince1970: Int64(n) * 977), actor: "koordinator",
                             event: .volunteerAdded(VolunteerFields(id: ID(n), name: name, phone: note, languages: ["ar", "da"],
                                                                    neighbourhood: note, notes: name + "\n" + note))),
                JournalEntry(timestamp: Timestamp(secondsSince1970: 1_800_000_000), actor: "a.b-c@d",
                             event: .expenseChanged(Expense(id: ID(n), date: Day(ordinal: Int32(10_957 + n % 36_000)), line: "forplejning",
                                                            amount: Money(ore: Int64(n)), note: note)), undoes: n),
                JournalEntry(timestamp: Timestamp(secondsSince1970: 0), actor: "x", event: .milestoneRenamed(id: ID(n), title: name)),
                JournalEntry(timestamp: Timestamp(secondsSince1970: 4_000_000_000), actor: "x",
                             event: .sessionChanged(SessionFields(id: ID(n), module: n % 15 + 1, date: Day(year: 2027, month: 2, day: 9)!,
                                     start: ClockTime(hour: 17, minute: 0)!, end: ClockTime(hour: 20, minute: 30)!, place: note, teacher: name))),
            ]
            for e in entries {
                let line = e.line
                #expect(!line.unicodeScalars.contains { JournalSyntax.needsEscape($0) },
                        "a raw control character reached the line: \(line.debugDescription)")
                #expect((try? JournalEntry.parse(line)) == e, "round trip failed for \(line.debugDescription)")
            }
        }
    }

    @Test func everyNumericValueSurvivesTheRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...1_000_000_000), Gen.int(in: 10_957...47_481),
                            Gen.int(in: 0...255)) { n, dayOrdinal, bits in
            let day = Day(ordinal: Int32(dayOrdinal))
            let entries: [Event] = [
                .conversationLogged(Conversation(id: ID(n), date: day, volunteer: ID(n % 1000 + 1), contact: .school,
                        topics: TopicSet(bits: UInt16(max(bits, 1))), referral: .gp, minutes: Int32(n % 1440 + 1))),
                .budgetLinePlanned(id: "koordinator", low: Money(ore: Int64(n)), high: Money(ore: Int64(n) * 3)),
                .hoursLogged(HoursEntry(id: ID(n), date: day, hours: Hours(hundredths: Int64(n % 2400 + 1)))),
                .phaseDates(number: n % 4 + 1, start: n % 2 == 0 ? nil : day, end: day),
                .attendanceMarked(session: ID(n), volunteer: ID(n), mark: .absent),
            ]
            for ev in entries {
                let e = JournalEntry(timestamp: Timestamp(secondsSince1970: Int64(dayOrdinal) * 86400 + Int64(n % 86400)), actor: "k",
                                     event: ev)
                #expect((try? JournalEntry.parse(e.line)) == e, "round trip failed for \(e.line)")
            }
        }
    }

    /// The replay reads a conversation line in its canonical form without the general decoder. For
    /// written lines and for lines with a byte changed, cut or doubled anywhere, what it accepts must
    /// be exactly what the general decoder makes of the same line — and what it declines, the general
    /// decoder decides (an error there is reported as always).
    @Test func theCanonicalConversationReaderAgreesWithTheGeneralDecoder() async {
        let odd: [UInt8] = Array(" =\",-x0917c\t\\".utf8) + [0xC3, 0xA6, 0x7F, 0]
        await propertyCheck(count: 500, input: Gen.int(in: 1...999_999_999), Gen.int(in: 0...1_000_000), Gen.int(in: 0...Int(UInt16.max)),
                            Gen.int(in: 0...3)) { n, pos, bits, how in
            let c = Conversation(id: ID(n), date: Day(ordinal: Int32(10_957 + n % 36_500)), volunteer: ID(n % 100_000 + 1),
                                 contact: ContactOrigin.allCases[n % ContactOrigin.allCases.count],
                                 topics: TopicSet(bits: UInt16(bits) & TopicSet(Topic.allCases).bits),
                                 referrals: ReferralSet(bits: UInt16(bits >> 6) & ReferralSet(Referral.allCases).bits),
                                 minutes: Int32(n % 1500),
                                 followUp: n % 4 == 0 ? nil : FollowUp.allCases[n % FollowUp.allCases.count])
            let written = JournalEntry(timestamp: Timestamp(secondsSince1970: Int64(n) * 7), actor: n % 3 == 0 ? "a.b@c" : "koordinator",
                                       event: .conversationLogged(c), undoes: n % 11 == 0 ? 3 : nil)
            var line = Array(written.line.utf8)
            let at = pos % line.count
            switch how {
            case 0: break
            case 1: line[at] = odd[pos % odd.count]
            case 2: line.remove(at: at)
            default: line.insert(contentsOf: line[at..<min(line.count, at + pos % 9 + 1)], at: at)
            }
            let text = String(decoding: line, as: UTF8.self)
            let general = try? JournalEntry.parse(text)
            let fast = line.withUnsafeBufferPointer { JournalEntry.canonicalConversation($0) }
            if let fast { #expect(fast == general, "\(text)") }
            if how == 0, written.undoes == nil, (1...1440).contains(c.minutes), !c.topics.isEmpty {
                #expect(fast == written, "the canonical form was declined: \(text)")
            }
        }
    }

    @Test func aReferralsBitIsItsPlaceAndAConversationPacksIntoThirtyTwoBytes() {
        for (i, r) in Referral.allCases.enumerated() { #expect(r.bit == UInt16(1) << UInt16(i), "\(r)") }
        for (i, t) in Topic.allCases.enumerated() { #expect(t.bit == UInt16(1) << UInt16(i), "\(t)") }
        #expect(MemoryLayout<Conversation>.stride == 32)
    }

    @Test func bareAndKeyBytesAreTheGrammarsOwn() {
        for c in 0...255 {
            let b = UInt8(c)
            let letterOrDigit = (97...122).contains(c) || (65...90).contains(c) || (48...57).contains(c)
            #expect(JournalSyntax.isBare(b) == (letterOrDigit || Array(".:_,+-/@".utf8).contains(b)), "\(c)")
            #expect(JournalSyntax.isKeyByte(b) == (letterOrDigit || b == 45), "\(c)")
        }
    }

    @Test func everyKindsPrefixByteIsItsPrefix() {
        for k in RecordKind.allCases { #expect(k.prefixByte == k.prefix.asciiValue, "\(k)") }
    }

    /// Every kind in the event table reads back what it writes, and its entry is its own: a line
    /// of each kind, written from the entry's encoding, decodes to the same event.
    @Test func everyEventKindHasAnEntryThatReadsWhatItWrites() throws {
        let events: [Event] = [
            .phaseDefined(number: 1, title: "Netværk"), .phaseStatus(number: 1, status: .active),
            .phaseDates(number: 2, start: Day(year: 2027, month: 1, day: 4)!, end: nil),
            .milestoneAdded(id: 3, phase: 1, title: "Aftale"), .milestoneChecked(id: 3, done: true), .milestoneRenamed(id: 3, title: "Ny"),
            .milestoneDue(id: 3, date: nil), .moduleDefined(TrainingModule(number: 1, title: "Intro", theme: .methods, kind: .method)),
            .moduleChanged(TrainingModule(number: 16, title: "Ekstra", theme: .health, kind: .subject)), .diplomaRule(minimum: 12),
            .budgetLineDated(id: "koordinator", start: Day(year: 2027, month: 8, day: 1)!,
                             end: nil), .budgetLineDated(id: "gebyr", start: nil, end: Day(year: 2028, month: 1, day: 31)!),
            .sessionScheduled(SessionFields(id: 2, module: 3, date: Day(year: 2027, month: 2, day: 9)!, start: ClockTime("17:00")!,
                                            end: ClockTime("20:00")!, place: "Biblioteket", hold: 1)),
            .sessionChanged(SessionFields(id: 2, module: 3, date: Day(year: 2027, month: 2, day: 9)!, start: ClockTime("17:00")!,
                                          end: ClockTime("20:00")!, place: "B")),
            .sessionStatus(id: 2, status: .held), .sessionNoted(id: 2,
                    note: "Lektie: \"brev\""), .sessionHomework(id: 2, text: "Tag \"skema\" med\nog kage"),
            .attendanceMarked(session: 2, volunteer: 7, mark: .present),
            .volunteerAdded(VolunteerFields(id: 7, name: "Amina", phone: "12345678", languages: ["so", "da"])),
            .volunteerChanged(VolunteerFields(id: 7, name: "Amina H.")), .volunteerStage(id: 7, stage: .active),
            .volunteerContract(id: 7, date: Day(year: 2027, month: 3, day: 1)!), .volunteerConsent(id: 7, date: nil),
            .volunteerHold(id: 7, hold: nil), .volunteerHold(id: 7, hold: 2), .personErased(id: 7),
            .conversationLogged(Conversation(id: 9, date: Day(year: 2027, month: 3, day: 2)!, volunteer: 7, contact: .school,
                                             topics: TopicSet([.school]), referral: .gp, minutes: 30)),
            .conversationChanged(Conversation(id: 9, date: Day(year: 2027, month: 3, day: 2)!, volunteer: 7, contact: .network,
                                              topics: TopicSet([.health]), referral: .none, minutes: 20)),
            .partnerAdded(PartnerFields(id: 1, name: "Skolen",
                    kind: .school)), .partnerChanged(PartnerFields(id: 1, name: "Skolen", kind: .school, contact: "Mette")),
            .budgetLineAdded(BudgetLine(id: "gaver", title: "Gaver", low: Money(kroner: 1), high: Money(kroner: 2), period: .yearly)),
            .budgetLinePlanned(id: "gaver", low: Money(kroner: 3), high: Money(kroner: 4)),
            .expenseAdded(Expense(id: 4, date: Day(year: 2027, month: 2, day: 7)!, line: "gaver", amount: Money(ore: 12_345),
                                  note: "blomster")),
            .expenseChanged(Expense(id: 4, date: Day(year: 2027, month: 2, day: 7)!, line: "gaver", amount: Money(ore: 1), note: "")),
            .hoursLogged(HoursEntry(id: 5, date: Day(year: 2027, month: 2, day: 5)!, hours: Hours(hundredths: 850))),
            .hoursChanged(HoursEntry(id: 5, date: Day(year: 2027, month: 2, day: 5)!, hours: Hours(hundredths: 900), note: "møde")),
            .fundingApplied(id: 1, funder: "Puljen", applied: Money(kroner: 80_000), date: Day(year: 2027, month: 9, day: 15)!),
            .fundingDecided(id: 1, granted: Money(kroner: 60_000),
                            date: Day(year: 2027, month: 11, day: 14)!), .fundingDecided(id: 1, granted: nil, date: nil),
            .holdAdded(HoldFields(id: 2, name: "Hold 2027", start: Day(year: 2027, month: 1, day: 6)!, modules: 16)),
            .holdChanged(HoldFields(id: 2, name: "Hold 2027", start: Day(year: 2027, month: 1, day: 6)!,
                                    end: Day(year: 2027, month: 12, day: 31)!, place: "Centret")),
            .activityAdded(ActivityFields(id: 1, kind: .monthly, title: "Månedsmøde", date: Day(year: 2027, month: 3, day: 10)!,
                                          start: ClockTime("17:30")!, end: ClockTime("19:30")!, place: "")),
            .activityChanged(ActivityFields(id: 1, kind: .diploma, title: "Diplomfest", date: Day(year: 2027, month: 6, day: 10)!,
                                            start: ClockTime("17:00")!, end: ClockTime("21:00")!, place: "Hallen", participants: 40)),
            .holidayAdded(HolidayPeriod(id: 1, title: "Vinterferie", start: Day(year: 2027, month: 2, day: 13)!,
                                        end: Day(year: 2027, month: 2, day: 21)!)),
            .removed(.hold, id: 2), .restored(.conversation, id: 9),
            .associationFounded(AssociationFields(id: 1, name: "Bydelsmødrene \"Ishøj\"", founded: Day(year: 2028, month: 3, day: 1)!)),
            .associationChanged(AssociationFields(id: 1, name: "B", founded: Day(year: 2028, month: 3, day: 1)!, cvr: "12345678")),
            .memberJoined(id: 2, volunteer: 7, date: Day(year: 2028, month: 3,
                    day: 1)!), .memberLeft(id: 2, date: nil), .memberLeft(id: 2, date: Day(year: 2029, month: 1, day: 1)!),
            .memberFee(id: 2, year: 2028, amount: Money(ore: 10_050),
                       date: Day(year: 2028, month: 3, day: 2)!), .memberFee(id: 2, year: 2028, amount: nil, date: nil),
            .boardRole(BoardRole(id: 3, volunteer: 7, role: .viceChair, from: Day(year: 2028, month: 3, day: 1)!, to: nil)),
            .boardEnded(id: 3, date: Day(year: 2029, month: 3, day: 1)!), .boardEnded(id: 3, date: nil),
            .accountEntry(AccountEntry(id: 4, date: Day(year: 2028, month: 5, day: 1)!, direction: .expense, line: "Bus, tur",
                                       amount: Money(kroner: 5), funding: 1, receipt: "B 12", note: "to\nlinjer")),
            .accountEntry(AccountEntry(id: 5, date: Day(year: 2028, month: 5, day: 1)!, direction: .income, line: "donation",
                                       amount: Money(kroner: 5))),
            .activityAttendance(id: 1, present: [7, 9]), .activityAttendance(id: 1, present: []),
            .activityMinutes(id: 1, minutes: "Referat:\n1. \"sommer\"", decisions: "a\nb"),
            .fundingDetails(id: 1, details: { var d = FundingDetails(); d.pool = "§18"; d.deadline = Day(year: 2028, month: 5, day: 3); d.holder = .association; d.conditions = "x\ny"; return d }()),
            .deadlineAdded(FundDeadline(id: 1, funder: "PUF", date: Day(year: 2028, month: 5, day: 31)!, yearly: true)),
            .dutyDone(key: "report:f1", date: Day(year: 2029, month: 2, day: 1)!), .dutyDone(key: "accounts:2029", date: nil),
            .interestedAdded(InterestedFields(id: 1, name: "Leila \"K\"", phone: "+45 40 50 60 70", source: "en veninde",
                                              contactConsent: nil)),
            .recruitInterviewed(id: 1, date: Day(year: 2027, month: 3, day: 8)!), .recruitInterviewed(id: 1, date: nil),
            .recruitStatus(id: 1, status: .selected, volunteer: 7), .recruitStatus(id: 1, status: .declined, volunteer: nil),
            .progressConsent(volunteer: 7, date: Day(year: 2027, month: 3, day: 1)!), .progressConsent(volunteer: 7, date: nil),
            .progressAdded(ProgressStep(id: 1, volunteer: 7, kind: .furtherTraining, date: Day(year: 2027, month: 4, day: 2)!,
                                        note: "Kursus \"A\"")),
            .progressAdded(ProgressStep(id: 2, volunteer: 7, kind: .other, date: Day(year: 2027, month: 4, day: 3)!, own: "mentor")),
            .progressKind(token: "mentor", definition: ProgressKindDefinition(token: "mentor", da: "blevet \"mentor\"",
                                                                              en: "became a mentor")),
            .progressKind(token: "mentor", definition: nil),
            .surveyAdded(SurveyAnswer(id: 1, year: 2027, answers: [1, 2, 3, 4, 5])),
            .wheelSet({ var w = WheelSettings(); w.accountsMonth = 6; w.accountsDay = 1; w.noticeDays = 21; return w }()),
            .evaluationAdded(Evaluation(id: 1, hold: 2, date: Day(year: 2027, month: 6, day: 1)!, benefit: 5, satisfaction: 3,
                                        comment: "Mere om \"skole\"")),
        ]
        // One of every kind.
        #expect(Set(events.map(\.kind)) == Set(EventKind.allCases))
        for e in events {
            let entry = JournalEntry(timestamp: Timestamp(secondsSince1970: 0), actor: "x", event: e)
            #expect(try JournalEntry.parse(entry.line).event == e, "\(entry.line)")
        }
    }

    @Test func linesAreReadableAndGreppable() {
        let e = JournalEntry(timestamp: Timestamp("2027-02-07T18:30:00Z")!, actor: "koordinator",
                             event: .volunteerAdded(VolunteerFields(id: 3, name: "Şükran \"Su\" Öztürk", phone: "+45 12 34 56 78",
                                     languages: ["tr", "da"], neighbourhood: "Vejleåparken", notes: "Ringer efter kl. 16\nTaler også kurdisk")))
        #expect(e.line == #"2027-02-07T18:30:00Z koordinator volunteer.added id=v3 name="Şükran \"Su\" Öztürk" phone="+45 12 34 56 78" languages=tr,da neighbourhood="Vejleåparken" notes="Ringer efter kl. 16\nTaler også kurdisk""#)
    }

    @Test func escapeCharacterIsWrittenAsAnEscapeNotRaw() {
        let e = JournalEntry(timestamp: Timestamp(secondsSince1970: 0), actor: "k", event: .milestoneRenamed(id: 1, title: "a\u{1B}[31mb"))
        #expect(e.line.hasSuffix(#"title="a\u{1b}[31mb""#))
    }

    @Test(arguments: [
        ("2027-02-07T18:30:00 k x.y", 1, "tidsstempel"),
        ("2027-02-07T18:30:00Z k volunteer.added id=v1 name=\"Amina", 51, "lukkes ikke"),
        ("2027-02-07T18:30:00Z k volunteer.added id=v1 name=Amina Hassan", 63, "forventede = efter feltnavnet"),
        ("2027-02-07T18:30:00Z k volunteer.added id=1 name=Amina", 43, "id: forventede et id som v12"),
        ("2027-02-07T18:30:00Z k expense.added id=x1 date=2027-02-30 line=gaver amount=10", 49, "ugyldig dato"),
        ("2027-02-07T18:30:00Z k expense.added id=x1 date=2027-02-03 line=gaver amount=-10", 78, "ugyldigt beløb"),
        ("2027-02-07T18:30:00Z k expense.added id=x1 date=2027-02-03 line=gaver amount=ti", 78, "ugyldigt beløb"),
        ("2027-02-07T18:30:00Z k session.scheduled id=s1 module=31 date=2027-02-03 start=17:00 end=20:00 place=\"x\"", 55,
         "31 er uden for 1–30"),
        ("2027-02-07T18:30:00Z k volunteer.danced id=v1", 24, "ukendt hændelse volunteer.danced"),
        ("2027-02-07T18:30:00Z k volunteer.stage id=v1 stage=boss", 52, "ukendt værdi; tilladt er candidate"),
        ("2027-02-07T18:30:00Z k volunteer.stage id=v1 stage=active colour=red", 59, "ukendt eller gentaget felt colour="),
        ("2027-02-07T18:30:00Z k volunteer.stage id=v1", 45, "feltet stage= mangler"),
    ])
    func syntaxErrorsSayWhatAndWhere(line: String, column: Int, says: String) throws {
        do {
            _ = try JournalEntry.parse(line)
            Issue.record("accepted a bad line: \(line)")
        } catch {
            let col = line.utf8.prefix(error.offset).count + 1
            #expect(col == column, "column for \(line)")
            #expect(error.message.da.contains(says), "message was: \(error.message.da)")
        }
    }
}

/// The event kinds are the one list of names: each is unique, and a line of each kind is read as
/// that kind (none falls through to "unknown event").
@Suite struct EventKindTests {
    @Test func everyKindHasItsOwnNameAndIsRead() throws {
        let names = EventKind.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for k in EventKind.allCases where k != .removed && k != .restored {
            let line = "2027-02-07T18:30:00Z k \(k.rawValue)"
            do {
                _ = try JournalEntry.parse(line)
            } catch {
                // Missing fields are expected; an unknown event is not.
                #expect(!error.message.da.contains("ukendt hændelse"), "\(k.rawValue): \(error.message.da)")
            }
        }
    }
}
