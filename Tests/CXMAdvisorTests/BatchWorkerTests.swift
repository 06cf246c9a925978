import CXMRules
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import CXMAdvisor

/// A batch's threads' workers: a rule base each, checked at once; the same rows however the
/// workers are used.
@Suite struct BatchWorkerTests {
    @Test func advisorsAreCheckedOncePerThread() throws {
        let checks = Atomic<Int>(0)
        let advisors = try BatchWorker.advisors(3) { () throws(RuleBaseError) in
            checks.wrappingAdd(1, ordering: .relaxed)
            return try Advisor.bundled()
        }
        #expect(advisors.count == 3)
        #expect(checks.load(ordering: .relaxed) == 3)
        #expect(Set(advisors.map(\.ruleBase.rules.count)).count == 1)
    }

    struct Broken: Error {}

    @Test func aFailedCheckIsThrown() {
        #expect(throws: Broken.self) {
            _ = try BatchWorker.advisors(2) { () throws(Broken) -> Advisor in throw Broken() }
        }
    }

    /// The first scenarios, as records of a folder.
    static func scenarioRecords(_ count: Int) throws -> [BatchRecord] {
        try FileManager.default.contentsOfDirectory(atPath: "scenarios").filter { $0.hasSuffix(".json") }.sorted().prefix(count).map { name in
            BatchRecord(source: SourceFile(path: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: "scenarios/" + name)))),
                        fallbackID: name, content: .json)
        }
    }

    /// A result hands back the row's bytes as the formatter writes them and is counted in the
    /// summary as its row is; a failure, and a page's row, come back whole.
    @Test func aResultIsTheRowsBytesAndCountsAsItsRow() throws {
        let advisor = try Advisor.bundled()
        let broken = BatchRecord(source: SourceFile(path: "broken.json", text: "{\"rivalry\": \"sometimes\"}"), fallbackID: "broken.json", content: .json)
        let records = try Self.scenarioRecords(8) + [broken]
        let csv = BatchWorker.make(advisors: [advisor], allowing: Scenario.keys, format: .csv)[0]
        let page = BatchWorker.make(advisors: [advisor], allowing: Scenario.keys, format: .html)[0]
        let formatter = BatchFormatter(format: .csv, ruleBase: advisor.ruleBase)
        var (fromResults, fromRows) = (BatchSummary(ruleBase: advisor.ruleBase), BatchSummary(ruleBase: advisor.ruleBase))
        var bytes: [UInt8] = [1, 2, 3]  // bytes of other records before
        var pageBytes: [UInt8] = []
        for record in records {
            let start = bytes.count
            let result = csv.process(record, appendingTo: &bytes)
            let whole = try #require(page.process(record, appendingTo: &pageBytes).outcome)
            #expect(bytes.count - start == result.length)
            let row = bytes[start...].withUnsafeBufferPointer { appended in
                fromResults.add(result, bytes: appended)
                return Array(result.row(appended))
            }
            fromRows.add(whole)
            switch whole {
            case .row(let whole):
                #expect(result.outcome == nil && row == formatter.rowBytes(whole))
            case .failure(let failure):
                guard case .failure(let failed)? = result.outcome else { Issue.record("no failure"); continue }
                #expect(failed.diagnostics.map(\.message) == failure.diagnostics.map(\.message) && result.length == 0)
            }
        }
        #expect(fromResults.assessed == 8 && fromResults.failed == 1 && fromResults.provisional == fromRows.provisional)
        #expect(formatter.summaryText(fromResults) == formatter.summaryText(fromRows))
    }

    @Test func aWorkerSharedByThreadsGivesTheRowsOneThreadGives() throws {
        let advisor = try Advisor.bundled()
        let records = try Self.scenarioRecords(12)
        let alone = BatchWorker.make(advisors: [advisor], allowing: Scenario.keys, format: .csv)[0]
        let expected = records.map { Self.row(alone, $0) }
        #expect(expected.allSatisfy { !$0.isEmpty })
        let shared = BatchWorker.make(advisors: [advisor], allowing: Scenario.keys, format: .csv)[0]
        let rows = Mutex<[[UInt8]]>(Array(repeating: [], count: records.count * 4))
        DispatchQueue.concurrentPerform(iterations: records.count * 4) { index in
            let row = Self.row(shared, records[index % records.count])
            rows.withLock { $0[index] = row }
        }
        #expect(rows.withLock { $0 } == (0..<4).flatMap { _ in expected })
    }

    /// The bytes of a record's row as a worker writes them.
    static func row(_ worker: BatchWorker, _ record: BatchRecord) -> [UInt8] {
        var bytes: [UInt8] = []
        let result = worker.process(record, appendingTo: &bytes)
        return bytes.withUnsafeBufferPointer { Array(result.row($0)) }
    }
}
