import Foundation
/// Why a rule base could not be loaded.
public struct RuleBaseError: Error, Sendable {
    /// What went wrong, for example a rule folder that does not exist.
    public let message: String
    /// The code of a folder that cannot be used at all (R0107–R0110: it does not exist, is not
    /// a folder, cannot be read or holds no rule files); then ``diagnostics`` holds that one
    /// diagnostic and ``files`` is empty. `nil` when the rules were read and have errors.
    public let code: DiagnosticCode?
    /// The diagnostics found, when the files were read but did not pass checking.
    public let diagnostics: [Diagnostic]
    /// The files read, so the diagnostics can be rendered.
    public let files: [SourceFile]

    public init(message: String, diagnostics: [Diagnostic], files: [SourceFile]) {
        self.message = message
        code = nil
        self.diagnostics = diagnostics
        self.files = files
    }

    /// The error of a folder that cannot be used at all.
    init(folder problem: RuleFolderDiagnostic) {
        message = problem.entry.message
        code = problem.entry.code
        diagnostics = [Diagnostic(problem, at: nil)]
        files = []
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
