import CXMRules

extension Advisor {
    /// What to suggest for a name that stands for nothing in the rules: "; did you mean 'x'?"
    /// with the closest of `names` by spelling, or else with the names that hold each word of
    /// it ("impact_score": impact_perceived_score and impact_potential_score), when there are
    /// at most three; the empty string when nothing is close.
    public func didYouMean(_ text: String, among names: [String]) -> String {
        if let closest = Suggestions.closest(to: text, in: names) { return "; did you mean '\(closest)'?" }
        func words(_ name: String) -> Set<String> {
            Set(name.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        }
        let typed = words(text)
        let holding = typed.isEmpty ? [] : names.filter { typed.isSubset(of: words($0)) }
        guard !holding.isEmpty, holding.count <= 3 else { return "" }
        let quoted = holding.map { "'\($0)'" }
        return "; did you mean " + (quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!) + "?"
    }
}

/// Finds values, rules and options by what people type: names, ids or labels, in any case.
extension RuleBase {
    /// The slot of a value (a question, derived value, table or output) by name, or else by
    /// label (a question's text), ignoring case.
    public func slot(matching text: String) -> SlotID? {
        if let slot = slot(named: text) { return slot }
        let lowered = text.lowercased()
        return (values.firstIndex { $0.name.lowercased() == lowered }
            ?? values.firstIndex { $0.label?.lowercased() == lowered }).map(SlotID.init)
    }

    /// A rule by name, ignoring case.
    public func rule(matching text: String) -> RuleID? {
        let lowered = text.lowercased()
        return (rules.firstIndex { $0.name == text } ?? rules.firstIndex { $0.name.lowercased() == lowered }).map(RuleID.init)
    }

    /// One value of a scale, enumeration or boolean type, by option id or label (or yes, no,
    /// true, false), ignoring case; `nil` if there is none or the type has no such values.
    public func option(matching text: String, of type: ValueType) -> Value? {
        switch type {
        case .option(let index):
            return optionTypes[index].position(of: text).map { .option(type: index, position: $0) }
        case .boolean:
            switch text.lowercased() {
            case "yes", "true": return .boolean(true)
            case "no", "false": return .boolean(false)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The ids and labels `option(matching:of:)` accepts for a type, for "did you mean".
    public func optionNames(of type: ValueType) -> [String] {
        switch type {
        case .option(let index): return optionTypes[index].options + optionTypes[index].labels
        case .boolean: return ["yes", "no"]
        default: return []
        }
    }
}
