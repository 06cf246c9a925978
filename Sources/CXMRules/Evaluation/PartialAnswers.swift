/// A multi-select answer known only in part: options known to apply, options known not to
/// apply, and the rest unknown ("at least these; the rest I don't know"). Profiles hold it
/// beside their answers (see ``Profile/partial``); the question's answer itself stays missing.
///
/// In the rules, `x in s` is true for a known member, false for a known non-member and unknown
/// otherwise; `count(s)` and what is computed from it lie between the value with every unknown
/// option absent and the value with every one present, and a comparison is decided when both
/// bounds agree.
public struct PartialSet: Hashable, Sendable {
    /// The option type of the question.
    public let type: OptionTypeID
    /// The options known to apply, as a mask of positions.
    public let includes: UInt64
    /// The options known not to apply, as a mask of positions (disjoint from `includes`).
    public let excludes: UInt64

    public init(type: OptionTypeID, includes: UInt64, excludes: UInt64) {
        self.type = type
        self.includes = includes
        self.excludes = excludes & ~includes
    }
}

extension PartialSet {
    /// The options written before a trailing `?` ("1, 3, ?", "sales; service; ?"): how
    /// `cxm ask` and CSV cells give a partial answer, these options and perhaps others not
    /// known. `nil` when the text does not end with `?` or names nothing before it.
    public static func knownPart(of text: String) -> String? {
        guard text.hasSuffix("?") else { return nil }
        var known = String(text.dropLast()).trimmingSpaces
        while let last = known.last, ",;".contains(last) { known = String(known.dropLast()).trimmingSpaces }
        return known.isEmpty ? nil : known
    }
}

extension RuleBase {
    /// The evaluation of `answers` by either evaluator with what the partial answers decide.
    ///
    /// Values that no partial answer reaches are as the evaluation gives them. The others are
    /// what every way of completing the partial answers gives, where that is one value;
    /// otherwise unknown, with the partial questions among the missing answers and a number's
    /// ``Outcome/bounds``. The possible-values analysis works this out (see
    /// ``PossibilityFrame``), with the missing answers left missing and each partial answer
    /// open between its known members and its known non-members.
    func refined(_ evaluation: Evaluation, answers: [Value?], partial: [Int: PartialSet]) -> Evaluation {
        var frame = makePossibilityFrame()
        frame.run(answers, opening: [], shapes: shapes(of: partial))
        var partialQuestions = QuestionSet()
        for question in partial.keys { partialQuestions.insert(question) }
        let (reachedSlots, reachedRules) = reached(from: partial.keys)

        // A value the partial answers decide names none of them among its missing answers; one
        // they leave open names those that reach it.
        func refine(_ outcome: Outcome, _ possible: PossibleCell, reaching: QuestionSet) -> Outcome {
            if let single = possible.single {
                return Outcome(value: single.isKnown ? frame.value(single) : nil, missing: outcome.missing.subtracting(partialQuestions))
            }
            var result = Outcome(value: nil, missing: outcome.missing.subtracting(partialQuestions).union(reaching))
            if possible.kind == .numbers, let bounds = possible.bounds, bounds.low.isFinite, bounds.high.isFinite {
                result.bounds = bounds.low...bounds.high
            }
            return result
        }
        var values = evaluation.values
        for (slot, reaching) in reachedSlots { values[slot] = refine(values[slot], frame.cells[slot], reaching: reaching) }
        var verdicts = evaluation.ruleVerdicts
        for (rule, reaching) in reachedRules {
            let register = frame.program.verdicts[rule]
            guard register >= 0 else { continue }
            let outcome = refine(Outcome(value: verdicts[rule].fired.map(Value.boolean), missing: verdicts[rule].missing),
                                 frame.cells[Int(register)], reaching: reaching)
            let fired: Bool? = if case .boolean(let flag)? = outcome.value { flag } else { nil }
            verdicts[rule] = RuleVerdict(fired: fired, missing: outcome.missing)
        }
        let (recommendations, warnings) = advice(values: values, verdicts: verdicts)
        return Evaluation(values: values, notApplicable: evaluation.notApplicable, ruleVerdicts: verdicts,
                          recommendations: recommendations, warnings: warnings, trace: evaluation.trace, spreads: evaluation.spreads)
    }

    /// What each partial answer can be, for the possible-values analysis: any set holding its
    /// known members and none of its known non-members.
    func shapes(of partial: [Int: PartialSet]) -> [(question: Int, shape: PossibleCell)] {
        guard !partial.isEmpty else { return [] }
        return partial.sorted { $0.key < $1.key }.map { question, set in
            (question, PossibleCell.sets(surely: set.includes, perhaps: PossibleValue.all(optionTypes[set.type].options.count) & ~set.excludes,
                                         type: Int32(set.type), canBeUnknown: false))
        }
    }

    /// The slots and rules whose value an answer to one of the partial `questions` can change,
    /// directly or through the values they read, each with those questions.
    private func reached(from questions: some Sequence<Int>) -> (slots: [(Int, QuestionSet)], rules: [(Int, QuestionSet)]) {
        let dependencies = self.dependencies()
        var reaching: [Int: QuestionSet] = [:]
        for question in questions { reaching[question] = QuestionSet(question) }
        func reachingAny(_ inputs: [Int]) -> QuestionSet? {
            var result: QuestionSet?
            for input in inputs { if let set = reaching[input] { result = (result ?? QuestionSet()).union(set) } }
            return result
        }
        var slots: [(Int, QuestionSet)] = []
        // The plan runs every value after the values it reads.
        for step in plan {
            let slot: Int
            switch step {
            case .question(let id, _): slot = id.index
            case .derive(let id, _): slot = id.index
            case .table(let id): slot = compiledTables[id.index].slot
            case .output(let id, _): slot = id.index
            case .rule: continue
            }
            var set = reaching[slot]
            if let more = reachingAny(dependencies.inputs(of: slot)) { set = (set ?? QuestionSet()).union(more) }
            if let set {
                reaching[slot] = set
                slots.append((slot, set))
            }
        }
        let rules = compiledRules.indices.compactMap { rule in reachingAny(dependencies.inputs(ofRule: RuleID(rule))).map { (rule, $0) } }
        return (slots, rules)
    }
}
