import CXMAdvisor
import Foundation

/// The arguments of a command that reads the profiles of several inputs at once (`combine`,
/// `compare`): `--format` (a report format), `--input-format`, `--rules`, the command's flags,
/// and the inputs, of which at most one is standard input (`-`).
struct ManyProfileArguments {
    let parsed: Arguments
    let format: ReportRenderer.Format
    /// What the inputs hold whatever their names say, when `--input-format` is given.
    let inputFormat: BatchInput.Format?

    init(_ arguments: [String], flags: [String]) throws(CommandFailure) {
        do {
            parsed = try Arguments(arguments, options: ["--format", "--input-format", "--rules"], flags: flags)
            format = ReportRenderer.Format(rawValue: try parsed.choice("--format", among: ReportRenderer.Format.allCases.map(\.rawValue), default: "text"))!
            inputFormat = BatchInput.Format(rawValue: try parsed.choice("--input-format", among: BatchInput.Format.allCases.map(\.rawValue), default: ""))
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        if parsed.positionals.count(where: { $0 == "-" }) > 1 { throw CommandFailure(.usage, "standard input (-) can be read once") }
    }

    /// Prints the report of what the command made, in the format asked for.
    func print(_ render: (ReportRenderer) throws(JSONEncodingFailure) -> String) throws(CommandFailure) {
        let renderer = ReportRenderer(color: Console.wantsColor(STDOUT_FILENO), full: parsed.flags.contains("--full"))
        Console.write(try CommandFailure.encoding(try render(renderer)))
    }
}
