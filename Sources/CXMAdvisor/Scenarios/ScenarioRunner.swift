import CXMRules

/// Runs scenarios against a rule base and measures which rules and table rows they exercise.
public struct ScenarioRunner: Sendable {
    public let ruleBase: RuleBase

    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// The outcome of one scenario.
    public struct Outcome: Sendable {
        public let scenario: Scenario
        /// What differed from the expectations, one line each; empty when the scenario passed.
        public let failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    /// Which rules fired and which table rows matched, over all scenarios run.
    public struct Coverage: Sendable {
        /// The rules that fired at least once.
        public var firedRules: Set<RuleID> = []
        /// For each table (by name), the row numbers (from 1) that matched at least once.
        public var matchedRows: [String: Set<Int>] = [:]

        public init() {}
    }

    /// Runs one scenario, adding what it exercised to `coverage`.
    public func run(_ scenario: Scenario, coverage: inout Coverage) -> Outcome {
        let evaluation = ruleBase.evaluate(scenario.profile.answers, spreads: scenario.profile.spreads, partial: scenario.profile.partial, trace: true)
        for (index, verdict) in evaluation.ruleVerdicts.enumerated() where verdict.fired == true {
            coverage.firedRules.insert(RuleID(index))
        }
        for entry in evaluation.trace where entry.kind == .row && entry.verdict == .yes {
            coverage.matchedRows[entry.name, default: []].insert(entry.row ?? 0)
        }
        var failures: [String] = []
        for expectation in scenario.expectations {
            switch expectation {
            case .value(let slot, let expected):
                let actual = evaluation.values[slot].value
                if !Self.matches(actual, expected) {
                    failures.append("\(ruleBase.values[slot].name): expected \(ruleBase.identifier(expected)), got \(ruleBase.identifier(actual))")
                }
            case .candidates(let slot, let expected):
                let possible = ruleBase.possibleValues(for: scenario.profile.answers, partial: scenario.profile.partial).values[slot]
                if !Self.matches(possible, expected) {
                    failures.append("\(ruleBase.values[slot].name): expected candidates \(expected.map { ruleBase.identifier($0) }.joined(separator: ", ")), "
                                    + "got \(ruleBase.describe(possible))")
                }
            case .rule(let rule, let fires):
                let fired = evaluation.ruleVerdicts[rule.index].fired
                if (fired == true) != fires {
                    let state = fired == nil ? "was undecided" : fired! ? "fired" : "did not fire"
                    failures.append("rule \(ruleBase.rules[rule].name): expected it \(fires ? "to fire" : "not to fire"), but it \(state)")
                }
            }
        }
        return Outcome(scenario: scenario, failures: failures)
    }

    /// Whether the values still possible are these options or truth values, or lie within these
    /// number bounds (within 0.01), and the value cannot stay unknown.
    static func matches(_ possible: PossibleValue, _ expected: [Value]) -> Bool {
        guard !possible.canBeUnknown else { return false }
        if case .numbers(let low, let high)? = possible.known, expected.count == 2,
           case .number(let a) = expected[0], case .number(let b) = expected[1] {
            return Swift.abs(low - a) < 0.01 && Swift.abs(high - b) < 0.01
        }
        return PossibleValue.joined(expected.map { PossibleValue($0) }) == possible
    }

    /// Equal values; numbers within 0.01.
    static func matches(_ actual: Value?, _ expected: Value?) -> Bool {
        if case .number(let a)? = actual, case .number(let b)? = expected { return Swift.abs(a - b) < 0.01 }
        return actual == expected
    }

    /// The rules no scenario made fire, by name.
    public func rulesNeverFired(_ coverage: Coverage) -> [String] {
        ruleBase.rules.indices.filter { !coverage.firedRules.contains(RuleID($0)) }.map { ruleBase.rules[$0].name }
    }

    /// The table rows no scenario matched, as (table, row number from 1).
    public func rowsNeverMatched(_ coverage: Coverage) -> [(table: String, row: Int)] {
        ruleBase.tables.flatMap { table in
            (1...max(1, table.rowCount)).filter { !(coverage.matchedRows[table.name]?.contains($0) ?? false) }.map { (table.name, $0) }
        }
    }
}
