/// The catalogue of diagnostics of reading a profile against a rule base (``ProfileReader``),
/// all errors: P01xx about the profile and its keys, P02xx about an answer that does not fit
/// its question (the codes of ``ProfileReader/Problem``, also given to answers in CSV cells and
/// to replies in `cxm ask`). See ``DiagnosticCode``.
enum ProfileDiagnostic: DiagnosticKind {
    case notAnObject(kind: String)
    case givenTwice(key: String)
    case metadataNotText(key: String, kind: String)
    case unknownQuestion(key: String, suggestion: String)
    case derivedNotQuestion(key: String, suggestion: String)
    case moreProblems(Int)
    case answeredTwice(String, String)
    /// An answer's problem, under its question's key.
    case answer(key: String, ProfileReader.Problem)

    case notBoolean(String)
    case notNumber(String)
    case numberOutOfRange(Double, ClosedRange<Double>)
    case notText(String)
    case notList(String)
    case notSet(String)
    case notAnOption(String, type: String, suggestion: String)
    case positionOutOfRange(Double, type: String, count: Int, version: Int?)
    case positionNotWhole(Double, type: String, count: Int, version: Int?)
    case notAVersion
    case notOption(type: String, String)
    case partialUnknownKey(String)
    case partialGivenTwice(String)
    case partialNotList(String, String)
    case partialBothLists([String])

    var entry: DiagnosticEntry {
        switch self {
        case .notAnObject(let kind): .error("P0101", "a profile must be a JSON object of question ids and answers, not \(kind)")
        case .givenTwice(let key): .error("P0102", "'\(key.quotable())' is given twice")
        case .metadataNotText(let key, let kind): .error("P0103", "'\(key)' must be a string, not \(kind)")
        case .unknownQuestion(let key, let suggestion): .error("P0104", "unknown question '\(key.quotable())'\(suggestion)")
        case .derivedNotQuestion(let key, let suggestion): .error("P0105", "'\(key)' is derived by the rules, not a question\(suggestion)")
        case .moreProblems(let more):
            .error("P0106", "\(more) more \(more == 1 ? "problem" : "problems") in this profile \(more == 1 ? "is" : "are") not shown; fix the ones above first")
        case .answer(let key, let problem): .error(problem.code, "'\(key)': \(problem.message)")
        case .answeredTwice(let name, let which): .error("P0107", "'\(name)' is answered twice: \(which); keep one of them")

        case .notBoolean(let found): .error("P0201", "expected true or false (or \"yes\"/\"no\"), not \(found)")
        case .notNumber(let found): .error("P0202", "expected a number, not \(found)")
        case .numberOutOfRange(let number, let range):
            .error("P0203", "\(formatNumber(number)) is out of range; expected a number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))")
        case .notText(let found): .error("P0204", "expected text in quotes, not \(found)")
        case .notList(let found): .error("P0205", "expected a list of options in order (a JSON array), not \(found)")
        case .notSet(let found):
            .error("P0206", "expected a list of options (a JSON array, or one string separated by ';'; or, when only some are known, {\"includes\": [...], \"excludes\": [...]}), not \(found)")
        case .notAnOption(let text, let type, let suggestion): .error("P0207", "'\(text.quotable())' is not an option of '\(type)'\(suggestion)")
        case .positionOutOfRange(let number, let type, let count, let version):
            .error("P0208", "\(formatNumber(number)) is out of range; '\(type)' has positions 1 to \(count)\(Self.inVersion(version))")
        case .positionNotWhole(let number, let type, let count, let version):
            .error("P0209", "\(formatNumber(number)) is not a whole number; '\(type)' has positions 1 to \(count)\(Self.inVersion(version))")
        case .notAVersion: .error("P0211", "expected the version of the rules the answers were given under, a whole number from 1 (such as 2)")
        case .notOption(let type, let found): .error("P0210", "expected one of the options of '\(type)' in quotes, not \(found)")
        case .partialUnknownKey(let key): .error("P0212", "unknown key '\(key.quotable())' in a partial answer")
        case .partialGivenTwice(let key): .error("P0213", "'\(key)' is given twice in a partial answer")
        case .partialNotList(let key, let found): .error("P0214", "'\(key)' must be a list of options (a JSON array), not \(found)")
        case .partialBothLists(let options):
            .error("P0215", "\(options.joined(separator: ", ")) cannot both apply and not apply; keep \(options.count == 1 ? "it" : "each") in one list")
        }
    }

    /// Where positions are counted as in an earlier version of the questionnaire, which one.
    private static func inVersion(_ version: Int?) -> String {
        version.map { " in version \($0) of the questionnaire, which answers without a later 'rules_version' follow" } ?? ""
    }
}
