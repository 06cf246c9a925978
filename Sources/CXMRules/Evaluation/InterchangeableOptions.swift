/// Which options of its multiple-choice questions a value tells apart: the options the rules
/// never name one by one (they only count a set, or test it against the same constants) are
/// interchangeable, so that what the value comes to depends only on how many options of each
/// class a set holds. A what-if search then tries one set per combination of counts instead of
/// every set of options.
///
/// Worked out from the compiled expressions of the steps a value needs: each set-valued
/// expression is traced back to the questions it comes from and the constant sets it is
/// combined with. Counting a set or asking whether it is known tells no options apart; a
/// constant (`x in s`, `difference(s, {a, b})`, a table cell `{a, b}`) splits the classes into
/// the options it holds and those it does not; anything else, such as combining two questions'
/// sets or testing a set against an option that is not a constant, tells every option apart.
struct InterchangeableOptions {
    /// Per multiple-choice question (by slot): its options' classes as masks, in order of
    /// their first option. A question that is not a key has every option in a class of its own.
    private(set) var classes: [Int: [UInt64]] = [:]

    /// Where a set-valued expression's value comes from: the questions whose answers it is
    /// made of, the constant sets it was combined with, and whether anything else went in
    /// (then none of its questions' options are interchangeable).
    private struct Origin {
        var questions: Set<Int> = []
        var masks: Set<UInt64> = []
        var opaque = false

        func combined(with other: Origin) -> Origin {
            Origin(questions: questions.union(other.questions), masks: masks.union(other.masks), opaque: opaque || other.opaque)
        }
    }

    private let ruleBase: RuleBase
    /// Per derived set-valued slot read so far: where its value comes from.
    private var origins: [Int: Origin] = [:]

    /// The classes for the value in `slot`, from the plan's steps it needs.
    init(ruleBase: RuleBase, slot: Int, steps: [PlanStep]) {
        self.ruleBase = ruleBase
        for question in 0..<ruleBase.questionCount {
            guard case .set(let type) = ruleBase.values[question].type else { continue }
            origins[question] = Origin(questions: [question])
            classes[question] = [PossibleValue.all(ruleBase.optionTypes[type].options.count)]
        }
        for step in steps { read(step) }
        // The value itself, if it is a set, tells every option apart.
        if let origin = origins[slot] { tellApart(Origin(questions: origin.questions, opaque: true)) }
    }

    // MARK: Steps

    private mutating func read(_ step: PlanStep) {
        switch step {
        case .question(_, let relevance):
            if let relevance { consume(relevance) }
        case .derive(let slot, let code):
            if let origin = origin(code) { origins[slot.index] = origin }
        case .table(let id):
            let table = ruleBase.compiledTables[id.index]
            for (index, column) in table.columns.enumerated() {
                guard var origin = origin(column) else { continue }
                for row in table.rows {
                    for test in row.cells[index].tests ?? [] {
                        if case .equal(.set(_, let mask)) = test { origin.masks.insert(mask) } else { origin.opaque = true }
                    }
                }
                tellApart(origin)
            }
            if let origin = merged(table.rows.map(\.output)) { origins[table.slot] = origin }
        case .rule(let id):
            if let condition = ruleBase.compiledRules[id.index].condition { consume(condition) }
        case .output(let slot, let rules):
            let codes = rules.flatMap { ruleBase.compiledRules[$0.index].assignments.filter { $0.slot == slot.index }.map(\.value) }
            if let origin = merged(codes) { origins[slot.index] = origin }
        }
    }

    /// The origin of one of several set values (a table's rows, an output's assignments).
    private mutating func merged(_ codes: [Code]) -> Origin? {
        var result: Origin?
        for code in codes {
            guard let origin = origin(code) else { continue }
            result = result?.combined(with: origin) ?? origin
        }
        return result
    }

    // MARK: Expressions

    /// Reads an expression: records what it tells apart, and returns where its value comes
    /// from if it is a set (`nil` for other values).
    private mutating func origin(_ code: Code) -> Origin? {
        switch code {
        case .constant(let value):
            if case .set(_, let mask) = value { return Origin(masks: [mask]) }
            return nil
        case .slot(let slot):
            return origins[slot]
        case .atom(_, let inner):
            return origin(inner)
        case .negate(let operand), .not(let operand):
            consume(operand)
            return nil
        case .arithmetic(_, let left, let right), .and(let left, let right), .or(let left, let right):
            consume(left)
            consume(right)
            return nil
        case .compare(let op, let left, let right):
            let (a, b) = (origin(left), origin(right))
            guard a != nil || b != nil else { return nil }
            // Sets compare for equality; anything else tells every option apart.
            var both = (a ?? Origin(opaque: true)).combined(with: b ?? Origin(opaque: true))
            if op != .equal && op != .notEqual { both.opaque = true }
            tellApart(both)
            return nil
        case .member(let element, let set):
            consume(element)
            guard var origin = origin(set) else { return nil }
            if case .option(_, let position)? = element.withoutAtoms.constantValue {
                origin.masks.insert(1 << UInt64(position))
            } else {
                origin.opaque = true
            }
            tellApart(origin)
            return nil
        case .conditional(let condition, let then, let otherwise):
            consume(condition)
            return merged([then, otherwise])
        case .setLiteral(_, let items):
            var mask: UInt64 = 0
            var constant = true
            for item in items {
                if case .option(_, let position)? = item.withoutAtoms.constantValue { mask |= 1 << UInt64(position) } else {
                    consume(item)
                    constant = false
                }
            }
            return constant ? Origin(masks: [mask]) : Origin(opaque: true)
        case .ranked(_, let scores):
            for score in scores { consume(score) }
            return nil
        case .call(let function, let arguments):
            switch function {
            case .union, .intersection, .difference:
                return merged(arguments) ?? Origin(opaque: true)
            case .count, .known:
                // Neither tells options apart: only the constants the sets were combined with do.
                for argument in arguments {
                    if let origin = origin(argument) { tellApart(origin) }
                }
            case .spread:
                for argument in arguments {
                    if let origin = origin(argument) { tellApart(Origin(questions: origin.questions, opaque: true)) }
                }
            default:
                for argument in arguments { consume(argument) }
            }
            return nil
        }
    }

    /// Reads an expression whose value is used in a way that tells apart every option of a set.
    private mutating func consume(_ code: Code) {
        if let origin = origin(code) { tellApart(Origin(questions: origin.questions, opaque: true)) }
    }

    /// Splits the classes of a set's questions by the constants it was combined with; a set made
    /// of several questions' answers, or of anything but answers and constants, tells every
    /// option of its questions apart.
    private mutating func tellApart(_ origin: Origin) {
        for question in origin.questions {
            guard let current = classes[question] else { continue }
            if origin.opaque || origin.questions.count > 1 {
                classes[question] = nil
                continue
            }
            var split = current
            for mask in origin.masks.sorted() {
                split = split.flatMap { [$0 & mask, $0 & ~mask] }.filter { $0 != 0 }
            }
            classes[question] = split.sorted { $0.trailingZeroBitCount < $1.trailingZeroBitCount }
        }
    }
}

extension Code {
    /// The expression inside any trace atoms.
    var withoutAtoms: Code {
        if case .atom(_, let inner) = self { return inner.withoutAtoms }
        return self
    }
}
