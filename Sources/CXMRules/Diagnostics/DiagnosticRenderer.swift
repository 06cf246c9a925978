/// Renders diagnostics the way a compiler does:
///
/// ```
/// rules/archetypes.cxm:14:9: error: unknown name 'scop'; did you mean 'scope'?
///    14 |   | high | scop  | champion |
///       |          ^~~~
/// ```
public struct DiagnosticRenderer: Sendable {
    let files: [SourceFile]
    let color: Bool

    /// - Parameters:
    ///   - files: the files the diagnostics' ranges refer to, by index.
    ///   - color: whether to use ANSI colours (only on a terminal, never with `NO_COLOR`).
    public init(files: [SourceFile], color: Bool = false) {
        self.files = files
        self.color = color
    }

    /// The rendered text of one diagnostic, ending in a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = header(diagnostic.severity, diagnostic.message, at: diagnostic.range)
        out += snippet(diagnostic.range)
        for note in diagnostic.notes {
            out += header(.note, note.message, at: note.range)
            out += snippet(note.range)
        }
        return out
    }

    /// The rendered text of all diagnostics, in order, each ending in a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    private func header(_ severity: Diagnostic.Severity, _ message: String, at range: SourceRange?) -> String {
        var prefix = ""
        if let range, range.file < files.count {
            let file = files[range.file]
            let (line, column) = file.location(of: range.start)
            prefix = "\(file.path):\(line):\(column): "
        }
        let label: String
        switch severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .note: label = paint("note:", "1;36")
        }
        return "\(paint(prefix, "1"))\(label) \(paint(message.printable(), "1"))\n"
    }

    private func snippet(_ range: SourceRange?) -> String {
        guard let range, range.file < files.count else { return "" }
        let file = files[range.file]
        let (line, startColumn) = file.location(of: range.start)
        var text = Array(file.lineText(line).replacingTabs().printable())
        let (endLine, endColumn) = file.location(of: range.end)
        let endOnLine = endLine == line ? endColumn : text.count + 1
        var column = startColumn
        var width = max(1, endOnLine - column)
        // A long line (a minified JSON profile, say) is shown as a window around the caret.
        if text.count > DiagnosticRenderer.maximumLineWidth {
            let start = max(0, min(column - 1 - 30, text.count - DiagnosticRenderer.maximumLineWidth))
            let end = min(text.count, start + DiagnosticRenderer.maximumLineWidth)
            let prefix: [Character] = start > 0 ? ["…"] : []
            let suffix: [Character] = end < text.count ? ["…"] : []
            text = prefix + text[start..<end] + suffix
            column = column - start + prefix.count
            width = max(1, min(width, prefix.count + (end - start) - (column - 1)))
        }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let marker = String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: width - 1)
        return " \(gutter) | \(String(text))\n \(pad) | \(paint(marker, "1;32"))\n"
    }

    /// Lines longer than this are shown as a window of this many characters around the caret.
    static let maximumLineWidth = 100

    private func paint(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

extension String {
    /// The text with control characters (escape sequences included) as U+FFFD, one for one,
    /// so that text from a file cannot restyle or garble a terminal, and columns stay aligned.
    public func printable() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\u{FFFD}" : $0 }))
    }
}
