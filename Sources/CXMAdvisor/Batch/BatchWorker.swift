import CXMRules
import Dispatch
import Synchronization

/// What one thread of a batch needs: an assessor and a formatter on a rule base, and the frames
/// it assesses in, kept for the whole run.
///
/// A rule base is immutable and can be shared, but threads that share one keep updating the
/// same reference counts of its storage, and the processor cores then wait on each other; a
/// worker on a copy of its own keeps that traffic local to its core. ``advisors(_:check:)``
/// checks the copies from the rule files all at once, each on a thread of its own, while the
/// rules are loaded, so that a batch neither waits for them nor spends its threads' time on them.
public final class BatchWorker: @unchecked Sendable {
    // @unchecked: `tools` is made and used only by the thread that set `busy`; `spare` is locked.
    private let ruleBase: RuleBase
    private let allowing: Set<String>
    private let format: BatchFormatter.Format
    /// The width a table is laid out for.
    private let tableWidth: Int
    /// The worker's assessor, formatter and frames, used by one thread at a time: the one that
    /// set `busy`, which makes them first if there are none yet. (Not a `Mutex`: on Linux, each
    /// lock and unlock asks the kernel for the thread's id, two system calls a record.)
    private let tools: UnsafeMutablePointer<Tools?>
    private let busy = Atomic<Bool>(false)
    /// Tools for threads that find `tools` in use (a worker shared by threads, which
    /// ``BatchRunner`` never does), made once and kept for the next such record.
    private let spare = Mutex<[Tools]>([])

    /// An assessor and a formatter on one rule base, and the frames the assessor works in. A
    /// class, so that the thread that uses them borrows them instead of copying two structs of
    /// some thirty references for every record.
    private final class Tools: @unchecked Sendable {
        // @unchecked: used by one thread at a time (see `tools` and `spare`).
        let assessor: BatchAssessor
        let formatter: BatchFormatter
        let frames: UnsafeMutablePointer<BatchAssessor.Frames>

        init(ruleBase: RuleBase, allowing: Set<String>, format: BatchFormatter.Format, tableWidth: Int) {
            assessor = BatchAssessor(advisor: Advisor(ruleBase: ruleBase), allowing: allowing)
            formatter = BatchFormatter(format: format, ruleBase: ruleBase, width: tableWidth)
            frames = .allocate(capacity: 1)
            frames.initialize(to: assessor.makeFrames())
        }

        deinit {
            frames.deinitialize(count: 1)
            frames.deallocate()
        }

        /// Assesses the record in the frames and appends its row's bytes and summary entry to
        /// `bytes`, if it has a row.
        func process(_ record: BatchRecord, appendingTo bytes: inout [UInt8]) -> BatchResult {
            if let failure = assessor.assess(record, into: &frames.pointee) {
                return BatchResult(rowLength: 0, entryLength: 0, outcome: .failure(failure))
            }
            return append(&frames.pointee.row, to: &bytes)
        }

        /// Appends the bytes of the row and of its summary entry. The row stays in the frames
        /// (`inout`: a row read out of them would be copied, its arrays counted up and down, and
        /// an HTML page's row is), which keep its arrays for the next record's.
        private func append(_ row: inout BatchRow, to bytes: inout [UInt8]) -> BatchResult {
            let start = bytes.count
            formatter.appendRow(row, to: &bytes)
            let rowLength = bytes.count - start
            BatchSummary.Entry.write(row, to: &bytes)
            return BatchResult(rowLength: rowLength, entryLength: bytes.count - start - rowLength,
                               outcome: formatter.format == .html ? .row(row) : nil)
        }
    }

    private init(ruleBase: RuleBase, allowing: Set<String>, format: BatchFormatter.Format, tableWidth: Int) {
        self.ruleBase = ruleBase
        self.allowing = allowing
        self.format = format
        self.tableWidth = tableWidth
        tools = .allocate(capacity: 1)
        tools.initialize(to: nil)
    }

    deinit {
        tools.deinitialize(count: 1)
        tools.deallocate()
    }

    /// One worker for each advisor (one per thread), on its rule base: see ``advisors(_:check:)``;
    /// a table is laid out for `tableWidth` columns.
    public static func make(advisors: [Advisor], allowing: Set<String>, format: BatchFormatter.Format, tableWidth: Int = TextLayout.columns) -> [BatchWorker] {
        advisors.map { BatchWorker(ruleBase: $0.ruleBase, allowing: allowing, format: format, tableWidth: tableWidth) }
    }

    /// `count` advisors (at least one), each on a rule base of its own, checked by `check` at the
    /// same time, each on a thread of its own: the advisors of a batch's threads. Throws what
    /// the first check throws; the others check the same files, so fail alike.
    public static func advisors<Failure: Error>(_ count: Int, check: @Sendable () throws(Failure) -> Advisor) throws(Failure) -> [Advisor] {
        guard count > 1 else { return [try check()] }
        let checked = Mutex<[Result<Advisor, Failure>?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = Result { () throws(Failure) in try check() }
            checked.withLock { $0[index] = result }
        }
        // concurrentPerform has run every index.
        var advisors: [Advisor] = []
        for result in checked.withLock({ $0 }) { advisors.append(try result!.get()) }
        return advisors
    }

    /// Assesses the record and appends the bytes of its row, then those of its summary entry, to
    /// `bytes` (a batch's thread appends every row's to the memory ``BatchRunner`` gives it, so
    /// that a row takes no memory of its own), if it has a row: the result says how many.
    public func process(_ record: BatchRecord, appendingTo bytes: inout [UInt8]) -> BatchResult {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            let borrowed = spare.withLock { $0.popLast() } ?? Tools(ruleBase: ruleBase, allowing: allowing, format: format, tableWidth: tableWidth)
            defer { spare.withLock { $0.append(borrowed) } }
            return borrowed.process(record, appendingTo: &bytes)
        }
        defer { busy.store(false, ordering: .releasing) }
        return (tools.pointee ?? makeTools()).process(record, appendingTo: &bytes)
    }

    /// Makes the assessor, the formatter and the frames.
    private func makeTools() -> Tools {
        let made = Tools(ruleBase: ruleBase, allowing: allowing, format: format, tableWidth: tableWidth)
        tools.pointee = made
        return made
    }
}

/// What a batch's thread hands back for a record, made for the one thread that takes every
/// result in order (to write its row and count it in the summary) to have nothing to take
/// apart and free for most rows: how many bytes the worker appended (see
/// ``BatchWorker/process(_:appendingTo:)``), the row's as the format writes them, then its
/// ``BatchSummary/Entry``.
public struct BatchResult: Sendable {
    private let rowLength: Int
    private let entryLength: Int
    /// The failure, or, for an HTML page (which draws every row), the row; `nil` for the
    /// other rows.
    public let outcome: BatchOutcome?

    init(rowLength: Int, entryLength: Int, outcome: BatchOutcome?) {
        self.rowLength = rowLength
        self.entryLength = entryLength
        self.outcome = outcome
    }

    /// How many bytes the worker appended for the record.
    public var length: Int { rowLength + entryLength }

    /// The row's bytes as the format writes them (none for a failure or a page's row), from
    /// the ``length`` bytes appended for the record.
    public func row(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        precondition(bytes.count == length, "the bytes of another result")
        return UnsafeBufferPointer(rebasing: bytes[..<rowLength])
    }

    /// The row's summary entry (none for a failure), from the bytes appended for the record.
    func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        precondition(bytes.count == length, "the bytes of another result")
        return UnsafeBufferPointer(rebasing: bytes[rowLength...])
    }
}
