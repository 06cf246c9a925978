/// One input cell test, compiled: a constant to compare a column's value with.
enum CompiledTest: Sendable {
    case equal(Value)
    case compare(BinaryOperator, Value)
    case between(Value, Value)
}

/// An input cell: `nil` tests means `-` (any value).
struct CompiledCell: Sendable {
    var tests: [CompiledTest]?
    var negated: Bool
    var text: String
}

struct CompiledRow: Sendable {
    var cells: [CompiledCell]
    var output: Code
    var outputText: String
}

/// A decision table, compiled.
struct CompiledTable: Sendable {
    var slot: Int
    var policy: HitPolicy
    var elementType: ValueType
    var columns: [Code]
    var columnTexts: [String]
    /// Column types and number ranges, for table analysis (`nil` after a type error).
    var columnTypes: [ValueType?]
    var columnRanges: [ClosedRange<Double>?]
    var rows: [CompiledRow]
}
