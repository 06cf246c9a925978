/// Renders diagnostics the way a compiler does:
///
/// ```
/// rules/risk.cxm:14:9: error: unknown name 'sise'; did you mean 'size'?
///    14 |   | high | sise  | severe |
///       |          ^~~~
/// profile.json:1:2: error[P0103]: unknown question 'sise'; did you mean 'size'?
///  1 | {"sise": 3}
///    |  ^~~~~~
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
        render([diagnostic])
    }

    /// The rendered text of all diagnostics, in order, each ending in a newline. The time taken
    /// grows with the diagnostics and the lines they point into, not with their product: each
    /// line is read once, however many diagnostics point into it, and only a window of a long
    /// line is shown.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let ranges = diagnostics.flatMap { [$0.range] + $0.notes.map(\.range) }.compactMap { $0 }.filter { $0.file < files.count }
        let locator = Locator(files: files, offsets: ranges.flatMap { [($0.file, $0.start), ($0.file, $0.end)] })
        var out = ""
        for diagnostic in diagnostics {
            out += header(diagnostic.severity, diagnostic.code, diagnostic.message, at: diagnostic.range, locator)
            out += snippet(diagnostic.range, locator)
            for note in diagnostic.notes {
                out += header(.note, nil, note.message, at: note.range, locator)
                out += snippet(note.range, locator)
            }
        }
        return out
    }

    /// `FILE:LINE:COLUMN: error[CODE]: MESSAGE` (a note has no code: `note: MESSAGE`).
    private func header(_ severity: Diagnostic.Severity, _ code: DiagnosticCode?, _ message: String, at range: SourceRange?, _ locator: Locator) -> String {
        var prefix = ""
        if let range, range.file < files.count {
            let (line, column) = locator.location(range.file, range.start)
            prefix = "\(files[range.file].path.printable()):\(line):\(column): "
        }
        let tag = code.map { "[\($0)]" } ?? ""
        let label: String
        switch severity {
        case .error: label = paint("error\(tag):", "1;31")
        case .warning: label = paint("warning\(tag):", "1;35")
        case .note: label = paint("note\(tag):", "1;36")
        }
        return "\(paint(prefix, "1"))\(label) \(paint(message.printable(), "1"))\n"
    }

    private func snippet(_ range: SourceRange?, _ locator: Locator) -> String {
        guard let range, range.file < files.count else { return "" }
        let file = files[range.file]
        let (line, startColumn) = locator.location(range.file, range.start)
        let (endLine, endColumn) = locator.location(range.file, range.end)
        let lineRange = file.byteRange(ofLine: line)
        // The line, or for a long one the part of it around the caret (`skipped` characters
        // after its start), and how many characters the whole line has.
        var text: [Character]
        var skipped = 0
        let count: Int
        if lineRange.count <= DiagnosticRenderer.longLineBytes {
            text = Array(file.text(in: lineRange).replacingTabs().printable())
            count = text.count
        } else {
            let offset = max(lineRange.lowerBound, min(range.start, lineRange.upperBound))
            let lower = file.scalarStart(atOrBefore: max(lineRange.lowerBound, offset - DiagnosticRenderer.longLineBytes / 2))
            let upper = file.scalarStart(atOrBefore: min(lineRange.upperBound, offset + DiagnosticRenderer.longLineBytes / 2))
            let before = file.text(in: lower..<offset).count
            text = Array((file.text(in: lower..<offset) + file.text(in: offset..<upper)).replacingTabs().printable())
            skipped = startColumn - 1 - before
            count = locator.lineLength(range.file, line)
        }
        let endOnLine = endLine == line ? endColumn : count + 1
        var column = startColumn
        var width = max(1, endOnLine - column)
        // A long line (a minified JSON profile, say) is shown as a window around the caret.
        if count > DiagnosticRenderer.maximumLineWidth {
            let start = max(0, min(column - 1 - 30, count - DiagnosticRenderer.maximumLineWidth))
            let end = min(count, start + DiagnosticRenderer.maximumLineWidth)
            let prefix: [Character] = start > 0 ? ["…"] : []
            let suffix: [Character] = end < count ? ["…"] : []
            let window = max(0, min(text.count, start - skipped))..<max(0, min(text.count, end - skipped))
            text = prefix + text[window] + suffix
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
    /// Lines of more bytes than this are read only around the caret: a window of this many bytes.
    static let longLineBytes = 4096

    private func paint(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension DiagnosticRenderer {
    /// The diagnostics with their positions as lines and columns, as JSON documents give them
    /// (`cxm rules check --format json`): the lines and columns of the rendered text, messages
    /// without control characters.
    public func located(_ diagnostics: [Diagnostic]) -> [LocatedDiagnostic] {
        let ranges = diagnostics.flatMap { [$0.range] + $0.notes.map(\.range) }.compactMap { $0 }.filter { $0.file < files.count }
        let locator = Locator(files: files, offsets: ranges.flatMap { [($0.file, $0.start), ($0.file, $0.end)] })
        func position(_ range: SourceRange?) -> LocatedDiagnostic.Position? {
            guard let range, range.file < files.count else { return nil }
            let (start, end) = (locator.location(range.file, range.start), locator.location(range.file, range.end))
            return .init(file: files[range.file].path.printable(), line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
        }
        return diagnostics.map { diagnostic in
            LocatedDiagnostic(
                severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message.printable(), position: position(diagnostic.range),
                notes: diagnostic.notes.map { .init(message: $0.message.printable(), position: position($0.range)) })
        }
    }
}

/// A diagnostic with its position as lines and columns (from 1; the end is just past the
/// range), for JSON documents and editors.
public struct LocatedDiagnostic: Codable, Sendable, Equatable {
    /// Where a diagnostic or a note is.
    public struct Position: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
    }

    /// A note attached to the diagnostic.
    public struct Note: Codable, Sendable, Equatable {
        public var message: String
        public var position: Position?
    }

    public var severity: Diagnostic.Severity
    /// The stable code (see ``DiagnosticCode``).
    public var code: DiagnosticCode
    public var message: String
    /// `nil` for a diagnostic about a file or folder as a whole.
    public var position: Position?
    public var notes: [Note]
}

/// The lines and columns of the byte offsets that diagnostics point at, and of the ends of the
/// lines they are on, worked out with ``SourceFile/locations(of:)``: one pass over each line.
private struct Locator {
    private var locations: [Int: [Int: (line: Int, column: Int)]] = [:]
    private let files: [SourceFile]

    init(files: [SourceFile], offsets: [(file: Int, offset: Int)]) {
        self.files = files
        for (index, group) in Dictionary(grouping: offsets, by: \.file) {
            let file = files[index]
            let ends = group.map { file.byteRange(ofLine: file.lineNumber(of: file.clamped($0.offset))).upperBound }
            locations[index] = file.locations(of: group.map(\.offset) + ends)
        }
    }

    /// The line and column of an offset that was given to ``init(files:offsets:)``.
    func location(_ file: Int, _ offset: Int) -> (line: Int, column: Int) {
        locations[file]?[files[file].clamped(offset)] ?? (1, 1)
    }

    /// The number of characters of a line that holds an offset given to ``init(files:offsets:)``.
    func lineLength(_ file: Int, _ line: Int) -> Int {
        location(file, files[file].byteRange(ofLine: line).upperBound).column - 1
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

extension String {
    /// The text with control characters (C0, DEL and C1, so escape sequences too) as U+FFFD,
    /// one for one, so that text from a file, a profile or the keyboard cannot restyle or garble
    /// a terminal, and columns stay aligned. (Invalid UTF-8 became U+FFFD when it was decoded.)
    /// The one sanitizer for text bound for a terminal; CSV cells add their own quoting.
    public func printable() -> String {
        guard unicodeScalars.contains(where: \.isControl) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0.isControl ? "\u{FFFD}" : $0 }))
    }

    /// The text for quoting in a message: ``printable()``, and if longer than `limit`
    /// characters, its start with "…" and how long it is, so that a message stays short however
    /// long the text it is about.
    public func quotable(limit: Int = 60) -> String {
        guard utf8.count > limit else { return printable() }
        let count = self.count
        guard count > limit else { return printable() }
        return String(prefix(limit)).printable() + "… (\(count) characters)"
    }
}

extension Unicode.Scalar {
    /// Whether this is a control character: C0 (U+0000–U+001F), DEL or C1 (U+0080–U+009F).
    public var isControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
