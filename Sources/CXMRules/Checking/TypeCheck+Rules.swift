/// The types stage's part for rules: the condition, what a rule sets, recommends and warns, and
/// the placeholders of its texts.
extension TypeCheck {
    /// Compiles a rule (node `node` of the dependency graph); `nil` when it has errors.
    mutating func compileRule(_ rule: RuleDeclaration, node: Int) -> CompiledRule? {
        values.ruleCitations.append(citations(rule.citations, of: "rule", name: rule.name, required: true))
        if rule.assignments.isEmpty && rule.recommendations.isEmpty && rule.warnings.isEmpty {
            report(NameDiagnostic.ruleWithoutEffect(rule.name.text), at: rule.name.range)
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
                    report(NameDiagnostic.unknownOutput(target.text, suggestion: Suggestions.didYouMean(target.text, in: symbols.outputNames)), at: target.range)
                }
                noteUses(in: value)
                ok = false
                continue
            }
            guard case .output = slotDeclarations[slot] else {
                report(NameDiagnostic.notAnOutput(target.text, kind: slotDeclarations[slot].kindName), at: target.range)
                noteUses(in: value)
                ok = false
                continue
            }
            references.slots.insert(slot)
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
            default: fits = typed.type == type || (type == .number && typed.isNumeric(symbols))
            }
            guard fits else {
                report(TypeDiagnostic.assignmentMismatch(target: target.text, expected: describe(type), actual: describe(typed.type)), at: value.range)
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
                report(NameDiagnostic.rankedRecommendationIncomplete(missing: missing.joined(separator: " and ")), at: recommendation.range)
                return nil
            }
        } else if recommendation.short != nil || recommendation.why != nil {
            report(NameDiagnostic.shortWithoutRank(rule: rule.text), at: recommendation.range)
        }
        guard let text, short.map({ $0 != nil }) ?? true, why.map({ $0 != nil }) ?? true else { return nil }
        return CompiledRecommendation(step: recommendation.step, priority: recommendation.priority, text: text,
                                      rank: recommendation.rank, short: short ?? nil, why: why ?? nil)
    }

    /// Resolves the `{placeholders}` of a text.
    mutating func template(_ literal: StringLiteral) -> Template? {
        guard !literal.placeholders.isEmpty else { return Template(pieces: literal.value.isEmpty ? [] : [.literal(literal.value)]) }
        let text = Array(literal.value.utf8)
        var pieces: [Template.Piece] = []
        var rest = 0
        var ok = true
        for placeholder in literal.placeholders {
            let token = Array("{\(placeholder.name)}".utf8)
            // Found by its bytes: it is ASCII, and so is its first byte, so the text splits
            // between characters.
            guard let found = text.indices[rest...].first(where: { text[$0...].starts(with: token) }) else { continue }
            if found > rest { pieces.append(.literal(String(decoding: text[rest..<found], as: UTF8.self))) }
            rest = found + token.count
            guard let slot = slotIndex[placeholder.name] else {
                if abandonedNames.contains(placeholder.name) {
                    ok = false
                    continue
                }
                let suggestion = Suggestions.didYouMean(placeholder.name, in: slotIndex.keys.sorted())
                report(NameDiagnostic.unknownPlaceholder(placeholder.name, suggestion: suggestion), at: placeholder.range)
                ok = false
                continue
            }
            references.slots.insert(slot)
            pieces.append(.slot(slot))
        }
        if rest < text.count { pieces.append(.literal(String(decoding: text[rest...], as: UTF8.self))) }
        return ok ? Template(pieces: pieces) : nil
    }
}
