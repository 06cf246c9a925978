import Foundation

/// Writes files so that what is there is never lost: a new file only if none exists, and
/// replacements through a temporary file in the same folder, renamed over the old one, so that
/// a crash or a killed terminal leaves either the old contents or the new, never half of them.
enum SafeFile {
    /// Creates `path` with `text`; `false` if a file of that name exists already.
    static func create(_ path: String, with text: String) throws(CommandFailure) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if descriptor < 0 && errno == EEXIST { return false }
        try write(text, to: descriptor, path: path)
        return true
    }

    /// Replaces the contents of `path` (or creates it) atomically: written to a new temporary
    /// file beside it, then renamed over it (see ``Output``).
    static func replace(_ path: String, with text: String) throws(CommandFailure) {
        let output = try Output(path: path)
        do throws(CommandFailure) {
            try output.write(text)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Throws (exit 73) when `path` could not be written: it is a folder (`option` and
    /// `example` suggest a file name in it), or its folder is missing or cannot be written in.
    /// For a command to find out before its work, not after.
    static func checkWritable(_ path: String, option: String, example: String) throws(CommandFailure) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure(.cannotCreate, "\(path) is a folder; give a file name, such as \(option) \((path as NSString).appendingPathComponent(example))")
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure(.cannotCreate, "cannot write \(path): there is no folder \(folder)")
        }
        guard access(folder, W_OK) == 0 else { throw failure(path) }
    }

    private static func write(_ text: String, to descriptor: Int32, path: String) throws(CommandFailure) {
        guard descriptor >= 0 else { throw failure(path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
        } catch {
            throw CommandFailure(.cannotCreate, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    private static func failure(_ path: String) -> CommandFailure {
        CommandFailure(.cannotCreate, "cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
