/// Why a value may be unknown or could still change: the questions whose missing answers could
/// change it, as a bit set over question slots (questions come first, so a slot is also the
/// question's position), and whether a computation on the way
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

    /// Adds the questions of one word of a bit set: those at `64 * index` and after.
    mutating func formUnion(word: UInt64, at index: Int) {
        guard index > 0 else {
            low |= word
            return
        }
        if high.count < index { high += [UInt64](repeating: 0, count: index - high.count) }
        high[index - 1] |= word
    }

    /// The questions in the set, ascending.
    public var members: [SlotID] { mapMembers { $0 } }

    /// The questions' names in the set, ascending, from `names` by slot: ``members`` named,
    /// without the array of slots on the way.
    public func names(_ names: [String]) -> [String] { mapMembers { names[$0.index] } }

    /// The questions in the set, ascending, each as `transform` makes it.
    private func mapMembers<T>(_ transform: (SlotID) -> T) -> [T] {
        var result: [T] = []
        result.reserveCapacity(high.reduce(low.nonzeroBitCount) { $0 + $1.nonzeroBitCount })
        func append(_ word: UInt64, from start: Int) {
            var rest = word
            while rest != 0 {
                result.append(transform(SlotID(start + rest.trailingZeroBitCount)))
                rest &= rest - 1
            }
        }
        append(low, from: 0)
        for (i, word) in high.enumerated() { append(word, from: 64 * (i + 1)) }
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
