/// The catalogue of diagnostics of putting values and rules in order (``DependencyOrder``):
/// cycles among them. See ``DiagnosticCode``.
enum OrderDiagnostic: DiagnosticKind {
    case longCycle(String)
    case dependsOnItself(String, path: String)
    case ruleReadsWhatItSets(rule: String, value: String)
    case ruleDependsOnItsResult(rule: String, path: String)

    var entry: DiagnosticEntry {
        switch self {
        case .longCycle(let name): .error("O0101", "'\(name)' is part of a cycle of more than 100 values that depend on each other")
        case .dependsOnItself(let name, let path): .error("O0102", "'\(name)' depends on itself: \(path)")
        case .ruleReadsWhatItSets(let rule, let value): .error("O0103", "rule '\(rule)' reads '\(value)', which it sets itself")
        case .ruleDependsOnItsResult(let rule, let path): .error("O0104", "rule '\(rule)' depends on its own result: \(path)")
        }
    }
}
