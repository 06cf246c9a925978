import Foundation

/// Where a command's results go: standard output, or a file that is written beside its final
/// name and renamed into place only when complete, so that it is never seen half-written.
/// Writes are buffered.
final class Output {
    private let descriptor: Int32
    /// The final path and the temporary file being written, for a file.
    private let file: (path: String, temporary: String)?
    private var buffer: [UInt8] = []
    /// Whether the file is still being written (neither committed nor discarded).
    private var pending: Bool
    private static let bufferSize = 65_536

    /// Standard output, or a new file at `path`.
    init(path: String?) throws(CommandFailure) {
        guard let path else {
            descriptor = STDOUT_FILENO
            file = nil
            pending = false
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure(.cannotCreate, "\(path) is a folder; give --output a file name")
        }
        let url = URL(fileURLWithPath: path)
        var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Output.failure(path) }
        // mkstemp makes the file private; give it the permissions a new file gets.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        self.descriptor = descriptor
        file = (path, String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        pending = true
    }

    func write(_ text: String) throws(CommandFailure) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Output.bufferSize { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws(CommandFailure) {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Output.failure(file?.path ?? "standard output") }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and, for a file, puts it in place.
    func commit() throws(CommandFailure) {
        try flush()
        guard let file, pending else { return }
        pending = false
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(file.temporary, file.path) == 0 else {
            unlink(file.temporary)
            throw Output.failure(file.path)
        }
    }

    /// Drops a file that was not committed.
    func discard() {
        guard let file, pending else { return }
        pending = false
        close(descriptor)
        unlink(file.temporary)
    }

    private static func failure(_ path: String) -> CommandFailure {
        CommandFailure(.cannotCreate, "cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
