import Foundation
import Testing
@testable import CXMRules
import TestSupport

/// The possible-values analysis: what it says can happen always includes what does happen,
/// and it is exact where one input decides.
@Suite struct PossibleValueTests {

    /// Random partial profiles (a quarter to all of their answers missing); for each, random
    /// completions of the missing answers: every value and rule verdict of a completion is among
    /// the possibilities of the partial profile, and a single possibility is what every
    /// completion gives.
    @Test(arguments: 0..<12)
    func completionsStayWithinThePossibleValues(seed: Int) {
        for (name, ruleBase) in PropertyTests.bases {
            var random = SplitMix64(seed: UInt64(7_000 + seed))
            for _ in 0..<25 {
                var partial = PropertyTests.completeAnswers(ruleBase, &random)
                let dropRate = 1 + random.below(4)
                for index in partial.indices where random.below(4) < dropRate { partial[index] = nil }
                let possible = ruleBase.possibleValues(for: partial)
                for _ in 0..<8 {
                    let filler = PropertyTests.completeAnswers(ruleBase, &random)
                    let completion = partial.indices.map { partial[$0] ?? filler[$0] }
                    let result = ruleBase.evaluate(completion)
                    for (slot, outcome) in result.values.enumerated() {
                        #expect(possible.values[slot].contains(outcome.value),
                                "\(name): \(ruleBase.values[slot].name) = \(ruleBase.identifier(outcome.value)) is not among \(possible.values[slot])")
                    }
                    for (index, verdict) in result.ruleVerdicts.enumerated() {
                        #expect(possible.rules[index].contains(verdict.fired.map(Value.boolean)),
                                "\(name): rule \(ruleBase.rules[index].name) \(String(describing: verdict.fired)) is not among \(possible.rules[index])")
                    }
                }
            }
        }
    }

    /// The steps some values need give them the same possible values as the whole plan.
    @Test func aPlanForSomeValuesGivesThemTheSamePossibilities() {
        for (_, ruleBase) in PropertyTests.bases {
            let slots = ruleBase.values.indices.filter { ruleBase.values[$0].kind != .question }.suffix(3)
            let plan = ruleBase.possibilityPlan(for: slots.map(SlotID.init))
            var random = SplitMix64(seed: 42)
            for _ in 0..<20 {
                var answers = PropertyTests.completeAnswers(ruleBase, &random)
                for index in answers.indices where random.below(2) == 0 { answers[index] = nil }
                let all = ruleBase.possibleValues(for: answers), some = ruleBase.possibleValues(for: answers, plan: plan)
                #expect(slots.allSatisfy { all.values[$0] == some.values[$0] })
            }
        }
    }

    /// The path for many profiles (a plan for some slots, a frame reused from profile to
    /// profile, only the selected slots run, for every other profile with the values no missing
    /// answer reaches taken from an evaluation) against the reference (every step, a fresh
    /// frame): 10,000 seeded random profiles with a quarter to all of their answers missing,
    /// each with a random selection of the plan's slots, give those slots the same possible
    /// values; and, for every fourth profile, one random completion's values are among them.
    @Test(arguments: 0..<4)
    func aReusedFrameRunningSomeSlotsAgreesWithTheReference(seed: Int) {
        for (name, ruleBase) in PropertyTests.bases {
            let derived = ruleBase.values.indices.filter { ruleBase.values[$0].kind != .question }
            let slots = (derived.filter { ruleBase.values[$0].headline } + derived.suffix(6)).map(SlotID.init)
            let plan = ruleBase.possibilityPlan(for: slots)
            var frame = ruleBase.makePossibilityFrame(for: plan)
            var evaluated = ruleBase.makeFrame()
            var random = SplitMix64(seed: UInt64(11_000 + seed))
            for _ in 0..<2_500 {
                var answers = PropertyTests.completeAnswers(ruleBase, &random)
                let dropRate = 1 + random.below(4)
                for index in answers.indices where random.below(4) < dropRate { answers[index] = nil }
                var selection = PossibilityPlan.Selection()
                for position in slots.indices where random.below(2) == 0 { selection.insert(position) }
                ruleBase.evaluate(answers, into: &evaluated)
                ruleBase.possibleValues(for: answers, into: &frame, selecting: selection, evaluated: random.below(2) == 0 ? evaluated : nil)
                let reference = ruleBase.possibleValues(for: answers)
                var completion: Evaluation?
                if random.below(4) == 0 {
                    let filler = PropertyTests.completeAnswers(ruleBase, &random)
                    completion = ruleBase.evaluate(answers.indices.map { answers[$0] ?? filler[$0] })
                }
                for (position, slot) in slots.enumerated() where selection.contains(position) {
                    let fast = frame.possibleValue(of: slot)
                    #expect(fast == reference.values[slot], "\(name): \(ruleBase.values[slot.index].name) is \(fast), not \(reference.values[slot])")
                    if let completion {
                        #expect(fast.contains(completion.values[slot].value), "\(name): \(ruleBase.values[slot.index].name)")
                    }
                }
            }
        }
    }

    /// A selection holds the positions given; every position from 63 on shares the last bit (a
    /// plan's slots past the 64th are selected together), and a negative position stops the
    /// process with a message instead of shifting by it.
    @Test func aSelectionHoldsItsPositionsAndRejectsNegativeOnes() async {
        var selection = PossibilityPlan.Selection()
        #expect(selection.isEmpty)
        selection.insert(0)
        selection.insert(5)
        #expect(selection.contains(0) && selection.contains(5) && !selection.contains(1))
        #expect(!selection.contains(63) && !selection.contains(200))
        selection.insert(70)
        #expect(selection.contains(63) && selection.contains(64) && selection.contains(200))
        #expect(PossibilityPlan.Selection.all.contains(0) && PossibilityPlan.Selection.all.contains(1_000))
        await #expect(processExitsWith: .failure) {
            var selection = PossibilityPlan.Selection()
            selection.insert(-1)
        }
    }

    /// A complete profile leaves one possibility for everything it decides: its value.
    @Test(arguments: 0..<4)
    func completeProfilesLeaveOnePossibility(seed: Int) {
        for (name, ruleBase) in PropertyTests.bases {
            var random = SplitMix64(seed: UInt64(9_000 + seed))
            for _ in 0..<20 {
                let answers = PropertyTests.completeAnswers(ruleBase, &random)
                let possible = ruleBase.possibleValues(for: answers)
                let result = ruleBase.evaluate(answers)
                for (slot, outcome) in result.values.enumerated() where outcome.value != nil {
                    if case .text = outcome.value { continue }
                    #expect(possible.values[slot].single == .some(outcome.value),
                            "\(name): \(ruleBase.values[slot].name) = \(ruleBase.identifier(outcome.value)), possible \(possible.values[slot])")
                }
            }
        }
    }

    static let archetypes = """
        scale agreement: disagree < neutral < agree
        scale level: low < high
        scale breadth: narrow < broad
        enum kind: champion, cherry_picker, minimalist, fashionista
        enum lever: price, product, experience
        question advantage: agreement
          step 1
          ask "a"
          cite s "1"
        question returns: agreement
          step 1
          ask "r"
          cite s "1"
        question touchpoints: agreement
          step 1
          ask "t"
          cite s "1"
        question strategy: lever
          step 1
          ask "s"
          cite s "1"
        let impact_score = if known(advantage) then mean_known(advantage, returns) else mean(advantage, returns)
        let impact: level = if impact_score >= 2 then high else low
        let scope: breadth = if touchpoints >= agree then broad else narrow
        table archetype: kind unique
          cite s "1"
          | impact | scope  | archetype     |
          | high   | broad  | champion      |
          | high   | narrow | cherry_picker |
          | low    | narrow | minimalist    |
          | low    | broad  | fashionista   |
        output target: kind
        rule aim_champion
          when strategy == experience
          set target = champion
          cite s "1"
        rule aim_cherry_picker
          when strategy == product
          set target = cherry_picker
          cite s "1"
        rule aim_minimalist
          when strategy == price
          set target = minimalist
          cite s "1"
        """

    func possible(_ json: String, _ name: String) throws -> (PossibleValue, RuleBase) {
        let ruleBase = try compile(Self.archetypes)
        let (profile, _) = ProfileReader(ruleBase: ruleBase).read(Array(json.utf8))
        let possible = ruleBase.possibleValues(for: try #require(profile).answers)
        return (possible.values[ruleBase.slot(named: name)!.index], ruleBase)
    }

    @Test func aTableNamesTheRowsThatCanStillMatch() throws {
        let (archetype, ruleBase) = try possible(#"{"advantage": "agree", "returns": "agree"}"#, "archetype")
        let kind = ruleBase.optionType(named: "kind")!
        #expect(archetype == PossibleValue(known: .options(type: kind, mask: 0b0011), canBeUnknown: false))
    }

    @Test func aScoreHasTheBoundsOfItsMissingAnswers() throws {
        let (score, _) = try possible(#"{"advantage": "neutral"}"#, "impact_score")
        #expect(score == PossibleValue(known: .numbers(low: 1.5, high: 2.5), canBeUnknown: false))
        let (unanswered, _) = try possible("{}", "impact_score")
        #expect(unanswered == PossibleValue(known: .numbers(low: 1, high: 3), canBeUnknown: false))
    }

    @Test func anOutputSetByRulesOnOneAnswerIsNeverUnknownOnceThatIsAnswered() throws {
        let (target, ruleBase) = try possible("{}", "target")
        let kind = ruleBase.optionType(named: "kind")!
        #expect(target == PossibleValue(known: .options(type: kind, mask: 0b0111), canBeUnknown: false))
        let (settled, _) = try possible(#"{"strategy": "product"}"#, "target")
        #expect(settled.single == .some(.option(type: kind, position: 1)))
    }

    @Test func aValueNoMissingAnswerCanChangeHasOnePossibility() throws {
        let (archetype, ruleBase) = try possible(#"{"advantage": "disagree", "returns": "disagree"}"#, "archetype")
        let kind = ruleBase.optionType(named: "kind")!
        #expect(archetype == PossibleValue(known: .options(type: kind, mask: 0b1100), canBeUnknown: false))
        let (impact, _) = try possible(#"{"advantage": "disagree", "returns": "disagree"}"#, "impact")
        #expect(impact.single != nil)
    }
}
