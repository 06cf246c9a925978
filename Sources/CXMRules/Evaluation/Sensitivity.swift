/// One answer changed, and what a value becomes with it.
public struct AnswerChange: Sendable, Hashable {
    /// The question's slot (its position among the questions).
    public let question: SlotID
    /// The answer before (`nil`: missing) and after the change.
    public let from: Value?
    public let to: Value
    /// The value's outcome with the changed answer.
    public let result: Value?
}

extension RuleBase {
    /// The single-answer changes that change a value: for every question, every other answer it
    /// could have (each option; true or false; for numbers, the ends and middle of the range and
    /// the constants the rules compare with; for sets, each option added or removed), evaluated
    /// one at a time. Missing answers are tried too, which shows the answers that would decide an
    /// unknown value.
    ///
    /// - Returns: the changes after which the value in `target` differs (see
    ///   ``Value/same(_:_:)``), in question order.
    public func changes(to answers: [Value?], thatChange target: SlotID) -> [AnswerChange] {
        let slot = target.index
        // Only the questions the value depends on can change it, and only the steps it needs
        // are run (as the what-if search does).
        let graph = dependencies()
        let steps = graph.steps(for: slot)
        var evaluator = TreeEvaluator(ruleBase: self, tracing: false)
        evaluator.run(answers, steps: steps)
        let (slots, verdicts) = (evaluator.machine.slots, evaluator.verdicts)
        let before = slots[slot].value
        var result: [AnswerChange] = []
        var trial = answers
        for question in graph.questions(affecting: slot) {
            // A trial runs again only the steps the changed answer reaches; the others keep
            // their outcomes from the answers as given, restored after the question's trials.
            let reached = graph.steps(steps, reaching: question)
            for candidate in alternatives(for: question, current: question < answers.count ? answers[question] : nil) {
                trial[question] = candidate
                evaluator.run(trial, steps: reached)
                let after = evaluator.machine.slots[slot].value
                if !Value.same(after, before) {
                    result.append(AnswerChange(question: SlotID(question), from: answers[question], to: candidate, result: after))
                }
            }
            trial[question] = question < answers.count ? answers[question] : nil
            (evaluator.machine.slots, evaluator.verdicts) = (slots, verdicts)
        }
        return result
    }

    /// The answers worth trying for a question, other than its current one.
    func alternatives(for question: Int, current: Value?) -> [Value] {
        var values: [Value]
        switch self.values[question].type {
        case .boolean:
            values = [.boolean(true), .boolean(false)]
        case .option(let type):
            values = optionTypes[type].options.indices.map { .option(type: type, position: $0) }
        case .set(let type):
            let mask: UInt64 = { if case .set(_, let m)? = current { return m } else { return 0 } }()
            values = optionTypes[type].options.indices.map { .set(type: type, mask: mask ^ (1 << UInt64($0))) }
        case .number:
            var numbers = Set(numberConstants)
            if let range = self.values[question].range {
                numbers = numbers.filter { range.contains($0) }
                numbers.formUnion([range.lowerBound, range.upperBound, (range.lowerBound + range.upperBound) / 2])
            }
            values = numbers.sorted().map { .number($0) }
        case .text, .list:
            values = []
        }
        return values.filter { $0 != current }
    }
}
