import Foundation
import Testing
@testable import CXMRules
import TestSupport

/// The flat evaluator against the reference evaluator over the expression trees: the same
/// values, missing answers, verdicts, questions not asked and advice, on every scenario and on
/// 100,000 seeded random profiles with missing answers.
@Suite struct DifferentialTests {
    /// A rule base whose numbers overflow: products of large constants, means of them, and
    /// conditions and tables over the results.
    static let overflowing = fixtureRuleBase("""
            scale level: low < high
            question share: number 0..100
              step 1
              ask "share"
              cite s "1"
            question flag: boolean
              step 1
              ask "flag"
              cite s "1"
            let big = 10000000000 * 10000000000 * 10000000000 * 10000000000
            let bigger = big * big * big * big
            let huge = share * bigger * bigger
            let average = mean(huge, huge)
            let safe = huge > 0 or flag
            let either = if flag then 1 else huge
            table size: level first
              cite s "1"
              | huge         | size |
              | > 1000000000 | high |
              | -            | low  |
            rule big
              when huge > 1 and not flag
              recommend step 1: "big {huge} {size}"
              cite s "1"
            """, path: "overflow.cxm")

    /// A rule base past one word of missing answers (70 questions), with tables past one word of
    /// rows (70), whose columns hold options, truth values and numbers: the paths of the loop
    /// and of tables for wide bit sets and row masks, which the other bases do not reach.
    static let wide: RuleBase = {
        let questions = (0..<67).map { "question n\($0): number 0..100\n  step 1\n  ask \"n\($0)\"\n  cite s \"1\"\n" }.joined()
        let rows = (0..<69).map { row in
            // Each combination of the first two columns comes back every sixth row, with a higher
            // bound: every row can match first.
            "  | \(["low", "mid", "high"][row % 3]) | \(row / 3 % 2 == 0) | <= \(row) | \(row % 2 == 0 ? "low" : "high") |\n"
        }.joined()
        func table(_ name: String, _ policy: String) -> String {
            "table \(name): level \(policy)\n  cite s \"1\"\n  | pick | flag | n66 | \(name) |\n" + rows + "  | - | - | - | mid |\n"
        }
        return fixtureRuleBase("""
            scale level: low < mid < high
            question pick: level
              step 1
              ask "pick"
              cite s "1"
            question flag: boolean
              step 1
              ask "flag"
              cite s "1"
            """ + "\n" + questions + "let total = sum(\((0..<66).map { "n\($0)" }.joined(separator: ", ")))\n"
            + table("first", "first") + table("all", "collect"), path: "wide.cxm")
    }()

    static let bases = PropertyTests.bases + [("overflow", overflowing)]

    @Test func widePathsAgreeWithTheReference() {
        let ruleBase = Self.wide
        #expect(ruleBase.questionCount == 69 && ruleBase.evaluationProgram.words == 2)
        #expect(ruleBase.evaluationProgram.tables.count == 2 && ruleBase.evaluationProgram.tables.allSatisfy { $0.rowWords == 2 })
        var random = SplitMix64(seed: 0x5EED)
        var frame = ruleBase.makeFrame()
        for trial in 0..<3_000 {
            var answers = PropertyTests.completeAnswers(ruleBase, &random)
            for question in answers.indices where random.below(trial % 2 == 0 ? 3 : 10) == 0 { answers[question] = nil }
            Self.check(ruleBase, answers, frame: &frame, "wide, profile \(trial)")
        }
    }

    /// Requires the flat evaluation of `answers` to equal the reference evaluation.
    static func check(_ ruleBase: RuleBase, _ answers: [Value?], frame: inout EvaluationFrame, _ what: @autoclosure () -> String) {
        let reference = ruleBase.referenceEvaluation(answers)
        ruleBase.evaluate(answers, into: &frame)
        for slot in ruleBase.values.indices where frame.outcome(of: slot) != reference.values[slot] {
            Issue.record("\(what()): \(ruleBase.values[slot].name) is \(frame.outcome(of: slot)), the reference \(reference.values[slot])")
            return
        }
        for rule in ruleBase.rules.indices {
            let (flat, tree) = (frame.verdict(ofRule: RuleID(rule)), reference.ruleVerdicts[rule])
            if flat.fired != tree.fired || flat.missing != tree.missing {
                Issue.record("\(what()): rule \(ruleBase.rules[rule].name) is \(flat), the reference \(tree)")
                return
            }
        }
        #expect(frame.notApplicable == reference.notApplicable, "\(what())")
        let counts = frame.adviceCounts
        #expect(counts.recommendations == reference.recommendations.count && counts.warnings == reference.warnings.count, "\(what())")
    }

    @Test func everyScenario() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ruleBase = PropertyTests.bundled
        let reader = ProfileReader(ruleBase: ruleBase)
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 60)
        var frame = ruleBase.makeFrame()
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("scenarios").appendingPathComponent(file)))
            let profile = try #require(reader.read(bytes, allowing: ["expect", "description"]).0, "\(file)")
            Self.check(ruleBase, profile.answers, frame: &frame, file)
            // The whole result, advice texts included.
            let (flat, tree) = (ruleBase.evaluation(of: frame), ruleBase.referenceEvaluation(profile.answers))
            #expect(flat.recommendations == tree.recommendations && flat.warnings == tree.warnings, "\(file)")
        }
    }

    /// 100,000 profiles in all: 20 seeds × 5,000, split over the rule bases; about a third of
    /// the answers missing in half of them, a tenth in the others.
    @Test(arguments: 0..<20)
    func randomProfiles(seed: Int) {
        for (index, (name, ruleBase)) in Self.bases.enumerated() {
            var random = SplitMix64(seed: UInt64(seed * 7 + index) &* 0x2545_F491_4F6C_DD1D)
            var frame = ruleBase.makeFrame()
            let count = 5_000 / Self.bases.count + (index == 0 ? 5_000 % Self.bases.count : 0)
            for trial in 0..<count {
                var answers = PropertyTests.completeAnswers(ruleBase, &random)
                let gaps = trial % 2 == 0 ? 3 : 10
                for question in answers.indices where random.below(gaps) == 0 { answers[question] = nil }
                Self.check(ruleBase, answers, frame: &frame, "\(name), seed \(seed), profile \(trial)")
                if trial % 500 == 0 {
                    let (flat, tree) = (ruleBase.evaluation(of: frame), ruleBase.referenceEvaluation(answers))
                    #expect(flat.recommendations == tree.recommendations && flat.warnings == tree.warnings, "\(name) \(seed) \(trial)")
                }
            }
        }
    }

    /// Counts of a set's members compared with a number, in one instruction (too many options
    /// for a lookup): `> 0` and `== 0` are answered without counting, other comparisons by the
    /// count; every set of eight options, and the set unknown, against the reference.
    @Test func countComparisonsAgreeWithTheReference() {
        let ruleBase = fixtureRuleBase("""
            enum item: i0, i1, i2, i3, i4, i5, i6, i7
            question picks: set of item
              step 1
              ask "picks"
              cite s "1"
            let some = count(picks) > 0
            let none = count(picks) == 0
            let several = count(picks) >= 2
            let few = count(picks) < 3
            let firsts = count(intersection(picks, {i0, i1, i6})) > 0
            let others = count(difference(picks, {i0, i7})) == 0
            let pair = count(intersection(picks, {i0, i1, i6})) == 2
            """, path: "counts.cxm")
        let program = ruleBase.evaluationProgram
        #expect(program.instructions.filter { $0.opcode == .countIs }.count == 7 && program.lookups.isEmpty)
        var frame = ruleBase.makeFrame()
        for mask in 0...256 {
            let answers: [Value?] = [mask == 256 ? nil : .set(type: OptionTypeID(0), mask: UInt64(mask))]
            Self.check(ruleBase, answers, frame: &frame, "picks \(mask)")
        }
    }

    @Test func overflowMakesValuesUnknownWithAReason() throws {
        let ruleBase = Self.overflowing
        let result = try evaluate(ruleBase, #"{"share": 50, "flag": false}"#)
        for name in ["huge", "average", "size"] {
            let outcome = result.values[try #require(ruleBase.slot(named: name)).index]
            #expect(outcome.value == nil && outcome.missing.overflows && outcome.missing.members.isEmpty, "\(name)")
        }
        // A decided condition does not carry the overflow of an operand that did not decide it.
        let either = try evaluate(ruleBase, #"{"share": 50, "flag": true}"#)
        #expect(either.values[try #require(ruleBase.slot(named: "either")).index].value == .number(1))
        #expect(either.values[try #require(ruleBase.slot(named: "safe")).index] == Outcome(.boolean(true)))
        // Small numbers do not overflow.
        let small = try evaluate(ruleBase, #"{"share": 0, "flag": false}"#)
        #expect(small.values[try #require(ruleBase.slot(named: "huge")).index].value == .number(0))
    }

    /// The loop's table of orderings gives every comparison operator the answer of the
    /// operator itself, for numbers (including a number that is not a number) and positions.
    @Test func comparisonOrderingsAgreeWithTheOperators() throws {
        let numbers: [Double] = [-1, 0, 0.5, 2, .nan]
        for raw in UInt8(0)..<6 {
            let op = try #require(Instruction.ComparisonOperator(rawValue: raw))
            let instruction = Instruction(opcode: .compareNumbers, variant: raw, target: 0)
            for x in numbers {
                for y in numbers {
                    #expect(instruction.holds(x, y) == EvaluationFrame.compare(op, x, y), "\(op) \(x) \(y)")
                }
            }
            for x in UInt64(0)..<3 {
                for y in UInt64(0)..<3 { #expect(instruction.holds(x, y) == EvaluationFrame.compare(op, x, y), "\(op) \(x) \(y)") }
            }
        }
    }
}
