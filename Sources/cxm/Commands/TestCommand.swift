import CXMAdvisor
import CXMRules
import Foundation

/// `cxm test [PATH…]`: runs scenarios as tests and reports rule coverage.
enum TestCommand {
    static let help = """
        Run scenarios (firm profiles with expected outcomes) against the rules: PASS or FAIL
        per scenario with the differences, then which rules and table rows no scenario
        exercised, and a final line 'N passed, N failed'.

        Usage: cxm test [PATH…] [--format text|json] [--rules DIR]

        PATH is a scenario file or a folder of them (*.json); the default is scenarios/.
        Exits with 0 when every scenario passes, 1 when any fails or cannot be read.

        Options:
          --format FORMAT  text (default) or json
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm test
          cxm test scenarios/air-products.json
          cxm test my-scenarios/ --rules my-rules/ --format json

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
        let paths = try scenarioFiles(parsed.positionals.isEmpty ? ["scenarios"] : parsed.positionals)
        let runner = ScenarioRunner(ruleBase: advisor.ruleBase)
        var coverage = ScenarioRunner.Coverage()
        var results: [Result] = []
        for path in paths {
            let file = try Input.read(path)
            let (scenario, diagnostics) = Scenario.read(file, ruleBase: advisor.ruleBase)
            if let scenario {
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
            Console.write(json(results, advisor: advisor, neverFired: neverFired, neverMatched: neverMatched))
        } else {
            Console.write(text(results, advisor: advisor, neverFired: neverFired, neverMatched: neverMatched))
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

    /// The scenario files named by the paths: files as given, folders' `*.json` files sorted.
    static func scenarioFiles(_ paths: [String]) throws(CommandFailure) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure(.noInput, "no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
                guard !names.isEmpty else { throw CommandFailure(.noInput, "\(path) holds no .json scenario files") }
                files += names.map { (path.hasSuffix("/") ? path : path + "/") + $0 }
            } else {
                files.append(path)
            }
        }
        return files
    }

    static func text(_ results: [Result], advisor: Advisor, neverFired: [String], neverMatched: [(table: String, row: Int)]) -> String {
        var out = ""
        for result in results {
            out += "\(result.passed ? "PASS" : "FAIL")  \(result.path)\(result.name.map { "  \($0)" } ?? "")"
            out += result.expectsNothing ? "  (no expectations)\n" : "\n"
            if !result.errors.isEmpty {
                out += result.errors.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "      \($0)\n" }.joined()
            } else {
                for failure in result.failures { out += "      \(failure)\n" }
            }
        }
        let rules = advisor.ruleBase.rules.count
        let rows = advisor.ruleBase.tables.reduce(0) { $0 + $1.rowCount }
        out += "\nCoverage: \(rules - neverFired.count) of \(rules) rules fired, \(rows - neverMatched.count) of \(rows) table rows matched\n"
        if !neverFired.isEmpty { out += "  rules never fired: \(neverFired.joined(separator: ", "))\n" }
        if !neverMatched.isEmpty {
            out += "  table rows never matched: \(neverMatched.map { "\($0.table) row \($0.row)" }.joined(separator: ", "))\n"
        }
        let passed = results.filter(\.passed).count
        out += "\n\(passed) passed, \(results.count - passed) failed\n"
        return out
    }

    static func json(_ results: [Result], advisor: Advisor, neverFired: [String], neverMatched: [(table: String, row: Int)]) -> String {
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
        return ReportRenderer.encode(document)
    }
}
