/// What a value can still be once the missing answers are given: the known values still
/// possible (a set of options or truth values, an interval of numbers, the options a set surely
/// and perhaps holds) and whether it can stay unknown (a question that may not apply, a
/// division by zero). Computed by ``RuleBase/possibleValues(for:)``; it always contains the
/// value that any completion of the missing answers produces.
public struct PossibleValue: Sendable, Hashable {
    /// The known values still possible; `nil` when the value is unknown whatever the answers.
    public var known: Known?
    /// Whether the value can be unknown for some answers.
    public var canBeUnknown: Bool

    /// Known values, by kind.
    public enum Known: Sendable, Hashable {
        /// Truth values: `false` and `true` possible or not.
        case booleans(false: Bool, true: Bool)
        /// Options of one type, as a bit mask of positions.
        case options(type: OptionTypeID, mask: UInt64)
        /// Numbers within bounds (either may be infinite).
        case numbers(low: Double, high: Double)
        /// Sets of options of one type: the options every possible set holds (`surely`) and
        /// those some possible set holds (`perhaps`, which includes `surely`).
        case sets(type: OptionTypeID, surely: UInt64, perhaps: UInt64)
        /// Lists of options of one type: their order is known only when `exact` is given.
        case lists(type: OptionTypeID, exact: [Int]?, surely: UInt64, perhaps: UInt64)
        /// A text, or any text (`nil`).
        case text(String?)
        /// Anything: what the analysis cannot say more about.
        case anything
    }

    /// The values still possible: these known ones (`nil`: none), and unknown or not.
    public init(known: Known?, canBeUnknown: Bool) {
        self.known = known
        self.canBeUnknown = canBeUnknown
    }

    /// Exactly this value (`nil`: unknown).
    public init(_ value: Value?) {
        guard let value else {
            self.init(known: nil, canBeUnknown: true)
            return
        }
        let known: Known
        switch value {
        case .boolean(let flag): known = .booleans(false: !flag, true: flag)
        case .number(let number): known = .numbers(low: number, high: number)
        case .text(let text): known = .text(text)
        case .option(let type, let position): known = .options(type: type, mask: 1 << UInt64(position))
        case .set(let type, let mask): known = .sets(type: type, surely: mask, perhaps: mask)
        case .list(let type, let positions):
            let mask = positions.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            known = .lists(type: type, exact: positions, surely: mask, perhaps: mask)
        }
        self.init(known: known, canBeUnknown: false)
    }

    /// Unknown whatever the answers.
    static let unknown = PossibleValue(known: nil, canBeUnknown: true)

    /// The mask of the first `count` positions: every option of a type with that many.
    public static func all(_ count: Int) -> UInt64 {
        count >= 64 ? .max : (1 << UInt64(count)) - 1
    }

    // MARK: What it says

    /// The only value still possible (`.some(nil)`: surely unknown), or `nil` when several are.
    public var single: Value?? {
        guard let known else { return .some(nil) }
        guard !canBeUnknown else { return nil }
        switch known {
        case .booleans(let f, let t) where f != t: return .boolean(t)
        case .options(let type, let mask) where mask.nonzeroBitCount == 1:
            return .option(type: type, position: mask.trailingZeroBitCount)
        case .numbers(let low, let high) where low == high: return .number(low)
        case .sets(let type, let surely, let perhaps) where surely == perhaps: return .set(type: type, mask: surely)
        case .lists(let type, let exact?, _, _): return .list(type: type, positions: exact)
        case .text(let text?): return .text(text)
        default: return nil
        }
    }

    /// Whether a value (`nil`: unknown) is among those still possible. Numbers match within a
    /// relative 1e-9, as ``Value/same(_:_:)`` does.
    public func contains(_ value: Value?) -> Bool {
        guard let value else { return canBeUnknown }
        guard let known else { return false }
        switch (known, value) {
        case (.anything, _): return true
        case (.booleans(let f, let t), .boolean(let flag)): return flag ? t : f
        case (.options(let a, let mask), .option(let b, let position)): return a == b && mask & (1 << UInt64(position)) != 0
        case (.numbers(let low, let high), _):
            guard let number = value.number else { return false }
            let slack = 1e-9 * Swift.max(1, Swift.abs(number))
            return number >= low - slack && number <= high + slack
        case (.sets(let a, let surely, let perhaps), .set(let b, let mask)):
            return a == b && mask & surely == surely && mask & ~perhaps == 0
        case (.lists(let a, let exact, let surely, let perhaps), .list(let b, let positions)):
            let mask = positions.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            return a == b && (exact.map { $0 == positions } ?? true) && mask & surely == surely && mask & ~perhaps == 0
        case (.text(let text), .text(let other)): return text.map { $0 == other } ?? true
        default: return false
        }
    }

    /// The bounds of the numbers it can be, options counted by position from 1 (as arithmetic
    /// counts them); `nil` when no known value is a number.
    var bounds: (low: Double, high: Double)? {
        switch known {
        case .numbers(let low, let high)?: return (low, high)
        case .options(_, let mask)? where mask != 0:
            return (Double(mask.trailingZeroBitCount + 1), Double(64 - mask.leadingZeroBitCount))
        case .anything?: return (-.infinity, .infinity)
        default: return nil
        }
    }

    // MARK: Joining

    /// The values either can be.
    public func joined(_ other: PossibleValue) -> PossibleValue {
        let unknown = canBeUnknown || other.canBeUnknown
        guard let a = known else { return PossibleValue(known: other.known, canBeUnknown: unknown) }
        guard let b = other.known else { return PossibleValue(known: a, canBeUnknown: unknown) }
        return PossibleValue(known: PossibleValue.join(a, b), canBeUnknown: unknown)
    }

    private static func join(_ a: Known, _ b: Known) -> Known {
        switch (a, b) {
        case (.booleans(let f1, let t1), .booleans(let f2, let t2)): return .booleans(false: f1 || f2, true: t1 || t2)
        case (.options(let x, let m1), .options(let y, let m2)) where x == y: return .options(type: x, mask: m1 | m2)
        case (.numbers(let l1, let h1), .numbers(let l2, let h2)): return .numbers(low: Swift.min(l1, l2), high: Swift.max(h1, h2))
        case (.sets(let x, let s1, let p1), .sets(let y, let s2, let p2)) where x == y:
            return .sets(type: x, surely: s1 & s2, perhaps: p1 | p2)
        case (.lists(let x, let e1, let s1, let p1), .lists(let y, let e2, let s2, let p2)) where x == y:
            return .lists(type: x, exact: e1 != nil && e1 == e2 ? e1 : nil, surely: s1 & s2, perhaps: p1 | p2)
        case (.text(let t1), .text(let t2)): return .text(t1 != nil && t1 == t2 ? t1 : nil)
        default:
            // Options used as numbers (a scale's positions) join as numbers.
            let x = PossibleValue(known: a, canBeUnknown: false).bounds
            let y = PossibleValue(known: b, canBeUnknown: false).bounds
            if let x, let y, a != .anything, b != .anything { return .numbers(low: Swift.min(x.low, y.low), high: Swift.max(x.high, y.high)) }
            return .anything
        }
    }

    /// The values any of them can be; unknown when there are none.
    public static func joined(_ values: some Sequence<PossibleValue>) -> PossibleValue {
        var result: PossibleValue?
        for value in values { result = result.map { $0.joined(value) } ?? value }
        return result ?? .unknown
    }
}

extension Array where Element == PossibleValue {
    /// What the value in `slot` can still come to (``Possibilities/values``, indexed by ``SlotID``).
    @inlinable public subscript(_ slot: SlotID) -> PossibleValue { self[slot.index] }
}
