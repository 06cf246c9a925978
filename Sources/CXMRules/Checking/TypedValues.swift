/// What the types stage finds for each value and rule: types, ranges, compiled code, citations
/// and what each reads. The stages after it read it; none changes it.
struct TypedValues {
    var slotTypes: [ValueType?]
    var slotRanges: [ClosedRange<Double>?]
    var derivedCode: [Int: Code] = [:]
    var questionRelevance: [Int: Code] = [:]
    /// The tables that compiled without errors, by slot.
    var tables: [Int: CompiledTable] = [:]
    /// By rule; `nil` for a rule with errors.
    var rules: [CompiledRule?] = []
    var slotCitations: [Int: [CitationInfo]] = [:]
    var ruleCitations: [[CitationInfo]] = []
    /// The slots each node reads: nodes `0..<slots` are values, then rules.
    var dependencies: [[Int]]
}
