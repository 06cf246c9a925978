/// One of the actions to take first: a recommendation the rules rank
/// (`recommend step N, rank R: "…"` with `short "…"` and `why "…"`) of a rule that fired.
public struct Action: Sendable, Codable, Hashable {
    /// The rule's name.
    public let rule: String
    /// Its rank: 1 comes first.
    public let rank: Int
    /// The step and priority of the recommendation.
    public let step: Int
    public let priority: Priority
    /// The action in a line (its `short`).
    public let text: String
    /// Its reason in a line (its `why`).
    public let why: String
    /// Missing answers (question names) that could still change whether it applies.
    public let missingAnswers: [String]
}

extension RuleBase {
    /// The ranked recommendations of the rules that fired, rank 1 first and, within a rank, in
    /// rule order: the rule files decide which actions come first. Their texts name values as
    /// `outcomes` has them (by default, as evaluated; see ``Possibilities/settle(_:)``) and, given
    /// the values still `possible`, an unknown value by what it can still be.
    public func firstActions(in evaluation: Evaluation, outcomes: [Outcome]? = nil, possible: Possibilities? = nil) -> [Action] {
        let outcomes = outcomes ?? evaluation.values
        var actions: [(action: Action, order: Int)] = []
        for (index, rule) in compiledRules.enumerated() where evaluation.ruleVerdicts[index].fired == true {
            for recommendation in rule.recommendations {
                guard let rank = recommendation.rank, let short = recommendation.short, let why = recommendation.why else { continue }
                let action = Action(rule: rules[index].name, rank: rank, step: recommendation.step, priority: recommendation.priority,
                                    text: short.render(outcomes, self, possible: possible), why: why.render(outcomes, self, possible: possible),
                                    missingAnswers: evaluation.ruleVerdicts[index].missing.members.map { values[$0.index].name })
                actions.append((action, actions.count))
            }
        }
        return actions.sorted { ($0.action.rank, $0.order) < ($1.action.rank, $1.order) }.map(\.action)
    }
}

extension RuleBase {
    /// The recommendations and warnings of the rules that fired, as the evaluation gives them,
    /// but with their texts naming values as reports show them: as `outcomes` has them (see
    /// ``Possibilities/settle(_:)``), and an unknown value by what it can still be.
    public func advice(in evaluation: Evaluation, outcomes: [Outcome], possible: Possibilities) -> (recommendations: [Advice], warnings: [Advice]) {
        advice(values: outcomes, verdicts: evaluation.ruleVerdicts, possible: possible)
    }
}
