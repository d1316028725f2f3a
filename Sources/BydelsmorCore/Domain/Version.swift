/// The program's version: in `--version`, in yearly summaries and in reports.
public enum ProgramVersion {
    public static let current = "0.4.0"
}
