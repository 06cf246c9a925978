/// Works out at load the value of an expression for every combination of its inputs' values,
/// so that the evaluation loop reads it in one step (a `lookup` instruction) instead of running
/// the expression's instructions: the value propositions worked out from a goal set,
/// `count(x) > 0`, a chain of `if`s on one option. The expression is lowered on its own, without
/// shared computations, and its instructions run once per combination.
///
/// An expression qualifies when it reads at most two slots, each of a type with few values
/// (options, truth values, sets of up to six options), with at most ``maxEntries`` combinations
/// of their values and unknown, and does not read how far answers spread (the lowering makes it
/// a lookup where the loop would run three instructions or more for it). Its missing answers are those of some of its inputs,
/// the same ones whatever those missing answers are (the evaluators' are unions of its
/// operands', picked by values alone): each input is evaluated with a missing answer of its
/// own as a marker, and an entry notes which markers reach the result.
struct LookupTabulator {
    /// The most entries a lookup has: enough for two sets of three options (9 × 9).
    static let maxEntries = 96

    /// The values an input can take: one kind and type, `bits` below `count`.
    struct Domain {
        var kind: Cell.Kind
        var type: OptionTypeID
        var count: Int

        /// The value with `bits` equal to `index`.
        func cell(_ index: Int) -> Cell {
            Cell(kind: kind, type: Int32(type), bits: UInt64(index), extra: 0)
        }
    }

    /// The result for one combination: its value, which inputs' missing answers it takes (bit
    /// `i` for input `i`), and whether it overflows.
    struct Entry {
        var value: Value?
        var flows: UInt8
        var overflows: Bool
    }

    private let types: [ValueType]
    private let optionTypes: [OptionType]

    init(types: [ValueType], optionTypes: [OptionType]) {
        self.types = types
        self.optionTypes = optionTypes
    }

    /// The inputs of `code` with their domains, in the order it reads them first; `nil` where it
    /// does not qualify.
    func inputs(of code: Code) -> [(slot: Int, domain: Domain)]? {
        guard let slots = Self.slots(of: code) else { return nil }
        var inputs: [(slot: Int, domain: Domain)] = []
        var combinations = 1
        for slot in slots {
            guard let domain = domain(of: types[slot]) else { return nil }
            combinations *= domain.count + 1
            guard combinations <= Self.maxEntries else { return nil }
            inputs.append((slot, domain))
        }
        return inputs
    }

    /// The entries of `code` over its `inputs`, in row-major order: the first input's value
    /// times the number of the second's values and unknown, plus the second's (unknown is value
    /// `count`).
    func entries(of code: Code, _ inputs: [(slot: Int, domain: Domain)]) -> [Entry] {
        // A program of the expression alone, whose questions are the inputs' markers (one slot
        // each, so there are as many slots).
        var lowering = FlatLowering(tables: [], rules: [], types: types, ranges: inputs.map { _ in nil }, optionTypes: optionTypes,
                                    questionCount: inputs.count)
        let result = lowering.lower(code)
        let program = FlatProgram(lowering: lowering)
        var frame = EvaluationFrame(program: program)
        let registers = frame.registers
        let combinations = inputs.reduce(1) { $0 * ($1.domain.count + 1) }
        var entries: [Entry] = []
        entries.reserveCapacity(combinations)
        for combination in 0..<combinations {
            var rest = combination
            for (position, input) in inputs.enumerated().reversed() {
                let index = rest % (input.domain.count + 1)
                rest /= input.domain.count + 1
                registers.cells[input.slot] = index < input.domain.count ? input.domain.cell(index) : .unknown
                registers.bits(Register(input.slot)).pointee = 1 << UInt64(position)
            }
            // The whole program, which asks no questions: `run`, not a second caller of the loop
            // (which would cost the loop its inlining into `run`, 4,400 instructions a CSV row).
            frame.run([])
            let missing = registers.bits(result).pointee
            entries.append(Entry(value: frame.value(registers.cells[Int(result)]), flows: UInt8(missing & (1 << UInt64(inputs.count) - 1)),
                                 overflows: missing & 1 << UInt64(registers.overflowBit) != 0))
        }
        return entries
    }

    private func domain(of type: ValueType) -> Domain? {
        switch type {
        case .boolean: return Domain(kind: .boolean, type: OptionTypeID(0), count: 2)
        case .option(let type): return Domain(kind: .option, type: type, count: optionTypes[type.index].options.count)
        case .set(let type) where optionTypes[type.index].options.count <= 6:
            return Domain(kind: .set, type: type, count: 1 << optionTypes[type.index].options.count)
        default: return nil
        }
    }

    /// The slots an expression reads, in the order it reads them first; `nil` when more than
    /// two, or when it reads how far answers spread. The walk stops at the first node that
    /// disqualifies it: the lowering asks this of every node of a large expression.
    private static func slots(of code: Code) -> [Int]? {
        var slots: [Int] = []
        let qualifies = code.allNodes { node in
            switch node {
            case .slot(let slot) where !slots.contains(slot):
                slots.append(slot)
                return slots.count <= 2
            case .call(.spread, _):
                return false
            default:
                return true
            }
        }
        return qualifies ? slots : nil
    }
}
