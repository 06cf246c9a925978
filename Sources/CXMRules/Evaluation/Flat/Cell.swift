/// A value in a register of the flat evaluator: 24 bytes without references, so that copying
/// one costs no reference counting. Text and lists live in arenas (``FlatProgram/texts`` and
/// ``EvaluationFrame``'s run arenas) and are held by index.
///
/// Layout, by kind:
/// - `boolean`: `bits` is 0 or 1.
/// - `number`: `bits` is the `Double`'s bit pattern (always finite).
/// - `option`: `type` is the option type, `bits` the position.
/// - `set`: `type` is the option type, `bits` the members as a mask. `extra` is kept free for
///   the known non-members of a partially known set (a second mask).
/// - `list`: `type` is the option type, `bits` the members as a mask (for `in`), `extra` the
///   arena position `start << 32 | count` of the positions in order.
/// - `text`: `bits` is the index of the text (program texts first, then the run's).
/// - `unknown`: no value. What is known of it, if anything, is in `partial`.
///
/// An unknown value can be *partial* when it is computed from questions a what-if search has
/// left open (see ``EvaluationFrame/run(_:opening:)``): it is then sure to be known once they
/// are answered, and `partial` says what it will be within:
/// - `bounds`: a number (or an option, by position from 1) from `bits` to `extra` (as `Double`s);
///   `type` is the option type, or -1.
/// - `set`: a set of options of `type` holding the options in `bits` and none of those in
///   `extra` (the two masks of a partially known set).
/// - `known`: some value, nothing more said.
/// Ordinary evaluations never make partial values.
struct Cell {
    enum Kind: UInt8 { case unknown, boolean, number, option, set, list, text }
    enum Partial: UInt8 { case none, bounds, set, known }

    var kind: Kind
    var partial: Partial = .none
    var type: Int32
    var bits: UInt64
    var extra: UInt64

    static let unknown = Cell(kind: .unknown, type: 0, bits: 0, extra: 0)
    static let `true` = Cell(boolean: true)
    /// Unknown, but sure to be known once the open questions are answered.
    static let willBeKnown = Cell(partial: .known, type: -1, bits: 0, extra: 0)

    init(kind: Kind, type: Int32, bits: UInt64, extra: UInt64) {
        self.kind = kind
        self.type = type
        self.bits = bits
        self.extra = extra
    }

    init(partial: Partial, type: Int32, bits: UInt64, extra: UInt64) {
        self.init(kind: .unknown, type: type, bits: bits, extra: extra)
        self.partial = partial
    }

    /// A number sure to be from `low` to `high` (an option's position from 1, for `type` ≥ 0).
    init(low: Double, high: Double, type: Int32 = -1) {
        self.init(partial: .bounds, type: type, bits: low.bitPattern, extra: high.bitPattern)
    }

    /// A set of options sure to hold `members` and none of `nonMembers`.
    init(members: UInt64, nonMembers: UInt64, type: Int32) {
        self.init(partial: .set, type: type, bits: members, extra: nonMembers)
    }

    /// Known, or sure to be known once the open questions are answered.
    var isDefinite: Bool { kind != .unknown || partial != .none }

    /// The range a number (or an option's position from 1) is sure to be in: its value for
    /// a known one, its bounds for a partial one.
    var bounds: (low: Double, high: Double)? {
        if let number { return (number, number) }
        guard partial == .bounds else { return nil }
        return (Double(bitPattern: bits), Double(bitPattern: extra))
    }

    /// The options a set surely holds and surely lacks (all others, for a known set).
    func setBounds(options: Int) -> (members: UInt64, nonMembers: UInt64)? {
        let all: UInt64 = options >= 64 ? .max : (1 << UInt64(options)) - 1
        if kind == .set { return (bits, all & ~bits) }
        return partial == .set ? (bits, extra) : nil
    }

    init(boolean: Bool) { self.init(kind: .boolean, type: 0, bits: boolean ? 1 : 0, extra: 0) }

    init(number: Double) { self.init(kind: .number, type: 0, bits: number.bitPattern, extra: 0) }

    init(option position: Int, type: Int32) { self.init(kind: .option, type: type, bits: UInt64(position), extra: 0) }

    init(set mask: UInt64, type: Int32) { self.init(kind: .set, type: type, bits: mask, extra: 0) }

    var isKnown: Bool { kind != .unknown }

    /// Three-valued truth: 1 true, 0 false, -1 unknown (or not a boolean).
    var truth: Int8 {
        kind == .boolean ? Int8(bits) : -1
    }

    /// Numbers, and options as their position counted from 1 (as ``Value/number`` reads them).
    var number: Double? {
        switch kind {
        case .number: return Double(bitPattern: bits)
        case .option: return Double(bits + 1)
        default: return nil
        }
    }

    /// The mask of a set's or list's members.
    var members: UInt64? {
        kind == .set || kind == .list ? bits : nil
    }

    /// Where a list's positions are in the list arena.
    var listRange: Range<Int> {
        let start = Int(extra >> 32)
        return start..<start + Int(extra & 0xFFFF_FFFF)
    }
}
