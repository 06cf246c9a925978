/// The evaluation loop: runs a ``FlatProgram``'s instructions over a frame's registers, with the
/// same three-valued logic as the tree evaluator (``Machine``). Missing-answer sets are bit sets
/// of `words` words per register, so Kleene `and`/`or` and unions are bit operations; the loop
/// is compiled twice, once for rule bases of up to 63 questions (one word, the common case) and
/// once for any width.
extension EvaluationFrame {
    /// Evaluates answers: runs the whole program.
    mutating func run(_ answers: [Value?]) {
        makeUnique()
        resetArenas()
        if !notApplicableQuestions.isEmpty { notApplicableQuestions.removeAll(keepingCapacity: true) }
        answers.withUnsafeBufferPointer { answers in
            execute(0..<program.instructions.count, answers)
        }
    }

    /// Runs the instructions in `range`.
    mutating func execute(_ range: Range<Int>, _ answers: UnsafeBufferPointer<Value?>) {
        let r = registers
        if r.words == 1 {
            loop(range, answers, Registers(cells: r.cells, missing: r.missing, words: 1, overflowBit: r.overflowBit))
        } else {
            loop(range, answers, r)
        }
    }

    // MARK: The loop

    @inline(__always)
    private mutating func loop(_ range: Range<Int>, _ answers: UnsafeBufferPointer<Value?>, _ r: Registers) {
        let code = program.instructions.baseAddress.unsafelyUnwrapped
        let operands = program.operands
        let (lookups, entries) = (program.lookups, program.lookupEntries)
        // Walked by pointer, not by index: the loop's step is one addition.
        var next = code + range.lowerBound
        let end = code + range.upperBound
        while next < end {
            // Each operand read where it is used: an instruction loads only the fields it needs.
            let instruction = next
            next += 1
            var t: Int { Int(instruction.pointee.target) }
            var a: Int { Int(instruction.pointee.a) }
            var b: Int { Int(instruction.pointee.b) }
            switch instruction.pointee.opcode {
            case .copy:
                r.cells[t] = r.cells[a]
                r.copyMissing(t, a)
            case .skip:
                next += a
            case .negate:
                r.copyMissing(t, a)
                r.cells[t] = r.cells[a].number.map { Cell(number: -$0) } ?? .unknown
            case .not:
                r.copyMissing(t, a)
                let truth = r.cells[a].truth
                r.cells[t] = truth >= 0 ? Cell(boolean: truth == 0) : .unknown
            case .abs:
                r.copyMissing(t, a)
                r.cells[t] = r.cells[a].number.map { Cell(number: Swift.abs($0)) } ?? .unknown
            case .reverse:
                r.copyMissing(t, a)
                let option = r.cells[a]
                r.cells[t] = option.kind == .option ? Cell(number: Double(program.optionCounts[Int(option.type)] - Int(option.bits))) : .unknown
            case .arithmetic:
                r.unionMissing(t, a, b)
                guard let x = r.cells[a].number, let y = r.cells[b].number else {
                    r.cells[t] = .unknown
                    continue
                }
                switch instruction.pointee.arithmeticOperator {
                case .add: r.storeNumber(t, x + y)
                case .subtract: r.storeNumber(t, x - y)
                case .multiply: r.storeNumber(t, x * y)
                case .divide:
                    // Division by zero has no value; it is unknown rather than infinite.
                    if y == 0 { r.cells[t] = .unknown } else { r.storeNumber(t, x / y) }
                }
            case .compareNumbers:
                r.unionMissing(t, a, b)
                let (x, y) = (r.cells[a], r.cells[b])
                if x.kind == .number && y.kind == .number {
                    r.cells[t] = Cell(boolean: instruction.pointee.holds(Double(bitPattern: x.bits), Double(bitPattern: y.bits)))
                } else {
                    r.cells[t] = x.isKnown && y.isKnown ? Cell(boolean: compare(instruction.pointee.comparison, x, y)) : .unknown
                }
            case .compareOptions:
                r.unionMissing(t, a, b)
                let (x, y) = (r.cells[a], r.cells[b])
                if x.kind == .option && y.kind == .option {
                    r.cells[t] = Cell(boolean: instruction.pointee.holds(x.bits, y.bits))
                } else {
                    r.cells[t] = x.isKnown && y.isKnown ? Cell(boolean: compare(instruction.pointee.comparison, x, y)) : .unknown
                }
            case .compareOptionWith:
                r.copyMissing(t, a)
                let x = r.cells[a]
                if x.kind == .option && x.bits < 32 {
                    r.cells[t] = Cell(boolean: UInt32(bitPattern: instruction.pointee.c) >> UInt32(truncatingIfNeeded: x.bits) & 1 == 1)
                } else if x.kind == .option {
                    r.cells[t] = Cell(boolean: instruction.pointee.holds(x.bits, UInt64(b)))
                } else {
                    r.cells[t] = x.isKnown ? Cell(boolean: compare(instruction.pointee.comparison, x, Cell(option: b, type: x.type))) : .unknown
                }
            case .compareNumberWith:
                r.copyMissing(t, a)
                let x = r.cells[a]
                let constant = Double(bitPattern: instruction.pointee.wide)
                if x.kind == .number {
                    r.cells[t] = Cell(boolean: instruction.pointee.holds(Double(bitPattern: x.bits), constant))
                } else {
                    r.cells[t] = x.isKnown ? Cell(boolean: compare(instruction.pointee.comparison, x, Cell(number: constant))) : .unknown
                }
            case .compareValues:
                r.unionMissing(t, a, b)
                let (x, y) = (r.cells[a], r.cells[b])
                r.cells[t] = x.isKnown && y.isKnown ? Cell(boolean: compare(instruction.pointee.comparison, x, y)) : .unknown
            case .and:
                r.kleene(t, a, b, deciding: 0)
            case .or:
                r.kleene(t, a, b, deciding: 1)
            case .all:
                r.kleene(t, operands[a..<a + b], deciding: 0)
            case .any:
                r.kleene(t, operands[a..<a + b], deciding: 1)
            case .member:
                r.unionMissing(t, a, b)
                let (element, set) = (r.cells[a], r.cells[b])
                guard element.isKnown, set.isKnown else {
                    r.cells[t] = .unknown
                    continue
                }
                r.cells[t] = Cell(boolean: element.kind == .option && (set.members ?? 0) >> element.bits & 1 == 1)
            case .memberOfConstant:
                r.copyMissing(t, a)
                let element = r.cells[a]
                r.cells[t] = element.isKnown ? Cell(boolean: element.kind == .option && instruction.pointee.wide >> element.bits & 1 == 1) : .unknown
            case .containsConstant:
                r.copyMissing(t, a)
                let set = r.cells[a]
                r.cells[t] = set.isKnown ? Cell(boolean: (set.members ?? 0) >> UInt64(b) & 1 == 1) : .unknown
            case .select:
                let c = Int(instruction.pointee.c)
                let condition = r.cells[c].truth
                if condition >= 0 {
                    let chosen = condition == 1 ? a : b
                    r.cells[t] = r.cells[chosen]
                    r.unionMissing(t, chosen, c)
                } else {
                    r.unionMissing(t, c, a)
                    r.addMissing(t, b)
                    // Unknown condition: the result is known only if both branches agree.
                    r.cells[t] = r.cells[a].isKnown && same(r.cells[a], r.cells[b]) ? r.cells[a] : .unknown
                }
            case .setLiteral:
                r.clearMissing(t)
                var mask: UInt64 = 0
                var known = true
                for register in operands[a..<a + b] {
                    r.addMissing(t, Int(register))
                    let item = r.cells[Int(register)]
                    if item.kind == .option { mask |= 1 << item.bits } else { known = false }
                }
                r.cells[t] = known ? Cell(set: mask, type: instruction.pointee.c) : .unknown
            case .ranked:
                rank(t, operands[a..<a + b], type: instruction.pointee.c, r)
            case .aggregate:
                r.aggregate(t, operands[a..<a + b], instruction.pointee.aggregate)
            case .countTrue:
                r.clearMissing(t)
                var count = 0
                var known = true
                for register in operands[a..<a + b] {
                    r.addMissing(t, Int(register))
                    let truth = r.cells[Int(register)].truth
                    if truth < 0 { known = false } else { count += Int(truth) }
                }
                r.cells[t] = known ? Cell(number: Double(count)) : .unknown
            case .countMembers:
                r.copyMissing(t, a)
                let set = r.cells[a]
                r.cells[t] = set.kind == .set ? Cell(number: Double(set.bits.nonzeroBitCount))
                    : set.kind == .list ? Cell(number: Double(set.listRange.count)) : .unknown
            case .countIs:
                r.copyMissing(t, a)
                let set = r.cells[a]
                let passing = UInt32(bitPattern: instruction.pointee.c)
                if set.kind == .set {
                    // Variant 0 has no second set (`b` is -1): read `b` only for variants 1 and 2.
                    let members = instruction.pointee.variant == 0 ? set.bits
                        : instruction.pointee.variant == 1 ? set.bits & r.cells[b].bits : set.bits & ~r.cells[b].bits
                    // `passing` has bit n set where a count of n passes: `> 0` is every bit but
                    // bit 0 (~1), `== 0` bit 0 alone (1). Those two, nearly all of them, without counting.
                    r.cells[t] = Cell(boolean: passing == ~1 ? members != 0 : passing == 1 ? members == 0
                        : passing >> UInt32(Swift.min(members.nonzeroBitCount, 31)) & 1 == 1)
                } else if set.kind == .list && instruction.pointee.variant == 0 {
                    r.cells[t] = Cell(boolean: passing >> UInt32(Swift.min(set.listRange.count, 31)) & 1 == 1)
                } else {
                    r.cells[t] = .unknown
                }
            case .countKnown:
                r.clearMissing(t)
                var count = 0
                for register in operands[a..<a + b] {
                    r.addMissing(t, Int(register))
                    if r.cells[Int(register)].isKnown { count += 1 }
                }
                r.cells[t] = Cell(number: Double(count))
            case .known:
                r.copyMissing(t, a)
                r.cells[t] = Cell(boolean: r.cells[a].isKnown)
            case .spread:
                r.clearMissing(t)
                r.cells[t] = Cell(number: a < spreads.count ? spreads[a] : 0)
            case .setOperation:
                r.unionMissing(t, a, b)
                let (x, y) = (r.cells[a], r.cells[b])
                guard x.kind == .set, y.kind == .set else {
                    r.cells[t] = .unknown
                    continue
                }
                let mask = switch Instruction.SetOperator(rawValue: instruction.pointee.variant)! {
                case .union: x.bits | y.bits
                case .intersection: x.bits & y.bits
                case .difference: x.bits & ~y.bits
                }
                r.cells[t] = Cell(set: mask, type: x.type)
            case .answer:
                if a < 0 && t &+ b <= answers.count {
                    // Questions in a row without conditions, each with an entry in `answers`.
                    for slot in t..<t &+ b { store(answers.baseAddress.unsafelyUnwrapped + slot, in: slot, r) }
                } else {
                    for slot in t..<t &+ b { answer(slot, condition: a, answers, r) }
                }
            case .table:
                runTable(program.tables.baseAddress.unsafelyUnwrapped + a, answers, r)
            case .output:
                runOutput(program.outputs[a], answers, r)
            case .lookup:
                if !Self.lookUp(t, lookups.baseAddress.unsafelyUnwrapped + b, entries, r) { continue }
                next += Int(instruction.pointee.c)
            }
        }
    }

    // MARK: Functions

    /// Reads a lookup's entry for its inputs' values into `target`, with the missing answers of
    /// the inputs it takes them from; `false` where an input holds a value outside its domain.
    @inline(__always)
    private static func lookUp(_ target: Int, _ lookup: UnsafePointer<FlatLookup>, _ entries: UnsafeBufferPointer<LookupEntry>,
                               _ r: Registers) -> Bool {
        // Read through the pointer, each field where it is needed: a single-input lookup reads
        // nothing of its second input but its register.
        guard let x = position(lookup.pointer(to: \.first).unsafelyUnwrapped, r) else { return false }
        var index = Int(lookup.pointee.entries) &+ x
        if lookup.pointee.second.register >= 0 {
            guard let y = position(lookup.pointer(to: \.second).unsafelyUnwrapped, r) else { return false }
            index &+= y
        }
        let entry = entries[index]
        r.cells[target] = entry.cell
        if r.words == 1 {
            // The overflow bit is in the one word: below 64.
            var bits: UInt64 = entry.overflows ? 1 &<< UInt64(r.overflowBit) : 0
            if entry.flows & 1 != 0 { bits |= r.missing[Int(lookup.pointee.first.register)] }
            if entry.flows & 2 != 0 { bits |= r.missing[Int(lookup.pointee.second.register)] }
            r.missing[target] = bits
            return true
        }
        r.clearMissing(target)
        if entry.flows & 1 != 0 { r.addMissing(target, Int(lookup.pointee.first.register)) }
        if entry.flows & 2 != 0 { r.addMissing(target, Int(lookup.pointee.second.register)) }
        if entry.overflows { r.insertMissing(target, bit: r.overflowBit) }
        return true
    }

    /// Where an input's value puts a lookup's entry; `nil` outside its domain.
    @inline(__always)
    private static func position(_ input: UnsafePointer<FlatLookupInput>, _ r: Registers) -> Int? {
        let x = r.cells + Int(input.pointee.register)
        if x.pointee.kind == input.pointee.kind && x.pointee.type == input.pointee.type && x.pointee.bits < UInt64(input.pointee.count) {
            return Int(x.pointee.bits) &* Int(input.pointee.stride)
        }
        return x.pointee.kind == .unknown ? Int(input.pointee.unknown) : nil
    }

    private mutating func rank(_ target: Int, _ scores: Slice<UnsafeBufferPointer<Register>>, type: Int32, _ r: Registers) {
        r.clearMissing(target)
        let ranking = scratch.ranking
        var count = 0
        var known = true
        for (position, register) in scores.enumerated() {
            r.addMissing(target, Int(register))
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
            r.cells[target] = .unknown
            return
        }
        let start = lists.count
        var mask: UInt64 = 0
        for (_, position) in ranking[..<count] {
            lists.append(UInt8(position))
            mask |= 1 << UInt64(position)
        }
        r.cells[target] = Cell(list: mask, type: type, start: start, count: count)
    }

    // MARK: Questions, tables and outputs

    /// A question's answer; a question whose `when` is false does not apply: it stays unknown,
    /// and no answer could change that. When the condition is undecided, the question is asked,
    /// and the answers that decide the condition could still change it.
    @inline(__always)
    private mutating func answer(_ slot: Int, condition: Int, _ answers: UnsafeBufferPointer<Value?>, _ r: Registers) {
        if condition >= 0 && r.cells[condition].truth == 0 {
            notApplicableQuestions.append(Int32(slot))
            r.cells[slot] = .unknown
            r.copyMissing(slot, condition)
            return
        }
        if slot < answers.count {
            store(answers.baseAddress.unsafelyUnwrapped + slot, in: slot, r)
        } else {
            r.cells[slot] = .unknown
            r.clearMissing(slot)
            r.insertMissing(slot, bit: slot)
        }
        if condition >= 0 { r.addMissing(slot, condition) }
    }

    /// Stores a question's entry in the answers: a missing answer is unknown, and its own
    /// missing answer.
    @inline(__always)
    private mutating func store(_ answer: UnsafePointer<Value?>, in slot: Int, _ r: Registers) {
        r.clearMissing(slot)
        // Switched on in place, and read again only for text and lists: no `Value` is copied.
        switch answer.pointee {
        case .some(.option(let type, let position)): r.cells[slot] = Cell(option: position, type: Int32(type))
        case .some(.number(let number)): r.cells[slot] = Cell(number: number)
        case .some(.set(let type, let mask)): r.cells[slot] = Cell(set: mask, type: Int32(type))
        case .some(.boolean(let flag)): r.cells[slot] = Cell(boolean: flag)
        case .some: r.cells[slot] = cell(for: answer.pointee.unsafelyUnwrapped)
        case .none:
            r.cells[slot] = .unknown
            r.insertMissing(slot, bit: slot)
        }
    }

    private mutating func runTable(_ table: UnsafePointer<FlatTable>, _ answers: UnsafeBufferPointer<Value?>, _ r: Registers) {
        let (columnMissing, knownInputs) = (Int(program.scratch.0), Int(program.scratch.1))
        let target = Int(table.pointee.slot)
        let rowWords = table.pointee.rowWords
        // Read through pointers, each field where it is needed: no copy of a table or column.
        let columns = program.columns.baseAddress.unsafelyUnwrapped + table.pointee.columns.lowerBound
        let columnsEnd = columns + table.pointee.columns.count
        let rowMasks = program.rowMasks.baseAddress.unsafelyUnwrapped
        let candidates = scratch.candidates
        // The inputs' missing answers; known inputs computed from partial answers could still
        // change the outcome.
        if r.words == 1 {
            var (all, known): (UInt64, UInt64) = (0, 0)
            for column in columns..<columnsEnd {
                let register = Int(column.pointee.register)
                all |= r.missing[register]
                if r.cells[register].isKnown { known |= r.missing[register] }
            }
            (r.missing[columnMissing], r.missing[knownInputs]) = (all, known)
        } else {
            r.clearMissing(columnMissing)
            r.clearMissing(knownInputs)
            for column in columns..<columnsEnd {
                let register = Int(column.pointee.register)
                r.addMissing(columnMissing, register)
                if r.cells[register].isKnown { r.addMissing(knownInputs, register) }
            }
        }
        var count = 0
        for word in 0..<rowWords {
            // Rows that surely match, and rows that match or might (an input is unknown).
            var sure = word == rowWords &- 1 ? table.pointee.lastWordRows : .max
            var possible = sure
            for column in columns..<columnsEnd {
                let value = r.cells + Int(column.pointee.register)
                guard value.pointee.isKnown else {
                    sure &= rowMasks[column.pointee.dash &+ word]
                    continue
                }
                // An option or truth value is its class; other values are sorted out of line.
                let mask = value.pointee.kind == column.pointee.classKind && value.pointee.bits < UInt64(column.pointee.classCount)
                    ? rowMasks[column.pointee.masks &+ Int(value.pointee.bits) &* rowWords &+ word]
                    : sortedRowMask(column.pointee, value.pointee, word: word, rowWords: rowWords)
                sure &= mask
                possible &= mask
            }
            // The common case, decided without candidates: under `unique`, a row that surely
            // matches is the only one that can; under `first`, the first row that matches or
            // might, when it surely does (what ``first(_:_:missing:complete:_:)`` gives then).
            let policy = table.pointee.policy
            let decided = policy == .unique ? sure : policy == .first && count == 0 ? possible & (0 &- possible) & sure : 0
            let rows = program.rows.baseAddress.unsafelyUnwrapped + (table.pointee.rows.lowerBound &+ word &* 64)
            if decided != 0 {
                let row = rows + decided.trailingZeroBitCount
                if !row.pointee.code.isEmpty { execute(row.pointee.code, answers) }
                let output = Int(row.pointee.output)
                r.cells[target] = r.cells[output]
                r.copyMissing(target, output)
                if r.cells[target].isKnown { r.addMissing(target, knownInputs) }
                return
            }
            while possible != 0 {
                let bit = possible.trailingZeroBitCount
                possible &= possible - 1
                let row = rows + bit
                if !row.pointee.code.isEmpty { execute(row.pointee.code, answers) }
                candidates[count] = Candidate(fired: sure >> UInt64(bit) & 1 == 1 ? 1 : -1, value: row.pointee.output, missing: Register(columnMissing))
                count += 1
            }
        }
        switch table.pointee.policy {
        case .unique:
            // Rows never overlap, so a row that surely matched is the only one that can.
            if let sure = candidates[..<count].firstIndex(where: { $0.fired == 1 }) {
                first(target, sure..<sure + 1, missing: columnMissing, complete: true, r)
            } else {
                first(target, 0..<count, missing: columnMissing, complete: true, r)
            }
        case .first:
            first(target, 0..<count, missing: columnMissing, complete: true, r)
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
            first(target, 0..<count, missing: columnMissing, complete: true, r)
        case .collect:
            collect(target, count, elementType: table.pointee.elementType, ordered: false, r)
        case .ruleOrder:
            collect(target, count, elementType: table.pointee.elementType, ordered: true, r)
        }
        if r.cells[target].isKnown { r.addMissing(target, knownInputs) }
    }

    /// ``CellArenas/rowMask(_:_:word:rowWords:)`` out of line: numbers, sorted into classes
    /// around the column's points, and the rare value without a class (a set, a list, a text),
    /// whose cells' tests run, stay out of the column loop. `mutating`, though it changes
    /// nothing: the frame is passed in place, where a non-mutating call would copy it.
    @inline(never)
    private mutating func sortedRowMask(_ column: FlatColumn, _ value: Cell, word: Int, rowWords: Int) -> UInt64 {
        rowMask(column, value, word: word, rowWords: rowWords)
    }

    /// The first candidate that surely fired wins, unless one before it might have fired with
    /// another value. When `complete` (some row always matches, as checked for tables),
    /// undecided candidates that all agree decide the value too.
    private func first(_ target: Int, _ range: Range<Int>, missing: Int, complete: Bool, _ r: Registers) {
        r.clearMissing(target)
        guard let head = range.first.map({ scratch.candidates[$0] }) else {
            r.cells[target] = .unknown
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
                    r.cells[target] = r.cells[Int(candidate.value)]
                    r.copyMissing(target, Int(candidate.value))
                    return
                }
                break
            }
            r.addMissing(target, Int(candidate.missing))
        }
        if complete && agree && firstValue.isKnown {
            r.cells[target] = firstValue
            r.clearMissing(target)
            return
        }
        r.cells[target] = .unknown
        r.addMissing(target, missing)
    }

    /// The outputs of the first `count` candidates that fired; undecided ones add their missing
    /// answers.
    private mutating func collect(_ target: Int, _ count: Int, elementType: Int32, ordered: Bool, _ r: Registers) {
        r.clearMissing(target)
        guard elementType >= 0 else {
            r.cells[target] = .unknown
            return
        }
        var mask: UInt64 = 0
        let start = lists.count
        for candidate in scratch.candidates[..<count] {
            let value = r.cells[Int(candidate.value)]
            if candidate.fired == 1 && value.kind == .option {
                if ordered && mask & (1 << value.bits) == 0 { lists.append(UInt8(value.bits)) }
                mask |= 1 << value.bits
                r.addMissing(target, Int(candidate.value))
            } else if candidate.fired < 0 {
                r.addMissing(target, Int(candidate.missing))
            }
        }
        r.cells[target] = ordered ? Cell(list: mask, type: elementType, start: start, count: lists.count - start) : Cell(set: mask, type: elementType)
    }

    private mutating func runOutput(_ output: FlatOutput, _ answers: UnsafeBufferPointer<Value?>, _ r: Registers) {
        // Missing answers of every setting rule, and of the rules that did not fire but could
        // have, ahead of the first rule that surely fired.
        let (allMissing, aheadMissing) = (Int(program.scratch.0), Int(program.scratch.1))
        r.clearMissing(allMissing)
        r.clearMissing(aheadMissing)
        var count = 0
        var sure = false
        for setter in program.setters[output.setters] {
            let fired = r.cells[Int(setter.verdict)].truth
            r.addMissing(allMissing, Int(setter.verdict))
            if !sure { r.addMissing(aheadMissing, Int(setter.verdict)) }
            guard fired != 0 else { continue }
            for assignment in program.assignments[setter.assignments] {
                if !assignment.code.isEmpty { execute(assignment.code, answers) }
                scratch.candidates[count] = Candidate(fired: fired, value: assignment.value, missing: setter.verdict)
                count += 1
            }
            if fired == 1 { sure = true }
        }
        let target = Int(output.slot)
        if output.setType >= 0 {
            var mask: UInt64 = 0
            r.copyMissing(target, allMissing)
            for candidate in scratch.candidates[..<count] where candidate.fired == 1 {
                let value = r.cells[Int(candidate.value)]
                if value.kind == .option { mask |= 1 << value.bits } else if value.kind == .set { mask |= value.bits }
                r.addMissing(target, Int(candidate.value))
            }
            r.cells[target] = Cell(set: mask, type: output.setType)
        } else {
            first(target, 0..<count, missing: allMissing, complete: false, r)
            if r.cells[target].isKnown { r.addMissing(target, aheadMissing) }
        }
    }
}

/// The registers of a frame: their cells and missing-answer bit sets, with the operations on
/// them that need nothing else. A value of its own (its pointers copied into locals), so that
/// the loop reads them without reloading them from the frame; made with `words` 1 where the
/// bit sets have one word, so that the compiler drops the loops over words.
struct Registers: @unchecked Sendable {
    let cells: UnsafeMutablePointer<Cell>
    let missing: UnsafeMutablePointer<UInt64>
    /// 64-bit words per bit set.
    let words: Int
    /// The bit that marks "the computation overflows".
    let overflowBit: Int

    // MARK: Missing-answer bit sets

    @inline(__always) func bits(_ register: Register) -> UnsafeMutablePointer<UInt64> {
        missing + Int(register) * words
    }

    // Each operation tests for one word first: the common case is then one instruction where
    // `words` is not known at compile time (tables, outputs), and the test folds away where it is.

    @inline(__always) func clearMissing(_ target: Int) {
        if words == 1 { missing[target] = 0 } else { for i in 0..<words { missing[target * words + i] = 0 } }
    }

    @inline(__always) func copyMissing(_ target: Int, _ a: Int) {
        if words == 1 { missing[target] = missing[a] } else { for i in 0..<words { missing[target * words + i] = missing[a * words + i] } }
    }

    @inline(__always) func addMissing(_ target: Int, _ a: Int) {
        if words == 1 { missing[target] |= missing[a] } else { for i in 0..<words { missing[target * words + i] |= missing[a * words + i] } }
    }

    @inline(__always) func unionMissing(_ target: Int, _ a: Int, _ b: Int) {
        if words == 1 {
            missing[target] = missing[a] | missing[b]
        } else {
            for i in 0..<words { missing[target * words + i] = missing[a * words + i] | missing[b * words + i] }
        }
    }

    @inline(__always) func insertMissing(_ target: Int, bit: Int) {
        missing[target * words + bit / 64] |= 1 << UInt64(bit % 64)
    }

    /// A computed number, or unknown with the overflow mark when it is infinite or not a number.
    @inline(__always) func storeNumber(_ target: Int, _ number: Double) {
        if number.isFinite {
            cells[target] = Cell(number: number)
        } else {
            cells[target] = .unknown
            insertMissing(target, bit: overflowBit)
        }
    }

    /// Kleene `and` (`deciding` 0) and `or` (`deciding` 1): an operand equal to the deciding
    /// value settles the result, and only the missing answers of the operands that settled it
    /// could change it.
    @inline(__always) func kleene(_ target: Int, _ a: Int, _ b: Int, deciding: Int8) {
        let (x, y) = (cells[a].truth, cells[b].truth)
        if x == deciding || y == deciding {
            cells[target] = Cell(boolean: deciding == 1)
            if x == deciding && y == deciding { unionMissing(target, a, b) } else { copyMissing(target, x == deciding ? a : b) }
            return
        }
        unionMissing(target, a, b)
        cells[target] = x >= 0 && y >= 0 ? Cell(boolean: deciding == 0) : .unknown
    }

    /// Kleene `and`/`or` of several operands, as the nested pairs give it: settled by the
    /// operands equal to the deciding value, with only their missing answers.
    @inline(__always) func kleene(_ target: Int, _ operands: Slice<UnsafeBufferPointer<Register>>, deciding: Int8) {
        clearMissing(target)
        var settled = false
        var unknown = false
        for operand in operands {
            let truth = cells[Int(operand)].truth
            if truth == deciding {
                if !settled { clearMissing(target) }
                settled = true
                addMissing(target, Int(operand))
            } else if !settled {
                addMissing(target, Int(operand))
                if truth < 0 { unknown = true }
            }
        }
        cells[target] = settled ? Cell(boolean: deciding == 1) : unknown ? .unknown : Cell(boolean: deciding == 0)
    }

    /// `mean`, `min`, `max`, `sum` (unknown if any argument is) and `mean_known` (unknown only
    /// if all are). Inlined into the loop, so that its bit sets are one word where the loop's are.
    @inline(__always) func aggregate(_ target: Int, _ arguments: Slice<UnsafeBufferPointer<Register>>, _ function: Instruction.Aggregate) {
        clearMissing(target)
        // The total, or for `min` and `max` the extreme: one of them per argument, not both.
        let extreme = function == .min || function == .max
        var result = function == .min ? Double.infinity : function == .max ? -Double.infinity : 0
        var known = 0
        for register in arguments {
            addMissing(target, Int(register))
            guard let number = cells[Int(register)].number else { continue }
            if !extreme {
                result += number
            } else {
                result = function == .min ? Swift.min(result, number) : Swift.max(result, number)
            }
            known += 1
        }
        guard known == arguments.count || (function == .meanKnown && known > 0) else {
            cells[target] = .unknown
            return
        }
        storeNumber(target, function == .mean || function == .meanKnown ? result / Double(known) : result)
    }
}
