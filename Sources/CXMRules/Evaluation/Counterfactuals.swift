/// A set of answer changes and what a value becomes with all of them.
public struct Counterfactual: Sendable, Hashable {
    /// One question's answer changed.
    public struct Change: Sendable, Hashable {
        /// The question's slot (its position among the questions).
        public let question: Int
        /// The answer before (`nil`: missing) and after the change.
        public let from: Value?
        public let to: Value
        /// Other answers with the same effect as `to`, alone or with any other changes: the
        /// values that read the question cannot tell them apart. Only `to` was tried.
        public let equivalents: [Value]
    }

    /// The changes, one per question, in question order.
    public let changes: [Change]
    /// The value's outcome with every change made (`nil`: unknown).
    public let result: Value?
}

/// What a counterfactual search looks for.
public enum CounterfactualGoal: Sendable, Hashable {
    /// Any outcome other than the current one (see ``Value/same(_:_:)``).
    case change
    /// This value.
    case reach(Value)
}

/// How many single-answer changes would change a value: a measure of how firmly the answers
/// settle it.
public struct Robustness: Sendable, Hashable, Codable {
    /// The single-answer changes after which the value differs (see ``Value/same(_:_:)``).
    public let changing: Int
    /// Every single-answer change there is to make (see ``RuleBase/changes(to:thatChange:)``
    /// for which answers are tried), over all questions.
    public let possible: Int
    /// The questions with at least one answer that would change the value.
    public let questionsChanging: Int
    /// Those of the `changing` changes after which the value is unknown: they do not give it
    /// another value, they leave it undecided.
    public let toUnknown: Int
    /// All questions.
    public let questions: Int
}

/// The result of ``RuleBase/counterfactuals(to:for:goal:maxChanges:budget:)``.
public struct CounterfactualSearch: Sendable {
    /// The value searched for (its slot) and what it is now.
    public let slot: Int
    public let current: Value?
    public let goal: CounterfactualGoal
    /// The minimal sets of changes that meet the goal: smallest first, then in question order.
    /// No proper subset of one of them meets the goal.
    public let counterfactuals: [Counterfactual]
    /// The questions the value depends on, directly or not, in question order: the only ones
    /// whose answers were changed.
    public let questions: [Int]
    /// The largest set size asked for, and the largest for which every set was tried: equal
    /// unless the budget ran out first.
    public let maxChanges: Int
    public let sizeCompleted: Int
    /// How many evaluations the search was allowed and how many it made.
    public let budget: Int
    public let evaluations: Int
    /// The single-answer changes that change the value, whatever the goal.
    public let robustness: Robustness

    /// Whether every set of up to ``maxChanges`` changes was tried.
    public var isComplete: Bool { sizeCompleted == maxChanges }
}

extension RuleBase {
    /// The smallest sets of answer changes that would change a value, or give it a wanted value.
    ///
    /// Sets are tried by increasing size, 1 to `maxChanges`, over the questions the value depends
    /// on (see ``Dependencies/questions(affecting:)``); each change gives one question another
    /// answer (for sets, one option added or removed; see ``changes(to:thatChange:)``). A set is
    /// reported only if none of its proper subsets already meets the goal, so every reported set
    /// is minimal. Each trial evaluates only the steps the value needs, and answers that the
    /// values reading a question cannot tell apart (adding any one of several options to a
    /// set that only its size counts, say) are tried once, the others given as
    /// ``Counterfactual/Change/equivalents``.
    ///
    /// The single changes are always all tried (they also give the ``Robustness``); larger sets
    /// stop once `budget` evaluations have been made in all, and ``CounterfactualSearch/sizeCompleted``
    /// says how far the search got. Deterministic: the same answers give the same result.
    ///
    /// - Parameters:
    ///   - answers: one entry per question, `nil` for a missing answer.
    ///   - slot: the value to change: its position in ``values``, as ``slot(named:)`` gives it
    ///     (usually a derived value, table or output); any other number is a programming error.
    ///   - goal: any change, or a given value. A goal equal to the current value finds nothing.
    ///   - maxChanges: the largest set size to try (at least 1).
    ///   - budget: the most evaluations to make; only the single changes are tried beyond it.
    public func counterfactuals(to answers: [Value?], for slot: Int, goal: CounterfactualGoal = .change,
                                maxChanges: Int = 3, budget: Int = 20_000) -> CounterfactualSearch {
        precondition(values.indices.contains(slot), "slot \(slot) is not a value of this rule base")
        var search = CounterfactualSearcher(ruleBase: self, answers: answers, slot: slot, goal: goal, budget: budget)
        let maxChanges = Swift.max(1, maxChanges)
        // There are no sets larger than the number of questions to change.
        let largest = Swift.min(maxChanges, search.candidates.count)
        var size = 1
        while !search.goalIsCurrent, size < largest, search.trySets(of: size + 1) { size += 1 }
        let sizeCompleted = size >= largest || search.goalIsCurrent ? maxChanges : size
        return CounterfactualSearch(
            slot: slot, current: search.current, goal: goal, counterfactuals: search.found, questions: search.questions,
            maxChanges: maxChanges, sizeCompleted: sizeCompleted, budget: budget, evaluations: search.evaluations,
            robustness: search.robustness)
    }
}

/// The state of one counterfactual search.
private struct CounterfactualSearcher {
    let ruleBase: RuleBase
    let slot: Int
    let goal: CounterfactualGoal
    let budget: Int
    /// The value's plan, cut down to what it needs.
    let steps: [PlanStep]
    let questions: [Int]
    let original: [Value?]
    let current: Value?
    /// The questions with other answers to try, and those answers in classes that no
    /// combination of changes can tell apart; only the first answer of a class is tried.
    var candidates: [(question: Int, classes: [[Value]])] = []
    var trial: [Value?]
    var evaluations = 0
    var found: [Counterfactual] = []
    /// The sets found, as candidate and class positions (see ``key(_:_:)``), by each of
    /// their keys, for pruning.
    var foundByKey: [Int: [[Int]]] = [:]
    var robustness = Robustness(changing: 0, possible: 0, questionsChanging: 0, toUnknown: 0, questions: 0)

    init(ruleBase: RuleBase, answers: [Value?], slot: Int, goal: CounterfactualGoal, budget: Int) {
        self.ruleBase = ruleBase
        self.slot = slot
        self.goal = goal
        self.budget = budget
        let graph = ruleBase.dependencies
        steps = graph.steps(for: slot)
        questions = graph.questions(affecting: slot)
        original = (0..<ruleBase.questionCount).map { $0 < answers.count ? answers[$0] : nil }
        trial = original
        current = ruleBase.outcomes(answers: original, steps: steps)[slot].value
        evaluations = 1
        trySingles(graph)
    }

    var goalIsCurrent: Bool {
        if case .reach(let wanted) = goal { return Value.same(wanted, current) }
        return false
    }

    func meetsGoal(_ value: Value?) -> Bool {
        switch goal {
        case .change: return !Value.same(value, current)
        case .reach(let wanted): return Value.same(value, wanted)
        }
    }

    /// A candidate answer as one number: the candidate's position and the answer class's.
    static func key(_ candidate: Int, _ answerClass: Int) -> Int { candidate << 16 | answerClass }

    mutating func evaluate() -> [Outcome] {
        evaluations += 1
        return ruleBase.outcomes(answers: trial, steps: steps)
    }

    /// Tries every single change: the sets of one, the robustness figure, and the classes of
    /// answers that the values reading a question cannot tell apart.
    private mutating func trySingles(_ graph: Dependencies) {
        let alternatives = (0..<ruleBase.questionCount).map { ruleBase.alternatives(for: $0, current: original[$0]) }
        let varying = Set(questions.filter { !alternatives[$0].isEmpty })
        var changing = 0
        var toUnknown = 0
        var questionsChanging = 0
        var singles: [(key: Int, result: Value?)] = []
        for question in varying.sorted() {
            let readers = graph.separatingReaders(of: question, for: slot, varying: varying)
            var classes: [[Value]] = []
            var classByReaderValues: [[Value?]: Int] = [:]
            var changesIt = false
            for answer in alternatives[question] {
                trial[question] = answer
                let outcomes = evaluate()
                let result = outcomes[slot].value
                if !Value.same(result, current) {
                    changing += 1
                    if result == nil { toUnknown += 1 }
                    changesIt = true
                }
                if let readers {
                    let readerValues = readers.map { outcomes[$0].value }
                    if let index = classByReaderValues[readerValues] {
                        classes[index].append(answer)
                        continue
                    }
                    classByReaderValues[readerValues] = classes.count
                }
                singles.append((Self.key(candidates.count, classes.count), result))
                classes.append([answer])
            }
            trial[question] = original[question]
            candidates.append((question, classes))
            if changesIt { questionsChanging += 1 }
        }
        for (key, result) in singles where !goalIsCurrent && meetsGoal(result) { record([key], result: result) }
        robustness = Robustness(changing: changing, possible: alternatives.reduce(0) { $0 + $1.count },
                                questionsChanging: questionsChanging, toUnknown: toUnknown, questions: ruleBase.questionCount)
    }

    /// Tries every set of `size` changes that holds no set found before. Returns `false` when
    /// the budget ran out before all were tried.
    mutating func trySets(of size: Int) -> Bool {
        var chosen: [Int] = []
        return extend(&chosen, from: 0, size: size)
    }

    /// Adds one more change to `chosen`, from the candidates at `start` or later.
    private mutating func extend(_ chosen: inout [Int], from start: Int, size: Int) -> Bool {
        let remaining = size - chosen.count
        guard start + remaining <= candidates.count else { return true }
        for index in start...(candidates.count - remaining) {
            let candidate = candidates[index]
            defer { trial[candidate.question] = original[candidate.question] }
            for (position, answers) in candidate.classes.enumerated() {
                let key = Self.key(index, position)
                chosen.append(key)
                defer { chosen.removeLast() }
                // A set holding a smaller one that meets the goal is not minimal, nor is any
                // set made by adding to it. Sets without this key were checked before it.
                if foundByKey[key]?.contains(where: { $0.allSatisfy(chosen.contains) }) == true { continue }
                trial[candidate.question] = answers[0]
                if remaining > 1 {
                    guard extend(&chosen, from: index + 1, size: size) else { return false }
                    continue
                }
                guard evaluations < budget else { return false }
                let result = evaluate()[slot].value
                if meetsGoal(result) { record(chosen, result: result) }
            }
        }
        return true
    }

    private mutating func record(_ keys: [Int], result: Value?) {
        for key in keys { foundByKey[key, default: []].append(keys) }
        let changes = keys.map { key in
            let candidate = candidates[key >> 16]
            let answers = candidate.classes[key & 0xFFFF]
            return Counterfactual.Change(question: candidate.question, from: original[candidate.question],
                                         to: answers[0], equivalents: Array(answers.dropFirst()))
        }
        found.append(Counterfactual(changes: changes, result: result))
    }
}
