/// Lowers the checker's expression trees and the evaluation plan to a ``FlatProgram``: each
/// tree node becomes one instruction writing its own register; slots and constants are read
/// where they are, without instructions. Code that runs only when needed (a table row's output,
/// a value a rule assigns) is placed inline behind a `skip`.
///
/// The operands' types pick the instruction: a comparison of two options compares positions, a
/// comparison with a constant carries the constant, `x in {a, b}` tests a constant mask; a
/// table's rows are sorted into masks by the values each column can take.
///
/// Lowered `optimizing`, for the evaluation loop alone, a computation made before with the same
/// operands is not made again: its register is read instead (the value propositions' rules, for
/// instance, test the same options of the same sets many times); and an expression of one or two
/// inputs with few values becomes one `lookup` of its value worked out at load (see
/// ``LookupTabulator``). The possible-values analysis runs the plan's steps one by one, each
/// with only its own instructions, so it runs a program lowered without this.
struct FlatLowering {
    private let compiledTables: [CompiledTable]
    private let compiledRules: [CompiledRule]
    private let types: [ValueType]
    let optionCounts: [Int]

    private(set) var instructions: [Instruction] = []
    private(set) var operands: [Register] = []
    private(set) var tables: [FlatTable] = []
    private(set) var columns: [FlatColumn] = []
    private(set) var rowMasks: [UInt64] = []
    private(set) var points: [Double] = []
    private(set) var rows: [FlatRow] = []
    private(set) var cells: [FlatCell] = []
    private(set) var tests: [FlatTest] = []
    private(set) var outputs: [FlatOutput] = []
    private(set) var setters: [FlatSetter] = []
    private(set) var assignments: [FlatAssignment] = []
    private(set) var lookups: [FlatLookup] = []
    private(set) var lookupEntries: [LookupEntry] = []
    private(set) var constants: [(register: Register, cell: Cell)] = []
    private(set) var texts: [String] = []
    private(set) var lists: [UInt8] = []
    private(set) var verdicts: [Register]
    /// The instructions that compute each rule's verdict.
    private var conditionCode: [Range<Int>]
    private(set) var ruleOrder: [RuleID] = []
    private(set) var registerCount: Int
    let slotCount: Int
    let questionCount: Int
    let scratch: (Register, Register)
    let anyAnswer: [PossibleCell]
    /// The rules the program runs that give advice when they fire, with how much.
    var advisingRules: [AdvisingRule] {
        zip(verdicts, compiledRules).compactMap { verdict, rule in
            let (recommendations, warnings) = (rule.recommendations.count, rule.warnings.count)
            guard verdict >= 0, recommendations + warnings > 0 else { return nil }
            return AdvisingRule(verdict: verdict, recommendations: Int32(recommendations), warnings: Int32(warnings))
        }
    }

    private var constantRegisters: [Value: Register] = [:]
    /// Whether identical computations share a register.
    private let optimizing: Bool
    /// The register of each computation made so far in code that always runs.
    private var computed: [Computation: Register] = [:]
    /// How deep the lowering is in code that runs only when needed, whose registers later code
    /// must not read.
    private var onDemandDepth = 0
    /// Works out lookups, where optimizing.
    private var tabulator: LookupTabulator?
    /// The register of each lookup made so far in code that always runs, by its inputs and
    /// entries.
    private var lookedUp: [LookupKey: Register] = [:]
    /// What `computed` and `lookedUp` gained, in order: what to take back out when code just
    /// lowered becomes code that runs only when a lookup cannot answer.
    private var memoLog: [(computation: Computation?, lookup: LookupKey?)] = []
    /// How many instructions the loop runs when no lookup falls back.
    private var mainPathCount = 0
    /// Whether the lowering is in an expression that qualifies for a lookup.
    private var inLookupCandidate = false

    private struct LookupKey: Hashable {
        var inputs: [Register]
        var entries: [LookupEntry]

        /// The inputs and the number of entries (equal keys still compare every entry):
        /// hashing up to 96 entries cell by cell cost 6,000 instructions a key.
        func hash(into hasher: inout Hasher) {
            hasher.combine(inputs)
            hasher.combine(entries.count)
        }
    }

    /// What an instruction computes, for finding the same computation again: the instruction
    /// without its target, with a variadic instruction's operand registers in place of where
    /// they are.
    private struct Computation: Hashable {
        var opcode: Instruction.Opcode
        var variant: UInt8
        var a: Int32
        var b: Int32
        var c: Int32
        var operands: [Register]
    }

    /// The target of an instruction whose register is not chosen yet: a new temporary.
    private static let fresh: Register = -1

    init(ruleBase: RuleBase) {
        self.init(tables: ruleBase.compiledTables, rules: ruleBase.compiledRules, types: ruleBase.values.map(\.type),
                  ranges: ruleBase.values.map(\.range), optionTypes: ruleBase.optionTypes,
                  questionCount: ruleBase.questionCount, optimizing: false)
    }

    init(tables: [CompiledTable], rules: [CompiledRule], types: [ValueType], ranges: [ClosedRange<Double>?],
         optionTypes: [OptionType], questionCount: Int, optimizing: Bool = false) {
        self.optimizing = optimizing
        let optionCounts = optionTypes.map { $0.options.count }
        tabulator = optimizing ? LookupTabulator(types: types, optionTypes: optionTypes) : nil
        compiledTables = tables
        compiledRules = rules
        self.types = types
        self.optionCounts = optionCounts
        slotCount = types.count
        self.questionCount = questionCount
        verdicts = Array(repeating: -1, count: rules.count)
        conditionCode = Array(repeating: 0..<0, count: rules.count)
        anyAnswer = (0..<questionCount).map { PossibleCell.any(types[$0], range: ranges[$0], optionCounts: optionCounts) }
        scratch = (Register(types.count), Register(types.count + 1))
        registerCount = types.count + 2
    }

    /// Lowers the steps, in order.
    mutating func lower(_ steps: [PlanStep]) {
        for step in steps {
            switch step {
            case .question(let slot, let relevance):
                let condition = relevance.map { lower($0) } ?? -1
                // Optimizing, questions asked in a row without conditions are one instruction.
                if optimizing, condition < 0, let last = instructions.last, last.opcode == .answer, last.a < 0,
                   last.target + last.b == Register(slot.index) {
                    instructions[instructions.count - 1].b += 1
                } else {
                    emit(Instruction(opcode: .answer, target: Register(slot.index), a: condition, b: 1))
                }
            case .derive(let slot, let code):
                _ = lower(code, into: Register(slot.index))
            case .table(let id):
                lowerTable(compiledTables[id.index])
            case .rule(let id):
                let start = instructions.count
                verdicts[id.index] = compiledRules[id.index].condition.map { lower($0) } ?? constant(.boolean(true))
                conditionCode[id.index] = start..<instructions.count
                ruleOrder.append(id)
            case .output(let slot, let rules):
                lowerOutput(slot, rules)
            }
        }
    }

    // MARK: Expressions

    private mutating func emit(_ instruction: Instruction) {
        instructions.append(instruction)
        mainPathCount += 1
    }

    /// Emits an instruction that computes its target from its operands alone, into a new
    /// temporary where its target is ``fresh``; returns the target. Optimizing, an identical
    /// computation made before in code that always runs gives its register instead (copied, where
    /// the target is a slot).
    private mutating func finish(_ instruction: Instruction) -> Register {
        var instruction = instruction
        let computation = optimizing ? computation(of: instruction) : nil
        if let computation, let register = computed[computation] {
            guard instruction.target != Self.fresh else { return register }
            instruction = Instruction(opcode: .copy, target: instruction.target, a: register)
        } else {
            if instruction.target == Self.fresh { instruction.target = temporary() }
            if let computation, onDemandDepth == 0 {
                computed[computation] = instruction.target
                memoLog.append((computation, nil))
            }
        }
        emit(instruction)
        return instruction.target
    }

    private func computation(of instruction: Instruction) -> Computation {
        switch instruction.opcode {
        case .all, .any, .setLiteral, .ranked, .aggregate, .countTrue, .countKnown:
            let (start, count) = (Int(instruction.a), Int(instruction.b))
            return Computation(opcode: instruction.opcode, variant: instruction.variant, a: -1, b: -1, c: instruction.c,
                               operands: Array(operands[start..<start + count]))
        default:
            return Computation(opcode: instruction.opcode, variant: instruction.variant, a: instruction.a, b: instruction.b,
                               c: instruction.c, operands: [])
        }
    }

    private mutating func temporary() -> Register {
        registerCount += 1
        return Register(registerCount - 1)
    }

    /// The register holding a constant, shared by every use of the same value.
    private mutating func constant(_ value: Value) -> Register {
        if let register = constantRegisters[value] { return register }
        let register = temporary()
        constantRegisters[value] = register
        constants.append((register, cell(value)))
        return register
    }

    /// A constant as a cell; its text or list is kept in the program's arenas.
    private mutating func cell(_ value: Value) -> Cell {
        Cell(value, text: { text in
            texts.append(text)
            return texts.count - 1
        }, list: { positions in
            lists += positions.map { UInt8($0) }
            return lists.count - positions.count
        })
    }

    /// The type of an expression's values.
    private func type(of code: Code) -> ValueType? {
        switch code {
        case .constant(let value):
            switch value {
            case .boolean: return .boolean
            case .number: return .number
            case .text: return .text
            case .option(let type, _): return .option(type)
            case .set(let type, _): return .set(type)
            case .list(let type, _): return .list(type)
            }
        case .slot(let slot): return types[slot]
        case .atom(_, let inner): return type(of: inner)
        case .negate, .arithmetic: return .number
        case .not, .compare, .and, .or, .member: return .boolean
        case .conditional(_, let then, let otherwise): return type(of: then) ?? type(of: otherwise)
        case .setLiteral(let type, _): return .set(type)
        case .ranked(let type, _): return .list(type)
        case .call(let function, let arguments):
            switch function {
            case .known: return .boolean
            case .union, .intersection, .difference: return arguments.first.flatMap { type(of: $0) }
            default: return .number
            }
        }
    }

    /// Lowers an expression; returns the register its value is in (`target`, when given).
    mutating func lower(_ code: Code, into target: Register? = nil) -> Register {
        // The largest expressions that qualify for a lookup, not their parts.
        guard !inLookupCandidate, let inputs = tabulator?.inputs(of: code) else { return lowerNode(code, into: target) }
        let (start, mainPath, logged) = (instructions.count, mainPathCount, memoLog.count)
        inLookupCandidate = true
        let register = lowerNode(code, into: target)
        inLookupCandidate = false
        // Worth a lookup where the loop would run three instructions or more: a lookup costs
        // about as much as two simple instructions (`known` and `not`, `in` and `if`), and
        // working out its entries costs the load.
        guard mainPathCount - mainPath >= 3, let entries = tabulator?.entries(of: code, inputs) else { return register }
        return lookUp((inputs, entries), register: register, emittedFrom: start, mainPath: mainPath, logged: logged)
    }

    /// Lowers one node of an expression, its operands through ``lower(_:into:)``.
    private mutating func lowerNode(_ code: Code, into target: Register?) -> Register {
        func result(_ instruction: Instruction) -> Register { finish(instruction) }
        switch code {
        case .slot(let slot):
            guard let target else { return Register(slot) }
            return result(Instruction(opcode: .copy, target: target, a: Register(slot)))
        case .constant(let value):
            let register = constant(value)
            guard let target else { return register }
            return result(Instruction(opcode: .copy, target: target, a: register))
        case .atom(_, let inner):
            return lower(inner, into: target)
        case .negate(let operand):
            let a = lower(operand)
            return result(Instruction(opcode: .negate, target: target ?? Self.fresh, a: a))
        case .not(let operand):
            let a = lower(operand)
            return result(Instruction(opcode: .not, target: target ?? Self.fresh, a: a))
        case .arithmetic(let op, let left, let right):
            let (a, b) = (lower(left), lower(right))
            let variant: Instruction.ArithmeticOperator = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            default: .divide
            }
            return result(Instruction(opcode: .arithmetic, variant: variant.rawValue, target: target ?? Self.fresh, a: a, b: b))
        case .compare(let op, let left, let right):
            return result(lowerComparison(Self.comparison(op), left, right, into: target ?? Self.fresh))
        case .and(let left, let right), .or(let left, let right):
            let isAnd = if case .and = code { true } else { false }
            let chain = Self.chain(code, and: isAnd)
            guard chain.count > 2 else {
                let (a, b) = (lower(left), lower(right))
                return result(Instruction(opcode: isAnd ? .and : .or, target: target ?? Self.fresh, a: a, b: b))
            }
            let range = lowerOperands(chain)
            return result(Instruction(opcode: isAnd ? .all : .any, target: target ?? Self.fresh, a: range.a, b: range.b))
        case .member(let element, let set):
            if case .constant(.set(_, let mask)) = set {
                var instruction = Instruction(opcode: .memberOfConstant, target: target ?? Self.fresh, a: lower(element))
                instruction.wide = mask
                return result(instruction)
            }
            if case .constant(.option(_, let position)) = element {
                return result(Instruction(opcode: .containsConstant, target: target ?? Self.fresh, a: lower(set), b: Int32(position)))
            }
            let (a, b) = (lower(element), lower(set))
            return result(Instruction(opcode: .member, target: target ?? Self.fresh, a: a, b: b))
        case .conditional(let condition, let then, let otherwise):
            // Expressions have no effects: both branches are computed, and the condition picks.
            let (c, a, b) = (lower(condition), lower(then), lower(otherwise))
            return result(Instruction(opcode: .select, target: target ?? Self.fresh, a: a, b: b, c: c))
        case .setLiteral(let type, let items):
            let range = lowerOperands(items)
            return result(Instruction(opcode: .setLiteral, target: target ?? Self.fresh, a: range.a, b: range.b, c: Int32(type)))
        case .ranked(let type, let scores):
            let range = lowerOperands(scores)
            return result(Instruction(opcode: .ranked, target: target ?? Self.fresh, a: range.a, b: range.b, c: Int32(type)))
        case .call(let function, let arguments):
            return lowerCall(function, arguments, into: target)
        }
    }

    /// Puts a lookup in front of the instructions from `start` on, which computed an expression
    /// that the tabulator worked out for every value of its inputs into `register`: they become
    /// the code that runs only where an input holds a value outside its domain, and what they
    /// added to the shared computations (`logged` on) is taken back out. An identical lookup
    /// made before in code that always runs gives its register instead.
    private mutating func lookUp(_ tabulated: (inputs: [(slot: Int, domain: LookupTabulator.Domain)], entries: [LookupTabulator.Entry]),
                                 register: Register, emittedFrom start: Int, mainPath: Int, logged: Int) -> Register {
        for (computation, lookup) in memoLog[logged...] {
            if let computation { computed[computation] = nil }
            if let lookup { lookedUp[lookup] = nil }
        }
        memoLog.removeLast(memoLog.count - logged)
        let registers = tabulated.inputs.map { Register($0.slot) }
        let key = LookupKey(inputs: registers, entries: tabulated.entries.map {
            LookupEntry(cell: $0.value.map { cell($0) } ?? .unknown, flows: $0.flows, overflows: $0.overflows)
        })
        if let earlier = lookedUp[key] {
            instructions.removeLast(instructions.count - start)
            mainPathCount = mainPath
            // A slot's register is the target the expression was lowered into: copy it there.
            guard register < slotCount else { return earlier }
            emit(Instruction(opcode: .copy, target: register, a: earlier))
            return register
        }
        var stride = key.entries.count
        var inputs = (FlatLookupInput.none, FlatLookupInput.none)
        for (index, (input, register)) in zip(tabulated.inputs, registers).enumerated() {
            stride /= input.domain.count + 1
            let lookupInput = FlatLookupInput(register: register, type: Int32(input.domain.type), count: UInt32(input.domain.count),
                                              stride: Int32(stride), kind: input.domain.kind)
            if index == 0 { inputs.0 = lookupInput } else { inputs.1 = lookupInput }
        }
        lookups.append(FlatLookup(first: inputs.0, second: inputs.1, entries: Int32(lookupEntries.count)))
        lookupEntries += key.entries
        let fallback = instructions.count - start
        instructions.insert(Instruction(opcode: .lookup, target: register, b: Int32(lookups.count - 1), c: Int32(fallback)), at: start)
        mainPathCount = mainPath + 1
        if onDemandDepth == 0 {
            lookedUp[key] = register
            memoLog.append((nil, key))
        }
        return register
    }

    /// A comparison in the form its operands' types allow; a constant goes on the right.
    private mutating func lowerComparison(_ op: Instruction.ComparisonOperator, _ left: Code, _ right: Code,
                                          into target: Register) -> Instruction {
        if left.constantValue != nil, right.constantValue == nil {
            return lowerComparison(Self.swapped(op), right, left, into: target)
        }
        let (leftType, rightType) = (type(of: left), type(of: right))
        switch (leftType, rightType, right.constantValue) {
        case (.option?, .option?, .option(_, let position)?):
            // The positions below 32 that pass, as a mask: the loop tests a bit.
            let comparison = Instruction(opcode: .compareOptionWith, variant: op.rawValue, target: target, a: lower(left), b: Int32(position))
            let passing = (0..<32).reduce(UInt32(0)) { $0 | (comparison.holds(UInt64($1), UInt64(position)) ? 1 << UInt32($1) : 0) }
            return Instruction(opcode: .compareOptionWith, variant: op.rawValue, target: target, a: comparison.a, b: comparison.b,
                               c: Int32(bitPattern: passing))
        case (.option?, .option?, _):
            let (a, b) = (lower(left), lower(right))
            return Instruction(opcode: .compareOptions, variant: op.rawValue, target: target, a: a, b: b)
        case (.number?, .number?, .number(let number)?):
            if optimizing, let counted = countIs(op, left, number, into: target) { return counted }
            var instruction = Instruction(opcode: .compareNumberWith, variant: op.rawValue, target: target, a: lower(left))
            instruction.wide = number.bitPattern
            return instruction
        case (.number?, .number?, _), (.number?, .option?, _), (.option?, .number?, _):
            let (a, b) = (lower(left), lower(right))
            return Instruction(opcode: .compareNumbers, variant: op.rawValue, target: target, a: a, b: b)
        default:
            let (a, b) = (lower(left), lower(right))
            return Instruction(opcode: .compareValues, variant: op.rawValue, target: target, a: a, b: b)
        }
    }

    /// `count(x) op number` of a set `x`, or of its intersection with or difference from a
    /// constant set, as one `countIs` with the counts that pass; `nil` for other comparisons,
    /// and where the number is 31 or more (counts from 31 on share a bit).
    private mutating func countIs(_ op: Instruction.ComparisonOperator, _ left: Code, _ number: Double,
                                  into target: Register) -> Instruction? {
        guard number < 31, case .call(.count, let arguments) = left, arguments.count == 1, case .set? = type(of: arguments[0]) else {
            return nil
        }
        let counted: (variant: UInt8, a: Register, b: Register) = switch arguments[0] {
        case .call(.intersection, let sets) where sets[1].constantValue != nil: (1, lower(sets[0]), lower(sets[1]))
        case .call(.intersection, let sets) where sets[0].constantValue != nil: (1, lower(sets[1]), lower(sets[0]))
        case .call(.difference, let sets) where sets[1].constantValue != nil: (2, lower(sets[0]), lower(sets[1]))
        default: (0, lower(arguments[0]), -1)
        }
        let comparison = Instruction(opcode: .compareNumberWith, variant: op.rawValue, target: target)
        let counts = (0..<32).reduce(UInt32(0)) { $0 | (comparison.holds(Double($1), number) ? 1 << UInt32($1) : 0) }
        return Instruction(opcode: .countIs, variant: counted.variant, target: target, a: counted.a, b: counted.b,
                           c: Int32(bitPattern: counts))
    }

    private mutating func lowerCall(_ function: Function, _ arguments: [Code], into target: Register?) -> Register {
        func result(_ instruction: Instruction) -> Register { finish(instruction) }
        switch function {
        case .mean, .meanKnown, .min, .max, .sum:
            let range = lowerOperands(arguments)
            let variant: Instruction.Aggregate = switch function {
            case .mean: .mean
            case .meanKnown: .meanKnown
            case .min: .min
            case .max: .max
            default: .sum
            }
            return result(Instruction(opcode: .aggregate, variant: variant.rawValue, target: target ?? Self.fresh, a: range.a, b: range.b))
        case .count:
            switch arguments.count == 1 ? type(of: arguments[0]) : nil {
            case .set?, .list?:
                return result(Instruction(opcode: .countMembers, target: target ?? Self.fresh, a: lower(arguments[0])))
            default:
                let known = arguments.compactMap { argument in
                    if case .call(.known, let operand) = argument { operand[0] } else { nil }
                }
                if optimizing && known.count == arguments.count {
                    let range = lowerOperands(known)
                    return result(Instruction(opcode: .countKnown, target: target ?? Self.fresh, a: range.a, b: range.b))
                }
                let range = lowerOperands(arguments)
                return result(Instruction(opcode: .countTrue, target: target ?? Self.fresh, a: range.a, b: range.b))
            }
        case .known, .abs, .reverse:
            let a = lower(arguments[0])
            let opcode: Instruction.Opcode = function == .known ? .known : function == .abs ? .abs : .reverse
            return result(Instruction(opcode: opcode, target: target ?? Self.fresh, a: a))
        case .union, .intersection, .difference:
            let (a, b) = (lower(arguments[0]), lower(arguments[1]))
            let variant: Instruction.SetOperator = function == .union ? .union : function == .intersection ? .intersection : .difference
            return result(Instruction(opcode: .setOperation, variant: variant.rawValue, target: target ?? Self.fresh, a: a, b: b))
        case .ranked:
            preconditionFailure("ranked compiles to Code.ranked")
        case .spread:
            guard case .slot(let question) = arguments[0] else { preconditionFailure("spread compiles to a question's slot") }
            return result(Instruction(opcode: .spread, target: target ?? Self.fresh, a: Int32(question)))
        }
    }

    /// Lowers the operands of a variadic instruction; returns where their registers are.
    private mutating func lowerOperands(_ codes: [Code]) -> (a: Int32, b: Int32) {
        let registers = codes.map { lower($0) }
        operands += registers
        return (Int32(operands.count - registers.count), Int32(registers.count))
    }

    /// Lowers code that runs only when needed, behind a `skip`; returns its register and where
    /// its instructions are.
    private mutating func lowerOnDemand(_ code: Code) -> (register: Register, code: Range<Int>) {
        switch code {
        case .constant, .slot: return (lower(code), 0..<0)
        default: break
        }
        let skip = instructions.count
        emit(Instruction(opcode: .skip, target: -1))
        onDemandDepth += 1
        let register = lower(code)
        onDemandDepth -= 1
        instructions[skip].a = Int32(instructions.count - skip - 1)
        return (register, skip + 1..<instructions.count)
    }

    /// The operands of a chain of `and`s (or of `or`s), in order: `a and (b and c)` is `[a, b, c]`.
    /// Kleene logic gives a chain the same value and missing answers as the nested pairs.
    static func chain(_ code: Code, and: Bool) -> [Code] {
        switch code {
        case .and(let left, let right) where and, .or(let left, let right) where !and:
            return chain(left, and: and) + chain(right, and: and)
        default:
            return [code]
        }
    }

    static func comparison(_ op: BinaryOperator) -> Instruction.ComparisonOperator {
        switch op {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        default: .greaterOrEqual
        }
    }

    /// The comparison with its operands swapped: `a < b` is `b > a`.
    static func swapped(_ op: Instruction.ComparisonOperator) -> Instruction.ComparisonOperator {
        switch op {
        case .equal, .notEqual: op
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }

    // MARK: Tables and outputs

    private mutating func lowerTable(_ table: CompiledTable) {
        let registers = table.columns.map { lower($0) }
        let rowWords = Swift.max(1, (table.rows.count + 63) / 64)
        let firstColumn = columns.count
        for (index, register) in registers.enumerated() {
            lowerColumn(table, index, register: register, rowWords: rowWords)
        }
        let firstRow = rows.count
        for row in table.rows {
            let output = lowerOnDemand(row.output)
            rows.append(FlatRow(output: output.register, code: output.code))
        }
        let elementType: Int32 = if case .option(let type) = table.elementType { Int32(type) } else { -1 }
        tables.append(FlatTable(slot: Register(table.slot), policy: table.policy, elementType: elementType,
                                columns: firstColumn..<columns.count, rows: firstRow..<rows.count, rowWords: rowWords))
        emit(Instruction(opcode: .table, target: Register(table.slot), a: Int32(tables.count - 1)))
    }

    /// A table column: its cells' tests, and the row masks of the classes its values fall in.
    private mutating func lowerColumn(_ table: CompiledTable, _ index: Int, register: Register, rowWords: Int) {
        let firstCell = cells.count
        var dash = [UInt64](repeating: 0, count: rowWords)
        for (rowIndex, row) in table.rows.enumerated() {
            guard let cellTests = row.cells[index].tests else {
                dash[rowIndex / 64] |= 1 << UInt64(rowIndex % 64)
                continue
            }
            let firstTest = tests.count
            for test in cellTests {
                switch test {
                case .equal(let value):
                    tests.append(FlatTest(kind: .compare, comparison: .equal, low: cell(value), high: .unknown))
                case .compare(let op, let value):
                    tests.append(FlatTest(kind: .compare, comparison: Self.comparison(op), low: cell(value), high: .unknown))
                case .between(let low, let high):
                    tests.append(FlatTest(kind: .between, comparison: .equal, low: cell(low), high: cell(high)))
                }
            }
            cells.append(FlatCell(row: rowIndex, negated: row.cells[index].negated, tests: firstTest..<tests.count))
        }
        // The classes of values, each with a value that stands for it.
        var kind = FlatColumn.Kind.values
        var representatives: [Value] = []
        let firstPoint = points.count
        switch type(of: table.columns[index]) {
        case .option(let type)?:
            kind = .options
            representatives = (0..<optionCounts[type]).map { .option(type: type, position: $0) }
        case .boolean?:
            kind = .booleans
            representatives = [.boolean(false), .boolean(true)]
        case .number?:
            kind = .numbers
            var numbers: Set<Double> = []
            for row in table.rows {
                for test in row.cells[index].tests ?? [] {
                    switch test {
                    case .equal(let value), .compare(_, let value): if let number = value.number { numbers.insert(number) }
                    case .between(let low, let high): numbers.formUnion([low.number, high.number].compactMap { $0 })
                    }
                }
            }
            let sorted = numbers.sorted()
            points += sorted
            // Below the first point, at each point, and just above each (an empty class where
            // two points are neighbours: no value falls in it).
            representatives = [.number(sorted.first.map(\.nextDown) ?? 0)]
            for point in sorted {
                representatives.append(.number(point))
                representatives.append(.number(point.nextUp))
            }
        default:
            break
        }
        let masks = rowMasks.count
        for value in representatives {
            var mask = dash
            for (rowIndex, row) in table.rows.enumerated() where Machine.matches(row.cells[index], value) == true {
                mask[rowIndex / 64] |= 1 << UInt64(rowIndex % 64)
            }
            rowMasks += mask
        }
        rowMasks += dash
        columns.append(FlatColumn(register: register, kind: kind, masks: masks, classCount: representatives.count,
                                  dash: rowMasks.count - rowWords, points: firstPoint..<points.count, cells: firstCell..<cells.count))
    }

    private mutating func lowerOutput(_ slot: SlotID, _ rules: [RuleID]) {
        let firstSetter = setters.count
        var read: [Int] = []
        for rule in rules {
            let firstAssignment = assignments.count
            for (target, code) in compiledRules[rule.index].assignments where target == slot.index {
                let value = lowerOnDemand(code)
                assignments.append(FlatAssignment(value: value.register, code: value.code))
            }
            compiledRules[rule.index].condition?.collectSlots(into: &read)
            setters.append(FlatSetter(verdict: verdicts[rule.index], condition: conditionCode[rule.index],
                                      assignments: firstAssignment..<assignments.count))
        }
        var seen = Set<Int>()
        let pins = read.filter { seen.insert($0).inserted }.map { Register($0) }
        operands += pins
        let setType: Int32 = if case .set(let type) = types[slot.index] { Int32(type) } else { -1 }
        outputs.append(FlatOutput(slot: Register(slot.index), setType: setType, setters: firstSetter..<setters.count,
                                  pins: operands.count - pins.count..<operands.count))
        emit(Instruction(opcode: .output, target: Register(slot.index), a: Int32(outputs.count - 1)))
    }
}

extension Code {
    /// The value of a constant.
    var constantValue: Value? {
        if case .constant(let value) = self { return value }
        return nil
    }
}
