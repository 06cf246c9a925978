import CXMAdvisor
import CXMRules
import Foundation

/// `cxm assess PROFILE`: evaluates one profile and prints the report.
enum AssessCommand {
    static let help = """
        Assess one firm's profile: its conclusions, recommendations and warnings.

        Usage: cxm assess PROFILE [--format text|markdown|json|html] [--trace] [--rules DIR]

        PROFILE is a JSON file of question ids and answers, or - for standard input.

        Options:
          --format FORMAT  text (default; the matrix drawn in characters, colour on a
                           terminal unless NO_COLOR is set), markdown, json (the
                           schema is in docs/report-schema.md), or html (one
                           self-contained page, with the matrix and charts drawn;
                           it prints well)
          --trace          include the engine trace: every rule and table row, whether it
                           matched, and each condition's actual and expected value
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm assess scenarios/air-products.json
          cxm assess scenarios/air-products.json --format markdown > report.md
          cxm assess scenarios/air-products.json --format json
          cxm assess scenarios/air-products.json --format html > report.html
          echo '{"rivalry": "agree"}' | cxm assess -

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        let format: String
        do {
            parsed = try Arguments(arguments, options: ["--format", "--rules"], flags: ["--trace"])
            format = try parsed.choice("--format", among: ReportRenderer.Format.allCases.map(\.rawValue), default: "text")
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        guard parsed.positionals.count == 1 else {
            throw CommandFailure(.usage, parsed.positionals.isEmpty
                ? "give the profile to assess (a JSON file, or - for standard input)"
                : "give one profile at a time")
        }
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        let file = try Input.read(parsed.positionals[0])
        let (profile, diagnostics) = advisor.readProfile(file.bytes, allowing: Scenario.keys)
        guard let profile else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            throw CommandFailure(.dataError, "\(file.path) has \(LoadRules.count(errors, "error")); fix the answers above and try again",
                                 details: Console.render(diagnostics, files: [file]))
        }
        let report = advisor.assess(profile, trace: parsed.flags.contains("--trace"))
        let renderer = ReportRenderer(color: Console.wantsColor(STDOUT_FILENO))
        Console.write(renderer.render(report.assessment, as: ReportRenderer.Format(rawValue: format)!))
        return .success
    }
}
