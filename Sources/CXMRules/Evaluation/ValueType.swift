/// The type of a value in a rule base.
public enum ValueType: Hashable, Sendable {
    case boolean
    case number
    case text
    /// One option of this scale or enumeration.
    case option(OptionTypeID)
    /// A set of options of that scale or enumeration.
    case set(OptionTypeID)
    /// Options of that scale or enumeration in order (what a `rule order` table yields).
    case list(OptionTypeID)
}
