// Assesses profiles with the bundled rule base and prints one line per firm: the headline
// values, then the first recommendation of each playbook step with its source. Shows the
// library API: load, read, assess, use the typed `Assessment`, render a report format.
import CXMAdvisor
import CXMRules
import Foundation

let advisor = try Advisor.bundled()
let paths = CommandLine.arguments.dropFirst()
guard !paths.isEmpty else {
    try? FileHandle.standardError.write(contentsOf: Data("usage: embed-advisor PROFILE.json…\n".utf8))
    exit(64)
}
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        try? FileHandle.standardError.write(contentsOf: Data("embed-advisor: cannot read \(path)\n".utf8))
        exit(66)
    }
    let (profile, diagnostics) = advisor.readProfile(Array(data), allowing: Scenario.keys)
    guard let profile else {
        let file = SourceFile(path: path, bytes: Array(data))
        try? FileHandle.standardError.write(contentsOf: Data(DiagnosticRenderer(files: [file]).render(diagnostics).utf8))
        exit(65)
    }
    let assessment = advisor.assess(profile).assessment
    print(assessment.profile["name"] ?? path)
    for conclusion in assessment.headline {
        print("  \(conclusion.label): \(conclusion.display)")
    }
    for step in assessment.steps {
        guard let first = step.recommendations.first else { continue }
        print("  Step \(step.number): \(first.text) [\(first.citations.map(\.reference).joined(separator: "; "))]")
    }
}
