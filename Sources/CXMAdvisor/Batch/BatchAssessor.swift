import CXMRules
import Synchronization

/// One assessed profile as `cxm batch` shows it: the profile's id, the values the rules mark
/// `headline`, and how many recommendations and warnings apply.
public struct BatchRow: Sendable, Equatable {
    /// The profile's `id`, else its `name`, else the record's file name or line ("line 7").
    public let id: String
    /// The headline values, in the order of ``RuleBase/headlineSlots``, as reports show them (a
    /// value that only one possibility is left for is known); lists (rankings) keep their first
    /// ``BatchAssessor/listLength`` items; `nil` is unknown.
    public let values: [Value?]
    public let recommendations: Int
    public let warnings: Int
    /// For each headline value that missing answers could change, what it can still be; `nil`
    /// where it is settled.
    public let open: [PossibleValue?]
    /// The missing answers (question ids) that could change the headline values, in question
    /// order.
    public let missingAnswers: [String]

    /// A row; by default with every value settled.
    public init(id: String, values: [Value?], recommendations: Int, warnings: Int, open: [PossibleValue?]? = nil, missingAnswers: [String] = []) {
        self.id = id
        self.values = values
        self.recommendations = recommendations
        self.warnings = warnings
        self.open = open ?? values.map { _ in nil }
        self.missingAnswers = missingAnswers
    }
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
    /// The steps the headline values' possible values need.
    private let possibilityPlan: PossibilityPlan

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
        possibilityPlan = advisor.ruleBase.possibilityPlan(for: headlineSlots)
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
        func assess(_ frame: inout EvaluationFrame) -> (outcomes: [Outcome], counts: (recommendations: Int, warnings: Int)) {
            ruleBase.evaluate(profile.answers, into: &frame)
            return (headlineSlots.map { frame.outcome(of: $0) }, frame.adviceCounts)
        }
        var (outcomes, counts) = !profile.partial.isEmpty ? {
            // Partial answers: what they decide comes from the possible-values analysis.
            let evaluation = ruleBase.evaluate(profile.answers, partial: profile.partial)
            return (headlineSlots.map { evaluation.values[$0] }, (evaluation.recommendations.count, evaluation.warnings.count))
        }() : frame.mutex.withLockIfAvailable { frame in assess(&frame) } ?? {
            var own = ruleBase.makeFrame()
            return assess(&own)
        }()
        // The id, else the name with the segment (two segments of one firm are two rows), else
        // where the record is.
        let name = profile.metadata["name"].flatMap { name in name.isEmpty ? nil : profile.metadata["segment"].map { "\(name) (\($0))" } ?? name }
        let id = [profile.metadata["id"], name].compactMap { $0 }.first { !$0.isEmpty } ?? record.fallbackID
        // Where missing answers could change a headline value, what it can still be (computed
        // only then: most rows of a survey are complete).
        var open: [PossibleValue?] = headlineSlots.map { _ in nil }
        var missing = QuestionSet()
        if outcomes.contains(where: { !$0.missing.isEmpty || $0.value == nil }) {
            let possible = ruleBase.possibleValues(for: profile.answers, partial: profile.partial, plan: possibilityPlan)
            for (index, slot) in headlineSlots.enumerated() {
                outcomes[index] = possible.settle(outcomes[index], slot: slot)
                guard !outcomes[index].missing.isEmpty || outcomes[index].value == nil else { continue }
                open[index] = possible.values[slot]
                missing.formUnion(outcomes[index].missing)
            }
        }
        let values = outcomes.map { outcome -> Value? in
            guard case .list(let type, let positions)? = outcome.value else { return outcome.value }
            return .list(type: type, positions: Array(positions.prefix(BatchAssessor.listLength)))
        }
        return .row(BatchRow(id: id, values: values, recommendations: counts.recommendations,
                             warnings: counts.warnings, open: open,
                             missingAnswers: missing.members.map { ruleBase.values[$0].name }))
    }
}

extension RuleBase {
    /// The slots of the values marked `headline`, in declaration order: the columns of a batch row.
    public var headlineSlots: [Int] {
        values.indices.filter { values[$0].headline }
    }
}
