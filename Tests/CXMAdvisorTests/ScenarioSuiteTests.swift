import CXMAdvisor
import CXMRules
import Foundation
import Testing

/// `ScenarioSuite`: what `cxm test` runs, used from Swift.
@Suite struct ScenarioSuiteTests {
    /// Reads a file as the README's example does.
    static func read(_ path: String) throws(ScenarioSuite.ReadFailure) -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .init("cannot read \(path)") }
        return SourceFile(path: path, bytes: Array(data))
    }

    @Test func theBundledScenariosPassAndCoverEveryRule() throws {
        let folders = ["scenarios", "scenarios/teams"].map { packageRoot.appendingPathComponent($0).path }
        let suite = ScenarioSuite.run(folders, advisor: ScenarioTests.advisor, read: Self.read)
        #expect(suite.allPassed)
        #expect(suite.scenariosRun == ScenarioTests.scenarioNames.count)
        #expect(suite.entries.count == suite.scenariosRun)
        #expect(suite.rulesNeverFired == [])
        #expect(suite.rules == ScenarioTests.advisor.ruleBase.rules.count)
        #expect(suite.text().hasSuffix("\n\(suite.scenariosRun) passed, 0 failed\n"))
        let document = try JSONDecoder().decode(ScenarioSuite.Document.self, from: Data(try suite.json().utf8))
        #expect(document.passed == suite.scenariosRun && document.failed == 0)
        #expect(document.coverage.rulesFired == suite.rules)
    }

    @Test func unusablePathsAndBrokenFilesAreFailedEntriesAndTheRunGoesOn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"rivalry": "agree", "expect": {"no_such_value": 1}}"#.utf8).write(to: directory.appendingPathComponent("a.json"))
        try Data(#"{"name": "Open", "rivalry": "agree"}"#.utf8).write(to: directory.appendingPathComponent("b.json"))
        let fifo = directory.appendingPathComponent("c.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let suite = ScenarioSuite.run([directory.path, empty.path, "/nowhere/x.json", directory.path + "/b.json"],
                                      advisor: ScenarioTests.advisor, read: Self.read)
        #expect(suite.entries.map(\.path) == [empty.path, "/nowhere/x.json", directory.path + "/a.json", directory.path + "/b.json"])
        #expect(suite.entries.map(\.passed) == [false, false, false, true])
        #expect(suite.entries[0].failures == ["the folder holds no .json scenario files"])
        #expect(suite.entries[0].errors.map(\.code) == ["S0114"])
        #expect(suite.text().hasPrefix("FAIL  \(empty.path)\n      error[S0114]: the folder holds no .json scenario files\n"))
        #expect(suite.document.scenarios[2].errors.map(\.code) == ["S0105"] && suite.document.scenarios[1].errors.isEmpty)
        #expect(suite.entries[1].failures == ["no such file or folder"])
        #expect(suite.entries[2].errors.count == 1 && suite.entries[2].file != nil)
        #expect(suite.entries[3].name == "Open" && suite.entries[3].expectsNothing)
        #expect(suite.warnings.map(\.message) == ["\(fifo) is a FIFO, not a scenario file; skipped"])
        #expect(suite.scenariosRun == 1 && suite.passed == 1 && suite.failed == 3)
    }

    @Test func aFileTheReaderRefusesFailsWithItsMessage() {
        let suite = ScenarioSuite.run(["Package.swift"], advisor: ScenarioTests.advisor) { path throws(ScenarioSuite.ReadFailure) in
            throw .init("\(path) is too large")
        }
        #expect(suite.entries.map(\.failures) == [["Package.swift is too large"]])
        #expect(suite.text() == "FAIL  Package.swift\n      Package.swift is too large\n\n0 passed, 1 failed\n")
    }
}

/// The advisor reserves its profiles' keys: no question may be named like one.
@Suite struct AdvisorProfileFormatTests {
    @Test func aQuestionNamedLikeAScenarioKeyIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("""
            source s "A source."
            question description: text
              step 1
              ask "Describe the firm."
              cite s "§1"
            rule r
              when known(description)
              warn "Described."
              cite s "§1"

            """.utf8).write(to: directory.appendingPathComponent("a.cxm"))
        #expect(Advisor.profileFormat.reservedNames == ["id", "name", "segment", "respondent", "date", "expect", "description"])
        #expect(throws: RuleBaseError.self) { try Advisor(rulesDirectory: directory) }
        do {
            _ = try Advisor(rulesDirectory: directory)
        } catch {
            #expect(error.diagnostics.map(\.message) == ["'description' is reserved for profile metadata; choose another question name"])
        }
    }
}
