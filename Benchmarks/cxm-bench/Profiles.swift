import TestSupport
import CXMRules

/// Deterministic pseudo-random answers to every question of a rule base, with about
/// `missingShare` of them left unanswered.
func makeProfiles(for ruleBase: RuleBase, count: Int, seed: UInt64, missingShare: Double = 0.1) -> [[Value?]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in makeProfile(for: ruleBase, random: &random, missingShare: missingShare) }
}

/// One profile's pseudo-random answers, as ``makeProfiles(for:count:seed:missingShare:)`` makes them.
func makeProfile(for ruleBase: RuleBase, random: inout SplitMix64, missingShare: Double = 0.1) -> [Value?] {
    ruleBase.questions.map { question -> Value? in
        if random.chance(missingShare) { return nil }
        switch question.type {
        case .boolean: return .boolean(random.chance(0.5))
        case .number:
            let range = question.range ?? 0...10_000
            return .number(Double.random(in: range, using: &random).rounded())
        case .text: return .text("free text")
        case .option(let type): return .option(type: type, position: random.int(0..<ruleBase.optionTypes[type].options.count))
        case .set(let type):
            let width = ruleBase.optionTypes[type].options.count
            return .set(type: type, mask: random.next() & (width == 64 ? .max : (1 << UInt64(width)) - 1))
        case .list: return nil
        }
    }
}

/// A profile as the JSON text `cxm assess` reads: option ids, arrays of ids for sets; unanswered
/// questions are written as `null` or left out (depending on the question). `oneLine` writes it
/// as a line of a JSON Lines file.
func profileJSON(_ answers: [Value?], id: Int, ruleBase: RuleBase, oneLine: Bool = false) -> [UInt8] {
    var members = ["\"id\": \"p\(id)\""]
    for (question, answer) in zip(ruleBase.questions, answers) {
        guard let answer else {
            if question.name.count % 2 == 0 { members.append("\"\(question.name)\": null") }
            continue
        }
        let json: String
        switch answer {
        case .boolean(let flag): json = flag ? "true" : "false"
        case .number(let number): json = formatNumber(number)
        case .text(let text): json = "\"\(text)\""
        case .option(let type, let position): json = "\"\(ruleBase.optionTypes[type].options[position])\""
        case .set(let type, let mask):
            let ids = ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
            json = "[" + ids.map { "\"\(ruleBase.optionTypes[type].options[$0])\"" }.joined(separator: ", ") + "]"
        case .list: continue
        }
        members.append("\"\(question.name)\": \(json)")
    }
    if oneLine { return Array(("{" + members.joined(separator: ", ") + "}\n").utf8) }
    return Array(("{\n  " + members.joined(separator: ",\n  ") + "\n}\n").utf8)
}
