import Foundation

/// Reads `cxm ask`'s answers from standard input, one a line, holding at most
/// ``maximumLength`` bytes of one: a longer line is returned cut at once, without reading the
/// rest of it, so that an endless line (`< /dev/zero`) neither fills the memory nor hangs.
struct AnswerReader {
    /// A line read.
    enum Line: Equatable {
        /// A whole line, without its line break (LF or CRLF).
        case text(String)
        /// A line longer than the limit: how it starts.
        case tooLong(start: String)
    }

    /// The most bytes an answer may take: far more than any answer needs.
    static let maximumLength = 16 << 10

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false
    /// Whether the rest of a line that was too long is still to be skipped.
    private var skipping = false

    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
    }

    /// The next line, or `nil` at the end of the input (or when it cannot be read).
    mutating func next() -> Line? {
        var searched = 0
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > 0, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeSubrange(...newline)
                if skipping {
                    // The end of a line that was too long, returned before.
                    skipping = false
                    searched = 0
                    continue
                }
                return .text(line)
            }
            searched = buffer.count
            if skipping {
                buffer.removeAll(keepingCapacity: true)
                searched = 0
            } else if buffer.count > AnswerReader.maximumLength {
                let start = String(decoding: buffer.prefix(200), as: UTF8.self)
                buffer.removeAll(keepingCapacity: true)
                skipping = true
                return .tooLong(start: start)
            }
            if atEnd || !fill() {
                atEnd = true
                guard !buffer.isEmpty, !skipping else { return nil }
                defer { buffer.removeAll() }
                return .text(String(decoding: buffer, as: UTF8.self))
            }
        }
    }

    /// Reads more of the input into the buffer; `false` at its end.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
    }
}
