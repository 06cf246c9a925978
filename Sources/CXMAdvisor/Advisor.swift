import CXMRules
import Foundation

/// The CXM advisor: a checked rule base (the bundled one, or one from a folder) and what can be
/// done with it.
///
/// ```swift
/// let advisor = try Advisor.bundled()
/// let (profile, _) = advisor.readProfile(Array(jsonData))
/// let report = advisor.assess(profile!)
/// print(ReportRenderer().render(report.assessment(), as: .text))
/// ```
public struct Advisor: Sendable {
    /// The checked rule base.
    public let ruleBase: RuleBase
    /// Warnings found while checking the rules.
    public let warnings: [Diagnostic]

    /// Wraps a checked rule base (checked with ``profileFormat`` for profiles with metadata).
    public init(ruleBase: RuleBase, warnings: [Diagnostic] = []) {
        self.ruleBase = ruleBase
        self.warnings = warnings
    }

    /// The metadata keys of the advisor's profiles, in the order saved profiles hold them: `id`,
    /// `name`, `segment`, `respondent` and `date` (when the answers were given).
    public static let metadataKeys = ["id", "name", "segment", "respondent", "date"]

    /// The keys of the advisor's profiles besides answers: the ``metadataKeys``, and a scenario
    /// file's `description` and `expect` (``Scenario/keys``), which ``Scenario`` reads. No
    /// question may be named so.
    public static let profileFormat = ProfileFormat(metadataKeys: Set(metadataKeys), otherKeys: Scenario.keys)

    /// The bundled rule base: the `rules/` folder of this package, embedded at build time.
    public static func bundled() throws(RuleBaseError) -> Advisor {
        let (ruleBase, diagnostics) = RuleBase.check(files: bundledFiles, format: profileFormat)
        guard let ruleBase else {
            throw RuleBaseError(message: "the bundled rules have errors", diagnostics: diagnostics, files: bundledFiles)
        }
        return Advisor(ruleBase: ruleBase, warnings: diagnostics)
    }

    /// The bundled rule files, named as in the source tree (`rules/NAME.cxm`).
    public static var bundledFiles: [SourceFile] {
        bundledRuleFiles.map { SourceFile(path: "rules/\($0.name)", text: $0.text) }
    }

    /// Loads and checks the rule files of a folder (see ``RuleFolder``).
    public init(rulesDirectory: URL, displayPath: String? = nil) throws(RuleBaseError) {
        try self.init(RuleFolder(directory: rulesDirectory, displayPath: displayPath ?? rulesDirectory.path))
    }

    /// Checks the rule files of a folder already read (with ``profileFormat``); its warnings
    /// come first.
    public init(_ folder: RuleFolder) throws(RuleBaseError) {
        let (ruleBase, warnings) = try RuleBase.load(folder, format: Advisor.profileFormat)
        self.init(ruleBase: ruleBase, warnings: warnings)
    }

    /// Reads a profile (JSON) against this rule base; see ``ProfileReader``.
    public func readProfile(_ bytes: [UInt8], allowing: Set<String> = []) -> (Profile?, [Diagnostic]) {
        ProfileReader(ruleBase: ruleBase).read(bytes, allowing: allowing)
    }

    /// Evaluates a profile.
    public func assess(_ profile: Profile, trace: Bool = false) -> Report {
        Report(ruleBase: ruleBase, profile: profile, evaluation: ruleBase.evaluate(profile.answers, spreads: profile.spreads, partial: profile.partial, trace: trace))
    }
}
