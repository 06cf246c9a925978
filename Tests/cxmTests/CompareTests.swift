import Foundation
import Testing

/// `cxm compare`, end to end on the fixture rules: exact text, the formats, two batch inputs
/// matched by firm, and the errors with their exit codes.
@Suite struct CompareTests {
    static let folder = "\(CLI.fixtures)/compare"
    static let rules = ["--rules", "\(CLI.fixtures)/rules"]
    static let before = "\(folder)/air-products-2025.json"
    static let after = "\(folder)/air-products-2026.json"

    /// A year on: the arrow on the matrix, the changed conclusions with the answers behind them.
    @Test func aYearOnInText() throws {
        let result = try CLI.run(["compare", Self.before, Self.after] + Self.rules)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let golden = try String(contentsOf: CLI.packageRoot.appendingPathComponent("\(Self.folder)/air-products.txt"), encoding: .utf8)
        #expect(result.stdout == golden)
        #expect(result.stdout.contains("○··············│··············→●"))
    }

    /// What missing answers could still change is said as the assessment says it: the quadrants
    /// still possible ("could be"), and the first actions marked `*`, with what the mark means,
    /// in every format (the bundled rules and a scenario with unanswered questions).
    @Test func openValuesAsTheAssessmentSaysThem() throws {
        let scenario = "scenarios/air-products.json"
        let assess = try CLI.run(["assess", scenario]).stdout
        #expect(assess.contains("Where you stand: CXM Cherry Picker (could be CXM Champion)."))
        let text = try CLI.run(["compare", scenario, scenario])
        #expect(text.status == 0)
        #expect(text.stdout.contains("CXM archetype today: still CXM Cherry Picker (could be CXM Champion)."))
        #expect(text.stdout.contains("1. Aim for the CXM Cherry Picker posture: CXM where it pays most *\n"))
        #expect(text.stdout.contains("3. Build your value propositions on Relieving CX\n"))
        #expect(text.stdout.contains("  * could change with answers not given yet (cxm assess lists them).\n"))
        let markdown = try CLI.run(["compare", scenario, scenario, "--format", "markdown"]).stdout
        #expect(markdown.contains("1. **Aim for the CXM Cherry Picker posture: CXM where it pays most** \\*  \n"))
        #expect(markdown.contains("\\* could change with answers not given yet (cxm assess lists them)."))
        let html = try CLI.run(["compare", scenario, scenario, "--format", "html"]).stdout
        #expect(html.contains("<strong>Aim for the CXM Cherry Picker posture: CXM where it pays most</strong> *<br/>"))
        #expect(html.contains("<p class=\"note\">* could change with answers not given yet (cxm assess lists them).</p>"))
        // Answers all given: no mark, no note (the fixture profiles).
        let complete = try CLI.run(["compare", Self.before, Self.after] + Self.rules).stdout
        #expect(!complete.contains("could change with answers not given yet"))
    }

    /// The same profile twice: no change, one mark on the matrix, nothing new or dropped.
    @Test func noChange() throws {
        let result = try CLI.run(["compare", Self.before, Self.before] + Self.rules)
        #expect(result.status == 0)
        #expect(result.stdout.contains("No change: the answers are the same as before, and so is the assessment."))
        #expect(result.stdout.contains("● then and now (2025-11-03): CXM Cherry Picker (2 across, 4 up)"))
        #expect(!result.stdout.contains("○"))
        #expect(!result.stdout.contains("that changed"))
        let json = try CLI.run(["compare", Self.before, Self.before, "--format", "json"] + Self.rules)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let comparison = try #require((document["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["unchanged"] as? Bool == true)
        #expect((comparison["answers"] as? [Any])?.isEmpty == true)
        #expect((comparison["conclusions"] as? [Any])?.isEmpty == true)
    }

    /// JSON: the versioned document of docs/compare-schema.md, each changed conclusion with the
    /// question ids behind it.
    @Test func json() throws {
        let result = try CLI.run(["compare", Self.before, Self.after, "--format", "json"] + Self.rules)
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["onlyBefore"] as? [String] == [])
        let comparison = try #require((document["comparisons"] as? [[String: Any]])?.first)
        #expect((comparison["answers"] as? [[String: Any]])?.map { $0["question"] as? String } == [
            "collective_goals", "cx_as_advantage", "journeys_end_to_end", "cx_dashboards"])
        let conclusions = try #require(comparison["conclusions"] as? [[String: Any]])
        let archetype = try #require(conclusions.first { $0["name"] as? String == "archetype" })
        #expect(archetype["from"] as? String == "cherry_picker")
        #expect(archetype["to"] as? String == "champion")
        #expect(archetype["because"] as? [String] == ["cx_as_advantage", "journeys_end_to_end", "cx_dashboards"])
        #expect((comparison["before"] as? [String: Any])?["date"] as? String == "2025-11-03")
    }

    /// Markdown and HTML hold the same findings; HTML draws the arrow.
    @Test func markdownAndHTML() throws {
        let markdown = try CLI.run(["compare", Self.before, Self.after, "--format", "markdown"] + Self.rules)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# How Air Products (segment: Small and medium-sized customers) has moved\n"))
        #expect(markdown.stdout.contains("- CXM archetype today: CXM Cherry Picker → CXM Champion  \n"))
        let html = try CLI.run(["compare", Self.before, Self.after, "--format", "html"] + Self.rules)
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<line class=\"arrow\""))
        #expect(html.stdout.contains("Then (2025-11-03): CXM Cherry Picker (2 across, 4 up)"))
    }

    /// Two files of many: profiles matched by id, those in one only listed.
    @Test func batchInputsMatchedById() throws {
        let directory = try CLI.temporaryDirectory()
        let earlier = directory.appendingPathComponent("2025.jsonl")
        let later = directory.appendingPathComponent("2026.jsonl")
        try #"{"id":"acme","rivalry":"agree"}\#n{"id":"zed"}\#n"#.write(to: earlier, atomically: true, encoding: .utf8)
        try #"{"id":"new"}\#n{"id":"acme","rivalry":"disagree"}\#n"#.write(to: later, atomically: true, encoding: .utf8)
        let result = try CLI.run(["compare", earlier.path, later.path] + Self.rules)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("How acme has moved\n"))
        #expect(result.stdout.contains("  “Competition in our main market is intense.”: Agree → Disagree\n"))
        #expect(result.stdout.hasSuffix("\nNot compared, only in the earlier input: zed; only in the later input: new.\n"))

        try #"{"id":"acme"}\#n{"id":"acme"}\#n"#.write(to: later, atomically: true, encoding: .utf8)
        let twice = try CLI.run(["compare", earlier.path, later.path] + Self.rules)
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("holds 'acme' more than once"))
        try #"{"id":"other"}\#n"#.write(to: later, atomically: true, encoding: .utf8)
        let none = try CLI.run(["compare", earlier.path, later.path] + Self.rules)
        #expect(none.status == 65)
        #expect(none.stderr.contains("nothing to compare"))
    }

    /// Team files (as `cxm combine` reads them) are compared as their respondents' combined
    /// answers, as `cxm combine` gives them, and a note says so; a JSON Lines record may be a
    /// team too.
    @Test func teamFilesAreComparedAsTheirCombinedAnswers() throws {
        let (split, aligned) = ("scenarios/teams/split-on-impact.json", "scenarios/teams/aligned-leadership.json")
        let result = try CLI.run(["compare", split, aligned, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == "cxm: note: \(split) is a team of 3 respondents; read as their combined answers, as cxm combine combines them\n"
            + "cxm: note: \(aligned) is a team of 3 respondents; read as their combined answers, as cxm combine combines them\n"
            + "cxm: warning: the two profiles name different firms ('Nordic Valves' and 'Aligned leadership'); compared all the same\n")
        // The same as comparing the combined assessments cxm combine gives.
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let comparison = try #require((document["comparisons"] as? [[String: Any]])?.first)
        let combined = { (path: String) in
            (((try CombineTests.group(["combine", path, "--format", "json"])["assessment"] as? [String: Any])?["matrix"] as? [String: Any])?["asIs"]
                as? [String: Any])?["display"] as? String
        }
        let position = { (moment: String) in ((comparison[moment] as? [String: Any])?["position"] as? [String: Any])?["display"] as? String }
        #expect(try position("before") == combined(split) && position("before") != nil)
        #expect(try position("after") == combined(aligned))
        // A team against itself: no change.
        let same = try CLI.run(["compare", split, split])
        #expect(same.status == 0)
        #expect(same.stdout.contains("No change: the answers are the same as before, and so is the assessment."))
        // A JSON Lines file of teams: each record is one firm.
        let directory = try CLI.temporaryDirectory()
        let teams = directory.appendingPathComponent("teams.jsonl")
        let team = #"{"id": "acme", "respondents": [{"rivalry": "agree"}, {"rivalry": "disagree"}, {"rivalry": "disagree"}]}"#
        try "\(team)\n".write(to: teams, atomically: true, encoding: .utf8)
        let single = directory.appendingPathComponent("acme.json")
        try #"{"id": "acme", "rivalry": "agree"}"#.write(to: single, atomically: true, encoding: .utf8)
        let records = try CLI.run(["compare", single.path, teams.path])
        #expect(records.status == 0)
        #expect(records.stderr == "cxm: note: \(teams.path) is a team of 3 respondents; read as their combined answers, as cxm combine combines them\n")
        #expect(records.stdout.contains("Agree → Disagree"))
    }

    /// Usage errors (64), a missing file (66), a bad answer with its position (65).
    @Test func errors() throws {
        let one = try CLI.run(["compare", Self.before] + Self.rules)
        #expect(one.status == 64)
        #expect(one.stderr == "cxm: error: give two profiles, the earlier and the later one (or two files of many)\nRun 'cxm compare --help' for usage.\n")
        #expect(try CLI.run(["compare", "-", "-"] + Self.rules).status == 64)
        let missing = try CLI.run(["compare", Self.before, "\(Self.folder)/nowhere.json"] + Self.rules)
        #expect(missing.status == 66)
        #expect(missing.stdout == "")
        let directory = try CLI.temporaryDirectory()
        let broken = directory.appendingPathComponent("broken.json")
        try "{\n  \"rivalry\": \"agre\"\n}\n".write(to: broken, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["compare", Self.before, broken.path] + Self.rules)
        #expect(bad.status == 65)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("broken.json:2:14: error[P0207]: 'rivalry': 'agre' is not an option of 'agreement'; did you mean 'agree'?"))
    }

    @Test func help() throws {
        let result = try CLI.run(["compare", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:\n  cxm compare "))
        #expect(result.stdout.contains("Exit codes: 0 the comparison was printed, 64 usage error"))
    }
}
