import CXMRules

extension Report {
    /// What the reports show about this profile, chosen by the rule files' `headline`,
    /// `show step N`, `chart`, `matrix` and ranked recommendations. Values are shown as
    /// ``Report/conclusions`` gives them: where missing answers leave a value open, with the
    /// values it can still take. Runs the possible values and, for each value marked `watch`, a
    /// what-if search: make it once and keep it.
    public func assessment() -> Assessment {
        let (possible, outcomes, conclusions, described) = settled()
        let summary = self.summary(conclusions, outcomes: outcomes, possible: possible)
        let advice = ruleBase.advice(in: evaluation, outcomes: outcomes, possible: possible)
        let count = answeredCount
        var assessment = Assessment(
            schemaVersion: Assessment.currentSchemaVersion,
            profile: profile.metadata,
            date: profile.metadata["date"],
            answered: count.answered,
            questionCount: count.applicable,
            summary: summary,
            firstActions: Array(ruleBase.firstActions(in: evaluation, outcomes: outcomes, possible: possible).prefix(Assessment.firstActionLimit)),
            questions: [:],
            headline: zip(conclusions, described).filter { $0.0.info.headline }.map(\.1),
            matrix: matrix(conclusions, described),
            steps: steps(conclusions, described, summary: summary, advice: advice.recommendations),
            warnings: advice.warnings.map(recommendation),
            changes: tippingChanges().map { value, changes in
                let current = outcomes[ruleBase.slot(named: value.name)!.index].value
                return Assessment.Changes(value: value.name, label: value.label ?? value.name, current: self.value(current),
                                          currentDisplay: ruleBase.display(current), changes: changes.map(change))
            },
            missingAnswers: missingAnswersThatMatter,
            ignoredAnswers: ignoredAnswers.map(\.name),
            formerAnswers: profile.renamed.isEmpty ? nil : profile.renamed.map {
                Assessment.FormerAnswer(question: $0.question, savedKey: $0.savedKey, savedValues: $0.savedValues,
                                        readValues: $0.readValues, display: ruleBase.readAs($0))
            },
            rulesVersion: ruleBase.version,
            undecidedRules: undecidedRules.map { Assessment.Undecided(rule: $0.rule, missingAnswers: $0.missingAnswers) },
            conclusions: described,
            trace: evaluation.trace.isEmpty ? nil : evaluation.trace)
        assessment.questions = shortLabels(named: assessment)
        return assessment
    }

    /// The matrix alone, as ``assessment()`` gives it: where the profile stands and where to aim
    /// (without the search for what would change it that a whole assessment makes).
    func matrixAlone() -> Assessment.Matrix? {
        let (_, _, conclusions, described) = settled()
        return matrix(conclusions, described)
    }

    /// How many of the questions that apply (whose `when` is not false) were answered, and how
    /// many apply.
    var answeredCount: (answered: Int, applicable: Int) {
        let applicable = ruleBase.questions.indices.filter { !evaluation.notApplicable.contains(SlotID($0)) }
        return (applicable.filter { profile.answers[$0] != nil || profile.partial[$0] != nil }.count, applicable.count)
    }

    /// The possible values, the outcomes as reports show them, the conclusions and each in words.
    private func settled() -> (Possibilities, [Outcome], [Conclusion], [Assessment.Conclusion]) {
        let possible = possibleValues()
        let outcomes = possible.settle(evaluation)
        let conclusions = self.conclusions(outcomes)
        return (possible, outcomes, conclusions, conclusions.map { describe($0, possible: possible) })
    }

    /// The matrix of the value marked `matrix`, if any.
    private func matrix(_ conclusions: [Conclusion], _ described: [Assessment.Conclusion]) -> Assessment.Matrix? {
        guard let conclusion = conclusions.first(where: { $0.info.matrix != nil }) else { return nil }
        let bySlot = Dictionary(uniqueKeysWithValues: conclusions.map { (ruleBase.slot(named: $0.info.name)!.index, $0) })
        let describedBySlot = Dictionary(uniqueKeysWithValues: described.map { (ruleBase.slot(named: $0.name)!.index, $0) })
        return matrix(conclusion.info.matrix!, of: conclusion, bySlot: bySlot, described: describedBySlot)
    }

    /// The short labels of every question the assessment names.
    private func shortLabels(named assessment: Assessment) -> [String: String] {
        var ids = Set(assessment.missingAnswers + assessment.ignoredAnswers + (assessment.formerAnswers ?? []).map(\.question))
        for conclusion in assessment.conclusions { ids.formUnion(conclusion.missingAnswers) }
        for item in assessment.warnings + assessment.steps.flatMap(\.recommendations) { ids.formUnion(item.missingAnswers) }
        for action in assessment.firstActions { ids.formUnion(action.missingAnswers) }
        for changes in assessment.changes { ids.formUnion(changes.changes.map(\.question)) }
        var labels: [String: String] = [:]
        for id in ids { labels[id] = ruleBase.value(named: id)?.question?.short ?? id }
        return labels
    }

    /// The summary: each headline value in its sentence, unless another's sentence names it;
    /// a value without a sentence as "label: value".
    private func summary(_ conclusions: [Conclusion], outcomes: [Outcome], possible: Possibilities) -> [Assessment.Sentence] {
        // Where the firm stands and where to aim come first: the value drawn in the matrix and
        // its target, then the others in declaration order.
        let matrixValue = conclusions.first { $0.info.matrix != nil }
        let lead = matrixValue.map { [ruleBase.slot(named: $0.info.name)!, $0.info.matrix!.target].compactMap { $0 } } ?? []
        let headline = conclusions.filter(\.info.headline).map { ruleBase.slot(named: $0.info.name)! }
            .sorted { (lead.firstIndex(of: $0) ?? lead.count) < (lead.firstIndex(of: $1) ?? lead.count) }
        let sentences = Dictionary(uniqueKeysWithValues: headline.compactMap { slot in
            ruleBase.summarySentence(of: slot, outcomes: outcomes, possible: possible).map { (slot, $0) }
        })
        // A value another sentence says is not said again.
        let namedElsewhere = Set(sentences.keys.flatMap { slot in ruleBase.valuesNamed(inSummaryOf: slot).filter { $0 != slot } })
        return headline.filter { !namedElsewhere.contains($0) }.map { slot in
            let info = ruleBase.values[slot]
            let values = [slot] + (sentences[slot] == nil ? [] : ruleBase.valuesNamed(inSummaryOf: slot).filter { $0 != slot })
            var missing = QuestionSet()
            for named in values { missing.formUnion(outcomes[named].missing) }
            let text = sentences[slot] ?? "\(info.label ?? info.name): \(ruleBase.valueInWords(outcomes[slot], possible.values[slot], of: slot))."
            return Assessment.Sentence(value: info.name, values: values.map { ruleBase.values[$0].name }, text: text,
                                       missingAnswers: names(missing))
        }
    }

    private func describe(_ conclusion: Conclusion, possible: Possibilities) -> Assessment.Conclusion {
        let slot = ruleBase.slot(named: conclusion.info.name)!.index
        let open = conclusion.outcome.value == nil || !conclusion.missingAnswers.isEmpty
        return Assessment.Conclusion(
            name: conclusion.info.name, label: conclusion.info.label ?? conclusion.info.name, help: conclusion.info.help,
            kind: conclusion.info.kind.rawValue, value: value(conclusion.outcome.value),
            display: conclusion.outcome.value == nil && possible.values[slot].known != nil
                ? ruleBase.describe(possible.values[slot], of: SlotID(slot)) : display(conclusion.outcome),
            missingAnswers: conclusion.missingAnswers,
            candidates: open ? candidates(possible.values[slot], of: slot) : nil)
    }

    /// What a value can still be, as the JSON report gives it.
    private func candidates(_ possible: PossibleValue, of slot: Int) -> Assessment.Candidates {
        var candidates = Assessment.Candidates(orUnknown: possible.canBeUnknown, display: ruleBase.describe(possible, of: SlotID(slot)))
        func ids(_ type: OptionTypeID, _ mask: UInt64) -> [String] {
            ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { ruleBase.optionTypes[type].options[$0] }
        }
        switch possible.known {
        case .booleans(let f, let t)?: candidates.values = (f ? [.boolean(false)] : []) + (t ? [.boolean(true)] : [])
        case .options(let type, let mask)?: candidates.values = ids(type, mask).map(Assessment.Value.word)
        case .numbers(let low, let high)?:
            candidates.low = low.isFinite ? low : nil
            candidates.high = high.isFinite ? high : nil
        case .sets(let type, let surely, let perhaps)?, .lists(let type, _, let surely, let perhaps)?:
            candidates.surely = ids(type, surely)
            candidates.perhaps = ids(type, perhaps & ~surely)
        case .text(let text?)?: candidates.values = [.word(text)]
        case .text(nil)?, .anything?, nil: break
        }
        return candidates
    }

    /// A value in words; an empty set that missing answers could still fill is "none so far";
    /// a number that could not be computed says so.
    private func display(_ outcome: Outcome) -> String {
        switch outcome.value {
        case .set(_, 0)?, .list(_, [])?:
            return outcome.missing.isEmpty ? ruleBase.display(outcome.value) : "none so far"
        case nil where outcome.missing.overflows:
            return ruleBase.unknownBecauseOfOverflow
        default:
            return ruleBase.display(outcome.value)
        }
    }

    func value(_ value: Value?) -> Assessment.Value {
        ruleBase.reportValue(value)
    }

    private func steps(_ conclusions: [Conclusion], _ described: [Assessment.Conclusion], summary: [Assessment.Sentence],
                       advice: [Advice]) -> [Assessment.Step] {
        let recommendations = advice.map(recommendation)
        let charts = self.charts(conclusions, described: Dictionary(uniqueKeysWithValues: described.map { ($0.name, $0) }))
        // What the summary says is not said again in the steps.
        let inSummary = Set(summary.flatMap(\.values))
        let numbers = Set(ruleBase.stepTitles.keys)
            .union(conclusions.compactMap(\.info.reportStep))
            .union(recommendations.compactMap(\.step))
        return numbers.sorted().compactMap { number in
            let step = Assessment.Step(
                number: number, title: ruleBase.stepTitles[number] ?? "Step \(number)",
                conclusions: zip(conclusions, described).filter {
                    $0.0.info.reportStep == number && $0.0.info.chart == nil && !inSummary.contains($0.0.info.name)
                }.map(\.1),
                charts: charts.filter { $0.step == number }.map(\.chart),
                recommendations: recommendations.enumerated()
                    .filter { $0.element.step == number }
                    .sorted { (rank($0.element.priority), $0.offset) < (rank($1.element.priority), $1.offset) }
                    .map(\.element))
            return step.conclusions.isEmpty && step.charts.isEmpty && step.recommendations.isEmpty ? nil : step
        }
    }

    private func rank(_ priority: Priority?) -> Int {
        priority.flatMap { Priority.allCases.firstIndex(of: $0) } ?? Priority.allCases.count
    }

    /// The charts, each in the step of the first of its bars that has `show step N` (or the first
    /// step, when none has).
    private func charts(_ conclusions: [Conclusion], described: [String: Assessment.Conclusion]) -> [(step: Int, chart: Assessment.Chart)] {
        var order: [String] = []
        var bars: [String: [Assessment.Chart.Bar]] = [:]
        var steps: [String: Int] = [:]
        for conclusion in conclusions {
            guard let chart = conclusion.info.chart else { continue }
            if bars[chart.title] == nil { order.append(chart.title) }
            var number: Double?
            if case .number(let n)? = conclusion.outcome.value { number = n }
            bars[chart.title, default: []].append(Assessment.Chart.Bar(
                name: conclusion.info.name, label: conclusion.info.label ?? conclusion.info.name, value: number,
                low: chart.range.lowerBound, high: chart.range.upperBound,
                display: described[conclusion.info.name]?.display ?? "unknown", missingAnswers: conclusion.missingAnswers))
            if steps[chart.title] == nil, let step = conclusion.info.reportStep { steps[chart.title] = step }
        }
        let firstStep = ruleBase.stepTitles.keys.min() ?? 1
        return order.map { (steps[$0] ?? firstStep, Assessment.Chart(title: $0, bars: bars[$0]!)) }
    }

    private func matrix(_ matrix: MatrixInfo, of conclusion: Conclusion, bySlot: [Int: Conclusion],
                        described: [Int: Assessment.Conclusion]) -> Assessment.Matrix {
        func axis(_ slot: Int, split: Double) -> Assessment.Matrix.Axis {
            let info = ruleBase.values[slot]
            let range = info.range ?? split...split
            return .init(name: info.name, label: info.label ?? info.name, low: range.lowerBound, high: range.upperBound, split: split)
        }
        func number(_ slot: Int) -> Double? {
            if case .number(let n)? = bySlot[slot]?.outcome.value { return n }
            return nil
        }
        func position(_ outcome: Outcome) -> (String?, String?) {
            guard case .option(let type, let index)? = outcome.value else { return (nil, nil) }
            return (ruleBase.optionTypes[type].options[index], ruleBase.optionTypes[type].labels[index])
        }
        guard case .option(let type) = conclusion.info.type else { preconditionFailure("the checker allows matrices only on options") }
        func candidates(_ slot: Int) -> [String]? {
            guard let described = described[slot], described.candidates != nil, described.display != RuleBase.notKnownYet else { return nil }
            return described.candidates?.values?.compactMap { if case .word(let id) = $0 { return id } else { return nil } }
        }
        let (option, label) = position(conclusion.outcome)
        let slot = ruleBase.slot(named: conclusion.info.name)!.index
        let asIs = Assessment.Position(option: option, label: label, x: number(matrix.x.index), y: number(matrix.y.index),
                                       display: described[slot]?.display ?? "unknown", missingAnswers: conclusion.missingAnswers,
                                       candidates: candidates(slot))
        let target = matrix.target.map(\.index).map { slot -> (Assessment.Position, String) in
            let outcome = bySlot[slot]?.outcome ?? evaluation.values[slot]
            let (option, label) = position(outcome)
            let info = ruleBase.values[slot]
            return (Assessment.Position(option: option, label: label, display: described[slot]?.display ?? "unknown",
                                        missingAnswers: names(outcome.missing), candidates: candidates(slot)), info.label ?? info.name)
        }
        return Assessment.Matrix(
            name: conclusion.info.name, label: conclusion.info.label ?? conclusion.info.name,
            x: axis(matrix.x.index, split: matrix.xSplit), y: axis(matrix.y.index, split: matrix.ySplit),
            quadrants: matrix.quadrants.map { .init(option: ruleBase.optionTypes[type].options[$0], label: ruleBase.optionTypes[type].labels[$0]) },
            asIs: asIs, toBe: target?.0, toBeLabel: target?.1)
    }

    private func recommendation(_ advice: Advice) -> Assessment.Recommendation {
        Assessment.Recommendation(
            rule: advice.rule, step: advice.step, priority: advice.priority, text: advice.text, because: advice.because,
            citations: advice.citations.map { .init(source: $0.source, locator: $0.locator, reference: ruleBase.reference(for: $0)) },
            missingAnswers: advice.missingAnswers)
    }

    private func change(_ change: AnswerChange) -> Assessment.Changes.Change {
        let question = ruleBase.values[change.question].name
        return Assessment.Changes.Change(
            question: question, from: value(change.from), to: value(change.to), result: value(change.result),
            display: "\(ruleBase.values[change.question].question?.short ?? question): \(ruleBase.inWords(change.from, of: change.question)) → "
                + "\(ruleBase.display(change.to)) gives \(ruleBase.display(change.result))")
    }
}

extension RuleBase {
    /// A value as JSON reports show it: options by their ids, unknown as `null`.
    public func reportValue(_ value: Value?) -> Assessment.Value {
        switch value {
        case nil: return .unknown
        case .boolean(let flag)?: return .boolean(flag)
        case .number(let number)?: return .number(number)
        case .text(let text)?: return .word(text)
        case .option(let type, let position)?: return .word(optionTypes[type].options[position])
        case .set(let type, let mask)?:
            let options = optionTypes[type].options
            return .words(options.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { options[$0] })
        case .list(let type, let positions)?:
            return .words(positions.map { optionTypes[type].options[$0] })
        }
    }

    /// A citation as a reader looks it up: the source's short form and the locator, such as
    /// "Wirtz et al. (2025), §4.3".
    public func reference(for citation: CitationInfo) -> String {
        let reference = sources.first { $0.id == citation.source }?.short ?? citation.source
        return citation.locator.isEmpty ? reference : "\(reference), \(citation.locator)"
    }
}
