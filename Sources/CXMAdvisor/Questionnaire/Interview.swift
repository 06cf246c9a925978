import CXMRules
import Foundation

/// A guided interview over a rule base's questionnaire: which questions apply given the
/// answers so far, where to go next or back, how far along it is, and the profile it has
/// collected so far, as JSON that `cxm assess` reads.
///
/// A question whose `when` condition the answers so far make false is not asked; an answer it
/// already has is kept in memory (it counts again if the question comes to apply again) but is
/// left out of ``profile`` and ``json()``.
public struct Interview: Sendable {
    /// What the interview holds for one question.
    public enum Answer: Sendable, Equatable {
        /// Skipped: an explicit unknown, saved as `null`.
        case skipped
        case given(Value)
    }

    /// The questions and the order they are asked in.
    public let questionnaire: Questionnaire
    /// The rule base whose questions are asked.
    public var ruleBase: RuleBase { questionnaire.ruleBase }
    /// The answers so far, by question slot; a question without an entry has not been asked.
    public private(set) var answers: [Int: Answer] = [:]
    /// Profile metadata (`id`, `name`, `segment`, `respondent`), kept as given.
    public var metadata: [String: String]

    /// A new interview with no answers.
    public init(ruleBase: RuleBase, metadata: [String: String] = [:]) {
        self.questionnaire = Questionnaire(ruleBase: ruleBase)
        self.metadata = metadata
    }

    /// Continues an interview saved with ``json()`` (or any profile file): a question with a
    /// key in the file counts as asked, `null` as skipped. Returns `nil` and the problems, with
    /// their positions, when the file is not a valid profile.
    public static func resuming(_ bytes: [UInt8], ruleBase: RuleBase) -> (Interview?, [Diagnostic]) {
        let document: LocatedValue<JSON>
        do {
            document = try JSONReader.parse(bytes)
        } catch {
            return (nil, [error.diagnostic])
        }
        let (profile, diagnostics) = ProfileReader(ruleBase: ruleBase).read(document)
        guard let profile, case .object(let members) = document.value else { return (nil, diagnostics) }
        var interview = Interview(ruleBase: ruleBase, metadata: profile.metadata)
        for member in members {
            guard let slot = ruleBase.slot(named: member.key.value), ruleBase.questions.indices.contains(slot) else { continue }
            interview.answers[slot] = profile.answers[slot].map(Answer.given) ?? .skipped
        }
        return (interview, diagnostics)
    }

    /// Records an answer (or a skip) to the question in `slot`.
    public mutating func record(_ answer: Answer, for slot: Int) {
        answers[slot] = answer
    }

    // MARK: Where to go

    /// The questions that apply given the answers so far, in questionnaire order.
    public var applicable: [Int] {
        let notApplicable = Set(ruleBase.evaluate(answerValues(of: answers)).notApplicable)
        return questionnaire.order.filter { !notApplicable.contains($0) }
    }

    /// Where an interview continues: the first question that applies and has not been asked;
    /// `nil` when every question that applies has been answered or skipped.
    public var firstOpen: Int? {
        applicable.first { answers[$0] == nil }
    }

    /// The next question that applies after `slot` in questionnaire order (the first one for
    /// `nil`); `nil` at the end.
    public func next(after slot: Int?) -> Int? {
        let start = slot.flatMap { questionnaire.order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let applicable = Set(self.applicable)
        return questionnaire.order[start...].first { applicable.contains($0) }
    }

    /// The question that applies before `slot` in questionnaire order; `nil` at the start.
    public func previous(before slot: Int) -> Int? {
        let end = questionnaire.order.firstIndex(of: slot) ?? 0
        let applicable = Set(self.applicable)
        return questionnaire.order[..<end].last { applicable.contains($0) }
    }

    /// The question's number among the questions that currently apply, from 1, and how many
    /// apply ("Question 7 of 34").
    public func progress(of slot: Int) -> (number: Int, total: Int) {
        let applicable = self.applicable
        return ((applicable.firstIndex(of: slot) ?? 0) + 1, applicable.count)
    }

    // MARK: What it collected

    /// The answers to the questions that apply, as a profile to assess.
    public var profile: Profile {
        Profile(answers: answerValues(of: relevantAnswers), metadata: metadata)
    }

    /// The profile as JSON: metadata first, then the questions asked, in questionnaire order,
    /// with option ids for options, arrays for sets, and `null` for skipped questions.
    public func json() -> String {
        var members: [(key: String, value: String)] = []
        for key in Advisor.metadataKeys {
            if let value = metadata[key] { members.append((key, Interview.quote(value))) }
        }
        let relevant = relevantAnswers
        for slot in questionnaire.order {
            guard let answer = relevant[slot] else { continue }
            let value: String
            switch answer {
            case .skipped: value = "null"
            case .given(let given): value = json(given)
            }
            members.append((ruleBase.values[slot].name, value))
        }
        guard !members.isEmpty else { return "{}\n" }
        return "{\n" + members.map { "  \(Interview.quote($0.key)): \($0.value)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The answers to questions that apply.
    private var relevantAnswers: [Int: Answer] {
        let applicable = Set(self.applicable)
        return answers.filter { applicable.contains($0.key) }
    }

    private func answerValues(of answers: [Int: Answer]) -> [Value?] {
        ruleBase.questions.indices.map { slot in
            if case .given(let value)? = answers[slot] { return value }
            return nil
        }
    }

    private func json(_ value: Value) -> String {
        switch value {
        case .boolean(let flag): return flag ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { return "null" }
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .text(let text): return Interview.quote(text)
        case .option(let type, let position): return Interview.quote(ruleBase.optionTypes[type].options[position])
        case .set(let type, let mask):
            let options = ruleBase.optionTypes[type].options
            return "[" + options.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { Interview.quote(options[$0]) }.joined(separator: ", ") + "]"
        case .list(let type, let positions):
            return "[" + positions.map { Interview.quote(ruleBase.optionTypes[type].options[$0]) }.joined(separator: ", ") + "]"
        }
    }

    /// A JSON string literal.
    private static func quote(_ text: String) -> String {
        JSONText.string(text)
    }
}
