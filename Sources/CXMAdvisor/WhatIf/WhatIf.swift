import CXMRules

/// A what-if analysis of one profile: the fewest answer changes that would change a value, or
/// give it a wanted value, and how many single questions could change it.
///
/// ```swift
/// if let slot = advisor.ruleBase.slot(named: "archetype"), let whatIf = advisor.whatIf(profile, value: slot) {
///     print(WhatIfRenderer(ruleBase: advisor.ruleBase).text(whatIf))
/// }
/// ```
public struct WhatIf: Sendable {
    /// How long a search may take unless told otherwise: enough for the bundled rules to find
    /// the fewest changes, or prove there are none, for every bundled scenario.
    public static let defaultTimeLimit: Duration = .seconds(1)

    public let profile: Profile
    /// What was searched for, what was found, and how far the search got.
    public let search: CounterfactualSearch
    /// The missing answers (question names) that could change the value as it is.
    public let missingAnswers: [String]
}

extension Advisor {
    /// The values the rules mark `watch`, by slot, in declaration order: what `cxm whatif` and
    /// `cxm explain` look at unless told otherwise.
    public var watchedValues: [SlotID] {
        ruleBase.values.indices.filter { ruleBase.values[$0].watch }.map(SlotID.init)
    }

    /// Searches for the fewest answer changes (up to `maxChanges`, if given) that would change
    /// the value in `slot` (or give it the value `goal` asks for), within `timeLimit`; see
    /// ``RuleBase/counterfactuals(to:for:goal:maxChanges:timeLimit:)``.
    ///
    /// - Parameter slot: the value, as ``RuleBase/slot(named:)``, ``RuleBase/slot(matching:)``
    ///   and ``watchedValues`` give it.
    /// - Returns: the analysis; `nil` when `slot` is not a value of this rule base.
    public func whatIf(_ profile: Profile, value slot: SlotID, goal: CounterfactualGoal = .change, maxChanges: Int? = nil,
                       timeLimit: Duration = WhatIf.defaultTimeLimit) -> WhatIf? {
        guard ruleBase.values.indices.contains(slot.index) else { return nil }
        let search = ruleBase.counterfactuals(to: profile.answers, for: slot, goal: goal, maxChanges: maxChanges, timeLimit: timeLimit)
        let outcome = ruleBase.evaluate(profile.answers, spreads: profile.spreads, partial: profile.partial).values[slot]
        return WhatIf(profile: profile, search: search, missingAnswers: outcome.missing.members.map { ruleBase.values[$0].name })
    }
}
