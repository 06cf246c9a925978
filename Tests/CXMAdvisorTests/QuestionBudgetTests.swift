import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// The questionnaire grows only where it must: for the scenarios' profiles, the questions that
/// apply (an undecided `when` counts as asked, as `cxm ask` asks it) grow by at most about 10 %
/// over what version 1 of the questionnaire asked them (issue 11), and a manager still finishes
/// in about 15 minutes.
@Suite struct QuestionBudgetTests {
    /// Version 1's counts, per scenario, from the fixture (`NAME COUNT` lines; `#` comments).
    static func versionOneCounts() throws -> [String: Int] {
        let url = packageRoot.appendingPathComponent("Tests/CXMAdvisorTests/Fixtures/questions-asked-version-1.txt")
        var counts: [String: Int] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let count = Int(fields[1]) else { continue }
            counts[String(fields[0])] = count
        }
        return counts
    }

    /// The questions that apply to a scenario's profile under the bundled rules.
    static func asked(_ name: String) throws -> Int {
        let scenario = try ScenarioTests.scenario(name)
        let ruleBase = ScenarioTests.advisor.ruleBase
        return ruleBase.questions.count - ruleBase.evaluate(scenario.profile.answers).notApplicable.count
    }

    @Test func theScenariosAreAskedAtMostAboutTenPercentMoreQuestions() throws {
        let before = try Self.versionOneCounts()
        #expect(before.count >= 60, "the fixture lists the scenarios of version 1")
        var old = 0, new = 0
        for (name, count) in before.sorted(by: { $0.key < $1.key }) {
            let now = try Self.asked(name)
            old += count
            new += now
            // One profile may grow by a question more than the rest (an empty list there already
            // skips the questions about it), none by more than an eighth.
            #expect(Double(now) <= Double(count) * 1.125, "\(name): \(count) questions asked in version 1, \(now) now")
        }
        let growth = Double(new - old) / Double(old)
        #expect(growth <= 0.10, "the scenarios' questions grew from \(old) to \(new) (\(Int((growth * 100).rounded())) %)")
        // A manager finishes in about 15 minutes: at about 20 seconds a question, 45 at most.
        #expect(try ScenarioTests.scenarioNames.allSatisfy { try Self.asked($0) <= 45 })
    }
}
