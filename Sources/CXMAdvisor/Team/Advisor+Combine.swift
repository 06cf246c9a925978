import CXMRules

extension Advisor {
    /// Assesses several respondents of one firm (or one segment of it) together: their answers
    /// combined question by question (see `Combining` in `CXMRules`) and assessed as one
    /// profile, each respondent's own position on the matrix, and how far their answers spread.
    ///
    /// ```swift
    /// let team = advisor.combine([ceo, salesDirector, cxManager])
    /// print(team.agreement.text)
    /// print(try ReportRenderer().render(team, as: .text))
    /// ```
    ///
    /// - Parameters:
    ///   - respondents: their profiles, at least one; ``RespondentGroups/group(_:)`` sorts the
    ///     profiles of several firms into groups.
    ///   - anonymous: label the respondents R1…Rn in their order, rather than by the
    ///     `respondent` each profile gives.
    public func combine(_ respondents: [Profile], anonymous: Bool = false) -> TeamAssessment {
        precondition(!respondents.isEmpty, "combining needs at least one respondent")
        let labels = respondents.enumerated().map { index, profile in
            anonymous ? "R\(index + 1)" : profile.metadata["respondent"].flatMap { $0.isEmpty ? nil : $0 } ?? "R\(index + 1)"
        }
        let own = respondents.map { assess($0) }
        let combined = Self.combined(respondents, ruleBase: ruleBase)
        var assessment = assess(combined).assessment()
        assessment.profile = combined.metadata
        let members = zip(labels, own).enumerated().map { index, item in
            let count = item.1.answeredCount
            return TeamAssessment.Respondent(label: item.0, key: TeamAssessment.key(index), answered: count.answered,
                                             questionCount: count.applicable, position: item.1.matrixAlone()?.asIs)
        }
        let questions = spreads(respondents, labels: labels, combined: combined)
        let compared = questions.filter { $0.answers.count { $0.value != .unknown } > 1 }
        return TeamAssessment(
            schemaVersion: TeamAssessment.currentSchemaVersion, profile: combined.metadata, respondents: members,
            assessment: assessment,
            agreement: agreement(members, matrix: assessment.matrix, differing: compared.count { $0.spread > 0 }, compared: compared.count),
            questions: questions,
            rules: Combining.rules.map { TeamAssessment.CombinationRule(kind: $0.kind, combined: $0.combined, spread: $0.spread) })
    }

    /// The profile of the firm several respondents describe: their answers combined as
    /// ``combine(_:anonymous:)`` combines them (with their partial answers and spreads), and the
    /// firm's `id`, `name`, `segment` and dates. `cxm compare` reads a team file so.
    public func combinedProfile(_ respondents: [Profile]) -> Profile {
        precondition(!respondents.isEmpty, "combining needs at least one respondent")
        return Self.combined(respondents, ruleBase: ruleBase)
    }

    /// The respondents' answers combined, with their partial answers and spread, as one profile
    /// of the firm.
    static func combined(_ respondents: [Profile], ruleBase: RuleBase) -> Profile {
        var combined = ruleBase.combine(respondents)
        combined.metadata = firm(of: respondents)
        return combined
    }

    /// The firm the respondents describe: the first one's `id`, `name` and `segment`, and their
    /// dates ("FIRST to LAST" where they differ).
    static func firm(of respondents: [Profile]) -> [String: String] {
        var metadata = respondents[0].metadata.filter { ["id", "name", "segment"].contains($0.key) }
        let dates = Set(respondents.compactMap { $0.metadata["date"] }.filter { !$0.isEmpty }).sorted()
        if let first = dates.first { metadata["date"] = dates.count == 1 ? first : "\(first) to \(dates.last!)" }
        return metadata
    }

    /// Every question that at least one respondent answered, the most divided first.
    private func spreads(_ respondents: [Profile], labels: [String], combined: Profile) -> [TeamAssessment.QuestionSpread] {
        let spreads = ruleBase.questions.indices.compactMap { question -> (TeamAssessment.QuestionSpread, Double)? in
            let answers = respondents.map { $0.answers[question] }
            let partial = respondents.map { $0.partial[question] }
            guard answers.contains(where: { $0 != nil }) || partial.contains(where: { $0 != nil }) else { return nil }
            let spread = ruleBase.spread(of: answers, partial: partial, slot: SlotID(question))
            let value = combined.answers[question]
            let info = ruleBase.values[question]
            let open: String
            switch info.type {
            case .boolean, .option: open = "open: no majority"
            case .set where partial.contains(where: { $0 != nil }): open = "open: the options left unknown could tip every option"
            default: open = "open: the answers differ"
            }
            // A partial answer is shown as one ("Sales, and perhaps others (not IT)"); its value
            // in JSON is what is known of it, as in reports.
            let display = { (answer: Value?, partial: PartialSet?) in
                partial.map { ruleBase.display($0) } ?? ruleBase.inWords(answer, of: SlotID(question))
            }
            let combinedPartial = combined.partial[question]
            return (TeamAssessment.QuestionSpread(
                question: info.name, label: info.question?.short ?? info.name, combined: ruleBase.reportValue(value),
                combinedDisplay: value == nil && combinedPartial == nil ? open : display(value, combinedPartial),
                spread: spread.measure, spreadDisplay: spreadInWords(spread, answers, partial: partial, slot: question),
                answers: zip(labels, zip(answers, partial)).map { label, answer in
                    .init(respondent: label, value: ruleBase.reportValue(answer.0), display: display(answer.0, answer.1))
                },
                divided: divided(answers, partial: partial, labels: labels, slot: question)), relative(spread, slot: question))
        }
        return spreads.enumerated().sorted { ($1.element.1, $0.offset) < ($0.element.1, $1.offset) }.map(\.element.0)
    }

    /// A spread from 0 to about 1, so that questions of different kinds can be ordered by how
    /// divided their respondents are.
    private func relative(_ spread: Spread, slot: Int) -> Double {
        switch ruleBase.values[slot].type {
        case .option(let type) where ruleBase.optionTypes[type].ordered:
            return spread.measure / Double(max(1, ruleBase.optionTypes[type].options.count - 1))
        case .number:
            guard let range = ruleBase.values[slot].range, range.upperBound > range.lowerBound else { return spread.measure > 0 ? 1 : 0 }
            return spread.measure / (range.upperBound - range.lowerBound)
        case .set:
            return spread.measure * 2
        default:
            return spread.measure
        }
    }

    /// A spread in words: "all agree", "4 steps, from Disagree to Strongly agree", "1 of 3 gives
    /// another answer", "most divided on NPS: 2 of 4".
    private func spreadInWords(_ spread: Spread, _ answers: [Value?], partial: [PartialSet?], slot: Int) -> String {
        guard spread.known > 1 else { return "one answer" }
        guard spread.measure > 0 else { return spread.known == 2 ? "both agree" : "all \(spread.known) agree" }
        let known = answers.compactMap { $0 }
        switch ruleBase.values[slot].type {
        case .option(let type) where ruleBase.optionTypes[type].ordered:
            let positions = known.compactMap { if case .option(_, let p) = $0 { p } else { nil } }
            let labels = ruleBase.optionTypes[type].labels
            return "\(TextLayout.count(Int(spread.measure), "step")) apart, from \(labels[positions.min()!]) to \(labels[positions.max()!])"
        case .number:
            let numbers = known.compactMap { if case .number(let n) = $0 { n } else { nil } }
            return "\(formatNumber(spread.measure)) apart, from \(formatNumber(numbers.min()!)) to \(formatNumber(numbers.max()!))"
        case .set:
            let options = divided(answers, partial: partial, labels: [], slot: slot) ?? []
            return "divided on \(TextLayout.count(options.count, "option"))"
        default:
            let others = known.count - Int((1 - spread.measure) * Double(known.count) + 0.5)
            return "\(others) of \(known.count) \(others == 1 ? "gives" : "give") another answer"
        }
    }

    /// For a multiple-choice question, the options some respondents chose and others did not,
    /// the most divided first, each with those who chose it (surely, with a partial answer) of
    /// those who know whether they chose it; `nil` for other questions.
    private func divided(_ answers: [Value?], partial: [PartialSet?], labels: [String], slot: Int) -> [TeamAssessment.QuestionSpread.Divided]? {
        guard case .set(let type) = ruleBase.values[slot].type else { return nil }
        let labels = labels.isEmpty ? answers.map { _ in "" } : labels
        let options = ruleBase.optionTypes[type].options.indices.compactMap { position -> TeamAssessment.QuestionSpread.Divided? in
            let bit: UInt64 = 1 << UInt64(position)
            var (chosenBy, known) = ([String](), 0)
            for (label, (answer, partial)) in zip(labels, zip(answers, partial)) {
                if case .set(_, let mask)? = answer {
                    known += 1
                    if mask & bit != 0 { chosenBy.append(label) }
                } else if let partial, (partial.includes | partial.excludes) & bit != 0 {
                    known += 1
                    if partial.includes & bit != 0 { chosenBy.append(label) }
                }
            }
            guard !chosenBy.isEmpty, chosenBy.count < known else { return nil }
            return .init(option: ruleBase.optionTypes[type].options[position], label: ruleBase.optionTypes[type].labels[position],
                         chosenBy: chosenBy, of: known)
        }
        return options.enumerated().sorted {
            (abs(2 * $0.element.chosenBy.count - $0.element.of), $0.offset) < (abs(2 * $1.element.chosenBy.count - $1.element.of), $1.offset)
        }.map(\.element)
    }

    /// Where the respondents' own answers place the firm, in a sentence.
    private func agreement(_ respondents: [TeamAssessment.Respondent], matrix: Assessment.Matrix?, differing: Int,
                           compared: Int) -> TeamAssessment.Agreement {
        var quadrants: [TeamAssessment.Agreement.Quadrant] = []
        var open: [String] = []
        for quadrant in matrix?.quadrants ?? [] {
            let members = respondents.filter { $0.position?.option == quadrant.option }.map(\.label)
            if !members.isEmpty { quadrants.append(.init(option: quadrant.option, label: quadrant.label, respondents: members)) }
        }
        if matrix != nil { open = respondents.filter { $0.position?.option == nil }.map(\.label) }
        var text: String
        let differ = compared == 0 ? "" : differing == 0 ? " Their answers agree on every question two or more answered."
            : " Their answers differ on \(differing) of the \(TextLayout.count(compared, "question")) two or more answered."
        if respondents.count == 1 {
            text = "One respondent: there is no one to compare with, so the assessment is theirs."
            return .init(text: text, split: false, quadrants: quadrants, open: open, differing: 0, compared: 0)
        }
        let who = { (names: [String]) in "(" + names.joined(separator: "; ") + ")" }
        switch quadrants.count {
        case 0:
            text = matrix == nil ? "Your \(respondents.count) respondents' answers are combined." : "No respondent's own answers place the firm yet."
        case 1 where open.isEmpty:
            text = "All \(respondents.count) respondents' own answers place the firm in \(quadrants[0].label)."
        case 1:
            text = "The respondents' own answers that place the firm all place it in \(quadrants[0].label) \(who(quadrants[0].respondents))."
        default:
            let parts = quadrants.map { "\($0.label) \(who($0.respondents))" }
            text = "Your \(respondents.count) respondents' own answers place the firm in \(quadrants.count) different quadrants: "
                + ReportText.both(parts) + "."
        }
        if !open.isEmpty, !quadrants.isEmpty {
            text += " Missing answers leave open where \(open.count == 1 ? "1 respondent places" : "\(open.count) respondents place") it \(who(open))."
        }
        return .init(text: text + differ, split: quadrants.count > 1, quadrants: quadrants, open: open, differing: differing, compared: compared)
    }
}

extension TeamAssessment {
    /// The key of the respondent at this index on the text matrix: 1–9, then A–Z, then `•`.
    static func key(_ index: Int) -> String {
        let keys = Array("123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < keys.count ? String(keys[index]) : "•"
    }
}
