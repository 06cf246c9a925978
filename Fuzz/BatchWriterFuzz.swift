// libFuzzer target for the CSV and JSON writers of `cxm batch` (BatchFormatter): every input
// is the id of a row (the profile's id or name, or a file name: text from outside), and picks
// its headline values and counts from the bundled rules.
//
// Compiled by Fuzz/run with the other targets and the sources of CXMRules and CXMAdvisor into one
// module, the fuzz executable (so there is no `import`; see Fuzz/FuzzMain.swift). See Fuzz/run
// for how to reproduce a crash.
//
// What cxm writes, a standard reader must read back to the same fields (a failed invariant is a
// `fatalError`, which libFuzzer reports as a crash):
//   1. CSV, read by a plain RFC 4180 reader: a header row and one row of as many fields, the id
//      as `csvText` makes it (no control characters, a formula prefixed with '), the values and
//      what each can still be as strings made the way the writer made them before it wrote bytes
//      (`fuzzCSVCell`, `fuzzCSVCandidates`), the counts and the missing answers;
//   2. JSON Lines and the JSON document, read by Foundation's JSONSerialization: the same id, the
//      values as ids, arrays of ids, numbers (rounded to two decimals) or null, the counts; and
//      no control character unescaped.

import Foundation

/// The headline values of the bundled rules, the values each can take, and the formatters.
private let fuzzHeadline = fuzzAdvisor.ruleBase.headlineSlots.map { fuzzAdvisor.ruleBase.values[$0] }
private let fuzzFormatters = BatchFormatter.Format.allCases.map { BatchFormatter(format: $0, ruleBase: fuzzAdvisor.ruleBase) }

/// Checks the rules before fuzzing (see Fuzz/FuzzMain.swift).
func batchWriterFuzzSetUp() {
    _ = fuzzFormatters
}

/// Runs one input (the target's entry in `fuzzTargets`, Fuzz/FuzzMain.swift).
func fuzzBatchWriter(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = Array(input)
    // The first bytes pick the values; the rest is the id.
    let picks = Array(bytes.prefix(fuzzHeadline.count + 2))
    let id = String(decoding: bytes.dropFirst(picks.count), as: UTF8.self)
    let values = fuzzHeadline.enumerated().map { index, info in fuzzValue(info.type, index < picks.count ? picks[index] : 0) }
    let row = BatchRow(id: id, values: values, recommendations: Int(picks.count > fuzzHeadline.count ? picks[fuzzHeadline.count] : 0),
                       warnings: Int(picks.last ?? 0))
    fuzzCheckCSV(row)
    fuzzCheckJSON(row)
}

/// A value of a type, picked by a byte: unknown, or one the type can take (numbers include
/// the infinite and NaN, which no writer may write as such).
private func fuzzValue(_ type: ValueType, _ pick: UInt8) -> Value? {
    guard pick % 7 != 0 else { return nil }
    let optionTypes = fuzzAdvisor.ruleBase.optionTypes
    switch type {
    case .boolean: return .boolean(pick & 1 == 0)
    case .number: return .number([Double.infinity, -.infinity, .nan, 0.005, -1.235, 1e300, 3][Int(pick) % 7])
    case .text: return .text(String(repeating: "=,\"\u{301}\n", count: Int(pick % 3)))
    case .option(let index): return .option(type: index, position: Int(pick) % optionTypes[index].options.count)
    case .set(let index): return .set(type: index, mask: UInt64(pick) & ((1 << UInt64(optionTypes[index].options.count)) - 1))
    case .list(let index):
        let count = optionTypes[index].options.count
        return .list(type: index, positions: Array((0..<count).filter { pick & (1 << UInt8($0 % 8)) != 0 }.prefix(BatchAssessor.listLength)))
    }
}

/// A value's CSV cell (unquoted) as the writer made it from strings before it wrote bytes: the
/// reference the bytes are read back against.
private func fuzzCSVCell(_ value: Value?, _ formatter: BatchFormatter) -> String {
    let ruleBase = fuzzAdvisor.ruleBase
    switch value {
    case nil: return ""
    case .number(let number)? where !number.isFinite: return ""
    case .text(let text)?: return formatter.csvText(text)
    case .set(let type, let mask)?: return formatter.csvIDs(type, mask)
    case .list(let type, let positions)?: return positions.map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ";")
    case let value?: return ruleBase.identifier(value)
    }
}

/// What a value can still be, as the writer made it from strings before it wrote bytes.
private func fuzzCSVCandidates(_ open: PossibleValue, _ formatter: BatchFormatter) -> String {
    var items: [String]
    switch open.known {
    case .options(let type, let mask)?, .sets(let type, _, let mask)?, .lists(let type, _, _, let mask)?:
        return formatter.csvIDs(type, mask) + (open.canBeUnknown ? (mask == 0 ? "unknown" : ";unknown") : "")
    case .booleans(let f, let t)?: items = (f ? ["false"] : []) + (t ? ["true"] : [])
    case .numbers(let low, let high)?: items = ["\(low.isFinite ? formatNumber(low) : "")..\(high.isFinite ? formatNumber(high) : "")"]
    case .text?, .anything?, nil: items = []
    }
    if open.canBeUnknown { items.append("unknown") }
    return items.joined(separator: ";")
}

private func fuzzCheckCSV(_ row: BatchRow) {
    let formatter = fuzzFormatters[BatchFormatter.Format.allCases.firstIndex(of: .csv)!]
    let text = formatter.header() + formatter.row(row)
    let records = fuzzRFC4180(text)
    var expected = [formatter.csvText(row.id)]
    expected += row.values.map { fuzzCSVCell($0, formatter) }
    expected += [String(row.recommendations), String(row.warnings), row.missingAnswers.joined(separator: ";")]
    expected += row.open.map { open in open.map { fuzzCSVCandidates($0, formatter) } ?? "" }
    guard records.count == 2, records[0].count == expected.count, records[1] == expected else {
        fatalError("BatchWriterFuzz: CSV \(text.debugDescription) reads back as \(records), not \(expected)")
    }
    guard !records[1].contains(where: { fuzzHasControls($0) }), !fuzzHasControls(text, lineEnds: true) else {
        fatalError("BatchWriterFuzz: CSV with a control character: \(text.debugDescription)")
    }
    if let first = records[1][0].unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
        fatalError("BatchWriterFuzz: CSV cell that a spreadsheet runs as a formula: \(records[1][0].debugDescription)")
    }
}

private func fuzzCheckJSON(_ row: BatchRow) {
    let lines = fuzzFormatters[BatchFormatter.Format.allCases.firstIndex(of: .jsonl)!]
    let json = fuzzFormatters[BatchFormatter.Format.allCases.firstIndex(of: .json)!]
    var summary = BatchSummary(ruleBase: fuzzAdvisor.ruleBase)
    summary.add(.row(row))
    let line = lines.row(row)
    let document: String
    do {
        document = json.header() + json.rowPrefix(0) + json.row(row) + (try json.footer(summary))
    } catch {
        fatalError("BatchWriterFuzz: the JSON document cannot be written: \(error.message)")
    }
    for text in [String(line.dropLast()), document] {
        guard !fuzzHasControls(text) else { fatalError("BatchWriterFuzz: an unescaped control character in \(text.debugDescription)") }
    }
    guard line.hasSuffix("\n"), !line.dropLast().contains("\n"),
          let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let whole = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
          let rows = whole["rows"] as? [[String: Any]], rows.count == 1 else {
        fatalError("BatchWriterFuzz: JSON that Foundation does not read: \(line.debugDescription)")
    }
    for read in [object, rows[0]] {
        guard read["id"] as? String == row.id, read["recommendations"] as? Int == row.recommendations, read["warnings"] as? Int == row.warnings else {
            fatalError("BatchWriterFuzz: \(line.debugDescription) reads back as \(read)")
        }
        for (info, value) in zip(fuzzHeadline, row.values) where !fuzzSame(read[info.name], value) {
            fatalError("BatchWriterFuzz: \(info.name) = \(String(describing: value)) reads back as \(String(describing: read[info.name]))")
        }
    }
}

/// Whether what JSONSerialization read is the value as the writers write it.
private func fuzzSame(_ read: Any?, _ value: Value?) -> Bool {
    let options = fuzzAdvisor.ruleBase.optionTypes
    switch value {
    case nil: return read is NSNull
    case .number(let number)?:
        guard number.isFinite else { return read is NSNull }
        return (read as? NSNumber)?.doubleValue == Double(formatNumber(number))
    case .boolean(let flag)?: return read as? Bool == flag
    case .text(let text)?: return read as? String == text
    case .option(let type, let position)?: return read as? String == options[type].options[position]
    case .set(let type, let mask)?:
        return read as? [String] == options[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { options[type].options[$0] }
    case .list(let type, let positions)?: return read as? [String] == positions.map { options[type].options[$0] }
    }
}

/// A plain RFC 4180 reader, on Unicode scalars as CSV is bytes: fields separated by commas,
/// records ended by CRLF, quoted fields with quotes doubled.
private func fuzzRFC4180(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
        if quoted {
            if scalar == "\"" {
                if scalars.first == "\"" { field.append(scalars.removeFirst()) } else { quoted = false }
            } else {
                field.append(scalar)
            }
        } else if scalar == "\"" && field.isEmpty {
            quoted = true
        } else if scalar == "," {
            record.append(String(field))
            field = String.UnicodeScalarView()
        } else if scalar == "\r" && scalars.first == "\n" {
            scalars.removeFirst()
            records.append(record + [String(field)])
            record = []
            field = String.UnicodeScalarView()
        } else {
            field.append(scalar)
        }
    }
    if !field.isEmpty || !record.isEmpty { records.append(record + [String(field)]) }
    return records
}
