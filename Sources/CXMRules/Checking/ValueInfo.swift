/// How a value comes to be.
public enum ValueKind: String, Sendable, Codable {
    case question, derived, table, output
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
    public let x: SlotID
    public let xSplit: Double
    public let y: SlotID
    public let ySplit: Double
    /// The option positions in the quadrants: top left, top right, bottom left, bottom right.
    public let quadrants: [Int]
    /// The slot of the value that gives the position to aim for, if any.
    public let target: SlotID?
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

extension Array where Element == ValueInfo {
    /// The value in `slot` (``RuleBase/values``, indexed by ``SlotID``).
    public subscript(_ slot: SlotID) -> ValueInfo { self[slot.index] }
}
