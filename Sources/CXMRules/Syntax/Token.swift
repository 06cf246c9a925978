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
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if abs(value) >= 1e15 { return "\(value)" }
    var text: [UInt8] = []
    appendNumber(value, to: &text)
    return String(decoding: text, as: UTF8.self)
}

/// Appends a number as ``formatNumber(_:)`` writes it, as UTF-8, without making a string for
/// numbers below 10^15 (the batch writes its rows this way).
public func appendNumber(_ value: Double, to out: inout [UInt8]) {
    guard value.isFinite, abs(value) < 1e15 else {
        out.append(contentsOf: formatNumber(value).utf8)
        return
    }
    // Below 10^15 a number converts to Int64 exactly where it is whole, so the tests and the
    // rounding (half away from zero) need no call into the C library.
    if Double(Int64(value)) == value {
        appendInteger(Int64(value), to: &out)
        return
    }
    // Two decimals, rounded, without trailing zeros; no sign when it rounds to zero.
    let hundredths = abs(value) * 100
    let whole = Int64(hundredths)
    let scaled = hundredths - Double(whole) >= 0.5 ? whole + 1 : whole
    let fraction = UInt8(scaled % 100)
    if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
    appendInteger(Int64(Double(scaled) / 100), to: &out)
    guard fraction != 0 else { return }
    out.append(UInt8(ascii: "."))
    out.append(0x30 + fraction / 10)
    if fraction % 10 != 0 { out.append(0x30 + fraction % 10) }
}

/// Appends a whole number in decimal digits, as UTF-8.
public func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    guard magnitude >= 10 else {
        out.append(0x30 + UInt8(magnitude))
        return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
            buffer[23 - count] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
    }
}

/// A whole number with its thousands separated by commas: `20,000`.
public func formatCount(_ count: Int) -> String {
    let digits = Array(String(count))
    return String(digits.enumerated().flatMap { index, digit in
        index > 0 && (digits.count - index) % 3 == 0 && digit != "-" && digits[index - 1] != "-" ? [",", digit] : [digit]
    })
}

