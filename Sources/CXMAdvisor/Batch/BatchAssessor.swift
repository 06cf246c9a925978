import CXMRules
import Synchronization

/// One assessed profile as `cxm batch` shows it: the profile's id, the values the rules mark
/// `headline`, and how many recommendations and warnings apply.
public struct BatchRow: Sendable, Equatable {
    /// The profile's `id`, else its `name`, else the record's file name or line ("line 7").
    public let id: String
    /// The headline values, in the order of ``RuleBase/headlineSlots``; lists (rankings) keep
    /// their first ``BatchAssessor/listLength`` items; `nil` is unknown.
    public let values: [Value?]
    public let recommendations: Int
    public let warnings: Int
}

/// A record that could not be read as a profile, and why.
public struct BatchFailure: Sendable {
    /// The record's text, named and numbered as in the input; the diagnostics' ranges refer to it.
    public let source: SourceFile
    /// The errors found.
    public let diagnostics: [Diagnostic]

    /// The line the record starts on (1 for a file of a folder).
    public var line: Int { source.firstLine }
}

/// What became of a record: a row, or a failure.
public enum BatchOutcome: Sendable {
    case row(BatchRow)
    case failure(BatchFailure)
}

/// Reads batch records as profiles and assesses them. `Sendable`: any number of threads can
/// assess records at once, though one assessor per thread is fastest (as ``BatchWorker``s are):
/// each evaluates in a frame of its own, reused from record to record.
public struct BatchAssessor: Sendable {
    public let advisor: Advisor
    /// Keys besides answers and metadata that records may hold, ignored (a scenario's `expect`).
    public let allowing: Set<String>
    private let headlineSlots: [Int]
    private let frame: FrameLock

    /// The assessor's evaluation frame; a thread that finds it in use makes one of its own.
    private final class FrameLock: Sendable {
        let mutex: Mutex<EvaluationFrame>
        init(_ frame: EvaluationFrame) { mutex = Mutex(frame) }
    }

    /// How many items of a list a row keeps.
    public static let listLength = 3

    /// Assesses records with an advisor's rule base; `allowing` names keys a profile may have
    /// besides questions and metadata (``Scenario/keys`` for folders of scenario files).
    public init(advisor: Advisor, allowing: Set<String>) {
        self.advisor = advisor
        self.allowing = allowing
        headlineSlots = advisor.ruleBase.headlineSlots
        frame = FrameLock(advisor.ruleBase.makeFrame())
    }

    /// Reads the record and, if it is a valid profile, assesses it.
    public func assess(_ record: BatchRecord) -> BatchOutcome {
        let reader = ProfileReader(ruleBase: advisor.ruleBase)
        let profile: Profile?
        let diagnostics: [Diagnostic]
        switch record.content {
        case .json:
            (profile, diagnostics) = reader.read(record.source.bytes, allowing: allowing)
        case .csv(let fields, let columns):
            (profile, diagnostics) = reader.read(columns.document(fields, length: record.source.bytes.count), allowing: allowing)
        case .unreadable(let diagnostic):
            (profile, diagnostics) = (nil, [diagnostic])
        }
        guard let profile else {
            return .failure(BatchFailure(source: record.source, diagnostics: diagnostics.filter { $0.severity == .error }))
        }
        // The compact result: the headline values and how much advice applies, no texts.
        let ruleBase = advisor.ruleBase
        let headlineSlots = self.headlineSlots
        func assess(_ frame: inout EvaluationFrame) -> (values: [Value?], counts: (recommendations: Int, warnings: Int)) {
            ruleBase.evaluate(profile.answers, into: &frame)
            let values = headlineSlots.map { slot -> Value? in
                guard case .list(let type, let positions)? = frame.value(of: slot) else { return frame.value(of: slot) }
                return .list(type: type, positions: Array(positions.prefix(BatchAssessor.listLength)))
            }
            return (values, frame.adviceCounts)
        }
        let (values, counts) = frame.mutex.withLockIfAvailable { frame in assess(&frame) } ?? {
            var own = ruleBase.makeFrame()
            return assess(&own)
        }()
        // The id, else the name with the segment (two segments of one firm are two rows), else
        // where the record is.
        let name = profile.metadata["name"].flatMap { name in name.isEmpty ? nil : profile.metadata["segment"].map { "\(name) (\($0))" } ?? name }
        let id = [profile.metadata["id"], name].compactMap { $0 }.first { !$0.isEmpty } ?? record.fallbackID
        return .row(BatchRow(id: id, values: values, recommendations: counts.recommendations, warnings: counts.warnings))
    }
}

extension RuleBase {
    /// The slots of the values marked `headline`, in declaration order: the columns of a batch row.
    public var headlineSlots: [Int] {
        values.indices.filter { values[$0].headline }
    }
}
