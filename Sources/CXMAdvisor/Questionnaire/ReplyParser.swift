import CXMRules
import Foundation

/// What someone typed at a question of the interview.
public enum Reply: Sendable, Equatable {
    /// An answer to the question.
    case answer(Value)
    /// Options of a multi-select question that apply, and perhaps others not known (a
    /// trailing `?`: "1, 3, ?").
    case partial(PartialSet)
    /// `-` or `skip`: an explicit unknown.
    case skip
    /// Enter on a question that already has an answer (or was skipped): keep it.
    case keep
    /// `<` or `back`.
    case back
    /// `?` or `help`.
    case help
    /// Not an answer to this question, and why, as a clause ("'agre' is not one of the
    /// options …"): not capitalized, without a full stop; with its code (``ReplyDiagnostic``'s
    /// A01xx, or P02xx for an answer of the wrong kind, as in a profile).
    case invalid(String, code: DiagnosticCode)
}

extension Reply {
    /// A reply refused for this reason.
    static func invalid(_ kind: ReplyDiagnostic) -> Reply {
        let entry = kind.entry
        return .invalid(entry.message, code: entry.code)
    }
}

/// Reads what someone typed at a question into a ``Reply``: an option's number, id or label
/// (case-insensitively); yes or no; a number in the question's range; several options separated
/// by `;`, or by commas or spaces, or `none`, for multi-select questions, ending with `?` when
/// there may be more that are not known ("1, 3, ?"); any text for text questions.
/// Options are matched as in a profile file (``OptionType/position(of:)``), other answers are
/// converted by ``ProfileReader``, so that they mean what they mean in a profile file.
public struct ReplyParser: Sendable {
    /// The rule base whose questions are answered.
    public let ruleBase: RuleBase
    /// The version of the questionnaire the replies answer: for an earlier one, a question that
    /// changed since takes the answers it took then (`formerly old_id: yes -> most`).
    public let version: Int

    /// A parser for the questions of `ruleBase`, as version `version` of its questionnaire asks
    /// them (by default the rules' own).
    public init(ruleBase: RuleBase, version: Int? = nil) {
        self.ruleBase = ruleBase
        self.version = version ?? ruleBase.version
    }

    /// Reads `input` as a reply to the question in `slot`, which has the answer `current` so far.
    public func parse(_ input: String, for slot: SlotID, current: Interview.Answer?) -> Reply {
        let text = input.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "": return current == nil ? .invalid(ReplyDiagnostic.noAnswer) : .keep
        case "?", "help": return .help
        case "<", "back": return .back
        case "-", "skip": return .skip
        default: break
        }
        if let former = ruleBase.formerAnswer(text, for: slot, inVersion: version) { return .answer(former) }
        let answer: Result<Value, Problem>
        switch ruleBase.values[slot].type {
        case .option(let type):
            answer = position(of: text, type: type).map { .option(type: type, position: $0) }
        case .set(let type):
            if let known = PartialSet.knownPart(of: text) {
                switch mask(of: known, type: type) {
                case .success(let mask): return .partial(PartialSet(type: type, includes: mask, excludes: 0))
                case .failure(let problem): return .invalid(problem)
                }
            }
            answer = mask(of: text, type: type).map { .set(type: type, mask: $0) }
        case .boolean, .number, .text, .list:
            switch ProfileReader(ruleBase: ruleBase).value(.string(text), forSlot: slot) {
            case .success(let value?): return .answer(value)
            case .success(nil): return .skip
            case .failure(let problem): return .invalid(problem.message, code: problem.code)
            }
        }
        switch answer {
        case .success(let value): return .answer(value)
        case .failure(let problem): return .invalid(problem)
        }
    }

    /// How to answer the question in `slot`, as one sentence.
    public func instructions(for slot: SlotID) -> String {
        let commands = "? for help, < to go back, or - to skip."
        switch ruleBase.values[slot].type {
        case .option(let type):
            return "Choose 1–\(ruleBase.optionTypes[type].options.count), an option's name, \(commands)"
        case .set(let type):
            return "Choose any of 1–\(ruleBase.optionTypes[type].options.count) or their names, separated by commas or spaces, "
                + "or none; end with ? if there may be more you do not know of (1, 3, ?); \(commands)"
        case .list(let type):
            return "Choose any of 1–\(ruleBase.optionTypes[type].options.count) or their names, separated by commas or spaces, "
                + "or none; \(commands)"
        case .boolean:
            return "Answer yes or no, \(commands)"
        case .number:
            let range = ruleBase.values[slot].range.map { " from \(formatNumber($0.lowerBound)) to \(formatNumber($0.upperBound))" } ?? ""
            return "Give a number\(range), \(commands)"
        case .text:
            return "Type your answer, \(commands)"
        }
    }

    private typealias Problem = ReplyDiagnostic

    /// One option's position, from its number (counted from 1), id or label.
    private func position(of text: String, type index: OptionTypeID) -> Result<Int, Problem> {
        let type = ruleBase.optionTypes[index]
        // Numbers count the options of the questionnaire's version, which lacks those added since.
        let count = type.optionCount(inVersion: version)
        guard text.allSatisfy({ $0.isNumber || "+-.".contains($0) }), let number = Double(text) else {
            if let position = type.position(of: text) { return .success(position) }
            let suggestion = Suggestions.didYouMean(text, in: type.options + type.labels)
            return .failure(.notAnOption(text, count: count, options: type.options, suggestion: suggestion))
        }
        guard number == number.rounded() else { return .failure(.notWhole(text, count: count)) }
        guard number >= 1, number <= Double(count), let position = type.position(number: Int(number), inVersion: version) else {
            return .failure(.outOfRange(text, count: count))
        }
        return .success(position)
    }

    /// The options chosen, as a bit mask over their positions: numbers, ids or labels separated
    /// by `;`, or else by commas or spaces (a label with commas or spaces in it is read whole);
    /// or `none` alone.
    private func mask(of text: String, type index: OptionTypeID) -> Result<UInt64, Problem> {
        let type = ruleBase.optionTypes[index]
        let items = type.listed(in: text, orSpaces: true)
        if items.contains(where: { $0.lowercased() == "none" && type.position(of: $0) == nil }) {
            return items.count == 1 ? .success(0)
                : .failure(.noneWithOptions)
        }
        guard !items.isEmpty else { return .failure(.noOption) }
        var mask: UInt64 = 0
        for item in items {
            switch position(of: item, type: index) {
            case .success(let position): mask |= 1 << UInt64(position)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(mask)
    }
}
