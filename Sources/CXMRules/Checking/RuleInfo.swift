/// A rule, as declared.
public struct RuleInfo: Sendable {
    public let name: String
    public let citations: [CitationInfo]
    public let declaration: SourceRange
}
