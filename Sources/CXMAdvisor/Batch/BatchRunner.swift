import Dispatch
import Synchronization

/// Maps a stream of items on several threads and hands the results on in input order.
///
/// Each thread has a worker of its own (see ``BatchWorker``) that only it uses while a window
/// runs. Items are read in windows of at most ``window`` items and ``windowWeight`` of their
/// weight (bytes, for records); the threads take the items of a window a few at a time
/// (``BatchWindow/chunk``), as they finish the last. While they work on one window, the calling
/// thread emits the results of the window before it and reads the next, so that reading and
/// writing, which only one thread can do, take no time from the work. The last window's results
/// are emitted as the threads finish each few of them, so that writing them does not follow the
/// work on them but goes along with it. Memory holds three windows of items and results, however
/// long the stream.
///
/// The threads only borrow the items: the calling thread, which made them, also destroys them.
/// What items share (a CSV file's columns, its name) is then counted up and down by one thread,
/// and their memory goes back to the allocator of the thread that took it, instead of both
/// bouncing between the processor cores once per item.
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
        func read() -> BatchWindow<Item, Output> {
            defer { limit = min(window, limit * 2) }
            let items = BatchWindow<Item, Output>(capacity: limit)
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
        var running = read()
        var previous: BatchWindow<Item, Output>?
        while true {
            running.start(workers: workers, transform: transform)
            do {
                try previous?.emit(emit)
            } catch {
                running.discard()
                throw error
            }
            let isLast = ended || pending != nil
            guard !isLast else { break }
            let next = read()
            // The next window starts once this one is done: a worker is used by one thread at a time.
            running.wait()
            previous = running
            running = next
        }
        // The last window: its results as soon as they are there, while the threads still work.
        try running.emit(emit)
        if let pending { throw pending }
    }
}

/// One window of ``BatchRunner``: the items read, then, once ``start(workers:transform:)``, the
/// transformation of each on the workers' threads (on this thread, for one worker or one item),
/// awaited by ``wait()`` and ``emit(_:)``. Each item is lent to the thread that transforms it and
/// destroyed on the thread that made it, by ``wait()`` or once its result is emitted; each result
/// is moved out to `emit`: neither is copied on the way.
@usableFromInline
final class BatchWindow<Item: Sendable, Output: Sendable>: @unchecked Sendable {
    // @unchecked: items are appended by one thread before the start; then each item is read and
    // its result written by the one thread that took its chunk, which then marks the chunk done;
    // items are destroyed and results read, once their chunk is done, by the thread that
    // appended them.
    @usableFromInline let items: UnsafeMutablePointer<Item>
    /// The results, in the order of the items: each initialized once its chunk is done, and
    /// then moved out, in order, up to `emitted`.
    @usableFromInline let results: UnsafeMutablePointer<Output>
    /// For each chunk of items, whether the thread that took it is done with it (release: its
    /// results are written), when threads transform the items.
    @usableFromInline let done: UnsafeMutablePointer<Atomic<Bool>>
    @usableFromInline let capacity: Int
    /// How many items were appended.
    @usableFromInline var count = 0
    /// Whether the transformation has started, and whether on threads.
    @usableFromInline var started = false
    @usableFromInline var threaded = false
    /// How many of the items (from the first) were destroyed, once their chunk was done.
    @usableFromInline var destroyed = 0
    @usableFromInline var emitted = 0
    @usableFromInline let group = DispatchGroup()
    /// Signalled each time a thread is done with a chunk, for ``emit(_:)`` to wait on.
    @usableFromInline let progress = DispatchSemaphore(value: 0)
    /// How many items the threads have taken.
    @usableFromInline let taken = Atomic<Int>(0)
    /// How many items a thread takes at once: few enough to share out the end of a window
    /// evenly, enough that the threads rarely touch the shared count and write their results
    /// side by side rather than in memory another core is writing.
    @usableFromInline static var chunk: Int { 16 }

    /// An empty window of at most `capacity` items.
    @inlinable
    init(capacity: Int) {
        self.capacity = capacity
        items = .allocate(capacity: capacity)
        results = .allocate(capacity: capacity)
        let chunks = (capacity + Self.chunk - 1) / Self.chunk
        done = .allocate(capacity: chunks)
        for index in 0..<chunks { (done + index).initialize(to: Atomic(false)) }
    }

    deinit {
        // No wait for the threads here: each holds the window until it is done, so the window
        // goes only once they all are (every path of `run` joins them first, by `wait()` or
        // `discard()`). A wait here would never end if the last of them released it.
        (items + destroyed).deinitialize(count: count - destroyed)
        if started, emitted < count { (results + emitted).deinitialize(count: count - emitted) }
        items.deallocate()
        results.deallocate()
        done.deinitialize(count: (capacity + Self.chunk - 1) / Self.chunk)
        done.deallocate()
    }

    /// Adds an item, before the start.
    @inlinable
    func append(_ item: consuming Item) {
        precondition(!started && count < capacity, "an item added to a full or started window")
        (items + count).initialize(to: item)
        count += 1
    }

    /// Starts transforming the items, each with one of the workers.
    @inlinable
    func start<Worker: Sendable>(workers: [Worker], transform: @escaping @Sendable (Worker, Item) -> Output) {
        started = true
        guard workers.count > 1, count > 1 else {
            for index in 0..<count { (results + index).initialize(to: transform(workers[0], items[index])) }
            return
        }
        threaded = true
        for worker in workers {
            DispatchQueue.global().async(group: group) { [self] in
                while true {
                    let first = taken.wrappingAdd(Self.chunk, ordering: .relaxed).oldValue
                    guard first < count else { return }
                    for index in first..<min(first + Self.chunk, count) {
                        (results + index).initialize(to: transform(worker, items[index]))
                    }
                    done[first / Self.chunk].store(true, ordering: .releasing)
                    progress.signal()
                }
            }
        }
    }

    /// Waits until every thread is done, then destroys the items left (on the calling thread,
    /// which appended them).
    @inlinable
    func wait() {
        guard started else { return }
        group.wait()
        (items + destroyed).deinitialize(count: count - destroyed)
        destroyed = count
    }

    /// Once every thread is done, destroys the items and the results not emitted, here, before
    /// an error returns: the threads may still be at work on the rest, and the last of them,
    /// which holds the window, would otherwise destroy them on its thread after the run.
    @inlinable
    func discard() {
        wait()
        guard started else { return }
        (results + emitted).deinitialize(count: count - emitted)
        emitted = count
    }

    /// Passes the results to `body` in the order of the items, each moved out of the window as
    /// soon as the thread that made it is done with its chunk (the item is destroyed then); an
    /// error from `body` stops it (the rest are dropped with the window).
    @inlinable
    func emit<Failure: Error>(_ body: (Output) throws(Failure) -> Void) throws(Failure) {
        // Counted here and stored once, not in the window, whose memory the threads still read.
        var (emitted, destroyed) = (self.emitted, self.destroyed)
        do throws(Failure) {
            while emitted < count {
                if threaded, emitted >= destroyed {
                    // Wait for the chunk, then destroy its items: no thread reads them any more.
                    let chunk = emitted / Self.chunk
                    while !done[chunk].load(ordering: .acquiring) { progress.wait() }
                    let end = min((chunk + 1) * Self.chunk, count)
                    (items + destroyed).deinitialize(count: end - destroyed)
                    destroyed = end
                }
                let output = (results + emitted).move()
                emitted += 1
                try body(output)
            }
        } catch {
            (self.emitted, self.destroyed) = (emitted, destroyed)
            discard()
            throw error
        }
        (self.emitted, self.destroyed) = (emitted, destroyed)
        wait()
    }
}
