/// Checks rule files and compiles them into a ``RuleBase``, in named stages, as a compiler does.
///
/// The first stages read the files into declarations and collect their names into a
/// ``SymbolTable``, which no later stage changes. Each later stage takes what it reads (the
/// symbols, the typed values) and returns its results and its diagnostics, and those that
/// resolve names also the declarations they referred to, from which the last stage derives what
/// is never used. Checking goes on after an error, so that one run reports as many as it can.
/// The stages are listed, in order, in ``Stage`` (with each one's catalogue of diagnostics; see
/// ``DiagnosticCode``), and the run follows that list.
enum Checker {
    /// The checker's stages, in the order they run.
    enum Stage: CaseIterable {
        /// The declarations of every file (`SyntaxDiagnostic`).
        case parse
        /// Every name in its namespace; the symbol table does not change after this
        /// (`NameDiagnostic`).
        case declare
        /// The steps' titles, and the short labels reports name questions by
        /// (`PresentationDiagnostic`).
        case steps
        /// Every value, table and rule resolved, typed and compiled (`TypeDiagnostic`).
        case types
        /// Gaps, overlaps and rows that cannot match; rule conditions that cannot hold
        /// (`TableDiagnostic`).
        case tables
        /// `version`, `since` and `formerly` (`VersionDiagnostic`).
        case versions
        /// The plan, each value and rule after what it reads; cycles (`OrderDiagnostic`).
        case order
        /// How derived values, tables and outputs are shown (`PresentationDiagnostic`).
        case presentation
        /// What no stage referred to (`UsageDiagnostic`).
        case usage
    }

    /// Parses and checks the files; returns the rule base if there were no errors.
    static func check(files: [SourceFile], reserving reservedNames: Set<String>) -> (RuleBase?, [Diagnostic]) {
        var log = StageLog()
        // Each stage takes what it reads and returns its results and diagnostics.
        let (declarations, abandoned) = log.record(.parse, parse(files))
        let hadSyntaxErrors = log.diagnostics.hasErrors
        let symbols = log.record(.declare, SymbolTable.declare(declarations, files: files, abandoned: abandoned, reserving: reservedNames))
        let stepTitles = log.record(.steps, TypeCheck.resume(symbols, typed: nil) { $0.stepTitles(declarations) })
        log.record(.steps, TypeCheck.resume(symbols, typed: nil) { $0.checkShortLabels(declarations) })
        let typed = log.record(.types, TypeCheck.run(symbols))
        log.record(.tables, TableAnalysis.run(symbols, typed))
        let history = log.record(.versions, TypeCheck.resume(symbols, typed: typed) { $0.questionHistory(declarations, questionCount: symbols.questionCount) })
        let plan = log.record(.order, DependencyOrder.plan(symbols, typed))
        let presentations = log.record(.presentation, TypeCheck.resume(symbols, typed: typed) { $0.resolvePresentations() })
        log.record(.usage, Usage.warnings(symbols, references: log.references, hadSyntaxErrors: hadSyntaxErrors, hadErrors: log.diagnostics.hasErrors))
        assert(log.stages == Stage.allCases, "the checker ran \(log.stages), not the stages of Checker.Stage in order")

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

/// The diagnostics of the stages run so far, in order, the declarations they referred to, and
/// which stages ran.
private struct StageLog {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var references = References()
    /// The stages run so far, in order, each once.
    private(set) var stages: [Checker.Stage] = []

    mutating func record(_ stage: Checker.Stage, _ diagnostics: [Diagnostic]) {
        enter(stage)
        self.diagnostics += diagnostics
    }

    mutating func record<Result>(_ stage: Checker.Stage, _ result: (Result, [Diagnostic])) -> Result {
        enter(stage)
        diagnostics += result.1
        return result.0
    }

    mutating func record<Result>(_ stage: Checker.Stage, _ result: (Result, [Diagnostic], References)) -> Result {
        enter(stage)
        diagnostics += result.1
        references.formUnion(result.2)
        return result.0
    }

    private mutating func enter(_ stage: Checker.Stage) {
        if stages.last != stage { stages.append(stage) }
    }
}
