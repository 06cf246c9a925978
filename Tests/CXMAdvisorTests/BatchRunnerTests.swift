import Foundation
import Synchronization
import Testing
@testable import CXMAdvisor

/// The ordered parallel map: results in input order, all items, errors after what came before.
@Suite struct BatchRunnerTests {
    @Test(arguments: [1, 2, 4, 8])
    func resultsComeInInputOrder(threads: Int) throws {
        let runner = BatchRunner(workers: Array(0..<threads), window: 7)
        let busy = BusyWorkers()
        var items = (0..<500).makeIterator()
        var results: [Int] = []
        let running = Atomic<Int>(0)
        let mostAtOnce = Atomic<Int>(0)
        runner.run(
            next: { items.next() },
            transform: { worker, item, _ in
                // A worker is only ever used by one thread at a time.
                #expect(busy.take(worker))
                defer { busy.give(worker) }
                let now = running.wrappingAdd(1, ordering: .relaxed).newValue
                mostAtOnce.max(now, ordering: .relaxed)
                // Uneven work, so that items finish out of order.
                usleep(UInt32((item * 7919) % 13) * 20)
                running.wrappingSubtract(1, ordering: .relaxed)
                return item * 2
            },
            emit: { result, _ in results.append(result) })
        #expect(results == (0..<500).map { $0 * 2 })
        #expect(mostAtOnce.load(ordering: .relaxed) <= threads || threads == 1)
    }

    /// The workers in use, under a lock that the thread sanitizer sees (it does not see the
    /// kernel calls a `Mutex` makes on Linux, and takes the threads' turns for a race).
    final class BusyWorkers: @unchecked Sendable {
        // @unchecked: `workers` is read and written under `lock`.
        private let lock = NSLock()
        private var workers: Set<Int> = []

        /// Marks `worker` in use; whether it was free.
        func take(_ worker: Int) -> Bool { lock.withLock { workers.insert(worker).inserted } }
        func give(_ worker: Int) { _ = lock.withLock { workers.remove(worker) } }
    }

    @Test(arguments: [1, 2, 4])
    func eachResultComesWithTheBytesItsTransformationAppended(threads: Int) {
        // Windows of 40 items (three chunks), filled again and again: up to 50 bytes an item,
        // some none, after the bytes of the items before it in its chunk.
        var items = (0..<1000).makeIterator()
        var emitted: [Int] = []
        var wrong: [Int] = []
        BatchRunner(workers: Array(0..<threads), window: 40).run(
            next: { items.next() },
            transform: { _, item, bytes in
                bytes.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: item), count: item % 51))
                return item
            },
            emit: { item, bytes in
                emitted.append(item)
                if bytes.count != item % 51 || bytes.contains(where: { $0 != UInt8(truncatingIfNeeded: item) }) { wrong.append(item) }
            })
        #expect(emitted == Array(0..<1000))
        #expect(wrong.isEmpty)
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
                transform: { _, item, _ in item },
                emit: { (result: Int, _) throws(Stop) in results.append(result) })
        }
        #expect(results == Array(1...10))
    }

    @Test(arguments: [1, 2])
    func aWindowClosesAtItsWeight(threads: Int) {
        // Items of weight 4 in windows of at most 10: three items a window, however many the
        // count allows, so the reader is never more than three windows ahead of what is emitted.
        let runner = BatchRunner(workers: Array(0..<threads), window: 100, windowWeight: 10)
        var read = 0
        var results: [Int] = []
        var mostAhead = 0
        runner.run(
            next: { () -> Int? in
                guard read < 50 else { return nil }
                read += 1
                mostAhead = max(mostAhead, read - results.count)
                return read
            },
            weight: { _ in 4 },
            transform: { _, item, _ in item },
            emit: { result, _ in results.append(result) })
        #expect(results == Array(1...50))
        #expect(mostAhead <= 6)  // two windows of three: the one emitted next and the one ahead
        #expect(mostAhead >= 4)  // more than one window ahead: the next is read while one runs
    }

    @Test func theLastWindowIsEmittedWhileTheThreadsStillWork() {
        // One window of four chunks: its last item is only transformed once the first has been
        // emitted, which it can be as soon as its chunk is done, not when the whole window is.
        let (results, lastWaited) = Self.twoThreads(items: 64, window: 100, item: 63, waitsUntil: .emitted(0))
        #expect(results == Array(0..<64))
        #expect(lastWaited)
    }

    /// What an item of a run on two threads waits for.
    enum Signal { case transformed(Int), emitted(Int) }

    /// Runs `items` items on two threads in windows of `window`, where transforming `item`
    /// waits (up to 10 s) until `signal`; the results, and whether the wait ended by the signal.
    static func twoThreads(items count: Int, window: Int, item waiting: Int, waitsUntil signal: Signal) -> (results: [Int], waited: Bool) {
        let signalled = DispatchSemaphore(value: 0)
        let waited = Atomic<Bool>(false)
        var items = (0..<count).makeIterator()
        var results: [Int] = []
        BatchRunner(workers: [0, 1], window: window).run(
            next: { items.next() },
            transform: { _, item, _ in
                if case .transformed(item) = signal { signalled.signal() }
                if item == waiting { waited.store(signalled.wait(timeout: .now() + 10) == .success, ordering: .relaxed) }
                return item
            },
            emit: { result, _ in
                if case .emitted(result) = signal { signalled.signal() }
                results.append(result)
            })
        return (results, waited.load(ordering: .relaxed))
    }

    /// Several workers each run on one thread of their own, never the calling one (which reads
    /// and emits); one worker runs on the calling thread.
    @Test(arguments: [1, 2, 3])
    func theWorkersRunOnThreadsOfTheirOwn(threads: Int) {
        final class Threads: @unchecked Sendable {
            // @unchecked: `byWorker` is read and written under `lock`.
            let lock = NSLock()
            var byWorker: [Int: Set<ObjectIdentifier>] = [:]
        }
        let used = Threads()
        let caller = ObjectIdentifier(Thread.current)
        var items = (0..<300).makeIterator()
        var count = 0
        BatchRunner(workers: Array(0..<threads), window: 32).run(
            next: { items.next() },
            transform: { worker, item, _ in
                let thread = ObjectIdentifier(Thread.current)
                used.lock.withLock { _ = used.byWorker[worker, default: []].insert(thread) }
                return item
            },
            emit: { _, _ in count += 1 })
        let byWorker = used.lock.withLock { used.byWorker }
        #expect(count == 300)
        if threads == 1 {
            #expect(byWorker == [0: [caller]])
        } else {
            for (worker, threads) in byWorker {
                #expect(threads.count == 1 && !threads.contains(caller), "worker \(worker)")
            }
            #expect(Set(byWorker.values.flatMap { $0 }).count == byWorker.count)
        }
    }

    @Test func theThreadsGoOnToTheNextWindowBeforeTheOthersAreDoneWithOne() {
        // Windows of 64 items: the last item of the first window is only transformed once the
        // first of the second has been, which the other thread does as soon as it finds no chunk
        // left in the first window, not once the whole window is done.
        let (results, lastWaited) = Self.twoThreads(items: 200, window: 64, item: 63, waitsUntil: .transformed(64))
        #expect(results == Array(0..<200))
        #expect(lastWaited)
    }

    @Test(arguments: [1, 2])
    func anErrorFromEmittingTheLastWindowStopsIt(threads: Int) {
        var items = (0..<200).makeIterator()
        var results: [Int] = []
        #expect(throws: Stop.self) {
            try BatchRunner(workers: Array(0..<threads), window: 1000).run(
                next: { () throws(Stop) -> Int? in items.next() },
                transform: { _, item, _ in
                    usleep(UInt32(item % 3) * 50)
                    return item
                },
                emit: { (result: Int, _) throws(Stop) in
                    if result == 37 { throw Stop() }
                    results.append(result)
                })
        }
        #expect(results == Array(0..<37))
    }

    /// An item that counts how many items are alive, and how many were destroyed elsewhere than
    /// on the thread that runs the batch (where `onCaller` is bound).
    final class Tracked: Sendable {
        static let alive = Atomic<Int>(0)
        static let destroyedElsewhere = Atomic<Int>(0)
        @TaskLocal static var onCaller = false
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.alive.wrappingAdd(1, ordering: .relaxed)
        }
        deinit {
            Self.alive.wrappingSubtract(1, ordering: .relaxed)
            if !Self.onCaller { Self.destroyedElsewhere.wrappingAdd(1, ordering: .relaxed) }
        }
    }

    @Test func everyItemAndResultIsDestroyedOnce() {
        // Serialized by the one counter: every count of items, windows and threads, a stop.
        // Windows of 256 items: 768 end on a whole window (the read after it finds none); of 600,
        // the last window starts at 512 (a stop on its first item) and 528 starts its second chunk
        // of 16; a read that fails at 300 ends the input there.
        let runs: [(count: Int, threads: Int, stop: Int?, failedRead: Int?)] = [
            (1, 2, nil, nil), (2, 2, nil, nil), (17, 2, nil, nil), (600, 2, nil, nil), (600, 1, nil, nil),
            (768, 2, nil, nil), (40, 2, 20, nil), (600, 2, 300, nil), (600, 1, 300, nil), (600, 2, 512, nil),
            (600, 2, 528, nil), (768, 2, 767, nil), (5, 1, 2, nil), (600, 2, nil, 300), (600, 1, nil, 300),
            // A stop in the first window while the next is read ahead, on the first window's last
            // item, and reads that fail in the first window and at the first item.
            (600, 2, 100, nil), (600, 2, 255, nil), (600, 2, nil, 100), (600, 2, nil, 0),
        ]
        let calls = Atomic<Int>(0)
        let inProgress = Atomic<Int>(0)
        for run in runs {
            Tracked.alive.store(0, ordering: .relaxed)
            Tracked.destroyedElsewhere.store(0, ordering: .relaxed)
            var next = 0
            var emitted: [Int] = []
            Tracked.$onCaller.withValue(true) {
                try? BatchRunner(workers: Array(0..<run.threads), window: 256).run(
                    next: { () throws(Stop) -> Tracked? in
                        defer { next += 1 }
                        if next == run.failedRead { throw Stop() }
                        return next < run.count ? Tracked(next) : nil
                    },
                    transform: { _, item, _ in
                        calls.wrappingAdd(1, ordering: .relaxed)
                        inProgress.wrappingAdd(1, ordering: .relaxed)
                        defer { inProgress.wrappingSubtract(1, ordering: .relaxed) }
                        // Slow after the stop, so that the threads are still at work when it comes.
                        if let stop = run.stop, item.value > stop { usleep(100) }
                        return Tracked(item.value * 2)
                    },
                    emit: { (result: Tracked, _) throws(Stop) in
                        if result.value == (run.stop ?? -1) * 2 { throw Stop() }
                        emitted.append(result.value / 2)
                    })
            }
            #expect(emitted == Array(0..<(run.stop ?? run.failedRead ?? run.count)), "\(run)")
            #expect(Tracked.alive.load(ordering: .relaxed) == 0, "\(run)")
            #expect(Tracked.destroyedElsewhere.load(ordering: .relaxed) == 0, "\(run)")
            // No transformation runs once the run has returned or thrown.
            let callsAtReturn = calls.load(ordering: .relaxed)
            #expect(inProgress.load(ordering: .relaxed) == 0, "\(run)")
            usleep(2_000)
            #expect(calls.load(ordering: .relaxed) == callsAtReturn, "\(run)")
        }
    }

    @Test func aStreamOfWholeWindowsEndsAfterTheLast() {
        var emitted: [Int] = []
        var items = (1...12).makeIterator()
        BatchRunner(workers: [0, 1], window: 4).run(next: { items.next() }, transform: { _, item, _ in item }, emit: { result, _ in emitted.append(result) })
        #expect(emitted == Array(1...12))
    }

    @Test func anEmptyStreamEmitsNothing() {
        var emitted = 0
        BatchRunner(workers: [0, 1, 2, 3]).run(next: { nil as Int? }, transform: { _, item, _ in item }, emit: { _, _ in emitted += 1 })
        #expect(emitted == 0)
    }

    /// Windows that grow (512, 1,024, 2,048, 4,096 items, then 5,000: none is reused until the
    /// seventh, whose items fill the fifth again) on two threads, with the bytes of each item; an
    /// error from emitting the eighth window, after the reuse, comes after every result before it.
    @Test func growingAndReusedWindowsKeepTheOrderAndTheBytesUntilAnErrorFromEmitting() {
        var items = (0..<40_000).makeIterator()
        var emitted: [Int] = []
        var wrong: [Int] = []
        #expect(throws: Stop.self) {
            try BatchRunner(workers: [0, 1], window: 5000).run(
                next: { () throws(Stop) -> Int? in items.next() },
                transform: { _, item, bytes in
                    bytes.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: item), count: item % 7))
                    return item
                },
                emit: { (item: Int, bytes) throws(Stop) in
                    if item == 25_000 { throw Stop() }
                    emitted.append(item)
                    if bytes.count != item % 7 || bytes.contains(where: { $0 != UInt8(truncatingIfNeeded: item) }) { wrong.append(item) }
                })
        }
        #expect(emitted == Array(0..<25_000))
        #expect(wrong.isEmpty)
    }

    /// A transformation that removes bytes of the items before it (which `emit` reads where they
    /// were) stops the process rather than reading past them.
    @Test func aTransformationThatRemovesBytesTraps() async {
        await #expect(processExitsWith: .failure) {
            var items = (0..<4).makeIterator()
            BatchRunner(workers: [0], window: 4).run(
                next: { items.next() },
                transform: { _, item, bytes in
                    if item == 0 { bytes.append(contentsOf: [1, 2, 3]) } else { bytes = [4] }
                    return item
                },
                emit: { _, _ in })
        }
    }
}
