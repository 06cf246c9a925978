import Testing
import TestSupport
@testable import CXMRules

/// Numbers read straight from bytes are the numbers `Double(String)` reads from the same text.
@Suite struct DecimalBytesTests {
    static func value(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalBytes.value(of: $0[...]) }
    }

    static func same(_ x: Double?, _ y: Double?) -> Bool {
        x?.bitPattern == y?.bitPattern
    }

    @Test func theUsualShapesAndTheEdges() {
        for text in ["0", "-0", "+0", "3.15", "-2.5", "+4", "007", "1.", ".5", ".", "-", "+", "", "1e3", "1E-2", "2.5e", "1..2",
                     "123456789012345", "1234567890123456", "0.1", "0.30000000000000004", "9007199254740993", "4.35", "1-2", "--1"] {
            #expect(Self.same(Self.value(text), Double(text)), "\(text)")
        }
    }

    /// Seeded random texts of digits, signs, points and exponents, short and long.
    @Test func seededRandomTextsReadAsDoubleReadsThem() {
        var seeded = SplitMix64(seed: 7)
        let alphabet = Array("0123456789012345678901234567890123456789..-+e")
        for _ in 0..<100_000 {
            let length = Int.random(in: 1...(Bool.random(using: &seeded) ? 6 : 20), using: &seeded)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &seeded)! })
            #expect(Self.same(Self.value(text), Double(text)), "\(text)")
        }
    }

}
