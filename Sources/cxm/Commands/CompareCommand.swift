import CXMAdvisor
import CXMRules
import Foundation

/// `cxm compare BEFORE AFTER`: the way a firm has come between two assessments.
enum CompareCommand {
    static let help = """
        Compare two assessments of a firm, an earlier and a later one, both with the
        current rules: the way it has come on the matrix, the answers and conclusions
        that changed (each conclusion with the changed answers behind it), what to do
        now, and the recommendations and warnings that are new or no longer apply.

        Usage: cxm compare BEFORE AFTER [--full] [--format FORMAT]
                                        [--input-format csv|jsonl] [--rules DIR]

        BEFORE and AFTER are two profiles (JSON) of one firm, or two folders, JSON
        Lines or CSV files of many, whose profiles are matched by their id (else their
        name and segment); those in only one are listed. A team file (several
        respondents, as cxm combine reads) counts as one profile of its firm: their
        answers combined as cxm combine combines them. Profiles saved with an earlier
        release of cxm are read as the current rules map them.

        Options:
          --full           every conclusion that changed, not only those reports show
          --format FORMAT  text (default), markdown, json (docs/compare-schema.md) or
                           html (one self-contained page; it prints well and reads on
                           a phone)
          --input-format FORMAT
                           csv or jsonl: what BEFORE, AFTER or standard input hold,
                           whatever their names say
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm compare nordic-valves-2025.json nordic-valves-2026.json
          cxm compare survey-2025.csv survey-2026.csv --format html > progress.html
          cxm compare before.json after.json --format json

        Exit codes: 0 the comparison was printed, 64 usage error, 65 a profile, a record
        or the rules have errors, an input names a firm twice, or no profile of one
        input matches one of the other, 66 an input or the rule folder cannot be found
        or read, 70 the comparison cannot be written as JSON (an internal error),
        74 standard output cannot be written (a closed pipe ends cxm quietly).

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let arguments = try ManyProfileArguments(arguments, flags: ["--full"])
        let parsed = arguments.parsed
        guard parsed.positionals.count == 2 else {
            throw CommandFailure(.usage, parsed.positionals.count < 2 ? "give two profiles, the earlier and the later one (or two files of many)"
                                                                      : "give two inputs, the earlier and the later one")
        }
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        let before = try ProfileInputs.read(parsed.positionals[0], as: arguments.inputFormat, advisor: advisor, combiningTeams: true)
        let after = try ProfileInputs.read(parsed.positionals[1], as: arguments.inputFormat, advisor: advisor, combiningTeams: true)
        let document: Comparison.Document
        if before.count == 1 && after.count == 1 {
            let (old, new) = (RespondentGroups.name(before[0].metadata), RespondentGroups.name(after[0].metadata))
            if let old, let new, old != new {
                Console.writeError("cxm: warning: the two profiles name different firms ('\(old.printable())' and '\(new.printable())'); compared all the same\n")
            }
            document = Comparison.Document(comparisons: [advisor.compare(before[0], after[0])])
        } else {
            document = try matched(before, after, paths: (parsed.positionals[0], parsed.positionals[1]), advisor: advisor)
        }
        try arguments.print { renderer throws(JSONEncodingFailure) in try renderer.render(document, as: arguments.format) }
        return .success
    }

    /// The profiles of the two inputs paired by firm, in the later input's order.
    static func matched(_ before: [Profile], _ after: [Profile], paths: (String, String), advisor: Advisor) throws(CommandFailure) -> Comparison.Document {
        func index(_ profiles: [Profile], _ path: String) throws(CommandFailure) -> [String: Profile] {
            var byKey: [String: Profile] = [:]
            for profile in profiles {
                let name = RespondentGroups.name(profile.metadata) ?? "a profile without an id or name"
                guard byKey.updateValue(profile, forKey: RespondentGroups.key(profile.metadata)) == nil else {
                    throw CommandFailure(.dataError, "\(path.printable()) holds '\(name.printable())' more than once; give each firm (and segment) once to compare")
                }
            }
            return byKey
        }
        let (old, new) = (try index(before, paths.0), try index(after, paths.1))
        let pairs = after.compactMap { profile in old[RespondentGroups.key(profile.metadata)].map { ($0, profile) } }
        guard !pairs.isEmpty else {
            throw CommandFailure(.dataError, "no profile of \(paths.0.printable()) has the id (or name and segment) of one in \(paths.1.printable()); nothing to compare")
        }
        let name = { (profile: Profile) in RespondentGroups.name(profile.metadata) ?? "?" }
        return Comparison.Document(
            comparisons: pairs.map { advisor.compare($0.0, $0.1) },
            onlyBefore: before.filter { new[RespondentGroups.key($0.metadata)] == nil }.map(name),
            onlyAfter: after.filter { old[RespondentGroups.key($0.metadata)] == nil }.map(name))
    }
}
