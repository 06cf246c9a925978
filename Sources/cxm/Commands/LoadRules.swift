import CXMAdvisor
import CXMRules
import Foundation

/// Loads the rule base a command works with (the bundled one, or `--rules DIR`), and profiles.
enum LoadRules {
    /// The advisor on the bundled rules, or on those of `directory`; the warnings about that
    /// folder's entries (such as a FIFO skipped) are shown, the rules' own are left to `rules check`.
    static func advisor(_ directory: String?) throws(CommandFailure) -> Advisor {
        try advisors(directory, count: 1)[0]
    }

    /// `count` advisors on the same rules, each on a rule base of its own checked at the same
    /// time as the others (see ``BatchWorker/advisors(_:check:)``): the first, then one for each
    /// other thread of a batch.
    /// They live until cxm ends (see ``Leftovers``).
    static func advisors(_ directory: String?, count: Int) throws(CommandFailure) -> [Advisor] {
        do {
            let advisors: [Advisor]
            if let directory {
                let folder = try RuleFolder(directory: URL(fileURLWithPath: directory), displayPath: directory)
                Console.writeError(Console.render(folder.diagnostics.filter { $0.severity == .warning }, files: folder.files))
                advisors = try BatchWorker.advisors(count) { () throws(RuleBaseError) in try Advisor(folder) }
            } else {
                advisors = try BatchWorker.advisors(count) { () throws(RuleBaseError) in try Advisor.bundled() }
            }
            Leftovers.keep(advisors)
            return advisors
        } catch {
            if let code = error.code { throw CommandFailure(.noInput, error.message, diagnosticCode: code) }
            let errors = error.diagnostics.filter { $0.severity == .error }
            let folder = directory ?? "rules"
            throw CommandFailure(
                .dataError,
                "the rules in \(folder) have \(TextLayout.count(errors.count, "error")); run 'cxm rules check \(folder)' for details",
                details: Console.render(errors, files: error.files))
        }
    }

    /// Reads the profile (or scenario) a command names, reporting its problems like a compiler.
    static func profile(_ path: String, advisor: Advisor) throws(CommandFailure) -> Profile {
        let file = try Input.read(path)
        let (profile, diagnostics) = advisor.readProfile(file.bytes, allowing: Scenario.keys)
        guard let profile else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            throw CommandFailure(.dataError, "\(file.path) has \(TextLayout.count(errors, "error")); fix the answers above and try again",
                                 details: Console.render(diagnostics, files: [file]))
        }
        return profile
    }
}
