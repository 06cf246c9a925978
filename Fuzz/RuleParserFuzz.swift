// libFuzzer target for the rule language: lexer, parser, checker (including table and condition
// analysis), diagnostic rendering and evaluation.
//
// Compiled by Fuzz/run with the other targets and the sources of CXMRules and CXMAdvisor into one
// module, the fuzz executable (so there is no `import`; see Fuzz/FuzzMain.swift); see Fuzz/run
// for the command line and how to reproduce a crash.
//
// Each input is the text of one rule file, `fuzz.cxm`. When it checks without errors, the rule
// base is evaluated twice with tracing: once with every answer missing, once with answers
// derived from the input bytes (so that evaluation of known values is covered too).

/// Runs one input (the target's entry in `fuzzTargets`, Fuzz/FuzzMain.swift).
func fuzzRuleParser(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = Array(input)
    let files = [SourceFile(path: "fuzz.cxm", bytes: bytes)]
    let (ruleBase, diagnostics) = RuleBase.check(files: files)

    // Rendering touches every range: line/column lookup, snippets and carets. Colour only
    // changes the escapes around the same text, so a few diagnostics cover it.
    _ = DiagnosticRenderer(files: files, color: false).render(diagnostics)
    _ = DiagnosticRenderer(files: files, color: true).render(Array(diagnostics.prefix(3)))

    guard let ruleBase else {
        // No rule base means there was an error: anything else is a bug in the checker.
        if !diagnostics.hasErrors { fatalError("RuleBase.check returned no rule base and no error") }
        return
    }
    if diagnostics.hasErrors { fatalError("RuleBase.check returned a rule base despite errors") }

    let missing: [Value?] = Array(repeating: nil, count: ruleBase.questions.count)
    _ = ruleBase.evaluate(missing, trace: true)
    _ = ruleBase.evaluate(fuzzAnswers(for: ruleBase, from: bytes), trace: true)
}

/// Answers of the right type for every question, chosen deterministically from the input, with
/// about one in five left missing.
private func fuzzAnswers(for ruleBase: RuleBase, from bytes: [UInt8]) -> [Value?] {
    var seed: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01b3 }
    func next() -> UInt64 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return seed >> 33
    }
    return ruleBase.questions.map { question -> Value? in
        if next() % 5 == 0 { return nil }
        switch question.type {
        case .boolean:
            return .boolean(next() % 2 == 0)
        case .number:
            if let range = question.range {
                let steps = Double(next() % 5) / 4
                return .number(range.lowerBound + (range.upperBound - range.lowerBound) * steps)
            }
            return .number(Double(Int(next() % 201) - 100))
        case .text:
            return .text(next() % 2 == 0 ? "" : "fuzz")
        case .option(let type):
            let count = ruleBase.optionTypes[type].options.count
            guard count > 0 else { return nil }
            return .option(type: type, position: Int(next() % UInt64(count)))
        case .set(let type):
            let count = ruleBase.optionTypes[type].options.count
            let all: UInt64 = count >= 64 ? .max : (1 << UInt64(count)) - 1
            return .set(type: type, mask: (next() << 31 ^ next()) & all)
        case .list:
            return nil
        }
    }
}
