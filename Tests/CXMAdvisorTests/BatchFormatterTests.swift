import CXMRules
import Testing
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
        let types = Self.ruleBase.optionTypes.map(\.name)
        let proposition = types.firstIndex(of: "proposition")!
        let archetype = types.firstIndex(of: "archetype_kind")!
        let row = BatchRow(id: "Acme \"A\"", values: [.set(type: proposition, mask: 0b101), .number(10.0 / 3), .option(type: archetype, position: 1), nil],
                           recommendations: 2, warnings: 0)
        #expect(BatchFormatter(format: .csv, ruleBase: Self.ruleBase).row(row) == "\"Acme \"\"A\"\"\",relieving;enriching,3.33,cherry_picker,,2,0\r\n")
        #expect(BatchFormatter(format: .jsonl, ruleBase: Self.ruleBase).row(row)
            == #"{"id":"Acme \"A\"","value_propositions":["relieving","enriching"],"impact_score":3.33,"archetype":"cherry_picker","target_archetype":null,"recommendations":2,"warnings":0}"# + "\n")
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}é/") == #""a\"b\\c\nd\u0001é/""#)
    }

    @Test func tableColumnsGiveWayToFitTheWidthAndTheTitles() {
        let columns = [
            TableLayout.Column(title: "Name", alignRight: false, minimumWidth: 4, preferredWidth: 20),
            TableLayout.Column(title: "A longer title for the score", alignRight: true, minimumWidth: 3, preferredWidth: 3),
            TableLayout.Column(title: "Kind", alignRight: false, minimumWidth: 5, preferredWidth: 12),
        ]
        let table = TableLayout(columns: columns, width: 40)
        #expect(table.widths == [10, 3, 12])
        #expect(table.header() == """
            Name        A longer title for the score
                             Kind
            ----------  ---  ------------

            """)
        #expect(table.row([["Ametek Incorporated"], ["12"], ["Champion"]]) == """
            Ametek       12  Champion
            Incorporat
            ed

            """)
        #expect(table.separatesRows)  // names can wrap
        #expect(TableLayout.wrap("one two three four", width: 8) == ["one two", "three", "four"])
        #expect(TableLayout.cut(["a", "b", "c", "dddd"], width: 4) == ["a", "b", "c…"])
    }

    @Test func aTitleLongerThanTheTableWrapsAndTakesNoWidth() {
        let columns = [
            TableLayout.Column(title: "Name", alignRight: false, minimumWidth: 4, preferredWidth: 8),
            TableLayout.Column(title: "A title longer than the whole table", alignRight: true, minimumWidth: 3, preferredWidth: 3),
        ]
        let table = TableLayout(columns: columns, width: 20)
        #expect(table.widths == [8, 3])
        #expect(table.header() == """
            Name      A title
                      longer
                      than the
                      whole
                      table
            --------  ---

            """)
    }
}
