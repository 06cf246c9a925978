// libFuzzer target for profiles: the JSON reader, the profile reader against the bundled rule
// base, diagnostic rendering and evaluation of every profile that reads without errors.
//
// Compiled by Fuzz/run with the other targets and the sources of CXMRules and CXMAdvisor into one
// module, the fuzz executable (so there is no `import`; see Fuzz/FuzzMain.swift).
// It reads `fuzzBundledRuleFiles`, the text of rules/*.cxm at build time; set CXM_FUZZ_RULES_DIR to a
// folder of .cxm files to fuzz profiles against other rules instead. See Fuzz/run for how to
// reproduce a crash.

import Foundation

/// The rule base profiles are read against, checked once, on first use.
private let fuzzReader: ProfileReader = {
    let files: [SourceFile]
    if let directory = getenv("CXM_FUZZ_RULES_DIR").map({ String(cString: $0) }), !directory.isEmpty {
        do throws(RuleBaseError) {
            files = try RuleFolder(directory: URL(fileURLWithPath: directory), displayPath: directory).files
        } catch {
            fuzzSetupFailure("cannot read CXM_FUZZ_RULES_DIR: \(error.message)")
        }
    } else {
        files = fuzzBundledRuleFiles.map { SourceFile(path: $0.path, bytes: $0.bytes) }
    }
    let (ruleBase, diagnostics) = RuleBase.check(files: files, format: Advisor.profileFormat)
    guard let ruleBase else {
        fuzzSetupFailure("the rule base has errors:\n" + DiagnosticRenderer(files: files).render(diagnostics))
    }
    return ProfileReader(ruleBase: ruleBase)
}()

/// Checks the rules before fuzzing (see Fuzz/FuzzMain.swift).
func profileReaderFuzzSetUp() {
    _ = fuzzReader
}

/// Runs one input (the target's entry in `fuzzTargets`, Fuzz/FuzzMain.swift).
func fuzzProfileReader(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = Array(input)
    let files = [SourceFile(path: "fuzz.json", bytes: bytes)]
    let renderer = DiagnosticRenderer(files: files, color: false)

    // The JSON reader on its own.
    do {
        _ = try JSONReader.parse(bytes)
    } catch {
        _ = renderer.render(error.diagnostic)
    }

    // The profile reader: plain, and as `cxm assess` and scenario files use it (allowing the
    // keys of CXMAdvisor's Scenario.keys).
    let reader = fuzzReader
    for allowing in [[], reader.ruleBase.profileFormat.otherKeys] {
        let (profile, diagnostics) = reader.read(bytes, allowing: allowing)
        _ = renderer.render(diagnostics)
        guard let profile else {
            if !diagnostics.hasErrors { fatalError("ProfileReader.read returned no profile and no error") }
            continue
        }
        if diagnostics.hasErrors { fatalError("ProfileReader.read returned a profile despite errors") }
        if profile.answers.count != reader.ruleBase.questions.count { fatalError("a profile must have one answer per question") }
        _ = reader.ruleBase.evaluate(profile.answers, trace: true)
    }
}
