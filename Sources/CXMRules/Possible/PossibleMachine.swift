/// Evaluates compiled expressions over the values slots can still take (``PossibleValue``)
/// rather than over their values: the result holds every value the expression has for any
/// values of the slots within theirs. It follows ``Machine`` case by case, unknowns and
/// three-valued logic included, treating the slots as independent of each other.
struct PossibleMachine {
    let optionTypes: [OptionType]
    var slots: [PossibleValue]

    func evaluate(_ code: Code) -> PossibleValue {
        switch code {
        case .constant(let value):
            return PossibleValue(value)
        case .slot(let slot):
            return slots[slot]
        case .atom(_, let inner):
            return evaluate(inner)
        case .negate(let operand):
            let a = evaluate(operand)
            return numbers(a.bounds.map { (-$0.high, -$0.low) }, canBeUnknown: a.canBeUnknown || a.bounds == nil)
        case .not(let operand):
            let a = evaluate(operand).truths
            return .truth(canBeTrue: a.canBeFalse, canBeFalse: a.canBeTrue, canBeUnknown: a.canBeUnknown)
        case .arithmetic(let op, let left, let right):
            return arithmetic(op, evaluate(left), evaluate(right))
        case .compare(let op, let left, let right):
            return compare(op, evaluate(left), evaluate(right))
        case .and(let left, let right):
            return kleene(evaluate(left), evaluate(right), deciding: false)
        case .or(let left, let right):
            return kleene(evaluate(left), evaluate(right), deciding: true)
        case .member(let element, let set):
            return member(evaluate(element), evaluate(set))
        case .conditional(let condition, let then, let otherwise):
            let c = evaluate(condition).truths
            var parts: [PossibleValue] = []
            if c.canBeTrue || c.canBeUnknown { parts.append(evaluate(then)) }
            if c.canBeFalse || c.canBeUnknown { parts.append(evaluate(otherwise)) }
            var result = PossibleValue.joined(parts)
            // An unknown condition gives a known value only where both branches agree.
            if c.canBeUnknown { result.canBeUnknown = true }
            return result
        case .setLiteral(let type, let items):
            var surely: UInt64 = 0, perhaps: UInt64 = 0
            var canBeUnknown = false
            for item in items.map(evaluate) {
                if item.canBeUnknown { canBeUnknown = true }
                guard case .options(_, let mask)? = item.known else {
                    if item.known != nil { return .anything }
                    return .unknown
                }
                if mask.nonzeroBitCount == 1 { surely |= mask }
                perhaps |= mask
            }
            return PossibleValue(known: .sets(type: type, surely: surely, perhaps: perhaps), canBeUnknown: canBeUnknown)
        case .call(let function, let arguments):
            return call(function, arguments.map(evaluate))
        case .ranked(let type, let scores):
            return ranked(type, scores.map(evaluate))
        }
    }

    /// Numbers within bounds, or unknown when there are none.
    private func numbers(_ bounds: (low: Double, high: Double)?, canBeUnknown: Bool) -> PossibleValue {
        guard let bounds, !bounds.low.isNaN, !bounds.high.isNaN else { return PossibleValue(known: nil, canBeUnknown: true) }
        return PossibleValue(known: .numbers(low: bounds.low, high: bounds.high), canBeUnknown: canBeUnknown)
    }

    private func arithmetic(_ op: BinaryOperator, _ a: PossibleValue, _ b: PossibleValue) -> PossibleValue {
        let canBeUnknown = a.canBeUnknown || b.canBeUnknown || a.bounds == nil || b.bounds == nil
        guard let x = a.bounds, let y = b.bounds else { return .unknown }
        switch op {
        case .add: return numbers((x.low + y.low, x.high + y.high), canBeUnknown: canBeUnknown)
        case .subtract: return numbers((x.low - y.high, x.high - y.low), canBeUnknown: canBeUnknown)
        case .multiply: return numbers(PossibleMachine.product(x, y), canBeUnknown: canBeUnknown)
        default:
            // Division by zero has no value.
            if y.low == 0 && y.high == 0 { return .unknown }
            let unknown = canBeUnknown || (y.low <= 0 && y.high >= 0)
            guard y.low > 0 || y.high < 0 else { return numbers((-.infinity, .infinity), canBeUnknown: unknown) }
            let quotients = [x.low / y.low, x.low / y.high, x.high / y.low, x.high / y.high]
            return numbers(PossibleMachine.hull(quotients), canBeUnknown: unknown)
        }
    }

    private static func product(_ x: (low: Double, high: Double), _ y: (low: Double, high: Double)) -> (low: Double, high: Double) {
        hull([x.low * y.low, x.low * y.high, x.high * y.low, x.high * y.high])
    }

    /// The smallest and largest of some numbers; infinite both ways when one is not a number
    /// (as infinity times zero is).
    private static func hull(_ values: [Double]) -> (low: Double, high: Double) {
        guard !values.contains(where: \.isNaN) else { return (-.infinity, .infinity) }
        return (values.min()!, values.max()!)
    }

    private func compare(_ op: BinaryOperator, _ a: PossibleValue, _ b: PossibleValue) -> PossibleValue {
        let canBeUnknown = a.canBeUnknown || b.canBeUnknown
        guard let x = a.known, let y = b.known else { return .unknown }
        var canBeTrue = false, canBeFalse = false
        func add(_ result: Bool) { if result { canBeTrue = true } else { canBeFalse = true } }
        switch (x, y) {
        case (.options(let t1, let m1), .options(let t2, let m2)):
            // Exact: every pair of options.
            for i in 0..<64 where m1 & (1 << UInt64(i)) != 0 {
                for j in 0..<64 where m2 & (1 << UInt64(j)) != 0 {
                    add(Machine.compare(op, .option(type: t1, position: i), .option(type: t2, position: j)))
                }
            }
        case (.booleans(let f1, let t1), .booleans(let f2, let t2)):
            for p in [false, true] where p ? t1 : f1 {
                for q in [false, true] where q ? t2 : f2 { add(Machine.compare(op, .boolean(p), .boolean(q))) }
            }
        case (.numbers, _), (_, .numbers):
            guard let p = a.bounds, let q = b.bounds else { return .truth(canBeTrue: true, canBeFalse: true, canBeUnknown: true) }
            (canBeTrue, canBeFalse) = PossibleMachine.compare(op, p, q)
        default:
            if let p = a.single, let q = b.single, let v = p, let w = q {
                add(Machine.compare(op, v, w))
            } else {
                canBeTrue = op == .equal || op == .notEqual
                canBeFalse = true
            }
        }
        return .truth(canBeTrue: canBeTrue, canBeFalse: canBeFalse, canBeUnknown: canBeUnknown)
    }

    /// Whether `x op y` can be true and can be false for numbers within the bounds.
    private static func compare(_ op: BinaryOperator, _ x: (low: Double, high: Double), _ y: (low: Double, high: Double)) -> (Bool, Bool) {
        switch op {
        case .less: return (x.low < y.high, x.high >= y.low)
        case .lessOrEqual: return (x.low <= y.high, x.high > y.low)
        case .greater: return (x.high > y.low, x.low <= y.high)
        case .greaterOrEqual: return (x.high >= y.low, x.low < y.high)
        case .equal, .notEqual:
            let overlap = x.low <= y.high && y.low <= x.high
            let equalOnly = x.low == x.high && y.low == y.high && x.low == y.low
            return op == .equal ? (overlap, !equalOnly) : (!equalOnly, overlap)
        default: return (false, true)
        }
    }

    /// Kleene `and` (`deciding: false`) and `or` (`deciding: true`), for every pair of truth
    /// values the operands can have.
    private func kleene(_ a: PossibleValue, _ b: PossibleValue, deciding: Bool) -> PossibleValue {
        let x = a.truths, y = b.truths
        func values(_ t: (canBeTrue: Bool, canBeFalse: Bool, canBeUnknown: Bool)) -> [Bool?] {
            (t.canBeTrue ? [true] : []) + (t.canBeFalse ? [false] : []) + (t.canBeUnknown ? [nil] : [])
        }
        var canBeTrue = false, canBeFalse = false, canBeUnknown = false
        for p in values(x) {
            for q in values(y) {
                let result: Bool? = p == deciding || q == deciding ? deciding : (p == nil || q == nil ? nil : !deciding)
                switch result {
                case true?: canBeTrue = true
                case false?: canBeFalse = true
                case nil: canBeUnknown = true
                }
            }
        }
        return .truth(canBeTrue: canBeTrue, canBeFalse: canBeFalse, canBeUnknown: canBeUnknown)
    }

    private func member(_ element: PossibleValue, _ collection: PossibleValue) -> PossibleValue {
        let canBeUnknown = element.canBeUnknown || collection.canBeUnknown
        guard element.known != nil, collection.known != nil else { return .unknown }
        guard case .options(_, let options)? = element.known, let members = collection.members,
              collection.known != .options(type: members.type, mask: members.perhaps) else {
            return .truth(canBeTrue: true, canBeFalse: true, canBeUnknown: canBeUnknown)
        }
        // True if some option it can be is perhaps in the collection; false if some option it
        // can be is not surely in it.
        return .truth(canBeTrue: options & members.perhaps != 0, canBeFalse: options & ~members.surely != 0, canBeUnknown: canBeUnknown)
    }

    private func call(_ function: Function, _ arguments: [PossibleValue]) -> PossibleValue {
        let anyUnknown = arguments.contains { $0.canBeUnknown }
        switch function {
        case .mean, .sum, .min, .max:
            guard !arguments.isEmpty else { return .unknown }
            var bounds: [(low: Double, high: Double)] = []
            for argument in arguments {
                guard let b = argument.bounds else { return .unknown }
                bounds.append(b)
            }
            let low: Double, high: Double
            switch function {
            case .mean, .sum:
                let n = function == .mean ? Double(bounds.count) : 1
                low = bounds.reduce(0) { $0 + $1.low } / n
                high = bounds.reduce(0) { $0 + $1.high } / n
            case .min: (low, high) = (bounds.map(\.low).min()!, bounds.map(\.high).min()!)
            default: (low, high) = (bounds.map(\.low).max()!, bounds.map(\.high).max()!)
            }
            return numbers((low, high), canBeUnknown: anyUnknown)
        case .meanKnown:
            return meanKnown(arguments)
        case .known:
            let a = arguments[0]
            return .truth(canBeTrue: a.known != nil, canBeFalse: a.canBeUnknown, canBeUnknown: false)
        case .abs:
            guard let b = arguments[0].bounds else { return .unknown }
            let low = b.low <= 0 && b.high >= 0 ? 0 : Swift.min(Swift.abs(b.low), Swift.abs(b.high))
            return numbers((low, Swift.max(Swift.abs(b.low), Swift.abs(b.high))), canBeUnknown: anyUnknown)
        case .count:
            // One set or list: its size; otherwise the number of true arguments.
            if arguments.count == 1, let members = arguments[0].members, arguments[0].known != .options(type: members.type, mask: members.perhaps) {
                return numbers((Double(members.surely.nonzeroBitCount), Double(members.perhaps.nonzeroBitCount)), canBeUnknown: anyUnknown)
            }
            var low = 0.0, high = 0.0
            for argument in arguments {
                guard case .booleans(let f, let t)? = argument.known else {
                    return argument.known == nil ? .unknown : numbers((0, Double(arguments.count)), canBeUnknown: true)
                }
                if t { high += 1 }
                if t && !f { low += 1 }
            }
            return numbers((low, high), canBeUnknown: anyUnknown)
        case .reverse:
            guard case .options(let type, let mask)? = arguments[0].known, mask != 0 else { return .unknown }
            let n = Double(optionTypes[type].options.count)
            let b = arguments[0].bounds!
            return numbers((n + 1 - b.high, n + 1 - b.low), canBeUnknown: anyUnknown)
        case .union, .intersection, .difference:
            guard case .sets(let type, let s1, let p1)? = arguments[0].known, case .sets(_, let s2, let p2)? = arguments[1].known else {
                return arguments.allSatisfy({ $0.known != nil }) ? .anything : .unknown
            }
            let surely: UInt64, perhaps: UInt64
            switch function {
            case .union: (surely, perhaps) = (s1 | s2, p1 | p2)
            case .intersection: (surely, perhaps) = (s1 & s2, p1 & p2)
            default: (surely, perhaps) = (s1 & ~p2, p1 & ~s2)
            }
            return PossibleValue(known: .sets(type: type, surely: surely, perhaps: perhaps), canBeUnknown: anyUnknown)
        case .ranked:
            preconditionFailure("ranked compiles to Code.ranked")
        case .spread:
            // Known whatever the answers; what it is depends on the other respondents.
            return numbers((0, .greatestFiniteMagnitude), canBeUnknown: false)
        }
    }

    /// `mean_known`: the mean of the arguments that are known. Its lowest value takes the
    /// arguments that must be known and adds, lowest first, those that may be known while they
    /// lower the mean (and at least one); its highest, the other way round. Unknown only when
    /// every argument can be.
    private func meanKnown(_ arguments: [PossibleValue]) -> PossibleValue {
        var surely: [Int] = [], perhaps: [Int] = []
        var bounds: [(low: Double, high: Double)] = []
        for (index, argument) in arguments.enumerated() {
            let b = argument.bounds
            bounds.append(b ?? (0, 0))
            guard b != nil else {
                if argument.known != nil { return .anything }  // known, but not a number
                continue
            }
            if argument.canBeUnknown { perhaps.append(index) } else { surely.append(index) }
        }
        guard !(surely.isEmpty && perhaps.isEmpty) else { return .unknown }
        // The mean of a subset, summed in argument order as the evaluator sums.
        func mean(_ chosen: Set<Int>, _ end: KeyPath<(low: Double, high: Double), Double>) -> Double {
            var total = 0.0
            for index in chosen.sorted() { total += bounds[index][keyPath: end] }
            return total / Double(chosen.count)
        }
        func extreme(lowest: Bool) -> Double {
            let end: KeyPath<(low: Double, high: Double), Double> = lowest ? \.low : \.high
            let order = perhaps.sorted { lowest ? bounds[$0].low < bounds[$1].low : bounds[$0].high > bounds[$1].high }
            var chosen = Set(surely)
            var rest = order[...]
            if chosen.isEmpty, let first = rest.popFirst() { chosen.insert(first) }
            for index in rest {
                let current = mean(chosen, end)
                let value = bounds[index][keyPath: end]
                guard lowest ? value < current : value > current else { break }
                chosen.insert(index)
            }
            return mean(chosen, end)
        }
        return numbers((extreme(lowest: true), extreme(lowest: false)), canBeUnknown: surely.isEmpty)
    }

    /// `ranked(T, scores…)`: the list itself when every score is settled; otherwise the options
    /// surely in it (a score surely above 0) and perhaps in it.
    private func ranked(_ type: Int, _ scores: [PossibleValue]) -> PossibleValue {
        let canBeUnknown = scores.contains { $0.canBeUnknown }
        var surely: UInt64 = 0, perhaps: UInt64 = 0
        var exact: [(score: Double, position: Int)]? = []
        for (position, score) in scores.enumerated() {
            guard let b = score.bounds, score.known != nil else { return .unknown }
            if b.low > 0 { surely |= 1 << UInt64(position) }
            if b.high > 0 { perhaps |= 1 << UInt64(position) }
            if b.low == b.high { exact?.append((b.low, position)) } else { exact = nil }
        }
        let order = exact.map { values in
            values.filter { $0.score > 0 }.sorted { ($0.score, -$0.position) > ($1.score, -$1.position) }.map(\.position)
        }
        if !canBeUnknown, let order { return PossibleValue(.list(type: type, positions: order)) }
        return PossibleValue(known: .lists(type: type, exact: nil, surely: surely, perhaps: perhaps), canBeUnknown: canBeUnknown)
    }
}
