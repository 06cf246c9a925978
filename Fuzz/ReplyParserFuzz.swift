// libFuzzer target for `cxm ask`'s reply parser (ReplyParser): every input is a line typed at
// each question of the bundled rules.
//
// Compiled by Fuzz/run with the other targets and the sources of CXMRules and CXMAdvisor into one
// module, the fuzz executable (so there is no `import`; see Fuzz/FuzzMain.swift). See Fuzz/run
// for how to reproduce a crash.
//
// Invariants (a failed one is a `fatalError`, which libFuzzer reports as a crash); the time an
// input takes is bounded by libFuzzer's -timeout (splitting a long answer was once cubic):
//   1. an answer has the type of its question;
//   2. an answer, written back as `cxm ask` would read it (option ids separated by commas, or
//      `none`; yes/no; the number), reads as the same answer;
//   3. a reason an answer is refused holds no control character, and quotes the input short;
//   4. a partial answer (`1, 3, ?`) is of a multiple-choice question and reads back the same.

import Foundation

private let fuzzParser = ReplyParser(ruleBase: fuzzAdvisor.ruleBase)

/// Checks the rules before fuzzing (see Fuzz/FuzzMain.swift).
func replyParserFuzzSetUp() {
    _ = fuzzParser
}

/// Runs one input (the target's entry in `fuzzTargets`, Fuzz/FuzzMain.swift).
func fuzzReplyParser(_ input: UnsafeBufferPointer<UInt8>) {
    let line = String(decoding: input, as: UTF8.self)
    let ruleBase = fuzzParser.ruleBase
    for slot in ruleBase.questions.indices.map(SlotID.init) {
        switch fuzzParser.parse(line, for: slot, current: nil) {
        case .answer(let value):
            fuzzCheckType(value, of: slot)
            let written = fuzzWritten(value)
            guard case .answer(let again) = fuzzParser.parse(written, for: slot, current: nil), Value.same(again, value) else {
                fatalError("ReplyParserFuzz: \(value) written as '\(written)' does not read back for \(ruleBase.values[slot].name)")
            }
        case .partial(let partial):
            // 4. a partial answer (a trailing `?`) is of a multiple-choice question, names options
            //    of its type, and reads back the same when written with its trailing `?`.
            guard case .set(let type) = ruleBase.values[slot].type, type == partial.type, partial.excludes == 0,
                  partial.includes >> UInt64(ruleBase.optionTypes[type].options.count) == 0 else {
                fatalError("ReplyParserFuzz: \(partial) answers \(ruleBase.values[slot].name)")
            }
            let written = fuzzWritten(.set(type: type, mask: partial.includes)) + ", ?"
            guard case .partial(let again) = fuzzParser.parse(written, for: slot, current: nil), again == partial else {
                fatalError("ReplyParserFuzz: \(partial) written as '\(written)' does not read back for \(ruleBase.values[slot].name)")
            }
        case .invalid(let reason, _):
            guard !fuzzHasControls(reason) else { fatalError("ReplyParserFuzz: a control character in '\(reason)'") }
            let longest = ruleBase.optionTypes.map { $0.options.joined(separator: ", ").count + $0.labels.map(\.count).max()! }.max()!
            guard reason.count < 400 + longest else { fatalError("ReplyParserFuzz: a reason \(reason.count) characters long") }
        case .skip, .keep, .back, .help:
            break
        }
    }
}

/// Stops if `value` is not of the type of the question in `slot`.
private func fuzzCheckType(_ value: Value, of slot: SlotID) {
    let fits = switch (fuzzParser.ruleBase.values[slot].type, value) {
    case (.boolean, .boolean), (.number, .number), (.text, .text): true
    case (.option(let type), .option(let of, _)), (.set(let type), .set(let of, _)), (.list(let type), .list(let of, _)): type == of
    default: false
    }
    guard fits else { fatalError("ReplyParserFuzz: \(value) answers \(fuzzParser.ruleBase.values[slot].name)") }
}

/// An answer as someone would type it.
private func fuzzWritten(_ value: Value) -> String {
    let ruleBase = fuzzParser.ruleBase
    switch value {
    case .boolean(let flag): return flag ? "yes" : "no"
    case .number(let number): return "\(number)"
    case .text(let text): return text
    case .option(let type, let position): return ruleBase.optionTypes[type].options[position]
    case .set(let type, let mask):
        let options = ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
        return options.isEmpty ? "none" : options.map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ", ")
    case .list(let type, let positions): return positions.map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ", ")
    }
}
