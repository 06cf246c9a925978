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
        #expect(Self.advisor.explain(profile, .value(SlotID(archetype)))?.values.map(\.name) == ["archetype"])
        #expect(Self.advisor.explain(profile, .value(SlotID(ruleBase.values.count))) == nil)
        #expect(Self.advisor.explain(profile, .rule(RuleID(-1))) == nil)
        #expect(Self.advisor.explain(profile, .rule(RuleID(ruleBase.rules.count))) == nil)
    }

    /// A watched value that is unknown is not said to be beyond change: the report says which
    /// missing answers decide it.
    @Test func reportsSayWhatDecidesAnUnknownWatchedValue() throws {
        let profile = try #require(Self.advisor.readProfile(Array("{}".utf8)).0)
        let assessment = Self.advisor.assess(profile).assessment()
        let archetype = try #require(assessment.changes.first { $0.value == "archetype" })
        #expect(archetype.changes.isEmpty)
        for format in ReportRenderer.Format.allCases where format != .json {
            let report = try ReportRenderer(full: true).render(assessment, as: format)
            let says = report.replacing(/\s+/, with: " ")
                .contains("It is not known until these are answered:")
            #expect(says && !report.contains("No single different answer would change it"), "\(format)")
        }
    }

    /// A misspelt name suggests the closest name, or else the names that hold each of its words.
    @Test func didYouMean() {
        let names = ["impact_perceived_score", "impact_potential_score", "scope_score", "archetype"]
        #expect(Self.advisor.didYouMean("archetyp", among: names) == "; did you mean 'archetype'?")
        #expect(Self.advisor.didYouMean("Impact score", among: names) == "; did you mean 'impact_perceived_score' or 'impact_potential_score'?")
        #expect(Self.advisor.didYouMean("score_x", among: names) == "")
        #expect(Self.advisor.didYouMean("zebra", among: names) == "")
        #expect(Self.advisor.didYouMean("score", among: names + ["b_score"]) == "")
    }
}
