import CXMRules
import Foundation

/// The 2×2 matrix drawn with box-drawing characters: each quadrant's option, `●` where the
/// profile stands (from its two numbers), or `?` in the quadrants it may stand in, and `◆` in
/// the quadrant to aim for; besides, other marks (see ``Marks``).
struct TextMatrix {
    /// What is drawn besides the quadrants, the position (`●` or `?`) and the target (`◆`).
    enum Marks {
        /// Nothing more.
        case position
        /// Other positions, each by a one-character key (respondents' own positions), placed
        /// beside one another where they meet.
        case keyed([(key: String, x: Double, y: Double)])
        /// An earlier position (`○`), and the way from it to `●` as a line of dots ending in an
        /// arrow.
        case movement(from: (x: Double, y: Double))
    }

    let matrix: Assessment.Matrix
    let style: TextStyle
    var marks: Marks = .position

    /// Interior width and height of one quadrant.
    static let cellWidth = 30
    static let cellHeight = 4

    /// The matrix, its axes and, for ``Marks/position``, the legend.
    func render() -> String {
        guard case .position = marks else { return drawing() }
        return drawing() + legend()
    }

    /// The matrix and its axes, without a legend.
    func drawing() -> String {
        let ticks = [matrix.y.high, matrix.y.split, matrix.y.low].map(formatNumber)
        let margin = ticks.map(\.count).max() ?? 1
        let pad = { (text: String) in String(repeating: " ", count: margin - text.count) + text }
        let blank = String(repeating: " ", count: margin)
        var canvas = Canvas(matrix: matrix, style: style)
        canvas.draw(marks)
        var out = "  \(matrix.y.label)\n"
        for (index, row) in canvas.rows.enumerated() {
            let tick = index == 0 ? ticks[0] : index == TextMatrix.cellHeight + 1 ? ticks[1] : index == canvas.rows.count - 1 ? ticks[2] : nil
            out += "  \(tick.map(pad) ?? blank) \(row.joined())\n"
        }
        let xTicks = [matrix.x.low, matrix.x.split, matrix.x.high].map(formatNumber)
        let gap = { (text: String) in String(repeating: " ", count: max(1, TextMatrix.cellWidth + 1 - text.count)) }
        out += "  \(blank) \(xTicks[0])\(gap(xTicks[0]))\(xTicks[1])\(gap(xTicks[1]))\(xTicks[2])\n"
        out += "  \(blank) \(matrix.x.label)\n\n"
        return out
    }

    private func legend() -> String {
        let today = matrix.asIs
        let known = today.label != nil && today.x != nil && today.y != nil
        let mark = known ? style.cyan("●") + " today" : today.candidates != nil ? style.cyan("?") + " perhaps today" : "today"
        return TextLayout.wrap("\(mark): \(ReportText.asIs(matrix))", indent: "  ", hanging: "    ") + targetLegend()
    }

    /// The legend's line for `◆`, if the rules name a target.
    func targetLegend() -> String {
        guard let target = matrix.toBe, let phrase = ReportText.toBe(matrix) else { return "" }
        let what = ReportText.toBeLabel(matrix)
        return target.label != nil ? "  \(style.green("◆")) \(what): \(phrase)\n"
            : TextLayout.wrap("◆ \(what): \(phrase)", indent: "  ", hanging: "    ")
    }
}

/// The characters of the matrix's box, one string per character cell (so that a cell may be
/// styled), row by row: the top border, the upper quadrants, the middle border, the lower
/// quadrants, the bottom border.
private struct Canvas {
    let matrix: Assessment.Matrix
    let style: TextStyle
    var rows: [[String]]
    /// Cells that hold a mark or a label, which nothing else may take.
    private var taken: Set<[Int]> = []

    private static let width = TextMatrix.cellWidth, height = TextMatrix.cellHeight

    init(matrix: Assessment.Matrix, style: TextStyle) {
        self.matrix = matrix
        self.style = style
        let line = Array(repeating: "─", count: Canvas.width)
        let empty = Array(repeating: " ", count: Canvas.width)
        let border = { (left: String, middle: String, right: String) in [left] + line + [middle] + line + [right] }
        let interior = ["│"] + empty + ["│"] + empty + ["│"]
        rows = [border("┌", "┬", "┐")] + Array(repeating: interior, count: Canvas.height)
            + [border("├", "┼", "┤")] + Array(repeating: interior, count: Canvas.height) + [border("└", "┴", "┘")]
        for quadrant in 0..<4 { label(quadrant) }
        if matrix.asIs.option == nil, matrix.asIsPlacement == nil {
            // The quadrants the profile may stand in, until missing answers decide.
            for quadrant in 0..<4 where matrix.asIs.candidates?.contains(matrix.quadrants[quadrant].option) == true {
                put(style.cyan("?"), row: origin(quadrant).row + Canvas.height / 2, column: origin(quadrant).column + Canvas.width / 2)
            }
        }
    }

    /// The grid row and column of a quadrant's first interior cell.
    private func origin(_ quadrant: Int) -> (row: Int, column: Int) {
        (1 + (quadrant / 2) * (Canvas.height + 1), 1 + (quadrant % 2) * (Canvas.width + 1))
    }

    /// A quadrant's label on its first line, and `◆` at its end in the quadrant to aim for.
    private mutating func label(_ quadrant: Int) {
        let (row, column) = origin(quadrant)
        var text = " " + matrix.quadrants[quadrant].label
        let isTarget = matrix.toBe?.option == matrix.quadrants[quadrant].option
        if isTarget && text.count + 3 <= Canvas.width {
            put(style.green("◆"), row: row, column: column + Canvas.width - 2)
        } else if text.count > Canvas.width {
            text = String(text.prefix(Canvas.width - 1)) + "…"
        }
        for (offset, character) in text.enumerated() { put(String(character), row: row, column: column + offset) }
    }

    /// The cell of a point: its quadrant from the numbers, then a line below the label and a
    /// column within it.
    func cell(x: Double, y: Double, option: String? = nil) -> (row: Int, column: Int) {
        let placement = matrix.placement(x: x, y: y, option: option)
        let lines = Canvas.height - 1
        let line = 1 + min(lines - 1, Int(((1 - placement.up) * Double(lines)).rounded(.down)))
        let column = 1 + min(Canvas.width - 3, Int((placement.across * Double(Canvas.width - 2)).rounded(.down)))
        let (row, left) = origin(placement.quadrant)
        return (row + line, left + column)
    }

    mutating func draw(_ marks: TextMatrix.Marks) {
        let dot = matrix.asIsPlacement.map { _ in cell(x: matrix.asIs.x!, y: matrix.asIs.y!, option: matrix.asIs.option) }
        if let dot { put(style.cyan("●"), row: dot.row, column: dot.column) }
        switch marks {
        case .position:
            break
        case .keyed(let points):
            for point in points {
                let (row, column) = cell(x: point.x, y: point.y)
                putNearby(point.key, row: row, column: column)
            }
        case .movement(let from):
            let start = cell(x: from.x, y: from.y)
            putNearby("○", row: start.row, column: start.column)
            if let dot { path(from: start, to: dot) }
        }
    }

    private mutating func put(_ mark: String, row: Int, column: Int) {
        rows[row][column] = mark
        taken.insert([row, column])
    }

    private func isFree(_ row: Int, _ column: Int) -> Bool {
        rows.indices.contains(row) && rows[row].indices.contains(column) && rows[row][column] == " " && !taken.contains([row, column])
    }

    /// A mark at its cell, or where that is taken, at the nearest free cell of the same line.
    private mutating func putNearby(_ mark: String, row: Int, column: Int) {
        for offset in [0, 1, -1, 2, -2, 3, -3] where isFree(row, column + offset) {
            put(mark, row: row, column: column + offset)
            return
        }
    }

    /// A line of dots from one cell towards another over the free cells between them, its last
    /// one an arrow pointing the way.
    private mutating func path(from start: (row: Int, column: Int), to end: (row: Int, column: Int)) {
        let steps = max(abs(end.row - start.row), abs(end.column - start.column))
        guard steps > 1 else { return }
        var cells: [(row: Int, column: Int)] = []
        for step in 1..<steps {
            let share = Double(step) / Double(steps)
            let cell = (row: start.row + Int((Double(end.row - start.row) * share).rounded()),
                        column: start.column + Int((Double(end.column - start.column) * share).rounded()))
            if isFree(cell.row, cell.column) { cells.append(cell) }
        }
        guard let last = cells.popLast() else { return }
        for cell in cells { rows[cell.row][cell.column] = "·" }
        // A line of text is about twice as high as a character is wide.
        let across = Double(end.column - start.column), down = Double(end.row - start.row) * 2
        let arrows = ["→", "↘", "↓", "↙", "←", "↖", "↑", "↗"]
        let angle = (atan2(down, across) * 180 / .pi + 360 + 22.5).truncatingRemainder(dividingBy: 360)
        rows[last.row][last.column] = style.cyan(arrows[Int(angle / 45)])
    }
}
