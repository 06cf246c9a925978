import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every scenario in scenarios/ meets its expectations on the bundled rule base.
@Suite struct ScenarioTests {
    static let advisor = try! Advisor.bundled()

    static var scenarioNames: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenarios").path))?
            .filter { $0.hasSuffix(".json") }.sorted() ?? []
    }

    @Test func thereAreScenarios() {
        #expect(Self.scenarioNames.count >= 5)
    }

    @Test(arguments: scenarioNames)
    func scenarioMeetsItsExpectations(name: String) throws {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("scenarios").appendingPathComponent(name))
        let (profile, diagnostics) = Self.advisor.readProfile(Array(data), allowing: ["expect"])
        let read = try #require(profile, "\(name): \(diagnostics.map(\.message))")
        let report = Self.advisor.assess(read)
        let json = ReportRenderer(ruleBase: Self.advisor.ruleBase).json(report)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let conclusions = (document["conclusions"] as? [[String: Any]]) ?? []
        let scenario = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expectations = try #require(scenario["expect"] as? [String: Any], "\(name) has no expectations")
        for (key, expected) in expectations.sorted(by: { $0.key < $1.key }) {
            let conclusion = try #require(conclusions.first { $0["name"] as? String == key }, "\(name): no conclusion '\(key)'")
            let actual = conclusion["value"] ?? NSNull()
            #expect(String(describing: actual) == String(describing: expected), "\(name): \(key)")
        }
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

    @Test func bundledRulesCheckWithoutErrorsOrWarnings() throws {
        let advisor = try Advisor.bundled()
        #expect(advisor.warnings.isEmpty)
        #expect(advisor.ruleBase.rules.allSatisfy { !$0.citations.isEmpty })
        #expect(advisor.ruleBase.questions.allSatisfy { !$0.citations.isEmpty })
        #expect(advisor.ruleBase.tables.allSatisfy { !$0.citations.isEmpty })
    }
}
