/// The steps of the evaluation plan that some values need, lowered once for many profiles (see
/// ``RuleBase/possibilityPlan(for:)``).
public struct PossibilityPlan: Sendable {
    let program: FlatProgram
    /// The slots the plan is for, in the order given.
    public let slots: [SlotID]
    /// The program's instructions in runs of steps that the same slots need: bit `i` of
    /// `needs` for `slots[i]` (bit 63 for it and every slot after it).
    let parts: [(instructions: Range<Int>, needs: UInt64)]

    /// Some of a plan's slots, by their position in ``PossibilityPlan/slots``: those whose
    /// possible values a run must give (see ``RuleBase/possibleValues(for:partial:into:selecting:)``).
    public struct Selection: Sendable, Equatable {
        var bits: UInt64 = 0

        /// None of them.
        public init() {}

        /// Every slot of the plan.
        public static let all = Selection(bits: .max)

        private init(bits: UInt64) {
            self.bits = bits
        }

        /// Adds the slot at `position` in the plan's slots.
        public mutating func insert(_ position: Int) {
            bits |= 1 << UInt64(Swift.min(position, 63))
        }

        /// Whether the slot at `position` in the plan's slots is among them.
        public func contains(_ position: Int) -> Bool {
            bits & 1 << UInt64(Swift.min(position, 63)) != 0
        }

        public var isEmpty: Bool { bits == 0 }
    }
}

/// What every value and rule of a rule base can still come to for one profile, whatever the
/// missing answers turn out to be: where a conclusion is unknown or could change, the values
/// still possible (the rows of a table that can still match, the rules that can still fire,
/// the bounds of a score). A presentation of what the evaluation leaves open; it changes no
/// evaluation.
///
/// ```swift
/// let possible = ruleBase.possibleValues(for: profile.answers)
/// possible.values[ruleBase.slot(named: "risk")!]   // e.g. high or severe
/// ```
public struct Possibilities: Sendable {
    /// By slot: the values each can still take.
    public let values: [PossibleValue]
    /// By rule: whether its condition can still hold (true), fail (false) or stay unknown.
    public let rules: [PossibleValue]
}

extension RuleBase {
    /// The values each slot can still take and whether each rule can still fire, when every
    /// missing answer (to a question that applies) may be any answer the question allows, and
    /// each partial answer any set between its known members and its known non-members.
    ///
    /// The result always contains what evaluating the profile with its missing answers filled in
    /// gives, for any way of filling them in. It runs the rule base's flat program over what
    /// each value can be (see ``PossibilityFrame``); values are treated as independent, so it
    /// may contain more. Tables try the combinations of the classes their inputs' values fall
    /// in, and outputs the combinations of the options their rules test, so that a value
    /// decided by one input is exact.
    public func possibleValues(for answers: [Value?], partial: [Int: PartialSet] = [:]) -> Possibilities {
        var frame = makePossibilityFrame()
        frame.run(answers, shapes: shapes(of: partial))
        return possibilities(of: frame)
    }

    /// The values some slots can still take (see ``possibleValues(for:)``), running only the
    /// steps they need; the other slots and rules are left as if nothing were known of them.
    public func possibleValues(for answers: [Value?], partial: [Int: PartialSet] = [:], plan: PossibilityPlan) -> Possibilities {
        var frame = makePossibilityFrame(for: plan)
        frame.run(answers, shapes: shapes(of: partial))
        return possibilities(of: frame)
    }

    /// Analyses a profile's answers into a frame made by ``makePossibilityFrame(for:)``, with
    /// every missing answer open (a partial answer between what is known of it): the path for
    /// many profiles. Read the slots it covers with ``PossibilityFrame/possibleValue(of:)``.
    public func possibleValues(for answers: [Value?], partial: [Int: PartialSet] = [:], into frame: inout PossibilityFrame) {
        frame.run(answers, shapes: shapes(of: partial))
    }

    /// ``possibleValues(for:partial:into:)`` for some of the slots of the frame's plan: it
    /// runs only the steps they need, so read only them (the other slots keep what an earlier
    /// run left). The path for many profiles where a few values are left open.
    public func possibleValues(for answers: [Value?], partial: [Int: PartialSet] = [:], into frame: inout PossibilityFrame,
                               selecting slots: PossibilityPlan.Selection) {
        frame.run(answers, shapes: shapes(of: partial), selecting: slots.bits)
    }

    /// Every slot's and rule's possible values after a run.
    func possibilities(of frame: PossibilityFrame) -> Possibilities {
        Possibilities(values: values.indices.map { frame.possibleValue(of: $0) },
                      rules: rules.indices.map { frame.possibleVerdict(ofRule: $0) })
    }

    /// The steps that the possible values of these slots need, worked out once for many
    /// profiles (as `cxm batch` does for the headline values).
    public func possibilityPlan(for slots: [SlotID]) -> PossibilityPlan {
        var lowering = FlatLowering(ruleBase: self)
        var parts: [(instructions: Range<Int>, needs: UInt64)] = []
        for (step, needs) in dependencies().steps(forEach: slots.map(\.index)) {
            let start = lowering.instructions.count
            lowering.lower([step])
            if let last = parts.last, last.needs == needs {
                parts[parts.count - 1].instructions = last.instructions.lowerBound..<lowering.instructions.count
            } else {
                parts.append((start..<lowering.instructions.count, needs))
            }
        }
        return PossibilityPlan(program: FlatProgram(lowering: lowering), slots: slots, parts: parts)
    }
}
