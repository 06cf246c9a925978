/// A checked expression: its code, its type and, for numbers, the range it can take.
struct Typed {
    var code: Code
    var type: ValueType
    var range: ClosedRange<Double>?

    /// Numbers, and scale options (which count as their position, 1 to n, in arithmetic).
    func isNumeric(_ symbols: SymbolTable) -> Bool {
        switch type {
        case .number: return true
        case .option(let index): return symbols.optionTypes[index].ordered
        default: return false
        }
    }
}

/// The types stage's part for expressions: names, operators and functions, each checked against
/// the type its place needs.
extension TypeCheck {
    /// Checks an expression, resolving bare option names against the `expected` type.
    /// Returns `nil` after reporting an error. With `traced`, comparisons are wrapped as atoms
    /// so that a trace shows each condition on its own.
    mutating func check(_ expr: Expr, expected: ValueType?, traced: Bool = false) -> Typed? {
        let typed = checkExpression(expr, expected: expected, traced: traced)
        // The parts after an error are not checked; count the names they use as used anyway,
        // so that one mistake does not also make them "never used".
        if typed == nil { noteUses(in: expr) }
        return typed
    }

    /// Refers to the values and types an expression names, without checking it.
    mutating func noteUses(in expr: Expr) {
        switch expr.kind {
        case .number, .string, .boolean: break
        case .name(let name):
            if let slot = slotIndex[name] {
                references.slots.insert(slot)
            } else {
                references.types.formUnion(symbols.optionOwners(name))
            }
        case .qualified(let type, _):
            if let index = typeIndex[type.text] { references.types.insert(index) }
        case .call(_, let arguments): for argument in arguments { noteUses(in: argument) }
        case .negate(let operand), .not(let operand): noteUses(in: operand)
        case .binary(_, let left, let right):
            noteUses(in: left)
            noteUses(in: right)
        case .conditional(let condition, let then, let otherwise):
            noteUses(in: condition)
            noteUses(in: then)
            noteUses(in: otherwise)
        case .setLiteral(let items): for item in items { noteUses(in: item) }
        }
    }

    private mutating func checkExpression(_ expr: Expr, expected: ValueType?, traced: Bool) -> Typed? {
        if traced {
            switch expr.kind {
            case .binary(.and, _, _), .binary(.or, _, _): break
            // A 'not' of its own; 'x not in s' (a 'not' over the whole range) is one condition.
            case .not(let operand) where operand.range != expr.range: break
            default:
                guard let typed = check(expr, expected: expected) else { return nil }
                guard typed.type == .boolean else { return typed }
                return Typed(code: .atom(text(of: expr.range), typed.code), type: .boolean)
            }
        }
        switch expr.kind {
        case .number(let value):
            return Typed(code: .constant(.number(value)), type: .number, range: value...value)
        case .string(let text):
            return Typed(code: .constant(.text(text)), type: .text)
        case .boolean(let value):
            return Typed(code: .constant(.boolean(value)), type: .boolean)
        case .name(let name):
            return checkName(name, at: expr.range, expected: expected)
        case .qualified(let typeName, let option):
            guard let index = typeIndex[typeName.text] else {
                if abandonedNames.contains(typeName.text) { return nil }
                report(NameDiagnostic.unknownType(typeName.text, suggestion: Suggestions.didYouMean(typeName.text, in: typeIndex.keys.sorted())), at: typeName.range)
                return nil
            }
            references.types.insert(index)
            guard let position = optionTypes[index].options.firstIndex(of: option.text) else {
                let suggestion = Suggestions.didYouMean(option.text, in: optionTypes[index].options)
                report(NameDiagnostic.notAnOption(option.text, type: typeName.text, suggestion: suggestion), at: option.range)
                return nil
            }
            return Typed(code: .constant(.option(type: index, position: position)), type: .option(index), range: numberRange(of: .option(index)))
        case .call(let name, let arguments):
            return checkCall(name, arguments, at: expr.range, expected: expected)
        case .negate(let operand):
            guard let typed = check(operand, expected: .number), numeric(typed, operand.range, "'-'") else { return nil }
            return Typed(code: .negate(typed.code), type: .number, range: typed.range.map { -$0.upperBound...(-$0.lowerBound) })
        case .not(let operand):
            guard let typed = check(operand, expected: .boolean, traced: traced),
                  requireType(typed, .boolean, at: operand.range, context: "the operand of 'not'") else { return nil }
            return Typed(code: .not(typed.code), type: .boolean)
        case .binary(let op, let left, let right):
            return checkBinary(op, left, right, at: expr.range, expected: expected, traced: traced)
        case .conditional(let condition, let then, let otherwise):
            guard let c = check(condition, expected: .boolean),
                  requireType(c, .boolean, at: condition.range, context: "the condition after 'if'") else { return nil }
            guard let a = check(then, expected: expected) else { return nil }
            guard let b = check(otherwise, expected: expected ?? a.type) else { return nil }
            guard a.type == b.type || (a.isNumeric(symbols) && b.isNumeric(symbols)) else {
                report(TypeDiagnostic.branchesDiffer(then: describe(a.type), otherwise: describe(b.type)), at: otherwise.range)
                return nil
            }
            let type = a.type == b.type ? a.type : .number
            let range: ClosedRange<Double>? = (a.range != nil && b.range != nil) ? a.range!.hull(b.range!) : nil
            return Typed(code: .conditional(c.code, a.code, b.code), type: type, range: range)
        case .setLiteral(let items):
            var element: OptionTypeID?
            switch expected {
            case .set(let index)?, .list(let index)?, .option(let index)?: element = index
            default:
                for item in items {
                    if case .name(let n) = item.kind, let owner = uniqueOptionType(n) { element = owner; break }
                }
            }
            guard let element else {
                report(TypeDiagnostic.setWithoutType, at: expr.range)
                return nil
            }
            var codes: [Code] = []
            for item in items {
                guard let typed = check(item, expected: .option(element)) else { return nil }
                guard typed.type == .option(element) else {
                    report(TypeDiagnostic.setElementMismatch(type: optionTypes[element].name, actual: describe(typed.type)), at: item.range)
                    return nil
                }
                codes.append(typed.code)
            }
            return Typed(code: folded(.setLiteral(type: element, codes)), type: .set(element))
        }
    }

    /// The one type that has an option with this name, if exactly one does.
    func uniqueOptionType(_ name: String) -> OptionTypeID? {
        let owners = symbols.optionOwners(name)
        return owners.count == 1 ? owners[0] : nil
    }

    private mutating func checkName(_ name: String, at range: SourceRange, expected: ValueType?) -> Typed? {
        var element: OptionTypeID?
        switch expected {
        case .option(let index)?, .set(let index)?, .list(let index)?: element = index
        default: element = nil
        }
        // An option of the expected type wins over a value with the same name.
        if let element, let position = optionTypes[element].options.firstIndex(of: name) {
            return Typed(code: .constant(.option(type: element, position: position)), type: .option(element), range: numberRange(of: .option(element)))
        }
        if let slot = slotIndex[name] {
            references.slots.insert(slot)
            if slotState[slot] == .pending { compileValue(slot) }
            guard let type = slotTypes[slot] else {
                // Either an error already reported, or a value whose type depends on itself.
                if slotState[slot] == .inProgress { reportCycle(through: slot) }
                return nil
            }
            return Typed(code: .slot(slot), type: type, range: slotRanges[slot])
        }
        if element == nil, expected == nil || expected == .number || expected == .boolean {
            let owners = symbols.optionOwners(name)
            if owners.count == 1 {
                references.types.insert(owners[0])
                let position = optionTypes[owners[0]].options.firstIndex(of: name)!
                return Typed(code: .constant(.option(type: owners[0], position: position)), type: .option(owners[0]), range: numberRange(of: .option(owners[0])))
            }
            if owners.count > 1 {
                let qualified = owners.map { "'\(optionTypes[$0].name).\(name)'" }.joined(separator: " or ")
                report(NameDiagnostic.ambiguousOption(name, qualified: qualified), at: range)
                return nil
            }
        }
        if let element {
            let owners = symbols.optionOwners(name)
            if !owners.isEmpty {
                let types = owners.map { describe(.option($0)) }.joined(separator: " and ")
                report(TypeDiagnostic.optionOfOtherType(name, types: types, expected: describe(.option(element))), at: range)
                return nil
            }
        }
        if abandonedNames.contains(name) { return nil }  // its declaration has a syntax error
        var candidates = Array(slotIndex.keys)
        if let element { candidates += optionTypes[element].options }
        report(NameDiagnostic.unknownName(name, suggestion: Suggestions.didYouMean(name, in: candidates.sorted())), at: range)
        return nil
    }

    private mutating func numeric(_ typed: Typed, _ range: SourceRange, _ what: String) -> Bool {
        if typed.isNumeric(symbols) { return true }
        report(TypeDiagnostic.notNumeric(operation: what, actual: describe(typed.type)), at: range)
        return false
    }

    /// Both operands of a binary operator, the one that is a bare option name (when only one is)
    /// checked second, expecting the other's type, so that the name is read as one of its options.
    private mutating func checkOperands(_ left: Expr, _ right: Expr) -> (left: Typed, right: Typed)? {
        if isBareOption(left) && !isBareOption(right) {
            guard let r = check(right, expected: nil), let l = check(left, expected: r.type) else { return nil }
            return (l, r)
        }
        guard let l = check(left, expected: nil), let r = check(right, expected: l.type) else { return nil }
        return (l, r)
    }

    private func isBareOption(_ expr: Expr) -> Bool {
        if case .name(let name) = expr.kind { return slotIndex[name] == nil }
        if case .setLiteral = expr.kind { return true }
        return false
    }

    private mutating func checkBinary(
        _ op: BinaryOperator, _ left: Expr, _ right: Expr, at range: SourceRange, expected: ValueType?, traced: Bool
    ) -> Typed? {
        switch op {
        case .and, .or:
            // Both sides are checked, so that an error on the left does not hide one on the right.
            let a = check(left, expected: .boolean, traced: traced)
            let leftFits = a.map { requireType($0, .boolean, at: left.range, context: "the left side of '\(op.rawValue)'") } ?? false
            let b = check(right, expected: .boolean, traced: traced)
            let rightFits = b.map { requireType($0, .boolean, at: right.range, context: "the right side of '\(op.rawValue)'") } ?? false
            guard let a, let b, leftFits, rightFits else { return nil }
            return Typed(code: op == .and ? .and(a.code, b.code) : .or(a.code, b.code), type: .boolean)
        case .add, .subtract, .multiply, .divide:
            let a = check(left, expected: .number)
            let leftFits = a.map { numeric($0, left.range, "'\(op.rawValue)'") } ?? false
            let b = check(right, expected: .number)
            let rightFits = b.map { numeric($0, right.range, "'\(op.rawValue)'") } ?? false
            guard let a, let b, leftFits, rightFits else { return nil }
            var range: ClosedRange<Double>?
            if let x = a.range, let y = b.range { range = Interval.apply(op, x, y) }
            return Typed(code: folded(.arithmetic(op, a.code, b.code)), type: .number, range: range)
        case .in:
            guard let (elementTyped, setTyped) = checkOperands(left, right) else { return nil }
            let element: OptionTypeID
            switch setTyped.type {
            case .set(let index), .list(let index): element = index
            default:
                report(TypeDiagnostic.inNeedsSet(actual: describe(setTyped.type)), at: right.range)
                return nil
            }
            guard elementTyped.type == .option(element) else {
                report(TypeDiagnostic.inElementMismatch(expected: describe(.option(element)), actual: describe(elementTyped.type)), at: left.range)
                return nil
            }
            return Typed(code: .member(elementTyped.code, setTyped.code), type: .boolean)
        default:
            guard let (a, b) = checkOperands(left, right) else { return nil }
            guard compatible(a.type, b.type, op) else {
                if case .option(let index) = a.type, b.type == .number, optionTypes[index].ordered {
                    let example = optionTypes[index].options.last ?? ""
                    report(TypeDiagnostic.scaleComparedWithNumber(type: describe(a.type), example: example), at: right.range)
                } else if case .option(let index) = a.type, a.type == b.type, op.isOrdering {
                    report(TypeDiagnostic.enumHasNoOrder(type: optionTypes[index].name), at: range)
                } else {
                    report(TypeDiagnostic.cannotCompare(describe(a.type), describe(b.type)), at: range)
                }
                return nil
            }
            return Typed(code: .compare(op, a.code, b.code), type: .boolean)
        }
    }

    private func compatible(_ a: ValueType, _ b: ValueType, _ op: BinaryOperator) -> Bool {
        switch (a, b) {
        case (.number, .number): return true
        case (.boolean, .boolean), (.text, .text): return !op.isOrdering
        case (.option(let x), .option(let y)): return x == y && (!op.isOrdering || optionTypes[x].ordered)
        case (.set(let x), .set(let y)): return x == y && !op.isOrdering
        default: return false
        }
    }

    private mutating func checkCall(_ name: Name, _ arguments: [Expr], at range: SourceRange, expected: ValueType?) -> Typed? {
        guard let function = Function(rawValue: name.text) else {
            let functions = Function.allCases.map(\.rawValue)
            report(NameDiagnostic.unknownFunction(name.text, suggestion: Suggestions.closest(to: name.text, in: functions),
                                                  functions: functions.joined(separator: ", ")), at: name.range)
            return nil
        }
        func arity(_ count: Int, _ checker: inout TypeCheck) -> Bool {
            guard arguments.count == count else {
                checker.report(TypeDiagnostic.arity(function: name.text, count: count, given: arguments.count), at: range)
                return false
            }
            return true
        }
        switch function {
        case .mean, .min, .max, .sum, .meanKnown:
            guard !arguments.isEmpty else {
                report(TypeDiagnostic.needsArguments(function: name.text), at: range)
                return nil
            }
            var codes: [Code] = []
            var ranges: [ClosedRange<Double>] = []
            var allRanges = true
            for argument in arguments {
                guard let typed = check(argument, expected: .number), numeric(typed, argument.range, "'\(name.text)'") else { return nil }
                codes.append(typed.code)
                if let r = typed.range { ranges.append(r) } else { allRanges = false }
            }
            return Typed(code: .call(function, codes), type: .number, range: allRanges ? Interval.aggregate(function, ranges) : nil)
        case .count:
            guard !arguments.isEmpty else {
                report(TypeDiagnostic.needsArguments(function: "count"), at: range)
                return nil
            }
            var codes: [Code] = []
            for argument in arguments {
                guard let typed = check(argument, expected: nil) else { return nil }
                switch typed.type {
                case .set(let index) where arguments.count == 1, .list(let index) where arguments.count == 1:
                    return Typed(code: .call(.count, [typed.code]), type: .number,
                                 range: 0...Double(optionTypes[index].options.count))
                case .boolean:
                    codes.append(typed.code)
                default:
                    report(TypeDiagnostic.countArgument(actual: describe(typed.type)), at: argument.range)
                    return nil
                }
            }
            return Typed(code: .call(.count, codes), type: .number, range: 0...Double(codes.count))
        case .known:
            guard arity(1, &self), let typed = check(arguments[0], expected: nil) else { return nil }
            return Typed(code: .call(.known, [typed.code]), type: .boolean)
        case .reverse:
            guard arity(1, &self), let typed = check(arguments[0], expected: nil) else { return nil }
            guard case .option(let index) = typed.type, optionTypes[index].ordered else {
                report(TypeDiagnostic.reverseNeedsScale(actual: describe(typed.type)), at: arguments[0].range)
                return nil
            }
            return Typed(code: .call(.reverse, [typed.code]), type: .number, range: numberRange(of: typed.type))
        case .union, .intersection, .difference:
            guard arity(2, &self), let a = check(arguments[0], expected: expected) else { return nil }
            guard case .set(let index) = a.type else {
                report(TypeDiagnostic.needsSets(function: name.text, actual: describe(a.type)), at: arguments[0].range)
                return nil
            }
            guard let b = check(arguments[1], expected: a.type) else { return nil }
            guard b.type == a.type else {
                report(TypeDiagnostic.needsTwoSets(function: name.text, type: optionTypes[index].name, actual: describe(b.type)), at: arguments[1].range)
                return nil
            }
            return Typed(code: .call(function, [a.code, b.code]), type: a.type)
        case .abs:
            guard arity(1, &self), let a = check(arguments[0], expected: .number), numeric(a, arguments[0].range, "'abs'") else { return nil }
            let range = a.range.map { r in
                r.lowerBound >= 0 ? r : r.upperBound <= 0 ? -r.upperBound...(-r.lowerBound) : 0...Swift.max(-r.lowerBound, r.upperBound)
            }
            return Typed(code: .call(.abs, [a.code]), type: .number, range: range)
        case .ranked:
            return checkRanked(name, arguments, at: range)
        case .spread:
            guard arity(1, &self), let typed = check(arguments[0], expected: nil) else { return nil }
            guard case .slot(let slot) = typed.code, case .question = slotDeclarations[slot] else {
                report(TypeDiagnostic.spreadNeedsQuestion, at: arguments[0].range)
                return nil
            }
            return Typed(code: .call(.spread, [typed.code]), type: .number, range: spreadRange(of: typed))
        }
    }

    /// What `spread(q)` can be (see ``Combining``): up to the scale's steps, a number's range, half
    /// for a set of options, and a share below 1 for the others.
    private func spreadRange(of question: Typed) -> ClosedRange<Double>? {
        switch question.type {
        case .option(let index) where optionTypes[index].ordered: return 0...Double(max(0, optionTypes[index].options.count - 1))
        case .number: return question.range.map { 0...($0.upperBound - $0.lowerBound) }
        case .set: return 0...0.5
        default: return 0...1
        }
    }

    /// `ranked(T, s1, …, sn)`: a list of T's options ordered by their scores.
    private mutating func checkRanked(_ name: Name, _ arguments: [Expr], at range: SourceRange) -> Typed? {
        guard case .name(let typeName)? = arguments.first?.kind, let index = typeIndex[typeName] else {
            report(TypeDiagnostic.rankedNeedsType, at: arguments.first?.range ?? range)
            return nil
        }
        references.types.insert(index)
        let options = optionTypes[index].options
        guard arguments.count == options.count + 1 else {
            report(TypeDiagnostic.rankedScores(type: typeName, options: options, given: arguments.count - 1), at: range)
            return nil
        }
        var codes: [Code] = []
        for argument in arguments.dropFirst() {
            guard let typed = check(argument, expected: .number), numeric(typed, argument.range, "'ranked'") else { return nil }
            codes.append(typed.code)
        }
        return Typed(code: .ranked(type: index, codes), type: .list(index))
    }

    /// The code itself, or a constant when it reads no slots.
    func folded(_ code: Code) -> Code {
        guard !code.readsValues, let value = Machine(optionTypes: optionTypes, slots: []).evaluate(code).value else { return code }
        return .constant(value)
    }
}
