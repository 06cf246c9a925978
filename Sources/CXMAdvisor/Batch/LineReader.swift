#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines as it reads it in chunks, so that memory stays bounded
/// however long the input, or any of its lines. Lines end with LF or CRLF; the last line may
/// lack one. A UTF-8 byte order mark at the start is skipped.
public struct LineReader {
    /// One line, without its line break.
    public struct Line: Sendable {
        /// The line number, from 1, counting every line (blank ones too).
        public let number: Int
        /// The line's bytes; for a line that is too long, only its first bytes (see
        /// ``RecordLimit``).
        public let bytes: [UInt8]
        /// How many bytes the whole line holds.
        public let length: Int
        /// Whether the line is longer than the reader's limit, and so cut to its start.
        public let isTooLong: Bool
    }

    /// The most bytes a line may hold; a longer one is read past and returned cut.
    public let maximumLength: Int

    private var reader: ChunkedReader
    private var buffer: InputBuffer
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// Where to look for the next line break (everything from `start` to here has none).
    private var scanned = 0
    private var atEnd = false
    private var lineCount = 0

    /// Reads lines from a chunked source; a line longer than `maximumLength` bytes is reported
    /// and skipped.
    public init(_ reader: ChunkedReader, maximumLength: Int = RecordLimit.maximumLength) {
        self.reader = reader
        self.maximumLength = maximumLength
        buffer = InputBuffer(chunkSize: reader.chunkSize)
    }

    /// The next line, or `nil` at the end of the input.
    public mutating func next() throws(BatchInputError) -> Line? {
        // Of a line too long to keep: how it starts, and how many of its bytes were dropped.
        var preview: [UInt8] = []
        var dropped = 0
        while true {
            if let newline = findNewline() {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                return take(end: end, next: newline + 1, preview: preview, dropped: dropped)
            }
            if atEnd {
                guard start < buffer.count || dropped > 0 else { return nil }
                return take(end: buffer.count, next: buffer.count, preview: preview, dropped: dropped)
            }
            // Longer than the limit even without a byte order mark and a CR: keep its start,
            // and drop the rest as it is read (but a last CR, which may come before the LF).
            if dropped > 0 || buffer.count - start > maximumLength + 4 {
                let first = dropped > 0 ? start : textStart(before: buffer.count)
                if dropped == 0 { preview = buffer.copy(first..<first + RecordLimit.previewLength(maximumLength)) }
                start = buffer.count - (buffer.count > 0 && buffer[buffer.count - 1] == UInt8(ascii: "\r") ? 1 : 0)
                dropped += start - first
            }
            // The buffer drops the bytes before `start` before it reads, which may fail:
            // `scanned` and `start` follow it first.
            let dropped = start
            scanned -= dropped
            start = 0
            atEnd = !(try buffer.fill(from: &reader, dropping: dropped))
        }
    }

    private mutating func findNewline() -> Int? {
        let found: Int? = buffer.withUnsafeBufferPointer { all in
            guard scanned < all.count, let base = all.baseAddress,
                  let hit = memchr(base + scanned, Int32(UInt8(ascii: "\n")), all.count - scanned) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        scanned = found ?? buffer.count
        return found
    }

    /// Where the line at `start` begins: after the byte order mark, if it is the first line.
    private func textStart(before end: Int) -> Int {
        lineCount == 0 && buffer.withUnsafeBufferPointer({ $0[start..<end].starts(with: [0xEF, 0xBB, 0xBF]) }) ? start + 3 : start
    }

    /// The line that ends at `end` in `buffer` (`dropped` bytes of it, after `preview`, having
    /// been read past), the next one starting at `next`.
    private mutating func take(end: Int, next: Int, preview: [UInt8], dropped: Int) -> Line {
        let first = dropped > 0 ? start : textStart(before: end)
        let length = dropped + end - first
        let isTooLong = length > maximumLength
        let bytes = dropped > 0 ? preview : buffer.copy(first..<(isTooLong ? first + RecordLimit.previewLength(maximumLength) : end))
        lineCount += 1
        start = next
        scanned = next
        return Line(number: lineCount, bytes: bytes, length: length, isTooLong: isTooLong)
    }
}
