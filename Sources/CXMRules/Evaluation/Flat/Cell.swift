/// A value in a register of the flat evaluator: 24 bytes without references, so that copying
/// one costs no reference counting. Text and lists live in arenas (``FlatProgram/texts`` and
/// ``EvaluationFrame``'s run arenas) and are held by index.
///
/// Layout, by kind:
/// - `boolean`: `bits` is 0 or 1.
/// - `number`: `bits` is the `Double`'s bit pattern (always finite).
/// - `option`: `type` is the option type, `bits` the position.
/// - `set`: `type` is the option type, `bits` the members as a mask.
/// - `list`: `type` is the option type, `bits` the members as a mask (for `in`), `extra` the
///   arena position `start << 32 | count` of the positions in order.
/// - `text`: `bits` is the index of the text (program texts first, then the run's).
/// - `unknown`: no value.
///
/// What the possible-values analysis knows of a value (a set's known members and known
/// non-members, a score's bounds) has a register of its own, a ``PossibleCell``.
struct Cell: Hashable {
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

    @inline(__always) init(boolean: Bool) { self.init(kind: .boolean, type: 0, bits: boolean ? 1 : 0, extra: 0) }

    @inline(__always) init(number: Double) { self.init(kind: .number, type: 0, bits: number.bitPattern, extra: 0) }

    /// Positions are never negative: the bits are taken as they are, without a check.
    @inline(__always) init(option position: Int, type: Int32) {
        self.init(kind: .option, type: type, bits: UInt64(truncatingIfNeeded: position), extra: 0)
    }

    @inline(__always) init(set mask: UInt64, type: Int32) { self.init(kind: .set, type: type, bits: mask, extra: 0) }

    /// A list whose positions are at `start..<start + count` of the list arena.
    @inline(__always) init(list mask: UInt64, type: Int32, start: Int, count: Int) {
        self.init(kind: .list, type: type, bits: mask, extra: UInt64(start) << 32 | UInt64(count))
    }

    @inline(__always) var isKnown: Bool { kind != .unknown }

    /// Three-valued truth: 1 true, 0 false, -1 unknown (or not a boolean).
    @inline(__always) var truth: Int8 {
        kind == .boolean ? Int8(truncatingIfNeeded: bits) : -1
    }

    /// Numbers, and options as their position counted from 1 (as ``Value/number`` reads them).
    @inline(__always) var number: Double? {
        switch kind {
        case .number: return Double(bitPattern: bits)
        case .option: return Double(bits + 1)
        default: return nil
        }
    }

    /// The mask of a set's or list's members.
    @inline(__always) var members: UInt64? {
        kind == .set || kind == .list ? bits : nil
    }

    /// Where a list's positions are in the list arena.
    var listRange: Range<Int> {
        let start = Int(extra >> 32)
        return start..<start + Int(extra & 0xFFFF_FFFF)
    }

    /// A value as a cell; `text` and `list` store a text or a list's positions in an arena and
    /// return where.
    init(_ value: Value, text: (String) -> Int, list: ([Int]) -> Int) {
        switch value {
        case .boolean(let flag): self.init(boolean: flag)
        case .number(let number): self.init(number: number)
        case .option(let type, let position): self.init(option: position, type: Int32(type))
        case .set(let type, let mask): self.init(set: mask, type: Int32(type))
        case .text(let string): self.init(kind: .text, type: 0, bits: UInt64(text(string)), extra: 0)
        case .list(let type, let positions):
            let mask = positions.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            self.init(list: mask, type: Int32(type), start: list(positions), count: positions.count)
        }
    }
}

extension OptionTypeID {
    /// The option type that a cell's (or possible cell's) `type` field holds.
    @inline(__always) init(cell type: Int32) { self.init(Int(type)) }
}

extension Int32 {
    /// An option type as a cell's `type` field holds it (option types are numbered from 0, far
    /// below `Int32.max`: taken without a check).
    @inline(__always) init(_ type: OptionTypeID) { self.init(truncatingIfNeeded: type.index) }
}
