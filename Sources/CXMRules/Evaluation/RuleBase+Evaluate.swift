extension RuleBase {
    /// Evaluates a profile's answers in one pass over the values and rules in dependency order.
    ///
    /// Runs the flat program in a new frame; to evaluate many profiles, reuse a frame with
    /// ``evaluate(_:into:)``, which allocates nothing per profile. With `trace`, the
    /// reference evaluator runs instead, recording why each rule and row matched or not.
    ///
    /// - Parameters:
    ///   - answers: one entry per question (see ``questions``), `nil` for a missing answer.
    ///   - spreads: for several respondents' combined answers, how far their answers spread,
    ///     by question (see ``Profile/spreads``); empty for one respondent.
    ///   - partial: the multi-select answers known only in part, by question (their entry in
    ///     `answers` is `nil`); what they decide comes from the possible-values analysis (see
    ///     ``refined(_:answers:partial:)``). Empty when every answer is given or missing.
    ///   - trace: whether to record, for every rule and table row, whether it matched and why.
    public func evaluate(_ answers: [Value?], spreads: [Double] = [], partial: [Int: PartialSet] = [:],
                         trace: Bool = false) -> Evaluation {
        let evaluation: Evaluation
        if trace {
            evaluation = referenceEvaluation(answers, spreads: spreads, trace: true)
        } else {
            var frame = makeFrame()
            evaluate(answers, spreads: spreads, into: &frame)
            evaluation = self.evaluation(of: frame)
        }
        return partial.isEmpty ? evaluation : refined(evaluation, answers: answers, partial: partial)
    }

    /// The evaluation by the reference evaluator over the expression trees (see
    /// ``TreeEvaluator``): what traces use, and what the flat evaluator is tested against.
    func referenceEvaluation(_ answers: [Value?], spreads: [Double] = [], trace: Bool = false) -> Evaluation {
        var evaluator = TreeEvaluator(ruleBase: self, tracing: trace)
        evaluator.machine.spreads = spreads
        evaluator.run(answers, steps: plan)
        return evaluator.result
    }
}
