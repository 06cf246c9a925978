/// A value as evaluated: known or unknown, and the missing answers that could change it.
///
/// An unknown value always names the missing answers that made it unknown (unless it is
/// unknown because a question did not apply). A known value names missing answers only where
/// it was computed from partial data (`mean_known`) or an explicit fallback.
public struct Outcome: Hashable, Sendable {
    /// The value, or `nil` when it is unknown.
    public var value: Value?
    /// The missing answers that could change this outcome.
    public var missing: QuestionSet
    /// For an unknown number computed from partial answers (see ``PartialSet``): the lowest
    /// and highest it can be, whatever the options not yet known turn out to be; `nil` otherwise.
    public var bounds: ClosedRange<Double>? {
        get { low <= high ? low...high : nil }
        set { (low, high) = newValue.map { ($0.lowerBound, $0.upperBound) } ?? (.infinity, -.infinity) }
    }
    /// The bounds stored as two plain numbers, an empty range (the default) for none: every
    /// evaluation copies outcomes many times, and two numbers copy for free.
    private var low = Double.infinity
    private var high = -Double.infinity

    static let unknown = Outcome(value: nil, missing: QuestionSet())

    init(_ value: Value?, missing: QuestionSet = QuestionSet()) {
        self.value = value
        self.missing = missing
    }

    init(value: Value?, missing: QuestionSet) {
        self.value = value
        self.missing = missing
    }

    var boolean: Bool? {
        if case .boolean(let b)? = value { return b }
        return nil
    }
}

extension Array where Element == Outcome {
    /// The outcome of the value in `slot` (``Evaluation/values``, indexed by ``SlotID``).
    @inlinable public subscript(_ slot: SlotID) -> Outcome { self[slot.index] }
}
