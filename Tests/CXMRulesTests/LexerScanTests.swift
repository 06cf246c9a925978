import Testing
import TestSupport
@testable import CXMRules

/// The lexer's eight-bytes-at-a-time test of a string literal's plain characters against the
/// byte-by-byte rule it stands for: printable ASCII other than `"`, `\` and `{`.
@Suite struct LexerScanTests {
    private static func plain(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "{")
    }

    private static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    @Test func everyAwkwardByteInEveryLaneIsFound() {
        let awkward: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7A, 0x7B, 0x7C, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        for filler in [UInt8(ascii: "a"), 0x20, 0x7E, 0x21, 0x7D] {
            for lane in 0..<8 {
                for byte in awkward {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[lane] = byte
                    #expect(Lexer.allPlain(Self.word(bytes)) == bytes.allSatisfy(Self.plain), "byte \(byte) in lane \(lane) among \(filler)")
                }
            }
        }
    }

    @Test func randomWordsAgreeWithTheByteRule() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<200_000 {
            // Mostly printable bytes, so that words with one or two awkward lanes are common.
            let bytes = (0..<8).map { _ in
                generator.next() % 4 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : UInt8(0x20 + generator.next() % 95)
            }
            #expect(Lexer.allPlain(Self.word(bytes)) == bytes.allSatisfy(Self.plain), "\(bytes)")
        }
    }
}
