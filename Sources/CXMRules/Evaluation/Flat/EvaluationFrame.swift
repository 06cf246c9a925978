/// The workspace of evaluations: one register per slot, constant and intermediate result, each
/// with its missing-answer bit set, and the scratch space of tables and outputs. Make one per
/// thread with ``RuleBase/makeFrame()`` and pass it `inout` to
/// ``RuleBase/evaluate(_:into:)`` for each profile: after the first few evaluations, an
/// evaluation allocates nothing.
///
/// After an evaluation the frame is its compact result: values, missing answers and verdicts
/// are read from it on demand, and texts are rendered only when asked for
/// (``RuleBase/evaluation(of:)``).
///
/// ```swift
/// var frame = ruleBase.makeFrame()
/// for profile in profiles {
///     ruleBase.evaluate(profile.answers, into: &frame)
///     print(ruleBase.display(frame.value(of: slot)))
/// }
/// ```
public struct EvaluationFrame: Sendable {
    let program: FlatProgram
    /// Owns the registers; copied before an evaluation when another frame shares it, so that
    /// frames are values like any other.
    private var storage: RegisterStorage
    /// One cell per register, and `program.words` words of missing-answer bits per register:
    /// bit `q` for question `q`, bit `questionCount` for "the computation overflows".
    private(set) var registers: Registers
    private(set) var scratch: ScratchBuffers
    /// The program's texts, then those of the current run (answers to text questions).
    var texts: [String]
    /// The program's list positions, then those of the current run.
    var lists: [UInt8]
    /// How far the respondents' answers spread, by question, for `spread(q)` (see
    /// ``Profile/spreads``); a question without an entry has a spread of 0.
    var spreads: [Double] = []
    /// The questions whose `when` was false, in plan order.
    var notApplicableQuestions: [Int32] = []

    init(program: FlatProgram) {
        self.program = program
        storage = RegisterStorage(program: program)
        registers = storage.registers
        scratch = storage.scratch
        texts = program.texts
        texts.reserveCapacity(program.texts.count + 16)
        lists = program.lists
        lists.reserveCapacity(program.lists.count + 256)
        notApplicableQuestions.reserveCapacity(program.questionCount)
    }

    /// Makes the registers this frame's own before it writes them.
    mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        storage = RegisterStorage(copying: storage)
        registers = storage.registers
        scratch = storage.scratch
    }

    // MARK: Reading the result

    /// A slot's value after the last evaluation (`nil`: unknown).
    public func value(of slot: SlotID) -> Value? {
        value(of: slot.index)
    }

    /// ``value(of:)`` by position, for the searches that index answers with it.
    func value(of slot: Int) -> Value? {
        value(registers.cells[slot])
    }

    /// Whether a slot's value is known, without building the value.
    public func isKnown(_ slot: SlotID) -> Bool {
        registers.cells[slot.index].isKnown
    }

    /// Whether missing answers could change a slot's value, or left it unknown: whether it
    /// names any missing answer (or an overflow), without building the set.
    public func isOpen(_ slot: SlotID) -> Bool {
        let bits = registers.bits(Register(slot.index))
        return !registers.cells[slot.index].isKnown || (0..<registers.words).contains { bits[$0] != 0 }
    }

    /// A slot's outcome after the last evaluation: its value and the missing answers that
    /// could change it.
    public func outcome(of slot: SlotID) -> Outcome {
        outcome(of: slot.index)
    }

    /// ``outcome(of:)`` by position.
    func outcome(of slot: Int) -> Outcome {
        Outcome(value: value(registers.cells[slot]), missing: questionSet(Register(slot)))
    }

    /// A rule's verdict after the last evaluation.
    public func verdict(ofRule rule: RuleID) -> RuleVerdict {
        let register = program.verdicts[rule.index]
        guard register >= 0 else { return RuleVerdict(fired: false, missing: QuestionSet()) }
        let truth = registers.cells[Int(register)].truth
        return RuleVerdict(fired: truth < 0 ? nil : truth == 1, missing: questionSet(register))
    }

    /// The questions not asked because their `when` condition was false, in plan order.
    public var notApplicable: [SlotID] { notApplicableQuestions.map { SlotID(Int($0)) } }

    /// How many recommendations and warnings the rules that fired give, without rendering them.
    public var adviceCounts: (recommendations: Int, warnings: Int) {
        var counts = (recommendations: 0, warnings: 0)
        let cells = registers.cells
        for rule in program.advisingRules where cells[Int(rule.verdict)].truth == 1 {
            counts.recommendations &+= Int(rule.recommendations)
            counts.warnings &+= Int(rule.warnings)
        }
        return counts
    }

    /// Adds the missing answers that could change a slot's value (its outcome's
    /// ``Outcome/missing``, with the overflow mark) to `set`, without building the outcome.
    public func formMissingUnion(of slot: SlotID, into set: inout QuestionSet) {
        let bits = registers.bits(Register(slot.index))
        let (overflowWord, overflowBit) = (program.questionCount / 64, UInt64(1) << UInt64(program.questionCount % 64))
        for index in 0..<registers.words where bits[index] != 0 {
            if index == overflowWord, bits[index] & overflowBit != 0 { set.overflows = true }
            set.formUnion(word: index == overflowWord ? bits[index] & ~overflowBit : bits[index], at: index)
        }
    }

    /// A register's missing answers as a set, read from its bit set without an intermediate
    /// array (one word, for up to 63 questions, allocates nothing).
    func questionSet(_ register: Register) -> QuestionSet {
        let bits = UnsafeBufferPointer(start: registers.bits(register), count: registers.words)
        let (overflowWord, overflowBit) = (program.questionCount / 64, UInt64(1) << UInt64(program.questionCount % 64))
        return QuestionSet(words: bits.indices.lazy.map { $0 == overflowWord ? bits[$0] & ~overflowBit : bits[$0] },
                           overflows: bits[overflowWord] & overflowBit != 0)
    }
}

extension RuleBase {
    /// A frame for evaluating profiles against this rule base, one per thread.
    public func makeFrame() -> EvaluationFrame {
        EvaluationFrame(program: evaluationProgram)
    }

    /// Evaluates a profile's answers into a frame made by this rule base's ``makeFrame()``: the
    /// allocation-free path for evaluating many profiles. Read the result from the frame, or
    /// turn it into an ``Evaluation`` with ``evaluation(of:)``.
    ///
    /// - Parameters:
    ///   - answers: one entry per question (see ``questions``), `nil` for a missing answer.
    ///   - spreads: for several respondents' combined answers, how far their answers spread,
    ///     by question (see ``Profile/spreads``); empty for one respondent.
    public func evaluate(_ answers: [Value?], spreads: [Double] = [], into frame: inout EvaluationFrame) {
        precondition(frame.program === evaluationProgram, "the frame was made by another rule base")
        // Stored only when either is not empty: no reference counting for one respondent.
        if !spreads.isEmpty || !frame.spreads.isEmpty { frame.spreads = spreads }
        frame.run(answers)
    }

    /// The full result of the evaluation in a frame: every value, verdict, and the advice of
    /// the rules that fired with its texts rendered.
    public func evaluation(of frame: EvaluationFrame) -> Evaluation {
        let values = (0..<values.count).map { frame.outcome(of: $0) }
        let verdicts = rules.indices.map { frame.verdict(ofRule: RuleID($0)) }
        let (recommendations, warnings) = advice(values: values, verdicts: verdicts)
        return Evaluation(values: values, notApplicable: frame.notApplicable, ruleVerdicts: verdicts,
                          recommendations: recommendations, warnings: warnings, trace: [], spreads: frame.spreads)
    }

    /// The recommendations and warnings of the rules that fired, in plan order (the order
    /// advice is given in), with their texts rendered from `values` (and, when given, the values
    /// still `possible`).
    func advice(values: [Outcome], verdicts: [RuleVerdict], possible: Possibilities? = nil) -> (recommendations: [Advice], warnings: [Advice]) {
        var recommendations: [Advice] = []
        var warnings: [Advice] = []
        for rule in program.ruleOrder where verdicts[rule.index].fired == true {
            appendAdvice(ofRule: rule.index, values: values, verdict: verdicts[rule.index], possible: possible, to: &recommendations, &warnings)
        }
        return (recommendations, warnings)
    }

    /// A rule's recommendations and warnings with their texts rendered from `values`, whether
    /// it fired or not: the one place advice is made (evaluations, traces, explanations).
    func advice(ofRule rule: Int, values: [Outcome], verdict: RuleVerdict) -> (recommendations: [Advice], warnings: [Advice]) {
        var advice: (recommendations: [Advice], warnings: [Advice]) = ([], [])
        appendAdvice(ofRule: rule, values: values, verdict: verdict, to: &advice.recommendations, &advice.warnings)
        return advice
    }

    /// Appends a rule's recommendations and warnings (see ``advice(ofRule:values:verdict:)``)
    /// where they go, without copying them on the way.
    private func appendAdvice(ofRule rule: Int, values: [Outcome], verdict: RuleVerdict, possible: Possibilities? = nil,
                              to recommendations: inout [Advice], _ warnings: inout [Advice]) {
        let compiled = compiledRules[rule]
        let info = rules[rule]
        let because = compiled.because.map { $0.render(values, self, possible: possible) }
        let missing = verdict.missing.isEmpty ? [] : verdict.missing.members.map { self.values[$0.index].name }
        func advice(_ step: Int?, _ priority: Priority?, _ text: Template) -> Advice {
            Advice(rule: info.name, step: step, priority: priority, text: text.render(values, self, possible: possible),
                   because: because, citations: info.citations, missingAnswers: missing)
        }
        for recommendation in compiled.recommendations {
            recommendations.append(advice(recommendation.step, recommendation.priority, recommendation.text))
        }
        for warning in compiled.warnings { warnings.append(advice(nil, nil, warning)) }
    }
}

/// A row or rule that matched (`fired` 1) or might have (-1): the register of its value and of
/// the missing answers that could change whether it matched.
struct Candidate {
    var fired: Int8
    var value: Register
    var missing: Register
}

/// The memory of a frame's registers and scratch buffers. A frame writes it only when it holds
/// the only reference (``EvaluationFrame/makeUnique()``), so frames can be sent between threads.
final class RegisterStorage: @unchecked Sendable {
    let registers: Registers
    let scratch: ScratchBuffers
    private let count: Int

    init(program: FlatProgram) {
        count = program.registerCount
        let cells = UnsafeMutablePointer<Cell>.allocate(capacity: count)
        cells.initialize(repeating: .unknown, count: count)
        let missing = UnsafeMutablePointer<UInt64>.allocate(capacity: count * program.words)
        missing.initialize(repeating: 0, count: count * program.words)
        for (register, cell) in program.constants { cells[Int(register)] = cell }
        registers = Registers(cells: cells, missing: missing, words: program.words, overflowBit: program.questionCount)
        scratch = ScratchBuffers(candidates: .allocate(capacity: program.maxCandidates), ranking: .allocate(capacity: program.maxRanked))
    }

    init(copying other: RegisterStorage) {
        count = other.count
        let words = other.registers.words
        let cells = UnsafeMutablePointer<Cell>.allocate(capacity: count)
        cells.initialize(from: other.registers.cells, count: count)
        let missing = UnsafeMutablePointer<UInt64>.allocate(capacity: count * words)
        missing.initialize(from: other.registers.missing, count: count * words)
        registers = Registers(cells: cells, missing: missing, words: words, overflowBit: other.registers.overflowBit)
        scratch = ScratchBuffers(candidates: .allocate(capacity: other.scratch.candidates.count),
                                 ranking: .allocate(capacity: other.scratch.ranking.count))
    }

    deinit {
        registers.cells.deallocate()
        registers.missing.deallocate()
        scratch.candidates.deallocate()
        scratch.ranking.deallocate()
    }
}

/// A frame's scratch space: the rows or rules that matched or might have, while a table or
/// output is resolved; scores and positions, while `ranked` orders them.
struct ScratchBuffers: @unchecked Sendable {
    let candidates: UnsafeMutableBufferPointer<Candidate>
    let ranking: UnsafeMutableBufferPointer<(score: Double, position: Int)>
}
