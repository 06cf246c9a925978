import CXMRules

/// A chart as an inline SVG of horizontal bars: each value's label above its bar, the bar's
/// length scaled to the value's range (the grey track), the value printed after it; an unknown
/// value said in words, with the range it can still take. Drawn about as wide as a phone's
/// screen, so that its text stays as large as the page's when the drawing is scaled to fit.
struct HTMLChart {
    let chart: Assessment.Chart
    let notes: ReportLedger

    /// The drawing's width, the track's, a line of text's height and a bar's, in SVG units.
    private static let width = 356.0, track = 280.0, lineHeight = 18.0, barHeight = 14.0
    /// About how many characters fit on a line across the drawing.
    private static let characters = 44

    func render() -> String {
        var body = ""
        var y = 0.0
        for bar in chart.bars {
            for line in HTML.lines(bar.label, width: Self.characters) {
                y += Self.lineHeight
                body += SVG.text(line, x: 0, y: y - 4)
            }
            y += 4
            guard let value = bar.value else {
                body += SVG.rect(x: 0, y: y, width: Self.track, height: Self.barHeight, class: "track unknown")
                y += Self.barHeight
                for line in HTML.lines("Not known yet: " + bar.display + notes.marker(bar.missingAnswers), width: Self.characters) {
                    y += Self.lineHeight
                    body += SVG.text(line, x: 0, y: y - 4, class: "note")
                }
                y += 10
                continue
            }
            let share = bar.high > bar.low ? max(0, min(1, (value - bar.low) / (bar.high - bar.low))) : 0
            body += SVG.rect(x: 0, y: y, width: Self.track, height: Self.barHeight, class: "track")
            body += SVG.rect(x: 0, y: y, width: share * Self.track, height: Self.barHeight, class: "bar")
            body += SVG.text(formatNumber(value), x: Self.track + 10, y: y + Self.barHeight - 2, class: "bar-value")
            y += Self.barHeight + 10
        }
        return "<figure class=\"chart\">\n<figcaption>\(HTML.escape(chart.title))</figcaption>\n"
            + SVG.open(width: Self.width, height: y, description: description) + body + "</svg>\n</figure>\n"
    }

    /// The chart in words, for screen readers: each value with its range, or unknown.
    private var description: String {
        let bars = chart.bars.map { bar in
            let value = bar.value.map { "\(formatNumber($0)) on a range of \(formatNumber(bar.low)) to \(formatNumber(bar.high))" }
            return "\(bar.label): " + (value ?? "not known yet: " + bar.display)
        }
        return "\(chart.title). " + bars.joined(separator: "; ")
    }
}
