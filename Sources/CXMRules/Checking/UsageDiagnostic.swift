/// The catalogue of warnings about declarations nothing uses (``Usage``). See ``DiagnosticCode``.
enum UsageDiagnostic: DiagnosticKind {
    case typeNeverUsed(kind: String, name: String)
    case sourceNeverCited(String)
    case questionNeverUsed(String)
    case outputNeverSet(String)
    case valueNeverUsed(kind: String, name: String)

    var entry: DiagnosticEntry {
        switch self {
        case .typeNeverUsed(let kind, let name): .warning("U0101", "\(kind) '\(name)' is never used")
        case .sourceNeverCited(let name): .warning("U0102", "source '\(name)' is never cited")
        case .questionNeverUsed(let name): .warning("U0103", "question '\(name)' is never used by a rule, table or derived value")
        case .outputNeverSet(let name): .warning("U0104", "output '\(name)' is never set by a rule")
        case .valueNeverUsed(let kind, let name):
            .warning("U0105", "\(kind) '\(name)' is never used by a rule, table or derived value, nor shown in reports; use it, add 'show step N', or remove it")
        }
    }
}
