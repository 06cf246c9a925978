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
public struct EvaluationFrame: ~Copyable {
    let program: FlatProgram
    /// One cell per register.
    let cells: UnsafeMutablePointer<Cell>
    /// `program.words` words per register: bit `q` for question `q`, bit `questionCount` for
    /// "the computation overflows".
    let missing: UnsafeMutablePointer<UInt64>
    let words: Int
    /// The program's texts, then those of the current run (answers to text questions).
    var texts: [String]
    /// The program's list positions, then those of the current run.
    var lists: [UInt8]
    /// The rows or rules that matched or might have, while a table or output is resolved.
    var candidates: [Candidate] = []
    /// Scores and positions, while `ranked` orders them.
    var ranking: [(score: Double, position: Int)] = []
    /// The questions whose `when` was false, in plan order.
    var notApplicableQuestions: [Int32] = []

    /// A row or rule that matched (`fired` 1) or might have (-1): the register of its value and
    /// of the missing answers that could change whether it matched.
    struct Candidate {
        var fired: Int8
        var value: Register
        var missing: Register
    }

    init(program: FlatProgram) {
        self.program = program
        words = program.words
        cells = .allocate(capacity: program.registerCount)
        cells.initialize(repeating: .unknown, count: program.registerCount)
        missing = .allocate(capacity: program.registerCount * program.words)
        missing.initialize(repeating: 0, count: program.registerCount * program.words)
        for (register, cell) in program.constants { cells[Int(register)] = cell }
        texts = program.texts
        texts.reserveCapacity(program.texts.count + 16)
        lists = program.lists
        lists.reserveCapacity(program.lists.count + 256)
        candidates.reserveCapacity(64)
        ranking.reserveCapacity(64)
        notApplicableQuestions.reserveCapacity(program.questionCount)
    }

    deinit {
        cells.deallocate()
        missing.deallocate()
    }

    // MARK: Reading the result

    /// A slot's value after the last evaluation (`nil`: unknown).
    public func value(of slot: Int) -> Value? {
        value(cells[slot])
    }

    /// Whether a slot's value is known, without building the value.
    public func isKnown(_ slot: Int) -> Bool {
        cells[slot].isKnown
    }

    /// A slot's outcome after the last evaluation: its value and the missing answers that
    /// could change it.
    public func outcome(of slot: Int) -> Outcome {
        Outcome(value: value(cells[slot]), missing: questionSet(Register(slot)))
    }

    /// A rule's verdict after the last evaluation.
    public func verdict(ofRule rule: Int) -> RuleVerdict {
        let register = program.verdicts[rule]
        guard register >= 0 else { return RuleVerdict(fired: false, missing: QuestionSet()) }
        let truth = cells[Int(register)].truth
        return RuleVerdict(fired: truth < 0 ? nil : truth == 1, missing: questionSet(register))
    }

    /// The questions not asked because their `when` condition was false, in plan order.
    public var notApplicable: [Int] { notApplicableQuestions.map { Int($0) } }

    /// How many recommendations and warnings the rules that fired give, without rendering them.
    public var adviceCounts: (recommendations: Int, warnings: Int) {
        var counts = (recommendations: 0, warnings: 0)
        for (rule, register) in program.verdicts.enumerated() where register >= 0 && cells[Int(register)].truth == 1 {
            counts.recommendations += program.adviceCounts[rule].recommendations
            counts.warnings += program.adviceCounts[rule].warnings
        }
        return counts
    }

    func value(_ cell: Cell) -> Value? {
        switch cell.kind {
        case .unknown: return nil
        case .boolean: return .boolean(cell.bits != 0)
        case .number: return .number(Double(bitPattern: cell.bits))
        case .option: return .option(type: Int(cell.type), position: Int(cell.bits))
        case .set: return .set(type: Int(cell.type), mask: cell.bits)
        case .text: return .text(texts[Int(cell.bits)])
        case .list: return .list(type: Int(cell.type), positions: lists[cell.listRange].map { Int($0) })
        }
    }

    func questionSet(_ register: Register) -> QuestionSet {
        var bits = Array(UnsafeBufferPointer(start: missing + Int(register) * words, count: words))
        let overflow = program.questionCount
        let overflows = bits[overflow / 64] & (1 << UInt64(overflow % 64)) != 0
        bits[overflow / 64] &= ~(1 << UInt64(overflow % 64))
        return QuestionSet(words: bits, overflows: overflows)
    }
}

extension RuleBase {
    /// A frame for evaluating profiles against this rule base, one per thread.
    public func makeFrame() -> EvaluationFrame {
        EvaluationFrame(program: program)
    }

    /// Evaluates a profile's answers into a frame made by this rule base's ``makeFrame()``: the
    /// allocation-free path for evaluating many profiles. Read the result from the frame, or
    /// turn it into an ``Evaluation`` with ``evaluation(of:)``.
    ///
    /// - Parameter answers: one entry per question (see ``questions``), `nil` for a missing answer.
    public func evaluate(_ answers: [Value?], into frame: inout EvaluationFrame) {
        precondition(frame.program === program, "the frame was made by another rule base")
        frame.run(answers)
    }

    /// The full result of the evaluation in a frame: every value, verdict, and the advice of
    /// the rules that fired with its texts rendered.
    public func evaluation(of frame: borrowing EvaluationFrame) -> Evaluation {
        let values = (0..<values.count).map { frame.outcome(of: $0) }
        let verdicts = rules.indices.map { frame.verdict(ofRule: $0) }
        var recommendations: [Advice] = []
        var warnings: [Advice] = []
        for rule in frame.program.ruleOrder where verdicts[rule.index].fired == true {
            let compiled = compiledRules[rule.index]
            let info = rules[rule.index]
            func advice(_ step: Int?, _ priority: Priority?, _ text: Template) -> Advice {
                Advice(rule: info.name, step: step, priority: priority, text: text.render(values, self),
                       because: compiled.because.map { $0.render(values, self) }, citations: info.citations,
                       missingAnswers: verdicts[rule.index].missing.members.map { self.values[$0].name })
            }
            recommendations += compiled.recommendations.map { advice($0.step, $0.priority, $0.text) }
            warnings += compiled.warnings.map { advice(nil, nil, $0) }
        }
        return Evaluation(values: values, notApplicable: frame.notApplicable, ruleVerdicts: verdicts,
                          recommendations: recommendations, warnings: warnings, trace: [])
    }
}
