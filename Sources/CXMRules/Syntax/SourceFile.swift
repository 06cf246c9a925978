#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of one rule or profile file, with what is needed to turn byte offsets into
/// line and column numbers for diagnostics.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics, as the user gave it (for example `rules/scoring.cxm`).
    public let path: String
    /// The file's bytes, UTF-8.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]
    /// The line number of the first byte: 1, or more for an excerpt of a larger file (one line
    /// of a JSON Lines file, one record of a CSV file).
    public let firstLine: Int

    /// The line starts of a text of one line.
    private static let oneLine = [0]

    /// Creates a source file from its display path and text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Creates a source file from its display path and raw bytes (assumed UTF-8); `firstLine`
    /// is the line number of the first byte when the bytes are an excerpt of a larger file.
    public init(path: String, bytes: [UInt8], firstLine: Int = 1) {
        self.path = path
        self.bytes = bytes
        self.firstLine = firstLine
        // Most excerpts (a JSON Lines line, a CSV row) are one line: they share one array.
        guard bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0x0A, bytes.count) != nil } ?? false }) else {
            lineStarts = Self.oneLine
            return
        }
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            while let found = memchr(base + starts[starts.count - 1], 0x0A, buffer.count - starts[starts.count - 1]) {
                starts.append(base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1)
            }
        }
        self.lineStarts = starts
    }

    /// A source of one line of a larger file, numbered `line`: `bytes` holds no line break (a
    /// CSV row found by its line break), so they are not searched for one.
    public init(path: String, line: Int, oneLine bytes: [UInt8]) {
        assert(!bytes.contains(0x0A), "a one-line source with a line break")
        self.path = path
        self.bytes = bytes
        firstLine = line
        lineStarts = Self.oneLine
    }

    /// The line (counted from ``firstLine``) and 1-based column of a byte offset. Columns count
    /// characters, not bytes, so that carets line up under non-ASCII text.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = clamped(offset)
        let line = lineNumber(of: offset)
        return (line, text(in: byteRange(ofLine: line).lowerBound..<offset).count + 1)
    }

    /// The lines and columns of many byte offsets (keyed by the offset, clamped to the text),
    /// reading each line that they fall on once, where ``location(of:)`` reads a line for each.
    public func locations(of offsets: [Int]) -> [Int: (line: Int, column: Int)] {
        var result: [Int: (line: Int, column: Int)] = [:]
        var previous: (offset: Int, line: Int, column: Int)?
        for offset in Set(offsets.map(clamped)).sorted() {
            let line = lineNumber(of: offset)
            let from = previous.flatMap { $0.line == line ? $0 : nil } ?? (offset: byteRange(ofLine: line).lowerBound, line: line, column: 1)
            let column = from.column + text(in: from.offset..<offset).count
            result[offset] = (line, column)
            previous = (offset, line, column)
        }
        return result
    }

    /// An offset within the text.
    public func clamped(_ offset: Int) -> Int {
        max(0, min(offset, bytes.count))
    }

    /// The line (counted from ``firstLine``) that holds a byte offset.
    func lineNumber(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + firstLine
    }

    /// The bytes of a line (numbered as ``location(of:)`` numbers it), without its line break.
    func byteRange(ofLine number: Int) -> Range<Int> {
        let line = number - firstLine + 1
        guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of a line (numbered as ``location(of:)`` numbers it), without its line break.
    public func lineText(_ number: Int) -> String {
        text(in: byteRange(ofLine: number))
    }

    /// The offset of the UTF-8 sequence that holds the byte at `offset` (or `offset` itself, if it
    /// starts one or is not in the text).
    func scalarStart(atOrBefore offset: Int) -> Int {
        var start = offset
        while start > 0, start < bytes.count, bytes[start] & 0xC0 == 0x80, offset - start < 3 { start -= 1 }
        return start
    }

    /// "UTF-16" if the bytes look like UTF-16 text (a UTF-16 byte order mark, or a zero byte
    /// beside each of the first two ASCII characters), which cxm does not read; `nil` otherwise.
    public static func utf16Encoding(of bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        guard bytes.count >= 4 else { return nil }
        let little = bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0 && bytes[2] != 0
        let big = bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0 && bytes[3] != 0
        return little || big ? "UTF-16" : nil
    }

    /// The source text in a byte range.
    public func text(in range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// A byte range in one source file.
public struct SourceRange: Hashable, Sendable {
    /// Index of the file in the rule base's file list (or 0 for a lone profile).
    public var file: Int
    /// Byte offsets, half-open.
    public var start: Int
    public var end: Int

    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both.
    func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }
}
