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

    @Test func aWorkerSharedByThreadsGivesTheRowsOneThreadGives() throws {
        let advisor = try Advisor.bundled()
        let records = try FileManager.default.contentsOfDirectory(atPath: "scenarios").filter { $0.hasSuffix(".json") }.sorted().prefix(12).map { name in
            BatchRecord(source: SourceFile(path: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: "scenarios/" + name)))),
                        fallbackID: name, content: .json)
        }
        let alone = BatchWorker.make(advisors: [advisor], allowing: Scenario.keys, format: .csv)[0]
        let expected = records.map { alone.process($0).row }
        #expect(expected.allSatisfy { !$0.isEmpty })
        let shared = BatchWorker.make(advisors: [advisor], allowing: Scenario.keys, format: .csv)[0]
        let rows = Mutex<[[UInt8]]>(Array(repeating: [], count: records.count * 4))
        DispatchQueue.concurrentPerform(iterations: records.count * 4) { index in
            let row = shared.process(records[index % records.count]).row
            rows.withLock { $0[index] = row }
        }
        #expect(rows.withLock { $0 } == (0..<4).flatMap { _ in expected })
    }
}
