/// A register of the flat evaluator: a slot (registers `0..<slotCount` are the slots, in slot
/// order), a constant, a scratch register or an intermediate result.
typealias Register = Int32

/// One instruction: an operation, its variant (operator or function) and up to three operands.
/// What `a`, `b` and `c` mean depends on the opcode (see ``Opcode``).
struct Instruction {
    enum Opcode: UInt8 {
        /// `target = a`.
        case copy
        /// Skips the next `a` instructions: the code of a table row's output or an output's
        /// assignment, run only when needed.
        case skip
        /// `target = -a`, `target = not a`.
        case negate, not
        /// `target = a (variant) b`; variants: ``ArithmeticOperator``, ``ComparisonOperator``.
        case arithmetic, compare
        /// Kleene `and`/`or` of `a` and `b`.
        case and, or
        /// Kleene `and`/`or` of the operands `a..<a+b`: a chain of `and`s or `or`s in one.
        case all, any
        /// `target = a in b`.
        case member
        /// `target = if c then a else b`.
        case select
        /// Variadic: operands `a..<a+b` in ``FlatProgram/operands``; `c` the option type.
        case setLiteral, ranked
        /// Variadic, operands `a..<a+b`; variant: ``Aggregate``.
        case aggregate, count
        /// `known(a)`, `abs(a)`; `reverse(a)` of a scale with `c` options.
        case known, abs, reverse
        /// `a (variant) b` on sets; variant: ``SetOperator``.
        case setOperation
        /// Stores the answer to question `target`, or marks it not applicable when its `when`
        /// condition (register `a`, or none when -1) is false.
        case answer
        /// Runs table `a` (see ``FlatTable``).
        case table
        /// Resolves output `a` (see ``FlatOutput``).
        case output
    }

    enum ArithmeticOperator: UInt8 { case add, subtract, multiply, divide }
    enum ComparisonOperator: UInt8 { case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual }
    enum Aggregate: UInt8 { case mean, meanKnown, min, max, sum }
    enum SetOperator: UInt8 { case union, intersection, difference }

    var opcode: Opcode
    var variant: UInt8 = 0
    var target: Register
    var a: Int32 = -1
    var b: Int32 = -1
    var c: Int32 = -1
}

/// A decision table, lowered: its column registers, rows and hit policy.
struct FlatTable {
    var slot: Register
    var policy: HitPolicy
    /// The option type of the outputs, -1 when they are not options.
    var elementType: Int32
    /// Column registers: `columns` in ``FlatProgram/operands``.
    var columns: Range<Int>
    var rows: Range<Int>
    /// The columns (by position, up to 64) that every row tests and that pair every row with
    /// one of another output, alike in every other cell: while such a column is unknown, no row
    /// is sure and two that disagree remain, so the value stays unknown.
    var paired: UInt64 = 0
}

/// A table row: its cells (only those that test something; `-` cells match anything) and the
/// register its output is in once the code in `code` has run.
struct FlatRow {
    var cells: Range<Int>
    var output: Register
    var code: Range<Int>
}

/// An input cell: the column register it tests and its tests, any of which may match.
struct FlatCell {
    var column: Register
    var negated: Bool
    var tests: Range<Int>
}

/// One test of an input cell against constants.
struct FlatTest {
    enum Kind: UInt8 { case compare, between }
    var kind: Kind
    var comparison: Instruction.ComparisonOperator
    var low: Cell
    var high: Cell
}

/// An output: the rules that set it, in source order, and its set type (-1 when it is not a set).
struct FlatOutput {
    var slot: Register
    var setType: Int32
    var setters: Range<Int>
}

/// A rule setting an output: its verdict register and its assignments to the output.
struct FlatSetter {
    var verdict: Register
    var assignments: Range<Int>
}

/// A value assigned to an output: the register it is in once the code in `code` has run.
struct FlatAssignment {
    var value: Register
    var code: Range<Int>
}

/// The evaluation plan lowered to a flat sequence of instructions over numbered registers, run
/// by ``EvaluationFrame``. Built once per rule base (and once per what-if search, for the steps
/// one value needs); immutable and shared by every thread.
///
/// The parts the evaluation loop reads are copied into buffers that live as long as the
/// program, so that reading them involves no reference counting or copy-on-write checks; they
/// are never written after `init`, which is what makes sharing them across threads safe.
final class FlatProgram: @unchecked Sendable {
    let instructions: UnsafeBufferPointer<Instruction>
    /// Operand registers of variadic instructions and table columns.
    let operands: UnsafeBufferPointer<Register>
    let tables: UnsafeBufferPointer<FlatTable>
    let rows: UnsafeBufferPointer<FlatRow>
    let cells: UnsafeBufferPointer<FlatCell>
    let tests: UnsafeBufferPointer<FlatTest>
    let outputs: UnsafeBufferPointer<FlatOutput>
    let setters: UnsafeBufferPointer<FlatSetter>
    let assignments: UnsafeBufferPointer<FlatAssignment>
    /// Constant registers and their values, set once when a frame is made.
    let constants: [(register: Register, cell: Cell)]
    /// Texts that constants refer to; a run's texts are numbered after them.
    let texts: [String]
    /// Positions of list constants; a run's lists are stored after them.
    let lists: [UInt8]
    /// Each rule's verdict register, by rule; -1 for rules the program does not run.
    let verdicts: [Register]
    /// The rules in plan order: the order their advice is given in.
    let ruleOrder: [RuleID]
    /// How many recommendations and warnings each rule gives when it fires.
    let adviceCounts: [(recommendations: Int, warnings: Int)]
    /// How many options each option type has.
    let optionCounts: UnsafeBufferPointer<Int>
    let registerCount: Int
    let slotCount: Int
    let questionCount: Int
    /// 64-bit words per missing-answer bit set: one bit per question, and one more (at position
    /// `questionCount`) for "the computation overflows".
    let words: Int
    /// Two registers that tables and outputs use for intermediate bit sets.
    let scratch: (Register, Register)
    /// The most candidates a table or output can have (its rows or assignments), and the most
    /// scores a `ranked` orders: the sizes of a frame's scratch buffers.
    let maxCandidates: Int
    let maxRanked: Int
    /// Per question: what is known of its answer when a what-if search leaves it open.
    let openShapes: [Cell]

    init(lowering: FlatLowering) {
        func buffer<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(buffer)
        }
        instructions = buffer(lowering.instructions)
        operands = buffer(lowering.operands)
        tables = buffer(lowering.tables)
        rows = buffer(lowering.rows)
        cells = buffer(lowering.cells)
        tests = buffer(lowering.tests)
        outputs = buffer(lowering.outputs)
        setters = buffer(lowering.setters)
        assignments = buffer(lowering.assignments)
        constants = lowering.constants
        texts = lowering.texts
        lists = lowering.lists
        verdicts = lowering.verdicts
        ruleOrder = lowering.ruleOrder
        adviceCounts = lowering.adviceCounts
        optionCounts = buffer(lowering.optionCounts)
        registerCount = lowering.registerCount
        slotCount = lowering.slotCount
        questionCount = lowering.questionCount
        words = (lowering.questionCount + 1 + 63) / 64
        scratch = lowering.scratch
        openShapes = lowering.openShapes
        maxCandidates = Swift.max(lowering.tables.map(\.rows.count).max() ?? 0,
                                  lowering.outputs.map { lowering.setters[$0.setters].reduce(0) { $0 + $1.assignments.count } }.max() ?? 0)
        maxRanked = lowering.instructions.filter { $0.opcode == .ranked }.map { Int($0.b) }.max() ?? 0
    }

    deinit {
        instructions.deallocate()
        operands.deallocate()
        tables.deallocate()
        rows.deallocate()
        cells.deallocate()
        tests.deallocate()
        outputs.deallocate()
        setters.deallocate()
        assignments.deallocate()
        optionCounts.deallocate()
    }
}

extension RuleBase {
    /// The flat program for some steps of the plan, such as those one value needs.
    func program(for steps: [PlanStep]) -> FlatProgram {
        var lowering = FlatLowering(ruleBase: self)
        lowering.lower(steps)
        return FlatProgram(lowering: lowering)
    }
}
