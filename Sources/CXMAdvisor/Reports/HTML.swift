import CXMRules

/// Markup for the HTML report: text from profiles and rules made safe to write into it.
enum HTML {
    /// Text with `&`, `<`, `>`, `"` and `'` written as character references, safe in element
    /// content (SVG's included) and in quoted attribute values; control characters that HTML
    /// and XML do not allow become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A self-contained page: the title, the style sheet, and the body's content inside `<main>`.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(title))</title>
        <style>
        \(HTMLStyle.css)</style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// A paragraph of text.
    static func paragraph(_ text: String) -> String {
        "<p>\(escape(text))</p>\n"
    }

    /// A section with its heading.
    static func section(_ heading: String, _ body: String, class name: String? = nil) -> String {
        "<section\(name.map { " class=\"\($0)\"" } ?? "")>\n<h2>\(escape(heading))</h2>\n\(body)</section>\n"
    }

    /// Lines of at most about `width` characters, broken between words: SVG text does not wrap
    /// by itself.
    static func lines(_ text: String, width: Int) -> [String] {
        TextLayout.wrap(text, indent: "", hanging: "", width: width).split(separator: "\n").map(String.init)
    }
}

/// SVG elements for the HTML report's drawings, with numbers as `formatNumber` writes them and
/// text escaped.
enum SVG {
    /// The opening tag of a drawing `width` × `height` units, described in words for screen
    /// readers (also as its `<title>`).
    static func open(width: Double, height: Double, description: String) -> String {
        let (w, h, words) = (formatNumber(width), formatNumber(height), HTML.escape(description))
        return "<svg viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(words)\">\n<title>\(words)</title>\n"
    }

    static func text(_ content: String, x: Double, y: Double, class name: String? = nil, anchor: String = "start") -> String {
        let attributes = (name.map { " class=\"\($0)\"" } ?? "") + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")
        return "<text\(attributes) x=\"\(formatNumber(x))\" y=\"\(formatNumber(y))\">\(HTML.escape(content))</text>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) -> String {
        "<line class=\"\(name)\" x1=\"\(formatNumber(x1))\" y1=\"\(formatNumber(y1))\" x2=\"\(formatNumber(x2))\" y2=\"\(formatNumber(y2))\"/>\n"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, class name: String) -> String {
        "<rect class=\"\(name)\" x=\"\(formatNumber(x))\" y=\"\(formatNumber(y))\" width=\"\(formatNumber(width))\" height=\"\(formatNumber(height))\"/>\n"
    }
}
