/// An aligned text table that is printed row by row, as rows come, one line per row, within a
/// given width.
///
/// Column widths are fixed up front from what each column can hold. Every column starts at the
/// width of its longest possible cell (or its title, if longer); while the table is too wide,
/// columns give way, the widest first: the others down to their minimum, where their cells are
/// still whole; then the column that names the rows, down to its minimum; then any, cutting
/// cells. A cut cell ends in "…"; a cell of several items shows as many as fit, then how many
/// more ("Relieving, Enabling +1"). Titles are short (the caller explains them in a legend):
///
/// ```
/// Profile           1                2  3
/// ----------------  ------------  ----  -------------
/// Champion, clear…  Relieving +1     4  Cherry Picker
/// ```
struct TableLayout: Sendable {
    /// A column: its title, alignment and the widths its cells need.
    struct Column: Sendable {
        var title: String
        var alignRight: Bool
        /// The least width at which every cell is whole (a list showing at least its first item).
        var minimumWidth: Int
        /// The width of the longest possible cell.
        var preferredWidth: Int
        /// Whether the column names the rows, and so gives way only after the others.
        var namesRows = false
    }

    let columns: [Column]
    /// The width of each column.
    let widths: [Int]
    /// The width the table is laid out for.
    let width: Int

    /// Spaces between columns.
    static let gap = 2

    init(columns: [Column], width: Int) {
        self.columns = columns
        self.width = width
        var widths = columns.map { max($0.title.count, $0.preferredWidth, 1) }
        // The widths each column may give way to, in turn.
        let floors: [[Int]] = [
            columns.indices.map { columns[$0].namesRows ? widths[$0] : columns[$0].minimumWidth },
            columns.map { $0.minimumWidth },
            columns.map { _ in 1 },
        ]
        for floor in floors {
            while widths.reduce(0, +) + TableLayout.gap * (widths.count - 1) > width {
                let shrinkable = widths.indices.filter { widths[$0] > max(floor[$0], columns[$0].title.count, 1) }
                guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        self.widths = widths
    }

    /// The titles, and a rule under each column.
    func header() -> String {
        line(columns.map(\.title)) + widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: TableLayout.gap)) + "\n"
    }

    /// One row: for each column, the cell's items (most cells have one).
    func row(_ cells: [[String]]) -> String {
        line(zip(cells, widths).map { TableLayout.fit($0, width: $1) })
    }

    /// Texts that fit their columns, aligned, on one line.
    private func line(_ texts: [String]) -> String {
        var text = ""
        for (index, cell) in texts.enumerated() {
            let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
            text += (index == 0 ? "" : String(repeating: " ", count: TableLayout.gap))
            text += columns[index].alignRight ? padding + cell : cell + padding
        }
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    /// Items on one line of at most `width` characters: as many as fit, separated by commas,
    /// then how many more ("+2"); the first one cut, ending in "…", if even it does not fit.
    /// Line breaks, tabs and other control characters become spaces.
    static func fit(_ items: [String], width: Int) -> String {
        let items = items.map { item in
            String(item.map { $0.isWhitespace || $0.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) ? " " : $0 })
        }
        guard let first = items.first else { return "" }
        for shown in stride(from: items.count, to: 0, by: -1) {
            let text = items.prefix(shown).joined(separator: ", ") + more(items.count - shown)
            if text.count <= width { return text }
        }
        let rest = more(items.count - 1)
        let room = width - rest.count - 1
        return room > 0 ? String(first.prefix(room)) + "…" + rest : String(first.prefix(max(0, width - 1))) + "…"
    }

    /// How many more items there are, as a suffix: " +2", or nothing.
    static func more(_ count: Int) -> String {
        count > 0 ? " +\(count)" : ""
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
}
