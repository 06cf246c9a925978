import CXMAdvisor
import CXMRules
import Foundation

/// `cxm ask`: the guided questionnaire. Saves every answer at once, then prints and saves the
/// report.
enum AskCommand {
    static let help = """
        Answer the questionnaire question by question, in the order of the playbook
        steps, then get the report. Every answer is saved at once, so you can stop at
        any time (Ctrl-C or Ctrl-D) and continue later with --resume.

        Usage: cxm ask [--output FILE | --resume FILE] [--report FILE] [--rules DIR]

        At each question, type an option's number or name (where more than one may
        apply, several, separated by commas or spaces, or by ; alone, or none), yes or
        no, a number, or text; or
          ?      for help on the question
          <      to go back to the previous question
          -      to skip it (saved as null: don't know)
          Enter  to keep the current answer, when you come back to a question
        Questions that your answers make irrelevant are not asked.

        Without a terminal, the answers are read one per line from standard input, the
        first line being the firm's name (or empty), so that a session can be scripted;
        a line that is not an answer stops it there, with the answers before it saved.
        A script says which version of the questionnaire it was written for with a
        first line '# cxm rules N' ('cxm questions' shows the version); a script
        without one is read as written for version 1: the questions added since are
        not asked (the end of the session names them), and questions changed since
        are asked, and their answers read, as they were then.

        Options:
          --output FILE  where to save the answers (default: cxm-profile.json); the file
                         must not exist yet
          --resume FILE  continue the interview saved in FILE at its first open
                         question, then the next open ones (< goes back to others)
          --report FILE  where to save the report (default: beside the answers, named
                         like them with .report.txt); for a new interview the file must
                         not exist yet, with --resume it is replaced
          --rules DIR    use the rule files in DIR instead of the bundled rule base

        Exit codes: 0 done; 64 usage error; 65 the file to resume is not a valid
        profile, or a line of standard input is not an answer; 66 the file to resume is
        missing; 73 the file for the answers or the report exists already (for a new
        interview), cannot be created, or is being answered in another session; 74 a
        file or standard output could not be written; 75 the input ended before the
        last question, or Ctrl-D stopped it (the answers so far are saved); 130 Ctrl-C.

        Examples:
          cxm ask
          cxm ask --output acme.json
          cxm ask --resume acme.json
          cxm ask --output acme.json < answers.txt    # one answer a line, name first

        """

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: ["--output", "--resume", "--report", "--rules"], flags: [])
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        guard parsed.positionals.isEmpty else {
            throw CommandFailure(.usage, "'cxm ask' takes no arguments besides its options; to continue an interview, use --resume FILE")
        }
        guard parsed.values["--output"] == nil || parsed.values["--resume"] == nil else {
            throw CommandFailure(.usage, "give either --output FILE for a new interview or --resume FILE, not both")
        }
        for option in ["--output", "--resume", "--report"] where parsed.values[option] == "-" {
            throw CommandFailure(.usage, "\(option) needs a file: standard output shows the questions, and standard input holds the answers")
        }
        let resuming = parsed.values["--resume"] != nil
        let path = parsed.values["--resume"] ?? parsed.values["--output"] ?? "cxm-profile.json"
        let besideProfile = (path.hasSuffix(".json") ? String(path.dropLast(5)) : path) + ".report.txt"
        let reportPath = parsed.values["--report"] ?? besideProfile
        let advisor = try LoadRules.advisor(parsed.values["--rules"])
        var resume = "cxm ask --resume \(shellQuoted(path))"
        for option in ["--report", "--rules"] {
            if let value = parsed.values[option] { resume += " \(option) \(shellQuoted(value))" }
        }
        // Where the answers and the report go is checked before the first question, so that no
        // answer is lost and the report is not found unwritable only after the last one.
        let profile = try OutputTarget(path, option: resuming ? "--resume" : "--output", example: "cxm-profile.json")
        guard case .file(let existing) = profile.kind else {
            throw CommandFailure(.cannotCreate, "\(path) is not a regular file; the answers need one, saved anew after every answer")
        }
        if !resuming, existing != nil {
            throw CommandFailure(.cannotCreate, "\(path) exists already; continue it with '\(resume)', or give another file with --output FILE")
        }
        let report = try OutputTarget(reportPath, option: "--report", example: (besideProfile as NSString).lastPathComponent)
        guard !report.isSameFile(as: profile) else {
            throw CommandFailure(.usage, "the report cannot go into the profile's file, \(path)")
        }
        if !resuming, case .file(_?) = report.kind {
            throw CommandFailure(.cannotCreate, "\(reportPath) exists already; give the report another file with --report FILE, or remove it")
        }
        var inputs = Inputs()
        if let rules = parsed.values["--rules"] { inputs.add(folder: rules, suffix: ".\(RuleBase.fileExtension)") }
        try profile.check(against: inputs)
        try report.check(against: inputs)
        // Another session saving the same answers would lose one session's answers or the other's.
        let lock = try ProfileLock(profile)
        defer { lock.release() }
        var session = Session(interview: Interview(ruleBase: advisor.ruleBase), profile: profile, resume: resume,
                              renderer: InterviewRenderer(ruleBase: advisor.ruleBase, color: Console.wantsColor(STDOUT_FILENO)))
        if resuming {
            session.interview = try resumed(path, ruleBase: advisor.ruleBase, resume: resume)
        } else {
            let created: Bool
            do {
                created = try Output.create(profile, with: session.interview.json())
            } catch {
                let again = resume.replacingOccurrences(of: "cxm ask --resume ", with: "cxm ask --output ")
                throw CommandFailure(error.code, error.message, advice: "Nothing is saved yet; once the file can be written, start again with: \(again.printable())\n")
            }
            guard created else {
                throw CommandFailure(.cannotCreate, "\(path) exists already; continue it with '\(resume)', or give another file with --output FILE")
            }
        }
        Termination.onSignal(say: "\ncxm: interrupted.\n\(session.whereToContinue)")
        // A script may open with the version of the questionnaire it was written for.
        if session.echo {
            if let stopped = session.readScriptVersion() { return stopped }
            if session.interview.version != advisor.ruleBase.version { try session.save() }
        }
        Console.write(session.renderer.opening(session.interview, savedIn: path.printable()))
        Console.write(session.renderer.versionNote(session.interview, declared: session.declaredVersion))
        if !resuming {
            Console.write("\nThe firm's name (optional; Enter to leave it out)\n")
            guard let line = session.readLine() else { return session.stop(at: nil) }
            guard case .text(let name) = line else { return session.reject(AskCommand.tooLong, at: nil) }
            let trimmed = name.trimmingCharacters(in: .whitespaces).printable()
            if !trimmed.isEmpty && trimmed != "-" {
                session.interview.metadata["name"] = trimmed
                try session.save()
            }
        }
        let start = resuming ? session.interview.firstOpen : session.interview.next(after: nil)
        if let stopped = try session.ask(from: start) { return stopped }
        // The summary and the first actions on the screen; the full report in its file.
        let assessment = advisor.assess(session.interview.profile).assessment()
        let text = ReportRenderer(full: true).text(assessment)
        Console.write(session.renderer.summary(session.interview) + "\n"
                      + ReportRenderer(color: Console.wantsColor(STDOUT_FILENO)).opening(assessment))
        do {
            try Output.replace(report, with: text)
        } catch {
            // Nothing is lost: the full report goes to the screen instead.
            Console.write("\n" + text + session.renderer.closing(answersIn: path.printable(), reportIn: nil))
            throw error
        }
        Console.write(session.renderer.closing(answersIn: path.printable(), reportIn: reportPath.printable()))
        Console.write(session.renderer.newerQuestions(session.interview, resume: resume.printable()))
        return .success
    }

    /// The interview saved in `path`, to continue.
    private static func resumed(_ path: String, ruleBase: RuleBase, resume: String) throws(CommandFailure) -> Interview {
        guard path != "-" else { throw CommandFailure(.usage, "--resume needs a file; standard input holds the answers") }
        let file = try Input.read(path)
        let (interview, diagnostics) = Interview.resuming(file.bytes, ruleBase: ruleBase)
        guard let interview else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            throw CommandFailure(.dataError, "\(path) has \(TextLayout.count(errors, "error")); correct the file, then run '\(resume)' again",
                                 details: Console.render(diagnostics, files: [file]))
        }
        return interview
    }

    /// Why a line longer than ``AnswerReader/maximumLength`` is not read as an answer.
    static let tooLong = Reply.lineTooLong(maximumBytes: AnswerReader.maximumLength)

    /// A path as a shell reads it back: quoted when it holds anything but safe characters.
    private static func shellQuoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+=:,@%")
        return !text.isEmpty && text.allSatisfy(safe.contains) ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// One run of `cxm ask`: the interview, where it is saved, and the terminal.
private struct Session {
    var interview: Interview
    let profile: OutputTarget
    /// The command that continues the interview.
    let resume: String
    let renderer: InterviewRenderer
    /// Without a terminal, what is read is echoed after the prompt, so that the output reads as
    /// a transcript, and a line that is not an answer stops the session.
    let echo = isatty(STDIN_FILENO) == 0
    var input = AnswerReader()
    /// The lines read from standard input so far.
    var linesRead = 0
    /// A line read ahead (the first line of a script, when it is not a version line).
    var readAhead: AnswerReader.Line?
    /// Whether the script's first line declared the version it was written for.
    var declaredVersion = false

    /// Reads the version line that may open a script (`# cxm rules N`), and sets the version of
    /// the questionnaire the interview follows: N, or 1 for a script without one (written for
    /// the release before questionnaires had versions). Returns the exit code when the line
    /// names a version these rules do not have.
    mutating func readScriptVersion() -> ExitCode? {
        let latest = interview.ruleBase.version
        guard let line = input.next() else { return nil }
        guard case .text(let text) = line, let declared = Session.scriptVersion(text) else {
            readAhead = line
            interview.version = 1
            return nil
        }
        linesRead += 1
        guard let version = declared, (1...latest).contains(version) else {
            guard case .invalid(let reason, let code) = Reply.unknownScriptVersion(text, latest: latest) else { return .dataError }
            Console.writeError("<stdin>:1: error[\(code)]: \(reason.printable())\n")
            return .dataError
        }
        interview.version = version
        declaredVersion = true
        return nil
    }

    /// The version a script's line `# cxm rules N` declares: `nil` if the line is not such a
    /// line, `.some(nil)` if it is one without a valid number.
    static func scriptVersion(_ line: String) -> Int?? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("#") else { return nil }
        let words = text.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard words.count >= 2, words[0] == "cxm", words[1] == "rules" else { return nil }
        guard words.count == 3, let number = Int(words[2]) else { return .some(nil) }
        return .some(number)
    }

    var whereToContinue: String {
        "Your answers so far are saved in \(profile.path.printable()).\nContinue with: \(resume.printable())\n"
    }

    /// Asks the questions from `start` on, saving each answer. Returns `nil` when every question
    /// that applies is done, or else the exit code after saying why it stopped: the input ended,
    /// or, without a terminal, a line was not an answer (re-asking would shift every later
    /// answer onto the wrong question).
    mutating func ask(from start: SlotID?) throws(CommandFailure) -> ExitCode? {
        let parser = ReplyParser(ruleBase: interview.ruleBase, version: interview.version)
        var current = start
        var shown: SlotID?
        questions: while let slot = current {
            Console.write(renderer.question(slot, in: interview, after: shown))
            shown = slot
            while true {
                guard let line = readLine() else { return stop(at: slot) }
                var reply = AskCommand.tooLong
                if case .text(let text) = line { reply = parser.parse(text, for: slot, current: interview.answers[slot]) }
                if reply == .back && interview.previous(before: slot) == nil { reply = .noEarlierQuestion }
                switch reply {
                case .help:
                    Console.write(renderer.help(slot))
                    continue
                case .invalid(let reason, let code):
                    if echo { return reject(reply, at: slot) }
                    Console.write(renderer.invalid(reason, code: code, at: slot, instructing: reply != .noEarlierQuestion))
                    continue
                case .back:
                    current = interview.previous(before: slot)
                    continue questions
                case .keep:
                    current = interview.next(after: slot)
                    continue questions
                case .skip, .answer, .partial:
                    let before = interview.applicable
                    let wasOpen = interview.answers[slot] == nil
                    switch reply {
                    case .answer(let value): interview.record(.given(value), for: slot)
                    case .partial(let partial): interview.record(.partial(partial), for: slot)
                    default: interview.record(.skipped, for: slot)
                    }
                    Console.write(renderer.afterReply(skipped: reply == .skip, applicableBefore: before, after: interview.applicable))
                    try save()
                    // From a question still open, on to the next open one (a resumed interview
                    // skips what was answered before); from one answered before, on in order.
                    current = wasOpen ? interview.nextOpen(after: slot) : interview.next(after: slot)
                    continue questions
                }
            }
        }
        return nil
    }

    /// Prompts for and reads one line; `nil` at the end of the input.
    mutating func readLine() -> AnswerReader.Line? {
        Console.write(echo ? ">" : "> ")
        guard let line = readAhead ?? input.next() else {
            Console.write("\n")
            return nil
        }
        readAhead = nil
        linesRead += 1
        if echo {
            // Echoed as a transcript: without control characters, and a long line cut short.
            let text: String
            switch line {
            case .text(let line): text = line.count > 200 ? String(line.prefix(200)) + "… (\(TextLayout.grouped(line.utf8.count)) bytes)" : line
            case .tooLong(let start): text = start + "…"
            }
            Console.write((text.isEmpty ? "" : " " + text.printable()) + "\n")
        }
        return line
    }

    /// Saves the answers; if that fails, the error says that the answers before are kept.
    func save() throws(CommandFailure) {
        do {
            try Output.replace(profile, with: interview.json())
        } catch {
            throw CommandFailure(error.code, error.message, advice: "The answers before this one are saved in \(profile.path.printable()).\nContinue with: \(resume.printable())\n")
        }
    }

    /// Says where the input ended (on a terminal, where Ctrl-D stopped the session), where the
    /// answers are and how to continue.
    func stop(at slot: SlotID?) -> ExitCode {
        let place = slot.map { interview.progress(of: $0) }.map { "at question \($0.number) of \($0.total)" } ?? "before the first question"
        Console.writeError("cxm: \(echo ? "the input ended" : "stopped") \(place).\n\(whereToContinue)")
        return .incomplete
    }

    /// Says which line of the input is not an answer (`reply`, ``Reply/invalid(_:code:)``) to
    /// which question, and how to continue. `slot` is `nil` for the firm's name.
    func reject(_ reply: Reply, at slot: SlotID?) -> ExitCode {
        guard case .invalid(let reason, let code) = reply else { return .dataError }
        let problem = slot.map { renderer.problem(reason, code: code, at: $0) } ?? "error[\(code)]: the firm's name: \(reason)"
        let place = slot.map { interview.progress(of: $0) }.map { "at question \($0.number) of \($0.total)" } ?? "before the first question"
        Console.writeError("<stdin>:\(linesRead): \(problem.printable())\n"
                           + "cxm: stopped \(place) so that no answer goes to the wrong question.\n"
                           + whereToContinue)
        return .dataError
    }
}
