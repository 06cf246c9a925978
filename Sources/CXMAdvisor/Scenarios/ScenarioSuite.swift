import CXMRules
import Foundation

/// Scenario files run as tests: the files that paths name, each one's result, and the rules and
/// table rows that no scenario exercised. This is what `cxm test` runs and prints, as text
/// (``text()``) or as a JSON document (``document`` and ``json()``).
///
/// ```swift
/// let advisor = try Advisor.bundled()
/// let suite = ScenarioSuite.run(["scenarios"], advisor: advisor) { path throws(ScenarioSuite.ReadFailure) in
///     guard let data = FileManager.default.contents(atPath: path) else { throw .init("cannot read \(path)") }
///     return SourceFile(path: path, bytes: Array(data))
/// }
/// print(suite.text(), terminator: "")
/// ```
public struct ScenarioSuite: Sendable {
    /// The result of one path: a scenario that ran, or a file or folder that could not be used
    /// (which counts as failed).
    public struct Entry: Sendable {
        /// The scenario file, or the folder or path at fault, as given.
        public let path: String
        /// The scenario's `name`, when it ran and has one.
        public let name: String?
        /// What went wrong, one line each: the expectations not met, or why the path could not
        /// be used; empty when the scenario passed.
        public let failures: [String]
        /// The errors that kept the file from being read as a scenario, with positions in
        /// ``file`` (or the folder's, without a position); empty otherwise.
        public let errors: [Diagnostic]
        /// The file read, to render ``errors`` against; `nil` when it could not be read.
        public let file: SourceFile?
        /// Whether the scenario ran but has no expectations: it passes, but tests nothing.
        public let expectsNothing: Bool

        /// Whether the scenario ran and met every expectation.
        public var passed: Bool { failures.isEmpty }

        init(path: String, name: String? = nil, failures: [String], errors: [Diagnostic] = [], file: SourceFile? = nil, expectsNothing: Bool = false) {
            self.path = path
            self.name = name
            self.failures = failures
            self.errors = errors
            self.file = file
            self.expectsNothing = expectsNothing
        }
    }

    /// Why a scenario file could not be read, in a sentence such as "no such file: x.json".
    public struct ReadFailure: Error, Sendable {
        public let message: String

        public init(_ message: String) {
            self.message = message
        }
    }

    /// One result per path that could not be used (first), then one per scenario file, in the
    /// order given (a folder's files by name).
    public let entries: [Entry]
    /// Warnings about folder entries that were skipped without being opened (a FIFO would
    /// block), without positions.
    public let warnings: [Diagnostic]
    /// How many scenarios ran.
    public let scenariosRun: Int
    /// How many rules the rule base has.
    public let rules: Int
    /// How many table rows the rule base has.
    public let tableRows: Int
    /// The rules no scenario made fire, by name, in declaration order.
    public let rulesNeverFired: [String]
    /// The table rows no scenario matched, as (table, row number from 1).
    public let rowsNeverMatched: [(table: String, row: Int)]

    /// How many scenarios passed.
    public var passed: Int { entries.filter(\.passed).count }
    /// How many scenarios failed or could not be read, with the paths that could not be used.
    public var failed: Int { entries.count - passed }
    /// Whether every scenario passed (and every path could be used).
    public var allPassed: Bool { entries.allSatisfy(\.passed) }

    /// Runs the scenario files that `paths` name against the advisor's rules.
    ///
    /// A path is a scenario file or a folder of them (its `*.json` files, in name order); a file
    /// also named through its folder runs once. A path that does not exist, a folder without
    /// scenarios, a file that `read` refuses and a file that is not a valid scenario are failed
    /// entries, and the run goes on; a folder's entry that is not a regular file is skipped with
    /// a warning, without being opened.
    ///
    /// - Parameter read: reads a scenario file (the caller decides on limits and on `-` for
    ///   standard input).
    public static func run(_ paths: [String], advisor: Advisor, read: (String) throws(ReadFailure) -> SourceFile) -> ScenarioSuite {
        var entries: [Entry] = []
        var warnings: [Diagnostic] = []
        let files = scenarioFiles(paths, problems: &entries, warnings: &warnings)
        let runner = ScenarioRunner(ruleBase: advisor.ruleBase)
        var coverage = ScenarioRunner.Coverage()
        var ran = 0
        for path in files {
            let file: SourceFile
            do {
                file = try read(path)
            } catch {
                entries.append(Entry(path: path, failures: [error.message]))
                continue
            }
            let (scenario, diagnostics) = Scenario.read(file, ruleBase: advisor.ruleBase)
            if let scenario {
                ran += 1
                let outcome = runner.run(scenario, coverage: &coverage)
                entries.append(Entry(path: path, name: scenario.profile.metadata["name"], failures: outcome.failures,
                                     expectsNothing: scenario.expectations.isEmpty))
            } else {
                let errors = diagnostics.filter { $0.severity == .error }
                entries.append(Entry(path: path, failures: errors.map(\.message), errors: errors, file: file))
            }
        }
        return ScenarioSuite(
            entries: entries, warnings: warnings, scenariosRun: ran,
            rules: advisor.ruleBase.rules.count, tableRows: advisor.ruleBase.tables.reduce(0) { $0 + $1.rowCount },
            rulesNeverFired: runner.rulesNeverFired(coverage), rowsNeverMatched: runner.rowsNeverMatched(coverage))
    }

    /// The scenario files named by the paths: files as given, folders' `*.json` files sorted,
    /// each file once. A path that does not exist, or a folder without scenarios, is a failed
    /// entry; a folder's entry that is not a regular file is skipped with a warning.
    static func scenarioFiles(_ paths: [String], problems: inout [Entry], warnings: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        var seen: Set<String> = []
        func add(_ file: String) {
            if seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted { files.append(file) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Entry(path: path, failures: ["no such file or folder"]))
                continue
            }
            guard isDirectory.boolValue else {
                add(path)
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            if names.isEmpty {
                let problem = Diagnostic(ScenarioDiagnostic.noScenarioFiles, at: nil)
                problems.append(Entry(path: path, failures: [problem.message], errors: [problem]))
            }
            for name in names {
                let file = (path.hasSuffix("/") ? path : path + "/") + name
                var status = stat()
                if stat(file, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                    warnings.append(Diagnostic(ScenarioDiagnostic.entrySkipped(path: file, kind: RuleFolder.kind(of: status)), at: nil))
                } else {
                    add(file)
                }
            }
        }
        return files
    }
}
