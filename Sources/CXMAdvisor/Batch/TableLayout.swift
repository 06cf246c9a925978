/// An aligned text table that is printed row by row, as rows come, within a given width.
///
/// Column widths are fixed up front from what each column can hold: every column starts at the
/// width of its longest possible line, and while the table is too wide, or a title would run
/// past its right edge, the widest column (to the left of that title) gives way, down to its
/// longest word. Cells wrap at word boundaries onto at most ``maximumLines`` lines (the last
/// ends in "…" when more is cut); when rows can take several lines, a blank line separates
/// them. Titles stand above their columns, each starting where its column starts; a title that
/// would run into the next one takes the next line, so long titles need neither wrapping nor
/// cutting:
///
/// ```
/// Profile       CXM archetype today
///                            CXM impact (1 to 5)
/// ------------  -----------  ----
/// Air Products  CXM Cherry      4
///               Picker
/// ```
struct TableLayout: Sendable {
    /// A column: its title, alignment and the widths its cells need.
    struct Column: Sendable {
        var title: String
        var alignRight: Bool
        /// The longest word a cell can hold (the least width that wraps without breaking words).
        var minimumWidth: Int
        /// The longest line a cell can hold.
        var preferredWidth: Int
        /// Whether a cell can hold several paragraphs (a list, one item per line).
        var multiline = false
    }

    let columns: [Column]
    /// The width of each column.
    let widths: [Int]
    /// Where each column starts.
    let starts: [Int]
    /// The width the table is laid out for.
    let width: Int

    /// Spaces between columns.
    static let gap = 2
    /// The most lines a cell takes.
    static let maximumLines = 3

    init(columns: [Column], width: Int) {
        self.columns = columns
        self.width = width
        var widths = columns.map { max(1, $0.preferredWidth) }
        func columnStarts() -> [Int] { widths.indices.map { widths[..<$0].reduce(0, +) + TableLayout.gap * $0 } }
        while true {
            let starts = columnStarts()
            // The columns that may give way: all while the table is too wide, else those to the
            // left of the first title that runs past the right edge but would fit if they did.
            var candidates = widths.indices
            if (starts.last ?? 0) + (widths.last ?? 0) <= width {
                let leastStarts = columns.indices.map { columns[..<$0].map { max(1, $0.minimumWidth) }.reduce(0, +) + TableLayout.gap * $0 }
                guard let overflowing = columns.indices.first(where: {
                    starts[$0] + columns[$0].title.count > width && leastStarts[$0] + columns[$0].title.count <= width
                }) else { break }
                candidates = 0..<overflowing
            }
            let shrinkable = candidates.filter { widths[$0] > max(1, columns[$0].minimumWidth) }
            guard let widest = shrinkable.max(by: { widths[$0] <= widths[$1] }) else { break }
            widths[widest] -= 1
        }
        self.widths = widths
        starts = columnStarts()
        separatesRows = columns.indices.contains { widths[$0] < columns[$0].preferredWidth || columns[$0].multiline }
    }

    /// Whether rows can take several lines, and are separated by a blank line.
    let separatesRows: Bool

    /// The titles, staggered where they would overlap, and a rule under each column.
    func header() -> String {
        var lines: [[Character]] = []
        var line = 0
        var previousEnd = -TableLayout.gap
        for (index, column) in columns.enumerated() {
            let start = starts[index]
            let titleLines = TableLayout.wrap(column.title, width: max(widths[index], width - start))
            if start < previousEnd + TableLayout.gap, !lines.isEmpty { line = lines.count }
            for (offset, text) in titleLines.enumerated() {
                while lines.count <= line + offset { lines.append([]) }
                let padding = max(0, start - lines[line + offset].count)
                lines[line + offset] += Array(repeating: " ", count: padding) + Array(text)
            }
            line += titleLines.count - 1
            previousEnd = start + (titleLines.last?.count ?? 0)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: TableLayout.gap))
        return lines.map { String($0) + "\n" }.joined() + rule + "\n"
    }

    /// What comes before the row with this index (from 0): a blank line, if rows are separated.
    func rowPrefix(_ index: Int) -> String {
        separatesRows && index > 0 ? "\n" : ""
    }

    /// One row: for each column, the cell's paragraphs (each starts a new line).
    func row(_ cells: [[String]]) -> String {
        let cellLines = zip(cells, widths).map { paragraphs, width in
            TableLayout.cut(paragraphs.flatMap { TableLayout.wrap($0, width: width) }, width: width)
        }
        let height = cellLines.map(\.count).max() ?? 0
        var out = ""
        for line in 0..<height {
            var text = ""
            for (index, lines) in cellLines.enumerated() {
                let cell = line < lines.count ? lines[line] : ""
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                text += (index == 0 ? "" : String(repeating: " ", count: TableLayout.gap))
                text += columns[index].alignRight ? padding + cell : cell + padding
            }
            out += text.trimmingTrailingSpaces() + "\n"
        }
        return out
    }

    /// Text wrapped at spaces into lines of at most `width` characters; a word longer than
    /// that is broken.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line = String(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// At most ``maximumLines`` lines; the last ends in "…" when lines were cut.
    static func cut(_ lines: [String], width: Int) -> [String] {
        guard lines.count > maximumLines else { return lines }
        var kept = Array(lines.prefix(maximumLines))
        kept[maximumLines - 1] = String(kept[maximumLines - 1].prefix(max(0, width - 1))) + "…"
        return kept
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
