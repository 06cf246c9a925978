import CXMRules

/// Phrases that every format of a comparison shares.
enum ComparisonText {
    static func title(_ comparison: Comparison) -> String {
        "How \(ReportText.subject(comparison.profile)) has moved"
    }

    /// When the two sets of answers were given, and under which rules they were assessed.
    static func dates(_ comparison: Comparison) -> String {
        let (before, after) = (comparison.before.date?.printable(), comparison.after.date?.printable())
        let when = before != nil || after != nil
            ? "The answers of \(before ?? "the earlier profile") and of \(after ?? "the later profile")"
            : "The earlier and the later answers"
        return "\(when), both assessed with the current rules: \(comparison.before.answered) of "
            + "\(comparison.before.questionCount) questions answered then, \(comparison.after.answered) of \(comparison.after.questionCount) now."
    }

    /// The summary: the way on the matrix, the target, and what changed, counted.
    static func summary(_ comparison: Comparison) -> [String] {
        var sentences: [String] = []
        if let matrix = comparison.matrix, let then = comparison.before.position {
            let now = matrix.asIs
            if then.option != nil, then.option == now.option {
                sentences.append("\(matrix.label): still \(quadrant(now, in: matrix))" + (then.x == now.x && then.y == now.y ? "."
                    : ", from \(coordinates(then)) to \(coordinates(now))."))
            } else {
                sentences.append("\(matrix.label): from \(position(then)) to \(position(now)).")
            }
            if let target = matrix.toBe, let label = matrix.toBeLabel {
                let earlier = comparison.before.target
                sentences.append(earlier?.option == target.option && earlier?.display == target.display
                    ? "\(label): \(quadrant(target, in: matrix)), as before."
                    : "\(label): now \(quadrant(target, in: matrix)) (before: \(earlier?.display ?? "unknown")).")
            }
        }
        sentences.append(changes(comparison))
        return sentences
    }

    /// A position in words, with what missing answers could still make it, as the assessment's
    /// summary says it: "CXM Cherry Picker (could be CXM Champion)".
    static func quadrant(_ position: Assessment.Position, in matrix: Assessment.Matrix) -> String {
        let others = (position.candidates ?? []).filter { $0 != position.option }
            .map { option in matrix.quadrants.first { $0.option == option }?.label ?? option }
        guard position.option != nil, !others.isEmpty else { return position.display }
        return "\(position.display) (could be \(ReportText.either(others)))"
    }

    /// The mark of an action that answers not given yet could change, as the assessment marks it.
    static func marker(_ action: Action) -> String {
        ReportLedger.mark(action.missingAnswers)
    }

    /// What the mark means, under the actions, if any is marked.
    static func markNote(_ comparison: Comparison) -> String? {
        comparison.firstActions.contains { !$0.action.missingAnswers.isEmpty }
            ? "* \(ReportLedger.markMeaning) (cxm assess lists them)." : nil
    }

    /// What changed, counted: "3 answers changed, and with them 4 conclusions; 2 recommendations
    /// are new and 1 no longer applies; 1 warning is resolved."
    static func changes(_ comparison: Comparison) -> String {
        guard !comparison.unchanged else { return "No change: the answers are the same as before, and so is the assessment." }
        let answers = TextLayout.count(comparison.answers.count, "answer") + " changed"
        guard !comparison.conclusions.isEmpty else { return "\(answers), but no conclusion did." }
        var parts = ["\(answers), and with them \(TextLayout.count(comparison.conclusions.count, "conclusion"))"]
        let (recommendations, warnings) = (comparison.recommendations, comparison.warnings)
        var advice: [String] = []
        if !recommendations.new.isEmpty {
            advice.append(TextLayout.count(recommendations.new.count, "recommendation") + (recommendations.new.count == 1 ? " is new" : " are new"))
        }
        if !recommendations.dropped.isEmpty {
            let count = recommendations.dropped.count
            advice.append(advice.isEmpty ? "\(TextLayout.count(count, "recommendation")) no longer \(count == 1 ? "applies" : "apply")"
                                         : "\(count) no longer \(count == 1 ? "applies" : "apply")")
        }
        if !advice.isEmpty { parts.append(advice.joined(separator: " and ")) }
        var cautions: [String] = []
        if !warnings.dropped.isEmpty { cautions.append("\(TextLayout.count(warnings.dropped.count, "warning")) \(warnings.dropped.count == 1 ? "is" : "are") resolved") }
        if !warnings.new.isEmpty {
            cautions.append(cautions.isEmpty ? "\(TextLayout.count(warnings.new.count, "warning")) \(warnings.new.count == 1 ? "is" : "are") new"
                                             : "\(warnings.new.count) \(warnings.new.count == 1 ? "is" : "are") new")
        }
        if !cautions.isEmpty { parts.append(cautions.joined(separator: " and ")) }
        return parts.joined(separator: "; ") + "."
    }

    /// A position with its numbers: "CXM Minimalist (2.1 across, 1.9 up)", or in words.
    static func position(_ position: Assessment.Position) -> String {
        guard let label = position.label, position.x != nil, position.y != nil else { return position.display }
        return "\(label) (\(coordinates(position)))"
    }

    static func coordinates(_ position: Assessment.Position) -> String {
        guard let x = position.x, let y = position.y else { return position.display }
        return "\(formatNumber(x)) across, \(formatNumber(y)) up"
    }

    /// Where the firm stood, when it stood elsewhere than it stands now: the tail of the arrow.
    static func earlierPoint(_ comparison: Comparison) -> (x: Double, y: Double)? {
        guard let then = comparison.before.position, let x = then.x, let y = then.y,
              let now = comparison.matrix?.asIs, now.x != x || now.y != y else { return nil }
        return (x, y)
    }

    /// The legend's lines for the earlier and the later position; where the firm has not
    /// moved, the later line says so ("then and now").
    static func legend(_ comparison: Comparison) -> (then: String, now: String) {
        let then = comparison.before.position.map(position) ?? "unknown"
        let now = comparison.matrix.map { position($0.asIs) } ?? "unknown"
        let moved = earlierPoint(comparison) != nil || comparison.before.position?.x == nil
        return ("then" + (comparison.before.date.map { " (\($0.printable()))" } ?? "") + ": " + then,
                (moved ? "now" : "then and now") + (comparison.after.date.map { " (\($0.printable()))" } ?? "") + ": " + now)
    }

    /// A question by its short label.
    static func question(_ id: String, in comparison: Comparison) -> String {
        comparison.questions[id] ?? id
    }

    /// A changed answer: "Top team's view of CX as an advantage: Disagree → Agree"; for a
    /// multiple-choice question, "Touchpoints managed for CX: added A; B; removed C".
    static func answer(_ change: Comparison.AnswerChange, in comparison: Comparison) -> String {
        let name = question(change.question, in: comparison)
        guard let added = change.added, let removed = change.removed else { return "\(name): \(change.fromDisplay) → \(change.toDisplay)" }
        let parts = [added.isEmpty ? nil : "added " + added.joined(separator: "; "), removed.isEmpty ? nil : "removed " + removed.joined(separator: "; ")]
        return "\(name): " + parts.compactMap { $0 }.joined(separator: "; ")
    }

    /// A changed conclusion: "CXM archetype today: CXM Minimalist → CXM Cherry Picker".
    static func conclusion(_ change: Comparison.ConclusionChange) -> String {
        "\(change.label): \(change.fromDisplay) → \(change.toDisplay)"
    }

    /// The changed answers behind a changed conclusion.
    static func because(_ change: Comparison.ConclusionChange, in comparison: Comparison) -> String? {
        guard !change.because.isEmpty else { return nil }
        return (change.because.count == 1 ? "because this answer changed: " : "because these answers changed: ")
            + change.because.map { question($0, in: comparison) }.joined(separator: "; ")
    }

    /// How many changed conclusions the default reports show: those reports show, or all with
    /// `full`.
    static func conclusions(_ comparison: Comparison, full: Bool) -> (shown: [Comparison.ConclusionChange], more: Int) {
        let shown = full ? comparison.conclusions : comparison.conclusions.filter(\.shown)
        return (shown, comparison.conclusions.count - shown.count)
    }

    /// The sections of advice that changed, in order, each with its heading.
    static func advice(_ comparison: Comparison) -> [(heading: String, items: [Assessment.Recommendation])] {
        [("New recommendations", comparison.recommendations.new), ("Recommendations that no longer apply", comparison.recommendations.dropped),
         ("New warnings", comparison.warnings.new), ("Warnings resolved", comparison.warnings.dropped)].filter { !$0.items.isEmpty }
    }

    /// The title of several comparisons together.
    static func documentTitle(_ document: Comparison.Document) -> String {
        document.comparisons.count == 1 ? title(document.comparisons[0]) : "How \(document.comparisons.count) firms or segments have moved"
    }

    /// The profiles that only one input holds, if any.
    static func unmatched(_ document: Comparison.Document) -> String? {
        var parts: [String] = []
        if !document.onlyBefore.isEmpty { parts.append("only in the earlier input: " + document.onlyBefore.map { $0.printable() }.joined(separator: "; ")) }
        if !document.onlyAfter.isEmpty { parts.append("only in the later input: " + document.onlyAfter.map { $0.printable() }.joined(separator: "; ")) }
        return parts.isEmpty ? nil : "Not compared, " + parts.joined(separator: "; ") + "."
    }
}
