import CXMRules

extension Report {
    /// What the reports show about this profile, chosen by the rule files' `headline`,
    /// `show step N`, `chart` and `matrix` clauses.
    public var assessment: Assessment {
        let conclusions = self.conclusions
        let bySlot = Dictionary(uniqueKeysWithValues: conclusions.map { (ruleBase.slot(named: $0.info.name)!, $0) })
        let described = conclusions.map(describe)
        return Assessment(
            schemaVersion: Assessment.currentSchemaVersion,
            profile: profile.metadata,
            answered: profile.answers.filter { $0 != nil }.count,
            questionCount: ruleBase.questions.count,
            headline: zip(conclusions, described).filter { $0.0.info.headline }.map(\.1),
            matrix: conclusions.lazy.compactMap { conclusion in
                conclusion.info.matrix.map { self.matrix($0, of: conclusion, bySlot: bySlot) }
            }.first,
            steps: steps(conclusions, described),
            warnings: evaluation.warnings.map(recommendation),
            changes: tippingChanges.map { value, changes in
                let current = evaluation.values[ruleBase.slot(named: value.name)!].value
                return Assessment.Changes(value: value.name, label: value.label ?? value.name, current: self.value(current),
                                          currentDisplay: ruleBase.display(current), changes: changes.map(change))
            },
            missingAnswers: missingAnswersThatMatter,
            ignoredAnswers: ignoredAnswers.map(\.name),
            undecidedRules: undecidedRules.map { Assessment.Undecided(rule: $0.rule, missingAnswers: $0.missingAnswers) },
            conclusions: described,
            trace: evaluation.trace.isEmpty ? nil : evaluation.trace)
    }

    private func describe(_ conclusion: Conclusion) -> Assessment.Conclusion {
        Assessment.Conclusion(
            name: conclusion.info.name, label: conclusion.info.label ?? conclusion.info.name, help: conclusion.info.help,
            kind: conclusion.info.kind.rawValue, value: value(conclusion.outcome.value),
            display: display(conclusion.outcome), missingAnswers: conclusion.missingAnswers)
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

    private func steps(_ conclusions: [Conclusion], _ described: [Assessment.Conclusion]) -> [Assessment.Step] {
        let recommendations = evaluation.recommendations.map(recommendation)
        let charts = self.charts(conclusions)
        let numbers = Set(ruleBase.stepTitles.keys)
            .union(conclusions.compactMap(\.info.reportStep))
            .union(recommendations.compactMap(\.step))
        return numbers.sorted().compactMap { number in
            let step = Assessment.Step(
                number: number, title: ruleBase.stepTitles[number] ?? "Step \(number)",
                conclusions: zip(conclusions, described).filter { $0.0.info.reportStep == number && $0.0.info.chart == nil }.map(\.1),
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
    private func charts(_ conclusions: [Conclusion]) -> [(step: Int, chart: Assessment.Chart)] {
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
                low: chart.range.lowerBound, high: chart.range.upperBound, missingAnswers: conclusion.missingAnswers))
            if steps[chart.title] == nil, let step = conclusion.info.reportStep { steps[chart.title] = step }
        }
        let firstStep = ruleBase.stepTitles.keys.min() ?? 1
        return order.map { (steps[$0] ?? firstStep, Assessment.Chart(title: $0, bars: bars[$0]!)) }
    }

    private func matrix(_ matrix: MatrixInfo, of conclusion: Conclusion, bySlot: [Int: Conclusion]) -> Assessment.Matrix {
        func axis(_ slot: Int, split: Double) -> Assessment.Matrix.Axis {
            let info = ruleBase.values[slot]
            let range = info.range ?? split...split
            return .init(name: info.name, label: info.label ?? info.name, low: range.lowerBound, high: range.upperBound, split: split)
        }
        func number(_ slot: Int) -> Double? {
            if case .number(let n)? = evaluation.values[slot].value { return n }
            return nil
        }
        func position(_ outcome: Outcome) -> (String?, String?) {
            guard case .option(let type, let index)? = outcome.value else { return (nil, nil) }
            return (ruleBase.optionTypes[type].options[index], ruleBase.optionTypes[type].labels[index])
        }
        guard case .option(let type) = conclusion.info.type else { preconditionFailure("the checker allows matrices only on options") }
        let (option, label) = position(conclusion.outcome)
        let asIs = Assessment.Position(option: option, label: label, x: number(matrix.x), y: number(matrix.y),
                                       missingAnswers: conclusion.missingAnswers)
        let target = matrix.target.map { slot -> (Assessment.Position, String) in
            let outcome = evaluation.values[slot]
            let (option, label) = position(outcome)
            let info = ruleBase.values[slot]
            return (Assessment.Position(option: option, label: label, missingAnswers: names(outcome.missing)), info.label ?? info.name)
        }
        return Assessment.Matrix(
            name: conclusion.info.name, label: conclusion.info.label ?? conclusion.info.name,
            x: axis(matrix.x, split: matrix.xSplit), y: axis(matrix.y, split: matrix.ySplit),
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
            display: "\(question): \(ruleBase.display(change.from)) → \(ruleBase.display(change.to)) gives \(ruleBase.display(change.result))")
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
