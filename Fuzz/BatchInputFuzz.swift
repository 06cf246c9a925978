// libFuzzer target for the batch input readers of `cxm batch`: ChunkedReader (from memory),
// CSVReader, LineReader, the record limit, the CSV header → columns → profile conversion, the
// JSON Lines records and BatchAssessor, evaluating every profile that reads.
//
// Compiled by Fuzz/run with the other targets and the sources of CXMRules and CXMAdvisor into one
// module, the fuzz executable (so there is no `import`; see Fuzz/FuzzMain.swift). See Fuzz/run
// for how to reproduce a crash.
//
// Each input is read, all of it, in chunks of several sizes and with a small and the default
// record limit; every way of reading it must give the same records, account for every byte and
// number the lines in order (a failed invariant is a `fatalError`, which libFuzzer reports as a
// crash):
//   1. as CSV, record by record (and with commas and semicolons swapped, which must swap the
//      separator and nothing else), then as a CSV file of profiles: its header row as columns of
//      the bundled rules (or, when it is not a usable header, under `fuzzCSVHeader`), each row
//      as a profile, assessed and evaluated;
//   2. as JSON Lines: line by line, then each line read as a profile, assessed and evaluated.

import Foundation

/// The bundled rule base, and how `cxm batch` assesses records against it (allowing the keys of
/// scenario files).
private let fuzzAssessor = BatchAssessor(advisor: fuzzAdvisor, allowing: Scenario.keys)

/// A header row for inputs whose own first row is not a usable header, so that their rows are
/// read as profiles too: `id`, `segment` and the first question of each type in the rules.
private let fuzzCSVHeader: [UInt8] = {
    var names = ["id", "segment"]
    var kinds: Set<String> = []
    for question in fuzzAssessor.advisor.ruleBase.questions {
        let kind = switch question.type {
        case .boolean: "boolean"
        case .number: "number"
        case .text: "text"
        case .option: "option"
        case .set: "set"
        case .list: "list"
        }
        if kinds.insert(kind).inserted { names.append(question.name) }
    }
    return Array((names.joined(separator: ",") + "\n").utf8)
}()

/// Checks the rules and the fallback header before fuzzing (see Fuzz/FuzzMain.swift).
func batchInputFuzzSetUp() {
    var reader = CSVReader(ChunkedReader(bytes: fuzzCSVHeader, chunkSize: fuzzCSVHeader.count))
    do throws(BatchInputError) {
        guard let header = try reader.next() else { fuzzSetupFailure("the fallback header has no record") }
        _ = try CSVColumns(header: header, file: SourceFile(path: "header", bytes: header.text), ruleBase: fuzzAssessor.advisor.ruleBase,
                           allowing: fuzzAssessor.allowing)
    } catch {
        fuzzSetupFailure("the fallback header \(String(decoding: fuzzCSVHeader, as: UTF8.self)) is unusable: \(error.message)")
    }
}

/// The chunk sizes every input is read in: tiny ones put chunk boundaries everywhere (in a CRLF,
/// a byte order mark, a doubled quote); the last is the size `cxm batch` reads files in.
private let fuzzChunkSizes = [1, 2, 7, 65_536]
/// The chunk sizes the records of a file are read in: its header is checked against the rules
/// each time, which takes longer than reading.
private let fuzzFileChunkSizes = [1, 65_536]
/// A record limit small enough for fuzzed inputs to exceed it (and less than the 240 bytes kept of
/// a record that is too long, so that the preview is cut by the limit).
private let fuzzSmallLimit = 16

/// Runs one input (the target's entry in `fuzzTargets`, Fuzz/FuzzMain.swift).
func fuzzBatchInput(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = Array(input)
    fuzzCSV(bytes)
    fuzzJSONLines(bytes)
}

/// Stops with a message naming the invariant that failed.
private func fuzzFailure(_ message: String) -> Never {
    fatalError("BatchInputFuzz: \(message)")
}

private let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
private let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\""),
            comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")

/// Where the text after the byte order mark starts.
private func textStart(_ bytes: [UInt8]) -> Int {
    bytes.starts(with: utf8BOM) ? 3 : 0
}

/// Checks that `texts`, each followed by LF or CRLF (the last one may end the input instead, or,
/// if `endCR`, a CR that ends it), are the whole of `bytes` after its byte order mark.
private func checkCovers(_ bytes: [UInt8], _ texts: [[UInt8]], _ what: String, endCR: Bool) {
    var cursor = textStart(bytes)
    for (index, text) in texts.enumerated() {
        guard bytes[cursor...].starts(with: text) else { fuzzFailure("\(what) \(index + 1) is not the input's next bytes (at byte \(cursor))") }
        cursor += text.count
        if bytes[cursor...].starts(with: [cr, lf]) {
            cursor += 2
        } else if endCR, cursor == bytes.count - 1, bytes[cursor] == cr {
            cursor += 1
        } else if cursor < bytes.count {
            guard bytes[cursor] == lf else { fuzzFailure("\(what) \(index + 1) is followed by byte \(bytes[cursor]), not a line break") }
            cursor += 1
        } else if index != texts.count - 1 {
            fuzzFailure("\(what) \(index + 1) ends the input, but more follow")
        }
    }
    if cursor != bytes.count { fuzzFailure("bytes \(cursor)..<\(bytes.count) were neither read nor reported as \(what)s") }
}

// MARK: - CSV

/// A CSV record, comparable.
private struct CSVRecordSnapshot: Equatable {
    let line: Int
    let text: [UInt8]
    let fields: [CSVReader.Field]
    let problem: CSVReader.Problem?

    /// A record that is too long has no fields; any other has at least one.
    var isTooLong: Bool { fields.isEmpty }
}

extension CSVRecordSnapshot {
    init(_ record: CSVReader.Record) {
        self.init(line: record.line, text: record.text, fields: record.fields, problem: record.problem)
    }
}

/// Every item that `next` returns before `nil`, checking that the end stays the end. Reading
/// from memory cannot fail.
private func readAll<Item>(_ what: String, _ next: () throws(BatchInputError) -> Item?) -> [Item] {
    var items: [Item] = []
    do throws(BatchInputError) {
        while let item = try next() { items.append(item) }
        if try next() != nil { fuzzFailure("\(what) returned more after the end") }
    } catch {
        fuzzFailure("\(what) threw reading memory: \(error.message)")
    }
    return items
}

/// Every record of `bytes` read as CSV, and the separator the reader settled on.
private func csvRecords(_ bytes: [UInt8], chunkSize: Int, limit: Int) -> (records: [CSVRecordSnapshot], separator: UInt8) {
    var reader = CSVReader(ChunkedReader(bytes: bytes, chunkSize: chunkSize), maximumLength: limit)
    let records = readAll("CSVReader") { () throws(BatchInputError) in try reader.next().map(CSVRecordSnapshot.init) }
    return (records, reader.separator)
}

private func fuzzCSV(_ bytes: [UInt8]) {
    var byLimit: [Int: (records: [CSVRecordSnapshot], separator: UInt8)] = [:]
    for limit in [fuzzSmallLimit, RecordLimit.maximumLength] {
        let read = csvRecords(bytes, chunkSize: fuzzChunkSizes.last!, limit: limit)
        for chunkSize in fuzzChunkSizes.dropLast() {
            let chunked = csvRecords(bytes, chunkSize: chunkSize, limit: limit)
            if chunked.separator != read.separator { fuzzFailure("CSV: chunks of \(chunkSize) bytes change the separator (limit \(limit))") }
            if chunked.records != read.records { fuzzFailure("CSV: chunks of \(chunkSize) bytes change the records (limit \(limit))") }
        }
        checkCSVRecords(read.records, separator: read.separator, limit: limit)
        byLimit[limit] = read
    }
    let whole = byLimit[RecordLimit.maximumLength]!
    if bytes.count <= RecordLimit.maximumLength {
        if whole.records.contains(where: \.isTooLong) { fuzzFailure("CSV: a record is too long in a shorter input") }
        checkCovers(bytes, whole.records.map(\.text), "CSV record", endCR: true)
        for record in whole.records where record.problem == nil { checkFieldValues(record) }
    }
    checkLimited(byLimit[fuzzSmallLimit]!, whole)
    checkSeparatorSwap(bytes, whole)

    // As a CSV file of profiles: a record for each row after the header, but blank ones and
    // comment rows (a first field starting with '#'); if the header is not usable, the input
    // again under `fuzzCSVHeader`.
    let rows = whole.records.filter { !$0.text.isEmpty }.dropFirst()
        .filter { $0.fields.first?.value.hasPrefix("#") != true }.map(\.line)
    if !fuzzCSVFile(bytes, rows: rows) { _ = fuzzCSVFile(fuzzCSVHeader + bytes, rows: nil) }
}

/// Line numbers, field ranges and the record limit, record by record.
private func checkCSVRecords(_ records: [CSVRecordSnapshot], separator: UInt8, limit: Int) {
    if let first = records.first, first.line != 1 { fuzzFailure("CSV: the first record is on line \(first.line)") }
    if let first = records.first, !first.isTooLong, separator == comma,
       first.text.contains(semicolon), !first.text.contains(comma) {
        fuzzFailure("CSV: a first record with semicolons but no commas leaves the comma as the separator")
    }
    for (index, record) in records.enumerated() {
        // The line the record's last byte is on; the next record starts on the line after.
        let lastLine: Int
        if record.isTooLong {
            guard let problem = record.problem, problem.offset == 0, problem.message.contains(" long, more than the ") else {
                fuzzFailure("CSV: record \(index + 1) has no fields but does not say it is too long")
            }
            if record.text.count != RecordLimit.previewLength(limit) { fuzzFailure("CSV: a record that is too long keeps \(record.text.count) bytes") }
            lastLine = linesSpanned(problem.message)?.upperBound ?? record.line
            if lastLine < record.line { fuzzFailure("CSV: record \(index + 1) ends on line \(lastLine), before it starts") }
        } else {
            if record.text.count > limit { fuzzFailure("CSV: record \(index + 1) is longer than the limit but not cut") }
            lastLine = record.line + record.text.count { $0 == lf }
            if let problem = record.problem, !(0..<record.text.count).contains(problem.offset) {
                fuzzFailure("CSV: the problem of record \(index + 1) is at \(problem.offset), outside its \(record.text.count) bytes")
            }
            var expected = 0
            for (position, field) in record.fields.enumerated() {
                if position > 0 {
                    guard field.range.lowerBound > 0, record.text[field.range.lowerBound - 1] == separator else {
                        fuzzFailure("CSV: field \(position + 1) of record \(index + 1) does not follow a separator")
                    }
                }
                if field.range.lowerBound != expected || field.range.upperBound > record.text.count {
                    fuzzFailure("CSV: field \(position + 1) of record \(index + 1) is at \(field.range), not from \(expected) within the record")
                }
                expected = field.range.upperBound + 1
            }
            if record.fields.last?.range.upperBound != record.text.count { fuzzFailure("CSV: the last field of record \(index + 1) ends before the record") }
        }
        if index + 1 < records.count, records[index + 1].line != lastLine + 1 {
            fuzzFailure("CSV: record \(index + 2) starts on line \(records[index + 1].line), but record \(index + 1) ends on line \(lastLine)")
        }
    }
}

/// The lines named in a message "the record on lines 5 to 7 is ...", if it names them.
private func linesSpanned(_ message: String) -> ClosedRange<Int>? {
    guard let range = message.range(of: "on lines ") else { return nil }
    let numbers = message[range.upperBound...].split(separator: " ", maxSplits: 3).map { $0.filter(\.isNumber) }
    guard numbers.count >= 3, numbers[1].isEmpty, let low = Int(numbers[0]), let high = Int(numbers[2]), low <= high else {
        fuzzFailure("CSV: cannot read the lines in \"\(message)\"")
    }
    return low...high
}

/// A field's value, read again from the record's text: quotes removed and `""` read as `"` in a
/// quoted field, the text as it is in any other.
private func checkFieldValues(_ record: CSVRecordSnapshot) {
    for field in record.fields {
        let raw = Array(record.text[field.range])
        var expected = raw
        if raw.first == quote {
            // A quoted field (the record has no problem, so it closes), then any CRs.
            var body = Array(raw.dropFirst())
            while body.last == cr { body.removeLast() }
            guard body.last == quote else { fuzzFailure("CSV: a quoted field \(raw) does not end with a quote") }
            body.removeLast()
            expected = []
            var index = 0
            while index < body.count {
                expected.append(body[index])
                index += body[index] == quote ? 2 : 1
            }
        }
        if Array(field.value.utf8) != expected {
            fuzzFailure("CSV: the field \(raw) of the record on line \(record.line) has the value \(Array(field.value.utf8)), not \(expected)")
        }
    }
}

/// A record limit changes nothing but the records longer than it, which it cuts.
private func checkLimited(_ limited: (records: [CSVRecordSnapshot], separator: UInt8),
                          _ whole: (records: [CSVRecordSnapshot], separator: UInt8)) {
    // A first record that is too long cannot set the separator, and with another separator the
    // records are others.
    guard limited.separator == whole.separator, !whole.records.contains(where: \.isTooLong) else { return }
    if limited.records.map(\.line) != whole.records.map(\.line) { fuzzFailure("CSV: the record limit changes where records start") }
    for (cut, full) in zip(limited.records, whole.records) {
        if full.text.count > fuzzSmallLimit {
            if !cut.isTooLong || cut.text != Array(full.text.prefix(RecordLimit.previewLength(fuzzSmallLimit))) {
                fuzzFailure("CSV: the record on line \(full.line), \(full.text.count) bytes long, is not cut to its start")
            }
            let expected = RecordLimit.exceeded("", length: full.text.count, limit: fuzzSmallLimit)
            if cut.problem?.message.contains(expected) != true { fuzzFailure("CSV: \(cut.problem?.message ?? "") does not say \(expected)") }
        } else if cut != full {
            fuzzFailure("CSV: the record limit changes the record on line \(full.line), \(full.text.count) bytes long")
        }
    }
}

/// Swapping commas and semicolons swaps the separator (when the first record has one of them
/// and not the other) and nothing else: the same records, fields and problems.
private func checkSeparatorSwap(_ bytes: [UInt8], _ whole: (records: [CSVRecordSnapshot], separator: UInt8)) {
    func swapped(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 == comma ? semicolon : $0 == semicolon ? comma : $0 }
    }
    let other = csvRecords(swapped(bytes), chunkSize: fuzzChunkSizes.last!, limit: RecordLimit.maximumLength)
    guard other.separator != whole.separator else { return }
    guard other.records.count == whole.records.count else { fuzzFailure("CSV: swapping commas and semicolons changes the number of records") }
    for (record, swappedRecord) in zip(whole.records, other.records) {
        let expected = CSVRecordSnapshot(line: record.line, text: swapped(record.text),
                                         fields: record.fields.map { .init(value: String(decoding: swapped(Array($0.value.utf8)), as: UTF8.self), range: $0.range) },
                                         problem: record.problem)
        if swappedRecord != expected { fuzzFailure("CSV: swapping commas and semicolons changes the record on line \(record.line)") }
    }
}

/// A row the reading thread leaves unsplit reads in one pass (``ProfileCells/read(row:separator:)``)
/// as the same row split into its fields reads, or is left to the full reader both ways.
private func checkOnePass(_ record: BatchRecord) {
    guard case .unsplitCSV(let separator, let columns) = record.content, let fastPath = columns.fastPath else { return }
    let once = fastPath.read(row: record.source.bytes, separator: separator)
    var split: Profile?
    if case .csv(let row, _) = record.split.content { split = fastPath.read(row.values, cells: row.valueRanges) }
    if once?.answers != split?.answers || once?.metadata != split?.metadata || once?.partial != split?.partial {
        fuzzFailure("CSV: line \(record.source.firstLine) reads otherwise in one pass than split into its fields")
    }
}

/// Reads `bytes` as a CSV file of profiles (`cxm batch --input-format csv`): its header checked
/// against the bundled rules, then each row read, assessed and evaluated. Returns whether the
/// header is usable; `rows`, if given, are the lines the rows must start on.
private func fuzzCSVFile(_ bytes: [UInt8], rows: [Int]?) -> Bool {
    func open(_ chunkSize: Int) -> Result<[BatchRecord], BatchInputError> {
        do throws(BatchInputError) {
            let source = try CSVRecords(ChunkedReader(bytes: bytes, path: "fuzz.csv", chunkSize: chunkSize), closing: nil,
                                        ruleBase: fuzzAssessor.advisor.ruleBase, allowing: fuzzAssessor.allowing)
            // Rows the reading thread leaves unsplit are split as the threads that assess them do.
            let records = readAll("CSVRecords", source.next)
            records.forEach(checkOnePass)
            return .success(records.map(\.split))
        } catch {
            return .failure(error)
        }
    }
    let whole = open(fuzzFileChunkSizes.last!)
    for chunkSize in fuzzFileChunkSizes.dropLast() {
        switch (open(chunkSize), whole) {
        case (.success(let records), .success(let expected)):
            checkSame(records, expected, "CSV file", chunkSize: chunkSize)
        case (.failure(let error), .failure(let expected)):
            if error.message != expected.message || error.diagnostics != expected.diagnostics {
                fuzzFailure("CSV file: chunks of \(chunkSize) bytes change why the header is unusable")
            }
        default:
            fuzzFailure("CSV file: chunks of \(chunkSize) bytes change whether the header is usable")
        }
    }
    switch whole {
    case .success(let records):
        if let rows, records.map(\.source.firstLine) != rows { fuzzFailure("CSV file: the records are not the rows after the header") }
        assess(records)
        return true
    case .failure(let error):
        if error.kind != .unusable { fuzzFailure("CSV file: a header read from memory is \(error.kind), not unusable") }
        if error.files.count == 1 {
            if error.diagnostics.isEmpty || error.diagnostics.contains(where: { $0.severity != .error }) {
                fuzzFailure("CSV file: an unusable header has no errors, or more than errors")
            }
            checkRanges(error.diagnostics, in: error.files[0], "the header's diagnostics")
            _ = DiagnosticRenderer(files: error.files).render(error.diagnostics)
        } else if !error.diagnostics.isEmpty {
            fuzzFailure("CSV file: diagnostics without their file")
        }
        return false
    }
}

// MARK: - JSON Lines

/// A line of the line reader, comparable.
private struct LineSnapshot: Equatable {
    let number: Int
    let bytes: [UInt8]
    let length: Int
    let isTooLong: Bool

    init(_ line: LineReader.Line) {
        (number, bytes, length, isTooLong) = (line.number, line.bytes, line.length, line.isTooLong)
    }
}

private func lines(_ bytes: [UInt8], chunkSize: Int, limit: Int) -> [LineSnapshot] {
    var reader = LineReader(ChunkedReader(bytes: bytes, chunkSize: chunkSize), maximumLength: limit)
    return readAll("LineReader") { () throws(BatchInputError) in try reader.next().map(LineSnapshot.init) }
}

private func fuzzJSONLines(_ bytes: [UInt8]) {
    var byLimit: [Int: [LineSnapshot]] = [:]
    for limit in [fuzzSmallLimit, RecordLimit.maximumLength] {
        let read = lines(bytes, chunkSize: fuzzChunkSizes.last!, limit: limit)
        for chunkSize in fuzzChunkSizes.dropLast() where lines(bytes, chunkSize: chunkSize, limit: limit) != read {
            fuzzFailure("lines: chunks of \(chunkSize) bytes change the lines (limit \(limit))")
        }
        for (index, line) in read.enumerated() {
            if line.number != index + 1 { fuzzFailure("lines: line \(index + 1) is numbered \(line.number)") }
            if line.isTooLong != (line.length > limit) { fuzzFailure("lines: line \(line.number) is \(line.length) bytes long; too long: \(line.isTooLong)") }
            if line.bytes.count != (line.isTooLong ? RecordLimit.previewLength(limit) : line.length) {
                fuzzFailure("lines: line \(line.number) holds \(line.bytes.count) of its \(line.length) bytes")
            }
        }
        byLimit[limit] = read
    }
    let whole = byLimit[RecordLimit.maximumLength]!
    if bytes.count <= RecordLimit.maximumLength { checkCovers(bytes, whole.map(\.bytes), "line", endCR: false) }
    let limited = byLimit[fuzzSmallLimit]!
    if limited.map(\.length) != whole.map(\.length) { fuzzFailure("lines: the limit changes where lines end") }
    for (cut, full) in zip(limited, whole) where !full.isTooLong && cut.bytes != Array(full.bytes.prefix(cut.bytes.count)) {
        fuzzFailure("lines: the limit changes how line \(full.number) starts")
    }

    // A file whose first line is UTF-16 is refused as a whole, at once, with a hint.
    if let first = whole.first, SourceFile.utf16Encoding(of: first.bytes) != nil {
        let source = JSONLinesRecords(ChunkedReader(bytes: bytes, path: "fuzz.jsonl", chunkSize: 1), closing: nil)
        do throws(BatchInputError) {
            _ = try source.next()
            fuzzFailure("JSON Lines: a first line in UTF-16 is read")
        } catch {
            if error.kind != .unusable || !error.message.contains("UTF-16") { fuzzFailure("JSON Lines: UTF-16 is refused with '\(error.message)'") }
        }
        return
    }

    // The lines as JSON Lines records, then read and assessed as profiles.
    func records(_ chunkSize: Int) -> [BatchRecord] {
        let source = JSONLinesRecords(ChunkedReader(bytes: bytes, path: "fuzz.jsonl", chunkSize: chunkSize), closing: nil)
        return readAll("JSONLinesRecords", source.next)
    }
    let expected = records(fuzzFileChunkSizes.last!)
    for chunkSize in fuzzFileChunkSizes.dropLast() { checkSame(records(chunkSize), expected, "JSON Lines", chunkSize: chunkSize) }
    // A record for each line, but blank ones (of spaces, tabs and CRs).
    let nonBlank = whole.filter { $0.bytes.contains { ![0x20, 0x09, 0x0D].contains($0) } }
    if expected.map(\.source.firstLine) != nonBlank.map(\.number) || expected.map(\.source.bytes) != nonBlank.map(\.bytes) {
        fuzzFailure("JSON Lines: the records are not the lines that are not blank")
    }
    assess(expected)
}

// MARK: - Records and profiles

/// Checks that reading in chunks of `chunkSize` bytes gave the same records.
private func checkSame(_ records: [BatchRecord], _ expected: [BatchRecord], _ what: String, chunkSize: Int) {
    func same(_ a: BatchRecord, _ b: BatchRecord) -> Bool {
        guard a.source.path == b.source.path, a.source.bytes == b.source.bytes, a.source.firstLine == b.source.firstLine,
              a.fallbackID == b.fallbackID else { return false }
        switch (a.content, b.content) {
        case (.json, .json): return true
        case (.csv(let row, let columns), .csv(let other, let otherColumns)):
            return row.fields == other.fields && columns.names == otherColumns.names
        case (.unreadable(let diagnostic), .unreadable(let other)): return diagnostic == other
        default: return false
        }
    }
    guard records.count == expected.count, zip(records, expected).allSatisfy(same) else {
        fuzzFailure("\(what): chunks of \(chunkSize) bytes change the records")
    }
}

/// Checks that every diagnostic (and note) with a range is within `file`.
private func checkRanges(_ diagnostics: [Diagnostic], in file: SourceFile, _ what: String) {
    let ranges = diagnostics.flatMap { [$0.range] + $0.notes.map(\.range) }.compactMap { $0 }
    for range in ranges where range.file != 0 || range.start < 0 || range.start > range.end || range.end > max(file.bytes.count, 1) {
        fuzzFailure("\(what): \(range.start)..<\(range.end) is outside the record's \(file.bytes.count) bytes")
    }
}

/// Reads each record as a profile and assesses it as `cxm batch` does; evaluates every profile
/// that reads.
private func assess(_ records: [BatchRecord]) {
    let ruleBase = fuzzAssessor.advisor.ruleBase
    let reader = ProfileReader(ruleBase: ruleBase)
    // One set of frames for all the records, reused from record to record as a batch's thread does.
    var frames = fuzzAssessor.makeFrames()
    for record in records {
        let read: (Profile?, [Diagnostic])
        switch record.content {
        case .json:
            read = reader.read(record.source.bytes, allowing: fuzzAssessor.allowing)
        case .csv(let row, let columns):
            let fields = row.fields
            if fields.count != columns.names.count { fuzzFailure("a CSV row of \(fields.count) fields under \(columns.names.count) columns") }
            read = reader.read(columns.document(fields, length: record.source.bytes.count), allowing: fuzzAssessor.allowing)
            // The fast path reads a row as the full reader does, or leaves it to it.
            if let fast = columns.fastPath?.read(row.values, cells: row.valueRanges),
               read.0?.answers != fast.answers || read.0?.metadata != fast.metadata || read.0?.partial != fast.partial {
                fuzzFailure("CSV: the fast path reads line \(row.line) otherwise than the full reader")
            }
        case .unreadable(let diagnostic):
            if diagnostic.severity != .error { fuzzFailure("an unreadable record without an error") }
            read = (nil, [diagnostic])
        case .unsplitCSV:
            fuzzFailure("a CSV row left unsplit after BatchRecord.split")
        }
        let (profile, diagnostics) = read
        checkRanges(diagnostics, in: record.source, "the diagnostics of line \(record.source.firstLine)")
        if profile == nil && !diagnostics.hasErrors { fuzzFailure("no profile and no error for line \(record.source.firstLine)") }
        if profile != nil && diagnostics.hasErrors { fuzzFailure("a profile despite errors for line \(record.source.firstLine)") }
        if let profile, profile.answers.count != ruleBase.questions.count { fuzzFailure("a profile must have one answer per question") }

        switch fuzzAssessor.assess(record, in: &frames) {
        case .row(let row):
            // The row is the profile's evaluation (which the profiles target checks further).
            if profile == nil { fuzzFailure("BatchAssessor assessed a record that does not read") }
            if row.id.isEmpty || row.values.count != ruleBase.headlineSlots.count {
                fuzzFailure("BatchAssessor's row for line \(record.source.firstLine) has no id, or not a value per headline")
            }
        case .failure(let failure):
            if profile != nil { fuzzFailure("BatchAssessor failed a record that reads") }
            if failure.line != record.source.firstLine || failure.diagnostics.isEmpty || failure.diagnostics.contains(where: { $0.severity != .error }) {
                fuzzFailure("BatchAssessor's failure for line \(record.source.firstLine) has no errors, or more than errors")
            }
            _ = DiagnosticRenderer(files: [failure.source]).render(failure.diagnostics)
        }
    }
}
