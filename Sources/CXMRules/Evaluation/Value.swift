/// The type of a value in a rule base.
public enum ValueType: Hashable, Sendable {
    case boolean
    case number
    case text
    /// One option of the scale or enumeration with this index in ``RuleBase/optionTypes``.
    case option(Int)
    /// A set of options of that scale or enumeration.
    case set(Int)
    /// Options of that scale or enumeration in order (what a `rule order` table yields).
    case list(Int)
}

/// A known value. Options are stored as their type (an index into ``RuleBase/optionTypes``) and
/// their position in it; a set is a bit mask of positions (a type has at most 64 options).
public enum Value: Hashable, Sendable {
    case boolean(Bool)
    case number(Double)
    case text(String)
    case option(type: Int, position: Int)
    case set(type: Int, mask: UInt64)
    case list(type: Int, positions: [Int])

    /// Numbers, and scale options as their position counted from 1.
    var number: Double? {
        switch self {
        case .number(let value): return value
        case .option(_, let position): return Double(position + 1)
        default: return nil
        }
    }

    /// Whether two outcomes (`nil`: unknown) are the same for people: equal, or numbers within
    /// a relative 1e-9 of each other, as the same sum taken in another order can give
    /// (2.11047619047619 and 2.1104761904761906). What-if searches count only real changes.
    public static func same(_ a: Value?, _ b: Value?) -> Bool {
        if case .number(let x)? = a, case .number(let y)? = b {
            return x == y || Swift.abs(x - y) <= 1e-9 * Swift.max(Swift.abs(x), Swift.abs(y))
        }
        return a == b
    }
}

/// A scale (ordered) or enumeration (unordered) of options.
public struct OptionType: Sendable {
    /// The type's name, as declared.
    public let name: String
    /// Whether the options are ordered (a scale).
    public let ordered: Bool
    /// The options' ids, in declaration order.
    public let options: [String]
    /// The options' labels as shown to people; the id where no label was given.
    public let labels: [String]
    /// The ids options had in earlier versions of the rules (`formerly`), with the position of
    /// the option each now names.
    public let formerIds: [String: Int]
    /// For each option, the version of the rules that added it (`since N`; 1 where not said).
    public let since: [Int]

    /// The position of an option, by id or, case-insensitively, by label; or by an id it had in
    /// an earlier version of the rules.
    public func position(of text: String) -> Int? {
        currentPosition(of: text) ?? formerPosition(of: text)
    }

    /// The position of an option by its id or label, not by a former id.
    public func currentPosition(of text: String) -> Int? {
        if let index = options.firstIndex(of: text) { return index }
        let lowered = text.lowercased()
        return labels.firstIndex { $0.lowercased() == lowered }
            ?? options.firstIndex { $0.lowercased() == lowered }
    }

    /// The option that position `number` (counted from 1) named in version `version` of the
    /// rules, which lacked the options added since; `nil` when that version had no such
    /// position.
    public func position(number: Int, inVersion version: Int) -> Int? {
        var count = 0
        for (position, added) in since.enumerated() where added <= version {
            count += 1
            if count == number { return position }
        }
        return nil
    }

    /// How many options version `version` of the rules had.
    public func optionCount(inVersion version: Int) -> Int {
        since.count { $0 <= version }
    }

    /// Whether options were added to the type after version `version` (so that position
    /// numbers count differently then).
    public func changed(since version: Int) -> Bool {
        since.contains { $0 > version }
    }

    /// The position of the option that `text` named in an earlier version of the rules (as
    /// `formerly` says), in any case; `nil` if it names none.
    public func formerPosition(of text: String) -> Int? {
        guard !formerIds.isEmpty else { return nil }
        if let position = formerIds[text] { return position }
        let lowered = text.lowercased()
        return formerIds.first { $0.key.lowercased() == lowered }?.value
    }
}

/// Why a value may be unknown or could still change: the questions whose missing answers could
/// change it, as a bit set over question positions, and whether a computation on the way
/// overflowed. The first 64 positions are stored inline, so small sets never allocate.
public struct QuestionSet: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: [UInt64] = []
    /// Whether an arithmetic result on the way was infinite or not a number ("the computation
    /// overflows"): such a value is unknown, and no answer to a missing question decides it.
    public internal(set) var overflows = false

    public init() {}

    init(_ question: Int) {
        insert(question)
    }

    /// The set with only the overflow mark.
    static let overflow: QuestionSet = {
        var set = QuestionSet()
        set.overflows = true
        return set
    }()

    /// Whether it names no question and no overflow.
    public var isEmpty: Bool { !overflows && low == 0 && high.allSatisfy { $0 == 0 } }

    mutating func insert(_ question: Int) {
        guard question >= 64 else {
            low |= 1 << UInt64(question)
            return
        }
        let word = question / 64 - 1
        if high.count <= word { high += [UInt64](repeating: 0, count: word + 1 - high.count) }
        high[word] |= 1 << UInt64(question % 64)
    }

    /// Adds the members of another set, and its overflow mark.
    public mutating func formUnion(_ other: QuestionSet) {
        low |= other.low
        overflows = overflows || other.overflows
        if other.high.isEmpty { return }
        if high.count < other.high.count { high += [UInt64](repeating: 0, count: other.high.count - high.count) }
        for (i, word) in other.high.enumerated() { high[i] |= word }
    }

    /// The members of this set that are not in `other` (the overflow mark stays).
    func subtracting(_ other: QuestionSet) -> QuestionSet {
        QuestionSet(words: words.enumerated().map { $1 & ~(other.words.dropFirst($0).first ?? 0) }, overflows: overflows)
    }

    /// The members of both sets.
    public func union(_ other: QuestionSet) -> QuestionSet {
        var result = self
        result.formUnion(other)
        return result
    }

    /// The positions in the set, ascending.
    public var members: [Int] {
        var result: [Int] = []
        for (i, word) in ([low] + high).enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { result.append(i * 64 + bit) }
        }
        return result
    }

    /// The words of the set, 64 questions each, for the flat evaluator's bit sets.
    var words: [UInt64] { [low] + high }

    /// A set from its words (see ``words``).
    init(words: some Collection<UInt64>, overflows: Bool) {
        low = words.first ?? 0
        high = Array(words.dropFirst())
        while high.last == 0 { high.removeLast() }
        self.overflows = overflows
    }

    public static func == (a: QuestionSet, b: QuestionSet) -> Bool {
        a.low == b.low && a.overflows == b.overflows
            && a.high.reversed().drop(while: { $0 == 0 }).elementsEqual(b.high.reversed().drop(while: { $0 == 0 }))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        hasher.combine(overflows)
        for word in high.reversed().drop(while: { $0 == 0 }) { hasher.combine(word) }
    }
}

/// A value as evaluated: known or unknown, and the missing answers that could change it.
///
/// An unknown value always names the missing answers that made it unknown (unless it is
/// unknown because a question did not apply). A known value names missing answers only where
/// it was computed from partial data (`mean_known`) or an explicit fallback.
public struct Outcome: Hashable, Sendable {
    /// The value, or `nil` when it is unknown.
    public var value: Value?
    /// The missing answers that could change this outcome.
    public var missing: QuestionSet
    /// For an unknown number computed from partial answers (see ``PartialSet``): the lowest
    /// and highest it can be, whatever the options not yet known turn out to be; `nil` otherwise.
    public var bounds: ClosedRange<Double>? = nil

    static let unknown = Outcome(value: nil, missing: QuestionSet())

    init(_ value: Value?, missing: QuestionSet = QuestionSet()) {
        self.value = value
        self.missing = missing
    }

    init(value: Value?, missing: QuestionSet) {
        self.value = value
        self.missing = missing
    }

    var boolean: Bool? {
        if case .boolean(let b)? = value { return b }
        return nil
    }
}
