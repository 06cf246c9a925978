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
    /// ``Counterfactual/moves``). Options of a multiple-choice question that the value never
    /// tells apart (see `InterchangeableOptions`) are tried as one: one set per combination of
    /// how many of each kind, the others listed as ``Counterfactual/Change/equivalents``. It
    /// prunes with three-valued evaluation: when the value is
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
    /// Per question: the answers to try, least move first; for a multiple-choice question, one
    /// set per combination of counts of its interchangeable options (see ``classes``).
    var alternatives: [Int: [(value: Value, moves: Int)]] = [:]
    /// Per multiple-choice question: the classes of options the value does not tell apart.
    let classes: [Int: [UInt64]]
    /// Whether every question's answers are all tried (see ``RuleBase/exhaustiveSetAnswers``).
    let triesEveryAnswer: Bool

    init(ruleBase: RuleBase, answers: [Value?], slot: Int, goal: CounterfactualGoal, timeLimit: Duration) {
        self.ruleBase = ruleBase
        self.slot = slot
        self.goal = goal
        self.timeLimit = timeLimit
        deadline = .now + timeLimit
        let graph = ruleBase.dependencies()
        questions = graph.questions(affecting: slot)
        original = (0..<ruleBase.questionCount).map { $0 < answers.count ? answers[$0] : nil }
        trial = original
        let steps = graph.steps(for: slot)
        let program = ruleBase.program(for: steps)
        frame = EvaluationFrame(program: program)
        possibilities = PossibilityFrame(program: program)
        frame.run(original)
        current = frame.value(of: slot)
        evaluations = 1
        let classes = InterchangeableOptions(ruleBase: ruleBase, slot: slot, steps: steps).classes
        self.classes = classes
        triesEveryAnswer = questions.allSatisfy { question in
            guard case .set(let type) = ruleBase.values[question].type else { return true }
            return RuleBase.combinations(of: classes[question] ?? RuleBase.singletons(options: ruleBase.optionTypes[type].options.count))
                <= Double(RuleBase.exhaustiveSetAnswers)
        }
        for question in questions {
            alternatives[question] = ruleBase.moves(for: question, from: original[question], classes: classes[question])
        }
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
    mutating func possible(opening open: [Int], anyChange: Bool = false) -> Bool? {
        let saved = open.map { trial[$0] }
        for question in open { trial[question] = nil }
        defer { for (question, answer) in zip(open, saved) { trial[question] = answer } }
        guard hasTime() else { return nil }
        evaluations += 1
        possibilities.run(trial, opening: open)
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
                // A proof only when every answer of every question was tried.
                if found.isEmpty && sizeCompleted == questions.count && triesEveryAnswer { impossible = true }
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
            for alternative in alternatives[question]! where alternative.moves == moves {
                trial[question] = alternative.value
                if alternative.value != best.answers[index] {
                    guard evaluate() else { break }
                    guard Value.same(frame.value(of: slot), best.result) else { continue }
                }
                // A set stands for every set with as many options of each class, as far (for an
                // unanswered question, any set is as far: the one for each count stands for them).
                let like = original[question] == nil ? [alternative.value]
                    : ruleBase.sets(like: alternative.value, from: original[question], classes: classes[question])
                equivalents += like.filter { $0 != best.answers[index] }.prefix(RuleBase.equivalentSetsListed - equivalents.count)
            }
            changes.append(Counterfactual.Change(question: SlotID(question), from: original[question], to: best.answers[index],
                                                 equivalents: equivalents))
        }
        for question in chosen { trial[question] = original[question] }
        return Counterfactual(changes: changes, result: best.result, moves: best.moves)
    }

    /// Branch and bound over the answers to `chosen[index...]`, least moves first: a branch is
    /// cut when it cannot beat the best found, or when the questions still open cannot meet the
    /// goal.
    mutating func assign(_ chosen: [Int], _ index: Int, moves: Int, picked: inout [Value],
                         best: inout (answers: [Value], moves: Int, result: Value?)?) {
        guard index < chosen.count else {
            guard evaluate() else { return }
            let result = frame.value(of: slot)
            if meets(result) { best = (picked, moves, result) }
            return
        }
        let question = chosen[index]
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

    /// Multiple-choice questions with up to this many combinations of counts of their classes
    /// of options try every one; those with more, the combinations that add or remove up to
    /// three options.
    static let exhaustiveSetAnswers = 4096

    /// The answers a what-if search tries for a question, other than its current one, with how
    /// far each moves from it (see ``Counterfactual/moves``), least first, then in the order of
    /// the options, numbers or sets.
    ///
    /// For a multiple-choice question, one set per combination of how many options of each of
    /// `classes` it holds (by default every option is a class of its own, so every set): the
    /// set that keeps most of the current answer, adding the first options of a class it lacks
    /// and keeping the first it holds.
    func moves(for question: Int, from current: Value?, classes: [UInt64]? = nil) -> [(value: Value, moves: Int)] {
        var result: [(value: Value, moves: Int)]
        switch values[question].type {
        case .option(let type):
            let ordered = optionTypes[type].ordered
            result = optionTypes[type].options.indices.map { position in
                guard ordered, case .option(_, let from)? = current else { return (.option(type: type, position: position), 1) }
                return (.option(type: type, position: position), Swift.abs(position - from))
            }
        case .set(let type):
            let classes = classes ?? Self.singletons(options: optionTypes[type].options.count)
            let from: UInt64 = if case .set(_, let mask)? = current { mask } else { 0 }
            let held = classes.map { (from & $0).nonzeroBitCount }
            let farthest = Self.combinations(of: classes) <= Double(Self.exhaustiveSetAnswers) ? Int.max : 3
            var counts = held
            result = []
            // The first class varies fastest, each from the count it holds outwards.
            func visit(_ index: Int, distance: Int) {
                guard index >= 0 else {
                    let mask = zip(classes, counts).reduce(UInt64(0)) { $0 | Self.members($1.0, count: $1.1, keeping: from) }
                    result.append((.set(type: type, mask: mask), current == nil ? 1 : Swift.max(1, distance)))
                    return
                }
                let size = classes[index].nonzeroBitCount
                for count in (0...size).sorted(by: { (Swift.abs($0 - held[index]), $0) < (Swift.abs($1 - held[index]), $1) }) {
                    let next = distance + Swift.abs(count - held[index])
                    guard next <= farthest else { continue }
                    counts[index] = count
                    visit(index - 1, distance: next)
                }
                counts[index] = held[index]
            }
            visit(classes.count - 1, distance: 0)
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

    /// Every option of a type with `count` options in a class of its own.
    static func singletons(options count: Int) -> [UInt64] {
        (0..<count).map { UInt64(1) << UInt64($0) }
    }

    /// How many combinations of counts of options of `classes` there are.
    static func combinations(of classes: [UInt64]) -> Double {
        classes.reduce(1.0) { $0 * Double($1.nonzeroBitCount + 1) }
    }

    /// `count` options of `options`: those of `current` first, then the first others, in order.
    static func members(_ options: UInt64, count: Int, keeping current: UInt64) -> UInt64 {
        var chosen: UInt64 = 0
        for pool in [options & current, options & ~current] {
            var rest = pool
            while rest != 0 && chosen.nonzeroBitCount < count {
                chosen |= rest & (~rest &+ 1)
                rest &= rest - 1
            }
        }
        return chosen
    }

    /// The most sets ``sets(like:from:classes:)`` lists, and the most equivalents a change has.
    static let equivalentSetsListed = 1000

    /// Every answer as far from `current` as `answer` and with as many options of each class:
    /// for a set, those that add and remove as many options of each class (any set with as
    /// many, when `current` is missing), in order, up to ``equivalentSetsListed``; for any other
    /// answer, itself.
    func sets(like answer: Value, from current: Value?, classes: [UInt64]?) -> [Value] {
        guard case .set(let type, let mask) = answer, let classes else { return [answer] }
        let from: UInt64 = if case .set(_, let before)? = current { before } else { 0 }
        var found: [UInt64] = [0]
        for group in classes {
            let (held, wanted) = ((from & group).nonzeroBitCount, (mask & group).nonzeroBitCount)
            // Options added to those held, or kept of those held.
            let (base, pool, pick) = wanted >= held ? (from & group, group & ~from, wanted - held) : (UInt64(0), from & group, wanted)
            var next: [UInt64] = []
            for choice in Self.subsets(of: pool, size: pick) {
                for partial in found where next.count < Self.equivalentSetsListed { next.append(partial | base | choice) }
            }
            found = next
        }
        return found.sorted().map { .set(type: type, mask: $0) }
    }

    /// The subsets of `pool` with `size` options, in increasing order of their masks.
    static func subsets(of pool: UInt64, size: Int) -> [UInt64] {
        var result: [UInt64] = []
        func visit(_ rest: UInt64, _ chosen: UInt64, _ needed: Int) {
            guard needed > 0 else { return result.append(chosen) }
            guard rest.nonzeroBitCount >= needed, result.count < equivalentSetsListed else { return }
            let lowest = rest & (~rest &+ 1)
            visit(rest & ~lowest, chosen | lowest, needed - 1)
            visit(rest & ~lowest, chosen, needed)
        }
        visit(pool, 0, size)
        return result.sorted()
    }
}
