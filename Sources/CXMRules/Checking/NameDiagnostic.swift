/// The catalogue of diagnostics of declaring names and resolving them (``SymbolTable`` and the
/// stages that look names up): N01xx a declaration itself, N02xx a name used that does not
/// resolve. See ``DiagnosticCode``.
enum NameDiagnostic: DiagnosticKind {
    case duplicate(kind: String, name: String)
    case duplicateOption(String, type: String)
    case optionFormerIdTwice(String, type: String)
    case formerIdIsCurrentOption(String, type: String)
    case tooManyOptions(type: String, count: Int)
    case scaleNeedsTwoOptions(type: String)
    case reservedQuestionName(String)
    case missingCitation(kind: String, name: String)
    case questionWithoutText(String)
    case questionWithoutStep(String)
    case ruleWithoutEffect(String)
    case rankedRecommendationIncomplete(missing: String)
    case shortWithoutRank(rule: String)

    case unknownType(String, suggestion: String)
    case unknownSource(String, suggestion: String)
    case unknownName(String, suggestion: String)
    case unknownOutput(String, suggestion: String)
    case notAnOutput(String, kind: String)
    case unknownPlaceholder(String, suggestion: String)
    case unknownFunction(String, suggestion: String?, functions: String)
    case notAnOption(String, type: String, suggestion: String)
    case ambiguousOption(String, qualified: String)

    var entry: DiagnosticEntry {
        switch self {
        case .duplicate(let kind, let name): .error("N0101", "duplicate \(kind) '\(name)'")
        case .duplicateOption(let option, let type): .error("N0102", "duplicate option '\(option)' in '\(type)'")
        case .optionFormerIdTwice(let old, let type): .error("N0103", "'\(old)' is already a former id of another option of '\(type)'")
        case .formerIdIsCurrentOption(let old, let type): .error("N0104", "'\(old)' is a current option of '\(type)', so it cannot be a former id")
        case .tooManyOptions(let type, let count): .error("N0105", "'\(type)' has \(count) options; a scale or enum may have at most 64")
        case .scaleNeedsTwoOptions(let type): .error("N0106", "scale '\(type)' needs at least two options, ordered with '<'")
        case .reservedQuestionName(let name): .error("N0107", "'\(name)' is reserved for profile metadata; choose another question name")
        case .missingCitation(let kind, let name): .error("N0108", "\(kind) '\(name)' has no citation; add a line such as 'cite SOURCE \"§4.3\"'")
        case .questionWithoutText(let name): .error("N0109", "question '\(name)' has no text; add a line such as 'ask \"…\"'")
        case .questionWithoutStep(let name):
            .error("N0110", "question '\(name)' has no step; add a line such as 'step 1' (steps are numbered 1 to 99)")
        case .ruleWithoutEffect(let name): .error("N0111", "rule '\(name)' has no effect; add 'set', 'recommend' or 'warn'")
        case .rankedRecommendationIncomplete(let missing):
            .error("N0112", "a recommendation with a rank is among the first actions of the summary; add \(missing) after it")
        case .shortWithoutRank(let rule):
            .warning("N0113", "'short' and 'why' are shown only for a recommendation with a rank; add ', rank N' to rule '\(rule)''s 'recommend', or remove them")
        case .unknownType(let name, let suggestion): .error("N0201", "unknown type '\(name)'\(suggestion)")
        case .unknownSource(let name, let suggestion): .error("N0202", "unknown source '\(name)'\(suggestion)")
        case .unknownName(let name, let suggestion): .error("N0203", "unknown name '\(name)'\(suggestion)")
        case .unknownOutput(let name, let suggestion): .error("N0204", "unknown output '\(name)'\(suggestion)")
        case .notAnOutput(let name, let kind):
            .error("N0205", "'\(name)' is a \(kind); rules can only set outputs (declare it with 'output')")
        case .unknownPlaceholder(let name, let suggestion): .error("N0206", "unknown name '\(name)' in placeholder\(suggestion)")
        case .unknownFunction(let name, let suggestion, let functions):
            .error("N0207", "unknown function '\(name)'; " + (suggestion.map { "did you mean '\($0)'?" } ?? "the functions are \(functions)"))
        case .notAnOption(let option, let type, let suggestion): .error("N0208", "'\(option)' is not an option of '\(type)'\(suggestion)")
        case .ambiguousOption(let name, let qualified): .error("N0209", "'\(name)' is an option of several types; write \(qualified)")
        }
    }
}
