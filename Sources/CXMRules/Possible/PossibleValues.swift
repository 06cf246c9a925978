/// The steps of the evaluation plan that some values need (see
/// ``RuleBase/possibilityPlan(for:)``).
public struct PossibilityPlan: Sendable {
    let steps: [Step]
}

extension Step {
    /// What identifies a step in the plan: its kind and slot, table or rule.
    fileprivate var key: String {
        switch self {
        case .question(let slot, _): return "q\(slot)"
        case .derive(let slot, _): return "d\(slot)"
        case .table(let index): return "t\(index)"
        case .rule(let index): return "r\(index)"
        case .output(let slot, _): return "o\(slot)"
        }
    }
}

/// What every value and rule of a rule base can still come to for one profile, whatever the
/// missing answers turn out to be: where a conclusion is unknown or could change, the values
/// still possible (the rows of a table that can still match, the rules that can still fire,
/// the bounds of a score). A presentation of what the evaluation leaves open; it changes no
/// evaluation.
///
/// ```swift
/// let possible = ruleBase.possibleValues(for: profile.answers)
/// possible.values[ruleBase.slot(named: "risk")!]   // e.g. high or severe
/// ```
public struct Possibilities: Sendable {
    /// By slot: the values each can still take.
    public let values: [PossibleValue]
    /// By rule: whether its condition can still hold (true), fail (false) or stay unknown.
    public let rules: [PossibleValue]
}

extension RuleBase {
    /// The values each slot can still take and whether each rule can still fire, when every
    /// missing answer (to a question that applies) may be any answer the question allows.
    ///
    /// The result always contains what evaluating the profile with its missing answers filled in
    /// gives, for any way of filling them in. Slots are treated as independent, so it may
    /// contain more; tables try the combinations of their inputs' possible values (up to
    /// ``possibleCombinationLimit``), and outputs the combinations of the options their rules
    /// test, so that a value decided by one input is exact.
    public func possibleValues(for answers: [Value?]) -> Possibilities {
        possibleValues(for: answers, plan: PossibilityPlan(steps: plan))
    }

    /// The values some slots can still take (see ``possibleValues(for:)``), running only the
    /// steps they need; the other slots and rules are left as if nothing were known of them.
    public func possibleValues(for answers: [Value?], plan: PossibilityPlan) -> Possibilities {
        var pass = PossibilityPass(ruleBase: self, answers: answers)
        pass.run(plan.steps)
        return Possibilities(values: pass.machine.slots, rules: pass.rules)
    }

    /// The steps that the possible values of these slots need, worked out once for many
    /// profiles (as `cxm batch` does for the headline values).
    public func possibilityPlan(for slots: [Int]) -> PossibilityPlan {
        let graph = dependencies
        let needed = Set(slots.flatMap { graph.steps(for: $0).map(\.key) })
        return PossibilityPlan(steps: plan.filter { needed.contains($0.key) })
    }

    /// The most combinations of input values tried for one table or output.
    public static let possibleCombinationLimit = 4_096
}

extension ValueType {
    fileprivate var isSet: Bool {
        if case .set = self { return true }
        return false
    }
}

/// Runs the evaluation plan over possible values.
private struct PossibilityPass {
    let ruleBase: RuleBase
    let answers: [Value?]
    var machine: PossibleMachine
    var rules: [PossibleValue]

    init(ruleBase: RuleBase, answers: [Value?]) {
        self.ruleBase = ruleBase
        self.answers = answers
        machine = PossibleMachine(optionTypes: ruleBase.optionTypes, slots: Array(repeating: .unknown, count: ruleBase.values.count))
        rules = Array(repeating: .truth(canBeTrue: false, canBeFalse: true, canBeUnknown: false), count: ruleBase.compiledRules.count)
    }

    mutating func run(_ steps: [Step]) {
        for step in steps {
            switch step {
            case .question(let slot, let relevance):
                // A question that may not apply may be unknown; one that may apply has its answer,
                // or any answer where it is missing.
                let applies = relevance.map(machine.evaluate)?.truths ?? PossibleValue.surelyTrue
                let info = ruleBase.values[slot]
                var value = (slot < answers.count ? answers[slot] : nil).map { PossibleValue($0) }
                    ?? .any(info.type, range: info.range, optionTypes: ruleBase.optionTypes)
                if !applies.canBeTrue && !applies.canBeUnknown { value = .unknown }
                if applies.canBeFalse { value.canBeUnknown = true }
                machine.slots[slot] = value
            case .derive(let slot, let code):
                machine.slots[slot] = machine.evaluate(code)
            case .table(let index):
                let table = ruleBase.compiledTables[index]
                machine.slots[table.slot] = self.table(table)
            case .rule(let index):
                let condition = ruleBase.compiledRules[index].condition.map(machine.evaluate) ?? PossibleValue(.boolean(true))
                let t = condition.truths
                rules[index] = .truth(canBeTrue: t.canBeTrue, canBeFalse: t.canBeFalse, canBeUnknown: t.canBeUnknown)
            case .output(let slot, let setters):
                machine.slots[slot] = output(slot, setters)
            }
        }
    }

    // MARK: Tables

    /// A table's possible values: for every combination of its columns' possible values (each
    /// number split where its cells compare), the output the hit policy gives.
    private func table(_ table: CompiledTable) -> PossibleValue {
        let columns = table.columns.map(machine.evaluate)
        var classes: [[Value?]] = []
        for (index, column) in columns.enumerated() {
            guard let values = PossibilityPass.classes(of: column, tests: table.rows.flatMap { $0.cells[index].tests ?? [] }) else {
                return coarse(table, columns)
            }
            classes.append(values)
        }
        guard classes.reduce(1, { $0 * max(1, $1.count) }) <= RuleBase.possibleCombinationLimit else { return coarse(table, columns) }
        let outputs = table.rows.map { machine.evaluate($0.output) }
        var result: PossibleValue?
        TableAnalysis.forEachCombination(classes.map { $0.map { TableAnalysis.ValueClass(value: $0 ?? .boolean(false), description: "") } }) { indices in
            let inputs = indices.enumerated().map { classes[$0.offset][$0.element] }
            let verdicts = table.rows.map { row in
                zip(row.cells, inputs).reduce(Bool?.some(true)) { verdict, pair in
                    let match = Machine.matches(pair.0, pair.1)
                    if verdict == false || match == false { return false }
                    return verdict == nil || match == nil ? nil : true
                }
            }
            let outcome = PossibilityPass.hit(table, verdicts: verdicts, outputs: outputs)
            result = result.map { $0.joined(outcome) } ?? outcome
            return true
        }
        return result ?? .unknown
    }

    /// The values a column can be, as representatives of classes that the cells' tests treat
    /// alike (`nil` for unknown); `nil` when there are too many to list.
    private static func classes(of column: PossibleValue, tests: [CompiledTest]) -> [Value?]? {
        var values: [Value?] = []
        switch column.known {
        case nil: break
        case .booleans(let f, let t)?:
            if f { values.append(.boolean(false)) }
            if t { values.append(.boolean(true)) }
        case .options(let type, let mask)?:
            for position in 0..<64 where mask & (1 << UInt64(position)) != 0 { values.append(.option(type: type, position: position)) }
        case .numbers(let low, let high)?:
            // The bounds and the numbers the cells compare with in between, and a number in each
            // gap between them.
            var points = Set([low, high].filter(\.isFinite))
            for test in tests {
                switch test {
                case .equal(let v), .compare(_, let v): if let n = v.number, n > low, n < high { points.insert(n) }
                case .between(let a, let b):
                    for n in [a.number, b.number].compactMap({ $0 }) where n > low && n < high { points.insert(n) }
                }
            }
            let sorted = points.sorted()
            if low == -.infinity { values.append(.number((sorted.first ?? 0) - 1)) }
            for (i, point) in sorted.enumerated() {
                values.append(.number(point))
                if i + 1 < sorted.count { values.append(.number((point + sorted[i + 1]) / 2)) }
            }
            if high == .infinity { values.append(.number((sorted.last ?? 0) + 1)) }
        default:
            guard let single = column.single, let value = single else { return nil }
            values.append(value)
        }
        if column.canBeUnknown { values.append(nil) }
        return values
    }

    /// The output of a table for rows that surely match (`true`), surely do not (`false`) or
    /// may (`nil`, where an input is unknown), as the evaluator decides it.
    private static func hit(_ table: CompiledTable, verdicts: [Bool?], outputs: [PossibleValue]) -> PossibleValue {
        let undecided = verdicts.contains(nil)
        switch table.policy {
        case .collect, .ruleOrder:
            // Only rows that surely match contribute.
            guard case .option(let type) = table.elementType else { return .unknown }
            let matched = verdicts.indices.filter { verdicts[$0] == true }.map { outputs[$0] }
            var surely: UInt64 = 0, perhaps: UInt64 = 0
            var order: [Int]? = []
            var canBeUnknown = false
            for output in matched {
                canBeUnknown = canBeUnknown || output.canBeUnknown
                guard case .options(_, let mask)? = output.known else { continue }
                if mask.nonzeroBitCount == 1 && !output.canBeUnknown {
                    surely |= mask
                    if order?.contains(mask.trailingZeroBitCount) == false { order?.append(mask.trailingZeroBitCount) }
                } else { order = nil }
                perhaps |= mask
            }
            let known: PossibleValue.Known = table.policy == .collect ? .sets(type: type, surely: surely, perhaps: perhaps)
                : .lists(type: type, exact: order, surely: surely, perhaps: perhaps)
            return PossibleValue(known: known, canBeUnknown: false)
        case .unique, .first, .priority:
            if undecided {
                // An unknown input: the evaluator may settle on any candidate's output, or on none.
                var result = PossibleValue.joined(verdicts.indices.filter { verdicts[$0] != false }.map { outputs[$0] })
                result.canBeUnknown = true
                return result
            }
            let matched = verdicts.indices.filter { verdicts[$0] == true }
            guard let first = matched.first else { return .unknown }
            if table.policy == .priority {
                // The output that comes first in its type, where the outputs are settled.
                let settled = matched.compactMap { outputs[$0].single ?? nil }
                guard settled.count == matched.count, let best = settled.min(by: { rank($0) < rank($1) }) else {
                    return PossibleValue.joined(matched.map { outputs[$0] })
                }
                return PossibleValue(best)
            }
            return outputs[first]
        }
    }

    /// An output's place in a priority table: its option's position.
    private static func rank(_ value: Value) -> Int {
        if case .option(_, let position) = value { return position }
        return .max
    }

    /// Without combinations: the outputs of every row that can match, or unknown.
    private func coarse(_ table: CompiledTable, _ columns: [PossibleValue]) -> PossibleValue {
        var outputs: [PossibleValue] = []
        for row in table.rows {
            let possible = zip(row.cells, columns).allSatisfy { cell, column in
                cell.tests == nil || column.known == .anything || PossibilityPass.classes(of: column, tests: cell.tests ?? [])?
                    .contains { Machine.matches(cell, $0) != false } ?? true
            }
            if possible { outputs.append(machine.evaluate(row.output)) }
        }
        guard case .option(let type) = table.elementType, table.policy == .collect || table.policy == .ruleOrder else {
            var result = PossibleValue.joined(outputs)
            result.canBeUnknown = true
            return result
        }
        let perhaps = outputs.reduce(UInt64(0)) { mask, output in
            if case .options(_, let m)? = output.known { return mask | m }
            return mask
        }
        let known: PossibleValue.Known = table.policy == .collect ? .sets(type: type, surely: 0, perhaps: perhaps)
            : .lists(type: type, exact: nil, surely: 0, perhaps: perhaps)
        return PossibleValue(known: known, canBeUnknown: false)
    }

    // MARK: Outputs

    /// An output's possible values: for every combination of the options and truth values its
    /// rules' conditions read, the value of the first rule that fires (or the union of those
    /// that fire, for a set).
    private mutating func output(_ slot: Int, _ setters: [Int]) -> PossibleValue {
        var read: [Int] = []
        for rule in setters { ruleBase.compiledRules[rule].condition?.collectSlots(into: &read) }
        var seen = Set<Int>()
        let pinned = read.filter { seen.insert($0).inserted }.compactMap { slot -> (Int, [PossibleValue])? in
            let split = PossibilityPass.split(machine.slots[slot])
            return split.count > 1 ? (slot, split) : nil
        }
        var combinations = 1
        var dimensions: [(Int, [PossibleValue])] = []
        for (slot, values) in pinned where combinations * values.count <= RuleBase.possibleCombinationLimit {
            combinations *= values.count
            dimensions.append((slot, values))
        }
        var result: PossibleValue?
        let classes = dimensions.map { $0.1.map { _ in TableAnalysis.ValueClass(value: .boolean(false), description: "") } }
        // The pinned slots are set in place for each combination, and restored after.
        let saved = dimensions.map { machine.slots[$0.0] }
        TableAnalysis.forEachCombination(classes) { indices in
            for (dimension, index) in indices.enumerated() { machine.slots[dimensions[dimension].0] = dimensions[dimension].1[index] }
            let outcome = output(slot, setters, machine: machine)
            result = result.map { $0.joined(outcome) } ?? outcome
            return true
        }
        for (dimension, value) in zip(dimensions, saved) { machine.slots[dimension.0] = value }
        return result ?? .unknown
    }

    /// An output's possible values with the slots as `machine` holds them.
    private func output(_ slot: Int, _ setters: [Int], machine: PossibleMachine) -> PossibleValue {
        var parts: [PossibleValue] = []
        var surely: UInt64 = 0
        // A rule ahead of the one that fires whose condition is unknown leaves the output unknown.
        var undecidedAhead = false
        for rule in setters {
            let compiled = ruleBase.compiledRules[rule]
            let fires = compiled.condition.map(machine.evaluate)?.truths ?? PossibleValue.surelyTrue
            undecidedAhead = undecidedAhead || fires.canBeUnknown
            guard fires.canBeTrue else { continue }
            let sure = !fires.canBeFalse && !fires.canBeUnknown
            for (target, code) in compiled.assignments where target == slot {
                let value = machine.evaluate(code)
                parts.append(value)
                if sure, let members = value.members, !value.canBeUnknown { surely |= members.surely }
            }
            if sure, !ruleBase.values[slot].type.isSet {
                var result = PossibleValue.joined(parts)
                if undecidedAhead { result.canBeUnknown = true }
                return result
            }
        }
        guard case .set(let type) = ruleBase.values[slot].type else {
            // No rule surely fires: the output may stay unknown.
            var result = PossibleValue.joined(parts)
            result.canBeUnknown = true
            return result
        }
        let perhaps = parts.reduce(UInt64(0)) { $0 | ($1.members?.perhaps ?? 0) }
        return PossibleValue(known: .sets(type: type, surely: surely, perhaps: perhaps), canBeUnknown: false)
    }

    /// A value split into its single possibilities where it has a few options or truth values
    /// (unknown being one of them); otherwise the value itself.
    private static func split(_ value: PossibleValue) -> [PossibleValue] {
        var parts: [PossibleValue] = []
        switch value.known {
        case .booleans(let f, let t)?:
            if f { parts.append(PossibleValue(.boolean(false))) }
            if t { parts.append(PossibleValue(.boolean(true))) }
        case .options(let type, let mask)?:
            for position in 0..<64 where mask & (1 << UInt64(position)) != 0 { parts.append(PossibleValue(.option(type: type, position: position))) }
        case nil: break
        default: return [value]
        }
        if value.canBeUnknown { parts.append(.unknown) }
        return parts
    }
}
