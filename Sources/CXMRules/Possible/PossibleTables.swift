/// Tables and outputs in the possible-values analysis: what their inputs can still be, tried in
/// combination, so that a value decided by one input is exact.
extension PossibilityFrame {
    /// The most combinations of row masks kept apart while a table is analysed, and of pinned
    /// values while an output is; past them, the analysis says less (every row can match, or
    /// the values are not pinned) but stays sound.
    static let combinationLimit = 4_096

    // MARK: Tables

    /// A table's possible values: for every combination of the classes its columns' values can
    /// fall in (each class a mask of the rows it lets match), the output the hit policy gives.
    /// Combinations that leave the same rows sure and possible are one: the masks are folded in
    /// column by column, keeping each distinct pair once.
    mutating func table(_ table: FlatTable) -> PossibleCell {
        for row in program.rows[table.rows] where !row.code.isEmpty { execute(row.code) }
        let all: UInt64 = table.rows.count >= 64 ? .max : (1 << UInt64(table.rows.count)) - 1
        guard table.rowWords == 1 else { return coarse(table, rows: all) }
        states.removeAll(keepingCapacity: true)
        states.append((all, all))
        for column in program.columns[table.columns] {
            nextStates.removeAll(keepingCapacity: true)
            guard addClasses(column, cells[Int(column.register)], all: all), nextStates.count <= Self.combinationLimit else {
                return coarse(table, rows: all)
            }
            swap(&states, &nextStates)
        }
        var result = PossibleCell.nothing
        for index in states.indices {
            // (The hit may add a list to the arena: it runs before the join reads it.)
            let outcome = hit(table, sure: states[index].sure, possible: states[index].possible)
            result = join(result, outcome)
        }
        return result
    }

    /// Folds a column into the states: for each class of values it can fall in (and unknown,
    /// where it can be), the rows that class lets match surely and possibly. `false` when the
    /// column cannot say which rows a value matches.
    private mutating func addClasses(_ column: FlatColumn, _ value: PossibleCell, all: UInt64) -> Bool {
        let masks = program.rowMasks
        // An unknown value lets the rows with `-` match, and leaves the others undecided.
        if value.canBeUnknown || value.kind == .none { addStates(sure: masks[column.dash], possible: all) }
        switch (column.kind, value.kind) {
        case (_, .none):
            return true
        case (.options, .options), (.booleans, .booleans):
            var bits = value.a
            while bits != 0 {
                let valueClass = bits.trailingZeroBitCount
                bits &= bits - 1
                guard valueClass < column.classCount else { return false }
                addStates(sure: masks[column.masks + valueClass], possible: masks[column.masks + valueClass])
            }
            return true
        case (.numbers, .numbers), (.numbers, .options):
            let bounds = value.bounds!
            let low = program.valueClass(column, Cell(number: bounds.low))!
            let high = program.valueClass(column, Cell(number: bounds.high))!
            for valueClass in low...high {
                addStates(sure: masks[column.masks + valueClass], possible: masks[column.masks + valueClass])
            }
            return true
        default:
            // Other values: the rows are known only when the value is.
            guard let single = value.single, single.isKnown else { return false }
            let mask = rowMask(column, single, word: 0, rowWords: 1)
            addStates(sure: mask, possible: mask)
            return true
        }
    }

    private mutating func addStates(sure: UInt64, possible: UInt64) {
        for state in states {
            let next = (sure: state.sure & sure, possible: state.possible & possible)
            if !nextStates.contains(where: { $0.sure == next.sure && $0.possible == next.possible }) { nextStates.append(next) }
        }
    }

    /// The output of a table whose rows in `sure` surely match and those in `possible` may.
    /// Exact, as the evaluator decides it, where every such row's output is one value.
    private mutating func hit(_ table: FlatTable, sure: UInt64, possible: UInt64) -> PossibleCell {
        let rows = program.rows[table.rows]
        func output(_ row: Int) -> PossibleCell { cells[Int(rows[rows.startIndex + row].output)] }
        var candidates: [(row: Int, sure: Bool)] = []
        var bits = possible
        while bits != 0 {
            let row = bits.trailingZeroBitCount
            bits &= bits - 1
            candidates.append((row, sure >> UInt64(row) & 1 == 1))
        }
        switch table.policy {
        case .collect, .ruleOrder:
            // Only rows that surely match contribute.
            guard table.elementType >= 0 else { return .unknown }
            var surely: UInt64 = 0, perhaps: UInt64 = 0
            var order: [Int]? = []
            for candidate in candidates where candidate.sure {
                let value = output(candidate.row)
                guard value.kind == .options else { continue }
                if value.a.nonzeroBitCount == 1 && !value.canBeUnknown {
                    surely |= value.a
                    if order?.contains(value.a.trailingZeroBitCount) == false { order?.append(value.a.trailingZeroBitCount) }
                } else {
                    order = nil
                }
                perhaps |= value.a
            }
            if table.policy == .collect { return .sets(surely: surely, perhaps: perhaps, type: table.elementType, canBeUnknown: false) }
            if let order { return PossibleCell(exactly: list(order, type: table.elementType)) }
            return PossibleCell(kind: .lists, canBeUnknown: false, type: table.elementType, a: surely, b: perhaps)
        case .unique, .first, .priority:
            let singles = candidates.map { output($0.row).single }
            if !singles.contains(where: { $0 == nil }) {
                var order = Array(zip(candidates, singles.map { $0! }))
                if table.policy == .unique, let sure = order.firstIndex(where: { $0.0.sure }) { order = [order[sure]] }
                if table.policy == .priority {
                    // The output that comes first in its type's declaration, then the first row.
                    func rank(_ cell: Cell) -> UInt64 { cell.kind == .option ? cell.bits : .max }
                    order = order.enumerated().sorted { (rank($0.element.1), $0.offset) < (rank($1.element.1), $1.offset) }.map(\.element)
                }
                return PossibleCell(exactly: first(order.map { ($0.0.sure, $0.1) }))
            }
            if possible & ~sure != 0 {
                // An undecided row: the evaluator may settle on any candidate's output, or on none.
                var result = candidates.reduce(PossibleCell.nothing) { join($0, output($1.row)) }
                result.canBeUnknown = true
                return result
            }
            guard let first = candidates.first else { return .unknown }
            return table.policy == .priority ? candidates.reduce(PossibleCell.nothing) { join($0, output($1.row)) } : output(first.row)
        }
    }

    /// The first candidate that surely matched wins, unless one before it might have with
    /// another value; candidates that all agree decide the value too (as the evaluator's
    /// `first` does for tables).
    private func first(_ candidates: [(sure: Bool, value: Cell)]) -> Cell {
        guard let head = candidates.first else { return .unknown }
        var agree = true
        for candidate in candidates {
            agree = agree && same(candidate.value, head.value)
            if candidate.sure { return agree ? candidate.value : .unknown }
        }
        return agree ? head.value : .unknown
    }

    /// Without combinations: the outputs of every row in `rows`, or unknown.
    private func coarse(_ table: FlatTable, rows: UInt64) -> PossibleCell {
        var result = PossibleCell.nothing
        for (index, row) in program.rows[table.rows].enumerated() where index >= 64 || rows >> UInt64(index) & 1 == 1 {
            result = join(result, cells[Int(row.output)])
        }
        guard table.elementType >= 0, table.policy == .collect || table.policy == .ruleOrder else {
            result.canBeUnknown = true
            return result
        }
        let perhaps = result.kind == .options ? result.a : program.allOptions(table.elementType)
        return PossibleCell(kind: table.policy == .collect ? .sets : .lists, canBeUnknown: false, type: table.elementType, a: 0, b: perhaps)
    }

    // MARK: Outputs

    /// An output's possible values: for every combination of the options and truth values its
    /// rules' conditions read (each pinned to one value, and the conditions run again), the
    /// value of the first rule that fires, or the union of those that fire for a set.
    mutating func output(_ output: FlatOutput) -> PossibleCell {
        var dimensions: [(register: Int, values: [PossibleCell])] = []
        var combinations = 1
        for pin in program.operands[output.pins] {
            let values = Self.split(cells[Int(pin)])
            guard values.count > 1, combinations * values.count <= Self.combinationLimit else { continue }
            combinations *= values.count
            dimensions.append((Int(pin), values))
        }
        guard !dimensions.isEmpty else { return outputValue(output) }
        let saved = dimensions.map { cells[$0.register] }
        var indices = [Int](repeating: 0, count: dimensions.count)
        var result = PossibleCell.nothing
        while true {
            for (dimension, index) in indices.enumerated() { cells[dimensions[dimension].register] = dimensions[dimension].values[index] }
            for setter in program.setters[output.setters] { execute(setter.condition) }
            result = join(result, outputValue(output))
            // The next combination, the last dimension fastest.
            var dimension = dimensions.count - 1
            while dimension >= 0 {
                indices[dimension] += 1
                if indices[dimension] < dimensions[dimension].values.count { break }
                indices[dimension] = 0
                dimension -= 1
            }
            if dimension < 0 { break }
        }
        for (dimension, value) in zip(dimensions, saved) { cells[dimension.register] = value }
        for setter in program.setters[output.setters] { execute(setter.condition) }
        return result
    }

    /// An output's possible values with the registers as they are.
    private mutating func outputValue(_ output: FlatOutput) -> PossibleCell {
        var result = PossibleCell.nothing
        var surely: UInt64 = 0, perhaps: UInt64 = 0
        // A rule ahead of the one that fires whose condition is unknown leaves the output unknown.
        var undecidedAhead = false
        for setter in program.setters[output.setters] {
            let fires = cells[Int(setter.verdict)].truths
            undecidedAhead = undecidedAhead || fires.canBeUnknown
            guard fires.canBeTrue else { continue }
            let sure = !fires.canBeFalse && !fires.canBeUnknown
            for assignment in program.assignments[setter.assignments] {
                if !assignment.code.isEmpty { execute(assignment.code) }
                let value = cells[Int(assignment.value)]
                result = join(result, value)
                perhaps |= value.members?.perhaps ?? 0
                if sure, !value.canBeUnknown, let members = value.members { surely |= members.surely }
            }
            if sure && output.setType < 0 {
                if undecidedAhead { result.canBeUnknown = true }
                return result
            }
        }
        guard output.setType >= 0 else {
            // No rule surely fires: the output may stay unknown.
            result.canBeUnknown = true
            return result
        }
        return .sets(surely: surely, perhaps: perhaps, type: output.setType, canBeUnknown: false)
    }

    /// A value split into its single possibilities where it has a few options or truth values
    /// (unknown being one of them); otherwise the value itself.
    private static func split(_ value: PossibleCell) -> [PossibleCell] {
        var parts: [PossibleCell] = []
        switch value.kind {
        case .booleans, .options:
            var bits = value.a
            while bits != 0 {
                let position = bits.trailingZeroBitCount
                bits &= bits - 1
                parts.append(PossibleCell(kind: value.kind, canBeUnknown: false, type: value.type, a: 1 << UInt64(position)))
            }
        case .none: break
        default: return [value]
        }
        if value.canBeUnknown { parts.append(.unknown) }
        return parts
    }
}
