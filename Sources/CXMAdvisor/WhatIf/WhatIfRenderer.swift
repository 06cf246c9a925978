import CXMRules

/// Renders a ``WhatIf`` analysis as text or JSON.
public struct WhatIfRenderer: Sendable {
    /// The JSON schema version of this output; raised when a field changes meaning or disappears.
    public static let schemaVersion = 2

    let ruleBase: RuleBase

    /// A renderer for what-if analyses on a rule base.
    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// Results, and sets of changes per result, shown in text; JSON lists them all.
    static let resultsShown = 6
    static let setsShown = 5

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
        if !whatIf.profile.partial.isEmpty {
            let names = whatIf.profile.partial.keys.sorted().map { ruleBase.values[$0].name }
            out += "\n" + TextLayout.wrap("The search reads the answers known only in part (\(names.joined(separator: ", "))) as unanswered: "
                + "what it starts from is what the other answers give, and a change may complete such an answer or replace it.",
                                          indent: "", hanging: "")
        }
        let goal: String
        switch search.goal {
        case .change: goal = search.current == nil ? "decide it" : "change it"
        case .reach(let wanted):
            guard !Value.same(wanted, search.current) else { return out + "\nIt is \(ruleBase.inWords(wanted)) already.\n" }
            goal = "give \(ruleBase.inWords(wanted))"
        }
        let dependsOn = "the \(TextLayout.count(search.questions.count, "question")) it depends on"
        if search.counterfactuals.isEmpty {
            let none: String
            if search.impossible {
                none = "No answers to \(dependsOn) would \(goal): no set of changes, of any size, does."
            } else if search.stoppedByTime {
                none = search.sizeCompleted == 0
                    ? "The search stopped at its time limit (\(seconds(search.timeLimit))) before it had tried every single change; no change it tried would \(goal). Allow more time with --time-limit."
                    : "No way with \(upTo(search.sizeCompleted)) to \(dependsOn) would \(goal); the search stopped at its time limit (\(seconds(search.timeLimit))) while trying \(search.sizeCompleted + 1). Allow more time with --time-limit."
            } else {
                none = "No set of \(upTo(search.maxChanges)) to \(dependsOn) would \(goal). Allowing more changes may find some."
            }
            out += "\n" + TextLayout.wrap(none, indent: "", hanging: "")
        } else {
            let size = search.counterfactuals[0].changes.count
            var fewest = "The fewest changes that would \(goal): \(TextLayout.count(size, "question")) of \(search.questions.count)"
            fewest += search.sizeCompleted > 0 ? " (no way with \(upTo(search.sizeCompleted)))," : ","
            fewest += " least moves first:"
            out += "\n" + TextLayout.wrap(fewest, indent: "", hanging: "")
            if let start = whereToStart(search.counterfactuals) {
                out += "\n" + TextLayout.wrap(start, indent: "", hanging: "")
            }
            let groups = grouped(search.counterfactuals)
            for (result, sets) in groups.prefix(Self.resultsShown) {
                out += result == nil
                    ? "\nWould leave it undecided (\(TextLayout.count(sets.count, "way")))\n"
                    : "\nTo \(ruleBase.inWords(result)) (\(TextLayout.count(sets.count, "way")))\n"
                for set in sets.prefix(Self.setsShown) {
                    for (index, change) in set.changes.enumerated() {
                        out += TextLayout.wrap(describe(change, partial: whatIf.profile.partial), indent: index == 0 ? "  " : "    and ", hanging: "        ")
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
            if search.stoppedByTime {
                out += "\n" + TextLayout.wrap("The search stopped at its time limit (\(seconds(search.timeLimit))) while looking for more sets of \(size): there may be other ways with as few changes. Allow more time with --time-limit.", indent: "", hanging: "")
            }
        }
        return out
    }

    /// Where ways of several changes meet, as a first step: "Where to start: every way changes
    /// cx_as_advantage; next most often cx_units (12 of the 26 ways)." or "Where to start:
    /// cx_units is in 12 of the 26 ways, cx_anchor in 9." `nil` when each way changes one
    /// question, there is one way (nothing to choose between), or no question is in half the
    /// ways.
    func whereToStart(_ sets: [Counterfactual]) -> String? {
        guard sets.count > 1, let size = sets.first?.changes.count, size > 1 else { return nil }
        var counts: [(question: SlotID, ways: Int)] = []
        for set in sets {
            for change in set.changes {
                if let index = counts.firstIndex(where: { $0.question == change.question }) {
                    counts[index].ways += 1
                } else {
                    counts.append((change.question, 1))
                }
            }
        }
        // Most ways first; among equals, the question that came first in the least-moves order.
        let ranked = counts.enumerated().sorted { ($0.element.ways, -$0.offset) > ($1.element.ways, -$1.offset) }.map(\.element)
        let name = { (question: SlotID) in self.ruleBase.values[question].name }
        let every = ranked.prefix { $0.ways == sets.count }.map { name($0.question) }
        // Others in at least half the ways; fewer is no clear first step.
        let often = ranked.dropFirst(every.count).prefix(3).filter { $0.ways * 2 >= sets.count }
        let of = "of the \(sets.count) ways"
        if !every.isEmpty {
            let next = often.first.map { "; next most often \(name($0.question)) (\($0.ways) \(of))" } ?? ""
            return "Where to start: every way changes \(ReportText.both(every))\(next)."
        }
        guard let first = often.first else { return nil }
        let rest = often.dropFirst().map { ", \(name($0.question)) in \($0.ways)" }.joined()
        return "Where to start: \(name(first.question)) is in \(first.ways) \(of)\(rest)."
    }

    /// The sets by what they give, as it reads (2.0190… and 2.0238… both read 2.02), in the
    /// order each result first appears, undecided last.
    private func grouped(_ sets: [Counterfactual]) -> [(result: Value?, sets: [Counterfactual])] {
        var groups: [(result: Value?, sets: [Counterfactual])] = []
        for set in sets {
            if let index = groups.firstIndex(where: { ($0.result == nil) == (set.result == nil) && ruleBase.inWords($0.result) == ruleBase.inWords(set.result) }) {
                groups[index].sets.append(set)
            } else {
                groups.append((set.result, [set]))
            }
        }
        return groups.filter { $0.result != nil } + groups.filter { $0.result == nil }
    }

    /// One change in words: "rivalry: Agree → Neutral", "cx_touchpoints: add 'Website'", with
    /// the number of other answers that would do the same; a set change whose equivalents are
    /// every choice of as many options to add (or remove) among some, as "add 2 of 'A', 'B', 'C'".
    ///
    /// A question answered only in part (`partial`) is unanswered to the search, and said to be
    /// known in part: "cx_measures: known in part (NPS, and perhaps others) → NPS; Complaints".
    func describe(_ change: Counterfactual.Change, partial: [Int: PartialSet] = [:]) -> String {
        let name = ruleBase.values[change.question].name
        let unanswered = partial[change.question.index].map { "known in part (\(ruleBase.display($0)))" } ?? "unanswered"
        var text = "\(name): \(change.from == nil ? unanswered : ruleBase.inWords(change.from)) → \(ruleBase.inWords(change.to))"
        if case .set(let type, let before)? = change.from, case .set(_, let after) = change.to {
            let labels = ruleBase.optionTypes[type].labels
            let quoted = { (mask: UInt64) in labels.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { "'\(labels[$0])'" } }
            if let choice = Self.choice(from: before, to: [after] + change.equivalents.compactMap { if case .set(_, let m) = $0 { m } else { nil } }) {
                let verb = choice.adding ? "add" : "remove"
                return "\(name): \(verb) \(choice.count) of " + quoted(choice.among).joined(separator: ", ")
            }
            text = "\(name): " + (quoted(after & ~before).map { "add \($0)" } + quoted(before & ~after).map { "remove \($0)" }).joined(separator: ", ")
        }
        // Answering at all is what counts when every answer would do.
        if change.from == nil, let answers = answerCount(change.question.index), change.equivalents.count + 1 == answers {
            return "\(name): \(unanswered) → any answer"
        }
        if !change.equivalents.isEmpty {
            text += change.equivalents.count == 1 ? " (or one other with the same effect)"
                : " (or one of \(change.equivalents.count) others with the same effect)"
        }
        return text
    }

    /// How many answers a question with options or a truth value has; `nil` for others.
    private func answerCount(_ question: Int) -> Int? {
        switch ruleBase.values[question].type {
        case .option(let type): ruleBase.optionTypes[type].options.count
        case .boolean: 2
        default: nil
        }
    }

    /// When `sets` are exactly the ways to add (or remove) `count` options of `among` to
    /// `before`, and there are several: those options and how many.
    static func choice(from before: UInt64, to sets: [UInt64]) -> (adding: Bool, count: Int, among: UInt64)? {
        guard sets.count > 1 else { return nil }
        let adding = sets.allSatisfy { $0 & before == before }
        guard adding || sets.allSatisfy({ $0 & ~before == 0 }) else { return nil }
        let moved = sets.map { $0 ^ before }
        let count = moved[0].nonzeroBitCount
        let among = moved.reduce(0, |)
        guard moved.allSatisfy({ $0.nonzeroBitCount == count }), Set(moved).count == sets.count else { return nil }
        // As many sets as ways to choose `count` of `among`.
        var ways = 1.0
        for step in 0..<count { ways = ways * Double(among.nonzeroBitCount - step) / Double(step + 1) }
        guard ways.rounded() == Double(sets.count) else { return nil }
        return (adding, count, among)
    }

    /// "changing 2 of 41 questions could change it (1 of them only to undecided)."
    func robustness(_ robustness: Robustness) -> String {
        var text = "changing \(robustness.questionsChanging) of \(TextLayout.count(robustness.questions, "question")) alone could change it"
        if robustness.questionsOnlyUnsettling > 0 {
            text += " (\(robustness.questionsOnlyUnsettling) of them only to undecided)"
        }
        if !robustness.complete { text += "; the time limit came before every question was tried" }
        return text + "."
    }

    /// "up to 1 change", "up to 3 changes".
    private func upTo(_ size: Int) -> String {
        size == 1 ? "1 change" : "up to \(size) changes"
    }

    /// A time limit in seconds: "1 s", "0.5 s".
    private func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        return "\(formatNumber(value)) s"
    }

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
            sizeCompleted: search.sizeCompleted, complete: search.isComplete, impossible: search.impossible,
            evaluations: search.evaluations, timeLimitSeconds: Double(search.timeLimit.components.seconds)
                + Double(search.timeLimit.components.attoseconds) * 1e-18,
            questions: search.questions.map { ruleBase.values[$0].name },
            robustness: search.robustness,
            counterfactuals: search.counterfactuals.map { set in
                JSONWhatIf.ChangeSet(
                    changes: set.changes.map { change in
                        JSONWhatIf.Change(question: ruleBase.values[change.question].name,
                                          from: ruleBase.reportValue(change.from),
                                          to: ruleBase.reportValue(change.to),
                                          equivalents: change.equivalents.map { ruleBase.reportValue($0) },
                                          text: describe(change, partial: whatIf.profile.partial))
                    },
                    result: ruleBase.reportValue(set.result), display: ruleBase.inWords(set.result), moves: set.moves)
            }))
    }
}

/// The JSON shape of `cxm whatif --format json` (schema version 2; see the README's migration
/// notes for what changed from 1). Field names are stable.
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
    /// The largest set size asked for; the largest for which every set was tried and failed
    /// ("no way with `sizeCompleted` changes"); whether the search finished before its time
    /// limit; whether it proved that no set of any size works.
    var maxChanges: Int
    var sizeCompleted: Int
    var complete: Bool
    var impossible: Bool
    /// Evaluations made (the same on every machine when `complete`), and the time allowed.
    var evaluations: Int
    var timeLimitSeconds: Double
    /// The questions the value depends on: the only ones changed.
    var questions: [String]
    /// How many of the `questions` questions could change the value if their answer alone
    /// changed (`questionsOnlyUnsettling` of them only to unknown).
    var robustness: Robustness
    /// The sets of the fewest changes, fewest moves first.
    var counterfactuals: [ChangeSet]

    struct ChangeSet: Encodable {
        var changes: [Change]
        /// What the value becomes, as rule files write it and in words.
        var result: Assessment.Value
        var display: String
        /// How far the answers move (scale positions, options added or removed, …).
        var moves: Int
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
