/// The steps of the evaluation plan that some values need, lowered once for many profiles (see
/// ``RuleBase/possibilityPlan(for:)``): which of the values needs each step, and which steps
/// can take their value from an evaluation of the same answers when no missing answer reaches
/// them.
public struct PossibilityPlan: Sendable {
    let program: FlatProgram
    /// The slots the plan is for, in the order given.
    public let slots: [SlotID]
    /// The program's instructions, step by step.
    let steps: [PossibilityStep]
    /// The questions each step reads, `words` 64-bit words a step (see
    /// ``PossibilityStep/questions``).
    let questionMasks: [UInt64]

    /// Some of a plan's slots, by their position in ``PossibilityPlan/slots``: those whose
    /// possible values a run must give (see ``RuleBase/possibleValues(for:partial:into:selecting:known:)``).
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

/// One step of a possibility plan.
struct PossibilityStep: Sendable {
    /// Its instructions in the plan's program.
    var instructions: Range<Int>
    /// The plan's slots that need it: bit `i` for slot `i` (bit 63 for it and every slot after).
    var needs: UInt64
    /// The slot it gives where the analysis works it out exactly once every answer it reads
    /// is given (so that an evaluation's value is its possible value); -1 for rules, texts
    /// and lists, and values that read a respondents' spread or a table past 64 rows,
    /// directly or through others.
    var exactSlot: Int
    /// Where the questions it reads start in ``PossibilityPlan/questionMasks``.
    var questions: Int
}

extension RuleBase {
    /// The steps that the possible values of these slots need, worked out once for many
    /// profiles (as `cxm batch` does for the headline values).
    public func possibilityPlan(for slots: [SlotID]) -> PossibilityPlan {
        let graph = dependencies()
        var lowering = FlatLowering(ruleBase: self)
        let words = (questionCount + 1 + 63) / 64
        var steps: [PossibilityStep] = []
        var questionMasks: [UInt64] = []
        // Slots whose analysis may say more than their value even when every answer is given.
        var inexact = Set<Int>()
        for (step, needs) in graph.steps(forEach: slots.map(\.index)) {
            let start = lowering.instructions.count
            lowering.lower([step])
            let range = start..<lowering.instructions.count
            var slot: Int
            switch step {
            case .question(let id, _), .derive(let id, _), .output(let id, _): slot = id.index
            case .table(let id): slot = compiledTables[id.index].slot
            case .rule: slot = -1
            }
            let offset = questionMasks.count
            questionMasks += Array(repeating: 0, count: words)
            if slot >= 0 {
                for question in graph.questions(affecting: slot) { questionMasks[offset + question / 64] |= 1 << UInt64(question % 64) }
                let coarse = lowering.instructions[range].contains { instruction in
                    instruction.opcode == .spread || (instruction.opcode == .table && lowering.tables[Int(instruction.a)].rowWords > 1)
                }
                if coarse || values[slot].type == .text || graph.inputs(of: slot).contains(where: inexact.contains) { inexact.insert(slot) }
                // Texts and lists would be copied.
                var list = false
                if case .list = values[slot].type { list = true }
                if list || inexact.contains(slot) { slot = -1 }
            }
            steps.append(PossibilityStep(instructions: range, needs: needs, exactSlot: slot, questions: offset))
        }
        return PossibilityPlan(program: FlatProgram(lowering: lowering), slots: slots, steps: steps, questionMasks: questionMasks)
    }
}
