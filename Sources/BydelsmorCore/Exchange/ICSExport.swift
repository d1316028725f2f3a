/// The module sessions as an iCalendar file (RFC 5545) that phones and Outlook import: times in
/// Europe/Copenhagen with its VTIMEZONE, UIDs that stay the same for a session across exports (so a
/// re-import updates it), SEQUENCE raised by every change, cancelled sessions as STATUS:CANCELLED.
public enum ICSExport {
    /// `alarmMinutes`: a reminder (VALARM) that many minutes before each coming event; nil: none.
    /// The calendar goes to every woman's phone: it is made from `PublicView.state`, so it holds the
    /// public homework (never the private note) and no volunteer's name or phone.
    /// `hold`: only that hold's sessions (the activities, which are for every hold, stay);
    /// `from`: only what happens on or after that day (a phone need not hold last year's modules).
    public static func render(state full: ProjectState, journalID: String, stamp: Timestamp, alarmMinutes: Int? = 24 * 60,
                              hold: HoldID? = nil, from: Day? = nil) -> String {
        var s = PublicView.state(full)
        // Left out by a filter: never sent, so a phone keeps what it had (the UIDs stay stable).
        s.sessions = s.sessions.filter { x in (hold == nil || x.hold == hold) && (from.map { x.date >= $0 } ?? true) }
        s.activities = s.activities.filter { a in from.map { a.date >= $0 } ?? true }
        func alarm(_ title: String, cancelled: Bool) -> [String] {
            guard let m = alarmMinutes, !cancelled else { return [] }
            return ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escape(title), "TRIGGER:-PT\(m)M", "END:VALARM"]
        }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bydelsmor//Bydelsmødre//DA", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Bydelsmødre – grunduddannelse", "X-WR-TIMEZONE:Europe/Copenhagen",
            "BEGIN:VTIMEZONE", "TZID:Europe/Copenhagen",
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
            "END:VTIMEZONE",
        ]
        let dtstamp = compact(stamp)
        for sess in s.sessions {
            let module = s.module(sess.module)
            var description = module.map { "Modul \($0.number): \($0.title) (\($0.theme.label(.da)))" } ?? ""
            if !sess.teacher.isEmpty { description += "\nUnderviser: " + sess.teacher }
            if !sess.homework.isEmpty { description += "\nTil næste gang: " + sess.homework }
            lines += [
                "BEGIN:VEVENT",
                "UID:" + RecordKind.session.ref(sess.id) + "-" + journalID + "@bydelsmor",
                "DTSTAMP:" + dtstamp,
                "SEQUENCE:" + String(sess.sequence),
                "DTSTART;TZID=Europe/Copenhagen:" + local(sess.date, sess.start),
                "DTEND;TZID=Europe/Copenhagen:" + local(sess.date, sess.end),
                // "AFLYST: " in the title too: calcurse and others ignore STATUS.
                "SUMMARY:" + escape((sess.status == .cancelled || sess.removed ? "AFLYST: " : "") + "Bydelsmødre modul \(sess.module): \(module?.title ?? "")"),
                "LOCATION:" + escape(sess.place),
                "DESCRIPTION:" + escape(description),
                // A deleted session stays in the file as cancelled, so a calendar that imported it drops it.
                "STATUS:" + (sess.status == .cancelled || sess.removed ? "CANCELLED" : "CONFIRMED"),
            ] + alarm("Bydelsmødre modul \(sess.module)", cancelled: sess.status == .cancelled || sess.removed) + [
                "END:VEVENT",
            ]
        }
        // A removed activity stays in the file as cancelled, with a raised SEQUENCE, so a phone that
        // imported it drops it (as sessions do).
        for a in s.activities {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + RecordKind.activity.ref(a.id) + "-" + journalID + "@bydelsmor",
                "DTSTAMP:" + dtstamp,
                "SEQUENCE:" + String(a.sequence),
                "DTSTART;TZID=Europe/Copenhagen:" + local(a.date, a.start),
                "DTEND;TZID=Europe/Copenhagen:" + local(a.date, a.end),
                "SUMMARY:" + escape((a.removed ? "AFLYST: " : "") + "Bydelsmødre: \(a.title)"),
                "LOCATION:" + escape(a.place),
                "DESCRIPTION:" + escape(a.kind.label(.da).prefix(1).uppercased() + a.kind.label(.da).dropFirst()),
                "STATUS:" + (a.removed ? "CANCELLED" : "CONFIRMED"),
            ] + alarm("Bydelsmødre: \(a.title)", cancelled: a.removed) + [
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func local(_ d: Day, _ t: ClockTime) -> String {
        let c = d.components
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(Int(t.minutes) / 60, 2) + pad(Int(t.minutes) % 60, 2) + "00"
    }

    static func compact(_ t: Timestamp) -> String {
        t.iso.filter { $0 != "-" && $0 != ":" }
    }

    /// TEXT values: backslash, semicolon, comma and newline escaped; other controls dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: if !JournalSyntax.needsEscape(u) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 { out += "\r\n "; count = 1 }
            out.append(ch); count += n
        }
        return out
    }
}
