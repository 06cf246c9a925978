import CXMRules
import Foundation

/// Writes batch rows as they come, in one of four formats:
///
/// - `table`: an aligned text table for people, laid out within 80 columns where the values
///   allow (see ``TableLayout``), option labels as the rules word them, unknown as `?`, lists
///   by their first three items; the summary after it.
/// - `csv`: RFC 4180 with CRLF line ends, a header row of value names; options as their ids,
///   lists and sets as ids separated by `;`, unknown as an empty cell. Text that a spreadsheet
///   would run as a formula (starting with `=`, `+`, `-`, `@`) is prefixed with `'`.
/// - `jsonl`: one JSON object per row: `id`, each headline value by name (options as ids,
///   lists and sets as arrays of ids, unknown as `null`), `recommendations`, `warnings`.
/// - `json`: one document, `{schemaVersion, rows, summary, failures}`, with the rows as in
///   `jsonl`.
///
/// Numbers have at most two decimals in every format.
public struct BatchFormatter: Sendable {
    /// The version of the `json` format's schema; raised when a field changes meaning or
    /// disappears.
    public static let schemaVersion = 1

    /// An output format.
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, jsonl, json
    }

    public let format: Format
    let ruleBase: RuleBase
    let headline: [ValueInfo]
    let table: TableLayout

    /// - Parameter width: the width a table is laid out for.
    public init(format: Format, ruleBase: RuleBase, width: Int = 80) {
        self.format = format
        self.ruleBase = ruleBase
        headline = ruleBase.headlineSlots.map { ruleBase.values[$0] }
        let countWidth = String(ruleBase.rules.count).count
        let columns = [TableLayout.Column(title: "Profile", alignRight: false, minimumWidth: 8, preferredWidth: 24)]
            + headline.map { BatchFormatter.column(for: $0, ruleBase: ruleBase) }
            + ["Recs", "Warnings"].map { TableLayout.Column(title: $0, alignRight: true, minimumWidth: countWidth, preferredWidth: countWidth) }
        table = TableLayout(columns: columns, width: width)
    }

    /// Whether the summary is part of the output (`table`, `json`) rather than for standard
    /// error (`csv` and `jsonl`, whose output holds rows only).
    public var summaryInOutput: Bool { format == .table || format == .json }

    /// What comes before the rows.
    public func header() -> String {
        switch format {
        case .table: return table.header()
        case .csv: return (["id"] + headline.map(\.name) + ["recommendations", "warnings"]).map(csvField).joined(separator: ",") + "\r\n"
        case .jsonl: return ""
        case .json: return "{\n  \"schemaVersion\" : \(BatchFormatter.schemaVersion),\n  \"rows\" : ["
        }
    }

    /// What separates the row with this index (from 0) from the ones before it.
    public func rowPrefix(_ index: Int) -> String {
        switch format {
        case .table: return table.rowPrefix(index)
        case .csv, .jsonl: return ""
        case .json: return index == 0 ? "\n    " : ",\n    "
        }
    }

    /// One row.
    public func row(_ row: BatchRow) -> String {
        switch format {
        case .table:
            return table.row([[row.id]] + row.values.map(tableCell) + [[String(row.recommendations)], [String(row.warnings)]])
        case .csv:
            let cells = [csvText(row.id)] + row.values.map(csvCell) + [String(row.recommendations), String(row.warnings)]
            return cells.map(csvField).joined(separator: ",") + "\r\n"
        case .jsonl:
            return jsonObject(row) + "\n"
        case .json:
            return jsonObject(row)
        }
    }

    /// What comes after the rows: for a table, the summary; for JSON, the end of the rows, the
    /// summary and the failures; nothing for CSV and JSON Lines (see ``summaryText(_:)``).
    public func footer(_ summary: BatchSummary) -> String {
        switch format {
        case .table:
            let unknown = summary.tallies.contains { $0.unknown > 0 } ? "; ? is unknown (answers it depends on are missing)" : ""
            let legend = "Recs and Warnings count each profile's recommendations and warnings\(unknown)."
            return "\n" + TableLayout.wrap(legend, width: table.width).map { $0 + "\n" }.joined() + "\n" + summaryText(summary)
        case .csv, .jsonl: return ""
        case .json: return (summary.assessed > 0 ? "\n  ],\n" : "],\n") + summaryJSON(summary)
        }
    }

    // MARK: Table

    static func column(for info: ValueInfo, ruleBase: RuleBase) -> TableLayout.Column {
        var title = info.label ?? info.name
        var right = false
        var multiline = false
        var texts: [String] = []
        switch info.type {
        case .option(let type):
            texts = ruleBase.optionTypes[type].labels
        case .set(let type):
            texts = ruleBase.optionTypes[type].labels
            multiline = true
        case .list(let type):
            texts = ruleBase.optionTypes[type].labels
            title += " (top \(BatchAssessor.listLength))"
            multiline = true
        case .boolean:
            texts = ["yes", "no"]
        case .number:
            right = true
            let digits = info.range.map { range in
                [range.lowerBound, range.upperBound].map { formatNumber($0.rounded(.towardZero)).count }.max()! + 3
            } ?? 8
            texts = [String(repeating: "0", count: digits)]
        case .text:
            return TableLayout.Column(title: title, alignRight: false, minimumWidth: 8, preferredWidth: 24)
        }
        let longestWord = texts.flatMap { $0.split(separator: " ") }.map(\.count).max() ?? 1
        return TableLayout.Column(title: title, alignRight: right, minimumWidth: longestWord,
                                  preferredWidth: texts.map(\.count).max() ?? 1, multiline: multiline)
    }

    /// A value in a table cell: its paragraphs, one per item of a list or set.
    func tableCell(_ value: Value?) -> [String] {
        let labels: [String]
        switch value {
        case nil: return ["?"]
        case .list(let type, let positions)?: labels = positions.map { ruleBase.optionTypes[type].labels[$0] }
        case .set(let type, let mask)?:
            labels = ruleBase.optionTypes[type].labels.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { ruleBase.optionTypes[type].labels[$0] }
        case let value?: return [ruleBase.display(value)]
        }
        return labels.isEmpty ? ["none"] : labels
    }

    // MARK: CSV

    func csvCell(_ value: Value?) -> String {
        switch value {
        case nil: return ""
        case .text(let text)?: return csvText(text)
        case .set(let type, let mask)?:
            return ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
                .map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ";")
        case .list(let type, let positions)?:
            return positions.map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ";")
        case let value?:
            return ruleBase.identifier(value)
        }
    }

    /// Free text, kept from being run as a spreadsheet formula.
    func csvText(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }

    /// A field, quoted when it holds a comma, a quote or a line break.
    func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    func jsonObject(_ row: BatchRow) -> String {
        var members = ["\"id\":" + JSONText.string(row.id)]
        for (info, value) in zip(headline, row.values) {
            members.append(JSONText.string(info.name) + ":" + jsonValue(value))
        }
        members.append("\"recommendations\":\(row.recommendations)")
        members.append("\"warnings\":\(row.warnings)")
        return "{" + members.joined(separator: ",") + "}"
    }

    func jsonValue(_ value: Value?) -> String {
        switch value {
        case nil: return "null"
        case .boolean(let flag)?: return flag ? "true" : "false"
        case .number(let number)?: return formatNumber(number)
        case .text(let text)?: return JSONText.string(text)
        case .option(let type, let position)?: return JSONText.string(ruleBase.optionTypes[type].options[position])
        case .set(let type, let mask)?:
            let ids = ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
            return "[" + ids.map { JSONText.string(ruleBase.optionTypes[type].options[$0]) }.joined(separator: ",") + "]"
        case .list(let type, let positions)?:
            return "[" + positions.map { JSONText.string(ruleBase.optionTypes[type].options[$0]) }.joined(separator: ",") + "]"
        }
    }
}
