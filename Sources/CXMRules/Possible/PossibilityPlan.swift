/// The steps of the evaluation plan that some values need, lowered once for many profiles (see
/// ``RuleBase/possibilityPlan(for:)``): which of the values needs each step, which steps each
/// question's answer reaches and which steps those read, and which can take their value from an
/// evaluation of the same answers when no missing answer reaches them, as sets of steps that a
/// run combines with its missing answers and the values it is asked for.
public struct PossibilityPlan: Sendable {
    let program: FlatProgram
    /// The slots the plan is for, in the order given.
    public let slots: [SlotID]
    /// The program's instructions, step by step.
    let steps: [PossibilityStep]
    /// Which steps need, reach, read and give which.
    let sets: StepSets

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

        /// Adds the slot at `position` (from 0) in the plan's slots; every position from 63 on
        /// shares the last bit, so selecting one of them selects them all.
        public mutating func insert(_ position: Int) {
            bits |= Self.bit(position)
        }

        /// Whether the slot at `position` (from 0) in the plan's slots is among them.
        public func contains(_ position: Int) -> Bool {
            bits & Self.bit(position) != 0
        }

        /// Whether no slot is selected.
        public var isEmpty: Bool { bits == 0 }

        private static func bit(_ position: Int) -> UInt64 {
            precondition(position >= 0, "a slot's position in a possibility plan is 0 or more, not \(position)")
            return 1 << UInt64(Swift.min(position, 63))
        }
    }
}

/// One step of a possibility plan.
struct PossibilityStep: Sendable {
    /// Its instructions in the plan's program.
    var instructions: Range<Int>
    /// The slot it gives where the analysis works it out exactly once every answer it reads
    /// is given (so that an evaluation's value is its possible value); -1 for rules, texts
    /// and lists, and values that read a respondents' spread or a table past 64 rows,
    /// directly or through others.
    var exactSlot: Int
}

/// Sets of a plan's steps, `words` 64-bit words a set (step `s` is bit `s % 64` of word
/// `s / 64`), laid out one set after another: what a run ANDs and ORs to decide which steps
/// run and which take their value from an evaluation.
struct StepSets: Sendable {
    let words: Int
    /// How many of the plan's slots have sets (the first 64; the 64th stands for it and every
    /// slot after it).
    let slotCount: Int
    /// Per slot of the plan: the steps it needs, and the step that gives it.
    var needed: [UInt64], gives: [UInt64]
    /// Per question: the steps its answer reaches, directly or through others.
    var reached: [UInt64]
    /// The steps that give a slot exactly when no missing answer reaches them (one set).
    var exact: [UInt64]
    /// Per question: the steps whose values the steps its answer reaches read.
    var readByReached: [UInt64]
    /// The steps whose values the steps that are not exact read (one set).
    var readByInexact: [UInt64]

    init(steps: Int, slots: Int, questions: Int) {
        words = (steps + 63) / 64
        slotCount = Swift.min(slots, 64)
        (needed, gives) = (Array(repeating: 0, count: words * slotCount), Array(repeating: 0, count: words * slotCount))
        reached = Array(repeating: 0, count: words * questions)
        exact = Array(repeating: 0, count: words)
        readByReached = Array(repeating: 0, count: words * questions)
        readByInexact = Array(repeating: 0, count: words)
    }

    /// Fills ``readByReached`` and ``readByInexact`` from ``reached``, ``exact`` and the steps
    /// each step reads (`reads`, a set per step).
    mutating func gather(reads: [UInt64]) {
        guard words > 0 else { return }
        for step in 0..<reads.count / words {
            let (word, bit) = (step / 64, UInt64(step % 64))
            let read = reads[step * words..<(step + 1) * words]
            for question in 0..<reached.count / words where reached[question * words + word] >> bit & 1 == 1 {
                for (w, bits) in read.enumerated() { readByReached[question * words + w] |= bits }
            }
            if exact[word] >> bit & 1 == 0 {
                for (w, bits) in read.enumerated() { readByInexact[w] |= bits }
            }
        }
    }

    /// Every set, one array after another (as ``offsets`` says where each starts): the way a
    /// frame keeps them.
    var flattened: [UInt64] { needed + gives + reached + readByReached + exact + readByInexact }

    /// Where each array starts in ``flattened``.
    var offsets: (needed: Int, gives: Int, reached: Int, readByReached: Int, exact: Int, readByInexact: Int) {
        let gives = needed.count, reached = gives + self.gives.count, readByReached = reached + self.reached.count
        let exact = readByReached + self.readByReached.count
        return (0, gives, reached, readByReached, exact, exact + self.exact.count)
    }

    /// Adds `step` to set number `set` of `sets`.
    func insert(_ step: Int, into sets: inout [UInt64], at set: Int) {
        sets[set * words + step / 64] |= 1 << UInt64(step % 64)
    }
}

extension RuleBase {
    /// The steps that the possible values of these slots need, worked out once for many
    /// profiles (as `cxm batch` does for the headline values).
    public func possibilityPlan(for slots: [SlotID]) -> PossibilityPlan {
        let graph = dependencies()
        var lowering = FlatLowering(ruleBase: self)
        let planned = graph.steps(forEach: slots.map(\.index))
        var steps: [PossibilityStep] = []
        var sets = StepSets(steps: planned.count, slots: slots.count, questions: questionCount)
        // Per step: the steps whose values it reads.
        var reads = [UInt64](repeating: 0, count: sets.words * planned.count)
        // The step of each slot and rule, for the steps that read them.
        var stepOfSlot: [Int: Int] = [:], stepOfRule: [Int: Int] = [:]
        // Slots whose analysis may say more than their value even when every answer is given.
        var inexact = Set<Int>()
        for (index, (step, needs)) in planned.enumerated() {
            let start = lowering.instructions.count
            lowering.lower([step])
            let range = start..<lowering.instructions.count
            var slot: Int
            var inputs: [Int]
            switch step {
            case .question(let id, _), .derive(let id, _): (slot, inputs) = (id.index, graph.inputs(of: id.index))
            case .table(let id): slot = compiledTables[id.index].slot; inputs = graph.inputs(of: slot)
            case .rule(let id): (slot, inputs) = (-1, graph.inputs(ofRule: id))
            case .output(let id, let rules):
                (slot, inputs) = (id.index, graph.inputs(of: id.index))
                for rule in rules { if let reader = stepOfRule[rule.index] { sets.insert(reader, into: &reads, at: index) } }
            }
            for input in inputs { if let reader = stepOfSlot[input] { sets.insert(reader, into: &reads, at: index) } }
            for position in 0..<sets.slotCount where needs >> UInt64(position) & 1 == 1 { sets.insert(index, into: &sets.needed, at: position) }
            if case .rule(let id) = step { stepOfRule[id.index] = index }
            if slot >= 0 {
                stepOfSlot[slot] = index
                if let position = slots.firstIndex(of: SlotID(slot)) { sets.insert(index, into: &sets.gives, at: Swift.min(position, 63)) }
                for question in graph.questions(affecting: slot) { sets.insert(index, into: &sets.reached, at: question) }
                let coarse = lowering.instructions[range].contains { instruction in
                    instruction.opcode == .spread || (instruction.opcode == .table && lowering.tables[Int(instruction.a)].rowWords > 1)
                }
                if coarse || values[slot].type == .text || inputs.contains(where: inexact.contains) { inexact.insert(slot) }
                // Texts and lists would be copied.
                var list = false
                if case .list = values[slot].type { list = true }
                if list || inexact.contains(slot) { slot = -1 } else { sets.insert(index, into: &sets.exact, at: 0) }
            }
            steps.append(PossibilityStep(instructions: range, exactSlot: slot))
        }
        sets.gather(reads: reads)
        return PossibilityPlan(program: FlatProgram(lowering: lowering), slots: slots, steps: steps, sets: sets)
    }
}
