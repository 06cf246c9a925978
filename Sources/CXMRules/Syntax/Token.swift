/// A lexical token of the rule language. It holds no references: a name or a string literal is
/// a number into the file's tables (``LexedFile``), so that tokens are copied freely.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        /// A name, by its number in ``LexedFile/names``.
        case identifier(Int)
        case number(Double)
        /// A string literal, by its number in ``LexedFile/literals``.
        case string(Int)
        case symbol(Symbol)
        case end
    }

    var kind: Kind
    var range: SourceRange
    /// 1-based line number of the token's first character.
    var line: Int
    /// Whether the token is the first on its line and starts in column 1: it opens a declaration.
    var opensDeclaration: Bool
    /// The word that an identifier spells, if the parser looks for it.
    var word: Word? = nil

    func isSymbol(_ symbol: Symbol) -> Bool {
        kind == .symbol(symbol)
    }
}

/// A rule file's tokens, ending with `.end`, the names and string literals they refer to, and
/// the diagnostics of reading them.
struct LexedFile {
    var tokens: [Token]
    var names: [String]
    var literals: [StringLiteral]
    var diagnostics: [Diagnostic]
}

/// The symbols of the rule language.
enum Symbol: String, CaseIterable, Sendable {
    case dotDot = "..", lessOrEqual = "<=", greaterOrEqual = ">=", equalEqual = "==", notEqual = "!=", arrow = "->"
    case colon = ":", comma = ",", openParen = "(", closeParen = ")", openBrace = "{", closeBrace = "}"
    case openBracket = "[", closeBracket = "]", dot = ".", less = "<", greater = ">", plus = "+", minus = "-"
    case star = "*", slash = "/", bar = "|", equal = "="

    /// The symbol that starts with `byte`, followed by `next`, and its length in bytes; `nil` if
    /// no symbol starts so.
    static func reading(_ byte: UInt8, then next: UInt8?) -> (symbol: Symbol, length: Int)? {
        let start = starts[Int(byte)]
        if let long = start.long, next == long.second { return (long.symbol, 2) }
        return start.short.map { ($0, 1) }
    }

    /// Whether some symbol starts with `byte`.
    static func starts(with byte: UInt8) -> Bool {
        starts[Int(byte)].short != nil || starts[Int(byte)].long != nil
    }

    /// The symbols by their first byte, made from the raw values: the one-byte symbol of that
    /// byte, and the two-byte symbol it starts with its second byte (at most one each).
    private static let starts: [(short: Symbol?, long: (second: UInt8, symbol: Symbol)?)] = {
        var starts = [(short: Symbol?, long: (second: UInt8, symbol: Symbol)?)](repeating: (nil, nil), count: 256)
        for symbol in allCases {
            let bytes = Array(symbol.rawValue.utf8)
            if bytes.count == 1 {
                starts[Int(bytes[0])].short = symbol
            } else {
                precondition(bytes.count == 2 && starts[Int(bytes[0])].long == nil, "one two-byte symbol a first byte")
                starts[Int(bytes[0])].long = (bytes[1], symbol)
            }
        }
        return starts
    }()
}

/// The words the parser looks for: keywords, the words that open declarations and clauses, and
/// those with a meaning in one place (types, hit policies, the parts of a matrix). The lexer
/// marks the identifiers that spell them (``Token/word``), so that the parser compares words,
/// not strings.
enum Word: String, CaseIterable, Sendable {
    // Keywords, which cannot be names.
    case and, or, not, `in`, `if`, then, `else`, `true`, `false`, when, set, of
    // Declarations.
    case source, scale, `enum`, question, `let`, output, table, rule, step, version
    // Clauses.
    case section, ask, short, help, formerly, since, cite, label, watch, show, headline, chart, matrix
    case recommend, why, warn, because, earlier, priority, rank
    // Types and hit policies.
    case boolean, text, number, unique, first, collect, order
    // The parts of a matrix.
    case x, y, split, top, bottom, target

    /// Whether the word is a keyword, which cannot be used as a name.
    var isKeyword: Bool {
        switch self {
        case .and, .or, .not, .in, .if, .then, .else, .true, .false, .when, .set, .of: true
        default: false
        }
    }

    /// Whether the word is one that opens a declaration.
    var isDeclaration: Bool {
        switch self {
        case .source, .scale, .enum, .question, .let, .output, .table, .rule, .step, .version: true
        default: false
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

