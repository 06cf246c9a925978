import CXMRules
import Foundation
import Testing
@testable import CXMAdvisor

/// CSV headers checked against the questions, and cells read as answers.
@Suite struct CSVColumnsTests {
    static let advisor = try! Advisor(rulesDirectory: packageRoot.appendingPathComponent("Tests/cxmTests/Fixtures/rules"))
    static var ruleBase: RuleBase { advisor.ruleBase }

    static func header(_ text: String) throws(BatchInputError) -> CSVColumns {
        var reader = CSVReader(ChunkedReader(bytes: Array(text.utf8), chunkSize: 16))
        let record = try! reader.next()!
        return try CSVColumns(header: record, file: SourceFile(path: "h.csv", bytes: record.text), ruleBase: ruleBase, allowing: ["expect"])
    }

    @Test func aHeaderOfQuestionsAndMetadataIsAccepted() throws {
        let columns = try Self.header(" id ,name,rivalry,collective_goals,expect")
        #expect(columns.names == ["id", "name", "rivalry", "collective_goals", "expect"])
    }

    @Test func everyBadColumnIsNamedInOrder() {
        let error = #expect(throws: BatchInputError.self) { try Self.header("rivalyr,,Name,archetype,rivalry,rivalry") }
        #expect(error?.kind == .unusable)
        #expect(error?.diagnostics.map(\.message) == [
            "unknown question 'rivalyr'; did you mean 'rivalry'?",
            "column 2 has no name; name it after a question id, or remove it",
            "unknown question 'Name'; did you mean 'name'?",
            "'archetype' is derived by the rules, not a question",
            "'rivalry' is given twice",
        ])
    }

    @Test func multiSelectCellsSplitAtSemicolonsOrCommas() throws {
        let goals = try #require(Self.ruleBase.optionTypes.first { $0.name == "collective_goal" })
        #expect(goals.listed(in: "efficiency;association") == ["efficiency", "association"])
        #expect(goals.listed(in: "efficiency, association") == ["efficiency", "association"])
        // A label with commas in it is read whole.
        #expect(goals.listed(in: "Efficiency: lower costs, higher productivity, aligned processes, association")
            == ["Efficiency: lower costs, higher productivity, aligned processes", "association"])
        // What names no option is left as it is, for the profile reader to report.
        #expect(goals.listed(in: "efficency, association,") == ["efficency", "association"])
    }

    @Test func emptyCellsAreMissingAnswers() throws {
        let columns = try Self.header("name,rivalry,collective_goals")
        var reader = CSVReader(ChunkedReader(bytes: Array("Acme, ,\n".utf8), chunkSize: 16))
        let row = try #require(try reader.next())
        let (profile, diagnostics) = ProfileReader(ruleBase: Self.ruleBase).read(columns.document(row.fields, length: row.text.count))
        #expect(diagnostics.isEmpty)
        #expect(profile?.metadata == ["name": "Acme"])
        #expect(profile?.answers.allSatisfy { $0 == nil } == true)
    }

    @Test func noneIsAMultiSelectAnsweredWithNoOption() throws {
        let columns = try Self.header("collective_goals")
        var reader = CSVReader(ChunkedReader(bytes: Array("None\n".utf8), chunkSize: 16))
        let row = try #require(try reader.next())
        let (profile, _) = ProfileReader(ruleBase: Self.ruleBase).read(columns.document(row.fields, length: row.text.count))
        let slot = try #require(Self.ruleBase.slot(named: "collective_goals"))
        #expect(profile?.answers[slot] == .set(type: Self.ruleBase.optionTypes.firstIndex { $0.name == "collective_goal" }!, mask: 0))
    }
}
