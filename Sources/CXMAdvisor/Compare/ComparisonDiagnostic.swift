import CXMRules

/// The catalogue of diagnostics of pairing the profiles of two inputs by firm (`cxm compare`):
/// codes M0101–M0199. Each profile is read as any profile is (``ProfileReader``, P01xx–P02xx;
/// records of batch input, ``BatchDiagnostic``, B01xx). See ``DiagnosticCode``.
public enum ComparisonDiagnostic: DiagnosticKind {
    /// An input holds a firm (and segment) more than once, so it cannot be paired.
    case firmTwice(path: String, name: String)
    /// No profile of the earlier input has the id (or name and segment) of one of the later.
    case nothingPairs(before: String, after: String)

    public var entry: DiagnosticEntry {
        switch self {
        case .firmTwice(let path, let name):
            .error("M0101", "\(path.printable()) holds '\(name.printable())' more than once; give each firm (and segment) once to compare")
        case .nothingPairs(let before, let after):
            .error("M0102", "no profile of \(before.printable()) has the id (or name and segment) of one in \(after.printable()); nothing to compare")
        }
    }
}
