/// Reads decimal numbers straight from bytes, as `Double(String)` reads the same text, without
/// making a string for the common short ones.
enum DecimalBytes {
    /// Powers of ten a `Double` holds exactly.
    private static let powers: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// The number the bytes spell, or `nil` where `Double(String)` gives `nil`.
    ///
    /// An optional sign and up to 15 digits, with a point between two of them or none (no
    /// exponent), are read here:
    /// the digits as a whole number and the power of ten are exact in a `Double`, so one
    /// division, which IEEE 754 rounds correctly, gives the correctly rounded value, as
    /// `Double(String)` does (Clinger's fast path). Anything else is read by `Double(String)`.
    static func value(of bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        var index = bytes.startIndex
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction: Int?
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                digits += 1
                if fraction != nil { fraction! += 1 }
            } else if byte == UInt8(ascii: "."), fraction == nil {
                fraction = 0
            } else {
                break
            }
            index += 1
        }
        // Digits on both sides of a point, as in "3.15"; "5." and ".5" go the long way.
        guard index == bytes.endIndex, digits <= 15, fraction.map({ $0 > 0 && $0 < digits }) ?? (digits > 0) else {
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        let magnitude = Double(mantissa) / powers[fraction ?? 0]
        return negative ? -magnitude : magnitude
    }
}
