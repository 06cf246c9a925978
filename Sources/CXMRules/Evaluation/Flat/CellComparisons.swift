/// What evaluations and the possible-values analysis both ask of known values: whether two are
/// equal, how they compare, and which rows of a table they match. Answered against the arenas
/// that a frame keeps texts and lists in.
protocol CellArenas {
    var program: FlatProgram { get }
    /// The program's texts, then those of the current run.
    var texts: [String] { get set }
    /// The program's list positions, then those of the current run.
    var lists: [UInt8] { get set }
}

extension CellArenas {
    /// Drops the texts and lists of the previous run, keeping the program's.
    mutating func resetArenas() {
        // Tested first: removing nothing still checks uniqueness, which costs more.
        if texts.count != program.texts.count { texts.removeLast(texts.count - program.texts.count) }
        if lists.count != program.lists.count { lists.removeLast(lists.count - program.lists.count) }
    }

    /// An answer as a cell, with its text or list kept in the arenas.
    mutating func cell(for answer: Value) -> Cell {
        Cell(answer, text: { text in
            texts.append(text)
            return texts.count - 1
        }, list: { positions in
            lists += positions.map { UInt8($0) }
            return lists.count - positions.count
        })
    }
}

extension CellArenas {
    /// A cell's value (`nil`: unknown).
    func value(_ cell: Cell) -> Value? {
        switch cell.kind {
        case .unknown: return nil
        case .boolean: return .boolean(cell.bits != 0)
        case .number: return .number(Double(bitPattern: cell.bits))
        case .option: return .option(type: OptionTypeID(cell: cell.type), position: Int(cell.bits))
        case .set: return .set(type: OptionTypeID(cell: cell.type), mask: cell.bits)
        case .text: return .text(texts[Int(cell.bits)])
        case .list: return .list(type: OptionTypeID(cell: cell.type), positions: lists[cell.listRange].map { Int($0) })
        }
    }

    /// Whether two values are equal, as ``Value``'s `==` says.
    func same(_ x: Cell, _ y: Cell) -> Bool {
        guard x.kind == y.kind else { return false }
        switch x.kind {
        case .unknown: return true
        case .number: return Double(bitPattern: x.bits) == Double(bitPattern: y.bits)
        case .boolean, .option, .set: return x.type == y.type && x.bits == y.bits
        case .text: return x.bits == y.bits || texts[Int(x.bits)] == texts[Int(y.bits)]
        case .list: return x.type == y.type && lists[x.listRange].elementsEqual(lists[y.listRange])
        }
    }

    /// A comparison of two known values, as ``Machine/compare(_:_:_:)`` makes it: numbers (and
    /// options, by position) by size; other values only for equality.
    func compare(_ op: Instruction.ComparisonOperator, _ x: Cell, _ y: Cell) -> Bool {
        if let a = x.number, let b = y.number { return Self.compare(op, a, b) }
        switch op {
        case .equal: return same(x, y)
        case .notEqual: return !same(x, y)
        default: return false
        }
    }

    @inline(__always) static func compare<Number: Comparable>(_ op: Instruction.ComparisonOperator, _ a: Number, _ b: Number) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }

    /// Whether a known value passes an input cell, trying its tests.
    func matches(_ cell: FlatCell, _ value: Cell) -> Bool {
        var hit = false
        for test in program.tests[cell.tests] {
            switch test.kind {
            case .compare: hit = compare(test.comparison, value, test.low)
            case .between: hit = compare(.greaterOrEqual, value, test.low) && compare(.lessOrEqual, value, test.high)
            }
            if hit { break }
        }
        return hit != cell.negated
    }

    /// The rows of word `word` (rows `64 word` on) that a column's known value matches.
    @inline(__always)
    func rowMask(_ column: FlatColumn, _ value: Cell, word: Int, rowWords: Int) -> UInt64 {
        if let mask = program.classMask(column, value, word: word, rowWords: rowWords) { return mask }
        var mask = program.rowMasks[column.dash + word]
        for cell in program.cells[column.cells] where cell.row / 64 == word && matches(cell, value) {
            mask |= 1 << UInt64(cell.row % 64)
        }
        return mask
    }
}

extension EvaluationFrame: CellArenas {}
