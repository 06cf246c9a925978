import CXMRules

/// The 2×2 matrix as inline SVG: the quadrants labelled with their options, both axes with
/// their labels and low, split and high ticks, a dot where the profile stands (each quadrant
/// scaled from its split to its ends, as in the text report), or the quadrants it may stand in
/// outlined with dots, the quadrant to aim for outlined with an arrow to it from the dot, and a
/// legend below in words; besides, other marks (see ``Marks``). Drawn about as wide as a
/// phone's screen, so that its text stays as large as the page's when the drawing is scaled to
/// fit.
struct HTMLMatrix {
    /// What is drawn besides the quadrants, the position and the target.
    enum Marks {
        /// Nothing more; the legend says where the profile stands and where to aim.
        case position
        /// Other positions, each a small disc with a one-character key and a tooltip (respondents'
        /// own positions), set beside one another where they meet; the legend has a line for each.
        case keyed([(key: String, x: Double, y: Double, legend: String)], dotLegend: String)
        /// An earlier position (a ring) and an arrow from it to the dot; the legend's lines for
        /// the ring and the dot.
        case movement(from: (x: Double, y: Double), legend: (from: String, to: String))
        /// Many profiles (a batch): a small dot for each, segments of one firm joined by a line,
        /// numbered when there are few, and one arrow for each way between quadrants, as wide as
        /// the number of profiles that should take it (see `HTMLMatrix+Portfolio.swift`).
        case portfolio([PortfolioPoint], ranges: [PortfolioRange])
    }

    let matrix: Assessment.Matrix
    var marks: Marks = .position

    /// The plot area in SVG units, and the room around it for ticks and axis labels.
    private static let left = 30.0, width = 318.0, height = 240.0, lineHeight = 17.0
    static let viewWidth = left + width + 8
    private static let dotRadius = 7.0
    /// About how many characters of an axis label fit on a line, and of a quadrant's label.
    private static let axisCharacters = 44, quadrantCharacters = 19

    /// Where the plot starts: below the vertical axis's label.
    private var top: Double { Double(HTML.lines(matrix.y.label, width: Self.axisCharacters).count) * Self.lineHeight + 8 }
    var viewHeight: Double {
        top + Self.height + 30 + Double(HTML.lines(matrix.x.label, width: Self.axisCharacters).count) * Self.lineHeight
    }

    func render() -> String {
        var out = "<figure>\n" + SVG.open(width: Self.viewWidth, height: viewHeight, description: description)
        out += quadrants() + axes()
        let dot = self.dot()
        switch marks {
        case .position:
            if let dot, let target = targetQuadrant(), target != dot.quadrant {
                out += arrow(from: (dot.x, dot.y), to: center(of: target), gap: Self.dotRadius + 3, class: "arrow")
            }
        case .keyed(let points, _):
            out += keyed(points, avoiding: dot)
        case .portfolio(let points, let ranges):
            out += portfolio(points, ranges: ranges)
        case .movement(let from, let legend):
            let start = point(x: from.x, y: from.y)
            if let dot { out += arrow(from: start, to: (dot.x, dot.y), gap: Self.dotRadius + 3, end: Self.dotRadius + 2, class: "arrow") }
            out += "<circle class=\"ring\" cx=\"\(formatNumber(start.x))\" cy=\"\(formatNumber(start.y))\" r=\"\(formatNumber(Self.dotRadius))\">"
                + "<title>\(HTML.escape(legend.from))</title></circle>\n"
        }
        if let dot {
            out += "<circle class=\"dot\" cx=\"\(formatNumber(dot.x))\" cy=\"\(formatNumber(dot.y))\" r=\"\(formatNumber(Self.dotRadius))\"/>\n"
        }
        out += "</svg>\n<figcaption>\n" + legend() + "</figcaption>\n</figure>\n"
        return out
    }

    /// Keyed discs, each moved beside those before it (and the dot) where they would overlap.
    private func keyed(_ points: [(key: String, x: Double, y: Double, legend: String)], avoiding dot: (x: Double, y: Double, quadrant: Int)?) -> String {
        let radius = 9.0
        var placed: [(x: Double, y: Double)] = dot.map { [($0.x, $0.y)] } ?? []
        var out = ""
        for point in points {
            var (x, y) = self.point(x: point.x, y: point.y)
            let quadrant = matrix.placement(x: point.x, y: point.y).quadrant
            let corner = frame(of: quadrant)
            // Try positions further and further away, right and left, then a row lower, inside the quadrant.
            let tries = (0..<24).map { index in (Double([0, 1, -1, 2, -2, 3, -3, 4][index % 8]) * 2 * radius, Double(index / 8) * 2 * radius) }
            for (dx, dy) in tries {
                let candidate = (x: min(max(x + dx, corner.x + radius + 1), corner.x + Self.width / 2 - radius - 1),
                                 y: min(max(y + dy, corner.y + radius + 1), corner.y + Self.height / 2 - radius - 1))
                if placed.allSatisfy({ ($0.x - candidate.x) * ($0.x - candidate.x) + ($0.y - candidate.y) * ($0.y - candidate.y) >= 4 * radius * radius }) {
                    (x, y) = candidate
                    break
                }
            }
            placed.append((x, y))
            out += "<g class=\"key\"><title>\(HTML.escape(point.legend))</title>"
                + "<circle cx=\"\(formatNumber(x))\" cy=\"\(formatNumber(y))\" r=\"\(formatNumber(radius))\"/>"
                + "<text x=\"\(formatNumber(x))\" y=\"\(formatNumber(y + 4.5))\" text-anchor=\"middle\">\(HTML.escape(point.key))</text></g>\n"
        }
        return out
    }

    /// The matrix in words, for screen readers: where the profile stands and where to aim,
    /// then what the quadrants and axes are.
    private var description: String {
        var words: String
        switch marks {
        case .position: words = "\(matrix.label): \(ReportText.asIs(matrix))"
        case .keyed(let points, let dotLegend): words = "\(matrix.label). \(dotLegend); " + points.map(\.legend).joined(separator: "; ")
        case .movement(_, let legend): words = "\(matrix.label). \(legend.from); \(legend.to)"
        case .portfolio(let points, let ranges):
            words = "\(matrix.label) of \(TextLayout.count(points.count, "profile"))"
                + (ranges.isEmpty ? "" : ", and \(ranges.count) with one score known") + ". " + portfolioFlows(points).joined(separator: "; ")
        }
        if let target = ReportText.toBe(matrix) { words += "; \(ReportText.toBeLabel(matrix)): \(target)" }
        let names = zip(["top left", "top right", "bottom left", "bottom right"], matrix.quadrants).map { "\($0) \($1.label)" }
        words += ". Quadrants: \(names.joined(separator: ", ")); across: \(axis(matrix.x)); up: \(axis(matrix.y))."
        return words
    }

    private func axis(_ axis: Assessment.Matrix.Axis) -> String {
        "\(axis.label), \(formatNumber(axis.low)) to \(formatNumber(axis.high)), split at \(formatNumber(axis.split))"
    }

    /// Top left, top right, bottom left, bottom right.
    func frame(of quadrant: Int) -> (x: Double, y: Double) {
        (Self.left + Double(quadrant % 2) * Self.width / 2, top + Double(quadrant / 2) * Self.height / 2)
    }

    func center(of quadrant: Int) -> (x: Double, y: Double) {
        let corner = frame(of: quadrant)
        return (corner.x + Self.width / 4, corner.y + Self.height / 4 + 10)
    }

    /// A quadrant's label: its lines, each at its place (the baseline), from the quadrant's top
    /// left corner.
    private func quadrantLabel(_ index: Int) -> [(line: String, x: Double, y: Double)] {
        let corner = frame(of: index)
        return HTML.lines(matrix.quadrants[index].label, width: Self.quadrantCharacters).enumerated().map { number, line in
            (line, corner.x + 8, corner.y + 20 + Double(number) * Self.lineHeight)
        }
    }

    /// What each quadrant's label covers.
    func quadrantLabelBoxes() -> [Box] {
        matrix.quadrants.indices.map { index in
            let corner = frame(of: index)
            let lines = quadrantLabel(index)
            let widest = lines.map { Self.textWidth($0.line) }.max() ?? 0
            return (corner.x + 4, corner.y + 4, corner.x + 8 + widest + 4, (lines.last?.y ?? corner.y + 20) + 5)
        }
    }

    private func targetQuadrant() -> Int? {
        guard let option = matrix.toBe?.option else { return nil }
        return matrix.quadrants.firstIndex { $0.option == option }
    }

    private func quadrants() -> String {
        var out = ""
        var labelEnds: [Double] = []
        for index in matrix.quadrants.indices {
            let corner = frame(of: index)
            out += SVG.rect(x: corner.x, y: corner.y, width: Self.width / 2, height: Self.height / 2, class: "quadrant q\(index)")
            let label = quadrantLabel(index)
            for (line, x, y) in label { out += SVG.text(line, x: x, y: y, class: "quadrant-label") }
            labelEnds.append((label.last?.y ?? corner.y + 20 - Self.lineHeight) + Self.lineHeight)
        }
        if matrix.asIs.option == nil {
            for option in matrix.asIs.candidates ?? [] {
                guard let index = matrix.quadrants.firstIndex(where: { $0.option == option }) else { continue }
                let corner = frame(of: index)
                out += SVG.rect(x: corner.x + 10, y: corner.y + 10, width: Self.width / 2 - 20, height: Self.height / 2 - 20, class: "maybe")
                out += SVG.text("perhaps today", x: corner.x + 8, y: corner.y + Self.height / 2 - 16, class: "maybe-label")
            }
        }
        if let target = targetQuadrant() {
            let corner = frame(of: target)
            out += SVG.rect(x: corner.x + 4, y: corner.y + 4, width: Self.width / 2 - 8, height: Self.height / 2 - 8, class: "aim")
            out += SVG.text("to aim for", x: corner.x + 8, y: labelEnds[target], class: "aim-label")
        }
        return out
    }

    /// Ticks at low, split and high on both axes, and the axis labels: the vertical one above
    /// the plot, the horizontal one below it.
    private func axes() -> String {
        var out = ""
        for (index, line) in HTML.lines(matrix.y.label, width: Self.axisCharacters).enumerated() {
            out += SVG.text(line, x: 0, y: Double(index + 1) * Self.lineHeight - 4, class: "axis-label")
        }
        let bottom = top + Self.height
        for (index, value) in [matrix.x.low, matrix.x.split, matrix.x.high].enumerated() {
            let x = Self.left + Double(index) * Self.width / 2
            let anchor = index == 0 ? "start" : index == 1 ? "middle" : "end"
            out += SVG.line(x, bottom, x, bottom + 5, class: "tick") + SVG.text(formatNumber(value), x: x, y: bottom + 20, anchor: anchor)
        }
        for (index, value) in [matrix.y.high, matrix.y.split, matrix.y.low].enumerated() {
            let y = top + Double(index) * Self.height / 2
            out += SVG.line(Self.left - 5, y, Self.left, y, class: "tick") + SVG.text(formatNumber(value), x: Self.left - 8, y: y + 5, anchor: "end")
        }
        for (index, line) in HTML.lines(matrix.x.label, width: Self.axisCharacters).enumerated() {
            out += SVG.text(line, x: Self.left + Self.width / 2, y: bottom + 24 + Double(index + 1) * Self.lineHeight, class: "axis-label", anchor: "middle")
        }
        return out
    }

    /// The dot's centre and quadrant, kept a radius inside the quadrant so that a number on a
    /// split is drawn on the side the rules decide.
    private func dot() -> (x: Double, y: Double, quadrant: Int)? {
        guard let x = matrix.asIs.x, let y = matrix.asIs.y else { return nil }
        let point = self.point(x: x, y: y, option: matrix.asIs.option)
        return (point.x, point.y, matrix.placement(x: x, y: y, option: matrix.asIs.option).quadrant)
    }

    /// Where a point is drawn: in its quadrant (for a number on a split, that of `option`, the
    /// rules' conclusion for it, where known), kept a dot's radius inside it.
    func point(x: Double, y: Double, option: String? = nil) -> (x: Double, y: Double) {
        let placement = matrix.placement(x: x, y: y, option: option)
        let corner = frame(of: placement.quadrant)
        let inset = Self.dotRadius + 2
        return (corner.x + inset + placement.across * (Self.width / 2 - 2 * inset),
                corner.y + inset + (1 - placement.up) * (Self.height / 2 - 2 * inset))
    }

    /// A line from `gap` away from one point to `end` before another, ending in an arrowhead.
    func arrow(from start: (x: Double, y: Double), to target: (x: Double, y: Double), gap: Double, end: Double = 0,
                       class name: String) -> String {
        let dx = target.x - start.x, dy = target.y - start.y
        let length = (dx * dx + dy * dy).squareRoot()
        let head = 14.0
        guard length > gap + head + end else { return "" }
        let ux = dx / length, uy = dy / length
        let tip = (x: target.x - ux * end, y: target.y - uy * end)
        let baseX = tip.x - ux * head, baseY = tip.y - uy * head
        let points = [(tip.x, tip.y), (baseX - uy * 6, baseY + ux * 6), (baseX + uy * 6, baseY - ux * 6)]
        return SVG.line(start.x + ux * gap, start.y + uy * gap, baseX, baseY, class: name)
            + "<polygon class=\"\(name)\" points=\"\(points.map { "\(formatNumber($0.0)),\(formatNumber($0.1))" }.joined(separator: " "))\"/>\n"
    }

    private func legend() -> String {
        var out = "<ul class=\"legend\">\n"
        let dotIcon = "<svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><circle class=\"dot\" cx=\"9\" cy=\"9\" r=\"7\"/></svg>"
        switch marks {
        case .position:
            break
        case .keyed(let points, let dotLegend):
            out += "<li>\(matrix.asIs.option != nil ? dotIcon : "")\(HTML.escape(dotLegend))</li>\n"
            for point in points {
                out += "<li><svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><g class=\"key\"><circle cx=\"9\" cy=\"9\" r=\"8\"/>"
                    + "</g></svg><strong>\(HTML.escape(point.key))</strong> \(HTML.escape(point.legend))</li>\n"
            }
            return out + targetLegend() + "</ul>\n"
        case .portfolio(let points, let ranges):
            return out + portfolioLegend(points, ranges: ranges) + "</ul>\n"
        case .movement(_, let legend):
            out += "<li><svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><circle class=\"ring\" cx=\"9\" cy=\"9\" r=\"6\"/></svg>"
                + "\(HTML.escape(legend.from))</li>\n<li>\(matrix.asIs.option != nil ? dotIcon : "")\(HTML.escape(legend.to))</li>\n"
            return out + targetLegend() + "</ul>\n"
        }
        if matrix.asIs.option != nil {
            out += "<li>\(dotIcon)Today: \(HTML.escape(ReportText.asIs(matrix)))</li>\n"
        } else if matrix.asIs.candidates == nil {
            out += "<li>Today: \(HTML.escape(ReportText.asIs(matrix)))</li>\n"
        } else {
            out += "<li><svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><rect class=\"maybe\" x=\"2\" y=\"2\" "
                + "width=\"14\" height=\"14\"/></svg>Perhaps today: \(HTML.escape(ReportText.asIs(matrix)))</li>\n"
        }
        return out + targetLegend() + "</ul>\n"
    }

    /// The legend's item for the quadrant to aim for, if the rules name one.
    private func targetLegend() -> String {
        guard let target = ReportText.toBe(matrix) else { return "" }
        return "<li><svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><rect class=\"aim\" x=\"2\" y=\"2\" "
            + "width=\"14\" height=\"14\"/></svg>\(HTML.escape(ReportText.toBeLabel(matrix))): \(HTML.escape(target))</li>\n"
    }
}
