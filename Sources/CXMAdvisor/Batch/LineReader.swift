#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines as it reads it in chunks, so that memory stays bounded by
/// the longest line, however long the input. Lines end with LF or CRLF; the last line may lack
/// one. A UTF-8 byte order mark at the start is skipped.
public struct LineReader {
    /// One line, without its line break.
    public struct Line: Sendable {
        /// The line number, from 1, counting every line (blank ones too).
        public let number: Int
        public let bytes: [UInt8]
    }

    /// The longest line accepted; a longer one makes the input unusable (it is not a profile).
    public static let maximumLength = 1 << 20

    private var reader: ChunkedReader
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// Where to look for the next line break (everything from `start` to here has none).
    private var scanned = 0
    private var atEnd = false
    private var lineCount = 0

    public init(_ reader: ChunkedReader) {
        self.reader = reader
    }

    /// The next line, or `nil` at the end of the input.
    public mutating func next() throws(BatchInputError) -> Line? {
        while true {
            if let newline = findNewline() {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                return take(end: end, next: newline + 1)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                return take(end: buffer.count, next: buffer.count)
            }
            guard buffer.count - start <= LineReader.maximumLength else {
                throw BatchInputError(.unusable, "\(reader.path):\(lineCount + 1): the line is longer than \(LineReader.maximumLength / 1024) KiB, too long for a profile; is this a JSON Lines file?")
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            atEnd = !(try reader.read(into: &buffer))
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

    private mutating func take(end: Int, next: Int) -> Line {
        var first = start
        if lineCount == 0, buffer[start..<end].starts(with: [0xEF, 0xBB, 0xBF]) { first += 3 }
        lineCount += 1
        let line = Line(number: lineCount, bytes: Array(buffer[first..<end]))
        start = next
        scanned = next
        return line
    }
}
