import CXMRules
import Foundation

/// What someone typed at a question of the interview.
public enum Reply: Sendable, Equatable {
    /// An answer to the question.
    case answer(Value)
    /// `-` or `skip`: an explicit unknown.
    case skip
    /// Enter on a question that already has an answer (or was skipped): keep it.
    case keep
    /// `<` or `back`.
    case back
    /// `?` or `help`.
    case help
    /// Not an answer to this question, and why.
    case invalid(String)
}

/// Reads what someone typed at a question into a ``Reply``: an option's number, id or label
/// (case-insensitively); yes or no; a number in the question's range; several options separated
/// by `;`, or by commas or spaces, or `none`, for multi-select questions; any text for text questions.
/// Answers are converted by ``ProfileReader``, so they mean what they mean in a profile file.
public struct ReplyParser: Sendable {
    /// The rule base whose questions are answered.
    public let ruleBase: RuleBase

    /// A parser for the questions of `ruleBase`.
    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// Reads `input` as a reply to the question in `slot`, which has the answer `current` so far.
    public func parse(_ input: String, for slot: Int, current: Interview.Answer?) -> Reply {
        let text = input.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "": return current == nil ? .invalid("No answer given.") : .keep
        case "?", "help": return .help
        case "<", "back": return .back
        case "-", "skip": return .skip
        default: break
        }
        let json: JSON
        switch ruleBase.values[slot].type {
        case .option(let type):
            switch optionID(text, type: type) {
            case .success(let id): json = .string(id)
            case .failure(let problem): return .invalid(problem.message)
            }
        case .set(let type):
            if text.lowercased() == "none", ruleBase.optionTypes[type].position(of: text) == nil {
                return .answer(.set(type: type, mask: 0))
            }
            switch optionIDs(text, type: type) {
            case .success(let ids): json = .string(ids.joined(separator: ";"))
            case .failure(let problem): return .invalid(problem.message)
            }
        case .boolean, .number, .text, .list:
            json = .string(text)
        }
        switch ProfileReader(ruleBase: ruleBase).value(json, forSlot: slot) {
        case .success(let value?): return .answer(value)
        case .success(nil): return .skip
        case .failure(let problem): return .invalid(sentence(problem.message))
        }
    }

    /// How to answer the question in `slot`, as one sentence.
    public func instructions(for slot: Int) -> String {
        let commands = "? for help, < to go back, or - to skip."
        switch ruleBase.values[slot].type {
        case .option(let type):
            return "Choose 1–\(ruleBase.optionTypes[type].options.count), an option's name, \(commands)"
        case .set(let type), .list(let type):
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

    private struct Problem: Error {
        let message: String
    }

    /// One option's id, from its number (counted from 1), id or label.
    private func optionID(_ text: String, type index: Int) -> Result<String, Problem> {
        let type = ruleBase.optionTypes[index]
        guard text.allSatisfy({ $0.isNumber || "+-.".contains($0) }), let number = Double(text) else {
            // Ids and labels are left to the profile reader, with its "did you mean".
            return .success(text)
        }
        let count = type.options.count
        guard number == number.rounded() else { return .failure(Problem(message: "\(text) is not a whole number between 1 and \(count).")) }
        guard number >= 1, number <= Double(count) else { return .failure(Problem(message: "\(text) is not between 1 and \(count).")) }
        return .success(type.options[Int(number) - 1])
    }

    /// The options' ids from numbers, ids or labels separated by `;`, or else by commas or
    /// spaces; a label with commas or spaces in it is read whole.
    private func optionIDs(_ text: String, type index: Int) -> Result<[String], Problem> {
        var ids: [String] = []
        for item in ruleBase.optionTypes[index].listed(in: text, orSpaces: true) {
            switch optionID(item, type: index) {
            case .success(let id): ids.append(id)
            case .failure(let problem): return .failure(problem)
            }
        }
        return ids.isEmpty ? .failure(Problem(message: "Please choose at least one option, or type none.")) : .success(ids)
    }

    /// A message from the profile reader as a sentence.
    private func sentence(_ message: String) -> String {
        (message.first.map { $0.uppercased() + message.dropFirst() } ?? message) + (message.hasSuffix(".") || message.hasSuffix("?") ? "" : ".")
    }
}
