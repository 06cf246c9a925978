/// The catalogue of diagnostics of checking the presentation layer: step titles, short labels,
/// `show`, `headline`, `chart` and `matrix` (see ``RuleBase``'s presentation members): codes
/// D0101–D0199. See ``DiagnosticCode``.
enum PresentationDiagnostic: DiagnosticKind {
    case stepTitleTwice(Int)
    case stepWithoutTitle(String, step: Int, titled: String)
    case missingShortLabel(String)
    case chartWithoutRange(String)
    case chartOfNonNumber(String, type: String)
    case matrixOfNonOptions(String, type: String)
    case unknownQuadrantOption(String, type: String, suggestion: String)
    case optionInTwoQuadrants(String)
    case targetType(String, type: String, value: String)
    case unknownName(String, suggestion: String)
    case axisNotRanged(String, description: String)
    case splitOutside(split: String, axis: String, low: String, high: String)

    var entry: DiagnosticEntry {
        switch self {
        case .stepTitleTwice(let step): .error("D0101", "duplicate title for step \(step)")
        case .stepWithoutTitle(let what, let step, let titled):
            .warning("D0102", "\(what) step \(step), which has no title; the steps with titles are \(titled)")
        case .missingShortLabel(let question):
            .warning("D0103", "question '\(question)' has no short label, while others have one; reports would name it by its "
                     + "whole text: add a line such as 'short \"…\"'")
        case .chartWithoutRange(let name): .error("D0104", "'\(name)' has no known range, so it cannot be drawn in a chart")
        case .chartOfNonNumber(let name, let type): .error("D0105", "only numbers can be drawn in a chart; '\(name)' is of type \(type)")
        case .matrixOfNonOptions(let name, let type): .error("D0106", "a matrix shows a value with options; '\(name)' is of type \(type)")
        case .unknownQuadrantOption(let option, let type, let suggestion):
            .error("D0107", "'\(option)' is not an option of \(type)\(suggestion)")
        case .optionInTwoQuadrants(let option): .error("D0108", "'\(option)' is in two quadrants; each quadrant needs its own option")
        case .targetType(let target, let type, let value): .error("D0109", "the target '\(target)' must be of type \(type), like '\(value)'")
        case .unknownName(let name, let suggestion): .error("D0110", "unknown name '\(name)'\(suggestion)")
        case .axisNotRanged(let name, let description):
            .error("D0111", "a matrix axis must be a number with a known range; '\(name)' \(description)")
        case .splitOutside(let split, let axis, let low, let high):
            .error("D0112", "the split \(split) lies outside '\(axis)', which ranges from \(low) to \(high)")
        }
    }
}
