/// Counts as an inline SVG of horizontal bars: each category's label above its bar, the bar's
/// length its share of all rows, the count and the share after it. Drawn about as wide as a
/// phone's screen, so that its text stays as large as the page's when the drawing is scaled to
/// fit.
struct HTMLBars {
    let title: String
    let bars: [(label: String, count: Int)]
    /// What the shares are of: every row assessed.
    let total: Int

    private static let width = 356.0, track = 250.0, lineHeight = 18.0, barHeight = 14.0
    private static let characters = 44

    func render() -> String {
        var body = ""
        var y = 0.0
        for bar in bars {
            for line in HTML.lines(bar.label, width: Self.characters) {
                y += Self.lineHeight
                body += SVG.text(line, x: 0, y: y - 4)
            }
            y += 4
            body += SVG.rect(x: 0, y: y, width: Self.track, height: Self.barHeight, class: "track")
            body += SVG.rect(x: 0, y: y, width: Self.track * share(bar.count), height: Self.barHeight, class: "bar")
            body += SVG.text("\(TextLayout.grouped(bar.count)) (\(percent(bar.count)))", x: Self.track + 8, y: y + Self.barHeight - 2, class: "bar-value")
            y += Self.barHeight + 8
        }
        return "<figure class=\"chart\">\n<figcaption>\(HTML.escape(title))</figcaption>\n"
            + SVG.open(width: Self.width, height: y, description: description) + body + "</svg>\n</figure>\n"
    }

    private func share(_ count: Int) -> Double {
        total > 0 ? min(1, Double(count) / Double(total)) : 0
    }

    private func percent(_ count: Int) -> String {
        "\(Int((share(count) * 100).rounded()))%"
    }

    /// The chart in words, for screen readers.
    private var description: String {
        "\(title), of \(TextLayout.grouped(total)): " + bars.map { "\($0.label) \(TextLayout.grouped($0.count)) (\(percent($0.count)))" }.joined(separator: "; ")
    }
}
