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

    @Test func aLineLongerThanTheLimitIsCutToItsStartAndReadPast() throws {
        let long = String(repeating: "y", count: 300)
        let text = "\u{FEFF}0123456789\r\n{}\n12345678\r\n\(long)\nlast\n123456789"
        for chunkSize in [1, 2, 3, 5, 7, 9, 64, 65_536] {
            var reader = LineReader(ChunkedReader(bytes: Array(text.utf8), chunkSize: chunkSize), maximumLength: 8)
            var lines: [LineReader.Line] = []
            while let line = try reader.next() { lines.append(line) }
            #expect(lines.map(\.number) == [1, 2, 3, 4, 5, 6], "chunk size \(chunkSize)")
            #expect(lines.map(\.isTooLong) == [true, false, false, true, false, true], "chunk size \(chunkSize)")
            #expect(lines.map(\.length) == [10, 2, 8, 300, 4, 9], "chunk size \(chunkSize)")
            #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) }
                == ["01234567", "{}", "12345678", "yyyyyyyy", "last", "12345678"], "chunk size \(chunkSize)")
        }
    }

    @Test func sizesAreShownInUnitsButNeverAsTheLimit() {
        #expect(RecordLimit.exceeded("the line", length: 30 << 20, limit: 1 << 20) == "the line is 30 MiB long, more than the 1 MiB a profile may take")
        #expect(RecordLimit.exceeded("the line", length: (1 << 20) + 10, limit: 1 << 20) == "the line is 1,048,586 bytes long, more than the 1 MiB a profile may take")
        #expect(RecordLimit.size(1) == "1 byte" && RecordLimit.size(1536) == "1.5 KiB")
    }
}
