import CXMRules

/// The catalogue of diagnostics of reading a team file (``TeamFile``): codes C0101–C0199. Each
/// respondent's profile is read as any profile is (``ProfileReader``, codes P01xx–P02xx). See
/// ``DiagnosticCode``.
enum TeamDiagnostic: DiagnosticKind {
    case notATeamFile(key: String)
    case answerAtTopLevel(name: String, key: String)
    case respondentsNotList(key: String)

    var entry: DiagnosticEntry {
        switch self {
        case .notATeamFile(let key): .error("C0101", "a team file is a JSON object with '\(key)', a list of the respondents' profiles")
        case .answerAtTopLevel(let name, let key): .error("C0102", "'\(name)' is an answer: answers go in each respondent's profile under '\(key)'")
        case .respondentsNotList(let key): .error("C0103", "'\(key)' must be a list of the respondents' profiles (JSON objects), at least one")
        }
    }
}
