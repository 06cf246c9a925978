/// The text of one rule or profile file, with what is needed to turn byte offsets into
/// line and column numbers for diagnostics.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics, as the user gave it (for example `rules/archetypes.cxm`).
    public let path: String
    /// The file's bytes, UTF-8.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]
    /// The line number of the first byte: 1, or more for an excerpt of a larger file (one line
    /// of a JSON Lines file, one record of a CSV file).
    public let firstLine: Int

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
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The line (counted from ``firstLine``) and 1-based column of a byte offset. Columns count
    /// characters, not bytes, so that carets line up under non-ASCII text.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
        return (low + firstLine, prefix.count + 1)
    }

    /// The text of a line (numbered as ``location(of:)`` numbers it), without its line break.
    public func lineText(_ number: Int) -> String {
        let line = number - firstLine + 1
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
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
