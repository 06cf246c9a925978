/// The values a register can still take, as the possible-values analysis keeps them: the
/// register form of a ``PossibleValue``, 24 bytes without references like a ``Cell``. Texts
/// and exact lists are held by index into the arenas of the ``PossibilityFrame``.
///
/// Layout, by kind:
/// - `none`: no known value is possible (with `canBeUnknown`: surely unknown).
/// - `booleans`: bit 0 of `a` if `false` is possible, bit 1 if `true` is.
/// - `options`: the positions possible, as the mask `a`, of option type `type`.
/// - `numbers`: from `a` to `b` (as `Double`s; either may be infinite).
/// - `sets`, `lists`: the options every possible value holds (`a`) and those some possible
///   value holds (`b`, which includes `a`); a list's order unknown.
/// - `list`: exactly one list, `a` its members and `b` its arena position, as in a ``Cell``.
/// - `text`: exactly the text at index `a`; `anyText`: any text.
/// - `anything`: what the analysis cannot say more about.
struct PossibleCell: Equatable {
    enum Kind: UInt8 { case none, booleans, options, numbers, sets, lists, list, text, anyText, anything }

    var kind: Kind
    /// Whether the value can be unknown.
    var canBeUnknown: Bool
    var type: Int32
    var a: UInt64
    var b: UInt64

    init(kind: Kind, canBeUnknown: Bool, type: Int32 = 0, a: UInt64 = 0, b: UInt64 = 0) {
        self.kind = kind
        self.canBeUnknown = canBeUnknown
        self.type = type
        self.a = a
        self.b = b
    }

    /// Unknown whatever the answers.
    static let unknown = PossibleCell(kind: .none, canBeUnknown: true)
    /// No value at all: what joining nothing gives.
    static let nothing = PossibleCell(kind: .none, canBeUnknown: false)
    /// Any value, or unknown.
    static let anything = PossibleCell(kind: .anything, canBeUnknown: true)

    /// Exactly the value in a cell (unknown for an unknown cell).
    init(exactly cell: Cell) {
        switch cell.kind {
        case .unknown: self = .unknown
        case .boolean: self.init(kind: .booleans, canBeUnknown: false, a: cell.bits == 0 ? 1 : 2)
        case .number: self.init(kind: .numbers, canBeUnknown: false, a: cell.bits, b: cell.bits)
        case .option: self.init(kind: .options, canBeUnknown: false, type: cell.type, a: 1 << cell.bits)
        case .set: self.init(kind: .sets, canBeUnknown: false, type: cell.type, a: cell.bits, b: cell.bits)
        case .list: self.init(kind: .list, canBeUnknown: false, type: cell.type, a: cell.bits, b: cell.extra)
        case .text: self.init(kind: .text, canBeUnknown: false, a: cell.bits)
        }
    }

    /// Truth values: which of `true`, `false` and unknown are possible.
    @inline(__always)
    static func truth(canBeTrue: Bool, canBeFalse: Bool, canBeUnknown: Bool) -> PossibleCell {
        guard canBeTrue || canBeFalse else { return PossibleCell(kind: .none, canBeUnknown: canBeUnknown) }
        return PossibleCell(kind: .booleans, canBeUnknown: canBeUnknown, a: (canBeFalse ? 1 : 0) | (canBeTrue ? 2 : 0))
    }

    static func truth(_ t: Truths) -> PossibleCell {
        truth(canBeTrue: t.canBeTrue, canBeFalse: t.canBeFalse, canBeUnknown: t.canBeUnknown)
    }

    /// Numbers within bounds, or unknown when there are none. A computation whose bound is
    /// infinite may overflow, which leaves the value unknown (as the evaluator does); one whose
    /// bounds are both the same infinity surely does.
    @inline(__always)
    static func numbers(_ bounds: (low: Double, high: Double)?, canBeUnknown: Bool) -> PossibleCell {
        guard let bounds, !bounds.low.isNaN, !bounds.high.isNaN, bounds.low < .infinity, bounds.high > -.infinity else { return .unknown }
        return PossibleCell(kind: .numbers, canBeUnknown: canBeUnknown || !bounds.low.isFinite || !bounds.high.isFinite,
                            a: bounds.low.bitPattern, b: bounds.high.bitPattern)
    }

    static func options(_ mask: UInt64, type: Int32, canBeUnknown: Bool) -> PossibleCell {
        mask == 0 ? PossibleCell(kind: .none, canBeUnknown: canBeUnknown) : PossibleCell(kind: .options, canBeUnknown: canBeUnknown, type: type, a: mask)
    }

    static func sets(surely: UInt64, perhaps: UInt64, type: Int32, canBeUnknown: Bool) -> PossibleCell {
        PossibleCell(kind: .sets, canBeUnknown: canBeUnknown, type: type, a: surely, b: perhaps)
    }

    /// Every answer of a type (numbers within `range`, where given), never unknown: what a
    /// missing answer can be.
    static func any(_ type: ValueType, range: ClosedRange<Double>?, optionCounts: [Int]) -> PossibleCell {
        func all(_ index: OptionTypeID) -> UInt64 { PossibleValue.all(optionCounts[index]) }
        switch type {
        case .boolean: return truth(canBeTrue: true, canBeFalse: true, canBeUnknown: false)
        case .number:
            return PossibleCell(kind: .numbers, canBeUnknown: false, a: (range?.lowerBound ?? -.infinity).bitPattern,
                                b: (range?.upperBound ?? .infinity).bitPattern)
        case .text: return PossibleCell(kind: .anyText, canBeUnknown: false)
        case .option(let index): return options(all(index), type: Int32(index), canBeUnknown: false)
        case .set(let index): return sets(surely: 0, perhaps: all(index), type: Int32(index), canBeUnknown: false)
        case .list(let index): return PossibleCell(kind: .lists, canBeUnknown: false, type: Int32(index), a: 0, b: all(index))
        }
    }

    // MARK: What it says

    /// Whether the value can be `true`, `false`, or unknown, as a condition.
    struct Truths {
        var canBeTrue: Bool
        var canBeFalse: Bool
        var canBeUnknown: Bool
    }

    var truths: Truths {
        switch kind {
        case .booleans: return Truths(canBeTrue: a & 2 != 0, canBeFalse: a & 1 != 0, canBeUnknown: canBeUnknown)
        case .none: return Truths(canBeTrue: false, canBeFalse: false, canBeUnknown: true)
        default: return Truths(canBeTrue: true, canBeFalse: true, canBeUnknown: true)
        }
    }

    static let surelyTrue = Truths(canBeTrue: true, canBeFalse: false, canBeUnknown: false)

    /// The bounds of the numbers it can be, options counted by position from 1 (as arithmetic
    /// counts them); `nil` when no known value is a number.
    @inline(__always)
    var bounds: (low: Double, high: Double)? {
        // (Tests in turn rather than a switch: numbers and options, the most frequent, first.)
        if kind == .numbers { return (Double(bitPattern: a), Double(bitPattern: b)) }
        if kind == .options && a != 0 { return (Double(a.trailingZeroBitCount + 1), Double(64 - a.leadingZeroBitCount)) }
        return kind == .anything ? (-.infinity, .infinity) : nil
    }

    /// The options a value holds surely and perhaps: a set's or list's members, or an option.
    var members: (surely: UInt64, perhaps: UInt64)? {
        switch kind {
        case .sets, .lists: return (a, b)
        case .list: return (a, a)
        case .options: return (a.nonzeroBitCount == 1 ? a : 0, a)
        default: return nil
        }
    }

    /// The only value possible: a known cell, ``Cell/unknown`` when it is surely unknown, `nil`
    /// when several values are possible.
    var single: Cell? {
        if kind == .none { return canBeUnknown ? .unknown : nil }
        guard !canBeUnknown else { return nil }
        switch kind {
        case .booleans where a == 1 || a == 2: return Cell(boolean: a == 2)
        case .options where a.nonzeroBitCount == 1: return Cell(option: a.trailingZeroBitCount, type: type)
        case .numbers where a == b || Double(bitPattern: a) == Double(bitPattern: b): return Cell(number: Double(bitPattern: a))
        case .sets where a == b: return Cell(set: a, type: type)
        case .list: return Cell(kind: .list, type: type, bits: a, extra: b)
        case .text: return Cell(kind: .text, type: 0, bits: a, extra: 0)
        default: return nil
        }
    }
}
