/// A recommendation or warning of a rule that fired, with its placeholders filled in.
public struct Advice: Sendable, Codable, Hashable {
    /// The rule's name.
    public let rule: String
    /// The step it belongs to, as the rule wrote it (1 to 99); `nil` for warnings.
    public let step: Int?
    /// Priority; `nil` for warnings.
    public let priority: Priority?
    public let text: String
    /// The rule's `because` text, filled in.
    public let because: String?
    public let citations: [CitationInfo]
    /// Missing answers (question names) that could still change whether this applies; empty
    /// when it is settled.
    public let missingAnswers: [String]
}
