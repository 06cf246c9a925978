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
        /// A multi-select answer known in part ("1, 3, ?"), saved as `{"includes": [...]}`.
        case partial(PartialSet)
    }

    /// The questions and the order they are asked in.
    public let questionnaire: Questionnaire
    /// The rule base whose questions are asked.
    public var ruleBase: RuleBase { questionnaire.ruleBase }
    /// The answers so far, by question slot; a question without an entry has not been asked.
    public private(set) var answers: [SlotID: Answer] = [:] {
        didSet { findApplicable() }
    }
    /// Profile metadata (`id`, `name`, `segment`, `respondent`, `date`), kept as given.
    public var metadata: [String: String]
    /// The version of the questionnaire the interview follows: the rules' own, or an earlier
    /// one, as for a script of `cxm ask` written for it. Questions added since are not asked,
    /// questions changed since are asked as they were, and the profile records this version.
    public var version: Int {
        didSet { findApplicable() }
    }
    /// The answers of a resumed profile that were saved under ids of an earlier version.
    public private(set) var renamed: [RenamedAnswer] = []

    /// A new interview with no answers, following version `version` of the questionnaire (by
    /// default the rules' own).
    public init(ruleBase: RuleBase, metadata: [String: String] = [:], version: Int? = nil) {
        self.questionnaire = Questionnaire(ruleBase: ruleBase)
        self.metadata = metadata.filter { $0.key != ProfileReader.versionKey }
        self.version = version ?? ruleBase.version
        findApplicable()
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
        var answers: [SlotID: Answer] = [:]
        for member in members {
            guard let slot = ruleBase.question(named: member.key.value)?.slot else { continue }
            answers[slot] = profile.answers[slot.index].map(Answer.given) ?? profile.partial[slot.index].map(Answer.partial) ?? .skipped
        }
        interview.answers = answers
        interview.renamed = profile.renamed
        return (interview, diagnostics)
    }

    /// Records an answer (or a skip) to the question in `slot`.
    public mutating func record(_ answer: Answer, for slot: SlotID) {
        answers[slot] = answer
    }

    // MARK: Where to go

    /// The questions that apply given the answers so far, in questionnaire order (in the
    /// questionnaire of the interview's ``version``). Kept up to date as answers are recorded.
    public private(set) var applicable: [SlotID] = []

    /// The questions that apply given the answers so far but that the interview's earlier
    /// ``version`` of the questionnaire does not ask, being newer; empty when it follows the
    /// rules' own version. Kept up to date as answers are recorded.
    public private(set) var newerQuestions: [SlotID] = []

    /// Evaluates the answers so far once, for ``applicable`` and ``newerQuestions``; runs
    /// whenever the answers or the version change, so that reading them evaluates nothing.
    private mutating func findApplicable() {
        let evaluation = ruleBase.evaluate(answerValues(of: answers), partial: partialAnswers(of: answers))
        let notApplicable = Set(evaluation.notApplicable)
        guard version < ruleBase.version else {
            applicable = questionnaire.order.filter { !notApplicable.contains($0) }
            newerQuestions = []
            return
        }
        let asked = ruleBase.asked(inVersion: version, evaluation: evaluation)
        applicable = questionnaire.order.filter { asked[$0.index] }
        newerQuestions = questionnaire.order.filter { !asked[$0.index] && !notApplicable.contains($0) && answers[$0] == nil }
    }

    /// Where an interview continues: the first question that applies and has not been asked;
    /// `nil` when every question that applies has been answered or skipped.
    public var firstOpen: SlotID? {
        applicable.first { answers[$0] == nil }
    }

    /// The next question that applies after `slot` in questionnaire order (the first one for
    /// `nil`); `nil` at the end.
    public func next(after slot: SlotID?) -> SlotID? {
        let start = slot.flatMap { questionnaire.order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let applicable = Set(self.applicable)
        return questionnaire.order[start...].first { applicable.contains($0) }
    }

    /// The next question that applies and has not been asked, after `slot` in questionnaire
    /// order, or else before it; `nil` when every question that applies has been asked.
    public func nextOpen(after slot: SlotID) -> SlotID? {
        let applicable = self.applicable
        let start = applicable.firstIndex(of: slot).map { $0 + 1 } ?? 0
        return applicable[start...].first { answers[$0] == nil } ?? applicable.first { answers[$0] == nil }
    }

    /// The question that applies before `slot` in questionnaire order; `nil` at the start.
    public func previous(before slot: SlotID) -> SlotID? {
        let end = questionnaire.order.firstIndex(of: slot) ?? 0
        let applicable = Set(self.applicable)
        return questionnaire.order[..<end].last { applicable.contains($0) }
    }

    /// The question's number among the questions that currently apply, from 1, and how many
    /// apply ("Question 7 of 34").
    public func progress(of slot: SlotID) -> (number: Int, total: Int) {
        let applicable = self.applicable
        return ((applicable.firstIndex(of: slot) ?? 0) + 1, applicable.count)
    }

    // MARK: What it collected

    /// The answers to the questions that apply, as a profile to assess.
    public var profile: Profile {
        let relevant = relevantAnswers
        var profile = Profile(answers: answerValues(of: relevant), metadata: metadata)
        profile.partial = partialAnswers(of: relevant)
        profile.metadata[ProfileReader.versionKey] = String(version)
        profile.renamed = renamed
        return profile
    }

    /// The profile as JSON: metadata first (with the version of the questionnaire followed),
    /// then the questions asked, in questionnaire order, with option ids for options, arrays
    /// for sets, and `null` for skipped questions.
    public func json() -> String {
        var members: [(key: String, value: String)] = []
        for key in Advisor.metadataKeys {
            if let value = metadata[key] { members.append((key, Interview.quote(value))) }
        }
        members.append((ProfileReader.versionKey, String(version)))
        let relevant = relevantAnswers
        for slot in questionnaire.order {
            guard let answer = relevant[slot] else { continue }
            let value: String
            switch answer {
            case .skipped: value = "null"
            case .given(let given): value = json(given)
            case .partial(let partial): value = json(partial)
            }
            members.append((ruleBase.values[slot].name, value))
        }
        return "{\n" + members.map { "  \(Interview.quote($0.key)): \($0.value)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The answers to questions that apply.
    private var relevantAnswers: [SlotID: Answer] {
        let applicable = Set(self.applicable)
        return answers.filter { applicable.contains($0.key) }
    }

    private func answerValues(of answers: [SlotID: Answer]) -> [Value?] {
        ruleBase.questions.indices.map { slot in
            if case .given(let value)? = answers[SlotID(slot)] { return value }
            return nil
        }
    }

    private func partialAnswers(of answers: [SlotID: Answer]) -> [Int: PartialSet] {
        Dictionary(uniqueKeysWithValues: answers.compactMap { slot, answer in
            if case .partial(let partial) = answer { (slot.index, partial) } else { nil }
        })
    }

    /// A partial answer in the notation of profile files: `{"includes": [...]}`, and
    /// `"excludes"` where options are known not to apply.
    private func json(_ partial: PartialSet) -> String {
        let keys = ProfileReader.partialKeys
        var members = [Interview.quote(keys.includes) + ": " + json(.set(type: partial.type, mask: partial.includes))]
        if partial.excludes != 0 { members.append(Interview.quote(keys.excludes) + ": " + json(.set(type: partial.type, mask: partial.excludes))) }
        return "{" + members.joined(separator: ", ") + "}"
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
