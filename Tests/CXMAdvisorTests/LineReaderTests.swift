import Testing
@testable import CXMAdvisor

/// The line reader: exact line numbers and contents, whatever the chunk boundaries.
@Suite struct LineReaderTests {
    static func lines(_ text: String, chunkSize: Int) throws -> [(number: Int, text: String)] {
        var reader = LineReader(ChunkedReader(bytes: Array(text.utf8), chunkSize: chunkSize))
        var lines: [(Int, String)] = []
        while let line = try reader.next() { lines.append((line.number, String(decoding: line.bytes, as: UTF8.self))) }
        return lines
    }

    static let text = "\u{FEFF}{\"a\": 1}\r\n\n  \n{\"b\": \"x\"}\n{\"c\": 3}"

    @Test func linesAndNumbersWhateverTheChunkSize() throws {
        for chunkSize in [1, 2, 3, 5, 7, 64, 65_536] {
            let lines = try Self.lines(Self.text, chunkSize: chunkSize)
            #expect(lines.map(\.number) == [1, 2, 3, 4, 5], "chunk size \(chunkSize)")
            #expect(lines.map(\.text) == ["{\"a\": 1}", "", "  ", "{\"b\": \"x\"}", "{\"c\": 3}"], "chunk size \(chunkSize)")
        }
    }

    @Test func aFinalLineBreakEndsTheLastLine() throws {
        #expect(try Self.lines("a\nb\n", chunkSize: 1).map(\.text) == ["a", "b"])
        #expect(try Self.lines("", chunkSize: 1).isEmpty)
        #expect(try Self.lines("\n", chunkSize: 1).map(\.text) == [""])
    }

    @Test func aLineLongerThanTheLimitMakesTheInputUnusable() throws {
        let text = "{}\n" + String(repeating: "x", count: LineReader.maximumLength + 10)
        let error = #expect(throws: BatchInputError.self) { try Self.lines(text, chunkSize: 1 << 16) }
        #expect(error?.kind == .unusable)
        #expect(error?.message.hasPrefix("<memory>:2: the line is longer than 1024 KiB") == true)
    }
}
