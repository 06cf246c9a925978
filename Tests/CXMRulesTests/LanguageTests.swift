import Testing
@testable import CXMRules

/// The declarations and expressions of the rule language, evaluated end to end.
@Suite struct LanguageTests {
    static let types = """
        scale agreement: disagree "Disagree" < neutral "Neutral" < agree "Agree"
        enum channel: email "E-mail", phone "Phone", portal "Customer portal"

        """

    @Test func questionsOfEveryType() throws {
        let base = try compile(Self.types + """
            question a: agreement
              step 2
              section "Market"
              ask "Rivalry is intense."
              help "Why it matters."
              cite s "§4.1"
            question c: channel
              step 1
              ask "Main channel?"
              cite s "§2"
            question n: number 0..100
              step 2
              ask "Share of revenue from services (%)"
              cite s "§3"
            question b: boolean
              step 3
              ask "Is there a CX manager?"
              cite s "§3"
            question cs: set of channel
              step 1
              ask "Channels used?"
              cite s "§2"
            question t: text
              step 4
              ask "Anything else?"
              cite s "§4"
            let summary = if b then a >= neutral and n > 10 and email in cs and c == phone else t == "x"
            """)
        #expect(base.questions.map(\.name) == ["a", "c", "n", "b", "cs", "t"])
        let a = try #require(base.value(named: "a")?.question)
        #expect(a.step == 2 && a.section == "Market" && a.text == "Rivalry is intense." && a.help == "Why it matters.")
        #expect(base.value(named: "a")?.citations == [CitationInfo(source: "s", locator: "§4.1")])
        #expect(base.value(named: "n")?.range == 0...100)
        let result = try evaluate(base, """
            {"a": "Agree", "c": "phone", "n": 40, "b": "yes", "cs": ["email", "Customer portal"], "t": "free text"}
            """)
        #expect(result.id("summary", in: base) == "true")
        #expect(result.id("cs", in: base) == "{email, portal}")
        #expect(result.id("t", in: base) == "\"free text\"")
    }

    @Test(arguments: [
        ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("10 / 4", "2.5"), ("-3 + 1", "-2"),
        ("mean(1, 2, 6)", "3"), ("min(4, 2, 8)", "2"), ("max(4, 2, 8)", "8"), ("sum(1, 2, 3)", "6"),
        ("count(true, false, true)", "2"), ("mean(x, 5)", "4"), ("reverse(x)", "1"),
        ("if x >= agree then 1 else 0", "1"), ("if x < agree then 1 else 0", "0"),
        ("mean_known(x, y)", "3"), ("known(y)", "false"), ("known(x)", "true"),
        ("1 / 0", "unknown"), ("abs(2 - 5)", "3"), ("abs(x - 5)", "2"),
        ("ranked(agreement, 1, 3, 2)", "[neutral, agree, disagree]"), ("ranked(agreement, 0, 2, 2)", "[neutral, agree]"),
        ("ranked(channel, x, 0, 1)", "[email, portal]"), ("ranked(channel, y, 0, 1)", "unknown"),
    ])
    func derivedValues(expression: String, expected: String) throws {
        let base = try compile(Self.types + """
            question x: agreement
              step 2
              ask "x"
              cite s "§1"
            question y: agreement
              step 2
              ask "y"
              cite s "§1"
            let v = \(expression)
            let uses = known(x) or known(y)
            """)
        let result = try evaluate(base, #"{"x": "agree"}"#)
        #expect(result.id("v", in: base) == expected)
    }

    @Test func setOperations() throws {
        let base = try compile(Self.types + """
            question used: set of channel
              step 1
              ask "Channels used?"
              cite s "§2"
            let digital: set of channel = {email, portal}
            let both = intersection(used, digital)
            let either = union(used, {phone})
            let other = difference(used, digital)
            let size = count(used)
            let has_phone = phone in used
            let lacks_portal = portal not in used
            let none: set of channel = {}
            """)
        let result = try evaluate(base, #"{"used": "email; phone"}"#)
        #expect(result.id("both", in: base) == "{email}")
        #expect(result.id("either", in: base) == "{email, phone}")
        #expect(result.id("other", in: base) == "{phone}")
        #expect(result.id("size", in: base) == "2")
        #expect(result.id("has_phone", in: base) == "true")
        #expect(result.id("lacks_portal", in: base) == "true")
        #expect(result.id("none", in: base) == "{}")
    }

    @Test func qualifiedOptionsAndInferredTypes() throws {
        let base = try compile("""
            scale level: low < high
            scale size: small < large
            enum kind: alpha, beta
            question q: level
              step 1
              ask "q"
              cite s "§1"
            let pick = if q == high then kind.alpha else beta
            let big: size = if q >= level.high then large else small
            """)
        let result = try evaluate(base, #"{"q": "high"}"#)
        #expect(result.id("pick", in: base) == "alpha")
        #expect(result.id("big", in: base) == "large")
    }

    @Test func questionsAskedOnlyWhenRelevant() throws {
        let base = try compile("""
            question has_manager: boolean
              step 3
              ask "Do you have a CX manager?"
              cite s "§1"
            question manager_reports_to: text
              step 3
              ask "Who does the CX manager report to?"
              when has_manager
              cite s "§1"
            let answered = known(manager_reports_to)
            """)
        let skipped = try evaluate(base, #"{"has_manager": false, "manager_reports_to": "CMO"}"#)
        #expect(skipped.notApplicable == [SlotID(1)])
        #expect(skipped.id("answered", in: base) == "false")
        #expect(skipped.missing("answered", in: base) == [])
        let asked = try evaluate(base, #"{"has_manager": true, "manager_reports_to": "CMO"}"#)
        #expect(asked.notApplicable.isEmpty)
        #expect(asked.id("answered", in: base) == "true")
        #expect(base.value(named: "manager_reports_to")?.question?.condition == "has_manager")
    }

    @Test func severalFilesFormOneRuleBase() throws {
        let files = [
            SourceFile(path: "a.cxm", text: "source s \"S.\"\nscale level: low < high\n"),
            SourceFile(path: "b.cxm", text: "question q: level\n  step 1\n  ask \"q\"\n  cite s \"§1\"\nlet up = q == high\n  show step 1\n"),
        ]
        let (base, diagnostics) = RuleBase.check(files: files)
        #expect(diagnostics.isEmpty)
        #expect(try #require(base).value(named: "up")?.type == .boolean)
    }

    @Test func stringsJoinAcrossLinesAndKeepEscapes() throws {
        let base = try compile("""
            question q: boolean
              step 1
              ask "first half, "
                "second half with \\"quotes\\" and \\{braces\\}"
              cite s "§1"
            let used = q
            """)
        #expect(base.value(named: "q")?.question?.text == "first half, second half with \"quotes\" and {braces}")
    }
}

/// "Did you mean" suggestions.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("scop", ["scope", "impact"], "scope"), ("hihg", ["high", "low"], "high"), ("impcat", ["impact"], "impact"),
        ("x", ["y"], "y"), ("zzzz", ["impact", "scope"], nil), ("Scope", ["scope"], "scope"),
    ])
    func closest(name: String, candidates: [String], expected: String?) {
        #expect(Suggestions.closest(to: name, in: candidates) == expected)
    }
}

/// How derived values, tables and outputs present themselves.
@Suite struct PresentationTests {
    @Test func labelHelpAndWatch() throws {
        let base = try compile(levelQuestion + """
            let up = q == high
              label "Up"
              help "Whether q is high."
              watch
            table t: level first
              help "A table."
              watch
              cite s "§1"
              | q | t   |
              | - | low |
            output o: level
              label "O"
            rule r
              set o = t
              cite s "§1"
            """)
        let up = try #require(base.value(named: "up"))
        #expect(up.label == "Up" && up.help == "Whether q is high." && up.watch)
        #expect(base.value(named: "t")?.watch == true && base.value(named: "t")?.help == "A table.")
        #expect(base.value(named: "o")?.watch == false && base.value(named: "o")?.label == "O")
    }

    @Test func reportPresentation() throws {
        let base = try compile("""
            step 2 "Choose a quadrant"
            scale level: low < high
            enum corner: nw, ne, sw, se
            question a: number 1..5
              step 2
              ask "a"
              cite s "§1"
            question b: number 0..10
              step 2
              ask "b"
              cite s "§1"
            let a_score = a
              chart "Scores"
            let b_score = b / 2
              show step 2
              headline
              chart "Scores"
            table where: corner unique
              show step 2
              matrix x a_score split 3, y b_score split 2.5, top nw ne, bottom sw se, target aim
              cite s "§1"
              | a_score | b_score | where |
              | < 3     | >= 2.5  | nw    |
              | >= 3    | >= 2.5  | ne    |
              | < 3     | < 2.5   | sw    |
              | >= 3    | < 2.5   | se    |
            output aim: corner
            rule r
              set aim = ne
              cite s "§1"
            """)
        #expect(base.stepTitles == [2: "Choose a quadrant"])
        let bScore = try #require(base.value(named: "b_score"))
        #expect(bScore.reportStep == 2 && bScore.headline && bScore.chart == ChartInfo(title: "Scores", range: 0...5))
        #expect(base.value(named: "a_score")?.chart?.range == 1...5 && base.value(named: "a_score")?.headline == false)
        let matrix = try #require(base.value(named: "where")?.matrix)
        #expect(matrix == MatrixInfo(x: try #require(base.slot(named: "a_score")), xSplit: 3, y: try #require(base.slot(named: "b_score")), ySplit: 2.5,
                                     quadrants: [0, 1, 2, 3], target: base.slot(named: "aim")))
    }
}
