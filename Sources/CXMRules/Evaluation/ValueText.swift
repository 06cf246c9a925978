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
        guard let value else { return "unknown" }
        switch value {
        case .option(let type, let position): return optionTypes[type].options[position]
        case .set(let type, let mask):
            // Written at once, without arrays: traces show many sets.
            var text = "{"
            var rest = mask
            while rest != 0 {
                if text.utf8.count > 1 { text += ", " }
                text += optionTypes[type].options[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            return text + "}"
        case .list(let type, let positions):
            var text = "["
            for (index, position) in positions.enumerated() {
                if index > 0 { text += ", " }
                text += optionTypes[type].options[position]
            }
            return text + "]"
        case .boolean(let flag): return flag ? "true" : "false"
        case .text(let text): return "\"\(text)\""
        case .number: return display(value)
        }
    }
}
