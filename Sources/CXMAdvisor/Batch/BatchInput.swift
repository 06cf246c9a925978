import CXMRules
import Foundation

/// Opens what `cxm batch` reads: a folder of profile files, a JSON Lines file, a CSV file, or
/// either on standard input.
public enum BatchInput {
    /// What a file of profiles holds.
    public enum Format: String, CaseIterable, Sendable {
        /// A header row of question ids, then one profile per row (see ``CSVColumns``).
        case csv
        /// One JSON profile per line; blank lines are skipped.
        case jsonl

        /// The format that a file's extension names: `.csv`, `.jsonl` or `.ndjson`.
        public init?(extensionOf path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": self = .csv
            case "jsonl", "ndjson": self = .jsonl
            default: return nil
            }
        }
    }

    /// Opens `path`: a folder (its `*.json` files, sorted by name), a file in `format` (by
    /// default, the one its extension names), or `-` for standard input (by default, JSON
    /// Lines). A CSV file's header is read and checked here, before any row.
    ///
    /// - Parameter allowing: keys besides answers and metadata that records may hold and that
    ///   are ignored (such as a scenario's `expect`).
    public static func open(_ path: String, as format: Format? = nil, ruleBase: RuleBase, allowing: Set<String>) throws(BatchInputError) -> any BatchRecordSource {
        let source: ChunkedReader
        let closing: Int32?
        let resolved: Format
        if path == "-" {
            resolved = format ?? .jsonl
            source = ChunkedReader(fileDescriptor: STDIN_FILENO, path: "<stdin>")
            closing = nil
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw BatchInputError(.missing, "no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                guard format == nil else {
                    throw BatchInputError(.unsupported, "an input format is for a file or standard input; the profiles of a folder such as \(path) are its .json files")
                }
                return try FolderRecords(path)
            }
            guard let known = format ?? Format(extensionOf: path) else {
                throw BatchInputError(.unsupported, "cannot tell what \(path) holds: give a folder of .json profiles, a JSON Lines file (.jsonl, .ndjson) or a CSV file (.csv), or say which it is with --input-format"
                                      + (path.lowercased().hasSuffix(".json") ? "; for one profile, use 'cxm assess \(path)'" : ""))
            }
            resolved = known
            let descriptor = try openFile(path)
            source = ChunkedReader(fileDescriptor: descriptor, path: path)
            closing = descriptor
        }
        switch resolved {
        case .jsonl:
            return JSONLinesRecords(source, closing: closing)
        case .csv:
            do {
                return try CSVRecords(source, closing: closing, ruleBase: ruleBase, allowing: allowing)
            } catch {
                if let closing { close(closing) }
                throw error
            }
        }
    }

    /// Opens a file for reading; the caller closes the descriptor.
    static func openFile(_ path: String) throws(BatchInputError) -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BatchInputError.unreadable(path) }
        return descriptor
    }

    /// The bytes of a profile file of a folder; more than ``RecordLimit/maximumLength`` is a
    /// failed record, as an over-long line is, and is not read further. Opened without blocking,
    /// and read only if it is a regular file (a FIFO that took the place of one would block).
    static func contents(of path: String) throws(BatchInputError) -> [UInt8] {
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw BatchInputError.unreadable(path) }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
            throw BatchInputError(.unreadable, "cannot read \(path.printable()): \(RuleFolder.kind(of: opened)), not a profile file")
        }
        var reader = ChunkedReader(fileDescriptor: descriptor, path: path)
        var bytes: [UInt8] = []
        while try reader.read(into: &bytes) {
            if bytes.count > RecordLimit.maximumLength {
                var status = stat()
                let length = fstat(descriptor, &status) == 0 ? Int(status.st_size) : bytes.count
                throw BatchInputError(.unusable, .recordTooLong(RecordLimit.exceeded(path, length: length, limit: RecordLimit.maximumLength)))
            }
        }
        return bytes
    }
}

/// The `*.json` files of a folder, sorted by name, one record each. Entries that are not
/// regular files (FIFOs, devices, folders named `x.json`) are left out with a warning, without
/// being opened.
final class FolderRecords: BatchRecordSource {
    private let folder: String
    private var names: IndexingIterator<[String]>
    let warnings: [Diagnostic]

    init(_ folder: String) throws(BatchInputError) {
        guard let directory = opendir(folder) else { throw BatchInputError.unreadable(folder) }
        defer { closedir(directory) }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var names: [String] = []
        var warnings: [Diagnostic] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasSuffix(".json") else { continue }
            var status = stat()
            if stat(prefix + name, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                warnings.append(Diagnostic(BatchDiagnostic.entrySkipped(path: prefix + name, kind: RuleFolder.kind(of: status)), at: nil))
            } else {
                names.append(name)
            }
        }
        names.sort()
        guard !names.isEmpty else { throw BatchInputError(.missing, .noProfileFiles(folder: folder)) }
        self.folder = prefix
        self.names = names.makeIterator()
        self.warnings = warnings.sorted { $0.message < $1.message }
    }

    func next() -> BatchRecord? {
        guard let name = names.next() else { return nil }
        let path = folder + name
        do {
            return BatchRecord(source: SourceFile(path: path, bytes: try BatchInput.contents(of: path)), fallbackID: name.printable(), content: .json)
        } catch {
            return BatchRecord(source: SourceFile(path: path, bytes: []), fallbackID: name.printable(),
                               content: .unreadable(Diagnostic(error.problem ?? BatchDiagnostic.unreadableFile(error.message), at: nil)))
        }
    }
}

/// The lines of a JSON Lines file, one record each; blank lines are skipped.
final class JSONLinesRecords: BatchRecordSource {
    private var lines: LineReader
    private let path: String
    private let descriptor: Int32?
    /// Whether a line that is not a JSON object has been met, and the input format named.
    private var hinted = false

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
            if line.number == 1, let encoding = SourceFile.utf16Encoding(of: line.bytes) {
                throw BatchInputError(.unusable, .utf16(path: path, encoding: encoding, format: .jsonl))
            }
            guard let first = line.bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let source = SourceFile(path: path, bytes: line.bytes, firstLine: line.number)
            func failure(_ kind: BatchDiagnostic, notes: [Diagnostic.Note] = []) -> BatchRecord {
                BatchRecord(source: source, content: .unreadable(Diagnostic(kind, at: SourceRange(file: 0, start: first, end: first + 1), notes: notes)))
            }
            if line.isTooLong {
                return failure(.recordTooLong(RecordLimit.exceeded("the line", length: line.length, limit: lines.maximumLength)))
            }
            // Not a JSON object, so not a profile; most likely, not JSON Lines at all.
            if line.bytes[first] != UInt8(ascii: "{") {
                let notes = hinted ? [] : [Diagnostic.Note(message: "\(path) is read as JSON Lines, one JSON object per line; if it is CSV, add --input-format csv", range: nil)]
                hinted = true
                return failure(.notAnObject, notes: notes)
            }
            return BatchRecord(source: source, content: .json)
        }
        return nil
    }
}

/// The rows of a CSV file, one record each, after its header row; blank lines and comment rows
/// (whose first field starts with `#`) are skipped.
final class CSVRecords: BatchRecordSource {
    private var reader: CSVReader
    private let path: String
    private let descriptor: Int32?
    private let columns: CSVColumns
    /// How many bytes of the input were read past when the last record was returned.
    private var consumed = 0

    /// - Parameter closing: the file descriptor to close when done, if any (the caller closes it
    ///   if the header is unusable).
    init(_ chunks: ChunkedReader, closing descriptor: Int32?, ruleBase: RuleBase, allowing: Set<String>) throws(BatchInputError) {
        reader = CSVReader(chunks)
        path = chunks.path
        self.descriptor = descriptor
        var header = try reader.next()
        while let blank = header, blank.isBlank { header = try reader.next() }
        guard let header else {
            throw BatchInputError(.unusable, .emptyCSV(path: path))
        }
        if let encoding = SourceFile.utf16Encoding(of: header.text) {
            throw BatchInputError(.unusable, .utf16(path: path, encoding: encoding, format: .csv))
        }
        columns = try CSVColumns(header: header, file: SourceFile(path: path, bytes: header.text, firstLine: header.line),
                                 ruleBase: ruleBase, allowing: allowing)
        consumed = reader.consumed
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    func next() throws(BatchInputError) -> BatchRecord? {
        // Most rows are only found here, and split by the thread that assesses them.
        if let (line, text) = try reader.nextUnquoted() {
            return BatchRecord(path: path, line: line, row: text, consumed: readPast(), content: .unsplitCSV(separator: reader.separator, columns))
        }
        var record = try reader.next()
        // Blank rows, and comment rows (the first field starts with '#', as in the template of
        // `cxm questions --format csv`), are skipped.
        while let skipped = record, skipped.isBlank || skipped.values.first == UInt8(ascii: "#") && skipped.fields[0].value.hasPrefix("#") {
            record = try reader.next()
        }
        guard let record else { return nil }
        return BatchRecord(source: SourceFile(path: path, bytes: record.text, firstLine: record.line), consumed: readPast(),
                           content: columns.content(of: record))
    }

    /// How many bytes of the input were read past since the last record: a record's weight (see
    /// ``BatchRecord/length``), which counts the blank and comment rows before it, so that rows
    /// that share the memory they were read into weigh all of it.
    private func readPast() -> Int {
        defer { consumed = reader.consumed }
        return reader.consumed - consumed
    }
}
