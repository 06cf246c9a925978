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
        let suite = ScenarioSuite.run(parsed.positionals.isEmpty ? defaultPaths : parsed.positionals, advisor: advisor, read: read)
        Console.writeError(Console.render(suite.warnings, files: []))
        Console.write(format == "json" ? try CommandFailure.encoding(try suite.json()) : suite.text())
        return suite.allPassed ? .success : .findings
    }

    /// The scenarios run by default: scenarios/, and scenarios/teams/ where it exists.
    private static var defaultPaths: [String] {
        FileManager.default.fileExists(atPath: "scenarios/teams") ? ["scenarios", "scenarios/teams"] : ["scenarios"]
    }

    /// A scenario file, read as profiles are (with their limit).
    private static func read(_ path: String) throws(ScenarioSuite.ReadFailure) -> SourceFile {
        do {
            return try Input.read(path)
        } catch {
            throw ScenarioSuite.ReadFailure(error.message ?? "cannot read \(path)")
        }
    }
}
