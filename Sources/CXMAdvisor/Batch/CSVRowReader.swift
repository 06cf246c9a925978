import CXMRules

/// A thread's own reader of CSV rows straight from their bytes (a ``ProfileCells``), made from
/// a file's column names and the thread's rule base. Every record of a file carries the file's
/// columns and their reader; threads that read rows through those count the same references up
/// and down for every row, and the processor cores then wait on each other. This one only
/// compares the identity of the record's columns with that of the columns it was made for
/// (though finding them copies the record's content, which counts a reference to the columns
/// once a row on this thread: see ``unsplitRow(_:)``).
struct CSVRowReader {
    /// The columns the reader was made for (held, so that no other columns take their place in
    /// memory), and the reader: `nil` where every row needs the full reader.
    private var columns: CSVColumns?
    private var cells: ProfileCells?

    /// Reads the record into `profile`, reusing its storage, and returns the problems found
    /// (as ``BatchRecord/read(_:allowing:into:)``): a CSV row that the reading thread left
    /// unsplit straight from its bytes where it can be, else split and read by `reader`, which
    /// reports its problems; any other record as it reads itself. The row reader is made on
    /// `ruleBase` for the first row of a file.
    mutating func read(_ record: BatchRecord, reader: ProfileReader, ruleBase: RuleBase, allowing: Set<String>,
                       into profile: inout Profile) -> [Diagnostic] {
        guard let row = Self.unsplitRow(record) else { return record.read(reader, allowing: allowing, into: &profile) }
        if row.columns != columns.map(ObjectIdentifier.init) { make(for: record, ruleBase: ruleBase, allowing: allowing) }
        if let cells, record.withText({ cells.read(row: $0, separator: row.separator, into: &profile) }) { return [] }
        return record.split.read(reader, allowing: allowing, into: &profile)
    }

    /// An unsplit CSV row's separator and the identity of its columns. Matching the case copies
    /// the record's content (callgrind shows one destroy of a `BatchRecord.Content` and one
    /// `swift_retain` a row on the assessing thread), so it counts a reference to the columns
    /// once; only the reader itself is not counted for each row.
    private static func unsplitRow(_ record: BatchRecord) -> (separator: UInt8, columns: ObjectIdentifier)? {
        guard case .unsplitCSV(let separator, let columns) = record.content else { return nil }
        return (separator, ObjectIdentifier(columns))
    }

    @inline(never)
    private mutating func make(for record: BatchRecord, ruleBase: RuleBase, allowing: Set<String>) {
        guard case .unsplitCSV(_, let columns) = record.content else { return }
        self.columns = columns
        cells = columns.fastPath == nil ? nil : ProfileCells(columns: columns.names, ruleBase: ruleBase, allowing: allowing)
    }
}
