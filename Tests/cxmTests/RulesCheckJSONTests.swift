import Foundation
import Testing

/// `cxm rules check --format json`: one document of every diagnostic, with codes and positions.
@Suite struct RulesCheckJSONTests {
    @Test func theBundledRulesGiveNoDiagnosticsAndWhatTheyHold() throws {
        let result = try CLI.run(["rules", "check", "--format", "json"])
        #expect(result.status == 0 && result.stderr == "")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["errors"] as? Int == 0 && document["warnings"] as? Int == 0)
        #expect((document["diagnostics"] as? [Any])?.isEmpty == true)
        #expect((document["ruleBase"] as? [String: Int])?["rules"] ?? 0 > 0)
    }

    @Test func errorsAndWarningsComeWithPositionsAndCodes() throws {
        let directory = try CLI.temporaryDirectory()
        try Data("source s \"S\"\nquestion q: number\n  ask \"Q?\"\n  cite s \"1\"\n".utf8).write(to: directory.appendingPathComponent("a.cxm"))
        #expect(mkfifo(directory.appendingPathComponent("b.cxm").path, 0o644) == 0)
        let result = try CLI.run(["rules", "check", directory.path, "--format", "json"])
        #expect(result.status == 1 && result.stderr == "")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 1 && document["warnings"] as? Int == 2 && document["files"] as? Int == 1)
        #expect(document["ruleBase"] == nil)
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        let skipped = try #require(diagnostics.first { $0["code"] as? String == "R0103" })
        #expect(skipped["severity"] as? String == "warning" && skipped["position"] == nil)
        #expect(skipped["message"] as? String == "\(directory.path)/b.cxm is a FIFO, not a file of rules; skipped")
        let error = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(error["code"] as? String == "N0110")
        #expect(error["message"] as? String == "question 'q' has no step; add a line such as 'step 1' (steps are numbered 1 to 99)")
        let position = try #require(error["position"] as? [String: Any])
        #expect(position["file"] as? String == "\(directory.path)/a.cxm")
        #expect([position["line"], position["column"], position["endLine"], position["endColumn"]].map { $0 as? Int } == [2, 10, 2, 11])
    }
}
