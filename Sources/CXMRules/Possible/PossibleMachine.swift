/// The possible-values analysis: runs a ``FlatProgram``'s instructions over what each register
/// can still be (``PossibleCell``) rather than over values, so that the result holds every
/// value the evaluator gives for any answers to the open questions. It follows the evaluation
/// loop (``EvaluationFrame``) instruction by instruction, unknowns and three-valued logic
/// included, treating registers as independent of each other; tables and outputs try the
/// combinations of their inputs (see `PossibleTables.swift`).
///
/// The helpers the loop calls that read the frame's arenas (``join(_:_:)``, ``compare(_:_:_:)``)
/// are `mutating`, though they change nothing: so the frame is passed to them in place, where
/// a call to a non-mutating method from the loop copies it.
extension PossibilityFrame {
    /// Runs the instructions in `range`.
    mutating func execute(_ range: Range<Int>) {
        let cells = self.cells
        let code = program.instructions
        let operands = program.operands
        var pc = range.lowerBound
        while pc < range.upperBound {
            // Each operand read where it is used: an instruction loads only the fields it needs.
            let instruction = code.baseAddress.unsafelyUnwrapped + pc
            pc += 1
            var t: Int { Int(instruction.pointee.target) }
            var a: Int { Int(instruction.pointee.a) }
            var b: Int { Int(instruction.pointee.b) }
            // (Read only where needed: an operator decoded for every instruction costs them all.)
            var comparison: Instruction.ComparisonOperator { Instruction.ComparisonOperator(rawValue: instruction.pointee.variant)! }
            switch instruction.pointee.opcode {
            case .copy:
                cells[t] = cells[a]
            case .skip:
                pc += a
            case .negate:
                let x = cells[a]
                cells[t] = .numbers(x.bounds.map { (-$0.high, -$0.low) }, canBeUnknown: x.canBeUnknown)
            case .not:
                let x = cells[a].truths
                cells[t] = .truth(canBeTrue: x.canBeFalse, canBeFalse: x.canBeTrue, canBeUnknown: x.canBeUnknown)
            case .abs:
                let x = cells[a]
                cells[t] = .numbers(x.bounds.map { bounds in
                    let (low, high) = (Swift.abs(bounds.low), Swift.abs(bounds.high))
                    return (bounds.low <= 0 && bounds.high >= 0 ? 0 : Swift.min(low, high), Swift.max(low, high))
                }, canBeUnknown: x.canBeUnknown)
            case .reverse:
                let x = cells[a]
                guard x.kind == .options, let bounds = x.bounds else {
                    cells[t] = .unknown
                    continue
                }
                let count = Double(program.optionCounts[Int(x.type)])
                cells[t] = .numbers((count + 1 - bounds.high, count + 1 - bounds.low), canBeUnknown: x.canBeUnknown)
            case .arithmetic:
                cells[t] = Self.arithmetic(Instruction.ArithmeticOperator(rawValue: instruction.pointee.variant)!, cells[a], cells[b])
            case .compareNumbers, .compareOptions, .compareValues:
                cells[t] = compare(comparison, cells[a], cells[b])
            case .compareOptionWith:
                let (x, op) = (cells[a], comparison)
                if x.kind == .options, op == .equal || op == .notEqual {
                    // Equal when it can be the option, not equal unless it can only be that one
                    // (as ``compare(_:_:_:)`` says it for two options): one of them at least.
                    let option: UInt64 = 1 &<< UInt64(b)
                    let (can, other): (UInt64, UInt64) = (x.a & option != 0 ? 1 : 0, x.a != option ? 1 : 0)
                    let truths = op == .equal ? can << 1 | other : other << 1 | can
                    cells[t] = PossibleCell(kind: .booleans, canBeUnknown: x.canBeUnknown, a: truths)
                } else {
                    cells[t] = compare(op, x, .options(1 << UInt64(b), type: x.type, canBeUnknown: false))
                }
            case .compareNumberWith:
                let number = Double(bitPattern: instruction.pointee.wide)
                cells[t] = Self.compare(comparison, cells[a], numbers: (number, number))
            case .and, .or:
                cells[t] = .truth(Self.kleene(cells[a].truths, cells[b].truths, deciding: instruction.pointee.opcode == .or))
            case .all, .any:
                var result = cells[Int(operands[a])].truths
                for operand in operands[a + 1..<a + b] {
                    result = Self.kleene(result, cells[Int(operand)].truths, deciding: instruction.pointee.opcode == .any)
                }
                cells[t] = .truth(result)
            case .member:
                cells[t] = Self.member(cells[a], cells[b])
            case .memberOfConstant:
                cells[t] = Self.member(cells[a], .sets(surely: instruction.pointee.wide, perhaps: instruction.pointee.wide, type: cells[a].type, canBeUnknown: false))
            case .containsConstant:
                cells[t] = Self.member(.options(1 &<< UInt64(b), type: cells[a].type, canBeUnknown: false), cells[a])
            case .select:
                let condition = cells[Int(instruction.pointee.c)].truths
                // The branches the condition can take, joined (a value joined to nothing is itself).
                var result: PossibleCell
                switch (condition.canBeTrue, condition.canBeFalse) {
                case (true, true): result = join(cells[a], cells[b])
                case (true, false): result = cells[a]
                case (false, true): result = cells[b]
                case (false, false): result = .nothing
                }
                // An unknown condition gives a known value only where both branches agree.
                if condition.canBeUnknown { result = join(result, agreement(cells[a], cells[b])) }
                cells[t] = result
            case .setLiteral:
                cells[t] = Self.setLiteral(OperandCells(cells: cells, registers: operands[a..<a + b]), type: instruction.pointee.c)
            case .ranked:
                cells[t] = ranked(operands[a..<a + b], type: instruction.pointee.c)
            case .aggregate:
                let registers = UnsafeBufferPointer(rebasing: operands[a..<a + b])
                let function = Instruction.Aggregate(rawValue: instruction.pointee.variant)!
                cells[t] = function == .meanKnown ? Self.meanKnown(cells, registers) : Self.aggregate(function, cells, registers)
            case .countTrue:
                cells[t] = Self.countTrue(cells, UnsafeBufferPointer(rebasing: operands[a..<a + b]))
            case .countMembers:
                let x = cells[a]
                if x.kind != .options, let members = x.members {
                    cells[t] = .numbers((Double(members.surely.nonzeroBitCount), Double(members.perhaps.nonzeroBitCount)), canBeUnknown: x.canBeUnknown)
                } else {
                    cells[t] = x.kind == .none ? .unknown : .numbers((0, 64), canBeUnknown: true)
                }
            case .known:
                let x = cells[a]
                cells[t] = .truth(canBeTrue: x.kind != .none, canBeFalse: x.canBeUnknown, canBeUnknown: false)
            case .spread:
                // Known whatever the answers; what it is depends on the other respondents.
                cells[t] = .numbers((0, .greatestFiniteMagnitude), canBeUnknown: false)
            case .setOperation:
                cells[t] = Self.setOperation(Instruction.SetOperator(rawValue: instruction.pointee.variant)!, cells[a], cells[b])
            case .answer:
                // A question that may not apply may be unknown; one that may apply has its
                // answer, or any answer where it is open.
                let applies = a >= 0 ? cells[a].truths : PossibleCell.surelyTrue
                var value = input(t)
                if !applies.canBeTrue && !applies.canBeUnknown { value = .unknown }
                if applies.canBeFalse { value.canBeUnknown = true }
                cells[t] = value
            case .table:
                cells[Int(program.tables[a].slot)] = table(a)
            case .output:
                cells[Int(program.outputs[a].slot)] = output(a)
            case .lookup:
                // Only evaluation programs have lookups; the expression as it is follows.
                break
            case .countIs, .countKnown:
                preconditionFailure("only evaluation programs count in one instruction")
            }
        }
    }

    // MARK: Joining

    /// The values either can be.
    mutating func join(_ x: PossibleCell, _ y: PossibleCell) -> PossibleCell {
        let unknown = x.canBeUnknown || y.canBeUnknown
        guard x.kind != .none else { return PossibleCell(kind: y.kind, canBeUnknown: unknown, type: y.type, a: y.a, b: y.b) }
        guard y.kind != .none else { return PossibleCell(kind: x.kind, canBeUnknown: unknown, type: x.type, a: x.a, b: x.b) }
        switch (x.kind, y.kind) {
        case (.booleans, .booleans):
            return PossibleCell(kind: .booleans, canBeUnknown: unknown, a: x.a | y.a)
        case (.options, .options) where x.type == y.type:
            return .options(x.a | y.a, type: x.type, canBeUnknown: unknown)
        case (.numbers, .numbers):
            let (x, y) = (x.bounds!, y.bounds!)
            return PossibleCell(kind: .numbers, canBeUnknown: unknown, a: Swift.min(x.low, y.low).bitPattern, b: Swift.max(x.high, y.high).bitPattern)
        case (.sets, .sets) where x.type == y.type:
            return .sets(surely: x.a & y.a, perhaps: x.b | y.b, type: x.type, canBeUnknown: unknown)
        case (.list, .list) where x.type == y.type && same(Cell(kind: .list, type: x.type, bits: x.a, extra: x.b), Cell(kind: .list, type: y.type, bits: y.a, extra: y.b)):
            return PossibleCell(kind: .list, canBeUnknown: unknown, type: x.type, a: x.a, b: x.b)
        case (.lists, _), (.list, _):
            guard y.kind == .lists || y.kind == .list, x.type == y.type else { return .anything }
            let (m, n) = (x.members!, y.members!)
            return PossibleCell(kind: .lists, canBeUnknown: unknown, type: x.type, a: m.surely & n.surely, b: m.perhaps | n.perhaps)
        case (.text, .text) where x.a == y.a || texts[Int(x.a)] == texts[Int(y.a)]:
            return PossibleCell(kind: .text, canBeUnknown: unknown, a: x.a)
        case (.text, .text), (.text, .anyText), (.anyText, .text), (.anyText, .anyText):
            return PossibleCell(kind: .anyText, canBeUnknown: unknown)
        default:
            // Options used as numbers (a scale's positions) join as numbers.
            if x.kind != .anything, y.kind != .anything, let p = x.bounds, let q = y.bounds {
                return PossibleCell(kind: .numbers, canBeUnknown: unknown, a: Swift.min(p.low, q.low).bitPattern, b: Swift.max(p.high, q.high).bitPattern)
            }
            return .anything
        }
    }

    /// What `if c then x else y` can be with `c` unknown: unknown, or a value both branches
    /// can be (the evaluator keeps a value only where they agree).
    mutating func agreement(_ x: PossibleCell, _ y: PossibleCell) -> PossibleCell {
        var both: PossibleCell
        switch (x.kind, y.kind) {
        case (.none, _), (_, .none):
            both = .nothing
        case (.booleans, .booleans):
            both = x.a & y.a == 0 ? .nothing : PossibleCell(kind: .booleans, canBeUnknown: false, a: x.a & y.a)
        case (.options, .options) where x.type == y.type:
            both = .options(x.a & y.a, type: x.type, canBeUnknown: false)
        case (.numbers, .numbers):
            let (p, q) = (x.bounds!, y.bounds!)
            let (low, high) = (Swift.max(p.low, q.low), Swift.min(p.high, q.high))
            both = low <= high ? PossibleCell(kind: .numbers, canBeUnknown: false, a: low.bitPattern, b: high.bitPattern) : .nothing
        default:
            both = join(x, y)
        }
        both.canBeUnknown = true
        return both
    }

    // MARK: Operations

    static func arithmetic(_ op: Instruction.ArithmeticOperator, _ x: PossibleCell, _ y: PossibleCell) -> PossibleCell {
        guard let p = x.bounds, let q = y.bounds else { return .unknown }
        let canBeUnknown = x.canBeUnknown || y.canBeUnknown
        switch op {
        case .add: return .numbers((p.low + q.low, p.high + q.high), canBeUnknown: canBeUnknown)
        case .subtract: return .numbers((p.low - q.high, p.high - q.low), canBeUnknown: canBeUnknown)
        case .multiply: return .numbers(hull(p.low * q.low, p.low * q.high, p.high * q.low, p.high * q.high), canBeUnknown: canBeUnknown)
        case .divide:
            // Division by zero has no value.
            if q.low == 0 && q.high == 0 { return .unknown }
            let unknown = canBeUnknown || (q.low <= 0 && q.high >= 0)
            guard q.low > 0 || q.high < 0 else { return .numbers((-.infinity, .infinity), canBeUnknown: unknown) }
            return .numbers(hull(p.low / q.low, p.low / q.high, p.high / q.low, p.high / q.high), canBeUnknown: unknown)
        }
    }

    /// The smallest and largest of some numbers; infinite both ways when one is not a number
    /// (as infinity times zero is).
    private static func hull(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> (low: Double, high: Double) {
        guard !a.isNaN, !b.isNaN, !c.isNaN, !d.isNaN else { return (-.infinity, .infinity) }
        return (Swift.min(a, b, c, d), Swift.max(a, b, c, d))
    }

    /// Whether `x op y` can be true, false or unknown, as ``CellArenas/compare(_:_:_:)`` decides
    /// it for every pair of values they can be.
    mutating func compare(_ op: Instruction.ComparisonOperator, _ x: PossibleCell, _ y: PossibleCell) -> PossibleCell {
        guard x.kind != .none, y.kind != .none else { return .unknown }
        if y.kind == .numbers { return Self.compare(op, x, numbers: (Double(bitPattern: y.a), Double(bitPattern: y.b)), canBeUnknown: y.canBeUnknown) }
        let canBeUnknown = x.canBeUnknown || y.canBeUnknown
        var (canBeTrue, canBeFalse) = (false, false)
        switch (x.kind, y.kind) {
        case (.options, .options):
            // Exact: by position, the options' extremes tell.
            let (low1, high1) = (x.a.trailingZeroBitCount, 63 - x.a.leadingZeroBitCount)
            let (low2, high2) = (y.a.trailingZeroBitCount, 63 - y.a.leadingZeroBitCount)
            switch op {
            case .equal, .notEqual:
                let overlap = x.a & y.a != 0
                let equalOnly = x.a == y.a && x.a.nonzeroBitCount == 1
                (canBeTrue, canBeFalse) = op == .equal ? (overlap, !equalOnly) : (!equalOnly, overlap)
            case .less: (canBeTrue, canBeFalse) = (low1 < high2, high1 >= low2)
            case .lessOrEqual: (canBeTrue, canBeFalse) = (low1 <= high2, high1 > low2)
            case .greater: (canBeTrue, canBeFalse) = (high1 > low2, low1 <= high2)
            case .greaterOrEqual: (canBeTrue, canBeFalse) = (high1 >= low2, low1 < high2)
            }
        case (.booleans, .booleans):
            for p in 0..<2 where x.a >> UInt64(p) & 1 == 1 {
                for q in 0..<2 where y.a >> UInt64(q) & 1 == 1 {
                    if compare(op, Cell(boolean: p == 1), Cell(boolean: q == 1)) { canBeTrue = true } else { canBeFalse = true }
                }
            }
        case (.anything, _), (_, .anything):
            (canBeTrue, canBeFalse) = (true, true)
        case (.numbers, _):
            guard let p = x.bounds, let q = y.bounds else { return .truth(canBeTrue: true, canBeFalse: true, canBeUnknown: true) }
            (canBeTrue, canBeFalse) = Self.compare(op, p, q)
        default:
            if let p = x.single, let q = y.single {
                if compare(op, p, q) { canBeTrue = true } else { canBeFalse = true }
            } else {
                canBeTrue = op == .equal || op == .notEqual
                canBeFalse = true
            }
        }
        return .truth(canBeTrue: canBeTrue, canBeFalse: canBeFalse, canBeUnknown: canBeUnknown)
    }

    /// ``compare(_:_:_:)`` with numbers within bounds `y` (or unknown, where `canBeUnknown`):
    /// what it decides for every value `x` can be and every such number.
    static func compare(_ op: Instruction.ComparisonOperator, _ x: PossibleCell, numbers y: (low: Double, high: Double),
                        canBeUnknown: Bool = false) -> PossibleCell {
        switch x.kind {
        case .none: return .unknown
        case .anything: return .truth(canBeTrue: true, canBeFalse: true, canBeUnknown: x.canBeUnknown || canBeUnknown)
        default:
            guard let p = x.bounds else { return .truth(canBeTrue: true, canBeFalse: true, canBeUnknown: true) }
            let (canBeTrue, canBeFalse) = compare(op, p, y)
            return .truth(canBeTrue: canBeTrue, canBeFalse: canBeFalse, canBeUnknown: x.canBeUnknown || canBeUnknown)
        }
    }

    /// Whether `x op y` can be true and can be false for numbers within the bounds.
    private static func compare(_ op: Instruction.ComparisonOperator, _ x: (low: Double, high: Double), _ y: (low: Double, high: Double)) -> (Bool, Bool) {
        switch op {
        case .less: return (x.low < y.high, x.high >= y.low)
        case .lessOrEqual: return (x.low <= y.high, x.high > y.low)
        case .greater: return (x.high > y.low, x.low <= y.high)
        case .greaterOrEqual: return (x.high >= y.low, x.low < y.high)
        case .equal, .notEqual:
            let overlap = x.low <= y.high && y.low <= x.high
            let equalOnly = x.low == x.high && y.low == y.high && x.low == y.low
            return op == .equal ? (overlap, !equalOnly) : (!equalOnly, overlap)
        }
    }

    /// Kleene `and` (`deciding: false`) and `or` (`deciding: true`), for every pair of truth
    /// values the operands can have.
    static func kleene(_ x: PossibleCell.Truths, _ y: PossibleCell.Truths, deciding: Bool) -> PossibleCell.Truths {
        // The deciding value if either can be it; the other only if both can be it; unknown if
        // neither decides and one can be unknown.
        let (xDecides, yDecides) = deciding ? (x.canBeTrue, y.canBeTrue) : (x.canBeFalse, y.canBeFalse)
        let (xYields, yYields) = deciding ? (x.canBeFalse, y.canBeFalse) : (x.canBeTrue, y.canBeTrue)
        let decided = xDecides || yDecides
        let yielded = xYields && yYields
        let unknown = (x.canBeUnknown && (yYields || y.canBeUnknown)) || (y.canBeUnknown && xYields)
        return deciding ? PossibleCell.Truths(canBeTrue: decided, canBeFalse: yielded, canBeUnknown: unknown)
            : PossibleCell.Truths(canBeTrue: yielded, canBeFalse: decided, canBeUnknown: unknown)
    }

    /// `element in collection`: true if some option it can be is perhaps in the collection;
    /// false if some option it can be is not surely in it.
    static func member(_ element: PossibleCell, _ collection: PossibleCell) -> PossibleCell {
        guard element.kind != .none, collection.kind != .none else { return .unknown }
        let canBeUnknown = element.canBeUnknown || collection.canBeUnknown
        guard element.kind == .options, collection.kind != .options, let members = collection.members else {
            return .truth(canBeTrue: true, canBeFalse: true, canBeUnknown: canBeUnknown)
        }
        return .truth(canBeTrue: element.a & members.perhaps != 0, canBeFalse: element.a & ~members.surely != 0, canBeUnknown: canBeUnknown)
    }

    static func setLiteral(_ items: some Collection<PossibleCell>, type: Int32) -> PossibleCell {
        var surely: UInt64 = 0, perhaps: UInt64 = 0
        var canBeUnknown = false
        for item in items {
            if item.canBeUnknown { canBeUnknown = true }
            guard item.kind == .options else { return item.kind == .none ? .unknown : .anything }
            if item.a.nonzeroBitCount == 1 { surely |= item.a }
            perhaps |= item.a
        }
        return .sets(surely: surely, perhaps: perhaps, type: type, canBeUnknown: canBeUnknown)
    }

    /// `mean`, `sum`, `min` and `max` (unknown if any argument is) of the cells in `registers`
    /// (`mean_known`: see ``meanKnown(_:_:)``).
    static func aggregate(_ function: Instruction.Aggregate, _ cells: UnsafeMutablePointer<PossibleCell>,
                          _ registers: UnsafeBufferPointer<Register>) -> PossibleCell {
        guard let first = registers.first else { return .unknown }
        var canBeUnknown = false
        guard function == .min || function == .max else {
            var low = 0.0, high = 0.0
            for register in registers {
                let argument = cells[Int(register)]
                guard let b = argument.bounds else { return .unknown }
                (low, high) = (low + b.low, high + b.high)
                canBeUnknown = canBeUnknown || argument.canBeUnknown
            }
            if function == .mean { (low, high) = (low / Double(registers.count), high / Double(registers.count)) }
            return .numbers((low, high), canBeUnknown: canBeUnknown)
        }
        guard var (low, high) = cells[Int(first)].bounds else { return .unknown }
        for register in registers {
            let argument = cells[Int(register)]
            guard let b = argument.bounds else { return .unknown }
            (low, high) = function == .min ? (Swift.min(low, b.low), Swift.min(high, b.high)) : (Swift.max(low, b.low), Swift.max(high, b.high))
            canBeUnknown = canBeUnknown || argument.canBeUnknown
        }
        return .numbers((low, high), canBeUnknown: canBeUnknown)
    }

    /// `mean_known`: the mean of the arguments that are known. Its lowest value takes the
    /// arguments that must be known and adds, lowest first, those that may be known while they
    /// lower the mean (and at least one); its highest, the other way round. Unknown only when
    /// every argument can be. (Past 64 arguments, the bounds of them all.) Where no argument
    /// may or may not be known, the mean of those known, summed as they come.
    private static func meanKnown(_ cells: UnsafeMutablePointer<PossibleCell>, _ registers: UnsafeBufferPointer<Register>) -> PossibleCell {
        if let mean = meanOfKnown(cells, registers) { return mean }
        var surely: UInt64 = 0, perhaps: UInt64 = 0
        let many = registers.count > 64
        var all = (low: Double.infinity, high: -Double.infinity)
        var known = (low: 0.0, high: 0.0, count: 0.0)
        for (index, register) in registers.enumerated() {
            let argument = cells[Int(register)]
            guard let b = argument.bounds else {
                if argument.kind != .none { return .anything }  // known, but not a number
                continue
            }
            if many {
                all = (Swift.min(all.low, b.low), Swift.max(all.high, b.high))
                guard index < 64 else { continue }
            }
            if argument.canBeUnknown {
                perhaps |= 1 << UInt64(index)
            } else {
                surely |= 1 << UInt64(index)
                known = (known.low + b.low, known.high + b.high, known.count + 1)
            }
        }
        guard surely | perhaps != 0 else { return .unknown }
        guard !many else { return .numbers(all, canBeUnknown: surely == 0) }
        if perhaps == 0 { return .numbers((known.low / known.count, known.high / known.count), canBeUnknown: false) }
        let low = extreme(lowest: true, surely: surely, perhaps: perhaps, total: known.low, cells, registers)
        let high = extreme(lowest: false, surely: surely, perhaps: perhaps, total: known.high, cells, registers)
        return .numbers((low, high), canBeUnknown: surely == 0)
    }

    /// ``meanKnown(_:_:)`` where every argument is known and has bounds (most often): the mean
    /// of them all, summed as they come; `nil` otherwise.
    @inline(__always)
    private static func meanOfKnown(_ cells: UnsafeMutablePointer<PossibleCell>, _ registers: UnsafeBufferPointer<Register>) -> PossibleCell? {
        guard registers.count <= 64 else { return nil }
        var low = 0.0, high = 0.0
        for register in registers {
            let argument = cells[Int(register)]
            guard !argument.canBeUnknown, let b = argument.bounds else { return nil }
            (low, high) = (low + b.low, high + b.high)
        }
        return registers.isEmpty ? nil : .numbers((low / Double(registers.count), high / Double(registers.count)), canBeUnknown: false)
    }

    /// The lowest (or highest) mean of ``meanKnown(_:_:)`` where the arguments in `perhaps` may
    /// or may not be known: those in `surely` (their bounds summing to `total`) and, lowest (or
    /// highest) first, the first of equals first, those of `perhaps` that lower (or raise) the
    /// mean, and at least one. Each mean is summed in argument order, as the evaluator sums.
    private static func extreme(lowest: Bool, surely: UInt64, perhaps: UInt64, total: Double,
                                _ cells: UnsafeMutablePointer<PossibleCell>, _ registers: UnsafeBufferPointer<Register>) -> Double {
        @inline(__always) func bound(_ index: Int) -> Double {
            let b = cells[Int(registers[index])].bounds!
            return lowest ? b.low : b.high
        }
        var (chosen, rest, total) = (surely, perhaps, total)
        var current = total / Double(chosen.nonzeroBitCount)
        while rest != 0 {
            // The candidate that moves the mean furthest.
            var bits = rest & (rest - 1)
            var (next, value) = (rest.trailingZeroBitCount, bound(rest.trailingZeroBitCount))
            while bits != 0 {
                let index = bits.trailingZeroBitCount
                bits &= bits - 1
                let candidate = bound(index)
                if lowest ? candidate < value : candidate > value { (next, value) = (index, candidate) }
            }
            guard chosen == 0 || (lowest ? value < current : value > current) else { break }
            if chosen >> UInt64(next) == 0 {
                // After every argument chosen so far: the sum in argument order goes on.
                total += value
            } else {
                total = 0
                bits = chosen | 1 << UInt64(next)
                while bits != 0 {
                    total += bound(bits.trailingZeroBitCount)
                    bits &= bits - 1
                }
            }
            chosen |= 1 << UInt64(next)
            rest &= ~(1 << UInt64(next))
            current = total / Double(chosen.nonzeroBitCount)
        }
        return current
    }

    /// How many of the conditions in `registers` hold.
    static func countTrue(_ cells: UnsafeMutablePointer<PossibleCell>, _ registers: UnsafeBufferPointer<Register>) -> PossibleCell {
        var low = 0.0, high = 0.0
        var canBeUnknown = false
        for register in registers {
            let argument = cells[Int(register)]
            guard argument.kind == .booleans else {
                return argument.kind == .none ? .unknown : .numbers((0, Double(registers.count)), canBeUnknown: true)
            }
            if argument.a & 2 != 0 { high += 1 }
            if argument.a == 2 { low += 1 }
            canBeUnknown = canBeUnknown || argument.canBeUnknown
        }
        return .numbers((low, high), canBeUnknown: canBeUnknown)
    }

    static func setOperation(_ op: Instruction.SetOperator, _ x: PossibleCell, _ y: PossibleCell) -> PossibleCell {
        guard x.kind == .sets, y.kind == .sets else { return x.kind != .none && y.kind != .none ? .anything : .unknown }
        let (surely, perhaps): (UInt64, UInt64) = switch op {
        case .union: (x.a | y.a, x.b | y.b)
        case .intersection: (x.a & y.a, x.b & y.b)
        case .difference: (x.a & ~y.b, x.b & ~y.a)
        }
        return .sets(surely: surely, perhaps: perhaps, type: x.type, canBeUnknown: x.canBeUnknown || y.canBeUnknown)
    }

    /// `ranked(T, scores…)`: the list itself when every score is settled (the options with a
    /// score above 0, highest first, then by position, written to the run's arena); otherwise
    /// the options surely in it (a score surely above 0) and perhaps in it.
    private mutating func ranked(_ scores: Slice<UnsafeBufferPointer<Register>>, type: Int32) -> PossibleCell {
        let cells = self.cells
        func score(_ position: Int) -> PossibleCell { cells[Int(scores[scores.startIndex + position])] }
        var canBeUnknown = false, exact = true
        var surely: UInt64 = 0, perhaps: UInt64 = 0
        for position in 0..<scores.count {
            let score = score(position)
            guard score.kind != .none, let b = score.bounds else { return .unknown }
            canBeUnknown = canBeUnknown || score.canBeUnknown
            if b.low > 0 { surely |= 1 << UInt64(position) }
            if b.high > 0 { perhaps |= 1 << UInt64(position) }
            exact = exact && b.low == b.high
        }
        guard !canBeUnknown, exact else { return PossibleCell(kind: .lists, canBeUnknown: canBeUnknown, type: type, a: surely, b: perhaps) }
        // Settled: the scores above 0 are `surely`; take the highest left, the first of equals.
        let start = lists.count
        var rest = surely
        while rest != 0 {
            var best = rest.trailingZeroBitCount
            var bits = rest & (rest - 1)
            while bits != 0 {
                let position = bits.trailingZeroBitCount
                bits &= bits - 1
                if score(position).bounds!.low > score(best).bounds!.low { best = position }
            }
            lists.append(UInt8(best))
            rest &= ~(1 << UInt64(best))
        }
        return PossibleCell(exactly: Cell(list: surely, type: type, start: start, count: lists.count - start))
    }
}

/// The cells of a variadic instruction's operands, read where they are: a lazy map over the
/// operands would box its closure on every instruction.
struct OperandCells: RandomAccessCollection {
    let cells: UnsafeMutablePointer<PossibleCell>
    let registers: Slice<UnsafeBufferPointer<Register>>

    var startIndex: Int { registers.startIndex }
    var endIndex: Int { registers.endIndex }
    subscript(position: Int) -> PossibleCell { cells[Int(registers[position])] }
}
