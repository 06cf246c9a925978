import CXMRules

/// The plain-text report: summary, matrix, the playbook steps with their conclusions, charts
/// and recommendations, warnings, and what is missing.
struct TextReport {
    let assessment: Assessment
    let style: TextStyle

    func render() -> String {
        var out = style.bold(String(TextLayout.wrap("CXM assessment of \(ReportText.subject(assessment))", indent: "", hanging: "").dropLast())) + "\n"
        out += ReportText.answeredLine(assessment) + "\n"
        if !assessment.headline.isEmpty {
            out += heading("Summary")
            out += TextLayout.pairs(assessment.headline.map { ($0.label, $0.display + ($0.missingAnswers.isEmpty ? "" : " *")) })
            if assessment.headline.contains(where: { !$0.missingAnswers.isEmpty }) {
                out += "  * \(ReportText.headlineNote)\n"
            }
        }
        if let matrix = assessment.matrix {
            out += heading(matrix.label + " on the matrix")
            out += TextMatrix(matrix: matrix, style: style).render()
        }
        for step in assessment.steps {
            out += heading("Step \(step.number). \(step.title)")
            out += TextLayout.pairs(step.conclusions.map { ($0.label, ReportText.valueWithMissing($0)) })
            for chart in step.charts { out += self.chart(chart) }
            if !step.recommendations.isEmpty {
                out += "\n  " + style.bold("What to do") + "\n"
                for recommendation in step.recommendations {
                    let priority = recommendation.priority.map { "[\($0.rawValue)] " } ?? ""
                    out += TextLayout.wrap("• \(priority)\(recommendation.text)", indent: "  ", hanging: "    ")
                    out += details(recommendation)
                }
            }
        }
        if !assessment.warnings.isEmpty {
            out += heading("Warnings")
            for warning in assessment.warnings {
                out += TextLayout.wrap(style.yellow("!") + " \(warning.text)", indent: "  ", hanging: "    ")
                out += details(warning)
            }
        }
        for changes in assessment.changes { out += self.changes(changes) }
        out += missing()
        if !assessment.ignoredAnswers.isEmpty {
            out += heading("Answers not used (the question does not apply)")
            out += TextLayout.wrap(assessment.ignoredAnswers.joined(separator: ", "), indent: "  ", hanging: "  ")
        }
        return out
    }

    private func heading(_ text: String) -> String {
        "\n" + style.bold(text) + "\n"
    }

    private func details(_ item: Assessment.Recommendation) -> String {
        var out = ""
        if let because = item.because { out += TextLayout.wrap("Why: \(because)", indent: "    ", hanging: "      ") }
        if !item.missingAnswers.isEmpty {
            out += TextLayout.wrap("Could change with: \(item.missingAnswers.joined(separator: ", "))", indent: "    ", hanging: "      ")
        }
        for citation in item.citations {
            out += TextLayout.wrap("Source: \(citation.reference)", indent: "    ", hanging: "      ")
        }
        return out
    }

    /// Bars scaled to each value's range, 20 characters wide.
    private func chart(_ chart: Assessment.Chart) -> String {
        let barWidth = 20
        let labelWidth = min(44, chart.bars.map(\.label.count).max() ?? 0)
        var out = "\n  " + style.bold(chart.title) + "\n"
        for bar in chart.bars {
            var label = bar.label
            if label.count > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
            label += String(repeating: " ", count: labelWidth - label.count)
            guard let value = bar.value else {
                out += TextLayout.wrap("unknown" + ReportText.missing(bar.missingAnswers), indent: "    \(label)  ", hanging: String(repeating: " ", count: labelWidth + 6))
                continue
            }
            let share = bar.high > bar.low ? (value - bar.low) / (bar.high - bar.low) : 0
            let filled = max(0, min(barWidth, Int((share * Double(barWidth)).rounded())))
            let drawn = style.cyan(String(repeating: "█", count: filled)) + String(repeating: "░", count: barWidth - filled)
            out += "    \(label)  \(drawn)  \(formatNumber(value))\n"
        }
        return out
    }

    private func changes(_ changes: Assessment.Changes) -> String {
        var out = heading("What one different answer would change: \(changes.label)")
        if changes.changes.isEmpty { out += TextLayout.wrap(ReportText.noSingleChange(changes, in: assessment), indent: "  ", hanging: "  ") }
        for change in changes.changes.prefix(12) {
            out += TextLayout.wrap(change.display, indent: "  ", hanging: "    ")
        }
        if changes.changes.count > 12 { out += "  … and \(changes.changes.count - 12) more (cxm whatif shows them all)\n" }
        return out
    }

    /// The unanswered questions that matter, each with how many undecided rules it would help
    /// decide.
    private func missing() -> String {
        guard !assessment.missingAnswers.isEmpty else { return "" }
        var out = heading("Questions worth answering")
        if let waiting = ReportText.waitingRules(assessment) { out += TextLayout.wrap(waiting, indent: "  ", hanging: "  ") }
        out += TextLayout.wrap(ReportText.questionsWorthAnswering(assessment).joined(separator: ", "), indent: "  ", hanging: "  ")
        return out
    }
}
