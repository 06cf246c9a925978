import Foundation
import Testing
@testable import CXMRules

/// The options of multiple-choice questions that a value does not tell apart, and the what-if
/// search that tries one set per combination of counts of them: it must find what trying every
/// set finds.
@Suite struct InterchangeableOptionsTests {
    /// Two multiple-choice questions on the same options, one on others, a scale and a flag;
    /// values that count sets, take constants out of them, test members, and mix two questions.
    static let base = fixtureRuleBase("""
        enum tool: t1 "T1", t2 "T2", t3 "T3", t4 "T4", t5 "T5", t6 "T6"
        enum channel: c1 "C1", c2 "C2", c3 "C3", c4 "C4", c5 "C5"
        scale level: low "Low" < mid "Mid" < high "High"
        enum kind: strong "Strong", weak "Weak"
        question tools: set of tool
          step 1
          ask "tools"
          cite s "1"
        question spares: set of tool
          step 1
          ask "spares"
          cite s "1"
        question channels: set of channel
          step 1
          ask "channels"
          cite s "1"
        question lead: level
          step 1
          ask "lead"
          cite s "1"
        question flag: boolean
          step 1
          ask "flag"
          when count(channels) > 0
          cite s "1"
        let reach = count(tools)
        let core = count(difference(tools, {t1, t2})) + (if t3 in tools then 1 else 0)
        let breadth = (count(difference(tools, {t1})) + count(channels)) / 2 + (if t1 in tools then 1 else 0)
        let pooled = count(union(tools, spares))
        let exact = channels == {c1, c2}
        table verdict: kind unique
          cite s "1"
          | breadth | lead   | verdict |
          | >= 3    | >= mid | strong  |
          | >= 3    | low    | weak    |
          | < 3     | -      | weak    |
        table gate: kind first
          cite s "1"
          | flag | pooled | gate   |
          | true | >= 5   | strong |
          | -    | -      | weak   |
        let impossible = count(tools) >= 7

        """, path: "interchangeable.cxm")

    /// The classes of the options of each multiple-choice question a value depends on, as
    /// strings of option numbers ("12", "3", "456").
    func classes(_ name: String) -> [Int: [String]] {
        let base = Self.base
        let slot = base.slot(named: name)!.index
        let found = InterchangeableOptions(ruleBase: base, slot: slot, steps: base.dependencies().steps(for: slot)).classes
        var named: [Int: [String]] = [:]
        for question in base.dependencies().questions(affecting: slot) {
            guard case .set(let type) = base.values[question].type else { continue }
            let count = base.optionTypes[type].options.count
            let groups: [UInt64] = found[question] ?? RuleBase.singletons(options: count)
            named[question] = groups.map { (mask: UInt64) -> String in
                (0..<count).filter { mask & (UInt64(1) << UInt64($0)) != 0 }.map { String($0 + 1) }.joined()
            }
        }
        return named
    }

    @Test func countsAndConstantsSplitTheOptionsIntoClasses() {
        let (tools, spares, channels) = (0, 1, 2)
        // Counting tells no options apart.
        #expect(classes("reach") == [tools: ["123456"]])
        // A constant taken out, and an option tested, split them.
        #expect(classes("core") == [tools: ["12", "3", "456"]])
        #expect(classes("breadth") == [tools: ["1", "23456"], channels: ["12345"]])
        // Two questions' sets combined: every option tells apart.
        #expect(classes("pooled") == [tools: ["1", "2", "3", "4", "5", "6"], spares: ["1", "2", "3", "4", "5", "6"]])
        // Equality with a constant set splits by it; a relevance condition counts too.
        #expect(classes("exact") == [channels: ["12", "345"]])
        #expect(classes("gate")[channels] == ["12345"])
    }

    /// One set per combination of counts: a class of five options with two held gives six
    /// counts, and the set for each keeps the options held first.
    @Test func oneSetPerCombinationOfCounts() {
        let base = Self.base
        let from = Value.set(type: OptionTypeID(0), mask: 0b000101)
        let moves = base.moves(for: 0, from: from, classes: [0b111111])
        #expect(moves.map { $0.moves } == [1, 1, 2, 2, 3, 4])
        let expected: [UInt64] = [0b000001, 0b000111, 0, 0b001111, 0b011111, 0b111111]
        #expect(moves.map { $0.value } == expected.map { Value.set(type: OptionTypeID(0), mask: $0) })
        // Every set with as many options, as far: adding one to {t1, t3} is one of four.
        #expect(base.sets(like: Value.set(type: OptionTypeID(0), mask: 0b000111), from: from, classes: [0b111111]).count == 4)
        // Without classes, every set but the current one.
        #expect(base.moves(for: 0, from: from).count == 63)
    }

    /// On seeded random profiles, the search over counts finds exactly what trying every set
    /// of options to every set of questions finds, and every equivalent answer it lists gives
    /// the same result.
    @Test(arguments: 0..<6)
    func theSearchOverCountsMatchesTryingEverySet(seed: Int) {
        let base = Self.base
        for answers in CounterfactualTests.randomProfiles(base, seed: UInt64(900 + seed), count: 3, missingOneIn: 4) {
            for name in ["verdict", "core", "breadth", "pooled", "exact", "gate"] {
                let slot = base.slot(named: name)!
                CounterfactualTests().expectMatchesBruteForce(base, answers, slot)
                let kinds = base.optionType(named: "kind")!
                guard base.values[slot.index].type == .option(kinds) else { continue }
                // Each other option (a goal equal to the current value finds nothing).
                let current = base.evaluate(answers).values[slot.index].value
                for position in 0..<2 where !Value.same(current, .option(type: kinds, position: position)) {
                    let wanted = CounterfactualGoal.reach(Value.option(type: kinds, position: position))
                    CounterfactualTests().expectMatchesBruteForce(base, answers, slot, goal: wanted)
                }
            }
        }
    }

    @Test func provesThatNoSetOfOptionsIsEnough() {
        let slot = Self.base.slot(named: "impossible")!
        let unanswered: [Value?] = Array(repeating: nil, count: Self.base.questionCount)
        let search = Self.base.counterfactuals(to: unanswered, for: slot, goal: CounterfactualGoal.reach(Value.boolean(true)))
        #expect(search.impossible && search.isComplete && search.sizeCompleted == 0 && search.counterfactuals.isEmpty)
    }

    /// On the bundled rules, scenarios that need several multiple-choice questions changed to
    /// become Champions: the search completes with few evaluations (a count that does not
    /// depend on the machine), and a search given almost no time stops and says how far it got.
    @Test(arguments: ["archetype-cherry-picker-to-champion.json", "archetype-impact-neutral.json", "tx-relational-klm.json"])
    func bundledSearchesCompleteWithFewEvaluations(file: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("scenarios").appendingPathComponent(file)))
        let base = PropertyTests.bundled
        let answers = try #require(ProfileReader(ruleBase: base).read(bytes, allowing: ["expect", "description"]).0).answers
        let slot = try #require(base.slot(named: "archetype"))
        let champion = Value.option(type: base.optionType(named: "archetype_kind")!, position: 0)
        let search = base.counterfactuals(to: answers, for: slot, goal: .reach(champion), timeLimit: .seconds(300))
        #expect(search.isComplete && !search.counterfactuals.isEmpty)
        let fewest = search.counterfactuals[0].changes.count
        #expect(fewest >= 3 && search.sizeCompleted == fewest - 1 && search.evaluations < 20_000)
        #expect(search.counterfactuals.allSatisfy { $0.changes.count == fewest && $0.result == champion })
        let cut = base.counterfactuals(to: answers, for: slot, goal: .reach(champion), timeLimit: .nanoseconds(1))
        #expect(cut.stoppedByTime && cut.sizeCompleted < fewest && cut.counterfactuals.isEmpty && cut.evaluations < 10)
    }
}
