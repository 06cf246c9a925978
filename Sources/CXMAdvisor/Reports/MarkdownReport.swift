import CXMRules

/// The report as Markdown: the same contents as the text report, with tables for the summary,
/// the conclusions and the charts, and the matrix as a 2×2 table.
struct MarkdownReport {
    let assessment: Assessment

    func render() -> String {
        var out = "# CXM assessment of \(escape(ReportText.subject(assessment)))\n\n\(ReportText.answeredLine(assessment))\n"
        if !assessment.headline.isEmpty {
            out += "\n## Summary\n\n" + table(assessment.headline)
        }
        if let matrix = assessment.matrix { out += self.matrix(matrix) }
        for step in assessment.steps {
            out += "\n## Step \(step.number). \(escape(step.title))\n"
            if !step.conclusions.isEmpty { out += "\n" + table(step.conclusions) }
            for chart in step.charts {
                out += "\n**\(escape(chart.title))**\n\n| Score | Value | Range |\n|---|---:|---|\n"
                for bar in chart.bars {
                    let value = bar.value.map(formatNumber) ?? "unknown"
                    out += "| \(escape(bar.label)) | \(value) | \(formatNumber(bar.low)) to \(formatNumber(bar.high)) |\n"
                }
            }
            if !step.recommendations.isEmpty {
                out += "\n### What to do\n\n"
                for recommendation in step.recommendations { out += item(recommendation) }
            }
        }
        if !assessment.warnings.isEmpty {
            out += "\n## Warnings\n\n"
            for warning in assessment.warnings { out += item(warning) }
        }
        for changes in assessment.changes {
            out += "\n## What one different answer would change: \(escape(changes.label))\n\n"
            out += changes.changes.isEmpty ? escape(ReportText.noSingleChange(changes, in: assessment)) + "\n"
                : changes.changes.map { "- \(escape($0.display))\n" }.joined()
        }
        if !assessment.missingAnswers.isEmpty {
            out += "\n## Questions worth answering\n\n" + (ReportText.waitingRules(assessment).map { escape($0) + "\n\n" } ?? "")
                + escape(ReportText.questionsWorthAnswering(assessment).joined(separator: ", ")) + "\n"
        }
        if !assessment.ignoredAnswers.isEmpty {
            out += "\n## Answers not used (the question does not apply)\n\n"
                + assessment.ignoredAnswers.map { "`\($0)`" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    private func table(_ conclusions: [Assessment.Conclusion]) -> String {
        "| Conclusion | Value |\n|---|---|\n" + conclusions.map { "| \(escape($0.label)) | \(escape(ReportText.valueWithMissing($0))) |\n" }.joined()
    }

    private func matrix(_ matrix: Assessment.Matrix) -> String {
        func mark(_ quadrant: Int) -> String {
            let option = matrix.quadrants[quadrant].option
            var text = escape(matrix.quadrants[quadrant].label)
            if matrix.asIs.option == option { text += " ● today" }
            if matrix.toBe?.option == option { text += " ◆ aim" }
            return option == matrix.asIs.option || option == matrix.toBe?.option ? "**\(text)**" : text
        }
        let x = matrix.x, y = matrix.y
        var out = "\n## \(escape(matrix.label)) on the matrix\n\n"
        out += "| \(escape(y.label)) ↓ · \(escape(x.label)) → | \(formatNumber(x.low)) to \(formatNumber(x.split)) | \(formatNumber(x.split)) to \(formatNumber(x.high)) |\n"
        out += "|---|---|---|\n"
        out += "| \(formatNumber(y.split)) to \(formatNumber(y.high)) | \(mark(0)) | \(mark(1)) |\n"
        out += "| \(formatNumber(y.low)) to \(formatNumber(y.split)) | \(mark(2)) | \(mark(3)) |\n"
        out += "\n● today: \(escape(ReportText.asIs(matrix)))"
        if let toBe = ReportText.toBe(matrix) {
            out += " · ◆ \(escape(matrix.toBeLabel ?? "to aim for")): \(escape(toBe))"
        }
        return out + "\n"
    }

    private func item(_ item: Assessment.Recommendation) -> String {
        let priority = item.priority.map { "**\($0.rawValue.capitalized) priority.** " } ?? ""
        var out = "- \(priority)\(escape(item.text))\n"
        if let because = item.because { out += "  - *Why:* \(escape(because))\n" }
        if !item.missingAnswers.isEmpty { out += "  - *Could change with:* \(item.missingAnswers.map { "`\($0)`" }.joined(separator: ", "))\n" }
        if !item.citations.isEmpty { out += "  - *Source:* \(item.citations.map { escape($0.reference) }.joined(separator: "; "))\n" }
        return out
    }

    /// Text from rules or profiles with Markdown's special characters escaped, so that it shows
    /// as written.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
