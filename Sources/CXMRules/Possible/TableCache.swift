/// The possible values of a frame's tables for the values their columns were last seen to
/// take, so that a run whose columns leave the same classes of values open as an earlier run's
/// takes the table's result from it instead of folding in the row masks again (see
/// `PossibleTables.swift`). A table's result depends only on which classes of values each
/// column can fall in and whether it can be unknown, when its rows' outputs are constants and
/// its hit policy builds no list: only such tables of up to ``columns`` columns are kept, in
/// ``entries`` places a table, the newest in a place replacing the one before.
///
/// Owned by one frame's storage at a time; allocated once, so a warm frame allocates nothing.
final class TableCache: @unchecked Sendable {
    /// Places a table.
    static let entries = 64
    /// The most columns of a table kept.
    static let columns = 4
    /// A key's words: per column, a word saying how its classes are given and whether it can
    /// be unknown, and a word of its classes.
    static let keyWords = 2 * columns
    /// By table: whether its results are kept.
    let kept: [Bool]
    /// The key of the table being analysed, written before ``result(of:)`` and ``keep(_:of:)``.
    let key: UnsafeMutablePointer<UInt64>
    /// Per table and place: a word that is 1 once the place holds a result, then the key.
    private let keys: UnsafeMutablePointer<UInt64>
    private let results: UnsafeMutablePointer<PossibleCell>
    private let tableCount: Int

    /// An empty cache for a program's tables.
    convenience init(program: FlatProgram) {
        let constants = Set(program.constants.map(\.register))
        self.init(kept: program.tables.map { table in
            table.policy != .ruleOrder && table.columns.count <= Self.columns
                && program.rows[table.rows].allSatisfy { $0.code.isEmpty && constants.contains($0.output) }
        })
    }

    /// An empty cache keeping the tables in `kept`.
    init(kept: [Bool]) {
        self.kept = kept
        tableCount = kept.count
        key = .allocate(capacity: Self.keyWords)
        key.initialize(repeating: 0, count: Self.keyWords)
        keys = .allocate(capacity: tableCount * Self.entries * (Self.keyWords + 1))
        keys.initialize(repeating: 0, count: tableCount * Self.entries * (Self.keyWords + 1))
        results = .allocate(capacity: tableCount * Self.entries)
        results.initialize(repeating: .unknown, count: tableCount * Self.entries)
    }

    deinit {
        key.deallocate()
        keys.deallocate()
        results.deallocate()
    }

    /// The place of ``key`` for a table.
    private func place(_ table: Int) -> Int {
        var hash: UInt64 = 0
        for word in 0..<Self.keyWords { hash = (hash ^ key[word]) &* 0x9E37_79B9_7F4A_7C15 }
        return table * Self.entries + Int(hash >> 58)
    }

    /// The table's result kept for ``key``, if any.
    func result(of table: Int) -> PossibleCell? {
        let place = place(table)
        let stored = keys + place * (Self.keyWords + 1)
        guard stored[0] == 1 else { return nil }
        for word in 0..<Self.keyWords where stored[word + 1] != key[word] { return nil }
        return results[place]
    }

    /// Keeps the table's result for ``key``.
    func keep(_ result: PossibleCell, of table: Int) {
        let place = place(table)
        let stored = keys + place * (Self.keyWords + 1)
        stored[0] = 1
        for word in 0..<Self.keyWords { stored[word + 1] = key[word] }
        results[place] = result
    }
}
