/// Checks rule files and compiles them into a ``RuleBase``, in named stages, as a compiler does.
///
/// The first stages read the files into declarations and collect their names into a
/// ``SymbolTable``, which no later stage changes. Each later stage takes what it reads (the
/// symbols, the typed values) and returns its results and its diagnostics, and those that
/// resolve names also the declarations they referred to, from which the last stage derives what
/// is never used. Checking goes on after an error, so that one run reports as many as it can.
/// Each stage's diagnostics have their own catalogue, in the order the stages run:
/// `SyntaxDiagnostic` (parse), `NameDiagnostic` (declare), `TypeDiagnostic` (types),
/// `TableDiagnostic` (tables), `VersionDiagnostic` (versions), `OrderDiagnostic` (order),
/// `PresentationDiagnostic` (steps, short labels and presentation) and `UsageDiagnostic` (usage);
/// see ``DiagnosticCode``.
enum Checker {
    /// Parses and checks the files; returns the rule base if there were no errors.
    static func check(files: [SourceFile], reserving reservedNames: Set<String>) -> (RuleBase?, [Diagnostic]) {
        var log = StageLog()
        // The stages, in order. Each takes what it reads and returns its results and diagnostics.
        // Parse: the declarations of every file.
        let (declarations, abandoned) = log.record(parse(files))
        let hadSyntaxErrors = log.diagnostics.hasErrors
        // Declare: every name in its namespace; the symbol table does not change after this.
        let symbols = log.record(SymbolTable.declare(declarations, files: files, abandoned: abandoned, reserving: reservedNames))
        // Steps: their titles, and the short labels reports name questions by.
        let stepTitles = log.record(TypeCheck.resume(symbols, typed: nil) { $0.stepTitles(declarations) })
        log.record(TypeCheck.resume(symbols, typed: nil) { $0.checkShortLabels(declarations) })
        // Types: every value, table and rule resolved, typed and compiled.
        let typed = log.record(TypeCheck.run(symbols))
        // Tables: gaps, overlaps and rows that cannot match; rule conditions that cannot hold.
        log.record(TableAnalysis.run(symbols, typed))
        // Versions: `version`, `since` and `formerly`.
        let history = log.record(TypeCheck.resume(symbols, typed: typed) { $0.questionHistory(declarations, questionCount: symbols.questionCount) })
        // Order: the plan, each value and rule after what it reads; cycles.
        let plan = log.record(DependencyOrder.plan(symbols, typed))
        // Presentation: how derived values, tables and outputs are shown.
        let presentations = log.record(TypeCheck.resume(symbols, typed: typed) { $0.resolvePresentations() })
        // Usage: what no stage referred to.
        log.record(Usage.warnings(symbols, references: log.references, hadSyntaxErrors: hadSyntaxErrors, hadErrors: log.diagnostics.hasErrors))

        guard !log.diagnostics.hasErrors else { return (nil, log.diagnostics) }
        let ruleBase = Assembly.ruleBase(symbols, typed, plan: plan, presentations: presentations, stepTitles: stepTitles, history: history)
        return (ruleBase, log.diagnostics)
    }

    /// The declarations of every file, and the names of those that had syntax errors.
    private static func parse(_ files: [SourceFile]) -> (([Declaration], Set<String>), [Diagnostic]) {
        var declarations: [Declaration] = []
        var diagnostics: [Diagnostic] = []
        var abandoned: Set<String> = []
        for (index, file) in files.enumerated() {
            let parsed = Parser.parse(file, fileIndex: index)
            declarations += parsed.declarations
            diagnostics += parsed.diagnostics
            abandoned.formUnion(parsed.abandonedNames)
        }
        return ((declarations, abandoned), diagnostics)
    }
}

/// The diagnostics of the stages run so far, in order, and the declarations they referred to.
private struct StageLog {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var references = References()

    mutating func record(_ diagnostics: [Diagnostic]) {
        self.diagnostics += diagnostics
    }

    mutating func record<Result>(_ stage: (Result, [Diagnostic])) -> Result {
        diagnostics += stage.1
        return stage.0
    }

    mutating func record<Result>(_ stage: (Result, [Diagnostic], References)) -> Result {
        diagnostics += stage.1
        references.formUnion(stage.2)
        return stage.0
    }
}
