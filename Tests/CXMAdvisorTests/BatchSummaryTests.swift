import CXMRules
import Testing
@testable import CXMAdvisor

/// Summaries: counts per option, empty sets, means, unknowns, and a bounded list of failures.
@Suite struct BatchSummaryTests {
    static var ruleBase: RuleBase { CSVColumnsTests.ruleBase }

    @Test func distributionsMeansAndUnknowns() {
                let proposition = Self.ruleBase.optionType(named: "proposition")!
        let archetype = Self.ruleBase.optionType(named: "archetype_kind")!
        var summary = BatchSummary(ruleBase: Self.ruleBase)
        #expect(summary.tallies.map(\.info.name) == ["value_propositions", "impact_score", "archetype", "target_archetype"])
        for values: [Value?] in [
            [.set(type: proposition, mask: 0b011), .number(4), .option(type: archetype, position: 1), nil],
            [.set(type: proposition, mask: 0), .number(2.5), .option(type: archetype, position: 1), nil],
            [nil, nil, .option(type: archetype, position: 0), nil],
        ] {
            summary.add(.row(BatchRow(id: "x", values: values, recommendations: 1, warnings: 0)))
        }
        #expect(summary.assessed == 3 && summary.failed == 0 && summary.records == 3)
        let (propositions, impact, today, target) = (summary.tallies[0], summary.tallies[1], summary.tallies[2], summary.tallies[3])
        #expect(propositions.counts == [1, 1, 0] && propositions.empty == 1 && propositions.unknown == 1)
        #expect(impact.mean == 3.25 && impact.known == 2 && impact.unknown == 1)
        #expect(today.counts == [1, 2, 0, 0] && today.unknown == 0)
        #expect(target.known == 0 && target.unknown == 3)
        let text = BatchFormatter(format: .table, ruleBase: Self.ruleBase).summaryText(summary)
        #expect(text.contains("""
            CXM impact (1 to 5)
              mean 3.25 (2 known values, 1 unknown)
            """))
        #expect(text.contains("  CXM Cherry Picker  2   67%\n"))
    }

    /// Each kind of value is counted as its tally counts it, through the entry a row is
    /// summarised by: a list by its first item (none: empty), a boolean as yes or no, a text
    /// as known only. (A tally counts positions, whatever their option type.)
    @Test func everyKindOfValueIsCountedThroughItsEntry() {
        let archetype = Self.ruleBase.optionType(named: "archetype_kind")!
        var summary = BatchSummary(ruleBase: Self.ruleBase)
        for value: Value? in [.list(type: archetype, positions: [2, 0]), .list(type: archetype, positions: []), .boolean(true), .boolean(false),
                              .text("free"), .option(type: archetype, position: 3), nil] {
            summary.add(.row(BatchRow(id: "x", values: [nil, .number(-0.5), value, nil], recommendations: 0, warnings: 0)))
        }
        let today = summary.tallies[2]
        #expect(today.counts == [1, 1, 1, 1] && today.empty == 1 && today.known == 6 && today.unknown == 1)
        #expect(summary.tallies[1].mean == -0.5 && summary.tallies[0].unknown == 7)
    }

    @Test func failuresAreAllCountedButOnlyTheFirstKept() {
        var summary = BatchSummary(ruleBase: Self.ruleBase)
        let failure = BatchFailure(source: SourceFile(path: "f.jsonl", text: "x"), diagnostics: [])
        for _ in 0..<(BatchSummary.keptFailures + 5) { summary.add(.failure(failure)) }
        #expect(summary.failed == BatchSummary.keptFailures + 5)
        #expect(summary.failures.count == BatchSummary.keptFailures)
        // With nothing assessed, there are no distributions to show.
        #expect(BatchFormatter(format: .csv, ruleBase: Self.ruleBase).summaryText(summary) == "1,005 profiles: 0 assessed, 1,005 failed\n")
    }

    @Test func countsAreGroupedByThousands() {
        #expect([0, 999, 1_000, 123_456, 1_000_000, -1_234].map(TextLayout.grouped) == ["0", "999", "1,000", "123,456", "1,000,000", "-1,234"])
    }
}
