import CXMRules

/// The report as one self-contained HTML page (inline CSS and SVG, no scripts, nothing to
/// load), in the order of the text report: the header with the firm and the date of the
/// answers, the summary, the actions to take first and the matrix (together on the first
/// printed page), then each step, and with `full` the charts, every recommendation, the
/// warnings and what one different answer would change. All text from profiles and rules is
/// escaped; the markup is also well-formed XML. For several respondents combined (`team`), as
/// the text report shows them.
struct HTMLReport {
    let assessment: Assessment
    let full: Bool
    var team: TeamAssessment? = nil

    func render() -> String {
        HTML.page(title: ReportText.title(assessment, team: team), body: body())
    }

    /// The page's content, from its header on.
    func body() -> String {
        let notes = ReportLedger()
        var out = """
            <header>
            <h1>\(HTML.escape(ReportText.title(assessment, team: team)))</h1>
            <p class="meta">\(HTML.escape(ReportText.answeredLine(assessment, team: team)))</p>
            </header>

            """
        if !assessment.summary.isEmpty || team != nil { out += summary() }
        if !assessment.firstActions.isEmpty { out += firstActions(notes) }
        if let matrix = assessment.matrix {
            out += section(ReportText.matrixHeading(matrix, team: team), self.matrix(matrix), class: "matrix")
        }
        if let team { out += differences(team) }
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
        if let team {
            let rows = ReportText.combinationRules(team, full: full).map { "<tr><th scope=\"row\">\(HTML.escape($0.label))</th><td>\(HTML.escape($0.value))</td></tr>\n" }
            out += section("How the answers were combined", "<table class=\"pairs\">\n" + rows.joined() + "</table>\n")
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
            out += "<p class=\"note\">\(HTML.escape(hint)) See it with <code>cxm \(team == nil ? "assess" : "combine") --full</code>.</p>\n"
        }
        return out
    }

    /// The summary's sentences, and how sure they are.
    private func summary() -> String {
        let body = assessment.summary.map { paragraph($0.text) }.joined() + (team.map { paragraph(ReportText.agreement($0)) } ?? "")
            + "<p class=\"sure\">\(HTML.escape(ReportText.howSure(assessment)))</p>\n"
        return section("Summary", body, class: "summary")
    }

    /// The matrix; for several respondents, with each one's own position.
    private func matrix(_ matrix: Assessment.Matrix) -> String {
        guard let team else { return HTMLMatrix(matrix: matrix).render() }
        let placed = team.respondents.compactMap { respondent in
            respondent.position.flatMap { position in
                position.x.flatMap { x in position.y.map { (key: respondent.key, x: x, y: $0, legend: ReportText.position(of: respondent)) } }
            }
        }
        let unplaced = team.respondents.filter { $0.position?.x == nil }.map { "\($0.key) \(ReportText.position(of: $0))" }
        let drawing = HTMLMatrix(matrix: matrix, marks: .keyed(placed, dotLegend: ReportText.combinedPosition(matrix))).render()
        return drawing + (unplaced.isEmpty ? "" : paragraph("Not drawn: " + unplaced.joined(separator: "; ") + "."))
    }

    /// The questions on which the respondents' answers differ, the most divided first.
    private func differences(_ team: TeamAssessment) -> String {
        let differing = team.questions.filter { $0.spread > 0 }
        guard !differing.isEmpty else { return "" }
        let shown = full ? differing : Array(differing.prefix(ReportText.differencesShown))
        var body = "<table class=\"pairs spread\">\n"
        for question in shown {
            let combined = question.combined == .unknown ? question.combinedDisplay : "Combined: \(question.combinedDisplay)"
            body += "<tr><th scope=\"row\">\(HTML.escape(question.label))</th><td>\(HTML.escape(combined)); \(HTML.escape(question.spreadDisplay))"
                + "<br/><span class=\"why\">\(HTML.escape(ReportText.answers(question)))</span></td></tr>\n"
        }
        body += "</table>\n"
        if let more = ReportText.moreDifferences(team, shown: shown.count) { body += "<p class=\"note\">\(HTML.escape(more))</p>\n" }
        return section(ReportText.differencesHeading(team), body)
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

    private func paragraph(_ text: String) -> String { HTML.paragraph(text) }

    private func section(_ heading: String, _ body: String, class name: String? = nil) -> String {
        HTML.section(heading, body, class: name)
    }
}
