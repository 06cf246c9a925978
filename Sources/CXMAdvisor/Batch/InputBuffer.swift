/// The bytes of an input read in chunks and not yet read past, held in blocks whose bytes
/// records can share instead of copying them (see ``SharedBytes``): each chunk is read into the
/// free end of the current block, and what is left of the buffer moves to a new block only when
/// that end is too short for a chunk. Bytes once read are never moved or changed in their block,
/// so a record that points at them stays valid for as long as it holds the block.
///
/// A copy shares the block with the original, and both would read into its free end: once read
/// from, a buffer (and a ``CSVReader``, which holds one) must not be copied to be read from
/// again; `fill` traps if it is.
struct InputBuffer {
    /// Memory for input bytes, freed when the buffer and every record that shares it are done.
    final class Block: @unchecked Sendable {
        // @unchecked: bytes are written once, by the reading thread, before any record points
        // at them; other threads only read bytes that records point at.
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        /// How many bytes were written: the buffer that owns the block writes after them.
        var end = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit {
            base.deallocate()
        }
    }

    private var block: Block
    /// Where the buffer's first byte is in `block`.
    private var offset = 0
    /// How many bytes the buffer holds.
    private(set) var count = 0

    /// A buffer for chunks of up to `chunkSize` bytes.
    init(chunkSize: Int) {
        block = Block(capacity: Self.blockChunks * max(1, chunkSize))
    }

    /// How many chunks a new block holds at least: a block is shared by the records read from
    /// it, and moving the rest of the buffer to a new one happens once per block.
    private static let blockChunks = 4

    /// The byte at `index`.
    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "a byte outside the input buffer")
        return block.base[offset + index]
    }

    /// Calls `body` with the buffer's bytes (valid only in `body`).
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws(Never) -> Result) -> Result {
        body(UnsafeBufferPointer(start: block.base + offset, count: count))
    }

    /// A copy of the bytes in `range`.
    func copy(_ range: Range<Int>) -> [UInt8] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bytes outside the input buffer")
        return Array(UnsafeBufferPointer(start: block.base + offset + range.lowerBound, count: range.count))
    }

    /// The bytes in `range`, shared where they are: they stay valid while the value lives,
    /// whatever the buffer reads or drops meanwhile.
    func share(_ range: Range<Int>) -> SharedBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bytes outside the input buffer")
        return SharedBytes(UnsafeBufferPointer(start: block.base + offset + range.lowerBound, count: range.count), in: block)
    }

    /// Drops the first `dropped` bytes (those after them are then numbered from 0) and appends
    /// the next chunk of `reader`; returns `false`, having appended nothing, at the end of the
    /// input.
    mutating func fill(from reader: inout ChunkedReader, dropping dropped: Int) throws(BatchInputError) -> Bool {
        precondition(dropped >= 0 && dropped <= count, "more bytes dropped than the input buffer holds")
        offset += dropped
        count -= dropped
        let chunkSize = max(1, reader.chunkSize)
        // A copy of the buffer (of a copied CSVReader) would write into the same block.
        precondition(block.end == offset + count, "an input buffer whose block another buffer wrote to")
        if block.capacity - offset - count < chunkSize {
            // Twice what is kept, so that a long record is moved a bounded number of times per byte.
            let moved = Block(capacity: max(Self.blockChunks * chunkSize, 2 * count + chunkSize))
            moved.base.initialize(from: block.base + offset, count: count)
            moved.end = count
            block = moved
            offset = 0
        }
        let free = UnsafeMutableBufferPointer(start: block.base + offset + count, count: block.capacity - offset - count)
        let read = try reader.read(into: free)
        count += read
        block.end += read
        return read > 0
    }
}

/// Bytes that stay where an ``InputBuffer`` read them, kept valid by holding their block: the
/// text of a record, shared with the other records of its block instead of copied.
///
/// Any thread may read the bytes. The block is counted up and down where the value is made and
/// destroyed, which for a batch's records is the thread that reads the input (``BatchRunner``
/// destroys the items on the thread that made them), so that the threads rarely count the same
/// block; a copy made elsewhere counts it there (a record's `withText` may, on the thread that
/// assesses it, unless the compiler borrows the value instead).
struct SharedBytes: @unchecked Sendable {
    // @unchecked: the bytes are never written once shared (see InputBuffer.Block).
    /// The bytes, valid while this value lives.
    let bytes: UnsafeBufferPointer<UInt8>
    /// What keeps them.
    private let block: InputBuffer.Block

    fileprivate init(_ bytes: UnsafeBufferPointer<UInt8>, in block: InputBuffer.Block) {
        self.bytes = bytes
        self.block = block
    }
}
