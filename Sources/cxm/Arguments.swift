import CXMRules

/// A small command-line argument parser: options with values (`--format json` or
/// `--format=json`), flags (`--trace`), positionals, `-` for standard input and `--` to end
/// options.
struct Arguments {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    /// Parses arguments against the options and flags a command accepts.
    init(_ arguments: [String], options: [String], flags allowedFlags: [String]) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if options.contains(name) {
                guard values[name] == nil else { throw UsageError("\(name) is given twice; give it once") }
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value") }
                    values[name] = arguments[index]
                    index += 1
                }
            } else if allowedFlags.contains(name), inlineValue == nil {
                guard flags.insert(name).inserted else { throw UsageError("\(name) is given twice; give it once") }
            } else {
                let suggestion = Suggestions.didYouMean(name, in: options + allowedFlags)
                throw UsageError("unknown option '\(name)'\(suggestion)")
            }
        }
    }

    /// The value of an option that takes one of a fixed set of choices.
    func choice(_ name: String, among choices: [String], default fallback: String) throws(UsageError) -> String {
        guard let value = values[name] else { return fallback }
        guard choices.contains(value) else {
            throw UsageError("\(name) must be one of \(choices.joined(separator: ", ")), not '\(value)'")
        }
        return value
    }
}

/// A mistake in how the command was called (exit code 64).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
