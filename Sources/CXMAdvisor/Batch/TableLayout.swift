/// An aligned text table that is printed row by row, as rows come, one line per row, within a
/// given width.
///
/// Column widths are fixed up front from what each column can hold. Every column starts at the
/// width of its longest possible cell (or its title, if longer); while the table is too wide,
/// columns give way, the widest first: the others down to their minimum, where their cells are
/// still whole; then the column that names the rows, down to its minimum; then any, cutting
/// cells. A cut cell shows "…" where it is cut: at the end, before the cell's mark ("Cherry
/// Pick…*"), which is never cut; in the column that names the rows, in the middle, so that
/// names that differ only at the end stay apart ("survey-…017"). A cell of several items shows
/// as many as fit, then how many more ("Relieving, Enabling +1"). Titles are short (the caller
/// explains them in a legend):
///
/// ```
/// Profile           1                2  3
/// ----------------  ------------  ----  -------------
/// Champion, …r-cut  Relievi…* +1     4  Cherry Picker
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

    /// A cell: its items (most cells have one), and a mark after the first ("*") that stays
    /// whole when the cell is cut. Written as the list of its items when it has no mark.
    struct Cell: Sendable, ExpressibleByArrayLiteral {
        var items: [String]
        var mark = ""

        init(_ items: [String], mark: String = "") {
            self.items = items
            self.mark = mark
        }

        init(arrayLiteral items: String...) {
            self.init(items)
        }
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

    /// One row: a cell for each column.
    func row(_ cells: [Cell]) -> String {
        line(cells.indices.map { index in
            columns[index].namesRows && cells[index].items.count == 1 && cells[index].mark.isEmpty
                ? TableLayout.cutInMiddle(cells[index].items[0], width: widths[index])
                : TableLayout.fit(cells[index].items, mark: cells[index].mark, width: widths[index])
        })
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
    /// the first followed by `mark`, then how many more ("+2"); the first one cut, "…" ending
    /// its text before the mark, if even it does not fit. "+2" goes first when it would leave no
    /// room for the text, then the mark. Line breaks, tabs and other control characters become
    /// spaces.
    static func fit(_ items: [String], mark: String = "", width: Int) -> String {
        let items = items.map(oneLine)
        guard let first = items.first else { return "" }
        for shown in stride(from: items.count, to: 0, by: -1) {
            let text = ([first + mark] + items[1..<shown]).joined(separator: ", ") + more(items.count - shown)
            if text.count <= width { return text }
        }
        let rest = more(items.count - 1)
        let kept = width - 1 - mark.count - rest.count > 0 ? mark + rest : width - 1 - mark.count >= 0 ? mark : ""
        return String(first.prefix(max(0, width - 1 - kept.count))) + "…" + kept
    }

    /// A text on one line of at most `width` characters, cut in the middle if it is longer: its
    /// start kept, which says most, and its end, a third of what is kept ("Champio…ker"), so
    /// that texts that differ only at the end (the ids of a series, "survey-017", "survey-018",
    /// or the segments of one firm) stay apart. Control characters become spaces, as in
    /// ``fit(_:mark:width:)``.
    static func cutInMiddle(_ text: String, width: Int) -> String {
        let text = oneLine(text)
        guard text.count > width else { return text }
        let end = max(0, width - 1) / 3
        return String(text.prefix(max(0, width - 1 - end))) + "…" + String(text.suffix(end))
    }

    /// A text with line breaks, tabs and other control characters as spaces.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isWhitespace || $0.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) ? " " : $0 })
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
