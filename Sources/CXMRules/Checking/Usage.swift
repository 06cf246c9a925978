/// The declarations a stage's checking referred to: each stage returns the names it resolved,
/// and the usage stage derives from them what is never used.
///
/// A name that failed to check still counts, so that one mistake does not also make the names
/// after it "never used". The declaration a misspelt name is suggested for does not: the
/// misspelling does not use it, and were it the only mention, the warning says so.
struct References {
    var slots: Set<Int> = []
    var types: Set<OptionTypeID> = []
    var sources: Set<String> = []

    mutating func formUnion(_ other: References) {
        slots.formUnion(other.slots)
        types.formUnion(other.types)
        sources.formUnion(other.sources)
    }
}

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
