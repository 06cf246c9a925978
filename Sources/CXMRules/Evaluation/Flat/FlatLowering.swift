/// Lowers the checker's expression trees and the evaluation plan to a ``FlatProgram``: each
/// tree node becomes one instruction writing its own register; slots and constants are read
/// where they are, without instructions. Code that runs only when needed (a table row's output,
/// a value a rule assigns) is placed inline behind a `skip`.
struct FlatLowering {
    private let compiledTables: [CompiledTable]
    private let compiledRules: [CompiledRule]
    private let types: [ValueType]
    let optionCounts: [Int]

    private(set) var instructions: [Instruction] = []
    private(set) var operands: [Register] = []
    private(set) var tables: [FlatTable] = []
    private(set) var rows: [FlatRow] = []
    private(set) var cells: [FlatCell] = []
    private(set) var tests: [FlatTest] = []
    private(set) var outputs: [FlatOutput] = []
    private(set) var setters: [FlatSetter] = []
    private(set) var assignments: [FlatAssignment] = []
    private(set) var constants: [(register: Register, cell: Cell)] = []
    private(set) var texts: [String] = []
    private(set) var lists: [UInt8] = []
    private(set) var verdicts: [Register]
    private(set) var ruleOrder: [RuleID] = []
    private(set) var registerCount: Int
    let slotCount: Int
    let questionCount: Int
    let scratch: (Register, Register)
    /// Per question: what is known of its answer when a what-if search leaves it open.
    let openShapes: [Cell]
    var adviceCounts: [(recommendations: Int, warnings: Int)] {
        compiledRules.map { ($0.recommendations.count, $0.warnings.count) }
    }

    private var constantRegisters: [Value: Register] = [:]

    init(ruleBase: RuleBase) {
        self.init(tables: ruleBase.compiledTables, rules: ruleBase.compiledRules, types: ruleBase.values.map(\.type),
                  ranges: ruleBase.values.map(\.range), optionCounts: ruleBase.optionTypes.map(\.options.count),
                  questionCount: ruleBase.questionCount)
    }

    init(tables: [CompiledTable], rules: [CompiledRule], types: [ValueType], ranges: [ClosedRange<Double>?],
         optionCounts: [Int], questionCount: Int) {
        compiledTables = tables
        compiledRules = rules
        self.types = types
        self.optionCounts = optionCounts
        slotCount = types.count
        self.questionCount = questionCount
        verdicts = Array(repeating: -1, count: rules.count)
        openShapes = (0..<questionCount).map { question in
            switch types[question] {
            case .option(let type): return Cell(low: 1, high: Double(optionCounts[type]), type: Int32(type))
            case .set(let type): return Cell(members: 0, nonMembers: 0, type: Int32(type))
            case .number: return ranges[question].map { Cell(low: $0.lowerBound, high: $0.upperBound) } ?? .willBeKnown
            case .boolean, .text, .list: return .willBeKnown
            }
        }
        scratch = (Register(types.count), Register(types.count + 1))
        registerCount = types.count + 2
    }

    /// Lowers the steps, in order.
    mutating func lower(_ steps: [PlanStep]) {
        for step in steps {
            switch step {
            case .question(let slot, let relevance):
                let condition = relevance.map { lower($0) } ?? -1
                emit(Instruction(opcode: .answer, target: Register(slot.index), a: condition))
            case .derive(let slot, let code):
                _ = lower(code, into: Register(slot.index))
            case .table(let id):
                lowerTable(compiledTables[id.index])
            case .rule(let id):
                verdicts[id.index] = compiledRules[id.index].condition.map { lower($0) } ?? constant(.boolean(true))
                ruleOrder.append(id)
            case .output(let slot, let rules):
                lowerOutput(slot, rules)
            }
        }
    }

    // MARK: Expressions

    private mutating func emit(_ instruction: Instruction) {
        instructions.append(instruction)
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

    /// Lowers an expression; returns the register its value is in (`target`, when given).
    mutating func lower(_ code: Code, into target: Register? = nil) -> Register {
        func result(_ instruction: Instruction) -> Register {
            emit(instruction)
            return instruction.target
        }
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
            return result(Instruction(opcode: .negate, target: target ?? temporary(), a: a))
        case .not(let operand):
            let a = lower(operand)
            return result(Instruction(opcode: .not, target: target ?? temporary(), a: a))
        case .arithmetic(let op, let left, let right):
            let (a, b) = (lower(left), lower(right))
            let variant: Instruction.ArithmeticOperator = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            default: .divide
            }
            return result(Instruction(opcode: .arithmetic, variant: variant.rawValue, target: target ?? temporary(), a: a, b: b))
        case .compare(let op, let left, let right):
            let (a, b) = (lower(left), lower(right))
            return result(Instruction(opcode: .compare, variant: Self.comparison(op).rawValue, target: target ?? temporary(), a: a, b: b))
        case .and(let left, let right), .or(let left, let right):
            let isAnd = if case .and = code { true } else { false }
            let chain = Self.chain(code, and: isAnd)
            guard chain.count > 2 else {
                let (a, b) = (lower(left), lower(right))
                return result(Instruction(opcode: isAnd ? .and : .or, target: target ?? temporary(), a: a, b: b))
            }
            let range = lowerOperands(chain)
            return result(Instruction(opcode: isAnd ? .all : .any, target: target ?? temporary(), a: range.a, b: range.b))
        case .member(let element, let set):
            let (a, b) = (lower(element), lower(set))
            return result(Instruction(opcode: .member, target: target ?? temporary(), a: a, b: b))
        case .conditional(let condition, let then, let otherwise):
            // Expressions have no effects: both branches are computed, and the condition picks.
            let (c, a, b) = (lower(condition), lower(then), lower(otherwise))
            return result(Instruction(opcode: .select, target: target ?? temporary(), a: a, b: b, c: c))
        case .setLiteral(let type, let items):
            let range = lowerOperands(items)
            return result(Instruction(opcode: .setLiteral, target: target ?? temporary(), a: range.a, b: range.b, c: Int32(type)))
        case .ranked(let type, let scores):
            let range = lowerOperands(scores)
            return result(Instruction(opcode: .ranked, target: target ?? temporary(), a: range.a, b: range.b, c: Int32(type)))
        case .call(let function, let arguments):
            return lowerCall(function, arguments, into: target)
        }
    }

    private mutating func lowerCall(_ function: Function, _ arguments: [Code], into target: Register?) -> Register {
        func result(_ instruction: Instruction) -> Register {
            emit(instruction)
            return instruction.target
        }
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
            return result(Instruction(opcode: .aggregate, variant: variant.rawValue, target: target ?? temporary(), a: range.a, b: range.b))
        case .count:
            let range = lowerOperands(arguments)
            return result(Instruction(opcode: .count, target: target ?? temporary(), a: range.a, b: range.b))
        case .known, .abs, .reverse:
            let a = lower(arguments[0])
            let opcode: Instruction.Opcode = function == .known ? .known : function == .abs ? .abs : .reverse
            return result(Instruction(opcode: opcode, target: target ?? temporary(), a: a))
        case .union, .intersection, .difference:
            let (a, b) = (lower(arguments[0]), lower(arguments[1]))
            let variant: Instruction.SetOperator = function == .union ? .union : function == .intersection ? .intersection : .difference
            return result(Instruction(opcode: .setOperation, variant: variant.rawValue, target: target ?? temporary(), a: a, b: b))
        case .ranked:
            preconditionFailure("ranked compiles to Code.ranked")
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
        let register = lower(code)
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

    /// The columns of a `unique`, `first` or `priority` table that pair every row with one of
    /// another (constant) output and the same cells elsewhere (see ``FlatTable/paired``).
    static func pairedColumns(_ table: CompiledTable) -> UInt64 {
        guard table.policy != .collect, table.policy != .ruleOrder else { return 0 }
        var outputs: [Value] = []
        for row in table.rows {
            guard case .constant(let value) = row.output else { return 0 }
            outputs.append(value)
        }
        var mask: UInt64 = 0
        for column in table.columns.indices.prefix(64) where table.rows.allSatisfy({ $0.cells[column].tests != nil }) {
            let paired = table.rows.indices.allSatisfy { a in
                table.rows.indices.contains { b in
                    outputs[a] != outputs[b] && table.rows[a].cells.indices.allSatisfy { cell in
                        cell == column || (table.rows[a].cells[cell].text == table.rows[b].cells[cell].text
                            && table.rows[a].cells[cell].negated == table.rows[b].cells[cell].negated)
                    }
                }
            }
            if paired { mask |= 1 << UInt64(column) }
        }
        return mask
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

    // MARK: Tables and outputs

    private mutating func lowerTable(_ table: CompiledTable) {
        let columns = table.columns.map { lower($0) }
        operands += columns
        let columnRange = operands.count - columns.count..<operands.count
        let firstRow = rows.count
        for row in table.rows {
            let firstCell = cells.count
            for (column, cell) in zip(columns, row.cells) {
                guard let cellTests = cell.tests else { continue }
                let firstTest = tests.count
                for test in cellTests {
                    switch test {
                    case .equal(let value):
                        tests.append(FlatTest(kind: .compare, comparison: .equal, low: self.cell(value), high: .unknown))
                    case .compare(let op, let value):
                        tests.append(FlatTest(kind: .compare, comparison: Self.comparison(op), low: self.cell(value), high: .unknown))
                    case .between(let low, let high):
                        tests.append(FlatTest(kind: .between, comparison: .equal, low: self.cell(low), high: self.cell(high)))
                    }
                }
                cells.append(FlatCell(column: column, negated: cell.negated, tests: firstTest..<tests.count))
            }
            let output = lowerOnDemand(row.output)
            rows.append(FlatRow(cells: firstCell..<cells.count, output: output.register, code: output.code))
        }
        let elementType: Int32 = if case .option(let type) = table.elementType { Int32(type) } else { -1 }
        tables.append(FlatTable(slot: Register(table.slot), policy: table.policy, elementType: elementType,
                                columns: columnRange, rows: firstRow..<rows.count, paired: Self.pairedColumns(table)))
        emit(Instruction(opcode: .table, target: Register(table.slot), a: Int32(tables.count - 1)))
    }

    private mutating func lowerOutput(_ slot: SlotID, _ rules: [RuleID]) {
        let firstSetter = setters.count
        for rule in rules {
            let firstAssignment = assignments.count
            for (target, code) in compiledRules[rule.index].assignments where target == slot.index {
                let value = lowerOnDemand(code)
                assignments.append(FlatAssignment(value: value.register, code: value.code))
            }
            setters.append(FlatSetter(verdict: verdicts[rule.index], assignments: firstAssignment..<assignments.count))
        }
        let setType: Int32 = if case .set(let type) = types[slot.index] { Int32(type) } else { -1 }
        outputs.append(FlatOutput(slot: Register(slot.index), setType: setType, setters: firstSetter..<setters.count))
        emit(Instruction(opcode: .output, target: Register(slot.index), a: Int32(outputs.count - 1)))
    }
}

extension Cell {
    /// A value as a cell; `text` and `list` store a text or a list's positions in an arena and
    /// return where.
    init(_ value: Value, text: (String) -> Int, list: ([Int]) -> Int) {
        switch value {
        case .boolean(let flag): self.init(boolean: flag)
        case .number(let number): self.init(number: number)
        case .option(let type, let position): self.init(option: position, type: Int32(type))
        case .set(let type, let mask): self.init(set: mask, type: Int32(type))
        case .text(let string): self.init(kind: .text, type: 0, bits: UInt64(text(string)), extra: 0)
        case .list(let type, let positions):
            let start = list(positions)
            let mask = positions.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            self.init(kind: .list, type: Int32(type), bits: mask, extra: UInt64(start) << 32 | UInt64(positions.count))
        }
    }
}
