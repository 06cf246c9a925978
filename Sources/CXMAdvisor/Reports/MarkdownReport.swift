import CXMRules

/// The report as Markdown, in the order of the text report: summary, first actions, the matrix
/// as a 2×2 table, each step's conclusions as a table, and with `full` the charts as tables,
/// every recommendation, the warnings, what one different answer would change and the
/// questions worth answering. For several respondents combined (`team`), as the text report
/// shows them.
struct MarkdownReport {
    let assessment: Assessment
    let full: Bool
    var team: TeamAssessment? = nil

    func render() -> String {
        let notes = ReportLedger()
        var out = "# \(escape(ReportText.title(assessment, team: team)))\n\n\(escape(ReportText.answeredLine(assessment, team: team)))\n"
        if !assessment.summary.isEmpty || team != nil {
            out += "\n## Summary\n\n" + assessment.summary.map { escape($0.text) + "\n" }.joined(separator: "\n")
            if let team { out += (assessment.summary.isEmpty ? "" : "\n") + escape(ReportText.agreement(team)) + "\n" }
            out += "\n" + escape(ReportText.howSure(assessment)) + "\n"
        }
        if !assessment.firstActions.isEmpty {
            out += "\n## What to do first\n\n"
            for (index, action) in assessment.firstActions.enumerated() {
                out += "\(index + 1). **\(escape(action.text))**\(escape(notes.marker(action.missingAnswers)))  \n   \(escape(action.why))\n"
            }
        }
        if let matrix = assessment.matrix { out += self.matrix(matrix) }
        if let team { out += differences(team) }
        for step in assessment.steps { out += self.step(step, notes) }
        if full {
            if !assessment.warnings.isEmpty {
                out += "\n## Warnings\n\n"
                for warning in assessment.warnings { out += item(warning, notes) }
            }
            for changes in assessment.changes {
                out += "\n## What one different answer would change: \(escape(changes.label))\n\n"
                out += changes.changes.isEmpty ? escape(ReportText.noSingleChange(changes, in: assessment)) + "\n"
                    : changes.changes.map { "- \(escape($0.display))\n" }.joined()
            }
        }
        if let team {
            out += "\n## How the answers were combined\n\n"
            out += ReportText.combinationRules(team, full: full).map { "- **\(escape($0.label)):** \(escape($0.value))\n" }.joined()
        }
        let questions = notes.questions(assessment)
        let others = full ? ReportText.otherQuestionsWorthAnswering(assessment, besides: notes.ids) : nil
        if !questions.isEmpty || others != nil {
            out += "\n## Questions worth answering\n\n"
            if !questions.isEmpty { out += escape(ReportLedger.legend) + "\n\n" + questions.map { "- \(escape($0))\n" }.joined() }
            if let others { out += (questions.isEmpty ? "" : "\n") + escape(others) + "\n" }
        }
        if let former = ReportText.formerAnswers(assessment, full: full) {
            out += "\n## \(ReportText.formerAnswersHeading)\n\n" + escape(former.lead) + "\n"
            if !former.items.isEmpty { out += "\n" + former.items.map { "- \(escape($0))\n" }.joined() }
        }
        if full, !assessment.ignoredAnswers.isEmpty {
            out += "\n## Answers not used (the question does not apply)\n\n" + escape(ReportText.questions(assessment.ignoredAnswers, in: assessment)) + "\n"
        }
        if !full, let hint = ReportText.fullReportHint(assessment) {
            out += "\n*\(escape(hint)) See it with `--full`.*\n"
        }
        return out
    }

    private func step(_ step: Assessment.Step, _ notes: ReportLedger) -> String {
        let recommendations = full ? step.recommendations : []
        let charts = full ? step.charts : []
        guard !step.conclusions.isEmpty || !recommendations.isEmpty || !charts.isEmpty else { return "" }
        var out = "\n## Step \(step.number). \(escape(step.title))\n"
        if !step.conclusions.isEmpty {
            out += "\n| Conclusion | Value |\n|---|---|\n" + ReportText.merged(step.conclusions).map {
                "| \(escape($0.label)) | \(escape($0.conclusion.display + notes.marker($0.conclusion.missingAnswers))) |\n"
            }.joined()
        }
        for chart in charts {
            out += "\n**\(escape(chart.title))**\n\n| Score | Value | Range |\n|---|---:|---|\n"
            for bar in chart.bars {
                let value = bar.value.map(formatNumber) ?? "not known yet: \(bar.display)"
                out += "| \(escape(bar.label)) | \(escape(value + notes.marker(bar.missingAnswers))) | \(formatNumber(bar.low)) to \(formatNumber(bar.high)) |\n"
            }
        }
        if !recommendations.isEmpty {
            out += "\n### What to do\n\n"
            for recommendation in recommendations { out += item(recommendation, notes) }
        }
        return out
    }

    private func matrix(_ matrix: Assessment.Matrix) -> String {
        func mark(_ quadrant: Int) -> String {
            let option = matrix.quadrants[quadrant].option
            var text = escape(matrix.quadrants[quadrant].label)
            if matrix.asIs.option == option { text += team == nil ? " ● today" : " ● combined" }
            else if matrix.asIs.candidates?.contains(option) == true { text += " ○ perhaps today" }
            for respondent in team?.respondents ?? [] where respondent.position?.option == option && respondent.position?.x != nil {
                text += " \(escape(respondent.key))"
            }
            if matrix.toBe?.option == option { text += " ◆ aim" }
            return option == matrix.asIs.option || option == matrix.toBe?.option ? "**\(text)**" : text
        }
        let x = matrix.x, y = matrix.y
        var out = "\n## \(escape(ReportText.matrixHeading(matrix, team: team)))\n\n"
        out += "| \(escape(y.label)) ↓ · \(escape(x.label)) → | \(formatNumber(x.low)) to \(formatNumber(x.split)) | \(formatNumber(x.split)) to \(formatNumber(x.high)) |\n"
        out += "|---|---|---|\n"
        out += "| \(formatNumber(y.split)) to \(formatNumber(y.high)) | \(mark(0)) | \(mark(1)) |\n"
        out += "| \(formatNumber(y.low)) to \(formatNumber(y.split)) | \(mark(2)) | \(mark(3)) |\n"
        guard let team else {
            out += "\n● today: \(escape(ReportText.asIs(matrix)))"
            if let toBe = ReportText.toBe(matrix) {
                out += " · ◆ \(escape(ReportText.toBeLabel(matrix))): \(escape(toBe))"
            }
            return out + "\n"
        }
        out += "\n- ● \(escape(ReportText.combinedPosition(matrix)))\n"
        for respondent in team.respondents { out += "- \(escape(respondent.key)) \(escape(ReportText.position(of: respondent)))\n" }
        if let toBe = ReportText.toBe(matrix) { out += "- ◆ \(escape(ReportText.toBeLabel(matrix))): \(escape(toBe))\n" }
        return out
    }

    /// The questions on which the respondents' answers differ, the most divided first.
    private func differences(_ team: TeamAssessment) -> String {
        let differing = team.questions.filter { $0.spread > 0 }
        guard !differing.isEmpty else { return "" }
        let shown = full ? differing : Array(differing.prefix(ReportText.differencesShown))
        var out = "\n## \(escape(ReportText.differencesHeading(team)))\n\n"
        for question in shown {
            out += "- \(escape(ReportText.spread(question)))  \n  \(escape(ReportText.answers(question)))\n"
        }
        if let more = ReportText.moreDifferences(team, shown: shown.count) { out += "\n" + escape(more) + "\n" }
        return out
    }

    /// A recommendation or warning, with why (unless the same reason was just given) and its
    /// sources.
    private func item(_ item: Assessment.Recommendation, _ notes: ReportLedger) -> String {
        let priority = item.priority.map { "**\($0.rawValue.capitalized) priority.** " } ?? ""
        var out = "- \(priority)\(escape(item.text + notes.marker(item.missingAnswers)))\n"
        if let because = item.because, notes.isNew(reason: because) { out += "  - *Why:* \(escape(because))\n" }
        if !item.citations.isEmpty { out += "  - *Source:* \(item.citations.map { escape($0.reference) }.joined(separator: "; "))\n" }
        return out
    }

    private func escape(_ text: String) -> String { Self.escape(text) }

    /// Text from rules or profiles with Markdown's special characters escaped, so that it shows
    /// as written.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
