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

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
    func isKeyword(_ word: String) -> Bool { kind == .identifier(word) }

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
    if value == value.rounded() { return String(Int64(value)) }
    var text = String(format2: value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// A whole number with its thousands separated by commas: `20,000`.
public func formatCount(_ count: Int) -> String {
    let digits = Array(String(count))
    return String(digits.enumerated().flatMap { index, digit in
        index > 0 && (digits.count - index) % 3 == 0 && digit != "-" && digits[index - 1] != "-" ? [",", digit] : [digit]
    })
}

extension String {
    /// Two decimals, without Foundation.
    fileprivate init(format2 value: Double) {
        let scaled = (abs(value) * 100).rounded()
        let whole = Int64(scaled / 100)
        let fraction = Int64(scaled) % 100
        let sign = value < 0 && scaled != 0 ? "-" : ""
        self = "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
