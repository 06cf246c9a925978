/// A rule, as declared.
public struct RuleInfo: Sendable {
    public let name: String
    public let citations: [CitationInfo]
    public let declaration: SourceRange
}

extension Array where Element == RuleInfo {
    /// The rule `rule` (``RuleBase/rules``, indexed by ``RuleID``).
    public subscript(_ rule: RuleID) -> RuleInfo { self[rule.index] }
}
