extension TypeCheck {
    /// Checks `version`, `since` and `formerly` once every value is compiled, and resolves them.
    mutating func questionHistory(_ declarations: [Declaration], questionCount: Int) -> QuestionHistory {
        var history = QuestionHistory()
        var declared: VersionDeclaration?
        for case .version(let version) in declarations {
            if let first = declared {
                report(VersionDiagnostic.versionTwice, at: version.name.range,
                      notes: [.init(message: "the version is first declared here", range: first.name.range)])
                continue
            }
            declared = version
            history.version = version.number
        }
        for type in typeDeclarations {
            for option in type.options {
                guard let since = option.since, since.version > history.version else { continue }
                report(VersionDiagnostic.sinceAfterVersion(since.version, version: history.version, declared: declared != nil), at: since.range)
            }
        }
        history.entries = Array(repeating: QuestionHistory.Entry(), count: questionCount)
        var formerDeclarations: [String: Name] = [:]
        for slot in 0..<questionCount {
            guard case .question(let question) = slotDeclarations[slot] else { continue }
            var entry = QuestionHistory.Entry()
            for former in question.formerly {
                guard checkFormerName(former.name, of: question.name, first: formerDeclarations[former.name.text]) else { continue }
                formerDeclarations[former.name.text] = former.name
                history.formerSlots[former.name.text] = slot
                entry.formerNames.append(former.name.text)
                entry.formerAnswers[former.name.text] = formerAnswers(former, slot: slot)
            }
            if let since = question.since {
                if since.version > history.version {
                    report(VersionDiagnostic.sinceAfterVersion(since.version, version: history.version, declared: declared != nil), at: since.range)
                }
                entry.since = since.version
                entry.askedEarlier = !question.formerly.isEmpty || since.earlier != nil
                if let earlier = since.earlier, let typed = check(earlier, expected: .boolean),
                   requireType(typed, .boolean, at: earlier.range, context: "an 'earlier when' condition") {
                    entry.earlierCondition = typed.code
                }
            } else if question.formerly.contains(where: { !$0.answers.isEmpty }) {
                report(VersionDiagnostic.formerAnswersWithoutSince(question.name.text), at: question.name.range)
            }
            history.entries[slot] = entry
        }
        return history
    }

    /// Whether a former id can name this question: not a value of these rules, not metadata,
    /// not another question's former id.
    private mutating func checkFormerName(_ former: Name, of question: Name, first: Name?) -> Bool {
        if let first {
            report(VersionDiagnostic.formerIdTwice(former.text), at: former.range,
                  notes: [.init(message: "first given here", range: first.range)])
            return false
        }
        if former.text == question.text {
            report(VersionDiagnostic.formerIdIsOwnId, at: former.range)
            return false
        }
        if let slot = slotIndex[former.text] {
            let what = slotDeclarations[slot].kindName
            report(VersionDiagnostic.formerIdInUse(former.text, kind: what), at: former.range,
                  notes: [.init(message: "the \(what) is declared here", range: slotDeclarations[slot].name.range)])
            return false
        }
        if reservedNames.contains(former.text) {
            report(VersionDiagnostic.formerIdReserved(former.text), at: former.range)
            return false
        }
        return true
    }

    /// The former answers of `former` and the options of the question's type they map to.
    private mutating func formerAnswers(_ former: FormerName, slot: Int) -> [FormerValue: Int] {
        guard !former.answers.isEmpty, let type = slotTypes[slot] else { return [:] }
        let index: OptionTypeID
        switch type {
        case .option(let i), .set(let i): index = i
        default:
            report(VersionDiagnostic.formerAnswersWithoutOptions(slotDeclarations[slot].name.text, type: describe(type)), at: former.name.range)
            return [:]
        }
        let options = optionTypes[index]
        var map: [FormerValue: Int] = [:]
        var seen: Set<FormerValue> = []
        for (old, new) in former.answers {
            guard seen.insert(old).inserted else {
                report(VersionDiagnostic.formerAnswerTwice(old), at: new.range)
                continue
            }
            guard let position = options.options.firstIndex(of: new.text) else {
                let suggestion = Suggestions.didYouMean(new.text, in: options.options)
                report(VersionDiagnostic.unknownOption(new.text, type: options.name, suggestion: suggestion), at: new.range)
                continue
            }
            map[old] = position
        }
        return map
    }
}

extension FormerValue: CustomStringConvertible {
    /// As rule files write it.
    var description: String {
        switch self {
        case .boolean(let flag): return flag ? "true" : "false"
        case .number(let number): return formatNumber(number)
        case .text(let text): return "'\(text)'"
        }
    }
}
