/// The evaluation loop: runs a ``FlatProgram``'s instructions over a frame's registers, with the
/// same three-valued logic as the tree evaluator (``Machine``). Missing-answer sets are bit sets
/// of `words` words per register, so Kleene `and`/`or` and unions are bit operations.
extension EvaluationFrame {
    /// Evaluates answers: runs the whole program.
    mutating func run(_ answers: [Value?]) {
        texts.removeLast(texts.count - program.texts.count)
        lists.removeLast(lists.count - program.lists.count)
        notApplicableQuestions.removeAll(keepingCapacity: true)
        answers.withUnsafeBufferPointer { answers in
            execute(0..<program.instructions.count, answers)
        }
    }

    // MARK: Missing-answer bit sets

    @inline(__always) private func bits(_ register: Register) -> UnsafeMutablePointer<UInt64> {
        missing + Int(register) * words
    }

    @inline(__always) private func clearMissing(_ target: Register) {
        if words == 1 { missing[Int(target)] = 0 } else { bits(target).update(repeating: 0, count: words) }
    }

    @inline(__always) private func copyMissing(_ target: Register, _ a: Register) {
        if words == 1 { missing[Int(target)] = missing[Int(a)] } else { bits(target).update(from: bits(a), count: words) }
    }

    @inline(__always) private func addMissing(_ target: Register, _ a: Register) {
        if words == 1 { missing[Int(target)] |= missing[Int(a)]; return }
        let (t, s) = (bits(target), bits(a))
        for i in 0..<words { t[i] |= s[i] }
    }

    @inline(__always) private func unionMissing(_ target: Register, _ a: Register, _ b: Register) {
        if words == 1 { missing[Int(target)] = missing[Int(a)] | missing[Int(b)]; return }
        let (t, x, y) = (bits(target), bits(a), bits(b))
        for i in 0..<words { t[i] = x[i] | y[i] }
    }

    @inline(__always) private func insertMissing(_ target: Register, bit: Int) {
        bits(target)[bit / 64] |= 1 << UInt64(bit % 64)
    }

    /// A computed number, or unknown with the overflow mark when it is infinite or not a number.
    @inline(__always) private func storeNumber(_ target: Register, _ number: Double) {
        if number.isFinite {
            cells[Int(target)] = Cell(number: number)
        } else {
            cells[Int(target)] = .unknown
            insertMissing(target, bit: program.questionCount)
        }
    }

    // MARK: The loop

    /// Runs the instructions in `range`.
    mutating func execute(_ range: Range<Int>, _ answers: UnsafeBufferPointer<Value?>) {
        let code = program.instructions
        let operands = program.operands
        var pc = range.lowerBound
        while pc < range.upperBound {
            let instruction = code[pc]
            pc += 1
            let target = instruction.target
            let (a, b) = (Int(instruction.a), Int(instruction.b))
            switch instruction.opcode {
            case .copy:
                cells[Int(target)] = cells[a]
                copyMissing(target, instruction.a)
            case .skip:
                pc += a
            case .negate:
                copyMissing(target, instruction.a)
                if let number = cells[a].number { cells[Int(target)] = Cell(number: -number) } else { cells[Int(target)] = .unknown }
            case .not:
                copyMissing(target, instruction.a)
                let truth = cells[a].truth
                cells[Int(target)] = truth < 0 ? .unknown : Cell(boolean: truth == 0)
            case .arithmetic:
                unionMissing(target, instruction.a, instruction.b)
                guard let x = cells[a].number, let y = cells[b].number else {
                    cells[Int(target)] = .unknown
                    continue
                }
                switch Instruction.ArithmeticOperator(rawValue: instruction.variant)! {
                case .add: storeNumber(target, x + y)
                case .subtract: storeNumber(target, x - y)
                case .multiply: storeNumber(target, x * y)
                case .divide:
                    // Division by zero has no value; it is unknown rather than infinite.
                    if y == 0 { cells[Int(target)] = .unknown } else { storeNumber(target, x / y) }
                }
            case .compare:
                unionMissing(target, instruction.a, instruction.b)
                let (x, y) = (cells[a], cells[b])
                cells[Int(target)] = x.isKnown && y.isKnown
                    ? Cell(boolean: compare(Instruction.ComparisonOperator(rawValue: instruction.variant)!, x, y)) : .unknown
            case .and:
                kleene(target, instruction.a, instruction.b, deciding: 0)
            case .or:
                kleene(target, instruction.a, instruction.b, deciding: 1)
            case .member:
                unionMissing(target, instruction.a, instruction.b)
                let (element, set) = (cells[a], cells[b])
                guard element.isKnown, set.isKnown else {
                    cells[Int(target)] = .unknown
                    continue
                }
                let hit = element.kind == .option && (set.members.map { $0 & (1 << element.bits) != 0 } ?? false)
                cells[Int(target)] = Cell(boolean: hit)
            case .select:
                let condition = cells[Int(instruction.c)].truth
                if condition >= 0 {
                    let chosen = condition == 1 ? instruction.a : instruction.b
                    cells[Int(target)] = cells[Int(chosen)]
                    unionMissing(target, chosen, instruction.c)
                } else {
                    unionMissing(target, instruction.c, instruction.a)
                    addMissing(target, instruction.b)
                    // Unknown condition: the result is known only if both branches agree.
                    cells[Int(target)] = cells[a].isKnown && same(cells[a], cells[b]) ? cells[a] : .unknown
                }
            case .setLiteral:
                clearMissing(target)
                var mask: UInt64 = 0
                var known = true
                for register in operands[a..<a + b] {
                    addMissing(target, register)
                    let item = cells[Int(register)]
                    if item.kind == .option { mask |= 1 << item.bits } else { known = false }
                }
                cells[Int(target)] = known ? Cell(set: mask, type: instruction.c) : .unknown
            case .ranked:
                rank(target, operands[a..<a + b], type: instruction.c)
            case .aggregate:
                aggregate(target, operands[a..<a + b], Instruction.Aggregate(rawValue: instruction.variant)!)
            case .count:
                count(target, operands[a..<a + b])
            case .known:
                copyMissing(target, instruction.a)
                cells[Int(target)] = Cell(boolean: cells[a].isKnown)
            case .abs:
                copyMissing(target, instruction.a)
                if let number = cells[a].number { cells[Int(target)] = Cell(number: Swift.abs(number)) } else { cells[Int(target)] = .unknown }
            case .reverse:
                copyMissing(target, instruction.a)
                let option = cells[a]
                cells[Int(target)] = option.kind == .option
                    ? Cell(number: Double(program.optionCounts[Int(option.type)] - Int(option.bits))) : .unknown
            case .setOperation:
                unionMissing(target, instruction.a, instruction.b)
                let (x, y) = (cells[a], cells[b])
                guard x.kind == .set, y.kind == .set else {
                    cells[Int(target)] = .unknown
                    continue
                }
                let mask = switch Instruction.SetOperator(rawValue: instruction.variant)! {
                case .union: x.bits | y.bits
                case .intersection: x.bits & y.bits
                case .difference: x.bits & ~y.bits
                }
                cells[Int(target)] = Cell(set: mask, type: x.type)
            case .answer:
                answer(target, condition: instruction.a, answers)
            case .table:
                runTable(program.tables[a], answers)
            case .output:
                runOutput(program.outputs[a], answers)
            }
        }
    }

    /// Kleene `and` (`deciding` 0) and `or` (`deciding` 1): an operand equal to the deciding
    /// value settles the result, and only the missing answers of the operands that settled it
    /// could change it.
    @inline(__always) private func kleene(_ target: Register, _ a: Register, _ b: Register, deciding: Int8) {
        let (x, y) = (cells[Int(a)].truth, cells[Int(b)].truth)
        if x == deciding || y == deciding {
            cells[Int(target)] = Cell(boolean: deciding == 1)
            if x == deciding && y == deciding { unionMissing(target, a, b) } else { copyMissing(target, x == deciding ? a : b) }
            return
        }
        unionMissing(target, a, b)
        cells[Int(target)] = x >= 0 && y >= 0 ? Cell(boolean: deciding == 0) : .unknown
    }

    /// Whether two values are equal, as ``Value``'s `==` says (two unknowns are equal).
    func same(_ x: Cell, _ y: Cell) -> Bool {
        guard x.kind == y.kind else { return false }
        switch x.kind {
        case .unknown: return true
        case .number: return Double(bitPattern: x.bits) == Double(bitPattern: y.bits)
        case .boolean, .option, .set: return x.type == y.type && x.bits == y.bits
        case .text: return x.bits == y.bits || texts[Int(x.bits)] == texts[Int(y.bits)]
        case .list: return x.type == y.type && lists[x.listRange].elementsEqual(lists[y.listRange])
        }
    }

    /// A comparison of two known values, as ``Machine/compare(_:_:_:)`` makes it: numbers (and
    /// options, by position) by size; other values only for equality.
    func compare(_ op: Instruction.ComparisonOperator, _ x: Cell, _ y: Cell) -> Bool {
        if let a = x.number, let b = y.number {
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        }
        switch op {
        case .equal: return same(x, y)
        case .notEqual: return !same(x, y)
        default: return false
        }
    }

    // MARK: Functions

    private mutating func rank(_ target: Register, _ scores: Slice<UnsafeBufferPointer<Register>>, type: Int32) {
        clearMissing(target)
        ranking.removeAll(keepingCapacity: true)
        var known = true
        for (position, register) in scores.enumerated() {
            addMissing(target, register)
            guard let score = cells[Int(register)].number else {
                known = false
                continue
            }
            guard score > 0 else { continue }
            // Highest score first; ties keep declaration order.
            var index = ranking.count
            ranking.append((score, position))
            while index > 0 && ranking[index - 1].score < score {
                ranking.swapAt(index - 1, index)
                index -= 1
            }
        }
        guard known else {
            cells[Int(target)] = .unknown
            return
        }
        let start = lists.count
        var mask: UInt64 = 0
        for (_, position) in ranking {
            lists.append(UInt8(position))
            mask |= 1 << UInt64(position)
        }
        cells[Int(target)] = Cell(kind: .list, type: type, bits: mask, extra: UInt64(start) << 32 | UInt64(ranking.count))
    }

    /// `mean`, `min`, `max`, `sum` (unknown if any argument is) and `mean_known` (unknown only
    /// if all are).
    private func aggregate(_ target: Register, _ arguments: Slice<UnsafeBufferPointer<Register>>, _ function: Instruction.Aggregate) {
        clearMissing(target)
        var total = 0.0
        var lowest = Double.infinity
        var highest = -Double.infinity
        var known = 0
        for register in arguments {
            addMissing(target, register)
            guard let number = cells[Int(register)].number else { continue }
            total += number
            lowest = Swift.min(lowest, number)
            highest = Swift.max(highest, number)
            known += 1
        }
        guard known == arguments.count || (function == .meanKnown && known > 0) else {
            cells[Int(target)] = .unknown
            return
        }
        switch function {
        case .mean, .meanKnown: storeNumber(target, total / Double(known))
        case .min: storeNumber(target, lowest)
        case .max: storeNumber(target, highest)
        case .sum: storeNumber(target, total)
        }
    }

    /// `count(set)`, `count(list)`, or how many of the conditions hold.
    private func count(_ target: Register, _ arguments: Slice<UnsafeBufferPointer<Register>>) {
        clearMissing(target)
        for register in arguments { addMissing(target, register) }
        if arguments.count == 1 {
            let only = cells[Int(arguments.first!)]
            if only.kind == .set {
                cells[Int(target)] = Cell(number: Double(only.bits.nonzeroBitCount))
                return
            }
            if only.kind == .list {
                cells[Int(target)] = Cell(number: Double(only.listRange.count))
                return
            }
        }
        var count = 0
        for register in arguments {
            let truth = cells[Int(register)].truth
            guard truth >= 0 else {
                cells[Int(target)] = .unknown
                return
            }
            count += Int(truth)
        }
        cells[Int(target)] = Cell(number: Double(count))
    }

    // MARK: Questions, tables and outputs

    /// A question's answer; a question whose `when` is false does not apply: it stays unknown,
    /// and no answer could change that. When the condition is undecided, the question is asked,
    /// and the answers that decide the condition could still change it.
    private mutating func answer(_ slot: Register, condition: Int32, _ answers: UnsafeBufferPointer<Value?>) {
        if condition >= 0 && cells[Int(condition)].truth == 0 {
            notApplicableQuestions.append(slot)
            cells[Int(slot)] = .unknown
            copyMissing(slot, condition)
            return
        }
        clearMissing(slot)
        if Int(slot) < answers.count, let answer = answers[Int(slot)] {
            cells[Int(slot)] = Cell(answer, text: { text in
                texts.append(text)
                return texts.count - 1
            }, list: { positions in
                lists += positions.map { UInt8($0) }
                return lists.count - positions.count
            })
        } else {
            cells[Int(slot)] = .unknown
            insertMissing(slot, bit: Int(slot))
        }
        if condition >= 0 { addMissing(slot, condition) }
    }

    /// Whether a column's value passes an input cell: 1, 0, or -1 when the value is unknown.
    @inline(__always) private func matches(_ cell: FlatCell) -> Int8 {
        let value = cells[Int(cell.column)]
        guard value.isKnown else { return -1 }
        var hit = false
        for test in program.tests[cell.tests] {
            switch test.kind {
            case .compare: hit = compare(test.comparison, value, test.low)
            case .between: hit = compare(.greaterOrEqual, value, test.low) && compare(.lessOrEqual, value, test.high)
            }
            if hit { break }
        }
        return hit != cell.negated ? 1 : 0
    }

    private mutating func runTable(_ table: FlatTable, _ answers: UnsafeBufferPointer<Value?>) {
        let (columnMissing, partialInputs) = program.scratch
        clearMissing(columnMissing)
        clearMissing(partialInputs)
        for column in program.operands[table.columns] {
            addMissing(columnMissing, column)
            // Known inputs computed from partial answers could still change the outcome.
            if cells[Int(column)].isKnown { addMissing(partialInputs, column) }
        }
        candidates.removeAll(keepingCapacity: true)
        for row in program.rows[table.rows] {
            var verdict: Int8 = 1
            for cell in program.cells[row.cells] {
                let match = matches(cell)
                if match == 0 {
                    verdict = 0
                    break
                }
                if match < 0 { verdict = -1 }
            }
            guard verdict != 0 else { continue }
            if !row.code.isEmpty { execute(row.code, answers) }
            candidates.append(Candidate(fired: verdict, value: row.output, missing: columnMissing))
        }
        let target = table.slot
        switch table.policy {
        case .unique:
            // Rows never overlap, so a row that surely matched is the only one that can.
            if let sure = candidates.firstIndex(where: { $0.fired == 1 }) {
                first(target, candidates[sure...sure], missing: columnMissing, complete: true)
            } else {
                first(target, candidates[...], missing: columnMissing, complete: true)
            }
        case .first:
            first(target, candidates[...], missing: columnMissing, complete: true)
        case .priority:
            // The output that comes first in its type's declaration, then the first row.
            func rank(_ candidate: Candidate) -> UInt64 {
                let value = cells[Int(candidate.value)]
                return value.kind == .option ? value.bits : .max
            }
            for index in candidates.indices.dropFirst() {
                var position = index
                while position > 0 && rank(candidates[position - 1]) > rank(candidates[position]) {
                    candidates.swapAt(position - 1, position)
                    position -= 1
                }
            }
            first(target, candidates[...], missing: columnMissing, complete: true)
        case .collect:
            collect(target, elementType: table.elementType, ordered: false)
        case .ruleOrder:
            collect(target, elementType: table.elementType, ordered: true)
        }
        if cells[Int(target)].isKnown { addMissing(target, partialInputs) }
    }

    /// The first candidate that surely fired wins, unless one before it might have fired with
    /// another value. When `complete` (some row always matches, as checked for tables),
    /// undecided candidates that all agree decide the value too.
    private func first(_ target: Register, _ candidates: ArraySlice<Candidate>, missing: Register, complete: Bool) {
        clearMissing(target)
        guard let head = candidates.first else {
            cells[Int(target)] = .unknown
            addMissing(target, missing)
            return
        }
        let firstValue = cells[Int(head.value)]
        var agree = true
        for candidate in candidates {
            agree = agree && same(cells[Int(candidate.value)], firstValue)
            if candidate.fired == 1 {
                // Undecided candidates before it agree, so they cannot change the value.
                if agree {
                    cells[Int(target)] = cells[Int(candidate.value)]
                    copyMissing(target, candidate.value)
                    return
                }
                break
            }
            addMissing(target, candidate.missing)
        }
        if complete && agree && firstValue.isKnown {
            cells[Int(target)] = firstValue
            clearMissing(target)
            return
        }
        cells[Int(target)] = .unknown
        addMissing(target, missing)
    }

    /// The outputs of all candidates that fired; undecided ones add their missing answers.
    private mutating func collect(_ target: Register, elementType: Int32, ordered: Bool) {
        clearMissing(target)
        guard elementType >= 0 else {
            cells[Int(target)] = .unknown
            return
        }
        var mask: UInt64 = 0
        let start = lists.count
        for candidate in candidates {
            let value = cells[Int(candidate.value)]
            if candidate.fired == 1 && value.kind == .option {
                if ordered && mask & (1 << value.bits) == 0 { lists.append(UInt8(value.bits)) }
                mask |= 1 << value.bits
                addMissing(target, candidate.value)
            } else if candidate.fired < 0 {
                addMissing(target, candidate.missing)
            }
        }
        cells[Int(target)] = ordered
            ? Cell(kind: .list, type: elementType, bits: mask, extra: UInt64(start) << 32 | UInt64(lists.count - start))
            : Cell(set: mask, type: elementType)
    }

    private mutating func runOutput(_ output: FlatOutput, _ answers: UnsafeBufferPointer<Value?>) {
        // Missing answers of every setting rule, and of the rules that did not fire but could
        // have, ahead of the first rule that surely fired.
        let (allMissing, aheadMissing) = program.scratch
        clearMissing(allMissing)
        clearMissing(aheadMissing)
        candidates.removeAll(keepingCapacity: true)
        var sure = false
        for setter in program.setters[output.setters] {
            let fired = cells[Int(setter.verdict)].truth
            addMissing(allMissing, setter.verdict)
            if !sure { addMissing(aheadMissing, setter.verdict) }
            guard fired != 0 else { continue }
            for assignment in program.assignments[setter.assignments] {
                if !assignment.code.isEmpty { execute(assignment.code, answers) }
                candidates.append(Candidate(fired: fired, value: assignment.value, missing: setter.verdict))
            }
            if fired == 1 { sure = true }
        }
        let target = output.slot
        if output.setType >= 0 {
            var mask: UInt64 = 0
            copyMissing(target, allMissing)
            for candidate in candidates where candidate.fired == 1 {
                let value = cells[Int(candidate.value)]
                if value.kind == .option { mask |= 1 << value.bits } else if value.kind == .set { mask |= value.bits }
                addMissing(target, candidate.value)
            }
            cells[Int(target)] = Cell(set: mask, type: output.setType)
        } else {
            first(target, candidates[...], missing: allMissing, complete: false)
            if cells[Int(target)].isKnown { addMissing(target, aheadMissing) }
        }
    }
}
