/// One step of the evaluation plan, in dependency order.
enum PlanStep: Sendable {
    case question(SlotID, relevance: Code?)
    case derive(SlotID, Code)
    case table(TableID)
    case rule(RuleID)
    /// Resolve an output from the rules that set it, in source order.
    case output(SlotID, rules: [RuleID])
}
