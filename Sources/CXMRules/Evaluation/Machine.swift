/// Evaluates compiled expressions over slot values, with three-valued logic: an unknown operand
/// makes a result unknown unless the known operands decide it (`false and unknown` is false).
struct Machine {
    let optionTypes: [OptionType]
    var slots: [Outcome]
    /// How far the respondents' answers spread, by question (see ``Profile/spreads``); a
    /// question without an entry has a spread of 0.
    var spreads: [Double] = []

    func evaluate(_ code: Code) -> Outcome {
        switch code {
        case .constant(let value):
            return Outcome(value)
        case .slot(let slot):
            return slots[slot]
        case .atom(_, let inner):
            return evaluate(inner)
        case .negate(let operand):
            let a = evaluate(operand)
            return Outcome(value: a.value?.number.map { .number(-$0) }, missing: a.missing)
        case .not(let operand):
            let a = evaluate(operand)
            return Outcome(value: a.boolean.map { .boolean(!$0) }, missing: a.missing)
        case .arithmetic(let op, let left, let right):
            let a = evaluate(left)
            let b = evaluate(right)
            let missing = a.missing.union(b.missing)
            guard let x = a.value?.number, let y = b.value?.number else { return Outcome(value: nil, missing: missing) }
            let result: Double
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            case .multiply: result = x * y
            default:
                // Division by zero has no value; it is unknown rather than infinite.
                guard y != 0 else { return Outcome(value: nil, missing: missing) }
                result = x / y
            }
            return Machine.finite(result, missing: missing)
        case .compare(let op, let left, let right):
            let a = evaluate(left)
            let b = evaluate(right)
            let missing = a.missing.union(b.missing)
            guard let x = a.value, let y = b.value else { return Outcome(value: nil, missing: missing) }
            return Outcome(value: .boolean(Machine.compare(op, x, y)), missing: missing)
        case .and(let left, let right):
            return Machine.kleene(evaluate(left), evaluate(right), deciding: false)
        case .or(let left, let right):
            return Machine.kleene(evaluate(left), evaluate(right), deciding: true)
        case .member(let element, let set):
            let e = evaluate(element)
            let s = evaluate(set)
            let missing = e.missing.union(s.missing)
            guard let x = e.value, let y = s.value else { return Outcome(value: nil, missing: missing) }
            return Outcome(value: .boolean(Machine.contains(y, x)), missing: missing)
        case .conditional(let condition, let then, let otherwise):
            let c = evaluate(condition)
            if let decided = c.boolean {
                var result = evaluate(decided ? then : otherwise)
                result.missing.formUnion(c.missing)
                return result
            }
            // Unknown condition: the result is known only if both branches agree.
            let a = evaluate(then)
            let b = evaluate(otherwise)
            let missing = c.missing.union(a.missing).union(b.missing)
            return Outcome(value: a.value != nil && a.value == b.value ? a.value : nil, missing: missing)
        case .setLiteral(let type, let items):
            var mask: UInt64 = 0
            var missing = QuestionSet()
            var known = true
            for item in items {
                let outcome = evaluate(item)
                missing.formUnion(outcome.missing)
                if case .option(_, let position)? = outcome.value {
                    mask |= 1 << UInt64(position)
                } else { known = false }
            }
            return Outcome(value: known ? .set(type: type, mask: mask) : nil, missing: missing)
        case .call(let function, let arguments):
            return call(function, arguments)
        case .ranked(let type, let scores):
            var missing = QuestionSet()
            // The options scored above 0, in one array made to size.
            var ranking: [(score: Double, position: Int)] = []
            ranking.reserveCapacity(scores.count)
            var known = true
            for (position, code) in scores.enumerated() {
                let outcome = evaluate(code)
                missing.formUnion(outcome.missing)
                if let score = outcome.value?.number {
                    if score > 0 { ranking.append((score, position)) }
                } else { known = false }
            }
            guard known else { return Outcome(value: nil, missing: missing) }
            ranking.sort { ($0.score, -$0.position) > ($1.score, -$1.position) }
            return Outcome(value: .list(type: type, positions: ranking.map(\.position)), missing: missing)
        }
    }

    /// Kleene `and` (`deciding: false`) and `or` (`deciding: true`): an operand equal to the
    /// deciding value settles the result, whatever the other operand is.
    static func kleene(_ a: Outcome, _ b: Outcome, deciding: Bool) -> Outcome {
        let x = a.boolean
        let y = b.boolean
        if x == deciding || y == deciding {
            // Settled; only the missing answers of the operands that settled it could change it.
            var missing = QuestionSet()
            if x == deciding { missing.formUnion(a.missing) }
            if y == deciding { missing.formUnion(b.missing) }
            return Outcome(value: .boolean(deciding), missing: missing)
        }
        let missing = a.missing.union(b.missing)
        guard x != nil, y != nil else { return Outcome(value: nil, missing: missing) }
        return Outcome(value: .boolean(!deciding), missing: missing)
    }

    static func compare(_ op: BinaryOperator, _ x: Value, _ y: Value) -> Bool {
        if let a = x.number, let b = y.number {
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            default: return false
            }
        }
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        default: return false
        }
    }

    static func contains(_ collection: Value, _ element: Value) -> Bool {
        guard case .option(_, let position) = element else { return false }
        switch collection {
        case .set(_, let mask): return mask & (1 << UInt64(position)) != 0
        case .list(_, let positions): return positions.contains(position)
        default: return false
        }
    }

    /// A built-in function's outcome; its arguments are evaluated one at a time, without an
    /// array of their outcomes (the checker has checked how many each function takes).
    private func call(_ function: Function, _ arguments: [Code]) -> Outcome {
        switch function {
        case .mean, .min, .max, .sum, .meanKnown:
            return aggregate(function, arguments)
        case .known:
            let a = evaluate(arguments[0])
            return Outcome(value: .boolean(a.value != nil), missing: a.missing)
        case .abs:
            let a = evaluate(arguments[0])
            return Outcome(value: a.value?.number.map { .number(Swift.abs($0)) }, missing: a.missing)
        case .ranked:
            preconditionFailure("ranked compiles to Code.ranked")
        case .spread:
            guard case .slot(let question) = arguments[0] else { preconditionFailure("spread compiles to a question's slot") }
            return Outcome(value: .number(question < spreads.count ? spreads[question] : 0), missing: QuestionSet())
        case .count:
            // The options in one set or list, or how many conditions hold (unknown if one is).
            var count = 0.0
            var known = true
            var missing = QuestionSet()
            for argument in arguments {
                let outcome = evaluate(argument)
                missing.formUnion(outcome.missing)
                switch outcome.value {
                case .boolean(let flag)?: count += flag ? 1 : 0
                case .set(_, let mask)? where arguments.count == 1: count = Double(mask.nonzeroBitCount)
                case .list(_, let positions)? where arguments.count == 1: count = Double(positions.count)
                default: known = false
                }
            }
            return Outcome(value: known ? .number(count) : nil, missing: missing)
        case .reverse:
            let a = evaluate(arguments[0])
            guard case .option(let type, let position)? = a.value else { return Outcome(value: nil, missing: a.missing) }
            return Outcome(value: .number(Double(optionTypes[type].options.count - position)), missing: a.missing)
        case .union, .intersection, .difference:
            let (a, b) = (evaluate(arguments[0]), evaluate(arguments[1]))
            let missing = a.missing.union(b.missing)
            guard case .set(let type, let x)? = a.value, case .set(_, let y)? = b.value else {
                return Outcome(value: nil, missing: missing)
            }
            let mask = function == .union ? x | y : function == .intersection ? x & y : x & ~y
            return Outcome(value: .set(type: type, mask: mask), missing: missing)
        }
    }

    /// `mean`, `min`, `max`, `sum` (unknown if any argument is) and `mean_known` (unknown only
    /// if all are), computed without intermediate arrays.
    private func aggregate(_ function: Function, _ arguments: [Code]) -> Outcome {
        var missing = QuestionSet()
        var total = 0.0
        var lowest = Double.infinity
        var highest = -Double.infinity
        var known = 0
        for argument in arguments {
            let outcome = evaluate(argument)
            missing.formUnion(outcome.missing)
            guard let number = outcome.value?.number else { continue }
            total += number
            lowest = Swift.min(lowest, number)
            highest = Swift.max(highest, number)
            known += 1
        }
        guard known == arguments.count || (function == .meanKnown && known > 0) else {
            return Outcome(value: nil, missing: missing)
        }
        let result: Double
        switch function {
        case .mean, .meanKnown: result = total / Double(known)
        case .min: result = lowest
        case .max: result = highest
        default: result = total
        }
        return Machine.finite(result, missing: missing)
    }

    /// A computed number, or unknown with the overflow mark when it is infinite or not a number:
    /// no non-finite number leaves the engine.
    static func finite(_ number: Double, missing: QuestionSet) -> Outcome {
        number.isFinite ? Outcome(value: .number(number), missing: missing) : Outcome(value: nil, missing: missing.union(.overflow))
    }

    /// Whether a value passes an input cell; `nil` when the value is unknown and the cell is not `-`.
    static func matches(_ cell: CompiledCell, _ value: Value?) -> Bool? {
        guard let tests = cell.tests else { return true }
        guard let value else { return nil }
        let hit = tests.contains { test in
            switch test {
            case .equal(let expected): return compare(.equal, value, expected)
            case .compare(let op, let expected): return compare(op, value, expected)
            case .between(let low, let high):
                return compare(.greaterOrEqual, value, low) && compare(.lessOrEqual, value, high)
            }
        }
        return hit != cell.negated
    }
}

extension Code {
    /// Calls `body` with this node and every node below it, parents first.
    func forEachNode(_ body: (Code) -> Void) {
        _ = allNodes { node in
            body(node)
            return true
        }
    }

    /// Calls `body` with this node and the nodes below it, parents first, until it returns
    /// `false`; returns whether it never did.
    func allNodes(_ body: (Code) -> Bool) -> Bool {
        guard body(self) else { return false }
        switch self {
        case .constant, .slot: return true
        case .negate(let a), .not(let a), .atom(_, let a): return a.allNodes(body)
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b), .member(let a, let b):
            return a.allNodes(body) && b.allNodes(body)
        case .conditional(let a, let b, let c):
            return a.allNodes(body) && b.allNodes(body) && c.allNodes(body)
        case .call(_, let items), .setLiteral(_, let items), .ranked(_, let items):
            return items.allSatisfy { $0.allNodes(body) }
        }
    }

    /// Appends the slots this code reads.
    func collectSlots(into slots: inout [Int]) {
        forEachNode { if case .slot(let slot) = $0 { slots.append(slot) } }
    }

    /// Whether it reads any value; otherwise it is a constant, however written (`-1.5`).
    var readsValues: Bool {
        var slots: [Int] = []
        collectSlots(into: &slots)
        return !slots.isEmpty
    }
}
