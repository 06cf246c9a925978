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
    /// - Returns: the rule base, or `nil` if there were errors, with every diagnostic found
    ///   (warnings included), in file order.
    public static func check(files: [SourceFile]) -> (ruleBase: RuleBase?, diagnostics: [Diagnostic]) {
        let (ruleBase, diagnostics) = Checker.check(files: files)
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
            result.append(.error("\(count - diagnosticsPerFile) more problems in \(path) are not shown; fix the ones above first", at: nil))
        }
        return result
    }

    /// Reads every `.cxm` file in a folder (in name order), parses and checks them.
    ///
    /// - Parameter directory: the folder; `displayPath` is how diagnostics name it.
    /// - Returns: the rule base and its warnings.
    /// - Throws: ``RuleBaseError`` when the folder cannot be read, holds no rule files, or the
    ///   rules have errors.
    public static func load(directory: URL, displayPath: String? = nil) throws(RuleBaseError) -> (RuleBase, [Diagnostic]) {
        let files = try readFiles(directory: directory, displayPath: displayPath ?? directory.path)
        let (ruleBase, diagnostics) = check(files: files)
        guard let ruleBase else { throw RuleBaseError(message: "the rules have errors", diagnostics: diagnostics, files: files) }
        return (ruleBase, diagnostics)
    }

    /// The `.cxm` files of a folder, in name order.
    public static func readFiles(directory: URL, displayPath: String) throws(RuleBaseError) -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw RuleBaseError(message: "no such folder: \(displayPath)", diagnostics: [], files: [])
        }
        guard isDirectory.boolValue else {
            throw RuleBaseError(message: "\(displayPath) is not a folder; give the folder that holds the .cxm files", diagnostics: [], files: [])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".\(fileExtension)") }.sorted()
        } catch {
            throw RuleBaseError(message: "cannot read the folder \(displayPath)", diagnostics: [], files: [])
        }
        guard !names.isEmpty else {
            throw RuleBaseError(message: "\(displayPath) holds no .\(fileExtension) rule files", diagnostics: [], files: [])
        }
        var files: [SourceFile] = []
        for name in names {
            let display = displayPath.hasSuffix("/") ? displayPath + name : displayPath + "/" + name
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw RuleBaseError(message: "cannot read \(display)", diagnostics: [], files: [])
            }
            files.append(SourceFile(path: display, bytes: Array(data)))
        }
        return files
    }
}
