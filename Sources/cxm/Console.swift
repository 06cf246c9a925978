import CXMAdvisor
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
    /// An internal error: cxm could not put its results into their format (such as JSON).
    case software = 70
    /// An output file cannot be created: it exists already and is not to be overwritten, its
    /// folder is missing or closed, it is an input of the same run, or another session holds it.
    case cannotCreate = 73
    /// Writing the output failed part-way (a full disk, a device error).
    case ioError = 74
    /// The input ended before the work was done; what was done is saved and can be continued.
    case incomplete = 75
}

/// A command that could not do its job: a message for standard error and an exit code.
struct CommandFailure: Error {
    let code: ExitCode
    /// Text already formatted (for example rendered diagnostics), printed as is before the message.
    let details: String
    let message: String?
    /// The message's code in a catalogue of diagnostics, shown as `error[B0110]:`; `nil` for a
    /// failure that is not about the data (a usage error, a file that cannot be written).
    let diagnosticCode: DiagnosticCode?
    /// What to do now, printed as is after the message (such as how to continue).
    let advice: String

    init(_ code: ExitCode, _ message: String?, diagnosticCode: DiagnosticCode? = nil, details: String = "", advice: String = "") {
        self.code = code
        self.message = message
        self.diagnosticCode = diagnosticCode
        self.details = details
        self.advice = advice
    }

    /// A failure with a catalogue's entry: its message and code.
    init(_ code: ExitCode, _ entry: DiagnosticEntry) {
        self.init(code, entry.message, diagnosticCode: entry.code)
    }
}

extension CommandFailure {
    /// Runs `body`, which writes JSON; if that fails, an internal error (exit 70) that says why,
    /// rather than JSON that says nothing (such as `{}`).
    static func encoding<T>(_ body: @autoclosure () throws(JSONEncodingFailure) -> T) throws(CommandFailure) -> T {
        do {
            return try body()
        } catch {
            throw CommandFailure(.software, "cannot write the results as JSON: \(error.message); please report this")
        }
    }
}

/// Standard output and standard error, and whether colour is wanted on each.
///
/// Every command writes through here (or through ``Output``, which writes standard output here
/// too), so that a failed write is handled in one place: a pipe whose reader has gone ends cxm
/// quietly (``Termination/brokenPipe()``); any other error says which output failed, in one
/// line, and ends cxm with 74. Never a trap.
enum Console {
    /// Whether standard input was closed when cxm started.
    nonisolated(unsafe) private(set) static var inputClosed = false

    /// Makes sure that standard input, output and error are open, before anything else is: a
    /// closed one would be taken by the next file opened, and what is written to standard output
    /// would go into that file. A closed one is replaced by the null device opened the other way
    /// round (standard output for reading), so that using it still fails, as it should.
    static func claimStandardDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            if descriptor == STDIN_FILENO { inputClosed = true }
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
    }

    static func write(_ text: String) {
        send(text.utf8, to: STDOUT_FILENO, named: "standard output")
    }

    static func writeError(_ text: String) {
        send(text.utf8, to: STDERR_FILENO, named: "standard error")
    }

    /// Writes `bytes` to standard output or standard error (`name`), or ends cxm.
    static func send(_ bytes: some Collection<UInt8>, to descriptor: Int32, named name: String) {
        let error = bytes.withContiguousStorageIfAvailable { Descriptor.write($0, to: descriptor) }
            ?? Array(bytes).withUnsafeBufferPointer { Descriptor.write($0, to: descriptor) }
        guard let error else { return }
        if error == EPIPE { Termination.brokenPipe() }
        if descriptor != STDERR_FILENO {
            let line = "cxm: \(errorLabel) cannot write \(name): \(String(cString: strerror(error)))\n"
            _ = Array(line.utf8).withUnsafeBufferPointer { Descriptor.write($0, to: STDERR_FILENO) }
        }
        Termination.exit(.ioError)
    }

    /// Colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org).
    /// (The terminal first, and `getenv`: Foundation's `environment` copies every variable into a
    /// dictionary, a twentieth of a cold `cxm assess` that prints to a file.)
    static func wantsColor(_ descriptor: Int32) -> Bool {
        guard isatty(descriptor) != 0 else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// How many columns wide the terminal `descriptor` writes to is; `nil` when it is not a
    /// terminal, or one that does not say.
    static func columns(_ descriptor: Int32) -> Int? {
        guard isatty(descriptor) != 0 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// "error:" for messages on standard error: red and bold on a terminal, as in diagnostics.
    static var errorLabel: String { errorLabel(code: nil) }

    /// `error:`, or `error[B0110]:` with a diagnostic's code, red on a terminal.
    static func errorLabel(code: DiagnosticCode?) -> String {
        let label = code.map { "error[\($0)]:" } ?? "error:"
        return wantsColor(STDERR_FILENO) ? "\u{1B}[1;31m\(label)\u{1B}[0m" : label
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
        let descriptor: Int32
        let name: String
        if path == "-" {
            guard !Console.inputClosed else {
                throw CommandFailure(.noInput, "standard input is closed; pipe a profile into it, or give a file")
            }
            descriptor = STDIN_FILENO
            name = "<stdin>"
        } else {
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw CommandFailure(.noInput, errno == ENOENT ? "no such file: \(path)" : "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw CommandFailure(.noInput, "\(path) is a folder; give a profile file")
            }
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw CommandFailure(.noInput, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            name = path
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= maximumProfileSize {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw CommandFailure(.noInput, "cannot read \(name): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        guard bytes.count <= maximumProfileSize else {
            throw CommandFailure(.dataError, BatchDiagnostic.profileTooLarge(path: name, limit: "16 MiB").entry)
        }
        return SourceFile(path: name, bytes: bytes)
    }
}
