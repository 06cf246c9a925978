import Foundation
import Testing
@testable import CXMRules
import TestSupport

/// Properties of evaluation that must hold for every profile, checked on many seeded random
/// profiles of two rule bases: the knowledge base in rules/, and one that uses every construct
/// of the language (every hit policy, outputs, partial means, conditions on relevance).
@Suite struct PropertyTests {
    static let bundled: RuleBase = {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
        return try! RuleBase.load(directory: rules, format: testProfileFormat).0
    }()

    static let everything = fixtureRuleBase("""
            scale agreement: disagree < neutral < agree
            scale level: low < high
            enum goal: efficiency, differentiation, association
            enum urgency: urgent, soon, later
            question a: agreement
              step 1
              ask "a"
              cite s "1"
            question b: agreement
              step 1
              ask "b"
              cite s "1"
            question c: agreement
              step 1
              ask "c"
              when a >= neutral
              cite s "1"
            question goals: set of goal
              step 1
              ask "goals"
              cite s "1"
            question share: number 0..100
              step 1
              ask "share"
              cite s "1"
            question flag: boolean
              step 1
              ask "flag"
              cite s "1"
            let partial = mean_known(a, b, c)
            let strict = mean(a, reverse(b)) + share / 50
            let pick: level = if flag then (if a >= agree then high else low) else (if strict > 3 then high else low)
            let overlap = count(intersection(goals, {efficiency, association}))
            table band: level first
              cite s "1"
              | partial | share | band |
              | >= 2.5  | -     | high |
              | -       | > 60  | high |
              | -       | -     | low  |
            table next: urgency priority
              cite s "1"
              | pick | flag  | next   |
              | -    | -     | later  |
              | high | true  | urgent |
              | -    | false | soon   |
            table focus: goal collect
              cite s "1"
              | band | efficiency in goals | focus           |
              | high | -                   | differentiation |
              | -    | true                | efficiency      |
              | low  | false               | association     |
            table order: urgency rule order
              cite s "1"
              | pick | band | order  |
              | high | -    | urgent |
              | -    | high | soon   |
              | -    | -    | later  |
            table grid: level unique
              cite s "1"
              | pick | band | grid |
              | high | high | high |
              | high | low  | low  |
              | low  | -    | low  |
            output target: level
            output themes: set of goal
            rule r1
              when a >= agree and (b <= neutral or not flag)
              set target = high
              set themes = {differentiation}
              recommend step 2: "r1 {target} {themes} {partial}"
              cite s "1"
            rule r2
              when overlap > 0 or c == agree
              set target = low
              set themes = efficiency
              warn "r2 {band}"
              cite s "1"
            rule r3
              when known(c) and grid == high and next != later and urgent in order
              set themes = association
              recommend step 4, priority low: "r3"
              cite s "1"
            """, path: "everything.cxm")

    /// A complete profile: a random answer for every question.
    static func completeAnswers(_ ruleBase: RuleBase, _ random: inout SplitMix64) -> [Value?] {
        ruleBase.questions.map { question -> Value? in
            switch question.type {
            case .option(let type):
                return .option(type: type, position: random.below(ruleBase.optionTypes[type].options.count))
            case .set(let type):
                return .set(type: type, mask: random.next() & ((1 << UInt64(ruleBase.optionTypes[type].options.count)) - 1))
            case .boolean: return .boolean(random.below(2) == 1)
            case .number:
                let range = question.range ?? 0...100
                return .number(range.lowerBound + Double(random.below(101)) / 100 * (range.upperBound - range.lowerBound))
            case .text: return .text("answer \(random.below(10))")
            case .list: return nil
            }
        }
    }

    /// What the missing answers of a partial profile say must hold: whatever is known and
    /// depends on no missing answer keeps its value when those answers are filled in, and
    /// whatever is unknown names at least one missing answer.
    static let bases = [("rules/", bundled), ("everything", everything)]

    @Test(arguments: 0..<20)
    func missingAnswersAreReportedSoundly(seed: Int) {
        for (_, ruleBase) in Self.bases { checkMissingAnswers(ruleBase, seed: seed) }
    }

    func checkMissingAnswers(_ ruleBase: RuleBase, seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        for _ in 0..<50 {
            let complete = Self.completeAnswers(ruleBase, &random)
            var partial = complete
            for index in partial.indices where random.below(3) == 0 { partial[index] = nil }
            let full = ruleBase.evaluate(complete)
            let part = ruleBase.evaluate(partial)
            for (slot, outcome) in part.values.enumerated() where slot >= ruleBase.questions.count {
                let name = ruleBase.values[slot].name
                if outcome.value != nil && outcome.missing.isEmpty {
                    #expect(outcome.value == full.values[slot].value, "\(name) changed although no missing answer could change it")
                }
                if outcome.value == nil && outcome.missing.isEmpty {
                    #expect(full.values[slot].value == nil, "\(name) is unknown but names no missing answer that would decide it")
                }
                #expect(outcome.missing.members.allSatisfy { partial[$0.index] == nil }, "\(name) blames an answered question")
            }
            for (index, verdict) in part.ruleVerdicts.enumerated() where verdict.fired != nil && verdict.missing.isEmpty {
                #expect(verdict.fired == full.ruleVerdicts[index].fired, "rule \(ruleBase.rules[index].name) changed")
            }
            for (index, verdict) in part.ruleVerdicts.enumerated() where verdict.fired == nil && verdict.missing.isEmpty {
                #expect(full.ruleVerdicts[index].fired == nil, "rule \(ruleBase.rules[index].name) is undecided but names no missing answer")
            }
        }
    }

    @Test(arguments: 0..<5)
    func completeProfilesDecideEverything(seed: Int) {
        for (name, ruleBase) in Self.bases {
            var random = SplitMix64(seed: UInt64(1000 + seed))
            for _ in 0..<50 {
                let answers = Self.completeAnswers(ruleBase, &random)
                let result = ruleBase.evaluate(answers, trace: true)
                let asked = result.values.indices.filter { !result.notApplicable.contains(SlotID($0)) }
                #expect(asked.allSatisfy { result.values[$0].missing.isEmpty }, "\(name)")
                #expect(result.ruleVerdicts.allSatisfy { $0.fired != nil } || !result.notApplicable.isEmpty, "\(name)")
                #expect(!result.trace.isEmpty)
                // Deterministic: the same answers give the same result, trace included.
                let again = ruleBase.evaluate(answers, trace: true)
                #expect(again.values == result.values && again.trace == result.trace)
            }
        }
    }

    @Test func emptyProfileGetsAResult() {
        for (_, ruleBase) in Self.bases {
            let result = ruleBase.evaluate(Array(repeating: nil, count: ruleBase.questions.count), trace: true)
            #expect(result.values.count == ruleBase.values.count)
        }
    }
}
