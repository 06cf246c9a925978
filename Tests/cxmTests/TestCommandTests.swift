import Foundation
import Testing

/// `cxm test`: scenarios as tests, end to end.
@Suite struct TestCommandTests {
    @Test func bundledScenariosPass() throws {
        let result = try CLI.run(["test"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix(" passed, 0 failed\n"))
        #expect(result.stdout.contains("PASS  scenarios/"))
    }

    @Test func failuresAndUnreadableScenariosAreReportedAndTheRunGoesOn() throws {
        let directory = try CLI.temporaryDirectory()
        try Data("""
            {"name": "Wrong", "rivalry": "agree", "switching_barriers": "disagree", "cx_as_advantage": "agree",
             "journeys_end_to_end": "disagree", "cx_dashboards": "disagree",
             "expect": {"archetype": "champion", "impact_score": 4, "fires": ["keep_archetype"], "does_not_fire": ["keep_archetype"]}}
            """.utf8).write(to: directory.appendingPathComponent("a-wrong.json"))
        try Data(#"{"rivalry": "agree", "expect": {"archetyp": "champion", "fires": ["nope"]}}"#.utf8)
            .write(to: directory.appendingPathComponent("b-broken.json"))
        try Data(#"{"rivalry": "agree", "expect": {"impact_score": null}}"#.utf8)
            .write(to: directory.appendingPathComponent("c-ok.json"))
        try Data(#"{"rivalry": "agree"}"#.utf8).write(to: directory.appendingPathComponent("d-no-expectations.json"))
        let result = try CLI.run(["test", directory.path, "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        let path = directory.path
        #expect(result.stdout.hasPrefix("""
            FAIL  \(path)/a-wrong.json  Wrong
                  archetype: expected champion, got cherry_picker
                  rule keep_archetype: expected it not to fire, but it fired
            FAIL  \(path)/b-broken.json
                  \(path)/b-broken.json:1:33: error[S0105]: cannot expect 'archetyp': no value has that name; did you mean 'archetype'?
                   1 | {"rivalry": "agree", "expect": {"archetyp": "champion", "fires": ["nope"]}}
                     |                                 ^~~~~~~~~~
                  \(path)/b-broken.json:1:67: error[S0104]: unknown rule 'nope'
                   1 | {"rivalry": "agree", "expect": {"archetyp": "champion", "fires": ["nope"]}}
                     |                                                                   ^~~~~~
            PASS  \(path)/c-ok.json
            PASS  \(path)/d-no-expectations.json  (no expectations)

            Coverage: 1 of 4 rules fired, 2 of 9 table rows matched
            """))
        #expect(result.stdout.hasSuffix("\n2 passed, 2 failed\n"))
        let json = try CLI.run(["test", directory.path, "--format", "json", "--rules", "\(CLI.fixtures)/rules"])
        #expect(json.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["passed"] as? Int == 2)
        #expect(document["failed"] as? Int == 2)
        // A file that is no scenario: its errors with their codes and positions.
        let broken = try #require((document["scenarios"] as? [[String: Any]])?.first { ($0["file"] as? String)?.hasSuffix("b-broken.json") == true })
        let errors = try #require(broken["errors"] as? [[String: Any]])
        #expect(errors.map { $0["code"] as? String } == ["S0105", "S0104"])
        #expect(errors.map { ($0["position"] as? [String: Any])?["column"] as? Int } == [33, 67])
        #expect(errors.first?["message"] as? String == "cannot expect 'archetyp': no value has that name; did you mean 'archetype'?")
    }

    @Test func missingPathIsAFailedScenario() throws {
        #expect(try CLI.run(["test", "nowhere"]) == .init(status: 1, stdout: "FAIL  nowhere\n      no such file or folder\n\n0 passed, 1 failed\n", stderr: ""))
        let mixed = try CLI.run(["test", "nowhere", "scenarios/air-products.json"])
        #expect(mixed.status == 1)
        #expect(mixed.stdout.hasPrefix("FAIL  nowhere\n      no such file or folder\nPASS  scenarios/air-products.json  Air Products\n\nCoverage: "))
        #expect(mixed.stdout.hasSuffix("\n1 passed, 1 failed\n"))
    }

    @Test func aScenarioNamedTwiceRunsOnce() throws {
        let result = try CLI.run(["test", "scenarios/air-products.json", "scenarios/", "./scenarios/air-products.json"])
        #expect(result.status == 0)
        let scenarios = try CLI.scenarioCount()
        #expect(result.stdout.components(separatedBy: "PASS  ").count - 1 == scenarios)
        #expect(result.stdout.hasSuffix("\n\(scenarios) passed, 0 failed\n"))
    }
}
