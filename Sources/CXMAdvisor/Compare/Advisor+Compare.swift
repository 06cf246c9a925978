import CXMRules

extension Advisor {
    /// Compares an earlier and a later profile of one firm, both assessed under this advisor's
    /// rules: the way on the matrix, the answers and conclusions that changed (each conclusion
    /// with the changed answers it is computed from), and the recommendations and warnings new
    /// and no longer applying.
    ///
    /// ```swift
    /// let comparison = advisor.compare(lastYear, thisYear)
    /// if comparison.unchanged { print("No change") }
    /// for change in comparison.conclusions { print("\(change.label): \(change.fromDisplay) → \(change.toDisplay)") }
    /// ```
    public func compare(_ before: Profile, _ after: Profile) -> Comparison {
        let reports = (assess(before), assess(after))
        let assessments = (reports.0.assessment(), reports.1.assessment())
        let answers = ruleBase.questions.indices.filter { !Value.same(before.answers[$0], after.answers[$0]) }
        let changed = Set(answers)
        let graph = ruleBase.dependencies()
        let shown = Self.shownValues(assessments.1).union(Self.shownValues(assessments.0))
        let conclusions = zip(assessments.0.conclusions, assessments.1.conclusions).compactMap { old, new -> Comparison.ConclusionChange? in
            guard Self.differ(old, new), let slot = ruleBase.slot(named: new.name) else { return nil }
            return Comparison.ConclusionChange(
                name: new.name, label: new.label, from: old.value, to: new.value, fromDisplay: old.display, toDisplay: new.display,
                shown: shown.contains(new.name),
                because: graph.questions(affecting: slot).filter { changed.contains($0.index) }.map { ruleBase.values[$0].name })
        }
        let recommendations = (Self.recommendations(assessments.0), Self.recommendations(assessments.1))
        let earlierRules = Set(recommendations.0.map(\.rule))
        var comparison = Comparison(
            schemaVersion: Comparison.currentSchemaVersion,
            profile: after.metadata.filter { ["id", "name", "segment"].contains($0.key) },
            before: moment(assessments.0), after: moment(assessments.1),
            unchanged: answers.isEmpty,
            matrix: assessments.1.matrix,
            firstActions: assessments.1.firstActions.map { Comparison.FirstAction(action: $0, new: !earlierRules.contains($0.rule)) },
            answers: answers.map { answerChange(before.answers[$0], after.answers[$0], question: $0) },
            conclusions: conclusions,
            recommendations: Self.changes(recommendations.0, recommendations.1),
            warnings: Self.changes(assessments.0.warnings, assessments.1.warnings),
            questions: [:])
        for id in comparison.answers.map(\.question) {
            comparison.questions[id] = ruleBase.value(named: id)?.question?.short ?? id
        }
        return comparison
    }

    private func answerChange(_ before: Value?, _ after: Value?, question: Int) -> Comparison.AnswerChange {
        var change = Comparison.AnswerChange(
            question: ruleBase.values[question].name, from: ruleBase.reportValue(before), to: ruleBase.reportValue(after),
            fromDisplay: ruleBase.inWords(before, of: SlotID(question)), toDisplay: ruleBase.inWords(after, of: SlotID(question)))
        if case .set(let type, let old)? = before, case .set(_, let new)? = after {
            let labels = ruleBase.optionTypes[type].labels
            change.added = labels.indices.filter { new & ~old & (1 << UInt64($0)) != 0 }.map { labels[$0] }
            change.removed = labels.indices.filter { old & ~new & (1 << UInt64($0)) != 0 }.map { labels[$0] }
        }
        return change
    }

    private func moment(_ assessment: Assessment) -> Comparison.Moment {
        Comparison.Moment(date: assessment.date, answered: assessment.answered, questionCount: assessment.questionCount,
                          position: assessment.matrix?.asIs, target: assessment.matrix?.toBe, summary: assessment.summary)
    }

    /// The names of the values a report shows: in the summary, the matrix, the steps' key
    /// conclusions and charts.
    private static func shownValues(_ assessment: Assessment) -> Set<String> {
        var names = Set(assessment.summary.flatMap(\.values) + assessment.headline.map(\.name))
        if let matrix = assessment.matrix { names.formUnion([matrix.name, matrix.x.name, matrix.y.name]) }
        for step in assessment.steps {
            names.formUnion(step.conclusions.map(\.name))
            names.formUnion(step.charts.flatMap(\.bars).map(\.name))
        }
        return names
    }

    /// Whether a conclusion differs: its value, or, where it is unknown in both, what it can
    /// still be.
    private static func differ(_ old: Assessment.Conclusion, _ new: Assessment.Conclusion) -> Bool {
        switch (old.value, new.value) {
        case (.number(let x), .number(let y)): return !Value.same(.number(x), .number(y))
        case (.unknown, .unknown): return old.display != new.display
        default: return old.value != new.value
        }
    }

    /// Every recommendation of an assessment, step by step.
    private static func recommendations(_ assessment: Assessment) -> [Assessment.Recommendation] {
        assessment.steps.flatMap(\.recommendations)
    }

    /// The advice of the later assessment that the earlier did not have, and the other way
    /// round, told apart by rule.
    private static func changes(_ before: [Assessment.Recommendation], _ after: [Assessment.Recommendation]) -> Comparison.AdviceChanges {
        let (old, new) = (Set(before.map(\.rule)), Set(after.map(\.rule)))
        return Comparison.AdviceChanges(new: after.filter { !old.contains($0.rule) }, dropped: before.filter { !new.contains($0.rule) })
    }
}
