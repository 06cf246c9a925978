import Testing
@testable import CXMRules

/// Rules: conditions, conclusions, recommendations, warnings, and the trace.
@Suite struct RuleTests {
    static let base = """
        scale agreement: disagree < neutral < agree
        enum archetype_kind: champion "CXM Champion", cherry_picker "CXM Cherry Picker"
        enum goal: efficiency "Efficiency", differentiation "Differentiation"
        question rivalry: agreement
          step 2
          ask "Rivalry is intense."
          cite s "§4.1"
        question goals: set of goal
          step 1
          ask "Goals?"
          cite s "§3"
        output target: archetype_kind
          label "Target archetype"
        output focus: set of goal
        rule aim_high
          when rivalry >= agree and efficiency in goals
          set target = champion
          set focus = efficiency
          recommend step 2, priority high: "Aim for {target}: rivalry is {rivalry}, goals are {goals}."
          because "Rivalry is {rivalry}."
          cite s "§7.2"
        rule otherwise
          when not (rivalry >= agree) or differentiation in goals
          set target = cherry_picker
          set focus = {differentiation}
          warn "Think twice about {target}."
          cite s "§7.2"

        """

    @Test func firstRuleToSetAnOutputWins() throws {
        let base = try compile(Self.base)
        let result = try evaluate(base, #"{"rivalry": "agree", "goals": ["efficiency", "differentiation"]}"#)
        #expect(result.id("target", in: base) == "champion")
        #expect(result.id("focus", in: base) == "{efficiency, differentiation}")
        #expect(result.recommendations.map(\.text) == ["Aim for CXM Champion: rivalry is agree, goals are Efficiency, Differentiation."])
        #expect(result.recommendations.first?.because == "Rivalry is agree.")
        #expect(result.recommendations.first?.step == 2)
        #expect(result.recommendations.first?.priority == .high)
        #expect(result.recommendations.first?.citations == [CitationInfo(source: "s", locator: "§7.2")])
        #expect(result.warnings.map(\.text) == ["Think twice about CXM Champion."])
    }

    @Test func undecidedRulesNameTheMissingAnswers() throws {
        let base = try compile(Self.base)
        let result = try evaluate(base, #"{"goals": ["efficiency"]}"#)
        #expect(result.id("target", in: base) == "unknown")
        #expect(result.missing("target", in: base) == ["rivalry"])
        #expect(result.ruleVerdicts.map(\.fired) == [nil, nil])
        #expect(result.ruleVerdicts[0].missing.members == [SlotID(0)])
        #expect(result.recommendations.isEmpty)
    }

    @Test func knownOperandsDecideDespiteMissingOnes() throws {
        let base = try compile(Self.base)
        // 'differentiation in goals' is true, so 'otherwise' fires whatever rivalry is;
        // 'aim_high' is false whatever rivalry is, since efficiency is not a goal.
        let result = try evaluate(base, #"{"goals": ["differentiation"]}"#)
        #expect(result.ruleVerdicts.map(\.fired) == [false, true])
        #expect(result.ruleVerdicts.allSatisfy { $0.missing.isEmpty })
        #expect(result.id("target", in: base) == "cherry_picker")
        #expect(result.missing("target", in: base) == [])
    }

    @Test func traceShowsEachConditionWithActualAndExpectedValues() throws {
        let base = try compile(Self.base)
        let result = try evaluate(base, #"{"rivalry": "neutral", "goals": ["efficiency"]}"#, trace: true)
        let rule = try #require(result.trace.first { $0.name == "aim_high" })
        #expect(rule.kind == .rule && rule.verdict == .no)
        #expect(rule.conditions == [
            ConditionTrace(condition: "rivalry >= agree", actual: "neutral", expected: ">= agree", verdict: .no),
            ConditionTrace(condition: "efficiency in goals", actual: "efficiency", expected: "in {efficiency}", verdict: .yes),
        ])
        let other = try #require(result.trace.first { $0.name == "otherwise" })
        #expect(other.verdict == .yes)
        #expect(try evaluate(base, #"{"rivalry": "neutral"}"#).trace.isEmpty)
    }

    @Test func tableRowsAreTraced() throws {
        let base = try compile(levelQuestion + """
            table t: level unique
              cite s "§1"
              | q    | t    |
              | low  | high |
              | high | low  |
            """)
        let result = try evaluate(base, #"{"q": "high"}"#, trace: true)
        #expect(result.trace == [
            TraceEntry(kind: .row, name: "t", row: 1, verdict: .no, output: "high",
                       conditions: [ConditionTrace(condition: "q", actual: "high", expected: "low", verdict: .no)]),
            TraceEntry(kind: .row, name: "t", row: 2, verdict: .yes, output: "low",
                       conditions: [ConditionTrace(condition: "q", actual: "high", expected: "high", verdict: .yes)]),
        ])
    }

    @Test func evaluationIsDeterministicAndSafeAcrossThreads() async throws {
        let base = try compile(Self.base)
        let profile = try #require(ProfileReader(ruleBase: base).read(Array(#"{"rivalry": "agree", "goals": ["efficiency"]}"#.utf8)).0)
        let reference = base.evaluate(profile.answers, trace: true)
        let results = await withTaskGroup(of: [Outcome].self) { group in
            for _ in 0..<8 { group.addTask { base.evaluate(profile.answers, trace: true).values } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == reference.values })
    }

    /// `x not in s` is one condition in a trace, with its own verdict (it was traced as `in`).
    @Test func notInIsTracedAsWritten() throws {
        let base = try compile("""
            enum channel: web, phone
            question used: set of channel
              step 1
              ask "Which channels?"
              cite s "§1"
            rule no_web
              when web not in used
              recommend step 1: "Add the web."
              because "You do not use the web."
              cite s "§1"
            """)
        let entry = try #require(try evaluate(base, #"{"used": ["phone"]}"#, trace: true).trace.first { $0.name == "no_web" })
        #expect(entry.verdict == .yes)
        #expect(entry.conditions.map(\.condition) == ["web not in used"])
        #expect(entry.conditions.map(\.expected) == ["not in {phone}"])
        #expect(entry.conditions.map(\.verdict) == [.yes])
    }
}
