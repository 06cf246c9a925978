/// The syntax tree of rule files: what was written, with source ranges, before names and types
/// are checked.

/// An identifier as written, with its range.
struct Name: Sendable {
    var text: String
    var range: SourceRange
}

/// An expression as written.
struct Expr: Sendable {
    indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case boolean(Bool)
        /// A bare identifier: a value's name, or an option of the type the context expects.
        case name(String)
        /// `type.option`
        case qualified(type: Name, option: Name)
        case call(Name, [Expr])
        case negate(Expr)
        case not(Expr)
        case binary(BinaryOperator, Expr, Expr)
        case conditional(Expr, Expr, Expr)
        case setLiteral([Expr])
    }

    var kind: Kind
    var range: SourceRange
    /// How deeply the expression nests (a leaf is 1). The parser refuses expressions deeper than
    /// ``Expr/maximumDepth``, so that checking and evaluating them cannot exhaust the stack.
    let depth: Int

    /// The deepest nesting allowed in one expression.
    static let maximumDepth = 200

    init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        switch kind {
        case .number, .string, .boolean, .name, .qualified: depth = 1
        case .negate(let a), .not(let a): depth = a.depth + 1
        case .binary(_, let a, let b): depth = max(a.depth, b.depth) + 1
        case .conditional(let a, let b, let c): depth = max(a.depth, b.depth, c.depth) + 1
        case .call(_, let items), .setLiteral(let items): depth = items.reduce(0) { max($0, $1.depth) } + 1
        }
    }
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or, `in`

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    var isOrdering: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// A type as written: a declared scale or enumeration, or a built-in type.
struct TypeSyntax: Sendable {
    enum Kind: Sendable {
        case named(String)
        case boolean
        case text
        case number(low: Double?, high: Double?)
        case setOf(Name)
    }

    var kind: Kind
    var range: SourceRange
}

/// `cite source "locator"`
struct Citation: Sendable {
    var source: Name
    var locator: String?
    var range: SourceRange
}

struct OptionSyntax: Sendable {
    var name: Name
    var label: String?
    /// `formerly OLD` or `formerly "Old label"`: ids and labels this option had in earlier
    /// versions of the rules.
    var formerly: [Name] = []
    /// `since N`: the version of the rules that added the option (positions counted in earlier
    /// versions leave it out).
    var since: (version: Int, range: SourceRange)?
}

/// `scale NAME: a < b < c` or `enum NAME: a, b, c`
struct TypeDeclaration: Sendable {
    var name: Name
    var ordered: Bool
    var options: [OptionSyntax]
}

/// `source NAME "full reference"`, optionally with `short "Author et al. (year)"`.
struct SourceDeclaration: Sendable {
    var name: Name
    var reference: String
    var short: String?
}

/// `question NAME: TYPE` with its clauses.
struct QuestionDeclaration: Sendable {
    var name: Name
    var type: TypeSyntax
    var step: Int?
    var section: String?
    var text: String?
    /// A few words that name the question in reports (`short "…"`).
    var short: String?
    var help: String?
    var relevance: Expr?
    var citations: [Citation]
    /// `formerly OLD [: VALUE -> OPTION, …]`: ids the question had in earlier versions.
    var formerly: [FormerName] = []
    /// `since N[, earlier when EXPR]`: the version of the rules since which it is asked as declared.
    var since: Since?
}

/// `formerly OLD [: VALUE -> OPTION, …]` on a question: answers saved under the id `OLD` are
/// read as answers to this question, each `VALUE` (as the former question took it: an id,
/// `true`, `false`, a number or a string) as the `OPTION` it maps to.
struct FormerName: Sendable {
    var name: Name
    var answers: [(old: FormerValue, new: Name)]
}

/// An answer as a former question took it.
enum FormerValue: Hashable, Sendable {
    case boolean(Bool)
    case number(Double)
    /// An option id or a text, as written.
    case text(String)
}

/// `since N[, earlier when EXPR]` on a question.
struct Since: Sendable {
    var version: Int
    var range: SourceRange
    /// When the question was asked in versions before `version`; without it, it was not asked.
    var earlier: Expr?
}

/// `version N`: the version of the rule base, which profiles and `cxm ask` scripts record.
struct VersionDeclaration: Sendable {
    var name: Name
    var number: Int
}

/// How a derived value, table or output is shown to people: `label "…"`, `help "…"` (what it
/// means, in plain words), `watch` (reports name the single-answer changes that would change
/// it), `show step N` (a key conclusion of that step), `headline` (part of the summary of an
/// assessment, optionally as a sentence: `headline "Risk today: {risk}."`), `chart
/// "TITLE"` (a bar in that chart) and `matrix …` (drawn as a 2×2 matrix). With steps,
/// priorities and ranks, this is the language's generic presentation layer for advisory rule
/// bases, described once in the README's *The rule language*.
struct Presentation: Sendable {
    var label: String?
    var help: String?
    var watch = false
    var reportStep: Int?
    var headline = false
    /// The sentence that says the value in the summary, with `{placeholders}`.
    var headlineText: StringLiteral?
    var chart: String?
    var matrix: MatrixSyntax?

    /// Whether reports show the value (so it is used even if no rule reads it).
    var isShown: Bool {
        watch || reportStep != nil || headline || chart != nil || matrix != nil
    }
}

/// `matrix x NAME split N, y NAME split N, top A B, bottom C D, target NAME`: a value whose
/// options are the quadrants of a 2×2 matrix spanned by two numbers, and the value that gives the
/// position to aim for.
struct MatrixSyntax: Sendable {
    var x: Name
    var xSplit: Double
    var y: Name
    var ySplit: Double
    /// Top left, top right, bottom left, bottom right.
    var quadrants: [Name]
    var target: Name?
    var range: SourceRange
}

/// `step N "TITLE"`: the title of a step.
struct StepDeclaration: Sendable {
    var name: Name
    var number: Int
    var title: String
}

/// `let NAME [: TYPE] = EXPR`
struct LetDeclaration: Sendable {
    var name: Name
    var type: TypeSyntax?
    var expr: Expr
    var presentation = Presentation()
    var citations: [Citation]
}

/// `output NAME: TYPE`: a value that rules conclude with `set`.
struct OutputDeclaration: Sendable {
    var name: Name
    var type: TypeSyntax
    var presentation = Presentation()
    var citations: [Citation]
}

/// The hit policies of decision tables, as in DMN.
public enum HitPolicy: String, Sendable, Codable {
    /// Rows never overlap; exactly one matches.
    case unique
    /// The first matching row, in order, wins.
    case first
    /// Of the matching rows, the one whose output comes first in the output type's declaration.
    case priority
    /// The outputs of all matching rows, as a set.
    case collect
    /// The outputs of all matching rows, as a list in row order.
    case ruleOrder = "rule order"
}

/// One test in an input cell of a table: `a`, `>= 3`, `1..3`, `not a`.
struct CellTest: Sendable {
    enum Kind: Sendable {
        case equal(Expr)
        case compare(BinaryOperator, Expr)
        case between(Expr, Expr)
    }

    var kind: Kind
    var range: SourceRange
}

/// An input cell: `-` (any value) or one or more tests, any of which may match.
struct InputCell: Sendable {
    var tests: [CellTest]  // empty means "-"
    var negated: Bool
    var range: SourceRange
}

struct TableRow: Sendable {
    var inputs: [InputCell]
    var output: Expr
    var range: SourceRange
}

/// `table NAME: TYPE POLICY` with a header row and rows.
struct TableDeclaration: Sendable {
    var name: Name
    var type: TypeSyntax
    var policy: HitPolicy
    var presentation = Presentation()
    var citations: [Citation]
    var columns: [Expr]
    var outputHeader: Name?
    var rows: [TableRow]
}

/// Priority of a recommendation.
public enum Priority: String, Sendable, Codable, CaseIterable {
    case high, medium, low
}

/// `recommend step N, priority P[, rank R]: "text"`, optionally followed by `short "…"` (the
/// action in one line) and `why "…"` (its reason in one line), which the summary shows for
/// ranked recommendations.
struct Recommendation: Sendable {
    var step: Int
    var priority: Priority
    /// Where it stands among the first actions (1 first); `nil` for recommendations that are not
    /// among them.
    var rank: Int?
    var text: StringLiteral
    var short: StringLiteral?
    var why: StringLiteral?
    var range: SourceRange
}

/// `rule NAME` with `when`, `set`, `recommend`, `warn`, `because` and `cite` clauses.
struct RuleDeclaration: Sendable {
    var name: Name
    var condition: Expr?
    var assignments: [(target: Name, value: Expr)]
    var recommendations: [Recommendation]
    var warnings: [(text: StringLiteral, range: SourceRange)]
    var because: StringLiteral?
    var citations: [Citation]
}

/// Any top-level declaration.
enum Declaration: Sendable {
    case source(SourceDeclaration)
    case type(TypeDeclaration)
    case question(QuestionDeclaration)
    case letValue(LetDeclaration)
    case output(OutputDeclaration)
    case table(TableDeclaration)
    case rule(RuleDeclaration)
    case step(StepDeclaration)
    case version(VersionDeclaration)

    var name: Name {
        switch self {
        case .source(let d): return d.name
        case .type(let d): return d.name
        case .question(let d): return d.name
        case .letValue(let d): return d.name
        case .output(let d): return d.name
        case .table(let d): return d.name
        case .rule(let d): return d.name
        case .step(let d): return d.name
        case .version(let d): return d.name
        }
    }

    /// The name and presentation of a derived value, table or output.
    var presentation: (Name, Presentation)? {
        switch self {
        case .letValue(let d): return (d.name, d.presentation)
        case .output(let d): return (d.name, d.presentation)
        case .table(let d): return (d.name, d.presentation)
        default: return nil
        }
    }

    var kindName: String {
        switch self {
        case .source: return "source"
        case .type(let d): return d.ordered ? "scale" : "enum"
        case .question: return "question"
        case .letValue: return "derived value"
        case .output: return "output"
        case .table: return "table"
        case .rule: return "rule"
        case .step: return "step"
        case .version: return "version"
        }
    }
}
