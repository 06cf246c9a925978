/// The workspace of the possible-values analysis: one ``PossibleCell`` per register of a
/// ``FlatProgram``, filled by running the program over what each value can still be rather
/// than over values (see `PossibleMachine.swift`). Reports and `cxm batch` run it with every
/// missing answer open; the what-if search runs it with the questions it is about to change
/// open and the other missing answers left missing, to prune sets of changes that cannot reach
/// the goal and to prove that none can.
///
/// Make one per thread with ``RuleBase/makePossibilityFrame(for:)``; a frame reused from
/// profile to profile allocates nothing once warm.
public struct PossibilityFrame: Sendable {
    let program: FlatProgram
    private var storage: PossibleStorage
    /// One cell per register.
    var cells: UnsafeMutablePointer<PossibleCell> { storage.cells }
    /// Per missing or open question: what its answer can be in this run.
    var inputs: UnsafeMutablePointer<PossibleCell> { storage.inputs }
    /// The tables' and outputs' results kept for the values their inputs took.
    var resultCache: ResultCache { storage.resultCache }
    /// The answers of this run, while it runs.
    private var answers: [Value?] = []
    var texts: [String]
    var lists: [UInt8]
    /// The row masks a table's columns leave possible (rows that surely match, rows that may),
    /// while a table is analysed.
    var states: [(sure: UInt64, possible: UInt64)] = []
    var nextStates: [(sure: UInt64, possible: UInt64)] = []
    /// The pins of an output while it is analysed: each one's register, its value, the
    /// possibility tried now and how many it has.
    var pins: [(register: Int, value: PossibleCell, index: Int, count: Int)] = []

    /// The conditions of each output's rules as stretches of instructions (conditions that
    /// follow one another as one), for the output at `i` ``outputConditions[i]`` of them:
    /// what an output's analysis runs again for each combination it tries.
    let conditionStretches: [Range<Int>]
    let outputConditions: [Range<Int>]
    /// The steps of the plan the program was lowered for and their sets (see
    /// ``PossibilityPlan``); no steps without a plan.
    private let steps: [PossibilityStep]
    private let sets: StepSets
    /// The questions missing (or open) in this run, by bit.
    private var missing: UnsafeMutablePointer<UInt64> { storage.bits }
    /// A run's sets of steps (see ``StepSets``): those its slots need, those it runs, and
    /// those whose values the steps it runs read.
    private var needed: UnsafeMutablePointer<UInt64> { storage.bits + program.words }
    private var running: UnsafeMutablePointer<UInt64> { needed + sets.words }
    private var read: UnsafeMutablePointer<UInt64> { running + sets.words }
    /// The plan's sets of steps, in the storage as ``StepSets/flattened`` lays them out: read
    /// in place, without retaining the arrays or checking bounds.
    private var table: UnsafeMutablePointer<UInt64> { read + sets.words }

    init(program: FlatProgram, plan: PossibilityPlan? = nil) {
        self.program = program
        var stretches: [Range<Int>] = []
        outputConditions = program.outputs.map { output in
            let start = stretches.count
            for setter in program.setters[output.setters] {
                if let last = stretches.last, stretches.count > start, last.upperBound == setter.condition.lowerBound {
                    stretches[stretches.count - 1] = last.lowerBound..<setter.condition.upperBound
                } else {
                    stretches.append(setter.condition)
                }
            }
            return start..<stretches.count
        }
        conditionStretches = stretches
        steps = plan?.steps ?? []
        sets = plan?.sets ?? StepSets(steps: 0, slots: 0, questions: 0)
        storage = PossibleStorage(program: program, runWords: program.words + 3 * sets.words, stepSets: sets.flattened, keepingResults: plan != nil)
        texts = program.texts
        lists = program.lists
        states.reserveCapacity(64)
        nextStates.reserveCapacity(64)
        pins.reserveCapacity(16)
    }

    /// Makes the registers this frame's own before it writes them.
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        storage = PossibleStorage(copying: storage)
    }

    /// Analyses answers with every missing answer open: each may be any answer its question
    /// allows, or what `shapes` says of it (a partial answer's known members and non-members).
    /// Runs only the steps that the plan's slots in `selection` need (bit `i` for the plan's
    /// slot `i`). Where `known` is given (the slots' registers of a frame that evaluated the
    /// same answers), a step that gives a value exactly from given answers, none of which is
    /// missing or partial, does not run: the steps that run and the slots asked for take its
    /// value from `known`, and where nothing reads it, it is left as it was. Steps that run
    /// one after the other run as one stretch of instructions.
    mutating func run(_ answers: [Value?], shapes: [(question: Int, shape: PossibleCell)] = [], selecting selection: UInt64 = .max,
                      known: UnsafeMutablePointer<Cell>? = nil) {
        let program = self.program
        prepare(answers, missing: { program.anyAnswer[$0] })
        for (question, shape) in shapes { setMissing(question, to: shape) }
        defer { self.answers = [] }
        guard !steps.isEmpty else { return execute(0..<program.instructions.count) }
        decideSteps(selection: selection, known: known != nil)
        let cells = self.cells
        let (running, read) = (self.running, self.read)
        if let known {
            // A step that takes its value from the evaluation writes only its slot's register,
            // which no step that runs writes: all of them first.
            for word in 0..<sets.words {
                var bits = read[word]
                while bits != 0 {
                    let slot = steps[word * 64 + bits.trailingZeroBitCount].exactSlot
                    cells[slot] = PossibleCell(exactly: known[slot])
                    bits &= bits - 1
                }
            }
        }
        // Steps are lowered one after the other: each run of steps is one stretch of
        // instructions, and a run that goes on in the next word goes on with it.
        var stretch = 0..<0
        for word in 0..<sets.words {
            var bits = running[word]
            while bits != 0 {
                let first = bits.trailingZeroBitCount
                let count = (~(bits >> UInt64(first))).trailingZeroBitCount
                let start = word * 64 + first
                let lower = steps[start].instructions.lowerBound, upper = steps[start + count - 1].instructions.upperBound
                // Clears the lowest run of ones.
                bits &= bits &+ (bits & (0 &- bits))
                if stretch.upperBound == lower {
                    stretch = stretch.lowerBound..<upper
                } else {
                    execute(stretch)
                    stretch = lower..<upper
                }
            }
        }
        execute(stretch)
    }

    /// Which steps a run runs (``running``: those its slots need that a missing answer reaches
    /// or that are not exact; all it needs without an evaluation to copy from) and which it
    /// copies from the evaluation (``read``, of those it needs and does not run: those that give
    /// the slots asked for, and those that steps a missing answer reaches, or steps that are not
    /// exact, read — running or not, which is cheaper to work out than the reads of the steps it
    /// runs and copies at most a few more).
    private mutating func decideSteps(selection: UInt64, known: Bool) {
        let words = sets.words
        let (missing, needed, running, read) = (self.missing, self.needed, self.running, self.read)
        let offsets = sets.offsets
        let (neededBy, gives, reached) = (table + offsets.needed, table + offsets.gives, table + offsets.reached)
        let (readByReached, exact, readByInexact) = (table + offsets.readByReached, table + offsets.exact, table + offsets.readByInexact)
        let selected = sets.slotCount == 64 ? selection : selection & ((1 << UInt64(sets.slotCount)) - 1)
        let questionCount = program.questionCount
        // A word of steps at a time (most plans have one), walking the slots and questions.
        for word in 0..<words {
            var (need, give, run, reads): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var slots = selected
            while slots != 0 {
                let set = slots.trailingZeroBitCount &* words &+ word
                slots &= slots - 1
                need |= neededBy[set]
                give |= gives[set]
            }
            if known {
                reads = readByInexact[word]
                for questions in 0..<program.words {
                    var bits = missing[questions]
                    while bits != 0 {
                        let question = questions &* 64 &+ bits.trailingZeroBitCount
                        bits &= bits - 1
                        guard question < questionCount else { continue }
                        run |= reached[question &* words &+ word]
                        reads |= readByReached[question &* words &+ word]
                    }
                }
                run = need & (run | ~exact[word])
                reads = (reads | give) & need & ~run
            } else {
                (run, reads) = (need | give, give)
            }
            (needed[word], running[word], read[word]) = (need, run, reads)
        }
    }

    /// Analyses answers with the questions in `open` open, whatever their answers: each may be
    /// any answer, or what `shapes` says of it (a set's options decided so far). Other missing
    /// answers stay missing.
    mutating func run(_ answers: [Value?], opening open: [Int], shapes: [(question: Int, shape: PossibleCell)] = []) {
        prepare(answers, missing: { _ in .unknown })
        for question in open { setMissing(question, to: program.anyAnswer[question]) }
        for (question, shape) in shapes { setMissing(question, to: shape) }
        execute(0..<program.instructions.count)
        self.answers = []
    }

    /// Notes the answers and which questions are missing; a missing one's input is what
    /// `missing` says it can be. (A given answer becomes a cell when its question's step
    /// reads it: see ``input(_:)``.)
    private mutating func prepare(_ answers: [Value?], missing: (Int) -> PossibleCell) {
        makeUnique()
        resetArenas()
        self.answers = answers
        for word in 0..<program.words { self.missing[word] = 0 }
        let questionCount = program.questionCount
        answers.withUnsafeBufferPointer { answers in
            for question in 0..<Swift.min(answers.count, questionCount) where answers[question] == nil {
                setMissing(question, to: missing(question))
            }
        }
        for question in answers.count..<Swift.max(answers.count, questionCount) { setMissing(question, to: missing(question)) }
    }

    /// Makes a question's input `cell` and marks its answer missing.
    @inline(__always)
    private func setMissing(_ question: Int, to cell: PossibleCell) {
        inputs[question] = cell
        missing[question / 64] |= 1 << UInt64(question % 64)
    }

    /// What a question's answer can be in this run: the input of a missing or open one, the
    /// answer itself otherwise.
    mutating func input(_ question: Int) -> PossibleCell {
        guard missing[question / 64] & 1 << UInt64(question % 64) == 0, let answer = answers[question] else { return inputs[question] }
        return PossibleCell(exactly: cell(for: answer))
    }

    // MARK: Reading the result

    /// What a slot can still be after the last run.
    public func possibleValue(of slot: SlotID) -> PossibleValue {
        possibleValue(of: slot.index)
    }

    /// ``possibleValue(of:)`` by position.
    func possibleValue(of slot: Int) -> PossibleValue {
        possibleValue(cells[slot])
    }

    /// What a rule's condition can still be after the last run; a rule the program does not
    /// run never fires.
    func possibleVerdict(ofRule rule: Int) -> PossibleValue {
        let register = program.verdicts[rule]
        guard register >= 0 else { return PossibleValue(.boolean(false)) }
        let truths = cells[Int(register)].truths
        return PossibleValue(known: truths.canBeTrue || truths.canBeFalse ? .booleans(false: truths.canBeFalse, true: truths.canBeTrue) : nil,
                             canBeUnknown: truths.canBeUnknown)
    }

    /// Whether a slot can be the value `value` (`nil`: unknown) after the last run.
    func canBe(_ slot: Int, _ value: Value?) -> Bool {
        possibleValue(of: slot).contains(value)
    }

    /// The only value a slot can be after the last run (`.some(nil)`: surely unknown), or
    /// `nil` when several are possible.
    func single(_ slot: Int) -> Value?? {
        guard let cell = cells[slot].single else { return nil }
        return .some(cell.isKnown ? value(cell) : nil)
    }

    func possibleValue(_ cell: PossibleCell) -> PossibleValue {
        let known: PossibleValue.Known?
        switch cell.kind {
        case .none: known = nil
        case .booleans: known = .booleans(false: cell.a & 1 != 0, true: cell.a & 2 != 0)
        case .options: known = .options(type: OptionTypeID(cell: cell.type), mask: cell.a)
        case .numbers: known = .numbers(low: Double(bitPattern: cell.a), high: Double(bitPattern: cell.b))
        case .sets: known = .sets(type: OptionTypeID(cell: cell.type), surely: cell.a, perhaps: cell.b)
        case .lists: known = .lists(type: OptionTypeID(cell: cell.type), exact: nil, surely: cell.a, perhaps: cell.b)
        case .list:
            let positions = lists[Cell(kind: .list, type: cell.type, bits: cell.a, extra: cell.b).listRange].map { Int($0) }
            known = .lists(type: OptionTypeID(cell: cell.type), exact: positions, surely: cell.a, perhaps: cell.a)
        case .text: known = .text(texts[Int(cell.a)])
        case .anyText: known = .text(nil)
        case .anything: known = .anything
        }
        return PossibleValue(known: known, canBeUnknown: cell.canBeUnknown)
    }
}

extension PossibilityFrame: CellArenas {}

extension RuleBase {
    /// A frame for the possible values of the slots a plan covers (by default, all), one per
    /// thread.
    public func makePossibilityFrame(for plan: PossibilityPlan? = nil) -> PossibilityFrame {
        plan.map { PossibilityFrame(program: $0.program, plan: $0) } ?? PossibilityFrame(program: program)
    }
}

/// The memory of a possibility frame's registers, owned by one frame at a time (see
/// ``PossibilityFrame``), so frames can be sent between threads.
final class PossibleStorage: @unchecked Sendable {
    let cells: UnsafeMutablePointer<PossibleCell>
    /// Per question: what its answer can be in a run.
    let inputs: UnsafeMutablePointer<PossibleCell>
    /// A run's bit sets (the missing questions, then the steps it needs, runs and reads), then
    /// the plan's sets of steps.
    let bits: UnsafeMutablePointer<UInt64>
    let resultCache: ResultCache
    private let count: Int
    private let questionCount: Int
    private let bitWords: Int

    init(program: FlatProgram, runWords: Int, stepSets: [UInt64], keepingResults: Bool) {
        count = program.registerCount
        questionCount = program.questionCount
        cells = .allocate(capacity: count)
        cells.initialize(repeating: .unknown, count: count)
        inputs = .allocate(capacity: questionCount)
        inputs.initialize(repeating: .unknown, count: questionCount)
        bitWords = runWords + stepSets.count
        resultCache = ResultCache(program: program, keeping: keepingResults)
        bits = .allocate(capacity: bitWords)
        bits.initialize(repeating: 0, count: runWords)
        (bits + runWords).initialize(from: stepSets, count: stepSets.count)
        // Constants are what they are; the lists and texts they name are the program's.
        for (register, cell) in program.constants { cells[Int(register)] = PossibleCell(exactly: cell) }
    }

    init(copying other: PossibleStorage) {
        count = other.count
        questionCount = other.questionCount
        cells = .allocate(capacity: count)
        cells.initialize(from: other.cells, count: count)
        inputs = .allocate(capacity: questionCount)
        inputs.initialize(from: other.inputs, count: questionCount)
        bitWords = other.bitWords
        resultCache = other.resultCache.emptied()
        bits = .allocate(capacity: bitWords)
        bits.initialize(from: other.bits, count: bitWords)
    }

    deinit {
        resultCache.deallocate()
        cells.deallocate()
        inputs.deallocate()
        bits.deallocate()
    }
}
