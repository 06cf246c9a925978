import Testing
@testable import CXMAdvisor
import TestSupport

/// The CSV reader: RFC 4180 quoting, line breaks, byte order mark, positions, and the same
/// records whatever the chunk boundaries.
@Suite struct CSVReaderTests {
    /// Every record of `text`, read in chunks of `chunkSize` bytes.
    static func records(_ text: String, chunkSize: Int = 64) throws -> [CSVReader.Record] {
        try records(Array(text.utf8), chunkSize: chunkSize)
    }

    static func records(_ bytes: [UInt8], chunkSize: Int = 64) throws -> [CSVReader.Record] {
        var reader = CSVReader(ChunkedReader(bytes: bytes, chunkSize: chunkSize))
        var records: [CSVReader.Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    static let tricky = "\u{FEFF}id,name,note\r\n1,\"Acme, Inc.\",\"says \"\"hi\"\"\"\r\n2,\"two\r\nlines\",x\r\n\r\n3,,\"\"\r\n4,last,no line break"

    @Test func quotesCommasDoubledQuotesAndLineBreaks() throws {
        let records = try Self.records(Self.tricky)
        #expect(records.map { $0.fields.map(\.value) } == [
            ["id", "name", "note"],
            ["1", "Acme, Inc.", "says \"hi\""],
            ["2", "two\r\nlines", "x"],
            [""],
            ["3", "", ""],
            ["4", "last", "no line break"],
        ])
        #expect(records.allSatisfy { $0.problem == nil })
        #expect(records.map(\.isBlank) == [false, false, false, true, false, false])
    }

    @Test func lineNumbersAreThoseOfEachRecordsFirstLine() throws {
        #expect(try Self.records(Self.tricky).map(\.line) == [1, 2, 3, 5, 6, 7])
    }

    @Test func theSameRecordsWhateverTheChunkSize() throws {
        let whole = try Self.records(Self.tricky, chunkSize: 1 << 16)
        for chunkSize in 1...9 {
            let chunked = try Self.records(Self.tricky, chunkSize: chunkSize)
            #expect(chunked.map(\.fields) == whole.map(\.fields), "chunk size \(chunkSize)")
            #expect(chunked.map(\.line) == whole.map(\.line), "chunk size \(chunkSize)")
            #expect(chunked.map(\.text) == whole.map(\.text), "chunk size \(chunkSize)")
        }
    }

    @Test func textAndFieldRangesLeaveOutTheLineBreak() throws {
        let records = try Self.records("a,\"b\"\"c\",d\r\nx\n")
        #expect(String(decoding: records[0].text, as: UTF8.self) == "a,\"b\"\"c\",d")
        #expect(records[0].fields.map(\.range) == [0..<1, 2..<8, 9..<10])
        #expect(records[0].fields.map(\.value) == ["a", "b\"c", "d"])
        #expect(records[1].fields.map(\.value) == ["x"])
    }

    @Test func quotingErrorsAreReportedAtTheirOffset() throws {
        let afterQuote = try Self.records("a,\"b\"c,d\nnext\n")
        #expect(afterQuote[0].problem?.offset == 5)
        #expect(afterQuote[0].problem?.message.hasPrefix("unexpected text after the closing quote") == true)
        #expect(afterQuote[1].fields.map(\.value) == ["next"])
        let unterminated = try Self.records("a\n1,\"open\nand on\n")
        #expect(unterminated.count == 2)
        #expect(unterminated[1].problem == .init(.unterminatedQuote, offset: 2))
        #expect(unterminated[1].problem?.code == "B0107")
    }

    @Test func invalidUTF8IsAProblem() throws {
        let records = try Self.records([0x61, 0x2C, 0x43, 0x68, 0xE2, 0x74, 0x0A])  // "a,Ch\u{E2}t" in Latin-1
        #expect(records[0].problem?.message == "the field is not valid UTF-8 text; save the file as CSV UTF-8")
        #expect(records[0].problem?.offset == 2)
    }

    @Test func aRecordLongerThanTheLimitIsCutToItsStartAndReadPast() throws {
        let text = "a,b\n1,0123456789\n2,\"x\ny\"\n3,\"a\nb\nccccc\"\r\n4,ok\n5,\"never closed\nmore\nmore\n"
        func records(_ chunkSize: Int) throws -> [CSVReader.Record] {
            var reader = CSVReader(ChunkedReader(bytes: Array(text.utf8), chunkSize: chunkSize), maximumLength: 8)
            var records: [CSVReader.Record] = []
            while let record = try reader.next() { records.append(record) }
            return records
        }
        let whole = try records(1 << 16)
        #expect(whole.map(\.line) == [1, 2, 3, 5, 8, 9])
        #expect(whole.map { $0.fields.map(\.value) } == [["a", "b"], [], ["2", "x\ny"], [], ["4", "ok"], []])
        #expect(whole.map { String(decoding: $0.text, as: UTF8.self) }
            == ["a,b", "1,012345", "2,\"x\ny\"", "3,\"a\nb\nc", "4,ok", "5,\"never"])
        #expect(whole.map(\.problem) == [
            nil,
            .init(.recordTooLong("the record is 12 bytes long, more than the 8 bytes a profile may take"), offset: 0),
            nil,
            .init(.recordTooLong("the record on lines 5 to 7 is 13 bytes long, more than the 8 bytes a profile may take"), offset: 0),
            nil,
            .init(.recordTooLong("the record on lines 9 to 11 is 26 bytes long, more than the 8 bytes a profile may take; a quoted field in it has no closing quote, so it runs to the end of the file"), offset: 0),
        ])
        for chunkSize in 1...9 {
            let chunked = try records(chunkSize)
            #expect(chunked.map(\.line) == whole.map(\.line), "chunk size \(chunkSize)")
            #expect(chunked.map(\.text) == whole.map(\.text), "chunk size \(chunkSize)")
            #expect(chunked.map(\.fields) == whole.map(\.fields), "chunk size \(chunkSize)")
            #expect(chunked.map(\.problem) == whole.map(\.problem), "chunk size \(chunkSize)")
        }
    }

    @Test func aFirstRecordWithSemicolonsButNoCommasMakesThemTheSeparator() throws {
        for chunkSize in [1, 2, 5, 64] {
            var reader = CSVReader(ChunkedReader(bytes: Array("\u{FEFF}id;\"a;b\"\r\n1;\"x\ny\";3,5\n".utf8), chunkSize: chunkSize))
            #expect(try reader.next()?.fields.map(\.value) == ["id", "a;b"], "chunk size \(chunkSize)")
            let row = try reader.next()
            #expect(row?.fields.map(\.value) == ["1", "x\ny", "3,5"], "chunk size \(chunkSize)")
            #expect(row?.line == 2 && row?.fields.map(\.range) == [0..<1, 2..<7, 8..<11], "chunk size \(chunkSize)")
            #expect(reader.separator == UInt8(ascii: ";"))
        }
        // Commas in the first record, or semicolons only after it, keep the comma.
        for text in ["id,a;b\n1,2;3\n", "id\n1;2\n"] {
            var reader = CSVReader(ChunkedReader(bytes: Array(text.utf8), chunkSize: 64))
            _ = try reader.next()
            #expect(try reader.next()?.fields.count == 2 - (text.hasPrefix("id,") ? 0 : 1))
            #expect(reader.separator == UInt8(ascii: ","))
        }
    }

    /// Found by the batch fuzz target: read with commas, `"id";"name"` has text after a closing
    /// quote, and that quoting problem kept the comma as the separator of a file that quotes its
    /// header (as R's write.csv2 and "quote all text cells" in spreadsheets write it).
    @Test func aQuotedHeaderWithSemicolonsMakesThemTheSeparator() throws {
        for chunkSize in [1, 2, 5, 64] {
            var reader = CSVReader(ChunkedReader(bytes: Array("\"id\";\"name\"\r\n\"1\";\"Acme; Inc.\";\"3,5\"\n".utf8), chunkSize: chunkSize))
            let header = try reader.next()
            #expect(header?.fields.map(\.value) == ["id", "name"], "chunk size \(chunkSize)")
            #expect(header?.problem == nil, "chunk size \(chunkSize)")
            #expect(try reader.next()?.fields.map(\.value) == ["1", "Acme; Inc.", "3,5"], "chunk size \(chunkSize)")
            #expect(reader.separator == UInt8(ascii: ";"))
        }
    }

    /// Found by fuzzing: a CR after a closing quote was skipped, so that a quote after it read as
    /// a doubled quote, `"a"<CR>"b"` as `a"b` without a problem.
    @Test func aQuoteAfterAClosingQuoteAndACRIsAProblem() throws {
        for chunkSize in [1, 3, 64] {
            let records = try Self.records("\"a\"\r\"b\",c\n\"a\"\r,b\r\n", chunkSize: chunkSize)
            #expect(records[0].problem?.offset == 4, "chunk size \(chunkSize)")
            #expect(records[0].problem?.message.hasPrefix("unexpected text after the closing quote") == true, "chunk size \(chunkSize)")
            // A CR alone after the closing quote is still ignored.
            #expect(records[1].fields.map(\.value) == ["a", "b"], "chunk size \(chunkSize)")
            #expect(records[1].problem == nil, "chunk size \(chunkSize)")
        }
    }

    /// A field's value is its text (as the batch fuzz target checks): the last field lost a CR of
    /// its own as well as the record's (`a<CR><CR>` LF read as `a`, while the record's text kept
    /// `a<CR>`), and a CR that ends the input was left in the record's text but not in the field.
    @Test func onlyTheLineBreaksCRIsLeftOut() throws {
        for chunkSize in [1, 2, 64] {
            let records = try Self.records("a\r\r\nb,\"c\"\r\nx,y\r", chunkSize: chunkSize)
            #expect(records.map { String(decoding: $0.text, as: UTF8.self) } == ["a\r", "b,\"c\"", "x,y"], "chunk size \(chunkSize)")
            #expect(records.map { $0.fields.map(\.value) } == [["a\r"], ["b", "c"], ["x", "y"]], "chunk size \(chunkSize)")
            #expect(records[2].fields.map(\.range) == [0..<1, 2..<3], "chunk size \(chunkSize)")
        }
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try Self.records("").isEmpty)
        #expect(try Self.records("\u{FEFF}").isEmpty)
    }

    /// Every record of `bytes` as `cxm batch` reads them: rows found by
    /// ``CSVReader/nextUnquoted()`` and split by ``CSVReader/Record/init(unquoted:line:separator:)``
    /// where it can, the others by ``CSVReader/next()``.
    /// Also returns how many were split so.
    static func recordsFoundThenSplit(_ bytes: [UInt8], chunkSize: Int) throws -> (records: [CSVReader.Record], split: Int) {
        var reader = CSVReader(ChunkedReader(bytes: bytes, chunkSize: chunkSize), maximumLength: 12)
        var records: [CSVReader.Record] = []
        var split = 0
        while true {
            if let (line, text) = try reader.nextUnquoted() {
                records.append(CSVReader.Record(unquoted: Array(text.bytes), line: line, separator: reader.separator))
                split += 1
            } else if let record = try reader.next() {
                records.append(record)
            } else {
                return (records, split)
            }
        }
    }

    /// The rows found and split apart from the reading are the records the reader reads, line
    /// numbers, texts, fields, ranges and problems alike, for seeded random inputs of quotes,
    /// separators of both kinds, CRs, comments, blank lines, long rows and bytes that are not
    /// UTF-8, in chunks of any size.
    @Test func rowsSplitApartFromTheReadingAreTheRecordsItReads() throws {
        var random = SplitMix64(seed: 10)
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x2C], [0x2C], [0x3B], [0x0A], [0x0A], [0x0D, 0x0A], [0x0D], [0x22], [0x23], [0x20],
                                   [0xC3, 0xA9], [0xFF], [0x31], [0x2E]]
        var split = 0
        for round in 0..<400 {
            let header: [UInt8] = round % 5 == 0 ? Array("x;y\n".utf8) : Array("x,y\n".utf8)
            var bytes = header
            for _ in 0..<Int.random(in: 0...60, using: &random) { bytes += alphabet.randomElement(using: &random)! }
            var plain = CSVReader(ChunkedReader(bytes: bytes, chunkSize: 1 << 16), maximumLength: 12)
            var whole: [CSVReader.Record] = []
            while let record = try plain.next() { whole.append(record) }
            for chunkSize in [1, 3, 7, 1 << 16] {
                let (records, count) = try Self.recordsFoundThenSplit(bytes, chunkSize: chunkSize)
                split += count
                let what = "round \(round), chunk size \(chunkSize): \(bytes)"
                #expect(records.map(\.line) == whole.map(\.line), "\(what)")
                #expect(records.map(\.text) == whole.map(\.text), "\(what)")
                #expect(records.map(\.fields) == whole.map(\.fields), "\(what)")
                #expect(records.map(\.valueRanges.count) == whole.map(\.valueRanges.count), "\(what)")
                #expect(records.map(\.problem) == whole.map(\.problem), "\(what)")
            }
        }
        #expect(split > 1_000, "rows split apart from the reading: \(split)")
    }
}

extension CSVReaderTests {
    /// Two copies of a reader share the memory the input is read into: reading on from a copy
    /// after the other read into it stops the process instead of overwriting the other's bytes.
    @Test func readingOnFromACopyOfAReaderThatReadOnTraps() async {
        await #expect(processExitsWith: .failure) {
            var reader = CSVReader(ChunkedReader(bytes: Array("a\nb\nc\nd\n".utf8), chunkSize: 2))
            _ = try? reader.next()
            var copy = reader
            while (try? reader.next()) != nil {}
            while (try? copy.next()) != nil {}
        }
    }
}

extension CSVReaderTests {
    /// Reads `bytes` as `cxm batch` does, in chunks of `chunkSize`, keeping every shared row
    /// alive until the input ends, then checks each record's line and text against those a
    /// reader that splits every record reads: shared rows are still their bytes however much
    /// was read after them. Returns how many rows were shared.
    @discardableResult
    static func expectSharedRowsKeepTheirBytes(_ bytes: [UInt8], chunkSize: Int, _ what: String) throws -> Int {
        var plain = CSVReader(ChunkedReader(bytes: bytes, chunkSize: 1 << 16))
        var whole: [CSVReader.Record] = []
        while let record = try plain.next() { whole.append(record) }
        var reader = CSVReader(ChunkedReader(bytes: bytes, chunkSize: chunkSize))
        var kept: [(line: Int, text: SharedBytes?, record: CSVReader.Record?)] = []
        while true {
            if let (line, text) = try reader.nextUnquoted() {
                kept.append((line, text, nil))
            } else if let record = try reader.next() {
                kept.append((record.line, nil, record))
            } else {
                break
            }
        }
        #expect(kept.map(\.line) == whole.map(\.line), "\(what), chunk size \(chunkSize)")
        let texts = kept.map { $0.text.map { Array($0.bytes) } ?? $0.record!.text }
        #expect(texts == whole.map(\.text), "\(what), chunk size \(chunkSize)")
        return kept.count { $0.text != nil }
    }

    /// Seeded random rows (plain, quoted with separators and line breaks, comments, blank lines,
    /// CRLF), some 500 of them, in chunks of 1, 3 and 7 bytes and more.
    @Test func sharedRowsKeepTheirBytesUntilTheInputEnds() throws {
        var random = SplitMix64(seed: 9)
        var bytes = Array("id,a,b\n".utf8)
        for row in 0..<500 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: bytes += Array("\"q\(row)\",\"x,\ny\",z\n".utf8)
            case 1: bytes += Array("# comment \(row)\n".utf8)
            case 2: bytes += [0x0A]
            case 3: bytes += Array("r\(row),c,d\r\n".utf8)
            default: bytes += Array("r\(row),\(String(repeating: "v", count: row % 37)),w\n".utf8)
            }
        }
        for chunkSize in [1, 3, 7, 500, 1 << 16] {
            let shared = try Self.expectSharedRowsKeepTheirBytes(bytes, chunkSize: chunkSize, "random rows")
            // (A row that starts where the buffer ends is read by next(): in small chunks, most.)
            #expect(chunkSize < 500 || shared > 250, "rows shared in chunks of \(chunkSize): \(shared)")
        }
    }

    /// Edge cases of shared rows: many plain rows before a quote far ahead of the buffer; a quote
    /// in a final row without a line break; the row after a quoted row of several lines; a quote
    /// right after a CR.
    static let edgeCases: [(String, String)] = [
        ("a quote far ahead", "x,y\n" + String(repeating: "a,b\n", count: 2000) + "\"q\",1\nc,d\n"),
        ("a quote in a final row", "x,y\na,b\nc,\"d\""),
        ("after a quoted row of lines", "x,y\n\"a\nb\nc\",d\ne,f\ng,h\n"),
        ("a quote after a CR", "x,y\na,b\r\"c\",d\ne,f\n"),
    ]

    @Test(arguments: edgeCases)
    func sharedRowsInEdgeCasesKeepTheirBytes(what: String, text: String) throws {
        for chunkSize in [1, 3, 7, 64, 1 << 16] {
            try Self.expectSharedRowsKeepTheirBytes(Array(text.utf8), chunkSize: chunkSize, what)
        }
    }
}
