import CXMRules

/// A file of several respondents' answers about one firm (or one segment of it): a JSON object
/// with the firm's metadata (`id`, `name`, `segment`, `date`) and `respondents`, a list of
/// profiles, each with its answers and its `respondent` label:
///
/// ```json
/// { "name": "Nordic Valves", "date": "2026-03",
///   "respondents": [ { "respondent": "CEO", "cx_as_advantage": "agree", … },
///                    { "respondent": "CX manager", "cx_as_advantage": "disagree", … } ] }
/// ```
///
/// `cxm combine` reads such files, and a scenario file may be one (with `description` and
/// `expect` beside `respondents`).
public enum TeamFile {
    /// The key that holds the respondents.
    public static let key = "respondents"

    /// The profiles in a JSON text: a team file's respondents, or a profile. Problems are
    /// reported with their positions; the profiles are returned only if there were no errors.
    public static func profiles(in bytes: [UInt8], reader: ProfileReader, allowing: Set<String> = []) -> ([Profile]?, [Diagnostic]) {
        let document: LocatedValue<JSON>
        do {
            document = try JSONReader.parse(bytes)
        } catch {
            return (nil, [error.diagnostic])
        }
        if holdsRespondents(document) { return read(document, reader: reader, allowing: allowing) }
        let (profile, diagnostics) = reader.read(document, allowing: allowing)
        return (profile.map { [$0] }, diagnostics)
    }

    /// Whether a parsed JSON document is a team file: an object with `respondents`.
    public static func holdsRespondents(_ document: LocatedValue<JSON>) -> Bool {
        guard case .object(let members) = document.value else { return false }
        return members.contains { $0.key.value == key }
    }

    /// Reads the respondents' profiles of a team file, each with the firm's metadata where it
    /// gives none of its own. Every problem is reported with its position; the profiles are
    /// returned only if there were no errors.
    ///
    /// - Parameter allowing: keys besides metadata and `respondents` that the top level may
    ///   hold and that are left to the caller (a scenario's `description` and `expect`).
    public static func read(_ document: LocatedValue<JSON>, reader: ProfileReader, allowing: Set<String> = []) -> ([Profile]?, [Diagnostic]) {
        guard case .object(let members) = document.value, let list = members.first(where: { $0.key.value == key }) else {
            return (nil, [Diagnostic(TeamDiagnostic.notATeamFile(key: key), at: document.range)])
        }
        // The top level holds the firm's metadata; answers belong to a respondent.
        let top = LocatedValue<JSON>(value: .object(members.filter { $0.key.value != key }), range: document.range)
        var (firm, diagnostics) = reader.read(top, allowing: allowing)
        if let firm, let answered = firm.answers.indices.first(where: { firm.answers[$0] != nil }) {
            let name = reader.ruleBase.values[answered].name
            let range = members.first { $0.key.value == name }?.key.range
            diagnostics.append(Diagnostic(TeamDiagnostic.answerAtTopLevel(name: name, key: key), at: range))
        }
        guard case .array(let items) = list.value.value, !items.isEmpty else {
            diagnostics.append(Diagnostic(TeamDiagnostic.respondentsNotList(key: key), at: list.value.range))
            return (nil, diagnostics)
        }
        var profiles: [Profile] = []
        for item in items {
            let (profile, problems) = reader.read(item)
            diagnostics += problems
            guard var profile else { continue }
            for (name, value) in firm?.metadata ?? [:] where name != "respondent" && profile.metadata[name] == nil { profile.metadata[name] = value }
            profiles.append(profile)
        }
        return diagnostics.hasErrors ? (nil, diagnostics) : (profiles, diagnostics)
    }
}
