import CXMRules

/// Laying out text at a fixed width, as cxm's text reports do.
public enum TextLayout {
    /// The width text reports are laid out for.
    public static let columns = 80

    /// Text wrapped at word boundaries to `width` (``columns`` unless given): the first line
    /// starts with `indent`, the others with `hanging`. Ends with a newline.
    public static func wrap(_ text: String, indent: String, hanging: String, width: Int = columns) -> String {
        // Built in one string: each word appended as the substring it is (`+=` would append it
        // character by character), without an array of lines to join.
        var wrapped = indent
        wrapped.reserveCapacity(indent.utf8.count + text.utf8.count + 1)
        var lineWidth = visibleWidth(indent)
        var lineHasWord = false
        // ASCII text splits at its space bytes, without telling characters apart.
        let words = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
            : text.split(separator: " ")
        for word in words {
            let wordWidth = visibleWidth(word)
            if lineHasWord && lineWidth + 1 + wordWidth > width {
                wrapped += "\n"
                wrapped += hanging
                lineWidth = visibleWidth(hanging)
                lineHasWord = false
            }
            if lineHasWord { wrapped += " " }
            wrapped.append(contentsOf: word)
            lineWidth += (lineHasWord ? 1 : 0) + wordWidth
            lineHasWord = true
        }
        wrapped += "\n"
        return wrapped
    }

    /// A count and its noun, in the plural unless there is one: "1 error", "3 errors".
    public static func count(_ n: Int, _ noun: String) -> String {
        "\(grouped(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A count with thousands separated: 1234567 → "1,234,567".
    public static func grouped(_ count: Int) -> String {
        formatCount(count)
    }

    /// The characters of text as a terminal shows them: ANSI style sequences take no room.
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        // Printable ASCII and escapes, as nearly all text is, have one character a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x1B }) {
            return visibleWidth(of: text.utf8, escape: 0x1B, end: UInt8(ascii: "m"))
        }
        return visibleWidth(of: text, escape: "\u{1B}", end: "m")
    }

    /// The units of text not in an escape sequence, from `escape` to `end`.
    private static func visibleWidth<Units: Sequence>(of units: Units, escape: Units.Element, end: Units.Element) -> Int
    where Units.Element: Equatable {
        var width = 0
        var inEscape = false
        for unit in units {
            if unit == escape { inEscape = true }
            else if inEscape { if unit == end { inEscape = false } }
            else { width += 1 }
        }
        return width
    }

    /// Label–value pairs in two aligned columns, values wrapped within their column; a label
    /// too long for the column gets its value on the lines below.
    static func pairs(_ pairs: [(label: String, value: String)], indent: String = "  ") -> String {
        let width = pairs.map(\.label.count).filter { $0 <= 44 }.max() ?? 0
        let column = String(repeating: " ", count: indent.count + width + 2)
        var out = ""
        for (label, value) in pairs {
            if label.count <= width {
                let padded = indent + label + String(repeating: " ", count: width - label.count + 2)
                out += wrap(value, indent: padded, hanging: column)
            } else {
                out += wrap(label, indent: indent, hanging: indent) + wrap(value, indent: indent + "    ", hanging: indent + "    ")
            }
        }
        return out
    }
}
