/// The types stage: resolves the names of values, checks the types of every expression, and
/// compiles values, tables and rules to ``Code``, each value after those it reads.
///
/// It reads the frozen ``SymbolTable`` and returns ``TypedValues``, its diagnostics and the
/// declarations it referred to (``References``). The stages that check expressions after it
/// (versions, presentation) run in it again over the typed values, with ``resume(_:typed:_:)``.
struct TypeCheck {
    let symbols: SymbolTable
    /// What has been typed so far.
    var values: TypedValues
    var diagnostics: [Diagnostic] = []
    /// The declarations this stage referred to.
    var references = References()

    enum CompileState { case pending, inProgress, done }
    private(set) var slotState: [CompileState]
    /// The slots being compiled, innermost last: a use of one of them is a cycle.
    private var compileStack: [Int] = []
    private var reportedCycles: Set<Int> = []

    // The symbols and types the checks read most, under short names.
    var slotIndex: [String: Int] { symbols.slotIndex }
    var slotDeclarations: [Declaration] { symbols.slotDeclarations }
    var typeIndex: [String: OptionTypeID] { symbols.typeIndex }
    var typeDeclarations: [TypeDeclaration] { symbols.typeDeclarations }
    var optionTypes: [OptionType] { symbols.optionTypes }
    var abandonedNames: Set<String> { symbols.abandonedNames }
    var reservedNames: Set<String> { symbols.reservedNames }
    var slotTypes: [ValueType?] { values.slotTypes }
    var slotRanges: [ClosedRange<Double>?] { values.slotRanges }

    private init(_ symbols: SymbolTable) {
        self.symbols = symbols
        let slots = symbols.slotCount
        values = TypedValues(slotTypes: Array(repeating: nil, count: slots), slotRanges: Array(repeating: nil, count: slots),
                             dependencies: Array(repeating: [], count: slots + symbols.ruleDeclarations.count))
        slotState = Array(repeating: .pending, count: slots)
    }

    /// A type check over values already typed, for checking further expressions.
    private init(_ symbols: SymbolTable, typed: TypedValues) {
        self.symbols = symbols
        values = typed
        slotState = Array(repeating: .done, count: symbols.slotCount)
    }

    /// Types and compiles every value and rule.
    static func run(_ symbols: SymbolTable) -> (TypedValues, [Diagnostic], References) {
        var typing = TypeCheck(symbols)
        // Values that others use are compiled first, so that compiling never recurses deeply.
        for slot in DependencyOrder.postOrder(typing.syntacticDependencies(), onCycle: { _ in }) { typing.compileValue(slot) }
        for (index, rule) in symbols.ruleDeclarations.enumerated() {
            typing.values.rules.append(typing.compileRule(rule, node: symbols.slotCount + index))
        }
        return (typing.values, typing.diagnostics, typing.references)
    }

    /// Runs a later stage that checks with this stage's means (expressions, templates, names)
    /// over the values typed by ``run(_:)`` (or, before it, over none): the stage's result, its
    /// diagnostics and the declarations it referred to.
    static func resume<Result>(_ symbols: SymbolTable, typed: TypedValues?, _ stage: (inout TypeCheck) -> Result)
        -> (Result, [Diagnostic], References) {
        var typing = typed.map { TypeCheck(symbols, typed: $0) } ?? TypeCheck(symbols)
        let result = stage(&typing)
        return (result, typing.diagnostics, typing.references)
    }

    /// Reports a diagnostic of a catalogue.
    mutating func report(_ kind: some DiagnosticKind, at range: SourceRange?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(kind, at: range, notes: notes))
    }

    func describe(_ type: ValueType) -> String { symbols.describe(type) }
    func numberRange(of type: ValueType) -> ClosedRange<Double>? { symbols.numberRange(of: type) }
    func text(of range: SourceRange) -> String { symbols.text(of: range) }

    // MARK: Types

    /// Resolves a written type; `nil` after reporting an error.
    mutating func resolve(_ syntax: TypeSyntax) -> (ValueType, ClosedRange<Double>?)? {
        switch syntax.kind {
        case .boolean: return (.boolean, nil)
        case .text: return (.text, nil)
        case .number(let low, let high):
            guard let low, let high else { return (.number, nil) }
            guard low <= high else {
                report(TypeDiagnostic.emptyRange(low: formatNumber(low), high: formatNumber(high)), at: syntax.range)
                return nil
            }
            return (.number, low...high)
        case .named(let name):
            guard let index = lookupType(name, at: syntax.range) else { return nil }
            return (.option(index), nil)
        case .setOf(let element):
            guard let index = lookupType(element.text, at: element.range) else { return nil }
            return (.set(index), nil)
        }
    }

    private mutating func lookupType(_ name: String, at range: SourceRange) -> OptionTypeID? {
        if let index = typeIndex[name] {
            references.types.insert(index)
            return index
        }
        if abandonedNames.contains(name) { return nil }  // its declaration has a syntax error
        let builtins = ["boolean", "number", "text"]
        report(NameDiagnostic.unknownType(name, suggestion: Suggestions.didYouMean(name, in: Array(typeIndex.keys).sorted() + builtins)), at: range)
        return nil
    }

    // MARK: Citations

    mutating func citations(_ citations: [Citation], of what: String, name: Name, required: Bool) -> [CitationInfo] {
        if citations.isEmpty && required {
            report(NameDiagnostic.missingCitation(kind: what, name: name.text), at: name.range)
        }
        var result: [CitationInfo] = []
        for citation in citations {
            guard symbols.sourceDeclarations[citation.source.text] != nil else {
                if abandonedNames.contains(citation.source.text) { continue }
                let suggestion = Suggestions.didYouMean(citation.source.text, in: symbols.sourceOrder)
                report(NameDiagnostic.unknownSource(citation.source.text, suggestion: suggestion), at: citation.source.range)
                continue
            }
            references.sources.insert(citation.source.text)
            result.append(CitationInfo(source: citation.source.text, locator: citation.locator ?? ""))
        }
        return result
    }

    // MARK: Values

    /// Compiles the value in a slot (once), so that its type is known to the values using it.
    mutating func compileValue(_ slot: Int) {
        guard slotState[slot] == .pending else { return }
        // Compiling in dependency order, only a cycle makes compiling recurse; a very long cycle
        // is reported here rather than followed to the end.
        guard compileStack.count < 100 else {
            report(OrderDiagnostic.longCycle(slotDeclarations[slot].name.text), at: slotDeclarations[slot].name.range)
            return
        }
        slotState[slot] = .inProgress
        compileStack.append(slot)
        defer {
            slotState[slot] = .done
            compileStack.removeLast()
        }
        switch slotDeclarations[slot] {
        case .question(let question):
            values.slotCitations[slot] = citations(question.citations, of: "question", name: question.name, required: true)
            if let (type, range) = resolve(question.type) {
                values.slotTypes[slot] = type
                values.slotRanges[slot] = range ?? numberRange(of: type)
            }
            if question.text == nil {
                report(NameDiagnostic.questionWithoutText(question.name.text), at: question.name.range)
            }
            if question.step == nil {
                report(NameDiagnostic.questionWithoutStep(question.name.text), at: question.name.range)
            }
            if let relevance = question.relevance, let typed = check(relevance, expected: .boolean) {
                if requireType(typed, .boolean, at: relevance.range, context: "a question's 'when' condition") {
                    values.questionRelevance[slot] = typed.code
                    addDependencies(of: typed.code, to: slot)
                }
            }
        case .letValue(let value):
            values.slotCitations[slot] = citations(value.citations, of: "derived value", name: value.name, required: false)
            var declared: (ValueType, ClosedRange<Double>?)?
            if let syntax = value.type {
                declared = resolve(syntax)
                if declared == nil {
                    noteUses(in: value.expr)
                    return
                }
                values.slotTypes[slot] = declared!.0
            }
            guard let typed = check(value.expr, expected: declared?.0) else { return }
            if let declared, !requireType(typed, declared.0, at: value.expr.range, context: "'\(value.name.text)'") { return }
            values.slotTypes[slot] = typed.type
            values.slotRanges[slot] = declared?.1 ?? typed.range
            values.derivedCode[slot] = typed.code
            addDependencies(of: typed.code, to: slot)
        case .output(let output):
            values.slotCitations[slot] = citations(output.citations, of: "output", name: output.name, required: false)
            if let (type, range) = resolve(output.type) {
                values.slotTypes[slot] = type
                values.slotRanges[slot] = range ?? numberRange(of: type)
            }
        case .table(let table):
            compileTable(table, slot: slot)
        case .source, .type, .rule, .step, .version:
            preconditionFailure("only values have slots")
        }
    }

    /// Reports a value whose type cannot be known because computing it needs the value itself
    /// (a cycle among values without declared types). The cycles that remain are found when
    /// the values are put in order.
    mutating func reportCycle(through slot: Int) {
        guard let start = compileStack.lastIndex(of: slot), reportedCycles.insert(slot).inserted else { return }
        let names = (compileStack[start...] + [slot]).map { slotDeclarations[$0].name.text }.joined(separator: " → ")
        report(OrderDiagnostic.dependsOnItself(slotDeclarations[slot].name.text, path: names), at: slotDeclarations[slot].name.range)
    }

    /// Reports a mismatch between a checked expression's type and the one required.
    mutating func requireType(_ typed: Typed, _ type: ValueType, at range: SourceRange, context: String) -> Bool {
        if typed.type == type { return true }
        if type == .number, typed.isNumeric(symbols) { return true }
        report(TypeDiagnostic.mismatch(context: context, expected: describe(type), actual: describe(typed.type)), at: range)
        return false
    }

    mutating func addDependencies(of code: Code, to node: Int) {
        var slots: [Int] = []
        code.collectSlots(into: &slots)
        values.dependencies[node] += slots
    }

    /// For each value, the values its declaration names (before any checking), so that values
    /// can be compiled after those they use.
    private func syntacticDependencies() -> [[Int]] {
        slotDeclarations.map { declaration in
            var names: [String] = []
            func collect(_ expr: Expr) {
                switch expr.kind {
                case .name(let name): names.append(name)
                case .number, .string, .boolean, .qualified: break
                case .negate(let a), .not(let a): collect(a)
                case .binary(_, let a, let b):
                    collect(a)
                    collect(b)
                case .conditional(let a, let b, let c):
                    collect(a)
                    collect(b)
                    collect(c)
                case .call(_, let items), .setLiteral(let items): items.forEach(collect)
                }
            }
            switch declaration {
            case .letValue(let value): collect(value.expr)
            case .question(let question): question.relevance.map(collect)
            case .table(let table):
                table.columns.forEach(collect)
                table.rows.forEach { collect($0.output) }
            default: break
            }
            return names.compactMap { slotIndex[$0] }
        }
    }

}


extension ClosedRange where Bound == Double {
    func hull(_ other: ClosedRange<Double>) -> ClosedRange<Double> {
        Swift.min(lowerBound, other.lowerBound)...Swift.max(upperBound, other.upperBound)
    }
}
