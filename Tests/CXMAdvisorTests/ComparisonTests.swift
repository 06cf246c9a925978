import CXMAdvisor
import CXMRules
import Testing

/// `Advisor.compare` as a library, on the bundled rules and scenarios.
@Suite struct ComparisonTests {
    static let advisor = ScenarioTests.advisor

    /// Every scenario compared with itself: no change anywhere.
    @Test func aProfileComparedWithItselfHasNoChange() throws {
        for name in ["air-products.json", "missing-answers.json", "firm-wio.json"] {
            let profile = try ScenarioTests.scenario(name).profile
            let comparison = Self.advisor.compare(profile, profile)
            #expect(comparison.unchanged, "\(name)")
            #expect(comparison.answers.isEmpty && comparison.conclusions.isEmpty, "\(name)")
            #expect(comparison.recommendations.new.isEmpty && comparison.recommendations.dropped.isEmpty, "\(name)")
            #expect(comparison.warnings.new.isEmpty && comparison.warnings.dropped.isEmpty, "\(name)")
            #expect(comparison.firstActions.allSatisfy { !$0.new }, "\(name)")
            #expect(comparison.before.position == comparison.matrix?.asIs, "\(name)")
        }
    }

    /// From Cherry Picker to Champion: the archetype changes because of the answers it reads, and
    /// the advice of one is dropped as the other's is new; compared the other way round, new and
    /// dropped swap.
    @Test func movementBothWays() throws {
        let cherry = try ScenarioTests.scenario("archetype-cherry-picker-to-champion.json").profile
        let champion = try ScenarioTests.scenario("archetype-champion-clear.json").profile
        let forward = Self.advisor.compare(cherry, champion)
        let archetype = try #require(forward.conclusions.first { $0.name == "archetype" })
        #expect(archetype.from == .word("cherry_picker") && archetype.to == .word("champion"))
        #expect(!archetype.because.isEmpty)
        #expect(Set(archetype.because).isSubset(of: Set(forward.answers.map(\.question))))
        let backward = Self.advisor.compare(champion, cherry)
        #expect(backward.recommendations.new.map(\.rule) == forward.recommendations.dropped.map(\.rule))
        #expect(backward.recommendations.dropped.map(\.rule) == forward.recommendations.new.map(\.rule))
        #expect(backward.answers.map(\.question) == forward.answers.map(\.question))
    }
}
