/// Typed identities for the things a rule base numbers: slots (named values), rules, decision
/// tables and option types. Each wraps a position, so that a rule's number cannot be passed
/// where a slot's is meant; they cost nothing at run time (a single stored integer).

/// A named value's position in ``RuleBase/values``: questions first, then derived values,
/// tables and outputs.
struct SlotID: Hashable, Comparable, Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
    static func < (a: SlotID, b: SlotID) -> Bool { a.index < b.index }
}

/// A rule's position in ``RuleBase/rules``.
struct RuleID: Hashable, Comparable, Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
    static func < (a: RuleID, b: RuleID) -> Bool { a.index < b.index }
}

/// A decision table's position in ``RuleBase/tables``.
struct TableID: Hashable, Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
}

/// A scale's or enumeration's position in ``RuleBase/optionTypes``.
struct OptionTypeID: Hashable, Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
}
