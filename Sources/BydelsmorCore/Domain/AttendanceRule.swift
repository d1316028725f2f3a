/// Who came at a session, saved on the screen or the command line: one rule for both.
public enum AttendanceRule {
    /// Attendance saved for a session that has taken place marks it held as well, in the same
    /// change (one write, undone as one): a session with attendance is no longer "planlagt" and no
    /// longer on the to-do list waiting for `m`.
    public static func heldStep(_ session: SessionID, today: Day) -> Store.Step {
        { s in
            guard let x = s.session(session), x.status == .scheduled, x.date <= today else { return nil }
            return .sessionStatus(id: session, status: .held)
        }
    }
}
