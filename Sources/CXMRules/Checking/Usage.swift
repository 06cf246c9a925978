/// The last stage: warnings about declarations that no stage referred to.
enum Usage {
    /// - Parameters:
    ///   - hadSyntaxErrors: then no warnings, since the declarations that were skipped may have
    ///     used the values.
    ///   - hadErrors: then no warnings about derived values and tables, since a value whose use
    ///     failed to check looks unused.
    static func warnings(_ symbols: SymbolTable, references: References, hadSyntaxErrors: Bool, hadErrors: Bool) -> [Diagnostic] {
        guard !hadSyntaxErrors else { return [] }
        var warnings: [Diagnostic] = []
        for (index, declaration) in symbols.typeDeclarations.enumerated() where !references.types.contains(OptionTypeID(index)) {
            warnings.append(Diagnostic(UsageDiagnostic.typeNeverUsed(kind: declaration.ordered ? "scale" : "enum", name: declaration.name.text),
                                       at: declaration.name.range))
        }
        for name in symbols.sourceOrder where !references.sources.contains(name) {
            warnings.append(Diagnostic(UsageDiagnostic.sourceNeverCited(name), at: symbols.sourceDeclarations[name]?.name.range))
        }
        for (slot, declaration) in symbols.slotDeclarations.enumerated() where !references.slots.contains(slot) {
            switch declaration {
            case .question(let question):
                warnings.append(Diagnostic(UsageDiagnostic.questionNeverUsed(question.name.text), at: question.name.range))
            case .output(let output):
                warnings.append(Diagnostic(UsageDiagnostic.outputNeverSet(output.name.text), at: output.name.range))
            case .letValue, .table:
                guard !hadErrors, let (name, presentation) = declaration.presentation, !presentation.isShown else { continue }
                warnings.append(Diagnostic(UsageDiagnostic.valueNeverUsed(kind: declaration.kindName, name: name.text), at: name.range))
            default: break
            }
        }
        return warnings
    }
}
