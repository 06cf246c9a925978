import Foundation
import Testing

/// Never hang: inputs of a few KB to a few MB that took minutes (findings 2, 9, 10, 11, 13 and
/// 14, scaled down to what still shows the problem) finish well within a generous 10 s of CPU
/// time, or are refused with a message that names the limit, end to end through the binary.
/// The bound is CPU time, not wall time, so that a busy machine cannot fail these tests, while
/// a quadratic algorithm or a busy loop still does.
@Suite struct LimitsTests {
    static let rules = CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/rules").path
    /// The CPU time cxm may use, in seconds (`ulimit -t`: the kernel ends it when it uses more,
    /// with SIGXCPU, or SIGKILL where SIGXCPU is ignored): the inputs below took 15 s to minutes
    /// of it before.
    static let cpuSeconds = 10

    /// Runs cxm within its CPU time; the result and whether it finished (not ended by a signal:
    /// SIGXCPU past its CPU time, SIGKILL when it hangs, waiting without using the CPU, past
    /// ``CLI/patience``).
    static func bounded(_ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> (CLI.Result, finished: Bool) {
        try bounded(script: "exec \"$CXM\" \(OutputSafetyTests.quoted(arguments))", stdin: stdin, in: directory)
    }

    /// Runs a shell script that runs `$CXM` within its CPU time, as ``bounded(_:stdin:in:)``.
    static func bounded(script: String, stdin: String = "", in directory: URL? = nil, cpuSeconds: Int = cpuSeconds) throws -> (CLI.Result, finished: Bool) {
        let result = try CLI.shell("ulimit -t \(cpuSeconds) && \(script)", stdin: stdin, in: directory, limit: CLI.patience)
        return (result, result.signal == nil)
    }

    /// The bound holds whatever the load: a busy loop is ended after its CPU time, as a
    /// quadratic algorithm on the inputs below would be (by the kernel: the shell that started
    /// it, which uses no CPU, says so).
    @Test func aBusyLoopIsEndedAfterItsCPUTime() throws {
        let (result, finished) = try Self.bounded(script: "/bin/sh -c 'while :; do :; done'; echo \"ended by signal $(($? - 128))\"", cpuSeconds: 1)
        #expect(finished)
        #expect(["ended by signal \(SIGXCPU)\n", "ended by signal \(SIGKILL)\n"].contains(result.stdout))
    }

    // MARK: Splitting answers (finding 9)

    @Test func aLongMultipleChoiceAnswerIsSplitInLinearTime() throws {
        let directory = try CLI.temporaryDirectory()
        let (result, finished) = try Self.bounded(["ask", "--output", "p.json", "--rules", Self.rules],
                                                stdin: "Acme\n" + String(repeating: "1, ", count: 1_000) + "\n", in: directory)
        #expect(finished)
        #expect(result.status == 75)
        #expect(try String(contentsOf: directory.appendingPathComponent("p.json"), encoding: .utf8).contains(#""collective_goals": ["efficiency"]"#))
    }

    @Test func aLongMultipleChoiceCellIsSplitInLinearTime() throws {
        let cell = Array(repeating: "efficiency", count: 2_000).joined(separator: ",")
        let junk = Array(repeating: "nosuch", count: 2_000).joined(separator: ",")
        let (result, finished) = try Self.bounded(["batch", "-", "--input-format", "csv", "--format", "csv", "--rules", Self.rules],
                                                stdin: "id,collective_goals\na,\"\(cell)\"\nb,\"\(junk)\"\n")
        #expect(finished)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\r\na,relieving,"))
        #expect(result.stderr.contains("error[P0207]: 'collective_goals': 'nosuch' is not an option of 'collective_goal'"))
    }

    // MARK: Rendering diagnostics (finding 10)

    /// Many problems on one long line: each is shown with a window of the line, and the time
    /// grows with the line, not with the problems times the line.
    @Test func manyProblemsOnOneLongLineRenderInLinearTime() throws {
        let directory = try CLI.temporaryDirectory()
        let padding = String(repeating: "x", count: 1 << 20)
        let unknown = (0..<102).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        try Data("{\"name\": \"\(padding)\", \(unknown)}".utf8).write(to: directory.appendingPathComponent("unknown.json"))
        let twice = Array(repeating: #""rivalry": "agree""#, count: 50_000).joined(separator: ", ")
        try Data("{\(twice)}".utf8).write(to: directory.appendingPathComponent("twice.json"))
        for (name, first) in [("unknown.json", "error[P0104]: unknown question 'k0'"), ("twice.json", "error[P0102]: 'rivalry' is given twice")] {
            let (result, finished) = try Self.bounded(["assess", name, "--rules", Self.rules], in: directory)
            #expect(finished, "\(name)")
            #expect(result.status == 65)
            #expect(result.stderr.contains(first))
            #expect(result.stderr.contains(" more problems in this profile are not shown; fix the ones above first\n"))
            #expect(result.stderr.split(separator: "\n").allSatisfy { $0.count < 200 }, "\(name): every line shows a window")
        }
    }

    @Test func aLongBatchRecordAndAWideHeaderRenderInLinearTime() throws {
        let unknown = (0..<30_000).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        let (record, recordFinished) = try Self.bounded(["batch", "-", "--rules", Self.rules], stdin: "{\(unknown)}\n")
        #expect(recordFinished)
        #expect(record.status == 1 && record.stderr.contains("<stdin>:1:2: error[P0104]: unknown question 'k0'"))
        let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
        let (wide, wideFinished) = try Self.bounded(["batch", "-", "--input-format", "csv", "--rules", Self.rules], stdin: header + "\n")
        #expect(wideFinished)
        #expect(wide.status == 65)
        #expect(wide.stderr.hasSuffix("cxm: error: the header row of <stdin> has more than 100 problems; fix it and try again (a misspelt column would lose its answers)\n"))
    }

    // MARK: Reading lines (finding 14)

    /// An endless line is refused as soon as it passes the limit, and not echoed whole.
    @Test func anEndlessAnswerLineIsCutAndSaidSo() throws {
        let directory = try CLI.temporaryDirectory()
        let (result, finished) = try Self.bounded(script: "exec \"$CXM\" ask --output p.json --rules \(Self.rules) < /dev/zero", in: directory)
        #expect(finished)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("<stdin>:1: error: the firm's name: the line is longer than the 16 KiB an answer may take\n"))
        let long = String(repeating: "a", count: 200_000)
        let (echoed, echoedFinished) = try Self.bounded(["ask", "--output", "q.json", "--rules", Self.rules], stdin: "Acme\n\(long)\n", in: directory)
        #expect(echoedFinished)
        #expect(echoed.status == 65)
        #expect(echoed.stdout.count + echoed.stderr.count < 5_000)
        #expect(echoed.stderr.contains("): the line is longer than the 16 KiB an answer may take\n"))
    }

    // MARK: Rule files (findings 2 and 11)

    @Test func aRuleFileTooLargeIsRefusedAtOnce() throws {
        let directory = try CLI.temporaryDirectory()
        try Data(String(repeating: "junk tokens ", count: 450_000).utf8).write(to: directory.appendingPathComponent("junk.cxm"))
        let (result, finished) = try Self.bounded(["rules", "check", directory.path])
        #expect(finished)
        #expect(result == .init(status: 1, stdout: "0 files checked: 1 error, 0 warnings\n",
                                stderr: "error[R0105]: \(directory.path)/junk.cxm is 5 MiB, more than the 4 MiB a rule file may take; is it a rule file?\n"))
    }

    /// Rules whose conditions can never hold, over 12 answers each: checking stops at its budget,
    /// naming the rule it stopped at.
    @Test func checkingStopsAtItsBudgetNamingTheRule() throws {
        let directory = try CLI.temporaryDirectory()
        var text = "source s \"A source\"\n"
        for index in 0..<12 { text += "question b\(index): boolean\n  step 1\n  ask \"Question \(index)?\"\n  cite s \"1\"\n" }
        let condition = (0..<12).map { "b\($0)" }.joined(separator: " and ")
        for index in 0..<1_000 { text += "rule r\(index)\n  when \(condition) and not b11\n  recommend step 1: \"Never.\"\n  cite s \"1\"\n" }
        try Data(text.utf8).write(to: directory.appendingPathComponent("rules.cxm"))
        let (result, finished) = try Self.bounded(["rules", "check", directory.path])
        #expect(finished)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[X0205]: rule 'r0' can never fire: no answers satisfy its condition"))
        #expect(result.stderr.contains("error[X0207]: checking the rules stopped at rule 'r37', which needs 53,248 tests of its inputs, more than the 29,824 left of the 2,000,000 that checking a rule base may take (the tables and rules before it took 1,970,176); give it fewer inputs or conditions, or split it\n"))
        // Every command that loads the rules is bounded the same way.
        let (assess, assessFinished) = try Self.bounded(["assess", "-", "--rules", directory.path], stdin: "{}")
        #expect(assessFinished && assess.status == 65)
    }

    @Test func checkingManyTablesStopsAtItsBudgetNamingTheTable() throws {
        let directory = try CLI.temporaryDirectory()
        var text = "source s \"A source\"\nenum kind: a, b, c, d, e, f, g, h\n"
        for index in 0..<4 { text += "question q\(index): kind\n  step 1\n  ask \"Question \(index)?\"\n  cite s \"1\"\n" }
        for index in 0..<1_000 {
            text += "table t\(index): kind first\n  cite s \"1\"\n  | q0 | q1 | q2 | q3 | t\(index) |\n"
            for option in ["a", "b", "c", "d", "e", "f", "g", "h"] { text += "  | - | - | - | \(option) | \(option) |\n" }
        }
        try Data(text.utf8).write(to: directory.appendingPathComponent("rules.cxm"))
        let (result, finished) = try Self.bounded(["rules", "check", directory.path])
        #expect(finished)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[X0207]: checking the rules stopped at table 't"))
    }

    // MARK: Folder entries (finding 13)

    @Test func aFIFONamedLikeAProfileIsSkippedNotOpened() throws {
        let directory = try CLI.temporaryDirectory()
        try Data(#"{"rivalry": "agree"}"#.utf8).write(to: directory.appendingPathComponent("a.json"))
        #expect(mkfifo(directory.appendingPathComponent("b.json").path, 0o644) == 0)
        let warning = { (code: String) in "warning[\(code)]: \(directory.path)/b.json is a FIFO, not a " }
        let (batch, batchFinished) = try Self.bounded(["batch", directory.path, "--rules", Self.rules])
        #expect(batchFinished)
        #expect(batch.status == 0 && batch.stderr.hasPrefix(warning("B0101") + "profile file; skipped\n"))
        let (test, testFinished) = try Self.bounded(["test", directory.path, "--rules", Self.rules])
        #expect(testFinished)
        #expect(test.status == 0 && test.stderr == warning("S0113") + "scenario file; skipped\n")
        let rules = try SanitizingTests.copyOfRules()
        #expect(mkfifo(rules.appendingPathComponent("more.cxm").path, 0o644) == 0)
        let (check, checkFinished) = try Self.bounded(["rules", "check", rules.path])
        #expect(checkFinished)
        #expect(check.status == 0 && check.stderr == "warning[R0103]: \(rules.path)/more.cxm is a FIFO, not a file of rules; skipped\n")
    }
}
