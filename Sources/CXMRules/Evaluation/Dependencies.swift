/// What each value and rule of a rule base reads, taken from the compiled evaluation plan: the
/// graph that explanations walk down to the answers, and that counterfactual searches restrict
/// themselves to.
///
/// ```swift
/// let graph = ruleBase.dependencies()
/// let slot = ruleBase.slot(named: "score")!
/// graph.inputs(of: slot)             // the values `score` is computed from
/// graph.questions(affecting: slot)   // every question whose answer can change it
/// ```
public struct Dependencies: Sendable {
    /// Per slot: the slots it reads directly, without repeats, in the order they are read.
    /// Outputs read nothing themselves; the rules that set them do.
    private let valueInputs: [[Int]]
    /// Per rule: the slots its condition and its `set` values read.
    private let ruleInputs: [[Int]]
    /// Per slot: the rules that set it (outputs only), in source order.
    private let setters: [[RuleID]]
    /// The plan, to cut down to the steps one value needs.
    private let plan: [PlanStep]
    /// The slot of each compiled table, by table position in the plan.
    private let tableSlots: [Int]
    private let questionCount: Int

    init(_ ruleBase: RuleBase) {
        var valueInputs = Array(repeating: [Int](), count: ruleBase.values.count)
        var ruleInputs = Array(repeating: [Int](), count: ruleBase.compiledRules.count)
        var setters = Array(repeating: [RuleID](), count: ruleBase.values.count)
        func slots(_ codes: [Code]) -> [Int] {
            var all: [Int] = []
            for code in codes { code.collectSlots(into: &all) }
            var seen = Set<Int>()
            return all.filter { seen.insert($0).inserted }
        }
        for step in ruleBase.plan {
            switch step {
            case .question(let slot, let relevance):
                valueInputs[slot.index] = slots(relevance.map { [$0] } ?? [])
            case .derive(let slot, let code):
                valueInputs[slot.index] = slots([code])
            case .table(let id):
                let table = ruleBase.compiledTables[id.index]
                valueInputs[table.slot] = slots(table.columns + table.rows.map(\.output))
            case .rule(let id):
                let rule = ruleBase.compiledRules[id.index]
                ruleInputs[id.index] = slots((rule.condition.map { [$0] } ?? []) + rule.assignments.map(\.value))
            case .output(let slot, let rules):
                setters[slot.index] = rules
            }
        }
        self.valueInputs = valueInputs
        self.ruleInputs = ruleInputs
        self.setters = setters
        self.plan = ruleBase.plan
        self.tableSlots = ruleBase.compiledTables.map(\.slot)
        self.questionCount = ruleBase.questionCount
    }

    /// The values a value is computed from directly: for a question, the values its `when`
    /// condition reads; for a derived value or table, the values its expression, columns and
    /// outputs read; for an output, the values read by the rules that set it.
    public func inputs(of slot: SlotID) -> [SlotID] {
        inputs(of: slot.index).map(SlotID.init)
    }

    /// ``inputs(of:)`` by position.
    func inputs(of slot: Int) -> [Int] {
        guard setters[slot].isEmpty else {
            var seen = Set<Int>()
            return setters[slot].flatMap { ruleInputs[$0.index] }.filter { seen.insert($0).inserted }
        }
        return valueInputs[slot]
    }

    /// The values a rule reads: those in its condition and in the values it sets.
    public func inputs(ofRule rule: RuleID) -> [SlotID] { inputs(ofRule: rule).map(SlotID.init) }

    /// ``inputs(ofRule:)`` by position.
    func inputs(ofRule rule: RuleID) -> [Int] { ruleInputs[rule.index] }

    /// The rules that set an output, in source order; empty for other values.
    public func rules(setting slot: SlotID) -> [RuleID] { setters[slot.index] }

    /// The values and rules that read a value directly (outputs read nothing themselves; the
    /// rules that set them do).
    public func dependents(of slot: SlotID) -> (values: [SlotID], rules: [RuleID]) {
        (valueInputs.indices.filter { valueInputs[$0].contains(slot.index) }.map(SlotID.init),
         ruleInputs.indices.filter { ruleInputs[$0].contains(slot.index) }.map(RuleID.init))
    }

    /// Every question whose answer can change a value, directly or through the values it is
    /// computed from, in question order. Answers to other questions never change it.
    public func questions(affecting slot: SlotID) -> [SlotID] {
        questions(affecting: slot.index).map(SlotID.init)
    }

    /// ``questions(affecting:)`` by position, for the searches that index answers with it.
    func questions(affecting slot: Int) -> [Int] {
        cone(of: slot).slots.filter { $0 < questionCount }.sorted()
    }

    /// The slots and rules a value depends on, itself included.
    func cone(of slot: Int) -> (slots: Set<Int>, rules: Set<RuleID>) {
        var slots: Set<Int> = [slot]
        var rules: Set<RuleID> = []
        var pending = [slot]
        while let next = pending.popLast() {
            for rule in setters[next] where rules.insert(rule).inserted {
                for input in ruleInputs[rule.index] where slots.insert(input).inserted { pending.append(input) }
            }
            for input in valueInputs[next] where slots.insert(input).inserted { pending.append(input) }
        }
        return (slots, rules)
    }

    /// The values that read a question among those a value needs, if their values tell apart
    /// the answers to the question in every combination of answers to the `varying` questions:
    /// when no rule reads it and each of them reads nothing else that the varying questions
    /// could change. `nil` otherwise.
    func separatingReaders(of question: Int, for slot: Int, varying: Set<Int>) -> [Int]? {
        let (slots, rules) = cone(of: slot)
        guard question != slot, !rules.contains(where: { ruleInputs[$0.index].contains(question) }) else { return nil }
        var readers: [Int] = []
        for reader in slots.sorted() where valueInputs[reader].contains(question) {
            // A question asked only when this one has some answer also varies with its own.
            if reader < questionCount && varying.contains(reader) { return nil }
            for input in valueInputs[reader] where input != question {
                if !varying.isDisjoint(with: cone(of: input).slots) { return nil }
            }
            readers.append(reader)
        }
        return readers
    }

    /// The steps of the plan that a value needs, in plan order.
    func steps(for slot: Int) -> [PlanStep] {
        steps(forAll: [slot])
    }

    /// The steps of the plan that some values need, in plan order.
    func steps(forAll values: [Int]) -> [PlanStep] {
        steps(forEach: values).map(\.step)
    }

    /// The steps of the plan that some values need, in plan order, each with the values that
    /// need it: bit `i` of `needs` for `values[i]` (bit 63 for it and every value after it).
    func steps(forEach values: [Int]) -> [(step: PlanStep, needs: UInt64)] {
        let cones = values.map { cone(of: $0) }
        return plan.compactMap { step in
            var needs: UInt64 = 0
            for (index, cone) in cones.enumerated() {
                let needed = switch step {
                case .question(let slot, _), .derive(let slot, _), .output(let slot, _): cone.slots.contains(slot.index)
                case .table(let id): cone.slots.contains(tableSlots[id.index])
                case .rule(let id): cone.rules.contains(id)
                }
                if needed { needs |= 1 << UInt64(Swift.min(index, 63)) }
            }
            return needs == 0 ? nil : (step, needs)
        }
    }

    /// The steps among `steps` (in plan order) whose outcome an answer to `question` can
    /// change, in their order: the question's own step, and each step that reads a value or
    /// rule such a step sets.
    func steps(_ steps: [PlanStep], reaching question: Int) -> [PlanStep] {
        var changed: Set<Int> = [question]
        var changedRules: Set<RuleID> = []
        return steps.filter { step in
            switch step {
            case .question(let slot, _), .derive(let slot, _):
                guard slot.index == question || valueInputs[slot.index].contains(where: changed.contains) else { return false }
                changed.insert(slot.index)
            case .table(let id):
                guard valueInputs[tableSlots[id.index]].contains(where: changed.contains) else { return false }
                changed.insert(tableSlots[id.index])
            case .rule(let id):
                guard ruleInputs[id.index].contains(where: changed.contains) else { return false }
                changedRules.insert(id)
            case .output(let slot, let rules):
                guard rules.contains(where: changedRules.contains) else { return false }
                changed.insert(slot.index)
            }
            return true
        }
    }
}

extension RuleBase {
    /// The dependency graph of this rule base, built on each call: keep it while you use it.
    public func dependencies() -> Dependencies { Dependencies(self) }
}
