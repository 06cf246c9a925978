import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// What reports show, on the bundled rule base and its scenarios.
@Suite struct AssessmentTests {
    static let advisor = ScenarioTests.advisor

    /// Every scenario's assessment, computed once for all tests.
    static let assessments: [String: Assessment] = Dictionary(uniqueKeysWithValues: ScenarioTests.scenarioNames.map { name in
        (name, advisor.assess(try! ScenarioTests.scenario(name).profile).assessment)
    })

    static func assessment(_ name: String) throws -> Assessment {
        try #require(assessments[name])
    }

    /// The matrix's quadrants must be labelled as the rules classify: wherever the two numbers
    /// put the as-is position, that quadrant's option is the as-is value.
    @Test(arguments: ScenarioTests.scenarioNames)
    func matrixQuadrantsAgreeWithTheClassification(name: String) throws {
        let matrix = try #require(try Self.assessment(name).matrix)
        guard let x = matrix.asIs.x, let y = matrix.asIs.y, let option = matrix.asIs.option else { return }
        let quadrant = (y >= matrix.y.split ? 0 : 2) + (x >= matrix.x.split ? 1 : 0)
        #expect(matrix.quadrants[quadrant].option == option, "\(name): (\(x), \(y)) lies in \(matrix.quadrants[quadrant].label)")
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
}
