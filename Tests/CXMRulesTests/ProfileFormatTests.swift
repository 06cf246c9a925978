import Testing
@testable import CXMRules

/// The keys of profiles besides answers come from the caller: the engine reserves none.
@Suite struct ProfileFormatTests {
    static let text = """
        question name: text
          step 1
          ask "What is your name?"
          cite s "§1"

        """

    @Test func withoutAFormatEveryKeyCanBeAQuestion() throws {
        let base = try compile(Self.text)
        let (profile, problems) = ProfileReader(ruleBase: base).read(Array(#"{"name": "Ada"}"#.utf8))
        #expect(problems.isEmpty)
        #expect(profile?.answers == [.text("Ada")])
        #expect(profile?.metadata == [:])
    }

    @Test func aFormatReservesItsKeysAndTheReaderKeepsMetadata() throws {
        let format = ProfileFormat(metadataKeys: ["name"], otherKeys: ["cases"])
        let file = SourceFile(path: "test.cxm", text: prelude + Self.text)
        let (refused, diagnostics) = RuleBase.check(files: [file], format: format)
        #expect(refused == nil)
        #expect(diagnostics.filter { $0.severity == .error }.map(\.message) == ["'name' is reserved for profile metadata; choose another question name"])

        let base = try #require(RuleBase.check(files: [SourceFile(path: "test.cxm", text: prelude + levelQuestion)], format: format).ruleBase)
        #expect(base.profileFormat == ProfileFormat(metadataKeys: ["name", ProfileReader.versionKey], otherKeys: ["cases"]))
        let (profile, problems) = ProfileReader(ruleBase: base).read(Array(#"{"name": 7, "q": "low", "cases": {}}"#.utf8), allowing: format.otherKeys)
        #expect(problems.isEmpty)
        #expect(profile?.metadata == ["name": "7"])
        let (_, unknown) = ProfileReader(ruleBase: base).read(Array(#"{"nmae": "x"}"#.utf8))
        #expect(unknown.map(\.message) == ["unknown question 'nmae'; did you mean 'name'?"])
    }
}
