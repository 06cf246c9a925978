import CXMRules
import Foundation

/// Writes batch rows as they come, in one of four formats:
///
/// - `table`: an aligned text table for people, one line per profile within 80 columns (see
///   ``TableLayout``), under short titles (the values numbered) that a legend after it
///   explains; option labels as the rules word them, less the words that all the labels of
///   their type share (see ``ShortLabels``), lists by as many of their first three items as
///   fit; a value that missing answers could change marked `*`, an unknown one as the values
///   still possible ("Champion or Cherry Picker", "2–4") or `?`; then the legend and the
///   summary.
/// - `csv`: RFC 4180 with CRLF line ends, a header row of value names; options as their ids,
///   lists and sets as ids separated by `;`, unknown as an empty cell; then `missing_answers`
///   (the questions that could change the row's values, ids separated by `;`) and, for each
///   value, `NAME_candidates` (what it can still be where missing answers could change it:
///   option ids separated by `;`, or `LOW..HIGH`). Text that a spreadsheet would run as a
///   formula (starting with `=`, `+`, `-`, `@`) is prefixed with `'`.
/// - `jsonl`: one JSON object per row: `id`, each headline value by name (options as ids,
///   lists and sets as arrays of ids, unknown as `null`), `recommendations`, `warnings`,
///   `missingAnswers` (question ids), `candidates` (for each value missing answers could
///   change: option ids or truth values, `[low, high]` for a number, `{surely, perhaps}` for a
///   set or list).
/// - `json`: one document, `{schemaVersion, rows, summary, failures}`, with the rows as in
///   `jsonl`.
/// - `html`: one page, written whole at the end (see ``BatchPage``): rows give nothing here.
///
/// Numbers have at most two decimals in every format.
public struct BatchFormatter: Sendable {
    /// The version of the `json` format's schema; raised when a field changes meaning or
    /// disappears.
    public static let schemaVersion = 2

    /// An output format.
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, jsonl, json, html
    }

    public let format: Format
    let ruleBase: RuleBase
    let headline: [ValueInfo]
    /// The labels a table shows, for each option type of the headline values (only those: a
    /// table shows no other, and working them out for every type of the rule base cost each
    /// batch thread as much as a hundred rows).
    let shortLabels: [OptionTypeID: ShortLabels]
    let table: TableLayout
    /// The options' ids as bytes, for CSV rows.
    let csvTexts: CSVTexts

    /// - Parameter width: the width a table is laid out for.
    public init(format: Format, ruleBase: RuleBase, width: Int = TextLayout.columns) {
        self.format = format
        self.ruleBase = ruleBase
        headline = ruleBase.headlineSlots.map { ruleBase.values[$0] }
        var shortLabels: [OptionTypeID: ShortLabels] = [:]
        for info in headline {
            switch info.type {
            case .option(let type), .set(let type), .list(let type):
                if shortLabels[type] == nil { shortLabels[type] = ShortLabels(ruleBase.optionTypes[type].labels) }
            case .boolean, .number, .text: break
            }
        }
        self.shortLabels = shortLabels
        let countWidth = String(ruleBase.rules.count).count
        let columns = [TableLayout.Column(title: "Profile", alignRight: false, minimumWidth: 11, preferredWidth: 40, namesRows: true)]
            + headline.enumerated().map { BatchFormatter.column(for: $1, key: String($0 + 1)) { BatchFormatter.labels($0, shortLabels, ruleBase) } }
            + ["R", "W"].map { TableLayout.Column(title: $0, alignRight: true, minimumWidth: countWidth, preferredWidth: countWidth) }
        table = TableLayout(columns: columns, width: width)
        csvTexts = CSVTexts(ruleBase.optionTypes)
    }

    /// Whether the summary is part of the output (`table`, `json`) rather than for standard
    /// error (`csv` and `jsonl`, whose output holds rows only).
    public var summaryInOutput: Bool { format == .table || format == .json || format == .html }

    /// What comes before the rows (for a table, nothing: its titles come with the first row,
    /// so that a batch in which every record failed prints no empty table).
    public func header() -> String {
        switch format {
        case .table: return ""
        case .csv:
            let names = ["id"] + headline.map(\.name) + ["recommendations", "warnings", "missing_answers"] + headline.map { $0.name + "_candidates" }
            return names.map(csvField).joined(separator: ",") + "\r\n"
        case .jsonl, .html: return ""
        case .json: return "{\n  \"schemaVersion\" : \(BatchFormatter.schemaVersion),\n  \"rows\" : ["
        }
    }

    /// What separates the row with this index (from 0) from the ones before it: for a table,
    /// the titles before the first row.
    public func rowPrefix(_ index: Int) -> String {
        switch format {
        case .table: return index == 0 ? table.header() : ""
        case .csv, .jsonl, .html: return ""
        case .json: return index == 0 ? "\n    " : ",\n    "
        }
    }

    /// One row.
    public func row(_ row: BatchRow) -> String {
        switch format {
        case .table:
            let cells = row.values.indices.map { tableCell(row.values[$0], open: row.open[$0], column: $0) }
            return table.row([[row.id]] + cells + [[String(row.recommendations)], [String(row.warnings)]])
        case .csv:
            return String(decoding: rowBytes(row), as: UTF8.self)
        case .jsonl:
            return jsonObject(row) + "\n"
        case .json:
            return jsonObject(row)
        case .html:
            return ""
        }
    }

    /// One row as bytes: what ``row(_:)`` gives, made straight as bytes for CSV.
    public func rowBytes(_ row: BatchRow) -> [UInt8] {
        var bytes: [UInt8] = []
        appendRow(row, to: &bytes)
        return bytes
    }

    /// Appends one row's bytes (``rowBytes(_:)``) to `bytes`, such as a batch thread's.
    public func appendRow(_ row: BatchRow, to bytes: inout [UInt8]) {
        guard format == .csv else { return bytes.append(contentsOf: self.row(row).utf8) }
        ByteWriter.write(appendingTo: &bytes) { writeCSVRow(row, into: &$0) }
    }

    /// What comes after the rows: for a table, the summary; for JSON, the end of the rows, the
    /// summary and the failures; nothing for CSV and JSON Lines (see ``summaryText(_:)``).
    ///
    /// - Throws: ``JSONEncodingFailure`` if the JSON summary cannot be written (it has no
    ///   number that could make it so: a mean that overflows is written as `null`).
    public func footer(_ summary: BatchSummary) throws(JSONEncodingFailure) -> String {
        switch format {
        case .table:
            // When every record failed, there is no table to explain.
            guard summary.assessed > 0 else { return summaryText(summary) }
            return "\n" + legend(unknown: summary.tallies.contains { $0.unknown > 0 }, provisional: summary.provisional > 0) + "\n" + summaryText(summary)
        case .csv, .jsonl, .html: return ""
        case .json: return (summary.assessed > 0 ? "\n  ],\n" : "],\n") + (try summaryJSON(summary))
        }
    }

    // MARK: Table

    /// The column of a headline value, titled by its key.
    static func column(for info: ValueInfo, key: String, labels: (OptionTypeID) -> ShortLabels) -> TableLayout.Column {
        switch info.type {
        case .option(let type):
            // The longest label, and the mark of a value missing answers could change.
            let longest = (labels(type).labels.map(\.count).max() ?? 1) + 1
            return TableLayout.Column(title: key, alignRight: false, minimumWidth: longest, preferredWidth: longest)
        case .set(let type):
            return itemsColumn(key, labels(type).labels, most: .max)
        case .list(let type):
            return itemsColumn(key, labels(type).labels, most: BatchAssessor.listLength)
        case .boolean:
            return TableLayout.Column(title: key, alignRight: false, minimumWidth: 3, preferredWidth: 3)
        case .number:
            // Two decimals, and the mark of a value missing answers could change.
            let digits = info.range.map { range in
                [range.lowerBound, range.upperBound].map { formatNumber($0.rounded(.towardZero)).count }.max()! + 4
            } ?? 9
            return TableLayout.Column(title: key, alignRight: true, minimumWidth: digits, preferredWidth: digits)
        case .text:
            return TableLayout.Column(title: key, alignRight: false, minimumWidth: 8, preferredWidth: 24)
        }
    }

    /// The column of a list or set of options with these labels, holding at most `most` of them
    /// (and the mark of a value missing answers could change).
    static func itemsColumn(_ key: String, _ labels: [String], most: Int) -> TableLayout.Column {
        let longest = labels.sorted { $0.count > $1.count }.prefix(most)
        let least = (longest.first?.count ?? 1) + 1 + TableLayout.more(longest.count - 1).count
        return TableLayout.Column(title: key, alignRight: false, minimumWidth: least, preferredWidth: longest.joined(separator: ", ").count + 1)
    }

    /// The labels a table shows for the options of `type` (a headline value's, whose are worked
    /// out once; any other's each time).
    func labels(_ type: OptionTypeID) -> ShortLabels {
        BatchFormatter.labels(type, shortLabels, ruleBase)
    }

    private static func labels(_ type: OptionTypeID, _ shortLabels: [OptionTypeID: ShortLabels], _ ruleBase: RuleBase) -> ShortLabels {
        shortLabels[type] ?? ShortLabels(ruleBase.optionTypes[type].labels)
    }

    /// A value in a table cell: its items (labels of a list or set), or its one text; marked
    /// `*` where missing answers could change it (`open`), a mark that stays when the cell is
    /// cut; or, unknown, the values still possible.
    func tableCell(_ value: Value?, open: PossibleValue?, column: Int) -> TableLayout.Cell {
        guard let open else { return TableLayout.Cell(tableCell(value)) }
        guard value != nil else { return [candidates(open, column: column)] }
        return TableLayout.Cell(tableCell(value), mark: "*")
    }

    /// What an unknown value in a column can still be, in a few characters: one of two options
    /// ("Champion or Cherry Picker", by their short labels), a number's range ("2–4") where it
    /// fits the column, or `?`.
    func candidates(_ open: PossibleValue, column: Int) -> String {
        guard !open.canBeUnknown else { return "?" }
        switch open.known {
        case .options(let type, let mask)? where mask.nonzeroBitCount == 2:
            let labels = labels(type).labels
            return labels.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { labels[$0] }.joined(separator: " or ")
        case .numbers(let low, let high)?:
            let range = "\(formatNumber(low))–\(formatNumber(high))"
            let declared = headline[column].range
            let everything = declared.map { low <= $0.lowerBound && high >= $0.upperBound } ?? true
            return everything || range.count > table.widths[column + 1] ? "?" : range
        default:
            return "?"
        }
    }

    /// A value in a table cell: its items (labels of a list or set), or its one text.
    func tableCell(_ value: Value?) -> [String] {
        switch value {
        case nil: return ["?"]
        case .option(let type, let position)?: return [labels(type).labels[position]]
        case .list(let type, let positions)?:
            let labels = labels(type).labels
            return positions.isEmpty ? ["none"] : positions.map { labels[$0] }
        case .set(let type, let mask)?:
            let labels = labels(type).labels
            let members = labels.indices.filter { mask & (1 << UInt64($0)) != 0 }
            return members.isEmpty ? ["none"] : members.map { labels[$0] }
        case let value?: return [ruleBase.display(value)]
        }
    }

    /// What the table's titles and marks mean: each value by its key, with the words its labels
    /// leave out; the counts; then `*` (if missing answers could change a value), `?` and the
    /// values still possible (if any value is unknown), `…` and `+N`.
    func legend(unknown: Bool, provisional: Bool) -> String {
        var entries: [(key: String, text: String)] = headline.enumerated().map { index, info in
            var notes: [String] = []
            switch info.type {
            case .list(let type): notes = ["top \(BatchAssessor.listLength)"] + labels(type).leftOut
            case .option(let type), .set(let type): notes = labels(type).leftOut
            default: break
            }
            return (String(index + 1), (info.label ?? info.name) + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"))
        }
        entries += [("R", "recommendations that apply"), ("W", "warnings that apply")]
        if provisional { entries.append(("*", "\(ReportLedger.markMeaning) (--format csv names them)")) }
        if unknown {
            entries.append(("?", "unknown: answers it depends on are missing; \"A or B\" and \"2–4\" say what it can still be"))
        }
        entries.append(("…", "cut short to fit: --format csv has every value whole"))
        if headline.contains(where: { info in
            switch info.type {
            case .list, .set: true
            default: false
            }
        }) {
            entries.append(("+N", "N more items, not shown"))
        }
        let keyWidth = entries.map(\.key.count).max() ?? 1
        return entries.flatMap { key, text in
            TableLayout.wrap(text, width: table.width - keyWidth - 2).enumerated().map { index, line in
                (index == 0 ? key : "").padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0) + line + "\n"
            }
        }.joined()
    }

    // MARK: JSON

    func jsonObject(_ row: BatchRow) -> String {
        var members = ["\"id\":" + JSONText.string(row.id)]
        for (info, value) in zip(headline, row.values) {
            members.append(JSONText.string(info.name) + ":" + jsonValue(value))
        }
        members.append("\"recommendations\":\(row.recommendations)")
        members.append("\"warnings\":\(row.warnings)")
        members.append("\"missingAnswers\":[" + row.missingAnswers.map(JSONText.string).joined(separator: ",") + "]")
        let candidates = zip(headline, row.open).compactMap { info, open in open.map { JSONText.string(info.name) + ":" + jsonCandidates($0) } }
        members.append("\"candidates\":{" + candidates.joined(separator: ",") + "}")
        return "{" + members.joined(separator: ",") + "}"
    }

    /// What a value can still be, in JSON: option ids or truth values, `[low, high]` for a
    /// number (`null` where unbounded), `{surely, perhaps}` for a set or list; `null` joins a
    /// list of options where the value can stay unknown.
    func jsonCandidates(_ open: PossibleValue) -> String {
        func ids(_ type: OptionTypeID, _ mask: UInt64) -> [String] {
            ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { JSONText.string(ruleBase.optionTypes[type].options[$0]) }
        }
        let unknown = open.canBeUnknown ? ["null"] : []
        switch open.known {
        case .options(let type, let mask)?: return "[" + (ids(type, mask) + unknown).joined(separator: ",") + "]"
        case .booleans(let f, let t)?: return "[" + ((f ? ["false"] : []) + (t ? ["true"] : []) + unknown).joined(separator: ",") + "]"
        case .numbers(let low, let high)?: return "[\(low.isFinite ? formatNumber(low) : "null"),\(high.isFinite ? formatNumber(high) : "null")]"
        case .sets(let type, let surely, let perhaps)?, .lists(let type, _, let surely, let perhaps)?:
            return "{\"surely\":[" + ids(type, surely).joined(separator: ",") + "],\"perhaps\":[" + ids(type, perhaps & ~surely).joined(separator: ",") + "]}"
        case .text?, .anything?, nil: return "null"
        }
    }

    func jsonValue(_ value: Value?) -> String {
        switch value {
        case nil: return "null"
        case .boolean(let flag)?: return flag ? "true" : "false"
        case .number(let number)?: return number.isFinite ? formatNumber(number) : "null"
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
