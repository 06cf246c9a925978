/// Every name the rule files declare, in its namespace: sources, types (scales and enums),
/// values (questions, derived values, tables and outputs, each in a *slot*) and rules. The
/// checker's first stage, ``declare(_:files:abandoned:reserving:)``, builds it; it does not change
/// after that, so every later stage reads the same names.
struct SymbolTable {
    /// The files the declarations come from.
    let files: [SourceFile]
    let sourceDeclarations: [String: SourceDeclaration]
    let sourceOrder: [String]
    let typeIndex: [String: OptionTypeID]
    let typeDeclarations: [TypeDeclaration]
    let optionTypes: [OptionType]
    /// Questions first, so that answers and slots share positions.
    let slotIndex: [String: Int]
    let slotDeclarations: [Declaration]
    let ruleDeclarations: [RuleDeclaration]
    /// How many of the slots are questions.
    let questionCount: Int
    /// Names of declarations that had syntax errors: uses of them are not reported again.
    let abandonedNames: Set<String>
    /// Names no question may have: the keys profiles hold besides answers (see ``ProfileFormat``).
    let reservedNames: Set<String>

    /// The nodes of the dependency graph: values are nodes `0..<slotCount`, then rules.
    var slotCount: Int { slotDeclarations.count }

    /// The source text of a range.
    func text(of range: SourceRange) -> String {
        files[range.file].text(in: range.start..<range.end)
    }

    /// A type as rule files write it: `scale 'level'`, `set of 'goal'`.
    func describe(_ type: ValueType) -> String {
        switch type {
        case .boolean: return "boolean"
        case .number: return "number"
        case .text: return "text"
        case .option(let index):
            return "\(optionTypes[index].ordered ? "scale" : "enum") '\(optionTypes[index].name)'"
        case .set(let index): return "set of '\(optionTypes[index].name)'"
        case .list(let index): return "list of '\(optionTypes[index].name)'"
        }
    }

    /// The positions a scale's options count as in arithmetic (1 to n); `nil` for other types.
    func numberRange(of type: ValueType) -> ClosedRange<Double>? {
        if case .option(let index) = type, optionTypes[index].ordered {
            return 1...Double(max(1, optionTypes[index].options.count))
        }
        return nil
    }

    /// The table declared in a slot.
    func tableDeclaration(_ slot: Int) -> TableDeclaration {
        guard case .table(let declaration) = slotDeclarations[slot] else { preconditionFailure("not a table") }
        return declaration
    }

    /// The names of the outputs, which rules can set.
    var outputNames: [String] {
        slotDeclarations.compactMap { if case .output(let o) = $0 { return o.name.text } else { return nil } }
    }

    /// The types that have an option with this name.
    func optionOwners(_ name: String) -> [OptionTypeID] {
        optionTypes.indices.filter { optionTypes[$0].options.contains(name) }.map(OptionTypeID.init)
    }
}

// MARK: Declaration

extension SymbolTable {
    /// Registers every declaration in its namespace, reporting duplicates and declarations that
    /// are wrong in themselves (options of a type).
    static func declare(_ declarations: [Declaration], files: [SourceFile], abandoned: Set<String>,
                        reserving reservedNames: Set<String>) -> (SymbolTable, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceDeclaration] = [:]
        var sourceOrder: [String] = []
        var typeIndex: [String: OptionTypeID] = [:]
        var types: [TypeDeclaration] = []
        var optionTypes: [OptionType] = []
        var slotIndex: [String: Int] = [:]
        var slots: [Declaration] = []
        var rules: [RuleDeclaration] = []
        var firstRule: [String: Name] = [:]
        func duplicate(_ declaration: Declaration, _ first: Name) {
            diagnostics.append(Diagnostic(NameDiagnostic.duplicate(kind: declaration.kindName, name: declaration.name.text),
                                          at: declaration.name.range,
                                          notes: [.init(message: "'\(first.text)' is first declared here", range: first.range)]))
        }
        let questions = declarations.filter { if case .question = $0 { return true } else { return false } }
        let others = declarations.filter { if case .question = $0 { return false } else { return true } }
        for declaration in questions + others {
            let name = declaration.name
            switch declaration {
            case .source(let source):
                if let first = sources[name.text] { duplicate(declaration, first.name); continue }
                sources[name.text] = source
                sourceOrder.append(name.text)
            case .type(let type):
                if let first = typeIndex[name.text] { duplicate(declaration, types[first].name); continue }
                typeIndex[name.text] = OptionTypeID(types.count)
                types.append(type)
                optionTypes.append(optionType(type, diagnostics: &diagnostics))
            case .rule(let rule):
                if let first = firstRule[name.text] { duplicate(declaration, first); continue }
                firstRule[name.text] = name
                rules.append(rule)
            case .step, .version: break
            case .question, .letValue, .output, .table:
                if let first = slotIndex[name.text] { duplicate(declaration, slots[first].name); continue }
                if case .question = declaration, reservedNames.contains(name.text) {
                    diagnostics.append(Diagnostic(NameDiagnostic.reservedQuestionName(name.text), at: name.range))
                }
                slotIndex[name.text] = slots.count
                slots.append(declaration)
            }
        }
        let questionCount = slots.prefix { if case .question = $0 { return true } else { return false } }.count
        let table = SymbolTable(
            files: files, sourceDeclarations: sources, sourceOrder: sourceOrder, typeIndex: typeIndex, typeDeclarations: types,
            optionTypes: optionTypes, slotIndex: slotIndex, slotDeclarations: slots, ruleDeclarations: rules,
            questionCount: questionCount, abandonedNames: abandoned, reservedNames: reservedNames)
        return (table, diagnostics)
    }

    /// The options of a scale or enum, with their labels, former ids and versions.
    private static func optionType(_ type: TypeDeclaration, diagnostics: inout [Diagnostic]) -> OptionType {
        var seen: [String: Name] = [:]
        var options: [String] = []
        var labels: [String] = []
        var former: [String: Int] = [:]
        var formerNames: [String: Name] = [:]
        var since: [Int] = []
        for option in type.options {
            if let first = seen[option.name.text] {
                diagnostics.append(Diagnostic(NameDiagnostic.duplicateOption(option.name.text, type: type.name.text), at: option.name.range,
                                              notes: [.init(message: "'\(first.text)' is first listed here", range: first.range)]))
                continue
            }
            seen[option.name.text] = option.name
            for old in option.formerly {
                if let first = formerNames[old.text] {
                    diagnostics.append(Diagnostic(NameDiagnostic.optionFormerIdTwice(old.text, type: type.name.text), at: old.range,
                                                  notes: [.init(message: "first given here", range: first.range)]))
                    continue
                }
                formerNames[old.text] = old
                former[old.text] = options.count
            }
            options.append(option.name.text)
            labels.append(option.label ?? option.name.text)
            since.append(option.since?.version ?? 1)
        }
        // A former id that is also a current option's id or label would be read as that option.
        let lowered = formerNames.isEmpty ? [] : type.options.map { (id: $0.name.text.lowercased(), label: $0.label?.lowercased()) }
        for (old, name) in formerNames.sorted(by: { $0.value.range.start < $1.value.range.start }) {
            let oldLowered = old.lowercased()
            if let current = zip(type.options, lowered).first(where: { $1.id == oldLowered || $1.label == oldLowered })?.0 {
                diagnostics.append(Diagnostic(NameDiagnostic.formerIdIsCurrentOption(old, type: type.name.text), at: name.range,
                                              notes: [.init(message: "the option is declared here", range: current.name.range)]))
                former[old] = nil
            }
        }
        if options.count > 64 {
            diagnostics.append(Diagnostic(NameDiagnostic.tooManyOptions(type: type.name.text, count: options.count), at: type.name.range))
        }
        if type.ordered && options.count < 2 {
            diagnostics.append(Diagnostic(NameDiagnostic.scaleNeedsTwoOptions(type: type.name.text), at: type.name.range))
        }
        return OptionType(name: type.name.text, ordered: type.ordered, options: options, labels: labels, formerIds: former, since: since)
    }
}
