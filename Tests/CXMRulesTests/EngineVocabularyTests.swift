import Foundation
import Testing

/// The engine knows the rule language, not the advice: no word of the CXM domain in
/// `Sources/CXMRules` (code, messages or doc comments). Steps, priorities, headline, chart and
/// matrix are the language's generic presentation layer and stay.
@Suite struct EngineVocabularyTests {
    @Test func theEngineCarriesNoCXMVocabulary() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CXMRules").standardized
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 40)
        let domain = try Regex(#"(?i:champion|archetype|playbook|customer|cherry picker|minimalist|fashionista|wirtz|panina)|\bCXM?\b"#)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(domain) {
                found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found == [])
    }
}
