extension RuleBase {
    /// How reports show a value left unknown because a computation on the way gave an infinite
    /// number or none (see ``QuestionSet/overflows``).
    public var unknownBecauseOfOverflow: String { "unknown (the computation overflows)" }

    /// Shows a value the way people read it: option labels, numbers with up to two decimals.
    public func display(_ value: Value?) -> String {
        display(value, separator: ", ")
    }

    /// Shows a value as ``display(_:)`` does, but with several options joined by "; ", as labels
    /// may hold commas ("Email, phone or chat"): what explanations and
    /// what-if analyses show.
    public func inWords(_ value: Value?) -> String {
        display(value, separator: "; ")
    }

    /// The value of a slot as ``inWords(_:)`` shows it, but a missing answer to a question is
    /// "not answered".
    public func inWords(_ value: Value?, of slot: SlotID) -> String {
        value == nil && slot.index < questionCount ? "not answered" : inWords(value)
    }

    private func display(_ value: Value?, separator: String) -> String {
        guard let value else { return "unknown" }
        switch value {
        case .boolean(let flag): return flag ? "yes" : "no"
        case .number(let number): return formatNumber(number)
        case .text(let text): return text
        case .option(let type, let position): return optionTypes[type].labels[position]
        case .set(let type, let mask):
            let labels = optionTypes[type].labels.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { optionTypes[type].labels[$0] }
            return labels.isEmpty ? "none" : labels.joined(separator: separator)
        case .list(let type, let positions):
            return positions.isEmpty ? "none" : positions.map { optionTypes[type].labels[$0] }.joined(separator: separator)
        }
    }

    /// Shows a partial answer: "Sales, Service, and perhaps others (not Marketing)".
    public func display(_ partial: PartialSet) -> String {
        let labels = optionTypes[partial.type].labels
        func named(_ mask: UInt64) -> [String] { labels.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { labels[$0] } }
        let (known, excluded) = (named(partial.includes), named(partial.excludes))
        return (known.isEmpty ? "perhaps some" : known.joined(separator: ", ") + ", and perhaps others")
            + (excluded.isEmpty ? "" : " (not " + excluded.joined(separator: ", ") + ")")
    }

    /// Shows a value the way rule files write it: option ids.
    public func identifier(_ value: Value?) -> String {
        identifier(value, after: "")
    }

    /// `prefix` followed by the value as ``identifier(_:)`` shows it, written at once: how
    /// traces show what a condition expects (`in {sales, service}`), many times each.
    func identifier(_ value: Value?, after prefix: String) -> String {
        switch value {
        case .set(let type, let mask)?:
            let options = optionTypes[type].options
            return RuleBase.joined(prefix, MaskPositions(mask).lazy.map { options[$0] }, open: "{", close: "}")
        case .list(let type, let positions)?:
            let options = optionTypes[type].options
            return RuleBase.joined(prefix, positions.lazy.map { options[$0] }, open: "[", close: "]")
        case .option(let type, let position)?: return RuleBase.prefixed(prefix, optionTypes[type].options[position])
        case .boolean(let flag)?: return RuleBase.prefixed(prefix, flag ? "true" : "false")
        case .text(let text)?: return RuleBase.joined(prefix, CollectionOfOne(text), open: "\"", close: "\"")
        case .number?: return RuleBase.prefixed(prefix, display(value))
        case nil: return RuleBase.prefixed(prefix, "unknown")
        }
    }

    /// `prefix` followed by `text` (`text` itself when there is no prefix).
    private static func prefixed(_ prefix: String, _ text: String) -> String {
        prefix.isEmpty ? text : prefix + text
    }

    /// `prefix`, `open`, the `items` joined by ", ", and `close`, copied into a string of the
    /// right size: one allocation at most, where appending a set's options one by one takes
    /// several (for a single short text, `+` is quicker).
    private static func joined(_ prefix: String, _ items: some Sequence<String>, open: String = "", close: String = "") -> String {
        var length = prefix.utf8.count + open.utf8.count + close.utf8.count
        for (index, item) in items.enumerated() { length += item.utf8.count + (index > 0 ? 2 : 0) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = 0
            func write(_ text: String) { end = buffer[end...].initialize(fromContentsOf: text.utf8) }
            write(prefix)
            write(open)
            for (index, item) in items.enumerated() {
                if index > 0 { write(", ") }
                write(item)
            }
            write(close)
            return end
        }
    }
}

/// The positions of the bits set in a mask, ascending.
private struct MaskPositions: Sequence, IteratorProtocol {
    var rest: UInt64

    init(_ mask: UInt64) { rest = mask }

    mutating func next() -> Int? {
        guard rest != 0 else { return nil }
        defer { rest &= rest - 1 }
        return rest.trailingZeroBitCount
    }
}
