import CXMRules

/// Why a profile's conclusion holds, why a rule fired or did not, or what a question's answer
/// does: the model behind `cxm explain`, made by ``Advisor/explain(_:_:trace:)``. It encodes
/// as the JSON that `cxm explain --format json` prints; the field names are stable
/// (schema version ``ExplanationRenderer/schemaVersion``).
public struct Explanation: Sendable, Codable {
    /// What can be explained: ``Advisor/subject(matching:)`` finds it by name.
    public enum Subject: Sendable, Hashable {
        /// The watched values, and what else to ask about.
        case overview
        /// A value, by slot (its position in `ruleBase.values`, as ``RuleBase/slot(named:)``
        /// gives it): a question, derived value, table or output.
        case value(SlotID)
        /// A rule, by its position in `ruleBase.rules`.
        case rule(RuleID)
    }

    /// What was explained.
    public enum Kind: String, Sendable, Codable {
        case overview, value, rule, question
    }

    public let schemaVersion: Int
    public let kind: Kind
    /// The profile's metadata (name, segment, …).
    public let profile: [String: String]
    /// The value asked about, or for an overview every watched value.
    public let values: [ValueExplanation]
    /// The rule asked about.
    public let rule: RuleExplanation?
    /// The question asked about.
    public let question: QuestionExplanation?
    /// For an overview: examples of what else one can ask about.
    public let askAbout: AskAbout?
    /// The engine trace of the tables and rules involved, when asked for.
    public let trace: [TraceEntry]?
}

/// How a derived value, table or output came to be.
public struct ValueExplanation: Sendable, Codable {
    public let name: String
    public let label: String?
    /// What it means, in plain words (its `help`).
    public let help: String?
    public let kind: ValueKind
    /// The value as JSON reports give it: option ids ("cherry_picker", ["relieving"]),
    /// numbers, `null` when unknown.
    public let value: Assessment.Value
    /// The value in words.
    public let display: String
    /// For tables: the hit policy, and the rows that decided the value (those that matched),
    /// or that could still match when missing answers leave it unknown.
    public let hitPolicy: HitPolicy?
    public let rows: [RowCheck]
    /// For outputs: the rules that set it and fired or are undecided, in source order, and how
    /// many others did not fire.
    public let rules: [RuleExplanation]
    public let rulesNotFired: Int
    /// The values it is computed from, down to the answers.
    public let inputs: [ValueNode]
    /// Whether the tree of inputs was cut short (see ``ValueNode``).
    public let inputsTruncated: Bool
    /// The answered questions it depends on, in question order.
    public let answers: [AnswerExplanation]
    /// The missing answers that could change it.
    public let missingAnswers: [AnswerExplanation]
    public let citations: [CitationExplanation]
}

/// One value in the tree of what a value is computed from. Each value appears once in full;
/// later mentions are `repeated` and have no inputs.
public struct ValueNode: Sendable, Codable {
    public let name: String
    /// A derived value's label; `nil` for questions and values without one.
    public let label: String?
    public let kind: ValueKind
    /// The value as JSON reports give it (option ids; `null` when unknown) and in words ("not
    /// answered" for a missing answer).
    public let value: Assessment.Value
    public let display: String
    public let repeated: Bool
    public let inputs: [ValueNode]
}

/// A question and its answer.
public struct AnswerExplanation: Sendable, Codable {
    /// The question's name.
    public let question: String
    /// The question as asked.
    public let text: String
    /// The answer as profiles give it: option ids, numbers, `null` when missing.
    public let value: Assessment.Value
    /// The answer in words: option labels, "not answered" when missing.
    public let display: String
    /// `false` when its `when` condition is false, so the answer is not used.
    public let applies: Bool
}

/// Whether a rule fired, what it says, and why.
public struct RuleExplanation: Sendable, Codable {
    public let name: String
    /// `matched` (fired), `not matched`, or `unknown` (missing answers leave it undecided).
    public let verdict: Verdict
    /// What it recommends or warns, filled in from the profile, whether or not it fired.
    public let recommendations: [Recommendation]
    public let warnings: [String]
    /// Its `because` text, filled in, when it fired: the reason it gives. `nil` when it did not
    /// fire or is undecided, where the text could state what does not hold for the profile.
    public let because: String?
    /// The conditions that decided the verdict, in words: for a rule that fired, those that
    /// held; for one that did not, those that failed; for an undecided one, the open ones.
    public let reasons: [ConditionCheck]
    /// The missing answers that would decide it, or could still change it.
    public let missingAnswers: [AnswerExplanation]
    /// The outputs it sets, with their values now.
    public let sets: [ValueReference]
    public let citations: [CitationExplanation]

    /// A recommendation's step, priority and text.
    public struct Recommendation: Sendable, Codable {
        public let step: Int
        public let priority: Priority
        public let text: String
    }
}

/// A question: what it asks, its answer, and what uses it.
public struct QuestionExplanation: Sendable, Codable {
    public let name: String
    /// The question as asked.
    public let text: String
    /// The answer as profiles give it (option ids, numbers, `null` when missing) and in words
    /// ("not answered" when missing).
    public let value: Assessment.Value
    public let display: String
    /// `false` when its `when` condition is false, so the answer is not used.
    public let applies: Bool
    public let help: String?
    public let step: Int
    public let section: String
    /// The condition under which it is asked, as written.
    public let condition: String?
    /// The values and rules that read its answer directly.
    public let usedBy: [ValueReference]
    /// The watched values its answer can change, directly or not.
    public let affects: [ValueReference]
    public let citations: [CitationExplanation]
}

/// A value or rule named in an explanation.
public struct ValueReference: Sendable, Codable {
    public let name: String
    public let label: String?
    /// `question`, `derived`, `table`, `output`, or `rule`.
    public let kind: String
    /// The value as JSON reports give it (option ids; `null` when unknown) and in words; both
    /// absent for rules.
    public let value: Assessment.Value?
    public let display: String?
}

/// A citation, with the reference as a reader looks it up.
public struct CitationExplanation: Sendable, Codable {
    public let source: String
    public let locator: String
    /// "Wirtz et al. (2025), §4.3".
    public let reference: String
}

/// Examples of what else `cxm explain` can be asked about.
public struct AskAbout: Sendable, Codable {
    /// Values the watched ones are computed from, and the outputs.
    public let values: [String]
    /// The rules that fired.
    public let rules: [String]
    /// The missing answers that matter.
    public let questions: [String]
}
