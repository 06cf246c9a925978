import CXMRules

/// The catalogue of diagnostics of reading a team file (``TeamFile``): codes C0101–C0199. Each
/// respondent's profile is read as any profile is (``ProfileReader``, codes P01xx–P02xx). See
/// ``DiagnosticCode``.
public enum TeamDiagnostic: DiagnosticKind {
    /// A file read as a team file that is not a JSON object with the respondents' key.
    case notATeamFile(key: String)
    /// An answer at the top level of a team file, not in a respondent's profile.
    case answerAtTopLevel(name: String, key: String)
    /// The respondents' key holds no list of profiles.
    case respondentsNotList(key: String)
    /// The inputs to combine hold no profile at all.
    case noProfiles

    public var entry: DiagnosticEntry {
        switch self {
        case .notATeamFile(let key): .error("C0101", "a team file is a JSON object with '\(key)', a list of the respondents' profiles")
        case .answerAtTopLevel(let name, let key): .error("C0102", "'\(name)' is an answer: answers go in each respondent's profile under '\(key)'")
        case .respondentsNotList(let key): .error("C0103", "'\(key)' must be a list of the respondents' profiles (JSON objects), at least one")
        case .noProfiles: .error("C0104", "the input holds no profiles; give the respondents' profile files, a team file, or a file or folder that holds them")
        }
    }
}
