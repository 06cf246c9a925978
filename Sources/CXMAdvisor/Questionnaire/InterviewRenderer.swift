import CXMRules

/// The text of a guided interview: each question with its progress and options, its help,
/// and the reasons an answer was not accepted. Plain text at 80 columns; bold headings and
/// questions with `color`.
public struct InterviewRenderer: Sendable {
    let ruleBase: RuleBase
    let color: Bool

    /// A renderer for the questions of `ruleBase`; `color` adds bold (for terminals).
    public init(ruleBase: RuleBase, color: Bool = false) {
        self.ruleBase = ruleBase
        self.color = color
    }

    /// How the interview works, before the first question.
    public func opening(_ interview: Interview, savedIn path: String) -> String {
        let applicable = interview.applicable
        let asked = applicable.filter { interview.answers[$0] != nil }.count
        let steps = Set(applicable.compactMap { ruleBase.values[$0].question?.step }).count
        let questions = "\(TextLayout.count(applicable.count, "question")) in \(TextLayout.count(steps, "playbook step"))"
        let status = asked == 0
            ? questions + (ruleBase.questions.contains { $0.question?.condition != nil } ? "; your answers may make some of them irrelevant." : ".")
            : "Continuing: \(asked) of \(questions) answered or skipped so far."
        return [status, "At each question, ? shows help, < goes back, - skips, Enter keeps the answer; " + InterviewRenderer.howToStop, "Every answer is saved in \(path) at once."]
            .map { TextLayout.wrap($0, indent: "", hanging: "") }.joined()
    }

    /// For an interview that follows an earlier version of the questionnaire (a script written
    /// for it), that it does, and what that means; for a resumed profile saved under ids of an
    /// earlier version, how its answers were read. Empty otherwise.
    public func versionNote(_ interview: Interview, declared: Bool) -> String {
        var out = ""
        if interview.version < ruleBase.version {
            let why = declared ? "This script was written for version \(interview.version) of the questionnaire"
                : "This script has no '# cxm rules N' first line, so it is read as written for version \(interview.version) of the questionnaire"
            out += TextLayout.wrap("\(why) (these rules are version \(ruleBase.version)): questions added since are not asked, and questions "
                                   + "changed since are asked as they were then.", indent: "", hanging: "")
        }
        if !interview.renamed.isEmpty {
            out += TextLayout.wrap("Answers saved under an earlier version were read as: "
                                   + interview.renamed.map(ruleBase.readAs).joined(separator: "; ") + ".", indent: "", hanging: "")
        }
        return out
    }

    /// The questions that apply but that the interview's earlier version of the questionnaire
    /// did not ask, and how to answer them; empty when there are none.
    public func newerQuestions(_ interview: Interview, resume: String) -> String {
        let newer = interview.newerQuestions
        guard !newer.isEmpty else { return "" }
        let names = newer.map { ruleBase.values[$0].question?.short ?? ruleBase.values[$0].name }.joined(separator: "; ")
        return "\n" + TextLayout.wrap("Not asked, being newer than version \(interview.version) of the questionnaire: \(names). "
                                      + "Answer them with: \(resume)", indent: "", hanging: "")
    }

    /// Where the answers and the full report are saved (`report` is `nil` when it could not be
    /// saved), after the summary.
    public func closing(answersIn path: String, reportIn report: String?) -> String {
        "\n" + TextLayout.wrap("Your answers are saved in \(path)" + (report.map { ", the full report in \($0)." } ?? "; the report could not be saved."),
                               indent: "", hanging: "")
    }

    /// A question: the step and section headings when they differ from those of `previous`
    /// (the question shown before it, if any), its progress, text, options and current answer.
    /// Steps are numbered as the rules number them, with their title (if the rules declare one)
    /// where the step begins: "Step 2 · Choose and align the CXM archetype · Your market".
    public func question(_ slot: SlotID, in interview: Interview, after previous: SlotID?) -> String {
        let value = ruleBase.values[slot]
        guard let info = value.question else { return "" }
        var out = ""
        let headings = Questionnaire.headings(before: info, after: previous.flatMap { ruleBase.values[$0].question })
        if headings.step != nil || headings.section != nil {
            var heading = "Step \(info.step)"
            if headings.step != nil, let title = ruleBase.stepTitles[info.step] { heading += " · \(title)" }
            if !info.section.isEmpty { heading += " · \(info.section)" }
            out += "\n" + bold(TextLayout.wrap(heading, indent: "", hanging: "  "))
        }
        let progress = interview.progress(of: slot)
        out += "\nQuestion \(progress.number) of \(progress.total) (\(value.name))\n"
        out += bold(TextLayout.wrap(info.text, indent: "", hanging: ""))
        switch value.type {
        case .option(let type):
            out += options(type)
        case .set(let type), .list(let type):
            out += options(type) + "  Several answers: separate them with commas or spaces; none for none of them.\n"
            if case .set = value.type {
                out += "  Only some known? End with ?, as in 1, 3, ? (the rest unknown).\n"
            }
        case .boolean:
            out += "  yes or no\n"
        case .number:
            out += value.range.map { "  a number from \(formatNumber($0.lowerBound)) to \(formatNumber($0.upperBound))\n" } ?? "  a number\n"
        case .text:
            break
        }
        if let current = interview.answers[slot] {
            let shown: String
            switch current {
            case .skipped: shown = "skipped (don't know)"
            case .given(let answer): shown = ruleBase.display(answer)
            case .partial(let partial): shown = ruleBase.display(partial)
            }
            out += TextLayout.wrap("Current answer: \(shown); Enter keeps it.", indent: "", hanging: "  ")
        }
        return out
    }

    /// The help on a question: its explanation, when it is asked, its sources, its options'
    /// names and how to answer.
    public func help(_ slot: SlotID) -> String {
        let value = ruleBase.values[slot]
        var out = value.help.map { TextLayout.wrap($0, indent: "  ", hanging: "  ") } ?? ""
        if let condition = value.question?.condition {
            out += TextLayout.wrap("Asked because the answers so far meet: \(condition)", indent: "  ", hanging: "    ")
        }
        for citation in value.citations {
            out += TextLayout.wrap("Source: \(ruleBase.reference(for: citation))", indent: "  ", hanging: "    ")
        }
        switch value.type {
        case .option(let type), .set(let type), .list(let type):
            out += TextLayout.wrap("Option names: \(ruleBase.optionTypes[type].options.joined(separator: ", "))", indent: "  ", hanging: "    ")
        case .boolean, .number, .text:
            break
        }
        return out + instructions(slot)
    }

    /// What the interview collected, after the last question, counted as the report counts it:
    /// of the questions that apply, how many were answered and how many skipped.
    public func summary(_ interview: Interview) -> String {
        let applicable = interview.applicable
        let answers = applicable.compactMap { interview.answers[$0] }
        let skipped = answers.filter { $0 == .skipped }.count
        // Questions newer than an earlier version the interview follows are said apart (at the end).
        let newer = interview.newerQuestions.count
        let notApplicable = ruleBase.questions.count - applicable.count - newer
        var notes: [String] = []
        if notApplicable > 0 { notes.append("\(TextLayout.count(notApplicable, "question")) did not apply") }
        if newer > 0 { notes.append("\(newer) \(newer == 1 ? "is" : "are") newer than the version followed") }
        let apart = notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
        return "\nDone: \(answers.count - skipped) of \(TextLayout.count(applicable.count, "question")) answered, \(skipped) skipped\(apart).\n"
    }

    /// What a reply did besides recording the answer: that a skip is saved as "don't know", and
    /// which questions the answer made irrelevant or brought in (`before` and `after`: the
    /// questions that applied before and after it), which the counter counts.
    public func afterReply(skipped: Bool, applicableBefore before: [SlotID], after: [SlotID]) -> String {
        var out = skipped ? "  Skipped: saved as “don't know”; you can come back to it with <.\n" : ""
        let gone = before.filter { !after.contains($0) }, added = after.filter { !before.contains($0) }
        func names(_ slots: [SlotID]) -> String {
            slots.map { ruleBase.values[$0].question?.short ?? ruleBase.values[$0].name }.joined(separator: "; ")
        }
        if !gone.isEmpty {
            let count = gone.count == 1 ? "1 question no longer applies" : "\(gone.count) questions no longer apply"
            out += TextLayout.wrap("Your answer means \(count) (now \(after.count) in all): \(names(gone)).", indent: "  ", hanging: "  ")
        }
        if !added.isEmpty {
            let count = added.count == 1 ? "1 more question applies" : "\(added.count) more questions apply"
            out += TextLayout.wrap("Your answer means \(count) (now \(after.count) in all): \(names(added)).", indent: "  ", hanging: "  ")
        }
        return out
    }

    /// Why an answer was not accepted (a ``Reply/invalid(_:code:)`` reason) with its code, as
    /// a sentence (`error[A0103]: 3.7 is not a whole number between 1 and 5.`), then how to
    /// answer and how to stop (unless `instructing` is false: when the reply was a command, not
    /// an answer), for someone who typed what they thought would end the interview.
    public func invalid(_ reason: String, code: DiagnosticCode, at slot: SlotID, instructing: Bool = true) -> String {
        TextLayout.wrap("error[\(code)]: \(reason)" + (reason.hasSuffix("?") ? "" : "."), indent: "  ", hanging: "  ")
            + (instructing ? instructions(slot) + "  " + InterviewRenderer.howToStop + "\n" : "")
    }

    /// How to stop the interview so that it can be continued.
    static let howToStop = "Ctrl-C or Ctrl-D stops, keeping your answers for --resume."

    /// Why an answer was not accepted, with its code, naming the question by its id and the
    /// start of its text (up to 48 characters), for a message about a line of scripted input:
    /// `error[A0102]: rivalry ("Competition in our main market is intense."): 'agre' is not one of …`.
    public func problem(_ reason: String, code: DiagnosticCode, at slot: SlotID) -> String {
        let value = ruleBase.values[slot]
        let text = value.question?.text ?? ""
        return "error[\(code)]: \(value.name) (\"\(text.count > 48 ? text.prefix(47) + "…" : text)\"): \(reason)"
    }

    private func instructions(_ slot: SlotID) -> String {
        TextLayout.wrap(ReplyParser(ruleBase: ruleBase).instructions(for: slot), indent: "  ", hanging: "  ")
    }

    /// The options, numbered, each label wrapped under its start.
    private func options(_ type: OptionTypeID) -> String {
        ruleBase.optionTypes[type].labels.enumerated().map { option in
            let number = "  \(option.offset + 1). "
            return TextLayout.wrap(option.element, indent: number, hanging: String(repeating: " ", count: number.count))
        }.joined()
    }

    /// Bold text (on a terminal); a final line break stays outside the style.
    private func bold(_ text: String) -> String {
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return TextStyle(enabled: color).bold(trimmed) + (text.hasSuffix("\n") ? "\n" : "")
    }
}
