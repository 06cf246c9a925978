import CXMAdvisor

/// `cxm questions`: the questionnaire as a printable form or as a JSON Schema.
enum QuestionsCommand {
    static let help = """
        Print the questionnaire: as Markdown, a form to print and fill in; as a CSV
        template for cxm batch (a header row of question ids, then two rows starting
        with # that say each column's question and the answers it takes, which cxm
        batch skips); or as a JSON Schema for profile files, so that other tools can
        collect answers.

        Usage: cxm questions [--format markdown|csv|json-schema] [--rules DIR]

        Options:
          --format FORMAT  markdown (default), csv or json-schema
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm questions > questionnaire.md
          cxm questions --format csv > survey.csv    # fill in a row per firm, then:
          cxm batch survey.csv
          cxm questions --format json-schema > profile.schema.json

        The schema describes the canonical answers (option ids or exact labels, JSON
        booleans); cxm itself also reads labels in any case, "yes"/"no" and positions.

        Exit codes: 0 printed, 64 usage error, 65 the rules have errors, 66 the rule
        folder cannot be found, 70 the schema cannot be written as JSON (an internal
        error), 74 standard output cannot be written (a closed pipe ends cxm quietly).

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        let format: String
        do {
            parsed = try Arguments(arguments, options: ["--format", "--rules"], flags: [])
            format = try parsed.choice("--format", among: ["markdown", "csv", "json-schema"], default: "markdown")
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        guard parsed.positionals.isEmpty else { throw CommandFailure(.usage, "'cxm questions' takes no arguments besides its options") }
        let renderer = QuestionnaireRenderer(ruleBase: try LoadRules.advisor(parsed.values["--rules"]).ruleBase)
        switch format {
        case "markdown": Console.write(renderer.markdown())
        case "csv": Console.write(renderer.csvTemplate())
        default: Console.write(try CommandFailure.encoding(try renderer.jsonSchema()))
        }
        return .success
    }
}
