/// Reads the common shape of a profile straight from the bytes of text cells under named
/// columns (a CSV row's), without making strings: option ids, multi-select cells of option ids
/// separated by `;` or `,` (or `none`; with a trailing `?`, the options known to apply),
/// numbers, yes/no, ASCII text and metadata. A cell is read as ``ProfileReader`` reads the same
/// text as a JSON string (trimmed of spaces and tabs, an empty cell a missing answer); anything
/// else (labels, positions, text beyond ASCII, an answer that does not fit its question) gives
/// `nil`, and the full reader reads the row and reports what is wrong with it, so the two always
/// agree.
public struct ProfileCells: Sendable {
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
            // Text beyond ASCII (labels, no-break spaces) is the full reader's.
            var profile = Profile(answers: Array(repeating: nil, count: keys.types.count))
            for (column, range) in zip(columns, cells) {
                let cell = trimmed(bytes[range])
                if cell.contains(where: { $0 < 0x20 || $0 >= 0x7F }) { return nil }
                switch column {
                case .ignored:
                    continue
                case .metadata(let key):
                    if !cell.isEmpty { profile.metadata[metadataKeys[key]] = String(decoding: cell, as: UTF8.self) }
                case .question(let slot):
                    if cell.isEmpty { continue }
                    if case .set(let type) = keys.types[slot], cell.last == UInt8(ascii: "?") {
                        guard let includes = options(in: knownPart(of: cell), type: type), includes != 0 else { return nil }
                        profile.store(PartialSet(type: type, includes: includes, excludes: 0), slot: slot, optionCount: keys.optionCounts[type])
                        continue
                    }
                    guard let answer = answer(cell, slot: slot) else { return nil }
                    profile.answers[slot] = answer
                }
            }
            return profile
        }
    }

    /// The answer in a cell that is not empty, of the question's type.
    private func answer(_ cell: Slice<UnsafeBufferPointer<UInt8>>, slot: Int) -> Value? {
        switch keys.types[slot] {
        case .option(let type):
            return keys.options[type].value(of: cell).map { .option(type: type, position: $0) }
        case .set(let type):
            if noneIsEmpty[type], cell.count == 4, cell.elementsEqual("none".utf8, by: { $0 | 0x20 == $1 }) { return .set(type: type, mask: 0) }
            return options(in: cell, type: type).map { .set(type: type, mask: $0) }
        case .boolean:
            // ASCII letters in any case: `| 0x20` makes an upper-case letter lower case.
            func reads(_ word: String) -> Bool { cell.elementsEqual(word.utf8, by: { $0 | 0x20 == $1 }) }
            if reads("true") || reads("yes") || reads("y") { return .boolean(true) }
            if reads("false") || reads("no") || reads("n") { return .boolean(false) }
            return nil
        case .number:
            // Plain decimal numbers; anything else (hexadecimal, `inf`) is the full reader's.
            guard cell.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 | 0x20 == UInt8(ascii: "e") }),
                  let number = DecimalBytes.value(of: cell), number.isFinite else { return nil }
            if let range = keys.ranges[slot], !range.contains(number) { return nil }
            return .number(number)
        case .text:
            return .text(String(decoding: cell, as: UTF8.self))
        case .list:
            return nil
        }
    }

    /// The options listed in a multi-select cell, separated by `;` if it has one, else by `,`;
    /// `nil` if an item is not an option's id.
    private func options(in cell: Slice<UnsafeBufferPointer<UInt8>>, type: OptionTypeID) -> UInt64? {
        let separator = cell.contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        guard separator == UInt8(ascii: ";") ? splitsAt[type].semicolons : splitsAt[type].commas || !cell.contains(separator) else { return nil }
        var mask: UInt64 = 0
        var start = cell.startIndex
        while start <= cell.endIndex {
            let end = cell[start...].firstIndex(of: separator) ?? cell.endIndex
            let item = trimmed(cell[start..<end])
            if !item.isEmpty {
                guard let position = keys.options[type].value(of: item) else { return nil }
                mask |= 1 << UInt64(position)
            }
            start = end + 1
        }
        return mask
    }

    /// What a partial multi-select cell (one that ends with `?`) lists as known to apply: the
    /// cell without the `?` and the separators and spaces before it (``PartialSet/knownPart(of:)``).
    private func knownPart(of cell: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var known = trimmed(cell.dropLast())
        while let last = known.last, last == UInt8(ascii: ";") || last == UInt8(ascii: ",") { known = trimmed(known.dropLast()) }
        return known
    }

    /// The bytes without leading and trailing spaces and tabs.
    private func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return slice
    }
}
