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

        mutating func add(_ value: Value?) {
            guard let value else {
                unknown += 1
                return
            }
            known += 1
            switch value {
            case .option(_, let position): counts[position] += 1
            case .list(_, let positions):
                if let first = positions.first { counts[first] += 1 } else { empty += 1 }
            case .set(_, let mask):
                if mask == 0 { empty += 1 }
                for position in counts.indices where mask & (1 << UInt64(position)) != 0 { counts[position] += 1 }
            case .boolean(let flag): counts[flag ? 0 : 1] += 1
            case .number(let number): sum += number
            case .text: break
            }
        }
    }

    /// An empty summary of the headline values of a rule base.
    public init(ruleBase: RuleBase) {
        tallies = ruleBase.headlineSlots.map { Tally(ruleBase.values[$0], ruleBase: ruleBase) }
    }

    /// Counts one record's outcome.
    public mutating func add(_ outcome: BatchOutcome) {
        switch outcome {
        case .row(let row):
            assessed += 1
            if row.open.contains(where: { $0 != nil }) { provisional += 1 }
            for (index, value) in row.values.enumerated() { tallies[index].add(value) }
        case .failure(let failure):
            failed += 1
            if failures.count < BatchSummary.keptFailures { failures.append(failure) }
        }
    }
}
