// The entry points of the fuzz executable. Fuzz/run compiles every fuzz target into one binary,
// .build-fuzz/cxm-fuzz, so that the sources are compiled once, and links each target's name to
// it (.build-fuzz/rule-parser-fuzz, ...): the name it is run by picks the target.

import Foundation

/// A fuzz target: what it builds and checks before fuzzing, and what it does with an input.
struct FuzzTarget: Sendable {
    /// The name `Fuzz/run` knows it by ("rules").
    let name: String
    /// The name of the link to the fuzz executable that runs it ("rule-parser-fuzz").
    let binary: String
    /// Builds what lives until exit, and calls `fuzzSetupFailure` if it cannot.
    let setUp: @Sendable () -> Void
    /// Runs one input; a broken invariant is a `fatalError`, which libFuzzer reports as a crash.
    let run: @Sendable (UnsafeBufferPointer<UInt8>) -> Void
}

/// Every target, as Fuzz/run lists them.
let fuzzTargets = [
    FuzzTarget(name: "rules", binary: "rule-parser-fuzz", setUp: {}, run: fuzzRuleParser),
    FuzzTarget(name: "profiles", binary: "profile-reader-fuzz", setUp: profileReaderFuzzSetUp, run: fuzzProfileReader),
    FuzzTarget(name: "batch", binary: "batch-input-fuzz", setUp: batchInputFuzzSetUp, run: fuzzBatchInput),
    FuzzTarget(name: "replies", binary: "reply-parser-fuzz", setUp: replyParserFuzzSetUp, run: fuzzReplyParser),
    FuzzTarget(name: "writers", binary: "batch-writer-fuzz", setUp: batchWriterFuzzSetUp, run: fuzzBatchWriter),
]

/// The target picked at start; libFuzzer runs inputs on one thread, after `LLVMFuzzerInitialize`.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let invoked = argv.pointee?.pointee.map { String(cString: $0) } ?? "cxm-fuzz"
    let name = URL(fileURLWithPath: invoked).lastPathComponent
    guard let target = fuzzTargets.first(where: { $0.binary == name }) else {
        fuzzSetupFailure("run this fuzz executable by the name of a target (Fuzz/run links them beside it): "
            + fuzzTargets.map(\.binary).joined(separator: ", "))
    }
    selectedTarget = target
    // Set up before fuzzing, not inside the first run. What is set up lives until exit, and
    // LeakSanitizer cannot follow pointers that Swift stores in enum payloads with tag bits set,
    // so it would report the rule base as leaked at exit: leave it out of leak checking.
    sanitizerHook("__lsan_disable")
    target.setUp()
    sanitizerHook("__lsan_enable")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let target = selectedTarget else { fuzzSetupFailure("LLVMFuzzerInitialize did not run") }
    target.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// Stops the fuzzer before it starts: a broken set-up is not a finding.
func fuzzSetupFailure(_ message: String) -> Never {
    let name = URL(fileURLWithPath: CommandLine.arguments.first ?? "fuzz").lastPathComponent
    try? FileHandle.standardError.write(contentsOf: Data("\(name): \(message)\n".utf8))
    exit(2)
}

/// Calls a `void f(void)` sanitizer interface function if the sanitizer runtime is linked in.
private func sanitizerHook(_ name: String) {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return }
    unsafeBitCast(symbol, to: (@convention(c) () -> Void).self)()
}
