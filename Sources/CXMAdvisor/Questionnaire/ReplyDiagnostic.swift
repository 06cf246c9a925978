import CXMRules

/// The catalogue of why a reply typed in `cxm ask` is not an answer to its question: codes
/// A0101–A0199, all errors, shown as sentences under the question (``Reply/invalid(_:code:)``).
/// A reply of the wrong kind for a question (not a number, out of its range) has the code of
/// the same answer in a profile (``ProfileReader``, P02xx). See ``DiagnosticCode``.
enum ReplyDiagnostic: DiagnosticKind, Error {
    case noAnswer
    case notAnOption(String, count: Int, options: [String], suggestion: String)
    case notWhole(String, count: Int)
    case outOfRange(String, count: Int)
    case noneWithOptions
    case noOption

    var entry: DiagnosticEntry {
        switch self {
        case .noAnswer: .error("A0101", "no answer given")
        case .notAnOption(let text, let count, let options, let suggestion):
            .error("A0102", "'\(text.quotable())' is not one of the options (1–\(count), or: \(options.joined(separator: ", ")))\(suggestion)")
        case .notWhole(let text, let count): .error("A0103", "\(text.quotable()) is not a whole number between 1 and \(count)")
        case .outOfRange(let text, let count): .error("A0104", "\(text.quotable()) is not between 1 and \(count)")
        case .noneWithOptions: .error("A0105", "none cannot be combined with options; give either none or the options that apply")
        case .noOption: .error("A0106", "no option given; choose at least one, or none")
        }
    }
}
