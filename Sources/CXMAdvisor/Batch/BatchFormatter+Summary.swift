import CXMRules

extension BatchFormatter {
    /// The summary as text: the counts of records, then for each headline value the
    /// distribution of its options (with shares of the assessed rows) or the mean of its numbers.
    public func summaryText(_ summary: BatchSummary) -> String {
        let grouped = TextLayout.grouped
        var out = "\(TextLayout.count(summary.records, "profile")): \(grouped(summary.assessed)) assessed, \(grouped(summary.failed)) failed\n"
        guard summary.assessed > 0 else { return out }
        for tally in summary.tallies {
            out += "\n" + (tally.info.label ?? tally.info.name)
            if case .list = tally.info.type { out += " (first in each ranking)" }
            if case .set = tally.info.type { out += " (rows with each)" }
            out += "\n"
            var lines = zip(tally.categories, tally.counts).map { ($0.label, $1) }
            if tally.empty > 0 { lines.append(("none", tally.empty)) }
            if tally.unknown > 0 { lines.append(("unknown", tally.unknown)) }
            if case .number = tally.info.type {
                let unknown = tally.unknown > 0 ? "\(grouped(tally.unknown)) unknown" : nil
                if let mean = tally.mean {
                    let counts = [TextLayout.count(tally.known, "known value"), unknown].compactMap { $0 }
                    out += "  mean \(formatNumber(mean)) (\(counts.joined(separator: ", ")))\n"
                } else {
                    out += "  no known values" + (unknown.map { " (\($0))" } ?? "") + "\n"
                }
                continue
            }
            if tally.categories.isEmpty {
                out += "  \(grouped(tally.known)) known, \(grouped(tally.unknown)) unknown\n"
                continue
            }
            let labelWidth = lines.map(\.0.count).max() ?? 0
            let countWidth = lines.map { grouped($0.1).count }.max() ?? 0
            for (label, count) in lines {
                let share = summary.assessed > 0 ? Int((Double(count) * 100 / Double(summary.assessed)).rounded()) : 0
                out += "  " + label + String(repeating: " ", count: labelWidth - label.count + 2)
                out += String(repeating: " ", count: countWidth - grouped(count).count) + grouped(count)
                out += String(repeating: " ", count: 5 - String(share).count) + "\(share)%\n"
            }
        }
        return out
    }

    /// The end of the JSON document: the summary and the failures, then the closing brace.
    func summaryJSON(_ summary: BatchSummary) throws(JSONEncodingFailure) -> String {
        let tail = Tail(
            summary: .init(records: summary.records, assessed: summary.assessed, failed: summary.failed,
                           values: summary.tallies.map(Tail.Value.init)),
            failures: summary.failures.map(Tail.Failure.init),
            failuresNotListed: summary.failed > summary.failures.count ? summary.failed - summary.failures.count : nil)
        // The encoded tail is an object; its members continue the document, whose "{" is written.
        return String(try JSONText.encode(tail).dropFirst(2))
    }
}

/// The JSON document's summary and failures.
private struct Tail: Encodable {
    var summary: Summary
    var failures: [Failure]
    /// Failures beyond the first ``BatchSummary/keptFailures``, counted but not listed.
    var failuresNotListed: Int?

    struct Summary: Encodable {
        var records: Int
        var assessed: Int
        var failed: Int
        var values: [Value]
    }

    struct Value: Encodable {
        var name: String
        var label: String?
        /// What a list or set counts: "first" (the first of each ranking) or "each" (every member).
        var counted: String?
        var counts: [Count]?
        /// Known lists and sets with no items.
        var empty: Int?
        var mean: Double?
        var known: Int
        var unknown: Int

        init(_ tally: BatchSummary.Tally) {
            name = tally.info.name
            label = tally.info.label
            if case .list = tally.info.type { counted = "first" }
            if case .set = tally.info.type { counted = "each" }
            if !tally.categories.isEmpty {
                counts = zip(tally.categories, tally.counts).map { Count(value: $0.id, label: $0.label, count: $1) }
            }
            switch tally.info.type {
            case .list, .set: empty = tally.empty
            default: break
            }
            // A mean that overflowed is no number that JSON can hold.
            mean = tally.mean.map { ($0 * 100).rounded() / 100 }.flatMap { $0.isFinite ? $0 : nil }
            known = tally.known
            unknown = tally.unknown
        }
    }

    struct Count: Encodable {
        var value: String
        var label: String
        var count: Int
    }

    struct Failure: Encodable {
        var file: String
        var line: Int
        var errors: [Error]

        init(_ failure: BatchFailure) {
            file = failure.source.path
            line = failure.line
            let locations = failure.source.locations(of: failure.diagnostics.compactMap { $0.range?.start })
            errors = failure.diagnostics.map { diagnostic in
                let location = diagnostic.range.flatMap { locations[failure.source.clamped($0.start)] }
                return Error(line: location?.line, column: location?.column, message: diagnostic.message)
            }
        }
    }

    struct Error: Encodable {
        var line: Int?
        var column: Int?
        var message: String
    }
}
