import CXMRules
import Testing
import TestSupport
@testable import CXMAdvisor

/// Rows as CSV, JSON and table cells, and the table layout.
@Suite struct BatchFormatterTests {
    static var ruleBase: RuleBase { CSVColumnsTests.ruleBase }

    @Test func csvFieldsAreQuotedWhenNeededAndFormulasDefused() {
        let formatter = BatchFormatter(format: .csv, ruleBase: Self.ruleBase)
        #expect(formatter.csvField("plain") == "plain")
        #expect(formatter.csvField("a, b") == "\"a, b\"")
        #expect(formatter.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(formatter.csvField("two\r\nlines") == "\"two\r\nlines\"")
        #expect(formatter.csvText("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(formatter.csvText("-1") == "'-1")
        #expect(formatter.csvText("Acme") == "Acme")
    }

    @Test func aRowInEachFormat() {
                let proposition = Self.ruleBase.optionType(named: "proposition")!
        let archetype = Self.ruleBase.optionType(named: "archetype_kind")!
        let row = BatchRow(id: "Acme \"A\"", values: [.set(type: proposition, mask: 0b101), .number(10.0 / 3), .option(type: archetype, position: 1), nil],
                           recommendations: 2, warnings: 0)
        #expect(BatchFormatter(format: .csv, ruleBase: Self.ruleBase).row(row) == "\"Acme \"\"A\"\"\",relieving;enriching,3.33,cherry_picker,,2,0,,,,,\r\n")
        #expect(BatchFormatter(format: .jsonl, ruleBase: Self.ruleBase).row(row)
            == #"{"id":"Acme \"A\"","value_propositions":["relieving","enriching"],"impact_score":3.33,"archetype":"cherry_picker","target_archetype":null,"recommendations":2,"warnings":0,"missingAnswers":[],"candidates":{}}"# + "\n")
        // A row whose values missing answers could change: marked in the table, named in CSV and JSON.
        let open = BatchRow(id: "Open", values: [.set(type: proposition, mask: 0b1), .number(3), .option(type: archetype, position: 1), nil],
                            recommendations: 1, warnings: 0,
                            open: [nil, PossibleValue(known: .numbers(low: 2, high: 4), canBeUnknown: false),
                                   PossibleValue(known: .options(type: archetype, mask: 0b0110), canBeUnknown: false),
                                   PossibleValue(known: .options(type: archetype, mask: 0b0011), canBeUnknown: false)],
                            missingAnswers: ["rivalry", "cx_as_advantage"])
        #expect(BatchFormatter(format: .table, ruleBase: Self.ruleBase).row(open)
            == "Open                  Relieving         3*  Cherry Picker*  Champion or C…  1  0\n")
        #expect(BatchFormatter(format: .csv, ruleBase: Self.ruleBase).row(open)
            == "Open,relieving,3,cherry_picker,,1,0,rivalry;cx_as_advantage,,2..4,cherry_picker;minimalist,champion;cherry_picker\r\n")
        #expect(BatchFormatter(format: .jsonl, ruleBase: Self.ruleBase).row(open).hasSuffix(
            #""missingAnswers":["rivalry","cx_as_advantage"],"candidates":{"impact_score":[2,4],"archetype":["cherry_picker","minimalist"],"target_archetype":["champion","cherry_picker"]}}"# + "\n"))
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}é/") == #""a\"b\\c\nd\u0001é/""#)
        // DEL and the C1 controls, which JSON allows raw but a terminal may obey (U+009B is CSI).
        #expect(JSONText.string("x\u{7F}\u{80}\u{9B}\u{9F}\u{A0}y") == "\"x\\u007f\\u0080\\u009b\\u009f\u{A0}y\"")
        #expect(JSONText.escapingControls("{\"a\": \"\u{9B}2J\"}") == #"{"a": "\u009b2J"}"#)
        // U+FEFF, which Foundation's reader drops after an escape, as found by fuzzing.
        #expect(JSONText.string("\"\u{FEFF},") == #""\"\ufeff,""#)
    }

    /// CSV quoting and formula guarding are decided on Unicode scalars, as CSV readers read:
    /// `"` or `,` with a combining mark after it is one Character to Swift, but still a quote or
    /// a comma; and a cell loses its control characters.
    @Test func csvDecidesOnUnicodeScalars() {
        let formatter = BatchFormatter(format: .csv, ruleBase: Self.ruleBase)
        #expect(formatter.csvField("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(formatter.csvField("q\"\u{301}q") == "\"q\"\"\u{301}q\"")
        #expect(formatter.csvText("=\u{301}HYPERLINK(\"x\")") == "'=\u{301}HYPERLINK(\"x\")")
        #expect(formatter.csvText("a\u{1B}[2J\u{9B}b") == "a\u{FFFD}[2J\u{FFFD}b")
        #expect(formatter.csvText("\tx") == "\u{FFFD}x")
    }

    /// A number that is not finite is never written as `inf` or `nan`: an empty CSV cell, `null`
    /// in JSON.
    @Test func numbersThatAreNotFiniteAreLeftEmpty() {
                let row = BatchRow(id: "x", values: [.set(type: Self.ruleBase.optionType(named: "proposition")!, mask: 0), .number(.infinity), nil, .number(.nan)],
                           recommendations: 0, warnings: 0)
        #expect(BatchFormatter(format: .csv, ruleBase: Self.ruleBase).row(row) == "x,,,,,0,0,,,,,\r\n")
        #expect(BatchFormatter(format: .jsonl, ruleBase: Self.ruleBase).row(row).contains(#""impact_score":null"#))
        #expect(!BatchFormatter(format: .jsonl, ruleBase: Self.ruleBase).row(row).contains("inf"))
    }

    /// CSV rows are written as bytes with a ``ByteWriter``: they are what the cells made as
    /// texts give (``BatchFormatter/csvField(_:)``, ``BatchFormatter/csvText(_:)``,
    /// ``formatNumber(_:)``), for ids and candidates of every kind, with quotes, formulas,
    /// control characters and non-ASCII text, and for rows longer than the room on the stack.
    @Test func csvRowsAreTheirCellsWrittenAsText() {
        let formatter = BatchFormatter(format: .csv, ruleBase: Self.ruleBase)
        let proposition = Self.ruleBase.optionType(named: "proposition")!
        let archetype = Self.ruleBase.optionType(named: "archetype_kind")!
        let options = Self.ruleBase.optionTypes
        var random = SplitMix64(seed: 10)
        let pieces = ["Acme", "é", "\"", ",", "=", "-1", "\r\n", "\u{1B}", "中文", "a\u{301}", " ", "line 7", "@x"]
        func ids(_ type: OptionTypeID, _ mask: UInt64) -> [String] {
            options[type].options.indices.filter { mask & 1 << UInt64($0) != 0 }.map { options[type].options[$0] }
        }
        for _ in 0..<400 {
            let id = (0..<Int.random(in: 0...(Bool.random(using: &random) ? 4 : 300), using: &random))
                .map { _ in pieces.randomElement(using: &random)! }.joined()
            let set = UInt64.random(in: 0..<8, using: &random)
            let number = [0, -0.004, 0.005, 2.5, 10.0 / 3, -1.999, 123456.789, 999_999_999_999_999, 1e17, -Double.infinity]
                .randomElement(using: &random)!
            let (low, high) = (Double.random(in: -5...5, using: &random), Double.random(in: 5...1e16, using: &random))
            let candidates = Bool.random(using: &random)
            let row = BatchRow(id: id, values: [.set(type: proposition, mask: set), .number(number), .option(type: archetype, position: 2), nil],
                               recommendations: Int.random(in: 0...1_000_000, using: &random), warnings: Int.random(in: 0...9, using: &random),
                               open: candidates ? [PossibleValue(known: .sets(type: proposition, surely: 0, perhaps: set), canBeUnknown: true),
                                                   PossibleValue(known: .numbers(low: low, high: high), canBeUnknown: false),
                                                   PossibleValue(known: .booleans(false: true, true: true), canBeUnknown: true), nil] : nil,
                               missingAnswers: candidates ? ["rivalry", "cx_as_advantage"] : [])
            let number2 = number.isFinite ? formatNumber(number) : ""
            let setIDs = ids(proposition, set).joined(separator: ";")
            let open = candidates
                ? [setIDs + (set == 0 ? "unknown" : ";unknown"), formatNumber(low) + ".." + formatNumber(high), "false;true;unknown", ""]
                : ["", "", "", ""]
            let cells = [formatter.csvField(formatter.csvText(id)), setIDs, number2, "minimalist", "", String(row.recommendations), String(row.warnings),
                         row.missingAnswers.joined(separator: ";")] + open
            #expect(formatter.row(row) == cells.joined(separator: ",") + "\r\n", "\(row)")
        }
    }

    /// Numbers are written from their digits as ``formatNumber(_:)`` writes them: at most two
    /// decimals, rounded half away from zero, no sign for what rounds to zero.
    @Test func numbersAreWrittenFromTheirDigits() {
        let numbers: [(Double, String)] = [(0, "0"), (-0.0, "0"), (7, "7"), (-12, "-12"), (0.004, "0"), (-0.004, "0"), (0.005, "0.01"),
                                           (-0.005, "-0.01"), (2.5, "2.5"), (10.0 / 3, "3.33"), (-1.999, "-2"), (0.1, "0.1"),
                                           (999_999_999_999_999, "999999999999999"), (-123456.789, "-123456.79")]
        for (number, text) in numbers { #expect(formatNumber(number) == text, "\(number)") }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberLengthLimit) { buffer in
            for integer in [Int64.min, Int64.max, -10, 9, 10, 0] {
                let count = writeInteger(integer, to: buffer.baseAddress!)
                #expect(String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self) == String(integer))
            }
        }
    }

    /// JSON that cannot be written is an error that says where, never `{}`.
    @Test func jsonThatCannotBeWrittenIsAnError() {
        struct Scores: Encodable { var values: [Double] }
        #expect(throws: JSONEncodingFailure.self) { try ReportRenderer.encode(Scores(values: [1, .infinity])) }
        do {
            _ = try ReportRenderer.encode(Scores(values: [1, .infinity]))
        } catch {
            #expect(error.message == "values.1 is inf, which JSON cannot hold")
        }
    }

    @Test func tableColumnsGiveWayInTurnToFitTheWidth() {
        let columns = [
            TableLayout.Column(title: "Name", alignRight: false, minimumWidth: 8, preferredWidth: 20, namesRows: true),
            TableLayout.Column(title: "1", alignRight: false, minimumWidth: 6, preferredWidth: 14),
            TableLayout.Column(title: "2", alignRight: true, minimumWidth: 4, preferredWidth: 4),
            TableLayout.Column(title: "Kind", alignRight: false, minimumWidth: 8, preferredWidth: 8),
        ]
        // Wide enough for all; then the others give way to their minimum before the names do;
        // then the names to theirs; then any, cutting.
        #expect(TableLayout(columns: columns, width: 80).widths == [20, 14, 4, 8])
        #expect(TableLayout(columns: columns, width: 44).widths == [20, 6, 4, 8])
        #expect(TableLayout(columns: columns, width: 38).widths == [14, 6, 4, 8])
        #expect(TableLayout(columns: columns, width: 30).widths == [7, 6, 4, 7])
        let table = TableLayout(columns: columns, width: 38)
        #expect(table.header() == """
            Name            1          2  Kind
            --------------  ------  ----  --------

            """)
        // The names are cut in the middle, keeping their ends; a mark stays when its cell is cut.
        #expect(table.row([["Ametek Incorporated"], ["Relieving", "Enabling"], ["12"], .init(["Cherry Picker"], mark: "*")]) == """
            Ametek In…ated  Re… +1    12  Cherry…*

            """)
        #expect(table.row([["Bolt\nFasteners"], [], ["3.5"], ["?"]]) == "Bolt Fasteners           3.5  ?\n")
    }

    /// A value that missing answers could change keeps its mark however short its cell: the
    /// label is cut, not the `*`, and "+N" stays while there is room.
    @Test func aCutCellKeepsItsMark() {
        let items = ["Relieving", "Enabling", "Enriching"]
        #expect(TableLayout.fit(items, mark: "*", width: 31) == "Relieving*, Enabling, Enriching")
        #expect(TableLayout.fit(items, mark: "*", width: 30) == "Relieving*, Enabling +1")
        #expect(TableLayout.fit(items, mark: "*", width: 13) == "Relieving* +2")
        #expect(TableLayout.fit(items, mark: "*", width: 12) == "Relievi…* +2")
        #expect(TableLayout.fit(items, mark: "*", width: 6) == "R…* +2")
        #expect(TableLayout.fit(items, mark: "*", width: 5) == "Rel…*")
        #expect(TableLayout.fit(items, mark: "*", width: 2) == "…*")
        #expect(TableLayout.fit(["Cherry Picker"], mark: "*", width: 13) == "Cherry Pick…*")
        #expect(TableLayout.fit(["Cherry Picker"], mark: "*", width: 14) == "Cherry Picker*")
        // At any width, the cell fits and keeps its mark.
        for width in 2...40 {
            let cell = TableLayout.fit(items, mark: "*", width: width)
            #expect(cell.count <= width && cell.contains("*"), "\(width): \(cell)")
        }
    }

    /// Names that share their start, as the ids of a series or the segments of one firm do,
    /// stay apart when cut: the cut is in the middle, the start keeping two thirds of what is shown.
    @Test func namesAreCutInTheMiddle() {
        #expect(TableLayout.cutInMiddle("survey-0017", width: 11) == "survey-0017")
        #expect(TableLayout.cutInMiddle("Acme Pumps, plant 17", width: 11) == "Acme Pu… 17")
        #expect(TableLayout.cutInMiddle("Acme Pumps, plant 18", width: 11) == "Acme Pu… 18")
        #expect(TableLayout.cutInMiddle("Air Products (Large accounts)", width: 16) == "Air Produc…unts)")
        #expect(TableLayout.cutInMiddle("a\tb\ncdef", width: 4) == "a …f")
        #expect(TableLayout.cutInMiddle("abc", width: 1) == "…")
        for width in 1...30 {
            #expect(TableLayout.cutInMiddle("Champion at a technology leader: risk of over-investing in CXM", width: width).count == width)
        }
    }

    @Test func itemsShowAsManyAsFitThenHowManyMore() {
        let items = ["Relieving", "Enabling", "Enriching"]
        #expect(TableLayout.fit(items, width: 30) == "Relieving, Enabling, Enriching")
        #expect(TableLayout.fit(items, width: 22) == "Relieving, Enabling +1")
        #expect(TableLayout.fit(items, width: 21) == "Relieving +2")
        #expect(TableLayout.fit(items, width: 8) == "Reli… +2")
        #expect(TableLayout.fit(items, width: 3) == "Re…")
        #expect(TableLayout.fit(["Champion, clear-cut"], width: 10) == "Champion,…")
        #expect(TableLayout.fit(["a\tb\r\nc\u{1}d"], width: 10) == "a b c d")
    }

    @Test func labelsLeaveOutTheWordsTheyAllShare() {
        let archetypes = ShortLabels(["CXM Champion", "CXM Cherry Picker", "CXM Minimalist"])
        #expect(archetypes.labels == ["Champion", "Cherry Picker", "Minimalist"])
        #expect(archetypes.leftOut == [#""CXM" left out"#])
        #expect(ShortLabels(["Relieving CX", "Enabling CX"]).labels == ["Relieving", "Enabling"])
        let both = ShortLabels(["a b c d", "a e d"])
        #expect(both.labels == ["b c", "e"] && both.leftOut == [#""a", "d" left out"#])
        // Every label keeps a word; a lone label keeps all of them.
        for labels in [["Agree", "Strongly agree"], ["level", "High level"], ["CXM Champion"]] {
            #expect(ShortLabels(labels).labels == labels)
            #expect(ShortLabels(labels).leftOut.isEmpty)
        }
    }
}
