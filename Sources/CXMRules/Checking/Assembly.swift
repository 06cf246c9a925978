/// The checker's last step: a ``RuleBase`` assembled from what the stages found, with its plan
/// lowered to flat code.
enum Assembly {
    static func ruleBase(_ symbols: SymbolTable, _ typed: TypedValues, plan: [PlanStep],
                         presentations: [Int: TypeCheck.ResolvedPresentation], stepTitles: [Int: String],
                         history: QuestionHistory) -> RuleBase {
        var values: [ValueInfo] = []
        for (slot, declaration) in symbols.slotDeclarations.enumerated() {
            let type = typed.slotTypes[slot] ?? .boolean
            let range = typed.slotRanges[slot]
            switch declaration {
            case .question(let q):
                let info = QuestionInfo(step: q.step ?? 1, section: q.section ?? "", text: q.text ?? q.name.text,
                                        short: q.short ?? "“\(q.text ?? q.name.text)”",
                                        help: q.help, condition: q.relevance.map { symbols.text(of: $0.range) },
                                        since: history.entries[slot].since, formerNames: history.entries[slot].formerNames)
                values.append(ValueInfo(name: q.name.text, kind: .question, type: type, range: range, label: q.text, help: q.help, watch: false,
                                        reportStep: nil, headline: false, headlineSentence: nil, chart: nil, matrix: nil,
                                        citations: typed.slotCitations[slot] ?? [],
                                        question: info, declaration: q.name.range))
            case .letValue(let l): values.append(derivedInfo(typed, slot, l.name, .derived, l.presentation, presentations[slot]))
            case .output(let o): values.append(derivedInfo(typed, slot, o.name, .output, o.presentation, presentations[slot]))
            case .table(let t): values.append(derivedInfo(typed, slot, t.name, .table, t.presentation, presentations[slot]))
            default: break
            }
        }
        let compiledTables = symbols.slotDeclarations.indices.compactMap { typed.tables[$0] }
        let tableInfos = compiledTables.map { table -> TableInfo in
            let declaration = symbols.tableDeclaration(table.slot)
            return TableInfo(name: declaration.name.text, policy: declaration.policy, rowCount: declaration.rows.count,
                             citations: values[table.slot].citations, declaration: declaration.name.range)
        }
        let ruleInfos = zip(symbols.ruleDeclarations, typed.ruleCitations).map { rule, citations in
            RuleInfo(name: rule.name.text, citations: citations, declaration: rule.name.range)
        }
        let sources = symbols.sourceOrder.compactMap { id in
            symbols.sourceDeclarations[id].map { SourceInfo(id: id, reference: $0.reference, short: $0.short ?? $0.reference) }
        }
        let compiledRules = typed.rules.map { $0 ?? CompiledRule(assignments: [], recommendations: [], warnings: []) }
        let questionCount = symbols.questionCount
        let optionTypes = symbols.optionTypes
        func program(optimizing: Bool) -> FlatProgram {
            var lowering = FlatLowering(tables: compiledTables, rules: compiledRules, types: values.map(\.type),
                                        ranges: values.map(\.range), optionTypes: optionTypes,
                                        questionCount: questionCount, optimizing: optimizing)
            lowering.lower(plan)
            return FlatProgram(lowering: lowering)
        }
        return RuleBase(
            files: symbols.files, optionTypes: optionTypes, values: values, rules: ruleInfos, tables: tableInfos,
            sources: sources, stepTitles: stepTitles, questionCount: questionCount, version: history.version,
            slotsByName: symbols.slotIndex, history: history, compiledTables: compiledTables, compiledRules: compiledRules,
            plan: plan, program: program(optimizing: false), evaluationProgram: program(optimizing: true),
            profileKeys: ProfileKeys(questions: values[0..<questionCount], optionTypes: optionTypes),
            numberConstants: numberConstants(plan: plan, rules: compiledRules, tables: compiledTables))
    }

    /// The description of a derived value, table or output.
    private static func derivedInfo(_ typed: TypedValues, _ slot: Int, _ name: Name, _ kind: ValueKind, _ presentation: Presentation,
                                    _ resolved: TypeCheck.ResolvedPresentation?) -> ValueInfo {
        ValueInfo(name: name.text, kind: kind, type: typed.slotTypes[slot] ?? .boolean, range: typed.slotRanges[slot],
                  label: presentation.label, help: presentation.help, watch: presentation.watch,
                  reportStep: presentation.reportStep, headline: presentation.headline,
                  headlineSentence: resolved?.headlineSentence, chart: resolved?.chart, matrix: resolved?.matrix,
                  citations: typed.slotCitations[slot] ?? [], question: nil, declaration: name.range)
    }

    /// The numeric constants in all compiled code and table cells.
    private static func numberConstants(plan: [PlanStep], rules: [CompiledRule], tables: [CompiledTable]) -> [Double] {
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
        for rule in rules {
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
