/// The result of evaluating one profile against a rule base.
public struct Evaluation: Sendable {
    /// Every value's outcome, by slot (see ``RuleBase/values``).
    public let values: [Outcome]
    /// Questions not asked because their `when` condition was false.
    public let notApplicable: [Int]
    /// Each rule's verdict, by rule index: whether its condition held (`nil`: unknown).
    public let ruleVerdicts: [RuleVerdict]
    /// Recommendations of the rules that fired, in rule order.
    public let recommendations: [Advice]
    /// Warnings of the rules that fired, in rule order.
    public let warnings: [Advice]
    /// For each rule and table row, whether it matched and why; empty unless requested.
    public let trace: [TraceEntry]
    /// The respondents' spread by question that `spread(q)` read (see ``Profile/spreads``).
    let spreads: [Double]
}

/// Whether a rule's condition held.
public struct RuleVerdict: Sendable {
    /// `true` (fired), `false`, or `nil` when missing answers left it undecided.
    public let fired: Bool?
    /// The missing answers that would decide it, or could change it.
    public let missing: QuestionSet
}

/// A recommendation or warning of a rule that fired, with its placeholders filled in.
public struct Advice: Sendable, Codable, Hashable {
    /// The rule's name.
    public let rule: String
    /// The step it belongs to, as the rule wrote it (1 to 99); `nil` for warnings.
    public let step: Int?
    /// Priority; `nil` for warnings.
    public let priority: Priority?
    public let text: String
    /// The rule's `because` text, filled in.
    public let because: String?
    public let citations: [CitationInfo]
    /// Missing answers (question names) that could still change whether this applies; empty
    /// when it is settled.
    public let missingAnswers: [String]
}

/// Three-valued verdicts.
public enum Verdict: String, Sendable, Codable {
    case yes = "matched", no = "not matched", unknown
    /// The verdict for a condition's value: `true`, `false`, or `nil` for unknown.
    public init(_ value: Bool?) { self = value.map { $0 ? .yes : .no } ?? .unknown }
}

/// One table row or rule in a trace.
public struct TraceEntry: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case row, rule }
    public let kind: Kind
    /// The table's or rule's name.
    public let name: String
    /// The row number, from 1, for table rows.
    public let row: Int?
    public let verdict: Verdict
    /// The row's output, for table rows.
    public let output: String?
    public let conditions: [ConditionTrace]
}

/// One condition of a rule or one cell of a table row, as evaluated.
public struct ConditionTrace: Sendable, Codable, Hashable {
    /// The condition or column, as written.
    public let condition: String
    public let actual: String
    public let expected: String
    public let verdict: Verdict
}

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

    /// Every slot's outcome after running only some steps of the plan, such as those one value
    /// needs (see ``Dependencies/steps(for:)``); the other slots stay unknown.
    func outcomes(answers: [Value?], steps: [PlanStep]) -> [Outcome] {
        var evaluator = TreeEvaluator(ruleBase: self, tracing: false)
        evaluator.run(answers, steps: steps)
        return evaluator.machine.slots
    }
}
