import Dispatch
import Foundation

/// Maps a stream of items on several threads and hands the results on in input order.
///
/// Items are read in windows of ``window`` items; each window is transformed on ``threads``
/// threads at once (`DispatchQueue.concurrentPerform`), then its results are emitted in order
/// before the next window is read. Memory holds one window of items and results, however long
/// the stream.
public struct BatchRunner: Sendable {
    /// How many threads transform items at once.
    public let threads: Int
    /// How many items are read, transformed and emitted together.
    public let window: Int

    /// - Parameters:
    ///   - threads: at least 1; by default, every active processor.
    ///   - window: items per window; by default 256 per thread.
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil) {
        self.threads = max(1, threads)
        self.window = max(1, window ?? 256 * self.threads)
    }

    /// Reads every item with `next` (until it returns `nil`), transforms each with `transform`
    /// and passes the results to `emit` in the order of the items. An error from `next` or
    /// `emit` stops the run after the results of the items before it have been emitted.
    public func run<Item: Sendable, Output: Sendable, Failure: Error>(
        next: () throws(Failure) -> Item?,
        transform: @escaping @Sendable (Item) -> Output,
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

    /// The items transformed on ``threads`` threads, in order.
    private func map<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) -> Output) -> [Output] {
        guard threads > 1, items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results  // each iteration writes only its own slot
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots[index] = transform(items[index])
        }
        return results.map { $0! }
    }
}
