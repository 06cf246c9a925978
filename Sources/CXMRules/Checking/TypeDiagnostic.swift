/// The catalogue of diagnostics of checking types and expressions: T01xx a value's type against
/// the one required, T02xx operators and functions. Types are named as rule files write them
/// (`scale 'level'`, `set of 'goal'`). See ``DiagnosticCode``.
enum TypeDiagnostic: DiagnosticKind {
    case emptyRange(low: String, high: String)
    case mismatch(context: String, expected: String, actual: String)
    case assignmentMismatch(target: String, expected: String, actual: String)
    case optionOfOtherType(String, types: String, expected: String)
    case setWithoutType
    case setElementMismatch(type: String, actual: String)
    case branchesDiffer(then: String, otherwise: String)

    case notNumeric(operation: String, actual: String)
    case inNeedsSet(actual: String)
    case inElementMismatch(expected: String, actual: String)
    case scaleComparedWithNumber(type: String, example: String)
    case enumHasNoOrder(type: String)
    case cannotCompare(String, String)
    case arity(function: String, count: Int, given: Int)
    case needsArguments(function: String)
    case countArgument(actual: String)
    case reverseNeedsScale(actual: String)
    case needsSets(function: String, actual: String)
    case needsTwoSets(function: String, type: String, actual: String)
    case spreadNeedsQuestion
    case rankedNeedsType
    case rankedScores(type: String, options: [String], given: Int)

    var entry: DiagnosticEntry {
        switch self {
        case .emptyRange(let low, let high): .error("T0101", "empty range: \(low) is above \(high)")
        case .mismatch(let context, let expected, let actual): .error("T0102", "\(context) must be \(expected), but this is \(actual)")
        case .assignmentMismatch(let target, let expected, let actual): .error("T0103", "'\(target)' is \(expected), but this is \(actual)")
        case .optionOfOtherType(let name, let types, let expected): .error("T0104", "'\(name)' is an option of \(types), not of \(expected)")
        case .setWithoutType:
            .error("T0105", "cannot tell which enum this set belongs to; declare the type (for example 'let x: set of T = {…}')")
        case .setElementMismatch(let type, let actual): .error("T0106", "a set of '\(type)' cannot contain \(actual)")
        case .branchesDiffer(let then, let otherwise):
            .error("T0107", "both branches must have the same type, but 'then' is \(then) and 'else' is \(otherwise)")
        case .notNumeric(let operation, let actual): .error("T0201", "\(operation) needs a number or a scale, but this is \(actual)")
        case .inNeedsSet(let actual): .error("T0202", "the right side of 'in' must be a set, but this is \(actual)")
        case .inElementMismatch(let expected, let actual): .error("T0203", "the left side of 'in' must be \(expected), but this is \(actual)")
        case .scaleComparedWithNumber(let type, let example):
            .error("T0204", "cannot compare \(type) with a number; compare with one of its options, such as '\(example)'")
        case .enumHasNoOrder(let type): .error("T0205", "the options of enum '\(type)' have no order; use '==' or '!=', or declare it as a scale")
        case .cannotCompare(let a, let b): .error("T0206", "cannot compare \(a) with \(b)")
        case .arity(let function, let count, let given):
            .error("T0207", "'\(function)' takes \(count) argument\(count == 1 ? "" : "s"), not \(given)")
        case .needsArguments(let function): .error("T0208", "'\(function)' needs at least one argument")
        case .countArgument(let actual):
            .error("T0209", "'count' counts the true booleans among its arguments, or the options in one set; this is \(actual)")
        case .reverseNeedsScale(let actual): .error("T0210", "'reverse' needs a scale value, but this is \(actual)")
        case .needsSets(let function, let actual): .error("T0211", "'\(function)' needs sets, but this is \(actual)")
        case .needsTwoSets(let function, let type, let actual): .error("T0212", "'\(function)' needs two sets of '\(type)', but this is \(actual)")
        case .spreadNeedsQuestion: .error("T0213", "'spread' reads how far respondents' answers to a question spread; give it a question's name")
        case .rankedNeedsType:
            .error("T0214", "'ranked' takes the name of an enum or scale first, then one score per option, as in 'ranked(T, a, b, c)'")
        case .rankedScores(let type, let options, let given):
            .error("T0215", "'ranked' needs one score for each of the \(options.count) options of '\(type)' (\(options.joined(separator: ", "))), not \(given)")
        }
    }
}
