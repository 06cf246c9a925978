/// A citation: a source and where in it.
public struct CitationInfo: Hashable, Sendable, Codable {
    /// The source's id, as declared with `source`.
    public let source: String
    /// Section, page or figure, as written (may be empty).
    public let locator: String
}

/// A declared source.
public struct SourceInfo: Sendable {
    public let id: String
    /// The full reference, as a reader would look it up.
    public let reference: String
    /// A short form for citations in text, such as "Smith et al. (2024)"; the full reference
    /// where none was declared.
    public let short: String
}
