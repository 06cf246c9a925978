// The set-up of the fuzz targets that check the bundled rules before fuzzing (profiles, batch):
// Fuzz/run compiles this file into them. Each defines `fuzzSetUp()`, which builds what lives
// until exit, and calls `fuzzSetupFailure` if it cannot.

import Foundation

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    // Set up before fuzzing, not inside the first run. What is set up lives until exit, and
    // LeakSanitizer cannot follow pointers that Swift stores in enum payloads with tag bits set,
    // so it would report the rule base as leaked at exit: leave it out of leak checking.
    sanitizerHook("__lsan_disable")
    fuzzSetUp()
    sanitizerHook("__lsan_enable")
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
