import Foundation

/// What Ctrl-C does during a long-running command: print a message prepared beforehand (such as
/// where the work so far is saved) and exit with 130, as shells expect after SIGINT.
enum Interruption {
    /// The message, allocated once so that the signal handler only writes it.
    nonisolated(unsafe) private static var message = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)

    /// From now on, Ctrl-C prints `text` on standard error and exits.
    static func onInterrupt(say text: String) {
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        message = buffer
        signal(SIGINT) { _ in
            _ = write(STDERR_FILENO, Interruption.message.baseAddress, Interruption.message.count)
            _exit(130)
        }
    }
}
