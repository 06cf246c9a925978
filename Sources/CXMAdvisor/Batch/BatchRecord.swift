import CXMRules

/// One record of a batch input, before it is read as a profile: a file of a folder, a line of a
/// JSON Lines file, a row of a CSV file.
public struct BatchRecord: Sendable {
    /// What the record holds.
    public enum Content: Sendable {
        /// The source's bytes are one JSON profile.
        case json
        /// A CSV row, under the header's columns (boxed, as few rows need it: a record of a
        /// batch's window then weighs half as much).
        indirect case csv(CSVReader.Record, CSVColumns)
        /// A CSV row whose text holds no quote, not yet split into fields (the thread that
        /// assesses it splits it, as ``CSVReader/Record/init(unquoted:line:separator:)`` does).
        case unsplitCSV(separator: UInt8, CSVColumns)
        /// A record that cannot be read, and why (a CSV row with the wrong number of fields).
        indirect case unreadable(Diagnostic)
    }

    /// Where the record's text is: a source of its own, or a CSV row left where the input was
    /// read into (shared with the rows read with it, instead of copied for each).
    private enum Text {
        case source(SourceFile)
        case row(path: String, line: Int, SharedBytes)
    }

    private let text: Text
    public let content: Content
    /// The id given for the record when it has no `id` or `name`; `nil`: "line N", made only
    /// when asked for (most rows of a survey have an id).
    private let givenFallbackID: String?
    /// How many bytes of the input were read for the record (0 if not known): with its text,
    /// the line break after it and the blank and comment rows before it.
    private let consumed: Int

    /// The record's text, named and numbered as in the input, for messages (a row's text is
    /// copied into it).
    public var source: SourceFile {
        switch text {
        case .source(let source): return source
        case .row(let path, let line, let row): return SourceFile(path: path, line: line, oneLine: Array(row.bytes))
        }
    }

    /// How many bytes the record weighs in memory: its text's, or, if more, the input's read for
    /// it (a CSV row keeps the memory it was read into, where the blank and comment rows before
    /// it were too, and those weigh nothing themselves).
    public var length: Int {
        max(consumed, withText { $0.count })
    }

    /// The line the record starts on (1 for a file of a folder).
    var firstLine: Int {
        switch text {
        case .source(let source): return source.firstLine
        case .row(_, let line, _): return line
        }
    }

    /// Calls `body` with the record's text (valid only in `body`), where it is.
    func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch text {
        case .source(let source): return source.bytes.withUnsafeBufferPointer(body)
        case .row(_, _, let row): return body(row.bytes)
        }
    }

    /// What to call the record if it has no `id` or `name`: its file name, or "line N".
    public var fallbackID: String {
        givenFallbackID ?? "line \(firstLine)"
    }

    /// A record: its text (keeping its line numbers), the id to use when the profile has none,
    /// and what it holds.
    public init(source: SourceFile, fallbackID: String, content: Content) {
        self.init(text: .source(source), givenFallbackID: fallbackID, consumed: 0, content: content)
    }

    /// A record of a line or row of a file, called "line N" (N: the source's first line) if the
    /// profile has no `id` or `name`.
    public init(source: SourceFile, content: Content) {
        self.init(text: .source(source), givenFallbackID: nil, consumed: 0, content: content)
    }

    /// A row of a CSV file, as ``init(source:content:)``, for which `consumed` bytes of the
    /// input were read.
    init(source: SourceFile, consumed: Int, content: Content) {
        self.init(text: .source(source), givenFallbackID: nil, consumed: consumed, content: content)
    }

    /// A row of the CSV file at `path`, on line `line`, whose text stays where it was read, for
    /// which `consumed` bytes of the input were read.
    init(path: String, line: Int, row: SharedBytes, consumed: Int, content: Content) {
        self.init(text: .row(path: path, line: line, row), givenFallbackID: nil, consumed: consumed, content: content)
    }

    private init(text: Text, givenFallbackID: String?, consumed: Int, content: Content) {
        self.text = text
        self.givenFallbackID = givenFallbackID
        self.consumed = consumed
        self.content = content
    }
}

extension BatchRecord {
    /// The record with a CSV row left unsplit by the reading thread split into its fields under
    /// its columns (``Content/csv(_:_:)``, or ``Content/unreadable(_:)`` with why), as the reader
    /// would have read it; any other record as it is.
    public var split: BatchRecord {
        guard case .unsplitCSV(let separator, let columns) = content else { return self }
        let source = source
        let row = CSVReader.Record(unquoted: source.bytes, line: source.firstLine, separator: separator)
        return BatchRecord(text: .source(source), givenFallbackID: givenFallbackID, consumed: consumed, content: columns.content(of: row))
    }

    /// The record read as a profile, with the errors found (the profile only if there were
    /// none); `allowing` names keys besides answers and metadata that are ignored.
    public func profile(_ reader: ProfileReader, allowing: Set<String>) -> (Profile?, [Diagnostic]) {
        var profile = Profile(answers: [])
        let diagnostics = read(reader, allowing: allowing, into: &profile)
        return (diagnostics.hasErrors ? nil : profile, diagnostics)
    }

    /// Reads the record as a profile into `profile`, reusing its storage where it can (a batch's
    /// thread reads every record into one profile), and returns the problems found: `profile`
    /// is the record's if there is no error among them.
    public func read(_ reader: ProfileReader, allowing: Set<String>, into profile: inout Profile) -> [Diagnostic] {
        func full(_ read: (Profile?, [Diagnostic])) -> [Diagnostic] {
            if let read = read.0 { profile = read }
            return read.1
        }
        switch content {
        case .json:
            // A JSON record's text is a source of its own (shared rows are CSV): read where it is.
            return reader.read(source.bytes, allowing: allowing, into: &profile)
        case .csv(let row, let columns):
            // Most rows take the fast path; the full reader reads the rest and reports problems.
            if columns.fastPath?.read(row.values, cells: row.valueRanges, into: &profile) == true { return [] }
            return full(reader.read(columns.document(row.fields, length: row.text.count), allowing: allowing))
        case .unsplitCSV(let separator, let columns):
            // Read in one pass where it can be; split, as the reader would have, where it cannot.
            if let fastPath = columns.fastPath, withText({ fastPath.read(row: $0, separator: separator, into: &profile) }) { return [] }
            return split.read(reader, allowing: allowing, into: &profile)
        case .unreadable(let diagnostic):
            return [diagnostic]
        }
    }
}

/// A stream of batch records, read one at a time so that memory stays flat however long the
/// input; see ``BatchInput/open(_:ruleBase:allowing:)``.
public protocol BatchRecordSource {
    /// The next record, or `nil` at the end of the input.
    mutating func next() throws(BatchInputError) -> BatchRecord?
    /// What was left out of the input, and why (such as a FIFO in a folder of profiles).
    var warnings: [Diagnostic] { get }
}

extension BatchRecordSource {
    /// Nothing left out.
    public var warnings: [Diagnostic] { [] }
}
