/// The checked, compiled form of a rule base: typed expression trees, tables and rules, and the
/// plan that orders them. Built by the checker; lowered to a ``FlatProgram`` to run, and read as
/// they are by traces, explanations and analyses.

/// A compiled expression over slots.
indirect enum Code: Sendable {
    case constant(Value)
    case slot(Int)
    case negate(Code)
    case not(Code)
    case arithmetic(BinaryOperator, Code, Code)
    case compare(BinaryOperator, Code, Code)
    case and(Code, Code)
    case or(Code, Code)
    /// `element in set` (sets or lists of options).
    case member(Code, Code)
    case conditional(Code, Code, Code)
    case call(Function, [Code])
    case setLiteral(type: Int, [Code])
    /// The options of a type ranked by their scores (see ``Function/ranked``).
    case ranked(type: Int, [Code])
    /// A condition shown as one line in a trace: the source text and the wrapped comparison.
    case atom(String, Code)
}

/// Built-in functions.
enum Function: String, Sendable, CaseIterable {
    case mean, min, max, sum, count
    /// The mean of the known arguments; unknown only when none is known.
    case meanKnown = "mean_known"
    /// Whether a value is known: never unknown itself.
    case known
    /// A scale value counted from the top: `n + 1 - position`.
    case reverse
    case union, intersection, difference
    /// The absolute value of a number.
    case abs
    /// `ranked(T, s1, …, sn)`: the options of T whose score is above 0, highest score first
    /// (ties in declaration order); one score per option, in declaration order.
    case ranked
    /// `spread(q)`: how far several respondents' answers to question `q` spread (see
    /// ``Combining``); 0 for one respondent. Always known.
    case spread
}

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

/// Text with `{placeholders}` resolved to slots.
struct Template: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case slot(Int)
    }

    var pieces: [Piece]
}

struct CompiledRecommendation: Sendable {
    var step: Int
    var priority: Priority
    var text: Template
    /// For the first actions: the rank (1 first), the action and its reason in a line each.
    var rank: Int?
    var short: Template?
    var why: Template?
}

struct CompiledRule: Sendable {
    var condition: Code?
    var assignments: [(slot: Int, value: Code)]
    var recommendations: [CompiledRecommendation]
    var warnings: [Template]
    var because: Template?
}

/// One step of the evaluation plan, in dependency order.
enum PlanStep: Sendable {
    case question(SlotID, relevance: Code?)
    case derive(SlotID, Code)
    case table(TableID)
    case rule(RuleID)
    /// Resolve an output from the rules that set it, in source order.
    case output(SlotID, rules: [RuleID])
}
