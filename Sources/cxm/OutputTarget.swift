import Foundation

/// Where a command's output file goes, found before any work is done: standard output (`-`), a
/// stream (a device, a FIFO, `/dev/stdout`), or a regular file, existing or new, that is replaced
/// atomically (see ``Output``). Symbolic links are followed, so that a link to a file replaces
/// its target and stays a link.
struct OutputTarget {
    enum Kind {
        case standardOutput
        /// Written as it comes, never replaced: an inherited descriptor (`/dev/stdout`,
        /// `/dev/fd/N`) or a path to a device, FIFO or socket.
        case stream(descriptor: Int32?)
        /// A regular file that exists (with its permissions and owner, which a replacement keeps)
        /// or is yet to be created.
        case file(existing: stat?)
    }

    /// The path as the user gave it, for messages.
    let path: String
    let kind: Kind
    /// The file itself, after links: its folder and name.
    let folder: String
    let name: String
    /// The folder's identity, and the file's if it exists.
    let folderIdentity: FileIdentity?
    let identity: FileIdentity?

    /// Resolves `path` (given with `option`, whose `example` file name a message about a folder
    /// suggests). A folder, a missing or closed folder or a read-only file is refused (exit 73);
    /// see also ``check(against:)``.
    init(_ path: String, option: String, example: String) throws(CommandFailure) {
        self.path = path
        if path == "-" {
            (kind, folder, name, folderIdentity, identity) = (.standardOutput, "", "-", nil, nil)
            return
        }
        if let descriptor = OutputTarget.inheritedDescriptor(path) {
            (kind, folder, name, folderIdentity, identity) = (.stream(descriptor: descriptor), "", path, nil, nil)
            return
        }
        var current = path
        var status = stat()
        for _ in 0...40 {
            guard lstat(current, &status) == 0 else {
                guard errno == ENOENT else { throw OutputTarget.failure(path, errno) }
                (folder, name) = OutputTarget.split(current)
                var folderStatus = stat()
                guard stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
                    throw CommandFailure(.cannotCreate, "cannot write \(path): there is no folder \(folder)")
                }
                guard access(folder, W_OK) == 0 else { throw OutputTarget.failure(path, errno) }
                (kind, folderIdentity, identity) = (.file(existing: nil), FileIdentity(folderStatus), nil)
                return
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                current = try OutputTarget.follow(current, path: path)
                continue
            case S_IFDIR:
                throw CommandFailure(.cannotCreate, "\(path) is a folder; give a file name, such as \(option) \((path as NSString).appendingPathComponent(example))")
            case S_IFREG:
                (folder, name) = OutputTarget.split(current)
                guard access(current, W_OK) == 0 else {
                    throw CommandFailure(.cannotCreate, "cannot write \(path): it is read-only (mode \(String(status.st_mode & 0o777, radix: 8))); make it writable, or give another file")
                }
                guard access(folder, W_OK) == 0 else { throw OutputTarget.failure(path, errno) }
                (kind, folderIdentity, identity) = (.file(existing: status), FileIdentity(existing: folder), FileIdentity(status))
                return
            default:
                (folder, name) = OutputTarget.split(current)
                (kind, folderIdentity, identity) = (.stream(descriptor: nil), FileIdentity(existing: folder), FileIdentity(status))
                return
            }
        }
        throw OutputTarget.failure(path, ELOOP)
    }

    /// Whether this is the file that `other` names (both existing, or both new in one folder).
    func isSameFile(as other: OutputTarget) -> Bool {
        if let identity, identity == other.identity { return true }
        guard case .file = kind, case .file = other.kind else { return false }
        return identity == nil && other.identity == nil && folderIdentity != nil && folderIdentity == other.folderIdentity && name == other.name
    }

    /// Refuses (exit 73) a file that is one of the command's `inputs`, or that has other hard
    /// links, which replacing it would split from it.
    func check(against inputs: Inputs) throws(CommandFailure) {
        guard case .file(let existing) = kind, let folderIdentity else { return }
        guard let input = inputs.input(at: identity, folder: folderIdentity, name: name) else {
            guard let existing, existing.st_nlink > 1 else { return }
            let others = existing.st_nlink - 1
            throw CommandFailure(.cannotCreate, "cannot write \(path): it has \(others) other hard \(others == 1 ? "link" : "links"), which replacing it would split from it; give another file, or remove the other links")
        }
        let what = switch input {
        case .file(path): "it is the input of this command"
        case .file(let other): "it is the same file as the input \(other)"
        case .folder(let folder, let suffix): "it would be one of the \(suffix) files in \(folder) that this command reads"
        }
        throw CommandFailure(.cannotCreate, "cannot write \(path): \(what); write the results to another file")
    }

    /// The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` names:
    /// written as is, since opening the path anew would start a redirected file from its beginning.
    private static func inheritedDescriptor(_ path: String) -> Int32? {
        let number: Int32? = switch path {
        case "/dev/stdout": STDOUT_FILENO
        case "/dev/stderr": STDERR_FILENO
        case _ where path.hasPrefix("/dev/fd/"): Int32(path.dropFirst("/dev/fd/".count))
        case _ where path.hasPrefix("/proc/self/fd/"): Int32(path.dropFirst("/proc/self/fd/".count))
        default: nil
        }
        guard let number, fcntl(number, F_GETFD) != -1 else { return nil }
        return number
    }

    /// Where the symbolic link at `link` points.
    private static func follow(_ link: String, path: String) throws(CommandFailure) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, Int(PATH_MAX))
        guard count > 0 else { throw failure(path, errno) }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.hasPrefix("/") ? target : (split(link).folder as NSString).appendingPathComponent(target)
    }

    /// A path's folder (`.` for a bare name) and last component.
    private static func split(_ path: String) -> (folder: String, name: String) {
        let folder = (path as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder, (path as NSString).lastPathComponent)
    }

    static func failure(_ path: String, _ error: Int32) -> CommandFailure {
        CommandFailure(.cannotCreate, "cannot write \(path): \(String(cString: strerror(error)))")
    }
}
