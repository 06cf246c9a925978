import CXMRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV (RFC 4180) record by record as it reads the input in chunks: fields separated by
/// commas (or semicolons, see ``separator``); records by CRLF or LF; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""` for `"`). A UTF-8 byte order mark at the start is skipped. The reader's
/// memory stays bounded however long the input, or any of its records: a record longer than
/// ``maximumLength`` is read past and returned cut, with a ``Problem``. (Rows that a batch
/// leaves where they were read keep that memory alive, as long as they live.)
///
/// Once read from, a reader must not be copied to read on from both: the copies share the
/// memory the input is read into (where the rows it returned stay), and reading on from a copy
/// of a reader that has been read from since traps.
public struct CSVReader {
    /// One record: its fields, where it starts, and its text for messages.
    public struct Record: Sendable {
        /// The line the record starts on, from 1 (a quoted line break makes a record span lines).
        public let line: Int
        /// The record's text as it is in the file, without its final line break.
        public let text: [UInt8]
        /// The fields' values (quotes removed, `""` read as `"`), one after another, as bytes:
        /// field `i`'s is at `valueRanges[i]`.
        public let values: [UInt8]
        public let valueRanges: [Range<Int>]
        /// Where each field is in ``text``, quotes included.
        public let fieldRanges: [Range<Int>]
        /// What is wrong with the record's quoting, if anything.
        public let problem: Problem?

        /// Whether the record is a blank line.
        public var isBlank: Bool { text.isEmpty }

        /// The fields, their values as strings (made here, for the full reader and messages).
        public var fields: [Field] {
            zip(valueRanges, fieldRanges).map { Field(value: String(decoding: values[$0], as: UTF8.self), range: $1) }
        }
    }

    /// A field's value (quotes removed, `""` read as `"`) and where it is in the record's text.
    public struct Field: Sendable, Equatable {
        public let value: String
        /// Byte offsets in ``Record/text``, quotes included.
        public let range: Range<Int>
    }

    /// A quoting error, at a byte offset in ``Record/text``.
    public struct Problem: Sendable, Equatable {
        /// Its code in the catalogue of batch input (B01xx).
        public let code: DiagnosticCode
        public let message: String
        public let offset: Int

        init(_ kind: BatchDiagnostic, offset: Int) {
            let entry = kind.entry
            code = entry.code
            message = entry.message
            self.offset = offset
        }

        /// The diagnostic, at its offset in a record's file.
        var diagnostic: Diagnostic {
            Diagnostic(.error(code, message), at: SourceRange(file: 0, start: offset, end: offset + 1))
        }
    }

    /// The most bytes a record may hold.
    public let maximumLength: Int
    /// The byte between fields: `,`, or `;` if the first record has semicolons but no commas,
    /// as spreadsheets set for a decimal comma write CSV.
    public private(set) var separator = UInt8(ascii: ",")

    private var reader: ChunkedReader
    private var buffer: InputBuffer
    /// Where the next record starts in `buffer`.
    private var start = 0
    private var atEnd = false
    private var lineCount = 0
    /// How many bytes of the input come before `buffer`: a byte at `index` in `buffer` is at
    /// `bufferOffset + index` in the input.
    private var bufferOffset = 0
    /// What is known of the quotes ahead, for ``nextUnquoted()``, as offsets in the input: the
    /// bytes from `quoteFree.lowerBound` to `quoteFree.upperBound` hold no quote, and the byte
    /// at `quoteFree.upperBound` is one if `quoteFound` (else it has not been read yet). Each
    /// byte is searched once, however many rows it takes to reach the next quote.
    private var quoteFree = 0..<0
    private var quoteFound = false

    /// Reads CSV records from a chunked source; a record longer than `maximumLength` bytes is
    /// reported and skipped.
    public init(_ reader: ChunkedReader, maximumLength: Int = RecordLimit.maximumLength) {
        self.reader = reader
        self.maximumLength = maximumLength
        buffer = InputBuffer(chunkSize: reader.chunkSize)
    }

    /// How many bytes of the input were read past: those of the records returned so far, with
    /// their line breaks and the byte order mark.
    var consumed: Int { bufferOffset + start }

    /// The next record, or `nil` at the end of the input.
    public mutating func next() throws(BatchInputError) -> Record? {
        if lineCount == 0 && start == 0 {
            while buffer.count < 3, !atEnd { try fill() }
            if buffer.withUnsafeBufferPointer({ $0.starts(with: [0xEF, 0xBB, 0xBF]) }) { start = 3 }
        }
        if start == buffer.count && !atEnd { try fill() }
        guard start < buffer.count else { return nil }
        var (record, lineBreaks, end, isCut) = try parse()
        // A first record (a header row of names) with semicolons and no commas: the separator is
        // ';'. Read with commas, a quoted name followed by ';' is a quoting problem, so the record
        // may have one. It is read again, from the buffer, which holds it unless it was too long.
        if lineCount == 0, separator == UInt8(ascii: ","), !isCut, record.text.contains(UInt8(ascii: ";")),
           !record.text.contains(UInt8(ascii: ",")) {
            separator = UInt8(ascii: ";")
            (record, lineBreaks, end, isCut) = try parse()
        }
        lineCount += lineBreaks
        start = min(end + 1, buffer.count)
        return record
    }

    /// The next record's line number and text, without splitting it, when that is all it takes
    /// to read it: a row after the header, with no quote, not blank, not a comment (`#`) and
    /// within ``maximumLength``; such a row is split by
    /// ``Record/init(unquoted:line:separator:)``, on any thread. `nil` means "call ``next()``",
    /// which reads any record. Finding the row's end (reading on where the row runs past what
    /// was read) is all this does, so that the thread that reads the input does as little as it
    /// can per row: the text stays where it was read, shared with the rows read with it.
    mutating func nextUnquoted() throws(BatchInputError) -> (line: Int, text: SharedBytes)? {
        guard lineCount > 0 else { return nil }
        while true {
            let (start, maximumLength) = (start, maximumLength)
            let found = buffer.withUnsafeBufferPointer { bytes -> (textEnd: Int, end: Int)?? in
                guard let base = bytes.baseAddress, start < bytes.count else { return .some(nil) }
                guard let newline = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
                let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                let textEnd = end > start && base[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
                guard textEnd > start, textEnd - start <= maximumLength, base[start] != UInt8(ascii: "#") else { return .some(nil) }
                return (textEnd, end)
            }
            switch found {
            case let found??:
                guard !holdsQuote(start..<found.textEnd) else { return nil }
                lineCount += 1
                self.start = found.end + 1
                return (lineCount, buffer.share(start..<found.textEnd))
            case .some(nil):
                return nil
            case nil:
                // No line break yet: read on, unless the input ends or the row is too long already.
                guard !atEnd, buffer.count - start <= maximumLength + 1 else { return nil }
                try fill()
            }
        }
    }

    /// Whether the bytes of `buffer` in `range` hold a quote: known from `quoteFree` where it
    /// reaches past them, else searched for from where it ends up to the end of `buffer`.
    private mutating func holdsQuote(_ range: Range<Int>) -> Bool {
        let (first, end) = (bufferOffset + range.lowerBound, bufferOffset + range.upperBound)
        if !quoteFree.contains(first) && first != quoteFree.upperBound {
            quoteFree = first..<first
            quoteFound = false
        }
        if end > quoteFree.upperBound && !quoteFound {
            let from = quoteFree.upperBound - bufferOffset
            let quote = buffer.withUnsafeBufferPointer { bytes in
                memchr(bytes.baseAddress! + from, 0x22, bytes.count - from).map { bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
            quoteFree = quoteFree.lowerBound..<bufferOffset + (quote ?? buffer.count)
            quoteFound = quote != nil
        }
        return end > quoteFree.upperBound
    }

    /// Reads the record at `start`: the record, the line breaks it takes (its own included),
    /// where in `buffer` it ends (at its line break, or the end of the input), and whether it
    /// was too long, and so cut.
    private mutating func parse() throws(BatchInputError) -> (Record, lineBreaks: Int, end: Int, isCut: Bool) {
        var parser = RecordParser(separator: separator)
        var offset = start
        // Of a record too long to keep: how it starts, and how many of its bytes were dropped.
        var preview: [UInt8] = []
        var dropped = 0
        while true {
            if offset == buffer.count {
                if atEnd { break }
                // Longer than the limit even without its CR: keep its start, and drop the rest
                // as it is read (but a last CR, which may come before the LF).
                if dropped > 0 || offset - start > maximumLength + 1 {
                    if dropped == 0 { preview = buffer.copy(start..<start + RecordLimit.previewLength(maximumLength)) }
                    let kept = offset - (buffer[offset - 1] == UInt8(ascii: "\r") ? 1 : 0)
                    dropped += kept - start
                    parser.forgetFields()
                    start = kept
                }
                let shift = start
                try fill()
                offset -= shift
                continue
            }
            // Runs of ordinary bytes are taken at once; quotes, separators and line breaks one by one.
            let taken = buffer.withUnsafeBufferPointer { parser.take(run: $0, from: offset, at: dropped + offset - start) }
            if taken > 0 {
                offset += taken
                continue
            }
            if parser.consume(buffer[offset], at: dropped + offset - start) { break }
            offset += 1
        }
        let end = min(offset, buffer.count)
        // The text leaves out the line break: LF, CRLF, or a CR that ends the input.
        var textEnd = end
        if textEnd > start, buffer[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
        let line = lineCount + 1
        let length = dropped + textEnd - start
        guard length <= maximumLength else {
            let lastLine = line + parser.lineBreaks - (parser.last == UInt8(ascii: "\n") ? 1 : 0)
            let text = dropped > 0 ? preview : buffer.copy(start..<start + RecordLimit.previewLength(maximumLength))
            let problem = Problem(.recordTooLong(tooLong(length, lines: line...lastLine, quoted: parser.isQuoted)), offset: 0)
            return (Record(line: line, text: text, values: [], valueRanges: [], fieldRanges: [], problem: problem), parser.lineBreaks, end, true)
        }
        parser.finish(at: textEnd - start)
        let record = Record(line: line, text: buffer.copy(start..<textEnd), values: parser.values, valueRanges: parser.valueRanges,
                            fieldRanges: parser.fieldRanges, problem: parser.problem)
        return (record, parser.lineBreaks, end, false)
    }

    /// Why a record is too long: its length, the lines it spans, and whether a quoted field in it
    /// runs to the end of the input.
    private func tooLong(_ length: Int, lines: ClosedRange<Int>, quoted: Bool) -> String {
        let grouped = TextLayout.grouped
        let subject = lines.count == 1 ? "the record" : "the record on lines \(grouped(lines.lowerBound)) to \(grouped(lines.upperBound))"
        let reason = quoted ? "; a quoted field in it has no closing quote, so it runs to the end of the file" : ""
        return RecordLimit.exceeded(subject, length: length, limit: maximumLength) + reason
    }

    /// Drops what is before `start` and appends the next chunk. The buffer drops those bytes
    /// before it reads, which may fail: `start` and `bufferOffset` follow it first.
    private mutating func fill() throws(BatchInputError) {
        let dropped = start
        start = 0
        bufferOffset += dropped
        atEnd = !(try buffer.fill(from: &reader, dropping: dropped))
    }
}

extension CSVReader.Record {
    /// A record read as ``CSVReader`` reads it, when its text holds no quote and no line
    /// break (a row after the header that is not blank, not a comment and within
    /// ``CSVReader/maximumLength``): each value is the text between separators, so the values
    /// are the text itself, split where the separators are.
    public init(unquoted text: [UInt8], line: Int, separator: UInt8) {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(64)
        var beyondASCII = false
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            if let base = bytes.baseAddress {
                while let found = memchr(base + start, Int32(separator), bytes.count - start) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    ranges.append(start..<index)
                    start = index + 1
                }
                beyondASCII = bytes.reduce(0, |) >= 0x80
            }
            ranges.append(start..<bytes.count)
        }
        self.init(line: line, text: text, values: text, valueRanges: ranges, fieldRanges: ranges,
                  // The first field that is not UTF-8 is the problem, as for any record.
                  problem: beyondASCII ? ranges.first { String(validating: text[$0], as: UTF8.self) == nil }.map { CSVReader.Problem(.fieldNotUTF8, offset: $0.lowerBound) } : nil)
    }
}

/// The state of reading one CSV record: byte by byte where quotes, separators and line breaks
/// decide, run by run elsewhere.
private struct RecordParser {
    enum State {
        /// `quoteInQuoted`: a quote in a quoted field, which closes it unless another follows;
        /// `crAfterQuote`: CRs after a closing quote, ignored (so no quote can follow).
        case fieldStart, unquoted, quoted, quoteInQuoted, crAfterQuote
    }

    /// The byte between fields.
    let separator: UInt8
    var state = State.fieldStart
    /// The values of the fields read so far, one after another, and where each is.
    var values: [UInt8] = []
    var valueRanges: [Range<Int>] = []
    var fieldRanges: [Range<Int>] = []
    /// Where the field being read starts in the record, and its value in `values`.
    var fieldStart = 0
    var valueStart = 0
    /// Whether a value holds a byte beyond ASCII, so that the values' UTF-8 must be checked.
    var beyondASCII = false
    /// Line breaks consumed, the record's own included.
    var lineBreaks = 0
    var problem: CSVReader.Problem?
    /// How many fields had ended when a quoting problem was found: a field before it that is not
    /// UTF-8 is the first problem.
    var fieldsBeforeProblem = 0

    /// The last byte consumed.
    var last: UInt8 = 0

    /// Whether the record ends inside a quoted field.
    var isQuoted: Bool { state == .quoted }

    init(separator: UInt8) {
        self.separator = separator
        values.reserveCapacity(256)
    }

    /// Drops the fields read so far, of a record too long to keep.
    mutating func forgetFields() {
        valueRanges.removeAll(keepingCapacity: true)
        fieldRanges.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        valueStart = 0
    }

    /// Takes the run of bytes from `index` in `buffer` (at `offset` in the record) that need no
    /// decision: in an unquoted field, up to a separator or line break; in a quoted one, up to a
    /// quote. Returns how many bytes it took (0 where the byte at `index` decides something).
    mutating func take(run buffer: UnsafeBufferPointer<UInt8>, from index: Int, at offset: Int) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var end = index
        switch state {
        case .fieldStart, .unquoted:
            if state == .fieldStart, base[index] == UInt8(ascii: "\"") { return 0 }
            while end < buffer.count, base[end] != separator, base[end] != UInt8(ascii: "\n") { end += 1 }
            if end > index { state = .unquoted }
        case .quoted:
            while end < buffer.count, base[end] != UInt8(ascii: "\"") {
                if base[end] == UInt8(ascii: "\n") { lineBreaks += 1 }
                end += 1
            }
        case .quoteInQuoted, .crAfterQuote:
            return 0
        }
        guard end > index else { return 0 }
        let run = UnsafeBufferPointer(start: base + index, count: end - index)
        values.append(contentsOf: run)
        if !beyondASCII, run.contains(where: { $0 >= 0x80 }) { beyondASCII = true }
        last = base[end - 1]
        return end - index
    }

    /// Consumes one byte at `offset` in the record; returns `true` at the line break that ends
    /// the record.
    mutating func consume(_ byte: UInt8, at offset: Int) -> Bool {
        last = byte
        switch (state, byte) {
        case (.fieldStart, UInt8(ascii: "\"")):
            state = .quoted
        case (.quoted, UInt8(ascii: "\"")):
            state = .quoteInQuoted
        case (.quoted, _):
            if byte == UInt8(ascii: "\n") { lineBreaks += 1 }
            append(byte)
        case (.quoteInQuoted, UInt8(ascii: "\"")):
            append(byte)
            state = .quoted
        case (_, separator):
            endField(at: offset)
            fieldStart = offset + 1
        case (_, UInt8(ascii: "\n")):
            lineBreaks += 1
            return true
        case (.quoteInQuoted, UInt8(ascii: "\r")), (.crAfterQuote, UInt8(ascii: "\r")):
            state = .crAfterQuote
        case (.quoteInQuoted, _), (.crAfterQuote, _):
            if problem == nil {
                problem = .init(.textAfterClosingQuote, offset: offset)
                fieldsBeforeProblem = fieldRanges.count
            }
            append(byte)
            state = .unquoted
        case (.fieldStart, _), (.unquoted, _):
            append(byte)
            state = .unquoted
        }
        return false
    }

    private mutating func append(_ byte: UInt8) {
        values.append(byte)
        if byte >= 0x80 { beyondASCII = true }
    }

    private mutating func endField(at offset: Int) {
        valueRanges.append(valueStart..<values.count)
        fieldRanges.append(fieldStart..<offset)
        valueStart = values.count
        state = .fieldStart
    }

    /// Ends the last field, once the record ends at `offset` (before its line break, or a CR
    /// that ends the input), and checks that every value is UTF-8.
    mutating func finish(at offset: Int) {
        if state == .quoted, problem == nil {
            problem = .init(.unterminatedQuote, offset: fieldStart)
            fieldsBeforeProblem = fieldRanges.count
        }
        // The CR of a CRLF, or of the input's end, is the record's, not the last field's.
        if state == .unquoted, values.count > valueStart, values.last == UInt8(ascii: "\r") { values.removeLast() }
        endField(at: offset)
        // The first field that is not UTF-8 is the problem, unless a quoting problem came first.
        guard beyondASCII else { return }
        let checked = problem == nil ? fieldRanges.count : fieldsBeforeProblem
        if let bad = valueRanges.prefix(checked).firstIndex(where: { String(validating: values[$0], as: UTF8.self) == nil }) {
            problem = .init(.fieldNotUTF8, offset: fieldRanges[bad].lowerBound)
        }
    }
}
