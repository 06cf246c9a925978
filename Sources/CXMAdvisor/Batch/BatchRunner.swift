import Dispatch
import Synchronization

/// Maps a stream of items on several threads and hands the results on in input order.
///
/// Each thread has a worker of its own (see ``BatchWorker``) that only it uses while a window
/// runs. Items are read in windows of ``window`` items; the threads take the items of a window
/// one at a time, as they finish the last, and the results are emitted in order before the next
/// window is read. Memory holds one window of items and results, however long the stream.
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
        var items: [Item] = []
        items.reserveCapacity(window)
        var pending: Failure?
        repeat {
            items.removeAll(keepingCapacity: true)
            do {
                while items.count < window, let item = try next() { items.append(item) }
            } catch {
                pending = error
            }
            for output in map(items, transform) { try emit(output) }
            if let pending { throw pending }
        } while items.count == window
    }

    /// The items transformed by the workers, each on a thread of its own, in order.
    private func map<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Worker, Item) -> Output) -> [Output] {
        guard workers.count > 1, items.count > 1 else { return items.map { transform(workers[0], $0) } }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results  // each item's result is written by one thread only
        let taken = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers.count) { worker in
            while true {
                let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                slots[index] = transform(workers[worker], items[index])
            }
        }
        return results.map { $0! }
    }
}
