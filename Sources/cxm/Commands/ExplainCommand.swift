import CXMAdvisor
import CXMRules

/// `cxm explain PROFILE [WHAT]`: why a conclusion holds, why a rule fired or did not, or what
/// a question's answer does.
enum ExplainCommand {
    static let help = """
        Explain a conclusion for one firm's profile: how it was derived, from which
        answers, and which missing answers could change it; or why a rule fired or did
        not; or what a question's answer does. Without WHAT, explains the watched
        conclusions.

        Usage: cxm explain PROFILE [WHAT] [--trace] [--format text|json] [--rules DIR]

        PROFILE is a JSON file of question ids and answers, or - for standard input.
        WHAT is the name of a conclusion (a derived value, table or output), of a rule,
        or of a question; any case, or a conclusion's label.

        Options:
          --trace          add the engine trace of the tables and rules involved
          --format FORMAT  text (default) or json
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm explain scenarios/air-products.json
          cxm explain scenarios/air-products.json archetype
          cxm explain scenarios/air-products.json fashionista_warning
          cxm explain scenarios/air-products.json cx_anchor --format json

        Exit codes: 0 done; 64 usage error, such as a WHAT the rules do not know; 65 the
        profile or the rule files have errors; 66 the profile or the rules are missing;
        70 the explanation cannot be written as JSON (an internal error); 74 standard
        output cannot be written (a closed pipe ends cxm quietly).

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let arguments = try ProfileArguments(arguments, options: [], flags: ["--trace"], verb: "explain", extra: "thing to explain")
        let advisor = try LoadRules.advisor(arguments.parsed.values["--rules"])
        var subject = Explanation.Subject.overview
        if let what = arguments.rest.first {
            guard let found = advisor.subject(matching: what) else {
                let suggestion = advisor.didYouMean(what, among: advisor.subjectNames)
                throw CommandFailure(.usage, "nothing called '\(what)' in the rules"
                    + (suggestion.isEmpty ? "; name a conclusion, a rule or a question" : suggestion))
            }
            subject = found
        }
        let profile = try LoadRules.profile(arguments.profile, advisor: advisor)
        // `subject(matching:)` finds subjects in this rule base, which can always be explained.
        let explanation = advisor.explain(profile, subject, trace: arguments.parsed.flags.contains("--trace"))!
        let renderer = ExplanationRenderer(ruleBase: advisor.ruleBase)
        Console.write(arguments.format == "json" ? try CommandFailure.encoding(try renderer.json(explanation)) : renderer.text(explanation))
        return .success
    }
}
