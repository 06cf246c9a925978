import CXMAdvisor
import CXMRules
import Foundation

/// `cxm combine FILE…`: several respondents of one firm assessed together.
enum CombineCommand {
    static let help = """
        Assess a firm from several respondents' answers: their answers combined into
        one assessment, where each respondent's own answers place the firm on the
        matrix, how far their answers spread question by question, and the advice the
        rules give on their disagreement.

        Usage: cxm combine FILE… [--anonymous] [--full] [--format FORMAT]
                                 [--input-format csv|jsonl] [--rules DIR]

        FILE is a respondent's profile (JSON), a team file (the firm's name and
        "respondents": a list of profiles), a folder of them, a JSON Lines or CSV file
        with a row per respondent, or - for standard input (JSON Lines, or CSV with
        --input-format csv). Rows are grouped by firm (their id, else their name) and
        segment; each group is assessed on its own. A respondent is named by their
        "respondent" (R1, R2… where none is given). Scales and numbers combine by
        their median, yes/no and single options by majority (a tie leaves the answer
        open), multiple choices by what more than half chose; the report states each
        rule. The rules read how far the answers to a question spread (spread(q) in
        rules/team-disagreement.cxm) and advise on the disagreement.

        Options:
          --anonymous      name the respondents R1, R2… in their order, whatever the
                           input calls them
          --full           also every recommendation with why and sources, the
                           warnings, every question the respondents differ on, and
                           how each spread is measured
          --format FORMAT  text (default), markdown, json (docs/combine-schema.md) or
                           html (one self-contained page; it prints well and reads on
                           a phone)
          --input-format FORMAT
                           csv or jsonl: what a FILE or standard input holds, whatever
                           its name says
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm combine ceo.json sales-director.json cx-manager.json
          cxm combine scenarios/teams/split-on-impact.json --format html > team.html
          cxm combine leadership-survey.csv --anonymous
          cxm combine leadership-survey.csv --format json

        Exit codes: 0 the report was printed, 64 usage error, 65 a profile, a record or
        the rules have errors (each is shown, and nothing is assessed: a respondent
        left out would change the result), 66 a FILE or the rule folder cannot be
        found or read, 70 the report cannot be written as JSON (an internal error),
        74 standard output cannot be written (a closed pipe ends cxm quietly).

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let arguments = try ManyProfileArguments(arguments, flags: ["--anonymous", "--full"])
        let parsed = arguments.parsed
        guard !parsed.positionals.isEmpty else {
            throw CommandFailure(.usage, "give the respondents' answers: profile files, a team file, a folder, or a JSON Lines or CSV file")
        }
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        var profiles: [Profile] = []
        for path in parsed.positionals {
            profiles += try ProfileInputs.read(path, as: arguments.inputFormat, advisor: advisor, limit: ProfileInputs.maximumProfiles - profiles.count)
        }
        guard !profiles.isEmpty else { throw CommandFailure(.dataError, TeamDiagnostic.noProfiles.entry) }
        let anonymous = parsed.flags.contains("--anonymous")
        let teams = RespondentGroups.group(profiles).map { advisor.combine($0, anonymous: anonymous) }
        try arguments.print { renderer throws(JSONEncodingFailure) in try renderer.render(teams, as: arguments.format) }
        return .success
    }
}
