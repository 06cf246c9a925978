/// A decision table, as declared.
public struct TableInfo: Sendable {
    public let name: String
    public let policy: HitPolicy
    public let rowCount: Int
    public let citations: [CitationInfo]
    public let declaration: SourceRange
}
