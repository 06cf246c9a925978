import CXMRules
import Foundation

/// The columns of a CSV file of profiles, from its header row: question ids and the metadata
/// keys `id`, `name`, `segment` and `respondent`. Turns each row into a profile document for
/// ``ProfileReader``, with every answer's position in the row, so that messages point at the cell.
///
/// Cells hold what a profile's answers hold: an option's id or label (in any case), a scale
/// position, a number, yes/no or true/false; an empty cell is a missing answer. A multi-select
/// cell lists options separated by `;` or by `,` (an option whose label holds commas is still
/// read whole), or says `none` when no option was chosen; one that ends with `?` lists the options
/// known to apply, the others unknown (a partial answer: "nps; qualitative; ?").
///
/// A class: every record of a file carries its columns, and the threads that read the records
/// then share one reference count rather than one per array.
public final class CSVColumns: Sendable {
    /// The column names, trimmed.
    public let names: [String]
    /// For each column, the options of a multi-select question, whose cells list options, and
    /// their ``OptionType/listingSpan``.
    let setTypes: [(type: OptionType, span: Int)?]
    /// The reader of rows straight from their bytes, unless a column needs the full reader.
    let fastPath: ProfileCells?

    /// Reads the header row. Every column must name a question, a metadata key or one of
    /// `allowing`, once: a misspelt column would silently lose its answers.
    public init(header: CSVReader.Record, file: SourceFile, ruleBase: RuleBase, allowing: Set<String>) throws(BatchInputError) {
        names = header.fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
        var diagnostics: [Diagnostic] = []
        if let problem = header.problem {
            diagnostics.append(problem.diagnostic)
        }
        var members: [(key: LocatedValue<String>, value: LocatedValue<JSON>)] = []
        for (index, (name, field)) in zip(names, header.fields).enumerated() {
            let range = SourceRange(file: 0, start: field.range.lowerBound, end: field.range.upperBound)
            if name.isEmpty {
                diagnostics.append(Diagnostic(BatchDiagnostic.unnamedColumn(index + 1), at: range))
            } else {
                members.append((LocatedValue(value: name, range: range), LocatedValue(value: .null, range: range)))
            }
        }
        // The profile reader knows what a key may be: it names unknown questions with "did you
        // mean", values the rules derive, and keys given twice.
        let document = LocatedValue<JSON>(value: .object(members), range: SourceRange(file: 0, start: 0, end: header.text.count))
        diagnostics += ProfileReader(ruleBase: ruleBase).read(document, allowing: allowing).1
        let errors = diagnostics.filter { $0.severity == .error }.sorted { ($0.range?.start ?? 0) < ($1.range?.start ?? 0) }
        guard errors.isEmpty else {
            let count = errors.count == 1 ? "a problem" : errors.count > RuleBase.diagnosticsPerFile ? "more than \(RuleBase.diagnosticsPerFile) problems" : "\(errors.count) problems"
            throw BatchInputError(.unusable, "the header row of \(file.path) has \(count); fix it and try again (a misspelt column would lose its answers)",
                                  diagnostics: errors, files: [file])
        }
        setTypes = names.map { name in
            guard let slot = ruleBase.question(named: name)?.slot, case .set(let type) = ruleBase.values[slot].type else { return nil }
            return (ruleBase.optionTypes[type], ruleBase.optionTypes[type].listingSpan)
        }
        fastPath = ProfileCells(columns: names, ruleBase: ruleBase, allowing: allowing)
    }

    /// What a row holds for the profile reader: the row under these columns, or why it cannot
    /// be read (a quoting problem, a field that is not UTF-8, the wrong number of fields).
    func content(of record: CSVReader.Record) -> BatchRecord.Content {
        if let problem = record.problem {
            return .unreadable(problem.diagnostic)
        }
        let expected = names.count
        let found = record.fieldRanges.count
        guard found == expected else {
            let (start, end) = found > expected ? (record.fieldRanges[expected].lowerBound, record.text.count) : (record.text.count, record.text.count)
            return .unreadable(Diagnostic(BatchDiagnostic.fieldCount(found: found, columns: expected), at: SourceRange(file: 0, start: start, end: end)))
        }
        return .csv(record, self)
    }

    /// A row as a profile document: a JSON object of the columns' names and the cells, each at
    /// its range in the row's text (`file` 0).
    func document(_ fields: [CSVReader.Field], length: Int) -> LocatedValue<JSON> {
        var members: [(key: LocatedValue<String>, value: LocatedValue<JSON>)] = []
        for (column, field) in zip(names.indices, fields) {
            let range = SourceRange(file: 0, start: field.range.lowerBound, end: field.range.upperBound)
            let text = field.value.trimmingCharacters(in: .whitespaces)
            let value: JSON
            if text.isEmpty {
                value = .null
            } else if let (type, span) = setTypes[column], let known = PartialSet.knownPart(of: text) {
                let items = LocatedValue<JSON>(value: .array(CSVColumns.locate(type.listed(in: known, span: span), in: field)), range: range)
                value = .object([(LocatedValue(value: ProfileReader.partialKeys.includes, range: range), items)])
            } else if let (type, span) = setTypes[column] {
                let options = text.lowercased() == "none" && type.position(of: text) == nil ? [] : type.listed(in: text, span: span)
                value = .array(CSVColumns.locate(options, in: field))
            } else {
                value = .string(text)
            }
            members.append((LocatedValue(value: names[column], range: range), LocatedValue(value: value, range: range)))
        }
        return LocatedValue(value: .object(members), range: SourceRange(file: 0, start: 0, end: length))
    }

    /// The options listed in a multi-select cell, each at its own range in the row (found in
    /// order in the cell's text), so that a message about one of them points at it rather than
    /// at the whole cell; at the cell's range where the text cannot be mapped so (a quoted cell
    /// with doubled quotes).
    static func locate(_ items: [String], in field: CSVReader.Field) -> [LocatedValue<JSON>] {
        let cell = SourceRange(file: 0, start: field.range.lowerBound, end: field.range.upperBound)
        let bytes = field.value.utf8.count
        // The text starts after the opening quote of a quoted cell.
        let start: Int
        switch field.range.count {
        case bytes: start = field.range.lowerBound
        case bytes + 2: start = field.range.lowerBound + 1
        default: return items.map { LocatedValue(value: .string($0), range: cell) }
        }
        var cursor = field.value.startIndex
        return items.map { item in
            guard let found = field.value.range(of: item, range: cursor..<field.value.endIndex) else {
                return LocatedValue(value: .string(item), range: cell)
            }
            cursor = found.upperBound
            let offset = start + field.value.utf8.distance(from: field.value.startIndex, to: found.lowerBound)
            return LocatedValue(value: .string(item), range: SourceRange(file: 0, start: offset, end: offset + item.utf8.count))
        }
    }
}
