/// Tables and outputs in the possible-values analysis: what their inputs can still be, tried in
/// combination, so that a value decided by one input is exact.
extension PossibilityFrame {
    /// The most combinations of row masks kept apart while a table is analysed, and of pinned
    /// values while an output is; past them, the analysis says less (every row can match, or
    /// the values are not pinned) but stays sound.
    static let combinationLimit = 4_096

    // MARK: Tables

    /// A table's possible values (the table at `index` in the program): for every combination
    /// of the classes its columns' values can fall in (each class a mask of the rows it lets
    /// match), the output the hit policy gives. Combinations that leave the same rows sure and
    /// possible are one: the masks are folded in column by column, keeping each distinct pair
    /// once. A result kept for the same classes is taken as it is (see ``ResultCache``).
    mutating func table(_ index: Int) -> PossibleCell {
        let table = program.tables[index]
        let cache = resultCache
        // (The rows of a table whose results are kept have no code.)
        if !cache.keeps(index) {
            for row in program.rows[table.rows] where !row.code.isEmpty { execute(row.code) }
        }
        let keyed = cache.keeps(index) && Self.classes(of: table.columns, program, cells, into: cache.key)
        if keyed, let result = cache.result(of: index) { return result }
        let result = foldTable(table)
        if keyed { cache.keep(result, of: index) }
        return result
    }

    private mutating func foldTable(_ table: FlatTable) -> PossibleCell {
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

    /// Writes the classes of values a table's columns (those at `columns` in the program) can
    /// fall in as a ``ResultCache`` key, as ``addClasses(_:_:all:)`` sorts them; `false` for a
    /// column whose value it sorts otherwise. (Static, as ``pinValues(_:_:_:into:)`` is: a call to
    /// a method of the frame would copy it.)
    private static func classes(of columns: Range<Int>, _ program: FlatProgram, _ cells: UnsafeMutablePointer<PossibleCell>,
                                into key: UnsafeMutablePointer<UInt64>) -> Bool {
        var word = 0
        for column in program.columns[columns] {
            let value = cells[Int(column.register)]
            let unknown: UInt64 = value.canBeUnknown || value.kind == .none ? 1 : 0
            switch (column.kind, value.kind) {
            case (_, .none):
                (key[word], key[word + 1]) = (unknown, 0)
            case (.options, .options), (.booleans, .booleans):
                (key[word], key[word + 1]) = (2 | unknown, value.a)
            case (.numbers, .numbers), (.numbers, .options):
                let bounds = value.bounds!
                guard let low = program.valueClass(column, Cell(number: bounds.low)),
                      let high = program.valueClass(column, Cell(number: bounds.high)) else { return false }
                (key[word], key[word + 1]) = (4 | unknown, UInt64(low) | UInt64(high) << 32)
            default:
                return false
            }
            word += 2
        }
        for rest in word..<ResultCache.keyWords { key[rest] = 0 }
        return true
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
    /// Exact, as the evaluator decides it, where every such row's output is one value. Walks
    /// the candidate rows' bits; builds nothing but a list in the run's arena.
    private mutating func hit(_ table: FlatTable, sure: UInt64, possible: UInt64) -> PossibleCell {
        let rows = program.rows[table.rows]
        let cells = self.cells
        func output(_ row: Int) -> PossibleCell { cells[Int(rows[rows.startIndex + row].output)] }
        switch table.policy {
        case .collect, .ruleOrder:
            // Only rows that surely match contribute; while each gives one option, their
            // order is the list's, kept in the arena as it grows.
            guard table.elementType >= 0 else { return .unknown }
            var surely: UInt64 = 0, perhaps: UInt64 = 0
            let start = lists.count
            var ordered = table.policy == .ruleOrder
            var bits = possible & sure
            while bits != 0 {
                let value = output(bits.trailingZeroBitCount)
                bits &= bits - 1
                guard value.kind == .options else { continue }
                if value.a.nonzeroBitCount == 1 && !value.canBeUnknown {
                    if ordered && surely & value.a == 0 { lists.append(UInt8(value.a.trailingZeroBitCount)) }
                    surely |= value.a
                } else {
                    ordered = false
                }
                perhaps |= value.a
            }
            if ordered { return PossibleCell(exactly: Cell(list: surely, type: table.elementType, start: start, count: lists.count - start)) }
            lists.removeLast(lists.count - start)
            if table.policy == .collect { return .sets(surely: surely, perhaps: perhaps, type: table.elementType, canBeUnknown: false) }
            return PossibleCell(kind: .lists, canBeUnknown: false, type: table.elementType, a: surely, b: perhaps)
        case .unique, .first, .priority:
            var bits = possible
            var singles = true
            while bits != 0 && singles {
                singles = output(bits.trailingZeroBitCount).single != nil
                bits &= bits - 1
            }
            if singles { return PossibleCell(exactly: firstHit(table, sure: sure, possible: possible)) }
            if possible & ~sure != 0 || table.policy == .priority {
                // An undecided row: the evaluator may settle on any candidate's output, or on none.
                var result = PossibleCell.nothing
                bits = possible
                while bits != 0 {
                    result = join(result, output(bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
                if possible & ~sure != 0 { result.canBeUnknown = true }
                return possible == 0 ? .unknown : result
            }
            return possible == 0 ? .unknown : output(possible.trailingZeroBitCount)
        }
    }

    /// The output of a table whose candidate rows each give one value: the first candidate
    /// that surely matched wins, unless one before it might have with another value;
    /// candidates that all agree decide the value too (as the evaluator's `first` does for
    /// tables). `unique` takes the first row that surely matched; `priority` visits the rows
    /// by their output's place in its type's declaration (values that are not options last),
    /// then in row order.
    private mutating func firstHit(_ table: FlatTable, sure: UInt64, possible: UInt64) -> Cell {
        let rows = program.rows[table.rows]
        let cells = self.cells
        func value(_ row: Int) -> Cell { cells[Int(rows[rows.startIndex + row].output)].single! }
        if table.policy == .unique, sure & possible != 0 { return value((sure & possible).trailingZeroBitCount) }
        var head: Cell?
        var agree = true
        /// The value, once a row that surely matched decides it.
        func visit(_ row: Int) -> Cell? {
            let candidate = value(row)
            if head == nil { head = candidate }
            agree = agree && same(candidate, head!)
            guard sure >> UInt64(row) & 1 == 1 else { return nil }
            return agree ? candidate : .unknown
        }
        if table.policy == .priority {
            var ranks: UInt64 = 0
            var bits = possible
            while bits != 0 {
                let candidate = value(bits.trailingZeroBitCount)
                bits &= bits - 1
                if candidate.kind == .option { ranks |= 1 << candidate.bits }
            }
            // Each rank in turn, then the rest (`rank` nil).
            var rank: UInt64? = ranks == 0 ? nil : UInt64(ranks.trailingZeroBitCount)
            while true {
                bits = possible
                while bits != 0 {
                    let row = bits.trailingZeroBitCount
                    bits &= bits - 1
                    let candidate = value(row)
                    guard candidate.kind == .option ? candidate.bits == rank : rank == nil else { continue }
                    if let decided = visit(row) { return decided }
                }
                guard rank != nil else { break }
                ranks &= ranks - 1
                rank = ranks == 0 ? nil : UInt64(ranks.trailingZeroBitCount)
            }
        } else {
            var bits = possible
            while bits != 0 {
                let row = bits.trailingZeroBitCount
                bits &= bits - 1
                if let decided = visit(row) { return decided }
            }
        }
        guard let head else { return .unknown }
        return agree ? head : .unknown
    }

    /// Without combinations: the outputs of every row in `rows`, or unknown.
    private mutating func coarse(_ table: FlatTable, rows: UInt64) -> PossibleCell {
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

    /// An output's possible values (the output at `index` in the program): for every
    /// combination of the options and truth values its rules' conditions read (each pinned to
    /// one value, and the conditions run again), the value of the first rule that fires, or the
    /// union of those that fire for a set. A result kept for the same values of its pins is
    /// taken as it is (see ``ResultCache``).
    mutating func output(_ index: Int) -> PossibleCell {
        let cache = resultCache
        let entry = cache.entry(ofOutput: index)
        let keyed = cache.keeps(entry) && Self.pinValues(program.outputs[index].pins, program, cells, into: cache.key)
        if keyed, let result = cache.result(of: entry) { return result }
        let result = combineOutput(index)
        if keyed { cache.keep(result, of: entry) }
        return result
    }

    /// Writes what an output's pins (those at `pins` in the program's operands) can be as a
    /// ``ResultCache`` key; `false` for a pin that can be other than options or truth values.
    private static func pinValues(_ pins: Range<Int>, _ program: FlatProgram, _ cells: UnsafeMutablePointer<PossibleCell>,
                                  into key: UnsafeMutablePointer<UInt64>) -> Bool {
        var word = 0
        for pin in program.operands[pins] {
            let value = cells[Int(pin)]
            guard value.kind == .none || value.kind == .options || value.kind == .booleans else { return false }
            key[word] = UInt64(value.kind.rawValue) | (value.canBeUnknown ? 0x100 : 0) | UInt64(UInt32(bitPattern: value.type)) << 32
            key[word + 1] = value.a
            word += 2
        }
        for rest in word..<ResultCache.keyWords { key[rest] = 0 }
        return true
    }

    /// ``output(_:)`` worked out.
    private mutating func combineOutput(_ index: Int) -> PossibleCell {
        let output = program.outputs[index]
        pins.removeAll(keepingCapacity: true)
        var combinations = 1
        for pin in program.operands[output.pins] {
            let value = cells[Int(pin)]
            let count = Self.partCount(value)
            guard count > 1, combinations * count <= Self.combinationLimit else { continue }
            combinations *= count
            pins.append((Int(pin), value, 0, count))
        }
        guard !pins.isEmpty else { return outputValue(output) }
        var result = PossibleCell.nothing
        let conditions = conditionStretches[outputConditions[index]]
        while true {
            for pin in pins { cells[pin.register] = Self.part(pin.value, pin.index) }
            for stretch in conditions { execute(stretch) }
            result = join(result, outputValue(output))
            // The next combination, the last pin fastest.
            var pin = pins.count - 1
            while pin >= 0 {
                pins[pin].index += 1
                if pins[pin].index < pins[pin].count { break }
                pins[pin].index = 0
                pin -= 1
            }
            if pin < 0 { break }
        }
        for pin in pins { cells[pin.register] = pin.value }
        for stretch in conditions { execute(stretch) }
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

    /// How many single possibilities a value splits into where it has a few options or truth
    /// values (unknown being one of them); 1 for other values, which stay whole.
    private static func partCount(_ value: PossibleCell) -> Int {
        switch value.kind {
        case .booleans, .options: return value.a.nonzeroBitCount + (value.canBeUnknown ? 1 : 0)
        case .none: return value.canBeUnknown ? 1 : 0
        default: return 1
        }
    }

    /// The single possibility at `index` of a value that splits (see ``partCount(_:)``): its
    /// options or truth values by position, then unknown.
    private static func part(_ value: PossibleCell, _ index: Int) -> PossibleCell {
        var bits = value.a
        for _ in 0..<index where bits != 0 { bits &= bits - 1 }
        guard bits != 0 else { return .unknown }
        return PossibleCell(kind: value.kind, canBeUnknown: false, type: value.type, a: 1 << UInt64(bits.trailingZeroBitCount))
    }
}
