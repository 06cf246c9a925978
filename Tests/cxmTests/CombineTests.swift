import Foundation
import Testing

/// `cxm combine`, end to end on the bundled rules and the team scenarios: disagreement,
/// agreement, one respondent, anonymity, batch inputs grouped by firm, and errors.
@Suite struct CombineTests {
    static let split = "scenarios/teams/split-on-impact.json"
    static let aligned = "scenarios/teams/aligned-leadership.json"
    static let one = "scenarios/teams/one-respondent.json"

    /// Leaders who disagree on CXM's impact: their positions on both sides of the boundary, and
    /// the rules' advice on the disagreement first, with its source.
    @Test func disagreement() throws {
        let result = try CLI.run(["combine", Self.split, "--full"])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("CXM assessment of Nordic Valves, 3 respondents combined\n"))
        #expect(result.stdout.contains("place the firm in 2 different quadrants: CXM\n  Champion (CEO; CX manager) and CXM Minimalist (Sales director)."))
        #expect(result.stdout.contains("What to do first\n  1. Align your leaders' view of CXM before choosing an archetype\n"))
        #expect(result.stdout.contains("  Top team's view of CX as an advantage: combined Agree; 3 steps apart, from\n  Disagree to Strongly agree\n"))
        #expect(result.stdout.contains("Wirtz et al. (2025), §4; §4.1"))
        let json = try Self.group(["combine", Self.split, "--format", "json"])
        let assessment = try #require(json["assessment"] as? [String: Any])
        #expect((assessment["warnings"] as? [[String: Any]])?.map { $0["rule"] as? String } == [
            "leaders_divided_on_impact", "leaders_divided_on_strategy", "leaders_divided_on_anchor"])
        #expect((json["agreement"] as? [String: Any])?["split"] as? Bool == true)
        let first = try #require((json["questions"] as? [[String: Any]])?.first)
        #expect(first["question"] as? String == "cx_as_advantage")
        #expect(first["spread"] as? Double == 3)
    }

    /// Leaders who agree: one quadrant, no advice on disagreement.
    @Test func agreement() throws {
        let result = try CLI.run(["combine", Self.aligned])
        #expect(result.status == 0)
        #expect(result.stdout.contains("All 3 respondents' own answers place the firm in CXM Champion."))
        #expect(!result.stdout.contains("Align your leaders"))
        let json = try Self.group(["combine", Self.aligned, "--format", "json"])
        #expect(((json["assessment"] as? [String: Any])?["warnings"] as? [Any])?.isEmpty == true)
        #expect((json["agreement"] as? [String: Any])?["split"] as? Bool == false)
    }

    /// One respondent: the assessment is theirs, said so, with nothing on disagreement.
    @Test func oneRespondent() throws {
        let result = try CLI.run(["combine", Self.one])
        #expect(result.status == 0)
        #expect(result.stdout.contains("One respondent: there is no one to compare with, so the assessment is theirs."))
        #expect(!result.stdout.contains("Align your leaders"))
        let combined = try Self.group(["combine", Self.one, "--format", "json"])
        let alone = try CLI.run(["assess", "-", "--format", "json"], stdin: try Self.respondentProfile(Self.one, 0))
        let single = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        let conclusions = { (assessment: [String: Any]?) in (assessment?["conclusions"] as? [[String: Any]])?.map { "\($0["name"]!)=\($0["display"]!)" } }
        #expect(conclusions(combined["assessment"] as? [String: Any]) == conclusions(single))
    }

    /// `--anonymous` names the respondents R1…Rn, and their labels appear nowhere.
    @Test func anonymous() throws {
        for format in ["text", "markdown", "json", "html"] {
            let result = try CLI.run(["combine", Self.split, "--anonymous", "--full", "--format", format])
            #expect(result.status == 0)
            for label in ["Sales director", "CX manager:", "CX manager)", "(CEO", "CEO:", "\"CEO\""] { #expect(!result.stdout.contains(label), "\(format): \(label)") }
            #expect(result.stdout.contains("R2"))
        }
    }

    /// A batch input of several firms: one combined assessment per firm and segment.
    @Test func batchGroupedByFirm() throws {
        let csv = """
            id,segment,respondent,cx_as_advantage,cx_investment_returns
            acme,,CEO,strongly_agree,agree
            acme,,CFO,disagree,disagree
            bolt,SMEs,CEO,agree,agree
            acme,,COO,agree,agree

            """
        let result = try CLI.run(["combine", "-", "--input-format", "csv", "--format", "json"], stdin: csv)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        #expect(groups.map { ($0["respondents"] as? [[String: Any]])?.map { $0["label"] as? String } } == [["CEO", "CFO", "COO"], ["CEO"]])
        #expect(groups.map { ($0["profile"] as? [String: String]) } == [["id": "acme"], ["id": "bolt", "segment": "SMEs"]])
    }

    /// Partial answers (known members and known non-members of a multi-select answer) are
    /// combined option by option, not dropped: each respondent's is shown as such, and the
    /// combined answer keeps what the majority surely chose or surely did not, leaving the rest
    /// open; the report states the rule.
    @Test func partialAnswersAreCombined() throws {
        let directory = try CLI.temporaryDirectory()
        let profiles = [
            ("ceo", #"{"respondent": "CEO", "name": "Acme", "cx_touchpoints": {"includes": ["sales_people", "service_support"], "excludes": ["physical_sites"]}}"#),
            ("cxo", #"{"respondent": "CXO", "name": "Acme", "cx_touchpoints": {"includes": ["sales_people"]}}"#),
            ("coo", #"{"respondent": "COO", "name": "Acme", "cx_touchpoints": ["sales_people", "service_support"]}"#),
        ]
        for (name, json) in profiles { try json.write(to: directory.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8) }
        let paths = profiles.map { directory.appendingPathComponent("\($0.0).json").path }
        let text = try CLI.run(["combine"] + paths + ["--full"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Their answers combined cover 1 of 44 questions.\n"))
        #expect(text.stdout.contains("  Several options         the options more than half of the respondents chose;\n"
            + "                          where some answered only in part, an option their\n"))
        let json = try Self.group(["combine"] + paths + ["--format", "json"])
        let question = try #require((json["questions"] as? [[String: Any]])?.first { $0["question"] as? String == "cx_touchpoints" })
        let sales = "Sales and account-management conversations", service = "Customer service, support and field technicians"
        #expect((question["answers"] as? [[String: Any]])?.map { $0["display"] as? String } == [
            "\(sales), \(service), and perhaps others (not Physical places: offices, venues, plants, showrooms)",
            "\(sales), and perhaps others",
            "\(sales); \(service)",
        ])
        // Sales: all three chose it; service: two of three surely did; physical places: none
        // did, and the one who left it open cannot make a majority; the rest stay open.
        #expect(question["combinedDisplay"] as? String == "\(sales), \(service), and perhaps others (not Physical places: offices, venues, plants, showrooms)")
        #expect(question["combined"] is NSNull)
        // The combined partial answer counts in the assessment: three touchpoints known are
        // enough to raise the lowest scope the answers allow.
        let scope = try #require(((json["assessment"] as? [String: Any])?["conclusions"] as? [[String: Any]])?.first { $0["name"] as? String == "scope_touchpoints" })
        #expect(scope["display"] as? String != "not known yet")
    }

    /// Errors: no input (64), a missing file (66), a bad answer or a misshapen team file with its
    /// position and code (65).
    @Test func errors() throws {
        let none = try CLI.run(["combine"])
        #expect(none.status == 64)
        #expect(none.stderr.hasPrefix("cxm: error: give the respondents' answers"))
        #expect(try CLI.run(["combine", "-", "-"]).status == 64)
        #expect(try CLI.run(["combine", "scenarios/teams/nowhere.json"]).status == 66)
        let directory = try CLI.temporaryDirectory()
        let team = directory.appendingPathComponent("team.json")
        try #"{"name": "Acme", "respondents": [{"respondent": "CEO", "cx_as_advantage": "agree"}, {"respondent": "CFO", "cx_as_advantage": "agre"}]}"#
            .write(to: team, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["combine", team.path])
        #expect(bad.status == 65)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("team.json:1:126: error[P0207]: 'cx_as_advantage': 'agre' is not an option of 'agreement'; did you mean 'agree'?"))
        try #"{"name": "Acme", "rivalry": "agree", "respondents": {}}"#.write(to: team, atomically: true, encoding: .utf8)
        let misplaced = try CLI.run(["combine", team.path])
        #expect(misplaced.status == 65)
        #expect(misplaced.stderr.contains("team.json:1:18: error[C0102]: 'rivalry' is an answer: answers go in each respondent's profile under 'respondents'"))
        #expect(misplaced.stderr.contains("team.json:1:53: error[C0103]: 'respondents' must be a list of the respondents' profiles (JSON objects), at least one"))
    }

    @Test func help() throws {
        let result = try CLI.run(["combine", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:\n  cxm combine "))
        #expect(result.stdout.contains("Exit codes: 0 the report was printed, 64 usage error"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    /// The first group of `cxm combine`'s JSON.
    static func group(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        return try #require((document["groups"] as? [[String: Any]])?.first)
    }

    /// One respondent's profile of a team file, as JSON.
    static func respondentProfile(_ path: String, _ index: Int) throws -> String {
        let data = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(path))
        let team = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var respondent = try #require((team["respondents"] as? [[String: Any]])?[index])
        respondent["respondent"] = nil
        return String(decoding: try JSONSerialization.data(withJSONObject: respondent), as: UTF8.self)
    }
}
