import CXMRules

/// A firm profile with expectations: the knowledge base's test cases.
///
/// A scenario file is a profile (see ``ProfileReader``) with two more keys: `description`
/// (where the case comes from) and `expect`, an object whose keys are the names of values with
/// their expected value (`null` for unknown), and optionally `fires` and `does_not_fire`,
/// lists of rule names, and `candidates`, an object of value names with the values each can
/// still take whatever the missing answers (options, or a number's lowest and highest):
///
/// ```json
/// { "name": "Air Products", "rivalry": "agree", …,
///   "expect": { "archetype": "cherry_picker", "fires": ["keep_archetype"],
///               "candidates": { "target_archetype": ["champion", "cherry_picker"] } } }
/// ```
///
/// A scenario may also be a team file (see ``TeamFile``): its respondents' answers combined, with
/// their spread, as `cxm combine` combines them, and the expectations about that.
public struct Scenario: Sendable {
    /// The file, as shown in reports.
    public let path: String
    public let profile: Profile
    public let description: String?
    public let expectations: [Expectation]

    /// One thing a scenario expects.
    public enum Expectation: Sendable {
        /// The value in this slot equals this (`nil`: unknown).
        case value(slot: SlotID, expected: Value?)
        /// The values this slot can still take, whatever the missing answers: these options (or
        /// truth values), or for a number these bounds (see ``RuleBase/possibleValues(for:partial:)``).
        case candidates(slot: SlotID, expected: [Value])
        /// This rule fires, or does not.
        case rule(RuleID, fires: Bool)
    }

    /// Keys of a scenario file besides the profile's; a profile reader that allows them can
    /// read scenario files as profiles.
    public static let keys: Set<String> = ["expect", "description"]

    /// Reads a scenario file. Problems (in the profile or the expectations) are reported by key,
    /// with their positions; the scenario is returned only if there were no errors.
    public static func read(_ file: SourceFile, ruleBase: RuleBase) -> (Scenario?, [Diagnostic]) {
        let document: LocatedValue<JSON>
        do {
            document = try JSONReader.parse(file.bytes)
        } catch {
            return (nil, [error.diagnostic])
        }
        let reader = ProfileReader(ruleBase: ruleBase)
        var (profile, diagnostics) = TeamFile.holdsRespondents(document) ? team(document, reader: reader) : reader.read(document, allowing: keys)
        var description: String?
        var expectations: [Expectation] = []
        if case .object(let members) = document.value {
            for (key, value) in members {
                switch key.value {
                case "description":
                    if case .string(let text) = value.value { description = text }
                    else { diagnostics.append(Diagnostic(ScenarioDiagnostic.descriptionNotText, at: value.range)) }
                case "expect":
                    expectations = readExpectations(value, ruleBase: ruleBase, reader: reader, diagnostics: &diagnostics)
                default: break
                }
            }
        }
        guard let profile, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Scenario(path: file.path, profile: profile, description: description, expectations: expectations), diagnostics)
    }

    /// A team file's respondents as one profile: their answers combined, with their spread.
    private static func team(_ document: LocatedValue<JSON>, reader: ProfileReader) -> (Profile?, [Diagnostic]) {
        let (respondents, diagnostics) = TeamFile.read(document, reader: reader, allowing: keys)
        guard let respondents else { return (nil, diagnostics) }
        return (Advisor.combined(respondents, ruleBase: reader.ruleBase), diagnostics)
    }

    private static func readExpectations(
        _ json: LocatedValue<JSON>, ruleBase: RuleBase, reader: ProfileReader, diagnostics: inout [Diagnostic]
    ) -> [Expectation] {
        guard case .object(let members) = json.value else {
            diagnostics.append(Diagnostic(ScenarioDiagnostic.expectNotObject, at: json.range))
            return []
        }
        var expectations: [Expectation] = []
        let ruleNames = ruleBase.rules.map(\.name)
        for (key, value) in members {
            if key.value == "candidates" {
                expectations += readCandidates(value, ruleBase: ruleBase, reader: reader, diagnostics: &diagnostics)
                continue
            }
            if key.value == "fires" || key.value == "does_not_fire" {
                guard case .array(let items) = value.value else {
                    diagnostics.append(Diagnostic(ScenarioDiagnostic.ruleListNotList(key: key.value), at: value.range))
                    continue
                }
                for item in items {
                    guard case .string(let name) = item.value, let index = ruleNames.firstIndex(of: name) else {
                        let text = { if case .string(let name) = item.value { return name } else { return "" } }()
                        diagnostics.append(Diagnostic(ScenarioDiagnostic.unknownRule(text, suggestion: Suggestions.didYouMean(text, in: ruleNames)), at: item.range))
                        continue
                    }
                    expectations.append(.rule(RuleID(index), fires: key.value == "fires"))
                }
                continue
            }
            guard let slot = ruleBase.slot(named: key.value) else {
                let suggestion = Suggestions.didYouMean(key.value, in: ruleBase.values.map(\.name) + ["fires", "does_not_fire", "candidates"])
                diagnostics.append(Diagnostic(ScenarioDiagnostic.unknownValue(key.value, suggestion: suggestion), at: key.range))
                continue
            }
            switch reader.value(value.value, forSlot: slot) {
            case .success(let expected): expectations.append(.value(slot: slot, expected: expected))
            case .failure(let problem):
                diagnostics.append(Diagnostic(ScenarioDiagnostic.expectedValue(key.value, problem: problem.message), at: value.range,
                                              notes: problem.hint.map { [Diagnostic.Note(message: $0, range: nil)] } ?? []))
            }
        }
        return expectations
    }
}

extension Scenario {
    /// `"candidates": {"archetype": ["champion", "cherry_picker"], "impact_score": [2, 4]}`:
    /// each value's candidates, read as answers to it (a number's as its lowest and highest).
    fileprivate static func readCandidates(
        _ json: LocatedValue<JSON>, ruleBase: RuleBase, reader: ProfileReader, diagnostics: inout [Diagnostic]
    ) -> [Expectation] {
        guard case .object(let members) = json.value else {
            diagnostics.append(Diagnostic(ScenarioDiagnostic.candidatesNotObject, at: json.range))
            return []
        }
        var expectations: [Expectation] = []
        for (key, list) in members {
            guard let slot = ruleBase.slot(named: key.value) else {
                let suggestion = Suggestions.didYouMean(key.value, in: ruleBase.values.map(\.name))
                diagnostics.append(Diagnostic(ScenarioDiagnostic.unknownCandidateValue(key.value, suggestion: suggestion), at: key.range))
                continue
            }
            guard case .array(let items) = list.value, !items.isEmpty else {
                diagnostics.append(Diagnostic(ScenarioDiagnostic.candidatesNotList(key.value), at: list.range))
                continue
            }
            var values: [Value] = []
            for item in items {
                switch reader.value(item.value, forSlot: slot) {
                case .success(let value?): values.append(value)
                case .success(nil): diagnostics.append(Diagnostic(ScenarioDiagnostic.nullCandidate(key.value), at: item.range))
                case .failure(let problem): diagnostics.append(Diagnostic(ScenarioDiagnostic.badCandidate(key.value, problem: problem.message), at: item.range))
                }
            }
            if ruleBase.values[slot].type == .number && values.count != 2 {
                diagnostics.append(Diagnostic(ScenarioDiagnostic.numberCandidatesNotTwo(key.value), at: list.range))
                continue
            }
            expectations.append(.candidates(slot: slot, expected: values))
        }
        return expectations
    }
}
