import CXMRules

/// Renders a ``WhatIf`` analysis as text or JSON.
public struct WhatIfRenderer: Sendable {
    /// The JSON schema version of this output; raised when a field changes meaning or disappears.
    public static let schemaVersion = 1

    let ruleBase: RuleBase

    /// A renderer for what-if analyses on a rule base.
    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// Results, and sets of changes per result, shown in text; JSON lists them all.
    static let resultsShown = 6
    static let setsShown = 10

    /// A what-if analysis as text, readable at 80 columns: the value now, the robustness
    /// figure (for a known value), and the smallest sets of changes grouped by what they give.
    public func text(_ whatIf: WhatIf) -> String {
        let search = whatIf.search
        let info = ruleBase.values[search.slot]
        let label = info.label ?? info.name
        var out = TextLayout.wrap("What if \(ReportText.subject(whatIf.profile.metadata)) answered differently?", indent: "", hanging: "")
        if search.current == nil {
            // How many changes would decide it says nothing of how firmly the answers settle it.
            let decidedBy = whatIf.missingAnswers.isEmpty ? "unknown, and no missing answer would decide it"
                : "unknown until these are answered: " + whatIf.missingAnswers.joined(separator: ", ")
            out += TextLayout.wrap("\(label) (\(info.name)) is \(decidedBy).", indent: "", hanging: "")
        } else {
            var now = "\(label) (\(info.name)) is now \(ruleBase.inWords(search.current))"
            if !whatIf.missingAnswers.isEmpty { now += " (could change with: " + whatIf.missingAnswers.joined(separator: ", ") + ")" }
            out += TextLayout.wrap(now + ".", indent: "", hanging: "")
            out += "\n" + TextLayout.wrap("Robustness: " + robustness(search.robustness), indent: "", hanging: "")
        }
        let goal: String
        switch search.goal {
        case .change: goal = search.current == nil ? "decide it" : "change it"
        case .reach(let wanted):
            guard wanted != search.current else { return out + "\nIt is \(ruleBase.inWords(wanted)) already.\n" }
            goal = "give \(ruleBase.inWords(wanted))"
        }
        // What was searched: as many changes as asked for, or, when the search stopped early, as
        // many as it finished.
        let searched = search.isComplete ? search.maxChanges : search.sizeCompleted
        let scope = "up to \(TextLayout.count(searched, "change")) to the \(TextLayout.count(search.questions.count, "question")) it depends on"
        if search.counterfactuals.isEmpty {
            var none = "No set of \(scope) would \(goal)."
            if search.isComplete && search.maxChanges < search.questions.count { none += " Allowing more changes may find some." }
            out += "\n" + TextLayout.wrap(none, indent: "", hanging: "")
        } else {
            out += "\n" + TextLayout.wrap("The smallest sets of changes that would \(goal) (\(scope)):", indent: "", hanging: "")
            let groups = grouped(search.counterfactuals)
            for (result, sets) in groups.prefix(Self.resultsShown) {
                out += result == nil
                    ? "\nWould leave it undecided (\(TextLayout.count(sets.count, "way")))\n"
                    : "\nTo \(ruleBase.inWords(result)) (\(TextLayout.count(sets.count, "way")))\n"
                for set in sets.prefix(Self.setsShown) {
                    for (index, change) in set.changes.enumerated() {
                        out += TextLayout.wrap(describe(change), indent: index == 0 ? "  " : "    and ", hanging: "        ")
                    }
                }
                if sets.count > Self.setsShown {
                    out += "  … and \(sets.count - Self.setsShown) more (the JSON output lists them all)\n"
                }
            }
            if groups.count > Self.resultsShown {
                let more = groups.dropFirst(Self.resultsShown).reduce(0) { $0 + $1.sets.count }
                out += "\n… and \(TextLayout.count(more, "more set")) giving \(groups.count - Self.resultsShown) other results (the JSON output lists them all)\n"
            }
        }
        if !search.isComplete {
            let tried = search.sizeCompleted == 1 ? "every single change" : "every set of up to \(search.sizeCompleted) changes"
            out += "\n" + TextLayout.wrap("The search stopped after \(TextLayout.grouped(search.evaluations)) evaluations, its limit: it tried \(tried), but not every set of \(search.sizeCompleted + 1).", indent: "", hanging: "")
        }
        return out
    }

    /// The sets by what they give, in the order each result first appears, undecided last;
    /// numbers that differ only by rounding (see ``Value/same(_:_:)``) give one result.
    private func grouped(_ sets: [Counterfactual]) -> [(result: Value?, sets: [Counterfactual])] {
        var groups: [(result: Value?, sets: [Counterfactual])] = []
        for set in sets {
            if let index = groups.firstIndex(where: { Value.same($0.result, set.result) }) {
                groups[index].sets.append(set)
            } else {
                groups.append((set.result, [set]))
            }
        }
        return groups.filter { $0.result != nil } + groups.filter { $0.result == nil }
    }

    /// One change in words: "rivalry: Agree → Neutral", "cx_touchpoints: add 'Website'", with
    /// the number of other answers that would do the same.
    func describe(_ change: Counterfactual.Change) -> String {
        let name = ruleBase.values[change.question].name
        var text = "\(name): \(change.from == nil ? "unanswered" : ruleBase.inWords(change.from)) → \(ruleBase.inWords(change.to))"
        if case .set(let type, let before)? = change.from, case .set(_, let after) = change.to {
            let labels = ruleBase.optionTypes[type].labels
            let added = labels.indices.filter { after & ~before & (1 << UInt64($0)) != 0 }.map { "add '\(labels[$0])'" }
            let removed = labels.indices.filter { before & ~after & (1 << UInt64($0)) != 0 }.map { "remove '\(labels[$0])'" }
            text = "\(name): " + (added + removed).joined(separator: ", ")
        }
        if !change.equivalents.isEmpty {
            text += change.equivalents.count == 1 ? " (or one other with the same effect)"
                : " (or one of \(change.equivalents.count) others with the same effect)"
        }
        return text
    }

    /// "4 of 179 single-answer changes (on 2 of 41 questions) would change it (3 to another
    /// value, 1 leaving it undecided)."
    func robustness(_ robustness: Robustness) -> String {
        let decided = robustness.changing - robustness.toUnknown
        let split = robustness.toUnknown == 0 ? ""
            : " (\(decided) to another value, \(robustness.toUnknown) leaving it undecided)"
        return "\(robustness.changing) of \(TextLayout.count(robustness.possible, "single-answer change")) (on "
            + "\(robustness.questionsChanging) of \(TextLayout.count(robustness.questions, "question"))) would change it\(split)."
    }

    /// "1 change", "3 changes".
    /// The analysis as JSON, following schema version ``schemaVersion`` (see ``JSONWhatIf``).
    ///
    /// - Throws: ``JSONEncodingFailure`` if it holds a number that JSON cannot.
    public func json(_ whatIf: WhatIf) throws(JSONEncodingFailure) -> String {
        let search = whatIf.search
        let info = ruleBase.values[search.slot]
        var target: Assessment.Value?
        if case .reach(let wanted) = search.goal { target = ruleBase.reportValue(wanted) }
        return try ReportRenderer.encode(JSONWhatIf(
            schemaVersion: WhatIfRenderer.schemaVersion, profile: whatIf.profile.metadata, value: info.name, label: info.label,
            current: ruleBase.reportValue(search.current), display: ruleBase.inWords(search.current),
            missingAnswers: whatIf.missingAnswers, target: target, maxChanges: search.maxChanges,
            sizeCompleted: search.sizeCompleted, complete: search.isComplete, evaluations: search.evaluations,
            budget: search.budget, questions: search.questions.map { ruleBase.values[$0].name },
            robustness: search.robustness,
            counterfactuals: search.counterfactuals.map { set in
                JSONWhatIf.ChangeSet(
                    changes: set.changes.map { change in
                        JSONWhatIf.Change(question: ruleBase.values[change.question].name,
                                          from: ruleBase.reportValue(change.from),
                                          to: ruleBase.reportValue(change.to),
                                          equivalents: change.equivalents.map { ruleBase.reportValue($0) },
                                          text: describe(change))
                    },
                    result: ruleBase.reportValue(set.result), display: ruleBase.inWords(set.result))
            }))
    }
}

/// The JSON shape of `cxm whatif --format json` (schema version 1). Field names are stable.
struct JSONWhatIf: Encodable {
    var schemaVersion: Int
    /// The profile's metadata (name, segment, …).
    var profile: [String: String]
    /// The value searched for: its name, label, value now (as rule files write it) and in words.
    var value: String
    var label: String?
    var current: Assessment.Value
    var display: String
    /// The missing answers that could change the value as it is.
    var missingAnswers: [String]
    /// The value asked for with `--to`; absent otherwise.
    var target: Assessment.Value?
    /// The largest set size asked for, the largest fully searched, and whether they are equal.
    var maxChanges: Int
    var sizeCompleted: Int
    var complete: Bool
    /// Evaluations made, and the most allowed.
    var evaluations: Int
    var budget: Int
    /// The questions the value depends on: the only ones changed.
    var questions: [String]
    /// Single-answer changes: `changing` of `possible` (over all questions) change the value,
    /// on `questionsChanging` of `questions` questions.
    var robustness: Robustness
    /// The minimal sets of changes, smallest first.
    var counterfactuals: [ChangeSet]

    struct ChangeSet: Encodable {
        var changes: [Change]
        /// What the value becomes, as rule files write it and in words.
        var result: Assessment.Value
        var display: String
    }

    struct Change: Encodable {
        var question: String
        /// The answer before (null: missing) and after, as in profiles.
        var from: Assessment.Value
        var to: Assessment.Value
        /// Other answers with the same effect, tried as one.
        var equivalents: [Assessment.Value]
        /// The change in words.
        var text: String
    }
}
