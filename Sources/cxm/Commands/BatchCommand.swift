import CXMAdvisor
import CXMRules
import Foundation

/// `cxm batch INPUT`: assesses many profiles, one row each, and summarises them.
enum BatchCommand {
    static let help = """
        Assess many profiles at once: one row per profile with its headline values
        (those the rules mark 'headline') and its numbers of recommendations and
        warnings, then a summary: how many were assessed and how each value is
        distributed.

        Usage: cxm batch INPUT [--format FORMAT] [--input-format csv|jsonl]
                               [--output FILE] [--rules DIR]

        INPUT is one of:
          FOLDER      its *.json profile (or scenario) files, in order of name
          FILE.jsonl  JSON Lines: one profile object per line (also .ndjson)
          FILE.csv    a header row of question ids (and id, name, segment,
                      respondent), then one profile per row: option ids or labels,
                      numbers, yes/no; an empty cell is a missing answer; several
                      options in one cell separated by ';' or ','. Fields are
                      separated by commas, or by semicolons if the header row has
                      semicolons and no commas (as spreadsheets set for a decimal
                      comma save CSV)
          -           standard input: JSON Lines, or CSV with --input-format csv

        A row's id is the profile's id, else its name, else its file name or line.
        A record that cannot be read (bad JSON, an unknown answer, a line over \(RecordLimit.maximumLength >> 20) MiB)
        is reported on standard error with its line, and the batch goes on; the first
        \(maximumErrorsShown) are shown, all are counted. An unknown CSV column stops the batch before any
        row is read, since its answers would be lost.

        Options:
          --format FORMAT  table (default): aligned text, one line per profile (80
                             columns, or as wide as the terminal), then a legend
                             and the summary
                           csv: a row per profile, option ids; summary on standard error
                           jsonl: a JSON object per profile; summary on standard error
                           json: one document {schemaVersion, rows, summary, failures}
                           html: one self-contained page: every firm or segment on
                             the matrix with arrows to the quadrants to aim for,
                             each headline value's distribution as a bar chart, and
                             the table (segments of one firm together); it prints
                             well and reads on a phone
          --input-format FORMAT
                           csv or jsonl: what FILE or standard input holds, whatever
                           its name says
          --output FILE    write to FILE instead of standard output (- for standard
                           output); a file is replaced only once the batch is
                           complete, keeping its permissions; a device or FIFO is
                           written as is
          --rules DIR      use the rule files in DIR instead of the bundled rule base

        Examples:
          cxm batch scenarios/
          cxm batch survey.csv --format csv --output results.csv
          cxm batch firms.jsonl --format jsonl
          cat firms.jsonl | cxm batch - --format json
          export-survey | cxm batch - --input-format csv
          cxm batch clients.csv --format html --output portfolio.html

        Exit codes:
          0   every record was assessed
          1   some records failed (each is reported on standard error)
          64  usage error
          65  unusable input, such as a CSV header row with an unknown column
          66  missing or unreadable input
          70  the results cannot be written as JSON (an internal error)
          73  the output file cannot be created, or is the input
          74  the output cannot be written, such as on a full disk (a closed
              pipe ends cxm quietly)

        """

    /// How many failed records are shown on standard error; all are counted.
    static let maximumErrorsShown = 20

    static func run(_ arguments: [String]) throws(CommandFailure) -> ExitCode {
        let parsed: Arguments
        let format: BatchFormatter.Format
        let inputFormat: BatchInput.Format?
        do {
            parsed = try Arguments(arguments, options: ["--format", "--input-format", "--output", "--rules"], flags: [])
            let name = try parsed.choice("--format", among: BatchFormatter.Format.allCases.map(\.rawValue), default: "table")
            format = BatchFormatter.Format(rawValue: name)!
            let input = try parsed.choice("--input-format", among: BatchInput.Format.allCases.map(\.rawValue), default: "")
            inputFormat = BatchInput.Format(rawValue: input)
        } catch {
            throw CommandFailure(.usage, error.message)
        }
        guard parsed.positionals.count == 1 else {
            throw CommandFailure(.usage, parsed.positionals.isEmpty
                ? "give the profiles to assess: a folder, a .jsonl or .csv file, or - for standard input"
                : "give one input at a time")
        }
        let input = parsed.positionals[0]
        // A rule base for each thread, checked at once: see BatchWorker.
        let advisors = try LoadRules.advisors(parsed.values["--rules"], count: ProcessInfo.processInfo.activeProcessorCount)
        let advisor = advisors[0]
        let target = try OutputTarget(parsed.values["--output"] ?? "-", option: "--output", example: "results.csv")
        var records = try open(input, as: inputFormat, advisor: advisor)
        Console.writeError(Console.render(records.warnings, files: []))
        var inputs = Inputs()
        var isFolder: ObjCBool = false
        if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
            inputs.add(folder: input, suffix: ".json")
        } else {
            inputs.add(file: input)
        }
        if let rules = parsed.values["--rules"] { inputs.add(folder: rules, suffix: ".\(RuleBase.fileExtension)") }
        try target.check(against: inputs)
        let output = try Output(target)
        // A table fits 80 columns, or a wider terminal it is shown on: ids and labels cut to
        // fit 80 columns then show whole.
        var width = TextLayout.columns
        if case .standardOutput = target.kind, let columns = Console.columns(STDOUT_FILENO) { width = max(width, columns) }
        let workers = BatchWorker.make(advisors: advisors, allowing: Scenario.keys, format: format, tableWidth: width)
        let formatter = BatchFormatter(format: format, ruleBase: advisor.ruleBase, width: width)
        let color = Console.wantsColor(STDERR_FILENO)
        var summary = BatchSummary(ruleBase: advisor.ruleBase)
        var page = format == .html ? BatchPage(advisor: advisor, title: "CXM portfolio: " + (input == "-" ? "standard input" : input).printable()) : nil
        do throws(CommandFailure) {
            try output.write(formatter.header())
            try BatchRunner(workers: workers).run(
                next: { () throws(CommandFailure) -> BatchRecord? in
                    do throws(BatchInputError) { return try records.next() } catch { throw failure(error) }
                },
                weight: { $0.length },
                transform: { $0.process($1, appendingTo: &$2) },
                emit: { (result: BatchResult, bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) in
                    summary.add(result, bytes: bytes)
                    switch result.outcome {
                    case .row(let row)?:
                        precondition(page != nil, "a whole row comes back only for an HTML page")
                        page?.add(row)
                    case nil:
                        try output.write(formatter.rowPrefix(summary.assessed - 1))
                        try output.write(result.row(bytes))
                    case .failure(let failed)?:
                        guard summary.failed <= maximumErrorsShown else { return }
                        try output.flush()  // so that on a terminal the error follows the rows before it
                        Console.writeError(DiagnosticRenderer(files: [failed.source], color: color).render(failed.diagnostics))
                    }
                })
            if let page {
                try output.write(page.render(summary))
            } else {
                try output.write(try CommandFailure.encoding(try formatter.footer(summary)))
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        if summary.failed > maximumErrorsShown {
            Console.writeError("… and \(TextLayout.grouped(summary.failed - maximumErrorsShown)) more records that failed (not shown)\n")
        }
        if !formatter.summaryInOutput {
            Console.writeError((summary.failed > 0 ? "\n" : "") + formatter.summaryText(summary))
        }
        if let path = parsed.values["--output"], path != "-" {
            Console.writeError("Wrote \(TextLayout.count(summary.assessed, "row")) to \(path.printable()).\n")
        }
        return summary.failed > 0 ? .findings : .success
    }

    /// Opens the input, or says why it cannot be used.
    static func open(_ path: String, as format: BatchInput.Format?, advisor: Advisor) throws(CommandFailure) -> any BatchRecordSource {
        do {
            return try BatchInput.open(path, as: format, ruleBase: advisor.ruleBase, allowing: Scenario.keys)
        } catch {
            throw failure(error)
        }
    }

    static func failure(_ error: BatchInputError) -> CommandFailure {
        let code: ExitCode = switch error.kind {
        case .missing, .unreadable: .noInput
        case .unsupported: .usage
        case .unusable: .dataError
        }
        return CommandFailure(code, error.message, diagnosticCode: error.code, details: Console.render(error.diagnostics, files: error.files))
    }
}
