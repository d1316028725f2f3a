import Foundation
import Testing
@testable import BydelsmorCore

/// Erasure touches only her: one journal where namesakes, a shared family phone, genitives, later
/// names, runs of whitespace, a symlinked path and torn side files all occur at once.
@Suite struct ErasureTests {
    let dir = TempDir()

    struct World {
        var store: Store
        var fatima: VolunteerID, namesake: VolunteerID, sara: VolunteerID, mona: VolunteerID, amal: VolunteerID, amalHassan: VolunteerID
    }

    /// The journal lives in `real/`, opened through a symlink in `link/`.
    func world() throws -> World {
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.file("link"), withIntermediateDirectories: true)
        _ = try Store(path: dir.file("real/journal.txt"), actor: "k", clock: fixedClock)
        symlink(dir.file("real/journal.txt"), dir.file("link/journal.txt"))
        let s = try Store(path: dir.file("link/journal.txt"), actor: "k", clock: fixedClock)
        let fatima = try s.addVolunteer("Fatima Zahra", phone: "+45 22 33 44 55")
        let namesake = try s.addVolunteer("Fatima Zahra", phone: "+45 33 44 55 66")
        let sara = try s.addVolunteer("Sara Ali", phone: "44556677")
        try s.commit { _ in .volunteerChanged(VolunteerFields(id: sara, name: "Sara Ali Hassan", phone: "44556677")) }
        // Her family's landline, shared with another woman.
        let mona = try s.addVolunteer("Mona Said", phone: "22 33 44 55")
        let amal = try s.addVolunteer("Amal", phone: "55667788")
        let amalHassan = try s.addVolunteer("Amal Hassan", phone: "66778899")
        let day = Day(year: 2027, month: 3, day: 2)!
        try s.commit { st in .sessionScheduled(SessionFields(id: st.sessions.nextID, module: 1, date: day,
                                                             start: ClockTime(hour: 17, minute: 0)!,
                                                              end: ClockTime(hour: 20, minute: 0)!, place: "Fatima Zahras stue", teacher: "")) }
        try s.commit { _ in .sessionNoted(id: 1, note: "Fatima  Zahra\ttager kage med (22334455); Sara Ali Hassan og Amal Hassan henter stole, spørg Amal's søster") }
        return World(store: s, fatima: fatima, namesake: namesake, sara: sara, mona: mona, amal: amal, amalHassan: amalHassan)
    }

    @Test func erasingOneWomanNeverChangesAnotherWomansNameOrPhone() throws {
        let w = try world()
        let r = try w.store.erase(volunteer: w.fatima)
        #expect(!r.alreadyErased)
        let s = try Store(path: w.store.path, readOnly: true, actor: "x").state
        #expect(s.volunteer(w.fatima)!.name == Erasure.placeholder && s.volunteer(w.fatima)!.phone.isEmpty)
        #expect(s.volunteer(w.namesake)!.name == "Fatima Zahra" && s.volunteer(w.namesake)!.phone == "+45 33 44 55 66")
        // The shared landline stays on the other woman, and the erasure is not refused.
        #expect(s.volunteer(w.mona)!.phone == "22 33 44 55")
        #expect(s.volunteer(w.amal)!.name == "Amal" && s.volunteer(w.amalHassan)!.name == "Amal Hassan")
        // Free text: her name in the genitive, with a double space and a tab, and her phone.
        #expect(s.sessions[0].place == "[slettet] stue")
        #expect(s.sessions[0].note.hasPrefix("[slettet]\ttager kage med ([slettet]);"), "\(s.sessions[0].note)")
        #expect(try Store.check(path: w.store.path).problems.isEmpty)
    }

    @Test func aLaterLongerNameGoesWholeAndAnotherWomansFullNameIsShielded() throws {
        let w = try world()
        _ = try w.store.erase(volunteer: w.sara)
        var s = try Store(path: w.store.path, readOnly: true, actor: "x").state
        #expect(s.sessions[0].note.contains("; [slettet] og Amal Hassan henter"), "\(s.sessions[0].note)")
        #expect(!s.sessions[0].note.contains("Hassan og"))
        _ = try Store(path: w.store.path, actor: "k", clock: fixedClock).erase(volunteer: w.amal)
        s = try Store(path: w.store.path, readOnly: true, actor: "x").state
        // "Amal Hassan" is the other woman: left whole; "Amal's" is hers.
        #expect(s.sessions[0].note.hasSuffix("[slettet] og Amal Hassan henter stole, spørg [slettet] søster"), "\(s.sessions[0].note)")
        #expect(s.volunteer(w.amalHassan)!.name == "Amal Hassan" && s.volunteer(w.amalHassan)!.phone == "66778899")
    }

    @Test func tornSideFilesBesideTheLinkAndTheRealFileAreScrubbedAPhoneCutShortToo() throws {
        let w = try world()
        // A torn end of an older version beside the link, and one beside the real file cut mid-phone.
        try "2027-02-01T10:00:00Z k volunteer.changed id=v1 name=\"Fatima Zahra\" phone=\"+45 22 33 4".write(toFile: dir.file("link/journal.txt.torn-20270101T000000Z"), atomically: false, encoding: .utf8)
        try "2027-02-01T10:00:00Z k session.noted id=s1 note=\"Ring til Fatima Za".write(toFile: dir.file("real/journal.txt.torn-20270102T000000Z"), atomically: false, encoding: .utf8)
        let r = try w.store.erase(volunteer: w.fatima)
        #expect(r.summary(.da).contains("2 filer ved siden af journalen"), "\(r.summary(.da))")
        for f in ["link/journal.txt.torn-20270101T000000Z", "real/journal.txt.torn-20270102T000000Z"] {
            let t = text(dir.file(f))
            #expect(!t.contains("Fatima") && !t.contains("22 33 4") && !t.contains("Za\n"), "\(f): \(t)")
        }
    }

    @Test func aDryRunListsEveryFreeTextPlaceAndWritesNothingAndCopiesOutOfReachAreNamed() throws {
        let w = try world()
        try "navn;telefon\nFatima Zahra;22334455\n".write(toFile: dir.file("real/bydelsmoedre.csv"), atomically: false, encoding: .utf8)
        try "ingen her\n".write(toFile: dir.file("real/andet.txt"), atomically: false, encoding: .utf8)
        let before = bytes(dir.file("real/journal.txt"))
        let plan = try w.store.erase(volunteer: w.fatima, dryRun: true)
        #expect(bytes(dir.file("real/journal.txt")) == before)
        #expect(plan.dryRun)
        #expect(plan.changes.map(\.place) == ["session.scheduled place", "session.noted note"], "\(plan.changes.map(\.place))")
        #expect(plan.changes[0].text == "[slettet] stue")
        #expect(plan.unreachable.map { ($0 as NSString).lastPathComponent } == ["bydelsmoedre.csv"])
        let done = try w.store.erase(volunteer: w.fatima)
        #expect(done.changes.map(\.line) == plan.changes.map(\.line))
        #expect(text(dir.file("real/bydelsmoedre.csv")).contains("Fatima"))   // warned about, not touched
    }

    /// A name with a quote and a backslash, escaped in a raw torn end and cut short there; a Turkish
    /// İ whose lower case is longer than itself.
    @Test func aTornEndWithHerEscapedNameCutShortIsScrubbed() throws {
        var secrets = Erasure.Secrets()
        secrets.add(name: "İpek \"Ali\" \\ Öz", phone: "")
        let torn = "2027-02-01T10:00:00Z k session.noted id=s1 note=\"ring İpek \\\"Ali\\\" \\\\ Ö"
        let (t, n) = secrets.scrub(torn, torn: true)
        #expect(n == 1 && t.hasSuffix("note=\"ring [slettet]"), "\(t)")
        #expect(secrets.scrub("kun İ", torn: true).1 == 0)
    }

    @Test func erasureScrubsWholeWordsWithDanishInflection() throws {
        var secrets = Erasure.Secrets()
        secrets.add(name: "Ali", phone: "")
        #expect(secrets.scrub("Ring til Ali, ikke Alice; ALI. Alis bil, Ali's, Ali’s").0 == "Ring til [slettet], ikke Alice; [slettet]. [slettet] bil, [slettet], [slettet]")
        var nfd = Erasure.Secrets()
        nfd.add(name: "Zoë Ölberg", phone: "")
        #expect(nfd.scrub("Hej Zoe\u{308}\n  O\u{308}lberg!").1 == 1)
    }
}
