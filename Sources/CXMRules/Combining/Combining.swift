/// How the answers of several respondents to the same questions combine into one set of answers,
/// and how far they spread. Respondents who did not answer a question are left out of its
/// combination and its spread. By type:
///
/// | type | combined answer | spread (what `spread(x)` reads) |
/// |---|---|---|
/// | scale | the median; of an even number of answers, the lower of the two middle ones | the range: highest minus lowest, in scale steps |
/// | number | the median; of an even number, the mean of the two middle ones | the range: highest minus lowest |
/// | boolean | the majority; a tie leaves it unanswered | the share of respondents not giving the most common answer |
/// | options (unordered) | the most common; a tie leaves it unanswered | as for booleans |
/// | set of options | the options more than half of the respondents chose; with partial answers (``Profile/partial``), an option the options they left open could still decide stays open, so the combination is itself partial | for the option they are most divided on, the share on its minority side (at most 0.5), among those who know whether they chose it |
/// | text, list | the answer, when every respondent gave the same; else unanswered | as for booleans |
///
/// A question that one respondent or none answered has a spread of 0, and so has every question
/// of a single profile. The rule files read a question's spread as `spread(q)`, a number that is
/// always known (see ``Profile/spreads``).
public enum Combining {
    /// The combination rules in words, one per kind of value, as reports state them.
    public static let rules: [(kind: String, combined: String, spread: String)] = [
        ("Scale", "the median answer; of an even number of answers, the lower of the two middle ones",
         "the range, highest minus lowest answer, in steps of the scale"),
        ("Number", "the median; of an even number of answers, the mean of the two middle ones",
         "the range, highest minus lowest answer"),
        ("Yes or no", "the majority; a tie leaves it open", "the share of respondents not giving the most common answer"),
        ("One of several options", "the most common answer; a tie leaves it open",
         "the share of respondents not giving the most common answer"),
        ("Several options", "the options more than half of the respondents chose; where some answered only in part, an option "
            + "their unknown options could still tip either way stays open",
         "the share on the minority side of the option they are most divided on (at most half)"),
        ("Text", "kept when every respondent gave the same; otherwise left open",
         "the share of respondents not giving the most common answer"),
    ]
}

/// How far several respondents' values of one question or derived value spread.
public struct Spread: Sendable, Hashable {
    /// How many respondents have a value: answered the question, or have the derived value known.
    public let known: Int
    /// The spread that `spread(x)` reads (see ``Combining``): 0 when all agree or fewer than two
    /// have a value.
    public let measure: Double
}

extension RuleBase {
    /// Several respondents' profiles combined into one, question by question, as ``Combining``
    /// states: the combined answers, their partial answers and their spreads (without metadata).
    ///
    /// A multi-select question that some answered only in part (``Profile/partial``) combines
    /// option by option: of the `n` respondents who answered it, wholly or in part, an option
    /// is chosen when more than `n / 2` surely chose it, not chosen when it cannot reach that
    /// even if every respondent who left it open chose it, and open otherwise. The combination
    /// is then itself a partial answer (a whole one when no option stays open, none when every
    /// option does).
    public func combine(_ profiles: [Profile]) -> Profile {
        let answerSets = profiles.map(\.answers)
        var combined = Profile(answers: combine(answerSets))
        let partialQuestions = Set(profiles.flatMap(\.partial.keys)).sorted()
        for question in partialQuestions {
            guard case .set(let type) = values[question].type else { continue }
            let options = optionTypes[type].options.count
            let answers = profiles.map { (whole: $0.answers[question], partial: $0.partial[question]) }
            let answering = answers.count { $0.whole != nil || $0.partial != nil }
            var (includes, excludes): (UInt64, UInt64) = (0, 0)
            for position in 0..<options {
                let bit: UInt64 = 1 << UInt64(position)
                var (chosen, open) = (0, 0)
                for answer in answers {
                    if case .set(_, let mask)? = answer.whole {
                        if mask & bit != 0 { chosen += 1 }
                    } else if let partial = answer.partial {
                        if partial.includes & bit != 0 { chosen += 1 } else if partial.excludes & bit == 0 { open += 1 }
                    }
                }
                if 2 * chosen > answering { includes |= bit } else if 2 * (chosen + open) <= answering { excludes |= bit }
            }
            combined.answers[question] = nil
            combined.store(PartialSet(type: type, includes: includes, excludes: excludes), slot: question, optionCount: options)
        }
        combined.spreads = (0..<questionCount).map { question in
            spread(of: answerSets.map { $0[question] }, partial: profiles.map { $0.partial[question] }, slot: SlotID(question)).measure
        }
        return combined
    }

    /// The answers of several respondents (each one entry per question, as ``Profile/answers``)
    /// combined question by question, as ``Combining`` states.
    public func combine(_ answerSets: [[Value?]]) -> [Value?] {
        (0..<questionCount).map { question in
            combined(answerSets.compactMap { $0[question] }, type: values[question].type)
        }
    }

    /// How far the answers of several respondents spread, question by question: what
    /// `spread(q)` reads (see ``Profile/spreads``).
    public func spreads(_ answerSets: [[Value?]]) -> [Double] {
        (0..<questionCount).map { question in spread(of: answerSets.map { $0[question] }, slot: SlotID(question)).measure }
    }

    /// Several known values of one type combined into one, as ``Combining`` states; `nil` for
    /// none, a tie, or texts that differ.
    public func combined(_ known: [Value], type: ValueType) -> Value? {
        guard let first = known.first else { return nil }
        switch type {
        case .option(let index) where optionTypes[index].ordered:
            let positions = known.compactMap(\.position).sorted()
            return .option(type: index, position: positions[(positions.count - 1) / 2])
        case .number:
            let numbers = known.compactMap { if case .number(let n) = $0 { n } else { nil } }.sorted()
            let middle = numbers.count / 2
            return .number(numbers.count % 2 == 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2)
        case .set(let index):
            var mask: UInt64 = 0
            for position in optionTypes[index].options.indices {
                let chosen = known.count { if case .set(_, let m) = $0 { m & (1 << UInt64(position)) != 0 } else { false } }
                if 2 * chosen > known.count { mask |= 1 << UInt64(position) }
            }
            return .set(type: index, mask: mask)
        case .boolean, .option:
            let (most, count, tied) = RuleBase.mostCommon(known)
            return tied || count == 0 ? nil : most
        case .text, .list:
            return known.allSatisfy { $0 == first } ? first : nil
        }
    }

    /// How far the values of a slot (one per respondent, `nil` where unknown) spread, as
    /// ``Combining`` states; `partial` holds the respondents' partial answers to a multi-select
    /// question (one per respondent, `nil` where they gave none), which count for the options
    /// they name.
    public func spread(of values: [Value?], partial: [PartialSet?] = [], slot: SlotID) -> Spread {
        let known = values.compactMap { $0 }
        let partial = partial.compactMap { $0 }
        guard known.count + partial.count > 1 else { return Spread(known: known.count + partial.count, measure: 0) }
        let n = Double(known.count)
        switch self.values[slot.index].type {
        case .option(let index) where optionTypes[index].ordered:
            let positions = known.compactMap(\.position)
            return Spread(known: known.count, measure: Double(positions.max()! - positions.min()!))
        case .number:
            let numbers = known.compactMap { if case .number(let n) = $0 { n } else { nil } }
            return Spread(known: known.count, measure: numbers.max()! - numbers.min()!)
        case .set(let index):
            // Option by option, among the respondents who know whether they chose it.
            var most = 0.0
            for position in optionTypes[index].options.indices {
                let bit: UInt64 = 1 << UInt64(position)
                let chosen = known.count { if case .set(_, let m) = $0 { m & bit != 0 } else { false } } + partial.count { $0.includes & bit != 0 }
                let answered = known.count + partial.count { ($0.includes | $0.excludes) & bit != 0 }
                guard answered > 0 else { continue }
                most = Swift.max(most, Double(Swift.min(chosen, answered - chosen)) / Double(answered))
            }
            return Spread(known: known.count + partial.count, measure: most)
        case .boolean, .option, .text, .list:
            return Spread(known: known.count, measure: 1 - Double(RuleBase.mostCommon(known).count) / n)
        }
    }

    /// The most common of some values, how often it occurs, and whether another occurs as often.
    static func mostCommon(_ values: [Value]) -> (value: Value?, count: Int, tied: Bool) {
        var counts: [Value: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        // The first value to reach the highest count, so that the result does not depend on hashing.
        var best: (value: Value?, count: Int, tied: Bool) = (nil, 0, false)
        for value in values where counts[value]! >= best.count {
            if counts[value]! > best.count { best = (value, counts[value]!, false) }
            else if value != best.value { best.tied = true }
        }
        return best
    }
}

extension Value {
    /// An option's position, from 0.
    var position: Int? {
        if case .option(_, let position) = self { position } else { nil }
    }
}
