/// A checked rule base: an immutable value that any number of evaluations can share across
/// threads. Create one with ``RuleBase/load(files:)`` or ``RuleBase/load(directory:)``.
public struct RuleBase: Sendable {
    /// The files the rule base was read from, in the order of their file indices.
    public let files: [SourceFile]
    /// The scales and enumerations, in declaration order; an ``OptionTypeID`` indexes them
    /// (`optionTypes[id]`).
    public let optionTypes: [OptionType]
    /// Every named value: questions first (slots `0..<questions.count`), then derived values,
    /// tables and outputs in declaration order.
    public let values: [ValueInfo]
    /// The questions, in declaration order.
    public var questions: ArraySlice<ValueInfo> { values[0..<questionCount] }
    /// The keys of profiles besides answers, as the rule base was checked with: no question
    /// has one of their names.
    public internal(set) var profileFormat = ProfileFormat()
    /// The rules, in declaration order.
    public let rules: [RuleInfo]
    /// The decision tables, in declaration order.
    public let tables: [TableInfo]
    /// The sources that citations refer to.
    public let sources: [SourceInfo]
    /// The titles of the steps (`step N "TITLE"`), by step number.
    public let stepTitles: [Int: String]

    let questionCount: Int
    /// The version of the rules (`version N`; 1 where not declared): profiles record the
    /// version they were answered under, and `cxm ask` scripts the one they were written for.
    public let version: Int
    let slotsByName: [String: Int]
    /// How the questions changed across versions: former ids, their answers, `since`.
    let history: QuestionHistory
    let compiledTables: [CompiledTable]
    let compiledRules: [CompiledRule]
    let plan: [PlanStep]
    /// The plan lowered to flat code, step by step: what the possible-values analysis runs.
    let program: FlatProgram
    /// The plan lowered to flat code with shared computations (see ``FlatLowering``): what
    /// evaluations run.
    let evaluationProgram: FlatProgram
    /// What profile reading looks up by bytes.
    let profileKeys: ProfileKeys
    /// Every number the rules compare with or compute from, for trying answers near thresholds.
    let numberConstants: [Double]

    /// The value with this name.
    public func value(named name: String) -> ValueInfo? {
        slotsByName[name].map { values[$0] }
    }

    /// The slot of the value with this name.
    public func slot(named name: String) -> SlotID? { slotsByName[name].map(SlotID.init) }

    /// The scale or enumeration with this name (``optionTypes`` is indexed by its id).
    public func optionType(named name: String) -> OptionTypeID? {
        optionTypes.firstIndex { $0.name == name }.map(OptionTypeID.init)
    }
}
