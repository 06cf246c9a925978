import Foundation
import Testing

/// `cxm explain`, end to end: exact output and exit codes on the fixture rules.
@Suite struct ExplainTests {
    static let profile = "\(CLI.fixtures)/profiles/air-products.json"
    static let rules = ["--rules", "\(CLI.fixtures)/rules"]
    static let archetype = """
        CXM archetype today (archetype): CXM Cherry Picker

        How it was decided
          Row 2 of table archetype matched, giving CXM Cherry Picker:
            CXM impact is High (as needed)
            CXM scope is Narrow (as needed)

        What it is computed from
          CXM impact (impact): High
            CXM impact (1 to 5) (impact_score): 4
              rivalry: Agree
              switching_barriers: Disagree
              cx_as_advantage: Agree
          CXM scope (scope): Narrow
            CXM scope (1 to 5) (scope_score): 2
              journeys_end_to_end: Disagree
              cx_dashboards: Disagree

        The answers it rests on
          rivalry: Agree
            Competition in our main market is intense.
          switching_barriers: Disagree
            Our customers would find it hard or costly to switch to another supplier.
          cx_as_advantage: Agree
            Our top team sees customer experience as a source of competitive advantage.
          journeys_end_to_end: Disagree
            Our CXM covers customer journeys end to end, not only selected touchpoints.
          cx_dashboards: Disagree
            We track CX with engagement metrics and dashboards across stakeholder
            groups.

        Source: Wirtz et al. (2025), §4.3, Fig. 1

        """

    @Test func aTableValue() throws {
        let result = try CLI.run(["explain", Self.profile, "archetype"] + Self.rules)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == "Explanation for Air Products (segment: Small and medium-sized customers)\n\n" + Self.archetype)
        // By label, in any case.
        #expect(try CLI.run(["explain", Self.profile, "cxm archetype today"] + Self.rules) == result)
    }

    @Test func theWatchedValuesWithoutWhat() throws {
        let result = try CLI.run(["explain", Self.profile, "--rules", try CLI.watchedFixtureRules()])
        #expect(result.status == 0)
        #expect(result.stdout == "Explanation for Air Products (segment: Small and medium-sized customers)\n\n" + Self.archetype + """

            You can also ask about
              a value, such as: impact, scope, target_archetype
              a rule, such as one that fired: craft_propositions, keep_archetype

            """)
        let unwatched = try CLI.run(["explain", Self.profile] + Self.rules)
        #expect(unwatched.stdout == """
            Explanation for Air Products (segment: Small and medium-sized customers)

            No conclusion is marked 'watch' in the rules; name one to have it explained.

            You can ask about
              a value, such as: value_propositions, scope, archetype, target_archetype
              a rule, such as one that fired: craft_propositions, keep_archetype

            """)
    }

    @Test func anOutputAndTheRuleThatSetIt() throws {
        let result = try CLI.run(["explain", Self.profile, "target_archetype"] + Self.rules)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("""
            Explanation for Air Products (segment: Small and medium-sized customers)

            CXM archetype to aim for (target_archetype): CXM Cherry Picker

            How it was decided
              Rule keep_archetype fired:
                CXM archetype today is CXM Cherry Picker (needed: known)
              1 other rule that sets it did not fire.

            What it is computed from
              CXM archetype today (archetype): CXM Cherry Picker
                CXM impact (impact): High

            """))
    }

    @Test func aRuleThatDidNotFire() throws {
        let result = try CLI.run(["explain", Self.profile, "refocus_fashionista"] + Self.rules)
        #expect(result.status == 0)
        #expect(result.stdout == """
            Explanation for Air Products (segment: Small and medium-sized customers)

            Rule refocus_fashionista did not fire
              It would recommend (step 3, high priority): Discontinue the CXM activities
                that show little return, keep those that promise the most, define a small
                set of effective CX metrics and appoint a CX manager to coordinate.
              Sets CXM archetype to aim for (target_archetype), now CXM Cherry Picker

            It did not fire because
              CXM archetype today is CXM Cherry Picker (needed: CXM Fashionista)

            Source: Wirtz et al. (2025), §7.2, Step 3

            """)
    }

    /// A rule that did not fire or is undecided gives no reason: its `because` would state what
    /// does not hold ("Your CXM is broad (2.22 of 5) while its perceived impact is low (4 of 5)").
    @Test func onlyARuleThatFiredSaysWhy() throws {
        let warning = try CLI.run(["explain", "scenarios/air-products.json", "fashionista_warning"])
        #expect(warning.status == 0)
        #expect(warning.stdout.contains("Rule fashionista_warning did not fire\n"))
        #expect(!warning.stdout.contains("Why:") && !warning.stdout.contains("(2.22 of 5)"))
        let json = try CLI.run(["explain", "scenarios/air-products.json", "fashionista_warning", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["rule"] as? [String: Any])?["because"] == nil)
        let undecided = try CLI.run(["explain", "-", "refocus_fashionista"] + Self.rules, stdin: #"{"rivalry": "agree"}"#)
        #expect(undecided.stdout.contains("is undecided") && !undecided.stdout.contains("Why:"))
        let fired = try CLI.run(["explain", "scenarios/air-products.json", "target_cherry_picker_limited_market"])
        #expect(fired.stdout.contains("\n  Why: Your strategy relies on serving customers better"))
    }

    /// Several options are joined with semicolons: their labels may hold commas.
    @Test func optionsWithCommasStayApart() throws {
        let touchpoints = "Sales and account-management conversations; Website, customer portal, app or online shop; Ordering, delivery and logistics"
        let question = try CLI.run(["explain", "scenarios/air-products.json", "cx_touchpoints", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(question.stdout.utf8)) as? [String: Any])
        #expect((document["question"] as? [String: Any])?["display"] as? String == touchpoints)
        let overview = try CLI.run(["explain", "scenarios/air-products.json"])
        #expect(overview.stdout.contains("cx_touchpoints: Sales and account-management conversations; Website,"))
        #expect(!overview.stdout.contains("conversations, Website"))
    }

    /// Conditions read as sentences: what holds as needed is not repeated, a label that asks
    /// a question takes a colon, and expressions say what they count.
    @Test func conditionsReadAsSentences() throws {
        let limited = try CLI.run(["explain", "scenarios/air-products.json", "target_cherry_picker_limited_market"])
        #expect(limited.stdout.contains("""
            It fired because
              Why this archetype to aim for: You compete on customer experience and your
                leaders back CXM, but your context limits what broad CXM returns (as needed)

            """))
        let craft = try CLI.run(["explain", "scenarios/air-products.json", "craft_propositions"])
        #expect(craft.stdout.contains("""
            It fired because
              The number of value propositions that fit your customers' goals is 1 (needed:
                above 0)

            """))
        let anchor = try CLI.run(["explain", "scenarios/air-products.json", "cx_lead_sources_differ"])
        #expect(anchor.stdout.contains("  cx_anchor is not answered (needed: one of No one in particular; A CX manager,\n"))
    }

    @Test func anUndecidedRuleNamesTheAnswersThatDecideIt() throws {
        let result = try CLI.run(["explain", "-", "REFOCUS_FASHIONISTA"] + Self.rules,
                                 stdin: #"{"rivalry": "agree", "journeys_end_to_end": "agree", "cx_dashboards": "agree"}"#)
        #expect(result.status == 0)
        #expect(result.stdout.contains("""
            Rule refocus_fashionista is undecided: missing answers leave it open
            """))
        #expect(result.stdout.contains("""

            It is undecided because
              CXM archetype today is unknown (needed: CXM Fashionista; missing:
                switching_barriers, cx_as_advantage)

            Answer these to decide it
              switching_barriers: not answered
                Our customers would find it hard or costly to switch to another supplier.
              cx_as_advantage: not answered
                Our top team sees customer experience as a source of competitive advantage.

            """))
    }

    @Test func aQuestion() throws {
        let result = try CLI.run(["explain", Self.profile, "rivalry"] + Self.rules)
        #expect(result.status == 0)
        #expect(result.stdout == """
            Explanation for Air Products (segment: Small and medium-sized customers)

            Question rivalry: Agree
              Competition in our main market is intense.
              Where rivalry is low, managers expect CXM to add little to competitive
              advantage.
              Step 2, section "Your market".

            Used by
              CXM impact (1 to 5) (impact_score): 4
              rule refocus_fashionista

            Source: Wirtz et al. (2025), §4.1

            """)
    }

    @Test func traceOfTheItemsInvolved() throws {
        let result = try CLI.run(["explain", Self.profile, "archetype", "--trace"] + Self.rules)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("""
            Source: Wirtz et al. (2025), §4.3, Fig. 1

            Trace
              table scope, row 1: matched → narrow
                scope_score: 2, expected < 3 (matched)
              table scope, row 2: not matched → broad
                scope_score: 2, expected >= 3 (not matched)
              table archetype, row 1: not matched → champion
                impact: high, expected high (matched)
                scope: narrow, expected broad (not matched)
              table archetype, row 2: matched → cherry_picker
                impact: high, expected high (matched)
                scope: narrow, expected narrow (matched)
              table archetype, row 3: not matched → minimalist
                impact: high, expected low (not matched)
                scope: narrow, expected narrow (matched)
              table archetype, row 4: not matched → fashionista
                impact: high, expected low (not matched)
                scope: narrow, expected broad (not matched)

            """))
        let derived = try CLI.run(["explain", Self.profile, "impact", "--trace"] + Self.rules)
        #expect(derived.stdout.hasSuffix("\nTrace\n  No table or rule is involved.\n"))
    }

    @Test func json() throws {
        let result = try CLI.run(["explain", Self.profile, "archetype", "--format", "json"] + Self.rules)
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 2)
        #expect(document["kind"] as? String == "value")
        #expect(document["trace"] == nil)
        let value = try #require((document["values"] as? [[String: Any]])?.first)
        #expect(value["name"] as? String == "archetype")
        #expect(value["value"] as? String == "cherry_picker")
        #expect(value["display"] as? String == "CXM Cherry Picker")
        #expect(value["hitPolicy"] as? String == "unique")
        let row = try #require((value["rows"] as? [[String: Any]])?.first)
        #expect(row["row"] as? Int == 2)
        #expect((row["cells"] as? [[String: Any]])?.first?["needed"] as? String == "High")
        let impact = try #require((value["inputs"] as? [[String: Any]])?.first)
        #expect(impact["name"] as? String == "impact")
        #expect((impact["inputs"] as? [[String: Any]])?.first?["name"] as? String == "impact_score")
        #expect((value["answers"] as? [[String: Any]])?.map { $0["question"] as? String } == ["rivalry", "switching_barriers", "cx_as_advantage", "journeys_end_to_end", "cx_dashboards"])
        #expect((value["answers"] as? [[String: Any]])?.first?["value"] as? String == "agree")
        #expect((value["answers"] as? [[String: Any]])?.first?["display"] as? String == "Agree")
        #expect((value["citations"] as? [[String: Any]])?.first?["reference"] as? String == "Wirtz et al. (2025), §4.3, Fig. 1")
        // A question: its answer as option ids, and in words, beside what it asks.
        let question = try CLI.run(["explain", Self.profile, "rivalry", "--format", "json"] + Self.rules)
        let questionDocument = try #require(try JSONSerialization.jsonObject(with: Data(question.stdout.utf8)) as? [String: Any])
        let asked = try #require(questionDocument["question"] as? [String: Any])
        #expect(asked["name"] as? String == "rivalry")
        #expect(asked["value"] as? String == "agree")
        #expect(asked["display"] as? String == "Agree")
        #expect(asked["answer"] == nil)
        #expect((asked["usedBy"] as? [[String: Any]])?.first?["value"] as? Double == 4)
        let missing = try CLI.run(["explain", "-", "rivalry", "--format", "json"] + Self.rules, stdin: "{}")
        let missingQuestion = try #require((try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [String: Any])?["question"] as? [String: Any])
        #expect(missingQuestion["value"] is NSNull)
        #expect(missingQuestion["display"] as? String == "not answered")
        let rule = try CLI.run(["explain", Self.profile, "keep_archetype", "--format", "json", "--trace"] + Self.rules)
        let ruleDocument = try #require(try JSONSerialization.jsonObject(with: Data(rule.stdout.utf8)) as? [String: Any])
        #expect(ruleDocument["kind"] as? String == "rule")
        #expect((ruleDocument["rule"] as? [String: Any])?["verdict"] as? String == "matched")
        #expect((ruleDocument["trace"] as? [[String: Any]])?.map { $0["name"] as? String } == ["keep_archetype"])
    }

    @Test(arguments: [
        (["explain", profile, "archetyp"] + rules, "cxm: error: nothing called 'archetyp' in the rules; did you mean 'archetype'?\n"),
        (["explain", "scenarios/air-products.json", "impact_score"],
         "cxm: error: nothing called 'impact_score' in the rules; did you mean 'impact_perceived_score' or 'impact_potential_score'?\n"),
        (["explain", profile, "zebra"] + rules, "cxm: error: nothing called 'zebra' in the rules; name a conclusion, a rule or a question\n"),
        (["explain", profile, "archetype", "scope"] + rules, "cxm: error: give one profile and at most one thing to explain\n"),
        (["explain"], "cxm: error: give the profile to explain (a JSON file, or - for standard input)\n"),
        (["explain", profile, "--format", "yaml"], "cxm: error: --format must be one of text, json, not 'yaml'\n"),
    ])
    func usageErrorsExitWith64(arguments: [String], message: String) throws {
        #expect(try CLI.run(arguments) == .init(status: 64, stdout: "", stderr: message + "Run 'cxm explain --help' for usage.\n"))
    }

    @Test func helpMissingAndBadProfiles() throws {
        let help = try CLI.run(["explain", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: cxm explain PROFILE [WHAT]"))
        #expect(help.stdout.contains("Examples:\n  cxm explain scenarios/air-products.json\n"))
        #expect(try CLI.run(["explain", "no-such.json", "archetype"]) == .init(status: 66, stdout: "", stderr: "cxm: error: no such file: no-such.json\n"))
        let bad = try CLI.run(["explain", "-", "archetype"] + Self.rules, stdin: #"{"rivalry": "agre"}"#)
        #expect(bad.status == 65)
        #expect(bad.stderr.hasSuffix("cxm: error: <stdin> has 1 error; fix the answers above and try again\n"))
    }
}
