/// The evaluation loop: runs a ``FlatProgram``'s instructions over a frame's registers, with the
/// same three-valued logic as the tree evaluator (``Machine``). Missing-answer sets are bit sets
/// of `words` words per register, so Kleene `and`/`or` and unions are bit operations.
extension EvaluationFrame {
    /// Evaluates answers: runs the whole program.
    mutating func run(_ answers: [Value?]) {
        makeUnique()
        registers.clearMissing(registers.open)
        execute(answers)
    }

    /// Evaluates answers with some questions left open: their answers are taken as missing,
    /// but what depends on them is partial (see ``Cell``), so that a value that comes out
    /// known is the same whatever they are answered.
    mutating func run(_ answers: [Value?], opening open: [Int], shapes: [(question: Int, shape: Cell)] = []) {
        makeUnique()
        openShapes = shapes
        registers.clearMissing(registers.open)
        for question in open { registers.insertMissing(registers.open, bit: question) }
        execute(answers)
    }

    /// What is known of an open question's answer.
    private func openShape(_ question: Int) -> Cell {
        openShapes.first { $0.question == question }?.shape ?? program.openShapes[question]
    }

    /// Whether a question is left open in this run.
    func isOpen(_ question: Int) -> Bool {
        registers.missing[Int(registers.open) * registers.words + question / 64] & (1 << UInt64(question % 64)) != 0
    }

    private mutating func execute(_ answers: [Value?]) {
        texts.removeLast(texts.count - program.texts.count)
        lists.removeLast(lists.count - program.lists.count)
        notApplicableQuestions.removeAll(keepingCapacity: true)
        answers.withUnsafeBufferPointer { answers in
            execute(0..<program.instructions.count, answers)
        }
    }

    // MARK: The loop

    /// Runs the instructions in `range`.
    mutating func execute(_ range: Range<Int>, _ answers: UnsafeBufferPointer<Value?>) {
        let r = registers
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
                r.cells[Int(target)] = r.cells[a]
                r.copyMissing(target, instruction.a)
            case .skip:
                pc += a
            case .negate:
                r.copyMissing(target, instruction.a)
                if let number = r.cells[a].number { r.cells[Int(target)] = Cell(number: -number) } else if !r.settleStrict(target, instruction.a) { r.cells[Int(target)] = PartialValues.negate(r.cells[a]) }
            case .not:
                r.copyMissing(target, instruction.a)
                let truth = r.cells[a].truth
                if truth >= 0 { r.cells[Int(target)] = Cell(boolean: truth == 0) } else if !r.settleStrict(target, instruction.a) { r.cells[Int(target)] = PartialValues.not(r.cells[a]) }
            case .arithmetic:
                r.unionMissing(target, instruction.a, instruction.b)
                let op = Instruction.ArithmeticOperator(rawValue: instruction.variant)!
                guard let x = r.cells[a].number, let y = r.cells[b].number else {
                    if !r.settleStrict(target, instruction.a, instruction.b) { r.cells[Int(target)] = PartialValues.arithmetic(op, r.cells[a], r.cells[b]) }
                    continue
                }
                switch op {
                case .add: r.storeNumber(target, x + y)
                case .subtract: r.storeNumber(target, x - y)
                case .multiply: r.storeNumber(target, x * y)
                case .divide:
                    // Division by zero has no value; it is unknown rather than infinite.
                    if y == 0 { r.cells[Int(target)] = .unknown } else { r.storeNumber(target, x / y) }
                }
            case .compare:
                r.unionMissing(target, instruction.a, instruction.b)
                let (x, y) = (r.cells[a], r.cells[b])
                let op = Instruction.ComparisonOperator(rawValue: instruction.variant)!
                if x.isKnown && y.isKnown {
                    r.cells[Int(target)] = Cell(boolean: compare(op, x, y))
                } else if !r.settleStrict(target, instruction.a, instruction.b) {
                    r.settle(target, PartialValues.compare(op, x, y))
                }
            case .and:
                r.kleene(target, instruction.a, instruction.b, deciding: 0)
            case .or:
                r.kleene(target, instruction.a, instruction.b, deciding: 1)
            case .all:
                r.kleene(target, operands[a..<a + b], deciding: 0)
            case .any:
                r.kleene(target, operands[a..<a + b], deciding: 1)
            case .member:
                r.unionMissing(target, instruction.a, instruction.b)
                let (element, set) = (r.cells[a], r.cells[b])
                guard element.isKnown, set.isKnown else {
                    if !r.settleStrict(target, instruction.a, instruction.b) { r.settle(target, PartialValues.member(element, set, options: program.optionCounts)) }
                    continue
                }
                let hit = element.kind == .option && (set.members.map { $0 & (1 << element.bits) != 0 } ?? false)
                r.cells[Int(target)] = Cell(boolean: hit)
            case .select:
                let condition = r.cells[Int(instruction.c)].truth
                if condition >= 0 {
                    let chosen = condition == 1 ? instruction.a : instruction.b
                    r.cells[Int(target)] = r.cells[Int(chosen)]
                    r.unionMissing(target, chosen, instruction.c)
                } else {
                    r.unionMissing(target, instruction.c, instruction.a)
                    r.addMissing(target, instruction.b)
                    // Unknown condition: the result is known only if both branches agree.
                    r.cells[Int(target)] = r.cells[a].isKnown && same(r.cells[a], r.cells[b]) ? r.cells[a]
                        : PartialValues.select(r.cells[Int(instruction.c)], r.cells[a], r.cells[b])
                }
            case .setLiteral:
                r.clearMissing(target)
                var mask: UInt64 = 0
                var known = true
                var definite = true
                for register in operands[a..<a + b] {
                    r.addMissing(target, register)
                    let item = r.cells[Int(register)]
                    if item.kind == .option { mask |= 1 << item.bits } else { known = false }
                    definite = definite && item.isDefinite
                }
                r.cells[Int(target)] = known ? Cell(set: mask, type: instruction.c)
                    : definite ? Cell(members: mask, nonMembers: 0, type: instruction.c) : .unknown
            case .ranked:
                rank(target, operands[a..<a + b], type: instruction.c)
            case .aggregate:
                r.aggregate(target, operands[a..<a + b], Instruction.Aggregate(rawValue: instruction.variant)!)
            case .count:
                r.count(target, operands[a..<a + b], options: program.optionCounts)
            case .known:
                r.copyMissing(target, instruction.a)
                // Unknown for now, but computed from open questions: it may become known.
                let cell = r.cells[a]
                if cell.isKnown || cell.partial == .none && !r.dependsOnOpen(instruction.a) {
                    r.cells[Int(target)] = Cell(boolean: cell.isKnown)
                } else {
                    // A partial value will be known whatever the answers; any other unknown
                    // computed from open questions may become known or not.
                    r.settle(target, cell.partial != .none ? Cell(boolean: true) : .willBeKnown)
                }
            case .abs:
                r.copyMissing(target, instruction.a)
                if let number = r.cells[a].number { r.cells[Int(target)] = Cell(number: Swift.abs(number)) } else if !r.settleStrict(target, instruction.a) { r.cells[Int(target)] = PartialValues.abs(r.cells[a]) }
            case .reverse:
                r.copyMissing(target, instruction.a)
                let option = r.cells[a]
                r.cells[Int(target)] = option.kind == .option
                    ? Cell(number: Double(program.optionCounts[Int(option.type)] - Int(option.bits))) : PartialValues.reverse(option, options: program.optionCounts)
            case .setOperation:
                r.unionMissing(target, instruction.a, instruction.b)
                let (x, y) = (r.cells[a], r.cells[b])
                let op = Instruction.SetOperator(rawValue: instruction.variant)!
                guard x.kind == .set, y.kind == .set else {
                    if !r.settleStrict(target, instruction.a, instruction.b) { r.cells[Int(target)] = PartialValues.setOperation(op, x, y, options: program.optionCounts) }
                    continue
                }
                let mask = switch op {
                case .union: x.bits | y.bits
                case .intersection: x.bits & y.bits
                case .difference: x.bits & ~y.bits
                }
                r.cells[Int(target)] = Cell(set: mask, type: x.type)
            case .answer:
                answer(target, condition: instruction.a, answers)
            case .table:
                runTable(program.tables[a], answers)
            case .output:
                runOutput(program.outputs[a], answers)
            }
        }
    }

    /// Whether two values are equal, as ``Value``'s `==` says (two unknowns are equal).
    func same(_ x: Cell, _ y: Cell) -> Bool {
        guard x.kind == y.kind else { return false }
        switch x.kind {
        // What is known of a partial value does not make two of them the same.
        case .unknown: return x.partial == .none && y.partial == .none
        case .number: return Double(bitPattern: x.bits) == Double(bitPattern: y.bits)
        case .boolean, .option, .set: return x.type == y.type && x.bits == y.bits
        case .text: return x.bits == y.bits || texts[Int(x.bits)] == texts[Int(y.bits)]
        case .list: return x.type == y.type && lists[x.listRange].elementsEqual(lists[y.listRange])
        }
    }

    /// A comparison of two known values, as ``Machine/compare(_:_:_:)`` makes it: numbers (and
    /// options, by position) by size; other values only for equality.
    func compare(_ op: Instruction.ComparisonOperator, _ x: Cell, _ y: Cell) -> Bool {
        if let a = x.number, let b = y.number { return Self.compare(op, a, b) }
        switch op {
        case .equal: return same(x, y)
        case .notEqual: return !same(x, y)
        default: return false
        }
    }

    @inline(__always) static func compare(_ op: Instruction.ComparisonOperator, _ a: Double, _ b: Double) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }

    // MARK: Functions

    private mutating func rank(_ target: Register, _ scores: Slice<UnsafeBufferPointer<Register>>, type: Int32) {
        let r = registers
        r.clearMissing(target)
        let ranking = scratch.ranking
        var count = 0
        var known = true
        for (position, register) in scores.enumerated() {
            r.addMissing(target, register)
            guard let score = r.cells[Int(register)].number else {
                known = false
                continue
            }
            guard score > 0 else { continue }
            // Highest score first; ties keep declaration order.
            var index = count
            ranking[index] = (score, position)
            count += 1
            while index > 0 && ranking[index - 1].score < score {
                ranking.swapAt(index - 1, index)
                index -= 1
            }
        }
        guard known else {
            let definite = scores.allSatisfy { r.cells[Int($0)].isDefinite }
            r.cells[Int(target)] = definite ? .willBeKnown : .unknown
            return
        }
        let start = lists.count
        var mask: UInt64 = 0
        for (_, position) in ranking[..<count] {
            lists.append(UInt8(position))
            mask |= 1 << UInt64(position)
        }
        r.cells[Int(target)] = Cell(kind: .list, type: type, bits: mask, extra: UInt64(start) << 32 | UInt64(count))
    }

    // MARK: Questions, tables and outputs

    /// A question's answer; a question whose `when` is false does not apply: it stays unknown,
    /// and no answer could change that. When the condition is undecided, the question is asked,
    /// and the answers that decide the condition could still change it.
    private mutating func answer(_ slot: Register, condition: Int32, _ answers: UnsafeBufferPointer<Value?>) {
        let r = registers
        if condition >= 0 && r.cells[Int(condition)].truth == 0 {
            notApplicableQuestions.append(slot)
            r.cells[Int(slot)] = .unknown
            r.copyMissing(slot, condition)
            return
        }
        r.clearMissing(slot)
        guard Int(slot) < answers.count else {
            r.cells[Int(slot)] = .unknown
            r.insertMissing(slot, bit: Int(slot))
            if condition >= 0 { r.addMissing(slot, condition) }
            return
        }
        switch answers[Int(slot)] {
        case .some(.option(let type, let position)): r.cells[Int(slot)] = Cell(option: position, type: Int32(type))
        case .some(.number(let number)): r.cells[Int(slot)] = Cell(number: number)
        case .some(.set(let type, let mask)): r.cells[Int(slot)] = Cell(set: mask, type: Int32(type))
        case .some(.boolean(let flag)): r.cells[Int(slot)] = Cell(boolean: flag)
        case .some(let answer):
            r.cells[Int(slot)] = Cell(answer, text: { text in
                texts.append(text)
                return texts.count - 1
            }, list: { positions in
                lists += positions.map { UInt8($0) }
                return lists.count - positions.count
            })
        case .none:
            // A question a what-if search leaves open will have some answer, if it is asked.
            let asked = condition < 0 || r.cells[Int(condition)].truth == 1
            r.cells[Int(slot)] = asked && isOpen(Int(slot)) ? openShape(Int(slot)) : .unknown
            r.insertMissing(slot, bit: Int(slot))
        }
        if condition >= 0 { r.addMissing(slot, condition) }
    }

    /// Whether a column's value passes an input cell: 1, 0, or -1 when the value is unknown.
    @inline(__always) private func matches(_ cell: FlatCell) -> Int8 {
        let value = registers.cells[Int(cell.column)]
        guard value.isKnown else { return value.partial == .none ? -1 : partialMatch(cell, value) }
        var hit = false
        if let number = value.number {
            // Numbers and options compare by size (options by position), as `compare` does.
            for test in program.tests[cell.tests] {
                switch test.kind {
                case .compare: hit = test.low.number.map { Self.compare(test.comparison, number, $0) } ?? compare(test.comparison, value, test.low)
                case .between: hit = compare(.greaterOrEqual, value, test.low) && compare(.lessOrEqual, value, test.high)
                }
                if hit { break }
            }
        } else {
            for test in program.tests[cell.tests] {
                switch test.kind {
                case .compare: hit = compare(test.comparison, value, test.low)
                case .between: hit = compare(.greaterOrEqual, value, test.low) && compare(.lessOrEqual, value, test.high)
                }
                if hit { break }
            }
        }
        return hit != cell.negated ? 1 : 0
    }

    /// Whether a partial column value passes an input cell, as far as its bounds tell.
    private func partialMatch(_ cell: FlatCell, _ value: Cell) -> Int8 {
        var result: Int8 = 0
        for test in program.tests[cell.tests] {
            let passes = PartialValues.passes(test, value)
            if passes == 1 { return cell.negated ? 0 : 1 }
            if passes < 0 { result = -1 }
        }
        return result < 0 ? -1 : cell.negated ? 1 : 0
    }

    private mutating func runTable(_ table: FlatTable, _ answers: UnsafeBufferPointer<Value?>) {
        let r = registers
        let (columnMissing, partialInputs) = program.scratch
        r.clearMissing(columnMissing)
        r.clearMissing(partialInputs)
        for column in program.operands[table.columns] {
            r.addMissing(columnMissing, column)
            // Known inputs computed from partial answers could still change the outcome.
            if r.cells[Int(column)].isKnown { r.addMissing(partialInputs, column) }
        }
        let candidates = scratch.candidates
        var count = 0
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
            candidates[count] = Candidate(fired: verdict, value: row.output, missing: columnMissing)
            count += 1
        }
        let target = table.slot
        switch table.policy {
        case .unique:
            // Rows never overlap, so a row that surely matched is the only one that can.
            if let sure = candidates[..<count].firstIndex(where: { $0.fired == 1 }) {
                first(target, sure..<sure + 1, missing: columnMissing, complete: true)
            } else {
                first(target, 0..<count, missing: columnMissing, complete: true)
            }
        case .first:
            first(target, 0..<count, missing: columnMissing, complete: true)
        case .priority:
            // The output that comes first in its type's declaration, then the first row.
            func rank(_ candidate: Candidate) -> UInt64 {
                let value = r.cells[Int(candidate.value)]
                return value.kind == .option ? value.bits : .max
            }
            for index in 0..<count {
                var position = index
                while position > 0 && rank(candidates[position - 1]) > rank(candidates[position]) {
                    candidates.swapAt(position - 1, position)
                    position -= 1
                }
            }
            first(target, 0..<count, missing: columnMissing, complete: true)
        case .collect:
            collect(target, count, elementType: table.elementType, ordered: false)
        case .ruleOrder:
            collect(target, count, elementType: table.elementType, ordered: true)
        }
        if r.cells[Int(target)].isKnown {
            r.addMissing(target, partialInputs)
        } else if table.paired != 0 {
            // A paired column that stays unknown whatever the open questions' answers keeps
            // the value unknown too.
            for (position, column) in program.operands[table.columns].enumerated()
                where position < 64 && table.paired & (1 << UInt64(position)) != 0 && r.fixedUnknown(column) {
                _ = r.settleStrict(target, column)
                break
            }
        }
    }

    /// The first candidate that surely fired wins, unless one before it might have fired with
    /// another value. When `complete` (some row always matches, as checked for tables),
    /// undecided candidates that all agree decide the value too.
    private func first(_ target: Register, _ range: Range<Int>, missing: Register, complete: Bool) {
        let r = registers
        r.clearMissing(target)
        guard let head = range.first.map({ scratch.candidates[$0] }) else {
            r.cells[Int(target)] = .unknown
            r.addMissing(target, missing)
            return
        }
        let firstValue = r.cells[Int(head.value)]
        var agree = true
        for candidate in scratch.candidates[range] {
            agree = agree && same(r.cells[Int(candidate.value)], firstValue)
            if candidate.fired == 1 {
                // Undecided candidates before it agree, so they cannot change the value.
                if agree {
                    r.cells[Int(target)] = r.cells[Int(candidate.value)]
                    r.copyMissing(target, candidate.value)
                    return
                }
                break
            }
            r.addMissing(target, candidate.missing)
        }
        if complete && agree && firstValue.isKnown {
            r.cells[Int(target)] = firstValue
            r.clearMissing(target)
            return
        }
        r.cells[Int(target)] = .unknown
        r.addMissing(target, missing)
    }

    /// The outputs of the first `count` candidates that fired; undecided ones add their missing
    /// answers.
    private mutating func collect(_ target: Register, _ count: Int, elementType: Int32, ordered: Bool) {
        let r = registers
        r.clearMissing(target)
        guard elementType >= 0 else {
            r.cells[Int(target)] = .unknown
            return
        }
        var mask: UInt64 = 0
        let start = lists.count
        for candidate in scratch.candidates[..<count] {
            let value = r.cells[Int(candidate.value)]
            if candidate.fired == 1 && value.kind == .option {
                if ordered && mask & (1 << value.bits) == 0 { lists.append(UInt8(value.bits)) }
                mask |= 1 << value.bits
                r.addMissing(target, candidate.value)
            } else if candidate.fired < 0 {
                r.addMissing(target, candidate.missing)
            }
        }
        r.cells[Int(target)] = ordered
            ? Cell(kind: .list, type: elementType, bits: mask, extra: UInt64(start) << 32 | UInt64(lists.count - start))
            : Cell(set: mask, type: elementType)
    }

    private mutating func runOutput(_ output: FlatOutput, _ answers: UnsafeBufferPointer<Value?>) {
        let r = registers
        // Missing answers of every setting rule, and of the rules that did not fire but could
        // have, ahead of the first rule that surely fired.
        let (allMissing, aheadMissing) = program.scratch
        r.clearMissing(allMissing)
        r.clearMissing(aheadMissing)
        var count = 0
        var sure = false
        for setter in program.setters[output.setters] {
            let fired = r.cells[Int(setter.verdict)].truth
            r.addMissing(allMissing, setter.verdict)
            if !sure { r.addMissing(aheadMissing, setter.verdict) }
            guard fired != 0 else { continue }
            for assignment in program.assignments[setter.assignments] {
                if !assignment.code.isEmpty { execute(assignment.code, answers) }
                scratch.candidates[count] = Candidate(fired: fired, value: assignment.value, missing: setter.verdict)
                count += 1
            }
            if fired == 1 { sure = true }
        }
        let target = output.slot
        if output.setType >= 0 {
            var mask: UInt64 = 0
            r.copyMissing(target, allMissing)
            for candidate in scratch.candidates[..<count] where candidate.fired == 1 {
                let value = r.cells[Int(candidate.value)]
                if value.kind == .option { mask |= 1 << value.bits } else if value.kind == .set { mask |= value.bits }
                r.addMissing(target, candidate.value)
            }
            r.cells[Int(target)] = Cell(set: mask, type: output.setType)
        } else {
            first(target, 0..<count, missing: allMissing, complete: false)
            if r.cells[Int(target)].isKnown { r.addMissing(target, aheadMissing) }
        }
    }
}

/// The registers of a frame: their cells and missing-answer bit sets, with the operations on
/// them that need nothing else. A value of its own (its pointers copied into locals), so that
/// the loop reads them without reloading them from the frame.
struct Registers: @unchecked Sendable {
    let cells: UnsafeMutablePointer<Cell>
    let missing: UnsafeMutablePointer<UInt64>
    /// 64-bit words per bit set.
    let words: Int
    /// The bit that marks "the computation overflows".
    let overflowBit: Int
    /// The register whose missing-answer bits are the questions left open (none in ordinary
    /// evaluations).
    let open: Register

    /// Stores a result of ``PartialValues``: one that comes out known does not depend on the
    /// open questions, whatever their answers, so they leave its missing answers.
    @inline(__always) func settle(_ target: Register, _ cell: Cell) {
        cells[Int(target)] = cell
        guard cell.isKnown else { return }
        let (t, o) = (bits(target), bits(open))
        for i in 0..<words { t[i] &= ~o[i] }
    }

    /// For an operation that has no value when an operand has none: when an operand stays
    /// unknown whatever the open questions' answers, so does the result, and they leave its
    /// missing answers. Returns whether that settled it.
    @inline(__always) func settleStrict(_ target: Register, _ a: Register, _ b: Register? = nil) -> Bool {
        guard fixedUnknown(a) || b.map(fixedUnknown) == true else { return false }
        cells[Int(target)] = .unknown
        let (t, o) = (bits(target), bits(open))
        for i in 0..<words { t[i] &= ~o[i] }
        return true
    }

    /// Whether a register is unknown and stays so whatever the open questions' answers (there
    /// are open questions, and it is neither partial nor depends on them).
    @inline(__always) func fixedUnknown(_ register: Register) -> Bool {
        let cell = cells[Int(register)]
        guard cell.kind == .unknown, cell.partial == .none else { return false }
        let o = bits(open)
        return (0..<words).contains { o[$0] != 0 } && !dependsOnOpen(register)
    }

    /// Whether a register's value could change with the answers to the open questions.
    @inline(__always) func dependsOnOpen(_ register: Register) -> Bool {
        let (r, o) = (bits(register), bits(open))
        for i in 0..<words where r[i] & o[i] != 0 { return true }
        return false
    }

    // MARK: Missing-answer bit sets

    @inline(__always) func bits(_ register: Register) -> UnsafeMutablePointer<UInt64> {
        missing + Int(register) * words
    }

    @inline(__always) func clearMissing(_ target: Register) {
        if words == 1 { missing[Int(target)] = 0 } else { bits(target).update(repeating: 0, count: words) }
    }

    @inline(__always) func copyMissing(_ target: Register, _ a: Register) {
        if words == 1 { missing[Int(target)] = missing[Int(a)] } else { bits(target).update(from: bits(a), count: words) }
    }

    @inline(__always) func addMissing(_ target: Register, _ a: Register) {
        if words == 1 { missing[Int(target)] |= missing[Int(a)]; return }
        let (t, s) = (bits(target), bits(a))
        for i in 0..<words { t[i] |= s[i] }
    }

    @inline(__always) func unionMissing(_ target: Register, _ a: Register, _ b: Register) {
        if words == 1 { missing[Int(target)] = missing[Int(a)] | missing[Int(b)]; return }
        let (t, x, y) = (bits(target), bits(a), bits(b))
        for i in 0..<words { t[i] = x[i] | y[i] }
    }

    @inline(__always) func insertMissing(_ target: Register, bit: Int) {
        bits(target)[bit / 64] |= 1 << UInt64(bit % 64)
    }

    /// A computed number, or unknown with the overflow mark when it is infinite or not a number.
    @inline(__always) func storeNumber(_ target: Register, _ number: Double) {
        if number.isFinite {
            cells[Int(target)] = Cell(number: number)
        } else {
            cells[Int(target)] = .unknown
            insertMissing(target, bit: overflowBit)
        }
    }

    /// Kleene `and` (`deciding` 0) and `or` (`deciding` 1): an operand equal to the deciding
    /// value settles the result, and only the missing answers of the operands that settled it
    /// could change it.
    @inline(__always) func kleene(_ target: Register, _ a: Register, _ b: Register, deciding: Int8) {
        let (x, y) = (cells[Int(a)].truth, cells[Int(b)].truth)
        if x == deciding || y == deciding {
            cells[Int(target)] = Cell(boolean: deciding == 1)
            if x == deciding && y == deciding { unionMissing(target, a, b) } else { copyMissing(target, x == deciding ? a : b) }
            return
        }
        unionMissing(target, a, b)
        if x >= 0 && y >= 0 {
            cells[Int(target)] = Cell(boolean: deciding == 0)
        } else {
            cells[Int(target)] = cells[Int(a)].isDefinite && cells[Int(b)].isDefinite ? .willBeKnown : .unknown
        }
    }

    /// Kleene `and`/`or` of several operands, as the nested pairs give it: settled by the
    /// operands equal to the deciding value, with only their missing answers.
    func kleene(_ target: Register, _ operands: Slice<UnsafeBufferPointer<Register>>, deciding: Int8) {
        clearMissing(target)
        var settled = false
        var unknown = false
        var definite = true
        for operand in operands {
            let truth = cells[Int(operand)].truth
            if truth == deciding {
                if !settled { clearMissing(target) }
                settled = true
                addMissing(target, operand)
            } else if !settled {
                addMissing(target, operand)
                if truth < 0 {
                    unknown = true
                    definite = definite && cells[Int(operand)].isDefinite
                }
            }
        }
        cells[Int(target)] = settled ? Cell(boolean: deciding == 1)
            : unknown ? (definite ? .willBeKnown : .unknown) : Cell(boolean: deciding == 0)
    }

    /// `mean`, `min`, `max`, `sum` (unknown if any argument is) and `mean_known` (unknown only
    /// if all are); bounds when some arguments are partial (see ``PartialValues``).
    func aggregate(_ target: Register, _ arguments: Slice<UnsafeBufferPointer<Register>>, _ function: Instruction.Aggregate) {
        clearMissing(target)
        var total = 0.0
        var lowest = Double.infinity
        var highest = -Double.infinity
        var known = 0
        // Partial arguments: how many, their bounds' sums, least and greatest bounds.
        var partial = 0
        var unbounded = false
        var plain = 0
        var sums = (low: 0.0, high: 0.0)
        var least = (low: Double.infinity, high: Double.infinity)
        var greatest = (low: -Double.infinity, high: -Double.infinity)
        for register in arguments {
            addMissing(target, register)
            let cell = cells[Int(register)]
            guard let number = cell.number else {
                if cell.partial == .none {
                    // `mean_known` leaves out what stays unknown, whatever the open questions' answers.
                    if function != .meanKnown || dependsOnOpen(register) { plain += 1 }
                } else if let (low, high) = cell.bounds {
                    partial += 1
                    sums = (sums.low + low, sums.high + high)
                    least = (Swift.min(least.low, low), Swift.min(least.high, high))
                    greatest = (Swift.max(greatest.low, low), Swift.max(greatest.high, high))
                } else {
                    partial += 1
                    unbounded = true
                }
                continue
            }
            total += number
            lowest = Swift.min(lowest, number)
            highest = Swift.max(highest, number)
            known += 1
        }
        guard partial == 0 else {
            if function != .meanKnown, arguments.contains(where: fixedUnknown) {
                _ = settleStrict(target, arguments.first(where: fixedUnknown)!)
                return
            }
            // An unknown that is not partial may become known or not: nothing can be said.
            guard plain == 0 else {
                cells[Int(target)] = .unknown
                return
            }
            guard !unbounded else {
                cells[Int(target)] = .willBeKnown
                return
            }
            let count = Double(known + partial)
            let (low, high): (Double, Double) = switch function {
            case .mean, .meanKnown: ((total + sums.low) / count, (total + sums.high) / count)
            case .sum: (total + sums.low, total + sums.high)
            case .min: (Swift.min(lowest, least.low), Swift.min(lowest, least.high))
            case .max: (Swift.max(highest, greatest.low), Swift.max(highest, greatest.high))
            }
            cells[Int(target)] = low.isFinite && high.isFinite ? Cell(low: low, high: high) : .unknown
            return
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

    /// `count(set)`, `count(list)`, or how many of the conditions hold; bounds when some are
    /// partial (see ``PartialValues``).
    func count(_ target: Register, _ arguments: Slice<UnsafeBufferPointer<Register>>, options: UnsafeBufferPointer<Int>) {
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
            if only.partial == .set, let (members, nonMembers) = only.setBounds(options: options[Int(only.type)]) {
                let all = options[Int(only.type)]
                cells[Int(target)] = Cell(low: Double(members.nonzeroBitCount), high: Double(all - nonMembers.nonzeroBitCount))
                return
            }
            if only.partial != .none && only.truth < 0 && only.type < 0 {
                cells[Int(target)] = .willBeKnown
                return
            }
        }
        var count = 0
        var undecided = 0
        for register in arguments {
            let cell = cells[Int(register)]
            let truth = cell.truth
            guard truth >= 0 else {
                guard cell.isDefinite else {
                    cells[Int(target)] = .unknown
                    return
                }
                undecided += 1
                continue
            }
            count += Int(truth)
        }
        cells[Int(target)] = undecided == 0 ? Cell(number: Double(count)) : Cell(low: Double(count), high: Double(count + undecided))
    }
}

/// A frame's scratch space: the rows or rules that matched or might have, while a table or
/// output is resolved; scores and positions, while `ranked` orders them.
struct ScratchBuffers: @unchecked Sendable {
    let candidates: UnsafeMutableBufferPointer<Candidate>
    let ranking: UnsafeMutableBufferPointer<(score: Double, position: Int)>
}
