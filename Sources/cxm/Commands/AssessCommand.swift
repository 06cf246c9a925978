import CXMAdvisor
import CXMRules

/// `cxm assess PROFILE`: evaluates one profile and prints the report.
enum AssessCommand {
    static let help = """
        Assess one firm's profile: its conclusions, recommendations and warnings.

        Usage: cxm assess PROFILE [--format text|json] [--trace] [--rules DIR]

        PROFILE is a JSON file of question ids and answers, or - for standard input.

        Options:
          --format FORMAT  text (default) or json
          --trace          include the engine trace: every rule and table row, whether it
                           matched, and each condition's actual and expected value
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm assess scenarios/air-products.json
          cxm assess scenarios/air-products.json --format json
          echo '{"rivalry": "agree"}' | cxm assess -

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let arguments = try ProfileArguments(arguments, options: [], flags: ["--trace"], verb: "assess")
        let parsed = arguments.parsed
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        let profile = try LoadRules.profile(arguments.profile, advisor: advisor)
        let report = advisor.assess(profile, trace: parsed.flags.contains("--trace"))
        let renderer = ReportRenderer(ruleBase: advisor.ruleBase)
        Console.write(arguments.format == "json" ? renderer.json(report) : renderer.text(report) + (parsed.flags.contains("--trace") ? renderer.traceText(report) : ""))
        return .success
    }
}
