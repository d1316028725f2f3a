import Foundation

/// Everything stored about one volunteer, for `bydelsmor person export` (her right of access).
public enum PersonExport {
    public static func json(volunteer id: VolunteerID, store: Store) throws(StoreError) -> String {
        let s = store.state
        guard let v = s.volunteer(id) else {
            throw .refused(Message("bydelsmor \(RecordKind.volunteer.ref(id)) findes ikke",
                                   "volunteer \(RecordKind.volunteer.ref(id)) does not exist"))
        }
        let w = JSONWriter()
        w.object {
            w.key("id"); w.string(RecordKind.volunteer.ref(v.id))
            w.key("name"); w.string(v.name)
            w.key("phone"); w.string(v.phone)
            w.key("languages"); w.array(v.languages) { w.string($0) }
            w.key("neighbourhood"); w.string(v.neighbourhood)
            w.key("notes"); w.string(v.notes)
            w.key("stage"); w.string(v.stage.rawValue)
            w.key("contractSigned"); if let d = v.contractSigned { w.string(d.iso) } else { w.raw("null") }
            w.key("consent"); if let d = v.consent { w.string(d.iso) } else { w.raw("null") }
            w.key("removed"); w.raw(v.removed ? "true" : "false")
            w.key("erased"); w.raw(v.erased ? "true" : "false")
            w.key("hold"); if let h = v.hold { w.string(h.ref) } else { w.raw("null") }
            w.key("addedOn"); if let d = v.addedOn { w.string(d.iso) } else { w.raw("null") }
            w.key("modulesAttended"); w.array(s.modulesAttended(by: v.id).sorted()) { w.raw(String($0)) }
            w.key("diplomaEligible"); w.raw(s.isEligibleForDiploma(v.id) ? "true" : "false")
            w.key("attendance"); w.array(s.sessions.filter { $0.attendance[v.id] != nil }) { sess in
                w.object {
                    w.key("session"); w.string(RecordKind.session.ref(sess.id))
                    w.key("module"); w.raw(String(sess.module))
                    w.key("date"); w.string(sess.date.iso)
                    w.key("mark"); w.string(sess.attendance[v.id]!.rawValue)
                }
            }
            w.key("conversationsLogged"); w.array(s.conversations.filter { $0.volunteer == v.id && !$0.removed }) { c in
                w.object {
                    w.key("id"); w.string(RecordKind.conversation.ref(c.id))
                    w.key("date"); w.string(c.date.iso)
                    w.key("contact"); w.string(c.contact.rawValue)
                    w.key("topics"); w.array(Array(c.topics)) { w.string($0.rawValue) }
                    w.key("referred"); w.array(Array(c.referrals)) { w.string($0.rawValue) }
                    w.key("minutes"); w.raw(String(c.minutes))
                }
            }
            w.key("progressConsent"); if let d = s.progressConsent(of: v.id) { w.string(d.iso) } else { w.raw("null") }
            w.key("progress"); w.array(s.progressSteps.filter { $0.volunteer == v.id && !$0.removed }) { x in
                w.object {
                    w.key("id"); w.string(x.id.ref)
                    w.key("kind"); w.string(x.kind.rawValue)
                    w.key("date"); w.string(x.date.iso)
                    w.key("note"); w.string(x.note)
                }
            }
            w.key("journalLines"); w.array(store.linesAbout(volunteer: v.id)) { l in
                w.object {
                    w.key("line"); w.raw(String(l.line))
                    w.key("text"); w.string(l.text)
                }
            }
        }
        return w.out + "\n"
    }
}
