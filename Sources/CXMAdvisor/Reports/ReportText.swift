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

    /// How many questions were answered, and when.
    static func answeredLine(_ assessment: Assessment) -> String {
        "Answered \(assessment.answered) of \(assessment.questionCount) questions"
            + (assessment.date.map { "; answers of \($0.printable())" } ?? "") + "."
    }

    /// Questions by their short labels, joined with "; " (labels may hold commas).
    static func questions(_ ids: [String], in assessment: Assessment) -> String {
        ids.map { assessment.questions[$0] ?? $0 }.joined(separator: "; ")
    }

    /// How sure the summary is: the unanswered questions that could change it, gathered once,
    /// and what its values could still be.
    static func howSure(_ assessment: Assessment) -> String {
        var seen = Set<String>()
        let ids = assessment.summary.flatMap(\.missingAnswers).filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { return "How sure: no unanswered question could change this summary." }
        let count = ids.count == 1 ? "1 unanswered question could" : "\(ids.count) unanswered questions could"
        return "How sure: \(count) change this summary: \(questions(ids, in: assessment))."
    }

    /// What the full report adds to the default one, and how to get it; `nil` when it adds
    /// nothing.
    static func fullReportHint(_ assessment: Assessment) -> String? {
        let recommendations = assessment.steps.reduce(0) { $0 + $1.recommendations.count }
        var parts: [String] = []
        if recommendations > 0 { parts.append(TextLayout.count(recommendations, "recommendation") + " with why and sources") }
        if !assessment.warnings.isEmpty { parts.append(TextLayout.count(assessment.warnings.count, "warning")) }
        if !assessment.steps.flatMap(\.charts).isEmpty { parts.append("the scores in charts") }
        if !assessment.changes.isEmpty { parts.append("what one different answer would change") }
        if !assessment.missingAnswers.isEmpty { parts.append("the questions worth answering") }
        guard !parts.isEmpty else { return nil }
        return "The full report adds " + (parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!) + "."
    }

    /// Said of a watched value that no single different answer would change: that it is
    /// unknown, and what it depends on, when it is.
    static func noSingleChange(_ changes: Assessment.Changes, in assessment: Assessment) -> String {
        guard changes.current == .unknown, let conclusion = assessment.conclusions.first(where: { $0.name == changes.value }) else {
            return "No single different answer would change it."
        }
        return "It is \(conclusion.display), until these are answered: \(questions(conclusion.missingAnswers, in: assessment))."
    }

    /// Where the profile stands on the matrix: its quadrant and both numbers, or the quadrants
    /// still possible.
    static func asIs(_ matrix: Assessment.Matrix) -> String {
        let today = matrix.asIs
        guard let label = today.label, let x = today.x, let y = today.y else { return today.display }
        return "\(label) (\(formatNumber(x)) across, \(formatNumber(y)) up)"
    }

    /// What the matrix calls the position to aim for, such as "CXM archetype to aim for".
    static func toBeLabel(_ matrix: Assessment.Matrix) -> String {
        matrix.toBeLabel ?? "to aim for"
    }

    /// The position to aim for, saying when it is today's quadrant, or the quadrants still
    /// possible; `nil` when the rules name no target.
    static func toBe(_ matrix: Assessment.Matrix) -> String? {
        guard let target = matrix.toBe else { return nil }
        guard let label = target.label else { return target.display }
        return label + (target.option == matrix.asIs.option ? " (the same quadrant)" : "")
    }

    /// The unanswered questions that no letter of the report names but that undecided rules wait
    /// for, those that would help decide the most rules first, each with that number:
    /// "Rules that could still apply wait for: Customer data and CX metrics (9); …"; `nil`
    /// when there are none.
    static func otherQuestionsWorthAnswering(_ assessment: Assessment, notes: OpenNotes) -> String? {
        let named = Set(notes.sets.joined())
        let counted = assessment.missingAnswers.enumerated().filter { !named.contains($0.element) }.map { index, question in
            (index, question, assessment.undecidedRules.filter { $0.missingAnswers.contains(question) }.count)
        }.filter { $0.2 > 0 }
        guard !counted.isEmpty else { return nil }
        let listed = counted.sorted { ($1.2, $0.0) < ($0.2, $1.0) }.map { _, question, count in
            "\(assessment.questions[question] ?? question)\u{00A0}(\(count))"
        }
        return "Rules that could still apply wait for these (the number: how many rules each would help decide): "
            + listed.joined(separator: "; ") + "."
    }

    /// Step conclusions with the same value in words said once: their labels joined ("A, and
    /// b"), the value once.
    static func merged(_ conclusions: [Assessment.Conclusion]) -> [(label: String, conclusion: Assessment.Conclusion)] {
        var rows: [(label: String, conclusion: Assessment.Conclusion)] = []
        for conclusion in conclusions {
            if let index = rows.firstIndex(where: { $0.conclusion.display == conclusion.display && $0.conclusion.value != .unknown
                && $0.conclusion.missingAnswers == conclusion.missingAnswers }) {
                rows[index].label += ", and " + lowercasedStart(conclusion.label)
            } else {
                rows.append((conclusion.label, conclusion))
            }
        }
        return rows
    }

    /// Text with its first letter in lower case, unless the first word is an abbreviation
    /// ("CXM").
    private static func lowercasedStart(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 1, characters[0].isUppercase, !characters[1].isUppercase else { return text }
        return characters[0].lowercased() + String(characters.dropFirst())
    }
}

/// The missing answers that could change what a report says, gathered once: each distinct set
/// of them gets a letter, which the report puts after what they could change (" [a]"), and a
/// list at the end names the questions of each letter.
struct OpenNotes {
    /// The sets of question ids, in the order the report first shows them.
    private(set) var sets: [[String]] = []

    /// No notes: nothing is marked.
    static let none = OpenNotes()

    private init() {}

    /// The notes of the full report (`full`), or of the default one, which shows the first
    /// actions and the steps' conclusions. (The summary names its missing answers itself.)
    init(_ assessment: Assessment, full: Bool) {
        var all: [[String]] = assessment.firstActions.map(\.missingAnswers)
        for step in assessment.steps {
            all += step.conclusions.map(\.missingAnswers)
            if full { all += step.charts.flatMap { $0.bars.map(\.missingAnswers) } + step.recommendations.map(\.missingAnswers) }
        }
        if full { all += assessment.warnings.map(\.missingAnswers) }
        for ids in all where !ids.isEmpty && !sets.contains(ids) { sets.append(ids) }
    }

    /// " [a]" for a set of missing answers, or nothing for none.
    func marker(_ ids: [String]) -> String {
        guard let index = sets.firstIndex(of: ids) else { return "" }
        return " [\(OpenNotes.letter(index))]"
    }

    private static func letter(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(97 + index))) : "\(index + 1)"
    }

    /// "[a] could change with: X; Y", one line per set.
    func legend(_ assessment: Assessment) -> [String] {
        sets.enumerated().map { "[\(OpenNotes.letter($0.offset))] \(ReportText.questions($0.element, in: assessment))" }
    }
}
