/// The catalogue of diagnostics of decision tables and of what ``TableAnalysis`` finds: X01xx a
/// table's declaration, columns and cells, X02xx rows and rule conditions that cannot work as
/// written, and the analysis's limits. See ``DiagnosticCode``.
enum TableDiagnostic: DiagnosticKind {
    case outputColumnName(table: String)
    case severalOptionsType(policy: String, actual: String)
    case elementType(actual: String)
    case columnType(actual: String)
    case priorityConstants
    case comparisonNeedsOrder(operator: String, column: String)
    case rangeNeedsOrder(column: String)
    case cellNotConstant

    case gap(table: String, combinations: String, more: Int)
    case overlap(Int, Int, table: String, combination: String)
    case rowNeverMatches(Int, table: String)
    case rowUnreachable(Int, table: String)
    case ruleNeverFires(String)
    case tooManyCombinations(table: String)
    case budgetSpent(at: String, cost: Int, left: Int, spent: Int)

    var entry: DiagnosticEntry {
        switch self {
        case .outputColumnName(let table): .error("X0101", "the output column must be named after the table, '\(table)'")
        case .severalOptionsType(let policy, let actual):
            .error("X0102", "a '\(policy)' table yields several options, so its type must be a scale or enum, not \(actual)")
        case .elementType(let actual): .error("X0103", "a table's type is the type of one output; write the element type, not \(actual)")
        case .columnType(let actual): .error("X0104", "a table column must be a boolean, a number, a scale or an enum, but this is \(actual)")
        case .priorityConstants: .error("X0105", "under 'priority' the outputs must be constants")
        case .comparisonNeedsOrder(let op, let column):
            .error("X0106", "'\(op)' needs an ordered column (a number or a scale), but this column is \(column)")
        case .rangeNeedsOrder(let column): .error("X0107", "a range needs an ordered column (a number or a scale), but this column is \(column)")
        case .cellNotConstant: .error("X0108", "a table cell must hold a constant, not a value that depends on answers")
        case .gap(let table, let combinations, let more):
            .error("X0201", "table '\(table)' has a gap: no row matches \(combinations)\(more > 0 ? " (and \(more) more)" : ""); add rows or a catch-all row with '-'")
        case .overlap(let first, let second, let table, let combination):
            .error("X0202", "rows \(first) and \(second) of unique table '\(table)' overlap: both match \(combination)")
        case .rowNeverMatches(let row, let table): .error("X0203", "row \(row) of table '\(table)' can never match: no input satisfies all its cells")
        case .rowUnreachable(let row, let table):
            .error("X0204", "row \(row) of table '\(table)' is unreachable: earlier rows match every input it matches")
        case .ruleNeverFires(let rule): .error("X0205", "rule '\(rule)' can never fire: no answers satisfy its condition")
        case .tooManyCombinations(let table): .warning("X0206", "table '\(table)' has too many input combinations to check for gaps and overlaps")
        case .budgetSpent(let what, let cost, let left, let spent):
            .error("X0207", "checking the rules stopped at \(what), which needs \(formatCount(cost)) tests of its inputs, more than the "
                   + "\(formatCount(left)) left of the \(formatCount(TableAnalysis.budget)) that checking a rule base may take "
                   + "(the tables and rules before it took \(formatCount(spent))); give it fewer inputs or conditions, or split it")
        }
    }
}
