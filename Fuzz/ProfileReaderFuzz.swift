// libFuzzer target for profiles: the JSON reader, the profile reader against the bundled rule
// base, diagnostic rendering and evaluation of every profile that reads without errors.
//
// Compiled by Fuzz/run together with the sources of CXMRules into one module (so there is no
// `import CXMRules`) and with a generated file that defines `fuzzBundledRuleFiles`, the text of
// rules/*.cxm at build time. Set CXM_FUZZ_RULES_DIR to a folder of .cxm files to fuzz profiles
// against other rules instead. See Fuzz/run for how to reproduce a crash.

import Foundation

/// The rule base profiles are read against, checked once, on first use.
private let fuzzProfileReader: ProfileReader = {
    let files: [SourceFile]
    if let directory = getenv("CXM_FUZZ_RULES_DIR").map({ String(cString: $0) }), !directory.isEmpty {
        do throws(RuleBaseError) {
            files = try RuleBase.readFiles(directory: URL(fileURLWithPath: directory), displayPath: directory)
        } catch {
            fuzzSetupFailure("cannot read CXM_FUZZ_RULES_DIR: \(error.message)")
        }
    } else {
        files = fuzzBundledRuleFiles.map { SourceFile(path: $0.path, bytes: $0.bytes) }
    }
    let (ruleBase, diagnostics) = RuleBase.check(files: files)
    guard let ruleBase else {
        fuzzSetupFailure("the rule base has errors:\n" + DiagnosticRenderer(files: files).render(diagnostics))
    }
    return ProfileReader(ruleBase: ruleBase)
}()

/// Stops the fuzzer before it starts: a broken set-up is not a finding.
private func fuzzSetupFailure(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ProfileReaderFuzz: \(message)\n".utf8))
    exit(2)
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    // Check the rules before fuzzing, not inside the first run. The rule base lives until exit,
    // and LeakSanitizer cannot follow pointers that Swift stores in enum payloads with tag bits
    // set, so it would report the rule base as leaked at exit: leave it out of leak checking.
    sanitizerHook("__lsan_disable")
    _ = fuzzProfileReader
    sanitizerHook("__lsan_enable")
    return 0
}

/// Calls a `void f(void)` sanitizer interface function if the sanitizer runtime is linked in.
private func sanitizerHook(_ name: String) {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return }
    unsafeBitCast(symbol, to: (@convention(c) () -> Void).self)()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
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
    let reader = fuzzProfileReader
    for allowing in [[], ["expect", "description"]] as [Set<String>] {
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
    return 0
}
