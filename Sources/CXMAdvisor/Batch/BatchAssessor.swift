import CXMRules
import Synchronization

/// One assessed profile as `cxm batch` shows it: the profile's id, the values the rules mark
/// `headline`, and how many recommendations and warnings apply.
public struct BatchRow: Sendable, Equatable {
    /// The profile's `id`, else its `name`, else the record's file name or line ("line 7").
    public internal(set) var id: String
    /// The headline values, in the order of ``RuleBase/headlineSlots``, as reports show them (a
    /// value that only one possibility is left for is known); lists (rankings) keep their first
    /// ``BatchAssessor/listLength`` items; `nil` is unknown.
    public internal(set) var values: [Value?]
    public internal(set) var recommendations: Int
    public internal(set) var warnings: Int
    /// For each headline value that missing answers could change, what it can still be; `nil`
    /// where it is settled.
    public internal(set) var open: [PossibleValue?]
    /// The missing answers (question ids) that could change the headline values, in question
    /// order.
    public internal(set) var missingAnswers: [String]
    /// The firm (its `id`, else its `name`) and the segment, when the profile gives them:
    /// segments of one firm are drawn together.
    public internal(set) var firm: String?
    public internal(set) var segment: String?
    /// Where the profile stands on the matrix (when the rules draw one and both numbers are
    /// known), and the option of the quadrant to aim for (when known).
    public internal(set) var point: Point?

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

/// What became of a record: a row, or a failure (boxed: most rows hand back neither, and a
/// result of a batch's window then takes a sixth of the memory).
public indirect enum BatchOutcome: Sendable {
    case row(BatchRow)
    case failure(BatchFailure)
}

/// Reads batch records as profiles and assesses them. `Sendable`: any number of threads can
/// assess records at once, each in frames of its own (``Frames``), reused from record to record.
public struct BatchAssessor: Sendable {
    public let advisor: Advisor
    /// Keys besides answers and metadata that records may hold, ignored (a scenario's `expect`).
    public let allowing: Set<String>
    private let headlineSlots: [SlotID]
    /// What the possible values of the headline values are worked out with.
    private let plan: PossibilityPlan
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

    /// The workspace of one thread's assessments: a frame for evaluations and one for the
    /// headline values' possible values. Make one per thread with ``makeFrames()`` and pass it
    /// to ``assess(_:in:)`` for each record: after the first few records, assessing allocates
    /// only the row (and, where `cxm batch` writes the row straight to its output, little of that).
    public struct Frames: Sendable {
        var evaluation: EvaluationFrame
        var possibilities: PossibilityFrame
        /// The profile each record is read into, its storage reused.
        var profile = Profile(answers: [])
        /// The thread's own reader of CSV rows.
        var rows = CSVRowReader()
        /// The row of the last record assessed by ``BatchAssessor/assess(_:into:)``: made over
        /// in place for each, so that its arrays keep their memory.
        var row = BatchRow(id: "", values: [], recommendations: 0, warnings: 0)
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
        plan = advisor.ruleBase.possibilityPlan(for: headlineSlots)
        let matrixSlot = advisor.ruleBase.values.firstIndex { $0.matrix != nil }
        let matrix = matrixSlot.flatMap { advisor.ruleBase.values[$0].matrix }
        let pointSlots: [SlotID?] = matrix.map { [$0.x, $0.y, matrixSlot.map(SlotID.init), $0.target] } ?? []
        self.pointSlots = pointSlots
        pointHeadlines = pointSlots.map { slot in slot.flatMap { headlineSlots.firstIndex(of: $0) } }
        optionIDs = advisor.ruleBase.optionTypes.map(\.options)
        reader = ProfileReader(ruleBase: advisor.ruleBase)
        questionNames = advisor.ruleBase.values.map(\.name)
    }

    /// Frames for one thread's assessments.
    public func makeFrames() -> Frames {
        Frames(evaluation: advisor.ruleBase.makeFrame(), possibilities: advisor.ruleBase.makePossibilityFrame(for: plan))
    }

    /// Reads the record and, if it is a valid profile, assesses it in `frames` (made by this
    /// assessor's ``makeFrames()``).
    public func assess(_ record: BatchRecord, in frames: inout Frames) -> BatchOutcome {
        if let failure = assess(record, into: &frames) { return .failure(failure) }
        return .row(frames.row)
    }

    /// ``assess(_:in:)``, leaving the row in `frames` (see ``Frames/row``) instead of handing
    /// it back: a batch's thread writes it out from there, and its arrays are reused for the
    /// next record's row instead of made and freed for each. Returns the failure, if the record
    /// is not a valid profile.
    func assess(_ record: BatchRecord, into frames: inout Frames) -> BatchFailure? {
        let diagnostics = frames.rows.read(record, reader: reader, ruleBase: advisor.ruleBase, allowing: allowing, into: &frames.profile)
        guard !diagnostics.hasErrors else {
            return BatchFailure(source: record.source, diagnostics: diagnostics.filter { $0.severity == .error })
        }
        let profile = frames.profile
        guard profile.partial.isEmpty else {
            // Partial answers: what they decide comes from the possible-values analysis.
            let evaluation = advisor.ruleBase.evaluate(profile.answers, spreads: profile.spreads, partial: profile.partial)
            fill(&frames.row, record, profile, evaluation, possibilities: &frames.possibilities, known: nil)
            return nil
        }
        advisor.ruleBase.evaluate(profile.answers, spreads: profile.spreads, into: &frames.evaluation)
        fill(&frames.row, record, profile, frames.evaluation, possibilities: &frames.possibilities, known: frames.evaluation)
        return nil
    }

    /// Makes `row` the row of an evaluated profile, in place: the headline values and how much
    /// advice applies, no texts; and, where missing answers could change a headline value (or
    /// left it unknown), what it can still be, worked out in `possibilities` (with `known`, the
    /// frame that evaluated the profile, if it did). Most rows of a survey are complete and skip
    /// that.
    private func fill(_ row: inout BatchRow, _ record: BatchRecord, _ profile: Profile, _ evaluated: some EvaluatedProfile,
                      possibilities: inout PossibilityFrame, known: EvaluationFrame?) {
        row.values.removeAll(keepingCapacity: true)
        var open = PossibilityPlan.Selection()
        for (index, slot) in headlineSlots.enumerated() {
            row.values.append(evaluated.value(of: slot))
            if evaluated.isOpen(slot) { open.insert(index) }
        }
        // A value only one known value is left for is that value; the others stay open, with
        // the missing answers that could change them.
        row.open.removeAll(keepingCapacity: true)
        var missing = QuestionSet()
        if !open.isEmpty {
            advisor.ruleBase.possibleValues(for: profile.answers, partial: profile.partial, into: &possibilities, selecting: open, evaluated: known)
        }
        for (index, slot) in headlineSlots.enumerated() {
            let left = open.contains(index) ? possibilities.possibleValue(of: slot) : nil
            if let left, case .some(let single?) = left.single {
                row.values[index] = single
                row.open.append(nil)
            } else {
                row.open.append(left)
                if left != nil { evaluated.formMissingUnion(of: slot, into: &missing) }
            }
        }
        for index in row.values.indices {
            guard case .list(let type, var positions)? = row.values[index], positions.count > BatchAssessor.listLength else { continue }
            // Cut short in place: the row holds the only reference once its value is taken out.
            row.values[index] = nil
            positions.removeSubrange(BatchAssessor.listLength...)
            row.values[index] = .list(type: type, positions: positions)
        }
        let counts = evaluated.adviceCounts
        let (id, firm, segment) = Self.names(profile.metadata)
        row.id = id ?? record.fallbackID
        (row.recommendations, row.warnings) = (counts.recommendations, counts.warnings)
        if missing.isEmpty {
            row.missingAnswers.removeAll(keepingCapacity: true)
        } else {
            row.missingAnswers = missing.names(questionNames)
        }
        (row.firm, row.segment) = (firm, segment)
        row.point = point(values: row.values, evaluated: evaluated)
    }

    /// Where the profile stands on the matrix (when both numbers are known), with the options
    /// of its quadrant and of the quadrant to aim for: as the row shows them where they are
    /// headline values (`values`), else as evaluated (`evaluated`, as are the numbers).
    private func point(values: [Value?], evaluated: some EvaluatedProfile) -> BatchRow.Point? {
        guard !pointSlots.isEmpty, case .number(let x)? = pointSlots[0].flatMap(evaluated.value), case .number(let y)? = pointSlots[1].flatMap(evaluated.value),
              x.isFinite, y.isFinite else { return nil }
        func option(_ index: Int) -> String? {
            let value = pointHeadlines[index].map { values[$0] } ?? pointSlots[index].flatMap(evaluated.value)
            guard case .option(let type, let position)? = value else { return nil }
            return optionIDs[type.index][position]
        }
        return BatchRow.Point(x: x, y: y, option: option(2), target: option(3))
    }

    /// A row's id, firm and segment from the profile's metadata: the id is the `id`, else the
    /// `name` with the segment (two segments of one firm are two rows), else none (the caller
    /// names the row by where the record is, without copying the record into a closure); the
    /// firm is the `id`, else the `name`; empty texts count as none.
    private static func names(_ metadata: [String: String]) -> (id: String?, firm: String?, segment: String?) {
        guard !metadata.isEmpty else { return (nil, nil, nil) }
        // Only an id, as in a survey's rows: nothing to look up.
        if metadata.count == 1, let only = metadata.first, only.key == "id" {
            return only.value.isEmpty ? (nil, nil, nil) : (only.value, only.value, nil)
        }
        let givenID = metadata["id"].flatMap { $0.isEmpty ? nil : $0 }
        let name = metadata["name"].flatMap { $0.isEmpty ? nil : $0 }
        let segment = metadata["segment"]
        let label = name.map { name in segment.map { "\(name) (\($0))" } ?? name }
        return (givenID ?? label, givenID ?? name, segment.flatMap { $0.isEmpty ? nil : $0 })
    }
}
extension RuleBase {
    /// The slots of the values marked `headline`, in declaration order: the columns of a batch row.
    public var headlineSlots: [SlotID] {
        values.indices.filter { values[$0].headline }.map(SlotID.init)
    }
}

/// What a batch row is read from: the frame that evaluated a profile, or, for a profile with
/// partial answers, its ``Evaluation``.
private protocol EvaluatedProfile {
    /// A slot's value (`nil`: unknown).
    func value(of slot: SlotID) -> Value?
    /// Whether missing answers could change a slot's value, or left it unknown.
    func isOpen(_ slot: SlotID) -> Bool
    /// Adds the missing answers that could change a slot's value to `set`.
    func formMissingUnion(of slot: SlotID, into set: inout QuestionSet)
    /// How many recommendations and warnings apply.
    var adviceCounts: (recommendations: Int, warnings: Int) { get }
}

extension EvaluationFrame: EvaluatedProfile {}

extension Evaluation: EvaluatedProfile {
    func value(of slot: SlotID) -> Value? { values[slot].value }

    func isOpen(_ slot: SlotID) -> Bool { !values[slot].missing.isEmpty || values[slot].value == nil }

    func formMissingUnion(of slot: SlotID, into set: inout QuestionSet) { set.formUnion(values[slot].missing) }

    var adviceCounts: (recommendations: Int, warnings: Int) { (recommendations.count, warnings.count) }
}
