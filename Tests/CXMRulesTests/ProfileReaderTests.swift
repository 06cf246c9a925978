import Foundation
import Testing
@testable import CXMRules
import TestSupport

/// Reading profiles: every kind of answer, and clear errors by key and position.
@Suite struct ProfileReaderTests {
    static let ruleBase: RuleBase = {
        let text = prelude + """
            scale agreement: disagree "Disagree" < neutral "Neutral" < agree "Agree"
            enum channel: email "E-mail", phone "Phone"
            question a: agreement
              step 1
              ask "a"
              cite s "§1"
            question c: set of channel
              step 1
              ask "c"
              cite s "§1"
            question n: number 0..10
              step 1
              ask "n"
              cite s "§1"
            question b: boolean
              step 1
              ask "b"
              cite s "§1"
            question t: text
              step 1
              ask "t"
              cite s "§1"
            let uses = known(a) and known(c) and known(n) and known(b) and known(t)
            """
        return RuleBase.check(files: [SourceFile(path: "p.cxm", text: text)], format: testProfileFormat).ruleBase!
    }()

    func read(_ json: String) -> (Profile?, [String]) {
        let file = SourceFile(path: "profile.json", text: json)
        let (profile, diagnostics) = ProfileReader(ruleBase: Self.ruleBase).read(file.bytes)
        let lines = diagnostics.map { d -> String in
            let (line, column) = d.range.map { file.location(of: $0.start) } ?? (0, 0)
            return "\(line):\(column): \(d.message)"
        }
        return (profile, lines)
    }

    @Test func answersByIdLabelOrPosition() throws {
        let (profile, problems) = read("""
            {"name": "Acme", "segment": "SMEs", "id": 7, "a": "Agree", "c": ["email", "Phone"], "n": 2.5, "b": "no", "t": "hi"}
            """)
        #expect(problems.isEmpty)
        let answers = try #require(profile).answers
        #expect(answers[0] == .option(type: OptionTypeID(0), position: 2))
        #expect(answers[1] == .set(type: OptionTypeID(1), mask: 0b11))
        #expect(answers[2] == .number(2.5))
        #expect(answers[3] == .boolean(false))
        #expect(answers[4] == .text("hi"))
        #expect(profile?.metadata == ["name": "Acme", "segment": "SMEs", "id": "7"])
        #expect(read(#"{"a": 2}"#).0?.answers[0] == .option(type: OptionTypeID(0), position: 1))
        #expect(read(#"{"a": "3"}"#).0?.answers[0] == .option(type: OptionTypeID(0), position: 2))
    }

    @Test func nullAndEmptyAreExplicitUnknowns() throws {
        let (profile, problems) = read(#"{"a": null, "n": "", "b": null}"#)
        #expect(problems.isEmpty)
        #expect(try #require(profile).answers.allSatisfy { $0 == nil })
    }

    @Test(arguments: [
        (#"{"a": "agre"}"#, "1:7: 'a': 'agre' is not an option of 'agreement'; did you mean 'agree'?"),
        (#"{"a": 4}"#, "1:7: 'a': 4 is out of range; 'agreement' has positions 1 to 3"),
        (#"{"a": true}"#, "1:7: 'a': expected one of the options of 'agreement' in quotes, not true"),
        (#"{"n": 11}"#, "1:7: 'n': 11 is out of range; expected a number from 0 to 10"),
        (#"{"n": "many"}"#, "1:7: 'n': expected a number, not 'many'"),
        (#"{"b": "maybe"}"#, "1:7: 'b': expected true or false (or \"yes\"/\"no\"), not 'maybe'"),
        (#"{"c": ["email", "fax"]}"#, "1:17: 'c': 'fax' is not an option of 'channel'"),
        (#"{"c": 3}"#, "1:7: 'c': expected a list of options (a JSON array, or one string separated by ';'; or, when only some are known, {\"includes\": [...], \"excludes\": [...]}), not 3"),
        (#"{"t": 3}"#, "1:7: 't': expected text in quotes, not 3"),
        (#"{"aa": "agree"}"#, "1:2: unknown question 'aa'; did you mean 'a'?"),
        (#"{"uses": true}"#, "1:2: 'uses' is derived by the rules, not a question"),
        (#"{"name": 3.5, "segment": []}"#, "1:26: 'segment' must be a string, not an array"),
        (#"["a"]"#, "1:1: a profile must be a JSON object of question ids and answers, not an array"),
        ("{\"a\": \"agree\",\n \"a\": \"neutral\"}", "2:2: 'a' is given twice"),
        (#"{"a": "agree",}"#, "1:15: expected a key in double quotes"),
        (#"{"a" "agree"}"#, "1:6: expected ':' after the key"),
        ("{\"a\": \"agr", "1:7: unterminated string"),
        ("", "1:1: unexpected end of the file; expected a JSON value"),
        (#"{"a": 01}"#, "1:7: numbers cannot have leading zeros"),
        (#"{} x"#, "1:4: unexpected text after the JSON value"),
        (#"{"n": 1e-400}"#, "1:7: number out of range: too close to 0"),
        (#"{"n": 1e400}"#, "1:7: number out of range"),
        (#"{"a": "4.0"}"#, "1:7: 'a': 4 is out of range; 'agreement' has positions 1 to 3"),
        (#"{"a": "1.5"}"#, "1:7: 'a': 1.5 is not a whole number; 'agreement' has positions 1 to 3"),
    ])
    func problemsAreReportedByKeyAndPosition(json: String, expected: String) {
        let (profile, problems) = read(json)
        #expect(profile == nil)
        #expect(problems.first == expected)
    }

    /// A scale position written as text (as a CSV cell holds it) reads as the same number in
    /// JSON: `"3.0"` as `3.0`; and 0e5 is 0, not too close to it.
    @Test func positionsAsTextReadAsNumbers() throws {
        let (profile, problems) = read(#"{"a": "3.0", "n": 0e5}"#)
        #expect(problems.isEmpty)
        #expect(try #require(profile).answers[0] == .option(type: OptionTypeID(0), position: 2))
    }

    /// Text from a profile is shown on terminals: control characters are read as U+FFFD, and a
    /// long value is quoted short in a message.
    @Test func textAndMetadataLoseTheirControlCharacters() throws {
        let (profile, problems) = read(#"{"t": "a\u001b[2Jb\u009bc\rd", "name": "N\u0007"}"#)
        #expect(problems.isEmpty)
        #expect(try #require(profile).answers[4] == .text("a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d"))
        #expect(profile?.metadata["name"] == "N\u{FFFD}")
        let long = String(repeating: "x", count: 100_000)
        let (_, quoted) = read("{\"a\": \"\(long)\"}")
        #expect(quoted == ["1:7: 'a': '\(String(repeating: "x", count: 60))… (100000 characters)' is not an option of 'agreement'"])
    }

    /// A profile saved as UTF-16 (with or without its byte order mark) gets a hint.
    @Test func utf16GetsAHint() {
        for bytes: [UInt8] in [[0xFF, 0xFE, 0x7B, 0, 0x7D, 0], [0x7B, 0, 0x7D, 0], [0, 0x7B, 0, 0x7D]] {
            let (profile, diagnostics) = ProfileReader(ruleBase: Self.ruleBase).read(bytes)
            #expect(profile == nil)
            #expect(diagnostics.map(\.message) == ["the file is in UTF-16; save it as UTF-8 (JSON is read as UTF-8)"])
        }
    }

    /// Past the first 100 problems, the rest are counted, not described.
    @Test func problemsPastTheFirstHundredAreCounted() {
        let json = "{" + (0..<250).map { "\"k\($0)\": 1" }.joined(separator: ", ") + "}"
        let (_, problems) = read(json)
        #expect(problems.count == 101)
        #expect(problems.last == "0:0: 150 more problems in this profile are not shown; fix the ones above first")
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let (_, problems) = read(#"{"a": "x", "n": 99, "zz": 1}"#)
        #expect(problems.count == 3)
    }

    @Test func deeplyNestedJSONIsRejectedNotACrash() {
        let json = #"{"t": "#  + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        let (profile, problems) = read(json)
        #expect(profile == nil)
        #expect(problems.first?.contains("nested more than 64 levels") == true)
    }

    @Test func unicodeEscapesAndPositionsAfterMultibyteText() {
        let (profile, problems) = read("{\"t\": \"caf\\u00e9 \\ud83d\\ude00\", \"name\": \"Zürich\", \"a\": \"nope\"}")
        #expect(profile == nil)
        #expect(problems == ["1:56: 'a': 'nope' is not an option of 'agreement'"])
        let (ok, _) = read("{\"t\": \"caf\\u00e9 \\ud83d\\ude00\"}")
        #expect(ok?.answers[4] == .text("café 😀"))
    }
}

/// The fast path of profile reading against the full reader: whatever the fast path reads, the
/// full reader reads the same; what it does not, it leaves to the full reader.
@Suite struct ProfileFastPathTests {
    /// A profile as JSON in one of several spellings: ids, labels, positions, nulls, escapes,
    /// spaces, repeated or unknown keys.
    static func json(_ answers: [Value?], _ ruleBase: RuleBase, _ random: inout SplitMix64) -> String {
        // Half the profiles are spelt plainly (ids, numbers, arrays), half with variants.
        let variants = random.below(2) == 0
        func below(_ n: Int) -> Int { variants ? random.below(n) : n - 1 }
        var members: [String] = []
        if below(2) == 0 { members.append(#""id": "p\#(below(100))""#) }
        for (slot, answer) in answers.enumerated() {
            let name = ruleBase.values[slot].name
            guard let answer else {
                if below(2) == 0 { members.append("\"\(name)\": null") }
                continue
            }
            var text: String
            switch answer {
            case .boolean(let flag): text = below(6) == 0 ? "\"yes\"" : flag ? "true" : "false"
            case .number(let number): text = below(8) == 0 ? "\"\(formatNumber(number))\"" : formatNumber(number)
            case .text(let string): text = "\"\(string)\""
            case .option(let type, let position):
                let options = ruleBase.optionTypes[type]
                switch below(8) {
                case 0: text = "\"\(options.labels[position])\""
                case 1: text = ruleBase.optionTypes[type].ordered ? "\(position + 1)" : "\"\(options.options[position])\""
                case 2: text = "\" \(options.options[position])\""
                default: text = "\"\(options.options[position])\""
                }
            case .set(let type, let mask):
                let ids = ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
                    .map { "\"\(ruleBase.optionTypes[type].options[$0])\"" }
                text = below(8) == 0 ? "\"\(ids.map { $0.dropFirst().dropLast() }.joined(separator: ";"))\"" : "[\(ids.joined(separator: ", "))]"
            case .list: continue
            }
            if below(40) == 0 { text = "\"\\u0041\"" }
            members.append("\"\(name)\": \(text)")
            if below(60) == 0 { members.append("\"\(name)\": \(text)") }
        }
        if below(30) == 0 { members.append(#""unknown_question": 1"#) }
        if below(30) == 0 { members.append(#""name": "A \"quoted\" firm""#) }
        if below(30) == 0 { members.append("\"segment\": \"x\u{9B}2J\u{85}y\"") }
        return "{" + members.joined(separator: below(2) == 0 ? ", " : ",\n ") + "}" + (below(20) == 0 ? " x" : "\n")
    }

    @Test(arguments: 0..<4)
    func agreesWithTheFullReader(seed: Int) throws {
        for ruleBase in [PropertyTests.bundled, PropertyTests.everything] {
            let reader = ProfileReader(ruleBase: ruleBase)
            var random = SplitMix64(seed: UInt64(900 + seed))
            var fast = 0
            var reused = Profile(answers: [])
            for _ in 0..<500 {
                var answers = PropertyTests.completeAnswers(ruleBase, &random)
                for index in answers.indices where random.below(5) == 0 { answers[index] = nil }
                let bytes = Array(Self.json(answers, ruleBase, &random).utf8)
                let (profile, diagnostics) = reader.read(bytes)
                let full: (Profile?, [Diagnostic])
                do { full = reader.read(try JSONReader.parse(bytes)) } catch { full = (nil, [error.diagnostic]) }
                #expect(profile?.answers == full.0?.answers && profile?.metadata == full.0?.metadata,
                        "\(String(decoding: bytes, as: UTF8.self))")
                #expect(diagnostics.count == full.1.count)
                var fastRead = Profile(answers: [])
                if ProfileFastPath.read(bytes, keys: ruleBase.profileKeys, metadataKeys: ruleBase.profileFormat.metadataKeys, into: &fastRead) { fast += 1 }
                // Read into one profile after another, a profile is read as when read anew.
                let problems = reader.read(bytes, into: &reused)
                #expect(problems.map(\.message) == diagnostics.map(\.message))
                if let profile { #expect(reused.answers == profile.answers && reused.metadata == profile.metadata && reused.partial == profile.partial) }
            }
            // Most profiles take the fast path.
            #expect(fast > 50)
        }
    }
}

extension ProfileFastPathTests {
    /// Scenario files, with their `expect` and `description`, read the same both ways.
    @Test func scenariosReadTheSame() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("scenarios")
        let reader = ProfileReader(ruleBase: PropertyTests.bundled)
        let allowing: Set<String> = ["expect", "description"]
        var fast = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let full = reader.read(try JSONReader.parse(bytes), allowing: allowing)
            #expect(reader.read(bytes, allowing: allowing).0?.answers == full.0?.answers, "\(name)")
            var fastRead = Profile(answers: [])
            if ProfileFastPath.read(bytes, keys: PropertyTests.bundled.profileKeys, metadataKeys: PropertyTests.bundled.profileFormat.metadataKeys,
                                    allowing: allowing, into: &fastRead) { fast += 1 }
        }
        #expect(fast > 30)
    }
}
