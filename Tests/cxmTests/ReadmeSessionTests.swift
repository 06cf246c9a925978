import Foundation
import Testing

/// The session the README opens with, replayed on the bundled rules, so that what the README
/// shows stays true.
@Suite struct ReadmeSessionTests {
    @Test func questionnaireReplayEndsWithTheReportShown() throws {
        let directory = try CLI.temporaryDirectory()
        let answers = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/examples/nordic-valves.v2.answers.txt"), encoding: .utf8)
        let result = try CLI.run(["ask", "--output", "nordic-valves.json"], stdin: answers, in: directory)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("Done: 44 of 44 questions answered, 0 skipped (1 question did not apply)."))
        // The opening lines as the README shows them.
        #expect(result.stdout.hasPrefix("""
            44 questions in 4 playbook steps; your answers may make some of them irrelevant.
            At each question, ? shows help, < goes back, - skips, Enter keeps the answer;
            Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            Every answer is saved in nordic-valves.json at once.

            The firm's name (optional; Enter to leave it out)
            > Nordic Valves

            Step 1 · Understand customer objectives · Your customers' goals

            Question 1 of 44 (buying_centre_collective_goals)

            """))
        // It ends with the summary and the first actions, and says where the full report is.
        #expect(result.stdout.hasSuffix("""
            Done: 44 of 44 questions answered, 0 skipped (1 question did not apply).

            CXM assessment of Nordic Valves
            Answered 44 of 44 questions.

            Summary
              Where you stand: CXM Cherry Picker. Your leaders rate CXM's impact at 3.5 and
              its scope is 2.4, on a scale of 1 to 5 (Close to the high/low impact
              boundary).
              What to aim for: CXM Champion. You compete on customer experience, your
              leaders back CXM, your context promises much from it and your resources allow
              a broad roll-out.
              Value propositions that fit your customers' goals: Relieving CX, Enabling CX.
              How sure: no unanswered question could change this summary.

            What to do first
              1. Aim for the CXM Champion posture: broad CXM, a top-management priority
                 You compete on CX; leaders, context and resources allow broad CXM
              2. Broaden CXM step by step, from touchpoints that pay to whole journeys
                 Each step then builds on returns you can already see
              3. Build the missing conditions for organization-wide CXM
                 Broad CXM across the firm rests on them, and some are not in place yet
              4. Anchor CXM in the top team, so that it can align all functions
                 Broad CXM needs an owner at the top; today it sits lower
              5. Build your value propositions on Relieving CX, Enabling CX
                 Your customers' goals call for these kinds of CX, the first most

            Your answers are saved in nordic-valves.json, the full report in
            nordic-valves.report.txt.

            """))
        // The README shows this opening, and says the same counts: the questions that apply before
        // any answer (44), of all of them (44 answered and 1 that did not apply), as rules/README.md does.
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = try #require(result.stdout.components(separatedBy: "\n> Nordic Valves\n").first)
        #expect(readme.contains("$ cxm ask --output nordic-valves.json\n" + opening + "\n> Nordic Valves\n"))
        #expect(readme.contains("44 of its 45 before any answer"))
        let rulesReadme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("rules/README.md"), encoding: .utf8)
        #expect(rulesReadme.contains("has 45 questions, of which a firm is asked those that apply to it\n(44 before any answer"))
        let report = try String(contentsOf: directory.appendingPathComponent("nordic-valves.report.txt"), encoding: .utf8)
        #expect(report.contains("""
                │                    ●         │                              │
              3 ├──────────────────────────────┼──────────────────────────────┤
            """))
        #expect(try String(contentsOf: directory.appendingPathComponent("nordic-valves.json"), encoding: .utf8)
                    .hasPrefix("{\n  \"name\": \"Nordic Valves\",\n  \"rules_version\": 2,\n"))
    }

    /// The script of the first release's README, unchanged: written for version 1 of the
    /// questionnaire, it has no version line, so it is read in version 1's order. Its answers go
    /// to the questions they were written for, its yes/no to competitors' CX is read as the
    /// scale that replaced it, the questions added since are not asked, and the end says so.
    @Test func theFirstReleasesScriptStillRunsAsItIs() throws {
        let directory = try CLI.temporaryDirectory()
        let answers = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/examples/nordic-valves.answers.txt"), encoding: .utf8)
        #expect(!answers.hasPrefix("#"), "the script of the first release has no version line")
        let result = try CLI.run(["ask", "--output", "nordic-valves.json"], stdin: answers, in: directory)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("""
            41 questions in 4 playbook steps; your answers may make some of them irrelevant.
            At each question, ? shows help, < goes back, - skips, Enter keeps the answer;
            Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            Every answer is saved in nordic-valves.json at once.
            This script has no '# cxm rules N' first line, so it is read as written for
            version 1 of the questionnaire (these rules are version 2): questions added
            since are not asked, and questions changed since are asked as they were then.

            """))
        #expect(result.stdout.contains("Done: 41 of 41 questions answered, 0 skipped (1 question did not apply; 3 are newer than the version followed)."))
        #expect(result.stdout.contains("Question 28 of 41 (competitors_on_cx)"))
        #expect(result.stdout.hasSuffix("""
            Not asked, being newer than version 1 of the questionnaire: Whose view the
            top-team answers give; Experience you aim for, in words; What your target
            experience is used for. Answer them with: cxm ask --resume nordic-valves.json

            """))
        // The same answers as the script for version 2, but for the three questions it lacks.
        let saved = try String(contentsOf: directory.appendingPathComponent("nordic-valves.json"), encoding: .utf8)
        #expect(saved.contains("\"rules_version\": 1,"))
        #expect(saved.contains("\"competitors_on_cx\": \"most\","))
        #expect(saved.contains("\"cx_anchor\": \"single_unit\","))
        #expect(saved.contains("\"context_changes\": [\"customer_goals\"]\n}"))
        #expect(!saved.contains("tx_articulation") && !saved.contains("leadership_view_source") && !saved.contains("tx_roles"))
        // Resumed in a terminal's place by a script for version 2, only the three are asked.
        let resumed = try CLI.run(["ask", "--resume", "nordic-valves.json"], stdin: "# cxm rules 2\ncx_lead\nspecific\ntouchpoints, shared_frame\n",
                                  in: directory)
        #expect(resumed.status == 0)
        #expect(resumed.stdout.contains("Continuing: 41 of 44 questions in 4 playbook steps answered or skipped so far."))
        #expect(resumed.stdout.contains("Done: 44 of 44 questions answered, 0 skipped (1 question did not apply)."))
    }

    @Test func surveyBatchAssessesFourAndReportsTheBadRow() throws {
        let result = try CLI.run(["batch", "docs/examples/survey.csv"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("5 profiles: 4 assessed, 1 failed"))
        #expect(result.stdout.hasPrefix("""
            Profile      1                  2      3  4              5                R    W
            -----------  -------------  -----  -----  -------------  -------------  ---  ---
            F01          Relieving* +1    3.5    2.4  Cherry Picker  Champion*       11    1
            F02          Relieving*         2   1.24  Minimalist     Minimalist       7    0
            F03          Enabling* +1     4.5   4.32  Champion       Champion*        9    0
            F04          Relieving*       1.5   3.51  Fashionista    Minimalist       8    3

            1   Value propositions that fit your customers' goals (top 3; "CX" left out)
            2   CXM impact as your leaders see it (1 to 5)
            3   CXM scope (1 to 5)
            4   CXM archetype today ("CXM" left out)
            5   CXM archetype to aim for ("CXM" left out)
            R   recommendations that apply
            W   warnings that apply
            *   could change with answers not given yet (--format csv names them)
            …   cut short to fit: --format csv has every value whole
            +N  N more items, not shown

            """))
        #expect(result.stderr.hasPrefix("docs/examples/survey.csv:6:37: error[P0207]: 'rivalry': 'Agre' is not an option of 'agreement'; did you mean 'agree'?\n"))
    }

    /// The README's "Use it from Swift" example is the example package that CI builds and runs
    /// from another folder.
    @Test func theLibraryExampleIsThePackageThatCIRuns() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Examples/EmbedAdvisor/Sources/embed-advisor/main.swift"),
                                 encoding: .utf8)
        let code = try #require(example.range(of: "import CXMAdvisor")).lowerBound
        #expect(readme.contains("```swift\n" + example[code...] + "```\n"))
        #expect(readme.contains(".product(name: \"CXMAdvisor\", package: \"cxm\")"))
    }
}
