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

    /// The profiles of one input, in order. With `combiningTeams`, each team file (or JSON
    /// Lines record of one) of several respondents is read as one profile of their firm, their
    /// answers combined as `cxm combine` combines them, and a note on standard error says so.
    static func read(_ path: String, as format: BatchInput.Format?, advisor: Advisor, limit: Int = maximumProfiles,
                     combiningTeams: Bool = false) throws(CommandFailure) -> [Profile] {
        var teams: [Int] = []
        /// A team's respondents, or with `combiningTeams` their firm's one profile.
        func team(_ profiles: [Profile]) -> [Profile] {
            guard combiningTeams, profiles.count > 1 else { return profiles }
            teams.append(profiles.count)
            return [advisor.combinedProfile(profiles)]
        }
        defer {
            if teams.count == 1 {
                Console.writeError("cxm: note: \(path.printable()) is a team of \(teams[0]) respondents; read as their combined answers, as cxm combine combines them\n")
            } else if teams.count > 1 {
                Console.writeError("cxm: note: \(path.printable()) holds \(teams.count) teams of several respondents; each read as their combined answers, as cxm combine combines them\n")
            }
        }
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
            return team(profiles)
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
                let (profiles, problems) = TeamFile.profiles(in: record.source.bytes, reader: reader, allowing: Scenario.keys)
                (read, diagnostics) = (profiles.map(team), problems)
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
        CommandFailure(.dataError, BatchDiagnostic.tooManyProfiles(path: path, limit: TextLayout.grouped(limit)).entry)
    }
}
