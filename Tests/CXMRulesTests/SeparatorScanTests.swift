import Testing
import TestSupport
@testable import CXMRules

/// The separator scan gives out the places of `;` and `,` that a byte-by-byte scan finds, then
/// the run's end, for every run length around its 8- and 64-byte steps, runs that start or end
/// anywhere in a buffer sized exactly (so that a read past the buffer would be a read past its
/// allocation), and runs that end short of the buffer's end.
@Suite struct SeparatorScanTests {
    static func places(_ bytes: [UInt8], from start: Int, to end: Int) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = SeparatorScan(buffer, from: start, to: end)
            var places: [Int] = []
            while true {
                let place = scan.next()
                places.append(place)
                if place == end || places.count > end - start + 1 { return places }
            }
        }
    }

    static func expected(_ bytes: [UInt8], from start: Int, to end: Int) -> [Int] {
        (start..<end).filter { bytes[$0] == UInt8(ascii: ";") || bytes[$0] == UInt8(ascii: ",") } + [end]
    }

    @Test func everyRunOfSeededRandomBytesGivesTheSeparatorsAByteScanFinds() {
        var random = SplitMix64(seed: 64)
        let alphabet = Array("ab;,x;\"é\u{0}\u{7F}\u{FF}".utf8) + [0x3B | 0x80, 0x2C | 0x80, 0xBB, 0xAC]
        for length in 1...200 {
            for _ in 0..<12 {
                let bytes = (0..<length).map { _ in
                    Int.random(in: 0..<4, using: &random) == 0 ? alphabet.randomElement(using: &random)! : UInt8(ascii: "a")
                }
                let start = [0, length - 1, Int.random(in: 0..<length, using: &random)].randomElement(using: &random)!
                let end = [start + 1, length, Int.random(in: start + 1...length, using: &random)].randomElement(using: &random)!
                #expect(Self.places(bytes, from: start, to: end) == Self.expected(bytes, from: start, to: end),
                        "length \(length), \(start)..<\(end): \(bytes)")
            }
        }
    }

    @Test func runsOfOnlySeparatorsAndOfNone() {
        for length in [1, 7, 8, 9, 63, 64, 65, 127, 128, 129] {
            for byte in [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "a")] {
                let bytes = [UInt8](repeating: byte, count: length)
                for start in [0, length / 2] {
                    #expect(Self.places(bytes, from: start, to: length) == Self.expected(bytes, from: start, to: length))
                }
            }
        }
    }
}
