import CXMRules

/// The report as one self-contained HTML page (inline CSS and SVG, no scripts, nothing to
/// load), in the order of the text report: the header with the firm and the date of the
/// answers, the summary, the actions to take first and the matrix (together on the first
/// printed page), then each step, and with `full` the charts, every recommendation, the
/// warnings and what one different answer would change. All text from profiles and rules is
/// escaped; the markup is also well-formed XML.
struct HTMLReport {
    let assessment: Assessment
    let full: Bool

    func render() -> String {
        let notes = ReportLedger()
        let title = HTML.escape("CXM assessment of \(ReportText.subject(assessment))")
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(title)</title>
            <style>
            \(HTMLStyle.css)</style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(title)</h1>
            <p class="meta">\(HTML.escape(ReportText.answeredLine(assessment)))</p>
            </header>

            """
        if !assessment.summary.isEmpty { out += summary() }
        if !assessment.firstActions.isEmpty { out += firstActions(notes) }
        if let matrix = assessment.matrix {
            out += section(matrix.label + " on the matrix", HTMLMatrix(matrix: matrix).render(), class: "matrix")
        }
        for step in assessment.steps { out += self.step(step, notes) }
        if full {
            if !assessment.warnings.isEmpty {
                out += section("Warnings", list(assessment.warnings, notes))
            }
            for changes in assessment.changes {
                let body = changes.changes.isEmpty ? paragraph(ReportText.noSingleChange(changes, in: assessment))
                    : "<ul>\n" + changes.changes.map { "<li>\(HTML.escape($0.display))</li>\n" }.joined() + "</ul>\n"
                out += section("What one different answer would change: \(changes.label)", body)
            }
        }
        let questions = notes.questions(assessment)
        let others = full ? ReportText.otherQuestionsWorthAnswering(assessment, besides: notes.ids) : nil
        if !questions.isEmpty || others != nil {
            let items = questions.isEmpty ? ""
                : paragraph(ReportLedger.legend) + "<ul class=\"open\">\n" + questions.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
            out += section("Questions worth answering", items + (others.map(paragraph) ?? ""))
        }
        if let former = ReportText.formerAnswers(assessment, full: full) {
            let items = former.items.isEmpty ? "" : "<ul>\n" + former.items.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
            out += section(ReportText.formerAnswersHeading, paragraph(former.lead) + items)
        }
        if full, !assessment.ignoredAnswers.isEmpty {
            out += section("Answers not used (the question does not apply)", paragraph(ReportText.questions(assessment.ignoredAnswers, in: assessment)))
        }
        if !full, let hint = ReportText.fullReportHint(assessment) {
            out += "<p class=\"note\">\(HTML.escape(hint)) See it with <code>cxm assess --full</code>.</p>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The summary's sentences, and how sure they are.
    private func summary() -> String {
        let body = assessment.summary.map { paragraph($0.text) }.joined()
            + "<p class=\"sure\">\(HTML.escape(ReportText.howSure(assessment)))</p>\n"
        return section("Summary", body, class: "summary")
    }

    /// The actions to take first, numbered, each with its reason.
    private func firstActions(_ notes: ReportLedger) -> String {
        var body = "<ol class=\"actions\">\n"
        for action in assessment.firstActions {
            body += "<li><strong>\(HTML.escape(action.text))</strong>\(HTML.escape(notes.marker(action.missingAnswers)))"
                + "<br/><span class=\"why\">\(HTML.escape(action.why))</span></li>\n"
        }
        return section("What to do first", body + "</ol>\n", class: "first")
    }

    private func step(_ step: Assessment.Step, _ notes: ReportLedger) -> String {
        let recommendations = full ? step.recommendations : []
        let charts = full ? step.charts : []
        guard !step.conclusions.isEmpty || !recommendations.isEmpty || !charts.isEmpty else { return "" }
        var body = ""
        if !step.conclusions.isEmpty {
            body += "<table class=\"pairs\">\n"
            for (label, conclusion) in ReportText.merged(step.conclusions) {
                body += "<tr><th scope=\"row\">\(HTML.escape(label))</th><td>\(HTML.escape(conclusion.display + notes.marker(conclusion.missingAnswers)))</td></tr>\n"
            }
            body += "</table>\n"
        }
        for chart in charts { body += HTMLChart(chart: chart, notes: notes).render() }
        if !recommendations.isEmpty { body += "<h3>What to do</h3>\n" + list(recommendations, notes) }
        return section("Step \(step.number). \(step.title)", body)
    }

    /// Recommendations or warnings, each with a badge (its priority, or "Warning"), its text,
    /// why (unless the same reason was just given) and its sources.
    private func list(_ items: [Assessment.Recommendation], _ notes: ReportLedger) -> String {
        var out = "<ul class=\"advice\">\n"
        for item in items {
            let (badge, kind) = item.priority.map { ("\($0.rawValue.capitalized) priority", $0.rawValue) } ?? ("Warning", "warning")
            out += "<li>\n<p><span class=\"badge badge-\(kind)\">\(badge)</span> \(HTML.escape(item.text + notes.marker(item.missingAnswers)))</p>\n"
            if let because = item.because, notes.isNew(reason: because) { out += detail("Why", because) }
            if !item.citations.isEmpty { out += detail("Source", item.citations.map(\.reference).joined(separator: "; ")) }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    private func detail(_ name: String, _ text: String) -> String {
        "<p class=\"detail\"><strong>\(name):</strong> \(HTML.escape(text))</p>\n"
    }

    private func paragraph(_ text: String) -> String {
        "<p>\(HTML.escape(text))</p>\n"
    }

    private func section(_ heading: String, _ body: String, class name: String? = nil) -> String {
        "<section\(name.map { " class=\"\($0)\"" } ?? "")>\n<h2>\(HTML.escape(heading))</h2>\n\(body)</section>\n"
    }
}
