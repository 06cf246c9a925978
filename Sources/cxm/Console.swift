import CXMRules
import Foundation

/// Exit codes, following sysexits(3) for errors.
enum ExitCode: Int32 {
    case success = 0
    /// Findings: rule errors found by `rules check`, failed expectations, invalid records.
    case findings = 1
    case usage = 64
    case dataError = 65
    case noInput = 66
    /// An output file exists already (and is not to be overwritten) or cannot be written.
    case cannotCreate = 73
    /// The input ended before the work was done; what was done is saved and can be continued.
    case incomplete = 75
}

/// A command that could not do its job: a message for standard error and an exit code.
struct CommandFailure: Error {
    let code: ExitCode
    /// Text already formatted (for example rendered diagnostics), printed as is.
    let details: String
    let message: String?

    init(_ code: ExitCode, _ message: String?, details: String = "") {
        self.code = code
        self.message = message
        self.details = details
    }
}

/// Standard output and standard error, and whether colour is wanted on each.
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org).
    static func wantsColor(_ descriptor: Int32) -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) != 0
    }

    /// "error:" for messages on standard error: red and bold on a terminal, as in diagnostics.
    static var errorLabel: String {
        wantsColor(STDERR_FILENO) ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
    }

    /// Renders diagnostics for standard error.
    static func render(_ diagnostics: [Diagnostic], files: [SourceFile]) -> String {
        DiagnosticRenderer(files: files, color: wantsColor(STDERR_FILENO)).render(diagnostics)
    }
}

/// Reads the input a command names: a file, or standard input for `-`.
enum Input {
    /// The largest profile a command reads: far more than any questionnaire needs, small
    /// enough that a wrong file is refused at once instead of filling memory.
    static let maximumProfileSize = 16 << 20

    static func read(_ path: String) throws(CommandFailure) -> SourceFile {
        let handle: FileHandle
        let name: String
        if path == "-" {
            handle = FileHandle.standardInput
            name = "<stdin>"
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure(.noInput, "no such file: \(path)")
            }
            guard !isDirectory.boolValue else {
                throw CommandFailure(.noInput, "\(path) is a folder; give a profile file")
            }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure(.noInput, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            handle = opened
            name = path
        }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumProfileSize + 1) ?? Data()
        } catch {
            throw CommandFailure(.noInput, "cannot read \(name): \(error.localizedDescription)")
        }
        guard data.count <= maximumProfileSize else {
            throw CommandFailure(.dataError, "\(name) is larger than 16 MiB, too large for a profile; is it the right file?")
        }
        return SourceFile(path: name, bytes: Array(data))
    }
}
