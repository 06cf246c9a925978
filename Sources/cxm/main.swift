import CXMRules
import Foundation

/// The version printed by `cxm --version`.
let version = "0.1.0"

let overview = """
    cxm \(version): a rule-based CXM strategy advisor for B2B firms.

    Usage: cxm COMMAND [OPTIONS]

    Commands:
      ask                answer the questionnaire step by step, then get the report
      assess PROFILE     assess one firm's profile (JSON) and print the report
      explain PROFILE    why a conclusion holds, or why a rule fired or did not
      whatif PROFILE     what different answers would change a conclusion
      test [PATH…]       run scenarios as tests and report rule coverage
      batch INPUT        assess a folder, JSON Lines or CSV file: a row per profile
      combine FILE…      a firm's respondents combined, and where they differ
      compare OLD NEW    the way a firm has come between two assessments
      questions          the questionnaire as a form (Markdown) or a JSON Schema
      rules check [DIR]  check rule files and print every error and warning

    Options:
      --help             show help (also: cxm COMMAND --help)
      --version          show the version

    Run 'cxm COMMAND --help' for a command's options, examples and exit codes.
    Exit codes: 0 success, 1 findings, 64 usage, 65 bad data, 66 missing file,
    70 internal error, 73 output file not created, 74 output write error,
    75 questionnaire stopped early, 130 interrupted.

    """

/// The commands, by the words that name them.
let commands: [(words: [String], help: String, run: ([String]) throws(CommandFailure) -> ExitCode)] = [
    (["ask"], AskCommand.help, AskCommand.run),
    (["assess"], AssessCommand.help, AssessCommand.run),
    (["explain"], ExplainCommand.help, ExplainCommand.run),
    (["whatif"], WhatifCommand.help, WhatifCommand.run),
    (["test"], TestCommand.help, TestCommand.run),
    (["batch"], BatchCommand.help, BatchCommand.run),
    (["combine"], CombineCommand.help, CombineCommand.run),
    (["compare"], CompareCommand.help, CompareCommand.run),
    (["questions"], QuestionsCommand.help, QuestionsCommand.run),
    (["rules", "check"], RulesCheckCommand.help, RulesCheckCommand.run),
]

@MainActor
func main(_ arguments: [String]) -> ExitCode {
    if arguments.isEmpty || arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
        Console.write(overview)
        return .success
    }
    if arguments == ["--version"] {
        Console.write("cxm \(version)\n")
        return .success
    }
    if arguments == ["rules", "--help"] || arguments == ["rules", "-h"] {
        Console.write(RulesCheckCommand.help)
        return .success
    }
    guard let command = commands.first(where: { arguments.starts(with: $0.words) }) else {
        let word = arguments[0]
        let known = commands.map { $0.words.joined(separator: " ") }
        let suggestion = Suggestions.didYouMean(word, in: commands.map { $0.words[0] })
        let subcommands = commands.filter { $0.words.count > 1 && $0.words[0] == word }.map { $0.words[1] }
        let message: String
        if !subcommands.isEmpty, arguments.count > 1, !arguments[1].hasPrefix("-") {
            let suggestion = Suggestions.didYouMean(arguments[1], in: subcommands)
            message = "unknown subcommand 'cxm \(word) \(arguments[1])'"
                + (suggestion.isEmpty ? "; 'cxm \(word)' has: \(subcommands.joined(separator: ", "))" : suggestion)
        } else if !subcommands.isEmpty {
            message = "'cxm \(word)' needs a subcommand: \(known.filter { $0.hasPrefix("\(word) ") }.joined(separator: ", "))"
        } else if word == "--version" || word == "--help" {
            message = "\(word) takes no arguments"
        } else if word.hasPrefix("-") {
            message = "unknown option '\(word)'\(Suggestions.didYouMean(word, in: ["--help", "--version"]))"
        } else {
            message = "unknown command '\(word)'\(suggestion)"
        }
        Console.writeError("cxm: \(Console.errorLabel) \(message.printable())\nRun 'cxm --help' for the commands.\n")
        return .usage
    }
    let rest = Array(arguments.dropFirst(command.words.count))
    // After "--", "--help" is a file name.
    if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
        Console.write(command.help)
        return .success
    }
    do {
        return try command.run(rest)
    } catch {
        Console.writeError(error.details)
        if let message = error.message {
            // Messages name files and quote what was typed: neither may restyle the terminal.
            Console.writeError("cxm: \(Console.errorLabel(code: error.diagnosticCode)) \(message.printable())\n")
        }
        Console.writeError(error.advice)
        if error.code == .usage {
            Console.writeError("Run 'cxm \(command.words.joined(separator: " ")) --help' for usage.\n")
        }
        return error.code
    }
}

Console.claimStandardDescriptors()
Termination.start()
Termination.exit(main(Array(CommandLine.arguments.dropFirst())))
