import CXMAdvisor
import CXMRules
import Testing

/// How reports word values that missing answers leave open: alternatives joined as a sentence
/// reads them, texts that name an open value, and the first actions a report lists.
@Suite struct OpenValueWordingTests {
    @Test func alternativesAfterTheFirstStartWithASmallLetterWhereThatIsSafe() {
        #expect("You and your competitors compete on CX".insideSentence == "you and your competitors compete on CX")
        #expect("Close to the narrow/broad scope boundary".insideSentence == "close to the narrow/broad scope boundary")
        // Abbreviations, names in title case and single words stay as written.
        #expect("CXM Champion".insideSentence == "CXM Champion")
        #expect("Enabling CX".insideSentence == "Enabling CX")
        #expect("Broad".insideSentence == "Broad")
        #expect("X".insideSentence == "X")
        #expect("".insideSentence == "")
    }

    @Test func anOpenOptionNamesItsAlternativesInsideTheSentence() throws {
        let assessment = try AssessmentTests.assessment("air-products.json")
        let displays = assessment.conclusions.map(\.display)
        #expect(displays.contains("You compete on customer experience; competitors compete on other things or you and your competitors compete on customer experience"))
        #expect(!displays.contains { $0.contains(" or You ") })
    }

    /// A firm that named only a few of its customers' goals (the newcomer's "Acme Pumps").
    static let fewGoals = """
        {"name": "Acme Pumps", "buying_centre_collective_goals": ["efficiency", "differentiation"],
         "buying_centre_individual_goals": ["convenience"], "usage_centre_individual_goals": {"includes": ["convenience"]},
         "decision_maker_contact": "continuous", "user_contact": "continuous", "exchange_type": "relational",
         "rivalry": "disagree"}
        """

    static func assessment(_ json: String) throws -> Assessment {
        let (profile, problems) = ProfileReader(ruleBase: AssessmentTests.advisor.ruleBase).read(Array(json.utf8))
        let read = try #require(profile, "\(problems.map(\.message))")
        return AssessmentTests.advisor.assess(read).assessment()
    }

    @Test func anActionNamesAnOpenValueAsTheSummaryDoes() throws {
        let assessment = try Self.assessment(Self.fewGoals)
        let words = "Relieving CX, Enabling CX, and perhaps Enriching CX"
        #expect(assessment.summary.contains { $0.text.contains(words) })
        #expect(assessment.firstActions.map(\.text).contains("Build your value propositions on " + words))
        let recommendations = assessment.steps.flatMap(\.recommendations)
        #expect(recommendations.map(\.text).contains("Craft your CXM value propositions around \(words) (most called for first)."))
        #expect(!assessment.firstActions.contains { $0.text.contains("unknown") || $0.why.contains("unknown") })
    }

    /// A value the summary names in passing says what else it could be, as the headline values
    /// do: inside the parentheses it already stands in, and briefly.
    @Test func anOpenValueNamedInASummarySentenceSaysWhatElseItCouldBe() throws {
        let summary = try AssessmentTests.assessment("air-products.json").summary.map(\.text)
        #expect(summary.contains { $0.hasSuffix(", on a scale of 1 to 5 (Clear-cut, could be close to the narrow/broad scope boundary).") })
        // Alternatives that are whole sentences are not listed in passing.
        #expect(summary.contains { $0.hasSuffix("but your context limits what broad CXM returns (could change).") })
        // Settled, it is said as it is.
        let settled = try AssessmentTests.assessment("archetype-champion-clear.json").summary.map(\.text)
        #expect(settled.contains { $0.hasSuffix(" (Clear-cut).") })
    }

    /// The text report lists as many first actions as the other formats, or says how many more
    /// the full report lists.
    @Test(arguments: ScenarioTests.scenarioNames)
    func theTextReportSaysHowManyFirstActionsItLeavesOut(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        func listed(_ report: String) -> (numbered: Int, more: Int) {
            let section = report.components(separatedBy: "\n\n").first { $0.hasPrefix("What to do first") } ?? ""
            let numbered = section.matches(of: #/\n  \d\. /#).count
            let more = section.firstMatch(of: #/\n  (\d+) more actions? in the full report \(--full\)\.\n?$/#).map { Int($0.1)! } ?? 0
            return (numbered, more)
        }
        let shown = listed(try ReportRenderer().render(assessment, as: .text))
        #expect(shown.numbered + shown.more == assessment.firstActions.count, "\(name): \(shown)")
        #expect(shown.numbered >= min(3, assessment.firstActions.count), "\(name)")
        let full = listed(try ReportRenderer(full: true).render(assessment, as: .text))
        #expect(full.numbered == assessment.firstActions.count && full.more == 0, "\(name): \(full)")
    }

    @Test func airProductsTextReportNamesItsFifthActionAsOneMore() throws {
        let assessment = try AssessmentTests.assessment("air-products.json")
        #expect(assessment.firstActions.count == 5)
        let text = try ReportRenderer().render(assessment, as: .text)
        #expect(text.contains("""
              4. Steer CXM by a few CX metrics tied to your selected touchpoints *
                 A few metrics and a high return on specific projects mark the Cherry Picker
              1 more action in the full report (--full).

            """))
        #expect(try ReportRenderer(full: true).render(assessment, as: .text).contains("  5. Concentrate CXM on the few touchpoints with the highest returns *\n"))
    }
}
