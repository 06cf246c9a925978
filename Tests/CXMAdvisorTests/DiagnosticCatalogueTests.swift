import Foundation
import Testing

/// The catalogues of diagnostics (one file per phase) and docs/diagnostics.md agree: every code
/// is unique and documented with its severity and an example.
@Suite struct DiagnosticCatalogueTests {
    /// Every code of the catalogues, with its severity, as their source files give them.
    static func catalogue() throws -> [(code: String, severity: String)] {
        let sources = packageRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix("Diagnostic.swift") && !$0.hasSuffix("/Diagnostic.swift") }
        #expect(files.count == 16, "\(files)")
        let entry = try Regex(#"\.(error|warning)\("([A-Z][0-9]{4})""#)
        return try files.flatMap { file in
            try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8).matches(of: entry).map {
                (String($0.output[2].substring ?? ""), String($0.output[1].substring ?? ""))
            }
        }
    }

    @Test func everyCodeIsUniqueAndDocumentedWithItsSeverity() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.count > 120)
        #expect(Set(catalogue.map(\.code)).count == catalogue.count, "a code is used twice")
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let row = try Regex(#"(?m)^\| `([A-Z][0-9]{4})` \| (error|warning) \| [^|]+ \| [^|]+"#)
        let documented = docs.matches(of: row).map { (String($0.output[1].substring ?? ""), String($0.output[2].substring ?? "")) }
        #expect(documented.map { "\($0.0) \($0.1)" }.sorted() == catalogue.map { "\($0.code) \($0.severity)" }.sorted())
    }
}
