import CXMRules

/// The report as one self-contained HTML page (inline CSS and SVG, no scripts, nothing to
/// load): the same contents as the text report, with the matrix and the charts drawn in SVG.
/// All text from profiles and rules is escaped; the markup is also well-formed XML.
struct HTMLReport {
    let assessment: Assessment

    func render() -> String {
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
            <p>\(HTML.escape(ReportText.answeredLine(assessment)))</p>
            </header>

            """
        if !assessment.headline.isEmpty { out += summary() }
        if let matrix = assessment.matrix {
            out += section(matrix.label + " on the matrix", HTMLMatrix(matrix: matrix).render())
        }
        for step in assessment.steps { out += self.step(step) }
        if !assessment.warnings.isEmpty {
            out += section("Warnings", list(assessment.warnings))
        }
        for changes in assessment.changes {
            let body = changes.changes.isEmpty ? paragraph(ReportText.noSingleChange(changes, in: assessment))
                : "<ul>\n" + changes.changes.map { "<li>\(HTML.escape($0.display))</li>\n" }.joined() + "</ul>\n"
            out += section("What one different answer would change: \(changes.label)", body)
        }
        if !assessment.missingAnswers.isEmpty {
            out += section("Questions worth answering", (ReportText.waitingRules(assessment).map(paragraph) ?? "")
                           + paragraph(ReportText.questionsWorthAnswering(assessment).joined(separator: ", ")))
        }
        if !assessment.ignoredAnswers.isEmpty {
            out += section("Answers not used (the question does not apply)", paragraph(assessment.ignoredAnswers.joined(separator: ", ")))
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The headline values; those that could change with missing answers marked `*`.
    private func summary() -> String {
        var body = "<table class=\"pairs\">\n"
        for conclusion in assessment.headline {
            let mark = conclusion.missingAnswers.isEmpty ? "" : " <span class=\"mark\">*</span>"
            body += "<tr><th scope=\"row\">\(HTML.escape(conclusion.label))</th><td>\(HTML.escape(conclusion.display))\(mark)</td></tr>\n"
        }
        body += "</table>\n"
        if assessment.headline.contains(where: { !$0.missingAnswers.isEmpty }) {
            body += "<p class=\"note\"><span class=\"mark\">*</span> \(HTML.escape(ReportText.headlineNote))</p>\n"
        }
        return section("Summary", body)
    }

    private func step(_ step: Assessment.Step) -> String {
        var body = ""
        if !step.conclusions.isEmpty {
            body += "<table class=\"pairs\">\n"
            for conclusion in step.conclusions {
                let note = ReportText.missingNote(conclusion).map { " <span class=\"missing\">\(HTML.escape($0))</span>" } ?? ""
                body += "<tr><th scope=\"row\">\(HTML.escape(conclusion.label))</th><td>\(HTML.escape(conclusion.display))\(note)</td></tr>\n"
            }
            body += "</table>\n"
        }
        for chart in step.charts { body += HTMLChart(chart: chart).render() }
        if !step.recommendations.isEmpty { body += "<h3>What to do</h3>\n" + list(step.recommendations) }
        return section("Step \(step.number). \(step.title)", body)
    }

    /// Recommendations or warnings, each with a badge (its priority, or "Warning"), its text,
    /// why, the missing answers that could change it, and its sources.
    private func list(_ items: [Assessment.Recommendation]) -> String {
        var out = "<ul class=\"advice\">\n"
        for item in items {
            let (badge, kind) = item.priority.map { ("\($0.rawValue.capitalized) priority", $0.rawValue) } ?? ("Warning", "warning")
            out += "<li>\n<p><span class=\"badge badge-\(kind)\">\(badge)</span> \(HTML.escape(item.text))</p>\n"
            if let because = item.because { out += detail("Why", because) }
            if !item.missingAnswers.isEmpty { out += detail("Could change with", item.missingAnswers.joined(separator: ", ")) }
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

    private func section(_ heading: String, _ body: String) -> String {
        "<section>\n<h2>\(HTML.escape(heading))</h2>\n\(body)</section>\n"
    }
}
