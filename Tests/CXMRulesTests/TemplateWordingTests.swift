import Testing
@testable import CXMRules

/// How a rule's text names a value that missing answers leave unknown, once the possible values
/// are known: by what it can still be, as the summary says it, or as not known yet.
@Suite struct TemplateWordingTests {
    static let ruleBase = fixtureRuleBase(levelQuestion + """
        enum colour: red "Red", green "Green", blue "Blue"
        question c: colour
          step 1
          ask "c"
          cite s "§1"
        let shade: colour = if q == high then red else green
          label "Shade to use"
        let chosen: colour = c
          label "Colour you chose"
        rule paint
          when true
          recommend step 1, priority high, rank 1: "Paint it {shade}, then {chosen}."
            short "Paint it {shade}"
            why "{chosen} first"
          warn "Not {shade}."
          because "It is {shade}."
          cite s "§1"

        """, path: "template-wording.cxm")

    static func advice(_ json: String) throws -> (actions: [Action], advice: (recommendations: [Advice], warnings: [Advice]), evaluated: Evaluation) {
        let evaluation = try evaluate(ruleBase, json)
        let (profile, _) = ProfileReader(ruleBase: ruleBase).read(Array(json.utf8))
        let possible = ruleBase.possibleValues(for: try #require(profile).answers)
        let outcomes = possible.settle(evaluation)
        return (ruleBase.firstActions(in: evaluation, outcomes: outcomes, possible: possible),
                ruleBase.advice(in: evaluation, outcomes: outcomes, possible: possible), evaluation)
    }

    @Test func anUnknownValueNamesWhatItCanStillBe() throws {
        let (actions, advice, evaluation) = try Self.advice(#"{"c": "blue"}"#)
        #expect(actions.map(\.text) == ["Paint it Red or Green"])
        #expect(actions.map(\.why) == ["Blue first"])
        #expect(advice.recommendations.map(\.text) == ["Paint it Red or Green, then Blue."])
        #expect(advice.recommendations.map(\.because) == ["It is Red or Green."])
        #expect(advice.warnings.map(\.text) == ["Not Red or Green."])
        // The evaluation alone, without the possible values, says it is unknown.
        #expect(evaluation.recommendations.map(\.text) == ["Paint it unknown, then Blue."])
    }

    @Test func aValueThatCanBeAnythingIsNamedByItsLabelAsNotKnownYet() throws {
        let (actions, advice, _) = try Self.advice(#"{"q": "high"}"#)
        #expect(actions.map(\.text) == ["Paint it Red"])
        #expect(actions.map(\.why) == ["Colour you chose (not known yet) first"])
        #expect(advice.recommendations.map(\.text) == ["Paint it Red, then colour you chose (not known yet)."])
    }
}
