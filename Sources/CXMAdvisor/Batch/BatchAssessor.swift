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
    /// The firm (its `id`, else its `name`) and the segment, when the profile gives them:
    /// segments of one firm are drawn together.
    public let firm: String?
    public let segment: String?
    /// Where the profile stands on the matrix (when the rules draw one and both numbers are
    /// known), and the option of the quadrant to aim for (when known).
    public let point: Point?

    /// A place on the matrix, the quadrant the rules place it in, and the quadrant to aim for
    /// (options, when known).
    public struct Point: Sendable, Equatable {
        public let x: Double
        public let y: Double
        public let option: String?
        public let target: String?

        public init(x: Double, y: Double, option: String? = nil, target: String?) {
            self.x = x
            self.y = y
            self.option = option
            self.target = target
        }
    }

    /// A row; by default with every value settled.
    public init(id: String, values: [Value?], recommendations: Int, warnings: Int, open: [PossibleValue?]? = nil, missingAnswers: [String] = [],
                firm: String? = nil, segment: String? = nil, point: Point? = nil) {
        self.id = id
        self.values = values
        self.recommendations = recommendations
        self.warnings = warnings
        self.open = open ?? values.map { _ in nil }
        self.missingAnswers = missingAnswers
        self.firm = firm
        self.segment = segment
        self.point = point
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
    private let headlineSlots: [SlotID]
    private let frames: FramePool
    /// The slots the point on the matrix is made of: its two numbers, and the options of its
    /// quadrant and of the quadrant to aim for; empty without a matrix.
    private let pointSlots: [SlotID?]
    /// For each of those slots, its place among the headline values, if it is one.
    private let pointHeadlines: [Int?]
    /// The options' ids, by option type.
    private let optionIDs: [[String]]
    /// Reads records as profiles of the rule base.
    private let reader: ProfileReader
    /// The questions' ids, by slot.
    private let questionNames: [String]

    /// The assessor's frames, for evaluations and for the headline values' possible values:
    /// each record takes a pair and gives it back, so that there are as many pairs as threads
    /// that assess at once, each reused from record to record.
    private final class FramePool: Sendable {
        typealias Frames = (evaluation: EvaluationFrame, possibilities: PossibilityFrame)
        let ruleBase: RuleBase
        let plan: PossibilityPlan
        let idle = Mutex<[Frames]>([])

        init(ruleBase: RuleBase, plan: PossibilityPlan) {
            self.ruleBase = ruleBase
            self.plan = plan
        }

        func take() -> Frames {
            idle.withLock { $0.popLast() } ?? (ruleBase.makeFrame(), ruleBase.makePossibilityFrame(for: plan))
        }

        func give(_ frames: Frames) {
            idle.withLock { $0.append(frames) }
        }
    }

    /// How many items of a list a row keeps.
    public static let listLength = 3

    /// Assesses records with an advisor's rule base; `allowing` names keys a profile may have
    /// besides questions and metadata (``Scenario/keys`` for folders of scenario files).
    public init(advisor: Advisor, allowing: Set<String>) {
        self.advisor = advisor
        self.allowing = allowing
        let headlineSlots = advisor.ruleBase.headlineSlots
        self.headlineSlots = headlineSlots
        frames = FramePool(ruleBase: advisor.ruleBase, plan: advisor.ruleBase.possibilityPlan(for: headlineSlots))
        let matrixSlot = advisor.ruleBase.values.firstIndex { $0.matrix != nil }
        let matrix = matrixSlot.flatMap { advisor.ruleBase.values[$0].matrix }
        let pointSlots: [SlotID?] = matrix.map { [$0.x, $0.y, matrixSlot.map(SlotID.init), $0.target] } ?? []
        self.pointSlots = pointSlots
        pointHeadlines = pointSlots.map { slot in slot.flatMap { headlineSlots.firstIndex(of: $0) } }
        optionIDs = advisor.ruleBase.optionTypes.map(\.options)
        reader = ProfileReader(ruleBase: advisor.ruleBase)
        questionNames = advisor.ruleBase.values.map(\.name)
    }

    /// Reads the record and, if it is a valid profile, assesses it.
    public func assess(_ record: BatchRecord) -> BatchOutcome {
        let (profile, diagnostics) = record.profile(reader, allowing: allowing)
        guard let profile else {
            return .failure(BatchFailure(source: record.source, diagnostics: diagnostics.filter { $0.severity == .error }))
        }
        // The compact result: the headline values and how much advice applies, no texts.
        var (frame, possibilities) = frames.take()
        defer { frames.give((frame, possibilities)) }
        var values: [Value?]
        let counts: (recommendations: Int, warnings: Int)
        // The values the point on the matrix is made of, and where missing answers could change
        // a headline value, its outcome (the others are settled).
        let coordinates: [Value?]
        var outcomes: [Outcome?] = headlineSlots.map { _ in nil }
        if profile.partial.isEmpty {
            advisor.ruleBase.evaluate(profile.answers, spreads: profile.spreads, into: &frame)
            values = headlineSlots.map { frame.value(of: $0) }
            for (index, slot) in headlineSlots.enumerated() where frame.isOpen(slot) { outcomes[index] = frame.outcome(of: slot) }
            counts = frame.adviceCounts
            coordinates = pointSlots.map { slot in slot.flatMap { frame.value(of: $0) } }
        } else {
            // Partial answers: what they decide comes from the possible-values analysis.
            let evaluation = advisor.ruleBase.evaluate(profile.answers, spreads: profile.spreads, partial: profile.partial)
            values = headlineSlots.map { evaluation.values[$0].value }
            for (index, slot) in headlineSlots.enumerated() {
                let outcome = evaluation.values[slot]
                if !outcome.missing.isEmpty || outcome.value == nil { outcomes[index] = outcome }
            }
            counts = (evaluation.recommendations.count, evaluation.warnings.count)
            coordinates = pointSlots.map { slot in slot.flatMap { evaluation.values[$0].value } }
        }
        // Where missing answers could change a headline value, what it can still be (computed
        // only then: most rows of a survey are complete).
        var open: [PossibleValue?] = headlineSlots.map { _ in nil }
        var missing = QuestionSet()
        var needed = PossibilityPlan.Selection()
        for (index, outcome) in outcomes.enumerated() where outcome != nil { needed.insert(index) }
        if !needed.isEmpty {
            advisor.ruleBase.possibleValues(for: profile.answers, partial: profile.partial, into: &possibilities, selecting: needed)
            for (index, slot) in headlineSlots.enumerated() {
                guard let outcome = outcomes[index] else { continue }
                let possible = possibilities.possibleValue(of: slot)
                let settled = possible.settle(outcome)
                values[index] = settled.value
                guard !settled.missing.isEmpty || settled.value == nil else { continue }
                open[index] = possible
                missing.formUnion(settled.missing)
            }
        }
        // The point on the matrix, with its options today and to aim for as the row shows them.
        var point: BatchRow.Point?
        if case .number(let x)? = coordinates.first ?? nil, case .number(let y)? = coordinates[1], x.isFinite, y.isFinite {
            // A headline value as the row shows it, settled by the possible values; another as evaluated.
            let option = { (index: Int) -> String? in
                let shown = pointHeadlines[index].map { values[$0] }
                guard case .option(let type, let position)? = shown ?? coordinates[index] else { return nil }
                return optionIDs[type.index][position]
            }
            point = BatchRow.Point(x: x, y: y, option: option(2), target: option(3))
        }
        for (index, value) in values.enumerated() {
            guard case .list(let type, let positions)? = value, positions.count > BatchAssessor.listLength else { continue }
            values[index] = .list(type: type, positions: Array(positions.prefix(BatchAssessor.listLength)))
        }
        // The id, else the name with the segment (two segments of one firm are two rows), else
        // where the record is.
        let metadata = profile.metadata
        let (givenID, name, segment) = metadata.isEmpty ? (nil, nil, nil) : (metadata["id"], metadata["name"], metadata["segment"])
        let firm = [givenID, name].compactMap { $0 }.first { !$0.isEmpty }
        let label = name.flatMap { name in name.isEmpty ? nil : segment.map { "\(name) (\($0))" } ?? name }
        let id = [givenID, label].compactMap { $0 }.first { !$0.isEmpty } ?? record.fallbackID
        return .row(BatchRow(id: id, values: values, recommendations: counts.recommendations,
                             warnings: counts.warnings, open: open,
                             missingAnswers: missing.members.map { questionNames[$0.index] },
                             firm: firm, segment: segment.flatMap { $0.isEmpty ? nil : $0 }, point: point))
    }
}

extension RuleBase {
    /// The slots of the values marked `headline`, in declaration order: the columns of a batch row.
    public var headlineSlots: [SlotID] {
        values.indices.filter { values[$0].headline }.map(SlotID.init)
    }
}
