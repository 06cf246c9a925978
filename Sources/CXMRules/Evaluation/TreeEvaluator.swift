/// The reference evaluator: runs the evaluation plan over the checker's expression trees, one
/// ``Outcome`` per value. Traces and explanations use it; the ``FlatProgram`` that evaluations
/// run must give the same values, missing answers and verdicts (a differential test checks it).
struct TreeEvaluator {
    let ruleBase: RuleBase
    let tracing: Bool
    var machine: Machine
    var notApplicable: [SlotID] = []
    var verdicts: [RuleVerdict]
    var trace: [TraceEntry] = []

    init(ruleBase: RuleBase, tracing: Bool) {
        self.ruleBase = ruleBase
        self.tracing = tracing
        self.machine = Machine(optionTypes: ruleBase.optionTypes,
                               slots: Array(repeating: .unknown, count: ruleBase.values.count))
        self.verdicts = Array(repeating: RuleVerdict(fired: false, missing: QuestionSet()), count: ruleBase.compiledRules.count)
    }

    /// The evaluation, with the advice of the rules that fired rendered now that every value is
    /// known, so that texts may name any value, including outputs the rule itself sets.
    var result: Evaluation {
        let (recommendations, warnings) = ruleBase.advice(values: machine.slots, verdicts: verdicts)
        return Evaluation(values: machine.slots, notApplicable: notApplicable, ruleVerdicts: verdicts,
                          recommendations: recommendations, warnings: warnings, trace: trace, spreads: machine.spreads)
    }

    mutating func run(_ answers: [Value?], steps: [PlanStep]) {
        for step in steps {
            switch step {
            case .question(let id, let relevance):
                let slot = id.index
                // A question whose `when` is false does not apply: it stays unknown, and no
                // answer could change that. When the condition is undecided, the question is
                // asked, and the answers that decide the condition could still change it.
                let applies = relevance.map(machine.evaluate) ?? Outcome(.boolean(true))
                if applies.boolean == false {
                    notApplicable.append(SlotID(slot))
                    machine.slots[slot] = Outcome(value: nil, missing: applies.missing)
                    continue
                }
                let answer = slot < answers.count ? answers[slot] : nil
                var outcome = answer.map { Outcome($0) } ?? Outcome(value: nil, missing: QuestionSet(slot))
                outcome.missing.formUnion(applies.missing)
                machine.slots[slot] = outcome
            case .derive(let slot, let code):
                machine.slots[slot.index] = machine.evaluate(code)
            case .table(let table):
                evaluateTable(ruleBase.compiledTables[table.index])
            case .rule(let rule):
                evaluateRule(rule.index)
            case .output(let slot, let rules):
                resolveOutput(slot.index, rules.map(\.index))
            }
        }
    }

    // MARK: Tables

    private mutating func evaluateTable(_ table: CompiledTable) {
        let columns = table.columns.map(machine.evaluate)
        var columnMissing = QuestionSet()
        for column in columns { columnMissing.formUnion(column.missing) }
        // Known inputs computed from partial answers could still change the outcome.
        var partialInputs = QuestionSet()
        for column in columns where column.value != nil { partialInputs.formUnion(column.missing) }
        // The columns' values as traces show them, written once for all rows.
        let shown = tracing ? columns.map { ruleBase.identifier($0.value) } : []
        var candidates: [Candidate] = []
        for (rowIndex, row) in table.rows.enumerated() {
            var verdict: Bool? = true
            for (cell, column) in zip(row.cells, columns) {
                let match = Machine.matches(cell, column.value)
                if match == false { verdict = false; if !tracing { break } }
                else if match == nil && verdict == true { verdict = nil }
            }
            if tracing {
                recordRow(table, rowIndex, verdict: verdict, columns: columns, shown: shown)
            }
            if verdict != false {
                candidates.append(Candidate(fired: verdict, value: machine.evaluate(row.output), missing: columnMissing))
            }
        }
        var result: Outcome
        switch table.policy {
        case .unique:
            // Rows never overlap, so a row that surely matched is the only one that can.
            let sure = candidates.first { $0.fired == true }
            result = TreeEvaluator.first(sure.map { [$0] } ?? candidates, missing: columnMissing, complete: true)
        case .first:
            result = TreeEvaluator.first(candidates, missing: columnMissing, complete: true)
        case .priority:
            result = TreeEvaluator.priority(candidates, missing: columnMissing)
        case .collect:
            result = TreeEvaluator.collect(candidates, elementType: table.elementType, ordered: false)
        case .ruleOrder:
            result = TreeEvaluator.collect(candidates, elementType: table.elementType, ordered: true)
        }
        if result.value != nil { result.missing.formUnion(partialInputs) }
        machine.slots[table.slot] = result
    }

    private mutating func recordRow(_ table: CompiledTable, _ rowIndex: Int, verdict: Bool?, columns: [Outcome], shown: [String]) {
        let row = table.rows[rowIndex]
        var conditions: [ConditionTrace] = []
        conditions.reserveCapacity(row.cells.count)
        for (index, cell) in row.cells.enumerated() {
            conditions.append(ConditionTrace(
                condition: table.columnTexts[index], actual: shown[index],
                expected: cell.text, verdict: Verdict(Machine.matches(cell, columns[index].value))))
        }
        trace.append(TraceEntry(kind: .row, name: ruleBase.values[table.slot].name, row: rowIndex + 1,
                                verdict: Verdict(verdict), output: row.outputText, conditions: conditions))
    }

    /// A row or rule that matched (`fired == true`) or might have (`nil`), with its output.
    struct Candidate {
        var fired: Bool?
        var value: Outcome
        var missing: QuestionSet
    }

    /// The first candidate that surely fired wins, unless one before it might have fired with
    /// another value. When `complete` (some row always matches, as checked for tables),
    /// undecided candidates that all agree decide the value too.
    static func first(_ candidates: [Candidate], missing: QuestionSet, complete: Bool) -> Outcome {
        var undecided = QuestionSet()
        // Whether every candidate so far has the same value as the first.
        var agree = true
        for candidate in candidates {
            agree = agree && candidate.value.value == candidates[0].value.value
            if candidate.fired == true {
                // Undecided candidates before it agree, so they cannot change the value.
                if agree { return candidate.value }
                break
            }
            undecided.formUnion(candidate.missing)
        }
        if complete, agree, let value = candidates.first?.value.value {
            return Outcome(value)
        }
        return Outcome(value: nil, missing: missing.union(undecided))
    }

    /// The candidate whose output comes first in its type's declaration order.
    static func priority(_ candidates: [Candidate], missing: QuestionSet) -> Outcome {
        func rank(_ candidate: Candidate) -> Int {
            if case .option(_, let position)? = candidate.value.value { return position }
            return .max
        }
        let ranked = candidates.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        return first(ranked, missing: missing, complete: true)
    }

    /// The outputs of all candidates that fired; undecided ones add their missing answers.
    static func collect(_ candidates: [Candidate], elementType: ValueType, ordered: Bool) -> Outcome {
        guard case .option(let type) = elementType else { return .unknown }
        var mask: UInt64 = 0
        var positions: [Int] = []
        var missing = QuestionSet()
        for candidate in candidates {
            if candidate.fired == true, case .option(_, let position)? = candidate.value.value {
                if mask & (1 << UInt64(position)) == 0 { positions.append(position) }
                mask |= 1 << UInt64(position)
                missing.formUnion(candidate.value.missing)
            } else if candidate.fired == nil {
                missing.formUnion(candidate.missing)
            }
        }
        return Outcome(value: ordered ? .list(type: type, positions: positions) : .set(type: type, mask: mask), missing: missing)
    }

    // MARK: Rules and outputs

    private mutating func evaluateRule(_ index: Int) {
        let rule = ruleBase.compiledRules[index]
        let info = ruleBase.rules[index]
        guard tracing else {
            let condition = rule.condition.map(machine.evaluate) ?? Outcome(.boolean(true))
            verdicts[index] = RuleVerdict(fired: condition.boolean, missing: condition.missing)
            return
        }
        var conditions: [ConditionTrace] = []
        conditions.reserveCapacity(rule.condition?.atoms ?? 0)
        let condition = rule.condition.map { tracedCondition($0, into: &conditions) } ?? Outcome(.boolean(true))
        verdicts[index] = RuleVerdict(fired: condition.boolean, missing: condition.missing)
        trace.append(TraceEntry(kind: .rule, name: info.name, row: nil, verdict: Verdict(condition.boolean),
                                output: nil, conditions: conditions))
    }

    private mutating func resolveOutput(_ slot: Int, _ rules: [Int]) {
        var candidates: [Candidate] = []
        // Missing answers of every setting rule, and of the rules that did not fire but could
        // have, ahead of the first rule that surely fired.
        var allMissing = QuestionSet()
        var aheadMissing = QuestionSet()
        for index in rules {
            let verdict = verdicts[index]
            allMissing.formUnion(verdict.missing)
            if !candidates.contains(where: { $0.fired == true }) { aheadMissing.formUnion(verdict.missing) }
            guard verdict.fired != false else { continue }
            for (target, code) in ruleBase.compiledRules[index].assignments where target == slot {
                candidates.append(Candidate(fired: verdict.fired, value: machine.evaluate(code), missing: verdict.missing))
            }
        }
        switch ruleBase.values[slot].type {
        case .set(let type):
            var mask: UInt64 = 0
            var missing = allMissing
            for candidate in candidates where candidate.fired == true {
                switch candidate.value.value {
                case .option(_, let position)?: mask |= 1 << UInt64(position)
                case .set(_, let more)?: mask |= more
                default: break
                }
                missing.formUnion(candidate.value.missing)
            }
            machine.slots[slot] = Outcome(value: .set(type: type, mask: mask), missing: missing)
        default:
            var result = TreeEvaluator.first(candidates, missing: allMissing, complete: false)
            if result.value != nil { result.missing.formUnion(aheadMissing) }
            machine.slots[slot] = result
        }
    }

    /// Evaluates a rule's condition as the machine does, recording each of its atoms (the
    /// comparisons and tests joined by `and`, `or` and `not`) with its operands: each operand is
    /// evaluated once, for the outcome and the trace both.
    private func tracedCondition(_ code: Code, into conditions: inout [ConditionTrace]) -> Outcome {
        switch code {
        case .and(let a, let b), .or(let a, let b):
            let (left, right) = (tracedCondition(a, into: &conditions), tracedCondition(b, into: &conditions))
            if case .and = code { return Machine.kleene(left, right, deciding: false) }
            return Machine.kleene(left, right, deciding: true)
        case .not(let a):
            let outcome = tracedCondition(a, into: &conditions)
            return Outcome(value: outcome.boolean.map { .boolean(!$0) }, missing: outcome.missing)
        case .atom(let text, let inner):
            switch inner {
            case .compare(let op, let left, let right):
                let (x, y) = (machine.evaluate(left), machine.evaluate(right))
                let outcome = Outcome(value: x.value.flatMap { x in y.value.map { .boolean(Machine.compare(op, x, $0)) } },
                                      missing: x.missing.union(y.missing))
                conditions.append(ConditionTrace(condition: text, actual: ruleBase.identifier(x.value),
                                                 expected: ruleBase.identifier(y.value, after: op.rawValue + " "), verdict: Verdict(outcome.boolean)))
                return outcome
            case .member(let element, let set), .not(.member(let element, let set)):
                let (x, y) = (machine.evaluate(element), machine.evaluate(set))
                let member = Outcome(value: x.value.flatMap { x in y.value.map { .boolean(Machine.contains($0, x)) } },
                                     missing: x.missing.union(y.missing))
                let negated = if case .not = inner { true } else { false }
                let outcome = negated ? Outcome(value: member.boolean.map { .boolean(!$0) }, missing: member.missing) : member
                conditions.append(ConditionTrace(condition: text, actual: ruleBase.identifier(x.value),
                                                 expected: ruleBase.identifier(y.value, after: negated ? "not in " : "in "),
                                                 verdict: Verdict(outcome.boolean)))
                return outcome
            default:
                let outcome = machine.evaluate(inner)
                conditions.append(ConditionTrace(condition: text, actual: ruleBase.identifier(outcome.value), expected: "true",
                                                 verdict: Verdict(outcome.boolean)))
                return outcome
            }
        default:
            return machine.evaluate(code)
        }
    }
}

extension Code {
    /// How many atoms a traced condition records (see ``TreeEvaluator``).
    fileprivate var atoms: Int {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.atoms + b.atoms
        case .not(let a): return a.atoms
        case .atom: return 1
        default: return 0
        }
    }
}
