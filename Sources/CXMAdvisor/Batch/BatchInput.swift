import CXMRules
import Foundation

/// Opens what `cxm batch` reads: a folder of profile files, a JSON Lines file, a CSV file, or
/// JSON Lines on standard input.
public enum BatchInput {
    /// Opens `path`: a folder (its `*.json` files, sorted by name), a `.jsonl` or `.ndjson`
    /// file (one profile per line; blank lines are skipped), a `.csv` file (a header row of
    /// question ids, then one profile per row; see ``CSVColumns``), or `-` for JSON Lines on
    /// standard input. A CSV file's header is read and checked here, before any row.
    ///
    /// - Parameter allowing: keys besides answers and metadata that records may hold and that
    ///   are ignored (such as a scenario's `expect`).
    public static func open(_ path: String, ruleBase: RuleBase, allowing: Set<String>) throws(BatchInputError) -> any BatchRecordSource {
        if path == "-" {
            return JSONLinesRecords(ChunkedReader(fileDescriptor: STDIN_FILENO, path: "<stdin>"), closing: nil)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BatchInputError(.missing, "no such file or folder: \(path)")
        }
        if isDirectory.boolValue { return try FolderRecords(path) }
        let kind = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard kind == "csv" || ["jsonl", "ndjson"].contains(kind) else {
            throw BatchInputError(.unsupported, "cannot tell what \(path) holds: give a folder of .json profiles, a JSON Lines file (.jsonl, .ndjson) or a CSV file (.csv)"
                                  + (kind == "json" ? "; for one profile, use 'cxm assess \(path)'" : ""))
        }
        let descriptor = try openFile(path)
        let reader = ChunkedReader(fileDescriptor: descriptor, path: path)
        if kind == "csv" { return try CSVRecords(reader, descriptor: descriptor, ruleBase: ruleBase, allowing: allowing) }
        return JSONLinesRecords(reader, closing: descriptor)
    }

    /// Opens a file for reading; the caller closes the descriptor.
    static func openFile(_ path: String) throws(BatchInputError) -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BatchInputError.unreadable(path) }
        return descriptor
    }

    /// The whole of a file.
    static func contents(of path: String) throws(BatchInputError) -> [UInt8] {
        let descriptor = try openFile(path)
        defer { close(descriptor) }
        var reader = ChunkedReader(fileDescriptor: descriptor, path: path)
        var bytes: [UInt8] = []
        while try reader.read(into: &bytes) {}
        return bytes
    }
}

/// The `*.json` files of a folder, sorted by name, one record each.
final class FolderRecords: BatchRecordSource {
    private let folder: String
    private var names: IndexingIterator<[String]>

    init(_ folder: String) throws(BatchInputError) {
        guard let directory = opendir(folder) else { throw BatchInputError.unreadable(folder) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json") { names.append(name) }
        }
        names.sort()
        guard !names.isEmpty else { throw BatchInputError(.missing, "\(folder) holds no .json profile files") }
        self.folder = folder.hasSuffix("/") ? folder : folder + "/"
        self.names = names.makeIterator()
    }

    func next() -> BatchRecord? {
        guard let name = names.next() else { return nil }
        let path = folder + name
        do {
            return BatchRecord(source: SourceFile(path: path, bytes: try BatchInput.contents(of: path)), fallbackID: name, content: .json)
        } catch {
            return BatchRecord(source: SourceFile(path: path, bytes: []), fallbackID: name,
                               content: .unreadable(Diagnostic(.error, error.message, at: nil)))
        }
    }
}

/// The lines of a JSON Lines file, one record each; blank lines are skipped.
final class JSONLinesRecords: BatchRecordSource {
    private var lines: LineReader
    private let path: String
    private let descriptor: Int32?

    /// - Parameter closing: the file descriptor to close when done, if any.
    init(_ reader: ChunkedReader, closing descriptor: Int32?) {
        lines = LineReader(reader)
        path = reader.path
        self.descriptor = descriptor
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    func next() throws(BatchInputError) -> BatchRecord? {
        while let line = try lines.next() {
            if !line.isTooLong, line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let source = SourceFile(path: path, bytes: line.bytes, firstLine: line.number)
            guard !line.isTooLong else {
                let message = RecordLimit.exceeded("the line", length: line.length, limit: lines.maximumLength)
                return BatchRecord(source: source, fallbackID: "line \(line.number)",
                                   content: .unreadable(Diagnostic(.error, message, at: SourceRange(file: 0, start: 0, end: 1))))
            }
            return BatchRecord(source: source, fallbackID: "line \(line.number)", content: .json)
        }
        return nil
    }
}

/// The rows of a CSV file, one record each, after its header row; blank lines are skipped.
final class CSVRecords: BatchRecordSource {
    private var reader: CSVReader
    private let path: String
    private let descriptor: Int32
    private let columns: CSVColumns

    init(_ chunks: ChunkedReader, descriptor: Int32, ruleBase: RuleBase, allowing: Set<String>) throws(BatchInputError) {
        reader = CSVReader(chunks)
        path = chunks.path
        self.descriptor = descriptor
        var header = try reader.next()
        while let blank = header, blank.isBlank { header = try reader.next() }
        guard let header else {
            close(descriptor)
            throw BatchInputError(.unusable, "\(path) is empty; a CSV file of profiles starts with a header row of question ids")
        }
        do {
            columns = try CSVColumns(header: header, file: SourceFile(path: path, bytes: header.text, firstLine: header.line),
                                     ruleBase: ruleBase, allowing: allowing)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    func next() throws(BatchInputError) -> BatchRecord? {
        var record = try reader.next()
        while let blank = record, blank.isBlank { record = try reader.next() }
        guard let record else { return nil }
        let source = SourceFile(path: path, bytes: record.text, firstLine: record.line)
        let fallbackID = "line \(record.line)"
        if let problem = record.problem {
            let diagnostic = Diagnostic(.error, problem.message, at: SourceRange(file: 0, start: problem.offset, end: problem.offset + 1))
            return BatchRecord(source: source, fallbackID: fallbackID, content: .unreadable(diagnostic))
        }
        let expected = columns.names.count
        guard record.fields.count == expected else {
            let (start, end) = record.fields.count > expected
                ? (record.fields[expected].range.lowerBound, record.text.count)
                : (record.text.count, record.text.count)
            let diagnostic = Diagnostic(.error, "the row has \(record.fields.count) fields, but the header has \(expected) columns",
                                        at: SourceRange(file: 0, start: start, end: end))
            return BatchRecord(source: source, fallbackID: fallbackID, content: .unreadable(diagnostic))
        }
        return BatchRecord(source: source, fallbackID: fallbackID, content: .csv(record.fields, columns))
    }
}
