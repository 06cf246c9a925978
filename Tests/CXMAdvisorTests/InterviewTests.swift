import CXMAdvisor
import CXMRules
import Testing

/// The guided interview's model: order, relevance, reading replies, progress, saving and resuming.
@Suite struct InterviewTests {
    /// Questions declared out of order, one of them asked only when rivalry is intense.
    static let ruleBase: RuleBase = {
        let text = """
            source s "S."
            step 2 "Market and resources"
            scale agreement: strongly_disagree "Strongly disagree" < disagree "Disagree" < neutral "Neutral"
              < agree "Agree" < strongly_agree "Strongly agree"
            enum goal: efficiency "Efficiency", differentiation "Differentiation", association "Brand, reputation and culture"
            question rivalry: agreement
              step 2
              section "Market"
              ask "Rivalry is intense."
              help "Where rivalry is low, CXM adds little."
              cite s "§1"
            question goals: set of goal
              step 1
              ask "Which goals?"
              cite s "§2"
            question budget: number 0..100
              step 2
              section "Resources"
              ask "Share of the budget for CX?"
              cite s "§3"
            question cx_manager: boolean
              step 2
              section "Market"
              ask "Is there a CX manager?"
              when rivalry >= agree
              cite s "§4"
            question notes: text
              step 4
              ask "Anything else?"
              cite s "§5"

            """
        return RuleBase.check(files: [SourceFile(path: "test.cxm", text: text)], format: Advisor.profileFormat).ruleBase!
    }()

    static func slot(_ name: String) -> SlotID { ruleBase.slot(named: name)! }
    static let rivalry = slot("rivalry"), goals = slot("goals"), budget = slot("budget"), manager = slot("cx_manager"), notes = slot("notes")

    func reply(_ input: String, to slot: SlotID, current: Interview.Answer? = nil) -> Reply {
        ReplyParser(ruleBase: Self.ruleBase).parse(input, for: slot, current: current)
    }

    func option(_ question: SlotID, _ position: Int) -> Value {
        guard case .option(let type) = Self.ruleBase.values[question].type else { fatalError("not an option question") }
        return .option(type: type, position: position)
    }

    func goals(_ positions: Int...) -> Value {
        guard case .set(let type) = Self.ruleBase.values[Self.goals].type else { fatalError("not a set question") }
        return .set(type: type, mask: positions.reduce(0) { $0 | 1 << UInt64($1) })
    }

    @Test func questionsGoByStepThenSectionThenDeclaration() {
        let order = Questionnaire(ruleBase: Self.ruleBase).order.map { Self.ruleBase.values[$0].name }
        #expect(order == ["goals", "rivalry", "cx_manager", "budget", "notes"])
    }

    @Test func headingsShowWhenStepOrSectionChanges() {
        let info = { (name: String) in Self.ruleBase.value(named: name)!.question! }
        #expect(Questionnaire.headings(before: info("goals"), after: nil) == (1, nil))
        #expect(Questionnaire.headings(before: info("rivalry"), after: info("goals")) == (2, "Market"))
        #expect(Questionnaire.headings(before: info("cx_manager"), after: info("rivalry")) == (nil, nil))
        #expect(Questionnaire.headings(before: info("budget"), after: info("cx_manager")) == (nil, "Resources"))
    }

    @Test func stepsAreNumberedAsTheRulesDoWithTheirTitlesWhereTheyBegin() {
        let renderer = InterviewRenderer(ruleBase: Self.ruleBase)
        let interview = Interview(ruleBase: Self.ruleBase)
        #expect(renderer.opening(interview, savedIn: "k.json").hasPrefix("5 questions in 3 playbook steps;"))
        let heading = { (slot: SlotID, previous: SlotID?) in
            renderer.question(slot, in: interview, after: previous).split(separator: "\n", omittingEmptySubsequences: false)[1]
        }
        #expect(heading(Self.goals, nil) == "Step 1")
        #expect(heading(Self.rivalry, Self.goals) == "Step 2 · Market and resources · Market")
        #expect(heading(Self.budget, Self.manager) == "Step 2 · Resources")
        #expect(heading(Self.notes, Self.budget) == "Step 4")
    }

    @Test func optionsByNumberIdOrLabel() {
        #expect(reply("4", to: Self.rivalry) == .answer(option(Self.rivalry, 3)))
        #expect(reply(" agree ", to: Self.rivalry) == .answer(option(Self.rivalry, 3)))
        #expect(reply("STRONGLY DISAGREE", to: Self.rivalry) == .answer(option(Self.rivalry, 0)))
        #expect(reply("3.7", to: Self.rivalry) == .invalid("3.7 is not a whole number between 1 and 5", code: "A0103"))
        #expect(reply("6", to: Self.rivalry) == .invalid("6 is not between 1 and 5", code: "A0104"))
        #expect(reply("agre", to: Self.rivalry) == .invalid(
            "'agre' is not one of the options (1–5, or: strongly_disagree, disagree, neutral, agree, strongly_agree); did you mean 'agree'?", code: "A0102"))
    }

    @Test func commandsAndEmptyInput() {
        #expect(reply("?", to: Self.rivalry) == .help)
        #expect(reply("<", to: Self.rivalry) == .back)
        #expect(reply("Back", to: Self.rivalry) == .back)
        #expect(reply("-", to: Self.rivalry) == .skip)
        #expect(reply("", to: Self.rivalry) == .invalid("no answer given", code: "A0101"))
        #expect(reply("", to: Self.rivalry, current: .skipped) == .keep)
        #expect(reply("  ", to: Self.rivalry, current: .given(option(Self.rivalry, 1))) == .keep)
    }

    @Test func setsBooleansNumbersAndText() {
        #expect(reply("1 3", to: Self.goals) == .answer(goals(0, 2)))
        #expect(reply("efficiency, Brand, reputation and culture", to: Self.goals) == .answer(goals(0, 2)))
        // Labels with commas and spaces are read whole; ';', where there is one, alone separates.
        #expect(reply("brand, reputation and culture", to: Self.goals) == .answer(goals(2)))
        #expect(reply("1 Brand, reputation and culture", to: Self.goals) == .answer(goals(0, 2)))
        #expect(reply("Brand, reputation and culture, 2", to: Self.goals) == .answer(goals(1, 2)))
        #expect(reply("Brand, reputation and culture; 1", to: Self.goals) == .answer(goals(0, 2)))
        #expect(reply("1 2; 3", to: Self.goals) == .invalid("'1 2' is not one of the options (1–3, or: efficiency, differentiation, association)", code: "A0102"))
        #expect(reply("2;1", to: Self.goals) == .answer(goals(0, 1)))
        #expect(reply("None", to: Self.goals) == .answer(goals()))
        #expect(reply("none 1", to: Self.goals) == .invalid("none cannot be combined with options; give either none or the options that apply", code: "A0105"))
        #expect(reply("efficiency, foo", to: Self.goals)
            == .invalid("'foo' is not one of the options (1–3, or: efficiency, differentiation, association)", code: "A0102"))
        #expect(reply("1, 4", to: Self.goals) == .invalid("4 is not between 1 and 3", code: "A0104"))
        #expect(reply(",", to: Self.goals) == .invalid("no option given; choose at least one, or none", code: "A0106"))
        #expect(reply("y", to: Self.manager) == .answer(.boolean(true)))
        #expect(reply("No", to: Self.manager) == .answer(.boolean(false)))
        #expect(reply("maybe", to: Self.manager) == .invalid("expected true or false (or \"yes\"/\"no\"), not 'maybe'", code: "P0201"))
        #expect(reply("12.5", to: Self.budget) == .answer(.number(12.5)))
        #expect(reply("120", to: Self.budget) == .invalid("120 is out of range; expected a number from 0 to 100", code: "P0203"))
        #expect(reply("Fast-growing, 3 sites", to: Self.notes) == .answer(.text("Fast-growing, 3 sites")))
        #expect(ReplyParser(ruleBase: Self.ruleBase).instructions(for: Self.rivalry)
            == "Choose 1–5, an option's name, ? for help, < to go back, or - to skip.")
    }

    @Test func aTrailingQuestionMarkGivesAPartialAnswer() throws {
        guard case .set(let type) = Self.ruleBase.values[Self.goals].type else { fatalError("not a set question") }
        let partial = PartialSet(type: type, includes: 0b101, excludes: 0)
        #expect(reply("1, 3, ?", to: Self.goals) == .partial(partial))
        #expect(reply("efficiency; Brand, reputation and culture; ?", to: Self.goals) == .partial(partial))
        #expect(reply("1 3?", to: Self.goals) == .partial(partial))
        // `?` alone is still help; a wrong option is still named.
        #expect(reply("?", to: Self.goals) == .help)
        #expect(reply("1, 4, ?", to: Self.goals) == .invalid("4 is not between 1 and 3", code: "A0104"))
        #expect(ReplyParser(ruleBase: Self.ruleBase).instructions(for: Self.goals)
            == "Choose any of 1–3 or their names, separated by commas or spaces, or none; end with ? if there may be more you do not know of (1, 3, ?); ? for help, < to go back, or - to skip.")
        // Saved in the notation of profile files, and resumed as it was.
        var interview = Interview(ruleBase: Self.ruleBase)
        interview.record(.partial(partial), for: Self.goals)
        let json = interview.json()
        #expect(json.contains(#""goals": {"includes": ["efficiency", "association"]}"#))
        #expect(interview.profile.partial == [Self.goals.index: partial] && interview.profile.answers[Self.goals.index] == nil)
        let resumed = try #require(Interview.resuming(Array(json.utf8), ruleBase: Self.ruleBase).0)
        #expect(resumed.answers == interview.answers && resumed.json() == json)
        #expect(Self.ruleBase.display(partial) == "Efficiency, Brand, reputation and culture, and perhaps others")
    }

    @Test func irrelevantQuestionsAreNotAskedNorSavedNorCounted() {
        var interview = Interview(ruleBase: Self.ruleBase)
        #expect(interview.applicable.count == 5)
        #expect(interview.next(after: nil) == Self.goals)
        interview.record(.given(option(Self.rivalry, 3)), for: Self.rivalry)
        interview.record(.given(.boolean(true)), for: Self.manager)
        #expect(interview.next(after: Self.rivalry) == Self.manager)
        #expect(interview.progress(of: Self.budget) == (4, 5))
        interview.record(.given(option(Self.rivalry, 1)), for: Self.rivalry)
        #expect(interview.next(after: Self.rivalry) == Self.budget)
        #expect(interview.previous(before: Self.budget) == Self.rivalry)
        #expect(interview.progress(of: Self.budget) == (3, 4))
        #expect(interview.profile.answers[Self.manager.index] == nil)
        #expect(!interview.json().contains("cx_manager"))
        // Kept in memory: the answer counts again once the question applies again.
        interview.record(.given(option(Self.rivalry, 4)), for: Self.rivalry)
        #expect(interview.json().contains(#""cx_manager": true"#))
    }

    @Test func savesJSONThatResumesWhereItStopped() throws {
        var interview = Interview(ruleBase: Self.ruleBase, metadata: ["name": "Acme \"AG\"", "segment": "SMEs"])
        interview.record(.given(goals()), for: Self.goals)
        interview.record(.skipped, for: Self.rivalry)
        interview.record(.given(.number(12.5)), for: Self.budget)
        interview.record(.given(.text("a/b")), for: Self.notes)
        let json = interview.json()
        #expect(json == """
            {
              "name": "Acme \\"AG\\"",
              "segment": "SMEs",
              "rules_version": 1,
              "goals": [],
              "rivalry": null,
              "budget": 12.5,
              "notes": "a/b"
            }

            """)
        let (resumed, problems) = Interview.resuming(Array(json.utf8), ruleBase: Self.ruleBase)
        #expect(problems.isEmpty)
        let again = try #require(resumed)
        #expect(again.answers == interview.answers)
        #expect(again.metadata == interview.metadata)
        #expect(again.firstOpen == Self.manager)
        #expect(again.json() == json)
        // The version of the questionnaire is recorded even before the first answer.
        #expect(Interview(ruleBase: Self.ruleBase).json() == "{\n  \"rules_version\": 1\n}\n")
    }

    @Test func resumingAMalformedFileGivesPositions() {
        let (interview, problems) = Interview.resuming(Array("{\"rivalry\": \"agre\"}".utf8), ruleBase: Self.ruleBase)
        #expect(interview == nil)
        #expect(problems.map(\.message) == ["'rivalry': 'agre' is not an option of 'agreement'; did you mean 'agree'?"])
        #expect(problems.first?.range?.start == 12)
        let (_, syntax) = Interview.resuming(Array("{\"rivalry\": ".utf8), ruleBase: Self.ruleBase)
        #expect(syntax.map(\.message) == ["unexpected end of the file; expected a JSON value"])
    }
}
