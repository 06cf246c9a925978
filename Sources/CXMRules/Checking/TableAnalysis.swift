/// Finds, at load time, the table rows and rules that cannot work as written: gaps (inputs no row
/// covers), overlaps under `unique`, rows that can never match or are shadowed under `first`,
/// and rule conditions that no answers satisfy.
///
/// Each input is split into classes of values that every test treats alike (the options of a
/// scale or enum, true and false, and the intervals between the numbers a column is compared
/// with); the analysis tries every combination of classes, so it is exact for the tests it sees.
/// Derived inputs are treated as free within their type and range, so a gap may be reported for a
/// combination that the rule base can never produce: add a catch-all row, or use `first`.
///
/// The stage after types: it reads the symbols and the typed values, and returns its diagnostics.
struct TableAnalysis {
    /// Above this many combinations (or four times as many cells to test), a table is not
    /// analysed, and a warning says so.
    static let tableWorkLimit = 400_000
    /// Above this many combinations, a rule's condition is not analysed.
    static let conditionLimit = 4_096
    /// The most work the analysis of a rule base's tables and rule conditions may take together,
    /// in tests of a cell or a condition against one combination of input values: some 150 times
    /// what the bundled rules take (13,764), and 7 times a generated base of 1,000 rules and 20
    /// tables (`cxm-bench --emit-rules`, 280,278).
    /// Past it, checking stops with an error that names the table or rule it stopped at, so
    /// that loading a rule base takes seconds at most.
    static let budget = 2_000_000

    let symbols: SymbolTable
    let typed: TypedValues
    /// The work the analysis has taken so far, and whether it has run out.
    private var work = 0
    private var stopped = false
    private var diagnostics: [Diagnostic] = []
    /// Evaluates rule conditions: every slot unknown between analyses, so that one machine
    /// serves every rule.
    private var machine: Machine

    /// Analyses every table, then every rule's condition, within one ``budget``.
    static func run(_ symbols: SymbolTable, _ typed: TypedValues) -> [Diagnostic] {
        var analysis = TableAnalysis(symbols: symbols, typed: typed)
        for (slot, table) in typed.tables.sorted(by: { $0.key < $1.key }) {
            analysis.analyze(table, declaration: symbols.tableDeclaration(slot))
        }
        for (index, rule) in typed.rules.enumerated() {
            if let condition = rule?.condition { analysis.analyzeCondition(condition, rule: symbols.ruleDeclarations[index]) }
        }
        return analysis.diagnostics
    }

    private init(symbols: SymbolTable, typed: TypedValues) {
        self.symbols = symbols
        self.typed = typed
        machine = Machine(optionTypes: symbols.optionTypes, slots: Array(repeating: .unknown, count: typed.slotTypes.count))
    }

    /// Takes `cost` from the budget for analysing `what` (declared at `range`); `false` once the
    /// budget is spent, having said so once.
    private mutating func spend(_ cost: Int, on what: @autoclosure () -> String, at range: SourceRange?) -> Bool {
        guard !stopped else { return false }
        guard work + cost > Self.budget else {
            work += cost
            return true
        }
        stopped = true
        diagnostics.append(Diagnostic(TableDiagnostic.budgetSpent(at: what(), cost: cost, left: Self.budget - work, spent: work), at: range))
        return false
    }

    /// A class of values: one value that stands for it, and how to describe it.
    struct ValueClass {
        var value: Value
        var description: String
    }

    static func classes(type: ValueType, range: ClosedRange<Double>?, tests: [CompiledTest], optionTypes: [OptionType]) -> [ValueClass]? {
        switch type {
        case .boolean:
            return [ValueClass(value: .boolean(true), description: "true"), ValueClass(value: .boolean(false), description: "false")]
        case .option(let index):
            return optionTypes[index].options.enumerated().map {
                ValueClass(value: .option(type: index, position: $0.offset), description: $0.element)
            }
        case .number:
            var bounds: Set<Double> = []
            for test in tests {
                switch test {
                case .equal(let v), .compare(_, let v): if let n = v.number { bounds.insert(n) }
                case .between(let a, let b):
                    if let n = a.number { bounds.insert(n) }
                    if let n = b.number { bounds.insert(n) }
                }
            }
            var points = bounds.filter { range?.contains($0) ?? true }.sorted()
            if let range {
                points = Array(Set(points + [range.lowerBound, range.upperBound])).sorted()
            }
            guard !points.isEmpty else { return [ValueClass(value: .number(0), description: "any number")] }
            var result: [ValueClass] = []
            if range == nil { result.append(ValueClass(value: .number(points[0] - 1), description: "< \(formatNumber(points[0]))")) }
            for (i, point) in points.enumerated() {
                result.append(ValueClass(value: .number(point), description: "= \(formatNumber(point))"))
                if i + 1 < points.count {
                    let next = points[i + 1]
                    result.append(ValueClass(value: .number((point + next) / 2),
                                             description: "between \(formatNumber(point)) and \(formatNumber(next))"))
                }
            }
            if range == nil { result.append(ValueClass(value: .number(points.last! + 1), description: "> \(formatNumber(points.last!))")) }
            return result
        default:
            return nil
        }
    }

    /// Every combination of classes, in order, until `body` returns false.
    static func forEachCombination(_ dimensions: [[ValueClass]], _ body: ([Int]) -> Bool) {
        var counters = Array(repeating: 0, count: dimensions.count)
        if dimensions.contains(where: \.isEmpty) { return }
        while true {
            if !body(counters) { return }
            var position = dimensions.count - 1
            while position >= 0 {
                counters[position] += 1
                if counters[position] < dimensions[position].count { break }
                counters[position] = 0
                position -= 1
            }
            if position < 0 { return }
        }
    }

    static func combinationCount(_ dimensions: [[ValueClass]]) -> Int {
        dimensions.reduce(1) { count, dimension in
            count > tableWorkLimit ? count : count.multipliedReportingOverflow(by: max(1, dimension.count)).partialValue
        }
    }

    // MARK: Tables

    private mutating func analyze(_ table: CompiledTable, declaration: TableDeclaration) {
        var dimensions: [[ValueClass]] = []
        for (index, type) in table.columnTypes.enumerated() {
            guard let type else { return }  // a type error, already reported
            let tests = table.rows.flatMap { $0.cells[index].tests ?? [] }
            guard let classes = Self.classes(type: type, range: table.columnRanges[index], tests: tests, optionTypes: symbols.optionTypes) else { return }
            dimensions.append(classes)
        }
        let cells = max(1, table.rows.count) * max(1, dimensions.count)
        guard Self.combinationCount(dimensions) <= Self.tableWorkLimit, Self.combinationCount(dimensions) * cells <= Self.tableWorkLimit * 4 else {
            diagnostics.append(Diagnostic(TableDiagnostic.tooManyCombinations(table: declaration.name.text), at: declaration.name.range))
            return
        }
        guard spend(Self.combinationCount(dimensions) * cells, on: "table '\(declaration.name.text)'", at: declaration.name.range) else { return }
        let single = table.policy == .unique || table.policy == .first || table.policy == .priority
        var everMatched = Array(repeating: false, count: table.rows.count)
        var everFirst = Array(repeating: false, count: table.rows.count)
        var gaps: [String] = []
        var gapCount = 0
        var overlaps: Set<[Int]> = []
        var overlapDiagnostics: [Diagnostic] = []
        Self.forEachCombination(dimensions) { combination in
            var matching: [Int] = []
            for (rowIndex, row) in table.rows.enumerated() {
                let hit = row.cells.indices.allSatisfy { column in
                    Machine.matches(row.cells[column], dimensions[column][combination[column]].value) == true
                }
                if hit { matching.append(rowIndex) }
            }
            // Described only when a gap or an overlap is reported.
            var description: String {
                zip(table.columnTexts, combination.indices).map { text, column in
                    let described = dimensions[column][combination[column]].description
                    return described.hasPrefix("=") || described.hasPrefix("<") || described.hasPrefix(">") || described.hasPrefix("between") || described.hasPrefix("any")
                        ? "\(text) \(described)" : "\(text) = \(described)"
                }.joined(separator: ", ")
            }
            for row in matching { everMatched[row] = true }
            if let first = matching.first { everFirst[first] = true }
            if matching.isEmpty && single {
                gapCount += 1
                if gaps.count < 3 { gaps.append(description) }
            }
            if table.policy == .unique, matching.count > 1 {
                let pair = Array(matching.prefix(2))
                if overlaps.insert(pair).inserted, overlapDiagnostics.count < 5 {
                    overlapDiagnostics.append(Diagnostic(
                        TableDiagnostic.overlap(pair[0] + 1, pair[1] + 1, table: declaration.name.text, combination: description),
                        at: declaration.rows[pair[1]].range,
                        notes: [.init(message: "row \(pair[0] + 1) is here", range: declaration.rows[pair[0]].range)]))
                }
            }
            return true
        }
        if gapCount > 0 {
            diagnostics.append(Diagnostic(TableDiagnostic.gap(table: declaration.name.text, combinations: gaps.joined(separator: "; "),
                                                              more: gapCount - gaps.count), at: declaration.name.range))
        }
        diagnostics += overlapDiagnostics
        for (index, row) in declaration.rows.enumerated() {
            if !everMatched[index] {
                diagnostics.append(Diagnostic(TableDiagnostic.rowNeverMatches(index + 1, table: declaration.name.text), at: row.range))
            } else if table.policy == .first && !everFirst[index] {
                diagnostics.append(Diagnostic(TableDiagnostic.rowUnreachable(index + 1, table: declaration.name.text), at: row.range))
            }
        }
    }

    // MARK: Rule conditions

    /// Reports a rule whose condition is false for every combination of the values it tests.
    /// Conditions that compare values with anything but constants are not analysed.
    private mutating func analyzeCondition(_ condition: Code, rule: RuleDeclaration) {
        var tests: [Int: [CompiledTest]] = [:]
        guard Self.collectTests(condition, into: &tests) else { return }
        let slots = tests.keys.sorted()
        var dimensions: [[ValueClass]] = []
        for slot in slots {
            guard let type = typed.slotTypes[slot],
                  let classes = Self.classes(type: type, range: typed.slotRanges[slot], tests: tests[slot]!, optionTypes: symbols.optionTypes)
            else { return }
            dimensions.append(classes)
        }
        guard Self.combinationCount(dimensions) <= Self.conditionLimit,
              spend(Self.combinationCount(dimensions) * max(1, tests.values.reduce(0) { $0 + $1.count }), on: "rule '\(rule.name.text)'",
                    at: rule.name.range) else { return }
        var satisfiable = false
        Self.forEachCombination(dimensions) { combination in
            for (i, slot) in slots.enumerated() { machine.slots[slot] = Outcome(dimensions[i][combination[i]].value) }
            satisfiable = machine.evaluate(condition).boolean == true
            return !satisfiable
        }
        for slot in slots { machine.slots[slot] = .unknown }
        if !satisfiable, let range = rule.condition?.range {
            diagnostics.append(Diagnostic(TableDiagnostic.ruleNeverFires(rule.name.text), at: range))
        }
    }

    /// Collects, per slot, the constants it is compared with. Returns false when the condition
    /// holds anything the analysis does not understand.
    private static func collectTests(_ code: Code, into tests: inout [Int: [CompiledTest]]) -> Bool {
        switch code {
        case .and(let a, let b), .or(let a, let b):
            return collectTests(a, into: &tests) && collectTests(b, into: &tests)
        case .not(let a), .atom(_, let a):
            return collectTests(a, into: &tests)
        case .slot(let slot):
            tests[slot, default: []].append(.equal(.boolean(true)))
            return true
        case .compare(let op, .slot(let slot), .constant(let value)):
            tests[slot, default: []].append(.compare(op, value))
            return true
        case .compare(let op, .constant(let value), .slot(let slot)):
            tests[slot, default: []].append(.compare(op, value))
            return true
        case .member(.slot(let slot), .constant(.set(let type, let mask))):
            for position in 0..<64 where mask & (1 << UInt64(position)) != 0 {
                tests[slot, default: []].append(.equal(.option(type: type, position: position)))
            }
            return true
        case .constant(.boolean):
            return true
        default:
            return false
        }
    }
}
