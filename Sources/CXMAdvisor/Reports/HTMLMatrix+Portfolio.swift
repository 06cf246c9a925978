import CXMRules

/// One profile of many on the matrix (see ``HTMLMatrix/Marks/portfolio(_:)``).
struct PortfolioPoint {
    /// Its number in the page's table, from 1.
    let number: Int
    let x: Double
    let y: Double
    /// The option of the quadrant it stands in (deciding the side of a split), if known.
    let option: String?
    /// The option of the quadrant to aim for, if known.
    let target: String?
    /// What the table calls it: its id, or its firm and segment.
    let name: String
    /// The firm it is a segment of, when that firm has several segments in the batch.
    let firm: String?
}

/// A profile of many with one number of the matrix known and the other not (missing answers):
/// drawn as a line at the known number across the range the other can still take.
struct PortfolioRange {
    /// Its number in the page's table, from 1.
    let number: Int
    let x: ClosedRange<Double>
    let y: ClosedRange<Double>
    /// What it is called, and what is known, in words ("Acme: CXM scope 3.2; CXM impact 1 to 5").
    let text: String
}

extension HTMLMatrix {
    /// At most this many profiles are numbered on the matrix; more would hide one another.
    static let numberedPoints = 25
    /// At most this many firms have their segments joined by lines; beyond, the lines would
    /// hide the dots, and the table groups the segments.
    static let joinedFirms = 12

    /// The portfolio's marks: the ways between quadrants (arrows under the dots), the lines
    /// joining segments of one firm, the dots, and their numbers when there are few.
    func portfolio(_ points: [PortfolioPoint], ranges: [PortfolioRange] = []) -> String {
        var out = ""
        // The ranges first, under everything else: each a line with round ends.
        for range in ranges {
            let (from, to) = (point(x: range.x.lowerBound, y: range.y.lowerBound), point(x: range.x.upperBound, y: range.y.upperBound))
            out += "<line class=\"prange\" x1=\"\(formatNumber(from.x))\" y1=\"\(formatNumber(from.y))\" x2=\"\(formatNumber(to.x))\" "
                + "y2=\"\(formatNumber(to.y))\"><title>\(range.number). \(HTML.escape(range.text))</title></line>\n"
        }
        let flows = self.flows(points)
        var counts: [(x: Double, y: Double, text: String)] = []
        // What a way's count must not hide: the quadrants' labels and the counts before it.
        var taken = quadrantLabelBoxes()
        let most = flows.map(\.count).max() ?? 1
        for flow in flows {
            // From the middle of one quadrant to the middle of the other, below their labels.
            let (from, to) = (center(of: flow.from), center(of: flow.to))
            // Two ways between the same quadrants run side by side, not on top of each other.
            let length = max(1, ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot())
            let (nx, ny) = (-(to.y - from.y) / length * 7, (to.x - from.x) / length * 7)
            let width = 2 + 6 * Double(flow.count) / Double(most)
            out += "<g class=\"flow\" style=\"stroke-width:\(formatNumber(width))\"><title>\(HTML.escape(flowText(flow)))</title>"
                + arrow(from: (from.x + nx, from.y + ny), to: (to.x + nx, to.y + ny), gap: 0, end: 18, class: "flow-arrow") + "</g>\n"
            // The count a third of the way along, beside the arrow; where that would hide a
            // quadrant's label (a way across the middle passes them) or another count, the
            // nearest place along the way, on either side, that hides neither.
            let text = String(flow.count)
            func place(_ along: Double, _ side: Double) -> (x: Double, y: Double, box: Box) {
                let (x, y) = (from.x + (to.x - from.x) * along + nx * side, from.y + (to.y - from.y) * along + ny * side + 5)
                return (x, y, Self.countBox(text, x: x, y: y))
            }
            let tries = [0.35, 0.25, 0.45, 0.2, 0.55, 0.65].flatMap { along in [2.2, -2.2].map { (along, $0) } }
            let label = tries.lazy.map(place).first { candidate in !taken.contains { Self.overlaps($0, candidate.box) } } ?? place(0.35, 2.2)
            taken.append(label.box)
            out += SVG.text(text, x: label.x, y: label.y, class: "flow-label", anchor: "middle")
            counts.append((label.x, label.y, text))
        }
        let drawn = points.map { point(x: $0.x, y: $0.y, option: $0.option) }
        var segments: [String: [Int]] = [:]
        for (index, item) in points.enumerated() { if let firm = item.firm { segments[firm, default: []].append(index) } }
        let joined = segments.values.filter { $0.count > 1 }
        for indices in joined.count <= Self.joinedFirms ? joined : [] {
            let path = indices.map { "\(formatNumber(drawn[$0].x)),\(formatNumber(drawn[$0].y))" }.joined(separator: " ")
            out += "<polyline class=\"link\" points=\"\(path)\"><title>\(HTML.escape(points[indices[0]].firm ?? ""))</title></polyline>\n"
        }
        let numbered = points.count + ranges.count <= Self.numberedPoints
        for (item, at) in zip(points, drawn) {
            out += "<circle class=\"pdot\" cx=\"\(formatNumber(at.x))\" cy=\"\(formatNumber(at.y))\" r=\"\(numbered ? 5 : 3.5)\">"
                + "<title>\(item.number). \(HTML.escape(item.name))</title></circle>\n"
        }
        if numbered { out += numbers(points, at: drawn, ranges: ranges, avoiding: counts) }
        return out
    }

    /// The numbers beside the dots and at the ends of the ranges, each where it hides no dot and
    /// no other number and stays inside the figure: right of and above its mark if that is
    /// free, else the first free place around it. Dots at one place share a number ("7, 8").
    /// `counts` are the ways' counts, centred where they stand.
    private func numbers(_ points: [PortfolioPoint], at drawn: [(x: Double, y: Double)], ranges: [PortfolioRange],
                         avoiding counts: [(x: Double, y: Double, text: String)]) -> String {
        var taken: [Box] = drawn.map { ($0.x - 5, $0.y - 5, $0.x + 5, $0.y + 5) } + counts.map { Self.countBox($0.text, x: $0.x, y: $0.y) }
        // Each mark's number(s), in the order they are read: the dots by place, then the ranges.
        var marks: [(text: String, x: Double, y: Double)] = []
        for (item, at) in zip(points, drawn) {
            if let index = marks.firstIndex(where: { abs($0.x - at.x) < 0.5 && abs($0.y - at.y) < 0.5 }) {
                marks[index].text += ", \(item.number)"
            } else {
                marks.append((String(item.number), at.x, at.y))
            }
        }
        for range in ranges {
            let end = point(x: range.x.upperBound, y: range.y.upperBound)
            marks.append((String(range.number), end.x, end.y))
        }
        // Beside the mark: right and above first, then below, left, and further out.
        let tries: [(dx: Double, dy: Double, anchor: String)] = [
            (7, -5, "start"), (7, 15, "start"), (-7, -5, "end"), (-7, 15, "end"),
            (0, -10, "middle"), (0, 21, "middle"), (7, -19, "start"), (7, 29, "start"), (-7, -19, "end"), (-7, 29, "end"),
        ]
        let figure: Box = (0, 0, Self.viewWidth, viewHeight)
        var out = ""
        for mark in marks {
            let width = Self.textWidth(mark.text)
            let boxes = tries.map { place -> (place: (dx: Double, dy: Double, anchor: String), box: Box) in
                let (x, y) = (mark.x + place.dx, mark.y + place.dy)
                let left = place.anchor == "start" ? x : place.anchor == "end" ? x - width : x - width / 2
                return (place, (left, y - 11, left + width, y + 3))
            }
            let inside = boxes.filter { $0.box.left >= figure.left && $0.box.right <= figure.right && $0.box.top >= figure.top && $0.box.bottom <= figure.bottom }
            let chosen = inside.first { candidate in !taken.contains { Self.overlaps($0, candidate.box) } } ?? inside.first ?? boxes[0]
            taken.append(chosen.box)
            out += SVG.text(mark.text, x: mark.x + chosen.place.dx, y: mark.y + chosen.place.dy, class: "pnum", anchor: chosen.place.anchor)
        }
        return out
    }

    /// A rectangle of the figure.
    typealias Box = (left: Double, top: Double, right: Double, bottom: Double)

    static func overlaps(_ a: Box, _ b: Box) -> Bool { a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom }

    /// About how wide a text in the figure's 14px bold is: 8.6 units a character.
    static func textWidth(_ text: String) -> Double { Double(text.count) * 8.6 }

    /// What a way's count, centred at `x` on the baseline `y`, covers (with its white outline).
    static func countBox(_ text: String, x: Double, y: Double) -> Box {
        (x - textWidth(text) / 2 - 4, y - 13, x + textWidth(text) / 2 + 4, y + 4)
    }

    /// The ways between quadrants, most taken first: from the quadrant a profile stands in to
    /// the one it should aim for, where they differ.
    func flows(_ points: [PortfolioPoint]) -> [(from: Int, to: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        for point in points {
            guard let to = matrix.quadrant(of: point.target) else { continue }
            let from = matrix.placement(x: point.x, y: point.y, option: point.option).quadrant
            if from != to { counts[from * 4 + to, default: 0] += 1 }
        }
        return counts.map { (from: $0.key / 4, to: $0.key % 4, count: $0.value) }.sorted { ($1.count, $0.from * 4 + $0.to) < ($0.count, $1.from * 4 + $1.to) }
    }

    private func flowText(_ flow: (from: Int, to: Int, count: Int)) -> String {
        "\(flow.count) from \(matrix.quadrants[flow.from].label) to aim for \(matrix.quadrants[flow.to].label)"
    }

    /// The ways, and how many stay where they are, in words.
    func portfolioFlows(_ points: [PortfolioPoint]) -> [String] {
        let staying = points.count { point in
            matrix.quadrant(of: point.target).map { $0 == matrix.placement(x: point.x, y: point.y, option: point.option).quadrant } ?? false
        }
        let open = points.count { matrix.quadrant(of: $0.target) == nil }
        return flows(points).map(flowText)
            + (staying > 0 ? ["\(staying) to stay in \(staying == 1 ? "its" : "their") quadrant"] : [])
            + (open > 0 ? ["\(open) without a quadrant to aim for yet (missing answers)"] : [])
    }

    func portfolioLegend(_ points: [PortfolioPoint], ranges: [PortfolioRange]) -> String {
        let dot = "<svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><circle class=\"pdot\" cx=\"9\" cy=\"9\" r=\"5\"/></svg>"
        let arrow = "<svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><line class=\"flow-arrow\" x1=\"1\" y1=\"9\" x2=\"11\" y2=\"9\" "
            + "style=\"stroke-width:3\"/><polygon class=\"flow-arrow\" points=\"17,9 10,4 10,14\"/></svg>"
        var out = "<li>\(dot)Where each firm or segment stands today"
            + (points.count + ranges.count <= Self.numberedPoints ? ", numbered as in the table" : "") + "</li>\n"
        if !ranges.isEmpty {
            out += "<li><svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><line class=\"prange\" x1=\"3\" y1=\"9\" x2=\"15\" y2=\"9\"/></svg>"
                + "Where only one score is known: a line at it, across what the other can still be</li>\n"
        }
        let ways = flows(points).count
        out += portfolioFlows(points).enumerated().map { "<li>\($0.offset < ways ? arrow : "")\(HTML.escape($0.element))</li>\n" }.joined()
        let firms = Set(points.compactMap(\.firm))
        if firms.count > Self.joinedFirms {
            out += "<li>Segments of one firm: together in the table, under the firm's name</li>\n"
        } else if !firms.isEmpty {
            out += "<li><svg viewBox=\"0 0 18 18\" width=\"18\" height=\"18\" aria-hidden=\"true\"><line class=\"link\" x1=\"1\" y1=\"9\" x2=\"17\" y2=\"9\"/></svg>"
                + "Segments of one firm, joined: " + HTML.escape(firms.sorted().joined(separator: "; ")) + "</li>\n"
        }
        return out
    }
}
