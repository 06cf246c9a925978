import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The scenarios in scenarios/ (and the team files in scenarios/teams/) are the knowledge base's tests: each meets its expectations on
/// the bundled rule base, and together they make every rule fire.
@Suite struct ScenarioTests {
    static let advisor = try! Advisor.bundled()
    static let folder = packageRoot.appendingPathComponent("scenarios")

    /// The scenarios' names, those of team files (several respondents) as `teams/NAME`.
    static var scenarioNames: [String] {
        func names(_ subfolder: String) -> [String] {
            let path = folder.appendingPathComponent(subfolder).path
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        }
        return names("") + names("teams").map { "teams/" + $0 }
    }

    static func scenario(_ name: String) throws -> Scenario {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let file = SourceFile(path: "scenarios/\(name)", bytes: Array(data))
        let (scenario, diagnostics) = Scenario.read(file, ruleBase: advisor.ruleBase)
        return try #require(scenario, "\(DiagnosticRenderer(files: [file]).render(diagnostics))")
    }

    @Test(arguments: scenarioNames)
    func scenarioMeetsItsExpectations(name: String) throws {
        let scenario = try Self.scenario(name)
        #expect(!scenario.expectations.isEmpty, "\(name) expects nothing")
        var coverage = ScenarioRunner.Coverage()
        let outcome = ScenarioRunner(ruleBase: Self.advisor.ruleBase).run(scenario, coverage: &coverage)
        #expect(outcome.failures == [], "\(name)")
    }

    @Test func everyRuleFiresInSomeScenario() throws {
        let runner = ScenarioRunner(ruleBase: Self.advisor.ruleBase)
        var coverage = ScenarioRunner.Coverage()
        for name in Self.scenarioNames { _ = runner.run(try Self.scenario(name), coverage: &coverage) }
        #expect(runner.rulesNeverFired(coverage) == [])
    }
}

/// The rule base bundled into the library is the one in rules/.
@Suite struct BundledRulesTests {
    @Test func bundledRulesEqualTheRulesFolder() throws {
        let folder = packageRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cxm") }.sorted()
        let bundled = Advisor.bundledFiles
        #expect(bundled.map(\.path) == names.map { "rules/\($0)" })
        for (file, name) in zip(bundled, names) {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(file.bytes == Array(onDisk), "rules/\(name) differs from the bundled copy")
        }
    }

    @Test func questionnaireIsCompleteAndExplained() throws {
        let questions = try Advisor.bundled().ruleBase.questions
        #expect((25...45).contains(questions.count))
        #expect(Set(questions.compactMap { $0.question?.step }) == [1, 2, 3, 4])
        for question in questions {
            #expect(question.help?.isEmpty == false, "\(question.name) has no help text")
            #expect(question.question?.section.isEmpty == false, "\(question.name) has no section")
        }
    }

    @Test func bundledRulesCheckWithoutErrorsOrWarnings() throws {
        let advisor = try Advisor.bundled()
        #expect(advisor.warnings.isEmpty)
        #expect(advisor.ruleBase.rules.allSatisfy { !$0.citations.isEmpty })
        #expect(advisor.ruleBase.questions.allSatisfy { !$0.citations.isEmpty })
        #expect(advisor.ruleBase.tables.allSatisfy { !$0.citations.isEmpty })
    }
}
