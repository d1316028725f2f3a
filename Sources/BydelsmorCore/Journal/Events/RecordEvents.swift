/// `<kind>.removed` and `<kind>.restored`: one pair for every kind of record, named by the record.
extension Events {
    /// Reads `<kind>.removed` / `<kind>.restored` from the line's name (any name the table does not
    /// know comes here, and is refused unless it is one of these).
    static func decodeRemoval(_ r: inout FieldReader) throws(SyntaxError) -> Event {
        let text = String(decoding: r.line.name, as: UTF8.self)
        let parts = text.split(separator: ".")
        guard parts.count == 2, let kind = RecordKind(rawValue: String(parts[0])),
              parts[1] == "removed" || parts[1] == "restored" else {
            throw SyntaxError(offset: r.line.nameStart,
                    message: Message("ukendt hændelse \(text) (se docs/journal.md)", "unknown event \(text) (see docs/journal.md)"))
        }
        let id = try r.rawID("id", kind)
        return parts[1] == "removed" ? .removed(kind, id: id) : .restored(kind, id: id)
    }

    static let removed = EventSpec(
        { if case let .removed(kind, id) = $0 { (kind, id) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in try decodeRemoval(&r) },
        encode: { p in [("id", p.0.ref(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            try Reducer.setRemoved(p.0, p.1, true, &s)
            return .restored(p.0, id: p.1)
        },
        words: { p, s, l in l.t("sletning af ", "removal of ") + Event.record(p.0, p.1, s, l) })

    static let restored = EventSpec(
        { if case let .restored(kind, id) = $0 { (kind, id) } else { nil } },
        decode: { (r, _) throws(SyntaxError) in try decodeRemoval(&r) },
        encode: { p in [("id", p.0.ref(p.1), false)] },
        apply: { (p, s) throws(Message) -> Event? in
            try Reducer.setRemoved(p.0, p.1, false, &s)
            return .removed(p.0, id: p.1)
        },
        words: { p, s, l in l.t("gendannelse af ", "restoring ") + Event.record(p.0, p.1, s, l) })
}
