import Foundation
import Testing

/// Runs the built `cxm` binary, as a user would.
enum CLI {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// How many scenario files the bundled `scenarios/` folder holds.
    static func scenarioCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".json") }.count
    }

    /// A small, fixed rule base and profiles for golden outputs, independent of the bundled rules.
    static let fixtures = "Tests/cxmTests/Fixtures"

    /// The `cxm` executable that `swift build` put beside the test bundle.
    static let executable: URL = {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("cxm")
    }()

    /// How long a test waits for something cxm does (a file appears, a process ends) before it
    /// gives up, in seconds; and how long a run may take before it is killed as hung. Generous:
    /// waits end as soon as what they wait for happens, and a busy machine must not fail them.
    static let patience: TimeInterval = 120

    struct Result: Equatable {
        /// The exit status, or the signal that ended the process.
        var status: Int32
        var stdout: String
        var stderr: String
        /// The signal that ended the process (then also its `status`); `nil` when it exited.
        var signal: Int32? = nil
    }

    /// Runs `cxm` with arguments and standard input, in the package root (or `directory`),
    /// without colour. With `terminal`, standard input is a terminal (a pseudo-terminal, without
    /// echo) that sends `stdin` and then end-of-file (Ctrl-D). `beforeInput` runs once `cxm` has
    /// started, before it gets any input.
    /// With a `limit` in seconds, `cxm` is killed (SIGKILL) if it runs longer.
    static func run(_ arguments: [String], stdin: String = "", terminal: Bool = false, environment: [String: String] = [:],
                    in directory: URL? = nil, limit: TimeInterval? = nil, beforeInput: () throws -> Void = {}) throws -> Result {
        try run(executable: executable, arguments, stdin: stdin, terminal: terminal, environment: environment, in: directory,
                limit: limit, beforeInput: beforeInput)
    }

    /// Runs a shell script (`/bin/sh -c`) with `$CXM` set to the `cxm` executable, for what only
    /// a shell sets up: closed or full standard output, resource limits, ignored signals.
    static func shell(_ script: String, stdin: String = "", in directory: URL? = nil, limit: TimeInterval? = nil) throws -> Result {
        try run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", script], stdin: stdin, environment: ["CXM": executable.path],
                in: directory, limit: limit)
    }

    private static func run(executable: URL, _ arguments: [String], stdin: String, terminal: Bool = false, environment: [String: String],
                            in directory: URL?, limit: TimeInterval?, beforeInput: () throws -> Void = {}) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let error = Pipe()
        let input: (writer: FileHandle, reader: FileHandle)
        if terminal {
            input = try pseudoTerminal()
        } else {
            let pipe = Pipe()
            input = (pipe.fileHandleForWriting, pipe.fileHandleForReading)
        }
        process.standardInput = input.reader
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if let limit {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) { [process] in
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        try input.reader.close()
        try beforeInput()
        _ = ignoreBrokenPipes
        // cxm may stop reading early (a refused input): the rest of the input is then dropped.
        try? input.writer.write(contentsOf: Data((terminal ? stdin + "\u{04}" : stdin).utf8))
        if !terminal { try input.writer.close() }
        // A terminal stays open until the process ends: closing it would hang up on the process.
        defer { if terminal { try? input.writer.close() } }
        // Read both pipes concurrently so that neither can fill up and block the process.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self),
                      signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }

    /// Writing to a process that stopped reading raises SIGPIPE, which would end the tests:
    /// ignore it, so that the write fails instead.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    struct TerminalUnavailable: Error {}

    /// A pseudo-terminal without echo: the side to type into, and the terminal a process reads.
    static func pseudoTerminal() throws -> (writer: FileHandle, reader: FileHandle) {
        var primary: Int32 = 0, secondary: Int32 = 0
        guard openpty(&primary, &secondary, nil, nil, nil) == 0 else { throw TerminalUnavailable() }
        var settings = termios()
        tcgetattr(secondary, &settings)
        settings.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(secondary, TCSANOW, &settings)
        return (FileHandle(fileDescriptor: primary, closeOnDealloc: true), FileHandle(fileDescriptor: secondary, closeOnDealloc: true))
    }

    /// The fixture rules with the archetype marked `watch`, in a temporary folder.
    static func watchedFixtureRules() throws -> String {
        let directory = try temporaryDirectory()
        let rules = packageRoot.appendingPathComponent("\(fixtures)/rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path) {
            var text = try String(contentsOf: rules.appendingPathComponent(name), encoding: .utf8)
            text = text.replacingOccurrences(of: "  label \"CXM archetype today\"\n", with: "  label \"CXM archetype today\"\n  watch\n")
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory.path
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxm-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Compares output with a golden file under ``fixtures``; with `CXM_UPDATE_GOLDEN=1` set,
    /// rewrites the file instead.
    static func expectGolden(_ actual: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = packageRoot.appendingPathComponent(fixtures).appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["CXM_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(path); CXM_UPDATE_GOLDEN=1 swift test rewrites it", sourceLocation: sourceLocation)
    }
}
