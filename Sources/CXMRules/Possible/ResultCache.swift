/// The possible values of a frame's tables and outputs for the values their inputs were last
/// seen to take, so that a run whose inputs leave the same values open as an earlier run's
/// takes the result from it instead of working it out again (see `PossibleTables.swift`).
///
/// A table's result depends only on which classes of values each column can fall in and
/// whether it can be unknown, when its rows' outputs are constants and its hit policy builds no
/// list. An output's depends only on what the slots its rules' conditions read (its pins) can
/// be, when every value its rules set is a constant. Only such tables and outputs, of up to
/// ``columns`` columns or pins, are kept, in ``entries`` places each, the newest in a place
/// replacing the one before, and only by frames made for a plan (the path for many profiles).
///
/// Owned by one frame's storage, which frees it (``deallocate()``); allocated once, so a warm
/// frame allocates nothing. Plain memory, no references: reading it retains nothing.
struct ResultCache {
    /// Places a table: 2 to the power of ``entryBits``.
    static let entryBits = 10
    static let entries = 1 << entryBits
    /// The most columns of a table, or pins of an output, kept.
    static let columns = 4
    /// A key's words: per column or pin, a word saying how its classes are given, or what kind
    /// of value it is, and whether it can be unknown, and a word of its classes or values.
    static let keyWords = 2 * columns
    /// By entry (each table, then each output: see ``entry(ofOutput:)``): where its places
    /// start, or -1 when its results are not kept.
    private let first: UnsafeMutableBufferPointer<Int>
    /// How many tables there are: the entries of outputs follow them.
    private let tableCount: Int
    /// The key of the table or output being analysed, written before ``result(of:)`` and
    /// ``keep(_:of:)``.
    let key: UnsafeMutablePointer<UInt64>
    /// Per place: a word that is 1 once the place holds a result, then the key.
    private let keys: UnsafeMutablePointer<UInt64>
    private let results: UnsafeMutablePointer<PossibleCell>

    /// An empty cache for a program's tables and outputs; `keeping: false` for one that keeps
    /// none (a frame used once need not make room).
    init(program: FlatProgram, keeping: Bool) {
        let constants = Set(program.constants.map(\.register))
        let tables = program.tables.map { table in
            keeping && table.policy != .ruleOrder && table.columns.count <= Self.columns
                && program.rows[table.rows].allSatisfy { $0.code.isEmpty && constants.contains($0.output) }
        }
        let outputs = program.outputs.map { output in
            keeping && output.pins.count <= Self.columns && program.setters[output.setters].allSatisfy { setter in
                program.assignments[setter.assignments].allSatisfy { $0.code.isEmpty && constants.contains($0.value) }
            }
        }
        self.init(kept: tables + outputs, tableCount: tables.count)
    }

    /// An empty cache keeping the entries in `kept`, of which the first `tableCount` are tables.
    init(kept: [Bool], tableCount: Int) {
        self.tableCount = tableCount
        var places = 0
        first = .allocate(capacity: kept.count)
        _ = first.initialize(from: kept.map { kept in
            defer { if kept { places += Self.entries } }
            return kept ? places : -1
        })
        key = .allocate(capacity: Self.keyWords)
        key.initialize(repeating: 0, count: Self.keyWords)
        keys = .allocate(capacity: places * (Self.keyWords + 1))
        keys.initialize(repeating: 0, count: places * (Self.keyWords + 1))
        results = .allocate(capacity: places)
        results.initialize(repeating: .unknown, count: places)
    }

    /// The entry of the output at `index` in the program (a table's is its index).
    func entry(ofOutput index: Int) -> Int { tableCount + index }

    /// Whether an entry's results are kept.
    func keeps(_ entry: Int) -> Bool { first[entry] >= 0 }

    /// An empty cache keeping what this one keeps.
    func emptied() -> ResultCache { ResultCache(kept: first.map { $0 >= 0 }, tableCount: tableCount) }

    /// Frees its memory: the last use of it.
    func deallocate() {
        first.deallocate()
        key.deallocate()
        keys.deallocate()
        results.deallocate()
    }

    /// The place of ``key`` for an entry.
    private func place(_ entry: Int) -> Int {
        var hash: UInt64 = 0
        for word in 0..<Self.keyWords { hash = (hash ^ key[word]) &* 0x9E37_79B9_7F4A_7C15 }
        return first[entry] + Int(hash >> UInt64(64 - Self.entryBits))
    }

    /// The entry's result kept for ``key``, if any.
    func result(of entry: Int) -> PossibleCell? {
        let place = place(entry)
        let stored = keys + place * (Self.keyWords + 1)
        guard stored[0] == 1 else { return nil }
        for word in 0..<Self.keyWords where stored[word + 1] != key[word] { return nil }
        return results[place]
    }

    /// Keeps the entry's result for ``key``.
    func keep(_ result: PossibleCell, of entry: Int) {
        let place = place(entry)
        let stored = keys + place * (Self.keyWords + 1)
        stored[0] = 1
        for word in 0..<Self.keyWords { stored[word + 1] = key[word] }
        results[place] = result
    }
}
