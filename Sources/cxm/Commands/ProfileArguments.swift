/// The arguments of a command that reads one profile: its options, `--format` (by default
/// `text` or `json`), and the profile's path first among the positionals.
struct ProfileArguments {
    let parsed: Arguments
    /// One of the formats the command accepts.
    let format: String
    let profile: String
    /// The positionals after the profile.
    let rest: [String]

    /// Parses the arguments; `verb` says what the profile is for ("assess"), and `extra` names
    /// what may follow it, if anything (as the usage error for more arguments says).
    init(_ arguments: [String], options: [String], flags: [String], verb: String, extra: String? = nil,
         formats: [String] = ["text", "json"]) throws(CommandFailure) {
        do {
            parsed = try Arguments(arguments, options: options + ["--format", "--rules"], flags: flags)
            format = try parsed.choice("--format", among: formats, default: formats[0])
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        guard let profile = parsed.positionals.first else {
            throw CommandFailure(.usage, "give the profile to \(verb) (a JSON file, or - for standard input)")
        }
        self.profile = profile
        rest = Array(parsed.positionals.dropFirst())
        guard rest.count <= (extra == nil ? 0 : 1) else {
            throw CommandFailure(.usage, extra.map { "give one profile and at most one \($0)" } ?? "give one profile at a time")
        }
    }
}
