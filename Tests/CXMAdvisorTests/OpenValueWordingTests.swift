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
}
