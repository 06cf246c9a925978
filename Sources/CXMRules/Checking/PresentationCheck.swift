/// Checks the clauses that say how values are shown (`show`, `headline`, `chart`, `matrix`) and
/// the titles of steps, and resolves them for ``ValueInfo`` and ``RuleBase``.
extension TypeCheck {
    /// The resolved presentation of a derived value, table or output.
    struct ResolvedPresentation {
        var headlineSentence: Template?
        var chart: ChartInfo?
        var matrix: MatrixInfo?
    }

    /// The titles of the steps declared with `step N "TITLE"`, reporting duplicates.
    mutating func stepTitles(_ declarations: [Declaration]) -> [Int: String] {
        var titles: [Int: String] = [:]
        var first: [Int: Name] = [:]
        for case .step(let step) in declarations {
            if let earlier = first[step.number] {
                report(PresentationDiagnostic.stepTitleTwice(step.number), at: step.name.range,
                      notes: [.init(message: "step \(step.number) is first given a title here", range: earlier.range)])
                continue
            }
            first[step.number] = step.name
            titles[step.number] = step.title
        }
        if !titles.isEmpty { checkStepsDeclared(declarations, titles: titles) }
        return titles
    }

    /// Where the rule files give steps titles, a step without one that a question, `show` or
    /// `recommend` names is likely a slip: a warning says so.
    private mutating func checkStepsDeclared(_ declarations: [Declaration], titles: [Int: String]) {
        let declared = titles.keys.sorted().map(String.init).joined(separator: ", ")
        func check(_ step: Int?, _ what: @autoclosure () -> String, at range: SourceRange) {
            guard let step, titles[step] == nil else { return }
            report(PresentationDiagnostic.stepWithoutTitle(what(), step: step, titled: declared), at: range)
        }
        for declaration in declarations {
            switch declaration {
            case .question(let question):
                check(question.step, "question '\(question.name.text)' is in", at: question.name.range)
            case .rule(let rule):
                for recommendation in rule.recommendations {
                    check(recommendation.step, "rule '\(rule.name.text)' recommends for", at: recommendation.range)
                }
            default:
                if let (name, presentation) = declaration.presentation {
                    check(presentation.reportStep, "'\(name.text)' is shown in", at: name.range)
                }
            }
        }
    }

    /// Reports name questions by their short labels. Where the rule files give some questions
    /// one, a question without one is likely a slip (reports would show its whole text): a
    /// warning says so.
    mutating func checkShortLabels(_ declarations: [Declaration]) {
        let questions = declarations.compactMap { if case .question(let q) = $0 { return q } else { return nil } }
        guard questions.contains(where: { $0.short != nil }) else { return }
        for question in questions where question.short == nil {
            report(PresentationDiagnostic.missingShortLabel(question.name.text), at: question.name.range)
        }
    }

    /// Checks and resolves the presentation of every derived value, table and output.
    mutating func resolvePresentations() -> [Int: ResolvedPresentation] {
        var resolved: [Int: ResolvedPresentation] = [:]
        for (slot, declaration) in slotDeclarations.enumerated() {
            guard let (name, presentation) = declaration.presentation else { continue }
            resolved[slot] = resolvePresentation(presentation, slot: slot, name: name)
        }
        return resolved
    }

    /// Checks the presentation of the value in `slot` and resolves its names.
    mutating func resolvePresentation(_ presentation: Presentation, slot: Int, name: Name) -> ResolvedPresentation {
        var resolved = ResolvedPresentation()
        if let sentence = presentation.headlineText { resolved.headlineSentence = template(sentence) }
        if let title = presentation.chart {
            if slotTypes[slot] == .number, let range = slotRanges[slot], range.lowerBound.isFinite, range.upperBound.isFinite {
                resolved.chart = ChartInfo(title: title, range: range)
            } else if slotTypes[slot] == .number {
                report(PresentationDiagnostic.chartWithoutRange(name.text), at: name.range)
            } else if let type = slotTypes[slot] {
                report(PresentationDiagnostic.chartOfNonNumber(name.text, type: describe(type)), at: name.range)
            }
        }
        if let matrix = presentation.matrix {
            resolved.matrix = resolveMatrix(matrix, slot: slot, name: name)
        }
        return resolved
    }

    private mutating func resolveMatrix(_ matrix: MatrixSyntax, slot: Int, name: Name) -> MatrixInfo? {
        guard case .option(let type)? = slotTypes[slot] else {
            if let type = slotTypes[slot] {
                report(PresentationDiagnostic.matrixOfNonOptions(name.text, type: describe(type)), at: matrix.range)
            }
            return nil
        }
        let x = axis(matrix.x, split: matrix.xSplit)
        let y = axis(matrix.y, split: matrix.ySplit)
        var quadrants: [Int] = []
        let options = optionTypes[type].options
        for option in matrix.quadrants {
            guard let position = options.firstIndex(of: option.text) else {
                let suggestion = Suggestions.didYouMean(option.text, in: options)
                report(PresentationDiagnostic.unknownQuadrantOption(option.text, type: optionTypes[type].name, suggestion: suggestion), at: option.range)
                continue
            }
            if quadrants.contains(position) {
                report(PresentationDiagnostic.optionInTwoQuadrants(option.text), at: option.range)
            }
            quadrants.append(position)
        }
        var target: Int?
        if let targetName = matrix.target {
            target = slotIndex[targetName.text]
            if let slot = target {
                references.slots.insert(slot)
                if slotTypes[slot] != .option(type) {
                    report(PresentationDiagnostic.targetType(targetName.text, type: describe(.option(type)), value: name.text), at: targetName.range)
                }
            } else {
                let suggestion = Suggestions.didYouMean(targetName.text, in: slotIndex.keys.sorted())
                report(PresentationDiagnostic.unknownName(targetName.text, suggestion: suggestion), at: targetName.range)
            }
        }
        guard let x, let y, quadrants.count == 4, Set(quadrants).count == 4 else { return nil }
        return MatrixInfo(x: SlotID(x), xSplit: matrix.xSplit, y: SlotID(y), ySplit: matrix.ySplit, quadrants: quadrants, target: target.map(SlotID.init))
    }

    /// The slot of a matrix axis: a number with a known range that `split` divides.
    private mutating func axis(_ name: Name, split: Double) -> Int? {
        guard let slot = slotIndex[name.text] else {
            let suggestion = Suggestions.didYouMean(name.text, in: slotIndex.keys.sorted())
            report(PresentationDiagnostic.unknownName(name.text, suggestion: suggestion), at: name.range)
            return nil
        }
        references.slots.insert(slot)
        guard slotTypes[slot] == .number, let range = slotRanges[slot], range.lowerBound.isFinite, range.upperBound.isFinite else {
            if let type = slotTypes[slot] {
                report(PresentationDiagnostic.axisNotRanged(name.text, description: type == .number ? "has none" : "is of type " + describe(type)), at: name.range)
            }
            return nil
        }
        guard range.lowerBound < split, split < range.upperBound else {
            report(PresentationDiagnostic.splitOutside(split: formatNumber(split), axis: name.text, low: formatNumber(range.lowerBound), high: formatNumber(range.upperBound)), at: name.range)
            return nil
        }
        return slot
    }
}
