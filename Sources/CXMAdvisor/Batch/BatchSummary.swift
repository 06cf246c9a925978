import CXMRules

/// What a batch came to: how many records were assessed and how many failed, and for each
/// headline value how its results are distributed.
public struct BatchSummary: Sendable {
    public private(set) var assessed = 0
    public private(set) var failed = 0
    /// The rows with a headline value that missing answers could change.
    public private(set) var provisional = 0
    /// The records read: assessed and failed.
    public var records: Int { assessed + failed }
    /// The first failures, at most ``keptFailures`` of them; ``failed`` counts them all.
    public private(set) var failures: [BatchFailure] = []
    /// One tally per headline value, in the order of the row's values.
    public private(set) var tallies: [Tally]

    /// How many failures a summary keeps, so that memory stays bounded on any input.
    public static let keptFailures = 1_000

    /// The results of one headline value over all rows.
    public struct Tally: Sendable {
        public let info: ValueInfo
        /// What is counted, for values with options, booleans and lists: ids and labels.
        public let categories: [(id: String, label: String)]
        /// Rows per category, in the order of ``categories``. A list counts its first item; a
        /// set, each of its members.
        public private(set) var counts: [Int]
        public private(set) var known = 0
        public private(set) var unknown = 0
        /// Known lists and sets with no items.
        public private(set) var empty = 0
        /// The sum of the known values of a number, for the mean.
        public private(set) var sum = 0.0

        /// The mean of a number's known values.
        public var mean: Double? {
            guard case .number = info.type, known > 0 else { return nil }
            return sum / Double(known)
        }

        init(_ info: ValueInfo, ruleBase: RuleBase) {
            self.info = info
            switch info.type {
            case .option(let type), .list(let type), .set(let type):
                categories = Array(zip(ruleBase.optionTypes[type].options, ruleBase.optionTypes[type].labels))
            case .boolean:
                categories = [("true", "yes"), ("false", "no")]
            case .number, .text:
                categories = []
            }
            counts = Array(repeating: 0, count: categories.count)
        }

        /// Counts one row's value, as its entry's mark gives it (see ``Entry``).
        mutating func add(_ mark: Entry.Mark, _ payload: UInt64) {
            guard mark != .unknown else {
                unknown += 1
                return
            }
            known += 1
            switch mark {
            case .category: counts[Int(payload)] += 1
            case .empty: empty += 1
            case .members:
                var members = payload
                while members != 0 {
                    let position = members.trailingZeroBitCount
                    if position < counts.count { counts[position] += 1 }
                    members &= members &- 1
                }
            case .number: sum += Double(bitPattern: payload)
            case .unknown, .known: break
            }
        }
    }

    /// What the summary counts of one assessed row, as bytes: whether missing answers could
    /// change one of its headline values (a byte, 0 or 1), then for each headline value a mark
    /// (a byte) and its payload (eight bytes, little-endian). A batch's thread writes a row's
    /// entry after the row's own bytes (see ``BatchResult``), so that the one thread that keeps
    /// the summary, for every row, has no row to take apart and free.
    enum Entry {
        /// What a headline value adds to its tally.
        enum Mark: UInt8 {
            /// Unknown; known, and counted by nothing else (a text).
            case unknown, known
            /// The category at the payload's position: an option, the first of a list, a
            /// boolean (0: true, 1: false).
            case category
            /// A list or set with no items.
            case empty
            /// The categories of a set: the payload's bits (not 0).
            case members
            /// A number: the payload is its bits.
            case number
        }

        /// How many bytes the entry of a row with `values` headline values takes.
        static func length(values: Int) -> Int { 1 + 9 * values }

        /// Appends the entry of `row` to `bytes` (made on the stack and appended at once).
        static func write(_ row: BatchRow, to bytes: inout [UInt8]) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length(values: row.values.count)) { entry in
                let raw = UnsafeMutableRawBufferPointer(entry)
                raw[0] = row.open.contains { $0 != nil } ? 1 : 0
                for (index, value) in row.values.enumerated() {
                    let (mark, payload) = mark(of: value)
                    raw[1 + 9 * index] = mark.rawValue
                    raw.storeBytes(of: payload.littleEndian, toByteOffset: 2 + 9 * index, as: UInt64.self)
                }
                bytes.append(contentsOf: UnsafeBufferPointer(entry))
            }
        }

        private static func mark(of value: Value?) -> (Mark, UInt64) {
            switch value {
            case nil: (.unknown, 0)
            case .option(_, let position)?: (.category, UInt64(position))
            case .list(_, let positions)?: positions.first.map { (.category, UInt64($0)) } ?? (.empty, 0)
            case .set(_, let mask)?: mask == 0 ? (.empty, 0) : (.members, mask)
            case .boolean(let flag)?: (.category, flag ? 0 : 1)
            case .number(let number)?: (.number, number.bitPattern)
            case .text?: (.known, 0)
            }
        }
    }

    /// An empty summary of the headline values of a rule base.
    public init(ruleBase: RuleBase) {
        tallies = ruleBase.headlineSlots.map { Tally(ruleBase.values[$0], ruleBase: ruleBase) }
    }

    /// Counts one record's outcome: an assessed row must come from the rule base this summary
    /// was made for (the same headline values), or this traps.
    public mutating func add(_ outcome: BatchOutcome) {
        switch outcome {
        case .row(let row):
            var entry: [UInt8] = []
            Entry.write(row, to: &entry)
            entry.withUnsafeBufferPointer { add(entry: $0) }
        case .failure(let failure):
            add(failure)
        }
    }

    /// Counts what a batch's thread made of one record, from the result and the bytes appended
    /// for it: a row by its entry, or a failure.
    public mutating func add(_ result: BatchResult, bytes: UnsafeBufferPointer<UInt8>) {
        if case .failure(let failure)? = result.outcome {
            add(failure)
        } else {
            add(entry: result.entry(bytes))
        }
    }

    /// Counts an assessed row by its entry (see ``Entry``).
    mutating func add(entry: UnsafeBufferPointer<UInt8>) {
        precondition(entry.count == Entry.length(values: tallies.count), "a summary entry of another rule base")
        assessed += 1
        let bytes = UnsafeRawBufferPointer(entry)
        if bytes[0] != 0 { provisional += 1 }
        for index in tallies.indices {
            let offset = 1 + 9 * index
            let mark = Entry.Mark(rawValue: bytes[offset]) ?? .unknown
            tallies[index].add(mark, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self)))
        }
    }

    private mutating func add(_ failure: BatchFailure) {
        failed += 1
        if failures.count < BatchSummary.keptFailures { failures.append(failure) }
    }
}
