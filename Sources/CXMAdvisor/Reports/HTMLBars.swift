/// Counts as an inline SVG of horizontal bars (``SVGBarRows``): each category's label above its
/// bar, the bar's length its share of all rows, the count and the share after it.
struct HTMLBars {
    let title: String
    let bars: [(label: String, count: Int)]
    /// What the shares are of: every row assessed.
    let total: Int

    /// The track's length, in SVG units.
    private static let track = 250.0

    func render() -> String {
        var rows = SVGBarRows()
        for bar in bars {
            rows.lines(bar.label)
            rows.advance(by: 4)
            rows.bar(share: share(bar.count), track: Self.track)
            rows.append(SVG.text("\(TextLayout.grouped(bar.count)) (\(percent(bar.count)))", x: Self.track + 8, y: rows.y + SVGBarRows.barHeight - 2, class: "bar-value"))
            rows.advance(by: SVGBarRows.barHeight + 8)
        }
        return rows.figure(title: title, description: description)
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
