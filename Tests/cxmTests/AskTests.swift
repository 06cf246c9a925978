import Foundation
import Testing

/// `cxm ask`, end to end: scripted sessions on standard input, the files they save, exit codes.
@Suite struct AskTests {
    /// The fixture rules, by their full path for runs in other folders.
    static let rules = CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/rules").path

    /// The fixture rules plus a question asked only when rivalry is intense, in a new folder.
    static func rulesWithACondition() throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let source = URL(fileURLWithPath: rules)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        try Data("""
            question cx_manager: boolean
              step 2
              section "Your market"
              ask "Has your firm appointed a CX manager?"
              when rivalry >= agree
              cite wirtz2025 "§7.2, Step 3"

            """.utf8).write(to: directory.appendingPathComponent("step2-conditional.cxm"))
        return directory
    }

    static func contents(_ file: URL) throws -> String {
        String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }

    static let agreement = """
          1. Strongly disagree
          2. Disagree
          3. Neither agree nor disagree
          4. Agree
          5. Strongly agree
        """

    @Test func scriptedSessionWithHelpBackAndSkip() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("acme.json")
        let script = "Acme\n1 3\n?\n4\n2\n<\n\nStrongly agree\n-\n3\n"
        let result = try CLI.run(["ask", "--output", "acme.json", "--rules", Self.rules], stdin: script, in: directory)
        let saved = """
            {
              "name": "Acme",
              "rules_version": 1,
              "collective_goals": ["efficiency", "association"],
              "rivalry": "agree",
              "switching_barriers": "disagree",
              "cx_as_advantage": "strongly_agree",
              "journeys_end_to_end": null,
              "cx_dashboards": "neutral"
            }

            """
        #expect(try Self.contents(file) == saved)
        let report = try CLI.run(["assess", file.path, "--full", "--rules", Self.rules])
        #expect(report.status == 0)
        let reportFile = directory.appendingPathComponent("acme.report.txt")
        #expect(try Self.contents(reportFile) == report.stdout)
        // On the screen: the report's first part, up to the matrix.
        let opening = try #require(report.stdout.components(separatedBy: "\nCXM archetype today on the matrix").first)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == """
            6 questions in 2 playbook steps.
            At each question, ? shows help, < goes back, - skips, Enter keeps the answer;
            Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            Every answer is saved in acme.json at once.

            The firm's name (optional; Enter to leave it out)
            > Acme

            Step 1 · Understand customer objectives · Your customers' goals

            Question 1 of 6 (collective_goals)
            Which goals do your customers pursue as organizations? Choose all that apply.
              1. Efficiency: lower costs, higher productivity, aligned processes
              2. Differentiation: a stronger competitive position for the client
              3. Association: brand, reputation and cultural fit
              Several answers: separate them with commas or spaces; none for none of them.
              Only some known? End with ?, as in 1, 3, ? (the rest unknown).
            > 1 3

            Step 2 · Choose and align the CXM archetype · Your market

            Question 2 of 6 (rivalry)
            Competition in our main market is intense.
            \(Self.agreement)
            > ?
              Where rivalry is low, managers expect CXM to add little to competitive
              advantage.
              Source: Wirtz et al. (2025), §4.1
              Option names: strongly_disagree, disagree, neutral, agree, strongly_agree
              Choose 1–5, an option's name, ? for help, < to go back, or - to skip.
            > 4

            Question 3 of 6 (switching_barriers)
            Our customers would find it hard or costly to switch to another supplier.
            \(Self.agreement)
            > 2

            Step 2 · Your leadership

            Question 4 of 6 (cx_as_advantage)
            Our top team sees customer experience as a source of competitive advantage.
            \(Self.agreement)
            > <

            Step 2 · Your market

            Question 3 of 6 (switching_barriers)
            Our customers would find it hard or costly to switch to another supplier.
            \(Self.agreement)
            Current answer: Disagree; Enter keeps it.
            >

            Step 2 · Your leadership

            Question 4 of 6 (cx_as_advantage)
            Our top team sees customer experience as a source of competitive advantage.
            \(Self.agreement)
            > Strongly agree

            Step 2 · Your CXM today

            Question 5 of 6 (journeys_end_to_end)
            Our CXM covers customer journeys end to end, not only selected touchpoints.
            \(Self.agreement)
            > -
              Skipped: saved as “don't know”; you can come back to it with <.

            Question 6 of 6 (cx_dashboards)
            We track CX with engagement metrics and dashboards across stakeholder groups.
            \(Self.agreement)
            > 3

            Done: 5 of 6 questions answered, 1 skipped.

            \(opening)
            Your answers are saved in acme.json, the full report in acme.report.txt.

            """)
    }

    @Test func scriptedTypoStopsTheSessionNamingTheLineAndTheQuestion() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["ask", "--output", "k.json", "--rules", Self.rules], stdin: "Acme\n1 3\nagre\n2\n5\n-\n3\n", in: directory)
        #expect(result.status == 65)
        #expect(result.stdout.hasSuffix("\(Self.agreement)\n> agre\n"))
        #expect(result.stderr == """
            <stdin>:3: error[A0102]: rivalry ("Competition in our main market is intense."): 'agre' is not one of the options \
            (1–5, or: strongly_disagree, disagree, neutral, agree, strongly_agree); did you mean 'agree'?
            cxm: stopped at question 2 of 6 so that no answer goes to the wrong question.
            Your answers so far are saved in k.json.
            Continue with: cxm ask --resume k.json --rules \(Self.rules)

            """)
        let saved = directory.appendingPathComponent("k.json")
        #expect(try Self.contents(saved) == "{\n  \"name\": \"Acme\",\n  \"rules_version\": 1,\n  \"collective_goals\": [\"efficiency\", \"association\"]\n}\n")
        // Corrected, the rest of the script answers the questions it was meant for.
        let resumed = try CLI.run(["ask", "--resume", "k.json", "--rules", Self.rules], stdin: "agree\n2\n5\n-\n3\n", in: directory)
        #expect(resumed.status == 0)
        #expect(try Self.contents(saved).contains(#""rivalry": "agree",\#n  "switching_barriers": "disagree""#))
        // Going back from the first question would shift the answers too.
        let back = try CLI.run(["ask", "--output", "b.json", "--rules", Self.rules], stdin: "Acme\n<\n1\n", in: directory)
        #expect(back.status == 65)
        #expect(back.stderr.hasPrefix("<stdin>:2: error[A0108]: collective_goals (\"Which goals do your customers pursue as organiz…\"): "
                                      + "< goes back, but this is the first question\n"))
        // A script written for a version of the questionnaire these rules do not have.
        let version = try CLI.run(["ask", "--output", "v.json", "--rules", Self.rules], stdin: "# cxm rules 9\nAcme\n", in: directory)
        #expect(version == .init(status: 65, stdout: "", stderr: """
            <stdin>:1: error[A0109]: '# cxm rules 9' names no version of these rules' questionnaire, which has versions 1 to 1; \
            write '# cxm rules 1' for a script written for these rules

            """))
    }

    @Test func onATerminalAnInvalidAnswerIsAskedAgain() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["ask", "--output", "k.json", "--rules", Self.rules], stdin: "Acme\n1 3\n3.7\nagre\nquit\n<\n<\nnone 1\n",
                                 terminal: true, in: directory)
        #expect(result.status == 75)
        // What is typed, and the line break after it, the terminal shows: not the output. An
        // answer not taken says how to answer, and how to stop (for whoever typed 'quit').
        #expect(result.stdout.contains("""
            \(Self.agreement)
            >   error[A0103]: 3.7 is not a whole number between 1 and 5.
              Choose 1–5, an option's name, ? for help, < to go back, or - to skip.
              Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            >   error[A0102]: 'agre' is not one of the options (1–5, or: strongly_disagree,
              disagree, neutral, agree, strongly_agree); did you mean 'agree'?
              Choose 1–5, an option's name, ? for help, < to go back, or - to skip.
              Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            >   error[A0102]: 'quit' is not one of the options (1–5, or: strongly_disagree,
              disagree, neutral, agree, strongly_agree).
              Choose 1–5, an option's name, ? for help, < to go back, or - to skip.
              Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            > 
            """))
        #expect(result.stdout.contains("""
            >   error[A0108]: < goes back, but this is the first question.
            >   error[A0105]: none cannot be combined with options; give either none or the
              options that apply.
            """))
        // The input ending at a terminal is Ctrl-D, which stops the session.
        #expect(result.stderr == "cxm: stopped at question 1 of 6.\nYour answers so far are saved in k.json.\n"
                    + "Continue with: cxm ask --resume k.json --rules \(Self.rules)\n")
    }

    @Test func interruptedSessionResumesAndIrrelevantQuestionsAreNotAsked() throws {
        let rules = try Self.rulesWithACondition().path
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("cxm-profile.json")
        // The input ends at the question that intense rivalry makes relevant.
        let first = try CLI.run(["ask", "--rules", rules], stdin: "Acme\n1\nagree\n2\n", in: directory)
        #expect(first.status == 75)
        #expect(first.stdout.hasPrefix("7 questions in 2 playbook steps; your answers may make some of them irrelevant.\n"))
        #expect(first.stdout.hasSuffix("> 2\n\nQuestion 4 of 7 (cx_manager)\nHas your firm appointed a CX manager?\n  yes or no\n>\n"))
        #expect(first.stderr == """
            cxm: the input ended at question 4 of 7.
            Your answers so far are saved in cxm-profile.json.
            Continue with: cxm ask --resume cxm-profile.json --rules \(rules)

            """)
        #expect(try Self.contents(file) == """
            {
              "name": "Acme",
              "rules_version": 1,
              "collective_goals": ["efficiency"],
              "rivalry": "agree",
              "switching_barriers": "disagree"
            }

            """)
        // Resumed: answer it, go back to rivalry, and disagree; the question no longer applies.
        let second = try CLI.run(["ask", "--resume", "cxm-profile.json", "--rules", rules],
                                 stdin: "yes\n<\n<\n<\ndisagree\n\n5\n4\n4\n", in: directory)
        #expect(second.stderr == "")
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("""
            Continuing: 3 of 7 questions in 2 playbook steps answered or skipped so far.
            At each question, ? shows help, < goes back, - skips, Enter keeps the answer;
            Ctrl-C or Ctrl-D stops, keeping your answers for --resume.
            Every answer is saved in cxm-profile.json at once.

            Step 2 · Choose and align the CXM archetype · Your market

            Question 4 of 7 (cx_manager)
            Has your firm appointed a CX manager?
              yes or no
            > yes

            """))
        #expect(second.stdout.contains("Question 4 of 7 (cx_manager)\nHas your firm appointed a CX manager?\n  yes or no\nCurrent answer: yes; Enter keeps it.\n> <\n"))
        #expect(second.stdout.contains("Current answer: Agree; Enter keeps it.\n> disagree\n"
                                       + "  Your answer means 1 question no longer applies (now 6 in all): “Has your firm\n"
                                       + "  appointed a CX manager?”.\n\nQuestion 3 of 6 (switching_barriers)\n"))
        #expect(second.stdout.contains("Question 6 of 6 (cx_dashboards)"))
        #expect(second.stdout.hasSuffix("Your answers are saved in cxm-profile.json, the full report in\ncxm-profile.report.txt.\n"))
        #expect(try Self.contents(file) == """
            {
              "name": "Acme",
              "rules_version": 1,
              "collective_goals": ["efficiency"],
              "rivalry": "disagree",
              "switching_barriers": "disagree",
              "cx_as_advantage": "strongly_agree",
              "journeys_end_to_end": "agree",
              "cx_dashboards": "agree"
            }

            """)
        // Resumed once more, nothing is left to ask: straight to the report.
        let third = try CLI.run(["ask", "--resume", "cxm-profile.json", "--rules", rules], in: directory)
        #expect(third.status == 0)
        #expect(third.stdout.contains("Continuing: 6 of 6 questions in 2 playbook steps answered or skipped so far.\n"))
        #expect(!third.stdout.contains("Question "))
    }

    @Test func neverOverwritesAnExistingProfile() throws {
        let directory = try CLI.temporaryDirectory()
        let existing = #"{"rivalry": 4}"#
        try Data(existing.utf8).write(to: directory.appendingPathComponent("cxm-profile.json"))
        let result = try CLI.run(["ask", "--rules", Self.rules], stdin: "Acme\n1\n", in: directory)
        #expect(result == .init(status: 73, stdout: "", stderr: """
            cxm: error: cxm-profile.json exists already; continue it with 'cxm ask --resume cxm-profile.json --rules \(Self.rules)', or give another file with --output FILE

            """))
        #expect(try Self.contents(directory.appendingPathComponent("cxm-profile.json")) == existing)
    }

    @Test func unusableProfileOrReportPathsAreFoundBeforeTheFirstQuestion() throws {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder"), withIntermediateDirectories: false)
        let cases: [([String], String)] = [
            (["--output", "folder"], "folder is a folder; give a file name, such as --output folder/cxm-profile.json"),
            (["--output", "none/k.json"], "cannot write none/k.json: there is no folder none"),
            (["--output", "k.json", "--report", "folder"], "folder is a folder; give a file name, such as --report folder/k.report.txt"),
            (["--output", "k.json", "--report", "none/k.txt"], "cannot write none/k.txt: there is no folder none"),
            (["--output", "folder.json"], "folder.report.txt is a folder; give a file name, such as --report folder.report.txt/folder.report.txt"),
        ]
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder.report.txt"), withIntermediateDirectories: false)
        for (arguments, message) in cases {
            let result = try CLI.run(["ask"] + arguments + ["--rules", Self.rules], stdin: "Acme\n1\n", in: directory)
            #expect(result == .init(status: 73, stdout: "", stderr: "cxm: error: \(message)\n"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["folder", "folder.report.txt"])
    }

    @Test func aNewInterviewNeverOverwritesAReportButAResumedOneReplacesItsOwn() throws {
        let directory = try CLI.temporaryDirectory()
        let report = directory.appendingPathComponent("k.report.txt")
        try Data("an old report\n".utf8).write(to: report)
        let refused = try CLI.run(["ask", "--output", "k.json", "--rules", Self.rules], stdin: "Acme\n", in: directory)
        #expect(refused == .init(status: 73, stdout: "", stderr: """
            cxm: error: k.report.txt exists already; give the report another file with --report FILE, or remove it

            """))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("k.json").path))
        #expect(try Self.contents(report) == "an old report\n")
        try Data(#"{"collective_goals": ["efficiency"], "rivalry": "agree"}"#.utf8).write(to: directory.appendingPathComponent("k.json"))
        let resumed = try CLI.run(["ask", "--resume", "k.json", "--rules", Self.rules], stdin: "2\n5\n-\n3\n", in: directory)
        #expect(resumed.status == 0)
        #expect(try Self.contents(report).hasPrefix("CXM assessment"))
    }

    @Test func aReportThatCannotBeSavedAtTheEndIsShownAnyway() throws {
        let directory = try CLI.temporaryDirectory()
        let reports = directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: false)
        let profile = directory.appendingPathComponent("k.json")
        let result = try CLI.run(["ask", "--output", "k.json", "--report", "reports/k.txt", "--rules", Self.rules],
                                 stdin: "Acme\n1\n4\n2\n5\n-\n3\n", in: directory) {
            // The folder goes once the checks are done, when the profile is there.
            let deadline = Date() + CLI.patience
            while !FileManager.default.fileExists(atPath: profile.path) && Date() < deadline { usleep(10_000) }
            try FileManager.default.removeItem(at: reports)
        }
        #expect(result.status == 73)
        #expect(result.stdout.contains("Done: 5 of 6 questions answered, 1 skipped.\n\nCXM assessment"))
        #expect(result.stdout.hasSuffix("\nYour answers are saved in k.json; the report could not be saved.\n"))
        #expect(result.stderr.hasPrefix("cxm: error: cannot write reports/k.txt: "))
    }

    @Test func helpAndTheBundledQuestionnaireReplayFitEightyColumns() throws {
        let directory = try CLI.temporaryDirectory()
        let answers = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/examples/nordic-valves.v2.answers.txt"), encoding: .utf8)
        // The README's session, with each question's help asked for before its answer (after
        // the version line and the firm's name).
        let lines = answers.split(separator: "\n", omittingEmptySubsequences: false)
        let script = (lines.prefix(2) + lines.dropFirst(2).dropLast().flatMap { ["?", $0] }).joined(separator: "\n") + "\n"
        let replay = try CLI.run(["ask", "--output", "nordic-valves.json"], stdin: script, in: directory)
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("Done: 44 of 44 questions answered, 0 skipped (1 question did not apply)."))
        for (name, output) in [("cxm ask --help", try CLI.run(["ask", "--help"]).stdout), ("the replay", replay.stdout)] {
            let wide = output.components(separatedBy: "\n").filter { $0.count > 80 }
            #expect(wide.isEmpty, "lines of \(name) wider than 80 columns:\n\(wide.joined(separator: "\n"))")
        }
    }

    @Test func badResumeFileExitsWith65WithItsPosition() throws {
        let directory = try CLI.temporaryDirectory()
        try Data("{\n  \"rivalry\": \"agre\"\n}\n".utf8).write(to: directory.appendingPathComponent("firm.json"))
        let result = try CLI.run(["ask", "--resume", "firm.json", "--rules", Self.rules], in: directory)
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("""
            firm.json:2:14: error[P0207]: 'rivalry': 'agre' is not an option of 'agreement'; did you mean 'agree'?
             2 |   "rivalry": "agre"
               |              ^~~~~~

            """))
        #expect(result.stderr.hasSuffix("cxm: error: firm.json has 1 error; correct the file, then run 'cxm ask --resume firm.json --rules \(Self.rules)' again\n"))
        #expect(try CLI.run(["ask", "--resume", "none.json"], in: directory) == .init(status: 66, stdout: "", stderr: "cxm: error: no such file: none.json\n"))
    }

    @Test func helpAndUsageErrors() throws {
        let help = try CLI.run(["ask", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: cxm ask [--output FILE | --resume FILE] [--report FILE] [--rules DIR]"))
        #expect(help.stdout.contains("Examples:\n  cxm ask\n"))
        #expect(try CLI.run(["ask", "a.json"]) == .init(status: 64, stdout: "", stderr: """
            cxm: error: 'cxm ask' takes no arguments besides its options; to continue an interview, use --resume FILE
            Run 'cxm ask --help' for usage.

            """))
        #expect(try CLI.run(["ask", "--output", "a.json", "--resume", "b.json"]).status == 64)
    }
}
