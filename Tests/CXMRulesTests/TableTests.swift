import Testing
@testable import CXMRules

/// Decision tables under each hit policy, and how they treat missing inputs.
@Suite struct TableTests {
    static let questions = """
        scale level: low "Low" < high "High"
        scale breadth: narrow < broad
        enum archetype_kind: champion, cherry_picker, minimalist, fashionista
        question impact: level
          step 2
          ask "impact"
          cite s "§4.1"
        question scope: breadth
          step 2
          ask "scope"
          cite s "§4.2"
        question score: number 1..5
          step 2
          ask "score"
          cite s "§4"

        """

    /// Impact × scope → archetype (Wirtz et al. 2025, Fig. 1).
    static let archetypeTable = """
        table archetype: archetype_kind unique
          cite s "Fig. 1"
          | impact | scope  | archetype     |
          | high   | broad  | champion      |
          | high   | narrow | cherry_picker |
          | low    | narrow | minimalist    |
          | low    | broad  | fashionista   |

        """

    @Test(arguments: [
        ("high", "broad", "champion"), ("high", "narrow", "cherry_picker"),
        ("low", "narrow", "minimalist"), ("low", "broad", "fashionista"),
    ])
    func uniqueTable(impact: String, scope: String, expected: String) throws {
        let base = try compile(Self.questions + Self.archetypeTable + """
            let uses = score
            """)
        let result = try evaluate(base, #"{"impact": "\#(impact)", "scope": "\#(scope)"}"#)
        #expect(result.id("archetype", in: base) == expected)
        #expect(result.missing("archetype", in: base) == [])
    }

    @Test func firstTableWithRangesAndCatchAll() throws {
        let base = try compile(Self.questions + """
            table band: level first
              cite s "§4"
              | score    | impact | band |
              | 4..5     | -      | high |
              | >= 3     | high   | high |
              | -        | -      | low  |
            let uses = scope
            """)
        #expect(try evaluate(base, #"{"score": 4.5}"#).id("band", in: base) == "high")
        #expect(try evaluate(base, #"{"score": 3, "impact": "high"}"#).id("band", in: base) == "high")
        #expect(try evaluate(base, #"{"score": 3, "impact": "low"}"#).id("band", in: base) == "low")
        #expect(try evaluate(base, #"{"score": 1}"#).id("band", in: base) == "low")
        // Row 2 might match when impact is missing, so the band is unknown and impact is named.
        let undecided = try evaluate(base, #"{"score": 3}"#)
        #expect(undecided.id("band", in: base) == "unknown")
        #expect(undecided.missing("band", in: base) == ["impact"])
        // Below 3 no earlier row can match, so a missing impact does not matter.
        #expect(try evaluate(base, #"{"score": 2}"#).id("band", in: base) == "low")
    }

    @Test func priorityTablePrefersTheFirstDeclaredOutput() throws {
        let base = try compile(Self.questions + """
            enum urgency: urgent, soon, later
            table next: urgency priority
              cite s "§7"
              | impact | scope  | next   |
              | -      | -      | later  |
              | high   | -      | urgent |
              | -      | narrow | soon   |
            let uses = score
            """)
        #expect(try evaluate(base, #"{"impact": "high", "scope": "narrow"}"#).id("next", in: base) == "urgent")
        #expect(try evaluate(base, #"{"impact": "low", "scope": "narrow"}"#).id("next", in: base) == "soon")
        #expect(try evaluate(base, #"{"impact": "low", "scope": "broad"}"#).id("next", in: base) == "later")
    }

    @Test func collectAndRuleOrderTables() throws {
        let table = { (policy: String) in
            Self.questions + """
                enum step_kind: listen, align, deploy
                table steps: step_kind \(policy)
                  cite s "§7.2"
                  | impact | scope  | steps  |
                  | -      | broad  | align  |
                  | high   | -      | deploy |
                  | -      | -      | listen |
                let uses = score
                """
        }
        let collect = try compile(table("collect"))
        #expect(try evaluate(collect, #"{"impact": "high", "scope": "broad"}"#).id("steps", in: collect) == "{listen, align, deploy}")
        let ordered = try compile(table("rule order"))
        #expect(try evaluate(ordered, #"{"impact": "high", "scope": "broad"}"#).id("steps", in: ordered) == "[align, deploy, listen]")
        // An undecided row leaves the outputs that surely apply, and names what could add more.
        let partial = try evaluate(ordered, #"{"impact": "low"}"#)
        #expect(partial.id("steps", in: ordered) == "[listen]")
        #expect(partial.missing("steps", in: ordered) == ["scope"])
    }

    @Test func rowsThatAllAgreeDecideDespiteMissingInputs() throws {
        let base = try compile(Self.questions + """
            table fit: level unique
              cite s "§4"
              | impact | scope  | fit  |
              | high   | -      | high |
              | low    | narrow | low  |
              | low    | broad  | low  |
            let uses = score
            """)
        let result = try evaluate(base, #"{"impact": "low"}"#)
        #expect(result.id("fit", in: base) == "low")
        #expect(result.missing("fit", in: base) == [])
    }

    @Test func negatedAndListCells() throws {
        let base = try compile(Self.questions + """
            enum kind: a, b, c
            question k: kind
              step 1
              ask "k"
              cite s "§1"
            table group: level first
              cite s "§1"
              | k         | group |
              | not a     | high  |
              | a         | low   |
            table pair: level unique
              cite s "§1"
              | k         | pair |
              | a, b      | high |
              | c         | low  |
            let uses = impact == high and scope == broad and score > 1
            """)
        #expect(try evaluate(base, #"{"k": "b"}"#).id("group", in: base) == "high")
        #expect(try evaluate(base, #"{"k": "a"}"#).id("group", in: base) == "low")
        #expect(try evaluate(base, #"{"k": "b"}"#).id("pair", in: base) == "high")
        #expect(try evaluate(base, #"{"k": "c"}"#).id("pair", in: base) == "low")
    }
}

/// Which single-answer changes change a value.
@Suite struct SensitivityTests {
    @Test func namesTheAnswersThatWouldTipAValue() throws {
        let base = try compile(TableTests.questions + TableTests.archetypeTable + """
            let band = score >= 3.5
            """)
        let profile = try #require(ProfileReader(ruleBase: base).read(Array(#"{"impact": "high", "scope": "narrow", "score": 2}"#.utf8)).0)
        let slot = try #require(base.slot(named: "archetype"))
        let changes = base.changes(to: profile.answers, thatChange: slot)
        #expect(changes.map { "\(base.questions[$0.question.index].name) → \(base.identifier($0.to)): \(base.identifier($0.result))" }
            == ["impact → low: minimalist", "scope → broad: champion"])
        // Numbers are tried at the constants the rules compare with.
        let band = base.changes(to: profile.answers, thatChange: try #require(base.slot(named: "band")))
        #expect(band.map { base.identifier($0.to) } == ["3.5", "5"])
        // A missing answer that would decide an unknown value is found too.
        let partial = try #require(ProfileReader(ruleBase: base).read(Array(#"{"impact": "high"}"#.utf8)).0)
        #expect(base.changes(to: partial.answers, thatChange: slot).map { base.identifier($0.result) } == ["cherry_picker", "champion"])
    }
}
