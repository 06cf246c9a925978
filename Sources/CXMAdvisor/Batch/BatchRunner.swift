import Dispatch
import Synchronization

/// Maps a stream of items on several threads and hands the results on in input order.
///
/// Each thread has a worker of its own (see ``BatchWorker``) that only it uses while a window
/// runs. Items are read in windows of ``window`` items; the threads take the items of a window
/// one at a time, as they finish the last. While they work on one window, the calling thread
/// emits the results of the window before it and reads the next, so that reading and writing,
/// which only one thread can do, take no time from the work. Memory holds three windows of items
/// and results, however long the stream.
public struct BatchRunner<Worker: Sendable>: Sendable {
    /// One worker per thread.
    public let workers: [Worker]
    /// How many items are read, transformed and emitted together.
    public let window: Int

    /// - Parameters:
    ///   - workers: one per thread (at least one).
    ///   - window: items per window; by default 256 per thread.
    public init(workers: [Worker], window: Int? = nil) {
        precondition(!workers.isEmpty, "a batch runner needs a worker")
        self.workers = workers
        self.window = max(1, window ?? 256 * workers.count)
    }

    /// Reads every item with `next` (until it returns `nil`), transforms each with a worker and
    /// `transform`, and passes the results to `emit` in the order of the items. An error from
    /// `next` or `emit` stops the run after the results of the items before it have been emitted.
    public func run<Item: Sendable, Output: Sendable, Failure: Error>(
        next: () throws(Failure) -> Item?,
        transform: @escaping @Sendable (Worker, Item) -> Output,
        emit: (Output) throws(Failure) -> Void
    ) throws(Failure) {
        var pending: Failure?
        /// The next window: fewer items than a window at the end, or where `next` failed.
        func read() -> [Item] {
            var items: [Item] = []
            items.reserveCapacity(window)
            do {
                while items.count < window, let item = try next() { items.append(item) }
            } catch {
                pending = error
            }
            return items
        }
        var items = read()
        var previous: [Output] = []
        while true {
            let running = Window(items, workers: workers, transform: transform)
            do {
                for output in previous { try emit(output) }
            } catch {
                _ = running.results()
                throw error
            }
            let isLast = items.count < window || pending != nil
            if !isLast { items = read() }
            previous = running.results()
            if isLast { break }
        }
        for output in previous { try emit(output) }
        if let pending { throw pending }
    }

    /// The transformation of one window's items, started on the workers' threads when made
    /// (on this thread, for one worker or one item) and awaited by ``results()``.
    private final class Window<Item: Sendable, Output: Sendable>: @unchecked Sendable {
        // @unchecked: each item's result is written by one thread only, and read once all are done.
        private let slots: UnsafeMutableBufferPointer<Output?>
        private let group = DispatchGroup()
        /// How many items the threads have taken.
        private let taken = Atomic<Int>(0)

        init(_ items: [Item], workers: [Worker], transform: @escaping @Sendable (Worker, Item) -> Output) {
            slots = .allocate(capacity: items.count)
            slots.initialize(repeating: nil)
            guard workers.count > 1, items.count > 1 else {
                for (index, item) in items.enumerated() { slots[index] = transform(workers[0], item) }
                return
            }
            for worker in workers {
                DispatchQueue.global().async(group: group) { [self] in
                    while true {
                        let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < items.count else { return }
                        slots[index] = transform(worker, items[index])
                    }
                }
            }
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        /// The results, in the order of the items, once every thread is done.
        func results() -> [Output] {
            group.wait()
            return slots.map { $0! }
        }
    }
}
