import CXMRules
import Foundation

/// A lock on a profile that `cxm ask` writes, so that two sessions never save over each other's
/// answers: a lock file beside the profile (`.NAME.cxm-lock`) holding an exclusive `flock`,
/// which the system releases when the process ends, however it ends. The file says which
/// session holds it, so that a second session can name it when it refuses to start.
struct ProfileLock {
    private let path: String
    private let descriptor: Int32

    /// Locks the profile of `target`, or refuses (exit 73) if another session holds it.
    init(_ target: OutputTarget) throws(CommandFailure) {
        path = "\(target.folder)/.\(target.name).cxm-lock"
        // A lock file removed (by its holder, as it finished) between opening and locking it is
        // no lock: lock again until the file locked is the one at the path.
        for _ in 0..<100 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw OutputTarget.failure(target.path, errno) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let error = errno
                let holder = ProfileLock.holder(descriptor)
                close(descriptor)
                guard error == EWOULDBLOCK else { throw OutputTarget.failure(target.path, error) }
                throw CommandFailure(.cannotCreate, "\(target.path) is being answered in another session (\(holder)); "
                    + "finish or stop that one first: two sessions would save over each other's answers")
            }
            var opened = stat()
            var named = stat()
            if fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_dev == named.st_dev, opened.st_ino == named.st_ino {
                self.descriptor = descriptor
                Termination.adopt(lockFile: path)
                let formatter = DateFormatter()
                formatter.dateFormat = "yyyy-MM-dd HH:mm"
                let holder = Array("cxm ask, process \(getpid()), started \(formatter.string(from: Date()))".utf8)
                ftruncate(descriptor, 0)
                _ = holder.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                return
            }
            close(descriptor)
        }
        throw OutputTarget.failure(target.path, EAGAIN)
    }

    /// Removes the lock file and releases the lock.
    func release() {
        Termination.release(lockFile: path)
        close(descriptor)
    }

    /// Who holds the lock open as `descriptor`, as its file says.
    private static func holder(_ descriptor: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 200)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self).printable() : ""
        return text.isEmpty ? "another cxm ask" : text
    }
}
