/// SplitMix64: a small, fast, seeded generator, so that every run of a property test or of the
/// benchmark generates the same rule bases, profiles and files, and a failure can be repeated.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Whether an event of this probability happens.
    public mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    /// A random integer from 0 to `n - 1`, the remainder of the next number (slightly biased
    /// for large `n`, which the property tests' sequences were generated with).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A random integer in the range.
    public mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A random element of a non-empty collection.
    public mutating func pick<C: Collection>(_ items: C) -> C.Element { items.randomElement(using: &self)! }
}
