import CXMRules

/// The catalogue of why a reply typed in `cxm ask` is not an answer to its question: codes
/// A0101–A0199, all errors, shown with their code under the question (``Reply/invalid(_:code:)``),
/// and for a line of a script, where it stops the session.
/// A reply of the wrong kind for a question (not a number, out of its range) has the code of
/// the same answer in a profile (``ProfileReader``, P02xx). See ``DiagnosticCode``.
enum ReplyDiagnostic: DiagnosticKind, Error {
    case noAnswer
    case notAnOption(String, count: Int, options: [String], suggestion: String)
    case notWhole(String, count: Int)
    case outOfRange(String, count: Int)
    case noneWithOptions
    case noOption
    case lineTooLong(maximumBytes: Int)
    case noEarlierQuestion
    case unknownScriptVersion(String, latest: Int)

    var entry: DiagnosticEntry {
        switch self {
        case .noAnswer: .error("A0101", "no answer given")
        case .notAnOption(let text, let count, let options, let suggestion):
            .error("A0102", "'\(text.quotable())' is not one of the options (1–\(count), or: \(options.joined(separator: ", ")))\(suggestion)")
        case .notWhole(let text, let count): .error("A0103", "\(text.quotable()) is not a whole number between 1 and \(count)")
        case .outOfRange(let text, let count): .error("A0104", "\(text.quotable()) is not between 1 and \(count)")
        case .noneWithOptions: .error("A0105", "none cannot be combined with options; give either none or the options that apply")
        case .noOption: .error("A0106", "no option given; choose at least one, or none")
        case .lineTooLong(let maximumBytes): .error("A0107", "the line is longer than the \(maximumBytes >> 10) KiB an answer may take")
        case .noEarlierQuestion: .error("A0108", "< goes back, but this is the first question")
        case .unknownScriptVersion(let line, let latest):
            .error("A0109", "'\(line.quotable())' names no version of these rules' questionnaire, which has versions 1 to \(latest); "
                   + "write '# cxm rules \(latest)' for a script written for these rules")
        }
    }
}
