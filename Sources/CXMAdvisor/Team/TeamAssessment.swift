import CXMRules

/// Several respondents of one firm (or one segment of it) assessed together: the assessment of
/// their combined answers, where each respondent's own answers place the firm, and how far their
/// answers spread, question by question. Made by ``Advisor/combine(_:anonymous:)``; encoded, it
/// is a group of the JSON that `cxm combine --format json` prints (see `docs/combine-schema.md`).
public struct TeamAssessment: Codable, Sendable, Equatable {
    /// The JSON schema version; raised when a field changes meaning or disappears.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The firm, as the input names it: `id`, `name`, `segment`, and `date` (the respondents'
    /// dates, "FIRST to LAST" where they differ). No respondent's label.
    public var profile: [String: String]
    /// The respondents, in input order.
    public var respondents: [Respondent]
    /// What the combined answers come to, as `cxm assess` reports it: the rules that read the
    /// respondents' spread (`spread(x)`) give the advice on their disagreement.
    public var assessment: Assessment
    /// Where the respondents' own answers place the firm on the matrix, in a sentence and by
    /// quadrant.
    public var agreement: Agreement
    /// Every question at least one respondent answered: the combined answer and how far the
    /// answers spread, the most divided first.
    public var questions: [QuestionSpread]
    /// How the answers were combined and their spread measured, by kind of question.
    public var rules: [CombinationRule]

    /// What `cxm combine --format json` prints: the team assessment of each group.
    public struct Document: Codable, Sendable, Equatable {
        public var schemaVersion = TeamAssessment.currentSchemaVersion
        public var groups: [TeamAssessment]

        public init(groups: [TeamAssessment]) {
            self.groups = groups
        }
    }

    /// One respondent.
    public struct Respondent: Codable, Sendable, Equatable {
        /// The label the input gives (its `respondent`), or R1…Rn in input order where it gives
        /// none or with `--anonymous`.
        public var label: String
        /// The mark drawn on the text matrix: 1–9, then A–Z, then `•`.
        public var key: String
        /// How many questions they answered, of how many that apply to their answers.
        public var answered: Int
        public var questionCount: Int
        /// Where their own answers place the firm on the matrix (when the rules draw one).
        public var position: Assessment.Position?
    }

    /// Where the respondents' own answers place the firm.
    public struct Agreement: Codable, Sendable, Equatable {
        /// In a sentence: "Your 3 respondents' own answers place the firm in 2 quadrants: …".
        public var text: String
        /// Whether their positions fall in more than one quadrant.
        public var split: Bool
        /// The quadrants they stand in, in the order of the matrix, each with their labels.
        public var quadrants: [Quadrant]
        /// The respondents whose position missing answers leave open.
        public var open: [String]
        /// On how many of the questions answered by two or more they differ.
        public var differing: Int
        public var compared: Int

        public struct Quadrant: Codable, Sendable, Equatable {
            public var option: String
            public var label: String
            public var respondents: [String]
        }
    }

    /// One question: what each respondent answered, the combined answer and the spread.
    public struct QuestionSpread: Codable, Sendable, Equatable {
        /// The question's id.
        public var question: String
        /// Its short label, as reports name it.
        public var label: String
        /// The combined answer (`null` when no answer combines: a tie, or texts that differ).
        public var combined: Assessment.Value
        /// The combined answer in words, or why there is none ("no majority").
        public var combinedDisplay: String
        /// The spread as `spread(x)` reads it (see `Combining` in `CXMRules`).
        public var spread: Double
        /// The spread in words: "4 steps, from Strongly disagree to Agree", "1 of 3 differs".
        public var spreadDisplay: String
        /// Each respondent's answer, in respondent order; `null` where they did not answer.
        public var answers: [Answer]
        /// For a multiple-choice question, the options some respondents chose and others did
        /// not, the most divided first, each with those who chose it.
        public var divided: [Divided]?

        public struct Divided: Codable, Sendable, Equatable {
            public var option: String
            public var label: String
            public var chosenBy: [String]
            /// How many answered the question (of those who answered it in part, those who
            /// named the option as chosen or not).
            public var of: Int
        }

        public struct Answer: Codable, Sendable, Equatable {
            public var respondent: String
            public var value: Assessment.Value
            public var display: String
        }
    }

    /// How one kind of question combines.
    public struct CombinationRule: Codable, Sendable, Equatable {
        public var kind: String
        public var combined: String
        public var spread: String
    }
}

/// Groups profiles into the firms (or segments) they describe: by `id`, else `name`, and by
/// `segment`. Profiles that name neither an id nor a name form one group.
public enum RespondentGroups {
    /// The profiles in groups, each in input order, the groups in the order they first appear.
    public static func group(_ profiles: [Profile]) -> [[Profile]] {
        var order: [String] = []
        var groups: [String: [Profile]] = [:]
        for profile in profiles {
            let key = self.key(profile.metadata)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(profile)
        }
        return order.map { groups[$0]! }
    }

    /// What a profile's group is known by: its id (else its name) and its segment.
    public static func key(_ metadata: [String: String]) -> String {
        (firm(metadata) ?? "") + "\u{0}" + (metadata["segment"] ?? "")
    }

    /// A profile's firm as people read it: its id (else its name), with its segment: "Acme
    /// (SMEs)"; `nil` when it gives neither an id nor a name.
    public static func name(_ metadata: [String: String]) -> String? {
        firm(metadata).map { firm in metadata["segment"].map { "\(firm) (\($0))" } ?? firm }
    }

    private static func firm(_ metadata: [String: String]) -> String? {
        [metadata["id"], metadata["name"]].compactMap { $0 }.first { !$0.isEmpty }
    }
}
