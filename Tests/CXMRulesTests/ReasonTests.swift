import Testing
@testable import CXMRules

/// Conditions and table rows in words, and what a rule says whether or not it fired.
@Suite struct ReasonTests {
    static let base = """
        scale level: low "Low" < mid "Mid" < high "High"
        enum goal: efficiency "Efficiency", growth "Growth"
        question a: level
          step 1
          ask "A"
          cite s "§1"
        question b: level
          step 1
          ask "B"
          cite s "§1"
        question goals: set of goal
          step 1
          ask "Goals"
          cite s "§1"
        let score = mean(a, b)
          label "Score"
        table band: level first
          cite s "§1"
          | score  | a       | band |
          | >= 2.5 | -       | high |
          | 1.5..2.4 | not low | mid  |
          | -      | low, mid | low  |
          | -      | -       | low  |
        rule r
          when a >= mid and (efficiency in goals or not (b == high)) and growth not in goals
          recommend step 1, priority high: "Do it: {score}."
          because "Score is {score}."
          cite s "§1"
        rule k
          when known(b) and count(goals) > 0
          warn "B known."
          cite s "§1"
        let with_growth = union(goals, {growth})
          label "Goals with growth"
        rule m
          when a in {low, mid} and not (b in {high}) and count(with_growth) > 0 and mean(a, b) > 0 - 1.5
            and count(union(goals, {efficiency})) >= count(goals) and known(score) and b >= a
          warn "M."
          cite s "§1"

        """

    /// Each reason as "subject is actual (needed: needed) verdict [missing]".
    func reasons(_ json: String, rule: Int = 0) throws -> [String] {
        let ruleBase = try compile(Self.base)
        let evaluation = try evaluate(ruleBase, json)
        return ruleBase.reasons(forRule: RuleID(rule), in: evaluation).map {
            "\($0.subject) is \($0.actual) (needed: \($0.needed)) \($0.verdict.rawValue)" + ($0.missingAnswers.isEmpty ? "" : " \($0.missingAnswers)")
        }
    }

    @Test func aRuleThatFiredNamesEveryConditionThatHeld() throws {
        #expect(try reasons(#"{"a": "high", "b": "low", "goals": ["efficiency"]}"#) == [
            "a is High (needed: at least Mid) matched",
            "goals is Efficiency (needed: includes Efficiency) matched",
            "b is Low (needed: not High) matched",
            "goals is Efficiency (needed: does not include Growth) matched",
        ])
    }

    @Test func aRuleThatDidNotFireNamesOnlyTheConditionsThatFailed() throws {
        #expect(try reasons(#"{"a": "low", "b": "high", "goals": []}"#) == [
            "a is Low (needed: at least Mid) not matched",
            "goals is none (needed: includes Efficiency) not matched",
            "b is High (needed: not High) not matched",
        ])
        // A false condition settles it even when another is unknown.
        #expect(try reasons(#"{"goals": ["growth"]}"#) == ["goals is Growth (needed: does not include Growth) not matched"])
    }

    @Test func anUndecidedRuleNamesTheOpenConditionsAndTheirMissingAnswers() throws {
        #expect(try reasons(#"{"goals": ["efficiency"]}"#) == [#"a is not answered (needed: at least Mid) unknown ["a"]"#])
        // known() is never unknown: a missing answer makes it false, which the answer could change.
        #expect(try reasons(#"{"goals": ["efficiency"]}"#, rule: 1) == [#"b is not answered (needed: answered) not matched ["b"]"#])
        #expect(try reasons(#"{"b": "low", "goals": ["efficiency"]}"#, rule: 1) == [
            "b is Low (needed: answered) matched", "the number of options chosen for goals is 1 (needed: above 0) matched",
        ])
    }

    /// Questions by name, `count` of one value as "the number of …", a value tested against a
    /// set of options as "one of", constants by their value; other expressions as written, in
    /// quotes.
    @Test func expressionsInWords() throws {
        #expect(try reasons(#"{"a": "low", "b": "low", "goals": ["efficiency"]}"#, rule: 2) == [
            "a is Low (needed: one of Low; Mid) matched",
            "b is Low (needed: not High) matched",
            "the number of goals with growth is 2 (needed: above 0) matched",
            #""mean(a, b)" is 1 (needed: above -1.5) matched"#,
            #""count(union(goals, {efficiency}))" is 1 (needed: at least the number of options chosen for goals, which is 1) matched"#,
            "Score is 1 (needed: known) matched",
            "b is Low (needed: at least a, which is Low) matched",
        ])
    }

    @Test func tableRowsInWords() throws {
        let ruleBase = try compile(Self.base)
        let evaluation = try evaluate(ruleBase, #"{"a": "high", "b": "mid"}"#)
        let rows = ruleBase.rows(ofTable: try #require(ruleBase.slot(named: "band")), in: evaluation)
        #expect(rows.map(\.verdict) == [.yes, .no, .no, .yes])
        #expect(rows.map(\.output) == ["High", "Mid", "Low", "Low"])
        // Cells that are '-' test nothing and are left out.
        #expect(rows.map { $0.cells.map { "\($0.subject) is \($0.actual) (needed: \($0.needed))" } } == [
            ["Score is 2.5 (needed: at least 2.5)"],
            ["Score is 2.5 (needed: 1.5 to 2.4)", "a is High (needed: not Low)"],
            ["a is High (needed: Low or Mid)"],
            [],
        ])
        #expect(ruleBase.rows(ofTable: try #require(ruleBase.slot(named: "score")), in: evaluation).isEmpty)
    }

    @Test func whatARuleSaysWhetherItFiredOrNot() throws {
        let ruleBase = try compile(Self.base)
        let evaluation = try evaluate(ruleBase, #"{"a": "low", "b": "mid"}"#)
        #expect(evaluation.ruleVerdicts[0].fired == false)
        let advice = ruleBase.advice(ofRule: RuleID(0), in: evaluation)
        #expect(advice.map(\.text) == ["Do it: 1.5."])
        #expect(advice.first?.step == 1 && advice.first?.priority == .high)
        #expect(ruleBase.because(ofRule: RuleID(0), in: evaluation) == "Score is 1.5.")
        #expect(ruleBase.advice(ofRule: RuleID(1), in: evaluation).map(\.text) == ["B known."])
        #expect(ruleBase.because(ofRule: RuleID(1), in: evaluation) == nil)
    }

    @Test func comparisonsAreSplitAtTheirOperatorOnly() {
        #expect(RuleBase.sides(of: "mean(a, b >= 2) >= 3", .greaterOrEqual)! == ("mean(a, b >= 2)", "3"))
        #expect(RuleBase.sides(of: "x > 2", .greater)! == ("x", "2"))
        #expect(RuleBase.sides(of: "x >= 2", .greater) == nil)
        #expect(RuleBase.sides(of: #"name == "a == b""#, .equal)! == ("name", #""a == b""#))
    }
}
