/// The type of a value in a rule base.
public enum ValueType: Hashable, Sendable {
    case boolean
    case number
    case text
    /// One option of the scale or enumeration with this index in ``RuleBase/optionTypes``.
    case option(Int)
    /// A set of options of that scale or enumeration.
    case set(Int)
    /// Options of that scale or enumeration in order (what a `rule order` table yields).
    case list(Int)
}
