import CXMRules

/// The plain-text report. By default the decision and its key conclusions: the summary (where
/// the firm stands, what to aim for, how sure that is), the actions to take first, the matrix,
/// and each step's conclusions. The full report (`full`) adds the charts, every recommendation
/// with why and sources, the warnings, what one different answer would change and the
/// questions worth answering. What missing answers could change is marked with a letter, and
/// the letters' questions are listed once at the end. For several respondents combined
/// (`team`), the summary adds where their own answers place the firm, the matrix shows each of
/// them, and sections say where their answers differ and how they were combined.
struct TextReport {
    let assessment: Assessment
    let style: TextStyle
    let full: Bool
    var team: TeamAssessment? = nil

    /// The width of the first actions' lines, and where their numbers end.
    private static let actionIndent = "     "

    func render() -> String {
        let notes = ReportLedger()
        var out = opening(notes)
        if let matrix = assessment.matrix {
            out += heading(ReportText.matrixHeading(matrix, team: team))
            if let team {
                out += respondents(team, on: matrix)
            } else {
                out += TextMatrix(matrix: matrix, style: style).render()
            }
        }
        if let team { out += differences(team) }
        for step in assessment.steps { out += self.step(step, notes) }
        if full {
            if !assessment.warnings.isEmpty {
                out += heading("Warnings")
                for warning in assessment.warnings {
                    out += TextLayout.wrap(style.yellow("!") + " \(warning.text)" + notes.marker(warning.missingAnswers), indent: "  ", hanging: "    ")
                    out += details(warning, notes)
                }
            }
            for changes in assessment.changes { out += self.changes(changes) }
            if !assessment.ignoredAnswers.isEmpty {
                out += heading("Answers not used (the question does not apply)")
                out += TextLayout.wrap(ReportText.questions(assessment.ignoredAnswers, in: assessment), indent: "  ", hanging: "  ")
            }
        }
        if let team {
            out += heading("How the answers were combined")
            out += TextLayout.pairs(ReportText.combinationRules(team, full: full))
        }
        out += worthAnswering(notes)
        if let former = ReportText.formerAnswers(assessment, full: full) {
            out += heading(ReportText.formerAnswersHeading) + TextLayout.wrap(former.lead, indent: "  ", hanging: "  ")
            for item in former.items { out += TextLayout.wrap(item, indent: "  • ", hanging: "    ") }
        }
        if !full, let hint = ReportText.fullReportHint(assessment) {
            out += "\n" + TextLayout.wrap(hint + " See it with --full.", indent: "", hanging: "")
        }
        return out
    }

    /// The title, the summary and the first actions: the first screen.
    func opening(_ notes: ReportLedger) -> String {
        var out = style.bold(String(TextLayout.wrap(ReportText.title(assessment, team: team), indent: "", hanging: "").dropLast())) + "\n"
        out += TextLayout.wrap(ReportText.answeredLine(assessment, team: team), indent: "", hanging: "")
        out += summary()
        return out + firstActions(notes, screenUsed: out.count { $0 == "\n" })
    }

    private func heading(_ text: String) -> String {
        "\n" + style.bold(text) + "\n"
    }

    /// The summary's sentences, and how sure they are.
    private func summary() -> String {
        guard !assessment.summary.isEmpty else { return "" }
        var out = heading("Summary")
        for sentence in assessment.summary { out += TextLayout.wrap(sentence.text, indent: "  ", hanging: "  ") }
        if let team { out += TextLayout.wrap(ReportText.agreement(team), indent: "  ", hanging: "  ") }
        return out + TextLayout.wrap(ReportText.howSure(assessment), indent: "  ", hanging: "  ")
    }

    /// The matrix with each respondent's own position by their key, and a legend line for
    /// each.
    private func respondents(_ team: TeamAssessment, on matrix: Assessment.Matrix) -> String {
        let placed = team.respondents.compactMap { respondent in
            respondent.position.flatMap { position in position.x.flatMap { x in position.y.map { (key: respondent.key, x: x, y: $0) } } }
        }
        var out = TextMatrix(matrix: matrix, style: style, marks: .keyed(placed)).drawing()
        out += TextLayout.wrap((matrix.asIs.x != nil ? style.cyan("●") + " " : "") + ReportText.combinedPosition(matrix), indent: "  ", hanging: "    ")
        for respondent in team.respondents {
            out += TextLayout.wrap("\(respondent.key) \(ReportText.position(of: respondent))", indent: "  ", hanging: "    ")
        }
        return out + TextMatrix(matrix: matrix, style: style).targetLegend()
    }

    /// The questions on which the respondents' answers differ, the most divided first: the
    /// first few, or with `full` every one.
    private func differences(_ team: TeamAssessment) -> String {
        let differing = team.questions.filter { $0.spread > 0 }
        guard !differing.isEmpty else { return "" }
        let shown = full ? differing : Array(differing.prefix(ReportText.differencesShown))
        var out = heading(ReportText.differencesHeading(team))
        for question in shown {
            out += TextLayout.wrap(ReportText.spread(question), indent: "  ", hanging: "  ")
            out += style.dim(String(TextLayout.wrap(ReportText.answers(question), indent: "      ", hanging: "      ").dropLast())) + "\n"
        }
        if let more = ReportText.moreDifferences(team, shown: shown.count) { out += TextLayout.wrap(more, indent: "  ", hanging: "  ") }
        return out
    }

    /// The lines of a terminal's first screen, which the summary and the first actions fill.
    static let screenLines = 24

    /// The actions to take first, numbered, each with its reason on the line below: in the full
    /// report all of them; by default as many as fit on the first screen with the `screenUsed`
    /// lines above them, but at least three, and a line saying how many more the full report
    /// lists.
    private func firstActions(_ notes: ReportLedger, screenUsed: Int) -> String {
        let actions = assessment.firstActions
        guard !actions.isEmpty else { return "" }
        func item(_ index: Int, _ action: Action, marker: String) -> String {
            TextLayout.wrap(action.text + marker, indent: "  \(index + 1). ", hanging: TextReport.actionIndent)
                + style.dim(String(TextLayout.wrap(action.why, indent: TextReport.actionIndent, hanging: TextReport.actionIndent).dropLast())) + "\n"
        }
        var shown = actions.count
        if !full {
            // The lines each takes, and so how many fit, with a line for the note when some do not.
            let lines = actions.enumerated().map { item($0.offset, $0.element, marker: ReportLedger.mark($0.element.missingAnswers)).count { $0 == "\n" } }
            var used = screenUsed + 2
            shown = 0
            while shown < actions.count, shown < 3 || used + lines[shown] <= TextReport.screenLines {
                used += lines[shown]
                shown += 1
            }
            if shown < actions.count, shown > 3, used + 1 > TextReport.screenLines { shown -= 1 }
        }
        var out = heading("What to do first")
        for (index, action) in actions.prefix(shown).enumerated() { out += item(index, action, marker: notes.marker(action.missingAnswers)) }
        guard shown < actions.count else { return out }
        return out + TextLayout.wrap("\(TextLayout.count(actions.count - shown, "more action")) in the full report (--full).", indent: "  ", hanging: "  ")
    }

    private func step(_ step: Assessment.Step, _ notes: ReportLedger) -> String {
        let recommendations = full ? step.recommendations : []
        let charts = full ? step.charts : []
        guard !step.conclusions.isEmpty || !recommendations.isEmpty || !charts.isEmpty else { return "" }
        var out = heading("Step \(step.number). \(step.title)")
        out += TextLayout.pairs(ReportText.merged(step.conclusions).map { ($0.label, $0.conclusion.display + notes.marker($0.conclusion.missingAnswers)) })
        for chart in charts { out += self.chart(chart, notes) }
        if !recommendations.isEmpty {
            out += "\n  " + style.bold("What to do") + "\n"
            for recommendation in recommendations {
                let priority = recommendation.priority.map { "[\($0.rawValue)] " } ?? ""
                out += TextLayout.wrap("• \(priority)\(recommendation.text)" + notes.marker(recommendation.missingAnswers), indent: "  ", hanging: "    ")
                out += details(recommendation, notes)
            }
        }
        return out
    }

    /// Why (unless the same reason was just given) and the sources.
    private func details(_ item: Assessment.Recommendation, _ notes: ReportLedger) -> String {
        var out = ""
        if let because = item.because, notes.isNew(reason: because) {
            out += TextLayout.wrap("Why: \(because)", indent: "    ", hanging: "      ")
        }
        for citation in item.citations {
            out += TextLayout.wrap("Source: \(citation.reference)", indent: "    ", hanging: "      ")
        }
        return out
    }

    /// Bars scaled to each value's range, 20 characters wide.
    private func chart(_ chart: Assessment.Chart, _ notes: ReportLedger) -> String {
        let barWidth = 20
        let labelWidth = min(44, chart.bars.map(\.label.count).max() ?? 0)
        var out = "\n  " + style.bold(chart.title) + "\n"
        for bar in chart.bars {
            var label = bar.label
            if label.count > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
            label += String(repeating: " ", count: labelWidth - label.count)
            guard let value = bar.value else {
                out += TextLayout.wrap("not known yet: \(bar.display)" + notes.marker(bar.missingAnswers),
                                       indent: "    \(label)  ", hanging: String(repeating: " ", count: labelWidth + 6))
                continue
            }
            let share = bar.high > bar.low ? (value - bar.low) / (bar.high - bar.low) : 0
            let filled = max(0, min(barWidth, Int((share * Double(barWidth)).rounded())))
            let drawn = style.cyan(String(repeating: "█", count: filled)) + String(repeating: "░", count: barWidth - filled)
            out += "    \(label)  \(drawn)  \(formatNumber(value))\(notes.marker(bar.missingAnswers))\n"
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

    /// The unanswered questions behind the marks, those that could change the most first; in
    /// the full report also those that only undecided rules wait for.
    private func worthAnswering(_ notes: ReportLedger) -> String {
        let questions = notes.questions(assessment)
        let others = full ? ReportText.otherQuestionsWorthAnswering(assessment, besides: notes.ids) : nil
        guard !questions.isEmpty || others != nil else { return "" }
        var out = heading("Questions worth answering")
        if !questions.isEmpty {
            out += TextLayout.wrap(ReportLedger.legend, indent: "  ", hanging: "  ")
            out += TextLayout.wrap(questions.joined(separator: "; ") + ".", indent: "  ", hanging: "  ")
        }
        if let others { out += TextLayout.wrap(others, indent: "  ", hanging: "  ") }
        return out
    }
}
