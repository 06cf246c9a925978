import CXMRules
import Synchronization

/// What one thread of a batch needs: an assessor and a formatter on a rule base of its own, and
/// the frames it assesses in, kept for the whole run.
///
/// A rule base is immutable and can be shared, but threads that share one keep updating the
/// same reference counts of its storage, and the processor cores then wait on each other; a
/// worker on a copy of its own keeps that traffic local to its core.
public final class BatchWorker: Sendable {
    public let assessor: BatchAssessor
    public let formatter: BatchFormatter
    /// The worker's frames. One thread at a time uses a worker (as ``BatchRunner`` does), so
    /// the lock is never contended; it makes sharing a worker safe, not fast.
    private let frames: Mutex<BatchAssessor.Frames>

    /// A worker that assesses records and formats their rows.
    public init(assessor: BatchAssessor, formatter: BatchFormatter) {
        self.assessor = assessor
        self.formatter = formatter
        frames = Mutex(assessor.makeFrames())
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
        let outcome = frames.withLock { assessor.assess(record, in: &$0) }
        guard case .row(let row) = outcome else { return (outcome, []) }
        return (outcome, formatter.rowBytes(row))
    }
}
