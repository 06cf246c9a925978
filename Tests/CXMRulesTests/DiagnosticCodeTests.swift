import Testing
@testable import CXMRules

/// Diagnostics of profiles and JSON carry their catalogue's codes, shown after the severity.
@Suite struct DiagnosticCodeTests {
    @Test func profileProblemsHaveTheirCodesAndShowThem() throws {
        let base = try compile(levelQuestion)
        let file = SourceFile(path: "p.json", text: #"{"q": "hgh", "r": 1, "q": 7}"#)
        let (profile, diagnostics) = ProfileReader(ruleBase: base).read(file.bytes)
        #expect(profile == nil)
        #expect(diagnostics.map(\.code) == ["P0207", "P0104", "P0102"])
        let rendered = DiagnosticRenderer(files: [file]).render(diagnostics)
        #expect(rendered.hasPrefix("p.json:1:7: error[P0207]: 'q': 'hgh' is not an option of 'level'; did you mean 'high'?\n"))
        #expect(rendered.contains("\np.json:1:2: note: first given here\n"))
        if case .failure(let problem) = ProfileReader(ruleBase: base).value(.number(3), forSlot: 0) {
            #expect(problem.code == "P0208")
        } else {
            Issue.record("3 is not a position of a two-option scale")
        }
    }

    @Test func jsonErrorsHaveTheirCodesAndLocatedPositions() {
        let file = SourceFile(path: "p.json", text: "{\n  \"q\": 01}")
        let (_, diagnostics) = ProfileReader(ruleBase: try! compile(levelQuestion)).read(file.bytes)
        #expect(diagnostics.map(\.code) == ["J0123"])
        let located = DiagnosticRenderer(files: [file]).located(diagnostics)
        #expect(located == [LocatedDiagnostic(
            severity: .error, code: "J0123", message: "numbers cannot have leading zeros",
            position: .init(file: "p.json", line: 2, column: 8, endLine: 2, endColumn: 9), notes: [])])
    }

    @Test func rulesDiagnosticsHaveTheCodesOfTheirStagesAndShowThem() throws {
        let text = prelude + levelQuestion + """
            source other "Never cited."
            enum colour: red, blue
            let x = hihg
            let t = 1 + true
            let a: number = b + 1
            let b: number = a + 1
            table g: boolean unique
              cite s "1"
              | q | g |
              | low | true |

            """
        let file = SourceFile(path: "test.cxm", text: text)
        let diagnostics = RuleBase.check(files: [file]).diagnostics
        // One of each stage: names, types, tables, order, usage.
        #expect(diagnostics.map(\.code) == ["U0102", "U0101", "N0203", "T0201", "O0102", "X0201"])
        let rendered = DiagnosticRenderer(files: [file]).render(diagnostics)
        #expect(rendered.contains("test.cxm:9:9: error[N0203]: unknown name 'hihg'\n"))
        #expect(rendered.contains("test.cxm:7:8: warning[U0102]: source 'other' is never cited\n"))
    }
}
