import Foundation

/// The few system calls on file descriptors that cxm needs, with their errors as `errno` values.
enum Descriptor {
    /// Writes all of `bytes`, retrying after interruptions; the error (`errno`) if that fails.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            written += count
        }
        return nil
    }
}
