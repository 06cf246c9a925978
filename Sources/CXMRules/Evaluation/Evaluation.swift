/// The result of evaluating one profile against a rule base.
public struct Evaluation: Sendable {
    /// Every value's outcome, by slot (see ``RuleBase/values``).
    public let values: [Outcome]
    /// Questions not asked because their `when` condition was false.
    public let notApplicable: [SlotID]
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
