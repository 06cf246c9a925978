/// Reads the common shape of a profile straight from the bytes of text cells under named
/// columns (a CSV row's), without making strings: option ids, multi-select cells of option ids
/// separated by `;` or `,` (or `none`; with a trailing `?`, the options known to apply),
/// numbers, yes/no, ASCII text and metadata. A cell is read as ``ProfileReader`` reads the same
/// text as a JSON string (trimmed of spaces and tabs, an empty cell a missing answer); anything
/// else (labels, positions, text beyond ASCII, an answer that does not fit its question) gives
/// `nil`, and the full reader reads the row and reports what is wrong with it, so the two always
/// agree. A class, shared by the records of a file without copying its tables.
public final class ProfileCells: Sendable {
    /// How a column's cells are read, worked out once from the header.
    private enum Column {
        /// A key the caller handles (a scenario's `expect`), or one whose cells are left out.
        case ignored
        /// A metadata key, by its place in `metadataKeys` (so that reading a column copies no
        /// string).
        case metadata(Int)
        case option(slot: Int, type: OptionTypeID)
        /// A multi-select question, with whether its cells can be split at `;`, and at `,`,
        /// alone (no id, label or former id of its options holds one, so no run of parts can
        /// name an option), and whether `none` names no option, so means no option.
        case set(slot: Int, type: OptionTypeID, semicolons: Bool, commas: Bool, noneIsEmpty: Bool)
        case boolean(slot: Int)
        case number(slot: Int, range: ClosedRange<Double>?)
        case text(slot: Int)
        /// A question whose answers are the full reader's to read (a list).
        case other(slot: Int)

        /// The question whose answers the column holds, if it holds answers.
        var slot: Int? {
            switch self {
            case .ignored, .metadata: return nil
            case .option(let slot, _), .set(let slot, _, _, _, _), .boolean(let slot), .number(let slot, _), .text(let slot), .other(let slot): return slot
            }
        }
    }

    private let columns: [Column]
    private let metadataKeys: [String]
    private let questionCount: Int
    /// The questions no column answers, whose answers a profile read again is cleared of.
    private let unanswered: [Int]
    /// Option ids by option type.
    private let options: NameTable
    private let optionCounts: [Int]

    /// The reader of rows under `columns` (the names in a header row), or `nil` when some column
    /// needs the full reader for every row: the rules' version, or a question's former id.
    public init?(columns: [String], ruleBase: RuleBase, allowing: Set<String> = []) {
        var read: [Column] = []
        var metadataKeys: [String] = []
        for name in columns {
            if allowing.contains(name) {
                read.append(.ignored)
            } else if name == ProfileReader.versionKey {
                return nil
            } else if ruleBase.profileFormat.metadataKeys.contains(name) {
                read.append(.metadata(metadataKeys.count))
                metadataKeys.append(name)
            } else if let reference = ruleBase.question(named: name), reference.former == nil {
                read.append(Self.column(slot: reference.slot.index, ruleBase: ruleBase))
            } else {
                return nil
            }
        }
        self.columns = read
        self.metadataKeys = metadataKeys
        questionCount = ruleBase.questionCount
        let answered = Set(read.compactMap(\.slot))
        unanswered = (0..<questionCount).filter { !answered.contains($0) }
        options = ruleBase.profileKeys.options
        optionCounts = ruleBase.profileKeys.optionCounts
    }

    /// How the cells of the question in `slot` are read.
    private static func column(slot: Int, ruleBase: RuleBase) -> Column {
        switch ruleBase.profileKeys.types[slot] {
        case .option(let type):
            return .option(slot: slot, type: type)
        case .set(let type):
            let options = ruleBase.optionTypes[type]
            let names = options.options + options.labels + options.formerIds.keys
            return .set(slot: slot, type: type, semicolons: !names.contains { holds($0, UInt8(ascii: ";")) },
                        commas: !names.contains { holds($0, UInt8(ascii: ",")) }, noneIsEmpty: options.position(of: "none") == nil)
        case .boolean:
            return .boolean(slot: slot)
        case .number:
            return .number(slot: slot, range: ruleBase.profileKeys.ranges[slot])
        case .text:
            return .text(slot: slot)
        case .list:
            return .other(slot: slot)
        }
    }

    /// Whether `name` holds `byte`, searched in its UTF-8 storage (each thread of a batch makes
    /// its reader of rows, and a byte at a time through `utf8` cost ten times as much).
    private static func holds(_ name: String, _ byte: UInt8) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? name.utf8.contains(byte)
    }

    /// The profile in a row: the cells' texts one after another in `values`, each cell at its
    /// range (one per column); `nil` where the full reader must read the row.
    public func read(_ values: [UInt8], cells: [Range<Int>]) -> Profile? {
        var profile = Profile(unanswered: questionCount)
        return read(values, cells: cells, into: &profile) ? profile : nil
    }

    /// Reads the profile in a row, as ``read(_:cells:)`` does, into `profile`, reusing its
    /// storage; `false` where the full reader must read the row (`profile` is then unfinished).
    public func read(_ values: [UInt8], cells: [Range<Int>], into profile: inout Profile) -> Bool {
        guard cells.count == columns.count else { return false }
        return reading(into: &profile) { answers, profile in
            values.withUnsafeBufferPointer { bytes -> Bool in
                for (column, range) in zip(columns, cells) {
                    guard read(range, of: bytes, column: column, into: answers, &profile) else { return false }
                }
                return true
            }
        }
    }

    /// The profile in the text of a CSV row that holds no quote and no line break, its cells
    /// separated by `separator`: what ``read(_:cells:)`` reads from the row split into its
    /// cells, read in one pass without splitting it first.
    public func read(row text: [UInt8], separator: UInt8) -> Profile? {
        var profile = Profile(unanswered: questionCount)
        return read(row: text, separator: separator, into: &profile) ? profile : nil
    }

    /// Reads the profile in a row, as ``read(row:separator:)`` does, into `profile`, reusing its
    /// storage (a batch's thread reads every row into one profile and allocates nothing for
    /// it); `false` where the full reader must read the row (`profile` is then unfinished).
    public func read(row text: [UInt8], separator: UInt8, into profile: inout Profile) -> Bool {
        text.withUnsafeBufferPointer { read(row: $0, separator: separator, into: &profile) }
    }

    /// Reads the profile in a row, as ``read(row:separator:into:)`` does, from the row's bytes
    /// where they are (a batch's rows stay in the memory the input was read into).
    public func read(row bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, into profile: inout Profile) -> Bool {
        reading(into: &profile) { answers, profile in
            options.withTables { tables -> Bool in
                guard !bytes.isEmpty, let base = bytes.baseAddress else { return false }
                var separators = SeparatorScan(bytes, from: 0, to: bytes.count)
                var start = 0
                for (index, column) in columns.enumerated() {
                    var end: Int
                    switch column {
                    // Cells of option ids, the most common, are read here, straight: an id is
                    // ASCII letters, digits and `_`, so a cell that reads as ids needs neither
                    // trimming nor checking. Any other cell (`none`, a partial answer, a label,
                    // spaces) is read again as a whole, as below.
                    case .set(let slot, let type, let semicolons, let commas, _):
                        let mask: UInt64?
                        (mask, end) = options(from: start, &separators, endingAt: separator, trimming: false, in: bytes, ids: tables[type.index],
                                              semicolons: semicolons, commas: commas)
                        if let mask, mask != 0 {
                            answers[slot] = .set(type: type, mask: mask)
                            break
                        }
                        // An empty cell is a missing answer.
                        if end == start {
                            answers[slot] = nil
                            break
                        }
                        guard read(start..<end, of: bytes, column: column, into: answers, &profile) else { return false }
                    default:
                        end = separators.next()
                        while end < bytes.count, base[end] != separator { end = separators.next() }
                        if case .option(let slot, let type) = column {
                            if end == start {
                                answers[slot] = nil
                                break
                            }
                            if let position = options.value(of: Range(uncheckedBounds: (start, end)), in: bytes, table: tables[type.index]) {
                                answers[slot] = .option(type: type, position: position)
                                break
                            }
                        }
                        guard read(start..<end, of: bytes, column: column, into: answers, &profile) else { return false }
                    }
                    // The last cell ends the row, every other at a separator: a row with more or
                    // fewer cells than columns is the full reader's to report.
                    if end == bytes.count { return index == columns.count - 1 }
                    start = end &+ 1
                }
                return false
            }
        }
    }

    /// Reads into `profile`, made ready to read another into: `read` writes the answers through
    /// a pointer (with no check per answer that their storage is the profile's alone), while
    /// they are out of the profile, and anything else into the profile.
    @inline(__always)
    private func reading(into profile: inout Profile, _ read: (Answers, inout Profile) -> Bool) -> Bool {
        profile.reuse(questions: questionCount, clearing: unanswered, keepingMetadata: metadataKeys.count == 1)
        var answers: [Value?] = []
        swap(&answers, &profile.answers)
        defer { swap(&answers, &profile.answers) }
        return answers.withUnsafeMutableBufferPointer { read(Answers(base: $0.baseAddress!), &profile) }
    }

    /// The answers of the profile being read, in place, each stored with ``Profile/store(_:at:)``.
    private struct Answers {
        let base: UnsafeMutablePointer<Value?>

        subscript(slot: Int) -> Value? {
            get { base[slot] }
            nonmutating set { Profile.store(newValue, at: base + slot) }
        }
    }

    /// Reads the cell at `text` in `bytes` under its column into `answers`, or into `profile`
    /// (metadata, partial answers); `false` where the full reader must read the row.
    private func read(_ text: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, column: Column, into answers: Answers,
                      _ profile: inout Profile) -> Bool {
        let cell = Self.trimmed(text, in: bytes)
        // Text beyond ASCII (labels, no-break spaces) and control characters are the full reader's.
        if !ByteScan.isPrintableASCII(UnsafeBufferPointer(rebasing: bytes[cell])) { return false }
        switch column {
        case .ignored:
            return true
        case .metadata(let key):
            let value = cell.isEmpty ? nil : String(decoding: bytes[cell], as: UTF8.self)
            if metadataKeys.count == 1 {
                profile.setOnlyMetadata(metadataKeys[key], value)
            } else if let value {
                profile.metadata[metadataKeys[key]] = value
            }
            return true
        case _ where cell.isEmpty:
            if let slot = column.slot { answers[slot] = nil }
            return true
        case .option(let slot, let type):
            guard let position = options.value(of: cell, in: bytes, group: type.index) else { return false }
            answers[slot] = .option(type: type, position: position)
        case .set(let slot, let type, let semicolons, let commas, let noneIsEmpty):
            if bytes[cell.upperBound - 1] == UInt8(ascii: "?") {
                guard let includes = options(in: Self.knownPart(of: cell, in: bytes), of: bytes, type: type, semicolons: semicolons, commas: commas),
                      includes != 0 else { return false }
                answers[slot] = nil
                Profile.store(PartialSet(type: type, includes: includes, excludes: 0), slot: slot, optionCount: optionCounts[type],
                              answer: &answers[slot], partials: &profile.partial)
                return true
            }
            if noneIsEmpty, Self.reads(cell, of: bytes, "none") {
                answers[slot] = .set(type: type, mask: 0)
                return true
            }
            guard let mask = options(in: cell, of: bytes, type: type, semicolons: semicolons, commas: commas) else { return false }
            answers[slot] = .set(type: type, mask: mask)
        case .boolean(let slot):
            if Self.reads(cell, of: bytes, "true") || Self.reads(cell, of: bytes, "yes") || Self.reads(cell, of: bytes, "y") {
                answers[slot] = .boolean(true)
            } else if Self.reads(cell, of: bytes, "false") || Self.reads(cell, of: bytes, "no") || Self.reads(cell, of: bytes, "n") {
                answers[slot] = .boolean(false)
            } else {
                return false
            }
        case .number(let slot, let range):
            // Plain decimal numbers; anything else (hexadecimal, `inf`) is the full reader's.
            guard bytes[cell].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 | 0x20 == UInt8(ascii: "e") }),
                  let number = DecimalBytes.value(of: bytes[cell]), number.isFinite, range?.contains(number) ?? true else { return false }
            answers[slot] = .number(number)
        case .text(let slot):
            answers[slot] = .text(String(decoding: bytes[cell], as: UTF8.self))
        case .other:
            return false
        }
        return true
    }

    /// Whether the cell is `word` (lower-case ASCII letters), in any case: `| 0x20` makes an
    /// upper-case letter lower case.
    private static func reads(_ cell: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard cell.count == word.utf8CodeUnitCount else { return false }
        for index in 0..<cell.count where bytes[cell.lowerBound + index] | 0x20 != word.utf8Start[index] { return false }
        return true
    }

    /// The options listed in a multi-select cell, separated by `;` if it has one, else by `,`;
    /// `nil` if an item is not an option's id, or if the cell may be split only where it has
    /// neither (`semicolons`, `commas`: whether a `;`, a `,` can only separate items).
    private func options(in cell: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, type: OptionTypeID, semicolons: Bool, commas: Bool) -> UInt64? {
        guard !cell.isEmpty else { return 0 }
        var separators = SeparatorScan(bytes, from: cell.lowerBound, to: cell.upperBound)
        // A `;` or `,` in the cell separates items, none ends it: 0 is neither.
        return options(from: cell.lowerBound, &separators, endingAt: 0, trimming: true, in: bytes, ids: options.table(of: type.index), semicolons: semicolons,
                       commas: commas).mask
    }

    /// The options listed in the multi-select cell from `start`, its items (`trimming`: trimmed)
    /// taken between the places `separators` gives out, to where the cell ends (at `separator`,
    /// or the end of the scan), and looked up in `ids` (their option type's table): as
    /// ``options(in:of:type:semicolons:commas:)`` says, and where the cell ends.
    ///
    /// Items are taken between any `;` and `,` in one pass; a cell with both holds an item with
    /// a `,` when split at `;`, which is not an id, or is left to the full reader if it is.
    @inline(__always)
    private func options(from start: Int, _ separators: inout SeparatorScan, endingAt separator: UInt8, trimming: Bool, in bytes: UnsafeBufferPointer<UInt8>,
                         ids: NameTable.Group, semicolons: Bool, commas: Bool) -> (mask: UInt64?, end: Int) {
        var mask: UInt64 = 0
        var known = true
        // The separators met in the cell, OR-ed together: `;`, `,`, or (both) 0x3F.
        var met: UInt8 = 0
        var start = start
        while true {
            let end = separators.next()
            if known {
                let item = trimming ? Self.trimmed(start..<end, in: bytes) : Range(uncheckedBounds: (start, end))
                if !item.isEmpty {
                    if let position = options.value(of: item, in: bytes, table: ids) { mask |= 1 &<< UInt64(truncatingIfNeeded: position) } else { known = false }
                }
            }
            guard end < separators.end, bytes[end] != separator else {
                switch met {
                case _ where !known: return (nil, end)
                case 0: return (mask, end)
                case UInt8(ascii: ";"): return (semicolons ? mask : nil, end)
                case UInt8(ascii: ","): return (commas ? mask : nil, end)
                default: return (nil, end)
                }
            }
            met |= bytes[end]
            start = end &+ 1
        }
    }

    /// What a partial multi-select cell (one that ends with `?`) lists as known to apply: the
    /// cell without the `?` and the separators and spaces before it (``PartialSet/knownPart(of:)``).
    private static func knownPart(of cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var known = trimmed(cell.dropLast(), in: bytes)
        while let last = known.last, bytes[last] == UInt8(ascii: ";") || bytes[last] == UInt8(ascii: ",") {
            known = trimmed(known.dropLast(), in: bytes)
        }
        return known
    }

    /// The range without leading and trailing spaces and tabs (`<= 0x20` first: most bytes
    /// are neither, and one comparison says so).
    @inline(__always)
    private static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end, bytes[start] <= 0x20, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }
}
