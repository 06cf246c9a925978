import CXMAdvisor
import CXMRules
import Foundation

/// `cxm rules check [DIR]`: checks rule files and prints every error and warning.
enum RulesCheckCommand {
    static let help = """
        Check rule files: syntax, names, types, citations, cycles, and the tables' gaps,
        overlaps and unreachable rows. Prints every error and warning like a compiler.

        Usage: cxm rules check [DIR]

        DIR is a folder of .cxm files; without it, the bundled rule base is checked.

        Exit codes: 0 no errors (warnings allowed), 1 errors found, 64 usage error,
        66 the folder cannot be found or holds no .cxm files, 74 standard output or
        standard error cannot be written (a closed pipe ends cxm quietly).

        Examples:
          cxm rules check
          cxm rules check rules/

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: [], flags: [])
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
                throw CommandFailure(.noInput, error.message)
            }
        } else {
            files = Advisor.bundledFiles
        }
        let (ruleBase, checked) = RuleBase.check(files: files, format: Advisor.profileFormat)
        diagnostics += checked
        Console.writeError(Console.render(diagnostics, files: files))
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var summary = "\(TextLayout.count(files.count, "file")) checked: \(TextLayout.count(errors, "error")), \(TextLayout.count(warnings, "warning"))"
        if let ruleBase, errors == 0 {
            summary += " (\(TextLayout.count(ruleBase.questions.count, "question")), \(TextLayout.count(ruleBase.tables.count, "table")), \(TextLayout.count(ruleBase.rules.count, "rule")))"
        }
        Console.write(summary + "\n")
        return errors > 0 ? .findings : .success
    }
}
