/// A condition of a rule, or a cell of a table row, in words: what was tested, the value it has
/// and what the condition needed, as in "Risk is High (needed: High)".
public struct ConditionCheck: Sendable, Hashable, Codable {
    /// The condition, or the table column, as written in the rules.
    public let condition: String
    /// What was tested, for people: a question's name, a value's label (its name where it has
    /// none), "the number of …" for `count` of one value, or else the expression as written,
    /// in quotes.
    public let subject: String
    /// Its value in words (see ``RuleBase/inWords(_:)``): "High", "Agree; Neutral", "unknown".
    public let actual: String
    /// What the condition needs, in words: "High", "at least Agree", "includes Efficiency",
    /// "one of Low; Mid", "not High", "known", "answered"; a value it is compared with is
    /// named before its value ("Risk, which is High").
    public let needed: String
    public let verdict: Verdict
    /// The missing answers (question names) that would decide the condition, or could change it.
    public let missingAnswers: [String]
}

/// One row of a decision table as evaluated, its cells in words.
public struct RowCheck: Sendable, Hashable, Codable {
    /// The row number, from 1.
    public let row: Int
    public let verdict: Verdict
    /// The row's output in words.
    public let output: String
    public let cells: [ConditionCheck]
}

extension RuleBase {
    /// The conditions that decided a rule's verdict in an evaluation, in words: for a rule that
    /// fired, every condition that held; for one that did not, the conditions that failed (for
    /// `or`, each alternative); for an undecided one, the conditions missing answers left open.
    /// Empty for a rule without a condition.
    public func reasons(forRule rule: RuleID, in evaluation: Evaluation) -> [ConditionCheck] {
        guard let condition = compiledRules[rule.index].condition else { return [] }
        var checks: [ConditionCheck] = []
        collectReasons(condition, negated: false, machine: machine(evaluation), into: &checks)
        return checks
    }

    /// Every row of the table that computes the value in `slot`, with whether it matched and
    /// each cell that tests something (not `-`) in words; empty if the value is not a table.
    public func rows(ofTable slot: SlotID, in evaluation: Evaluation) -> [RowCheck] {
        guard let table = compiledTables.first(where: { $0.slot == slot.index }) else { return [] }
        let machine = machine(evaluation)
        let columns = table.columns.map(machine.evaluate)
        return table.rows.enumerated().map { index, row in
            var verdict: Bool? = true
            let cells = zip(row.cells, columns).enumerated().compactMap { column, pair -> ConditionCheck? in
                let (cell, outcome) = pair
                guard cell.tests != nil else { return nil }
                let match = Machine.matches(cell, outcome.value)
                if match == false { verdict = false } else if match == nil && verdict == true { verdict = nil }
                return ConditionCheck(condition: table.columnTexts[column], subject: subject(table.columns[column], text: table.columnTexts[column]),
                                      actual: inWords(outcome.value), needed: words(cell), verdict: Verdict(match),
                                      missingAnswers: match == true ? [] : outcome.missing.members.map { values[$0.index].name })
            }
            return RowCheck(row: index + 1, verdict: Verdict(verdict), output: inWords(machine.evaluate(row.output).value), cells: cells)
        }
    }

    /// A rule's recommendations and warnings with their placeholders filled in from an
    /// evaluation, whether the rule fired or not: what it says, or would say.
    public func advice(ofRule id: RuleID, in evaluation: Evaluation) -> [Advice] {
        let advice = advice(ofRule: id.index, values: evaluation.values, verdict: evaluation.ruleVerdicts[id.index])
        return advice.recommendations + advice.warnings
    }

    /// A rule's `because` text filled in from an evaluation, whether the rule fired or not.
    public func because(ofRule rule: RuleID, in evaluation: Evaluation) -> String? {
        compiledRules[rule.index].because?.render(evaluation.values, self)
    }

    private func machine(_ evaluation: Evaluation) -> Machine {
        Machine(optionTypes: optionTypes, slots: evaluation.values, spreads: evaluation.spreads)
    }

    /// Adds the atoms that decided `code`'s value: under `and` the false ones, under `or` the
    /// true ones, or all when none decided alone; the unknown ones when it is unknown.
    private func collectReasons(_ code: Code, negated: Bool, machine: Machine, into checks: inout [ConditionCheck]) {
        switch code {
        case .and(let a, let b), .or(let a, let b):
            let deciding: Bool
            if case .and = code { deciding = false } else { deciding = true }
            let value = machine.evaluate(code).boolean
            for operand in [a, b] {
                let operandValue = machine.evaluate(operand).boolean
                if value == deciding ? operandValue == deciding : value != nil || operandValue == nil {
                    collectReasons(operand, negated: negated, machine: machine, into: &checks)
                }
            }
        case .not(let operand):
            collectReasons(operand, negated: !negated, machine: machine, into: &checks)
        case .atom(let text, let inner):
            checks.append(check(text.split(whereSeparator: \.isWhitespace).joined(separator: " "), inner, negated: negated, machine: machine))
        default:
            checks.append(check("", code, negated: negated, machine: machine))
        }
    }

    /// One atom of a condition in words.
    private func check(_ text: String, _ code: Code, negated: Bool, machine: Machine) -> ConditionCheck {
        // `x not in s` is one atom over a negated membership.
        if case .not(let inner) = code { return check(text, inner, negated: !negated, machine: machine) }
        let outcome = machine.evaluate(code)
        let verdict = Verdict(outcome.boolean.map { $0 != negated })
        let missing = verdict == .yes ? [] : outcome.missing.members.map { values[$0.index].name }
        func condition(_ tested: Code, _ written: String?, needed: String) -> ConditionCheck {
            ConditionCheck(condition: text, subject: subject(tested, text: written ?? text), actual: actual(tested, machine),
                           needed: needed, verdict: verdict, missingAnswers: missing)
        }
        /// What another side stands for: its value, after what it is where it reads values.
        func other(_ side: Code, _ written: String?) -> String {
            let value = inWords(machine.evaluate(side).value)
            return side.readsValues ? "\(subject(side, text: written ?? text)), which is \(value)" : value
        }
        switch code {
        case .compare(let op, let left, let right):
            let sides = Self.sides(of: text, op)
            return condition(left, sides?.left, needed: Self.phrase(negated ? op.negation : op) + other(right, sides?.right))
        case .member(let element, let set):
            let sides = Self.sides(of: text, .in).map { sides in
                (left: sides.left.hasSuffix(" not") ? String(sides.left.dropLast(4)) : sides.left, right: sides.right)
            }
            guard set.readsValues || !element.readsValues else {
                // `anchor in {a, b}`: the value must be one of the options.
                let options = machine.evaluate(set).value
                var several = false
                if case .set(_, let mask)? = options { several = mask.nonzeroBitCount > 1 }
                let needed = several ? (negated ? "none of " : "one of ") : (negated ? "not " : "")
                return condition(element, sides?.left, needed: needed + inWords(options))
            }
            return condition(set, sides?.right, needed: (negated ? "does not include " : "includes ") + other(element, sides?.left))
        case .call(.known, let arguments):
            let words = isQuestion(arguments[0]) ? ("answered", "not answered") : ("known", "unknown")
            return condition(arguments[0], nil, needed: negated ? words.1 : words.0)
        default:
            return condition(code, nil, needed: inWords(.boolean(!negated)))
        }
    }

    /// A tested value in words; a missing answer is "not answered".
    private func actual(_ code: Code, _ machine: Machine) -> String {
        let value = machine.evaluate(code).value
        if case .slot(let slot) = code { return inWords(value, of: SlotID(slot)) }
        return inWords(value)
    }

    private func isQuestion(_ code: Code) -> Bool {
        if case .slot(let slot) = code { return slot < questionCount }
        return false
    }

    /// What a piece of a condition is about, for people: a question's name (its text is a whole
    /// question), a value's label (or its name), "the number of …" for `count` of one value;
    /// otherwise the text as written, in quotes.
    private func subject(_ code: Code, text: String) -> String {
        switch code {
        case .slot(let slot) where slot < questionCount:
            return values[slot].name
        case .slot(let slot):
            return values[slot].label ?? values[slot].name
        case .call(.count, let arguments) where arguments.count == 1:
            guard case .slot(let slot) = arguments[0] else { break }
            if slot < questionCount { return "the number of options chosen for \(values[slot].name)" }
            return "the number of " + Self.lowercasingFirstWord(values[slot].label ?? values[slot].name)
        default:
            break
        }
        return "\"\(text)\""
    }

    /// "Delivery risk …" as "delivery risk …", but "IT risk" as it is.
    static func lowercasingFirstWord(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 1, characters[0].isUppercase, !characters[1].isUppercase else { return text }
        return characters[0].lowercased() + String(characters.dropFirst())
    }

    /// A table cell's test in words: "High", "at least 3", "1 to 2.5", "not High".
    private func words(_ cell: CompiledCell) -> String {
        let tests = cell.tests ?? []
        let alternatives = tests.map { test in
            switch test {
            case .equal(let value): return inWords(value)
            case .compare(let op, let value): return Self.phrase(op) + inWords(value)
            case .between(let low, let high): return "\(inWords(low)) to \(inWords(high))"
            }
        }
        guard cell.negated else { return alternatives.joined(separator: " or ") }
        return alternatives.count == 1 ? "not " + alternatives[0] : "none of " + alternatives.joined(separator: "; ")
    }

    /// How a comparison reads before the value compared with.
    private static func phrase(_ op: BinaryOperator) -> String {
        switch op {
        case .notEqual: return "not "
        case .less: return "below "
        case .lessOrEqual: return "at most "
        case .greater: return "above "
        case .greaterOrEqual: return "at least "
        default: return ""
        }
    }

    /// The two sides of a comparison or `in` as written: the text before and after its
    /// operator, found outside parentheses and strings.
    static func sides(of text: String, _ op: BinaryOperator) -> (left: String, right: String)? {
        let characters = Array(text)
        let symbol = Array(op.rawValue)
        var depth = 0
        var inString = false
        var index = 0
        while index + symbol.count <= characters.count {
            let character = characters[index]
            if character == "\"" { inString.toggle() }
            if !inString {
                if character == "(" || character == "{" { depth += 1 }
                if character == ")" || character == "}" { depth -= 1 }
                let next = index + symbol.count < characters.count ? characters[index + symbol.count] : " "
                let previous = index > 0 ? characters[index - 1] : " "
                // A word (`in`) stands alone; a symbol is not part of a longer one (`<=`).
                let alone = symbol[0].isLetter ? previous.isWhitespace && next.isWhitespace : next != "=" && !"<>=!".contains(previous)
                if depth == 0, Array(characters[index..<index + symbol.count]) == symbol, alone {
                    let left = String(characters[..<index]).trimmingSpaces
                    let right = String(characters[(index + symbol.count)...]).trimmingSpaces
                    return left.isEmpty || right.isEmpty ? nil : (left, right)
                }
            }
            index += 1
        }
        return nil
    }
}

extension BinaryOperator {
    /// The comparison that holds exactly when this one does not.
    var negation: BinaryOperator {
        switch self {
        case .equal: return .notEqual
        case .notEqual: return .equal
        case .less: return .greaterOrEqual
        case .lessOrEqual: return .greater
        case .greater: return .lessOrEqual
        case .greaterOrEqual: return .less
        default: return self
        }
    }
}

extension Template {
    /// The text with each placeholder replaced by its value in words; with the possible
    /// values, an unknown value names what it can still be (see
    /// ``RuleBase/valueInText(_:_:of:startsSentence:)``).
    func render(_ slots: [Outcome], _ ruleBase: RuleBase, possible: Possibilities? = nil) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .slot(let slot):
                guard let possible else { text += ruleBase.display(slots[slot].value); continue }
                text += ruleBase.valueInText(slots[slot], possible.values[slot], of: SlotID(slot),
                                             startsSentence: text.isEmpty || text.hasSuffix(". "))
            }
        }
        return text
    }
}
