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
        #expect(ruleBase?.evaluate([]).values[try #require(ruleBase?.slot(named: "v0")).index].value == .number(1))
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
        let diagnostic = Diagnostic(.error("J0101", "bad"), at: SourceRange(file: 0, start: 163, end: 166))
        let rendered = DiagnosticRenderer(files: [file]).render(diagnostic)
        let lines = rendered.split(separator: "\n")
        #expect(lines[0] == "p.json:1:164: error[J0101]: bad")
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
        let diagnostic = Diagnostic(.error("J0101", "bad"), at: SourceRange(file: 0, start: 14, end: 18))
        #expect(DiagnosticRenderer(files: [file]).render(diagnostic) == """
            survey.csv:42:8: error[J0101]: bad
             42 | lines",agre
                |        ^~~~

            """)
        #expect(file.location(of: 0) == (41, 1))
    }

    /// A row known to be one line (a CSV row found by its line break) is located as any excerpt.
    @Test func aOneLineExcerptIsLocatedAsAnyExcerpt() {
        let bytes = Array("7,\"tw\u{00F6}\",agre,,x".utf8)
        let (oneLine, excerpt) = (SourceFile(path: "s.csv", line: 9, oneLine: bytes), SourceFile(path: "s.csv", bytes: bytes, firstLine: 9))
        for offset in 0...bytes.count + 1 {
            #expect(oneLine.location(of: offset) == excerpt.location(of: offset))
        }
        #expect(oneLine.lineText(9) == excerpt.lineText(9) && oneLine.lineText(10) == "")
    }

    /// Many diagnostics into one long line: each shows the same window of the line, with the
    /// caret under the same characters, as a line short enough to be read whole would; and the
    /// locations of many offsets at once are those of one offset at a time.
    @Test func aLongLineIsReadOnceAndShownAsAWindow() {
        // 300 KB on one line, with letters of 1 to 4 bytes, and problems spread over it.
        let unit = "aé€😀"
        let json = String(repeating: unit, count: 30_000)
        let file = SourceFile(path: "p.json", text: json)
        let offsets = stride(from: 0, to: file.bytes.count, by: 9_973).map { file.scalarStart(atOrBefore: $0) }
        let located = file.locations(of: offsets + [file.bytes.count])
        for offset in offsets + [file.bytes.count] {
            #expect(located[offset]! == file.location(of: offset))
        }
        let characters = Array(json)
        for offset in offsets {
            let rendered = DiagnosticRenderer(files: [file]).render(Diagnostic(.error("J0101", "bad"), at: SourceRange(file: 0, start: offset, end: offset + 1)))
            let column = file.location(of: offset).column
            let start = max(0, min(column - 1 - 30, characters.count - 100))
            let expected = (start > 0 ? "…" : "") + String(characters[start..<min(characters.count, start + 100)]) + (start + 100 < characters.count ? "…" : "")
            #expect(rendered.split(separator: "\n")[1] == " 1 | " + expected)
        }
    }
}

/// Rule files as editors save them, and as they should not be.
@Suite struct RuleFileEncodingTests {
    /// The errors found in a rule file.
    func messages(_ bytes: [UInt8]) -> [String] {
        RuleBase.check(files: [SourceFile(path: "f.cxm", bytes: bytes)]).diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let text = "source s \"S\"\nlet v = 1\n  show step 1\n"
        #expect(messages([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == messages(Array(text.utf8)))
        #expect(messages([0xEF, 0xBB, 0xBF] + Array(text.utf8)).isEmpty)
    }

    @Test func utf16GetsAHint() {
        #expect(messages([0xFF, 0xFE] + Array("source".utf16).flatMap { [UInt8($0), 0] }) == ["the file is in UTF-16; save it as UTF-8"])
    }

    /// Strings are shown on terminals: control characters (C0 but tab, DEL, C1) and invalid UTF-8
    /// in them are errors, each run reported once at its place.
    @Test func stringsCannotHoldControlCharacters() {
        for bad: [UInt8] in [[0x1B, 0x5B, 0x32, 0x4A], [0x00], [0x0D], [0x7F], [0xC2, 0x9B], [0xFF, 0xFE], [0xE2, 0x82]] {
            let bytes = Array("source s \"a".utf8) + bad + Array("b\"\nlet v = 1\n  show step 1\n".utf8)
            let found = RuleBase.check(files: [SourceFile(path: "f.cxm", bytes: bytes)]).diagnostics
            #expect(found.map(\.message) == ["a string cannot hold control characters or bytes that are not UTF-8; remove them, or write \\n or \\t"], "\(bad)")
            #expect(found.first?.range?.start == 11, "\(bad)")
        }
        #expect(messages(Array("source s \"tab\there, é, 😀, \\n\"\nlet v = 1\n  show step 1\n".utf8)).isEmpty)
    }

    @Test func aNumberTooLargeIsAnError() {
        let digits = String(repeating: "9", count: 400)
        #expect(messages(Array("source s \"S\"\nlet v = \(digits)\n  show step 1\n".utf8)) == ["the number 99999999999999999999… (400 characters) is too large"])
    }
}
