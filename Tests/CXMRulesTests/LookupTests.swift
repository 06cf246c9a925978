import Testing
@testable import CXMRules

/// Expressions that the evaluation program reads from a lookup worked out at load: every
/// combination of their inputs' values, known or not, and values outside their inputs' domains
/// (which run the expression as it is), against the reference evaluator.
@Suite struct LookupTests {
    /// Expressions of one or two options, truth values or small sets: maps of a set to a set,
    /// conditions over two questions, `if` chains on one option, numbers that overflow, texts.
    static let ruleBase = fixtureRuleBase("""
            scale agreement: disagree < neutral < agree
            enum goal: efficiency, differentiation, association
            enum offer: relieving, enabling, enriching
            question a: agreement
              step 1
              ask "a"
              cite s "1"
            question b: agreement
              step 1
              ask "b"
              when a >= neutral
              cite s "1"
            question goals: set of goal
              step 1
              ask "goals"
              cite s "1"
            question others: set of goal
              step 1
              ask "others"
              cite s "1"
            question flag: boolean
              step 1
              ask "flag"
              cite s "1"
            let offers = union(union(if efficiency in goals then {relieving} else {},
                                     if differentiation in goals then {enabling} else {}),
                               if association in goals then {enriching} else {})
            let share = mean_known(if efficiency in goals then 1 else 0, if efficiency in others then 1 else 0)
            let both = a >= neutral and (b == agree or not flag)
            let score = if a == agree then 5 else if a == neutral then 3 else 1
            let wide = if flag then 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 * 10000000000 else 1
            let many = count(difference(goals, others)) > 0 and known(flag)
            rule fits
              when both and count(offers) >= 2
              recommend step 1: "offers {offers}, score {score}"
              cite s "1"
            """, path: "lookups.cxm")

    @Test func theProgramReadsLookups() {
        #expect(Self.ruleBase.evaluationProgram.lookups.count >= 5)
        #expect(Self.ruleBase.program.lookups.isEmpty)
    }

    /// Every combination of the answers, each answer given or missing.
    @Test func everyCombinationAgreesWithTheReference() {
        let ruleBase = Self.ruleBase
        var frame = ruleBase.makeFrame()
        let scales: [Value?] = [nil] + (0..<3).map { .option(type: OptionTypeID(0), position: $0) }
        let sets: [Value?] = [nil] + (0..<8).map { .set(type: OptionTypeID(1), mask: UInt64($0)) }
        let flags: [Value?] = [nil, .boolean(false), .boolean(true)]
        for a in scales {
            for b in scales {
                for goals in sets {
                    for others in sets {
                        for flag in flags {
                            let answers = [a, b, goals, others, flag]
                            DifferentialTests.check(ruleBase, answers, frame: &frame, "\(answers)")
                        }
                    }
                }
            }
        }
    }

    /// A rule base of one value (a question; its rule's condition becomes a lookup): the program
    /// that works the lookup out has one question, not two (it trapped reading a second's type).
    @Test func aRuleBaseOfOneQuestionHasItsLookup() {
        let ruleBase = fixtureRuleBase("""
            scale agreement: disagree < neutral < agree
            question a: agreement
              step 1
              ask "a"
              cite s "1"
            rule fits
              when a == agree or a == neutral or not known(a)
              recommend step 1: "fits"
              cite s "1"
            """, path: "one.cxm")
        #expect(ruleBase.evaluationProgram.lookups.count == 1)
        var frame = ruleBase.makeFrame()
        for a in [nil] + (0..<3).map({ Value.option(type: OptionTypeID(0), position: $0) }) {
            DifferentialTests.check(ruleBase, [a], frame: &frame, "\(String(describing: a))")
        }
    }

    /// Values outside an input's domain (a position or a member beyond the type's options, a
    /// value of another kind) are evaluated by the expression as it is, as the reference does.
    @Test func valuesOutsideTheDomainsAgreeWithTheReference() {
        let ruleBase = Self.ruleBase
        var frame = ruleBase.makeFrame()
        let strange: [[Value?]] = [
            [.option(type: OptionTypeID(0), position: 5), .option(type: OptionTypeID(0), position: 2), nil, nil, .boolean(true)],
            [.number(3), .option(type: OptionTypeID(0), position: 2), .set(type: OptionTypeID(1), mask: 0b1000), nil, nil],
            [.option(type: OptionTypeID(1), position: 1), nil, .set(type: OptionTypeID(1), mask: 0b1111), .set(type: OptionTypeID(1), mask: 1), .number(1)],
            [.option(type: OptionTypeID(0), position: 2), .boolean(true), .option(type: OptionTypeID(1), position: 0), .boolean(false), .boolean(false)],
        ]
        for answers in strange {
            DifferentialTests.check(ruleBase, answers, frame: &frame, "\(answers)")
        }
    }
}
