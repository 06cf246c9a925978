import Foundation
import Synchronization

/// Writes a command's output to its ``OutputTarget``. Standard output and streams are written as
/// the text comes; a regular file is written to a temporary file beside it
/// (`.NAME.cxm-PID-XXXXXX`) and renamed over it only once complete, keeping its permissions and
/// owner, so that it is never seen half-written and never lost: a failure, Ctrl-C, SIGTERM or
/// SIGHUP removes the temporary file (see ``Termination``), and one left by a killed run is
/// removed by the next run that writes the same file. Writes are buffered.
final class Output {
    private let target: OutputTarget
    private let descriptor: Int32
    /// The temporary file being written, for a regular file, until committed or discarded.
    private var temporary: String?
    /// Whether the descriptor has been closed (a stream or file we opened, once done).
    private var closed = false
    private var buffer: [UInt8] = []
    private static let bufferSize = 65_536

    /// Opens `target`: for a file, a new temporary file beside it.
    init(_ target: OutputTarget) throws(CommandFailure) {
        self.target = target
        switch target.kind {
        case .standardOutput:
            descriptor = STDOUT_FILENO
        case .stream(let inherited?):
            descriptor = inherited
        case .stream(nil):
            // Not blocking: a FIFO that no program reads is refused at once instead of hanging.
            let opened = open(target.path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard opened >= 0 else {
                throw errno == ENXIO
                    ? CommandFailure(.cannotCreate, "cannot write \(target.path): no program is reading it")
                    : OutputTarget.failure(target.path, errno)
            }
            _ = fcntl(opened, F_SETFL, fcntl(opened, F_GETFL) & ~O_NONBLOCK)
            descriptor = opened
        case .file(let existing):
            Output.sweepStaleTemporaryFiles(of: target)
            var template = Array("\(target.folder)/.\(target.name).cxm-\(getpid())-XXXXXX".utf8CString)
            var opened: Int32 = -1
            var error: Int32 = 0
            let created = Termination.adopt {
                opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                error = errno
                return opened < 0 ? nil : String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            guard let path = created else { throw OutputTarget.failure(target.path, error) }
            if let existing {
                // A replacement keeps the file's permissions and, where it may, its owner.
                fchmod(opened, existing.st_mode & 0o7777)
                if existing.st_uid != geteuid() || existing.st_gid != getegid() { _ = fchown(opened, existing.st_uid, existing.st_gid) }
            } else {
                // mkstemp makes the file private; give it the permissions a new file gets.
                let mask = umask(0)
                umask(mask)
                fchmod(opened, 0o666 & ~mask)
            }
            descriptor = opened
            temporary = path
        }
    }

    func write(_ text: String) throws(CommandFailure) {
        guard !text.isEmpty else { return }  // as most rows' prefixes are
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Output.bufferSize { try flush() }
    }

    /// Writes text already encoded as UTF-8.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Output.bufferSize { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws(CommandFailure) {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard case .standardOutput = target.kind else {
            if let error = buffer.withUnsafeBufferPointer({ Descriptor.write($0, to: descriptor) }) { throw failure(error) }
            return
        }
        Console.send(buffer, to: STDOUT_FILENO, named: "standard output")
    }

    /// Writes what is buffered and, for a file, puts it in place: over the old file, or, when not
    /// `replacing`, only if there is none yet (`false` if there is one, which is left as it is).
    @discardableResult
    func commit(replacing: Bool = true) throws(CommandFailure) -> Bool {
        try flush()
        guard let temporary else {
            closeStream()
            return true
        }
        self.temporary = nil
        closed = true
        let path = "\(target.folder)/\(target.name)"
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let error = errno
            _ = Termination.settle(temporary) { unlink(temporary) }
            throw failure(error)
        }
        let result = Termination.settle(temporary) { () -> Int32? in
            defer { unlink(temporary) }
            if replacing { return rename(temporary, path) == 0 ? nil : errno }
            // A hard link, unlike a rename, never replaces a file that appeared meanwhile.
            if link(temporary, path) == 0 { return nil }
            let error = errno
            guard error != EEXIST, [EPERM, ENOTSUP, EOPNOTSUPP, EMLINK, EXDEV].contains(error) else { return error }
            var status = stat()
            guard lstat(path, &status) != 0 else { return EEXIST }
            return rename(temporary, path) == 0 ? nil : errno
        }
        if result == EEXIST { return false }
        if let result { throw failure(result) }
        Output.synchronize(folder: target.folder)
        return true
    }

    /// Drops a file that was not committed.
    func discard() {
        guard let temporary else {
            closeStream()
            return
        }
        self.temporary = nil
        closed = true
        close(descriptor)
        _ = Termination.settle(temporary) { unlink(temporary) }
    }

    /// Closes a stream that this output opened (not standard output or an inherited descriptor).
    private func closeStream() {
        guard case .stream(nil) = target.kind, !closed else { return }
        closed = true
        close(descriptor)
    }

    /// Replaces (or creates) the file of `target` with `text`.
    static func replace(_ target: OutputTarget, with text: String) throws(CommandFailure) {
        _ = try write(text, to: target, replacing: true)
    }

    /// Creates the file of `target` with `text`, atomically; `false` if it exists already.
    static func create(_ target: OutputTarget, with text: String) throws(CommandFailure) -> Bool {
        try write(text, to: target, replacing: false)
    }

    private static func write(_ text: String, to target: OutputTarget, replacing: Bool) throws(CommandFailure) -> Bool {
        let output = try Output(target)
        do {
            try output.write(text)
            return try output.commit(replacing: replacing)
        } catch {
            output.discard()
            throw error
        }
    }

    private func failure(_ error: Int32) -> CommandFailure {
        CommandFailure(.ioError, "cannot write \(target.path): \(String(cString: strerror(error)))")
    }

    /// Makes a rename in `folder` durable.
    private static func synchronize(folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The files whose temporary files have been looked for in this run.
    private static let swept = Mutex<Set<String>>([])

    /// Removes the temporary files of `target` left by runs that were killed (SIGKILL, a power
    /// cut): those named after a process that no longer exists.
    private static func sweepStaleTemporaryFiles(of target: OutputTarget) {
        let prefix = ".\(target.name).cxm-"
        guard swept.withLock({ $0.insert("\(target.folder)/\(target.name)").inserted }), let folder = opendir(target.folder) else { return }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix) else { continue }
            let rest = name.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, rest[1].count == 6, let process = pid_t(rest[0]), process > 0 else { continue }
            if kill(process, 0) != 0 && errno == ESRCH { unlink("\(target.folder)/\(name)") }
        }
    }
}
