import CXMRules

extension Advisor {
    /// What a name people type stands for: a value (question, derived value, table or output)
    /// or a rule, by name, ignoring case, or by a value's label. Exact names come first.
    public func subject(matching text: String) -> Explanation.Subject? {
        if let slot = ruleBase.slot(named: text) { return .value(slot) }
        if let rule = ruleBase.rules.firstIndex(where: { $0.name == text }) { return .rule(RuleID(rule)) }
        if let slot = ruleBase.slot(matching: text) { return .value(slot) }
        return ruleBase.rule(matching: text).map { .rule($0) }
    }

    /// Every name ``subject(matching:)`` knows, for ``didYouMean(_:among:)``.
    public var subjectNames: [String] {
        ruleBase.values.map(\.name) + ruleBase.rules.map(\.name)
    }

    /// Explains a subject for a profile; with `trace`, adds the engine trace of the tables and
    /// rules involved. `nil` when the subject is not in this rule base (see
    /// ``Explanation/Subject`` for where its slots and rule indices come from).
    public func explain(_ profile: Profile, _ subject: Explanation.Subject, trace: Bool = false) -> Explanation? {
        switch subject {
        case .overview: break
        case .value(let slot): guard ruleBase.values.indices.contains(slot.index) else { return nil }
        case .rule(let rule): guard ruleBase.rules.indices.contains(rule.index) else { return nil }
        }
        return Explainer(ruleBase: ruleBase, profile: profile, watched: watchedValues.map(\.index)).explain(subject, trace: trace)
    }
}

/// Builds explanations for one profile.
struct Explainer {
    /// The largest tree of inputs shown: how deep, and how many values.
    static let maxDepth = 6
    static let maxNodes = 60

    let ruleBase: RuleBase
    let profile: Profile
    let watched: [Int]
    let evaluation: Evaluation
    let graph: Dependencies

    init(ruleBase: RuleBase, profile: Profile, watched: [Int]) {
        self.ruleBase = ruleBase
        self.profile = profile
        self.watched = watched
        evaluation = ruleBase.evaluate(profile.answers, spreads: profile.spreads, partial: profile.partial, trace: true)
        graph = ruleBase.dependencies()
    }

    func explain(_ subject: Explanation.Subject, trace: Bool) -> Explanation {
        var kind = Explanation.Kind.overview
        var values: [ValueExplanation] = []
        var rule: RuleExplanation?
        var question: QuestionExplanation?
        var askAbout: AskAbout?
        // The tables and rules whose trace entries belong to the explanation.
        var involved: Set<String> = []
        switch subject {
        case .overview:
            values = watched.map { explainValue($0, involved: &involved) }
            askAbout = suggestions()
        case .value(let slot) where slot.index < ruleBase.questions.count:
            kind = .question
            question = explainQuestion(slot.index, involved: &involved)
        case .value(let slot):
            kind = .value
            values = [explainValue(slot.index, involved: &involved)]
        case .rule(let id):
            kind = .rule
            rule = explainRule(id)
            involved.insert(ruleBase.rules[id].name)
        }
        return Explanation(
            schemaVersion: ExplanationRenderer.schemaVersion, kind: kind, profile: profile.metadata, values: values, rule: rule,
            question: question, askAbout: askAbout, trace: trace ? evaluation.trace.filter { involved.contains($0.name) } : nil)
    }

    // MARK: Values

    func explainValue(_ slot: Int, involved: inout Set<String>) -> ValueExplanation {
        let info = ruleBase.values[slot]
        let outcome = evaluation.values[slot]
        var rows: [RowCheck] = []
        var policy: HitPolicy?
        if let table = ruleBase.tables.first(where: { $0.name == info.name }) {
            policy = table.policy
            rows = decidingRows(ruleBase.rows(ofTable: SlotID(slot), in: evaluation), policy: table.policy, value: outcome.value)
        }
        let setters = graph.rules(setting: SlotID(slot))
        let applying = setters.filter { evaluation.ruleVerdicts[$0.index].fired != false }
        var nodeCount = 0
        var truncated = false
        var seen: Set<Int> = [slot]
        let inputSlots = unique((applying.isEmpty ? graph.inputs(of: SlotID(slot)) : applying.flatMap(graph.inputs(ofRule:))).map(\.index))
        let inputs = inputSlots.map { tree($0, depth: 1, seen: &seen, count: &nodeCount, truncated: &truncated) }
        for node in seen where ruleBase.values[node].kind == .table { involved.insert(ruleBase.values[node].name) }
        for node in seen { for setter in graph.rules(setting: SlotID(node)) { involved.insert(ruleBase.rules[setter].name) } }
        let answered = graph.questions(affecting: SlotID(slot)).map(\.index).filter { profile.answers[$0] != nil }
        return ValueExplanation(
            name: info.name, label: info.label, help: info.help, kind: info.kind,
            value: ruleBase.reportValue(outcome.value),
            display: outcome.value == nil && outcome.missing.overflows ? ruleBase.unknownBecauseOfOverflow : ruleBase.inWords(outcome.value),
            hitPolicy: policy, rows: rows, rules: applying.map(explainRule), rulesNotFired: setters.count - applying.count,
            inputs: inputs, inputsTruncated: truncated, answers: answered.map(answer),
            missingAnswers: outcome.missing.members.map(\.index).map(answer), citations: info.citations.map(citation))
    }

    /// The rows that decided a table's value: for one value, the row that gave it; for
    /// several (`collect`, `rule order`), every row that matched; for an unknown value, the
    /// rows that still could match.
    func decidingRows(_ rows: [RowCheck], policy: HitPolicy, value: Value?) -> [RowCheck] {
        guard value != nil else { return rows.filter { $0.verdict != .no } }
        switch policy {
        case .collect, .ruleOrder: return rows.filter { $0.verdict == .yes }
        default: return Array(rows.filter { $0.verdict == .yes && $0.output == ruleBase.inWords(value) }.prefix(1))
        }
    }

    /// A value and, the first time it appears, what it is computed from.
    func tree(_ slot: Int, depth: Int, seen: inout Set<Int>, count: inout Int, truncated: inout Bool) -> ValueNode {
        let info = ruleBase.values[slot]
        let outcome = evaluation.values[slot]
        let value = ruleBase.reportValue(outcome.value)
        let display = profile.partial[slot].map { ruleBase.display($0) } ?? ruleBase.inWords(outcome.value, of: SlotID(slot))
        count += 1
        // Questions have no inputs to repeat: they are shown wherever they are used.
        guard seen.insert(slot).inserted || info.kind == .question else {
            return ValueNode(name: info.name, label: info.label, kind: info.kind, value: value, display: display, repeated: true, inputs: [])
        }
        var inputs: [ValueNode] = []
        if info.kind != .question {
            let slots = graph.inputs(of: SlotID(slot)).map(\.index)
            if depth >= Self.maxDepth || count + slots.count > Self.maxNodes {
                truncated = truncated || !slots.isEmpty
            } else {
                inputs = slots.map { tree($0, depth: depth + 1, seen: &seen, count: &count, truncated: &truncated) }
            }
        }
        return ValueNode(name: info.name, label: info.kind == .question ? nil : info.label, kind: info.kind,
                         value: value, display: display, repeated: false, inputs: inputs)
    }

    // MARK: Rules

    func explainRule(_ rule: RuleID) -> RuleExplanation {
        let index = rule.index
        let verdict = evaluation.ruleVerdicts[index]
        let advice = ruleBase.advice(ofRule: rule, in: evaluation)
        let outputs = ruleBase.values.indices.filter { graph.rules(setting: SlotID($0)).contains(rule) }
        return RuleExplanation(
            name: ruleBase.rules[index].name, verdict: Verdict(verdict.fired),
            recommendations: advice.compactMap { advice in
                guard let step = advice.step, let priority = advice.priority else { return nil }
                return RuleExplanation.Recommendation(step: step, priority: priority, text: advice.text)
            },
            warnings: advice.filter { $0.step == nil }.map(\.text),
            because: verdict.fired == true ? ruleBase.because(ofRule: rule, in: evaluation) : nil,
            reasons: ruleBase.reasons(forRule: rule, in: evaluation),
            missingAnswers: verdict.missing.members.map(\.index).map(answer),
            sets: outputs.map(reference), citations: ruleBase.rules[index].citations.map(citation))
    }

    // MARK: Questions

    func explainQuestion(_ slot: Int, involved: inout Set<String>) -> QuestionExplanation {
        let info = ruleBase.values[slot]
        let (dependents, rules) = graph.dependents(of: SlotID(slot))
        let values = dependents.map(\.index)
        for rule in rules { involved.insert(ruleBase.rules[rule].name) }
        for value in values where ruleBase.values[value].kind == .table { involved.insert(ruleBase.values[value].name) }
        return QuestionExplanation(
            name: info.name, text: info.question?.text ?? info.name, value: ruleBase.reportValue(profile.answers[slot]),
            display: answerInWords(slot), applies: !evaluation.notApplicable.contains(SlotID(slot)),
            help: info.question?.help, step: info.question?.step ?? 1,
            section: info.question?.section ?? "", condition: info.question?.condition,
            usedBy: values.map(reference) + rules.map {
                ValueReference(name: ruleBase.rules[$0].name, label: nil, kind: "rule", value: nil, display: nil)
            },
            affects: watched.filter { graph.questions(affecting: SlotID($0)).contains(SlotID(slot)) }.map(reference),
            citations: info.citations.map(citation))
    }

    // MARK: Parts

    func answer(_ slot: Int) -> AnswerExplanation {
        let info = ruleBase.values[slot]
        return AnswerExplanation(question: info.name, text: info.question?.text ?? info.name,
                                 value: ruleBase.reportValue(profile.answers[slot]), display: answerInWords(slot),
                                 applies: !evaluation.notApplicable.contains(SlotID(slot)))
    }

    /// The answer to the question in `slot` in words: a partial answer as one ("Sales, and
    /// perhaps others"), a missing one as "not answered".
    func answerInWords(_ slot: Int) -> String {
        profile.partial[slot].map { ruleBase.display($0) } ?? ruleBase.inWords(profile.answers[slot], of: SlotID(slot))
    }

    func reference(_ slot: Int) -> ValueReference {
        let info = ruleBase.values[slot]
        let value = evaluation.values[slot].value
        return ValueReference(name: info.name, label: info.kind == .question ? nil : info.label, kind: info.kind.rawValue,
                              value: ruleBase.reportValue(value), display: ruleBase.inWords(value))
    }

    func citation(_ citation: CitationInfo) -> CitationExplanation {
        CitationExplanation(source: citation.source, locator: citation.locator,
                            reference: ruleBase.reference(for: citation))
    }

    /// What to ask about next: the values the watched ones are computed from and the outputs,
    /// the rules that fired, and the missing answers that matter.
    func suggestions() -> AskAbout {
        // Without watched values, the tables and outputs: the conclusions rules usually lead to.
        let ends = ruleBase.values.indices.filter { ruleBase.values[$0].kind == .output || (watched.isEmpty && ruleBase.values[$0].kind == .table) }
        let values = unique(watched.flatMap { graph.inputs(of: SlotID($0)).map(\.index) } + ends).filter { ruleBase.values[$0].kind != .question && !watched.contains($0) }
        let report = Report(ruleBase: ruleBase, profile: profile, evaluation: evaluation)
        return AskAbout(values: values.map { ruleBase.values[$0].name },
                        rules: ruleBase.rules.indices.filter { evaluation.ruleVerdicts[$0].fired == true }.map { ruleBase.rules[$0].name },
                        questions: report.missingAnswersThatMatter)
    }

    func unique(_ slots: [Int]) -> [Int] {
        var seen = Set<Int>()
        return slots.filter { seen.insert($0).inserted }
    }
}
