import CXMRules

/// A comparison as text, Markdown or HTML, in one order: the title and dates; the summary (the
/// way on the matrix, the target, what changed); what to do now, new actions marked; the matrix
/// with the way drawn as an arrow; the conclusions that changed, each with the changed answers
/// behind it; the answers that changed; recommendations and warnings new and no longer
/// applying. By default the conclusions reports show; with `full` every one.
struct ComparisonReport {
    let comparison: Comparison
    let full: Bool
    var style = TextStyle(enabled: false)

    // MARK: Text

    func text() -> String {
        var out = style.bold(String(TextLayout.wrap(ComparisonText.title(comparison), indent: "", hanging: "").dropLast())) + "\n"
        out += TextLayout.wrap(ComparisonText.dates(comparison), indent: "", hanging: "")
        out += heading("Summary")
        for sentence in ComparisonText.summary(comparison) { out += TextLayout.wrap(sentence, indent: "  ", hanging: "  ") }
        if !comparison.firstActions.isEmpty {
            out += heading("What to do now")
            for (index, item) in comparison.firstActions.enumerated() {
                out += TextLayout.wrap(item.action.text + ComparisonText.marker(item.action) + (item.new ? " (new)" : ""),
                                       indent: "  \(index + 1). ", hanging: "     ")
                out += style.dim(String(TextLayout.wrap(item.action.why, indent: "     ", hanging: "     ").dropLast())) + "\n"
            }
            if let note = ComparisonText.markNote(comparison) { out += style.dim(String(TextLayout.wrap(note, indent: "  ", hanging: "  ").dropLast())) + "\n" }
        }
        if let matrix = comparison.matrix {
            out += heading("The way on the matrix")
            let legend = ComparisonText.legend(comparison)
            if let (x, y) = ComparisonText.earlierPoint(comparison) {
                out += TextMatrix(matrix: matrix, style: style, marks: .movement(from: (x, y))).drawing()
            } else {
                out += TextMatrix(matrix: matrix, style: style, marks: .position).drawing()
            }
            if ComparisonText.earlierPoint(comparison) != nil { out += TextLayout.wrap("○ " + legend.then, indent: "  ", hanging: "    ") }
            out += TextLayout.wrap((matrix.asIs.x != nil ? style.cyan("●") : "●") + " " + legend.now, indent: "  ", hanging: "    ")
            out += TextMatrix(matrix: matrix, style: style).targetLegend()
        }
        let (conclusions, more) = ComparisonText.conclusions(comparison, full: full)
        if !conclusions.isEmpty || more > 0 {
            out += heading("Conclusions that changed")
            for change in conclusions {
                out += TextLayout.wrap(ComparisonText.conclusion(change), indent: "  ", hanging: "    ")
                if let because = ComparisonText.because(change, in: comparison) {
                    out += style.dim(String(TextLayout.wrap(because, indent: "      ", hanging: "      ").dropLast())) + "\n"
                }
            }
            if more > 0 { out += TextLayout.wrap(moreConclusions(more), indent: "  ", hanging: "  ") }
        }
        if !comparison.answers.isEmpty {
            out += heading("Answers that changed")
            for change in comparison.answers { out += TextLayout.wrap(ComparisonText.answer(change, in: comparison), indent: "  ", hanging: "    ") }
        }
        for (title, items) in ComparisonText.advice(comparison) {
            out += heading(title)
            for item in items {
                let priority = item.priority.map { "[\($0.rawValue)] " } ?? ""
                out += TextLayout.wrap("• \(priority)\(item.text)", indent: "  ", hanging: "    ")
            }
        }
        return out
    }

    private func heading(_ text: String) -> String {
        "\n" + style.bold(text) + "\n"
    }

    private func moreConclusions(_ count: Int) -> String {
        "\(count) more \(count == 1 ? "value" : "values") behind them changed (--full lists them)."
    }

    // MARK: Markdown

    func markdown() -> String {
        let escape = MarkdownReport.escape
        var out = "# \(escape(ComparisonText.title(comparison)))\n\n\(escape(ComparisonText.dates(comparison)))\n\n## Summary\n\n"
        out += ComparisonText.summary(comparison).map { escape($0) + "\n" }.joined(separator: "\n")
        if !comparison.firstActions.isEmpty {
            out += "\n## What to do now\n\n"
            for (index, item) in comparison.firstActions.enumerated() {
                out += "\(index + 1). **\(escape(item.action.text))**\(escape(ComparisonText.marker(item.action)))\(item.new ? " *(new)*" : "")  \n   \(escape(item.action.why))\n"
            }
            if let note = ComparisonText.markNote(comparison) { out += "\n\(escape(note))\n" }
        }
        if comparison.matrix != nil {
            let legend = ComparisonText.legend(comparison)
            out += "\n## The way on the matrix\n\n"
            out += (ComparisonText.earlierPoint(comparison) != nil ? "- ○ \(escape(legend.then))\n" : "") + "- ● \(escape(legend.now))\n"
            if let matrix = comparison.matrix, let target = ReportText.toBe(matrix) {
                out += "- ◆ \(escape(ReportText.toBeLabel(matrix))): \(escape(target))\n"
            }
        }
        let (conclusions, more) = ComparisonText.conclusions(comparison, full: full)
        if !conclusions.isEmpty || more > 0 {
            out += "\n## Conclusions that changed\n\n"
            for change in conclusions {
                out += "- \(escape(ComparisonText.conclusion(change)))"
                out += (ComparisonText.because(change, in: comparison).map { "  \n  *\(escape($0))*" } ?? "") + "\n"
            }
            if more > 0 { out += "\n\(escape(moreConclusions(more)))\n" }
        }
        if !comparison.answers.isEmpty {
            out += "\n## Answers that changed\n\n" + comparison.answers.map { "- \(escape(ComparisonText.answer($0, in: comparison)))\n" }.joined()
        }
        for (title, items) in ComparisonText.advice(comparison) {
            out += "\n## \(title)\n\n"
            for item in items {
                out += "- \(item.priority.map { "**\($0.rawValue.capitalized) priority.** " } ?? "")\(escape(item.text))\n"
            }
        }
        return out
    }

    // MARK: HTML

    /// The comparison as the content of a page, from its header on.
    func htmlBody() -> String {
        var out = "<header>\n<h1>\(HTML.escape(ComparisonText.title(comparison)))</h1>\n"
            + "<p class=\"meta\">\(HTML.escape(ComparisonText.dates(comparison)))</p>\n</header>\n"
        out += section("Summary", ComparisonText.summary(comparison).map(paragraph).joined(), class: "summary")
        if !comparison.firstActions.isEmpty {
            var body = "<ol class=\"actions\">\n"
            for item in comparison.firstActions {
                body += "<li><strong>\(HTML.escape(item.action.text))</strong>\(HTML.escape(ComparisonText.marker(item.action)))"
                    + "\(item.new ? " <span class=\"badge badge-new\">New</span>" : "")"
                    + "<br/><span class=\"why\">\(HTML.escape(item.action.why))</span></li>\n"
            }
            body += "</ol>\n" + (ComparisonText.markNote(comparison).map { "<p class=\"note\">\(HTML.escape($0))</p>\n" } ?? "")
            out += section("What to do now", body, class: "first")
        }
        if let matrix = comparison.matrix {
            let legend = ComparisonText.legend(comparison)
            let marks: HTMLMatrix.Marks
            if let (x, y) = ComparisonText.earlierPoint(comparison) {
                marks = .movement(from: (x, y), legend: (from: legend.then.prefix(1).uppercased() + legend.then.dropFirst(),
                                                         to: legend.now.prefix(1).uppercased() + legend.now.dropFirst()))
            } else {
                marks = .position
            }
            out += section("The way on the matrix", HTMLMatrix(matrix: matrix, marks: marks).render(), class: "matrix")
        }
        let (conclusions, more) = ComparisonText.conclusions(comparison, full: full)
        if !conclusions.isEmpty || more > 0 {
            var body = "<ul>\n"
            for change in conclusions {
                body += "<li>\(HTML.escape(ComparisonText.conclusion(change)))"
                body += (ComparisonText.because(change, in: comparison).map { "<br/><span class=\"why\">\(HTML.escape($0))</span>" } ?? "") + "</li>\n"
            }
            body += "</ul>\n" + (more > 0 ? "<p class=\"note\">\(HTML.escape(moreConclusions(more)))</p>\n" : "")
            out += section("Conclusions that changed", body)
        }
        if !comparison.answers.isEmpty {
            out += section("Answers that changed", "<ul>\n" + comparison.answers.map {
                "<li>\(HTML.escape(ComparisonText.answer($0, in: comparison)))</li>\n"
            }.joined() + "</ul>\n")
        }
        for (title, items) in ComparisonText.advice(comparison) {
            var body = "<ul class=\"advice\">\n"
            for item in items {
                let (badge, kind) = item.priority.map { ("\($0.rawValue.capitalized) priority", $0.rawValue) } ?? ("Warning", "warning")
                body += "<li><p><span class=\"badge badge-\(kind)\">\(badge)</span> \(HTML.escape(item.text))</p></li>\n"
            }
            out += section(title, body + "</ul>\n")
        }
        return out
    }

    private func paragraph(_ text: String) -> String { HTML.paragraph(text) }

    private func section(_ heading: String, _ body: String, class name: String? = nil) -> String {
        HTML.section(heading, body, class: name)
    }
}
