/// Reads the common shape of a profile straight from the bytes of text cells under named
/// columns (a CSV row's), without making strings: option ids, multi-select cells of option ids
/// separated by `;` or `,` (or `none`; with a trailing `?`, the options known to apply),
/// numbers, yes/no, ASCII text and metadata. A cell is read as ``ProfileReader`` reads the same
/// text as a JSON string (trimmed of spaces and tabs, an empty cell a missing answer); anything
/// else (labels, positions, text beyond ASCII, an answer that does not fit its question) gives
/// `nil`, and the full reader reads the row and reports what is wrong with it, so the two always
/// agree. A class, shared by the records of a file without copying its tables.
public final class ProfileCells: Sendable {
    private enum Column {
        /// A key the caller handles (a scenario's `expect`), or one whose cells are left out.
        case ignored
        /// A metadata key, by its place in `metadataKeys` (so that reading a column copies no
        /// string).
        case metadata(Int)
        case question(slot: Int)
    }

    private let columns: [Column]
    private let metadataKeys: [String]
    private let keys: ProfileKeys
    /// Per option type: whether its multi-select cells can be split at `;`, and at `,`, alone
    /// (no id, label or former id holds one, so no run of parts can name an option), and
    /// whether `none` names no option, so means no option.
    private let splitsAt: [(semicolons: Bool, commas: Bool)]
    private let noneIsEmpty: [Bool]

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
                read.append(.question(slot: reference.slot.index))
            } else {
                return nil
            }
        }
        self.columns = read
        self.metadataKeys = metadataKeys
        keys = ruleBase.profileKeys
        splitsAt = ruleBase.optionTypes.map { type in
            let names = type.options + type.labels + type.formerIds.keys
            return (!names.contains { $0.utf8.contains(UInt8(ascii: ";")) }, !names.contains { $0.utf8.contains(UInt8(ascii: ",")) })
        }
        noneIsEmpty = ruleBase.optionTypes.map { $0.position(of: "none") == nil }
    }

    /// The profile in a row: the cells' texts one after another in `values`, each cell at its
    /// range (one per column); `nil` where the full reader must read the row.
    public func read(_ values: [UInt8], cells: [Range<Int>]) -> Profile? {
        guard cells.count == columns.count else { return nil }
        return values.withUnsafeBufferPointer { bytes -> Profile? in
            var profile = Profile(answers: Array(repeating: nil, count: keys.types.count))
            for (column, range) in zip(columns, cells) {
                guard read(UnsafeBufferPointer(rebasing: bytes[range]), column: column, checked: false, into: &profile) else { return nil }
            }
            return profile
        }
    }

    /// The profile in the text of a CSV row that holds no quote and no line break, its cells
    /// separated by `separator`: what ``read(_:cells:)`` reads from the row split into its
    /// cells, read in one pass without splitting it first.
    public func read(row text: [UInt8], separator: UInt8) -> Profile? {
        text.withUnsafeBufferPointer { bytes -> Profile? in
            guard let base = bytes.baseAddress else { return nil }
            var profile = Profile(answers: Array(repeating: nil, count: keys.types.count))
            // A row of printable ASCII needs no check cell by cell.
            let printable = ByteScan.isPrintableASCII(bytes)
            var start = 0
            for (index, column) in columns.enumerated() {
                let end = ByteScan.first(separator, in: base, from: start, to: bytes.count)
                // The last cell ends the row, every other at a separator: a row with more or
                // fewer cells than columns is the full reader's to report.
                guard (end == bytes.count) == (index == columns.count - 1),
                      read(UnsafeBufferPointer(start: base + start, count: end - start), column: column, checked: printable, into: &profile) else { return nil }
                start = end + 1
            }
            return profile
        }
    }

    /// Reads one cell under its column into `profile` (`checked`: its bytes are known to be
    /// printable ASCII); `false` where the full reader must read the row.
    private func read(_ text: UnsafeBufferPointer<UInt8>, column: Column, checked: Bool, into profile: inout Profile) -> Bool {
        let cell = Self.trimmed(text)
        // Text beyond ASCII (labels, no-break spaces) and control characters are the full reader's.
        if !checked, !ByteScan.isPrintableASCII(cell) { return false }
        switch column {
        case .ignored:
            return true
        case .metadata(let key):
            if !cell.isEmpty { profile.metadata[metadataKeys[key]] = String(decoding: cell, as: UTF8.self) }
            return true
        case .question(let slot):
            if cell.isEmpty { return true }
            if case .set(let type) = keys.types[slot], cell[cell.count - 1] == UInt8(ascii: "?") {
                guard let includes = options(in: Self.knownPart(of: cell), type: type), includes != 0 else { return false }
                profile.store(PartialSet(type: type, includes: includes, excludes: 0), slot: slot, optionCount: keys.optionCounts[type])
                return true
            }
            guard let answer = answer(cell, slot: slot) else { return false }
            profile.answers[slot] = answer
            return true
        }
    }

    /// The answer in a cell that is not empty, of the question's type.
    private func answer(_ cell: UnsafeBufferPointer<UInt8>, slot: Int) -> Value? {
        switch keys.types[slot] {
        case .option(let type):
            return keys.options.value(of: cell, group: type.index).map { .option(type: type, position: $0) }
        case .set(let type):
            if noneIsEmpty[type], Self.reads(cell, "none") { return .set(type: type, mask: 0) }
            return options(in: cell, type: type).map { .set(type: type, mask: $0) }
        case .boolean:
            if Self.reads(cell, "true") || Self.reads(cell, "yes") || Self.reads(cell, "y") { return .boolean(true) }
            if Self.reads(cell, "false") || Self.reads(cell, "no") || Self.reads(cell, "n") { return .boolean(false) }
            return nil
        case .number:
            // Plain decimal numbers; anything else (hexadecimal, `inf`) is the full reader's.
            guard cell.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 | 0x20 == UInt8(ascii: "e") }),
                  let number = DecimalBytes.value(of: cell[...]), number.isFinite else { return nil }
            if let range = keys.ranges[slot], !range.contains(number) { return nil }
            return .number(number)
        case .text:
            return .text(String(decoding: cell, as: UTF8.self))
        case .list:
            return nil
        }
    }

    /// Whether the cell is `word` (lower-case ASCII letters), in any case: `| 0x20` makes an
    /// upper-case letter lower case.
    private static func reads(_ cell: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard cell.count == word.utf8CodeUnitCount else { return false }
        for index in 0..<cell.count where cell[index] | 0x20 != word.utf8Start[index] { return false }
        return true
    }

    /// The options listed in a multi-select cell, separated by `;` if it has one, else by `,`;
    /// `nil` if an item is not an option's id.
    private func options(in cell: UnsafeBufferPointer<UInt8>, type: OptionTypeID) -> UInt64? {
        let separator = cell.contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        guard separator == UInt8(ascii: ";") ? splitsAt[type].semicolons : splitsAt[type].commas || !cell.contains(separator) else { return nil }
        var mask: UInt64 = 0
        var start = 0
        guard let base = cell.baseAddress else { return 0 }
        while start <= cell.count {
            let end = ByteScan.first(separator, in: base, from: start, to: cell.count)
            let item = Self.trimmed(UnsafeBufferPointer(rebasing: cell[start..<end]))
            if !item.isEmpty {
                guard let position = keys.options.value(of: item, group: type.index) else { return nil }
                mask |= 1 << UInt64(position)
            }
            start = end + 1
        }
        return mask
    }

    /// What a partial multi-select cell (one that ends with `?`) lists as known to apply: the
    /// cell without the `?` and the separators and spaces before it (``PartialSet/knownPart(of:)``).
    private static func knownPart(of cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var known = trimmed(UnsafeBufferPointer(rebasing: cell.dropLast()))
        while let last = known.last, last == UInt8(ascii: ";") || last == UInt8(ascii: ",") {
            known = trimmed(UnsafeBufferPointer(rebasing: known.dropLast()))
        }
        return known
    }

    /// The bytes without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var (start, end) = (0, bytes.count)
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
