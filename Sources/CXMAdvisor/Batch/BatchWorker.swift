import CXMRules
import Synchronization

/// What one thread of a batch needs: an assessor and a formatter on a rule base of its own, and
/// the frames it assesses in, kept for the whole run.
///
/// A rule base is immutable and can be shared, but threads that share one keep updating the
/// same reference counts of its storage, and the processor cores then wait on each other; a
/// worker on a copy of its own keeps that traffic local to its core.
public final class BatchWorker: @unchecked Sendable {
    // @unchecked: `frames` is written only by the thread that set `busy`.
    public let assessor: BatchAssessor
    public let formatter: BatchFormatter
    /// The worker's frames, used by one thread at a time: the one that set `busy`. A thread that
    /// finds them in use (a worker shared by threads, which ``BatchRunner`` never does) assesses
    /// in frames of its own. (Not a `Mutex`: on Linux, each lock and unlock asks the kernel for
    /// the thread's id, two system calls a record.)
    private let frames: UnsafeMutablePointer<BatchAssessor.Frames>
    private let busy = Atomic<Bool>(false)

    /// A worker that assesses records and formats their rows.
    public init(assessor: BatchAssessor, formatter: BatchFormatter) {
        self.assessor = assessor
        self.formatter = formatter
        frames = .allocate(capacity: 1)
        frames.initialize(to: assessor.makeFrames())
    }

    deinit {
        frames.deinitialize(count: 1)
        frames.deallocate()
    }

    /// `count` workers: the first on the advisor's rule base, the others each on a copy checked
    /// anew from the same files.
    public static func make(_ count: Int, advisor: Advisor, allowing: Set<String>, format: BatchFormatter.Format) -> [BatchWorker] {
        (0..<max(1, count)).map { index in
            let ruleBase = index == 0 ? advisor.ruleBase : RuleBase.check(files: advisor.ruleBase.files, format: advisor.ruleBase.profileFormat).ruleBase ?? advisor.ruleBase
            return BatchWorker(assessor: BatchAssessor(advisor: Advisor(ruleBase: ruleBase), allowing: allowing),
                               formatter: BatchFormatter(format: format, ruleBase: ruleBase))
        }
    }

    /// Assesses the record and formats its row (as bytes), if it has one.
    public func process(_ record: BatchRecord) -> (outcome: BatchOutcome, row: [UInt8]) {
        let outcome: BatchOutcome
        if busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            outcome = assessor.assess(record, in: &frames.pointee)
            busy.store(false, ordering: .releasing)
        } else {
            var own = assessor.makeFrames()
            outcome = assessor.assess(record, in: &own)
        }
        return (outcome, rowBytes(outcome))
    }

    /// The bytes of the outcome's row, if it is one. (An outcome taken apart in `process` to
    /// format its row and put together again to return it is copied on the way.)
    private func rowBytes(_ outcome: BatchOutcome) -> [UInt8] {
        guard case .row(let row) = outcome else { return [] }
        return formatter.rowBytes(row)
    }
}
