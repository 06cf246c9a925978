import CXMRules

/// The catalogue of diagnostics of reading scenario files (their `description` and
/// expectations) and of finding them in folders: codes S0101–S0199. A scenario's answers are
/// read as a profile's (``ProfileReader``, codes P01xx–P02xx). See ``DiagnosticCode``.
enum ScenarioDiagnostic: DiagnosticKind {
    case descriptionNotText
    case expectNotObject
    case ruleListNotList(key: String)
    case unknownRule(String, suggestion: String)
    case unknownValue(String, suggestion: String)
    case expectedValue(String, problem: String)
    case candidatesNotObject
    case unknownCandidateValue(String, suggestion: String)
    case candidatesNotList(String)
    case nullCandidate(String)
    case badCandidate(String, problem: String)
    case numberCandidatesNotTwo(String)
    case entrySkipped(path: String, kind: String)
    case noScenarioFiles

    var entry: DiagnosticEntry {
        switch self {
        case .descriptionNotText: .error("S0101", "'description' must be a string")
        case .expectNotObject: .error("S0102", "'expect' must be an object of value names and expected values")
        case .ruleListNotList(let key): .error("S0103", "'\(key)' must be a list of rule names")
        case .unknownRule(let name, let suggestion): .error("S0104", "unknown rule '\(name)'\(suggestion)")
        case .unknownValue(let name, let suggestion): .error("S0105", "cannot expect '\(name)': no value has that name\(suggestion)")
        case .expectedValue(let name, let problem): .error("S0106", "expected '\(name)': \(problem)")
        case .candidatesNotObject: .error("S0107", "'candidates' must be an object of value names and the values each can still take")
        case .unknownCandidateValue(let name, let suggestion): .error("S0108", "cannot expect candidates of '\(name)': no value has that name\(suggestion)")
        case .candidatesNotList(let name): .error("S0109", "the candidates of '\(name)' must be a list of its values (a number's lowest and highest)")
        case .nullCandidate(let name): .error("S0110", "a candidate of '\(name)' cannot be null")
        case .badCandidate(let name, let problem): .error("S0111", "a candidate of '\(name)': \(problem)")
        case .numberCandidatesNotTwo(let name): .error("S0112", "the candidates of the number '\(name)' are its lowest and highest: two numbers")
        case .entrySkipped(let path, let kind): .warning("S0113", "\(path.printable()) is \(kind), not a scenario file; skipped")
        case .noScenarioFiles: .error("S0114", "the folder holds no .json scenario files")
        }
    }
}
