/// A checked rule base: an immutable value that any number of evaluations can share across
/// threads. Create one with ``RuleBase/load(files:)`` or ``RuleBase/load(directory:)``.
public struct RuleBase: Sendable {
    /// The files the rule base was read from, in the order of their file indices.
    public let files: [SourceFile]
    /// The scales and enumerations.
    public let optionTypes: [OptionType]
    /// Every named value: questions first (slots `0..<questions.count`), then derived values,
    /// tables and outputs in declaration order.
    public let values: [ValueInfo]
    /// The questions, in declaration order.
    public var questions: ArraySlice<ValueInfo> { values[0..<questionCount] }
    /// The keys of profiles besides answers, as the rule base was checked with: no question
    /// has one of their names.
    public internal(set) var profileFormat = ProfileFormat()
    /// The rules, in declaration order.
    public let rules: [RuleInfo]
    /// The decision tables, in declaration order.
    public let tables: [TableInfo]
    /// The sources that citations refer to.
    public let sources: [SourceInfo]
    /// The titles of the steps (`step N "TITLE"`), by step number.
    public let stepTitles: [Int: String]

    let questionCount: Int
    /// The version of the rules (`version N`; 1 where not declared): profiles record the
    /// version they were answered under, and `cxm ask` scripts the one they were written for.
    public let version: Int
    let slotsByName: [String: Int]
    /// How the questions changed across versions: former ids, their answers, `since`.
    let history: QuestionHistory
    let compiledTables: [CompiledTable]
    let compiledRules: [CompiledRule]
    let plan: [PlanStep]
    /// The plan lowered to flat code: what evaluations run.
    let program: FlatProgram
    /// What profile reading looks up by bytes.
    let profileKeys: ProfileKeys
    /// Every number the rules compare with or compute from, for trying answers near thresholds.
    let numberConstants: [Double]

    /// The value with this name.
    public func value(named name: String) -> ValueInfo? {
        slotsByName[name].map { values[$0] }
    }

    /// The slot of the value with this name.
    public func slot(named name: String) -> Int? { slotsByName[name] }
}

/// How a value comes to be.
public enum ValueKind: String, Sendable, Codable {
    case question, derived, table, output
}

/// A citation: a source and where in it.
public struct CitationInfo: Hashable, Sendable, Codable {
    /// The source's id, as declared with `source`.
    public let source: String
    /// Section, page or figure, as written (may be empty).
    public let locator: String
}

/// A declared source.
public struct SourceInfo: Sendable {
    public let id: String
    /// The full reference, as a reader would look it up.
    public let reference: String
    /// A short form for citations in text, such as "Smith et al. (2024)"; the full reference
    /// where none was declared.
    public let short: String
}

/// A named value of the rule base: a question, a derived value, a table or an output.
public struct ValueInfo: Sendable {
    public let name: String
    public let kind: ValueKind
    public let type: ValueType
    /// For numbers, the range the value can take, where known.
    public let range: ClosedRange<Double>?
    /// A short label for people (a derived value's `label`, a question's text).
    public let label: String?
    /// What a derived value, table or output means, in plain words (its `help`).
    public let help: String?
    /// Whether reports should name the single-answer changes that would change it (`watch`).
    public let watch: Bool
    /// The step whose key conclusions include this value (`show step N`).
    public let reportStep: Int?
    /// Whether the value belongs to the summary of an assessment (`headline`).
    public let headline: Bool
    /// The sentence that says the value in the summary (`headline "…"`), if the rules give one.
    let headlineSentence: Template?
    /// The chart that draws this number as a bar (`chart "TITLE"`).
    public let chart: ChartInfo?
    /// The 2×2 matrix whose quadrants are this value's options (`matrix …`).
    public let matrix: MatrixInfo?
    public let citations: [CitationInfo]
    /// For questions: the step, section, question text and help.
    public let question: QuestionInfo?
    /// Where the value is declared.
    public let declaration: SourceRange
}

/// A chart that draws numbers as bars: its title, and the range of the value drawn.
public struct ChartInfo: Sendable, Hashable {
    public let title: String
    public let range: ClosedRange<Double>
}

/// A 2×2 matrix spanned by two numbers, whose quadrants are the options of a value.
public struct MatrixInfo: Sendable, Hashable {
    /// The slots of the numbers on the horizontal and vertical axes, and where each divides.
    public let x: Int
    public let xSplit: Double
    public let y: Int
    public let ySplit: Double
    /// The option positions in the quadrants: top left, top right, bottom left, bottom right.
    public let quadrants: [Int]
    /// The slot of the value that gives the position to aim for, if any.
    public let target: Int?
}

/// The parts of a value that only questions have.
public struct QuestionInfo: Sendable {
    public let step: Int
    public let section: String
    public let text: String
    /// A few words that name the question in reports (`short "…"`); the question's text in
    /// quotation marks where the rules give none.
    public let short: String
    public let help: String?
    /// The condition under which the question is asked (its `when`, as written), if any.
    public let condition: String?
    /// The version of the rules since which it is asked as declared (`since N`; 1 where not said).
    public let since: Int
    /// The ids it had in earlier versions of the rules (`formerly`), which profiles may still use.
    public let formerNames: [String]
}

/// A rule, as declared.
public struct RuleInfo: Sendable {
    public let name: String
    public let citations: [CitationInfo]
    public let declaration: SourceRange
}

/// A decision table, as declared.
public struct TableInfo: Sendable {
    public let name: String
    public let policy: HitPolicy
    public let rowCount: Int
    public let citations: [CitationInfo]
    public let declaration: SourceRange
}
