import CXMRules

/// The catalogue of diagnostics of reading `cxm batch` input: its records (CSV rows and header,
/// JSON Lines lines) and folders of profile files: codes B0101–B0199. A record's answers are
/// read as a profile's (``ProfileReader``, codes P01xx–P02xx). See ``DiagnosticCode``.
/// The command line reports the limits on a whole input (B0113, B0114) with these codes too.
public enum BatchDiagnostic: DiagnosticKind {
    case entrySkipped(path: String, kind: String)
    case unreadableFile(String)
    case recordTooLong(String)
    case notAnObject
    case textAfterClosingQuote
    case fieldNotUTF8
    case unterminatedQuote
    case fieldCount(found: Int, columns: Int)
    case unnamedColumn(Int)
    case noProfileFiles(folder: String)
    case utf16(path: String, encoding: String, format: BatchInput.Format)
    case emptyCSV(path: String)
    case profileTooLarge(path: String, limit: String)
    case tooManyProfiles(path: String, limit: String)

    public var entry: DiagnosticEntry {
        switch self {
        case .entrySkipped(let path, let kind): .warning("B0101", "\(path.printable()) is \(kind), not a profile file; skipped")
        case .unreadableFile(let reason): .error("B0102", reason)
        case .recordTooLong(let reason): .error("B0103", reason)
        case .notAnObject: .error("B0104", "a profile must be a JSON object of question ids and answers, starting with '{'")
        case .textAfterClosingQuote:
            .error("B0105", "unexpected text after the closing quote of a field; a quote inside a quoted field is written twice (\"\")")
        case .fieldNotUTF8: .error("B0106", "the field is not valid UTF-8 text; save the file as CSV UTF-8")
        case .unterminatedQuote: .error("B0107", "the quoted field starting here has no closing quote")
        case .fieldCount(let found, let columns): .error("B0108", "the row has \(found) fields, but the header has \(columns) columns")
        case .unnamedColumn(let number): .error("B0109", "column \(number) has no name; name it after a question id, or remove it")
        case .noProfileFiles(let folder): .error("B0110", "\(folder.printable()) holds no .json profile files")
        case .utf16(let path, let encoding, let format):
            .error("B0111", "\(path.printable()) is in \(encoding); save it as UTF-8 (cxm reads "
                   + (format == .csv ? "CSV in UTF-8; spreadsheets call it \"CSV UTF-8\")" : "JSON Lines in UTF-8)"))
        case .emptyCSV(let path): .error("B0112", "\(path.printable()) is empty; a CSV file of profiles starts with a header row of question ids")
        case .profileTooLarge(let path, let limit): .error("B0113", "\(path) is larger than \(limit), too large for a profile; is it the right file?")
        case .tooManyProfiles(let path, let limit):
            .error("B0114", "\(path.printable()) holds more than \(limit) profiles, more than cxm holds in memory at once; split it (cxm batch assesses any number, one at a time)")
        }
    }
}
