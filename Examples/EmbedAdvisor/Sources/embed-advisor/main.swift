// The README's "Use it from Swift" example, as another package that depends on cxm: it assesses
// the profiles named on its command line with the bundled rule base, from any folder.
import CXMAdvisor
import CXMRules    // the engine: SourceFile, DiagnosticRenderer, RuleBase
import Foundation

let advisor = try Advisor.bundled()                      // or Advisor(rulesDirectory: url)
var profiles: [Profile] = []
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        try? FileHandle.standardError.write(contentsOf: Data("cannot read \(path)\n".utf8))
        exit(66)
    }
    // Scenario.keys also accepts a scenario file's "description" and "expect".
    let (profile, problems) = advisor.readProfile(Array(data), allowing: Scenario.keys)
    guard let profile else {                             // problems: diagnostics with positions
        let file = SourceFile(path: path, bytes: Array(data))
        try? FileHandle.standardError.write(contentsOf: Data(DiagnosticRenderer(files: [file]).render(problems).utf8))
        exit(65)
    }
    profiles.append(profile)
    let assessment = advisor.assess(profile).assessment()  // typed, Codable, Sendable
    print(assessment.profile["name"] ?? path)
    for sentence in assessment.summary { print("  \(sentence.text)") }
    for (number, action) in assessment.firstActions.enumerated() {
        print("  \(number + 1). \(action.text) (\(action.why))")
    }
    // The report: .text, .markdown, .json or .html; ReportRenderer(full: true) for all of it.
    let markdown = try ReportRenderer().render(assessment, as: .markdown)
    print("  A \(markdown.count)-character Markdown report")
}
// Two profiles of one firm, a year apart: the way it has come (advisor.combine(profiles)
// would instead take them as several respondents' answers about one firm).
if profiles.count == 2 {
    let comparison = advisor.compare(profiles[0], profiles[1])
    print(comparison.unchanged ? "No change" : "\(comparison.answers.count) answers changed")
    for change in comparison.conclusions where change.shown {
        print("  \(change.label): \(change.fromDisplay) → \(change.toDisplay)")
    }
}
