/// A register of the flat evaluator: a slot (registers `0..<slotCount` are the slots, in slot
/// order), a constant, a scratch register or an intermediate result.
typealias Register = Int32

/// One instruction: an operation, its variant (operator or function) and up to three operands.
/// What `a`, `b` and `c` mean depends on the opcode (see ``Opcode``). The lowering picks the
/// form that fits the operands' types, so that the loop does not ask again at run time.
struct Instruction {
    enum Opcode: UInt8 {
        /// `target = a`.
        case copy
        /// Skips the next `a` instructions: the code of a table row's output or an output's
        /// assignment, run only when needed.
        case skip
        /// `target = -a`, `target = not a`, `abs(a)`, `reverse(a)`.
        case negate, not, abs, reverse
        /// `target = a (variant) b` on numbers; variant: ``ArithmeticOperator``.
        case arithmetic
        /// Comparisons, variant ``ComparisonOperator``: of two numbers (or scale positions); of
        /// two options by position; of an option with the position `b` (`c`: the positions below
        /// 32 that pass, as a mask); of a number with the
        /// constant ``wide``; of any two values (numbers by size, anything else for equality).
        case compareNumbers, compareOptions, compareOptionWith, compareNumberWith, compareValues
        /// Kleene `and`/`or` of `a` and `b`.
        case and, or
        /// Kleene `and`/`or` of the operands `a..<a+b`: a chain of `and`s or `or`s in one.
        case all, any
        /// `a in b`: an option in a set or list.
        case member
        /// `a in {…}`: an option in the constant mask ``wide``.
        case memberOfConstant
        /// `option in a`: the option at position `b` in a set or list.
        case containsConstant
        /// `target = if c then a else b`.
        case select
        /// Variadic: operands `a..<a+b` in ``FlatProgram/operands``; `c` the option type.
        case setLiteral, ranked
        /// Variadic, operands `a..<a+b`; variant: ``Aggregate``.
        case aggregate
        /// `count` of conditions (operands `a..<a+b`), or of a set's or list's members (`a`).
        case countTrue, countMembers
        /// Whether the count of a set's members (`a`; variant 0, which counts a list's too), of
        /// those also in the set `b` (variant 1) or of those not in it (variant 2) is one of the
        /// counts in the mask `c`: bit `n` for `n`, bit 31 for 31 or more. `count(x) > 0` or
        /// `count(intersection(x, {…})) >= 2` in one instruction, for sets too large for a
        /// lookup. Only in evaluation programs.
        case countIs
        /// `count(known(x), known(y), …)` of the operands `a..<a+b` in one instruction. Only in
        /// evaluation programs.
        case countKnown
        /// `known(a)`.
        case known
        /// `spread(q)`: how far the respondents' answers to question `a` spread; always known.
        case spread
        /// `a (variant) b` on sets; variant: ``SetOperator``.
        case setOperation
        /// Stores the answers to questions `target..<target+b`, or marks one not applicable when
        /// its `when` condition (register `a`, or none when -1) is false. Several questions (in
        /// a row, without conditions) only in evaluation programs.
        case answer
        /// Runs table `a` (see ``FlatTable``).
        case table
        /// Resolves output `a` (see ``FlatOutput``).
        case output
        /// `target` = the entry of lookup `b` (see ``FlatLookup``) for the values of its inputs,
        /// then skips the next `c` instructions: the expression it tabulates, lowered as it is,
        /// which runs instead where an input holds a value outside its domain.
        case lookup
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

    /// The operator of an `arithmetic` instruction. Read by comparing raw values, which the
    /// compiler folds into the loop, where `init(rawValue:)` would be a call.
    @inline(__always) var arithmeticOperator: ArithmeticOperator {
        switch variant {
        case ArithmeticOperator.add.rawValue: .add
        case ArithmeticOperator.subtract.rawValue: .subtract
        case ArithmeticOperator.multiply.rawValue: .multiply
        default: .divide
        }
    }

    /// The function of an `aggregate` instruction, read as ``arithmeticOperator`` is.
    @inline(__always) var aggregate: Aggregate {
        switch variant {
        case Aggregate.mean.rawValue: .mean
        case Aggregate.meanKnown.rawValue: .meanKnown
        case Aggregate.min.rawValue: .min
        case Aggregate.max.rawValue: .max
        default: .sum
        }
    }

    /// The comparison of a `compare…` instruction.
    var comparison: ComparisonOperator { ComparisonOperator(rawValue: variant)! }

    /// Whether the comparison of a `compare…` instruction holds for two numbers (or positions):
    /// the ordering of `x` and `y` picks a bit of the operator's entry in ``orderings``, so
    /// that the loop neither converts the variant to an operator nor switches on it.
    @inline(__always) func holds<Number: Comparable>(_ x: Number, _ y: Number) -> Bool {
        let ordering: UInt32 = x < y ? 0 : x == y ? 1 : x > y ? 2 : 3
        return Self.orderings >> (UInt32(variant) &* 4 &+ ordering) & 1 == 1
    }

    /// Four bits per comparison operator, in raw-value order, saying which orderings of `x`
    /// and `y` it holds for: bit 0 `x < y`, bit 1 `x == y`, bit 2 `x > y`, bit 3 neither (a
    /// number that is not a number): `==` 0b0010, `!=` 0b1101, `<` 0b0001, `<=` 0b0011,
    /// `>` 0b0100, `>=` 0b0110.
    static var orderings: UInt32 { 0x64_31D2 }

    /// `b` and `c` as one 64-bit constant (a mask, or a number's bits).
    var wide: UInt64 {
        get { UInt64(UInt32(bitPattern: b)) | UInt64(UInt32(bitPattern: c)) << 32 }
        set {
            b = Int32(bitPattern: UInt32(truncatingIfNeeded: newValue))
            c = Int32(bitPattern: UInt32(truncatingIfNeeded: newValue >> 32))
        }
    }
}

/// A decision table, lowered: its columns, its rows and its hit policy. Which rows a column's
/// value lets match is worked out at load time: each column sorts its values into classes (an
/// option, a truth value, a number below, at or between the numbers its cells compare with),
/// and each class has a mask of the rows it matches, so a row's verdict is a few `and`s.
struct FlatTable {
    var slot: Register
    var policy: HitPolicy
    /// The option type of the outputs, -1 when they are not options.
    var elementType: Int32
    var columns: Range<Int>
    var rows: Range<Int>
    /// 64-bit words per row mask: rows `64 w..<64 w + 64` are word `w`.
    var rowWords: Int
    /// The rows in the last word, as a mask: worked out once, not per evaluation.
    var lastWordRows: UInt64

    init(slot: Register, policy: HitPolicy, elementType: Int32, columns: Range<Int>, rows: Range<Int>, rowWords: Int) {
        self.slot = slot
        self.policy = policy
        self.elementType = elementType
        self.columns = columns
        self.rows = rows
        self.rowWords = rowWords
        let inLastWord = rows.count - (rowWords - 1) * 64
        lastWordRows = inLastWord >= 64 ? .max : (1 << UInt64(inLastWord)) - 1
    }
}

/// A table column: its register, how it sorts values into classes, and their row masks.
struct FlatColumn {
    enum Kind: UInt8 {
        /// One class per option position, per truth value (false 0, true 1), or per number
        /// range around ``FlatProgram/points``.
        case options, booleans, numbers
        /// Other values (sets, lists, text): each cell's tests run on the value.
        case values
    }

    var register: Register
    let kind: Kind
    /// The mask of class `k` is at `masks + k * rowWords` in ``FlatProgram/rowMasks``; the
    /// mask of the rows that match any value (`-`) at `dash`.
    let masks: Int
    let classCount: Int
    var dash: Int
    /// For numbers: the numbers the cells compare with, ascending; a number below the first is
    /// class 0, at point `i` class `2 i + 1`, between points `i` and `i + 1` class `2 i + 2`.
    var points: Range<Int>
    /// The cells that test this column (not `-`), in row order.
    var cells: Range<Int>
    /// The kind of the values whose bits are their class (options, truth values), for the
    /// evaluation loop to test without switching on ``kind``; `.unknown` for the other kinds.
    let classKind: Cell.Kind

    init(register: Register, kind: Kind, masks: Int, classCount: Int, dash: Int, points: Range<Int>, cells: Range<Int>) {
        (self.register, self.kind, self.masks, self.classCount, self.dash, self.points, self.cells)
            = (register, kind, masks, classCount, dash, points, cells)
        classKind = kind == .options ? .option : kind == .booleans ? .boolean : .unknown
    }
}

/// An input cell that tests something: its row and its tests, any of which may match.
struct FlatCell {
    var row: Int
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

/// A table row's output: the register it is in once the code in `code` has run.
struct FlatRow {
    var output: Register
    var code: Range<Int>
}

/// An output: the rules that set it, in source order, its set type (-1 when it is not a set),
/// and the slots the rules' conditions read (operands `pins`), which the possible-values
/// analysis tries value by value.
struct FlatOutput {
    var slot: Register
    var setType: Int32
    var setters: Range<Int>
    var pins: Range<Int>
}

/// A rule setting an output: its verdict register, the instructions that compute it, and its
/// assignments to the output.
struct FlatSetter {
    var verdict: Register
    var condition: Range<Int>
    var assignments: Range<Int>
}

/// A value assigned to an output: the register it is in once the code in `code` has run.
struct FlatAssignment {
    var value: Register
    var code: Range<Int>
}

/// A rule that gives advice when it fires: its verdict register, and how many recommendations
/// and warnings it gives.
struct AdvisingRule {
    var verdict: Register
    var recommendations: Int32
    var warnings: Int32
}

/// An expression of up to two inputs with few values each, worked out at load for every
/// combination of their values (see ``LookupTabulator``): its inputs, and where its entries
/// start in ``FlatProgram/lookupEntries``.
struct FlatLookup {
    var first: FlatLookupInput
    /// The second input, or ``FlatLookupInput/none``.
    var second: FlatLookupInput
    var entries: Int32
}

/// An input of a lookup: its register and its domain, the values of one kind and type whose
/// `bits` are below `count` (option positions, truth values or set masks); unknown is value
/// `count`. Entries are in row-major order: the input's value times `stride`.
struct FlatLookupInput {
    var register: Register
    var type: Int32
    var count: UInt32
    var stride: Int32
    var kind: Cell.Kind

    /// Where an unknown value puts the entry: `count` times `stride`.
    var unknown: Int32 { Int32(count) &* stride }

    /// No input: register -1, one value.
    static let none = FlatLookupInput(register: -1, type: 0, count: 0, stride: 0, kind: .unknown)
}

/// A lookup's result for one combination of its inputs' values: the value, which inputs'
/// missing answers it takes (bit `i` for input `i`), and whether it overflows.
struct LookupEntry: Hashable {
    var cell: Cell
    var flows: UInt8
    var overflows: Bool
}

/// The evaluation plan lowered to a flat sequence of instructions over numbered registers, run
/// by ``EvaluationFrame`` (values) and ``PossibilityFrame`` (possible values). Built once per
/// rule base (and once per what-if search, for the steps one value needs); immutable and
/// shared by every thread.
///
/// The parts the loops read are copied into buffers that live as long as the program, so that
/// reading them involves no reference counting or copy-on-write checks; they are never written
/// after `init`, which is what makes sharing them across threads safe.
final class FlatProgram: @unchecked Sendable {
    let instructions: UnsafeBufferPointer<Instruction>
    /// Operand registers of variadic instructions, and outputs' pins.
    let operands: UnsafeBufferPointer<Register>
    let tables: UnsafeBufferPointer<FlatTable>
    let columns: UnsafeBufferPointer<FlatColumn>
    let rowMasks: UnsafeBufferPointer<UInt64>
    let points: UnsafeBufferPointer<Double>
    let rows: UnsafeBufferPointer<FlatRow>
    let cells: UnsafeBufferPointer<FlatCell>
    let tests: UnsafeBufferPointer<FlatTest>
    let outputs: UnsafeBufferPointer<FlatOutput>
    let setters: UnsafeBufferPointer<FlatSetter>
    let assignments: UnsafeBufferPointer<FlatAssignment>
    let lookups: UnsafeBufferPointer<FlatLookup>
    let lookupEntries: UnsafeBufferPointer<LookupEntry>
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
    /// The rules that give advice when they fire, for counting it without rendering it.
    let advisingRules: UnsafeBufferPointer<AdvisingRule>
    /// How many options each option type has.
    let optionCounts: UnsafeBufferPointer<Int>
    /// Per question: the answers it allows (numbers within its range), for the possible-values
    /// analysis.
    let anyAnswer: [PossibleCell]
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

    init(lowering: FlatLowering) {
        func buffer<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(buffer)
        }
        instructions = buffer(lowering.instructions)
        operands = buffer(lowering.operands)
        tables = buffer(lowering.tables)
        columns = buffer(lowering.columns)
        rowMasks = buffer(lowering.rowMasks)
        points = buffer(lowering.points)
        rows = buffer(lowering.rows)
        cells = buffer(lowering.cells)
        tests = buffer(lowering.tests)
        outputs = buffer(lowering.outputs)
        setters = buffer(lowering.setters)
        assignments = buffer(lowering.assignments)
        lookups = buffer(lowering.lookups)
        lookupEntries = buffer(lowering.lookupEntries)
        constants = lowering.constants
        texts = lowering.texts
        lists = lowering.lists
        verdicts = lowering.verdicts
        ruleOrder = lowering.ruleOrder
        advisingRules = buffer(lowering.advisingRules)
        optionCounts = buffer(lowering.optionCounts)
        anyAnswer = lowering.anyAnswer
        registerCount = lowering.registerCount
        slotCount = lowering.slotCount
        questionCount = lowering.questionCount
        words = (lowering.questionCount + 1 + 63) / 64
        scratch = lowering.scratch
        maxCandidates = Swift.max(lowering.tables.map(\.rows.count).max() ?? 0,
                                  lowering.outputs.map { lowering.setters[$0.setters].reduce(0) { $0 + $1.assignments.count } }.max() ?? 0)
        maxRanked = lowering.instructions.filter { $0.opcode == .ranked }.map { Int($0.b) }.max() ?? 0
    }

    deinit {
        instructions.deallocate()
        operands.deallocate()
        tables.deallocate()
        columns.deallocate()
        rowMasks.deallocate()
        points.deallocate()
        rows.deallocate()
        cells.deallocate()
        tests.deallocate()
        outputs.deallocate()
        setters.deallocate()
        assignments.deallocate()
        lookups.deallocate()
        lookupEntries.deallocate()
        optionCounts.deallocate()
        advisingRules.deallocate()
    }

    /// The mask of all options of a type.
    @inline(__always) func allOptions(_ type: Int32) -> UInt64 {
        let count = optionCounts[Int(type)]
        return count >= 64 ? .max : (1 << UInt64(count)) - 1
    }

    /// The rows of word `word` that a known value matches in a column that sorts values into
    /// classes, read from its class's mask; `nil` where the value has no class there (see
    /// ``CellArenas/rowMask(_:_:word:rowWords:)``, which tries the cells' tests instead).
    @inline(__always) func classMask(_ column: FlatColumn, _ value: Cell, word: Int, rowWords: Int) -> UInt64? {
        guard let valueClass = valueClass(column, value), valueClass < column.classCount else { return nil }
        // In range: the class is below the column's class count, the word below `rowWords`.
        return rowMasks[column.masks &+ valueClass &* rowWords &+ word]
    }

    /// The class of a known value in a table column, `nil` when the column does not sort
    /// values into classes (or the value is not of its kind).
    @inline(__always) func valueClass(_ column: FlatColumn, _ value: Cell) -> Int? {
        switch column.kind {
        case .options:
            return value.kind == .option ? Int(value.bits) : nil
        case .booleans:
            return value.kind == .boolean ? Int(value.bits) : nil
        case .numbers:
            guard let number = value.number else { return nil }
            var below = 0
            for point in points[column.points] {
                if number == point { return 2 * below + 1 }
                if number < point { break }
                below += 1
            }
            return 2 * below
        case .values:
            return nil
        }
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
