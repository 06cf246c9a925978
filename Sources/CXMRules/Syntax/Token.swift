/// A lexical token of the rule language.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case identifier(String)
        case number(Double)
        case string(StringLiteral)
        case symbol(String)
        case end
    }

    var kind: Kind
    var range: SourceRange
    /// 1-based line number of the token's first character.
    var line: Int
    /// Whether the token is the first on its line and starts in column 1: it opens a declaration.
    var opensDeclaration: Bool

    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let text) = kind { text == symbol } else { false }
    }

    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let text) = kind { text == word } else { false }
    }

    /// How the token reads in a message.
    var description: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .number(let value): return "number \(formatNumber(value))"
        case .string: return "a string"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "end of file"
        }
    }
}

/// A decoded string literal and the `{placeholders}` it contains.
struct StringLiteral: Equatable, Sendable {
    var value: String
    var placeholders: [Placeholder]

    /// A `{name}` inside a string literal, with the source range of the name.
    struct Placeholder: Equatable, Sendable {
        var name: String
        var range: SourceRange
    }
}

/// Formats a number the way rule files and reports show it: integers without a decimal point,
/// others with up to two decimals.
public func formatNumber(_ value: Double) -> String {
    let digits = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberLengthLimit) { buffer in
        writeNumber(value, to: buffer.baseAddress!).map { String(decoding: UnsafeBufferPointer(rebasing: buffer[..<$0]), as: UTF8.self) }
    }
    if let digits { return digits }
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return "\(value)"
}

/// The most bytes ``writeNumber(_:to:)`` and ``writeInteger(_:to:)`` write: a sign and 19
/// digits.
public let numberLengthLimit = 20

/// Writes a number as ``formatNumber(_:)`` writes it, as UTF-8, at `out`, which has room for
/// ``numberLengthLimit`` bytes, and says how many bytes it wrote; writes nothing and returns nil
/// for a number that is not finite or not below 10^15 in magnitude (``formatNumber(_:)`` spells
/// those). The batch writes its rows this way, without making strings.
public func writeNumber(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
    guard value.isFinite, abs(value) < 1e15 else { return nil }
    // Below 10^15 a number converts to Int64 exactly where it is whole, so the tests and the
    // rounding (half away from zero) need no call into the C library.
    if Double(Int64(value)) == value { return writeInteger(Int64(value), to: out) }
    // Two decimals, rounded, without trailing zeros; no sign when it rounds to zero.
    let hundredths = abs(value) * 100
    let whole = Int64(hundredths)
    let scaled = hundredths - Double(whole) >= 0.5 ? whole + 1 : whole
    let fraction = UInt8(scaled % 100)
    var count = 0
    if value < 0 && scaled != 0 {
        out[0] = UInt8(ascii: "-")
        count = 1
    }
    count += writeInteger(Int64(Double(scaled) / 100), to: out + count)
    guard fraction != 0 else { return count }
    out[count] = UInt8(ascii: ".")
    out[count + 1] = 0x30 + fraction / 10
    guard fraction % 10 != 0 else { return count + 2 }
    out[count + 2] = 0x30 + fraction % 10
    return count + 3
}

/// Writes a whole number in decimal digits, as UTF-8, at `out`, which has room for
/// ``numberLengthLimit`` bytes, and says how many bytes it wrote.
public func writeInteger(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
    let sign = value < 0 ? 1 : 0
    if value < 0 { out[0] = UInt8(ascii: "-") }
    var magnitude = value.magnitude
    var end = sign + 1
    var rest = magnitude / 10
    while rest > 0 {
        end += 1
        rest /= 10
    }
    var position = end
    repeat {
        position -= 1
        out[position] = 0x30 + UInt8(magnitude % 10)
        magnitude /= 10
    } while magnitude > 0
    return end
}

/// A whole number with its thousands separated by commas: `20,000`.
public func formatCount(_ count: Int) -> String {
    let digits = Array(String(count))
    return String(digits.enumerated().flatMap { index, digit in
        index > 0 && (digits.count - index) % 3 == 0 && digit != "-" && digits[index - 1] != "-" ? [",", digit] : [digit]
    })
}

