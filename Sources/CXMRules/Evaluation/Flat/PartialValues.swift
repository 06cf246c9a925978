/// What the flat evaluator knows of values computed from questions a what-if search leaves
/// open (see ``Cell``'s `partial`): each operation gives a partial result only when every
/// operand is known or partial and the operation always has a value on known operands, so a
/// partial value is sure to be known, within its bounds, whatever the open questions' answers.
/// Anything else gives a plain unknown, as ordinary evaluations do. A value that comes out
/// known is therefore the same for every answer to the open questions.
enum PartialValues {
    static func negate(_ x: Cell) -> Cell {
        guard x.partial == .bounds, let (low, high) = x.bounds else { return x.partial == .none ? .unknown : .willBeKnown }
        return Cell(low: -high, high: -low)
    }

    static func not(_ x: Cell) -> Cell {
        x.partial == .none ? .unknown : .willBeKnown
    }

    static func abs(_ x: Cell) -> Cell {
        guard x.partial == .bounds, let (low, high) = x.bounds else { return x.partial == .none ? .unknown : .willBeKnown }
        if low >= 0 { return Cell(low: low, high: high) }
        if high <= 0 { return Cell(low: -high, high: -low) }
        return Cell(low: 0, high: Swift.max(-low, high))
    }

    /// `reverse` of an option by position from 1 in `1...options`: `options + 1 - position`.
    static func reverse(_ x: Cell, options: UnsafeBufferPointer<Int>) -> Cell {
        guard x.partial == .bounds, x.type >= 0, let (low, high) = x.bounds else { return .unknown }
        let count = Double(options[Int(x.type)])
        return Cell(low: count + 1 - high, high: count + 1 - low)
    }

    /// Interval arithmetic; unknown where a division could be by zero or a bound overflows.
    static func arithmetic(_ op: Instruction.ArithmeticOperator, _ x: Cell, _ y: Cell) -> Cell {
        guard x.isDefinite, y.isDefinite, let (a, b) = x.bounds, let (c, d) = y.bounds else { return .unknown }
        let low: Double
        let high: Double
        switch op {
        case .add: (low, high) = (a + c, b + d)
        case .subtract: (low, high) = (a - d, b - c)
        case .multiply:
            let products = [a * c, a * d, b * c, b * d]
            (low, high) = (products.min()!, products.max()!)
        case .divide:
            guard c > 0 || d < 0 else { return .unknown }
            let quotients = [a / c, a / d, b / c, b / d]
            (low, high) = (quotients.min()!, quotients.max()!)
        }
        return low.isFinite && high.isFinite ? Cell(low: low, high: high) : .unknown
    }

    /// A comparison decided by bounds where they do not overlap; otherwise sure to be known.
    static func compare(_ op: Instruction.ComparisonOperator, _ x: Cell, _ y: Cell) -> Cell {
        guard x.isDefinite, y.isDefinite else { return .unknown }
        guard let (a, b) = x.bounds, let (c, d) = y.bounds else { return .willBeKnown }
        let decided: Bool?
        switch op {
        case .equal: decided = b < c || d < a ? false : nil
        case .notEqual: decided = b < c || d < a ? true : nil
        case .less: decided = b < c ? true : a >= d ? false : nil
        case .lessOrEqual: decided = b <= c ? true : a > d ? false : nil
        case .greater: decided = a > d ? true : b <= c ? false : nil
        case .greaterOrEqual: decided = a >= d ? true : b < c ? false : nil
        }
        return decided.map { Cell(boolean: $0) } ?? .willBeKnown
    }

    /// `element in set`, decided where the set surely holds or lacks a known option.
    static func member(_ element: Cell, _ set: Cell, options: UnsafeBufferPointer<Int>) -> Cell {
        guard element.isDefinite, set.isDefinite else { return .unknown }
        if element.kind == .option, set.type >= 0, let (members, nonMembers) = set.setBounds(options: options[Int(set.type)]) {
            if members & (1 << element.bits) != 0 { return Cell(boolean: true) }
            if nonMembers & (1 << element.bits) != 0 { return Cell(boolean: false) }
        }
        return .willBeKnown
    }

    /// `if c then a else b` with `c` partial: the hull of the branches' bounds.
    static func select(_ condition: Cell, _ a: Cell, _ b: Cell) -> Cell {
        guard condition.isDefinite, a.isDefinite, b.isDefinite else { return .unknown }
        guard let (low, high) = a.bounds, let (c, d) = b.bounds else { return .willBeKnown }
        return Cell(low: Swift.min(low, c), high: Swift.max(high, d), type: a.type == b.type ? a.type : -1)
    }

    /// Union, intersection or difference of sets, one or both partial.
    static func setOperation(_ op: Instruction.SetOperator, _ x: Cell, _ y: Cell, options: UnsafeBufferPointer<Int>) -> Cell {
        guard x.isDefinite, y.isDefinite else { return .unknown }
        let type = x.type >= 0 ? x.type : y.type
        guard type >= 0, let (m1, n1) = x.setBounds(options: options[Int(type)]), let (m2, n2) = y.setBounds(options: options[Int(type)]) else {
            return .willBeKnown
        }
        switch op {
        case .union: return Cell(members: m1 | m2, nonMembers: n1 & n2, type: type)
        case .intersection: return Cell(members: m1 & m2, nonMembers: n1 | n2, type: type)
        case .difference: return Cell(members: m1 & n2, nonMembers: n1 | m2, type: type)
        }
    }

    /// Whether a partial column value passes a table's input test: decided by its bounds, or
    /// -1 when they do not tell.
    static func passes(_ test: FlatTest, _ value: Cell) -> Int8 {
        switch test.kind {
        case .compare:
            return compare(test.comparison, value, test.low).truth
        case .between:
            let low = compare(.greaterOrEqual, value, test.low).truth
            let high = compare(.lessOrEqual, value, test.high).truth
            return low == 0 || high == 0 ? 0 : low == 1 && high == 1 ? 1 : -1
        }
    }
}
