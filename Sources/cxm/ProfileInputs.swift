import CXMAdvisor
import CXMRules
import Foundation

/// Reads every profile an input holds, for the commands that take several at once (`combine`,
/// `compare`): a profile file or a team file (several respondents' profiles; see ``TeamFile``),
/// a folder of them, a JSON Lines or CSV file, or standard input (`-`: JSON Lines, or CSV with
/// `--input-format csv`). Unlike `cxm batch`, which reports a bad record and goes on, one record
/// that cannot be read stops the command: a respondent or a firm left out would change what it
/// shows.
enum ProfileInputs {
    /// The most profiles read in one run: they are all held in memory.
    static let maximumProfiles = 10_000
    /// How many records with problems are shown; all are counted.
    static let problemsShown = 20

    /// The profiles of one input, in order.
    static func read(_ path: String, as format: BatchInput.Format?, advisor: Advisor, limit: Int = maximumProfiles) throws(CommandFailure) -> [Profile] {
        let reader = ProfileReader(ruleBase: advisor.ruleBase)
        var isFolder: ObjCBool = false
        let batch = path == "-" || format != nil || BatchInput.Format(extensionOf: path) != nil
            || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
        guard batch else {
            let file = try Input.read(path)
            let (profiles, diagnostics) = TeamFile.profiles(in: file.bytes, reader: reader, allowing: Scenario.keys)
            guard let profiles else {
                let errors = diagnostics.filter { $0.severity == .error }.count
                throw CommandFailure(.dataError, "\(file.path) has \(TextLayout.count(errors, "error")); fix the answers above and try again",
                                     details: Console.render(diagnostics, files: [file]))
            }
            guard profiles.count <= limit else { throw tooMany(path, limit: limit) }
            return profiles
        }
        var records: any BatchRecordSource
        do {
            records = try BatchInput.open(path, as: format, ruleBase: advisor.ruleBase, allowing: Scenario.keys)
        } catch {
            throw BatchCommand.failure(error)
        }
        Console.writeError(Console.render(records.warnings, files: []))
        var profiles: [Profile] = []
        var failed = 0
        var details = ""
        while true {
            let record: BatchRecord?
            do { record = try records.next() } catch { throw BatchCommand.failure(error) }
            guard let record else { break }
            let (read, diagnostics): ([Profile]?, [Diagnostic])
            if case .json = record.content {
                (read, diagnostics) = TeamFile.profiles(in: record.source.bytes, reader: reader, allowing: Scenario.keys)
            } else {
                let (profile, problems) = record.profile(reader, allowing: Scenario.keys)
                (read, diagnostics) = (profile.map { [$0] }, problems)
            }
            guard let read else {
                failed += 1
                if failed <= problemsShown {
                    details += Console.render(diagnostics.filter { $0.severity == .error }, files: [record.source])
                }
                continue
            }
            profiles += read
            guard profiles.count <= limit else { throw tooMany(path, limit: limit) }
        }
        guard failed == 0 else {
            let more = failed > problemsShown ? "… and \(TextLayout.grouped(failed - problemsShown)) more records that cannot be read (not shown)\n" : ""
            throw CommandFailure(.dataError, "\(TextLayout.count(failed, "record")) of \(path.printable()) cannot be read; fix \(failed == 1 ? "it" : "them") and try again",
                                 details: details + more)
        }
        return profiles
    }

    private static func tooMany(_ path: String, limit: Int) -> CommandFailure {
        CommandFailure(.dataError, "\(path.printable()) holds more than \(TextLayout.grouped(limit)) profiles, more than cxm holds in memory at once; "
                       + "split it (cxm batch assesses any number, one at a time)")
    }
}
