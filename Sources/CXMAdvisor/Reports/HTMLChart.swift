import CXMRules

/// A chart as an inline SVG of horizontal bars (``SVGBarRows``): each value's label above its
/// bar, the bar's length scaled to the value's range (the grey track), the value printed after
/// it; an unknown value said in words, with the range it can still take.
struct HTMLChart {
    let chart: Assessment.Chart
    let notes: ReportLedger

    /// The track's length, in SVG units.
    private static let track = 280.0

    func render() -> String {
        var rows = SVGBarRows()
        for bar in chart.bars {
            rows.lines(bar.label)
            rows.advance(by: 4)
            guard let value = bar.value else {
                rows.append(SVG.rect(x: 0, y: rows.y, width: Self.track, height: SVGBarRows.barHeight, class: "track unknown"))
                rows.advance(by: SVGBarRows.barHeight)
                rows.lines("Not known yet: " + bar.display + notes.marker(bar.missingAnswers), class: "note")
                rows.advance(by: 10)
                continue
            }
            let share = bar.high > bar.low ? max(0, min(1, (value - bar.low) / (bar.high - bar.low))) : 0
            rows.bar(share: share, track: Self.track)
            rows.append(SVG.text(formatNumber(value), x: Self.track + 10, y: rows.y + SVGBarRows.barHeight - 2, class: "bar-value"))
            rows.advance(by: SVGBarRows.barHeight + 10)
        }
        return rows.figure(title: chart.title, description: description)
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
