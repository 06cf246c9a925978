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

            Answer what you know; leave the rest blank. Each question's id is the key in a profile file.

            ## Step 1. Understand customer objectives

            ### Your customers' goals

            **1. Which goals do your customers pursue as organizations? Choose all that apply.** (`collective_goals`)

            Relieving, enabling and enriching CX answer efficiency, differentiation and association goals.

            - [ ] Efficiency: lower costs, higher productivity, aligned processes (`efficiency`)
            - [ ] Differentiation: a stronger competitive position for the client (`differentiation`)
            - [ ] Association: brand, reputation and cultural fit (`association`)

            Source: Wirtz et al. (2025), §3.2.2, Table 1

            ## Step 2. Choose and align the CXM archetype

            """))
        #expect(result.stdout.contains("**6. We track CX with engagement metrics and dashboards across stakeholder groups.** (`cx_dashboards`)"))
    }

    @Test func conditionsPointToTheQuestionsTheyRead() throws {
        let result = try CLI.run(["questions"])
        #expect(result.stdout.contains("_Asked only when `competitive_strategy == customer_experience` (see question 27); skip it otherwise._"))
        #expect(!result.stdout.contains("Choose all that apply.** (`buying_centre_collective_goals`)\n\nEfficiency: lower costs, higher productivity, smoother processes. Differentiation: a stronger competitive position for the client. Association: brand image, reputation, cultural fit (a supplier known for sustainability, say). They call for relieving, enabling and enriching CX respectively. Choose none if none applies; leave the question unanswered if you do not know.\n\nChoose all that apply."))
    }

    @Test func jsonSchemaForProfiles() throws {
        let result = try CLI.run(["questions", "--format", "json-schema", "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == ["id", "name", "segment", "respondent", "date", "collective_goals", "rivalry",
                                         "switching_barriers", "cx_as_advantage", "journeys_end_to_end", "cx_dashboards"])
        let goals = try #require(properties["collective_goals"])
        #expect(goals["uniqueItems"] as? Bool == true)
        #expect((properties["rivalry"]?["description"] as? String)?.hasPrefix("Competition in our main market is intense.") == true)
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try CLI.run(["questions", "--format", "pdf"])
        #expect(result == .init(status: 64, stdout: "", stderr: "cxm: error: --format must be one of markdown, json-schema, not 'pdf'\nRun 'cxm questions --help' for usage.\n"))
    }
}
