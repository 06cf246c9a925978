import CXMRules

/// What a report shows about one profile, as plain data: the summary, the matrix, the key
/// conclusions, charts and recommendations of each playbook step, the warnings, and what is
/// missing. Every report format renders this; encoded, it is the JSON report (see
/// `docs/report-schema.md`). The rule files decide what goes in it with `headline`,
/// `show step N`, `chart` and `matrix`.
public struct Assessment: Codable, Sendable, Equatable {
    /// The JSON schema version; raised when a field changes meaning or disappears.
    public static let currentSchemaVersion = 3

    public var schemaVersion: Int
    /// The profile's metadata: `id`, `name`, `segment`, `respondent`, when given.
    public var profile: [String: String]
    /// The date of the answers (the profile's `date`, or `cxm assess --date`), as given.
    public var date: String?
    /// How many questions were answered, of how many; questions that do not apply (their `when`
    /// is false) count in neither.
    public var answered: Int
    public var questionCount: Int
    /// The summary: the headline values in sentences (`headline "…"`), or as label and value.
    public var summary: [Sentence]
    /// The actions to take first: the ranked recommendations of the rules that fired, in rank
    /// order (at most ``firstActionLimit``).
    public var firstActions: [Action]
    /// The short labels of the questions the report names (`short "…"`), by question id.
    public var questions: [String: String]
    /// The values marked `headline`, in declaration order.
    public var headline: [Conclusion]
    /// The matrix of the value marked `matrix`, if any, with the as-is and to-be positions.
    public var matrix: Matrix?
    /// The playbook steps that have something to show, in order.
    public var steps: [Step]
    /// Warnings of the rules that fired, in rule order.
    public var warnings: [Recommendation]
    /// For each value marked `watch`, the single-answer changes that would change it.
    public var changes: [Changes]
    /// The unanswered questions (ids) that could change a conclusion or decide a rule.
    public var missingAnswers: [String]
    /// Answered questions that were not used because their `when` condition is false.
    public var ignoredAnswers: [String]
    /// Answers saved under question or option ids of an earlier version of the rules, and how
    /// they were read; absent when there are none.
    public var formerAnswers: [FormerAnswer]?
    /// The version of the rules that made the assessment (`version N` in the rule files).
    public var rulesVersion: Int?
    /// Rules that missing answers left undecided, with those answers.
    public var undecidedRules: [Undecided]
    /// Every derived value, table and output, in declaration order.
    public var conclusions: [Conclusion]
    /// The engine trace, when it was asked for.
    public var trace: [TraceEntry]?

    /// An answer saved under ids of an earlier version of the rules: the question it answers
    /// now, the key and former answers or option ids the profile holds, and how it was read, in
    /// words ("“competitors_compete_on_cx: true” as Competitors competing on CX: Most of them do").
    public struct FormerAnswer: Codable, Sendable, Equatable {
        public var question: String
        public var savedKey: String
        public var savedValues: [String]
        /// The ids of the options the saved values were read as, one each.
        public var readValues: [String]
        public var display: String
    }

    /// A value as JSON shows it: unknown (`null`), a boolean, a number, a text or option id, or
    /// a list of option ids.
    public enum Value: Codable, Sendable, Hashable {
        case unknown
        case boolean(Bool)
        case number(Double)
        case word(String)
        case words([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .unknown }
            else if let flag = try? container.decode(Bool.self) { self = .boolean(flag) }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let word = try? container.decode(String.self) { self = .word(word) }
            else { self = .words(try container.decode([String].self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .unknown: try container.encodeNil()
            case .boolean(let flag): try container.encode(flag)
            case .number(let number): try container.encode(number)
            case .word(let word): try container.encode(word)
            case .words(let words): try container.encode(words)
            }
        }
    }

    /// The most actions the summary lists.
    public static let firstActionLimit = 5

    /// A derived value, table or output and what it came to.
    public struct Conclusion: Codable, Sendable, Equatable {
        public var name: String
        public var label: String
        /// What it means, in plain words (its `help`).
        public var help: String?
        /// `derived`, `table` or `output`.
        public var kind: String
        /// The value; where only one value is possible whatever the missing answers, that one.
        public var value: Value
        /// The value in words, as reports show it; for an unknown value, the values still
        /// possible ("CXM Champion or CXM Cherry Picker").
        public var display: String
        /// The missing answers (question ids) that could change it.
        public var missingAnswers: [String]
        /// What it can still come to, when missing answers could change it.
        public var candidates: Candidates?
    }

    /// The values a conclusion can still take, whatever the missing answers turn out to be.
    public struct Candidates: Codable, Sendable, Equatable {
        /// The options (ids) or truth values still possible, for a value with options or a
        /// boolean.
        public var values: [Value]?
        /// The bounds a number can still take (either `null` when unbounded).
        public var low: Double?
        public var high: Double?
        /// For a set or list of options: the options it holds whatever the answers, and those
        /// it may hold.
        public var surely: [String]?
        public var perhaps: [String]?
        /// Whether it can stay unknown (a question it needs may not apply).
        public var orUnknown: Bool
        /// In words: "CXM Champion or CXM Cherry Picker", "2 to 4".
        public var display: String
    }

    /// A line of the summary: a headline value's sentence, and the missing answers that could
    /// change what it says.
    public struct Sentence: Codable, Sendable, Equatable {
        /// The headline value it says.
        public var value: String
        /// The values it names: the headline value first, then those in its sentence.
        public var values: [String]
        public var text: String
        public var missingAnswers: [String]
    }

    /// A position in the matrix: the option and, for the as-is position, the two numbers.
    public struct Position: Codable, Sendable, Equatable {
        public var option: String?
        public var label: String?
        public var x: Double?
        public var y: Double?
        /// The position in words: its option, or the options still possible.
        public var display: String
        /// The missing answers that could change the position.
        public var missingAnswers: [String]
        /// The options (ids) still possible, where missing answers could change it.
        public var candidates: [String]?
    }

    /// A 2×2 matrix: two number axes, four quadrants, where the profile stands and where it
    /// should aim.
    public struct Matrix: Codable, Sendable, Equatable {
        /// A number axis: the value drawn, its range, and where it divides.
        public struct Axis: Codable, Sendable, Equatable {
            public var name: String
            public var label: String
            public var low: Double
            public var high: Double
            public var split: Double
        }

        /// A quadrant: the option it stands for.
        public struct Quadrant: Codable, Sendable, Equatable {
            public var option: String
            public var label: String
        }

        /// The value the matrix shows (its name and label).
        public var name: String
        public var label: String
        public var x: Axis
        public var y: Axis
        /// Top left, top right, bottom left, bottom right.
        public var quadrants: [Quadrant]
        public var asIs: Position
        /// The position to aim for (no numbers), when the rules name a target.
        public var toBe: Position?
        /// The label of the target value, such as "CXM archetype to aim for".
        public var toBeLabel: String?
    }

    /// Numbers drawn as bars.
    public struct Chart: Codable, Sendable, Equatable {
        /// One number drawn as a bar within its range.
        public struct Bar: Codable, Sendable, Equatable {
            public var name: String
            public var label: String
            /// `nil` when unknown.
            public var value: Double?
            public var low: Double
            public var high: Double
            /// The value in words; for an unknown value, the range it can still take.
            public var display: String
            public var missingAnswers: [String]
        }

        public var title: String
        public var bars: [Bar]
    }

    /// A playbook step: its key conclusions (those not drawn in a chart), charts and
    /// recommendations (by priority, then rule order).
    public struct Step: Codable, Sendable, Equatable {
        public var number: Int
        public var title: String
        public var conclusions: [Conclusion]
        public var charts: [Chart]
        public var recommendations: [Recommendation]
    }

    /// A recommendation or warning, with its reason and sources.
    public struct Recommendation: Codable, Sendable, Equatable {
        /// A source and where in it.
        public struct Citation: Codable, Sendable, Equatable {
            public var source: String
            public var locator: String
            /// The citation as a reader looks it up, such as "Wirtz et al. (2025), §4.3".
            public var reference: String
        }

        public var rule: String
        public var step: Int?
        public var priority: Priority?
        public var text: String
        /// Why, in plain words (the rule's `because`).
        public var because: String?
        public var citations: [Citation]
        /// Missing answers that could still change whether this applies.
        public var missingAnswers: [String]
    }

    /// The single-answer changes that would change a watched value.
    public struct Changes: Codable, Sendable, Equatable {
        /// One answer changed, and what the value becomes.
        public struct Change: Codable, Sendable, Equatable {
            public var question: String
            public var from: Value
            public var to: Value
            public var result: Value
            /// The change in words: "rivalry: Agree → Disagree gives CXM Minimalist".
            public var display: String
        }

        public var value: String
        public var label: String
        /// The value now, and in words.
        public var current: Value
        public var currentDisplay: String
        public var changes: [Change]
    }

    /// A rule that missing answers left undecided.
    public struct Undecided: Codable, Sendable, Equatable {
        public var rule: String
        public var missingAnswers: [String]
    }
}
