import CXMRules

/// Phrases that every report format shares.
enum ReportText {
    /// Who the assessment is about: the profile's name or id, and its segment.
    static func subject(_ assessment: Assessment) -> String {
        subject(assessment.profile)
    }

    /// Who a profile describes, from its metadata: "Acme (segment: SMEs)".
    static func subject(_ metadata: [String: String]) -> String {
        let name = metadata["name"] ?? metadata["id"] ?? "this profile"
        return (metadata["segment"].map { "\(name) (segment: \($0))" } ?? name).printable()
    }


    static func answeredLine(_ assessment: Assessment) -> String {
        "Answered \(assessment.answered) of \(assessment.questionCount) questions"
            + (assessment.answered < assessment.questionCount ? "; what depends on the others is marked." : ".")
    }

    /// The footnote to headline values marked as open to change.
    static let headlineNote = "could change with answers not given yet; the steps below name them."

    /// The missing answers that could change a conclusion, in parentheses: "(missing: …)" when
    /// it is unknown, "(could change with: …)" when it is known; `nil` when there are none.
    static func missingNote(_ conclusion: Assessment.Conclusion) -> String? {
        guard !conclusion.missingAnswers.isEmpty else { return nil }
        let names = conclusion.missingAnswers.joined(separator: ", ")
        return conclusion.value == .unknown ? "(missing: \(names))" : "(could change with: \(names))"
    }

    /// A conclusion's value in words, with the missing answers that could change it.
    static func valueWithMissing(_ conclusion: Assessment.Conclusion) -> String {
        missingNote(conclusion).map { "\(conclusion.display) \($0)" } ?? conclusion.display
    }

    /// Said of a watched value that no single different answer would change: that it is
    /// unknown, and what it depends on, when it is.
    static func noSingleChange(_ changes: Assessment.Changes, in assessment: Assessment) -> String {
        guard changes.current == .unknown, let conclusion = assessment.conclusions.first(where: { $0.name == changes.value }) else {
            return "No single different answer would change it."
        }
        return "It is \(unknown(decidedBy: conclusion.missingAnswers))."
    }

    /// "unknown until these are answered: a, b", of a value that is unknown.
    static func unknown(decidedBy missingAnswers: [String]) -> String {
        missingAnswers.isEmpty ? "unknown, and no missing answer would decide it"
            : "unknown until these are answered: " + missingAnswers.joined(separator: ", ")
    }

    /// " (missing: a, b)" after something unknown, or nothing when no answer is named.
    static func missing(_ answers: [String]) -> String {
        answers.isEmpty ? "" : " (missing: \(answers.joined(separator: ", ")))"
    }

    /// Where the profile stands on the matrix: its quadrant and both numbers, or unknown.
    static func asIs(_ matrix: Assessment.Matrix) -> String {
        let today = matrix.asIs
        guard let label = today.label, let x = today.x, let y = today.y else { return "unknown" + missing(today.missingAnswers) }
        return "\(label) (\(matrix.x.label): \(formatNumber(x)); \(matrix.y.label): \(formatNumber(y)))"
    }

    /// What the matrix calls the position to aim for, such as "CXM archetype to aim for".
    static func toBeLabel(_ matrix: Assessment.Matrix) -> String {
        matrix.toBeLabel ?? "to aim for"
    }

    /// The position to aim for, saying when it is today's quadrant, or unknown; `nil` when the
    /// rules name no target.
    static func toBe(_ matrix: Assessment.Matrix) -> String? {
        guard let target = matrix.toBe else { return nil }
        guard let label = target.label else { return "unknown" + missing(target.missingAnswers) }
        return label + (target.option == matrix.asIs.option ? " (the same quadrant)" : "")
    }

    /// "N rules wait for these answers; …", when missing answers leave rules undecided.
    static func waitingRules(_ assessment: Assessment) -> String? {
        let undecided = assessment.undecidedRules.count
        guard undecided > 0 else { return nil }
        return "\(undecided) rule\(undecided == 1 ? " waits" : "s wait") for these answers; the number after a "
            + "question is how many of them it would help decide (the others could change a conclusion above)."
    }

    /// The unanswered questions that matter, those that would help decide the most undecided
    /// rules first, each with that number: "cx_measures (9)".
    static func questionsWorthAnswering(_ assessment: Assessment) -> [String] {
        let counted = assessment.missingAnswers.enumerated().map { index, question in
            (index, question, assessment.undecidedRules.filter { $0.missingAnswers.contains(question) }.count)
        }
        return counted.sorted { ($1.2, $0.0) < ($0.2, $1.0) }.map { _, question, count in
            count == 0 ? question : "\(question)\u{00A0}(\(count))"
        }
    }
}
