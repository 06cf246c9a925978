import CXMRules
import Synchronization

/// What one thread of a batch needs: an assessor and a formatter on a rule base of its own, and
/// the frames it assesses in, kept for the whole run.
///
/// A rule base is immutable and can be shared, but threads that share one keep updating the
/// same reference counts of its storage, and the processor cores then wait on each other; a
/// worker on a copy of its own keeps that traffic local to its core. The copy is checked anew
/// from the rule files by the first thread that uses the worker, so that the copies are made
/// while the other threads already work, not one after another before the batch starts.
public final class BatchWorker: @unchecked Sendable {
    // @unchecked: `tools` and `frames` are made and used only by the thread that set `busy`.
    /// The advisor whose rule base the worker uses, or checks its copy from.
    private let advisor: Advisor
    private let allowing: Set<String>
    private let format: BatchFormatter.Format
    /// Whether the worker works on a copy of the advisor's rule base of its own.
    private let copies: Bool
    /// The worker's assessor and formatter, and its frames, used by one thread at a time: the
    /// one that set `busy`, which makes them first if `made` is not set. A thread that finds
    /// them in use (a worker shared by threads, which ``BatchRunner`` never does) assesses on
    /// the advisor's rule base in frames of its own. (Not a `Mutex`: on Linux, each lock and
    /// unlock asks the kernel for the thread's id, two system calls a record.)
    private let tools: UnsafeMutablePointer<(assessor: BatchAssessor, formatter: BatchFormatter)>
    private let frames: UnsafeMutablePointer<BatchAssessor.Frames>
    private let made = Atomic<Bool>(false)
    private let busy = Atomic<Bool>(false)

    private init(advisor: Advisor, allowing: Set<String>, format: BatchFormatter.Format, copies: Bool) {
        self.advisor = advisor
        self.allowing = allowing
        self.format = format
        self.copies = copies
        tools = .allocate(capacity: 1)
        frames = .allocate(capacity: 1)
    }

    deinit {
        if made.load(ordering: .relaxed) {
            tools.deinitialize(count: 1)
            frames.deinitialize(count: 1)
        }
        tools.deallocate()
        frames.deallocate()
    }

    /// `count` workers: the first on the advisor's rule base, the others each on a copy checked
    /// anew from the same files (by the thread that first uses it).
    public static func make(_ count: Int, advisor: Advisor, allowing: Set<String>, format: BatchFormatter.Format) -> [BatchWorker] {
        (0..<max(1, count)).map { BatchWorker(advisor: advisor, allowing: allowing, format: format, copies: $0 > 0) }
    }

    /// Assesses the record and formats its row (as bytes), if it has one.
    public func process(_ record: BatchRecord) -> (outcome: BatchOutcome, row: [UInt8]) {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            let assessor = BatchAssessor(advisor: advisor, allowing: allowing)
            var own = assessor.makeFrames()
            let outcome = assessor.assess(record, in: &own)
            return (outcome, rowBytes(outcome, BatchFormatter(format: format, ruleBase: advisor.ruleBase)))
        }
        defer { busy.store(false, ordering: .releasing) }
        if !made.load(ordering: .relaxed) { makeTools() }
        let outcome = tools.pointee.assessor.assess(record, in: &frames.pointee)
        return (outcome, rowBytes(outcome, tools.pointee.formatter))
    }

    /// Makes the assessor, the formatter and the frames, on the rule base's copy if the worker
    /// has one.
    private func makeTools() {
        let ruleBase = copies ? RuleBase.check(files: advisor.ruleBase.files, format: advisor.ruleBase.profileFormat).ruleBase ?? advisor.ruleBase
            : advisor.ruleBase
        let assessor = BatchAssessor(advisor: Advisor(ruleBase: ruleBase), allowing: allowing)
        tools.initialize(to: (assessor, BatchFormatter(format: format, ruleBase: ruleBase)))
        frames.initialize(to: assessor.makeFrames())
        made.store(true, ordering: .relaxed)
    }

    /// The bytes of the outcome's row, if it is one. (An outcome taken apart in `process` to
    /// format its row and put together again to return it is copied on the way.)
    private func rowBytes(_ outcome: BatchOutcome, _ formatter: BatchFormatter) -> [UInt8] {
        guard case .row(let row) = outcome else { return [] }
        return formatter.rowBytes(row)
    }
}
