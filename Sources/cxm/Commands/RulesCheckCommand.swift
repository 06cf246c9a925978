import CXMAdvisor
import CXMRules
import Foundation

/// `cxm rules check [DIR]`: checks rule files and prints every error and warning.
enum RulesCheckCommand {
    static let help = """
        Check rule files: syntax, names, types, citations, cycles, and the tables' gaps,
        overlaps and unreachable rows. Prints every error and warning like a compiler,
        or with --format json one document of them all, with their codes and positions
        (see docs/diagnostics.md).

        Usage: cxm rules check [DIR] [--format text|json]

        DIR is a folder of .cxm files; without it, the bundled rule base is checked.

        Options:
          --format FORMAT  text (default: diagnostics on standard error, a summary on
                           standard output) or json (one document on standard output)

        Exit codes: 0 no errors (warnings allowed), 1 errors found, 64 usage error,
        66 the folder cannot be found or holds no .cxm files, 70 the document cannot
        be written as JSON (an internal error), 74 standard output or standard error
        cannot be written (a closed pipe ends cxm quietly).

        Examples:
          cxm rules check
          cxm rules check rules/
          cxm rules check my-rules/ --format json

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        let format: String
        do {
            parsed = try Arguments(arguments, options: ["--format"], flags: [])
            format = try parsed.choice("--format", among: ["text", "json"], default: "text")
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        guard parsed.positionals.count <= 1 else { throw CommandFailure(.usage, "give at most one rule folder") }
        let files: [SourceFile]
        var diagnostics: [Diagnostic] = []
        if let directory = parsed.positionals.first {
            do {
                let folder = try RuleFolder(directory: URL(fileURLWithPath: directory), displayPath: directory)
                files = folder.files
                diagnostics = folder.diagnostics
            } catch {
                guard format == "json" else { throw CommandFailure(.noInput, error.message, diagnosticCode: error.code) }
                // The document says why, as a diagnostic of the folder as a whole.
                let document = Document(schemaVersion: 1, files: 0, errors: error.diagnostics.count, warnings: 0,
                                        diagnostics: DiagnosticRenderer(files: []).located(error.diagnostics), ruleBase: nil)
                Console.write(try CommandFailure.encoding(try ReportRenderer.encode(document)))
                return .noInput
            }
        } else {
            files = Advisor.bundledFiles
        }
        let (ruleBase, checked) = RuleBase.check(files: files, format: Advisor.profileFormat)
        diagnostics += checked
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if format == "json" {
            let document = Document(
                schemaVersion: 1, files: files.count, errors: errors, warnings: warnings,
                diagnostics: DiagnosticRenderer(files: files).located(diagnostics),
                ruleBase: ruleBase.flatMap { errors == 0 ? .init(questions: $0.questions.count, tables: $0.tables.count, rules: $0.rules.count) : nil })
            Console.write(try CommandFailure.encoding(try ReportRenderer.encode(document)))
            return errors > 0 ? .findings : .success
        }
        Console.writeError(Console.render(diagnostics, files: files))
        var summary = "\(TextLayout.count(files.count, "file")) checked: \(TextLayout.count(errors, "error")), \(TextLayout.count(warnings, "warning"))"
        if let ruleBase, errors == 0 {
            summary += " (\(TextLayout.count(ruleBase.questions.count, "question")), \(TextLayout.count(ruleBase.tables.count, "table")), \(TextLayout.count(ruleBase.rules.count, "rule")))"
        }
        Console.write(summary + "\n")
        return errors > 0 ? .findings : .success
    }

    /// What `--format json` prints (schema 1; docs/diagnostics.md).
    struct Document: Encodable {
        var schemaVersion: Int
        var files: Int
        var errors: Int
        var warnings: Int
        var diagnostics: [LocatedDiagnostic]
        /// What the rule base holds, when it has no errors.
        var ruleBase: Summary?

        struct Summary: Encodable {
            var questions: Int
            var tables: Int
            var rules: Int
        }
    }
}
