import Foundation

/// Why a rule base could not be loaded.
public struct RuleBaseError: Error, Sendable {
    /// What went wrong, for example a rule folder that does not exist.
    public let message: String
    /// The diagnostics found, when the files were read but did not pass checking.
    public let diagnostics: [Diagnostic]
    /// The files read, so the diagnostics can be rendered.
    public let files: [SourceFile]

    public init(message: String, diagnostics: [Diagnostic], files: [SourceFile]) {
        self.message = message
        self.diagnostics = diagnostics
        self.files = files
    }
}

extension RuleBase {
    /// The file extension of rule files.
    public static let fileExtension = "cxm"

    /// Parses and checks rule files.
    ///
    /// - Parameter format: the keys that profiles hold besides answers; no question may be named
    ///   like one of them, nor `rules_version` (``ProfileReader/versionKey``), which the rule base
    ///   adds to the format's metadata keys.
    /// - Returns: the rule base, or `nil` if there were errors, with every diagnostic found
    ///   (warnings included), in file order.
    public static func check(files: [SourceFile], format: ProfileFormat = ProfileFormat()) -> (ruleBase: RuleBase?, diagnostics: [Diagnostic]) {
        // The version of the rules the answers were given under is metadata in every format.
        var format = format
        format.metadataKeys.insert(ProfileReader.versionKey)
        var (ruleBase, diagnostics) = Checker.check(files: files, reserving: format.reservedNames)
        ruleBase?.profileFormat = format
        let ordered = diagnostics.enumerated().sorted { a, b in
            let x = a.element.range.map { ($0.file, $0.start) } ?? (Int.max, 0)
            let y = b.element.range.map { ($0.file, $0.start) } ?? (Int.max, 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        return (ruleBase, capped(ordered, files: files))
    }

    /// At most this many diagnostics are reported per file; more rarely help, and rendering
    /// thousands (as a garbled file produces) would be slow.
    public static let diagnosticsPerFile = 100

    private static func capped(_ diagnostics: [Diagnostic], files: [SourceFile]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var counts: [Int: Int] = [:]
        for diagnostic in diagnostics {
            let file = diagnostic.range?.file ?? -1
            counts[file, default: 0] += 1
            if counts[file]! <= diagnosticsPerFile { result.append(diagnostic) }
        }
        for (file, count) in counts.sorted(by: { $0.key < $1.key }) where count > diagnosticsPerFile {
            let path = file >= 0 && file < files.count ? files[file].path : "the rules"
            result.append(Diagnostic(RuleFolderDiagnostic.moreProblems(count - diagnosticsPerFile, path: path), at: nil))
        }
        return result
    }

    /// Reads every `.cxm` file in a folder (in name order), parses and checks them.
    ///
    /// - Parameters:
    ///   - directory: the folder; `displayPath` is how diagnostics name it.
    ///   - format: the keys that profiles hold besides answers (see ``check(files:format:)``).
    /// - Returns: the rule base and its warnings (and those about the folder, see ``RuleFolder``).
    /// - Throws: ``RuleBaseError`` when the folder cannot be read, holds no rule files, or the
    ///   rules or the folder have errors.
    public static func load(directory: URL, displayPath: String? = nil, format: ProfileFormat = ProfileFormat()) throws(RuleBaseError) -> (RuleBase, [Diagnostic]) {
        try load(RuleFolder(directory: directory, displayPath: displayPath ?? directory.path), format: format)
    }

    /// Checks the rule files of a folder already read; its errors and warnings come first.
    public static func load(_ folder: RuleFolder, format: ProfileFormat = ProfileFormat()) throws(RuleBaseError) -> (RuleBase, [Diagnostic]) {
        guard !folder.diagnostics.hasErrors else {
            throw RuleBaseError(message: "the rules have errors", diagnostics: folder.diagnostics, files: folder.files)
        }
        let (ruleBase, diagnostics) = check(files: folder.files, format: format)
        guard let ruleBase else { throw RuleBaseError(message: "the rules have errors", diagnostics: folder.diagnostics + diagnostics, files: folder.files) }
        return (ruleBase, folder.diagnostics + diagnostics)
    }
}

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
        let fail = { (message: String) in RuleBaseError(message: message, diagnostics: [], files: []) }
        var status = stat()
        guard stat(directory.path, &status) == 0 else { throw fail("no such folder: \(displayPath)") }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw fail("\(displayPath) is not a folder; give the folder that holds the .cxm files")
        }
        guard let real = realpath(directory.path, nil) else { throw fail("cannot read the folder \(displayPath)") }
        let root = String(cString: real)
        free(real)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".\(RuleBase.fileExtension)") }.sorted()
        } catch {
            throw fail("cannot read the folder \(displayPath)")
        }
        guard !names.isEmpty else { throw fail("\(displayPath) holds no .\(RuleBase.fileExtension) rule files") }
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
