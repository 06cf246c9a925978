import CXMAdvisor
import CXMRules
import Foundation

/// Loads the rule base a command works with: the bundled one, or `--rules DIR`.
enum LoadRules {
    static func advisor(_ directory: String?) throws(CommandFailure) -> Advisor {
        do {
            if let directory {
                return try Advisor(rulesDirectory: URL(fileURLWithPath: directory), displayPath: directory)
            }
            return try Advisor.bundled()
        } catch {
            guard !error.diagnostics.isEmpty else {
                throw CommandFailure(.noInput, error.message)
            }
            let errors = error.diagnostics.filter { $0.severity == .error }
            let folder = directory ?? "rules"
            throw CommandFailure(
                .dataError,
                "the rules in \(folder) have \(count(errors.count, "error")); run 'cxm rules check \(folder)' for details",
                details: Console.render(errors, files: error.files))
        }
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
