/// A question named in a profile, a CSV header or a script: by its id, or by an id it had in an
/// earlier version of the rules (`formerly`).
public struct QuestionReference: Sendable, Equatable {
    /// The question's slot.
    public let slot: SlotID
    /// The former id the name was, if it was one.
    public let former: String?
}

/// An answer that reading went through `formerly` for: saved under a question id or with option
/// ids of an earlier version of the rules, and read as the current question and options.
/// Reports say so ("answers saved under an earlier version were read as …").
public struct RenamedAnswer: Sendable, Hashable, Codable {
    /// The question the answer now belongs to.
    public let question: String
    /// The key it was saved under: a former id, or the current id where only options were renamed.
    public let savedKey: String
    /// The former answers or option ids read, as written; empty where only the key was renamed.
    public let savedValues: [String]
    /// The ids of the options they were read as, one for each saved value.
    public let readValues: [String]
}

extension Profile {
    /// The version of the rules the answers were given under (`rules_version`), if recorded.
    public var rulesVersion: Int? {
        metadata[ProfileReader.versionKey].flatMap { Int($0) }
    }
}

extension RuleBase {
    /// The question that `name` names: its id, or an id it had in an earlier version.
    public func question(named name: String) -> QuestionReference? {
        if let slot = slotsByName[name] {
            return slot < questionCount ? QuestionReference(slot: SlotID(slot), former: nil) : nil
        }
        return history.formerSlots[name].map { QuestionReference(slot: SlotID($0), former: name) }
    }

    /// The answers the former id `former` of question `name` took and the rules map (as
    /// JSON Schema values: `Bool`, `Double` or `String`), in no particular order.
    public func formerAnswers(of name: String, former: String) -> [any Sendable] {
        guard let slot = slotsByName[name], slot < questionCount else { return [] }
        return (history.entries[slot].formerAnswers[former] ?? [:]).keys.map { key -> any Sendable in
            switch key {
            case .boolean(let flag): return flag
            case .number(let number): return number
            case .text(let text): return text
            }
        }
    }

    /// Which questions a questionnaire written for version `version` of these rules asks, given
    /// an evaluation of the answers so far: those it asks now, except the questions added since
    /// `version`, and the questions changed since then asked under their earlier condition.
    public func asked(inVersion version: Int, evaluation: Evaluation) -> [Bool] {
        let notApplicable = Set(evaluation.notApplicable)
        let machine = Machine(optionTypes: optionTypes, slots: evaluation.values)
        return (0..<questionCount).map { slot in
            let entry = history.entries[slot]
            guard version < entry.since else { return !notApplicable.contains(SlotID(slot)) }
            guard entry.askedEarlier else { return false }
            guard let condition = entry.earlierCondition else { return !notApplicable.contains(SlotID(slot)) }
            return machine.evaluate(condition).boolean != false
        }
    }

    /// An answer to the question in `slot` as a questionnaire of version `version` took it: an
    /// answer the question's former ids took, mapped as `formerly` says (`yes` → `most`), where
    /// the question changed since then; `nil` where no mapping applies.
    public func formerAnswer(_ text: String, for slot: SlotID, inVersion version: Int) -> Value? {
        let entry = history.entries[slot.index]
        guard version < entry.since else { return nil }
        for former in entry.formerNames {
            if case .success(let value?) = formerAnswer(.string(text), former: former, slot: slot.index) { return value }
        }
        return nil
    }

    /// `json`, saved under the former id `former`, read through its answer map: `nil` inside
    /// the result where the map does not apply (read the answer as usual then).
    func formerAnswer(_ json: JSON, former: String, slot: Int) -> Result<Value?, ProfileReader.Problem> {
        guard let map = history.entries[slot].formerAnswers[former], !map.isEmpty else { return .success(nil) }
        func mapped(_ json: JSON) -> Int? {
            map.first { $0.key.matches(json) }?.value
        }
        switch values[slot].type {
        case .option(let type):
            return .success(mapped(json).map { .option(type: type, position: $0) })
        case .set(let type):
            let items: [JSON]
            switch json {
            case .array(let array): items = array.map(\.value)
            case .string(let text): items = text.split(separator: ";").map { .string(String($0)) }
            default: return .success(nil)
            }
            guard items.contains(where: { mapped($0) != nil }) else { return .success(nil) }
            var mask: UInt64 = 0
            for item in items {
                if let position = mapped(item) {
                    mask |= 1 << UInt64(position)
                } else if case .string(let text) = item, let position = optionTypes[type].position(of: text.trimmingSpaces) {
                    mask |= 1 << UInt64(position)
                } else {
                    return .success(nil)
                }
            }
            return .success(.set(type: type, mask: mask))
        default:
            return .success(nil)
        }
    }
}

extension FormerValue {
    /// Whether a JSON answer is this former answer: the same boolean (or yes/no), number, or
    /// text in any case.
    func matches(_ json: JSON) -> Bool {
        switch (self, json) {
        case (.boolean(let flag), .boolean(let given)): return flag == given
        case (.boolean(let flag), .string(let text)):
            switch text.trimmingSpaces.lowercased() {
            case "true", "yes", "y": return flag
            case "false", "no", "n": return !flag
            default: return false
            }
        case (.number(let number), .number(let given)): return number == given
        case (.number(let number), .string(let text)): return Double(text.trimmingSpaces) == number
        case (.text(let text), .string(let given)): return text.lowercased() == given.trimmingSpaces.lowercased()
        default: return false
        }
    }
}

extension ProfileReader {
    /// The metadata key that records the version of the rules a profile was answered under.
    public static let versionKey = "rules_version"

    /// What reading `json` as the answer to the question in `slot`, under `key`, went through
    /// `formerly` for: the key, answers mapped from a former question, former option ids, and
    /// scale positions counted as version `version` counted them.
    func renaming(_ json: JSON, answer: Value?, key: String, reference: QuestionReference, mappedFormerAnswer: Bool,
                  version: Int) -> RenamedAnswer? {
        let slot = reference.slot.index
        var saved: [String] = []
        var read: [String] = []
        switch (ruleBase.values[slot].type, answer) {
        case (.option(let type), .option(_, let position)?):
            let options = ruleBase.optionTypes[type]
            let text = Self.written(json)
            // Read through the map, a former id or label, or a position counted as an earlier version did.
            let renumbered = options.ordered && version < ruleBase.version && options.changed(since: version)
                && options.currentPosition(of: text) == nil
            if mappedFormerAnswer || (options.currentPosition(of: text) == nil && options.formerPosition(of: text) != nil) || renumbered {
                saved = [text]
                read = [options.options[position]]
            }
        case (.set(let type), .set(_, let mask)?):
            let options = ruleBase.optionTypes[type]
            var items: [String] = []
            switch json {
            case .array(let array): items = array.compactMap { if case .string(let text) = $0.value { return text } else { return nil } }
            case .string(let text): items = text.split(separator: ";").map(String.init)
            default: break
            }
            for item in items.map(\.trimmingSpaces) where options.currentPosition(of: item) == nil {
                let position = options.formerPosition(of: item) ?? reference.former.flatMap { former -> Int? in
                    guard case .success(.set(_, let one)?) = ruleBase.formerAnswer(.string(item), former: former, slot: slot),
                          one.nonzeroBitCount == 1 else { return nil }
                    return one.trailingZeroBitCount
                }
                guard let position, mask & (1 << UInt64(position)) != 0 else { continue }
                saved.append(item)
                read.append(options.options[position])
            }
        default: break
        }
        guard reference.former != nil || !saved.isEmpty else { return nil }
        return RenamedAnswer(question: ruleBase.values[slot].name, savedKey: key, savedValues: saved, readValues: read)
    }

    /// A JSON answer as its file holds it, briefly.
    private static func written(_ json: JSON) -> String {
        switch json {
        case .boolean(let flag): return flag ? "true" : "false"
        case .number(let number): return formatNumber(number)
        case .string(let text): return text.trimmingSpaces
        case .array(let items): return items.map { written($0.value) }.joined(separator: "; ")
        default: return json.kindDescription
        }
    }

    /// Checks a `rules_version` value: a whole number from 1.
    func rulesVersion(_ json: JSON) -> Result<String?, Problem> {
        switch json {
        case .null: return .success(nil)
        case .number(let number) where number == number.rounded() && number >= 1 && number < 1_000_000:
            return .success(formatNumber(number))
        case .string(let text) where Int(text.trimmingSpaces).map({ $0 >= 1 && $0 < 1_000_000 }) == true:
            return .success(text.trimmingSpaces)
        default:
            return .failure(Problem(.notAVersion))
        }
    }
}

extension RuleBase {
    /// How an answer read through `formerly` reads for people, naming the question by its short
    /// label (never by its id): `Rivals on service, saved as “rivals_compete_on_service: true”: Most
    /// of them do`, or `Channels you serve: “web” as Website and app`.
    public func readAs(_ renamed: RenamedAnswer) -> String {
        guard let slot = question(named: renamed.question)?.slot.index else { return "“\(renamed.savedKey)”" }
        let short = values[slot].question?.short ?? renamed.question
        var labels: [String] = []
        if case .option(let index) = values[slot].type { labels = optionTypes[index].labels(of: renamed.readValues) }
        if case .set(let index) = values[slot].type { labels = optionTypes[index].labels(of: renamed.readValues) }
        let saved = renamed.savedValues.map { "“\($0)”" }.joined(separator: ", ")
        let read = labels.joined(separator: "; ")
        guard renamed.savedKey != renamed.question else { return "\(short): \(saved) as \(read)" }
        let key = "“\(renamed.savedKey)\(renamed.savedValues.isEmpty ? "" : ": " + renamed.savedValues.joined(separator: ", "))”"
        return "\(short), saved as \(key)" + (read.isEmpty ? "" : ": \(read)")
    }
}

extension OptionType {
    /// The labels of the options with these ids (ids that name no option are left out).
    func labels(of ids: [String]) -> [String] {
        ids.compactMap { id in options.firstIndex(of: id).map { labels[$0] } }
    }
}
