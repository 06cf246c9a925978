import CXMRules

/// Two assessments of one firm, an earlier and a later one, both under the same (current)
/// rules: the way it has come on the matrix, the answers and conclusions that changed (each
/// conclusion with the changed answers behind it), and the recommendations and warnings that
/// are new or no longer apply. Made by ``Advisor/compare(_:_:)``; encoded, it is a comparison of
/// the JSON that `cxm compare --format json` prints (see `docs/compare-schema.md`).
public struct Comparison: Codable, Sendable, Equatable {
    /// The JSON schema version; raised when a field changes meaning or disappears.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The firm, as the later profile names it: `id`, `name`, `segment`.
    public var profile: [String: String]
    /// The earlier assessment and the later one.
    public var before: Moment
    public var after: Moment
    /// Whether nothing changed: the same answers, and so the same assessment.
    public var unchanged: Bool
    /// The later matrix (where the firm stands now and where to aim), when the rules draw one;
    /// `before.position` is where it stood.
    public var matrix: Assessment.Matrix?
    /// What to do now: the later assessment's first actions.
    public var firstActions: [FirstAction]
    /// The answers that changed, in question order.
    public var answers: [AnswerChange]
    /// The conclusions that changed, in declaration order.
    public var conclusions: [ConclusionChange]
    /// Recommendations and warnings that apply now but did not before (`new`), and those that
    /// applied before but no longer do (`dropped`), by rule, in rule order.
    public var recommendations: AdviceChanges
    public var warnings: AdviceChanges
    /// The short labels of the questions the comparison names, by question id.
    public var questions: [String: String]

    /// One of the two assessments.
    public struct Moment: Codable, Sendable, Equatable {
        /// The date of the answers, as the profile gives it.
        public var date: String?
        public var answered: Int
        public var questionCount: Int
        /// Where the firm stood on the matrix, and where it was to aim.
        public var position: Assessment.Position?
        public var target: Assessment.Position?
        /// The summary's sentences.
        public var summary: [Assessment.Sentence]
    }

    /// An action to take first now, and whether it is new.
    public struct FirstAction: Codable, Sendable, Equatable {
        public var action: Action
        /// Whether the earlier assessment did not have it among its recommendations.
        public var new: Bool
    }

    /// An answer that changed.
    public struct AnswerChange: Codable, Sendable, Equatable {
        public var question: String
        public var from: Assessment.Value
        public var to: Assessment.Value
        /// Both in words ("not answered" for a missing answer).
        public var fromDisplay: String
        public var toDisplay: String
        /// For a multiple-choice question answered both times, the options added and removed,
        /// in words.
        public var added: [String]?
        public var removed: [String]?
    }

    /// A conclusion that changed, and the changed answers it depends on.
    public struct ConclusionChange: Codable, Sendable, Equatable {
        public var name: String
        public var label: String
        public var from: Assessment.Value
        public var to: Assessment.Value
        public var fromDisplay: String
        public var toDisplay: String
        /// Whether reports show it (a headline value, or one of a step's key conclusions).
        public var shown: Bool
        /// The changed answers (question ids) that it is computed from, as `cxm explain` traces
        /// them.
        public var because: [String]
    }

    /// Advice that is new, and advice that no longer applies.
    public struct AdviceChanges: Codable, Sendable, Equatable {
        public var new: [Assessment.Recommendation]
        public var dropped: [Assessment.Recommendation]
    }

    /// What `cxm compare --format json` prints: every comparison, and for two batch inputs the
    /// ids found in only one of them.
    public struct Document: Codable, Sendable, Equatable {
        public var schemaVersion = Comparison.currentSchemaVersion
        public var comparisons: [Comparison]
        /// The profiles (by id) only the earlier input holds, and those only the later one holds.
        public var onlyBefore: [String]
        public var onlyAfter: [String]

        public init(comparisons: [Comparison], onlyBefore: [String] = [], onlyAfter: [String] = []) {
            self.comparisons = comparisons
            self.onlyBefore = onlyBefore
            self.onlyAfter = onlyAfter
        }
    }
}
