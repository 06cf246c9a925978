import CXMRules

/// The questions of a rule base in the order a questionnaire presents them: by playbook step,
/// then by section, then in declaration order. The printable form and the guided interview
/// share it, so that both ask in the same order under the same headings.
public struct Questionnaire: Sendable {
    /// The rule base whose questions these are.
    public let ruleBase: RuleBase
    /// The questions' slots: by step, then by section (in the order sections first appear),
    /// then in declaration order.
    public let order: [SlotID]

    /// The questionnaire of `ruleBase`.
    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
        var sectionRank: [String: Int] = [:]
        func key(_ question: ValueInfo) -> String { "\(question.question?.step ?? 0)/\(question.question?.section ?? "")" }
        for question in ruleBase.questions where sectionRank[key(question)] == nil {
            sectionRank[key(question)] = sectionRank.count
        }
        order = ruleBase.questions.indices.sorted { a, b in
            let x = ruleBase.values[a], y = ruleBase.values[b]
            return (x.question?.step ?? 0, sectionRank[key(x)]!, a) < (y.question?.step ?? 0, sectionRank[key(y)]!, b)
        }.map(SlotID.init)
    }

    /// The headings to show before `question` when `previous` was shown just before it (`nil`
    /// at the start): the step when it changes, and the section when it or the step changes
    /// (never an empty section).
    public static func headings(before question: QuestionInfo, after previous: QuestionInfo?) -> (step: Int?, section: String?) {
        let newStep = previous?.step != question.step
        let newSection = (newStep || previous?.section != question.section) && !question.section.isEmpty
        return (newStep ? question.step : nil, newSection ? question.section : nil)
    }
}
