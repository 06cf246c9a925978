import Dispatch
import Synchronization

/// Maps a stream of items on several threads and hands the results on in input order.
///
/// Each thread has a worker of its own (see ``BatchWorker``) that only it uses while a window
/// runs. Items are read in windows of at most ``window`` items and ``windowWeight`` of their
/// weight (bytes, for records); the threads take the items of a window one at a time, as they
/// finish the last. While they work on one window, the calling thread emits the results of the
/// window before it and reads the next, so that reading and writing, which only one thread can
/// do, take no time from the work. Memory holds three windows of items and results, however long
/// the stream.
///
/// Windows are large because each one starts and awaits the threads: waking a thread that has
/// gone idle takes long on a virtual machine, and with windows of 256 items a thread, two threads
/// kept the two cores of a test machine busy 140–160 % of the time instead of 185 %. The first
/// window holds 256 items a thread and each next one twice as many, up to ``window``, so that the
/// first results come soon and a short stream is still shared out among the threads.
public struct BatchRunner<Worker: Sendable>: Sendable {
    /// One worker per thread.
    public let workers: [Worker]
    /// How many items are read, transformed and emitted together, at most.
    public let window: Int
    /// How much of the items' weight a window holds at most: a window closes once its items
    /// weigh this much, so that the memory three windows take stays bounded when items are large.
    public let windowWeight: Int

    /// - Parameters:
    ///   - workers: one per thread (at least one).
    ///   - window: items per window; by default 4,096 per thread.
    ///   - windowWeight: the most weight a window holds; by default 8 MiB (records weigh their
    ///     bytes, at most 1 MiB each: see ``RecordLimit``).
    public init(workers: [Worker], window: Int? = nil, windowWeight: Int = 8 << 20) {
        precondition(!workers.isEmpty, "a batch runner needs a worker")
        self.workers = workers
        self.window = max(1, window ?? 4096 * workers.count)
        self.windowWeight = max(1, windowWeight)
    }

    /// Reads every item with `next` (until it returns `nil`), transforms each with a worker and
    /// `transform`, and passes the results to `emit` in the order of the items. An error from
    /// `next` or `emit` stops the run after the results of the items before it have been emitted.
    /// `weight` says how much an item counts against ``windowWeight`` (by default nothing).
    ///
    /// Inlinable, so that a caller's item and result types get code of their own: generic code
    /// copies each result through its type's value witnesses, which for a row of a batch means
    /// a dozen reference counts a copy, updated by two threads.
    @inlinable
    public func run<Item: Sendable, Output: Sendable, Failure: Error>(
        next: () throws(Failure) -> Item?,
        weight: (Item) -> Int = { _ in 0 },
        transform: @escaping @Sendable (Worker, Item) -> Output,
        emit: (Output) throws(Failure) -> Void
    ) throws(Failure) {
        var pending: Failure?
        var ended = false
        var limit = min(window, 256 * workers.count)
        /// The next window: up to `limit` items or ``windowWeight`` of weight, fewer at the end
        /// or where `next` failed; the window after it may hold twice as many items.
        func read() -> [Item] {
            defer { limit = min(window, limit * 2) }
            var items: [Item] = []
            items.reserveCapacity(limit)
            var weighed = 0
            do {
                while items.count < limit, weighed < windowWeight {
                    guard let item = try next() else {
                        ended = true
                        break
                    }
                    weighed += weight(item)
                    items.append(consume item)
                }
            } catch {
                pending = error
            }
            return items
        }
        var items = read()
        var previous: BatchWindow<Item, Output>?
        while true {
            let running = BatchWindow(items, workers: workers, transform: transform)
            do {
                try previous?.emit(emit)
            } catch {
                running.wait()
                throw error
            }
            let isLast = ended || pending != nil
            if !isLast { items = read() }
            // The next window starts once this one is done: a worker is used by one thread at a time.
            running.wait()
            previous = running
            if isLast { break }
        }
        try previous?.emit(emit)
        if let pending { throw pending }
    }
}

/// The transformation of one window's items for ``BatchRunner``, started on the workers'
/// threads when made (on this thread, for one worker or one item) and awaited by ``emit(_:)``,
/// which hands the results on without copying them.
@usableFromInline
final class BatchWindow<Item: Sendable, Output: Sendable>: @unchecked Sendable {
    // @unchecked: each result is written by one thread only, and read once all are done.
    /// The results, in the order of the items: all initialized once the threads are done, and
    /// then moved out, in order, up to `emitted`.
    @usableFromInline let results: UnsafeMutableBufferPointer<Output>
    @usableFromInline var emitted = 0
    @usableFromInline let group = DispatchGroup()
    /// How many items the threads have taken.
    @usableFromInline let taken = Atomic<Int>(0)

    @inlinable
    init<Worker: Sendable>(_ items: [Item], workers: [Worker], transform: @escaping @Sendable (Worker, Item) -> Output) {
        results = .allocate(capacity: items.count)
        guard workers.count > 1, items.count > 1 else {
            for (index, item) in items.enumerated() { (results.baseAddress! + index).initialize(to: transform(workers[0], item)) }
            return
        }
        for worker in workers {
            DispatchQueue.global().async(group: group) { [self] in
                // Items are lent to `transform` from the array's storage, not copied out of it.
                items.withUnsafeBufferPointer { items in
                    while true {
                        let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < items.count else { return }
                        (results.baseAddress! + index).initialize(to: transform(worker, items[index]))
                    }
                }
            }
        }
    }

    deinit {
        if emitted < results.count { (results.baseAddress! + emitted).deinitialize(count: results.count - emitted) }
        results.deallocate()
    }

    /// Waits until every thread is done.
    @inlinable
    func wait() {
        group.wait()
    }

    /// Once every thread is done, passes the results to `body` in the order of the items, each
    /// moved out of the window; an error from `body` stops it (the rest are dropped with the window).
    @inlinable
    func emit<Failure: Error>(_ body: (Output) throws(Failure) -> Void) throws(Failure) {
        wait()
        while emitted < results.count {
            let output = (results.baseAddress! + emitted).move()
            emitted += 1
            try body(output)
        }
    }
}
