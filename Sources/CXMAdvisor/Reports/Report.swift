import CXMRules

/// An evaluated profile: the conclusions, recommendations and warnings, and why.
public struct Report: Sendable {
    public let ruleBase: RuleBase
    public let profile: Profile
    public let evaluation: Evaluation

    /// A derived value, table or output and its outcome.
    public struct Conclusion: Sendable {
        public let info: ValueInfo
        public let outcome: Outcome
        /// The missing answers (question names) that could change this conclusion.
        public let missingAnswers: [String]
    }

    /// Every value that is not a question, in declaration order, as reports show it: a value
    /// that only one possibility is left for, whatever the missing answers, is known (see
    /// ``Possibilities/settle(_:)``). Runs ``possibleValues()``; keep the result rather than
    /// calling it again.
    public func conclusions() -> [Conclusion] {
        conclusions(possibleValues().settle(evaluation))
    }

    /// What each value and rule can still come to, whatever the missing answers turn out to be.
    /// Runs the rules over every possibility of the missing answers on each call.
    public func possibleValues() -> Possibilities {
        ruleBase.possibleValues(for: profile.answers, partial: profile.partial)
    }

    func conclusions(_ outcomes: [Outcome]) -> [Conclusion] {
        ruleBase.values.enumerated().filter { $0.element.kind != .question }.map { slot, info in
            Conclusion(info: info, outcome: outcomes[slot], missingAnswers: names(outcomes[slot].missing))
        }
    }

    /// Rules whose conditions missing answers left undecided, with those answers.
    public var undecidedRules: [(rule: String, missingAnswers: [String])] {
        evaluation.ruleVerdicts.enumerated().compactMap { index, verdict in
            verdict.fired == nil ? (ruleBase.rules[index].name, names(verdict.missing)) : nil
        }
    }

    /// The unanswered questions that affect at least one conclusion or rule, in question order.
    public var missingAnswersThatMatter: [String] {
        var all = QuestionSet()
        for outcome in evaluation.values { all.formUnion(outcome.missing) }
        for verdict in evaluation.ruleVerdicts where verdict.fired == nil { all.formUnion(verdict.missing) }
        return names(all)
    }

    /// Questions answered in the profile but not used, because their `when` condition is false.
    public var ignoredAnswers: [ValueInfo] {
        evaluation.notApplicable.filter { profile.answers[$0.index] != nil }.map { ruleBase.values[$0] }
    }

    /// For each value marked `watch` in the rules, the single-answer changes that would change it.
    /// Runs a what-if search for each such value on each call.
    public func tippingChanges() -> [(value: ValueInfo, changes: [AnswerChange])] {
        ruleBase.values.enumerated().filter(\.element.watch).map { slot, info in
            (info, ruleBase.changes(to: profile.answers, thatChange: SlotID(slot)))
        }
    }

    func names(_ set: QuestionSet) -> [String] {
        set.members.map { ruleBase.values[$0].name }
    }
}
