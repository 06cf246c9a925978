import CXMRules
import Foundation
import Testing
import TestSupport
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

    /// Splitting tries runs of at most as many parts as an option's label has, which gives what
    /// trying every run did (the old, cubic way, here on short texts) in linear time.
    @Test func splittingIsLinearAndGivesWhatTryingEveryRunGave() throws {
        let goals = try #require(Self.ruleBase.optionTypes.first { $0.name == "collective_goal" })
        func everyRun(_ text: String, orSpaces: Bool) -> [String] {
            let semicolons = text.contains(";")
            var parts: [Range<String.Index>] = []
            var start = text.startIndex
            for index in text.indices where semicolons ? text[index] == ";" : text[index] == "," || (orSpaces && text[index].isWhitespace) {
                parts.append(start..<index)
                start = text.index(after: index)
            }
            parts.append(start..<text.endIndex)
            func run(_ first: Int, _ end: Int) -> String { text[parts[first].lowerBound..<parts[end - 1].upperBound].trimmingCharacters(in: .whitespaces) }
            var items: [String] = []
            var first = 0
            while first < parts.count {
                var end = parts.count
                while end > first + 1, goals.position(of: run(first, end)) == nil { end -= 1 }
                if !run(first, end).isEmpty { items.append(run(first, end)) }
                first = end
            }
            return items
        }
        let words = ["Efficiency:", "lower", "costs,", "higher", "productivity,", "aligned", "processes", "association", "1", ",", ";", " ", "x", "Association"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: Bool.random(using: &random) ? " " : ", ")
            for orSpaces in [false, true] {
                #expect(goals.listed(in: text, orSpaces: orSpaces) == everyRun(text, orSpaces: orSpaces), "\(text)")
            }
        }
        let long = Array(repeating: "efficiency", count: 20_000).joined(separator: ", ")
        // Linear: far below the CPU time a quadratic split of 20,000 items takes, whatever the load.
        let elapsed = cpuTime { #expect(goals.listed(in: long, orSpaces: true).count == 20_000) }
        #expect(elapsed < .seconds(10))
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
        let slot = try #require(Self.ruleBase.slot(named: "collective_goals")).index
        #expect(profile?.answers[slot] == .set(type: Self.ruleBase.optionType(named: "collective_goal")!, mask: 0))
    }

    @Test func aCellEndingInAQuestionMarkIsAPartialAnswer() throws {
        let columns = try Self.header("name,collective_goals")
        let type = try #require(Self.ruleBase.optionType(named: "collective_goal"))
        let slot = try #require(Self.ruleBase.slot(named: "collective_goals")).index
        var reader = CSVReader(ChunkedReader(bytes: Array("A,efficiency; ?\nB,\"efficiency, nosuch, ?\"\n".utf8), chunkSize: 16))
        let row = try #require(try reader.next())
        let (profile, _) = ProfileReader(ruleBase: Self.ruleBase).read(columns.document(row.fields, length: row.text.count))
        #expect(profile?.answers[slot] == nil && profile?.partial[slot] == PartialSet(type: type, includes: 1, excludes: 0),
                "\(String(describing: profile?.answers[slot]))")
        // A wrong option is named where it is in the row.
        let bad = try #require(try reader.next())
        let (none, diagnostics) = ProfileReader(ruleBase: Self.ruleBase).read(columns.document(bad.fields, length: bad.text.count))
        #expect(none == nil)
        #expect(diagnostics.map(\.message) == ["'collective_goals': 'nosuch' is not an option of 'collective_goal'"])
        #expect(diagnostics.first?.range?.start == 15)
    }
}

/// What a batch's CSV rows weigh in memory.
@Suite struct CSVRecordWeightTests {
    /// Rows share the memory they were read into, comment and blank rows before them included:
    /// each weighs the input read for it, so that the records up to each weigh at least the input
    /// up to its end, and a window bounded by their weight bounds the memory they keep. Rows after
    /// a long comment, read in the rows' shared memory and by the full reader, in chunks of any size.
    @Test(arguments: [7, 4096, 1 << 16])
    func rowsWeighTheInputReadForThem(chunkSize: Int) throws {
        var bytes = Array("id\n".utf8)
        var ends: [Int] = []
        for round in 0..<20 {
            bytes += [UInt8(ascii: "#")] + Array(repeating: UInt8(ascii: "x"), count: 100_000) + [0x0A]
            if round % 3 == 0 { bytes += [0x0A, 0x0D, 0x0A] }
            for row in ["r\(round)", "\"q\(round)\"", "s\(round)"] {
                bytes += Array(row.utf8) + [0x0A]
                ends.append(bytes.count)
            }
        }
        let records = try CSVRecords(ChunkedReader(bytes: bytes, chunkSize: chunkSize), closing: nil,
                                     ruleBase: CSVColumnsTests.ruleBase, allowing: [])
        var weights: [Int] = []
        while let record = try records.next() { weights.append(record.length) }
        #expect(weights.count == ends.count)
        var weighed = "id\n".utf8.count
        for (index, (weight, end)) in zip(weights, ends).enumerated() {
            weighed += weight
            #expect(weighed == end, "record \(index)")
        }
    }
}
