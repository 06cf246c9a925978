#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a rule file into tokens. Comments run from `#` to the end of the line.
/// Lexical errors are reported as diagnostics and the lexer carries on.
struct Lexer {
    private let bytes: [UInt8]
    private let file: Int
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var tokenOnLine = false
    private(set) var diagnostics: [Diagnostic] = []
    /// The names read so far, after the words.
    private var names = NameInterner.words
    /// The words, by their numbers in ``names``.
    private static let words = Word.allCases
    private var literals: [StringLiteral] = []

    init(source: SourceFile, fileIndex: Int) {
        self.bytes = source.bytes
        self.file = fileIndex
        // A byte order mark, as some editors save UTF-8, is skipped as JSON and CSV skip it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            offset = 3
            lineStart = 3
        } else if let encoding = SourceFile.utf16Encoding(of: bytes) {
            diagnostics.append(Diagnostic(SyntaxDiagnostic.notUTF8(encoding: encoding), at: SourceRange(file: fileIndex, start: 0, end: 0)))
            offset = bytes.count
        }
    }

    /// All tokens of the file, ending with `.end`, and the names and literals they refer to.
    static func tokenize(_ source: SourceFile, fileIndex: Int) -> LexedFile {
        var lexer = Lexer(source: source, fileIndex: fileIndex)
        var tokens: [Token] = []
        // Rule files hold a token for every 20 or so bytes.
        tokens.reserveCapacity(source.bytes.count / 16 + 1)
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .end { break }
        }
        return LexedFile(tokens: tokens, names: lexer.names.names, literals: lexer.literals, diagnostics: lexer.diagnostics)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private mutating func report(_ kind: SyntaxDiagnostic, at range: SourceRange) {
        diagnostics.append(Diagnostic(kind, at: range))
    }

    private func range(_ start: Int) -> SourceRange {
        SourceRange(file: file, start: start, end: offset)
    }

    mutating func next() -> Token {
        // A run of unexpected characters yields no token: report it and read on.
        while true {
            if let token = token() { return token }
        }
    }

    /// The next token, or `nil` after a run of unexpected characters.
    private mutating func token() -> Token? {
        skipTrivia()
        let start = offset
        let opens = !tokenOnLine && start == lineStart
        let startLine = line
        func make(_ kind: Token.Kind, word: Word? = nil) -> Token {
            Token(kind: kind, range: range(start), line: startLine, opensDeclaration: opens, word: word)
        }
        guard let byte = peek() else {
            return Token(kind: .end, range: range(start), line: line, opensDeclaration: true)
        }
        tokenOnLine = true
        if byte.isIdentifierStart || byte >= 0x80 && nonASCIILetterLength() != nil {
            // Letters outside a to z (as in 'größe') are read as part of the name and reported
            // once, so that the rest of the line still parses.
            var nonASCII = false
            while true {
                offset = run(from: offset, of: \.isIdentifierPart)
                guard peek().map({ $0 >= 0x80 }) == true, let length = nonASCIILetterLength() else { break }
                offset += length
                nonASCII = true
            }
            let end = offset
            let number = bytes.withUnsafeBufferPointer { names.number(of: UnsafeBufferPointer(rebasing: $0[start..<end])) }
            if nonASCII {
                report(.invalidName(names.names[number]), at: range(start))
            }
            return make(.identifier(number), word: number < Lexer.words.count ? Lexer.words[number] : nil)
        }
        if byte.isDigit {
            while let b = peek(), b.isDigit { offset += 1 }
            if peek() == UInt8(ascii: "."), let after = peek(1), after.isDigit {
                offset += 1
                while let b = peek(), b.isDigit { offset += 1 }
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            guard let number = Double(text), number.isFinite else {
                report(.numberTooLarge(text), at: range(start))
                return make(.number(0))
            }
            return make(.number(number))
        }
        if byte == UInt8(ascii: "\"") {
            return make(literal(lexString(start: start)))
        }
        if let (symbol, length) = Symbol.reading(byte, then: peek(1)) {
            offset += length
            return make(.symbol(symbol))
        }
        // Typographic quotes and signs, as pasted from a word processor: report them once and
        // read them as what was meant, so that no follow-on errors appear.
        for quote in ["\u{201C}", "\u{201D}", "\u{201E}"] where matches(quote) {
            report(.typographicQuote(quote), at: SourceRange(file: file, start: start, end: start + quote.utf8.count))
            return make(literal(lexString(start: start, typographic: true)))
        }
        for (lookalike, symbol) in Lexer.lookalikes where matches(lookalike) {
            offset += lookalike.utf8.count
            report(.lookalikeCharacter(lookalike, symbol: symbol.rawValue), at: range(start))
            return make(.symbol(symbol))
        }
        // Unexpected characters: report a run of them once, skip it, and read on.
        while let b = peek(), !b.isIdentifierPart, !Lexer.startsToken(b) {
            offset += 1
            while let b = peek(), b & 0xC0 == 0x80 { offset += 1 }
        }
        if offset == start { offset += 1 }
        let characters = String(decoding: bytes[start..<offset], as: UTF8.self)
        report(.unexpectedCharacters(characters), at: range(start))
        return nil
    }

    /// A string literal's token, the literal kept in ``literals``.
    private mutating func literal(_ literal: StringLiteral) -> Token.Kind {
        literals.append(literal)
        return .string(literals.count - 1)
    }

    /// The length of the UTF-8 sequence at the current offset if it is one valid character that
    /// is not a C1 control (U+0080–U+009F); `nil` otherwise.
    private func characterLength() -> Int? {
        var end = offset + 1
        while end < bytes.count, end - offset < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        var decoder = UTF8()
        var iterator = bytes[offset..<end].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.utf8.count == end - offset, !scalar.isControl else { return nil }
        return end - offset
    }

    /// Reports a run of control characters or invalid UTF-8 in a string, and skips it: strings
    /// are shown on terminals, which would obey them.
    private mutating func invalidCharacter() {
        let first = offset
        repeat {
            offset += 1
            while let b = peek(), b & 0xC0 == 0x80 { offset += 1 }
        } while peek().map { $0 < 0x20 && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\n") || $0 >= 0x7F && ($0 == 0x7F || characterLength() == nil) } == true
        report(.controlCharacterInString, at: SourceRange(file: file, start: first, end: offset))
    }

    /// Whether a byte can start a token or trivia, ending a run of unexpected characters.
    private static func startsToken(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "#") || byte <= 0x20
            || Symbol.starts(with: byte)
    }

    /// The length in bytes of the non-ASCII letter at the current offset, if there is one.
    private func nonASCIILetterLength() -> Int? {
        guard let first = peek(), first >= 0x80 else { return nil }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
              scalar != "\u{FFFD}", scalar.properties.isAlphabetic else { return nil }
        return end - offset
    }

    /// Characters that look like a symbol of the language, with that symbol.
    private static let lookalikes: KeyValuePairs<String, Symbol> = [
        "\u{2265}": .greaterOrEqual, "\u{2264}": .lessOrEqual, "\u{2260}": .notEqual, "\u{2212}": .minus, "\u{2013}": .minus,
        "\u{2026}": .dotDot, "\u{2192}": .arrow,
    ]

    private func matches(_ symbol: String) -> Bool {
        var index = offset
        for byte in symbol.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The end of the run of bytes from `start` that are `kind`.
    @inline(__always)
    private func run(from start: Int, of kind: (UInt8) -> Bool) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var end = start
            while end < buffer.count, kind(buffer[end]) { end += 1 }
            return end
        }
    }

    /// The end of the run of plain characters in a string (``UInt8/isPlainInString``) from
    /// `start`: eight bytes at a time (each a lane of a 64-bit word), then byte by byte from a
    /// word that may hold another byte (a tab is plain, but found byte by byte).
    private func plainRun(from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var end = start
            while true {
                while end + 8 <= raw.count, Lexer.allPlain(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) { end += 8 }
                let stop = min(end + 8, raw.count)
                while end < stop, raw[end].isPlainInString { end += 1 }
                if end < stop || end == raw.count { return end }
            }
        }
    }

    /// Whether the eight bytes of `word` are printable ASCII other than `"`, `\` and `{`. A
    /// lane under 0x20 has its high bit after the subtraction, 0x7F after the addition, and one
    /// at 0x80 or above its own; a lane equal to `byte` is 0 after the exclusive or, and then
    /// has its high bit after subtracting 1. With no such lane nothing carries or borrows
    /// between lanes, so no lane is flagged; with one, at least it is.
    @inline(__always)
    static func allPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        func equal(_ byte: UInt8) -> UInt64 {
            let cleared = word ^ (UInt64(byte) &* ones)
            return (cleared &- ones) & ~cleared
        }
        let unprintable = word | (word &- 0x20 &* ones) | (word &+ ones)
        return (unprintable | equal(UInt8(ascii: "\"")) | equal(UInt8(ascii: "\\")) | equal(UInt8(ascii: "{"))) & 0x8080_8080_8080_8080 == 0
    }

    /// The offset of the line break at or after the current offset, or the end of the text.
    private func endOfLine() -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, offset < buffer.count,
                  let found = memchr(base + offset, 0x0A, buffer.count - offset) else { return buffer.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private mutating func skipTrivia() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "\n"):
                offset += 1
                line += 1
                lineStart = offset
                tokenOnLine = false
            case UInt8(ascii: "#"):
                offset = endOfLine()
            default:
                return
            }
        }
    }

    /// A string literal on one line, with escapes `\" \\ \n \t \{ \}` and `{name}` placeholders.
    /// A `typographic` string opens with a curly quote (already reported) and may also close with one.
    private mutating func lexString(start: Int, typographic: Bool = false) -> StringLiteral {
        offset += typographic ? 3 : 1  // opening quote
        // Most strings are plain characters up to the closing quote: they are taken at once.
        let plain = offset
        offset = plainRun(from: offset)
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            offset += 1
            return StringLiteral(value: String(decoding: bytes[plain..<offset - 1], as: UTF8.self), placeholders: [])
        }
        var value = Array(bytes[plain..<offset])
        var placeholders: [StringLiteral.Placeholder] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                report(.unterminatedString, at: range(start))
                break
            }
            if typographic, let quote = ["\u{201C}", "\u{201D}"].first(where: matches) {
                offset += quote.utf8.count
                break
            }
            // A run of plain characters is copied at once.
            let run = offset
            offset = plainRun(from: offset)
            if offset > run {
                value.append(contentsOf: bytes[run..<offset])
                continue
            }
            if byte >= 0x80, let length = characterLength() {
                value.append(contentsOf: bytes[offset..<offset + length])
                offset += length
                continue
            }
            if byte < 0x20 && byte != UInt8(ascii: "\t") || byte >= 0x7F {
                invalidCharacter()
                continue
            }
            offset += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                let escapeStart = offset - 1
                guard let escaped = peek(), escaped != UInt8(ascii: "\n") else { continue }
                offset += 1
                switch escaped {
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    value.append(escaped)
                default:
                    report(.unknownEscape(Character(Unicode.Scalar(escaped))), at: range(escapeStart))
                }
                continue
            }
            if byte == UInt8(ascii: "{") {
                let nameStart = offset
                while let b = peek(), b.isIdentifierPart { offset += 1 }
                let nameEnd = offset
                if nameEnd > nameStart, peek() == UInt8(ascii: "}"), bytes[nameStart].isIdentifierStart {
                    offset += 1
                    let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
                    placeholders.append(.init(name: name, range: SourceRange(file: file, start: nameStart, end: nameEnd)))
                    value.append(contentsOf: bytes[nameStart - 1...nameEnd])
                } else {
                    report(.strayBrace, at: SourceRange(file: file, start: nameStart - 1, end: nameStart))
                    value.append(contentsOf: bytes[nameStart - 1..<nameEnd])
                }
                continue
            }
            value.append(byte)
        }
        return StringLiteral(value: String(decoding: value, as: UTF8.self), placeholders: placeholders)
    }
}

extension UInt8 {
    var isDigit: Bool { self &- UInt8(ascii: "0") < 10 }
    /// A letter a to z or A to Z (one test: setting bit 5 makes capitals small), or `_`.
    var isIdentifierStart: Bool {
        (self | 0x20) &- UInt8(ascii: "a") < 26 || self == UInt8(ascii: "_")
    }
    var isIdentifierPart: Bool { isIdentifierStart || isDigit }

    /// Whether a byte stands for itself in a string literal: printable ASCII or a tab, other
    /// than the closing quote, a backslash and an opening brace.
    fileprivate var isPlainInString: Bool {
        (self &- 0x20 < 0x5F || self == UInt8(ascii: "\t"))
            && self != UInt8(ascii: "\"") && self != UInt8(ascii: "\\") && self != UInt8(ascii: "{")
    }
}
