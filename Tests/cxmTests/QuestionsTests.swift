import Foundation
import Testing

/// `cxm questions`: the questionnaire as a form and as a JSON Schema.
@Suite struct QuestionsTests {
    @Test func markdownFormByStepAndSection() throws {
        let result = try CLI.run(["questions", "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("""
            # CXM questionnaire

            Answer what you know; leave the rest blank. Each question's id is the key in a profile file. This is version 1 of the questionnaire: a profile records it as `rules_version`, and a script for `cxm ask` names it on its first line, `# cxm rules 1`.

            ## Step 1. Understand customer objectives

            ### Your customers' goals

            **1. Which goals do your customers pursue as organizations? Choose all that apply.** (`collective_goals`)

            Relieving, enabling and enriching CX answer efficiency, differentiation and association goals.

            - [ ] Efficiency: lower costs, higher productivity, aligned processes (`efficiency`)
            - [ ] Differentiation: a stronger competitive position for the client (`differentiation`)
            - [ ] Association: brand, reputation and cultural fit (`association`)
            - [ ] Perhaps others: I know only some of the answer

            Source: Wirtz et al. (2025), §3.2.2, Table 1

            ## Step 2. Choose and align the CXM archetype

            """))
        #expect(result.stdout.contains("**6. We track CX with engagement metrics and dashboards across stakeholder groups.** (`cx_dashboards`)"))
    }

    @Test func conditionsPointToTheQuestionsTheyRead() throws {
        let result = try CLI.run(["questions"])
        #expect(result.stdout.contains("_Asked only when `tx_granularity != no_target` (see questions 33, 34); skip it otherwise._"))
        #expect(result.stdout.contains("This is version 2 of the questionnaire"))
        #expect(!result.stdout.contains("Choose all that apply.** (`buying_centre_collective_goals`)\n\nEfficiency: lower costs, higher productivity, smoother processes. Differentiation: a stronger competitive position for the client. Association: brand image, reputation, cultural fit (a supplier known for sustainability, say). They call for relieving, enabling and enriching CX respectively. Choose none if none applies; leave the question unanswered if you do not know.\n\nChoose all that apply."))
    }

    @Test func jsonSchemaForProfiles() throws {
        let result = try CLI.run(["questions", "--format", "json-schema", "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == ["id", "name", "segment", "respondent", "date", "rules_version", "collective_goals", "rivalry",
                                         "switching_barriers", "cx_as_advantage", "journeys_end_to_end", "cx_dashboards"])
        #expect((properties["rules_version"]?["description"] as? String)?.contains("these rules are version 1") == true)
        // A multi-select answer: a list of options, a partial answer, or null.
        let goals = try #require(properties["collective_goals"]?["anyOf"] as? [[String: Any]])
        #expect(goals.count == 3 && goals[0]["uniqueItems"] as? Bool == true && goals[2]["type"] as? String == "null")
        let partial = try #require(goals[1]["properties"] as? [String: [String: Any]])
        #expect(Set(partial.keys) == ["includes", "excludes"] && goals[1]["additionalProperties"] as? Bool == false)
        #expect(partial["includes"]?["uniqueItems"] as? Bool == true)
        #expect((properties["rivalry"]?["description"] as? String)?.hasPrefix("Competition in our main market is intense.") == true)
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try CLI.run(["questions", "--format", "pdf"])
        #expect(result == .init(status: 64, stdout: "", stderr: "cxm: error: --format must be one of markdown, csv, json-schema, not 'pdf'\nRun 'cxm questions --help' for usage.\n"))
    }

    /// The CSV template: question ids for the header, and two comment rows (each column's
    /// question and the answers it takes) that cxm batch skips, so that it reads the template
    /// as it is, filled in.
    @Test func csvTemplateThatBatchReadsAsItIs() throws {
        let result = try CLI.run(["questions", "--format", "csv", "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 0)
        let rows = result.stdout.components(separatedBy: "\r\n")
        #expect(rows.count == 4 && rows[3] == "")
        #expect(rows[0] == "id,name,segment,respondent,date,rules_version,collective_goals,rivalry,switching_barriers,cx_as_advantage,journeys_end_to_end,cx_dashboards")
        #expect(rows[1].hasPrefix("# An id for the row,The firm's name,\"The segment of the firm, if any\",Who answered,When the answers were given,"
                                  + "The version of the questionnaire the answers follow,"
                                  + "“Which goals do your customers pursue as organizations? Choose all that apply.”,"))
        #expect(rows[2].hasPrefix("# any text,any text,any text,any text,\"a date, such as 2026-05-04\",1 (this version),"
                                  + "\"any of, separated by ;: efficiency | differentiation | association (or none; end with ? when only some are known: a; b; ?)\","
                                  + "one of: strongly_disagree | disagree | neutral | agree | strongly_agree (or 1 to 5),"))
        let directory = try CLI.temporaryDirectory()
        let survey = directory.appendingPathComponent("survey.csv")
        try Data((result.stdout + "F1,Acme,,,2026-05-04,1,efficiency,agree,disagree,agree,disagree,disagree\r\n").utf8).write(to: survey)
        let batch = try CLI.run(["batch", survey.path, "--format", "jsonl", "--rules", "\(CLI.fixtures)/rules"])
        #expect(batch.status == 0)
        #expect(batch.stdout.hasPrefix(#"{"id":"F1","value_propositions":["relieving"],"impact_score":4,"archetype":"cherry_picker""#))
    }

    /// Every bad option of a multi-select cell is reported, each with its own caret.
    @Test func everyBadOptionOfAMultiSelectCellIsReported() throws {
        let directory = try CLI.temporaryDirectory()
        let survey = directory.appendingPathComponent("survey.csv")
        try Data("id,collective_goals\nx,\"efficiency; cost; brand\"\n".utf8).write(to: survey)
        let batch = try CLI.run(["batch", survey.path, "--format", "jsonl", "--rules", "\(CLI.fixtures)/rules"])
        #expect(batch.status == 1)
        #expect(batch.stderr.hasPrefix("""
            \(survey.path):2:16: error[P0207]: 'collective_goals': 'cost' is not an option of 'collective_goal'
             2 | x,"efficiency; cost; brand"
               |                ^~~~
            note: the options of 'collective_goal' are
            """))
        #expect(batch.stderr.contains("""
            \(survey.path):2:22: error[P0207]: 'collective_goals': 'brand' is not an option of 'collective_goal'
             2 | x,"efficiency; cost; brand"
               |                      ^~~~~

            1 profile: 0 assessed, 1 failed
            """))
    }
}
