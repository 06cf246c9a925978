extension RuleBase {
    /// The sentence that says a headline value in the summary (its `headline "…"`), with each
    /// value as reports show it (see ``Possibilities/settle(_:)``): a value that is unknown
    /// names the values still possible ("High or Severe"), and a value that missing answers
    /// could change what else it could be ("High (could be Severe)"; for a value that is not
    /// itself a headline value, briefly: see ``valueInWords(_:_:of:inParentheses:briefly:)``).
    /// `nil` when the rules give the value no sentence, or when a value it names is not known
    /// yet, or is unknown and not itself a headline value: a sentence about values that are not
    /// known reads badly, and the summary says the value alone instead.
    public func summarySentence(of slot: SlotID, outcomes: [Outcome], possible: Possibilities) -> String? {
        guard let sentence = values[slot.index].headlineSentence else { return nil }
        var text = ""
        for (index, piece) in sentence.pieces.enumerated() {
            switch piece {
            case .literal(let literal): text += literal
            case .slot(let slot):
                guard outcomes[slot].value != nil || values[slot].headline else { return nil }
                // "(High, could be Severe)" rather than "(High (could be Severe))".
                let next = sentence.pieces.dropFirst(index + 1).first
                var inParentheses = false
                if text.hasSuffix("("), case .literal(let after)? = next, after.hasPrefix(")") { inParentheses = true }
                let words = valueInWords(outcomes[slot], possible.values[slot], of: SlotID(slot), inParentheses: inParentheses,
                                         briefly: !values[slot].headline)
                guard words != RuleBase.notKnownYet else { return nil }
                text += words
            }
        }
        return text
    }

    /// A value in words for a summary: known and settled, known but open ("3 (could be 2 to
    /// 4)", or "3, could be 2 to 4" where the value stands `inParentheses` already), or unknown
    /// (the values still possible). `briefly`, what else an open value could be is said only
    /// in up to ``briefAlternatives`` characters, and otherwise as "could change": for a value
    /// the summary names in passing, whose options may be whole sentences.
    public func valueInWords(_ outcome: Outcome, _ possible: PossibleValue, of slot: SlotID, inParentheses: Bool = false,
                             briefly: Bool = false) -> String {
        guard let value = outcome.value else { return describe(possible, of: slot) }
        guard !outcome.missing.isEmpty, possible.single == nil else { return display(value) }
        func aside(_ words: String) -> String { inParentheses ? ", " + words : " (" + words + ")" }
        func couldBe(_ lead: String, _ words: String) -> String {
            aside(briefly && words.count > RuleBase.briefAlternatives ? "could change" : lead + words)
        }
        switch possible.known {
        case .sets(let type, let surely, let perhaps)?, .lists(let type, _, let surely, let perhaps)?:
            return collection(value, possible: (type, surely, perhaps), aside: aside, couldBe: couldBe)
        default: break
        }
        var others = possible
        if case .options(let type, let mask)? = possible.known, case .option(_, let position) = value {
            others.known = .options(type: type, mask: mask & ~(1 << UInt64(position)))
        } else if case .booleans(let f, let t)? = possible.known, case .boolean(let flag) = value {
            others.known = .booleans(false: f && flag, true: t && !flag)
        }
        return display(value) + couldBe("could be ", describe(others, insideSentence: true))
    }

    /// The most characters in which ``valueInWords(_:_:of:inParentheses:briefly:)`` says, briefly,
    /// what else a value could be: about half a line.
    public static let briefAlternatives = 40

    /// A value as a rule's text names it (`{value}` in a recommendation, a warning or a
    /// reason): known, the value; unknown, what it can still be, as the summary says it
    /// ("Growth or Retention"); unknown and anything still possible, its label and
    /// "(not known yet)", which reads as a noun where the value would stand (with a small
    /// letter, unless it `startsSentence`).
    public func valueInText(_ outcome: Outcome, _ possible: PossibleValue, of slot: SlotID, startsSentence: Bool = false) -> String {
        guard outcome.value == nil else { return display(outcome.value) }
        switch possible.known {
        case nil, .anything?: break
        default:
            let words = valueInWords(outcome, possible, of: slot)
            if words != RuleBase.notKnownYet { return words }
        }
        return values[slot.index].label.map { "\(startsSentence ? $0 : $0.insideSentence) (\(RuleBase.notKnownYet))" } ?? RuleBase.notKnownYet
    }

    /// The values a headline sentence names, in order, without repeats.
    public func valuesNamed(inSummaryOf slot: SlotID) -> [SlotID] {
        var seen = Set<Int>()
        return (values[slot.index].headlineSentence?.pieces ?? []).compactMap { piece in
            if case .slot(let named) = piece, seen.insert(named).inserted { return SlotID(named) }
            return nil
        }
    }

    /// A set or list that missing answers could still change, and what it could still hold:
    /// "Email (could also include Phone or Chat)", "none so far (could include …)", each note
    /// put as `aside` and `couldBe` say.
    private func collection(_ value: Value, possible: (type: OptionTypeID, surely: UInt64, perhaps: UInt64),
                            aside: (String) -> String, couldBe: (String, String) -> String) -> String {
        let mask: UInt64
        switch value {
        case .set(_, let m): mask = m
        case .list(_, let positions): mask = positions.reduce(0) { $0 | 1 << UInt64($1) }
        default: return display(value)
        }
        let extra = (0..<64).filter { possible.perhaps & ~mask & (1 << UInt64($0)) != 0 }.map { optionTypes[possible.type].labels[$0] }
        let now = mask == 0 ? "none so far" : display(value)
        guard !extra.isEmpty else { return now + aside("could change") }
        return now + couldBe(mask == 0 ? "could include " : "could also include ", RuleBase.either(extra))
    }
}
