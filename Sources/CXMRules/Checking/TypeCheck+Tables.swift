/// The types stage's part for decision tables: the table's type, its columns and its cells,
/// compiled for ``TableAnalysis`` and evaluation.
extension TypeCheck {
    /// Compiles the table in `slot`; a table with errors is left out of ``TypedValues/tables``.
    mutating func compileTable(_ table: TableDeclaration, slot: Int) {
        values.slotCitations[slot] = citations(table.citations, of: "table", name: table.name, required: true)
        if let header = table.outputHeader, header.text != table.name.text {
            report(TableDiagnostic.outputColumnName(table: table.name.text), at: header.range)
        }
        // After an error in the table's type, the columns and cells are still checked.
        let resolved = resolve(table.type)
        var validType = resolved?.0
        switch (table.policy, resolved?.0) {
        case (_, nil): break
        case (.collect, .option(let index)?): values.slotTypes[slot] = .set(index)
        case (.ruleOrder, .option(let index)?): values.slotTypes[slot] = .list(index)
        case (.collect, let type?), (.ruleOrder, let type?):
            report(TableDiagnostic.severalOptionsType(policy: table.policy.rawValue, actual: describe(type)), at: table.type.range)
            validType = nil
        case (_, .set(let index)?), (_, .list(let index)?):
            report(TableDiagnostic.elementType(actual: describe(.set(index))), at: table.type.range)
            validType = nil
        case (_, let type?): values.slotTypes[slot] = type
        }
        var columns: [Code] = []
        var columnTypes: [ValueType?] = []
        var columnRanges: [ClosedRange<Double>?] = []
        for column in table.columns {
            guard let typed = check(column, expected: nil) else {
                columnTypes.append(nil)
                columnRanges.append(nil)
                columns.append(.constant(.boolean(false)))
                continue
            }
            columnRanges.append(typed.range)
            switch typed.type {
            case .boolean, .number, .option:
                columnTypes.append(typed.type)
            default:
                report(TableDiagnostic.columnType(actual: describe(typed.type)), at: column.range)
                columnTypes.append(nil)
            }
            columns.append(typed.code)
            addDependencies(of: typed.code, to: slot)
        }
        var rows: [CompiledRow] = []
        var outputRange: ClosedRange<Double>?
        let errorsBeforeRows = diagnostics.count { $0.severity == .error }
        for row in table.rows {
            var cells: [CompiledCell] = []
            for (cell, columnType) in zip(row.inputs, columnTypes) {
                cells.append(compileCell(cell, type: columnType))
            }
            var output = Code.constant(.boolean(false))
            guard let elementType = validType else {
                noteUses(in: row.output)
                continue
            }
            if let typed = check(row.output, expected: elementType),
               requireType(typed, elementType, at: row.output.range, context: "the output of table '\(table.name.text)'") {
                output = typed.code
                addDependencies(of: typed.code, to: slot)
                if table.policy == .priority, case .slot = typed.code {
                    report(TableDiagnostic.priorityConstants, at: row.output.range)
                }
                if let range = typed.range { outputRange = outputRange.map { $0.hull(range) } ?? range }
            }
            rows.append(CompiledRow(cells: cells, output: output, outputText: text(of: row.output.range)))
        }
        // A table with errors is not analysed: a cell that did not compile would read as one
        // that never matches.
        guard let elementType = validType, diagnostics.count(where: { $0.severity == .error }) == errorsBeforeRows else { return }
        let declaredRange = resolved?.1
        if slotTypes[slot] == .number { values.slotRanges[slot] = declaredRange ?? outputRange }
        else { values.slotRanges[slot] = numberRange(of: elementType) }
        values.tables[slot] = CompiledTable(
            slot: slot, policy: table.policy, elementType: elementType, columns: columns,
            columnTexts: table.columns.map { text(of: $0.range) }, columnTypes: columnTypes, columnRanges: columnRanges,
            rows: rows)
    }

    private mutating func compileCell(_ cell: InputCell, type: ValueType?) -> CompiledCell {
        let text = self.text(of: cell.range)
        guard !cell.tests.isEmpty else { return CompiledCell(tests: nil, negated: false, text: text) }
        guard let type else { return CompiledCell(tests: [], negated: cell.negated, text: text) }
        var tests: [CompiledTest] = []
        let ordered: Bool
        switch type {
        case .number: ordered = true
        case .option(let index): ordered = optionTypes[index].ordered
        default: ordered = false
        }
        for test in cell.tests {
            switch test.kind {
            case .equal(let expr):
                if let value = constant(expr, type: type) { tests.append(.equal(value)) }
            case .compare(let op, let expr):
                guard ordered || !op.isOrdering else {
                    report(TableDiagnostic.comparisonNeedsOrder(operator: op.rawValue, column: describe(type)), at: test.range)
                    continue
                }
                if let value = constant(expr, type: type) { tests.append(.compare(op, value)) }
            case .between(let low, let high):
                guard ordered else {
                    report(TableDiagnostic.rangeNeedsOrder(column: describe(type)), at: test.range)
                    continue
                }
                if let lowValue = constant(low, type: type), let highValue = constant(high, type: type) {
                    if (lowValue.number ?? 0) > (highValue.number ?? 0) {
                        report(TypeDiagnostic.emptyRange(low: self.text(of: low.range), high: self.text(of: high.range)), at: test.range)
                    }
                    tests.append(.between(lowValue, highValue))
                }
            }
        }
        return CompiledCell(tests: tests, negated: cell.negated, text: text)
    }

    /// A table cell's value: a constant of the column's type.
    private mutating func constant(_ expr: Expr, type: ValueType) -> Value? {
        guard let typed = check(expr, expected: type) else { return nil }
        guard requireType(typed, type, at: expr.range, context: "this cell") else { return nil }
        guard case .constant(let value) = folded(typed.code) else {
            report(TableDiagnostic.cellNotConstant, at: expr.range)
            return nil
        }
        return value
    }
}
