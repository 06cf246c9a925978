/// Checks parsed declarations and compiles them into a ``RuleBase``: names, types, citations,
/// dependency order, and the analysis of tables and rules. Every problem is reported as a
/// diagnostic; checking goes on after an error so that one run reports as many as it can.
struct Checker {
    let files: [SourceFile]
    var diagnostics: [Diagnostic] = []

    // Namespaces: sources, types, values (questions, derived values, tables, outputs) and rules.
    var sourceDeclarations: [String: SourceDeclaration] = [:]
    var sourceOrder: [String] = []
    var typeIndex: [String: Int] = [:]
    var typeDeclarations: [TypeDeclaration] = []
    var optionTypes: [OptionType] = []
    var slotIndex: [String: Int] = [:]
    var slotDeclarations: [Declaration] = []
    var ruleDeclarations: [RuleDeclaration] = []

    // Per slot, filled in as values are compiled.
    var slotTypes: [ValueType?] = []
    var slotRanges: [ClosedRange<Double>?] = []
    var slotState: [CompileState] = []
    var derivedCode: [Int: Code] = [:]
    var questionRelevance: [Int: Code] = [:]
    var tables: [Int: CompiledTable] = [:]
    var rules: [CompiledRule?] = []
    var slotCitations: [Int: [CitationInfo]] = [:]
    var ruleCitations: [[CitationInfo]] = []
    /// The slots and rules each node depends on: nodes `0..<slots` are values, then rules.
    var dependencies: [[Int]] = []

    // Usage, for "unused declaration" warnings.
    var usedTypes: Set<Int> = []
    var usedSources: Set<String> = []
    var usedSlots: Set<Int> = []

    /// The slots being compiled, innermost last: a use of one of them is a cycle.
    var compileStack: [Int] = []
    var reportedCycles: Set<Int> = []

    /// Names of declarations that had syntax errors: uses of them are not reported again.
    var abandonedNames: Set<String> = []
    /// The work that analysing tables and rule conditions has taken (see ``TableAnalysis/budget``),
    /// and whether it has run out.
    var analysisWork = 0
    var analysisStopped = false

    /// Whether any file had a syntax error; then "never used" warnings are left out, since the
    /// declarations that were skipped may have used the values.
    var hadSyntaxErrors = false

    enum CompileState { case pending, inProgress, done }

    /// Names no question may have: the keys profiles hold besides answers (see ``ProfileFormat``).
    var reservedNames: Set<String> = []

    init(files: [SourceFile]) {
        self.files = files
    }

    /// Parses and checks the files; returns the rule base if there were no errors.
    static func check(files: [SourceFile], reserving reservedNames: Set<String>) -> (RuleBase?, [Diagnostic]) {
        var checker = Checker(files: files)
        checker.reservedNames = reservedNames
        var declarations: [Declaration] = []
        for (index, file) in files.enumerated() {
            let parsed = Parser.parse(file, fileIndex: index)
            declarations += parsed.declarations
            checker.diagnostics += parsed.diagnostics
            checker.abandonedNames.formUnion(parsed.abandonedNames)
        }
        checker.hadSyntaxErrors = checker.diagnostics.hasErrors
        let ruleBase = checker.run(declarations)
        return (ruleBase, checker.diagnostics)
    }

    mutating func error(_ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: range, notes: notes))
    }

    mutating func warning(_ message: String, at range: SourceRange?) {
        diagnostics.append(.warning(message, at: range))
    }

    /// The namespaces a misspelt name can be suggested from.
    enum Namespace { case values, types, sources }

    /// `"; did you mean 'x'?"` for a misspelt name, or the empty string. The suggested
    /// declaration counts as used: it is most likely the one meant, so it is not also reported
    /// as never used.
    mutating func didYouMean(_ name: String, in candidates: some Sequence<String>, _ namespace: Namespace) -> String {
        guard let suggestion = Suggestions.closest(to: name, in: candidates) else { return "" }
        switch namespace {
        case .values: if let slot = slotIndex[suggestion] { usedSlots.insert(slot) }
        case .types: if let index = typeIndex[suggestion] { usedTypes.insert(index) }
        case .sources: usedSources.insert(suggestion)
        }
        return "; did you mean '\(suggestion)'?"
    }

    // MARK: The passes

    private mutating func run(_ declarations: [Declaration]) -> RuleBase? {
        register(declarations)
        let titles = stepTitles(declarations)
        checkShortLabels(declarations)
        // Values that others use are compiled first, so that compiling never recurses deeply.
        for slot in DependencyOrder.postOrder(syntacticDependencies(), onCycle: { _ in }) { compileValue(slot) }
        for index in ruleDeclarations.indices { rules.append(compileRule(ruleDeclarations[index], node: slotDeclarations.count + index)) }
        for (slot, table) in tables.sorted(by: { $0.key < $1.key }) {
            TableAnalysis.analyze(table, declaration: tableDeclaration(slot), checker: &self)
        }
        for (index, rule) in rules.enumerated() {
            if let condition = rule?.condition {
                TableAnalysis.analyzeCondition(condition, rule: ruleDeclarations[index], checker: &self)
            }
        }
        let history = questionHistory(declarations, questionCount: questionCount)
        let plan = DependencyOrder.plan(checker: &self)
        let presentations = resolvePresentations()
        reportUnused()
        return diagnostics.hasErrors ? nil : makeRuleBase(plan: plan, presentations: presentations, stepTitles: titles, history: history)
    }

    private func tableDeclaration(_ slot: Int) -> TableDeclaration {
        guard case .table(let declaration) = slotDeclarations[slot] else { preconditionFailure("not a table") }
        return declaration
    }

    /// Registers every declaration in its namespace, reporting duplicates. Questions take the
    /// first slots, so that answers and slots share positions.
    private mutating func register(_ declarations: [Declaration]) {
        var firstRule: [String: Name] = [:]
        func duplicate(_ declaration: Declaration, _ first: Name, _ checker: inout Checker) {
            checker.error("duplicate \(declaration.kindName) '\(declaration.name.text)'", at: declaration.name.range,
                          notes: [.init(message: "'\(first.text)' is first declared here", range: first.range)])
        }
        let questions = declarations.filter { if case .question = $0 { return true } else { return false } }
        let others = declarations.filter { if case .question = $0 { return false } else { return true } }
        for declaration in questions + others {
            let name = declaration.name
            switch declaration {
            case .source(let source):
                if let first = sourceDeclarations[name.text] { duplicate(declaration, first.name, &self); continue }
                sourceDeclarations[name.text] = source
                sourceOrder.append(name.text)
            case .type(let type):
                if let first = typeIndex[name.text] { duplicate(declaration, typeDeclarations[first].name, &self); continue }
                registerType(type)
            case .rule(let rule):
                if let first = firstRule[name.text] { duplicate(declaration, first, &self); continue }
                firstRule[name.text] = name
                ruleDeclarations.append(rule)
            case .step, .version: break
            case .question, .letValue, .output, .table:
                if let first = slotIndex[name.text] { duplicate(declaration, slotDeclarations[first].name, &self); continue }
                if case .question = declaration, reservedNames.contains(name.text) {
                    error("'\(name.text)' is reserved for profile metadata; choose another question name", at: name.range)
                }
                slotIndex[name.text] = slotDeclarations.count
                slotDeclarations.append(declaration)
            }
        }
        slotTypes = Array(repeating: nil, count: slotDeclarations.count)
        slotRanges = Array(repeating: nil, count: slotDeclarations.count)
        slotState = Array(repeating: .pending, count: slotDeclarations.count)
        dependencies = Array(repeating: [], count: slotDeclarations.count + ruleDeclarations.count)
    }

    private mutating func registerType(_ type: TypeDeclaration) {
        var seen: [String: Name] = [:]
        var options: [String] = []
        var labels: [String] = []
        var former: [String: Int] = [:]
        var formerNames: [String: Name] = [:]
        var since: [Int] = []
        for option in type.options {
            if let first = seen[option.name.text] {
                error("duplicate option '\(option.name.text)' in '\(type.name.text)'", at: option.name.range,
                      notes: [.init(message: "'\(first.text)' is first listed here", range: first.range)])
                continue
            }
            seen[option.name.text] = option.name
            for old in option.formerly {
                if let first = formerNames[old.text] {
                    error("'\(old.text)' is already a former id of another option of '\(type.name.text)'", at: old.range,
                          notes: [.init(message: "first given here", range: first.range)])
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
        for (old, name) in formerNames.sorted(by: { $0.value.range.start < $1.value.range.start }) {
            if let current = type.options.first(where: { $0.name.text.lowercased() == old.lowercased() || $0.label?.lowercased() == old.lowercased() }) {
                error("'\(old)' is a current option of '\(type.name.text)', so it cannot be a former id", at: name.range,
                      notes: [.init(message: "the option is declared here", range: current.name.range)])
                former[old] = nil
            }
        }
        if options.count > 64 {
            error("'\(type.name.text)' has \(options.count) options; a scale or enum may have at most 64", at: type.name.range)
        }
        if type.ordered && options.count < 2 {
            error("scale '\(type.name.text)' needs at least two options, ordered with '<'", at: type.name.range)
        }
        typeIndex[type.name.text] = typeDeclarations.count
        typeDeclarations.append(type)
        optionTypes.append(OptionType(name: type.name.text, ordered: type.ordered, options: options, labels: labels, formerIds: former, since: since))
    }

    // MARK: Types

    /// Resolves a written type; `nil` after reporting an error.
    mutating func resolve(_ syntax: TypeSyntax) -> (ValueType, ClosedRange<Double>?)? {
        switch syntax.kind {
        case .boolean: return (.boolean, nil)
        case .text: return (.text, nil)
        case .number(let low, let high):
            guard let low, let high else { return (.number, nil) }
            guard low <= high else {
                error("empty range: \(formatNumber(low)) is above \(formatNumber(high))", at: syntax.range)
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

    private mutating func lookupType(_ name: String, at range: SourceRange) -> Int? {
        if let index = typeIndex[name] {
            usedTypes.insert(index)
            return index
        }
        if abandonedNames.contains(name) { return nil }  // its declaration has a syntax error
        let builtins = ["boolean", "number", "text"]
        error("unknown type '\(name)'\(didYouMean(name, in: Array(typeIndex.keys).sorted() + builtins, .types))", at: range)
        return nil
    }

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

    // MARK: Citations

    mutating func citations(_ citations: [Citation], of what: String, name: Name, required: Bool) -> [CitationInfo] {
        if citations.isEmpty && required {
            error("\(what) '\(name.text)' has no citation; add a line such as 'cite SOURCE \"§4.3\"'", at: name.range)
        }
        var result: [CitationInfo] = []
        for citation in citations {
            guard sourceDeclarations[citation.source.text] != nil else {
                if abandonedNames.contains(citation.source.text) { continue }
                let suggestion = didYouMean(citation.source.text, in: sourceOrder, .sources)
                error("unknown source '\(citation.source.text)'\(suggestion)", at: citation.source.range)
                continue
            }
            usedSources.insert(citation.source.text)
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
            error("'\(slotDeclarations[slot].name.text)' is part of a cycle of more than 100 values that depend on each other",
                  at: slotDeclarations[slot].name.range)
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
            slotCitations[slot] = citations(question.citations, of: "question", name: question.name, required: true)
            if let (type, range) = resolve(question.type) {
                slotTypes[slot] = type
                slotRanges[slot] = range ?? numberRange(of: type)
            }
            if question.text == nil {
                error("question '\(question.name.text)' has no text; add a line such as 'ask \"…\"'", at: question.name.range)
            }
            if question.step == nil {
                error("question '\(question.name.text)' has no step; add a line such as 'step 1' (steps are numbered 1 to 99)", at: question.name.range)
            }
            if let relevance = question.relevance, let typed = check(relevance, expected: .boolean) {
                if requireType(typed, .boolean, at: relevance.range, context: "a question's 'when' condition") {
                    questionRelevance[slot] = typed.code
                    addDependencies(of: typed.code, to: slot)
                }
            }
        case .letValue(let value):
            slotCitations[slot] = citations(value.citations, of: "derived value", name: value.name, required: false)
            var declared: (ValueType, ClosedRange<Double>?)?
            if let syntax = value.type {
                declared = resolve(syntax)
                if declared == nil {
                    noteUses(in: value.expr)
                    return
                }
                slotTypes[slot] = declared!.0
            }
            guard let typed = check(value.expr, expected: declared?.0) else { return }
            if let declared, !requireType(typed, declared.0, at: value.expr.range, context: "'\(value.name.text)'") { return }
            slotTypes[slot] = typed.type
            slotRanges[slot] = declared?.1 ?? typed.range
            derivedCode[slot] = typed.code
            addDependencies(of: typed.code, to: slot)
        case .output(let output):
            slotCitations[slot] = citations(output.citations, of: "output", name: output.name, required: false)
            if let (type, range) = resolve(output.type) {
                slotTypes[slot] = type
                slotRanges[slot] = range ?? numberRange(of: type)
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
        error("'\(slotDeclarations[slot].name.text)' depends on itself: \(names)", at: slotDeclarations[slot].name.range)
    }

    func numberRange(of type: ValueType) -> ClosedRange<Double>? {
        if case .option(let index) = type, optionTypes[index].ordered {
            return 1...Double(max(1, optionTypes[index].options.count))
        }
        return nil
    }

    /// Reports a mismatch between a checked expression's type and the one required.
    mutating func requireType(_ typed: Typed, _ type: ValueType, at range: SourceRange, context: String) -> Bool {
        if typed.type == type { return true }
        if type == .number, typed.isNumeric(self) { return true }
        error("\(context) must be \(describe(type)), but this is \(describe(typed.type))", at: range)
        return false
    }

    mutating func addDependencies(of code: Code, to node: Int) {
        var slots: [Int] = []
        code.collectSlots(into: &slots)
        dependencies[node] += slots
    }

    // MARK: Tables

    private mutating func compileTable(_ table: TableDeclaration, slot: Int) {
        slotCitations[slot] = citations(table.citations, of: "table", name: table.name, required: true)
        if let header = table.outputHeader, header.text != table.name.text {
            error("the output column must be named after the table, '\(table.name.text)'", at: header.range)
        }
        // After an error in the table's type, the columns and cells are still checked.
        let resolved = resolve(table.type)
        var validType = resolved?.0
        switch (table.policy, resolved?.0) {
        case (_, nil): break
        case (.collect, .option(let index)?): slotTypes[slot] = .set(index)
        case (.ruleOrder, .option(let index)?): slotTypes[slot] = .list(index)
        case (.collect, let type?), (.ruleOrder, let type?):
            error("a '\(table.policy.rawValue)' table yields several options, so its type must be a scale or enum, not \(describe(type))", at: table.type.range)
            validType = nil
        case (_, .set(let index)?), (_, .list(let index)?):
            error("a table's type is the type of one output; write the element type, not \(describe(.set(index)))", at: table.type.range)
            validType = nil
        case (_, let type?): slotTypes[slot] = type
        }
        var columns: [Code] = []
        var columnTypes: [ValueType?] = []
        var columnRanges: [ClosedRange<Double>?] = []
        for column in table.columns {
            guard let typed = check(column, expected: nil) else {
                columnTypes.append(nil)
                columnRanges.append(nil)
                columns.append(.constant(.boolean(false)))
                continue
            }
            columnRanges.append(typed.range)
            switch typed.type {
            case .boolean, .number, .option:
                columnTypes.append(typed.type)
            default:
                error("a table column must be a boolean, a number, a scale or an enum, but this is \(describe(typed.type))", at: column.range)
                columnTypes.append(nil)
            }
            columns.append(typed.code)
            addDependencies(of: typed.code, to: slot)
        }
        var rows: [CompiledRow] = []
        var outputRange: ClosedRange<Double>?
        let errorsBeforeRows = diagnostics.count { $0.severity == .error }
        for row in table.rows {
            var cells: [CompiledCell] = []
            for (cell, columnType) in zip(row.inputs, columnTypes) {
                cells.append(compileCell(cell, type: columnType))
            }
            var output = Code.constant(.boolean(false))
            guard let elementType = validType else {
                noteUses(in: row.output)
                continue
            }
            if let typed = check(row.output, expected: elementType),
               requireType(typed, elementType, at: row.output.range, context: "the output of table '\(table.name.text)'") {
                output = typed.code
                addDependencies(of: typed.code, to: slot)
                if table.policy == .priority, case .slot = typed.code {
                    error("under 'priority' the outputs must be constants", at: row.output.range)
                }
                if let range = typed.range { outputRange = outputRange.map { $0.hull(range) } ?? range }
            }
            rows.append(CompiledRow(cells: cells, output: output, outputText: text(of: row.output.range)))
        }
        // A table with errors is not analysed: a cell that did not compile would read as one
        // that never matches.
        guard let elementType = validType, diagnostics.count(where: { $0.severity == .error }) == errorsBeforeRows else { return }
        let declaredRange = resolved?.1
        if slotTypes[slot] == .number { slotRanges[slot] = declaredRange ?? outputRange }
        else { slotRanges[slot] = numberRange(of: elementType) }
        tables[slot] = CompiledTable(
            slot: slot, policy: table.policy, elementType: elementType, columns: columns,
            columnTexts: table.columns.map { text(of: $0.range) }, columnTypes: columnTypes, columnRanges: columnRanges,
            rows: rows)
    }

    private mutating func compileCell(_ cell: InputCell, type: ValueType?) -> CompiledCell {
        let text = self.text(of: cell.range)
        guard !cell.tests.isEmpty else { return CompiledCell(tests: nil, negated: false, text: text) }
        guard let type else { return CompiledCell(tests: [], negated: cell.negated, text: text) }
        var tests: [CompiledTest] = []
        let ordered: Bool
        switch type {
        case .number: ordered = true
        case .option(let index): ordered = optionTypes[index].ordered
        default: ordered = false
        }
        for test in cell.tests {
            switch test.kind {
            case .equal(let expr):
                if let value = constant(expr, type: type) { tests.append(.equal(value)) }
            case .compare(let op, let expr):
                guard ordered || !op.isOrdering else {
                    error("'\(op.rawValue)' needs an ordered column (a number or a scale), but this column is \(describe(type))", at: test.range)
                    continue
                }
                if let value = constant(expr, type: type) { tests.append(.compare(op, value)) }
            case .between(let low, let high):
                guard ordered else {
                    error("a range needs an ordered column (a number or a scale), but this column is \(describe(type))", at: test.range)
                    continue
                }
                if let lowValue = constant(low, type: type), let highValue = constant(high, type: type) {
                    if (lowValue.number ?? 0) > (highValue.number ?? 0) {
                        error("empty range: \(self.text(of: low.range)) is above \(self.text(of: high.range))", at: test.range)
                    }
                    tests.append(.between(lowValue, highValue))
                }
            }
        }
        return CompiledCell(tests: tests, negated: cell.negated, text: text)
    }

    /// A table cell's value: a constant of the column's type.
    private mutating func constant(_ expr: Expr, type: ValueType) -> Value? {
        guard let typed = check(expr, expected: type) else { return nil }
        guard requireType(typed, type, at: expr.range, context: "this cell") else { return nil }
        guard case .constant(let value) = folded(typed.code) else {
            error("a table cell must hold a constant, not a value that depends on answers", at: expr.range)
            return nil
        }
        if case .option = type, case .number = value {
            error("this column is \(describe(type)); use one of its options, not a number", at: expr.range)
            return nil
        }
        return value
    }

    func text(of range: SourceRange) -> String {
        files[range.file].text(in: range.start..<range.end)
    }

    // MARK: Rules

    private mutating func compileRule(_ rule: RuleDeclaration, node: Int) -> CompiledRule? {
        ruleCitations.append(citations(rule.citations, of: "rule", name: rule.name, required: true))
        if rule.assignments.isEmpty && rule.recommendations.isEmpty && rule.warnings.isEmpty {
            error("rule '\(rule.name.text)' has no effect; add 'set', 'recommend' or 'warn'", at: rule.name.range)
        }
        var compiled = CompiledRule(assignments: [], recommendations: [], warnings: [])
        var ok = true
        if let condition = rule.condition {
            if let typed = check(condition, expected: .boolean, traced: true),
               requireType(typed, .boolean, at: condition.range, context: "a rule's 'when' condition") {
                compiled.condition = typed.code
                addDependencies(of: typed.code, to: node)
            } else { ok = false }
        }
        for (target, value) in rule.assignments {
            guard let slot = slotIndex[target.text] else {
                if !abandonedNames.contains(target.text) {
                    error("unknown output '\(target.text)'\(didYouMean(target.text, in: outputNames, .values))", at: target.range)
                }
                noteUses(in: value)
                ok = false
                continue
            }
            guard case .output = slotDeclarations[slot] else {
                error("'\(target.text)' is a \(slotDeclarations[slot].kindName); rules can only set outputs (declare it with 'output')", at: target.range)
                noteUses(in: value)
                ok = false
                continue
            }
            usedSlots.insert(slot)
            guard let type = slotTypes[slot] else {
                noteUses(in: value)
                ok = false
                continue
            }
            var expected = type
            if case .set(let index) = type, case .name = value.kind { expected = .option(index) }
            guard let typed = check(value, expected: expected) else { ok = false; continue }
            let fits: Bool
            switch (type, typed.type) {
            case (.set(let a), .option(let b)): fits = a == b
            default: fits = typed.type == type || (type == .number && typed.isNumeric(self))
            }
            guard fits else {
                error("'\(target.text)' is \(describe(type)), but this is \(describe(typed.type))", at: value.range)
                ok = false
                continue
            }
            compiled.assignments.append((slot, typed.code))
            addDependencies(of: typed.code, to: node)
        }
        for recommendation in rule.recommendations {
            guard let compiledRecommendation = compileRecommendation(recommendation, rule: rule.name) else { ok = false; continue }
            compiled.recommendations.append(compiledRecommendation)
        }
        for warning in rule.warnings {
            guard let template = template(warning.text) else { ok = false; continue }
            compiled.warnings.append(template)
        }
        if let because = rule.because {
            compiled.because = template(because)
            if compiled.because == nil { ok = false }
        }
        return ok ? compiled : nil
    }

    /// A recommendation with its texts resolved. One with a rank is among the first actions, so
    /// it needs its action and reason in a line each; `short` and `why` without a rank are shown
    /// nowhere.
    private mutating func compileRecommendation(_ recommendation: Recommendation, rule: Name) -> CompiledRecommendation? {
        let text = template(recommendation.text)
        let short = recommendation.short.map { template($0) }
        let why = recommendation.why.map { template($0) }
        if recommendation.rank != nil {
            let missing = [recommendation.short == nil ? "short \"…\" (the action in a line)" : nil,
                           recommendation.why == nil ? "why \"…\" (its reason in a line)" : nil].compactMap { $0 }
            if !missing.isEmpty {
                error("a recommendation with a rank is among the first actions of the summary; add \(missing.joined(separator: " and ")) after it",
                      at: recommendation.range)
                return nil
            }
        } else if recommendation.short != nil || recommendation.why != nil {
            warning("'short' and 'why' are shown only for a recommendation with a rank; add ', rank N' to rule '\(rule.text)''s 'recommend', or remove them",
                    at: recommendation.range)
        }
        guard let text, short.map({ $0 != nil }) ?? true, why.map({ $0 != nil }) ?? true else { return nil }
        return CompiledRecommendation(step: recommendation.step, priority: recommendation.priority, text: text,
                                      rank: recommendation.rank, short: short ?? nil, why: why ?? nil)
    }

    private var outputNames: [String] {
        slotDeclarations.compactMap { if case .output(let o) = $0 { return o.name.text } else { return nil } }
    }

    /// Resolves the `{placeholders}` of a text.
    mutating func template(_ literal: StringLiteral) -> Template? {
        var pieces: [Template.Piece] = []
        var rest = Substring(literal.value)
        var ok = true
        for placeholder in literal.placeholders {
            let token = "{\(placeholder.name)}"
            guard let found = rest.range(of: token) else { continue }
            if found.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<found.lowerBound]))) }
            rest = rest[found.upperBound...]
            guard let slot = slotIndex[placeholder.name] else {
                if abandonedNames.contains(placeholder.name) {
                    ok = false
                    continue
                }
                let suggestion = didYouMean(placeholder.name, in: slotIndex.keys.sorted(), .values)
                error("unknown name '\(placeholder.name)' in placeholder\(suggestion)", at: placeholder.range)
                ok = false
                continue
            }
            usedSlots.insert(slot)
            pieces.append(.slot(slot))
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return ok ? Template(pieces: pieces) : nil
    }

    // MARK: Unused declarations

    private mutating func reportUnused() {
        guard !hadSyntaxErrors else { return }
        let hasErrors = diagnostics.hasErrors
        for (index, declaration) in typeDeclarations.enumerated() where !usedTypes.contains(index) {
            warning("\(declaration.ordered ? "scale" : "enum") '\(declaration.name.text)' is never used", at: declaration.name.range)
        }
        for name in sourceOrder where !usedSources.contains(name) {
            warning("source '\(name)' is never cited", at: sourceDeclarations[name]!.name.range)
        }
        for (slot, declaration) in slotDeclarations.enumerated() where !usedSlots.contains(slot) {
            switch declaration {
            case .question(let question):
                warning("question '\(question.name.text)' is never used by a rule, table or derived value", at: question.name.range)
            case .output(let output):
                warning("output '\(output.name.text)' is never set by a rule", at: output.name.range)
            case .letValue, .table:
                // Only in a base without errors: a value whose use failed to check looks unused.
                guard !hasErrors, let (name, presentation) = declaration.presentation, !presentation.isShown else { continue }
                warning("\(declaration.kindName) '\(name.text)' is never used by a rule, table or derived value, "
                        + "nor shown in reports; use it, add 'show step N', or remove it", at: name.range)
            default: break
            }
        }
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

    // MARK: Assembly

    /// Checks and resolves the presentation of every derived value, table and output.
    private mutating func resolvePresentations() -> [Int: ResolvedPresentation] {
        var resolved: [Int: ResolvedPresentation] = [:]
        for (slot, declaration) in slotDeclarations.enumerated() {
            guard let (name, presentation) = declaration.presentation else { continue }
            resolved[slot] = resolvePresentation(presentation, slot: slot, name: name)
        }
        return resolved
    }

    /// The description of a derived value, table or output.
    private func derivedInfo(_ slot: Int, _ name: Name, _ kind: ValueKind, _ presentation: Presentation,
                             _ resolved: ResolvedPresentation?) -> ValueInfo {
        ValueInfo(name: name.text, kind: kind, type: slotTypes[slot] ?? .boolean, range: slotRanges[slot],
                  label: presentation.label, help: presentation.help, watch: presentation.watch,
                  reportStep: presentation.reportStep, headline: presentation.headline,
                  headlineSentence: resolved?.headlineSentence, chart: resolved?.chart, matrix: resolved?.matrix,
                  citations: slotCitations[slot] ?? [], question: nil, declaration: name.range)
    }

    /// How many of the slots are questions (they come first).
    var questionCount: Int {
        slotDeclarations.prefix { if case .question = $0 { return true } else { return false } }.count
    }

    private mutating func makeRuleBase(plan: [PlanStep], presentations: [Int: ResolvedPresentation], stepTitles: [Int: String],
                                       history: QuestionHistory) -> RuleBase {
        var values: [ValueInfo] = []
        for (slot, declaration) in slotDeclarations.enumerated() {
            let type = slotTypes[slot] ?? .boolean
            let range = slotRanges[slot]
            switch declaration {
            case .question(let q):
                let info = QuestionInfo(step: q.step ?? 1, section: q.section ?? "", text: q.text ?? q.name.text,
                                        short: q.short ?? "“\(q.text ?? q.name.text)”",
                                        help: q.help, condition: q.relevance.map { text(of: $0.range) },
                                        since: history.entries[slot].since, formerNames: history.entries[slot].formerNames)
                values.append(ValueInfo(name: q.name.text, kind: .question, type: type, range: range, label: q.text, help: q.help, watch: false,
                                        reportStep: nil, headline: false, headlineSentence: nil, chart: nil, matrix: nil,
                                        citations: slotCitations[slot] ?? [],
                                        question: info, declaration: q.name.range))
            case .letValue(let l): values.append(derivedInfo(slot, l.name, .derived, l.presentation, presentations[slot]))
            case .output(let o): values.append(derivedInfo(slot, o.name, .output, o.presentation, presentations[slot]))
            case .table(let t): values.append(derivedInfo(slot, t.name, .table, t.presentation, presentations[slot]))
            default: break
            }
        }
        let compiledTables = slotDeclarations.indices.compactMap { tables[$0] }
        let tableInfos = compiledTables.map { table -> TableInfo in
            let declaration = tableDeclaration(table.slot)
            return TableInfo(name: declaration.name.text, policy: declaration.policy, rowCount: declaration.rows.count,
                             citations: values[table.slot].citations, declaration: declaration.name.range)
        }
        let ruleInfos = zip(ruleDeclarations, ruleCitations).map { rule, citations in
            RuleInfo(name: rule.name.text, citations: citations, declaration: rule.name.range)
        }
        let sources = sourceOrder.map { id in
            let declaration = sourceDeclarations[id]!
            return SourceInfo(id: id, reference: declaration.reference, short: declaration.short ?? declaration.reference)
        }
        let compiledRules = rules.map { $0 ?? CompiledRule(assignments: [], recommendations: [], warnings: []) }
        var lowering = FlatLowering(tables: compiledTables, rules: compiledRules, types: values.map(\.type),
                                    ranges: values.map(\.range), optionCounts: optionTypes.map(\.options.count), questionCount: questionCount)
        lowering.lower(plan)
        return RuleBase(
            files: files, optionTypes: optionTypes, values: values, rules: ruleInfos, tables: tableInfos,
            sources: sources, stepTitles: stepTitles, questionCount: questionCount, version: history.version,
            slotsByName: slotIndex, history: history, compiledTables: compiledTables, compiledRules: compiledRules,
            plan: plan, program: FlatProgram(lowering: lowering),
            profileKeys: ProfileKeys(questions: values[0..<questionCount], optionTypes: optionTypes), numberConstants: numberConstants(plan: plan, tables: compiledTables))
    }
}

extension Checker {
    /// The numeric constants in all compiled code and table cells.
    func numberConstants(plan: [PlanStep], tables: [CompiledTable]) -> [Double] {
        var numbers: Set<Double> = []
        func scan(_ code: Code) {
            code.forEachNode { if case .constant(.number(let n)) = $0 { numbers.insert(n) } }
        }
        for step in plan {
            switch step {
            case .derive(_, let code): scan(code)
            case .question(_, let relevance?): scan(relevance)
            default: break
            }
        }
        for rule in rules.compactMap({ $0 }) {
            if let condition = rule.condition { scan(condition) }
        }
        for table in tables {
            table.columns.forEach(scan)
            for row in table.rows {
                for cell in row.cells {
                    for test in cell.tests ?? [] {
                        switch test {
                        case .equal(.number(let n)), .compare(_, .number(let n)): numbers.insert(n)
                        case .between(let low, let high):
                            if case .number(let n) = low { numbers.insert(n) }
                            if case .number(let n) = high { numbers.insert(n) }
                        default: break
                        }
                    }
                }
            }
        }
        return numbers.sorted()
    }
}

extension ClosedRange where Bound == Double {
    func hull(_ other: ClosedRange<Double>) -> ClosedRange<Double> {
        Swift.min(lowerBound, other.lowerBound)...Swift.max(upperBound, other.upperBound)
    }
}
