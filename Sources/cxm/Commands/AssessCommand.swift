import CXMAdvisor
import CXMRules
import Foundation

/// `cxm assess PROFILE`: evaluates one profile and prints the report.
enum AssessCommand {
    static let help = """
        Assess one firm's profile: its conclusions, recommendations and warnings.

        Usage: cxm assess PROFILE [--full] [--format FORMAT] [--date DATE] [--trace]
                          [--rules DIR]

        PROFILE is a JSON file of question ids and answers, or - for standard input.
        The report leads with the summary (where the firm stands, what to aim for, how
        sure that is), the actions to take first, the matrix and each step's key
        conclusions.

        Options:
          --full           the full report: also every recommendation with why and
                           sources, the warnings, the scores in charts, what one
                           different answer would change, the questions worth
                           answering
          --format FORMAT  text (default; the matrix drawn in characters, colour on a
                           terminal unless NO_COLOR is set), markdown, json (always
                           everything; the schema is in docs/report-schema.md), or
                           html (one self-contained page, with the matrix and charts
                           drawn; it prints well and reads on a phone)
          --date DATE      the date of the answers, shown under the title (instead of
                           the profile's "date")
          --trace          include the engine trace: every rule and table row, whether
                           it matched, and each condition's actual and expected value
                           (text, markdown, json; cxm explain --trace narrows it down)
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm assess scenarios/air-products.json
          cxm assess scenarios/air-products.json --full
          cxm assess scenarios/air-products.json --format markdown > report.md
          cxm assess scenarios/air-products.json --format json
          cxm assess scenarios/air-products.json --format html > report.html
          echo '{"rivalry": "agree"}' | cxm assess -

        Exit codes: 0 the report was printed, 64 usage error, 65 the profile or the
        rules have errors, 66 the profile or the rule folder cannot be found or read,
        70 the report cannot be written as JSON (an internal error), 74 standard
        output cannot be written (a closed pipe ends cxm quietly).

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let arguments = try ProfileArguments(arguments, options: ["--date"], flags: ["--trace", "--full"], verb: "assess",
                                             formats: ReportRenderer.Format.allCases.map(\.rawValue))
        let parsed = arguments.parsed
        if parsed.flags.contains("--trace") && arguments.format == "html" {
            throw CommandFailure(.usage, "--trace works with --format text, markdown or json; the HTML report leaves it out")
        }
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        let profile = try LoadRules.profile(arguments.profile, advisor: advisor)
        let report = advisor.assess(profile, trace: parsed.flags.contains("--trace"))
        var assessment = report.assessment()
        Leftovers.keep(report)
        if let date = parsed.values["--date"] { assessment.date = date.printable() }
        let renderer = ReportRenderer(color: Console.wantsColor(STDOUT_FILENO), full: parsed.flags.contains("--full"))
        let format = ReportRenderer.Format(rawValue: arguments.format)!
        Console.write(try CommandFailure.encoding(try renderer.render(assessment, as: format)))
        Leftovers.keep(assessment)
        return .success
    }
}
