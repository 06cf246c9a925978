import Dispatch
import Foundation
import Synchronization

/// Maps a stream of items on several threads and hands the results on in input order.
///
/// Each thread has a worker of its own (see ``BatchWorker``) that only it uses. Items are read in
/// windows of at most ``window`` items and ``windowWeight`` of their weight (bytes, for
/// records); the threads take the items of a window a few at a time (``BatchWindow/chunk``), as
/// they finish the last, and go on to the next window as soon as none is left, without waiting
/// for the others (unless the next is not read yet). The calling thread keeps a window read ahead of the one the threads work on:
/// once the threads are done with a window, it emits its results and reads the window after the
/// next, so that reading and writing, which only one thread can do, take no time from the work,
/// and the threads rarely stop between windows (a thread that has gone idle takes long to wake
/// on a virtual machine: with a start and a wait for each window, two threads left a core idle
/// 6 % of a 20,000-row batch, 0.5–6 ms each time a window started). The last window's results
/// are emitted as the threads finish each few of them, so that writing them does not follow the
/// work on them but goes along with it. Memory holds two windows of items and results (the one
/// the threads work on and the one read ahead, into the memory of the one emitted; three while
/// windows grow), with what their items keep alive (a CSV row, the input it was read with: see
/// ``BatchRecord/length``), however long the stream.
///
/// The threads only borrow the items, in place (`inout`: a borrowed item read out of the
/// window's memory would be copied, counting up and down once per item what items share, such
/// as a CSV file's columns and its name, from every thread): the calling thread, which made
/// them, also destroys them. Nor do results take memory of their own: a transformation writes
/// its bytes into memory of the window, which windows keep and reuse, and `emit` reads them
/// there. What items share is then counted up and down by one thread, and no memory that one
/// thread takes goes back to the allocator from another, instead of both bouncing between the
/// processor cores once per item.
///
/// The first window holds 256 items a thread and each next one twice as many, up to ``window``,
/// so that the first results come soon and a short stream is still shared out among the threads.
public struct BatchRunner<Worker: Sendable>: Sendable {
    /// One worker per thread.
    public let workers: [Worker]
    /// How many items are read, transformed and emitted together, at most.
    public let window: Int
    /// How much of the items' weight a window holds at most: a window closes once its items
    /// weigh this much, so that the memory the windows take stays bounded when items are large.
    public let windowWeight: Int

    /// - Parameters:
    ///   - workers: one per thread (at least one).
    ///   - window: items per window; by default 4,096 per thread.
    ///   - windowWeight: the most weight a window holds; by default 8 MiB (records weigh their
    ///     bytes, or the input read for them: see ``BatchRecord/length``).
    public init(workers: [Worker], window: Int? = nil, windowWeight: Int = 8 << 20) {
        precondition(!workers.isEmpty, "a batch runner needs a worker")
        self.workers = workers
        self.window = max(1, window ?? 4096 * workers.count)
        self.windowWeight = max(1, windowWeight)
    }

    /// Reads every item with `next` (until it returns `nil`), transforms each with a worker and
    /// `transform`, and passes the results to `emit` in the order of the items. An error from
    /// `next` or `emit` stops the run after the results of the items before it have been emitted.
    /// `weight` says how much an item counts against ``windowWeight`` (by default nothing). One
    /// worker, or a stream of one item, runs on the calling thread alone.
    ///
    /// `transform` may append bytes to the array it is given (which holds other items' bytes
    /// before them: it must not change those); `emit` gets them with the result, in memory that
    /// is only valid during the call.
    ///
    /// Inlinable, so that a caller's item and result types get code of their own: generic code
    /// copies each result through its type's value witnesses, which for a row of a batch means
    /// a dozen reference counts a copy, updated by two threads.
    @inlinable
    public func run<Item: Sendable, Output: Sendable, Failure: Error>(
        next: () throws(Failure) -> Item?,
        weight: (Item) -> Int = { _ in 0 },
        transform: @escaping @Sendable (Worker, inout Item, inout [UInt8]) -> Output,
        emit: (Output, UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
    ) throws(Failure) {
        var pending: Failure?
        var ended = false
        var limit = min(window, 256 * workers.count)
        /// The next window: up to `limit` items or ``windowWeight`` of weight, fewer at the end
        /// or where `next` failed; the window after it may hold twice as many items. In `spare`
        /// (emitted) if it has room for them, so that its memory and its bytes' is reused.
        func read(reusing spare: BatchWindow<Item, Output>?) -> BatchWindow<Item, Output> {
            defer { limit = min(window, limit * 2) }
            let items: BatchWindow<Item, Output>
            if let spare, spare.capacity >= limit {
                spare.reset()
                items = spare
            } else {
                items = BatchWindow<Item, Output>(capacity: limit)
            }
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
        func isLast() -> Bool { ended || pending != nil }
        var emitting = read(reusing: nil)
        let crew = workers.count > 1 && (emitting.count > 1 || !isLast()) ? BatchCrew(workers: workers, transform: transform) : nil
        // On every way out, once the windows are done with: the threads end with the run.
        defer { crew?.finish() }
        /// Starts the transformation of a window: on the crew's threads, or here, on one worker.
        func start(_ window: BatchWindow<Item, Output>) {
            if let crew { crew.publish(window) } else { window.transformHere(with: workers[0], transform) }
        }
        start(emitting)
        var ahead = isLast() ? nil : read(reusing: nil)
        if let ahead { start(ahead) }
        while let following = ahead {
            // Once the threads are done with it (they work on the window after it meanwhile).
            emitting.wait()
            do {
                try emitting.emit(emit)
            } catch {
                following.discard()
                throw error
            }
            ahead = nil
            if !isLast() {
                let next = read(reusing: emitting)
                start(next)
                ahead = next
            }
            emitting = following
        }
        // The last window: its results as soon as they are there, while the threads still work.
        try emitting.emit(emit)
        if let pending { throw pending }
    }
}

/// The threads of a ``BatchRunner`` run, one for each worker, from its first window to its last:
/// each takes chunks of the windows published to it, in order, and goes on to the next as soon
/// as a window has none left, waiting only if the next is not published yet, until
/// ``finish()``. Two windows are published at most that the threads may still work on: the
/// caller publishes a window only once every thread is done with the one two before it, whose
/// place it takes (``publish(_:)`` checks it).
@usableFromInline
final class BatchCrew<Worker: Sendable, Item: Sendable, Output: Sendable>: @unchecked Sendable {
    // @unchecked: `windows`, `published` and `finished` are read and written under `condition`.
    @usableFromInline let condition = NSCondition()
    /// The last two windows published: window `n` at `n % 2`.
    @usableFromInline var windows: [BatchWindow<Item, Output>?] = [nil, nil]
    @usableFromInline var published = 0
    @usableFromInline var finished = false
    @usableFromInline let threads = DispatchGroup()
    @usableFromInline let count: Int

    /// Starts a thread for each worker: a thread of its own, not one of Dispatch's, since the
    /// crew's threads wait between windows, and Dispatch starts a block queued behind threads
    /// of its pool that wait only seconds later (2–3 s on Linux), as it would the crew's when
    /// the caller or other work already holds the pool's threads.
    @inlinable
    init(workers: [Worker], transform: @escaping @Sendable (Worker, inout Item, inout [UInt8]) -> Output) {
        count = workers.count
        for worker in workers {
            threads.enter()
            Thread { [self] in
                var index = 0
                // The thread lets go of the window before it leaves its group, so that the last
                // reference to a window is always the calling thread's (which waits on the group).
                while let group = window(index).map({ $0.work(with: worker, transform) }) {
                    group.leave()
                    index += 1
                }
                threads.leave()
            }.start()
        }
    }

    /// Window `index`, once it is published; `nil` once the crew is finished without it.
    @inlinable
    func window(_ index: Int) -> BatchWindow<Item, Output>? {
        condition.lock()
        defer { condition.unlock() }
        while published <= index, !finished { condition.wait() }
        return published > index ? windows[index % 2] : nil
    }

    /// Hands a window to the threads. The caller publishes a window only once every thread is
    /// done with the window two before it, whose place it takes (a thread that starts late still
    /// finds its window there).
    @inlinable
    func publish(_ window: BatchWindow<Item, Output>) {
        condition.lock()
        precondition(published < 2 || windows[published % 2]?.group.wait(timeout: .now()) == .success,
                     "a window published while the threads still work on the one two before it")
        window.started(threads: count)
        windows[published % 2] = window
        published += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Publishes no more windows, and waits until the threads are done with those published (each
    /// thread's last step, letting go of its worker, may come just after).
    @inlinable
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
        threads.wait()
        // Here, not on the thread that drops the crew last.
        condition.lock()
        windows = [nil, nil]
        condition.unlock()
    }
}

/// One window of ``BatchRunner``: the items read, then, once published to a ``BatchCrew``, the
/// transformation of each on the crew's threads (or ``transformHere(with:_:)``, on this thread),
/// awaited by ``wait()`` and ``emit(_:)``. Each item is lent to the thread that transforms it and
/// destroyed on the thread that made it, by ``wait()`` or once its result is emitted; each result
/// is moved out to `emit`, with its bytes: neither is copied on the way. Once emitted, a window
/// can be ``reset()`` and filled again, keeping its memory.
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
    /// For each chunk of items, the bytes its transformations wrote, one after the other; kept,
    /// with their memory, from one filling of the window to the next.
    @usableFromInline let bytes: UnsafeMutablePointer<[UInt8]>
    /// For each item, where its bytes end in those of its chunk (they start where the bytes of
    /// the item before it in the chunk end).
    @usableFromInline let ends: UnsafeMutablePointer<Int>
    @usableFromInline let capacity: Int
    /// How many items were appended.
    @usableFromInline var count = 0
    /// Whether the transformation has started, and whether on threads.
    @usableFromInline var isStarted = false
    @usableFromInline var threaded = false
    /// How many of the items (from the first) were destroyed, once their chunk was done.
    @usableFromInline var destroyed = 0
    @usableFromInline var emitted = 0
    /// Entered for each thread of the crew the window is published to, left by each once it
    /// finds no chunk left.
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
        let chunks = Self.chunks(of: capacity)
        done = .allocate(capacity: chunks)
        for index in 0..<chunks { (done + index).initialize(to: Atomic(false)) }
        bytes = .allocate(capacity: chunks)
        bytes.initialize(repeating: [], count: chunks)
        ends = .allocate(capacity: capacity)
    }

    /// How many chunks the items make at most.
    @inlinable
    var chunks: Int { Self.chunks(of: capacity) }

    /// How many chunks `items` items make.
    @inlinable
    static func chunks(of items: Int) -> Int { (items + chunk - 1) / chunk }

    deinit {
        // No wait for the threads here: every path of `run` is done with them first (by `wait()`
        // or `discard()`), and a thread may drop the window last once it has left it (then with
        // nothing left in it to destroy). A wait here would never end on such a thread.
        (items + destroyed).deinitialize(count: count - destroyed)
        if isStarted, emitted < count { (results + emitted).deinitialize(count: count - emitted) }
        items.deallocate()
        results.deallocate()
        done.deinitialize(count: chunks)
        done.deallocate()
        bytes.deinitialize(count: chunks)
        bytes.deallocate()
        ends.deallocate()
    }

    /// Empties the window, once every result was emitted, to be filled again.
    @inlinable
    func reset() {
        precondition(emitted == count && destroyed == count, "a window reset before it was emitted")
        for chunk in 0..<Self.chunks(of: count) {
            done[chunk].store(false, ordering: .relaxed)
            bytes[chunk].removeAll(keepingCapacity: true)
        }
        (count, isStarted, threaded, destroyed, emitted) = (0, false, false, 0, 0)
        taken.store(0, ordering: .relaxed)
        // Chunks whose signal `emit` did not wait for (it found them done): the next filling
        // would otherwise wake for each of them.
        while progress.wait(timeout: .now()) == .success {}
    }

    /// Adds an item, before the start.
    @inlinable
    func append(_ item: consuming Item) {
        precondition(!isStarted && count < capacity, "an item added to a full or started window")
        (items + count).initialize(to: item)
        count += 1
    }

    /// Transforms every item here, with `worker`.
    @inlinable
    func transformHere<Worker>(with worker: Worker, _ transform: (Worker, inout Item, inout [UInt8]) -> Output) {
        isStarted = true
        for index in 0..<count { self.transform(index, with: worker, transform) }
    }

    /// Marks the window as handed to `threads` threads, each of which ends its
    /// ``work(with:_:)`` on it.
    @inlinable
    func started(threads: Int) {
        (isStarted, threaded) = (true, true)
        for _ in 0..<threads { group.enter() }
    }

    /// Transforms chunks of the items with `worker` (on a thread of the crew the window was
    /// published to) until none is left; returns the group the thread must then leave, once it
    /// has let go of the window.
    @inlinable
    func work<Worker>(with worker: Worker, _ transform: (Worker, inout Item, inout [UInt8]) -> Output) -> DispatchGroup {
        while true {
            let first = taken.wrappingAdd(Self.chunk, ordering: .relaxed).oldValue
            guard first < count else { break }
            for index in first..<min(first + Self.chunk, count) { self.transform(index, with: worker, transform) }
            done[first / Self.chunk].store(true, ordering: .releasing)
            progress.signal()
        }
        return group
    }

    /// Transforms the item at `index` into its result, its bytes after those of the items before
    /// it in its chunk.
    @inlinable
    func transform<Worker>(_ index: Int, with worker: Worker, _ transform: (Worker, inout Item, inout [UInt8]) -> Output) {
        let before = bytes[index / Self.chunk].count
        (results + index).initialize(to: transform(worker, &items[index], &bytes[index / Self.chunk]))
        // The bytes of the items before it are read where they were: the transformation may only append.
        precondition(bytes[index / Self.chunk].count >= before, "a transformation removed bytes it was not given")
        ends[index] = bytes[index / Self.chunk].count
    }

    /// Waits until every thread is done, then destroys the items left (on the calling thread,
    /// which appended them).
    @inlinable
    func wait() {
        guard isStarted else { return }
        group.wait()
        (items + destroyed).deinitialize(count: count - destroyed)
        destroyed = count
    }

    /// Once every thread is done, destroys the items and the results not emitted, here, before
    /// an error returns: the threads may still be at work on the rest, and a thread that holds
    /// the window last would otherwise destroy them on its thread after the run.
    @inlinable
    func discard() {
        wait()
        guard isStarted else { return }
        (results + emitted).deinitialize(count: count - emitted)
        emitted = count
    }

    /// Passes the results to `body` in the order of the items, each moved out of the window as
    /// soon as the thread that made it is done with its chunk (the item is destroyed then), with
    /// its bytes; an error from `body` stops it (the rest are dropped with the window).
    @inlinable
    func emit<Failure: Error>(_ body: (Output, UnsafeBufferPointer<UInt8>) throws(Failure) -> Void) throws(Failure) {
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
                let start = emitted % Self.chunk == 0 ? 0 : ends[emitted - 1]
                let end = ends[emitted]
                emitted += 1
                // In place (a read of the array would count a reference to it).
                try bytes[(emitted - 1) / Self.chunk].withUnsafeMutableBufferPointer { (chunk: inout UnsafeMutableBufferPointer<UInt8>) throws(Failure) in
                    try body(output, UnsafeBufferPointer(rebasing: chunk[start..<end]))
                }
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
