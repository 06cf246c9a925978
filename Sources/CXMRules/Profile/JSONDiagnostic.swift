/// The catalogue of diagnostics of reading JSON text (profiles, scenario files, JSON Lines
/// records): codes J0101–J0199, all errors. See ``DiagnosticCode``.
enum JSONDiagnostic: DiagnosticKind {
    case utf16(encoding: String)
    case textAfterValue
    case endInsteadOfValue
    case unexpectedCharacter
    case unexpectedText
    case nestedTooDeep
    case keyNotQuoted
    case colonMissing
    case endInObject
    case objectSeparatorMissing
    case endInArray
    case arraySeparatorMissing
    case unterminatedString
    case invalidUTF8
    case unpairedSurrogate
    case invalidSurrogatePair
    case invalidUnicodeEscape
    case invalidEscape
    case controlCharacter
    case incompleteUnicodeEscape
    case invalidHexDigit
    case invalidNumber
    case leadingZeros
    case fractionDigitsMissing
    case exponentDigitsMissing
    case numberOutOfRange
    case numberTooSmall

    var entry: DiagnosticEntry {
        switch self {
        case .utf16(let encoding): .error("J0101", "the file is in \(encoding); save it as UTF-8 (JSON is read as UTF-8)")
        case .textAfterValue: .error("J0102", "unexpected text after the JSON value")
        case .endInsteadOfValue: .error("J0103", "unexpected end of the file; expected a JSON value")
        case .unexpectedCharacter: .error("J0104", "unexpected character; expected a JSON value (an object, array, string, number, true, false or null)")
        case .unexpectedText: .error("J0105", "unexpected text; expected a JSON value (an object, array, string, number, true, false or null)")
        case .nestedTooDeep: .error("J0106", "the JSON is nested more than 64 levels deep")
        case .keyNotQuoted: .error("J0107", "expected a key in double quotes")
        case .colonMissing: .error("J0108", "expected ':' after the key")
        case .endInObject: .error("J0109", "unexpected end of the file; expected ',' or '}'")
        case .objectSeparatorMissing: .error("J0110", "expected ',' or '}' after a value in an object")
        case .endInArray: .error("J0111", "unexpected end of the file; expected ',' or ']'")
        case .arraySeparatorMissing: .error("J0112", "expected ',' or ']' after a value in an array")
        case .unterminatedString: .error("J0113", "unterminated string")
        case .invalidUTF8: .error("J0114", "the string is not valid UTF-8")
        case .unpairedSurrogate: .error("J0115", "unpaired surrogate in \\u escape")
        case .invalidSurrogatePair: .error("J0116", "invalid surrogate pair")
        case .invalidUnicodeEscape: .error("J0117", "invalid \\u escape")
        case .invalidEscape: .error("J0118", "invalid escape in a string")
        case .controlCharacter: .error("J0119", "control character in a string; write it as an escape such as \\n")
        case .incompleteUnicodeEscape: .error("J0120", "incomplete \\u escape")
        case .invalidHexDigit: .error("J0121", "invalid hex digit in \\u escape")
        case .invalidNumber: .error("J0122", "invalid number")
        case .leadingZeros: .error("J0123", "numbers cannot have leading zeros")
        case .fractionDigitsMissing: .error("J0124", "expected digits after the decimal point")
        case .exponentDigitsMissing: .error("J0125", "expected digits in the exponent")
        case .numberOutOfRange: .error("J0126", "number out of range")
        case .numberTooSmall: .error("J0127", "number out of range: too close to 0")
        }
    }
}
