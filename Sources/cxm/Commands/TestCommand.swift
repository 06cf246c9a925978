import CXMAdvisor
import CXMRules
import Foundation

/// `cxm test [PATH…]`: runs scenarios as tests and reports rule coverage.
enum TestCommand {
    static let help = """
        Run scenarios (firm profiles with expected outcomes) against the rules: PASS or
        FAIL per scenario with the differences, then which rules and table rows no
        scenario exercised, and a final line 'N passed, N failed'.

        Usage: cxm test [PATH…] [--format text|json] [--rules DIR]

        PATH is a scenario file or a folder of them (*.json); the default is scenarios/,
        and scenarios/teams/ where it exists (team files: several respondents'
        answers, combined as cxm combine combines them).
        A path that is missing or cannot be read counts as a failed scenario.

        Options:
          --format FORMAT  text (default) or json
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm test
          cxm test scenarios/air-products.json
          cxm test my-scenarios/ --rules my-rules/ --format json

        Exit codes: 0 every scenario passed, 1 a scenario failed or could not be read,
        64 usage error, 65 the rules have errors, 66 the rule folder cannot be found,
        70 the results cannot be written as JSON (an internal error), 74 standard
        output cannot be written (a closed pipe ends cxm quietly).

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        let format: String
        do {
            parsed = try Arguments(arguments, options: ["--format", "--rules"], flags: [])
            format = try parsed.choice("--format", among: ["text", "json"], default: "text")
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        var results: [Result] = []
        var skipped: [Diagnostic] = []
        let paths = scenarioFiles(parsed.positionals.isEmpty ? defaultPaths : parsed.positionals, problems: &results, skipped: &skipped)
        Console.writeError(Console.render(skipped, files: []))
        let runner = ScenarioRunner(ruleBase: advisor.ruleBase)
        var coverage = ScenarioRunner.Coverage()
        var ran = 0
        for path in paths {
            let file: SourceFile
            do {
                file = try Input.read(path)
            } catch {
                results.append(Result(path: path, name: nil, failures: [error.message ?? "cannot read \(path)"], errors: "", expectsNothing: false))
                continue
            }
            let (scenario, diagnostics) = Scenario.read(file, ruleBase: advisor.ruleBase)
            if let scenario {
                ran += 1
                let outcome = runner.run(scenario, coverage: &coverage)
                results.append(Result(path: path, name: scenario.profile.metadata["name"], failures: outcome.failures, errors: "",
                                      expectsNothing: scenario.expectations.isEmpty))
            } else {
                let errors = diagnostics.filter { $0.severity == .error }
                results.append(Result(path: path, name: nil, failures: errors.map(\.message),
                                      errors: DiagnosticRenderer(files: [file]).render(errors), expectsNothing: false))
            }
        }
        let neverFired = runner.rulesNeverFired(coverage)
        let neverMatched = runner.rowsNeverMatched(coverage)
        if format == "json" {
            Console.write(try json(results, advisor: advisor, neverFired: neverFired, neverMatched: neverMatched))
        } else {
            Console.write(text(results, advisor: advisor, coverage: ran > 0 ? (neverFired, neverMatched) : nil))
        }
        return results.allSatisfy(\.passed) ? .success : .findings
    }

    struct Result {
        var path: String
        var name: String?
        var failures: [String]
        /// Rendered diagnostics when the scenario could not be read.
        var errors: String
        /// Whether the scenario has no expectations (it passes, but tests nothing).
        var expectsNothing: Bool
        var passed: Bool { failures.isEmpty }
    }

    /// The scenarios run by default: scenarios/, and scenarios/teams/ where it exists.
    static var defaultPaths: [String] {
        FileManager.default.fileExists(atPath: "scenarios/teams") ? ["scenarios", "scenarios/teams"] : ["scenarios"]
    }

    /// The scenario files named by the paths: files as given, folders' `*.json` files sorted,
    /// each file once (a file also named through its folder runs once). A path that does not
    /// exist, or a folder without scenarios, is a failed result; a folder's entry that is not a
    /// regular file (a FIFO would block) is skipped with a warning.
    static func scenarioFiles(_ paths: [String], problems: inout [Result], skipped: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        var seen: Set<String> = []
        func add(_ file: String) {
            if seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted { files.append(file) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Result(path: path, name: nil, failures: ["no such file or folder"], errors: "", expectsNothing: false))
                continue
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
                if names.isEmpty {
                    problems.append(Result(path: path, name: nil, failures: ["the folder holds no .json scenario files"], errors: "", expectsNothing: false))
                }
                for name in names {
                    let file = (path.hasSuffix("/") ? path : path + "/") + name
                    var status = stat()
                    if stat(file, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                        skipped.append(Diagnostic(.warning, "\(file.printable()) is \(RuleFolder.kind(of: status)), not a scenario file; skipped", at: nil))
                    } else {
                        add(file)
                    }
                }
            } else {
                add(path)
            }
        }
        return files
    }

    /// The results as text; the coverage when at least one scenario ran.
    static func text(_ results: [Result], advisor: Advisor, coverage: (neverFired: [String], neverMatched: [(table: String, row: Int)])?) -> String {
        var out = ""
        for result in results {
            out += "\(result.passed ? "PASS" : "FAIL")  \(result.path.printable())\(result.name.map { "  \($0)" } ?? "")"
            out += result.expectsNothing ? "  (no expectations)\n" : "\n"
            if !result.errors.isEmpty {
                out += result.errors.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "      \($0)\n" }.joined()
            } else {
                for failure in result.failures { out += "      \(failure)\n" }
            }
        }
        if let (neverFired, neverMatched) = coverage {
            let rules = advisor.ruleBase.rules.count
            let rows = advisor.ruleBase.tables.reduce(0) { $0 + $1.rowCount }
            out += "\nCoverage: \(rules - neverFired.count) of \(rules) rules fired, \(rows - neverMatched.count) of \(rows) table rows matched\n"
            if !neverFired.isEmpty {
                out += TextLayout.wrap("rules never fired: \(neverFired.joined(separator: ", "))", indent: "  ", hanging: "    ")
            }
            if !neverMatched.isEmpty {
                out += TextLayout.wrap("table rows never matched: \(neverMatched.map { "\($0.table)\u{00A0}row\u{00A0}\($0.row)" }.joined(separator: ", "))",
                                       indent: "  ", hanging: "    ")
            }
        }
        let passed = results.filter(\.passed).count
        out += "\n\(passed) passed, \(results.count - passed) failed\n"
        return out
    }

    static func json(_ results: [Result], advisor: Advisor, neverFired: [String], neverMatched: [(table: String, row: Int)]) throws(CommandFailure) -> String {
        struct Document: Encodable {
            var schemaVersion: Int
            var scenarios: [Entry]
            var coverage: Coverage
            var passed: Int
            var failed: Int
        }
        struct Entry: Encodable {
            var file: String
            var name: String?
            var passed: Bool
            var failures: [String]
        }
        struct Coverage: Encodable {
            var rules: Int
            var rulesFired: Int
            var rulesNeverFired: [String]
            var tableRows: Int
            var tableRowsMatched: Int
            var tableRowsNeverMatched: [Row]
        }
        struct Row: Encodable {
            var table: String
            var row: Int
        }
        let rows = advisor.ruleBase.tables.reduce(0) { $0 + $1.rowCount }
        let passed = results.filter(\.passed).count
        let document = Document(
            schemaVersion: 1,
            scenarios: results.map { Entry(file: $0.path, name: $0.name, passed: $0.passed, failures: $0.failures) },
            coverage: Coverage(rules: advisor.ruleBase.rules.count, rulesFired: advisor.ruleBase.rules.count - neverFired.count,
                               rulesNeverFired: neverFired, tableRows: rows, tableRowsMatched: rows - neverMatched.count,
                               tableRowsNeverMatched: neverMatched.map { Row(table: $0.table, row: $0.row) }),
            passed: passed, failed: results.count - passed)
        return try CommandFailure.encoding(try ReportRenderer.encode(document))
    }
}
