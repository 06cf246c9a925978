import CXMRules

/// One record of a batch input, before it is read as a profile: a file of a folder, a line of a
/// JSON Lines file, a row of a CSV file.
public struct BatchRecord: Sendable {
    /// What the record holds.
    public enum Content: Sendable {
        /// The source's bytes are one JSON profile.
        case json
        /// A CSV row, under the header's columns.
        case csv(CSVReader.Record, CSVColumns)
        /// A CSV row whose text holds no quote, not yet split into fields (the thread that
        /// assesses it splits it; see ``CSVReader/nextUnquoted()``).
        case unsplitCSV(separator: UInt8, CSVColumns)
        /// A record that cannot be read, and why (a CSV row with the wrong number of fields).
        case unreadable(Diagnostic)
    }

    /// The record's text, named and numbered as in the input, for messages.
    public let source: SourceFile
    public let content: Content
    /// The id given for the record when it has no `id` or `name`; `nil`: "line N", made only
    /// when asked for (most rows of a survey have an id).
    private let givenFallbackID: String?

    /// What to call the record if it has no `id` or `name`: its file name, or "line N".
    public var fallbackID: String {
        givenFallbackID ?? "line \(source.firstLine)"
    }

    /// A record: its text (keeping its line numbers), the id to use when the profile has none,
    /// and what it holds.
    public init(source: SourceFile, fallbackID: String, content: Content) {
        self.init(source: source, givenFallbackID: fallbackID, content: content)
    }

    /// A record of a line or row of a file, called "line N" (N: the source's first line) if the
    /// profile has no `id` or `name`.
    public init(source: SourceFile, content: Content) {
        self.init(source: source, givenFallbackID: nil, content: content)
    }

    private init(source: SourceFile, givenFallbackID: String?, content: Content) {
        self.source = source
        self.givenFallbackID = givenFallbackID
        self.content = content
    }
}

extension BatchRecord {
    /// The record with a CSV row left unsplit by the reading thread split into its fields under
    /// its columns (``Content/csv(_:_:)``, or ``Content/unreadable(_:)`` with why), as the reader
    /// would have read it; any other record as it is.
    public var split: BatchRecord {
        guard case .unsplitCSV(let separator, let columns) = content else { return self }
        let row = CSVReader.Record(unquoted: source.bytes, line: source.firstLine, separator: separator)
        return BatchRecord(source: source, givenFallbackID: givenFallbackID, content: columns.content(of: row))
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
            return reader.read(source.bytes, allowing: allowing, into: &profile)
        case .csv(let row, let columns):
            // Most rows take the fast path; the full reader reads the rest and reports problems.
            if columns.fastPath?.read(row.values, cells: row.valueRanges, into: &profile) == true { return [] }
            return full(reader.read(columns.document(row.fields, length: source.bytes.count), allowing: allowing))
        case .unsplitCSV(let separator, let columns):
            // Read in one pass where it can be; split, as the reader would have, where it cannot.
            if columns.fastPath?.read(row: source.bytes, separator: separator, into: &profile) == true { return [] }
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
