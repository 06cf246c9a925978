import Foundation
import Testing
@testable import CXMRules

/// Counterfactual search: minimal sets of answer changes, wanted values, the evaluation budget,
/// answers that cannot be told apart, and the dependency graph it searches.
@Suite struct CounterfactualTests {
    /// A scale, an enum, and one question on the scale.
    static let shared = """
        scale level: low "Low" < mid "Mid" < high "High"
        enum kind: strong "Strong", weak "Weak"
        question a: level
          step 1
          ask "a"
          cite s "§1"

        """

    /// Three questions averaged into a score, one unrelated question, and a table on the score.
    static let averaged = shared + """
        question b: level
          step 1
          ask "b"
          cite s "§1"
        question c: level
          step 1
          ask "c"
          cite s "§1"
        question unrelated: level
          step 1
          ask "unrelated"
          cite s "§1"
        let score = mean(a, b, c)
        table verdict: kind unique
          cite s "§1"
          | score  | verdict |
          | >= 2.5 | strong  |
          | < 2.5  | weak    |
        rule note
          when unrelated == high
          warn "Unrelated."
          cite s "§1"

        """

    /// A rule-set output that needs two answers to become `strong`.
    static let ruled = shared + """
        question flag: boolean
          step 1
          ask "flag"
          cite s "§1"
        output plan: kind
        rule go
          when flag and a >= high
          set plan = strong
          cite s "§1"
        rule stop
          when not flag
          set plan = weak
          cite s "§1"

        """

    func answers(_ ruleBase: RuleBase, _ json: String) throws -> [Value?] {
        try #require(ProfileReader(ruleBase: ruleBase).read(Array(json.utf8)).0).answers
    }

    /// A set of changes as "question=answer" words, for comparing.
    func words(_ ruleBase: RuleBase, _ set: Counterfactual) -> Set<String> {
        Set(set.changes.map { "\(ruleBase.values[$0.question].name)=\(ruleBase.identifier($0.to))" })
    }

    /// Every minimal set of up to `size` changes that meets the goal, by trying all of them.
    func bruteForce(_ ruleBase: RuleBase, _ answers: [Value?], _ slot: Int, goal: CounterfactualGoal, size: Int,
                    among questions: [Int]? = nil) -> Set<Set<String>> {
        let questions = questions ?? Array(ruleBase.questions.indices)
        let before = ruleBase.evaluate(answers).values[slot].value
        func meets(_ value: Value?) -> Bool {
            if case .reach(let wanted) = goal { return value == wanted }
            return value != before
        }
        var working: [Set<String>] = []
        func extend(_ trial: [Value?], _ chosen: Set<String>, from start: Int) {
            if !chosen.isEmpty, meets(ruleBase.evaluate(trial).values[slot].value) { working.append(chosen) }
            guard chosen.count < size else { return }
            for (index, question) in questions.enumerated() where index >= start {
                for answer in ruleBase.alternatives(for: question, current: answers[question]) {
                    var next = trial
                    next[question] = answer
                    extend(next, chosen.union(["\(ruleBase.values[question].name)=\(ruleBase.identifier(answer))"]), from: index + 1)
                }
            }
        }
        extend(answers, [], from: 0)
        return Set(working.filter { set in !working.contains { $0 != set && $0.isSubset(of: set) } })
    }

    /// Every set a search stands for: each change with its equivalent answers spelt out.
    func expanded(_ ruleBase: RuleBase, _ search: CounterfactualSearch) -> Set<Set<String>> {
        var result: Set<Set<String>> = []
        for set in search.counterfactuals {
            var sets: [Set<String>] = [[]]
            for change in set.changes {
                let name = ruleBase.values[change.question].name
                sets = sets.flatMap { partial in ([change.to] + change.equivalents).map { partial.union(["\(name)=\(ruleBase.identifier($0))"]) } }
            }
            result.formUnion(sets)
        }
        return result
    }

    @Test func findsExactlyTheMinimalSets() throws {
        let base = try compile(Self.averaged)
        let answers = try answers(base, #"{"a": "mid", "b": "mid", "c": "mid", "unrelated": "low"}"#)
        let slot = try #require(base.slot(named: "verdict"))
        let search = base.counterfactuals(to: answers, for: slot, maxChanges: 3)
        #expect(search.current == base.evaluate(answers).values[slot].value)
        #expect(search.counterfactuals.map { words(base, $0) } == [["a=high", "b=high"], ["a=high", "c=high"], ["b=high", "c=high"]])
        #expect(search.counterfactuals.allSatisfy { base.display($0.result) == "Strong" })
        #expect(Set(search.counterfactuals.map { words(base, $0) }) == bruteForce(base, answers, slot, goal: .change, size: 3))
        #expect(search.isComplete && search.sizeCompleted == 3)
        // The unrelated question is never changed, but its answers count as possible changes.
        #expect(search.questions.map { base.values[$0].name } == ["a", "b", "c"])
        #expect(search.robustness == Robustness(changing: 0, possible: 8, questionsChanging: 0, toUnknown: 0, questions: 4))
    }

    @Test func aWantedValueNeedsItsOwnSets() throws {
        let base = try compile(Self.ruled)
        let answers = try answers(base, #"{"a": "low", "flag": false}"#)
        let slot = try #require(base.slot(named: "plan"))
        let strong = try #require(base.evaluate(try self.answers(base, #"{"a": "high", "flag": true}"#)).values[slot].value)
        let reach = base.counterfactuals(to: answers, for: slot, goal: .reach(strong))
        #expect(reach.counterfactuals.map { words(base, $0) } == [["a=high", "flag=true"]])
        #expect(Set(reach.counterfactuals.map { words(base, $0) }) == bruteForce(base, answers, slot, goal: .reach(strong), size: 3))
        // Any change: turning the flag on alone leaves no rule to set the plan, so it becomes
        // unknown; that is a change, and a smaller one.
        let change = base.counterfactuals(to: answers, for: slot)
        #expect(change.counterfactuals.map { words(base, $0) } == [["flag=true"]])
        #expect(change.counterfactuals.map(\.result) == [nil])
        #expect(change.robustness.changing == 1 && change.robustness.toUnknown == 1)
        // Asking for the value it has finds nothing.
        let weak = try #require(base.evaluate(answers).values[slot].value)
        #expect(base.counterfactuals(to: answers, for: slot, goal: .reach(weak)).counterfactuals.isEmpty)
    }

    /// A number that differs from the current one only by rounding is no change, nor is it
    /// another result than a number it equals but for rounding.
    @Test func roundingIsNoChange() throws {
        let base = try compile(Self.shared + """
            let noisy = if a == high then 0.1 + 0.2 else if a == mid then 0.3 else 0.5

            """)
        let slot = try #require(base.slot(named: "noisy"))
        #expect(Value.same(.number(0.1 + 0.2), .number(0.3)) && !Value.same(.number(0.3), .number(0.3000001)))
        #expect(!Value.same(.number(0), nil) && Value.same(nil, nil))
        let mid = base.counterfactuals(to: try answers(base, #"{"a": "mid"}"#), for: slot)
        #expect(mid.counterfactuals.map { words(base, $0) } == [["a=low"]])
        #expect(mid.robustness.changing == 1)
        #expect(base.changes(to: try answers(base, #"{"a": "mid"}"#), thatChange: slot).map(\.result) == [.number(0.5)])
        let low = base.counterfactuals(to: try answers(base, #"{"a": "low"}"#), for: slot, goal: .reach(.number(0.3)))
        #expect(low.counterfactuals.map { words(base, $0) } == [["a=mid"], ["a=high"]])
    }

    @Test func theBudgetBoundsLargerSets() throws {
        let base = try compile(Self.averaged)
        let answers = try answers(base, #"{"a": "low", "b": "low", "c": "mid"}"#)
        let slot = try #require(base.slot(named: "verdict"))
        // Singles are always tried: 1 evaluation as is, then 2 answers for each of 3 questions.
        let search = base.counterfactuals(to: answers, for: slot, maxChanges: 3, budget: 10)
        #expect(search.evaluations == 10)
        #expect(search.sizeCompleted == 1 && !search.isComplete)
        #expect(search.counterfactuals.isEmpty)
        let full = base.counterfactuals(to: answers, for: slot, maxChanges: 3)
        #expect(full.isComplete)
        #expect(full.counterfactuals.map { words(base, $0) } == [["a=high", "b=high"], ["a=mid", "b=high", "c=high"], ["a=high", "b=mid", "c=high"]])
        #expect(Set(full.counterfactuals.map { words(base, $0) }) == bruteForce(base, answers, slot, goal: .change, size: 3))
    }

    @Test func answersTheRulesCannotTellApartAreTriedOnce() throws {
        let base = try compile("""
            enum goal: g1 "One", g2 "Two", g3 "Three", g4 "Four"
            question goals: set of goal
              step 1
              ask "goals"
              cite s "§1"
            question extra: boolean
              step 1
              ask "extra"
              cite s "§1"
            let n = count(goals)
            let big = n + (if extra then 1 else 0) >= 3

            """)
        let answers = try answers(base, #"{"goals": ["g1", "g2"], "extra": false}"#)
        let slot = try #require(base.slot(named: "big"))
        let search = base.counterfactuals(to: answers, for: slot)
        #expect(search.counterfactuals.map { words(base, $0) } == [["goals={g1, g2, g3}"], ["extra=true"]])
        #expect(search.counterfactuals[0].changes[0].equivalents.map(base.identifier) == ["{g1, g2, g4}"])
        #expect(expanded(base, search) == bruteForce(base, answers, slot, goal: .change, size: 2))
        #expect(search.robustness == Robustness(changing: 3, possible: 5, questionsChanging: 2, toUnknown: 0, questions: 2))
        // Every single answer is tried (one evaluation as is, four for `goals`, one for `extra`);
        // the pairs are then those of the two classes of `goals` with `extra`, each holding a
        // set found already.
        #expect(search.evaluations == 6)
    }

    @Test func dependenciesReachTheAnswers() throws {
        let base = try compile(Self.averaged)
        let graph = base.dependencies
        let name = { (slot: Int) in base.values[slot].name }
        #expect(graph.inputs(of: base.slot(named: "verdict")!).map(name) == ["score"])
        #expect(graph.inputs(of: base.slot(named: "score")!).map(name) == ["a", "b", "c"])
        #expect(graph.questions(affecting: base.slot(named: "verdict")!).map(name) == ["a", "b", "c"])
        #expect(graph.dependents(of: base.slot(named: "unrelated")!).rules.map { base.rules[$0].name } == ["note"])
        #expect(graph.inputs(ofRule: 0).map(name) == ["unrelated"])
        // An output depends on what the rules that set it read.
        let ruled = try compile(Self.ruled)
        let plan = ruled.slot(named: "plan")!
        let ruledName = { (slot: Int) in ruled.values[slot].name }
        #expect(ruled.dependencies.rules(setting: plan).map { ruled.rules[$0].name } == ["go", "stop"])
        #expect(ruled.dependencies.inputs(of: plan).map(ruledName) == ["flag", "a"])
        #expect(ruled.dependencies.questions(affecting: plan).map(ruledName) == ["a", "flag"])
    }

    /// On random partial profiles of a rule base that uses every construct, the search finds
    /// exactly the minimal sets that trying every set finds, for every derived value.
    @Test(arguments: 0..<4)
    func matchesTryingEverySet(seed: Int) {
        let base = PropertyTests.everything
        var random = PropertyTests.Random(state: UInt64(500 + seed))
        for _ in 0..<3 {
            var answers = PropertyTests.completeAnswers(base, &random)
            for index in answers.indices where random.below(3) == 0 { answers[index] = nil }
            for slot in base.questions.count..<base.values.count {
                let search = base.counterfactuals(to: answers, for: slot, maxChanges: 2)
                #expect(search.isComplete)
                #expect(expanded(base, search) == bruteForce(base, answers, slot, goal: .change, size: 2), "\(base.values[slot].name)")
            }
        }
    }

    /// On a bundled scenario near both boundaries of the archetype, where many answers to
    /// multiple-choice questions have the same effect, the search finds what trying every
    /// pair of changes to the questions it depends on finds.
    @Test func matchesTryingEverySetOnTheBundledRules() throws {
        let base = PropertyTests.bundled
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/archetype-near-both.json")
        let answers = try #require(ProfileReader(ruleBase: base).read(Array(try Data(contentsOf: url)), allowing: testProfileFormat.otherKeys).0).answers
        let slot = try #require(base.slot(named: "archetype"))
        let search = base.counterfactuals(to: answers, for: slot, maxChanges: 2)
        #expect(search.counterfactuals.contains { !$0.changes[0].equivalents.isEmpty })
        #expect(expanded(base, search) == bruteForce(base, answers, slot, goal: .change, size: 2, among: search.questions))
    }

    /// Answers to questions outside a value's dependencies never change it (bundled rules).
    @Test func questionsOutsideTheDependenciesNeverMatter() {
        let base = PropertyTests.bundled
        var random = PropertyTests.Random(state: 7)
        let answers = PropertyTests.completeAnswers(base, &random)
        for slot in base.values.indices where base.values[slot].watch || base.values[slot].kind == .output {
            let before = base.evaluate(answers).values[slot].value
            let cone = Set(base.dependencies.questions(affecting: slot))
            for question in base.questions.indices where !cone.contains(question) {
                for answer in base.alternatives(for: question, current: answers[question]) {
                    var trial = answers
                    trial[question] = answer
                    #expect(base.evaluate(trial).values[slot].value == before, "\(base.values[slot].name), \(base.values[question].name)")
                }
            }
        }
    }
}
