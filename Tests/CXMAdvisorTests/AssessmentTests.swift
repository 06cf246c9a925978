import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// What reports show, on the bundled rule base and its scenarios.
@Suite struct AssessmentTests {
    static let advisor = ScenarioTests.advisor

    /// Every scenario's assessment, computed once for all tests.
    static let assessments: [String: Assessment] = Dictionary(uniqueKeysWithValues: ScenarioTests.scenarioNames.map { name in
        (name, advisor.assess(try! ScenarioTests.scenario(name).profile).assessment())
    })

    static func assessment(_ name: String) throws -> Assessment {
        try #require(assessments[name])
    }

    /// The matrix's quadrants must be labelled as the rules classify: wherever the two numbers
    /// put the as-is position, that quadrant's option is the as-is value. A number on a split
    /// lies on the boundary of two quadrants, and the rules decide which side it belongs to.
    @Test(arguments: ScenarioTests.scenarioNames)
    func matrixQuadrantsAgreeWithTheClassification(name: String) throws {
        let matrix = try #require(try Self.assessment(name).matrix)
        guard let x = matrix.asIs.x, let y = matrix.asIs.y, let option = matrix.asIs.option else { return }
        let rows = y > matrix.y.split ? [0] : y < matrix.y.split ? [2] : [0, 2]
        let columns = x > matrix.x.split ? [1] : x < matrix.x.split ? [0] : [0, 1]
        let quadrants = rows.flatMap { row in columns.map { matrix.quadrants[row + $0] } }
        #expect(quadrants.contains { $0.option == option }, "\(name): (\(x), \(y)) lies in \(quadrants.map(\.label))")
    }

    @Test func summaryStepsAndChartsFollowTheRuleFiles() throws {
        let assessment = try Self.assessment("air-products.json")
        #expect(assessment.headline.map(\.name) == ["value_propositions", "impact_perceived_score", "scope_score", "archetype", "target_archetype"])
        #expect(assessment.steps.map(\.number) == [1, 2, 3, 4])
        #expect(assessment.steps.map(\.title) == ["Understand customer objectives", "Choose and align the CXM archetype",
                                                  "Deploy fitting CXM activities", "Monitor and adapt"])
        let step2 = assessment.steps[1]
        #expect(step2.charts.map(\.title) == ["CXM impact", "CXM scope"])
        #expect(step2.charts[1].bars.count == 8)
        // Values drawn in a chart are not listed again among the step's conclusions.
        #expect(!step2.conclusions.contains { $0.name == "scope_score" })
        for step in assessment.steps {
            let ranks = step.recommendations.map { Priority.allCases.firstIndex(of: $0.priority!)! }
            #expect(ranks == ranks.sorted(), "step \(step.number) lists recommendations by priority")
        }
    }

    /// Every recommendation says why in plain words and cites a source; every warning cites one
    /// (its text says why). The scenarios make every rule fire, so this covers every rule.
    @Test func everyRecommendationHasItsReasonAndSource() throws {
        for name in ScenarioTests.scenarioNames {
            let assessment = try Self.assessment(name)
            for recommendation in assessment.steps.flatMap(\.recommendations) {
                #expect(recommendation.because != nil && !recommendation.citations.isEmpty, "\(name): \(recommendation.rule)")
            }
            for warning in assessment.warnings {
                #expect(!warning.citations.isEmpty, "\(name): \(warning.rule)")
            }
        }
    }

    @Test func jsonRoundTrips() throws {
        let assessment = try Self.assessment("archetype-champion-clear.json")
        let json = try ReportRenderer().render(assessment, as: .json)
        let decoded = try JSONDecoder().decode(Assessment.self, from: Data(json.utf8))
        #expect(decoded == assessment)
        #expect(decoded.schemaVersion == Assessment.currentSchemaVersion)
    }

    @Test func colourOnlyWhenAskedFor() throws {
        let assessment = try Self.assessment("air-products.json")
        #expect(try !ReportRenderer(color: false).render(assessment, as: .text).contains("\u{1B}["))
        #expect(try ReportRenderer(color: true).render(assessment, as: .text).contains("\u{1B}[1m"))
        #expect(try !ReportRenderer(color: true).render(assessment, as: .markdown).contains("\u{1B}["))
    }

    @Test(arguments: [false, true])
    func textFitsIn80Columns(color: Bool) throws {
        for name in ScenarioTests.scenarioNames {
            let text = try ReportRenderer(color: color).render(try Self.assessment(name), as: .text)
                .replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression)
            let long = text.split(separator: "\n").filter { $0.count > 80 && !$0.contains("https://") }
            #expect(long.isEmpty, "\(name): \(long.first ?? "")")
        }
    }

    /// A small rule base for the summary's constructs: ranked recommendations and an output
    /// that complementary rules decide.
    static let ranked: Advisor = {
        let text = """
            source s "Test source."
            scale level: low < high
            scale agreement: disagree < neutral < agree
            question q: agreement
              step 1
              ask "Do you agree?"
              short "Agreement"
              cite s "1"
            question r: agreement
              step 1
              ask "And this?"
              short "Second agreement"
              cite s "1"
            output out: level
              label "Outcome"
              headline "The outcome is {out}."
            rule high_when_agreed
              when q == agree
              set out = high
              recommend step 1, rank 2: "Second, in full."
                short "Second"
                why "Ranked 2"
              cite s "1"
            rule high_otherwise
              when q != agree
              set out = high
              recommend step 1, priority high, rank 3: "Third, in full."
                short "Third"
                why "Ranked 3"
              cite s "1"
            rule first_of_all
              when r != disagree
              recommend step 1, priority low, rank 1: "First, in full."
                short "First {out}"
                why "Ranked 1"
              recommend step 1, priority high: "Not ranked."
              cite s "1"
            """
        let (ruleBase, diagnostics) = RuleBase.check(files: [SourceFile(path: "ranked.cxm", text: text)], format: Advisor.profileFormat)
        guard let ruleBase else { fatalError("\(diagnostics.map(\.message))") }
        return Advisor(ruleBase: ruleBase)
    }()

    /// The rule files decide which actions come first, by rank (ties in rule order), whatever
    /// their priorities; unranked recommendations are not among them.
    @Test func firstActionsComeInTheOrderOfTheirRanks() throws {
        let (profile, _) = Self.ranked.readProfile(Array(#"{"q": "agree", "r": "agree"}"#.utf8))
        let assessment = Self.ranked.assess(try #require(profile)).assessment()
        #expect(assessment.firstActions.map(\.text) == ["First high", "Second"])
        #expect(assessment.firstActions.map(\.why) == ["Ranked 1", "Ranked 2"])
        #expect(assessment.firstActions.map(\.rank) == [1, 2])
        let (other, _) = Self.ranked.readProfile(Array(#"{"q": "neutral", "r": "agree"}"#.utf8))
        #expect(Self.ranked.assess(try #require(other)).assessment().firstActions.map(\.text) == ["First high", "Third"])
    }

    /// An output that the rules leave unknown while an answer is missing, but that every answer
    /// would set to the same value, is shown as known: one possibility is left.
    @Test func aSingleRemainingCandidateIsShownAsKnown() throws {
        let (profile, _) = Self.ranked.readProfile(Array(#"{"r": "agree"}"#.utf8))
        let report = Self.ranked.assess(try #require(profile))
        let slot = try #require(Self.ranked.ruleBase.slot(named: "out"))
        #expect(report.evaluation.values[slot].value == nil, "the engine leaves it unknown")
        let assessment = report.assessment()
        let out = try #require(assessment.conclusions.first { $0.name == "out" })
        #expect(out.value == .word("high") && out.display == "high" && out.missingAnswers.isEmpty && out.candidates == nil)
        #expect(assessment.summary.map(\.text) == ["The outcome is high."])
        #expect(assessment.summary.first?.missingAnswers == [])
        // The first action's text names it as known too.
        #expect(assessment.firstActions.first?.text == "First high")
    }
}

/// A computation that overflows leaves its value unknown, and reports and explanations say why
/// (issue 8, finding 18): never an infinite number.
@Suite struct OverflowReportTests {
    @Test func reportsAndExplanationsSayTheComputationOverflows() throws {
        let text = """
            source s "Test."
            question share: number 0..100
              step 1
              ask "share"
              cite s "1"
            let big = 10000000000 * 10000000000 * 10000000000 * 10000000000
            let bigger = big * big * big * big
            let huge = share * bigger * bigger
              label "Huge"
              headline
              cite s "1"

            """
        let (ruleBase, diagnostics) = RuleBase.check(files: [SourceFile(path: "overflow.cxm", text: text)])
        let advisor = Advisor(ruleBase: try #require(ruleBase, "\(diagnostics)"))
        let profile = try #require(advisor.readProfile(Array(#"{"share": 50}"#.utf8)).0)
        let assessment = advisor.assess(profile).assessment()
        #expect(assessment.headline.map(\.display) == ["unknown (the computation overflows)"])
        #expect(try !ReportRenderer().render(assessment, as: .json).contains("inf"))
        let slot = try #require(advisor.ruleBase.slot(named: "huge"))
        let explanation = try #require(advisor.explain(profile, .value(SlotID(slot))))
        #expect(ExplanationRenderer(ruleBase: advisor.ruleBase).text(explanation).contains("Huge (huge): unknown (the computation overflows)"))
    }
}
