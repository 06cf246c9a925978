import Foundation
import Testing
@testable import CXMRules
import TestSupport

/// Partial multi-select answers: options known to apply, options known not to, the rest
/// unknown. Membership is three-valued, counts and the scores built from them carry bounds,
/// and a comparison is decided when both bounds agree.
@Suite struct PartialAnswerTests {
    static let rules = fixtureRuleBase("""
            enum channel: sales, service, portal, events, billing
            question channels: set of channel
              step 1
              ask "channels"
              cite s "1"
            question other: boolean
              step 1
              ask "other"
              cite s "1"
            let has_portal = portal in channels
            let breadth = 1 + 4 * count(channels) / 5
            let broad = breadth >= 3
            let portal_or_other = portal in channels or other
            table kind: channel first
              cite s "1"
              | breadth | kind    |
              | >= 3    | portal  |
              | -       | sales   |
            rule wide
              when breadth >= 3
              recommend step 1: "wide at {breadth}"
              cite s "1"
            """, path: "partial.cxm")

    @Test func membershipIsKnownForKnownMembersAndNonMembers() throws {
        let rules = Self.rules
        let member = try evaluate(rules, #"{"channels": {"includes": ["portal"]}}"#)
        #expect(member.id("has_portal", in: rules) == "true")
        #expect(member.missing("has_portal", in: rules).isEmpty)
        let nonMember = try evaluate(rules, #"{"channels": {"includes": ["sales"], "excludes": ["portal"]}}"#)
        #expect(nonMember.id("has_portal", in: rules) == "false")
        let open = try evaluate(rules, #"{"channels": {"includes": ["sales"]}}"#)
        #expect(open.id("has_portal", in: rules) == "unknown")
        #expect(open.missing("has_portal", in: rules) == ["channels"])
        // Kleene: a known member decides an `or` whatever the other operand.
        #expect(member.id("portal_or_other", in: rules) == "true")
        #expect(open.missing("portal_or_other", in: rules) == ["channels", "other"])
    }

    @Test func countsCarryBoundsAndDecideComparisonsWhenBothAgree() throws {
        let rules = Self.rules
        // Three known members: breadth is at least 1 + 4 * 3 / 5 = 3.4, so broad is decided.
        let atLeast = try evaluate(rules, #"{"channels": {"includes": ["sales", "service", "portal"]}}"#)
        let breadth = atLeast.values[try #require(rules.slot(named: "breadth")).index]
        #expect(breadth.value == nil && breadth.bounds == 3.4...5 && breadth.missing.members == [SlotID(0)])
        #expect(atLeast.id("broad", in: rules) == "true")
        #expect(atLeast.missing("broad", in: rules).isEmpty)
        #expect(atLeast.id("kind", in: rules) == "portal")
        #expect(atLeast.recommendations.map(\.rule) == ["wide"])
        // One member, two known non-members: at most 1 + 4 * 3 / 5 = 3.4, at least 1.8: open.
        let open = try evaluate(rules, #"{"channels": {"includes": ["sales"], "excludes": ["events", "billing"]}}"#)
        #expect(open.values[try #require(rules.slot(named: "breadth")).index].bounds == 1.8...3.4)
        #expect(open.id("broad", in: rules) == "unknown" && open.missing("broad", in: rules) == ["channels"])
        #expect(open.ruleVerdicts[0].fired == nil && open.recommendations.isEmpty)
        // Four known non-members: at most 1.8, so narrow is decided.
        let atMost = try evaluate(rules, #"{"channels": {"excludes": ["service", "portal", "events", "billing"]}}"#)
        #expect(atMost.id("broad", in: rules) == "false")
        #expect(atMost.ruleVerdicts[0].fired == false)
    }

    @Test func theReferenceEvaluatorAgrees() throws {
        let rules = Self.rules
        for json in [#"{"channels": {"includes": ["sales", "service", "portal"]}, "other": false}"#,
                     #"{"channels": {"includes": ["sales"], "excludes": ["portal"]}}"#] {
            let (flat, tree) = (try evaluate(rules, json), try evaluate(rules, json, trace: true))
            #expect(flat.values == tree.values && flat.recommendations == tree.recommendations, "\(json)")
        }
    }

    /// Every way of completing random partial answers gives the value a partial evaluation
    /// decided, and a number within its bounds; flat and reference evaluations agree.
    @Test(arguments: 0..<4)
    func completionsAgreeWithPartialEvaluations(seed: Int) {
        for (name, ruleBase) in DifferentialTests.bases {
            var random = SplitMix64(seed: UInt64(seed * 13 + 5) &* 0x2545_F491_4F6C_DD1D)
            for trial in 0..<60 {
                var answers = PropertyTests.completeAnswers(ruleBase, &random)
                for question in answers.indices where random.below(5) == 0 { answers[question] = nil }
                var partial: [Int: PartialSet] = [:]
                for question in answers.indices where random.below(2) == 0 {
                    guard case .set(let type, let mask)? = answers[question] else { continue }
                    let all = PossibleValue.all(ruleBase.optionTypes[type].options.count)
                    let known = UInt64(truncatingIfNeeded: random.next()) & all
                    partial[question] = PartialSet(type: type, includes: mask & known, excludes: ~mask & known & all)
                    answers[question] = nil
                }
                let what = "\(name), seed \(seed), profile \(trial)"
                let result = ruleBase.evaluate(answers, partial: partial)
                let reference = ruleBase.evaluate(answers, partial: partial, trace: true)
                #expect(result.values == reference.values, "\(what)")
                #expect(result.ruleVerdicts.map(\.fired) == reference.ruleVerdicts.map(\.fired), "\(what)")
                for _ in 0..<3 {
                    var completed = answers
                    for (question, set) in partial {
                        let all = PossibleValue.all(ruleBase.optionTypes[set.type].options.count)
                        let unknown = all & ~set.includes & ~set.excludes
                        completed[question] = .set(type: set.type, mask: set.includes | (UInt64(truncatingIfNeeded: random.next()) & unknown))
                    }
                    let full = ruleBase.evaluate(completed)
                    for slot in ruleBase.values.indices {
                        let (outcome, actual) = (result.values[slot], full.values[slot].value)
                        if let value = outcome.value, !Value.same(value, actual) {
                            Issue.record("\(what): \(ruleBase.values[slot].name) is \(value), a completion gives \(String(describing: actual))")
                            return
                        }
                        if let bounds = outcome.bounds, case .number(let number)? = actual,
                           number < bounds.lowerBound - 1e-9 || number > bounds.upperBound + 1e-9 {
                            Issue.record("\(what): \(ruleBase.values[slot].name) within \(bounds), a completion gives \(number)")
                            return
                        }
                    }
                    for rule in ruleBase.rules.indices {
                        if let fired = result.ruleVerdicts[rule].fired, fired != full.ruleVerdicts[rule].fired {
                            Issue.record("\(what): rule \(ruleBase.rules[rule].name) is \(fired), a completion gives \(String(describing: full.ruleVerdicts[rule].fired))")
                            return
                        }
                    }
                }
            }
        }
    }
}

extension ProfileReaderTests {
    @Test func partialAnswersReadAsKnownMembersAndNonMembers() throws {
        let (profile, problems) = read(#"{"c": {"includes": ["Phone"]}}"#)
        #expect(problems.isEmpty)
        let slot = try #require(Self.ruleBase.slot(named: "c")).index
        #expect(profile?.answers[slot] == nil && profile?.partial[slot] == PartialSet(type: OptionTypeID(1), includes: 0b10, excludes: 0))
        let excluded = read(#"{"c": {"excludes": ["email"]}}"#).0
        #expect(excluded?.partial[slot] == PartialSet(type: OptionTypeID(1), includes: 0, excludes: 0b01))
        // Every option known: the whole answer. Nothing known: unknown.
        let whole = read(#"{"c": {"includes": ["phone"], "excludes": ["email"]}}"#).0
        #expect(whole?.answers[slot] == .set(type: OptionTypeID(1), mask: 0b10) && whole?.partial.isEmpty == true)
        let nothing = read(#"{"c": {"includes": []}}"#).0
        #expect(nothing?.answers[slot] == nil && nothing?.partial.isEmpty == true)
    }

    @Test(arguments: [
        (#"{"c": {"include": ["phone"]}}"#, "1:8: 'c': unknown key 'include' in a partial answer"),
        (#"{"c": {"includes": ["phone", "fax"]}}"#, "1:30: 'c': 'fax' is not an option of 'channel'"),
        (#"{"c": {"includes": "phone"}}"#, "1:20: 'c': 'includes' must be a list of options (a JSON array), not 'phone'"),
        (#"{"c": {"includes": ["phone"], "excludes": ["Phone"]}}"#, "1:7: 'c': phone cannot both apply and not apply; keep it in one list"),
        (#"{"c": {"includes": [], "includes": []}}"#, "1:24: 'c': 'includes' is given twice in a partial answer"),
        (#"{"a": {"includes": ["agree"]}}"#, "1:7: 'a': expected one of the options of 'agreement' in quotes, not an object"),
    ])
    func partialAnswerProblemsArePositioned(json: String, expected: String) {
        let (profile, problems) = read(json)
        #expect(profile == nil)
        #expect(problems.first == expected)
    }

    /// Each problem of a partial answer has its code in the profile catalogue.
    @Test(arguments: [
        (#"{"c": 3}"#, "P0206"),
        (#"{"c": {"include": ["phone"]}}"#, "P0212"),
        (#"{"c": {"includes": [], "includes": []}}"#, "P0213"),
        (#"{"c": {"includes": "phone"}}"#, "P0214"),
        (#"{"c": {"includes": ["phone"], "excludes": ["Phone"]}}"#, "P0215"),
        (#"{"c": {"includes": ["phone", "fax"]}}"#, "P0207"),
    ])
    func partialAnswerProblemsHaveCodes(json: String, code: String) {
        let diagnostics = ProfileReader(ruleBase: Self.ruleBase).read(SourceFile(path: "profile.json", text: json).bytes).1
        #expect(diagnostics.map { $0.code.rawValue } == [code])
    }

    /// The fast path reads partial answers as the full reader does, and leaves what it cannot
    /// read (labels, a wrong key, overlapping lists) to the full reader.
    @Test(arguments: [
        (#"{"c": {"includes": ["phone"]}, "a": "agree"}"#, true),
        (#"{"c": {"excludes": ["email"], "includes": []}}"#, true),
        (#"{"c": {"includes": ["phone"], "excludes": ["email"]}}"#, true),
        (#"{"c": {}}"#, true),
        (#"{"c": {"includes": ["Phone"]}}"#, false),
        (#"{"c": {"include": ["phone"]}}"#, false),
        (#"{"c": {"includes": ["phone"], "excludes": ["phone"]}}"#, false),
        (#"{"c": {"includes": [], "includes": []}}"#, false),
    ])
    func partialAnswersReadTheSameBothWays(json: String, fast: Bool) throws {
        let bytes = Array(json.utf8)
        let reader = ProfileReader(ruleBase: Self.ruleBase)
        var fastRead = Profile(answers: [])
        #expect(ProfileFastPath.read(bytes, keys: Self.ruleBase.profileKeys, metadataKeys: Self.ruleBase.profileFormat.metadataKeys, into: &fastRead) == fast)
        let (read, full) = (reader.read(bytes), reader.read(try JSONReader.parse(bytes)))
        #expect(read.0?.answers == full.0?.answers && read.0?.partial == full.0?.partial && read.1.count == full.1.count)
    }
}
