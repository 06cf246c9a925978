import Foundation

/// The `.cxm` files of a rule folder, read as a boundary: what a folder of rules from elsewhere
/// holds cannot make cxm read, block on or print anything outside it.
///
/// - A symbolic link that leads outside the folder is an error, and its target is not read (so
///   no diagnostic can show its lines).
/// - An entry that is not a regular file (a FIFO, a device, a folder named `x.cxm`) is skipped
///   with a warning, without being opened (a FIFO would block).
/// - A file larger than ``maximumFileSize``, or files larger than ``maximumTotalSize`` together,
///   are an error: rule files are small, and a wrong folder should not fill the memory.
public struct RuleFolder: Sendable {
    /// The most bytes a rule file may hold: 4 MiB, some twenty times the bundled rule base.
    public static let maximumFileSize = 4 << 20
    /// The most bytes the rule files of a folder may hold together.
    public static let maximumTotalSize = 16 << 20

    /// The files read, in name order.
    public let files: [SourceFile]
    /// Errors and warnings about the folder's entries (without a range: they are about files as
    /// a whole), to report with the rules' own.
    public let diagnostics: [Diagnostic]

    /// Reads the folder at `directory`, named `displayPath` in messages.
    ///
    /// - Throws: ``RuleBaseError`` when the folder does not exist, cannot be read or holds no
    ///   rule files.
    public init(directory: URL, displayPath: String) throws(RuleBaseError) {
        let fail = { (problem: RuleFolderDiagnostic) in RuleBaseError(folder: problem) }
        var status = stat()
        guard stat(directory.path, &status) == 0 else { throw fail(.noSuchFolder(displayPath)) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw fail(.notAFolder(displayPath)) }
        guard let real = realpath(directory.path, nil) else { throw fail(.unreadableFolder(displayPath)) }
        let root = String(cString: real)
        free(real)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".\(RuleBase.fileExtension)") }.sorted()
        } catch {
            throw fail(.unreadableFolder(displayPath))
        }
        guard !names.isEmpty else { throw fail(.noRuleFiles(displayPath)) }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        var total = 0
        for name in names where total <= RuleFolder.maximumTotalSize {
            let display = (displayPath.hasSuffix("/") ? displayPath + name : displayPath + "/" + name).printable()
            let path = directory.appendingPathComponent(name).path
            guard let resolved = realpath(path, nil) else {
                diagnostics.append(Diagnostic(RuleFolderDiagnostic.unreadable(display, reason: String(cString: strerror(errno))), at: nil))
                continue
            }
            let target = String(cString: resolved)
            free(resolved)
            guard target.hasPrefix(root == "/" ? "/" : root + "/") else {
                diagnostics.append(Diagnostic(RuleFolderDiagnostic.linkOutside(display, folder: displayPath), at: nil))
                continue
            }
            var entry = stat()
            guard stat(target, &entry) == 0 else {
                diagnostics.append(Diagnostic(RuleFolderDiagnostic.unreadable(display, reason: String(cString: strerror(errno))), at: nil))
                continue
            }
            guard entry.st_mode & S_IFMT == S_IFREG else {
                diagnostics.append(Diagnostic(RuleFolderDiagnostic.entrySkipped(display, kind: RuleFolder.kind(of: entry)), at: nil))
                continue
            }
            switch RuleFolder.read(target, limit: RuleFolder.maximumFileSize) {
            case .success(let bytes):
                total += bytes.count
                if total > RuleFolder.maximumTotalSize {
                    diagnostics.append(Diagnostic(RuleFolderDiagnostic.folderTooLarge(displayPath), at: nil))
                } else {
                    files.append(SourceFile(path: display, bytes: bytes))
                }
            case .failure(.tooLarge(let size)):
                diagnostics.append(Diagnostic(RuleFolderDiagnostic.fileTooLarge(display, size: size), at: nil))
            case .failure(.unreadable(let error)):
                diagnostics.append(Diagnostic(RuleFolderDiagnostic.unreadable(display, reason: String(cString: strerror(error))), at: nil))
            }
        }
        self.files = files
        self.diagnostics = diagnostics
    }

    private enum ReadFailure: Error {
        case tooLarge(Int)
        case unreadable(Int32)
    }

    /// The bytes of a regular file, at most `limit` of them; opened without blocking, and checked
    /// again once open, in case it was replaced by something else meanwhile.
    private static func read(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return .failure(.unreadable(EINVAL)) }
        guard Int(status.st_size) <= limit else { return .failure(.tooLarge(Int(status.st_size))) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .failure(.unreadable(errno)) }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
            if bytes.count > limit { return .failure(.tooLarge(bytes.count)) }
        }
    }

    /// What a folder entry that is not a regular file is, with its article ("a FIFO"), for
    /// messages about folders of rules or profiles.
    public static func kind(of status: stat) -> String {
        switch status.st_mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
