/// A known value. Options are stored as their type (an ``OptionTypeID``) and their position in
/// it; a set is a bit mask of positions (a type has at most 64 options).
public enum Value: Hashable, Sendable {
    case boolean(Bool)
    case number(Double)
    case text(String)
    case option(type: OptionTypeID, position: Int)
    case set(type: OptionTypeID, mask: UInt64)
    case list(type: OptionTypeID, positions: [Int])

    /// Numbers, and scale options as their position counted from 1.
    var number: Double? {
        switch self {
        case .number(let value): return value
        case .option(_, let position): return Double(position + 1)
        default: return nil
        }
    }

    /// Whether two outcomes (`nil`: unknown) are the same for people: equal, or numbers within
    /// a relative 1e-9 of each other, as the same sum taken in another order can give
    /// (2.11047619047619 and 2.1104761904761906). What-if searches count only real changes.
    public static func same(_ a: Value?, _ b: Value?) -> Bool {
        if case .number(let x)? = a, case .number(let y)? = b {
            return x == y || Swift.abs(x - y) <= 1e-9 * Swift.max(Swift.abs(x), Swift.abs(y))
        }
        return a == b
    }
}
