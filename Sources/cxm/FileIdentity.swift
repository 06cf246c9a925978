import Foundation

/// Which file a path names, whatever the path's spelling (`p.json`, `./p.json`, a symbolic link,
/// another hard link): by device and inode. Compared to keep a command from writing over its
/// own input.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    /// The file (or folder) at `path`, following links; `nil` if there is none.
    init?(existing path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The file open as `descriptor`, if it is a regular file (standard input redirected from a
    /// file, say); `nil` for a terminal or a pipe, which no path can name.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(status)
    }

    init(_ status: stat) {
        device = UInt64(truncatingIfNeeded: status.st_dev)
        inode = UInt64(truncatingIfNeeded: status.st_ino)
    }
}

/// What a command reads, so that it does not write over it: files, and the files of a folder
/// whose names end with a suffix (the profiles of a batch folder, the rule files).
struct Inputs {
    private(set) var files: [(identity: FileIdentity, path: String)] = []
    private(set) var folders: [(identity: FileIdentity, suffix: String, path: String)] = []

    /// Adds the file at `path` (or standard input, for `-`, when it is a file).
    mutating func add(file path: String) {
        let identity = path == "-" ? FileIdentity(descriptor: STDIN_FILENO) : FileIdentity(existing: path)
        if let identity { files.append((identity, path == "-" ? "standard input" : path)) }
    }

    /// Adds the files in the folder at `path` whose names end with `suffix`.
    mutating func add(folder path: String, suffix: String) {
        if let identity = FileIdentity(existing: path) { folders.append((identity, suffix, path)) }
    }

    /// An input, as a message names it.
    enum Input {
        case file(String)
        case folder(String, suffix: String)
    }

    /// The input that a file in `folder` named `name` (with `identity`, if it exists) would be.
    func input(at identity: FileIdentity?, folder: FileIdentity, name: String) -> Input? {
        if let identity, let file = files.first(where: { $0.identity == identity }) { return .file(file.path) }
        return folders.first { $0.identity == folder && name.hasSuffix($0.suffix) }.map { .folder($0.path, suffix: $0.suffix) }
    }
}
