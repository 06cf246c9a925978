/// A finding about a rule file or a profile: an error or a warning at a source range, with its
/// code. Every diagnostic comes from an entry of a phase's catalogue (``DiagnosticKind``,
/// ``DiagnosticEntry``), so every one has a code.
public struct Diagnostic: Hashable, Sendable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    /// Its stable identity in the catalogue of its phase (see ``DiagnosticCode``).
    public var code: DiagnosticCode
    public var message: String
    /// Where the finding is; `nil` for findings about a file as a whole.
    public var range: SourceRange?
    /// Further notes, each optionally at its own range (for example "first declared here").
    public var notes: [Note]

    /// A secondary message attached to a diagnostic.
    public struct Note: Hashable, Sendable {
        public var message: String
        public var range: SourceRange?

        public init(message: String, range: SourceRange?) {
            self.message = message
            self.range = range
        }
    }

    /// The diagnostic of a catalogue's entry (its code, severity and message), at a range.
    public init(_ entry: DiagnosticEntry, at range: SourceRange?, notes: [Note] = []) {
        severity = entry.severity
        code = entry.code
        message = entry.message
        self.range = range
        self.notes = notes
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
