/// Three-valued verdicts.
public enum Verdict: String, Sendable, Codable {
    case yes = "matched", no = "not matched", unknown
    /// The verdict for a condition's value: `true`, `false`, or `nil` for unknown.
    public init(_ value: Bool?) { self = value.map { $0 ? .yes : .no } ?? .unknown }
}

/// One table row or rule in a trace.
public struct TraceEntry: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case row, rule }
    public let kind: Kind
    /// The table's or rule's name.
    public let name: String
    /// The row number, from 1, for table rows.
    public let row: Int?
    public let verdict: Verdict
    /// The row's output, for table rows.
    public let output: String?
    public let conditions: [ConditionTrace]
}

/// One condition of a rule or one cell of a table row, as evaluated.
public struct ConditionTrace: Sendable, Codable, Hashable {
    /// The condition or column, as written.
    public let condition: String
    public let actual: String
    public let expected: String
    public let verdict: Verdict
}
