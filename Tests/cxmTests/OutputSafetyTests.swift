import Foundation
import Testing

/// Never crash, never clobber: what cxm does when its output cannot be written, and how it
/// writes files (one output path, one atomic replacement, a lock on profiles being answered),
/// end to end through the binary.
@Suite struct OutputSafetyTests {
    static let rules = CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/rules").path
    static let profile = CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/profiles/air-products.json").path
    static let firms = CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/batch/firms.jsonl").path

    /// A command of each kind, with what it needs on standard input.
    static let commands: [(arguments: [String], stdin: String)] = [
        (["assess", profile, "--rules", rules], ""),
        (["assess", profile, "--rules", rules, "--format", "json"], ""),
        (["explain", profile, "archetype", "--rules", rules], ""),
        (["whatif", profile, "--value", "archetype", "--rules", rules], ""),
        (["questions", "--rules", rules], ""),
        (["test", profile, "--rules", rules], ""),
        (["batch", firms, "--rules", rules], ""),
        (["rules", "check", rules], ""),
        (["ask", "--output", "OUT/p.json", "--rules", rules], "Acme\n1\n"),
    ]

    /// The arguments with `OUT` as a new temporary folder.
    static func arguments(_ command: [String]) throws -> [String] {
        let folder = try CLI.temporaryDirectory().path
        return command.map { $0.replacingOccurrences(of: "OUT", with: folder) }
    }

    static func quoted(_ arguments: [String]) -> String {
        arguments.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
    }

    // MARK: Standard output (finding 1)

    /// A full disk and a closed standard output: one line naming the output, exit 74, no trap.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: commands.indices)
    func aFailedWriteIsOneLineAndExit74(command: Int) throws {
        let (arguments, stdin) = Self.commands[command]
        for (redirect, reason) in [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")] {
            let result = try CLI.shell("\"$CXM\" \(Self.quoted(try Self.arguments(arguments))) \(redirect)", stdin: stdin, limit: CLI.patience)
            #expect(result == .init(status: 74, stdout: "", stderr: "cxm: error: cannot write standard output: \(reason)\n"), "\(arguments) \(redirect)")
        }
    }

    /// A pipe whose reader has gone (as with `| head`, SIGPIPE ignored): cxm ends quietly, as a
    /// program killed by SIGPIPE (status 141 in a shell).
    @Test(arguments: commands.indices)
    func aClosedPipeEndsQuietly(command: Int) throws {
        let (arguments, stdin) = Self.commands[command]
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = try Self.arguments(arguments)
        let output = Pipe()
        try output.fileHandleForReading.close()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        _ = CLI.ignoreBrokenPipes
        try process.run()
        try output.fileHandleForWriting.close()
        try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let errors = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE, "\(arguments)")
        #expect(errors.isEmpty, "\(String(decoding: errors, as: UTF8.self))")
    }

    // MARK: Inputs are never outputs (findings 3 and 4)

    @Test func theReportCannotGoIntoTheProfileWhateverThePath() throws {
        let directory = try CLI.temporaryDirectory()
        let refusal = "cxm: error: the report cannot go into the profile's file, p.json\nRun 'cxm ask --help' for usage.\n"
        #expect(try CLI.run(["ask", "--output", "p.json", "--report", "./p.json", "--rules", Self.rules], stdin: "Acme\n", in: directory)
                == .init(status: 64, stdout: "", stderr: refusal))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p.json").path))
        let answers = #"{"name": "Acme", "rivalry": "agree"}"#
        try Data(answers.utf8).write(to: directory.appendingPathComponent("p.json"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.json").path, withDestinationPath: "p.json")
        for report in ["./p.json", "link.json", "\(directory.path)/p.json"] {
            let result = try CLI.run(["ask", "--resume", "p.json", "--report", report, "--rules", Self.rules], stdin: "1\n", in: directory)
            #expect(result == .init(status: 64, stdout: "", stderr: refusal), "\(report)")
        }
        #expect(try String(contentsOf: directory.appendingPathComponent("p.json"), encoding: .utf8) == answers)
    }

    @Test func batchNeverWritesOverItsInput() throws {
        let directory = try CLI.temporaryDirectory()
        let survey = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/batch/survey.csv"))
        try survey.write(to: directory.appendingPathComponent("s.csv"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.csv").path, withDestinationPath: "s.csv")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("firms"), withIntermediateDirectories: false)
        try Data(#"{"id": "acme"}"#.utf8).write(to: directory.appendingPathComponent("firms/acme.json"))
        let cases: [(arguments: [String], stdin: String, message: String)] = [
            (["s.csv", "--output", "s.csv"], "", "cannot write s.csv: it is the input of this command"),
            (["s.csv", "--output", "./s.csv"], "", "cannot write ./s.csv: it is the same file as the input s.csv"),
            (["link.csv", "--output", "s.csv"], "", "cannot write s.csv: it is the same file as the input link.csv"),
            (["s.csv", "--output", "link.csv"], "", "cannot write link.csv: it is the same file as the input s.csv"),
            (["-", "--input-format", "csv", "--output", "s.csv"], "FROM FILE", "cannot write s.csv: it is the same file as the input standard input"),
            (["firms", "--output", "firms/acme.json"], "", "cannot write firms/acme.json: it would be one of the .json files in firms that this command reads"),
            (["firms", "--output", "firms/results.json"], "", "cannot write firms/results.json: it would be one of the .json files in firms that this command reads"),
        ]
        for (arguments, stdin, message) in cases {
            let command = "\"$CXM\" batch \(Self.quoted(arguments + ["--rules", Self.rules]))" + (stdin.isEmpty ? "" : " < s.csv")
            let result = try CLI.shell(command, in: directory)
            #expect(result == .init(status: 73, stdout: "", stderr: "cxm: error: \(message); write the results to another file\n"), "\(arguments)")
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("s.csv")) == survey)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("firms").path) == ["acme.json"])
    }

    // MARK: One session per profile (finding 5)

    /// A second `cxm ask` on a profile that a session is answering refuses at once, naming the
    /// session; the first session's answers are all kept.
    @Test func aSecondSessionOnTheSameProfileIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        let profile = directory.appendingPathComponent("p.json")
        let lock = directory.appendingPathComponent(".p.json.cxm-lock")
        // The first session answers two questions, then waits for more.
        let first = Process()
        first.executableURL = CLI.executable
        first.arguments = ["ask", "--output", "p.json", "--rules", Self.rules]
        first.currentDirectoryURL = directory
        let input = Pipe()
        first.standardInput = input
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        try input.fileHandleForWriting.write(contentsOf: Data("Acme\n1 3\n4\n".utf8))
        let deadline = Date() + CLI.patience
        while (try? String(contentsOf: profile, encoding: .utf8))?.contains("rivalry") != true && Date() < deadline { usleep(10_000) }
        let second = try CLI.run(["ask", "--resume", "p.json", "--rules", Self.rules], stdin: "2\n5\n-\n3\n", in: directory, limit: CLI.patience)
        #expect(second.status == 73)
        #expect(second.stderr.hasPrefix("cxm: error: p.json is being answered in another session (cxm ask, process \(first.processIdentifier), started "))
        #expect(second.stderr.hasSuffix("); finish or stop that one first: two sessions would save over each other's answers\n"))
        #expect(second.stdout.isEmpty)
        try input.fileHandleForWriting.close()
        first.waitUntilExit()
        #expect(first.terminationStatus == 75)
        let saved = try String(contentsOf: profile, encoding: .utf8)
        #expect(saved.contains(#""name": "Acme""#) && saved.contains(#""rivalry": "agree""#) && saved.contains("efficiency"))
        #expect(!FileManager.default.fileExists(atPath: lock.path))
        // Once the first has ended, the profile can be resumed.
        #expect(try CLI.run(["ask", "--resume", "p.json", "--rules", Self.rules], stdin: "2\n5\n-\n3\n", in: directory).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["p.json", "p.report.txt"])
    }

    // MARK: What replacement does to what it replaces (findings 6 and 7)

    @Test func devicesAndFIFOsAreWrittenAsStreams() throws {
        let directory = try CLI.temporaryDirectory()
        var status = stat()
        // A null device of the test's own (only root may make one): a cxm that replaced devices
        // would replace this one, never the system's.
        let device = directory.appendingPathComponent("null").path
        #if os(Linux)
        let null = dev_t(1 << 8 | 3)
        #else
        let null = dev_t(3 << 24 | 2)
        #endif
        if mknod(device, S_IFCHR | 0o666, null) == 0 {
            let written = try CLI.run(["batch", Self.firms, "--format", "csv", "--output", device, "--rules", Self.rules])
            #expect(written.status == 1 && written.stdout.isEmpty)
            #expect(stat(device, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
            try FileManager.default.removeItem(atPath: device)
        }
        // A FIFO that no program reads is refused at once, rather than waited on.
        let fifo = directory.appendingPathComponent("rows.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A cxm that waited for a reader would use no CPU: it is killed after CLI.patience, and
        // so fails the test, whatever the load.
        let unread = try CLI.run(["batch", Self.firms, "--output", fifo, "--rules", Self.rules], limit: CLI.patience)
        #expect(unread == .init(status: 73, stdout: "", stderr: "cxm: error: cannot write \(fifo): no program is reading it\n"))
        let read = try CLI.shell("cat rows.csv > got.csv & \"$CXM\" batch \(Self.quoted([Self.firms, "--format", "csv", "--output", "rows.csv", "--rules", Self.rules])) 2> /dev/null; wait",
                                 in: directory, limit: CLI.patience)
        #expect(read.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("got.csv"), encoding: .utf8).hasPrefix("id,value_propositions,"))
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        // /dev/fd/1 (as /dev/stdout) is standard output as the shell set it up: appended to, not
        // replaced. (Not /dev/stdout itself here: a cxm that replaced it would, run as root,
        // replace the system's link.)
        for path in ["/dev/fd/1", "/proc/self/fd/1"] where FileManager.default.fileExists(atPath: path) {
            let arguments = Self.quoted([Self.firms, "--format", "csv", "--output", path, "--rules", Self.rules])
            let appended = try CLI.shell("echo before > out.txt; \"$CXM\" batch \(arguments) >> out.txt 2> /dev/null; echo $?", in: directory)
            #expect(appended.stdout == "1\n", "\(path)")
            #expect(try String(contentsOf: directory.appendingPathComponent("out.txt"), encoding: .utf8).hasPrefix("before\nid,value_propositions,"), "\(path)")
        }
        // "-" is standard output too, never a file named "-".
        let dash = try CLI.run(["batch", Self.firms, "--format", "csv", "--output", "-", "--rules", Self.rules], in: directory)
        #expect(dash.stdout.hasPrefix("id,value_propositions,"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("-").path))
    }

    @Test func aReplacedFileKeepsItsLinkItsModeAndItsHardLinks() throws {
        let directory = try CLI.temporaryDirectory()
        let target = directory.appendingPathComponent("target.csv")
        try Data("old\n".utf8).write(to: target)
        #expect(chmod(target.path, 0o640) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.csv").path, withDestinationPath: "target.csv")
        let result = try CLI.run(["batch", Self.firms, "--format", "csv", "--output", "link.csv", "--rules", Self.rules], in: directory)
        #expect(result.status == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("link.csv").path) == "target.csv")
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("id,value_propositions,"))
        var status = stat()
        #expect(stat(target.path, &status) == 0 && status.st_mode & 0o777 == 0o640)
        // A private profile stays private through every save of `cxm ask`.
        try Data(#"{"name": "Acme"}"#.utf8).write(to: directory.appendingPathComponent("p.json"))
        #expect(chmod(directory.appendingPathComponent("p.json").path, 0o600) == 0)
        #expect(try CLI.run(["ask", "--resume", "p.json", "--rules", Self.rules], stdin: "1\n4\n", in: directory).status == 75)
        #expect(stat(directory.appendingPathComponent("p.json").path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        // A file with another hard link is refused, not split from it.
        #expect(link(target.path, directory.appendingPathComponent("other.csv").path) == 0)
        let linked = try CLI.run(["batch", Self.firms, "--format", "csv", "--output", "target.csv", "--rules", Self.rules], in: directory)
        #expect(linked == .init(status: 73, stdout: "", stderr: """
            cxm: error: cannot write target.csv: it has 1 other hard link, which replacing it would split from it; give another file, or remove the other links

            """))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.csv", "other.csv", "p.json", "target.csv"])
    }

    /// A write that fails (here, a file size limit of 0, as a full disk would) leaves no file at
    /// all on the first save, the last good one on later saves, and no temporary file.
    @Test func aFailedSaveLeavesWhatWasThere() throws {
        let directory = try CLI.temporaryDirectory()
        let limited = "(ulimit -f 0; trap '' XFSZ; exec \"$CXM\" ask %@ --rules \(Self.quoted([Self.rules]))) 2>&1 > /dev/null | cat"
        let first = try CLI.shell(limited.replacingOccurrences(of: "%@", with: "--output f.json"), stdin: "Acme\n1\n", in: directory)
        #expect(first.stdout == """
            cxm: error: cannot write f.json: File too large
            Nothing is saved yet; once the file can be written, start again with: cxm ask --output f.json --rules \(Self.rules)

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let saved = "{\n  \"name\": \"Acme\"\n}\n"
        try Data(saved.utf8).write(to: directory.appendingPathComponent("f.json"))
        let later = try CLI.shell(limited.replacingOccurrences(of: "%@", with: "--resume f.json"), stdin: "1\n", in: directory)
        #expect(later.stdout == """
            cxm: error: cannot write f.json: File too large
            The answers before this one are saved in f.json.
            Continue with: cxm ask --resume f.json --rules \(Self.rules)

            """)
        #expect(try String(contentsOf: directory.appendingPathComponent("f.json"), encoding: .utf8) == saved)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["f.json"])
    }

    // MARK: Temporary files (finding 8)

    /// SIGINT, SIGTERM or SIGHUP during `batch --output` remove the temporary file; cxm then
    /// dies of the signal, as the shell expects.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalRemovesTheTemporaryFile(signal: Int32) throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["batch", "-", "--output", "rows.jsonl", "--rules", Self.rules], in: directory, limit: CLI.patience) {
            let pid = try Self.waitForTemporaryFile(of: "rows.jsonl", in: directory)
            kill(pid, signal)
            let deadline = Date() + CLI.patience
            while kill(pid, 0) == 0 && Date() < deadline { usleep(10_000) }
        }
        #expect(result.status == signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// Ctrl-C in `cxm ask` says where the answers are, keeps them, and leaves no lock or
    /// temporary file.
    @Test func anInterruptedSessionLeavesItsAnswersAndNothingElse() throws {
        let directory = try CLI.temporaryDirectory()
        let profile = directory.appendingPathComponent("p.json")
        let result = try CLI.run(["ask", "--output", "p.json", "--rules", Self.rules], in: directory, limit: CLI.patience) {
            let deadline = Date() + CLI.patience
            while !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".p.json.cxm-lock").path) && Date() < deadline { usleep(10_000) }
            while !FileManager.default.fileExists(atPath: profile.path) && Date() < deadline { usleep(10_000) }
            let holder = try String(contentsOf: directory.appendingPathComponent(".p.json.cxm-lock"), encoding: .utf8)
            let pid = pid_t(holder.split(separator: " ")[3].dropLast())!
            // Interrupted as someone would be: at the prompt, waiting for the firm's name.
            Self.waitUntilWaitingForInput(pid, deadline: deadline)
            kill(pid, SIGINT)
            while kill(pid, 0) == 0 && Date() < deadline { usleep(10_000) }
        }
        #expect(result.status == SIGINT)
        #expect(result.stderr == "\ncxm: interrupted.\nYour answers so far are saved in p.json.\nContinue with: cxm ask --resume p.json --rules \(Self.rules)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["p.json"])
        #expect(try String(contentsOf: profile, encoding: .utf8) == "{\n  \"rules_version\": 1\n}\n")
    }

    /// A temporary file left by a run that was killed (SIGKILL cannot be handled) is removed by
    /// the next run that writes the same file; one of a run still going is left alone.
    @Test func staleTemporaryFilesAreSweptByTheNextRun() throws {
        let directory = try CLI.temporaryDirectory()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let stale = ".rows.csv.cxm-\(finished.processIdentifier)-aBc123"
        let live = ".rows.csv.cxm-\(getpid())-aBc123"
        for name in [stale, live] { try Data("half".utf8).write(to: directory.appendingPathComponent(name)) }
        let result = try CLI.run(["batch", Self.firms, "--format", "csv", "--output", "rows.csv", "--rules", Self.rules], in: directory)
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [live, "rows.csv"])
    }

    /// Waits until the process sleeps (here: waits for input), as Linux's /proc says; elsewhere
    /// a moment.
    static func waitUntilWaitingForInput(_ pid: pid_t, deadline: Date) {
        let stat = "/proc/\(pid)/stat"
        guard FileManager.default.fileExists(atPath: stat) else {
            usleep(500_000)
            return
        }
        var sleeping = 0
        // Sleeping twice in a row, 20 ms apart: not a moment's wait on the way.
        while sleeping < 2 && Date() < deadline {
            let fields = (try? String(contentsOfFile: stat, encoding: .utf8))?.split(separator: ")").last?.split(separator: " ")
            sleeping = fields?.first == "S" ? sleeping + 1 : 0
            usleep(20_000)
        }
    }

    /// The process whose temporary file for `name` has appeared in `directory`.
    static func waitForTemporaryFile(of name: String, in directory: URL) throws -> pid_t {
        let deadline = Date() + CLI.patience
        while Date() < deadline {
            for entry in try FileManager.default.contentsOfDirectory(atPath: directory.path) where entry.hasPrefix(".\(name).cxm-") {
                return pid_t(entry.dropFirst(".\(name).cxm-".count).split(separator: "-")[0])!
            }
            usleep(10_000)
        }
        throw NoTemporaryFile()
    }

    struct NoTemporaryFile: Error {}

    // MARK: Smaller things (finding 19)

    @Test func aDoubleDashEndsTheOptionsAndAClosedInputIsNamed() throws {
        #expect(try CLI.run(["assess", "--", "--help"]) == .init(status: 66, stdout: "", stderr: "cxm: error: no such file: --help\n"))
        #expect(try CLI.shell("\"$CXM\" assess - <&-") == .init(status: 66, stdout: "", stderr: "cxm: error: standard input is closed; pipe a profile into it, or give a file\n"))
        #expect(try CLI.run(["ask", "--output", "-"]) == .init(status: 64, stdout: "", stderr: """
            cxm: error: --output needs a file: standard output shows the questions, and standard input holds the answers
            Run 'cxm ask --help' for usage.

            """))
    }

    /// A scale position in CSV as in JSON (4.0), 1e-400 refused rather than read as 0, a hint
    /// for UTF-16, and a rule file that starts with a byte order mark.
    @Test func inputsAsEditorsAndSpreadsheetsSaveThem() throws {
        let csv = try CLI.run(["batch", "-", "--input-format", "csv", "--format", "jsonl", "--rules", Self.rules], stdin: "id,rivalry\nx,4.0\n")
        let json = try CLI.run(["batch", "-", "--format", "jsonl", "--rules", Self.rules], stdin: #"{"id": "x", "rivalry": 4.0}"# + "\n")
        #expect(csv.status == 0 && csv.stdout == json.stdout)
        #expect(try CLI.run(["assess", "-", "--rules", Self.rules], stdin: #"{"rivalry": 1e-400}"#) == .init(status: 65, stdout: "", stderr: """
            <stdin>:1:13: error[J0127]: number out of range: too close to 0
             1 | {"rivalry": 1e-400}
               |             ^
            cxm: error: <stdin> has 1 error; fix the answers above and try again

            """))
        let directory = try CLI.temporaryDirectory()
        try Data([0xFF, 0xFE] + Array(#"{"rivalry": "agree"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: directory.appendingPathComponent("p.json"))
        let utf16 = try CLI.run(["assess", "p.json", "--rules", Self.rules], in: directory)
        #expect(utf16.status == 65 && utf16.stderr.hasPrefix("p.json:1:1: error[J0101]: the file is in UTF-16; save it as UTF-8 (JSON is read as UTF-8)\n"))
        let rules = try SanitizingTests.copyOfRules()
        let scales = rules.appendingPathComponent("scales.cxm")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(contentsOf: scales)).write(to: scales)
        #expect(try CLI.run(["rules", "check", rules.path]) == .init(status: 0, stdout: "5 files checked: 0 errors, 0 warnings (6 questions, 3 tables, 4 rules)\n", stderr: ""))
    }

    // MARK: Numbers JSON cannot hold (finding 18)

    /// Rules whose arithmetic overflows never make a JSON report `{}`: either the number is
    /// left out (unknown) and the JSON reads, or cxm says it cannot write it (exit 70).
    @Test func anOverflowingNumberNeverMakesAnEmptyReport() throws {
        let rules = try SanitizingTests.copyOfRules()
        let big = "1" + String(repeating: "0", count: 300)
        try Data("let huge = \(big) * \(big)\n  label \"Huge\"\n  show step 2\n".utf8).write(to: rules.appendingPathComponent("huge.cxm"))
        for arguments in [["assess", Self.profile, "--format", "json"], ["explain", Self.profile, "huge", "--format", "json"]] {
            let result = try CLI.run(arguments + ["--rules", rules.path])
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) != "{}", "\(arguments)")
            if result.status == 0 {
                #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any], "\(arguments)")
                #expect(!result.stdout.contains("inf"), "\(arguments)")
            } else {
                #expect(result.status == 70 && result.stdout.isEmpty, "\(arguments)")
                #expect(result.stderr.hasPrefix("cxm: error: cannot write the results as JSON: "), "\(arguments)")
            }
        }
    }
}
