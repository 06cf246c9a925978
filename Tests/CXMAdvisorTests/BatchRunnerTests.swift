import Foundation
import Synchronization
import Testing
@testable import CXMAdvisor

/// The ordered parallel map: results in input order, all items, errors after what came before.
@Suite struct BatchRunnerTests {
    @Test(arguments: [1, 2, 4, 8])
    func resultsComeInInputOrder(threads: Int) throws {
        let runner = BatchRunner(workers: Array(0..<threads), window: 7)
        let busy = Mutex<Set<Int>>([])
        var items = (0..<500).makeIterator()
        var results: [Int] = []
        let running = Atomic<Int>(0)
        let mostAtOnce = Atomic<Int>(0)
        runner.run(
            next: { items.next() },
            transform: { worker, item in
                // A worker is only ever used by one thread at a time.
                #expect(busy.withLock { $0.insert(worker).inserted })
                defer { _ = busy.withLock { $0.remove(worker) } }
                let now = running.wrappingAdd(1, ordering: .relaxed).newValue
                mostAtOnce.max(now, ordering: .relaxed)
                // Uneven work, so that items finish out of order.
                usleep(UInt32((item * 7919) % 13) * 20)
                running.wrappingSubtract(1, ordering: .relaxed)
                return item * 2
            },
            emit: { results.append($0) })
        #expect(results == (0..<500).map { $0 * 2 })
        #expect(mostAtOnce.load(ordering: .relaxed) <= threads || threads == 1)
    }

    struct Stop: Error {}

    @Test func anErrorFromTheInputComesAfterTheResultsBeforeIt() throws {
        var count = 0
        var results: [Int] = []
        #expect(throws: Stop.self) {
            try BatchRunner(workers: [0, 1], window: 4).run(
                next: { () throws(Stop) -> Int? in
                    count += 1
                    if count == 11 { throw Stop() }
                    return count
                },
                transform: { $1 },
                emit: { (result: Int) throws(Stop) in results.append(result) })
        }
        #expect(results == Array(1...10))
    }

    @Test func anEmptyStreamEmitsNothing() {
        var emitted = 0
        BatchRunner(workers: [0, 1, 2, 3]).run(next: { nil as Int? }, transform: { $1 }, emit: { _ in emitted += 1 })
        #expect(emitted == 0)
    }
}
