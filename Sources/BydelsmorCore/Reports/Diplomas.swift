/// The end of a hold: who has earned the diploma by the project's rule (modules attended within her
/// hold, `ProjectState.isEligibleForDiploma`), who is one module short, and the diplomas to print —
/// one A4 page per woman with her name, the hold, the modules she attended and the date.
public struct DiplomaList: Sendable {
    public struct Woman: Sendable, Equatable {
        public var id: VolunteerID
        public var name: String
        public var modules: [Int]
        public var eligible: Bool
        public var short: Int
    }
    public var hold: Hold
    public var minimum: Int
    public var date: Day
    public var women: [Woman]
    public var moduleTitles: [Int: String]
    /// The group's name for the diploma's heading (the project or the association), optional.
    public var group: String?

    public init(_ s: ProjectState, hold id: HoldID, date: Day, group: String? = nil) throws(Message) {
        guard let h = s.hold(id), !h.removed else { throw Message("hold \(id.ref) findes ikke",
                                                                  "hold \(id.ref) does not exist", field: "hold") }
        hold = h; minimum = s.diplomaMinimum; self.date = date; self.group = group
        moduleTitles = Dictionary(uniqueKeysWithValues: s.modules.map { ($0.number, $0.title) })
        women = s.volunteers.filter { !$0.removed && !$0.erased && $0.hold == id }.map { v in
            let m = s.modulesAttended(by: v.id).sorted()
            return Woman(id: v.id, name: v.name, modules: m, eligible: s.isEligibleForDiploma(v.id),
                         short: max(0, s.diplomaMinimum - m.count))
        }.sorted { TextPolicy.compareKeys(TextPolicy.danishSortKey($0.name), TextPolicy.danishSortKey($1.name)) < 0 }
    }

    public var eligible: [Woman] { women.filter(\.eligible) }
    public var oneShort: [Woman] { women.filter { $0.short == 1 } }

    public func markdown(_ l: Lang) -> String {
        let md = Markdown.text
        var o = "# " + md(l.t("Diplomer – \(hold.name)", "Diplomas – \(hold.name)")) + "\n\n"
        o += md(l.t("Reglen: mindst \(minimum) moduler på holdet. Pr. \(l.shortDate(date)).",
                    "The rule: at least \(minimum) modules in the hold. As of \(l.shortDate(date)).")) + "\n\n"
        o += "| " + l.t("Bydelsmor",
                        "Volunteer") + " | " + l.t("Moduler", "Modules") + " | " + l.t("Diplom", "Diploma") + " |\n| --- | ---: | --- |\n"
        for w in women {
            let state = w.eligible ? l.t("ja",
                                         "yes") : w.short == 1 ? l.t("mangler 1 modul",
                                                                     "1 module short") : l.t("mangler \(w.short) moduler",
                                                                                             "\(w.short) modules short")
            o += "| \(md(w.name)) (\(w.id.ref)) | \(w.modules.count) | \(state) |\n"
        }
        o += "\n" + md(l.t("\(eligible.count) af \(women.count) har nået diplomkravet; \(oneShort.count) mangler ét modul.",
                           "\(eligible.count) of \(women.count) have reached the diploma rule; \(oneShort.count) are one module short.")) + "\n"
        return o
    }

    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("hold"); w.string(hold.id.ref)
            w.key("minimum"); w.raw(String(minimum))
            w.key("date"); w.string(date.iso)
            w.key("women"); w.array(women) { x in
                w.object {
                    w.key("volunteer"); w.string(x.id.ref)
                    w.key("name"); w.string(x.name)
                    w.key("modules"); w.array(x.modules) { w.raw(String($0)) }
                    w.key("eligible"); w.raw(x.eligible ? "true" : "false")
                    w.key("short"); w.raw(String(x.short))
                }
            }
        }
        return w.out + "\n"
    }

    /// One A4 page per woman who has earned it, for the diploma night.
    public func html(_ l: Lang) -> String {
        func e(_ s: String) -> String {
            s.replacingOccurrences("&", "&amp;").replacingOccurrences("<",
                    "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;")
        }
        var o = "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\">\n<head><meta charset=\"utf-8\"><title>\(e(l.t("Diplomer – \(hold.name)", "Diplomas – \(hold.name)")))</title>\n<style>\n"
        o += """
        @page { size: A4; margin: 22mm 20mm; }
        body { font-family: "DejaVu Serif", "Liberation Serif", Georgia, serif; color: #111; margin: 0; }
        .diploma { height: 250mm; display: flex; flex-direction: column; align-items: center; text-align: center; break-after: page; border: 3px double #555; padding: 14mm 12mm; box-sizing: border-box; }
        .diploma:last-child { break-after: auto; }
        .kind { font-size: 13pt; letter-spacing: 0.3em; text-transform: uppercase; color: #444; margin-top: 6mm; }
        h1 { font-size: 34pt; margin: 10mm 0 4mm 0; } .name { font-size: 26pt; margin: 8mm 0 2mm 0; font-weight: bold; }
        .text { font-size: 13pt; margin: 4mm 12mm; line-height: 1.45; }
        ul { text-align: left; font-size: 10.5pt; columns: 2; column-gap: 10mm; margin: 4mm 0; padding-left: 6mm; }
        .foot { margin-top: auto; width: 100%; display: flex; justify-content: space-between; font-size: 11pt; }
        .sign { border-top: 1px solid #333; padding-top: 1mm; width: 60mm; }
        """
        o += "\n</style></head>\n<body>\n"
        if eligible.isEmpty {
            o += "<p>\(e(l.t("Ingen på \(hold.name) har nået diplomkravet (\(minimum) moduler) endnu.", "Nobody in \(hold.name) has reached the diploma rule (\(minimum) modules) yet.")))</p>\n"
        }
        for w in eligible {
            o += "<section class=\"diploma\">\n"
            o += "<div class=\"kind\">\(e(group ?? l.t("Bydelsmødre", "Neighbourhood mothers")))</div>\n"
            o += "<h1>\(e(l.t("Diplom", "Diploma")))</h1>\n"
            o += "<div class=\"name\">\(e(w.name))</div>\n"
            o += "<p class=\"text\">\(e(l.t("har gennemført grunduddannelsen som bydelsmor på \(hold.name) og deltaget i \(w.modules.count) moduler:", "has completed the basic training as a neighbourhood mother in \(hold.name), attending \(w.modules.count) modules:")))</p>\n"
            o += "<ul>" + w.modules.map { "<li>\(e(l.t("Modul", "Module"))) \($0): \(e(moduleTitles[$0] ?? ""))</li>" }.joined() + "</ul>\n"
            o += "<div class=\"foot\"><div>\(e(l.longDate(date)))</div><div class=\"sign\">\(e(l.t("Koordinator", "Coordinator")))</div></div>\n"
            o += "</section>\n"
        }
        return o + "</body></html>\n"
    }
}
