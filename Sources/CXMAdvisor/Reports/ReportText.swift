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

    /// The report's title: who it is about, and for several respondents how many.
    static func title(_ assessment: Assessment, team: TeamAssessment? = nil) -> String {
        "CXM assessment of \(subject(assessment))" + (team.map { ", \(TextLayout.count($0.respondents.count, "respondent")) combined" } ?? "")
    }

    /// How many questions were answered (for several respondents, by their combined answers),
    /// and when.
    static func answeredLine(_ assessment: Assessment, team: TeamAssessment? = nil) -> String {
        let date = assessment.date.map { "; answers of \($0.printable())" } ?? ""
        guard team != nil else { return "Answered \(assessment.answered) of \(assessment.questionCount) questions" + date + "." }
        return "Their answers combined cover \(assessment.answered) of \(assessment.questionCount) questions" + date + "."
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
        guard ids.count <= 3 else { return "How sure: \(count) change this summary; the end of the report lists them." }
        return sentence("How sure: \(count) change this summary: \(questions(ids, in: assessment))")
    }

    /// Words joined as a sentence lists them: "a", "a and b", "a, b and c".
    static func both(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    /// Alternatives joined as a sentence lists them: "a", "a or b", "a, b or c".
    static func either(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// Text ended with a full stop, unless it ends with one already inside quotation marks.
    static func sentence(_ text: String) -> String {
        text.hasSuffix(".”") || text.hasSuffix("?”") || text.hasSuffix(".") ? text : text + "."
    }

    /// The heading of the note on answers saved under an earlier version of the rules.
    static let formerAnswersHeading = "Answers from an earlier version"

    /// That answers were saved under ids of an earlier version of the rules: in the full report,
    /// a lead and how each was read, one item each; in the default one, a lead naming the
    /// questions they answer (one line or two) and no items. `nil` when none were.
    static func formerAnswers(_ assessment: Assessment, full: Bool) -> (lead: String, items: [String])? {
        guard let former = assessment.formerAnswers, !former.isEmpty else { return nil }
        let opening = "Answers saved under an earlier version of the questionnaire were read as today's"
        guard !full else { return (opening + ":", former.map { sentence($0.display) }) }
        var seen: Set<String> = []
        let questions = former.map(\.question).filter { seen.insert($0).inserted }.map { assessment.questions[$0] ?? $0 }
        return (opening + " (" + questions.joined(separator: "; ") + "); the full report says how.", [])
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
        guard !parts.isEmpty else { return nil }
        return "The full report adds " + both(parts) + "."
    }

    /// Said of a watched value that no single different answer would change: that it is
    /// unknown, and what it depends on, when it is.
    static func noSingleChange(_ changes: Assessment.Changes, in assessment: Assessment) -> String {
        guard changes.current == .unknown, let conclusion = assessment.conclusions.first(where: { $0.name == changes.value }) else {
            return "No single different answer would change it."
        }
        let now = conclusion.display == RuleBase.notKnownYet ? "not known" : conclusion.display + ","
        return sentence("It is \(now) until these are answered: \(questions(conclusion.missingAnswers, in: assessment))")
    }

    /// Where the profile stands on the matrix: its quadrant and both numbers, or the quadrants
    /// still possible.
    static func asIs(_ matrix: Assessment.Matrix) -> String {
        let today = matrix.asIs
        guard let label = today.label, let x = today.x, let y = today.y else { return today.display }
        return "\(label) (\(formatNumber(x)) across, \(formatNumber(y)) up)"
    }

    /// The heading over the matrix: "CXM archetype today on the matrix", and for several
    /// respondents "…, by respondent".
    static func matrixHeading(_ matrix: Assessment.Matrix, team: TeamAssessment? = nil) -> String {
        matrix.label + " on the matrix" + (team == nil ? "" : ", by respondent")
    }

    /// Where the combined answers place the firm, as the legend says it.
    static func combinedPosition(_ matrix: Assessment.Matrix) -> String {
        "combined answers: \(asIs(matrix))"
    }

    /// Where one respondent's own answers place the firm: "CEO: CXM Champion (3.1 across, 4.5
    /// up)", or what is still possible, "not drawn".
    static func position(of respondent: TeamAssessment.Respondent) -> String {
        guard let position = respondent.position else { return respondent.label.printable() }
        guard let label = position.label, let x = position.x, let y = position.y else {
            return "\(respondent.label.printable()): \(position.display) (not drawn)"
        }
        return "\(respondent.label.printable()): \(label) (\(formatNumber(x)) across, \(formatNumber(y)) up)"
    }

    /// How far the respondents agree, for the summary: where their own answers place the firm,
    /// and the questions they are most divided on.
    static func agreement(_ team: TeamAssessment) -> String {
        let divided = team.questions.filter { $0.spread > 0 }.prefix(3).map(\.label)
        return team.agreement.text.printable() + (divided.isEmpty ? "" : " Most divided: " + divided.joined(separator: "; ") + ".")
    }

    /// How many questions on which respondents differ the default reports show.
    static let differencesShown = 6

    static func differencesHeading(_ team: TeamAssessment) -> String {
        "Where the answers differ (\(team.agreement.differing) of \(TextLayout.count(team.agreement.compared, "question")); the most divided first)"
    }

    /// One question on which the respondents differ: its combined answer and its spread.
    static func spread(_ question: TeamAssessment.QuestionSpread) -> String {
        "\(question.label): \(question.combined == .unknown ? question.combinedDisplay : "combined \(question.combinedDisplay)"); "
            + question.spreadDisplay
    }

    /// Each respondent's answer to a question: "CEO: Agree; CX manager: Disagree"; for a
    /// multiple-choice question, who chose each option they are divided on: "NPS: CEO, CX
    /// manager (2 of 3)".
    static func answers(_ question: TeamAssessment.QuestionSpread) -> String {
        if let divided = question.divided {
            return divided.map { "\($0.label): \($0.chosenBy.map { $0.printable() }.joined(separator: ", ")) (\($0.chosenBy.count) of \($0.of))" }
                .joined(separator: "; ")
        }
        return question.answers.map { "\($0.respondent.printable()): \($0.display)" }.joined(separator: "; ")
    }

    /// What the list of differences leaves out, if anything; `nil` when there is nothing to add.
    static func moreDifferences(_ team: TeamAssessment, shown: Int) -> String? {
        let differing = team.agreement.differing
        let agreed = team.agreement.compared - differing
        var parts: [String] = []
        if differing > shown { parts.append("\(differing - shown) more \(differing - shown == 1 ? "question differs" : "questions differ") (--full lists them)") }
        if agreed > 0 { parts.append("they agree on the other \(TextLayout.count(agreed, "question"))") }
        return parts.isEmpty ? nil : sentence(parts.joined(separator: "; ").prefix(1).uppercased() + parts.joined(separator: "; ").dropFirst())
    }

    /// The combination rules as label–text pairs: how each kind of question combines, and with
    /// `full` how its spread is measured.
    static func combinationRules(_ team: TeamAssessment, full: Bool) -> [(label: String, value: String)] {
        team.rules.map { rule in (rule.kind, full ? "\(rule.combined); spread: \(rule.spread)" : rule.combined) }
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

    /// The unanswered questions that no mark of the report stands for but that undecided rules
    /// wait for, those that would help decide the most rules first, each with that number; `nil`
    /// when there are none.
    static func otherQuestionsWorthAnswering(_ assessment: Assessment, besides marked: Set<String>) -> String? {
        let counted = assessment.missingAnswers.enumerated().filter { !marked.contains($0.element) }.map { index, question in
            (index, question, assessment.undecidedRules.filter { $0.missingAnswers.contains(question) }.count)
        }.filter { $0.2 > 0 }
        guard !counted.isEmpty else { return nil }
        let listed = counted.sorted { ($1.2, $0.0) < ($0.2, $1.0) }.map { _, question, count in
            "\(assessment.questions[question] ?? question)\u{00A0}(\(count))"
        }
        return "Rules that could still apply wait for these answers (the number: how many rules each would help decide): "
            + listed.joined(separator: "; ") + "."
    }

    /// Step conclusions with the same value in words said once: their labels joined ("A, and
    /// b"), the value once.
    static func merged(_ conclusions: [Assessment.Conclusion]) -> [(label: String, conclusion: Assessment.Conclusion)] {
        var rows: [(label: String, conclusion: Assessment.Conclusion)] = []
        for conclusion in conclusions {
            if let index = rows.firstIndex(where: { $0.conclusion.display == conclusion.display && $0.conclusion.value != .unknown
                && $0.conclusion.missingAnswers == conclusion.missingAnswers }) {
                rows[index].label += ", and " + conclusion.label.insideSentence
            } else {
                rows.append((conclusion.label, conclusion))
            }
        }
        return rows
    }
}

/// What a report has said so far, so that it says each thing once: the reasons it has given,
/// and the missing answers that could change what it shows (each item they could change is
/// marked " *" as the report shows it, and at the end the questions are listed once, those that
/// could change the most marked items first).
final class ReportLedger {
    /// For each question (id), how many marked items it could change, and where it first came.
    private var counts: [String: (items: Int, first: Int)] = [:]
    /// Whether items are marked at all.
    private let marking: Bool
    private var reasons: Set<String> = []

    /// Whether a reason is given for the first time (and so is to be shown).
    func isNew(reason: String) -> Bool {
        reasons.insert(reason).inserted
    }

    /// Open items, marked (or, with `marking` false, not marked, as on the screen after `cxm ask`).
    init(marking: Bool = true) {
        self.marking = marking
    }

    /// " *" after an item that these missing answers could change, or nothing for none;
    /// counted for the list of questions behind the marks.
    func marker(_ ids: [String]) -> String {
        guard marking, !ids.isEmpty else { return "" }
        for id in ids { counts[id] = ((counts[id]?.items ?? 0) + 1, counts[id]?.first ?? counts.count) }
        return ReportLedger.mark(ids)
    }

    /// " *" after an item that these missing answers could change, or nothing for none.
    static func mark(_ ids: [String]) -> String {
        ids.isEmpty ? "" : " *"
    }

    /// What the mark `*` means.
    static let markMeaning = "could change with answers not given yet"

    /// The questions behind the marks, those that could change the most first, with that
    /// number: "Users' personal goals (6)"; empty when nothing was marked.
    func questions(_ assessment: Assessment) -> [String] {
        counts.sorted { ($1.value.items, $0.value.first) < ($0.value.items, $1.value.first) }.map { id, count in
            "\(assessment.questions[id] ?? id)\u{00A0}(\(count.items))"
        }
    }

    /// The ids of the questions behind the marks.
    var ids: Set<String> { Set(counts.keys) }

    /// What the list of questions behind the marks means.
    static let legend = "* \(markMeaning). Answering these would decide it; the number "
        + "after a question is how many of the items marked * it could change:"
}
