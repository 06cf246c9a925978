#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads bytes in fixed-size chunks: from a file descriptor (a file, a pipe, standard input),
/// or from memory (for tests, where a tiny chunk size puts chunk boundaries everywhere).
public struct ChunkedReader {
    private enum Source {
        case descriptor(Int32)
        case memory([UInt8], offset: Int)
    }

    private var source: Source
    /// The most bytes one read adds.
    public let chunkSize: Int
    /// The file name, for messages about read errors.
    public let path: String

    /// Reads from an open file descriptor, which the caller closes.
    public init(fileDescriptor: Int32, path: String, chunkSize: Int = 65_536) {
        source = .descriptor(fileDescriptor)
        self.path = path
        self.chunkSize = chunkSize
    }

    /// Reads bytes held in memory.
    public init(bytes: [UInt8], path: String = "<memory>", chunkSize: Int) {
        source = .memory(bytes, offset: 0)
        self.path = path
        self.chunkSize = chunkSize
    }

    /// Appends the next chunk of at most ``chunkSize`` bytes to `buffer`; returns `false`, having
    /// appended nothing, at the end of the input.
    public mutating func read(into buffer: inout [UInt8]) throws(BatchInputError) -> Bool {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        let count: Int
        do {
            count = try buffer[start...].withUnsafeMutableBufferPointer { (room: inout UnsafeMutableBufferPointer<UInt8>) throws(BatchInputError) in
                try read(into: room)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        buffer.removeSubrange((start + count)...)
        return count > 0
    }
}

extension ChunkedReader {
    /// Reads the next chunk of at most ``chunkSize`` bytes (and at most `destination.count`)
    /// into `destination`, without copying it on the way; returns how many bytes it read: 0 at
    /// the end of the input.
    mutating func read(into destination: UnsafeMutableBufferPointer<UInt8>) throws(BatchInputError) -> Int {
        let wanted = min(chunkSize, destination.count)
        switch source {
        case .memory(let bytes, let offset):
            let end = min(bytes.count, offset + wanted)
            guard offset < end else { return 0 }
            _ = UnsafeMutableBufferPointer(rebasing: destination[..<(end - offset)]).initialize(from: bytes[offset..<end])
            source = .memory(bytes, offset: end)
            return end - offset
        case .descriptor(let descriptor):
            while true {
                let count = systemRead(descriptor, destination.baseAddress, wanted)
                if count >= 0 { return count }
                if errno != EINTR { throw BatchInputError.unreadable(path) }
            }
        }
    }
}

/// read(2).
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
