/// A small JSON reader that keeps the source position of every value, so that errors in
/// profiles can name the line and column. Strict RFC 8259; nesting is limited to 64 levels.
public indirect enum JSON: Sendable, Equatable {
    case null
    case boolean(Bool)
    case number(Double)
    case string(String)
    case array([LocatedValue<JSON>])
    /// Members in source order, with the position of each key.
    case object([(key: Located<String>, value: Located<JSON>)])

    public typealias Located<T: Sendable & Equatable> = LocatedValue<T>

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// What kind of JSON value this is, for messages ("a string", "an array"…).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .boolean: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A value and its source range.
public struct LocatedValue<T: Sendable & Equatable>: Sendable, Equatable {
    public var value: T
    public var range: SourceRange

    /// A value and where it is in its source.
    public init(value: T, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// Parses JSON text.
public struct JSONReader {
    private let bytes: [UInt8]
    private let file: Int
    private var offset = 0
    private var depth = 0

    /// A syntax error, with its position.
    public struct Failure: Error, Sendable {
        public let diagnostic: Diagnostic
    }

    /// Parses one JSON document that fills the whole text.
    public static func parse(_ bytes: [UInt8], file: Int = 0) throws(Failure) -> LocatedValue<JSON> {
        var reader = JSONReader(bytes: bytes, file: file)
        if let encoding = SourceFile.utf16Encoding(of: bytes) {
            throw reader.failure(.utf16(encoding: encoding))
        }
        reader.skipBOM()
        let value = try reader.value()
        reader.skipSpace()
        guard reader.offset == bytes.count else { throw reader.failure(.textAfterValue) }
        return value
    }

    private init(bytes: [UInt8], file: Int) {
        self.bytes = bytes
        self.file = file
    }

    private mutating func skipBOM() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    private func failure(_ kind: JSONDiagnostic, at start: Int? = nil) -> Failure {
        let position = start ?? offset
        return Failure(diagnostic: Diagnostic(kind, at: SourceRange(file: file, start: position, end: min(bytes.count, position + 1))))
    }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func value() throws(Failure) -> LocatedValue<JSON> {
        skipSpace()
        let start = offset
        guard offset < bytes.count else { throw failure(.endInsteadOfValue) }
        let kind: JSON
        switch bytes[offset] {
        case UInt8(ascii: "{"): kind = try object()
        case UInt8(ascii: "["): kind = try array()
        case UInt8(ascii: "\""): kind = .string(try string())
        case UInt8(ascii: "t"): try literal("true"); kind = .boolean(true)
        case UInt8(ascii: "f"): try literal("false"); kind = .boolean(false)
        case UInt8(ascii: "n"): try literal("null"); kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number(try number())
        default:
            throw failure(.unexpectedCharacter)
        }
        return LocatedValue(value: kind, range: SourceRange(file: file, start: start, end: offset))
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let expected = Array(word.utf8)
        guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected else {
            throw failure(.unexpectedText)
        }
        offset += expected.count
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        if depth > 64 { throw failure(.nestedTooDeep) }
    }

    private mutating func object() throws(Failure) -> JSON {
        try nest()
        defer { depth -= 1 }
        offset += 1
        var members: [(key: LocatedValue<String>, value: LocatedValue<JSON>)] = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure(.keyNotQuoted)
            }
            let keyStart = offset
            let key = try string()
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw failure(.colonMissing) }
            offset += 1
            let value = try self.value()
            members.append((LocatedValue(value: key, range: SourceRange(file: file, start: keyStart, end: keyStart + 1 + key.utf8.count + 1)), value))
            skipSpace()
            guard offset < bytes.count else { throw failure(.endInObject) }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
            throw failure(.objectSeparatorMissing)
        }
    }

    private mutating func array() throws(Failure) -> JSON {
        try nest()
        defer { depth -= 1 }
        offset += 1
        var items: [LocatedValue<JSON>] = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
        while true {
            items.append(try value())
            skipSpace()
            guard offset < bytes.count else { throw failure(.endInArray) }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
            throw failure(.arraySeparatorMissing)
        }
    }

    private mutating func string() throws(Failure) -> String {
        let start = offset
        offset += 1
        var result: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw failure(.unterminatedString, at: start) }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: result, as: UTF8.self) else {
                    throw failure(.invalidUTF8, at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { throw failure(.unterminatedString, at: start) }
                let escaped = bytes[offset]
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""): result.append(escaped)
                case UInt8(ascii: "\\"): result.append(escaped)
                case UInt8(ascii: "/"): result.append(escaped)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                            throw failure(.unpairedSurrogate, at: offset - 6)
                        }
                        offset += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure(.invalidSurrogatePair, at: offset - 6) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure(.invalidUnicodeEscape, at: offset - 6) }
                    result.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw failure(.invalidEscape, at: offset - 2)
                }
            case 0x00..<0x20:
                throw failure(.controlCharacter, at: offset - 1)
            default:
                result.append(byte)
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw failure(.incompleteUnicodeEscape) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure(.invalidHexDigit)
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }

    private mutating func number() throws(Failure) -> Double {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        func digits(_ reader: inout JSONReader) -> Int {
            let begin = reader.offset
            while reader.offset < reader.bytes.count, reader.bytes[reader.offset].isDigit { reader.offset += 1 }
            return reader.offset - begin
        }
        let integerStart = offset
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw failure(.invalidNumber, at: start) }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") { throw failure(.leadingZeros, at: start) }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw failure(.fractionDigitsMissing, at: start) }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw failure(.exponentDigitsMissing, at: start) }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw failure(.numberOutOfRange, at: start) }
        // A number too close to 0 to hold (1e-400) is not 0, which it would silently become.
        if value == 0, bytes[start..<offset].contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }),
           let exponent = bytes[start..<offset].firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
           bytes[start..<exponent].contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) {
            throw failure(.numberTooSmall, at: start)
        }
        return value
    }
}
