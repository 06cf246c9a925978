import Foundation

/// Why a value could not be written as JSON: it holds something JSON has no notation for, such
/// as a number that is infinite or not a number.
public struct JSONEncodingFailure: Error, Sendable {
    /// What could not be written, and where in the value.
    public let message: String
}

/// JSON text written by hand, for output that is streamed (rows one by one) or must keep its
/// keys in order; and the finishing of JSON that Foundation writes.
enum JSONText {
    /// A value as the JSON that cxm prints: pretty, with sorted keys and the C1 controls escaped
    /// (see ``escapingControls(_:)``), ending in a newline.
    static func encode(_ value: some Encodable) throws(JSONEncodingFailure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return escapingControls(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
        } catch EncodingError.invalidValue(let value, let context) {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw JSONEncodingFailure(message: "\(path.isEmpty ? "the value" : path) is \(value), which JSON cannot hold")
        } catch {
            throw JSONEncodingFailure(message: "\(error)")
        }
    }

    /// JSON text with DEL and the C1 controls (U+007F–U+009F), which JSON allows raw but which
    /// a terminal may obey (U+009B starts an escape sequence), escaped as `\u0080` and so on, and
    /// U+FEFF too, which some readers (Foundation's) take for a byte order mark and drop. They
    /// can only be in strings, where an escape means the same.
    static func escapingControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: escaped) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if escaped(scalar) { out.append(contentsOf: escape(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// Whether JSON text that cxm writes has the character escaped even where JSON allows it raw:
    /// DEL, C1 controls, U+FEFF.
    private static func escaped(_ scalar: Unicode.Scalar) -> Bool {
        (0x7F...0x9F).contains(scalar.value) || scalar == "\u{FEFF}"
    }

    /// `\u` and four hex digits.
    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped (C0,
    /// DEL and C1, which a terminal may obey), and U+FEFF (see ``escapingControls(_:)``).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.isControl || escaped(scalar):
                out += escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
