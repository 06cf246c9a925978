import CXMRules
import Foundation

/// The questionnaire of a rule base as a printable Markdown form, or as a JSON Schema for
/// profile files so that other tools can collect answers.
public struct QuestionnaireRenderer: Sendable {
    let ruleBase: RuleBase

    public init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    /// A printable form: the questions by playbook step and section, each with its help text,
    /// its options as boxes to tick, and its source.
    public func markdown() -> String {
        var out = "# CXM questionnaire\n\nAnswer what you know; leave the rest blank. Each question's id is the key in a profile file. "
            + "This is version \(ruleBase.version) of the questionnaire: a profile records it as `\(ProfileReader.versionKey)`, "
            + "and a script for `cxm ask` names it on its first line, `# cxm rules \(ruleBase.version)`.\n"
        var previous: QuestionInfo?
        let order = Questionnaire(ruleBase: ruleBase).order
        let numbers = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
        let dependencies = ruleBase.dependencies()
        for (number, slot) in order.enumerated() {
            let question = ruleBase.values[slot]
            guard let info = question.question else { continue }
            let headings = Questionnaire.headings(before: info, after: previous)
            previous = info
            if let step = headings.step { out += "\n## Step \(step)\(ruleBase.stepTitles[step].map { ". \($0)" } ?? "")\n" }
            if let section = headings.section { out += "\n### \(section)\n" }
            out += "\n**\(number + 1). \(info.text)** (`\(question.name)`)\n\n"
            if let help = question.help { out += "\(help)\n\n" }
            if let condition = info.condition {
                let questions = dependencies.questions(affecting: slot).filter { $0 != slot }.compactMap { numbers[$0].map { "\($0)" } }
                let see = questions.isEmpty ? "" : " (see question\(questions.count == 1 ? "" : "s") \(questions.joined(separator: ", ")))"
                out += "_Asked only when `\(condition)`\(see); skip it otherwise._\n\n"
            }
            out += answerLines(question)
            let citations = question.citations.map(ruleBase.reference(for:))
            if !citations.isEmpty { out += "\nSource: \(citations.joined(separator: "; "))\n" }
        }
        return out
    }

    /// A CSV template for `cxm batch`: a header row of the metadata keys and the question ids,
    /// in questionnaire order, then two comment rows (starting with `#`, which `cxm batch`
    /// skips): each column's question in a few words, and the answers it accepts.
    public func csvTemplate() -> String {
        let order = Questionnaire(ruleBase: ruleBase).order
        let metadata: [(key: String, about: String, answers: String)] = [
            ("id", "An id for the row", "any text"), ("name", "The firm's name", "any text"),
            ("segment", "The segment of the firm, if any", "any text"), ("respondent", "Who answered", "any text"),
            ("date", "When the answers were given", "a date, such as 2026-05-04"),
            (ProfileReader.versionKey, "The version of the questionnaire the answers follow", "\(ruleBase.version) (this version)"),
        ]
        var header = metadata.map(\.key), about = metadata.map(\.about), answers = metadata.map(\.answers)
        about[0] = "# " + about[0]
        answers[0] = "# " + answers[0]
        for slot in order {
            let question = ruleBase.values[slot]
            header.append(question.name)
            about.append((question.question?.short ?? question.name) + (question.question?.condition.map { " (only when \($0))" } ?? ""))
            answers.append(accepted(question))
        }
        // Quoted as `cxm batch --format csv` quotes its fields.
        let csv = BatchFormatter(format: .csv, ruleBase: ruleBase)
        return [header, about, answers].map { $0.map(csv.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// The answers a CSV column accepts, in words.
    private func accepted(_ question: ValueInfo) -> String {
        switch question.type {
        case .option(let type):
            let options = ruleBase.optionTypes[type]
            return "one of: " + options.options.joined(separator: " | ") + (options.ordered ? " (or 1 to \(options.options.count))" : "")
        case .set(let type):
            return "any of, separated by ;: " + ruleBase.optionTypes[type].options.joined(separator: " | ")
                + " (or none; end with ? when only some are known: a; b; ?)"
        case .boolean: return "yes or no"
        case .number:
            return question.range.map { "a number from \(formatNumber($0.lowerBound)) to \(formatNumber($0.upperBound))" } ?? "a number"
        case .text, .list: return "any text"
        }
    }

    private func answerLines(_ question: ValueInfo) -> String {
        switch question.type {
        case .option(let type):
            let options = ruleBase.optionTypes[type]
            return zip(options.options, options.labels).map { "- [ ] \($1) (`\($0)`)\n" }.joined()
        case .set(let type):
            let options = ruleBase.optionTypes[type]
            let hint = question.question?.text.contains("Choose all that apply") == true ? "" : "Choose all that apply.\n\n"
            return hint + zip(options.options, options.labels).map { "- [ ] \($1) (`\($0)`)\n" }.joined()
                + "- [ ] Perhaps others: I know only some of the answer\n"
        case .boolean:
            return "- [ ] Yes (`true`)\n- [ ] No (`false`)\n"
        case .number:
            if let range = question.range {
                return "A number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)): ________\n"
            }
            return "A number: ________\n"
        case .text, .list:
            return "________________________________________\n"
        }
    }

    /// A JSON Schema (draft 2020-12) for profile files of this rule base.
    ///
    /// - Throws: ``JSONEncodingFailure`` if a question's range holds a number that JSON cannot.
    public func jsonSchema() throws(JSONEncodingFailure) -> String {
        var properties: [String: Any] = [:]
        for key in ruleBase.profileFormat.metadataKeys.sorted() where key != ProfileReader.versionKey {
            properties[key] = ["type": ["string", "number", "null"], "description": "Metadata: the profile's \(key)."]
        }
        properties[ProfileReader.versionKey] = [
            "anyOf": [["type": "integer", "minimum": 1], ["type": "string", "pattern": "^[1-9][0-9]*$"], ["type": "null"]],
            "description": "Metadata: the version of the rules' questionnaire the answers were given under (these rules are version "
                + "\(ruleBase.version)); cxm ask records it. Profiles without it, or of an earlier version, are read as they are: "
                + "question and option ids of earlier versions are read as their current ones.",
        ]
        for question in ruleBase.questions {
            var schema = answerSchema(question)
            schema["description"] = [question.question?.text, question.help].compactMap { $0 }.joined(separator: " ")
            properties[question.name] = schema
            for former in question.question?.formerNames ?? [] {
                var old = answerSchema(question, former: former)
                old["deprecated"] = true
                old["description"] = "The id of '\(question.name)' before version \(question.question?.since ?? ruleBase.version); read as '\(question.name)'."
                properties[former] = old
            }
        }
        let document: [String: Any] = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "cxm profile",
            "description": "One firm's answers: question ids as keys. A missing key or null means the answer is unknown.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        ]
        do {
            let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return JSONText.escapingControls(String(decoding: data, as: UTF8.self)) + "\n"
        } catch {
            throw JSONEncodingFailure(message: "the schema \(error.localizedDescription)")
        }
    }

    /// The answers a question takes: its options' ids and labels, and the ids options had in
    /// earlier versions; under a former id of the question (`former`), also the answers that
    /// id took, where the rules map them.
    private func answerSchema(_ question: ValueInfo, former: String? = nil) -> [String: Any] {
        let formerAnswers = former.map { ruleBase.formerAnswers(of: question.name, former: $0) } ?? []
        if formerAnswers.contains(where: { $0 is Bool }) {
            var schema = answerSchema(question)
            schema = ["anyOf": [schema, ["type": "boolean"], ["enum": ["yes", "no"]]]]
            return schema
        }
        switch question.type {
        case .option(let type):
            let options = ruleBase.optionTypes[type]
            var choices: [Any] = Array(Set(options.options + options.labels + options.formerIds.keys + formerAnswers.compactMap { $0 as? String })).sorted()
            if options.ordered {
                return ["anyOf": [["enum": choices + [NSNull()]], ["type": "integer", "minimum": 1, "maximum": options.options.count]]]
            }
            choices.append(NSNull())
            return ["enum": choices]
        case .set(let type):
            let options = ruleBase.optionTypes[type]
            let list: [String: Any] = ["type": "array", "uniqueItems": true,
                                       "items": ["enum": Array(Set(options.options + options.labels + options.formerIds.keys + formerAnswers.compactMap { $0 as? String })).sorted()]]
            let keys = ProfileReader.partialKeys
            // "At least these; the rest I don't know": the options known to apply and those known not to.
            let partial: [String: Any] = [
                "type": "object", "additionalProperties": false,
                "properties": [keys.includes: list, keys.excludes: list],
                "description": "A partial answer: the options known to apply (\(keys.includes)) and those known not to (\(keys.excludes)); "
                    + "the others are unknown. Scores built from it are known within bounds.",
            ]
            return ["anyOf": [list, partial, ["type": "null"]]]
        case .boolean:
            return ["type": ["boolean", "null"]]
        case .number:
            var schema: [String: Any] = ["type": ["number", "null"]]
            if let range = question.range {
                schema["minimum"] = range.lowerBound
                schema["maximum"] = range.upperBound
            }
            return schema
        case .text, .list:
            return ["type": ["string", "null"]]
        }
    }
}
