/// A diagnostic's stable identity: a letter for the phase that finds it and four digits, such as
/// `P0102`. Codes never change meaning and are never reused, so that editors, CI and tests can
/// rely on them whatever the wording of the message; docs/diagnostics.md lists them all, each
/// with an example.
///
/// | Letters | Phase | Catalogue |
/// |---|---|---|
/// | `J` | reading JSON text | `JSONDiagnostic` (CXMRules) |
/// | `P` | reading a profile against the rules: keys, metadata, answers | `ProfileDiagnostic` (CXMRules) |
/// | `S` | reading a scenario file's expectations | `ScenarioDiagnostic` (CXMAdvisor) |
/// | `B` | reading batch input: CSV and JSON Lines records, folders | `BatchDiagnostic` (CXMAdvisor) |
/// | `A` | a reply typed in `cxm ask` | `ReplyDiagnostic` (CXMAdvisor) |
/// | `C` | reading a team file's shape (`cxm combine`) | `TeamDiagnostic` (CXMAdvisor) |
/// | `M` | pairing the profiles of two inputs by firm (`cxm compare`) | `ComparisonDiagnostic` (CXMAdvisor) |
/// | `R` | reading a folder of rule files | `RuleFolderDiagnostic` (CXMRules) |
/// | `L` | reading a rule file's text: `L01xx` lexing, `L02xx` parsing | `SyntaxDiagnostic` (CXMRules) |
/// | `V` | the rules' versions: `version`, `since`, `formerly` | `VersionDiagnostic` (CXMRules) |
/// | `D` | the presentation layer: step titles, short labels, `show`, `headline`, `chart`, `matrix` | `PresentationDiagnostic` (CXMRules) |
/// | `N` | checking rules: declaring names and resolving them | `NameDiagnostic` (CXMRules) |
/// | `T` | checking rules: types and expressions | `TypeDiagnostic` (CXMRules) |
/// | `X` | checking rules: decision tables, and the rows and rule conditions that cannot work | `TableDiagnostic` (CXMRules) |
/// | `O` | checking rules: the order of values and rules, cycles | `OrderDiagnostic` (CXMRules) |
/// | `U` | checking rules: declarations never used | `UsageDiagnostic` (CXMRules) |
public struct DiagnosticCode: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code as written, such as `P0102`.
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// One entry of a phase's catalogue of diagnostics: its code, its severity and its message.
///
/// Each phase lists its diagnostics in one file, as an enum whose cases carry what the message
/// names, and whose ``entry`` gives each case's code, severity and message in one place.
public protocol DiagnosticKind: Sendable {
    /// The code, severity and message of this diagnostic.
    var entry: DiagnosticEntry { get }
}

/// A diagnostic's code, severity and message, as a catalogue gives them.
public struct DiagnosticEntry: Sendable {
    public let code: DiagnosticCode
    public let severity: Diagnostic.Severity
    public let message: String

    /// An error with this code and message.
    public static func error(_ code: DiagnosticCode, _ message: String) -> DiagnosticEntry {
        DiagnosticEntry(code: code, severity: .error, message: message)
    }

    /// A warning with this code and message.
    public static func warning(_ code: DiagnosticCode, _ message: String) -> DiagnosticEntry {
        DiagnosticEntry(code: code, severity: .warning, message: message)
    }
}

extension Diagnostic {
    /// The diagnostic of a catalogue's entry, at a range.
    public init(_ kind: some DiagnosticKind, at range: SourceRange?, notes: [Note] = []) {
        self.init(kind.entry, at: range, notes: notes)
    }
}
