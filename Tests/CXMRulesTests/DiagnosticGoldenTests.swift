import Foundation
import Testing

@testable import CXMRules

/// Golden-file tests for the checker's diagnostics.
///
/// Each `Fixtures/malformed/NN-short-name.cxm` is a small rule file with one kind of mistake (or,
/// in a few, several). Next to it, `NN-short-name.expected` holds the exact text that
/// `DiagnosticRenderer(files:color: false)` prints for all of the file's diagnostics: message,
/// `path:line:column`, the source line and the caret range. The file is checked under the path
/// `malformed/NN-short-name.cxm`, so the expected text does not depend on the machine.
///
/// To regenerate the expected files after an intended change to the messages, run
///
///     CXM_UPDATE_GOLDEN=1 swift test --filter DiagnosticGolden
///
/// which rewrites every `.expected` file instead of comparing. Review the diff before keeping it:
/// each expected output is meant to be checked by hand (clear message, caret under the exact
/// offending range).
@Suite("Diagnostic golden files")
struct DiagnosticGoldenTests {
    /// The folder holding the malformed fixtures, found next to this source file.
    static let fixturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/malformed", isDirectory: true)

    /// The fixture names (`NN-short-name`, without extension), in order.
    static let fixtureNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".cxm") }.map { String($0.dropLast(4)) }.sorted()
    }()

    static var updating: Bool { ProcessInfo.processInfo.environment["CXM_UPDATE_GOLDEN"] == "1" }

    @Test("there are at least 40 malformed fixtures, each with an expected output")
    func fixtureCount() throws {
        #expect(Self.fixtureNames.count >= 40, "found only \(Self.fixtureNames.count) fixtures in \(Self.fixturesDirectory.path)")
        guard !Self.updating else { return }
        for name in Self.fixtureNames {
            let expected = Self.fixturesDirectory.appendingPathComponent("\(name).expected")
            #expect(FileManager.default.fileExists(atPath: expected.path), "\(name).cxm has no \(name).expected")
        }
    }

    @Test("a malformed fixture renders exactly its expected diagnostics", arguments: fixtureNames)
    func golden(_ name: String) throws {
        let sourceURL = Self.fixturesDirectory.appendingPathComponent("\(name).cxm")
        let expectedURL = Self.fixturesDirectory.appendingPathComponent("\(name).expected")
        let bytes = Array(try Data(contentsOf: sourceURL))
        let file = SourceFile(path: "malformed/\(name).cxm", bytes: bytes)
        let (ruleBase, diagnostics) = RuleBase.check(files: [file], format: testProfileFormat)
        let rendered = DiagnosticRenderer(files: [file], color: false).render(diagnostics)

        #expect(!diagnostics.isEmpty, "\(name).cxm produced no diagnostics")
        if diagnostics.hasErrors {
            #expect(ruleBase == nil, "\(name).cxm has errors but still produced a rule base")
        }

        if Self.updating {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(rendered == expected, "\(name).cxm: rendered diagnostics differ from \(name).expected")
    }

    /// Every code of the catalogues of rule files' syntax, versions and presentation shows in a
    /// golden file, so each is reached and rendered with its code (but L0101, a file in UTF-16,
    /// which `utf16FileHasItsCode` checks).
    @Test("every syntax, version and presentation code is shown by a golden file")
    func everyRuleFileCodeIsShown() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CXMRules")
        let entry = try Regex(#"\.(?:error|warning)\("([LVD][0-9]{4})""#)
        var codes: Set<String> = []
        for file in ["Syntax/SyntaxDiagnostic.swift", "Checking/VersionDiagnostic.swift", "Checking/PresentationDiagnostic.swift"] {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            codes.formUnion(text.matches(of: entry).map { String($0.output[1].substring ?? "") })
        }
        #expect(codes.count > 60)
        var shown: Set<String> = []
        for name in Self.fixtureNames {
            let text = try String(contentsOf: Self.fixturesDirectory.appendingPathComponent("\(name).expected"), encoding: .utf8)
            shown.formUnion(text.matches(of: try Regex(#"(?:error|warning)\[([LVD][0-9]{4})\]"#)).map { String($0.output[1].substring ?? "") })
        }
        #expect(codes.subtracting(shown).sorted() == ["L0101"])
    }

    @Test func utf16FileHasItsCode() {
        let file = SourceFile(path: "u.cxm", bytes: [0xFF, 0xFE] + Array("rule r".utf8).flatMap { [$0, 0] })
        let diagnostics = RuleBase.check(files: [file], format: testProfileFormat).diagnostics
        #expect(diagnostics.map(\.code) == ["L0101"])
        #expect(DiagnosticRenderer(files: [file], color: false).render(diagnostics).hasPrefix("u.cxm:1:1: error[L0101]: the file is in UTF-16; save it as UTF-8"))
    }
}
