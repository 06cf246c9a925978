import CXMRules

/// The `csv` format's rows, written straight as bytes (with a ``ByteWriter``): option ids from
/// byte texts made once (``CSVTexts``), numbers formatted from their digits as
/// ``formatNumber(_:)`` formats them, and
/// free text (ids, text answers) quoted and guarded as ``csvField(_:)`` and ``csvText(_:)``
/// decide, on Unicode scalars, wherever it is not plain ASCII.
extension BatchFormatter {
    /// The bytes of the options' ids, made once per formatter: all in one array, so that
    /// writing one copies its bytes and counts no reference.
    struct CSVTexts: Sendable {
        /// Every option's id, type after type.
        let bytes: [UInt8]
        /// Where each option's id starts in `bytes`, type after type, and where the last ends.
        let starts: [Int]
        /// Per option type, where its first option is in `starts`.
        let firstOption: [Int]
        /// Per option type, whether a cell of its ids is written as it is: no id holds a byte
        /// that makes a cell quoted (`,`, `"`, CR, LF).
        let plain: [Bool]

        init(_ optionTypes: [OptionType]) {
            let ids = optionTypes.flatMap(\.options)
            bytes = ids.flatMap(\.utf8)
            starts = ids.reduce(into: [0]) { $0.append($0.last! + $1.utf8.count) }
            firstOption = optionTypes.reduce(into: [0]) { $0.append($0.last! + $1.options.count) }.dropLast()
            plain = optionTypes.map { !$0.options.joined().utf8.contains { BatchFormatter.quotes($0) } }
        }

        /// Appends the id of the option at `position` of the type whose first option is `first`.
        func append(_ first: Int, _ position: Int, to out: inout ByteWriter) {
            let (start, end) = (starts[first + position], starts[first + position + 1])
            bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }
    }

    /// Whether a byte makes a CSV cell quoted; those four are ASCII, and no byte of a longer
    /// UTF-8 sequence is, so the bytes tell.
    static func quotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    /// Appends a row as CSV.
    func writeCSVRow(_ row: BatchRow, into out: inout ByteWriter) {
        writeCSVText(row.id, into: &out)
        for value in row.values {
            out.append(UInt8(ascii: ","))
            writeCSVCell(value, into: &out)
        }
        out.append(UInt8(ascii: ","))
        out.append(integer: row.recommendations)
        out.append(UInt8(ascii: ","))
        out.append(integer: row.warnings)
        out.append(UInt8(ascii: ","))
        for (index, question) in row.missingAnswers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ";")) }
            out.append(question)
        }
        for open in row.open {
            out.append(UInt8(ascii: ","))
            if let open { writeCSVCandidates(open, into: &out) }
        }
        out.append(0x0D, 0x0A)
    }

    /// Free text as a cell: as it is where it is printable ASCII without `,` or `"` (after a
    /// `'` where it starts a formula), which is what ``csvField(_:)`` and ``csvText(_:)`` make
    /// of such text; through them otherwise.
    func writeCSVText(_ text: String, into out: inout ByteWriter) {
        var text = text
        let written = text.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !Self.quotes($0) }) else { return false }
            if let first = utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") {
                out.append(UInt8(ascii: "'"))
            }
            out.append(utf8)
            return true
        }
        if !written { out.append(csvField(csvText(text))) }
    }

    /// A value as a cell: options as their ids, lists and sets as ids separated by `;`, unknown
    /// (or a number that is not finite) as nothing.
    func writeCSVCell(_ value: Value?, into out: inout ByteWriter) {
        switch value {
        case nil:
            return
        case .number(let number)?:
            if number.isFinite { out.append(number: number) }
        case .text(let text)?:
            writeCSVText(text, into: &out)
        case .boolean(let flag)?:
            out.append(ascii: flag ? "true" : "false")
        case .option(let type, let position)?:
            writeIDs(type, CollectionOfOne(position), into: &out)
        case .set(let type, let mask)?:
            writeIDs(type, mask: mask, into: &out)
        case .list(let type, let positions)?:
            writeIDs(type, positions, into: &out)
        }
    }

    /// The ids of options of a type, separated by `;`, as a cell (quoted if an id needs it).
    private func writeIDs(_ type: OptionTypeID, _ positions: some Collection<Int>, into out: inout ByteWriter) {
        guard csvTexts.plain[type.index] else {
            out.append(csvField(positions.map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ";")))
            return
        }
        let firstOption = csvTexts.firstOption[type.index]
        var first = true
        for position in positions {
            if !first { out.append(UInt8(ascii: ";")) }
            first = false
            csvTexts.append(firstOption, position, to: &out)
        }
    }

    /// ``writeIDs(_:_:into:)`` for the options in a mask, lowest first, without a sequence on the way.
    private func writeIDs(_ type: OptionTypeID, mask: UInt64, into out: inout ByteWriter) {
        guard csvTexts.plain[type.index] else {
            out.append(csvField(csvIDs(type, mask)))
            return
        }
        let firstOption = csvTexts.firstOption[type.index]
        var rest = mask
        while rest != 0 {
            if rest != mask { out.append(UInt8(ascii: ";")) }
            csvTexts.append(firstOption, rest.trailingZeroBitCount, to: &out)
            rest &= rest - 1
        }
    }

    /// What a value can still be, as a cell: option ids (or `true`, `false`) separated by `;`,
    /// a set's or list's possible members, or a number's `LOW..HIGH`; `unknown` joins them
    /// where it can stay unknown.
    func writeCSVCandidates(_ open: PossibleValue, into out: inout ByteWriter) {
        let start = out.count
        switch open.known {
        case .options(let type, let mask)?, .sets(let type, _, let mask)?, .lists(let type, _, _, let mask)?:
            guard csvTexts.plain[type.index] else {
                out.append(csvField(csvIDs(type, mask) + (open.canBeUnknown ? (mask == 0 ? "unknown" : ";unknown") : "")))
                return
            }
            writeIDs(type, mask: mask, into: &out)
        case .booleans(let f, let t)?:
            if f { out.append(ascii: "false") }
            if t { out.append(ascii: f ? ";true" : "true") }
        case .numbers(let low, let high)?:
            if low.isFinite { out.append(number: low) }
            out.append(UInt8(ascii: "."), UInt8(ascii: "."))
            if high.isFinite { out.append(number: high) }
        case .text?, .anything?, nil:
            break
        }
        if open.canBeUnknown { out.append(ascii: out.count > start ? ";unknown" : "unknown") }
    }

    /// The positions of the options in a mask, lowest first.
    static func positions(_ mask: UInt64) -> UnfoldSequence<Int, UInt64> {
        sequence(state: mask) { rest in
            guard rest != 0 else { return nil }
            defer { rest &= rest - 1 }
            return rest.trailingZeroBitCount
        }
    }

    /// The ids of the options in `mask`, separated by `;`.
    func csvIDs(_ type: OptionTypeID, _ mask: UInt64) -> String {
        Self.positions(mask).map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ";")
    }

    /// Free text, without control characters (``Swift/String/printable()``) and kept from being
    /// run as a spreadsheet formula: prefixed with `'` when its first Unicode scalar starts one
    /// (a combining mark after `=` makes another character, but the same formula).
    func csvText(_ text: String) -> String {
        let text = text.printable()
        guard let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// A field, quoted when it holds a comma, a quote or a line break, decided and escaped on
    /// Unicode scalars, as CSV readers read them (`"` or `,` with a combining mark after it is
    /// still a quote or a comma).
    func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: Self.quotes) else { return text }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }
}
