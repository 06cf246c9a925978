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
/// - `unknown`: no value. `bits` and `extra` are kept free for what is known of an unknown
///   value: bounds of a number (two `Double`s) or the two masks of a partial set.
struct Cell {
    enum Kind: UInt8 { case unknown, boolean, number, option, set, list, text }

    var kind: Kind
    var type: Int32
    var bits: UInt64
    var extra: UInt64

    static let unknown = Cell(kind: .unknown, type: 0, bits: 0, extra: 0)
    static let `true` = Cell(boolean: true)

    init(kind: Kind, type: Int32, bits: UInt64, extra: UInt64) {
        self.kind = kind
        self.type = type
        self.bits = bits
        self.extra = extra
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
