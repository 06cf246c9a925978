import CXMRules
import Foundation

/// Renders an ``Assessment`` as text, Markdown, JSON or HTML.
///
/// ```swift
/// let renderer = ReportRenderer(color: false)
/// print(renderer.render(report.assessment(), as: .markdown))
/// ```
public struct ReportRenderer: Sendable {
    /// The report formats.
    public enum Format: String, Sendable, CaseIterable {
        /// Plain text for a terminal, readable at 80 columns, with the matrix drawn in characters.
        case text
        /// Markdown, for documents and issue trackers.
        case markdown
        /// JSON following `docs/report-schema.md` (``Assessment`` encoded).
        case json
        /// One self-contained HTML page (inline CSS and SVG, no scripts) that also prints well.
        case html
    }

    /// Whether text reports use ANSI colour and bold (only for a terminal).
    public var color: Bool
    /// Whether text, Markdown and HTML reports show everything (every step's charts and
    /// recommendations with why and sources, the warnings, what one different answer would
    /// change, the questions worth answering) rather than the decision and the key conclusions.
    /// JSON always holds everything.
    public var full: Bool

    /// A renderer; `color` only for text shown on a terminal (see ``color``), `full` for the
    /// full report (see ``full``).
    public init(color: Bool = false, full: Bool = false) {
        self.color = color
        self.full = full
    }

    /// The assessment in a format.
    ///
    /// - Throws: for JSON, ``JSONEncodingFailure`` if the assessment holds a number that JSON
    ///   cannot (infinite, or not a number).
    public func render(_ assessment: Assessment, as format: Format) throws(JSONEncodingFailure) -> String {
        switch format {
        case .text: return text(assessment)
        case .markdown:
            var out = MarkdownReport(assessment: assessment, full: full).render()
            if let trace = assessment.trace { out += "\n## Trace\n\n```text" + ReportRenderer.traceText(trace).dropFirst("\nTrace".count) + "```\n" }
            return out
        case .json: return try ReportRenderer.encode(assessment)
        case .html: return HTMLReport(assessment: assessment, full: full).render()
        }
    }

    /// Several respondents' team assessments (one per firm or segment; see
    /// ``Advisor/combine(_:anonymous:)``) in a format: each as the report of its combined
    /// answers that adds where each respondent stands and where their answers differ; in text
    /// and Markdown one after another, in HTML one page, in JSON one document
    /// (`docs/combine-schema.md`).
    ///
    /// - Throws: for JSON, ``JSONEncodingFailure`` if an assessment holds a number that JSON
    ///   cannot (infinite, or not a number).
    public func render(_ teams: [TeamAssessment], as format: Format) throws(JSONEncodingFailure) -> String {
        switch format {
        case .text:
            return teams.map { TextReport(assessment: $0.assessment, style: TextStyle(enabled: color), full: full, team: $0).render() }
                .joined(separator: "\n" + String(repeating: "═", count: TextLayout.columns) + "\n\n")
        case .markdown:
            return teams.map { MarkdownReport(assessment: $0.assessment, full: full, team: $0).render() }.joined(separator: "\n---\n\n")
        case .json:
            return try ReportRenderer.encode(TeamAssessment.Document(groups: teams))
        case .html:
            let bodies = teams.map { "<article>\n" + HTMLReport(assessment: $0.assessment, full: full, team: $0).body() + "</article>\n" }
            let title = teams.count == 1 ? ReportText.title(teams[0].assessment, team: teams[0])
                : "CXM assessments of \(teams.count) firms or segments, respondents combined"
            return HTML.page(title: title, body: bodies.joined())
        }
    }

    /// Comparisons of earlier and later assessments (see ``Advisor/compare(_:_:)``) in a
    /// format: in text and Markdown one after another, in HTML one page, in JSON one document
    /// (`docs/compare-schema.md`); in each, the profiles that only one input holds.
    ///
    /// - Throws: for JSON, ``JSONEncodingFailure`` if an assessment holds a number that JSON
    ///   cannot (infinite, or not a number).
    public func render(_ document: Comparison.Document, as format: Format) throws(JSONEncodingFailure) -> String {
        let reports = document.comparisons.map { ComparisonReport(comparison: $0, full: full, style: TextStyle(enabled: color)) }
        let unmatched = ComparisonText.unmatched(document)
        switch format {
        case .text:
            return reports.map { $0.text() }.joined(separator: "\n" + String(repeating: "═", count: TextLayout.columns) + "\n\n")
                + (unmatched.map { "\n" + TextLayout.wrap($0, indent: "", hanging: "") } ?? "")
        case .markdown:
            return reports.map { $0.markdown() }.joined(separator: "\n---\n\n") + (unmatched.map { "\n" + MarkdownReport.escape($0) + "\n" } ?? "")
        case .json:
            return try ReportRenderer.encode(document)
        case .html:
            let bodies = reports.map { "<article>\n" + $0.htmlBody() + "</article>\n" }.joined()
            return HTML.page(title: ComparisonText.documentTitle(document), body: bodies + (unmatched.map(HTML.paragraph) ?? ""))
        }
    }

    /// A plain-text report, readable at 80 columns; with ``color``, headings are bold and the
    /// matrix marks are coloured. Ends with the engine trace when the assessment has one.
    public func text(_ assessment: Assessment) -> String {
        var out = TextReport(assessment: assessment, style: TextStyle(enabled: color), full: full).render()
        if let trace = assessment.trace { out += ReportRenderer.traceText(trace) }
        return out
    }

    /// The first screen of the text report: the title, the summary and the actions to take
    /// first, without the letters that mark what missing answers could change.
    public func opening(_ assessment: Assessment) -> String {
        TextReport(assessment: assessment, style: TextStyle(enabled: color), full: false).opening(ReportLedger(marking: false))
    }

    /// A value as the JSON that cxm prints: pretty, with sorted keys and control characters
    /// escaped, ending in a newline.
    ///
    /// - Throws: ``JSONEncodingFailure`` if the value holds a number that JSON cannot.
    public static func encode(_ value: some Encodable) throws(JSONEncodingFailure) -> String {
        try JSONText.encode(value)
    }

    /// The engine trace as text: every table row and rule, whether it matched, and each
    /// condition's actual and expected value.
    public static func traceText(_ trace: [TraceEntry]) -> String {
        var out = "\nTrace\n"
        for entry in trace {
            let what = entry.kind == .row ? "table \(entry.name), row \(entry.row ?? 0)" : "rule \(entry.name)"
            out += "  \(what): \(entry.verdict.rawValue)"
            if let output = entry.output { out += " → \(output)" }
            out += "\n"
            for condition in entry.conditions {
                out += "    \(condition.condition): \(condition.actual), expected \(condition.expected) (\(condition.verdict.rawValue))\n"
            }
        }
        return out
    }
}
