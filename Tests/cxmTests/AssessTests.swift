import Foundation
import Testing

/// `cxm assess` and `cxm rules check`, end to end: exact output and exit codes.
@Suite struct AssessTests {
    /// The report of the fixture profile in every format, against golden files in
    /// `Fixtures/reports/` (`CXM_UPDATE_GOLDEN=1 swift test --filter AssessTests` rewrites them).
    @Test(arguments: [("text", "txt", false), ("text", "full.txt", true), ("markdown", "md", false), ("markdown", "full.md", true),
                      ("html", "html", false), ("html", "full.html", true)])
    func reportFormats(format: String, fileExtension: String, full: Bool) throws {
        let result = try CLI.run(["assess", "\(CLI.fixtures)/profiles/air-products.json", "--format", format, "--date", "2026-05-04",
                                  "--rules", "\(CLI.fixtures)/rules"] + (full ? ["--full"] : []))
        #expect(result.stderr == "")
        #expect(result.status == 0)
        try CLI.expectGolden(result.stdout, "reports/air-products.\(fileExtension)")
    }

    @Test func jsonReportFromStandardInput() throws {
        let profile = #"{"name": "Acme", "rivalry": "agree", "switching_barriers": "agree", "cx_as_advantage": 5, "journeys_end_to_end": "Agree", "cx_dashboards": "agree"}"#
        let result = try CLI.run(["assess", "-", "--format", "json", "--rules", "\(CLI.fixtures)/rules"], stdin: profile)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 3)
        #expect((document["profile"] as? [String: String]) == ["name": "Acme"])
        let conclusions = try #require(document["conclusions"] as? [[String: Any]])
        let archetype = try #require(conclusions.first { $0["name"] as? String == "archetype" })
        #expect(archetype["value"] as? String == "champion")
        #expect(archetype["display"] as? String == "CXM Champion")
        #expect(archetype["kind"] as? String == "table")
        #expect(document["missingAnswers"] as? [String] == ["collective_goals"])
        #expect(document["trace"] == nil)
        // Ids stay in JSON, and short labels name them.
        #expect((document["questions"] as? [String: String])?["collective_goals"]?.hasPrefix("“Which goals") == true)
        let propositions = try #require(conclusions.first { $0["name"] as? String == "value_propositions" })
        #expect(propositions["missingAnswers"] as? [String] == ["collective_goals"])
        let candidates = try #require(propositions["candidates"] as? [String: Any])
        #expect(candidates["surely"] as? [String] == [] && candidates["perhaps"] as? [String] == ["relieving", "enabling", "enriching"])
        #expect(candidates["display"] as? String == "not known yet")
    }

    /// Where answers are missing, the report names what is still possible and the questions
    /// that decide it, by their wording, once.
    @Test func missingAnswersAreNamedWithWhatIsStillPossible() throws {
        let result = try CLI.run(["assess", "-", "--full", "--rules", "\(CLI.fixtures)/rules"],
                                 stdin: #"{"rivalry": "agree", "journeys_end_to_end": "agree", "cx_dashboards": "agree"}"#)
        #expect(result.status == 0)
        #expect(result.stdout.contains("""
            Summary
              Today: CXM Champion or CXM Fashionista (impact 2 to 4.67, scope 4).
              CXM archetype to aim for: CXM Champion or CXM Cherry Picker.
              Value propositions that fit your customers' goals: none so far (could include
              Relieving CX, Enabling CX or Enriching CX).
              How sure: 3 unanswered questions could change this summary: “Our customers
              would find it hard or costly to switch to another supplier.”; “Our top team
              sees customer experience as a source of competitive advantage.”; “Which goals
              do your customers pursue as organizations? Choose all that apply.”

            """))
        #expect(result.stdout.contains("""
                │                              │               ?              │
            """))
        #expect(result.stdout.contains("  ? perhaps today: CXM Champion or CXM Fashionista\n"))
        #expect(result.stdout.contains("    CXM impact (1 to 5)  not known yet: 2 to 4.67 *\n"))
        #expect(result.stdout.hasSuffix("""
            Questions worth answering
              * could change with answers not given yet. Answering these would decide it;
              the number after a question is how many of the items marked * it could change:
              “Our customers would find it hard or costly to switch to another
              supplier.”\u{00A0}(1); “Our top team sees customer experience as a source of
              competitive advantage.”\u{00A0}(1).

            """))
        for id in ["switching_barriers", "cx_as_advantage", "collective_goals"] { #expect(!result.stdout.contains(id)) }
    }

    @Test func profileTextCannotRestyleTheTerminal() throws {
        let result = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: #"{"name": "Acme\u001b[31m red", "rivalry": "agree"}"#)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("CXM assessment of Acme\u{FFFD}[31m red\n"))
    }

    @Test func diagnosticsCannotRestyleTheTerminalAndAreCapped() throws {
        let raw = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: "{\"rivalry\": \"a\u{1B}]0;x\u{07}b\"}")
        #expect(raw.status == 65)
        #expect(!raw.stderr.contains("\u{1B}") && !raw.stderr.contains("\u{07}") && raw.stderr.contains("a\u{FFFD}]0;x\u{FFFD}b"))
        let escaped = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: #"{"riv\u001b[2Jalry": "agree"}"#)
        #expect(escaped.status == 65)
        #expect(escaped.stderr.contains("unknown question 'riv\u{FFFD}[2Jalry'"))
        let keys = (0..<500).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        let flood = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: "{\(keys)}")
        #expect(flood.status == 65)
        #expect(flood.stderr.contains("<stdin>: error[P0106]: 400 more problems in this profile are not shown; fix the ones above first\n")
                || flood.stderr.contains("error[P0106]: 400 more problems in this profile are not shown; fix the ones above first\n"))
    }

    @Test func oversizedProfilesAreRefusedAtOnce() throws {
        let result = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: String(repeating: " ", count: 17 << 20))
        #expect(result == .init(status: 65, stdout: "", stderr: "cxm: error[B0113]: <stdin> is larger than 16 MiB, too large for a profile; is it the right file?\n"))
    }

    @Test func traceInMarkdownNotInHTML() throws {
        let profile = "\(CLI.fixtures)/profiles/air-products.json"
        let markdown = try CLI.run(["assess", profile, "--trace", "--format", "markdown", "--rules", "\(CLI.fixtures)/rules"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("\n## Trace\n\n```text\n  table value_propositions, row 1: matched → relieving\n"))
        let html = try CLI.run(["assess", profile, "--trace", "--format", "html", "--rules", "\(CLI.fixtures)/rules"])
        #expect(html == .init(status: 64, stdout: "", stderr: """
            cxm: error: --trace works with --format text, markdown or json; the HTML report leaves it out
            Run 'cxm assess --help' for usage.

            """))
    }

    @Test func traceShowsRowsAndRules() throws {
        let result = try CLI.run(["assess", "\(CLI.fixtures)/profiles/air-products.json", "--trace", "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("""
              table archetype, row 2: matched → cherry_picker
                impact: high, expected high (matched)
                scope: narrow, expected narrow (matched)

            """))
        #expect(result.stdout.contains("""
              rule refocus_fashionista: not matched
                archetype == fashionista: cherry_picker, expected == fashionista (not matched)
                rivalry >= agree: agree, expected >= agree (matched)

            """))
        let json = try CLI.run(["assess", "\(CLI.fixtures)/profiles/air-products.json", "--trace", "--format", "json", "--rules", "\(CLI.fixtures)/rules"])
        #expect(json.stdout.contains(#""kind" : "row""#))
    }

    @Test func badProfileExitsWith65AndNamesEveryKey() throws {
        let result = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: "{\n  \"rivalry\": \"agre\",\n  \"rivals\": 3\n}\n")
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            <stdin>:2:14: error[P0207]: 'rivalry': 'agre' is not an option of 'agreement'; did you mean 'agree'?
             2 |   "rivalry": "agre",
               |              ^~~~~~
            note: the options of 'agreement' are strongly_disagree ("Strongly disagree"), disagree ("Disagree"), neutral ("Neither agree nor disagree"), agree ("Agree"), strongly_agree ("Strongly agree") (or their positions, 1 to 5)
            <stdin>:3:3: error[P0104]: unknown question 'rivals'; did you mean 'rivalry'?
             3 |   "rivals": 3
               |   ^~~~~~~~
            cxm: error: <stdin> has 2 errors; fix the answers above and try again

            """)
    }

    /// Answers nested under a key of their own (a shape other tools write) are not lost
    /// silently: the message says where they go.
    @Test func nestedAnswersGetANoteSayingWhereTheyGo() throws {
        let result = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: "{\"answers\": {\"name\": \"Acme\", \"rivalry\": \"agree\"}}\n")
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            <stdin>:1:2: error[P0104]: unknown question 'answers'
             1 | {"answers": {"name": "Acme", "rivalry": "agree"}}
               |  ^~~~~~~~~
            note: a profile gives its answers at the top level: move the keys of 'answers' (such as 'rivalry') out of it
            cxm: error: <stdin> has 1 error; fix the answers above and try again

            """)
        let other = try CLI.run(["assess", "-", "--rules", "\(CLI.fixtures)/rules"], stdin: "{\"extra\": {\"colour\": \"red\"}}\n")
        #expect(other.status == 65)
        #expect(!other.stderr.contains("note:"))
    }

    @Test func malformedJSONExitsWith65() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("firm.json")
        try Data("{\"rivalry\": \"agree\"".utf8).write(to: file)
        let result = try CLI.run(["assess", file.path, "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 65)
        #expect(result.stderr == """
            \(file.path):1:20: error[J0109]: unexpected end of the file; expected ',' or '}'
             1 | {"rivalry": "agree"
               |                    ^
            cxm: error: \(file.path) has 1 error; fix the answers above and try again

            """)
    }

    @Test func rulesCheckSummarizesACleanRuleBase() throws {
        #expect(try CLI.run(["rules", "check", "\(CLI.fixtures)/rules"]) == .init(
            status: 0, stdout: "5 files checked: 0 errors, 0 warnings (6 questions, 3 tables, 4 rules)\n", stderr: ""))
        let bundled = try CLI.run(["rules", "check"])
        #expect(bundled.status == 0)
        #expect(bundled.stderr == "")
        #expect(bundled.stdout.contains(" checked: 0 errors, 0 warnings ("))
    }

    @Test func brokenRulesAreReportedLikeACompiler() throws {
        let directory = try CLI.temporaryDirectory()
        try Data("""
            source s "S."
            scale level: low < high
            question q: level
              step 1
              ask "q"
              cite s "1"
            let x = q == hihg
            rule r
              when x
              recommend step 0: "t"
              cite s "1"

            """.utf8).write(to: directory.appendingPathComponent("a.cxm"))
        let check = try CLI.run(["rules", "check", directory.path])
        #expect(check.status == 1)
        #expect(check.stdout == "1 file checked: 2 errors, 0 warnings\n")
        let expected = """
            \(directory.path)/a.cxm:7:14: error[N0203]: unknown name 'hihg'; did you mean 'high'?
             7 | let x = q == hihg
               |              ^~~~
            \(directory.path)/a.cxm:10:18: error[L0215]: a step is a whole number from 1 to 99
             10 |   recommend step 0: "t"
                |                  ^

            """
        #expect(check.stderr == expected)
        let assess = try CLI.run(["assess", "-", "--rules", directory.path], stdin: "{}")
        #expect(assess.status == 65)
        #expect(assess.stderr == expected + "cxm: error: the rules in \(directory.path) have 2 errors; run 'cxm rules check \(directory.path)' for details\n")
    }
    /// A profile saved under version 1 is assessed under today's rules, and the report says how
    /// its answers were read: which questions in the default report, each answer in the full one
    /// (issue 11: renamed ids and options mapped by the rule files, with a note in the report).
    @Test func answersOfAnEarlierVersionAreNamedInTheReport() throws {
        let profile = "scenarios/compat-version-1-answers.json"
        let brief = try CLI.run(["assess", profile])
        #expect(brief.status == 0)
        #expect(brief.stdout.contains("""

            Answers from an earlier version
              Answers saved under an earlier version of the questionnaire were read as
              today's (Contact with decision-makers; Place in customers' supply chain;
              Stakeholders your CXM covers; Who leads CXM; Competitors competing on CX;
              Experiences you aim to create); the full report says how.

            """))
        let full = try CLI.run(["assess", profile, "--full"])
        #expect(full.stdout.contains("""
              • Stakeholders your CXM covers: “partners” as Channel partners, such as
                distributors and dealers.
              • Who leads CXM: “4” as In the top team: the CEO personally (common in smaller
                firms), the executive team, or a CX director reporting directly to the CEO.
              • Competitors competing on CX, saved as “competitors_compete_on_cx: true”:
                Most of them do: customer experience is a main battleground.

            """))
        let html = try CLI.run(["assess", profile, "--full", "--format", "html"])
        #expect(html.stdout.contains("<li>Place in customers&#39; supply chain: “2” as A supplier of products, equipment or services that customers use directly.</li>"))
        let json = try CLI.run(["assess", profile, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["rulesVersion"] as? Int == 2)
        let former = try #require(report["formerAnswers"] as? [[String: Any]])
        #expect(former.map { $0["savedKey"] as? String } == ["decision_maker_contact", "ecosystem_position", "cx_stakeholders", "cx_anchor",
                                                               "competitors_compete_on_cx", "pursued_experiences"])
        #expect(former[2]["readValues"] as? [String] == ["channel_partners"] && former[2]["savedValues"] as? [String] == ["partners"])
        // A profile of today's version says nothing of the kind.
        #expect(!(try CLI.run(["assess", "scenarios/air-products.json", "--full"])).stdout.contains("earlier version"))
    }
}
