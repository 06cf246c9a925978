import CXMAdvisor
import CXMRules

/// `cxm whatif PROFILE`: the fewest different answers that would change a conclusion.
enum WhatifCommand {
    static let help = """
        Show what would change a conclusion: the fewest different answers that would
        change a watched value (the first the rules mark 'watch', unless --value names
        another), or give it the option --to asks for; and how many questions could
        change it alone.

        Usage: cxm whatif PROFILE [--value NAME] [--to OPTION] [--max-changes N]
                                  [--time-limit SECONDS] [--format text|json]
                                  [--rules DIR]

        PROFILE is a JSON file of question ids and answers, or - for standard input.

        Options:
          --value NAME     the value to change: name or label (default: first watched)
          --to OPTION      only sets that give this option (its id or label)
          --max-changes N  the most questions to change, 1 to \(maxChangesLimit) (default: any)
          --time-limit SECONDS
                           how long the search may take, \(formatNumber(timeLimits.lowerBound)) to \(formatNumber(timeLimits.upperBound))
                           (default \(formatNumber(defaultSeconds)))
          --format FORMAT  text (default) or json
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Sets of 1, 2, … questions are tried over the questions the value depends on,
        until a size works; for each set, the answers that move least (positions on a
        scale, options added or removed). A change to a multiple-choice question
        replaces its answer with another set of options and counts as one change. When
        the value stays settled with every question it depends on left open, no change
        can work, and the search says so. When the time runs out it says what it
        established ("no way with 2 changes"); a search that completes gives the same
        answer on every machine.

        Examples:
          cxm whatif scenarios/air-products.json
          cxm whatif scenarios/air-products.json --to champion
          cxm whatif scenarios/air-products.json --value target_archetype
          cxm whatif scenarios/air-products.json --to champion --time-limit 5

        Exit codes: 0 done; 64 usage error, such as a value or option the rules do not
        know; 65 the profile or the rule files have errors; 66 the profile or the rules
        are missing; 70 the results cannot be written as JSON (an internal error);
        74 standard output cannot be written (a closed pipe ends cxm quietly).

        """

    static let maxChangesLimit = 99
    static let timeLimits: ClosedRange<Double> = 0.01...3600
    static var defaultSeconds: Double { Double(WhatIf.defaultTimeLimit.components.seconds) }

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let arguments = try ProfileArguments(arguments, options: ["--value", "--to", "--max-changes", "--time-limit"], flags: [], verb: "explore")
        let parsed = arguments.parsed
        var maxChanges: Int?
        if let text = parsed.values["--max-changes"] {
            guard let number = Int(text), (1...maxChangesLimit).contains(number) else {
                throw CommandFailure(.usage, "--max-changes must be a whole number from 1 to \(maxChangesLimit), not '\(text)'")
            }
            maxChanges = number
        }
        var timeLimit = WhatIf.defaultTimeLimit
        if let text = parsed.values["--time-limit"] {
            guard let seconds = Double(text), timeLimits.contains(seconds) else {
                throw CommandFailure(.usage, "--time-limit must be a number of seconds from \(formatNumber(timeLimits.lowerBound)) to \(formatNumber(timeLimits.upperBound)), not '\(text)'")
            }
            timeLimit = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        let slot = try value(parsed.values["--value"], in: advisor)
        var goal = CounterfactualGoal.change
        if let option = parsed.values["--to"] {
            goal = .reach(try target(option, of: slot, in: advisor.ruleBase))
        }
        let profile = try LoadRules.profile(arguments.profile, advisor: advisor)
        // `value(_:in:)` gives a slot of this rule base, for which there is always an analysis.
        let whatIf = advisor.whatIf(profile, value: slot, goal: goal, maxChanges: maxChanges, timeLimit: timeLimit)!
        let renderer = WhatIfRenderer(ruleBase: advisor.ruleBase)
        Console.write(arguments.format == "json" ? try CommandFailure.encoding(try renderer.json(whatIf)) : renderer.text(whatIf))
        return .success
    }

    /// The value to change: `--value`, or the first watched value.
    static func value(_ name: String?, in advisor: Advisor) throws(CommandFailure) -> SlotID {
        let ruleBase = advisor.ruleBase
        let derived = ruleBase.values.filter { $0.kind != .question }.map(\.name)
        guard let name else {
            guard let watched = advisor.watchedValues.first else {
                let some = derived.prefix(8).joined(separator: ", ") + (derived.count > 8 ? ", …" : "")
                throw CommandFailure(.usage, "the rules mark no value 'watch'; name the value to change with --value (one of: \(some))")
            }
            return watched
        }
        guard let slot = ruleBase.slot(matching: name) else {
            throw CommandFailure(.usage, "unknown value '\(name)'\(advisor.didYouMean(name, among: derived))")
        }
        guard ruleBase.values[slot].kind != .question else {
            throw CommandFailure(.usage, "'\(ruleBase.values[slot].name)' is a question; --value takes a value the rules derive from the answers")
        }
        return slot
    }

    /// The option `--to` names, among the values of the value in `slot`.
    static func target(_ text: String, of slot: SlotID, in ruleBase: RuleBase) throws(CommandFailure) -> Value {
        let info = ruleBase.values[slot]
        let names = ruleBase.optionNames(of: info.type)
        guard !names.isEmpty else {
            throw CommandFailure(.usage, "--to needs a value with options, but '\(info.name)' is a \(info.type == .number ? "number" : "set or text")")
        }
        guard let value = ruleBase.option(matching: text, of: info.type) else {
            var ids = names
            if case .option(let type) = info.type { ids = ruleBase.optionTypes[type].options }
            throw CommandFailure(.usage, "'\(text)' is not an option of '\(info.name)'\(Suggestions.didYouMean(text, in: names)) (options: \(ids.joined(separator: ", ")))")
        }
        return value
    }
}
