import CXMRules

/// The 2×2 matrix drawn with box-drawing characters: each quadrant's option, `●` where the
/// profile stands (from its two numbers), or `?` in the quadrants it may stand in, and `◆` in
/// the quadrant to aim for.
struct TextMatrix {
    let matrix: Assessment.Matrix
    let style: TextStyle

    /// Interior width and height of one quadrant.
    static let cellWidth = 30
    static let cellHeight = 4

    func render() -> String {
        let ticks = [matrix.y.high, matrix.y.split, matrix.y.low].map(formatNumber)
        let margin = ticks.map(\.count).max() ?? 1
        let pad = { (text: String) in String(repeating: " ", count: margin - text.count) + text }
        let blank = String(repeating: " ", count: margin)
        let horizontal = String(repeating: "─", count: TextMatrix.cellWidth)
        let dot = position()
        var out = "  \(matrix.y.label)\n"
        out += "  \(pad(ticks[0])) ┌\(horizontal)┬\(horizontal)┐\n"
        for half in 0..<2 {
            for row in 0..<TextMatrix.cellHeight {
                out += "  \(blank) │"
                for column in 0..<2 {
                    out += cell(quadrant: half * 2 + column, row: row, dot: dot.flatMap { $0.quadrant == half * 2 + column ? $0 : nil }) + "│"
                }
                out += "\n"
            }
            out += half == 0 ? "  \(pad(ticks[1])) ├\(horizontal)┼\(horizontal)┤\n" : "  \(pad(ticks[2])) └\(horizontal)┴\(horizontal)┘\n"
        }
        let xTicks = [matrix.x.low, matrix.x.split, matrix.x.high].map(formatNumber)
        let gap = { (text: String) in String(repeating: " ", count: max(1, TextMatrix.cellWidth + 1 - text.count)) }
        out += "  \(blank) \(xTicks[0])\(gap(xTicks[0]))\(xTicks[1])\(gap(xTicks[1]))\(xTicks[2])\n"
        out += "  \(blank) \(matrix.x.label)\n\n"
        out += legend()
        return out
    }

    /// One line of a quadrant: its label on the first line, the marks below.
    private func cell(quadrant: Int, row: Int, dot: (quadrant: Int, row: Int, column: Int)?) -> String {
        let width = TextMatrix.cellWidth
        if row == 0 {
            var text = " " + matrix.quadrants[quadrant].label
            let isTarget = matrix.toBe?.option == matrix.quadrants[quadrant].option
            if isTarget && text.count + 3 <= width {
                return text + String(repeating: " ", count: width - text.count - 2) + style.green("◆") + " "
            }
            if text.count > width { text = String(text.prefix(width - 1)) + "…" }
            return text + String(repeating: " ", count: width - text.count)
        }
        if dot == nil, row == TextMatrix.cellHeight / 2, matrix.asIs.option == nil,
           matrix.asIs.candidates?.contains(matrix.quadrants[quadrant].option) == true {
            // A quadrant the profile may stand in, until missing answers decide.
            let middle = width / 2
            return String(repeating: " ", count: middle) + style.cyan("?") + String(repeating: " ", count: width - middle - 1)
        }
        guard let dot, dot.row == row else { return String(repeating: " ", count: width) }
        return String(repeating: " ", count: dot.column) + style.cyan("●") + String(repeating: " ", count: width - dot.column - 1)
    }

    /// Where `●` goes: the quadrant from the numbers, then the row (1 to cellHeight - 1) and
    /// column within it.
    private func position() -> (quadrant: Int, row: Int, column: Int)? {
        guard let placement = matrix.asIsPlacement else { return nil }
        let rows = TextMatrix.cellHeight - 1
        let row = 1 + min(rows - 1, Int(((1 - placement.up) * Double(rows)).rounded(.down)))
        let column = 1 + min(TextMatrix.cellWidth - 3, Int((placement.across * Double(TextMatrix.cellWidth - 2)).rounded(.down)))
        return (placement.quadrant, row, column)
    }

    private func legend() -> String {
        let today = matrix.asIs
        let known = today.label != nil && today.x != nil && today.y != nil
        let mark = known ? style.cyan("●") + " today" : today.candidates != nil ? style.cyan("?") + " perhaps today" : "today"
        var out = TextLayout.wrap("\(mark): \(ReportText.asIs(matrix))", indent: "  ", hanging: "    ")
        if let target = matrix.toBe, let phrase = ReportText.toBe(matrix) {
            let what = ReportText.toBeLabel(matrix)
            out += target.label != nil ? "  \(style.green("◆")) \(what): \(phrase)\n"
                : TextLayout.wrap("◆ \(what): \(phrase)", indent: "  ", hanging: "    ")
        }
        return out
    }
}
