import Testing
@testable import CXMRules

/// Several respondents' answers: how they combine (``Combining``), how far they spread, and
/// `spread(q)` in the rule language.
@Suite struct CombiningTests {
    static let rules = """
        scale agreement: strongly_disagree < disagree < neutral < agree < strongly_agree
        enum channel: email "E-mail", phone "Phone", portal "Customer portal"
        question view: agreement
          step 1
          ask "View?"
          cite s "§1"
        question lever: channel
          step 1
          ask "Lever?"
          cite s "§1"
        question used: set of channel
          step 1
          ask "Used?"
          cite s "§1"
        question size: number
          step 1
          ask "Size?"
          cite s "§1"
        let view_spread = spread(view)
        let lever_spread = spread(lever)
        let used_spread = spread(used)
        let size_spread = spread(size)
        rule divided
          when spread(view) >= 2
          warn "Divided."
          cite s "§1"

        """

    /// Reads each respondent's JSON answers.
    static func answers(_ base: RuleBase, _ respondents: [String]) throws -> [[Value?]] {
        try respondents.map { json in
            let (profile, problems) = ProfileReader(ruleBase: base).read(Array(json.utf8))
            return try #require(profile, "\(problems.map(\.message))").answers
        }
    }

    @Test func disagreementIsReadBySpread() throws {
        let base = try compile(Self.rules)
        let sets = try Self.answers(base, [
            #"{"view": "strongly_disagree", "lever": "email", "used": ["email", "phone"], "size": 10}"#,
            #"{"view": "agree", "lever": "phone", "used": ["email"], "size": 40}"#,
            #"{"view": "strongly_agree", "lever": "email", "used": ["email", "phone"]}"#,
        ])
        let combined = base.combine(sets)
        #expect(base.identifier(combined[0]) == "agree")            // the median
        #expect(base.identifier(combined[1]) == "email")            // the majority
        #expect(base.identifier(combined[2]) == "{email, phone}")   // what more than half chose
        #expect(base.identifier(combined[3]) == "25")               // the median of the two who answered
        let spreads = base.spreads(sets)
        #expect(spreads[0] == 4)
        #expect(abs(spreads[1] - 1.0 / 3) < 1e-9)
        #expect(abs(spreads[2] - 1.0 / 3) < 1e-9)
        #expect(spreads[3] == 30)
        let result = base.evaluate(combined, spreads: spreads)
        #expect(result.id("view_spread", in: base) == "4")
        #expect(result.id("size_spread", in: base) == "30")
        #expect(result.missing("view_spread", in: base) == [])
        #expect(result.warnings.map(\.rule) == ["divided"])
    }

    /// Respondents who agree, one respondent, or a single profile: every spread is 0, known, and
    /// the rule on disagreement does not fire.
    @Test func agreementOneRespondentAndOneProfile() throws {
        let base = try compile(Self.rules)
        let agreeing = try Self.answers(base, [#"{"view": "agree", "lever": "phone"}"#, #"{"view": "agree", "lever": "phone"}"#])
        let one = try Self.answers(base, [#"{"view": "disagree", "used": ["portal"]}"#])
        for sets in [agreeing, one] {
            #expect(base.spreads(sets).allSatisfy { $0 == 0 })
            let result = base.evaluate(base.combine(sets), spreads: base.spreads(sets))
            #expect(result.warnings.isEmpty)
            #expect(result.id("view_spread", in: base) == "0")
        }
        #expect(base.combine(one) == one[0])
        let single = try evaluate(base, #"{}"#)
        #expect(single.id("lever_spread", in: base) == "0")
        #expect(single.warnings.isEmpty)
    }

    /// A tie leaves a single choice open; spread is known even so.
    @Test func aTieLeavesTheAnswerOpen() throws {
        let base = try compile(Self.rules)
        let sets = try Self.answers(base, [#"{"lever": "email"}"#, #"{"lever": "phone"}"#])
        #expect(base.combine(sets)[1] == nil)
        #expect(base.spreads(sets)[1] == 0.5)
    }

    /// Partial answers to a multi-select question (known members and known non-members) count
    /// option by option: an option is chosen when more than half surely chose it, not chosen
    /// when it cannot reach that whatever the open options are, and open otherwise.
    @Test func partialAnswersCombineOptionByOption() throws {
        let base = try compile(Self.rules)
        let profiles = try [
            #"{"used": ["email", "phone"]}"#,
            #"{"used": {"includes": ["email"], "excludes": ["portal"]}}"#,
            #"{"used": {"excludes": ["email", "portal"]}}"#,
        ].map { json in
            let (profile, problems) = ProfileReader(ruleBase: base).read(Array(json.utf8))
            return try #require(profile, "\(problems.map(\.message))")
        }
        #expect(profiles[1].partial.count == 1 && profiles[1].answers[2] == nil)
        // email: 2 of 3 surely chose it; portal: none did and none left it open; phone: 1 chose
        // it and 1 left it open, so 2 of 3 could have: open.
        let combined = base.combine(profiles)
        #expect(combined.answers[2] == nil)
        #expect(combined.partial[2] == PartialSet(type: OptionTypeID(1), includes: 0b001, excludes: 0b100))
        #expect(base.display(try #require(combined.partial[2])) == "E-mail, and perhaps others (not Customer portal)")
        // Those who left an option open are left out of its spread: phone, known only to the
        // first, spreads 0; email, chosen by 2 of 3, spreads 1/3.
        #expect(abs(combined.spreads[2] - 1.0 / 3) < 1e-9)
        // The second and third respondents settle phone (not chosen): the answer is whole.
        var settled = profiles
        settled[1].partial[2] = PartialSet(type: OptionTypeID(1), includes: 0b001, excludes: 0b110)
        settled[2].partial[2] = PartialSet(type: OptionTypeID(1), includes: 0, excludes: 0b111)
        #expect(base.combine(settled).answers[2] == .set(type: OptionTypeID(1), mask: 0b001))
        #expect(base.combine(settled).partial.isEmpty)
        // Without partial answers, the same as combining the answers.
        let whole = try Self.answers(base, [#"{"used": ["email"]}"#, #"{"used": ["phone", "email"]}"#])
        let wholeProfiles = whole.map { Profile(answers: $0) }
        #expect(base.combine(wholeProfiles).answers == base.combine(whole))
        #expect(base.combine(wholeProfiles).spreads == base.spreads(whole))
    }

    @Test func spreadTakesAQuestion() {
        let text = Self.rules + "let bad = spread(view_spread)\nlet two = spread(view, used)\n"
        let rendered = diagnostics(text)
        #expect(rendered.contains("error[T0213]: 'spread' reads how far respondents' answers to a question spread; give it a question's name"))
        #expect(rendered.contains("error[T0207]: 'spread' takes 1 argument, not 2"))
    }
}
