import CXMAdvisor
import CXMRules
import Testing

/// `Advisor.explain` and `Advisor.whatIf` as a library: what they accept, on the bundled rules.
@Suite struct ExplainWhatIfTests {
    static let advisor = ScenarioTests.advisor

    @Test func slotsAndRulesOutsideTheRuleBaseGiveNothing() throws {
        let profile = try ScenarioTests.scenario("air-products.json").profile
        let ruleBase = Self.advisor.ruleBase
        let archetype = try #require(ruleBase.slot(named: "archetype"))
        #expect(Self.advisor.whatIf(profile, value: archetype, maxChanges: 1)?.search.slot == archetype)
        #expect(Self.advisor.whatIf(profile, value: -1) == nil)
        #expect(Self.advisor.whatIf(profile, value: ruleBase.values.count) == nil)
        #expect(Self.advisor.explain(profile, .value(archetype))?.values.map(\.name) == ["archetype"])
        #expect(Self.advisor.explain(profile, .value(ruleBase.values.count)) == nil)
        #expect(Self.advisor.explain(profile, .rule(-1)) == nil)
        #expect(Self.advisor.explain(profile, .rule(ruleBase.rules.count)) == nil)
    }
}
