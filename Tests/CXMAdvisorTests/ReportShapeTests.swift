@testable import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// The shape of every scenario's reports (the trial profile among them): the decision first and
/// within a terminal's first screen, short by default, no question ids for people, nothing said
/// twice.
@Suite struct ReportShapeTests {
    static let ruleBase = AssessmentTests.advisor.ruleBase

    /// The question ids people must never read: every id, written as in the text or as Markdown
    /// escapes it.
    static let questionIds: [String] = ruleBase.questions.map(\.name).filter { $0.contains("_") }

    static func lines(_ text: String) -> [String] {
        Array(text.components(separatedBy: "\n").dropLast())
    }

    @Test(arguments: ScenarioTests.scenarioNames)
    func theDefaultTextReportIsShortAndLeadsWithTheDecision(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        let lines = Self.lines(try ReportRenderer().render(assessment, as: .text))
        #expect(lines.count <= 120, "\(name): \(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(name): wider than 80 columns")
        // On an 80 × 24 terminal: the summary, then the actions to take first, three at least
        // (or all there are), each with its reason.
        let screen = Array(lines.prefix(24))
        #expect(screen.firstIndex(of: "Summary") != nil, "\(name)")
        guard !assessment.firstActions.isEmpty else { return }
        let heading = try #require(screen.firstIndex(of: "What to do first"), "\(name): the actions start below the first screen")
        let numbered = screen[heading...].filter { $0.range(of: #"^  \d\. "#, options: .regularExpression) != nil }
        #expect(numbered.count >= min(3, assessment.firstActions.count), "\(name): \(numbered.count) actions on the first screen")
        let end = heading + 1 + lines[(heading + 1)...].prefix { !$0.isEmpty }.count
        #expect(end <= 24, "\(name): the actions end on line \(end), below the first screen")
    }

    @Test(arguments: ScenarioTests.scenarioNames)
    func peopleReadQuestionsByTheirWordingNeverByTheirIds(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        for full in [false, true] {
            for format in [ReportRenderer.Format.text, .markdown, .html] {
                let report = try ReportRenderer(full: full).render(assessment, as: format)
                for id in Self.questionIds {
                    #expect(!report.contains(id) && !report.contains(id.replacingOccurrences(of: "_", with: "\\_")),
                            "\(name): '\(id)' in the \(full ? "full " : "")\(format) report")
                }
            }
        }
        // JSON keeps the ids, with the short labels beside them.
        let json = try ReportRenderer.encode(assessment)
        for id in assessment.missingAnswers { #expect(json.contains("\"\(id)\"") && assessment.questions[id] != nil, "\(name): \(id)") }
    }

    @Test(arguments: ScenarioTests.scenarioNames)
    func nothingIsSaidTwice(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        let text = try ReportRenderer(full: true).render(assessment, as: .text)
        // The same reason once, however many recommendations and warnings give it.
        let reasons = text.replacing(/\n +/, with: " ").matches(of: /Why: ([^\n]*?) Source:/).map { String($0.1) }
        #expect(Set(reasons).count == reasons.count, "\(name): a reason given twice")
        // What the summary says is not listed again among the steps' conclusions.
        let said = Set(assessment.summary.flatMap(\.values))
        #expect(assessment.steps.allSatisfy { $0.conclusions.allSatisfy { !said.contains($0.name) } }, "\(name)")
        // Each step lists a value once, coinciding ones merged.
        for step in assessment.steps {
            let rows = ReportText.merged(step.conclusions)
            let known = rows.filter { $0.conclusion.value != .unknown }.map { $0.conclusion.display + "\($0.conclusion.missingAnswers)" }
            #expect(Set(known).count == known.count, "\(name): step \(step.number) shows a value twice")
            #expect(rows.allSatisfy { text.replacing(/\n +/, with: " ").contains($0.label) }, "\(name)")
        }
        // The questions behind the marks are listed once, at the end.
        for id in Set(assessment.missingAnswers) {
            let label = try #require(assessment.questions[id])
            #expect(text.components(separatedBy: "\(label)\u{00A0}(").count <= 2, "\(name): \(label) listed twice")
        }
    }

    /// Every first action is a ranked recommendation of a rule that fired, in the order of the
    /// ranks the rule files give: the Swift code decides nothing about what comes first.
    @Test(arguments: ScenarioTests.scenarioNames)
    func firstActionsFollowTheRanksOfTheRuleFiles(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        #expect(assessment.firstActions.count <= Assessment.firstActionLimit)
        #expect(assessment.firstActions.map(\.rank) == assessment.firstActions.map(\.rank).sorted(), "\(name)")
        let fired = Set(assessment.steps.flatMap(\.recommendations).map(\.rule))
        #expect(assessment.firstActions.allSatisfy { fired.contains($0.rule) }, "\(name)")
    }

    /// Each first action and its reason fit a line of the text report (with the mark of an
    /// action that missing answers could change).
    @Test(arguments: ScenarioTests.scenarioNames)
    func eachActionAndItsReasonFitALine(name: String) throws {
        // Every ranked recommendation that fires, not only the first five.
        let evaluation = Self.ruleBase.evaluate(try ScenarioTests.scenario(name).profile.answers)
        for action in Self.ruleBase.firstActions(in: evaluation) {
            #expect(action.text.count + (action.missingAnswers.isEmpty ? 0 : 2) <= 73, "\(name): \(action.text)")
            #expect(action.why.count <= 75, "\(name): \(action.why)")
        }
    }

    /// A profile that answers the archetype's and the target's questions gets three to five
    /// actions.
    @Test(arguments: ScenarioTests.scenarioNames)
    func answeredProfilesGetThreeToFiveActions(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        let known = assessment.conclusions.filter { ["archetype", "target_archetype"].contains($0.name) && $0.value != .unknown }
        guard known.count == 2 else { return }
        #expect((3...5).contains(assessment.firstActions.count), "\(name): \(assessment.firstActions.count) actions")
    }
}
