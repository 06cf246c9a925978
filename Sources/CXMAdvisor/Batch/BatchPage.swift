import CXMRules

/// `cxm batch --format html`: one self-contained page of many profiles. First what the batch
/// came to; then every firm or segment on the matrix (where it stands, segments of one firm
/// joined, and one arrow for each way between quadrants as wide as the number that should take
/// it); then a bar chart of each headline value's distribution; then the table, segments of one
/// firm together under its name. Memory stays bounded: the matrix and the table hold the first
/// ``maximumRows`` rows; the counts and charts hold every row.
public struct BatchPage: Sendable {
    /// The most rows the matrix and the table show.
    public static let maximumRows = 5_000
    /// How many bins a number's chart has.
    static let bins = 8

    private let ruleBase: RuleBase
    private let title: String
    /// The matrix the rules draw, without a position: the frame the rows are placed in.
    private let frame: Assessment.Matrix?
    private var rows: [BatchRow] = []
    /// For each headline number, its known values counted in bins over its range.
    private var histograms: [Histogram?]

    /// A page of the rows of an input, under a title such as the input's name.
    public init(advisor: Advisor, title: String) {
        let ruleBase = advisor.ruleBase
        self.ruleBase = ruleBase
        self.title = title
        var frame = advisor.assess(Profile(answers: Array(repeating: nil, count: ruleBase.questions.count))).matrixAlone()
        frame?.asIs = Assessment.Position(display: "", missingAnswers: [])
        frame?.toBe = nil
        self.frame = frame
        histograms = ruleBase.headlineSlots.map { slot in
            guard case .number = ruleBase.values[slot].type else { return nil }
            return Histogram(range: ruleBase.values[slot].range ?? 0...1)
        }
    }

    /// Adds an assessed row.
    public mutating func add(_ row: BatchRow) {
        if rows.count < Self.maximumRows { rows.append(row) }
        for (index, value) in row.values.enumerated() {
            if case .number(let number)? = value { histograms[index]?.add(number) }
        }
    }

    /// The page, with the batch's summary.
    public func render(_ summary: BatchSummary) -> String {
        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n<p class=\"meta\">\(HTML.escape(counts(summary)))</p>\n</header>\n"
        let ordered = groupedRows()
        let firms = firmsWithSegments
        if let frame {
            let points = ordered.compactMap { number, row -> PortfolioPoint? in
                guard let point = row.point else { return nil }
                return PortfolioPoint(number: number, x: point.x, y: point.y, option: point.option, target: point.target, name: row.id,
                                      firm: row.firm.flatMap { firms.contains($0) ? $0 : nil })
            }
            let unplaced = ordered.filter { $0.row.point == nil }.map { self.unplaced($0.row, number: $0.number, frame: frame) }
            body += HTML.section("\(frame.label): \(TextLayout.grouped(points.count)) \(points.count == 1 ? "firm or segment" : "firms or segments")",
                                 HTMLMatrix(matrix: frame, marks: .portfolio(points, ranges: unplaced.compactMap(\.range))).render()
                                    + unplacedList(unplaced),
                                 class: "matrix portfolio")
        }
        if summary.assessed > 0 {
            body += HTML.section("How the values are distributed", "<div class=\"charts\">\n" + charts(summary) + "</div>\n")
            body += HTML.section("Every firm and segment", table(ordered, firms: firms))
        }
        return HTML.page(title: title, body: body)
    }

    /// At most this many profiles not placed on the matrix are named below it; the table has them all.
    static let unplacedNamed = 25

    /// A profile not placed on the matrix, and what its headline values tell of the matrix's
    /// numbers: for each axis that is a headline value, the range it lies in (one number when it
    /// is known; else what the missing answers leave open, or all of the axis).
    private struct Unplaced {
        let number: Int
        let x: ClosedRange<Double>?
        let y: ClosedRange<Double>?
        /// "Acme: CXM scope: 3.2; CXM impact: not known yet (2 to 4)".
        let text: String

        /// Drawn when one number is known: a line across what the other can still be.
        var range: PortfolioRange? {
            guard let x, let y, x.lowerBound == x.upperBound || y.lowerBound == y.upperBound else { return nil }
            return PortfolioRange(number: number, x: x, y: y, text: text)
        }
    }

    private func unplaced(_ row: BatchRow, number: Int, frame: Assessment.Matrix) -> Unplaced {
        let headline = ruleBase.headlineSlots
        func axis(_ axis: Assessment.Matrix.Axis) -> (range: ClosedRange<Double>?, text: String) {
            let whole = min(axis.low, axis.high)...max(axis.low, axis.high)
            guard let slot = ruleBase.slot(named: axis.name), let index = headline.firstIndex(of: slot) else {
                return (nil, "\(axis.label): not known")
            }
            let clamped = { (number: Double) in min(max(number, whole.lowerBound), whole.upperBound) }
            if case .number(let number)? = row.values[index], number.isFinite {
                return (clamped(number)...clamped(number), "\(axis.label): \(formatNumber(number))")
            }
            if case .numbers(let low, let high)? = row.open[index]?.known, low <= high, clamped(low)...clamped(high) != whole {
                let range = clamped(low)...clamped(high)
                return (range, "\(axis.label): not known yet (\(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)))")
            }
            return (whole, "\(axis.label): not known yet")
        }
        let (x, y) = (axis(frame.x), axis(frame.y))
        return Unplaced(number: number, x: x.range, y: y.range, text: "\(row.id): \(x.text); \(y.text)")
    }

    /// The profiles not placed on the matrix, with what is known of their numbers.
    private func unplacedList(_ unplaced: [Unplaced]) -> String {
        guard !unplaced.isEmpty else { return "" }
        var out = HTML.paragraph("\(TextLayout.count(unplaced.count, "profile")) not placed on the matrix: missing answers leave "
                                 + (unplaced.count == 1 ? "a score" : "scores") + " unknown.")
        out += "<ul class=\"unplaced\">\n" + unplaced.prefix(Self.unplacedNamed).map { "<li>\($0.number). \(HTML.escape($0.text))</li>\n" }.joined()
        if unplaced.count > Self.unplacedNamed { out += "<li>… and \(TextLayout.grouped(unplaced.count - Self.unplacedNamed)) more (see the table)</li>\n" }
        return out + "</ul>\n"
    }

    /// "64 profiles: 60 assessed, 4 failed (their errors are on standard error)."
    private func counts(_ summary: BatchSummary) -> String {
        var text = "\(TextLayout.count(summary.records, "profile")): \(TextLayout.grouped(summary.assessed)) assessed"
        if summary.failed > 0 { text += ", \(TextLayout.grouped(summary.failed)) could not be read (cxm batch lists them on standard error)" }
        if summary.assessed > rows.count { text += "; the matrix and the table show the first \(TextLayout.grouped(rows.count))" }
        return text + ". A value marked * could change with missing answers."
    }

    /// The firms with more than one segment in the rows.
    private var firmsWithSegments: Set<String> {
        var segments: [String: Set<String>] = [:]
        for row in rows { if let firm = row.firm { segments[firm, default: []].insert(row.segment ?? "") } }
        return Set(segments.filter { $0.value.count > 1 }.keys)
    }

    /// The rows numbered from 1, segments of one firm together where the firm first appears.
    private func groupedRows() -> [(number: Int, row: BatchRow)] {
        var order: [String] = []
        var groups: [String: [BatchRow]] = [:]
        for (index, row) in rows.enumerated() {
            let key = row.firm ?? "\u{0}\(index)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.flatMap { groups[$0]! }.enumerated().map { ($0 + 1, $1) }
    }

    // MARK: Charts

    private func charts(_ summary: BatchSummary) -> String {
        zip(summary.tallies, histograms).map { tally, histogram in
            var bars: [(label: String, count: Int)]
            var title = tally.info.label ?? tally.info.name
            if let histogram {
                bars = histogram.bars
            } else {
                bars = zip(tally.categories, tally.counts).map { ($0.label, $1) }
                if tally.empty > 0 { bars.append(("none", tally.empty)) }
            }
            if case .list = tally.info.type { title += " (first in each ranking)" }
            if case .set = tally.info.type { title += " (rows with each)" }
            if tally.unknown > 0 { bars.append(("not known yet", tally.unknown)) }
            return HTMLBars(title: title, bars: bars, total: summary.assessed).render()
        }.joined()
    }

    // MARK: Table

    /// The table; `firms` are those with several segments, each named above its rows. Where the
    /// page is narrower than the table's columns (a tablet) but not narrow enough for the rows to
    /// stack, the table scrolls sideways on its own, not the page.
    private func table(_ ordered: [(number: Int, row: BatchRow)], firms: Set<String>) -> String {
        let headline = ruleBase.headlineSlots.map { ruleBase.values[$0] }
        var out = "<div class=\"wide\"><table class=\"rows\">\n<thead><tr><th class=\"n\">#</th><th>Firm or segment</th>"
            + headline.map { "<th>\(HTML.escape($0.label ?? $0.name))</th>" }.joined()
            + "<th class=\"n\">Recommendations</th><th class=\"n\">Warnings</th></tr></thead>\n<tbody>\n"
        var named: Set<String> = []
        for (number, row) in ordered {
            if let firm = row.firm, firms.contains(firm), named.insert(firm).inserted {
                out += "<tr class=\"firm\"><th colspan=\"\(headline.count + 4)\">\(HTML.escape(firm)): several segments</th></tr>\n"
            }
            out += "<tr><td class=\"n\">\(number)</td><th scope=\"row\">\(HTML.escape(row.id))</th>"
            for (index, info) in headline.enumerated() {
                let shown = row.values[index] == nil ? (row.open[index] == nil ? "unknown" : "not known yet") : ruleBase.display(row.values[index])
                out += "<td data-label=\"\(HTML.escape(info.label ?? info.name))\">\(HTML.escape(shown + (row.open[index] != nil ? " *" : "")))</td>"
            }
            out += "<td class=\"n\" data-label=\"Recommendations\">\(row.recommendations)</td><td class=\"n\" data-label=\"Warnings\">\(row.warnings)</td></tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }
}

/// A number's known values counted in equal bins over its range; values outside it count in
/// the first or last bin.
struct Histogram: Sendable {
    let range: ClosedRange<Double>
    private(set) var counts = Array(repeating: 0, count: BatchPage.bins)

    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        let width = (range.upperBound - range.lowerBound) / Double(counts.count)
        let index = width > 0 ? Int(((value - range.lowerBound) / width).rounded(.down)) : 0
        counts[min(max(index, 0), counts.count - 1)] += 1
    }

    /// Each bin with its bounds: "1 to 1.5", the last one closed.
    var bars: [(label: String, count: Int)] {
        let width = (range.upperBound - range.lowerBound) / Double(counts.count)
        return counts.indices.map { index in
            let low = range.lowerBound + Double(index) * width
            return ("\(formatNumber(low)) to \(index == counts.count - 1 ? "" : "under ")\(formatNumber(low + width))", counts[index])
        }
    }
}
