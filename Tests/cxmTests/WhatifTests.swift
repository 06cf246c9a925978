import Foundation
import Testing

/// `cxm whatif`, end to end: exact output and exit codes on the fixture rules.
@Suite struct WhatifTests {
    static let profile = "\(CLI.fixtures)/profiles/air-products.json"
    static let rules = ["--rules", "\(CLI.fixtures)/rules"]

    /// Runs `cxm whatif` with a time budget no busy machine reaches, so that its searches
    /// complete and the counts these tests expect hold everywhere (the default second can cut
    /// a search of the debug build short while other tests load the machine).
    static func whatif(_ arguments: [String], stdin: String = "") throws -> CLI.Result {
        try CLI.run(["whatif"] + arguments + ["--time-limit", "600"], stdin: stdin)
    }

    @Test func watchedValueByDefault() throws {
        let result = try Self.whatif([Self.profile, "--rules", try CLI.watchedFixtureRules()])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == """
            What if Air Products (segment: Small and medium-sized customers) answered
            differently?
            CXM archetype today (archetype) is now CXM Cherry Picker.

            Robustness: changing 2 of 6 questions alone could change it.

            The fewest changes that would change it: 1 question of 5, least moves first:

            To CXM Champion (2 ways)
              journeys_end_to_end: Disagree → Agree
              cx_dashboards: Disagree → Agree

            """)
    }

    /// A partial answer (the known part of a multi-select answer): the search reads it as
    /// unanswered, and says so; a change to it shows what was known, not "unanswered"; `cxm
    /// explain` shows it as the partial answer it is (bundled rules).
    @Test func aPartialAnswerIsSaidToBeKnownInPart() throws {
        let data = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("scenarios/air-products.json"))
        var profile = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        profile["expect"] = nil
        profile["description"] = nil
        profile["cx_touchpoints"] = ["includes": ["sales_people", "digital_self_service"]]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: profile), as: UTF8.self)
        let known = "known in part (Sales and account-management conversations, Website, customer portal, app or online shop, and perhaps others)"
        let whatif = try Self.whatif(["-", "--value", "scope_score"], stdin: json)
        #expect(whatif.status == 0)
        #expect(whatif.stdout.contains("\nThe search reads the answers known only in part (cx_touchpoints) as unanswered:\n"
            + "what it starts from is what the other answers give, and a change may complete\nsuch an answer or replace it.\n"))
        #expect(!whatif.stdout.contains("cx_touchpoints: unanswered"))
        let document = try Self.whatif(["-", "--value", "scope_score", "--format", "json"], stdin: json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.stdout.utf8)) as? [String: Any])
        let texts = (parsed["counterfactuals"] as? [[String: Any]])?.flatMap { ($0["changes"] as? [[String: Any]]) ?? [] }.compactMap { $0["text"] as? String }
        #expect(texts?.contains("cx_touchpoints: \(known) → none") == true)
        let explain = try CLI.run(["explain", "-", "scope_score"], stdin: json)
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("    cx_touchpoints: Sales and account-management conversations, Website,\n"
            + "        customer portal, app or online shop, and perhaps others\n"))
        #expect(!explain.stdout.contains("cx_touchpoints: not answered"))
    }

    @Test func toAnOptionByLabel() throws {
        let result = try Self.whatif([Self.profile, "--value", "CXM archetype today", "--to", "cxm champion", "--max-changes", "1"] + Self.rules)
        #expect(result.status == 0)
        #expect(result.stdout == """
            What if Air Products (segment: Small and medium-sized customers) answered
            differently?
            CXM archetype today (archetype) is now CXM Cherry Picker.

            Robustness: changing 2 of 6 questions alone could change it.

            The fewest changes that would give CXM Champion: 1 question of 5, least moves
            first:

            To CXM Champion (2 ways)
              journeys_end_to_end: Disagree → Agree
              cx_dashboards: Disagree → Agree

            """)
    }

    /// A search cut off by its time limit says what it established.
    @Test func aSearchCutOffSaysWhatItEstablished() throws {
        let result = try CLI.run(["whatif", "scenarios/tx-general-nlq.json", "--to", "champion", "--time-limit", "0.01"])
        #expect(result.status == 0)
        let text = result.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("stopped at its time limit (0.01 s)"))
        #expect(text.contains("Allow more time with --time-limit."))
    }

    @Test func missingAnswersAndNothingFound() throws {
        let result = try Self.whatif(["-", "--value", "archetype", "--max-changes", "2"] + Self.rules,
                                 stdin: #"{"rivalry": "agree", "journeys_end_to_end": "agree"}"#)
        #expect(result.status == 0)
        #expect(result.stdout == """
            What if this profile answered differently?
            CXM archetype today (archetype) is unknown until these are answered:
            switching_barriers, cx_as_advantage, cx_dashboards.

            No set of up to 2 changes to the 5 questions it depends on would decide it.
            Allowing more changes may find some.

            """)
    }

    /// Ways of several changes lead with the question they share: every way, or at least half.
    @Test func whereToStart() throws {
        let shared = try Self.whatif(["scenarios/tx-relational-klm.json", "--to", "champion"])
        #expect(shared.status == 0)
        #expect(shared.stdout.contains("""
            up to 4 changes), least moves first:

            Where to start: every way changes cx_as_advantage; next most often
            cx_touchpoints (20 of the 35 ways).

            To CXM Champion (35 ways)

            """))
        let half = try Self.whatif(["scenarios/trial-pump-maker.json", "--to", "champion"])
        #expect(half.stdout.contains("""
            Where to start: cx_as_advantage is in 13 of the 26 ways, cx_investment_returns
            in 13.

            """))
        // No question in half of the 21 ways: no first step to name.
        let none = try Self.whatif(["scenarios/air-products.json", "--to", "champion"])
        #expect(none.status == 0 && none.stdout.contains("(21 ways)"))
        #expect(!none.stdout.contains("Where to start"))
        // One change a way: nothing to start with.
        let single = try Self.whatif([Self.profile, "--to", "champion"] + Self.rules)
        #expect(!single.stdout.contains("Where to start"))
    }

    /// Results that read the same (two numbers that both show as 2.02) are one result,
    /// listed once.
    @Test func numbersThatReadTheSameAreOneResult() throws {
        let result = try Self.whatif(["scenarios/air-products.json", "--value", "scope_score"])
        #expect(result.status == 0)
        let headings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("To ") }
        let results = headings.map { $0.split(separator: "(")[0] }
        #expect(Set(results).count == results.count, "\(headings)")
        #expect(headings.contains("To 2.02 (3 ways)"))
    }

    /// Changes that only leave the value undecided are counted apart, and listed last.
    @Test func changesThatLeaveItUndecided() throws {
        let result = try Self.whatif(["scenarios/air-products.json", "--value", "target_archetype"])
        #expect(result.status == 0)
        #expect(result.stdout.replacingOccurrences(of: "\n", with: " ").contains(
            "Robustness: changing 1 of 45 questions alone could change it (1 of them only to undecided)."))
        #expect(result.stdout.contains("\nWould leave it undecided (1 way)\n"))
        let json = try Self.whatif(["scenarios/air-products.json", "--value", "target_archetype", "--max-changes", "1", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["robustness"] as? [String: Int])?["questionsOnlyUnsettling"] == 1)
    }

    @Test func json() throws {
        let result = try Self.whatif([Self.profile, "--value", "archetype", "--to", "champion", "--format", "json"] + Self.rules)
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 2)
        #expect(document["value"] as? String == "archetype")
        #expect(document["current"] as? String == "cherry_picker")
        #expect(document["target"] as? String == "champion")
        #expect(document["complete"] as? Bool == true)
        #expect(document["questions"] as? [String] == ["rivalry", "switching_barriers", "cx_as_advantage", "journeys_end_to_end", "cx_dashboards"])
        #expect(document["impossible"] as? Bool == false && document["sizeCompleted"] as? Int == 0)
        #expect(document["robustness"] as? [String: Int] == ["questionsChanging": 2, "questionsOnlyUnsettling": 0, "questions": 6, "complete": 1])
        let sets = try #require(document["counterfactuals"] as? [[String: Any]])
        #expect(sets.count == 2 && sets.allSatisfy { $0["moves"] as? Int == 2 })
        #expect(sets.allSatisfy { $0["result"] as? String == "champion" })
        let first = try #require((sets[0]["changes"] as? [[String: Any]])?.first)
        #expect(first["question"] as? String == "journeys_end_to_end")
        #expect(first["from"] as? String == "disagree")
        #expect(first["to"] as? String == "agree")
        #expect(first["text"] as? String == "journeys_end_to_end: Disagree → Agree")
    }

    @Test(arguments: [
        (["whatif", profile] + rules,
         "cxm: error: the rules mark no value 'watch'; name the value to change with --value (one of: value_propositions, impact_score, scope_score, impact, scope, archetype, target_archetype)\n"),
        (["whatif", profile, "--value", "archetyp"] + rules, "cxm: error: unknown value 'archetyp'; did you mean 'archetype'?\n"),
        (["whatif", "scenarios/air-products.json", "--value", "impact_score"],
         "cxm: error: unknown value 'impact_score'; did you mean 'impact_perceived_score' or 'impact_potential_score'?\n"),
        (["whatif", profile, "--value", "rivalry"] + rules,
         "cxm: error: 'rivalry' is a question; --value takes a value the rules derive from the answers\n"),
        (["whatif", profile, "--value", "archetype", "--to", "champoin"] + rules,
         "cxm: error: 'champoin' is not an option of 'archetype'; did you mean 'champion'? (options: champion, cherry_picker, minimalist, fashionista)\n"),
        (["whatif", profile, "--value", "impact_score", "--to", "high"] + rules,
         "cxm: error: --to needs a value with options, but 'impact_score' is a number\n"),
        (["whatif", profile, "--value", "archetype", "--max-changes", "0"] + rules,
         "cxm: error: --max-changes must be a whole number from 1 to 99, not '0'\n"),
        (["whatif", profile, "--value", "archetype", "--time-limit", "0"] + rules,
         "cxm: error: --time-limit must be a number of seconds from 0.01 to 3600, not '0'\n"),
        (["whatif"], "cxm: error: give the profile to explore (a JSON file, or - for standard input)\n"),
    ])
    func usageErrorsExitWith64(arguments: [String], message: String) throws {
        #expect(try CLI.run(arguments) == .init(status: 64, stdout: "", stderr: message + "Run 'cxm whatif --help' for usage.\n"))
    }

    @Test func help() throws {
        let result = try CLI.run(["whatif", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Usage: cxm whatif PROFILE"))
        #expect(result.stdout.contains("Examples:\n  cxm whatif scenarios/air-products.json\n"))
    }

    @Test func missingAndBadProfiles() throws {
        #expect(try CLI.run(["whatif", "no-such.json"]) == .init(status: 66, stdout: "", stderr: "cxm: error: no such file: no-such.json\n"))
        let bad = try CLI.run(["whatif", "-", "--value", "archetype"] + Self.rules, stdin: #"{"rivalry": "agre"}"#)
        #expect(bad.status == 65)
        #expect(bad.stderr.hasSuffix("cxm: error: <stdin> has 1 error; fix the answers above and try again\n"))
    }
}
