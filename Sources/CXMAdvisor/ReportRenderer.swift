import CXMRules
import Foundation

/// Renders a ``Report`` as text or JSON.
public struct ReportRenderer: Sendable {
    /// The JSON schema version; raised when a field changes meaning or disappears.
    public static let schemaVersion = 1

    let ruleBase: RuleBase

    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    // MARK: Text

    /// A plain-text report, readable at 80 columns.
    public func text(_ report: Report) -> String {
        var out = "Assessment of \(title(report.profile))"
        let answered = report.profile.answers.filter { $0 != nil }.count
        out += "\nAnswered \(answered) of \(ruleBase.questions.count) questions"
        out += answered < ruleBase.questions.count ? "; what depends on the others is marked below.\n" : ".\n"
        out += "\nConclusions\n"
        let conclusions = report.conclusions
        let width = conclusions.map { ($0.info.label ?? $0.info.name).count }.filter { $0 <= 40 }.max() ?? 0
        for conclusion in conclusions {
            let label = conclusion.info.label ?? conclusion.info.name
            var value = ruleBase.display(conclusion.outcome.value)
            if !conclusion.missingAnswers.isEmpty {
                value += conclusion.outcome.value == nil ? " (missing: " : " (could change with: "
                value += conclusion.missingAnswers.joined(separator: ", ") + ")"
            }
            let padded = label + String(repeating: " ", count: max(0, width - label.count))
            if label.count <= width, 2 + width + 2 + value.count <= ReportRenderer.columns {
                out += "  \(padded)  \(value)\n"
            } else {
                out += "  \(label)\n" + wrap(value, indent: "      ", hanging: "      ")
            }
        }
        for (value, changes) in report.tippingChanges {
            let label = value.label ?? value.name
            out += "\nWhat one different answer would change: \(label)\n"
            if changes.isEmpty {
                out += "  No single different answer would change it.\n"
            }
            for change in changes.prefix(12) {
                let question = ruleBase.values[change.question]
                out += wrap("\(question.name): \(ruleBase.display(change.from)) → \(ruleBase.display(change.to)) gives \(ruleBase.display(change.result))", indent: "  ", hanging: "    ")
            }
            if changes.count > 12 { out += "  … and \(changes.count - 12) more\n" }
        }
        let recommendations = report.evaluation.recommendations
        if !recommendations.isEmpty {
            out += "\nRecommendations\n"
            for advice in recommendations.sorted(by: { ($0.step ?? 0) < ($1.step ?? 0) }) {
                out += wrap("Step \(advice.step ?? 0), \(advice.priority?.rawValue ?? "") priority: \(advice.text)", indent: "  ", hanging: "    ")
                out += reasonAndSource(advice)
            }
        }
        if !report.evaluation.warnings.isEmpty {
            out += "\nWarnings\n"
            for advice in report.evaluation.warnings {
                out += wrap("! \(advice.text)", indent: "  ", hanging: "    ")
                out += reasonAndSource(advice)
            }
        }
        let ignored = report.ignoredAnswers
        if !ignored.isEmpty {
            out += "\nAnswers not used (the question does not apply)\n"
            for question in ignored {
                out += wrap("\(question.name): asked only when \(question.question?.condition ?? "")", indent: "  ", hanging: "    ")
            }
        }
        let undecided = report.undecidedRules
        if !undecided.isEmpty {
            out += "\nUndecided (answer these to decide)\n"
            for (rule, missing) in undecided {
                out += wrap("\(rule): \(missing.joined(separator: ", "))", indent: "  ", hanging: "    ")
            }
        }
        return out
    }

    /// The firm a profile describes, with its segment: "Acme (segment: SMEs)".
    func title(_ profile: Profile) -> String {
        let name = profile.metadata["name"] ?? profile.metadata["id"] ?? "this profile"
        return profile.metadata["segment"].map { "\(name) (segment: \($0))" } ?? name
    }

    /// The width text reports are laid out for.
    static let columns = 80

    /// Text wrapped at word boundaries to ``columns``: the first line starts with `indent`, the
    /// others with `hanging`. Ends with a newline.
    func wrap(_ text: String, indent: String, hanging: String) -> String {
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > ReportRenderer.columns {
                lines.append(line)
                line = hanging
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    private func reasonAndSource(_ advice: Advice) -> String {
        var out = ""
        if let because = advice.because { out += wrap("Why: \(because)", indent: "    ", hanging: "      ") }
        if !advice.missingAnswers.isEmpty {
            out += wrap("Could change with: \(advice.missingAnswers.joined(separator: ", "))", indent: "    ", hanging: "      ")
        }
        for citation in advice.citations {
            out += wrap("Source: \(cite(citation))", indent: "    ", hanging: "      ")
        }
        return out
    }

    /// A citation as a reader looks it up: the source's short form and the locator.
    public func cite(_ citation: CitationInfo) -> String {
        let reference = ruleBase.sources.first { $0.id == citation.source }?.short ?? citation.source
        return citation.locator.isEmpty ? reference : "\(reference), \(citation.locator)"
    }

    // MARK: JSON

    /// The report as JSON, following schema version ``schemaVersion``.
    public func json(_ report: Report) -> String {
        let document = JSONReport(
            schemaVersion: ReportRenderer.schemaVersion,
            profile: report.profile.metadata,
            conclusions: report.conclusions.map { conclusion in
                JSONReport.Conclusion(
                    name: conclusion.info.name, label: conclusion.info.label, kind: conclusion.info.kind.rawValue,
                    value: JSONValue(conclusion.outcome.value, ruleBase: ruleBase),
                    display: ruleBase.display(conclusion.outcome.value), missingAnswers: conclusion.missingAnswers)
            },
            recommendations: report.evaluation.recommendations.sorted { ($0.step ?? 0) < ($1.step ?? 0) }.map { JSONReport.Item($0, renderer: self) },
            warnings: report.evaluation.warnings.map { JSONReport.Item($0, renderer: self) },
            undecidedRules: report.undecidedRules.map { JSONReport.Undecided(rule: $0.rule, missingAnswers: $0.missingAnswers) },
            missingAnswers: report.missingAnswersThatMatter,
            ignoredAnswers: report.ignoredAnswers.map(\.name),
            changes: report.tippingChanges.map { value, changes in
                JSONReport.Changes(value: value.name, changes: changes.map { change in
                    JSONReport.Change(question: ruleBase.values[change.question].name,
                                      from: JSONValue(change.from, ruleBase: ruleBase), to: JSONValue(change.to, ruleBase: ruleBase),
                                      result: JSONValue(change.result, ruleBase: ruleBase))
                })
            },
            trace: report.evaluation.trace.isEmpty ? nil : report.evaluation.trace)
        return ReportRenderer.encode(document)
    }

    /// A value as the JSON that cxm prints: pretty, with sorted keys, ending in a newline.
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The JSON report's shape.
struct JSONReport: Encodable {
    var schemaVersion: Int
    var profile: [String: String]
    var conclusions: [Conclusion]
    var recommendations: [Item]
    var warnings: [Item]
    var undecidedRules: [Undecided]
    var missingAnswers: [String]
    /// Questions answered but not used, because they do not apply.
    var ignoredAnswers: [String]
    /// For each watched value, the single-answer changes that would change it.
    var changes: [Changes]
    var trace: [TraceEntry]?

    struct Changes: Encodable {
        var value: String
        var changes: [Change]
    }

    struct Change: Encodable {
        var question: String
        var from: JSONValue
        var to: JSONValue
        var result: JSONValue
    }

    struct Conclusion: Encodable {
        var name: String
        var label: String?
        var kind: String
        var value: JSONValue
        var display: String
        var missingAnswers: [String]
    }

    struct Item: Encodable {
        var rule: String
        var step: Int?
        var priority: Priority?
        var text: String
        var because: String?
        var citations: [Citation]
        var missingAnswers: [String]

        init(_ advice: Advice, renderer: ReportRenderer) {
            rule = advice.rule
            step = advice.step
            priority = advice.priority
            text = advice.text
            because = advice.because
            citations = advice.citations.map { Citation(source: $0.source, locator: $0.locator, reference: renderer.cite($0)) }
            missingAnswers = advice.missingAnswers
        }
    }

    struct Citation: Encodable {
        var source: String
        var locator: String
        var reference: String
    }

    struct Undecided: Encodable {
        var rule: String
        var missingAnswers: [String]
    }
}

/// A value in JSON: options as their ids, sets and lists as arrays of ids, unknown as null.
struct JSONValue: Encodable {
    let value: Value?
    let ruleBase: RuleBase

    init(_ value: Value?, ruleBase: RuleBase) {
        self.value = value
        self.ruleBase = ruleBase
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case nil: try container.encodeNil()
        case .boolean(let flag)?: try container.encode(flag)
        case .number(let number)?: try container.encode(number)
        case .text(let text)?: try container.encode(text)
        case .option(let type, let position)?: try container.encode(ruleBase.optionTypes[type].options[position])
        case .set(let type, let mask)?:
            try container.encode(ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
                .map { ruleBase.optionTypes[type].options[$0] })
        case .list(let type, let positions)?:
            try container.encode(positions.map { ruleBase.optionTypes[type].options[$0] })
        }
    }
}

extension ReportRenderer {
    /// The engine trace as text: every table row and rule, whether it matched, and each
    /// condition's actual and expected value.
    public func traceText(_ report: Report) -> String {
        traceText(report.evaluation.trace)
    }

    /// Trace entries as text, as in ``traceText(_:)-(Report)``.
    public func traceText(_ entries: [TraceEntry]) -> String {
        var out = "\nTrace\n"
        for entry in entries {
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
