extension Possibilities {
    /// An evaluation's outcomes as reports show them: a value that only one answer-independent
    /// possibility is left for is known, and names no missing answers; so is a known value no
    /// missing answer can change. Everything else is as evaluated.
    public func settle(_ evaluation: Evaluation) -> [Outcome] {
        evaluation.values.indices.map { settle(evaluation.values[$0], slot: SlotID($0)) }
    }

    /// One slot's outcome as reports show it (see ``settle(_:)``).
    public func settle(_ outcome: Outcome, slot: SlotID) -> Outcome {
        values[slot.index].settle(outcome)
    }
}

extension PossibleValue {
    /// An outcome of the value these are the possibilities of, as reports show it (see
    /// ``Possibilities/settle(_:)``).
    public func settle(_ outcome: Outcome) -> Outcome {
        guard !outcome.missing.isEmpty || outcome.value == nil, case .some(let single) = self.single, let single else {
            return outcome
        }
        return Outcome(value: single, missing: QuestionSet())
    }
}

extension RuleBase {
    /// The values still possible in words: "Leader or Follower", "2 to 4",
    /// "Growth, and perhaps Retention", with "or unknown" where the value can stay
    /// unknown; RuleBase.notKnownYet where any of three or more options, or any set of them, is
    /// possible. `insideSentence`: the first option too as it reads inside a sentence.
    public func describe(_ possible: PossibleValue, insideSentence: Bool = false) -> String {
        let unknown = possible.canBeUnknown ? " or unknown" : ""
        guard let known = possible.known else { return "unknown" }
        switch known {
        case .booleans(let f, let t):
            return (f && t ? "yes or no" : t ? "yes" : "no") + unknown
        case .options(let type, let mask) where mask == PossibleValue.all(optionTypes[type].options.count) && mask.nonzeroBitCount > 2:
            return RuleBase.notKnownYet
        case .sets(let type, 0, let perhaps) where perhaps == PossibleValue.all(optionTypes[type].options.count) && perhaps.nonzeroBitCount > 1:
            return RuleBase.notKnownYet
        case .options(let type, let mask):
            let labels = positions(mask).map { optionTypes[type].labels[$0] }
            return RuleBase.either(labels, insideSentence: insideSentence) + unknown
        case .numbers(let low, let high):
            let range = low == high ? formatNumber(low)
                : low.isFinite && high.isFinite ? "\(formatNumber(low)) to \(formatNumber(high))"
                : low.isFinite ? "\(formatNumber(low)) or more" : high.isFinite ? "\(formatNumber(high)) or less" : "any number"
            return range + unknown
        case .sets(let type, let surely, let perhaps), .lists(let type, _, let surely, let perhaps):
            let sure = positions(surely).map { optionTypes[type].labels[$0] }
            let maybe = positions(perhaps & ~surely).map { optionTypes[type].labels[$0] }
            let perhapsText = maybe.isEmpty ? "" : "perhaps " + RuleBase.both(maybe)
            let words = sure.isEmpty ? (maybe.isEmpty ? "none" : perhapsText) : sure.joined(separator: ", ") + (maybe.isEmpty ? "" : ", and " + perhapsText)
            return words + unknown
        case .text(let text):
            return (text ?? "any text") + unknown
        case .anything:
            return "unknown"
        }
    }

    /// What a value that can still be anything is called.
    public static let notKnownYet = "not known yet"

    /// The values a slot can still take in words, as ``describe(_:)`` says them, but "not
    /// known yet" for a number that can still be anything in its range, and "at least 3.2" (or "at
    /// most") for one open up to an end of its range.
    public func describe(_ possible: PossibleValue, of slot: SlotID) -> String {
        if case .numbers(let low, let high)? = possible.known, let range = values[slot.index].range, low < high {
            let unknown = possible.canBeUnknown ? " or unknown" : ""
            switch (low <= range.lowerBound, high >= range.upperBound) {
            case (true, true): return RuleBase.notKnownYet
            // Open at one end of its range only: "at least 3.2" says it better than "3.2 to 5".
            case (false, true): return "at least \(formatNumber(low))" + unknown
            case (true, false): return "at most \(formatNumber(high))" + unknown
            case (false, false): break
            }
        }
        return describe(possible)
    }

    private func positions(_ mask: UInt64) -> [Int] {
        (0..<64).filter { mask & (1 << UInt64($0)) != 0 }
    }

    /// "a", "a or b", "a, b or c": each alternative after the first (with `insideSentence`, the
    /// first too) as it reads inside a sentence (see ``String/insideSentence``).
    static func either(_ words: [String], insideSentence: Bool = false) -> String {
        guard let first = words.first.map({ insideSentence ? $0.insideSentence : $0 }), words.count > 1 else {
            return insideSentence ? words.first?.insideSentence ?? "" : words.joined()
        }
        let others = words.dropFirst().map(\.insideSentence)
        return ([first] + others.dropLast()).joined(separator: ", ") + " or " + others.last!
    }

    /// "a", "a and b", "a, b and c".
    static func both(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}

extension String {
    /// The text as it reads inside a sentence: a phrase in sentence case starts with a small
    /// letter ("You and your rivals sell online" → "you and your rivals …"). A text that starts
    /// with an abbreviation ("EU Retail") or whose words all start with a capital ("Growing
    /// EU", "Leader": a name, as option labels often are) is left as it is.
    public var insideSentence: String {
        let characters = Array(self)
        guard characters.count > 1, characters[0].isUppercase, !characters[1].isUppercase,
              split(separator: " ").dropFirst().contains(where: { $0.first?.isLowercase == true }) else { return self }
        return characters[0].lowercased() + String(characters.dropFirst())
    }
}
