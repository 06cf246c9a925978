import Testing
@testable import CXMRules

/// Inputs found by fuzzing that once crashed or hung the checker: each now gets a clear error.
@Suite struct RobustnessTests {
    func messages(_ text: String) -> [String] {
        RuleBase.check(files: [SourceFile(path: "f.cxm", text: text)]).diagnostics.map(\.message)
    }

    @Test(arguments: [
        "let v = " + String(repeating: "not ", count: 10_000) + "true\n",
        "let v = " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000) + "\n",
        "let v = " + String(repeating: "- ", count: 5_000) + "1\n",
        "let v = 1" + String(repeating: " + 1", count: 6_000) + "\n",
        "let v = true" + String(repeating: " and true", count: 6_000) + "\n",
    ])
    func deepExpressionsAreRefused(text: String) {
        #expect(messages(text).contains("this expression nests more than 200 levels deep; split it into several 'let' values"))
    }

    @Test func runsOfUnexpectedCharactersAreReportedOnce() {
        let found = messages(String(repeating: "@", count: 20_000) + "\n")
        #expect(found == ["unexpected characters '@@@@@@@@@@@@@@@@@@@@…'"])
    }

    @Test func hugeNumbersAreShownNotTrapped() {
        #expect(formatNumber(1e17) == "1e+17")
        #expect(formatNumber(-2.5e20) == "-2.5e+20")
        #expect(formatNumber(123456.789) == "123456.79")
    }

    @Test func tablesTooLargeToAnalyseGetAWarning() {
        let columns = String(repeating: "b|", count: 17)
        let rows = String(repeating: "  |" + String(repeating: "-|", count: 17) + "true|\n", count: 10)
        let text = "source s \"S\"\nlet b = true\ntable t: boolean first\n  show step 1\n  cite s \"1\"\n  |\(columns)t|\n" + rows
        #expect(messages(text) == ["table 't' has too many input combinations to check for gaps and overlaps"])
    }
}

/// More inputs from fuzzing: long dependency chains, wide tables, floods of errors.
@Suite struct RobustnessLimitsTests {
    @Test func longDependencyChainsCheckWithoutDeepRecursion() throws {
        // Declared in reverse order, so each value names one declared after it.
        let count = 3_000
        var text = "source s \"S\"\n"
        for index in 0..<count { text += "let v\(index) = v\(index + 1)\n" }
        text += "let v\(count) = 1\n"
        let (ruleBase, diagnostics) = RuleBase.check(files: [SourceFile(path: "f.cxm", text: text)])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(ruleBase?.evaluate([]).values[try #require(ruleBase?.slot(named: "v0"))].value == .number(1))
    }

    @Test func aFloodOfErrorsIsCapped() {
        let text = "source s \"" + String(repeating: "{", count: 4_000) + "\"\n"
        let diagnostics = RuleBase.check(files: [SourceFile(path: "f.cxm", text: text)]).diagnostics
        #expect(diagnostics.count == RuleBase.diagnosticsPerFile + 1)
        #expect(diagnostics.last?.message == "3900 more problems in f.cxm are not shown; fix the ones above first")
    }

    @Test func spacedRunsOfJunkDoNotRecurse() {
        let diagnostics = RuleBase.check(files: [SourceFile(path: "f.cxm", text: String(repeating: "@ ", count: 20_000))]).diagnostics
        #expect(diagnostics.count == RuleBase.diagnosticsPerFile + 1)
    }

    @Test func wideTablesAreNotAnalysedButWarnedAbout() {
        let columns = String(repeating: "b|", count: 18)
        let text = "source s \"S\"\nlet b = true\ntable t: boolean first\n  show step 1\n  cite s \"1\"\n  |\(columns)t|\n  |" + String(repeating: "-|", count: 18) + "true|\n"
        #expect(RuleBase.check(files: [SourceFile(path: "f.cxm", text: text)]).diagnostics.map(\.message)
            == ["table 't' has too many input combinations to check for gaps and overlaps"])
    }
}

/// Long lines in diagnostics are shown as a window around the caret.
@Suite struct LongLineTests {
    @Test func aMinifiedProfileShowsAWindowAroundTheCaret() {
        let json = #"{"name": ""# + String(repeating: "x", count: 150) + #"", "q": 1}"#
        let file = SourceFile(path: "p.json", text: json)
        let diagnostic = Diagnostic(.error, "bad", at: SourceRange(file: 0, start: 163, end: 166))
        let rendered = DiagnosticRenderer(files: [file]).render(diagnostic)
        let lines = rendered.split(separator: "\n")
        #expect(lines[0] == "p.json:1:164: error: bad")
        #expect(lines[1].hasPrefix(" 1 | …xxx") && lines[1].hasSuffix(#"", "q": 1}"#))
        #expect(lines[1].count <= 110)
        // The caret still sits under the same characters.
        let caret = lines[2].firstIndex(of: "^")!
        let offset = lines[2].distance(from: lines[2].startIndex, to: caret)
        #expect(String(Array(lines[1])[offset..<offset + 3]) == "\"q\"")
    }

    @Test func anExcerptOfALargerFileKeepsItsLineNumbers() {
        // One record of a CSV file, spanning lines 41 and 42.
        let file = SourceFile(path: "survey.csv", bytes: Array("7,\"two\nlines\",agre".utf8), firstLine: 41)
        let diagnostic = Diagnostic(.error, "bad", at: SourceRange(file: 0, start: 14, end: 18))
        #expect(DiagnosticRenderer(files: [file]).render(diagnostic) == """
            survey.csv:42:8: error: bad
             42 | lines",agre
                |        ^~~~

            """)
        #expect(file.location(of: 0) == (41, 1))
    }
}
