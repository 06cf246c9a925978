/// One set of answers (a respondent's, an organisation's), checked against a rule base.
public struct Profile: Sendable {
    /// One entry per question of the rule base, in question order; `nil` is a missing answer.
    public var answers: [Value?]
    /// Metadata, by key: the values of the rule base's ``ProfileFormat/metadataKeys`` (and
    /// ``ProfileReader/versionKey``), when given.
    public var metadata: [String: String]
    /// For the combined answers of several respondents, how far their answers spread, by
    /// question (``RuleBase/spread(of:slot:)``'s measure), what `spread(q)` reads in the rules;
    /// empty for one respondent, whose every spread is 0.
    public var spreads: [Double]
    /// The answers read through `formerly`: saved under ids of an earlier version of the rules.
    public var renamed: [RenamedAnswer] = []
    /// Multi-select answers known only in part, by question (their entry in `answers` is `nil`);
    /// evaluate with ``RuleBase/evaluate(_:spreads:partial:trace:)``.
    public var partial: [Int: PartialSet] = [:]

    public init(answers: [Value?], metadata: [String: String] = [:], spreads: [Double] = []) {
        self.answers = answers
        self.metadata = metadata
        self.spreads = spreads
    }

    /// A profile of `count` questions, none answered yet. Its answers are written as `nil`
    /// straight into new memory: `Array(repeating: nil, count:)` copies its `Value?` into each
    /// element through a call that checks for a reference to retain, which costs more than
    /// reading a CSV row's option ids.
    init(unanswered count: Int) {
        self.init(answers: [Value?](unsafeUninitializedCapacity: count) { answers, initialized in
            answers.initialize(repeating: nil)
            initialized = count
        })
    }

    /// Makes the profile ready to read another into, keeping its storage: no metadata, spreads,
    /// renamed or partial answers, and no answer to the questions in `cleared` (a reader clears
    /// those it does not write); a profile of another number of questions is made anew.
    /// `keepingMetadata`: the metadata is left for the reader to set with ``setOnlyMetadata(_:_:)``.
    mutating func reuse(questions count: Int, clearing cleared: some Sequence<Int>, keepingMetadata: Bool = false) {
        guard answers.count == count else {
            self = Profile(unanswered: count)
            return
        }
        answers.withUnsafeMutableBufferPointer { answers in
            for slot in cleared { Self.clear(answers.baseAddress! + slot) }
        }
        if !keepingMetadata, !metadata.isEmpty { metadata.removeAll(keepingCapacity: true) }
        if !spreads.isEmpty { spreads.removeAll(keepingCapacity: true) }
        if !renamed.isEmpty { renamed.removeAll(keepingCapacity: true) }
        if !partial.isEmpty { partial.removeAll(keepingCapacity: true) }
    }

    /// Stores `nil` at `answer`, without the call that would destroy an answer that holds no
    /// reference (any but text and lists: nearly all), which costs more than reading one.
    @inline(__always)
    static func clear(_ answer: UnsafeMutablePointer<Value?>) {
        store(nil, at: answer)
    }

    /// Stores `value` at `answer` as ``clear(_:)`` stores `nil`.
    @inline(__always)
    static func store(_ value: Value?, at answer: UnsafeMutablePointer<Value?>) {
        switch answer.pointee {
        case .text?, .list?: answer.pointee = value
        default: answer.initialize(to: value)
        }
    }

    /// Makes `value` the only metadata, under `key` (`nil`: no metadata), as a reader of rows
    /// with one metadata column (a survey's `id`) does for every row: where the profile holds
    /// only `key` already, the value is replaced in place, without hashing the key again.
    mutating func setOnlyMetadata(_ key: String, _ value: String?) {
        guard let value else {
            if !metadata.isEmpty { metadata.removeAll(keepingCapacity: true) }
            return
        }
        if metadata.count == 1, metadata.keys.first == key {
            metadata.values[metadata.startIndex] = value
        } else {
            metadata.removeAll(keepingCapacity: true)
            metadata[key] = value
        }
    }

    /// Keeps a partial answer to the question in `slot`: one that knows every option is the
    /// whole answer, one that knows none is no answer.
    mutating func store(_ partial: PartialSet, slot: Int, optionCount: Int) {
        Self.store(partial, slot: slot, optionCount: optionCount, answer: &answers[slot], partials: &self.partial)
    }

    /// Keeps a partial answer to the question in `slot` as ``store(_:slot:optionCount:)`` does,
    /// in a profile's `partials` or in its `answer` to the question.
    static func store(_ partial: PartialSet, slot: Int, optionCount: Int, answer: inout Value?, partials: inout [Int: PartialSet]) {
        if partial.includes | partial.excludes == PossibleValue.all(optionCount) {
            answer = .set(type: partial.type, mask: partial.includes)
        } else if partial.includes | partial.excludes != 0 {
            partials[slot] = partial
        }
    }
}

/// Reads profiles: JSON objects with question ids as keys and answers as values.
///
/// Answers are option ids or labels (labels match case-insensitively) for scales and enums, or a
/// scale position from 1; `true`/`false` (or "yes"/"no") for booleans; numbers; arrays of options
/// (or one string of options separated by ';') for sets; strings for text. `null` or an empty
/// string is an explicit unknown; a missing key is unknown too. The rule base's
/// ``RuleBase/profileFormat`` names the keys that hold metadata (text or numbers), besides the
/// engine's own `rules_version` (``versionKey``: the version of the rules the answers were given
/// under); other keys the caller reads itself are passed as `allowing`. Question ids and option
/// ids of earlier versions of the rules are read as the rules' `formerly` clauses say, and
/// ``Profile/renamed`` lists where that happened.
public struct ProfileReader: Sendable {
    public let ruleBase: RuleBase

    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// Reads a profile from JSON text. Every problem is reported (by key, with its position);
    /// the profile is returned only if there were no errors.
    ///
    /// - Parameter allowing: top-level keys besides answers and metadata that the caller
    ///   handles (for example a test case's expectations).
    public func read(_ bytes: [UInt8], file: Int = 0, allowing: Set<String> = []) -> (Profile?, [Diagnostic]) {
        var profile = Profile(answers: [])
        let diagnostics = read(bytes, file: file, allowing: allowing, into: &profile)
        return (diagnostics.hasErrors ? nil : profile, diagnostics)
    }

    /// Reads a profile from JSON text, as ``read(_:file:allowing:)`` does, into `profile`,
    /// reusing its storage where it can (to read many profiles one after another), and returns
    /// the problems found: `profile` is the text's if there is no error among them.
    public func read(_ bytes: [UInt8], file: Int = 0, allowing: Set<String> = [], into profile: inout Profile) -> [Diagnostic] {
        // Most profiles take the fast path; the full reader reads the rest and reports problems.
        if ProfileFastPath.read(bytes, keys: ruleBase.profileKeys, metadataKeys: ruleBase.profileFormat.metadataKeys, allowing: allowing,
                                into: &profile) { return [] }
        let document: LocatedValue<JSON>
        do {
            document = try JSONReader.parse(bytes, file: file)
        } catch {
            return [error.diagnostic]
        }
        let (read, diagnostics) = read(document, allowing: allowing)
        if let read { profile = read }
        return diagnostics
    }

    /// Reads a profile from a parsed JSON object.
    public func read(_ document: LocatedValue<JSON>, allowing: Set<String> = []) -> (Profile?, [Diagnostic]) {
        guard case .object(let members) = document.value else {
            return (nil, [Diagnostic(ProfileDiagnostic.notAnObject(kind: document.value.kindDescription), at: document.range)])
        }
        var profile = Profile(unanswered: ruleBase.questionCount)
        var diagnostics: [Diagnostic] = []
        // Past the first problems shown, the others are only counted, not described: a profile
        // of a million unknown keys costs no more than reading them.
        var more = 0
        func report(_ diagnostic: @autoclosure () -> Diagnostic) {
            if diagnostics.count < RuleBase.diagnosticsPerFile { diagnostics.append(diagnostic()) } else { more += 1 }
        }
        var seen: [String: SourceRange] = [:]
        var answered: [Int: LocatedValue<String>] = [:]
        // Scale positions count as in the version of the questionnaire the answers were given
        // under: the profile's `rules_version`, or version 1, before versions were recorded.
        let version = members.lazy.filter { $0.key.value == ProfileReader.versionKey }
            .compactMap { member -> Int? in if case .success(let text?) = self.rulesVersion(member.value.value) { return Int(text) } else { return nil } }
            .first ?? 1
        for (key, value) in members {
            if let first = seen[key.value] {
                report(Diagnostic(ProfileDiagnostic.givenTwice(key: key.value), at: key.range, notes: [.init(message: "first given here", range: first)]))
                continue
            }
            seen[key.value] = key.range
            if allowing.contains(key.value) { continue }
            if key.value == ProfileReader.versionKey {
                switch rulesVersion(value.value) {
                case .success(let version): profile.metadata[key.value] = version
                case .failure(let problem): report(Diagnostic(ProfileDiagnostic.answer(key: key.value, problem), at: value.range))
                }
                continue
            }
            if ruleBase.profileFormat.metadataKeys.contains(key.value) {
                switch value.value {
                case .string(let text): profile.metadata[key.value] = text.printable()
                case .number(let number): profile.metadata[key.value] = formatNumber(number)
                case .null: break
                default:
                    report(Diagnostic(ProfileDiagnostic.metadataNotText(key: key.value, kind: value.value.kindDescription), at: value.range))
                }
                continue
            }
            guard let reference = ruleBase.question(named: key.value) else {
                report(unknown(key, value: value.value))
                continue
            }
            let slot = reference.slot.index
            if let first = answered[slot] {
                let which = reference.former != nil ? "'\(key.value)' is the former id of '\(first.value)'" : "'\(first.value)' is the former id of '\(key.value)'"
                report(Diagnostic(ProfileDiagnostic.answeredTwice(ruleBase.values[slot].name, which), at: key.range,
                              notes: [.init(message: "first answered here", range: first.range)]))
                continue
            }
            answered[slot] = key
            if case .object(let parts) = value.value, case .set(let type) = ruleBase.values[slot].type {
                switch partialAnswer(parts, type: type, version: version) {
                case .success(let set): profile.store(set, slot: slot, optionCount: ruleBase.optionTypes[type].options.count)
                case .failure(let problem):
                    report(Diagnostic(ProfileDiagnostic.answer(key: key.value, problem), at: problem.range ?? value.range,
                                      notes: problem.hint.map { [.init(message: $0, range: nil)] } ?? []))
                }
                continue
            }
            var result = self.value(value.value, forSlot: SlotID(slot), version: version)
            var mapped = false
            if let former = reference.former, case .success(let answer?) = ruleBase.formerAnswer(value.value, former: former, slot: slot) {
                result = .success(answer)
                mapped = true
            }
            switch result {
            case .success(let answer):
                profile.answers[slot] = answer
                if let renamed = renaming(value.value, answer: answer, key: key.value, reference: reference, mappedFormerAnswer: mapped,
                                          version: version) {
                    profile.renamed.append(renamed)
                }
            case .failure where !setProblems(value.value, forSlot: slot, version: version).isEmpty:
                // Every option of a multi-select answer that is not one, each where it is.
                for problem in setProblems(value.value, forSlot: slot, version: version) {
                    diagnostics.append(Diagnostic(ProfileDiagnostic.answer(key: key.value, problem), at: problem.range ?? value.range,
                                              notes: problem.hint.map { [.init(message: $0, range: nil)] } ?? []))
                }
            case .failure(let problem):
                report(Diagnostic(ProfileDiagnostic.answer(key: key.value, problem), at: problem.range ?? value.range,
                              notes: problem.hint.map { [.init(message: $0, range: nil)] } ?? []))
            }
        }
        if more > 0 {
            diagnostics.append(Diagnostic(ProfileDiagnostic.moreProblems(more), at: nil))
        }
        return (diagnostics.hasErrors ? nil : profile, diagnostics)
    }

    /// Why a key is not a question: unknown, or derived by the rules. An object under it whose
    /// keys are questions (answers nested as `{"answers": {…}}`) gets a note saying where they go.
    private func unknown(_ key: LocatedValue<String>, value: JSON) -> Diagnostic {
        let suggestion = Suggestions.didYouMean(key.value, in: ruleBase.questions.map(\.name) + ruleBase.profileFormat.metadataKeys.sorted())
        let kind: ProfileDiagnostic = ruleBase.slotsByName[key.value] != nil
            ? .derivedNotQuestion(key: key.value, suggestion: suggestion) : .unknownQuestion(key: key.value, suggestion: suggestion)
        guard case .object(let members) = value,
              let nested = members.first(where: { ruleBase.question(named: $0.key.value) != nil }) else {
            return Diagnostic(kind, at: key.range)
        }
        let note = "a profile gives its answers at the top level: move the keys of '\(key.value.quotable())' "
            + "(such as '\(nested.key.value.quotable())') out of it"
        return Diagnostic(kind, at: key.range, notes: [.init(message: note, range: nil)])
    }

    /// Why an answer does not fit its question.
    public struct Problem: Error, Sendable {
        /// Its code in ``ProfileDiagnostic``'s catalogue.
        public let code: DiagnosticCode
        public let message: String
        /// What the answer could be instead, such as the list of options.
        public let hint: String?
        /// The part of the answer at fault (an element of a list), if not all of it.
        public let range: SourceRange?

        init(_ kind: ProfileDiagnostic, hint: String? = nil, range: SourceRange? = nil) {
            let entry = kind.entry
            self.init(code: entry.code, message: entry.message, hint: hint, range: range)
        }

        private init(code: DiagnosticCode, message: String, hint: String?, range: SourceRange?) {
            self.code = code
            self.message = message
            self.hint = hint
            self.range = range
        }

        /// The same problem, about the part of the answer at `range`.
        func at(_ range: SourceRange?, hint: String?) -> Problem {
            Problem(code: code, message: message, hint: hint, range: range)
        }
    }

    /// Converts JSON to a value of the type of the value in `slot` (a question's answer, or an
    /// expected conclusion); `nil` for an explicit unknown. Scale positions count as in version
    /// `version` of the rules' questionnaire (by default the rules' own).
    public func value(_ json: JSON, forSlot slot: SlotID, version: Int? = nil) -> Result<Value?, Problem> {
        let question = ruleBase.values[slot.index]
        if case .null = json { return .success(nil) }
        if case .string(let text) = json, text.trimmingSpaces.isEmpty { return .success(nil) }
        switch question.type {
        case .boolean:
            switch json {
            case .boolean(let flag): return .success(.boolean(flag))
            case .string(let text):
                switch text.trimmingSpaces.lowercased() {
                case "true", "yes", "y": return .success(.boolean(true))
                case "false", "no", "n": return .success(.boolean(false))
                default: break
                }
            default: break
            }
            return .failure(Problem(.notBoolean(describe(json))))
        case .number:
            var number: Double?
            switch json {
            case .number(let value): number = value
            case .string(let text): number = Double(text.trimmingSpaces)
            default: break
            }
            guard let number, number.isFinite else {
                return .failure(Problem(.notNumber(describe(json))))
            }
            if let range = question.range, !range.contains(number) {
                return .failure(Problem(.numberOutOfRange(number, range)))
            }
            return .success(.number(number))
        case .text:
            guard case .string(let text) = json else { return .failure(Problem(.notText(describe(json)))) }
            // Answers are shown on terminals and in reports: without control characters.
            return .success(.text(text.printable()))
        case .option(let type):
            return option(json, type: type, version: version).map { $0 }
        case .list(let type):
            guard case .array(let items) = json else {
                return .failure(Problem(.notList(describe(json))))
            }
            var positions: [Int] = []
            for item in items {
                switch option(item.value, type: type, version: version) {
                case .success(.option(_, let position)): positions.append(position)
                case .success: break
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(.list(type: type, positions: positions))
        case .set(let type):
            var items: [(json: JSON, range: SourceRange?)] = []
            switch json {
            case .array(let array): items = array.map { ($0.value, $0.range) }
            case .string(let text): items = text.split(separator: ";").map { (.string(String($0)), nil) }
            default:
                return .failure(Problem(.notSet(describe(json))))
            }
            return mask(of: items, type: type, version: version).map { .set(type: type, mask: $0) }
        }
    }

    /// The keys of a partial multi-select answer: `{"includes": [...], "excludes": [...]}`, the
    /// options known to apply and those known not to; the rest are unknown.
    public static let partialKeys = (includes: "includes", excludes: "excludes")

    /// Reads a partial multi-select answer (see ``partialKeys``); either key may be left out.
    private func partialAnswer(_ parts: [(key: JSON.Located<String>, value: JSON.Located<JSON>)], type: OptionTypeID,
                               version: Int) -> Result<PartialSet, Problem> {
        let keys = ProfileReader.partialKeys
        let expected = "a partial answer is {\"\(keys.includes)\": [options that apply], \"\(keys.excludes)\": [options that do not]}; the options in neither are unknown"
        var masks: [String: UInt64] = [:]
        for (key, value) in parts {
            guard key.value == keys.includes || key.value == keys.excludes else {
                return .failure(Problem(.partialUnknownKey(key.value), hint: expected, range: key.range))
            }
            guard masks[key.value] == nil else {
                return .failure(Problem(.partialGivenTwice(key.value), range: key.range))
            }
            guard case .array(let items) = value.value else {
                return .failure(Problem(.partialNotList(key.value, describe(value.value)), hint: expected, range: value.range))
            }
            switch mask(of: items.map { ($0.value, $0.range) }, type: type, version: version) {
            case .success(let mask): masks[key.value] = mask
            case .failure(let problem): return .failure(problem)
            }
        }
        let (includes, excludes) = (masks[keys.includes] ?? 0, masks[keys.excludes] ?? 0)
        if includes & excludes != 0 {
            let options = ruleBase.optionTypes[type].options
            let both = options.indices.filter { includes & excludes & (1 << UInt64($0)) != 0 }.map { options[$0] }
            return .failure(Problem(.partialBothLists(both)))
        }
        return .success(PartialSet(type: type, includes: includes, excludes: excludes))
    }

    /// The options listed, as a mask of positions; the first item that is not an option is the
    /// problem, at its range.
    private func mask(of items: [(json: JSON, range: SourceRange?)], type: OptionTypeID, version: Int?) -> Result<UInt64, Problem> {
        var mask: UInt64 = 0
        for item in items {
            switch option(item.json, type: type, version: version) {
            case .success(.option(_, let position)): mask |= 1 << UInt64(position)
            case .success: break
            case .failure(let problem): return .failure(problem.at(item.range, hint: problem.hint))
            }
        }
        return .success(mask)
    }

    /// The problems of each item of a multi-select answer (a JSON array) that is not an option,
    /// at the item's range; empty for other answers.
    private func setProblems(_ json: JSON, forSlot slot: Int, version: Int) -> [Problem] {
        guard case .set(let type) = ruleBase.values[slot].type, case .array(let items) = json else { return [] }
        var problems: [Problem] = []
        for item in items {
            guard case .failure(let problem) = option(item.value, type: type, version: version) else { continue }
            // The options are listed once, after the first.
            problems.append(problem.at(item.range, hint: problems.isEmpty ? problem.hint : nil))
        }
        return problems
    }

    private func option(_ json: JSON, type index: OptionTypeID, version: Int?) -> Result<Value?, Problem> {
        let type = ruleBase.optionTypes[index]
        // Positions count as in the version given: one that lacked options added since counts fewer.
        let earlier = version.flatMap { $0 < ruleBase.version && type.changed(since: $0) ? $0 : nil }
        let count = earlier.map(type.optionCount(inVersion:)) ?? type.options.count
        var choices: String {
            let positions = type.ordered ? " (or their positions, 1 to \(type.options.count))" : ""
            return "the options of '\(type.name)' are "
                + zip(type.options, type.labels).map { $0 == $1 ? $0 : "\($0) (\"\($1)\")" }.joined(separator: ", ") + positions
        }
        switch json {
        case .string(let raw):
            let text = raw.trimmingSpaces
            if let position = type.position(of: text) { return .success(.option(type: index, position: position)) }
            // A position as text, as CSV cells hold it: read as the same number in JSON would be.
            if type.ordered, let number = ProfileReader.position(text) {
                return option(.number(number), type: index, version: version)
            }
            let suggestion = Suggestions.didYouMean(text, in: type.options + type.labels)
            return .failure(Problem(.notAnOption(text, type: type.name, suggestion: suggestion), hint: choices))
        case .number(let number) where type.ordered:
            guard number == number.rounded(), number >= 1, number <= Double(count) else {
                let kind: ProfileDiagnostic = number == number.rounded()
                    ? .positionOutOfRange(number, type: type.name, count: count, version: earlier)
                    : .positionNotWhole(number, type: type.name, count: count, version: earlier)
                return .failure(Problem(kind, hint: choices))
            }
            let position = earlier.flatMap { type.position(number: Int(number), inVersion: $0) } ?? Int(number) - 1
            return .success(.option(type: index, position: position))
        default:
            return .failure(Problem(.notOption(type: type.name, describe(json)), hint: choices))
        }
    }

    /// A number written plainly (`4`, `4.0`, `-1`), as a scale position may be.
    private static func position(_ text: String) -> Double? {
        let digits = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        guard let first = digits.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"), digits.count < 20,
              digits.allSatisfy({ $0 == UInt8(ascii: ".") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }) else { return nil }
        return Double(text)
    }

    private func describe(_ json: JSON) -> String {
        switch json {
        case .string(let text): return "'\(text.quotable())'"
        case .number(let number): return formatNumber(number)
        case .boolean(let flag): return flag ? "true" : "false"
        default: return json.kindDescription
        }
    }
}

extension String {
    /// The string without leading and trailing white space.
    var trimmingSpaces: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        // Most answers have no surrounding space: skip the slower Unicode-aware path.
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
