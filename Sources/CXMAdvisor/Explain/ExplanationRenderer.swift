import CXMRules

/// Renders an ``Explanation`` as text or JSON.
public struct ExplanationRenderer: Sendable {
    /// The JSON schema version of this output; raised when a field changes meaning or disappears.
    public static let schemaVersion = 2

    let ruleBase: RuleBase

    /// A renderer for explanations of a rule base's values and rules.
    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// An explanation as text, readable at 80 columns.
    public func text(_ explanation: Explanation) -> String {
        var out = TextLayout.wrap("Explanation for \(ReportText.subject(explanation.profile))", indent: "", hanging: "")
        for value in explanation.values { out += text(value) }
        if let rule = explanation.rule { out += text(rule) }
        if let question = explanation.question { out += text(question) }
        if let ask = explanation.askAbout { out += text(ask, watching: !explanation.values.isEmpty) }
        if let trace = explanation.trace {
            out += trace.isEmpty ? "\nTrace\n  No table or rule is involved.\n" : ReportRenderer.traceText(trace)
        }
        return out
    }

    /// The explanation as JSON (see ``Explanation``).
    ///
    /// - Throws: ``JSONEncodingFailure`` if it holds a number that JSON cannot.
    public func json(_ explanation: Explanation) throws(JSONEncodingFailure) -> String {
        try ReportRenderer.encode(explanation)
    }

    private func text(_ value: ValueExplanation) -> String {
        var out = "\n" + TextLayout.wrap("\(name(value.label, value.name)): \(value.display)", indent: "", hanging: "  ")
        if !value.missingAnswers.isEmpty {
            let names = value.missingAnswers.map(\.question).joined(separator: ", ")
            out += TextLayout.wrap((value.value == .unknown ? "Missing: " : "Could change with: ") + names, indent: "  ", hanging: "    ")
        }
        if let help = value.help { out += TextLayout.wrap(help, indent: "  ", hanging: "  ") }
        if value.hitPolicy != nil {
            out += value.value == .unknown ? "\nUndecided: the rows that could still match\n" : "\nHow it was decided\n"
            for row in value.rows {
                let verdict = row.verdict == .yes ? "matched" : "could match"
                out += TextLayout.wrap("Row \(row.row) of table \(value.name) \(verdict), giving \(row.output):", indent: "  ", hanging: "    ")
                for cell in row.cells { out += TextLayout.wrap(sentence(cell), indent: "    ", hanging: "      ") }
            }
        }
        if value.kind == .output {
            out += "\nHow it was decided\n"
            if value.rules.isEmpty { out += "  No rule that sets it fired.\n" }
            for rule in value.rules {
                out += TextLayout.wrap("Rule \(rule.name) \(verdictWords(rule.verdict)):", indent: "  ", hanging: "    ")
                for reason in rule.reasons { out += TextLayout.wrap(sentence(reason), indent: "    ", hanging: "      ") }
                if let because = rule.because { out += TextLayout.wrap("Why: \(because)", indent: "    ", hanging: "      ") }
            }
            if value.rulesNotFired > 0 {
                out += "  \(value.rulesNotFired) other rule\(value.rulesNotFired == 1 ? "" : "s") that set\(value.rulesNotFired == 1 ? "s" : "") it did not fire.\n"
            }
        }
        if !value.inputs.isEmpty {
            out += "\nWhat it is computed from\n"
            for node in value.inputs { out += text(node, indent: "  ") }
            if value.inputsTruncated { out += "  … (more below; ask about one of the values above)\n" }
        }
        if !value.answers.isEmpty {
            out += "\nThe answers it rests on\n"
            for answer in value.answers { out += text(answer) }
        }
        if !value.missingAnswers.isEmpty {
            out += "\nMissing answers that could change it\n"
            for answer in value.missingAnswers { out += text(answer) }
        }
        return out + sources(value.citations)
    }

    private func text(_ node: ValueNode, indent: String) -> String {
        var out = TextLayout.wrap("\(name(node.label, node.name)): \(node.display)\(node.repeated ? " (see above)" : "")",
                       indent: indent, hanging: indent + "    ")
        for input in node.inputs { out += text(input, indent: indent + "  ") }
        return out
    }

    private func text(_ answer: AnswerExplanation) -> String {
        var line = "\(answer.question): \(answer.display)"
        if !answer.applies { line += " (not used: the question does not apply)" }
        return TextLayout.wrap(line, indent: "  ", hanging: "    ") + TextLayout.wrap(answer.text, indent: "    ", hanging: "    ")
    }

    private func text(_ rule: RuleExplanation) -> String {
        let fired = rule.verdict == .yes
        var out = "\n" + TextLayout.wrap("Rule \(rule.name) \(verdictWords(rule.verdict))", indent: "", hanging: "  ")
        for recommendation in rule.recommendations {
            let what = "step \(recommendation.step), \(recommendation.priority.rawValue) priority"
            out += TextLayout.wrap("\(fired ? "Recommends" : "It would recommend") (\(what)): \(recommendation.text)", indent: "  ", hanging: "    ")
        }
        for warning in rule.warnings {
            out += TextLayout.wrap("\(fired ? "Warns" : "It would warn"): \(warning)", indent: "  ", hanging: "    ")
        }
        if let because = rule.because { out += TextLayout.wrap("Why: \(because)", indent: "  ", hanging: "    ") }
        for output in rule.sets {
            out += TextLayout.wrap("Sets \(name(output.label, output.name)), now \(output.display ?? "unknown")", indent: "  ", hanging: "    ")
        }
        if !rule.reasons.isEmpty {
            out += "\n" + (rule.verdict == .yes ? "It fired because\n" : rule.verdict == .no ? "It did not fire because\n" : "It is undecided because\n")
            for reason in rule.reasons { out += TextLayout.wrap(sentence(reason), indent: "  ", hanging: "    ") }
        }
        if !rule.missingAnswers.isEmpty {
            out += "\n" + (rule.verdict == .unknown ? "Answer these to decide it\n" : "Missing answers that could change it\n")
            for answer in rule.missingAnswers { out += text(answer) }
        }
        return out + sources(rule.citations)
    }

    private func text(_ question: QuestionExplanation) -> String {
        var out = "\n" + TextLayout.wrap("Question \(question.name): \(question.display)", indent: "", hanging: "  ")
        out += TextLayout.wrap(question.text, indent: "  ", hanging: "  ")
        if let help = question.help { out += TextLayout.wrap(help, indent: "  ", hanging: "  ") }
        var place = "Step \(question.step)" + (question.section.isEmpty ? "" : ", section \"\(question.section)\"")
        if let condition = question.condition {
            place += "; asked only when \(condition)" + (question.applies ? "" : ", which does not hold, so the answer is not used")
        }
        out += TextLayout.wrap(place + ".", indent: "  ", hanging: "  ")
        if !question.usedBy.isEmpty {
            out += "\nUsed by\n"
            for use in question.usedBy {
                let line = use.kind == "rule" ? "rule \(use.name)" : "\(name(use.label, use.name)): \(use.display ?? "unknown")"
                out += TextLayout.wrap(line, indent: "  ", hanging: "    ")
            }
        }
        if !question.affects.isEmpty {
            out += "\nIt can change\n"
            for value in question.affects {
                out += TextLayout.wrap("\(name(value.label, value.name)): \(value.display ?? "unknown")", indent: "  ", hanging: "    ")
            }
        }
        return out + sources(question.citations)
    }

    private func text(_ ask: AskAbout, watching: Bool) -> String {
        func examples(_ names: [String]) -> String {
            names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", …" : "")
        }
        var out = ""
        if !watching {
            out += "\n" + TextLayout.wrap("No conclusion is marked 'watch' in the rules; name one to have it explained.", indent: "", hanging: "")
        }
        out += watching ? "\nYou can also ask about\n" : "\nYou can ask about\n"
        out += TextLayout.wrap("a value, such as: \(examples(ask.values))", indent: "  ", hanging: "    ")
        if !ask.rules.isEmpty { out += TextLayout.wrap("a rule, such as one that fired: \(examples(ask.rules))", indent: "  ", hanging: "    ") }
        if !ask.questions.isEmpty {
            out += TextLayout.wrap("a question, such as one not answered: \(examples(ask.questions))", indent: "  ", hanging: "    ")
        }
        return out
    }

    /// "CXM impact (impact)", or the name alone.
    private func name(_ label: String?, _ name: String) -> String {
        label.map { "\($0) (\(name))" } ?? name
    }

    private func verdictWords(_ verdict: Verdict) -> String {
        switch verdict {
        case .yes: return "fired"
        case .no: return "did not fire"
        case .unknown: return "is undecided: missing answers leave it open"
        }
    }

    /// A condition in words: "CXM impact is High (needed: Low)", or "CXM impact is High (as
    /// needed)" when it holds as it is.
    private func sentence(_ check: ConditionCheck) -> String {
        var needed = check.verdict == .yes && check.needed == check.actual ? "as needed" : "needed: \(check.needed)"
        // A question that is not answered is said to be so already.
        let missing = check.missingAnswers.filter { $0 != check.subject }
        if !missing.isEmpty {
            needed += (check.verdict == .unknown ? "; missing: " : "; could change with: ") + missing.joined(separator: ", ")
        }
        // A label that ends in a verb ("How clear-cut the archetype is") or is a question ("Why
        // this archetype to aim for") takes a colon instead.
        let words = check.subject.split(separator: " ")
        let colon = ["is", "are"].contains(words.last ?? "")
            || ["how", "why", "what", "which", "who", "whose", "when", "where"].contains(words.first?.lowercased() ?? "")
        let subject = check.subject.hasPrefix("the ") ? "The" + check.subject.dropFirst(3) : check.subject
        return "\(subject)\(colon ? ":" : " is") \(check.actual) (\(needed))"
    }

    private func sources(_ citations: [CitationExplanation]) -> String {
        citations.isEmpty ? "" : "\n" + citations.map { TextLayout.wrap("Source: \($0.reference)", indent: "", hanging: "  ") }.joined()
    }
}
