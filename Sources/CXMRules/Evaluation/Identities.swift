/// Typed identities for the things a rule base numbers: slots (named values), rules, decision
/// tables and option types. Each wraps a position, so that a rule's number cannot be passed
/// where a slot's is meant; they cost nothing at run time (a single stored integer).

/// A named value's position in ``RuleBase/values``: questions first, then derived values,
/// tables and outputs.
public struct SlotID: Hashable, Comparable, Sendable {
    /// The position in ``RuleBase/values``.
    public let index: Int
    /// The slot at this position in ``RuleBase/values``.
    public init(_ index: Int) { self.index = index }
    public static func < (a: SlotID, b: SlotID) -> Bool { a.index < b.index }
}

/// A rule's position in ``RuleBase/rules`` (and in ``Evaluation/ruleVerdicts``).
public struct RuleID: Hashable, Comparable, Sendable {
    /// The position in ``RuleBase/rules``.
    public let index: Int
    /// The rule at this position in ``RuleBase/rules``.
    public init(_ index: Int) { self.index = index }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.index < b.index }
}

/// A decision table's position in ``RuleBase/tables``; only the evaluation plan uses it, so it
/// is internal.
struct TableID: Hashable, Sendable {
    /// The position in ``RuleBase/tables``.
    let index: Int
    /// The table at this position in ``RuleBase/tables``.
    init(_ index: Int) { self.index = index }
}

/// A scale's or enumeration's position in ``RuleBase/optionTypes``.
public struct OptionTypeID: Hashable, Sendable {
    /// The position in ``RuleBase/optionTypes``.
    public let index: Int
    /// The option type at this position in ``RuleBase/optionTypes``.
    public init(_ index: Int) { self.index = index }
}
