import Testing
@testable import CXMRules

/// A source declaration that snippets in tests can cite as `cite s "§1"`.
let prelude = """
    source s "Test source."

    """

/// A two-option scale and one question on it, for snippets that need just one answer.
let levelQuestion = """
    scale level: low < high
    question q: level
      step 1
      ask "q"
      cite s "§1"

    """

/// The keys of profiles besides answers in these tests: those the advisor uses (the engine
/// reserves none of its own).
let testProfileFormat = ProfileFormat(metadataKeys: ["id", "name", "segment", "respondent", "date"], otherKeys: ["expect", "description"])

/// Checks rule text and returns the rule base; records an issue with the rendered diagnostics
/// if it has errors.
func compile(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RuleBase {
    let file = SourceFile(path: "test.cxm", text: prelude + text)
    let (ruleBase, diagnostics) = RuleBase.check(files: [file])
    let rendered = DiagnosticRenderer(files: [file]).render(diagnostics)
    guard let ruleBase else {
        Issue.record("rules did not check:\n\(rendered)", sourceLocation: sourceLocation)
        throw CompileFailure()
    }
    return ruleBase
}

struct CompileFailure: Error {}

/// The rule base of a fixture's rule text (with the prelude) named `path`, for a suite's static
/// rule base, which cannot throw: stops with the rendered diagnostics if it has errors.
func fixtureRuleBase(_ text: String, path: String) -> RuleBase {
    let file = SourceFile(path: path, text: prelude + text)
    let (ruleBase, diagnostics) = RuleBase.check(files: [file])
    guard let ruleBase else { fatalError(DiagnosticRenderer(files: [file]).render(diagnostics)) }
    return ruleBase
}

/// The rendered diagnostics of rule text (with the prelude).
func diagnostics(_ text: String) -> String {
    let file = SourceFile(path: "test.cxm", text: prelude + text)
    return DiagnosticRenderer(files: [file]).render(RuleBase.check(files: [file]).diagnostics)
}

/// Reads a JSON profile against a rule base and evaluates it.
func evaluate(_ ruleBase: RuleBase, _ json: String, trace: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> Evaluation {
    let (profile, problems) = ProfileReader(ruleBase: ruleBase).read(Array(json.utf8))
    guard let profile else {
        Issue.record("profile did not read: \(problems.map(\.message))", sourceLocation: sourceLocation)
        throw CompileFailure()
    }
    return ruleBase.evaluate(profile.answers, partial: profile.partial, trace: trace)
}

extension Evaluation {
    /// A value as rule files write it (option ids), or "unknown".
    func id(_ name: String, in ruleBase: RuleBase) -> String {
        ruleBase.identifier(values[ruleBase.slot(named: name)!.index].value)
    }

    /// The names of the missing answers that could change a value.
    func missing(_ name: String, in ruleBase: RuleBase) -> [String] {
        values[ruleBase.slot(named: name)!.index].missing.members.map { ruleBase.values[$0].name }
    }
}
