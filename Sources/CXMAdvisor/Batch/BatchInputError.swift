import CXMRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a batch input cannot be used as a whole (as opposed to one bad record, which is reported
/// and skipped): it is missing, of a kind `cxm batch` does not read, or unusable, such as a CSV
/// file whose header names a column that is not a question.
public struct BatchInputError: Error, Sendable {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable {
        /// The input does not exist (or a folder holds no profiles).
        case missing
        /// The input exists but cannot be read.
        case unreadable
        /// Not a folder, JSON Lines or CSV file.
        case unsupported
        /// The data as a whole is unusable, such as a CSV file with a bad header row.
        case unusable
    }

    public let kind: Kind
    public let message: String
    /// The message's code (``BatchDiagnostic``, B01xx) when the data is at fault; `nil` when
    /// the input is missing, cannot be read or is not of a kind cxm reads.
    public let code: DiagnosticCode?
    /// The catalogue's entry, for a record that fails with it (a folder's profile file).
    let problem: BatchDiagnostic?
    /// Problems with positions (a bad CSV header), rendered against ``files``.
    public let diagnostics: [Diagnostic]
    public let files: [SourceFile]

    /// An error of a kind, with its message and, for an unusable input, the diagnostics and the
    /// files they point into.
    public init(_ kind: Kind, _ message: String, diagnostics: [Diagnostic] = [], files: [SourceFile] = []) {
        self.kind = kind
        self.message = message
        code = nil
        problem = nil
        self.diagnostics = diagnostics
        self.files = files
    }

    /// An error of a kind, with an entry of the catalogue of batch input.
    init(_ kind: Kind, _ problem: BatchDiagnostic) {
        self.kind = kind
        message = problem.entry.message
        code = problem.entry.code
        self.problem = problem
        diagnostics = []
        files = []
    }

    /// A file that cannot be opened or read, named with the system's reason (`errno`).
    static func unreadable(_ path: String) -> BatchInputError {
        BatchInputError(.unreadable, "cannot read \(path): \(String(cString: strerror(errno)))")
    }
}
