/// A set of answer changes and what a value becomes with all of them.
public struct Counterfactual: Sendable, Hashable {
    /// One question's answer changed: a new option, number or truth value, or, for a
    /// multiple-choice question, another set of options (one change however many options differ).
    public struct Change: Sendable, Hashable {
        /// The question's slot (its position among the questions).
        public let question: SlotID
        /// The answer before (`nil`: missing) and after the change.
        public let from: Value?
        public let to: Value
        /// Other answers to this question, as far from the answer before, that give the same
        /// result with the set's other changes.
        public let equivalents: [Value]
    }

    /// The changes, one per question, in question order.
    public let changes: [Change]
    /// The value's outcome with every change made (`nil`: unknown).
    public let result: Value?
    /// How far the answers move, summed over the changes: positions on a scale, options added
    /// or removed, places among the numbers the rules tell apart; 1 for any other change or
    /// for answering a missing question.
    public let moves: Int
}

/// What a counterfactual search looks for.
public enum CounterfactualGoal: Sendable, Hashable {
    /// Any outcome other than the current one (see ``Value/same(_:_:)``).
    case change
    /// This value.
    case reach(Value)
}

/// How firmly the answers settle a value: how many questions could change it if their answer
/// alone were different (any other answer, any other set of options for a multiple-choice
/// question).
public struct Robustness: Sendable, Hashable, Codable {
    /// The questions with an answer that would change the value (see ``Value/same(_:_:)``).
    public let questionsChanging: Int
    /// Those of them whose changes can only leave the value undecided, not give it another value.
    public let questionsOnlyUnsettling: Int
    /// All questions.
    public let questions: Int
    /// Whether every question was tried before the time limit.
    public let complete: Bool
}

/// The result of ``RuleBase/counterfactuals(to:for:goal:maxChanges:timeLimit:)``.
public struct CounterfactualSearch: Sendable {
    /// The value searched for (its slot) and what it is now.
    public let slot: SlotID
    public let current: Value?
    public let goal: CounterfactualGoal
    /// The sets of the fewest changes that meet the goal, each with its smallest moves: fewest
    /// moves first, then in question order. Every set of fewer changes was tried and fails.
    public let counterfactuals: [Counterfactual]
    /// The questions the value depends on, directly or not, in question order: the only ones
    /// whose answers were changed.
    public let questions: [SlotID]
    /// The largest set size asked for.
    public let maxChanges: Int
    /// The largest size for which every set of changes was tried (and, when sets were found,
    /// failed): "no way with `sizeCompleted` changes".
    public let sizeCompleted: Int
    /// Whether no set of changes, of any size, meets the goal: with every question it
    /// depends on left open, the value is still settled otherwise.
    public let impossible: Bool
    /// Whether the search stopped at its time limit before it was done.
    public let stoppedByTime: Bool
    /// The time the search was allowed, and the evaluations it made.
    public let timeLimit: Duration
    public let evaluations: Int
    /// How many single questions could change the value, whatever the goal.
    public let robustness: Robustness

    /// Whether the search is done: it found the fewest changes, proved there are none, or
    /// tried every set of up to ``maxChanges``. A complete search gives the same result on
    /// every machine.
    public var isComplete: Bool { !stoppedByTime }
}

extension RuleBase {
    /// The fewest answer changes that would change a value, or give it a wanted value.
    ///
    /// A change gives one question another answer: another option, number or truth value, or
    /// another set of options for a multiple-choice question. The search tries sets of 1, 2, …
    /// questions among those the value depends on (see ``Dependencies/questions(affecting:)``)
    /// and stops at the first size that works, so every set found has the fewest questions;
    /// for each set of questions it finds the answers that move least (see
    /// ``Counterfactual/moves``). It prunes with three-valued evaluation: when the value is
    /// settled with the questions of a set (and those after it) left unanswered, no answers
    /// to them can meet the goal. When that holds for all the questions at once, it proves that
    /// no set of any size meets the goal.
    ///
    /// The search works to a time limit and says what it established when it stops early
    /// (``CounterfactualSearch/sizeCompleted``). It is deterministic: a search that completes
    /// gives the same result on every machine; the limit only cuts it off.
    ///
    /// - Parameters:
    ///   - answers: one entry per question, `nil` for a missing answer.
    ///   - target: the value to change, as ``slot(named:)`` gives it (usually a derived value,
    ///     table or output); a slot of another rule base is a programming error.
    ///   - goal: any change, or a given value. A goal equal to the current value finds nothing.
    ///   - maxChanges: the largest set size to try; `nil` for any size.
    ///   - timeLimit: how long the search may take, robustness included.
    public func counterfactuals(to answers: [Value?], for target: SlotID, goal: CounterfactualGoal = .change,
                                maxChanges: Int? = nil, timeLimit: Duration = .seconds(1)) -> CounterfactualSearch {
        let slot = target.index
        precondition(values.indices.contains(slot), "slot \(slot) is not a value of this rule base")
        var searcher = CounterfactualSearcher(ruleBase: self, answers: answers, slot: slot, goal: goal, timeLimit: timeLimit)
        return searcher.run(maxChanges: maxChanges)
    }
}

/// The state of one counterfactual search.
private struct CounterfactualSearcher {
    let ruleBase: RuleBase
    let slot: Int
    let goal: CounterfactualGoal
    let questions: [Int]
    let original: [Value?]
    let current: Value?
    let timeLimit: Duration
    let deadline: ContinuousClock.Instant
    /// The value's steps as a flat program, a frame to evaluate it in, and one to analyse what
    /// it can still be with some questions open.
    var frame: EvaluationFrame
    var possibilities: PossibilityFrame
    var trial: [Value?]
    var evaluations = 0
    var outOfTime = false
    /// Per question: the answers to try, least move first.
    var alternatives: [Int: [(value: Value, moves: Int)]] = [:]

    init(ruleBase: RuleBase, answers: [Value?], slot: Int, goal: CounterfactualGoal, timeLimit: Duration) {
        self.ruleBase = ruleBase
        self.slot = slot
        self.goal = goal
        self.timeLimit = timeLimit
        deadline = .now + timeLimit
        let graph = ruleBase.dependencies
        questions = graph.questions(affecting: slot)
        original = (0..<ruleBase.questionCount).map { $0 < answers.count ? answers[$0] : nil }
        trial = original
        let program = ruleBase.program(for: graph.steps(for: slot))
        frame = EvaluationFrame(program: program)
        possibilities = PossibilityFrame(program: program)
        frame.run(original)
        current = frame.value(of: slot)
        evaluations = 1
        for question in questions { alternatives[question] = ruleBase.moves(for: question, from: original[question]) }
    }

    /// Whether a value meets the goal, or, for `anyChange`, differs from the current one.
    func meets(_ value: Value?, anyChange: Bool = false) -> Bool {
        if anyChange { return !Value.same(value, current) }
        switch goal {
        case .change: return !Value.same(value, current)
        case .reach(let wanted): return Value.same(value, wanted)
        }
    }

    /// Whether the search may run another evaluation: `false` from the first time the deadline
    /// is found passed.
    private mutating func hasTime() -> Bool {
        if !outOfTime, ContinuousClock.now >= deadline { outOfTime = true }
        return !outOfTime
    }

    /// Evaluates the trial answers; `false` once the time is up.
    mutating func evaluate() -> Bool {
        guard hasTime() else { return false }
        evaluations += 1
        frame.run(trial)
        return true
    }

    /// Whether some answers to `open` (the other answers as in the trial) could meet the goal,
    /// as the possible-values analysis tells with them open and the trial's other missing
    /// answers left missing. `nil` when the time is up.
    mutating func possible(opening open: [Int], shapes: [(question: Int, shape: PossibleCell)] = [], anyChange: Bool = false) -> Bool? {
        let saved = open.map { trial[$0] }
        for question in open { trial[question] = nil }
        defer { for (question, answer) in zip(open, saved) { trial[question] = answer } }
        guard hasTime() else { return nil }
        evaluations += 1
        possibilities.run(trial, opening: open, shapes: shapes)
        if case .some(let only) = possibilities.single(slot) { return meets(only, anyChange: anyChange) }
        if !anyChange, case .reach(let wanted) = goal { return possibilities.canBe(slot, wanted) }
        return true
    }

    mutating func run(maxChanges: Int?) -> CounterfactualSearch {
        let robustness = self.robustness()
        let largest = Swift.min(maxChanges ?? questions.count, questions.count)
        var found: [Counterfactual] = []
        var sizeCompleted = 0
        var impossible = false
        let goalIsCurrent = if case .reach(let wanted) = goal { Value.same(wanted, current) } else { false }
        if !goalIsCurrent {
            switch possible(opening: questions) {
            case false?: impossible = true
            case true?:
                var size = 1
                while size <= largest {
                    var chosen: [Int] = []
                    let done = sets(of: size, from: 0, chosen: &chosen, into: &found)
                    if !done || !found.isEmpty { break }
                    sizeCompleted = size
                    size += 1
                }
                if found.isEmpty && sizeCompleted == questions.count { impossible = true }
            case nil: break
            }
        }
        // Fewest moves first; sets with as many keep their question order.
        found = found.enumerated().sorted { ($0.element.moves, $0.offset) < ($1.element.moves, $1.offset) }.map(\.element)
        return CounterfactualSearch(
            slot: SlotID(slot), current: current, goal: goal, counterfactuals: found, questions: questions.map(SlotID.init),
            maxChanges: maxChanges ?? questions.count, sizeCompleted: sizeCompleted, impossible: impossible,
            stoppedByTime: outOfTime, timeLimit: timeLimit, evaluations: evaluations, robustness: robustness)
    }

    // MARK: Sets of questions

    /// Tries every set of `size` questions that extends `chosen` with questions from position
    /// `start` on, skipping those that cannot meet the goal even with all later questions open.
    /// Returns `false` when the time ran out.
    mutating func sets(of size: Int, from start: Int, chosen: inout [Int], into found: inout [Counterfactual]) -> Bool {
        let needed = size - chosen.count
        guard needed > 0 else {
            if let counterfactual = answers(for: chosen) { found.append(counterfactual) }
            return !outOfTime
        }
        guard start + needed <= questions.count else { return true }
        for index in start...(questions.count - needed) {
            chosen.append(questions[index])
            defer { chosen.removeLast() }
            let open = needed == 1 ? chosen : chosen + questions[(index + 1)...]
            guard let possible = possible(opening: open) else { return false }
            if possible, !sets(of: size, from: index + 1, chosen: &chosen, into: &found) { return false }
        }
        return true
    }

    // MARK: Answers to a set of questions

    /// The answers to `chosen` that meet the goal with the fewest moves, each question changed;
    /// `nil` if there are none (or the time ran out).
    mutating func answers(for chosen: [Int]) -> Counterfactual? {
        var best: (answers: [Value], moves: Int, result: Value?)?
        var picked: [Value] = []
        assign(chosen, 0, moves: 0, picked: &picked, best: &best)
        for question in chosen { trial[question] = original[question] }
        guard let best else { return nil }
        // Other answers to each question, as far, with the same result.
        var changes: [Counterfactual.Change] = []
        for (index, question) in chosen.enumerated() {
            for (other, answer) in zip(chosen, best.answers) { trial[other] = answer }
            let moves = ruleBase.distance(question, from: original[question], to: best.answers[index])
            var equivalents: [Value] = []
            for alternative in alternatives[question]! where alternative.moves == moves && alternative.value != best.answers[index] {
                trial[question] = alternative.value
                guard evaluate() else { break }
                if Value.same(frame.value(of: slot), best.result) { equivalents.append(alternative.value) }
            }
            changes.append(Counterfactual.Change(question: SlotID(question), from: original[question], to: best.answers[index],
                                                 equivalents: equivalents))
        }
        for question in chosen { trial[question] = original[question] }
        return Counterfactual(changes: changes, result: best.result, moves: best.moves)
    }

    /// Branch and bound over the answers to `chosen[index...]`, least moves first: a branch is
    /// cut when it cannot beat the best found, or when the questions still open cannot meet the
    /// goal. A multiple-choice question is decided one option at a time (see ``assignSet``).
    mutating func assign(_ chosen: [Int], _ index: Int, moves: Int, picked: inout [Value],
                         best: inout (answers: [Value], moves: Int, result: Value?)?) {
        guard index < chosen.count else {
            guard evaluate() else { return }
            let result = frame.value(of: slot)
            if meets(result) { best = (picked, moves, result) }
            return
        }
        let question = chosen[index]
        if case .set(let type) = ruleBase.values[question].type {
            assignSet(chosen, index, type: type, option: 0, decided: 0, members: 0, moves: moves, picked: &picked, best: &best)
            trial[question] = original[question]
            return
        }
        let rest = Array(chosen[(index + 1)...])
        for alternative in alternatives[question]! {
            // Every later question moves at least once.
            if let best, moves + alternative.moves + rest.count >= best.moves { break }
            trial[question] = alternative.value
            if !rest.isEmpty {
                guard let possible = possible(opening: rest) else { return }
                if !possible { continue }
            }
            picked.append(alternative.value)
            assign(chosen, index + 1, moves: moves + alternative.moves, picked: &picked, best: &best)
            picked.removeLast()
            if outOfTime { return }
        }
        trial[question] = original[question]
    }

    /// Decides a multiple-choice question's options one by one, each kept as it was before
    /// flipped: after each, the options still undecided and the later questions are left open,
    /// so that a branch that cannot meet the goal is cut before its sets are tried one by one.
    mutating func assignSet(_ chosen: [Int], _ index: Int, type: Int, option: Int, decided: UInt64, members: UInt64,
                            moves: Int, picked: inout [Value], best: inout (answers: [Value], moves: Int, result: Value?)?) {
        let question = chosen[index]
        let before: UInt64? = if case .set(_, let mask)? = original[question] { mask } else { nil }
        let flips = ((before ?? 0) ^ members) & decided
        // Answering a missing question is one move, however many options.
        let cost = before == nil ? 1 : flips.nonzeroBitCount
        let rest = Array(chosen[(index + 1)...])
        guard option < ruleBase.optionTypes[type].options.count else {
            guard before == nil || flips != 0 else { return }
            let answer = Value.set(type: type, mask: members)
            trial[question] = answer
            picked.append(answer)
            assign(chosen, index + 1, moves: moves + cost, picked: &picked, best: &best)
            picked.removeLast()
            return
        }
        let bit: UInt64 = 1 << UInt64(option)
        // Keeping an option as it was moves least; answering a missing question is one move
        // whatever the options, so there the fuller set, likelier to work, comes first.
        for flip in before == nil ? [true, false] : [false, true] {
            let has = ((before ?? 0) & bit != 0) != flip
            let nextMembers = has ? members | bit : members
            let nextDecided = decided | bit
            let nextFlips = ((before ?? 0) ^ nextMembers) & nextDecided
            let nextCost = before == nil ? 1 : Swift.max(1, nextFlips.nonzeroBitCount)
            if let best, moves + nextCost + rest.count >= best.moves { continue }
            let all = PossibleValue.all(ruleBase.optionTypes[type].options.count)
            let shape = PossibleCell.sets(surely: nextMembers, perhaps: all & ~(nextDecided & ~nextMembers), type: Int32(type), canBeUnknown: false)
            guard let possible = possible(opening: [question] + rest, shapes: [(question, shape)]) else { return }
            if !possible { continue }
            assignSet(chosen, index, type: type, option: option + 1, decided: nextDecided, members: nextMembers,
                      moves: moves, picked: &picked, best: &best)
            if outOfTime { return }
        }
    }

    // MARK: Robustness

    /// For each question alone: whether another answer would change the value, and whether to
    /// another value or only to unknown. Uses at most a quarter of the time limit.
    mutating func robustness() -> Robustness {
        let stop = ContinuousClock.now + timeLimit / 4
        var changing = 0
        var onlyUnsettling = 0
        var complete = true
        for question in questions {
            guard ContinuousClock.now < stop, let possible = possible(opening: [question], anyChange: true) else {
                complete = false
                break
            }
            guard possible else { continue }
            var toUnknown = false
            var toValue = false
            for alternative in alternatives[question]! {
                trial[question] = alternative.value
                guard ContinuousClock.now < stop, evaluate() else {
                    complete = false
                    break
                }
                let result = frame.value(of: slot)
                if meets(result, anyChange: true) {
                    if result == nil { toUnknown = true } else { toValue = true }
                    if toValue { break }
                }
            }
            trial[question] = original[question]
            if toValue || toUnknown { changing += 1 }
            if toUnknown && !toValue { onlyUnsettling += 1 }
            if !complete { break }
        }
        return Robustness(questionsChanging: changing, questionsOnlyUnsettling: onlyUnsettling,
                          questions: ruleBase.questionCount, complete: complete)
    }
}

extension RuleBase {
    /// How far an answer moves from another (see ``Counterfactual/moves``).
    func distance(_ question: Int, from: Value?, to: Value) -> Int {
        guard let from else { return 1 }
        switch (from, to) {
        case (.option(let type, let a), .option(_, let b)): return optionTypes[type].ordered ? Swift.abs(a - b) : 1
        case (.set(_, let a), .set(_, let b)): return Swift.max(1, (a ^ b).nonzeroBitCount)
        case (.number, .number):
            return moves(for: question, from: from).first { $0.value == to }?.moves ?? 1
        default: return 1
        }
    }

    /// Multiple-choice questions with up to this many options try every other set of options;
    /// those with more, the sets that add or remove up to three.
    static let exhaustiveSetOptions = 12

    /// The answers a what-if search tries for a question, other than its current one, with how
    /// far each moves from it (see ``Counterfactual/moves``), least first, then in the order of
    /// the options, numbers or sets.
    func moves(for question: Int, from current: Value?) -> [(value: Value, moves: Int)] {
        var result: [(value: Value, moves: Int)]
        switch values[question].type {
        case .option(let type):
            let ordered = optionTypes[type].ordered
            result = optionTypes[type].options.indices.map { position in
                guard ordered, case .option(_, let from)? = current else { return (.option(type: type, position: position), 1) }
                return (.option(type: type, position: position), Swift.abs(position - from))
            }
        case .set(let type):
            let count = optionTypes[type].options.count
            let from: UInt64 = if case .set(_, let mask)? = current { mask } else { 0 }
            var flips: [UInt64] = []
            if count <= Self.exhaustiveSetOptions {
                flips = (0..<(UInt64(1) << UInt64(count))).map { $0 }
            } else {
                for a in 0..<count {
                    flips.append(1 << UInt64(a))
                    for b in (a + 1)..<count {
                        flips.append(1 << UInt64(a) | 1 << UInt64(b))
                        for c in (b + 1)..<count { flips.append(1 << UInt64(a) | 1 << UInt64(b) | 1 << UInt64(c)) }
                    }
                }
            }
            result = flips.map { flip in
                (.set(type: type, mask: from ^ flip), current == nil ? 1 : Swift.max(1, flip.nonzeroBitCount))
            }
        case .number:
            let numbers = alternatives(for: question, current: nil).compactMap { if case .number(let n) = $0 { n } else { nil } }
            let from: Double? = if case .number(let n)? = current { n } else { nil }
            let places = Array(Set(numbers + (from.map { [$0] } ?? []))).sorted()
            let origin = from.flatMap { places.firstIndex(of: $0) }
            result = numbers.map { number in
                (.number(number), origin.map { Swift.abs(places.firstIndex(of: number)! - $0) } ?? 1)
            }
        case .boolean:
            result = [(.boolean(true), 1), (.boolean(false), 1)]
        case .text, .list:
            result = []
        }
        return result.enumerated().filter { $0.element.value != current }
            .sorted { ($0.element.moves, $0.offset) < ($1.element.moves, $1.offset) }.map(\.element)
    }
}
