/// A message for a person, in both interface languages. Every refusal carries one that says
/// what is wrong and what is allowed.
public struct Message: Error, Equatable, Sendable, CustomStringConvertible {
    public var da: String
    public var en: String
    /// The journal field the message is about, so a loader can point at its column.
    public var field: String?

    public init(_ da: String, _ en: String, field: String? = nil) {
        self.da = da; self.en = en; self.field = field
    }
    public func text(_ lang: Lang) -> String { lang == .da ? da : en }
    public var description: String { da }
}

/// `path:line:column: message`, the form editors and people both read.
public struct JournalProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: Message
    /// Safe for a terminal: a bad line's value may hold an escaped ESC or a CR.
    public func text(_ lang: Lang) -> String { TextPolicy.safe("\(path):\(line):\(column): \(message.text(lang))") }
    public var description: String { text(.da) }
}
