import CXMRules

/// Writes bytes into memory of a fixed size, checking the room left once a write rather than
/// once a byte as an array's appends do; the batch writes its CSV rows with it. A write that
/// does not fit, and every write after it, is dropped and marks the writer ``overflowed``: the
/// caller then writes again into more room (see ``write(_:)``).
struct ByteWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// How many bytes were written (one past ``capacity`` once a write did not fit).
    private(set) var count = 0
    /// Whether a write did not fit (and nothing was written after it).
    var overflowed: Bool { count > capacity }

    private init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Appends the bytes `body` writes to `bytes`: written on the stack where they fit in a few
    /// hundred bytes (most rows do), else in more memory, four times as much until they fit
    /// (`body` must write the same bytes each time).
    static func write(appendingTo bytes: inout [UInt8], _ body: (inout ByteWriter) -> Void) {
        if withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512, { write(into: $0, appendingTo: &bytes, body) }) { return }
        var capacity = 2048
        while true {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
            defer { buffer.deallocate() }
            if write(into: buffer, appendingTo: &bytes, body) { return }
            capacity *= 4
        }
    }

    /// Appends the bytes `body` writes into `buffer` to `bytes`, if they fit; whether they did.
    private static func write(into buffer: UnsafeMutableBufferPointer<UInt8>, appendingTo bytes: inout [UInt8],
                              _ body: (inout ByteWriter) -> Void) -> Bool {
        var writer = ByteWriter(base: buffer.baseAddress!, capacity: buffer.count)
        body(&writer)
        guard !writer.overflowed else { return false }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<writer.count]))
        return true
    }

    /// Where the next `length` bytes go, if they fit; otherwise `nil`, and the writer is marked
    /// overflowed. The caller writes them there and then adds them to ``count``.
    @inline(__always)
    private mutating func room(_ length: Int) -> UnsafeMutablePointer<UInt8>? {
        guard capacity - count >= length else {
            count = capacity + 1
            return nil
        }
        return base + count
    }

    mutating func append(_ byte: UInt8) {
        guard let place = room(1) else { return }
        place.pointee = byte
        count += 1
    }

    /// Two bytes, such as a line end.
    mutating func append(_ first: UInt8, _ second: UInt8) {
        guard let place = room(2) else { return }
        place[0] = first
        place[1] = second
        count += 2
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let place = room(bytes.count) else { return }
        if let source = bytes.baseAddress { place.update(from: source, count: bytes.count) }
        count += bytes.count
    }

    /// A text of the program's code (ASCII), without making a `String` of it.
    mutating func append(ascii text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A text's UTF-8 bytes.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A number as ``formatNumber(_:)`` writes it.
    mutating func append(number: Double) {
        guard let place = room(numberLengthLimit) else { return }
        guard let written = writeNumber(number, to: place) else { return append(formatNumber(number)) }
        count += written
    }

    /// A whole number in decimal digits.
    mutating func append(integer: Int) {
        guard let place = room(numberLengthLimit) else { return }
        count += writeInteger(Int64(integer), to: place)
    }
}
